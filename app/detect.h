/* SPDX-License-Identifier: MIT */
/*
 * detect.h - what gen decides from an app: framework, Ruby version,
 * platform problems, and the system packages its gems need.  Every
 * decision carries its reason, for --plan and the generated comments.
 */
#ifndef DW_DETECT_H
#define DW_DETECT_H

#include "config.h"
#include "lockfile.h"

typedef struct dw_app {
	const char *dir;
	dw_lockfile *lock;       /* NULL when the app has no Gemfile.lock */
	dw_gemfile gemfile;      /* zeroed when there is no Gemfile */
	bool has_gemfile;
	char *ruby_version_file; /* .ruby-version content (trimmed), or NULL */
	char *tool_versions_ruby;/* the ruby line of .tool-versions, or NULL */
	/* (added) */
	uint32_t tool_versions_line;  /* line of that ruby entry */
	char *ruby_file_version; /* the version in the Gemfile's `ruby file:`, or NULL */
	dw_strv installed;       /* what bundle install installs, sorted (dw_app_select) */
	dw_strv left_out;        /* direct dependencies BUNDLE_WITHOUT leaves out */
	bool selected;           /* dw_app_select has run */
} dw_app;

/* Read Gemfile, Gemfile.lock, .ruby-version and .tool-versions of dir
 * (and the file a Gemfile's `ruby file:` names).  Missing files leave
 * their fields NULL; unreadable files and a malformed lock are errors. */
int dw_app_load(dw_app *app, const char *dir, dw_diags *d);
void dw_app_free(dw_app *app);
/* "dir/name", or "name" when dir is "." (for diagnostics). (added) */
void dw_app_path(const dw_app *app, const char *name, dw_buf *out);
/* Is name (relative to the app) there: a regular file when regular, else
 * anything? */
bool dw_app_has(const dw_app *app, const char *name, bool regular);
/* Append the names of sub's entries ("" = the app's top level) that end
 * in suffix and do not start with a dot, as "sub/name", sorted. */
void dw_app_list(const dw_app *app, const char *sub, const char *suffix, dw_strv *out);
/* Work out what `bundle install` installs with BUNDLE_WITHOUT=without
 * (groups separated by ':', ',' or spaces): every direct dependency
 * unless all of its Gemfile groups are left out, and everything those
 * depend on, as Bundler does.  Without a lock, the Gemfile's gems. */
void dw_app_select(dw_app *app, const char *without);
/* Does bundle install install gem?  Before dw_app_select: is it in the
 * lock at all. */
bool dw_app_installs(const dw_app *app, const char *gem);
/* The lock's spec of gem when bundle install installs it, else NULL. */
const dw_spec *dw_app_spec(const dw_app *app, const char *gem);
/* Is gem a direct dependency that bundle install installs (in DEPENDENCIES,
 * or the Gemfile without a lock, and not left out by its groups)? */
bool dw_app_direct(const dw_app *app, const char *gem);
/* Is name a direct dependency that BUNDLE_WITHOUT leaves out? */
bool dw_app_left_out(const dw_app *app, const char *name);

typedef struct dw_framework {
	const char *name;        /* "rails", "hanami", "sinatra", "rack", or NULL */
	const char *reason;      /* "rails is in DEPENDENCIES" */
	const char *env_var;     /* "RAILS_ENV", ... or NULL */
} dw_framework;

void dw_detect_framework(const dw_app *app, dw_framework *fw);

/* The Lambda handler the image runs (CMD), why, and the file gen provides
 * for it in the app (the build context) when the app has none. */
typedef struct dw_handler {
	char *name;              /* "handlers/dockwright_rack.lambda_handler" */
	const char *source;      /* "config", "jets", "app", "rack" */
	char *reason;
	const char *path;        /* file gen writes, relative to the app, or NULL */
	const char *data;        /* the built-in data file it is a copy of */
	const char *what;        /* "Jets 6 handler", "Rack adapter" */
	const char *env_name;    /* set to "production" in the image, or NULL */
} dw_handler;

/* configured: dockerfile.handler, or NULL.  Order: configured, Jets 6+
 * (Jets 5 and older are an error), the app's own handler (exactly one
 * method taking event: and context: in a top-level .rb file or one in
 * handlers/), config.ru (the Rack adapter); else an error naming the key. */
int dw_handler_resolve(const dw_app *app, const char *configured, dw_handler *h,
                       dw_diags *d);
void dw_handler_free(dw_handler *h);
/* Was this file written by dockwright (its first lines say so)? */
bool dw_handler_generated(const char *text, size_t len);

typedef struct dw_ruby {
	char *version;           /* "3.3.6" */
	const char *source;      /* "dockwright.yml", "Gemfile", "Gemfile.lock",
	                            ".tool-versions", ".ruby-version", "default" */
} dw_ruby;

/* Config > Gemfile ruby (or its file:) > lock RUBY VERSION > .tool-versions
 * > .ruby-version > 3.2.3.  A warning for each source that disagrees. */
void dw_detect_ruby(const dw_app *app, const dw_config *c, dw_ruby *out, dw_diags *d);
void dw_ruby_free(dw_ruby *r);

/* Check the lock against the image's platform as Bundler's deployment
 * mode will: an error (with the exact `bundle lock --add-platform` fix)
 * when it lists neither that platform nor ruby, or when
 * force_ruby_platform has no ruby platform to use; a warning per
 * installed gem locked only for desktop platforms.  -1 on errors. */
int dw_detect_platforms(const dw_app *app, const dw_config *c, dw_diags *d);
/* "x86_64" or "aarch64", from docker.platform (c may be NULL). */
const char *dw_target_cpu(const dw_config *c);

/* A package and why it is needed. */
typedef struct dw_pkg {
	char *name;
	dw_strv reasons;         /* "gem pg", "dockerfile.apt.packages.build_stage" */
} dw_pkg;

typedef struct dw_pkgs {
	dw_pkg *v;
	size_t n, cap;
} dw_pkgs;

typedef enum dw_pkg_family {
	DW_PKG_APT,              /* Debian (ruby:*-slim) */
	DW_PKG_YUM,              /* Amazon Linux 2 (Lambda Ruby 3.2) */
	DW_PKG_DNF               /* Amazon Linux 2023 (Lambda Ruby 3.3+) */
} dw_pkg_family;

/* The distribution of the base image.  It picks the package manager and
 * the package names: Debian renames libraries between releases (libicu72
 * in bookworm is libicu76 in trixie), and Amazon Linux 2 and 2023 differ. */
typedef enum dw_distro {
	DW_DISTRO_BOOKWORM,      /* Debian 12 */
	DW_DISTRO_TRIXIE,        /* Debian 13 */
	DW_DISTRO_AL2,           /* Amazon Linux 2: Lambda Ruby 3.2, yum */
	DW_DISTRO_AL2023,        /* Amazon Linux 2023: Lambda Ruby 3.3+, dnf */
	DW_DISTRO_BULLSEYE,      /* Debian 11: ruby 3.0.2-3.0.5, 3.1.0-3.1.3, 3.2.0-3.2.1 */
	DW_NDISTRO
} dw_distro;

/* "bookworm", "trixie", "al2", "al2023", "bullseye" */
const char *dw_distro_name(dw_distro d);
/* The rules/gems.yaml column: "apt", "trixie", "yum", "dnf", "bullseye". */
const char *dw_distro_column(dw_distro d);
dw_pkg_family dw_distro_family(dw_distro d);
/* The distribution whose column a stage falls back to when d's column
 * does not set it (bookworm for trixie and bullseye; itself otherwise). */
dw_distro dw_distro_parent(dw_distro d);
/* The major version of the distribution's nodejs package ("18"), or NULL
 * for Amazon Linux. */
const char *dw_distro_nodejs(dw_distro d);
/* The Debian release of a docker-library ruby image, from its tag and
 * variant ("3.4.7" + "slim", "3.3" + "slim-bookworm").  Sets *why to a
 * static explanation. */
dw_distro dw_distro_of_ruby_tag(const char *tag, const char *variant, const char **why);
/* Is the docker-library ruby image of this tag and variant built on
 * Debian 10 buster, whose packages are gone from deb.debian.org (so the
 * image's apt-get update fails)?  ruby:3.0.0 and 3.0.1 are. */
bool dw_ruby_tag_on_buster(const char *tag, const char *variant);/* The same for a whole image reference, when it names the docker-library
 * ruby image ("ruby:3.4", "docker.io/library/ruby:3.4-slim"); false for
 * any other image, whose tag says nothing about its Debian release. */
bool dw_distro_of_image(const char *image, dw_distro *out, const char **why);
/* dw_ruby_tag_on_buster for a whole image reference; false for an image
 * that is not the docker-library ruby image. */
bool dw_image_on_buster(const char *image);

typedef struct dw_gemmap dw_gemmap;

/* Load rules/gems.yaml (the gem -> packages table): the built-in copy (or
 * $DOCKWRIGHT_DATADIR's) when path is NULL or "rules/gems.yaml", else the
 * file at path. */
dw_gemmap *dw_gemmap_load(const char *path, dw_diags *d);
/* The same from text, for tests and rule packs. (added) */
dw_gemmap *dw_gemmap_parse(const char *src, size_t len, const char *path, dw_diags *d);
void dw_gemmap_free(dw_gemmap *m);

/* Packages for the build and the deployment stage: detected from every
 * gem in the lock (transitively) when auto_packages, plus the configured
 * lists; sorted by name, each with all its reasons.  A gem whose packages
 * the distribution lacks adds an error at its Gemfile.lock line to
 * unavailable (if not NULL). */
void dw_detect_packages(const dw_app *app, const dw_config *c, const dw_gemmap *m,
                        dw_distro dist, dw_pkgs *build, dw_pkgs *deploy,
                        dw_diags *unavailable);
void dw_pkgs_free(dw_pkgs *p);
/* Add a package (or one more reason for it); keeps the list sorted. */
void dw_pkgs_add(dw_pkgs *p, const char *name, const char *reason);

#endif
