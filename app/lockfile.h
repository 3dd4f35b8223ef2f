/* SPDX-License-Identifier: MIT */
/*
 * lockfile.h - Gemfile.lock and the few facts of a Gemfile that matter.
 */
#ifndef DW_LOCKFILE_H
#define DW_LOCKFILE_H

#include "dockwright.h"

typedef enum dw_source_kind {
	DW_SRC_GEM,
	DW_SRC_GIT,
	DW_SRC_PATH
} dw_source_kind;

typedef struct dw_source {
	dw_source_kind kind;
	const char *remote;     /* GEM/GIT remote, PATH path */
	const char *revision;   /* GIT only */
	const char *ref;        /* GIT branch/tag/ref, or NULL */
	uint32_t line;
} dw_source;

typedef struct dw_spec {
	const char *name;
	const char *version;    /* "1.16.0" */
	const char *platform;   /* "x86_64-linux", NULL for the ruby platform */
	const char **deps;      /* names of its dependencies */
	size_t ndeps;
	size_t source;          /* index into dw_lockfile.sources */
	uint32_t line;
} dw_spec;

typedef struct dw_lockdep {
	const char *name;
	const char *requirement; /* "~> 7.1", or NULL */
	bool pinned;             /* "!": from a GIT or PATH source */
	uint32_t line;
} dw_lockdep;

typedef struct dw_lockfile {
	const char *path;
	dw_source *sources;
	size_t nsources;
	dw_spec *specs;          /* in file order; a gem may appear once per platform */
	size_t nspecs;
	const char **platforms;
	size_t nplatforms;
	uint32_t platforms_line;  /* the PLATFORMS header, 0 when absent (added) */
	dw_lockdep *deps;        /* DEPENDENCIES, in file order */
	size_t ndeps;
	const char *ruby_version; /* RUBY VERSION, as written ("ruby 3.3.6p108"), or NULL */
	uint32_t ruby_version_line;
	const char *bundled_with;
	uint32_t bundled_with_line;
	bool has_checksums;
	size_t *by_name;         /* spec indices sorted by name, then file order */
	dw_arena *arena;
} dw_lockfile;

/* Parse a Gemfile.lock (Bundler 1.x to 4.x).  Malformed input is an error
 * at path:line:col and gives NULL. */
dw_lockfile *dw_lockfile_parse(const char *src, size_t len, const char *path, dw_diags *d);
void dw_lockfile_free(dw_lockfile *lf);
/* The first spec of that name (any platform), or NULL. */
const dw_spec *dw_lockfile_find(const dw_lockfile *lf, const char *name);
/* The specs named `name` (one per platform) are
 * lf->specs[lf->by_name[*from + k]] for k < the count returned. */
size_t dw_lockfile_range(const dw_lockfile *lf, const char *name, size_t *from);
/* Is the gem a direct dependency (DEPENDENCIES)? */
bool dw_lockfile_direct(const dw_lockfile *lf, const char *name);
/* The gem and everything it depends on, transitively: callback per gem
 * name once, in a deterministic order (file order of specs). */
void dw_lockfile_closure(const dw_lockfile *lf, void (*fn)(void *ctx, const dw_spec *s), void *ctx);
/* The same walk, breadth-first from DEPENDENCIES in file order; `via` is
 * the direct dependency through which the gem was first reached (the
 * gem's own name when it is direct). (added) */
void dw_lockfile_closure_via(const dw_lockfile *lf,
                             void (*fn)(void *ctx, const dw_spec *s, const char *via), void *ctx);
/* The same, from only those DEPENDENCIES for which root(ctx, name) is
 * true (all of them when root is NULL). */
void dw_lockfile_closure_from(const dw_lockfile *lf, bool (*root)(void *ctx, const char *name),
                              void (*fn)(void *ctx, const dw_spec *s, const char *via),
                              void *ctx);

/* RubyGems versions and requirements. (added) */
/* <0, 0, >0 as Gem::Version#<=> ("1.0" == "1.0.0", "1.0.a" < "1.0"). */
int dw_version_cmp(const char *a, const char *b);
/* Does version satisfy every part of "~> 3.3, >= 3.3.1"?  An empty or
 * NULL requirement matches everything. */
bool dw_requirement_match(const char *req, const char *version);
bool dw_requirement_valid(const char *req);

/* A file the Gemfile needs at bundle install: `ruby file:`, File.read,
 * eval_gemfile, require_relative, a gem's path: option.  Paths are as
 * written, relative to the Gemfile's folder.  A read whose argument is
 * not a plain literal is kept with path NULL, to be warned about. */
typedef struct dw_gemfile_read {
	char *path;
	uint32_t line;
	const char *how;         /* "ruby file:", "File.read", "eval_gemfile", ... */
} dw_gemfile_read;

/* What a Gemfile says that the lockfile does not. */
typedef struct dw_gemfile {
	char *ruby_version;      /* ruby '3.3.6' / ruby "~> 3.3", or NULL */
	char *ruby_file;         /* ruby file: ".ruby-version", or NULL */
	uint32_t ruby_line;
	dw_strv gems;            /* gem names in order of appearance */
	dw_strv *groups;         /* groups[i]: the groups of gems.v[i]; empty = default */
	uint32_t *gem_lines;     /* gem_lines[i]: the line of gems.v[i] */
	dw_gemfile_read *reads;
	size_t nreads;
} dw_gemfile;

/* The groups a Gemfile puts gem in, or NULL when it does not name it. */
const dw_strv *dw_gemfile_groups(const dw_gemfile *g, const char *gem);

int dw_gemfile_parse(const char *src, size_t len, const char *path, dw_gemfile *g, dw_diags *d);
void dw_gemfile_free(dw_gemfile *g);

#endif
