/* SPDX-License-Identifier: MIT */
/*
 * lockfile.c - a Gemfile.lock reader.
 *
 * The format is Bundler's: sections start at column 1 with an upper-case
 * header; inside GEM, GIT and PATH, two spaces indent the source options
 * ("remote:", "revision:", "specs:"), four spaces a spec "name (version)"
 * and six spaces one of its dependencies "name (requirement)".
 * PLATFORMS and DEPENDENCIES list one entry per two-space line; RUBY
 * VERSION and BUNDLED WITH hold one three-space line.  Sections we do not
 * use (CHECKSUMS, PLUGIN SOURCE, anything newer) are skipped, so locks
 * from Bundler 1.x to 4.x read alike.
 */
#include "lockfile.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

enum section {
	SEC_NONE,
	SEC_SOURCE,       /* GEM, GIT, PATH */
	SEC_PLATFORMS,
	SEC_DEPENDENCIES,
	SEC_RUBY,
	SEC_BUNDLED,
	SEC_SKIP          /* CHECKSUMS and unknown sections */
};

/* Growable arrays while parsing; copied into the arena at the end. */
struct parser {
	dw_lockfile *lf;
	const char *path;
	dw_diags *d;
	enum section sec;
	bool in_specs;          /* after "specs:" of the current source */
	dw_source *src;
	size_t nsrc, capsrc;
	dw_spec *specs;
	size_t nspecs, capspecs;
	const char **plats;
	size_t nplats, capplats;
	dw_lockdep *deps;
	size_t ndeps, capdeps;
	const char **sdeps;     /* dependencies of the spec being read */
	size_t nsdeps, capsdeps;
	uint32_t line;
};

static void *
grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return dw_realloc(v, *cap * size);
}

static int fail(struct parser *p, size_t col, const char *fmt, ...) DW_PRINTF(3, 4);

static int
fail(struct parser *p, size_t col, const char *fmt, ...)
{
	dw_span sp = { { p->line, (uint32_t)col }, { p->line, (uint32_t)col + 1 } };
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(p->d, DW_SEV_ERROR, p->path, sp, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

static char *
dup(struct parser *p, const char *s, size_t n)
{
	return dw_arena_strndup(p->lf->arena, s, n);
}

/* Bundler's names: letters, digits, '_', '-', '.'. */
static size_t
name_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == '_' || s[i] == '-' || s[i] == '.' ||
	                 (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	                 (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i;
}

/* The dependencies gathered for the last spec go to the arena. */
static void
close_spec(struct parser *p)
{
	dw_spec *s;

	if (p->nspecs == 0)
		return;
	s = &p->specs[p->nspecs - 1];
	/* Runs again at each later line; nsdeps is 0 by then. */
	if (p->nsdeps > 0) {
		s->deps = dw_arena_memdup(p->lf->arena, p->sdeps, p->nsdeps * sizeof *p->sdeps);
		s->ndeps = p->nsdeps;
	}
	p->nsdeps = 0;
}

static enum section
section_of(const char *s, size_t n, dw_source_kind *kind)
{
	static const struct { const char *name; enum section sec; int kind; } tab[] = {
		{ "GEM", SEC_SOURCE, DW_SRC_GEM },
		{ "GIT", SEC_SOURCE, DW_SRC_GIT },
		{ "PATH", SEC_SOURCE, DW_SRC_PATH },
		{ "PLATFORMS", SEC_PLATFORMS, 0 },
		{ "DEPENDENCIES", SEC_DEPENDENCIES, 0 },
		{ "RUBY VERSION", SEC_RUBY, 0 },
		{ "BUNDLED WITH", SEC_BUNDLED, 0 },
	};

	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strlen(tab[i].name) == n && memcmp(tab[i].name, s, n) == 0) {
			*kind = (dw_source_kind)tab[i].kind;
			return tab[i].sec;
		}
	return SEC_SKIP;
}

static int
header(struct parser *p, const char *s, size_t n)
{
	dw_source_kind kind = DW_SRC_GEM;

	/* A header is upper-case words; anything else at column 1 is not
	 * Bundler's format. */
	if (n >= 7 && (memcmp(s, "<<<<<<<", 7) == 0 || memcmp(s, "=======", 7) == 0 ||
	               memcmp(s, ">>>>>>>", 7) == 0))
		return fail(p, 1, "%s", "unresolved merge conflict marker");
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '_'))
			return fail(p, i + 1, "expected a section header such as GEM or DEPENDENCIES, not '%s'",
			            dup(p, s, n));
	close_spec(p);
	p->sec = section_of(s, n, &kind);
	p->in_specs = false;
	if (n == 9 && memcmp(s, "CHECKSUMS", 9) == 0)
		p->lf->has_checksums = true;
	if (p->sec == SEC_PLATFORMS)
		p->lf->platforms_line = p->line;
	if (p->sec == SEC_SOURCE) {
		dw_source *src;

		p->src = grow(p->src, &p->capsrc, p->nsrc, sizeof *p->src);
		src = &p->src[p->nsrc++];
		memset(src, 0, sizeof *src);
		src->kind = kind;
		src->line = p->line;
	}
	return 0;
}

/* "  key: value" inside a source. */
static int
source_option(struct parser *p, const char *s, size_t n)
{
	dw_source *src = &p->src[p->nsrc - 1];
	const char *colon = memchr(s, ':', n);
	const char *v;
	size_t klen, vlen;

	if (!colon)
		return fail(p, 3, "%s", "expected 'key: value' (remote:, revision:, specs:) in a source section");
	klen = (size_t)(colon - s);
	v = colon + 1;
	while (v < s + n && *v == ' ')
		v++;
	vlen = (size_t)(s + n - v);
	if (klen == 5 && memcmp(s, "specs", 5) == 0) {
		close_spec(p);
		p->in_specs = true;
	} else if (klen == 6 && memcmp(s, "remote", 6) == 0) {
		/* Bundler 1.x GEM sections may list several remotes: keep the first. */
		if (!src->remote)
			src->remote = dup(p, v, vlen);
	} else if (klen == 8 && memcmp(s, "revision", 8) == 0) {
		src->revision = dup(p, v, vlen);
	} else if ((klen == 3 && memcmp(s, "ref", 3) == 0) ||
	           (klen == 6 && memcmp(s, "branch", 6) == 0) ||
	           (klen == 3 && memcmp(s, "tag", 3) == 0)) {
		src->ref = dup(p, v, vlen);
	}
	/* glob:, submodules:, and options of later Bundlers are not needed. */
	return 0;
}

/*
 * "name (version)" or "name (version-platform)".  Bundler's own lockfile
 * regex splits at the first '-': versions never contain one (RubyGems
 * writes "1.0.0.pre", not "1.0.0-pre"), so everything after it is the
 * platform ("x86_64-linux-gnu", "x64-mingw-ucrt", "java").
 */
static int
spec_line(struct parser *p, const char *s, size_t n)
{
	size_t nl = name_len(s, n);
	const char *ver, *close, *dash;
	dw_spec *sp;

	if (nl == 0)
		return fail(p, 5, "%s", "expected a gem name in a spec line");
	if (nl + 2 > n || s[nl] != ' ' || s[nl + 1] != '(' || s[n - 1] != ')')
		return fail(p, 5 + nl, "spec '%s' needs a version in parentheses: 'name (1.2.3)'",
		            dup(p, s, nl));
	ver = s + nl + 2;
	close = s + n - 1;
	if (ver == close)
		return fail(p, 5 + nl + 2, "%s", "empty version in a spec line");
	close_spec(p);
	p->specs = grow(p->specs, &p->capspecs, p->nspecs, sizeof *p->specs);
	sp = &p->specs[p->nspecs++];
	memset(sp, 0, sizeof *sp);
	sp->name = dup(p, s, nl);
	dash = memchr(ver, '-', (size_t)(close - ver));
	if (dash && dash + 1 < close) {
		sp->version = dup(p, ver, (size_t)(dash - ver));
		sp->platform = dup(p, dash + 1, (size_t)(close - dash - 1));
	} else {
		sp->version = dup(p, ver, (size_t)(close - ver));
	}
	sp->source = p->nsrc - 1;
	sp->line = p->line;
	return 0;
}

/* "name", "name (req)", and in DEPENDENCIES "name!" and "name! (req)". */
static int
dep_entry(struct parser *p, const char *s, size_t n, size_t col, bool lockdep)
{
	size_t nl = name_len(s, n), i;
	bool pinned = false;
	const char *req = NULL;
	size_t reqlen = 0;

	if (nl == 0)
		return fail(p, col, "%s", "expected a gem name");
	i = nl;
	/* Bundler writes the '!' of a GIT or PATH dependency last, after any
	 * requirement ("rails (~> 7.1)!"); accept it after the name too. */
	if (lockdep && n > nl && s[n - 1] == '!') {
		pinned = true;
		n--;
	}
	if (lockdep && !pinned && i < n && s[i] == '!') {
		pinned = true;
		i++;
	}
	if (i < n) {
		if (n - i < 3 || s[i] != ' ' || s[i + 1] != '(' || s[n - 1] != ')')
			return fail(p, col + i, "'%s' is not a gem name followed by an optional '(requirement)'",
			            dup(p, s, n));
		req = s + i + 2;
		reqlen = n - i - 3;
	}
	if (lockdep) {
		dw_lockdep *ld;

		p->deps = grow(p->deps, &p->capdeps, p->ndeps, sizeof *p->deps);
		ld = &p->deps[p->ndeps++];
		ld->name = dup(p, s, nl);
		ld->requirement = req ? dup(p, req, reqlen) : NULL;
		ld->pinned = pinned;
		ld->line = p->line;
	} else {
		p->sdeps = grow(p->sdeps, &p->capsdeps, p->nsdeps, sizeof *p->sdeps);
		p->sdeps[p->nsdeps++] = dup(p, s, nl);
	}
	return 0;
}

static int
source_line(struct parser *p, size_t ind, const char *s, size_t n)
{
	if (ind == 2)
		return source_option(p, s, n);
	if (!p->in_specs)
		return fail(p, ind + 1, "%s", "spec line before 'specs:'");
	if (ind == 4)
		return spec_line(p, s, n);
	if (ind == 6) {
		if (p->nspecs == 0 || p->specs[p->nspecs - 1].source != p->nsrc - 1)
			return fail(p, 7, "%s", "dependency line without a spec above it");
		return dep_entry(p, s, n, 7, false);
	}
	return fail(p, ind + 1, "%s", "bad indentation: expected 2, 4 or 6 spaces in a source section");
}

static int
body_line(struct parser *p, size_t ind, const char *s, size_t n)
{
	switch (p->sec) {
	case SEC_NONE:
		return fail(p, ind + 1, "%s", "indented line before any section header");
	case SEC_SKIP:
		return 0;
	case SEC_SOURCE:
		return source_line(p, ind, s, n);
	case SEC_PLATFORMS:
		if (ind != 2 || name_len(s, n) != n)
			return fail(p, ind + 1, "%s", "expected a platform name indented by two spaces");
		p->plats = grow(p->plats, &p->capplats, p->nplats, sizeof *p->plats);
		p->plats[p->nplats++] = dup(p, s, n);
		return 0;
	case SEC_DEPENDENCIES:
		if (ind != 2)
			return fail(p, ind + 1, "%s", "bad indentation: expected two spaces in DEPENDENCIES");
		return dep_entry(p, s, n, 3, true);
	case SEC_RUBY:
		if (p->lf->ruby_version)
			return fail(p, ind + 1, "%s", "more than one line in RUBY VERSION");
		p->lf->ruby_version = dup(p, s, n);
		p->lf->ruby_version_line = p->line;
		return 0;
	case SEC_BUNDLED:
		if (p->lf->bundled_with)
			return fail(p, ind + 1, "%s", "more than one line in BUNDLED WITH");
		p->lf->bundled_with = dup(p, s, n);
		p->lf->bundled_with_line = p->line;
		return 0;
	}
	return 0;
}

static int
one_line(struct parser *p, const char *s, size_t n)
{
	size_t ind = 0;

	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	while (ind < n && s[ind] == ' ')
		ind++;
	if (s[ind] == '\t')
		return fail(p, ind + 1, "%s", "tab in indentation; Gemfile.lock indents with spaces");
	if (ind == 0)
		return header(p, s, n);
	return body_line(p, ind, s + ind, n - ind);
}

static void
finish(struct parser *p)
{
	dw_lockfile *lf = p->lf;
	dw_arena *a = lf->arena;

	close_spec(p);
	lf->sources = p->nsrc ? dw_arena_memdup(a, p->src, p->nsrc * sizeof *p->src) : NULL;
	lf->nsources = p->nsrc;
	lf->specs = p->nspecs ? dw_arena_memdup(a, p->specs, p->nspecs * sizeof *p->specs) : NULL;
	lf->nspecs = p->nspecs;
	lf->platforms = p->nplats ? dw_arena_memdup(a, p->plats, p->nplats * sizeof *p->plats) : NULL;
	lf->nplatforms = p->nplats;
	lf->deps = p->ndeps ? dw_arena_memdup(a, p->deps, p->ndeps * sizeof *p->deps) : NULL;
	lf->ndeps = p->ndeps;
}

static void
parser_free(struct parser *p)
{
	free(p->src);
	free(p->specs);
	free(p->plats);
	free(p->deps);
	free(p->sdeps);
}

/* qsort has no context argument: sort (name, index) pairs instead. */
struct name_ix {
	const char *name;
	size_t ix;
};

static int
name_ix_cmp(const void *a, const void *b)
{
	const struct name_ix *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->ix > y->ix) - (x->ix < y->ix);
}

static void
index_names(dw_lockfile *lf)
{
	struct name_ix *t = dw_calloc(lf->nspecs ? lf->nspecs : 1, sizeof *t);

	for (size_t i = 0; i < lf->nspecs; i++) {
		t[i].name = lf->specs[i].name;
		t[i].ix = i;
	}
	qsort(t, lf->nspecs, sizeof *t, name_ix_cmp);
	lf->by_name = dw_arena_alloc(lf->arena, (lf->nspecs ? lf->nspecs : 1) * sizeof *lf->by_name);
	for (size_t i = 0; i < lf->nspecs; i++)
		lf->by_name[i] = t[i].ix;
	free(t);
}

dw_lockfile *
dw_lockfile_parse(const char *src, size_t len, const char *path, dw_diags *d)
{
	struct parser p;
	const char *s = src, *end = src + len;
	int rc = 0;

	memset(&p, 0, sizeof p);
	p.path = path ? path : "Gemfile.lock";
	p.d = d;
	p.lf = dw_calloc(1, sizeof *p.lf);
	p.lf->arena = dw_arena_new();
	p.lf->path = dup(&p, p.path, strlen(p.path));
	/* A UTF-8 byte order mark, as some editors write one. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	while (s < end && rc == 0) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;

		p.line++;
		if (memchr(s, '\0', (size_t)(e - s)))
			rc = fail(&p, (size_t)((const char *)memchr(s, '\0', (size_t)(e - s)) - s) + 1,
			          "%s", "NUL byte: not a text file");
		else
			rc = one_line(&p, s, (size_t)(e - s));
		s = nl ? nl + 1 : end;
	}
	if (rc == 0) {
		finish(&p);
		index_names(p.lf);
	}
	parser_free(&p);
	if (rc != 0) {
		dw_lockfile_free(p.lf);
		return NULL;
	}
	return p.lf;
}

void
dw_lockfile_free(dw_lockfile *lf)
{
	if (!lf)
		return;
	dw_arena_free(lf->arena);
	free(lf);
}

size_t
dw_lockfile_range(const dw_lockfile *lf, const char *name, size_t *from)
{
	size_t lo = 0, hi = lf->nspecs, end;

	/* Lookups are per gem and lockfiles have hundreds of gems: a linear
	 * scan here made gen quadratic in the lockfile's size. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(lf->specs[lf->by_name[mid]].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < lf->nspecs && strcmp(lf->specs[lf->by_name[end]].name, name) == 0; end++)
		;
	*from = lo;
	return end - lo;
}

const dw_spec *
dw_lockfile_find(const dw_lockfile *lf, const char *name)
{
	size_t from;

	return dw_lockfile_range(lf, name, &from) ? &lf->specs[lf->by_name[from]] : NULL;
}

bool
dw_lockfile_direct(const dw_lockfile *lf, const char *name)
{
	for (size_t i = 0; i < lf->ndeps; i++)
		if (strcmp(lf->deps[i].name, name) == 0)
			return true;
	return false;
}

/* ---- the closure ------------------------------------------------------ */

/* A gem is named by the by_name position of its first spec (the head of
 * its range); -1 when the lockfile has no spec of that name. */
static long
gem_head(const dw_lockfile *lf, const char *name)
{
	size_t from;

	return dw_lockfile_range(lf, name, &from) ? (long)from : -1;
}

/*
 * Breadth-first from DEPENDENCIES, in file order, so that each gem's
 * "via" is the first direct dependency that needs it.  The edges of a gem
 * are the union over its platform specs.
 */
void
dw_lockfile_closure_via(const dw_lockfile *lf,
                        void (*fn)(void *ctx, const dw_spec *s, const char *via), void *ctx)
{
	dw_lockfile_closure_from(lf, NULL, fn, ctx);
}

void
dw_lockfile_closure_from(const dw_lockfile *lf, bool (*root)(void *ctx, const char *name),
                         void (*fn)(void *ctx, const dw_spec *s, const char *via), void *ctx)
{
	const char **via;
	size_t *queue, nq = 0;

	if (!lf || lf->nspecs == 0)
		return;
	via = dw_calloc(lf->nspecs, sizeof *via);
	queue = dw_calloc(lf->nspecs, sizeof *queue);
	for (size_t i = 0; i < lf->ndeps; i++) {
		long k = gem_head(lf, lf->deps[i].name);

		if (root && !root(ctx, lf->deps[i].name))
			continue;
		if (k >= 0 && !via[k]) {
			via[k] = lf->deps[i].name;
			queue[nq++] = (size_t)k;
		}
	}
	for (size_t qi = 0; qi < nq; qi++) {
		const char *name = lf->specs[lf->by_name[queue[qi]]].name;
		size_t from, nv = dw_lockfile_range(lf, name, &from);

		/* Every platform variant of the gem: their dependencies may differ. */
		for (size_t v = 0; v < nv; v++) {
			const dw_spec *s = &lf->specs[lf->by_name[from + v]];

			for (size_t j = 0; j < s->ndeps; j++) {
				long k = gem_head(lf, s->deps[j]);

				if (k >= 0 && !via[k]) {
					via[k] = via[queue[qi]];
					queue[nq++] = (size_t)k;
				}
			}
		}
	}
	/* Report in file order of first specs: a gem's head is its first
	 * spec in file order, since by_name keeps file order among equals. */
	for (size_t i = 0; i < lf->nspecs; i++) {
		long k = gem_head(lf, lf->specs[i].name);

		if (k >= 0 && lf->by_name[k] == i && via[k])
			fn(ctx, &lf->specs[i], via[k]);
	}
	free(queue);
	free(via);
}

struct plain {
	void (*fn)(void *ctx, const dw_spec *s);
	void *ctx;
};

static void
plain_cb(void *ctx, const dw_spec *s, const char *via)
{
	struct plain *p = ctx;

	(void)via;
	p->fn(p->ctx, s);
}

void
dw_lockfile_closure(const dw_lockfile *lf, void (*fn)(void *ctx, const dw_spec *s), void *ctx)
{
	struct plain p = { fn, ctx };

	dw_lockfile_closure_via(lf, plain_cb, &p);
}

/* ---- RubyGems versions ------------------------------------------------ */

enum { MAXSEG = 32 };

struct seg {
	bool num;
	unsigned long long v;   /* numeric segment */
	const char *s;          /* string segment ("pre", "rc") */
	size_t n;
};

/* Gem::Version splits "1.0.0.rc1" into 1, 0, 0, "rc", 1. */
static size_t
segments(const char *s, struct seg *out)
{
	size_t n = 0;

	while (*s && n < MAXSEG) {
		struct seg *g = &out[n];

		if (*s == '.' || *s == '-') {
			s++;
			continue;
		}
		memset(g, 0, sizeof *g);
		if (*s >= '0' && *s <= '9') {
			g->num = true;
			for (; *s >= '0' && *s <= '9'; s++)
				g->v = g->v > 1000000000000ULL ? g->v : g->v * 10 + (unsigned)(*s - '0');
		} else {
			g->s = s;
			while (*s && *s != '.' && *s != '-' && !(*s >= '0' && *s <= '9'))
				s++;
			g->n = (size_t)(s - g->s);
		}
		n++;
	}
	return n;
}

static int
seg_cmp(const struct seg *a, const struct seg *b)
{
	if (a->num && b->num)
		return a->v < b->v ? -1 : a->v > b->v;
	if (a->num != b->num)
		return a->num ? 1 : -1;     /* a pre-release sorts first */
	{
		size_t m = a->n < b->n ? a->n : b->n;
		int c = memcmp(a->s, b->s, m);

		return c ? c : (a->n < b->n ? -1 : a->n > b->n);
	}
}

static int
segs_cmp(const struct seg *a, size_t na, const struct seg *b, size_t nb)
{
	static const struct seg zero = { true, 0, NULL, 0 };

	for (size_t i = 0; i < na || i < nb; i++) {
		int c = seg_cmp(i < na ? &a[i] : &zero, i < nb ? &b[i] : &zero);

		if (c)
			return c;
	}
	return 0;
}

int
dw_version_cmp(const char *a, const char *b)
{
	struct seg x[MAXSEG], y[MAXSEG];
	size_t nx = segments(a, x), ny = segments(b, y);

	return segs_cmp(x, nx, y, ny);
}

static bool
valid_version(const char *s, size_t n)
{
	if (n == 0 || !(s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.' || s[i] == '-'))
			return false;
	return true;
}

/* One "op version" term; returns -1 when it is not one. */
static int
term_match(const char *t, size_t n, const char *version)
{
	static const char *const ops[] = { "~>", ">=", "<=", "!=", "=", ">", "<" };
	const char *op = "=";
	char buf[128];
	struct seg v[MAXSEG], r[MAXSEG];
	size_t nv, nr;
	int c;

	while (n > 0 && t[0] == ' ')
		t++, n--;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (n >= strlen(ops[i]) && memcmp(t, ops[i], strlen(ops[i])) == 0) {
			op = ops[i];
			t += strlen(op);
			n -= strlen(op);
			break;
		}
	while (n > 0 && t[0] == ' ')
		t++, n--;
	if (!valid_version(t, n) || n >= sizeof buf)
		return -1;
	if (!version)
		return 1;
	memcpy(buf, t, n);
	buf[n] = '\0';
	nv = segments(version, v);
	nr = segments(buf, r);
	c = segs_cmp(v, nv, r, nr);
	if (strcmp(op, "=") == 0)
		return c == 0;
	if (strcmp(op, "!=") == 0)
		return c != 0;
	if (strcmp(op, ">") == 0)
		return c > 0;
	if (strcmp(op, "<") == 0)
		return c < 0;
	if (strcmp(op, ">=") == 0)
		return c >= 0;
	if (strcmp(op, "<=") == 0)
		return c <= 0;
	/* "~> 3.3" is ">= 3.3, < 4"; "~> 3.3.1" is ">= 3.3.1, < 3.4". */
	if (c < 0)
		return 0;
	while (nr > 0 && !r[nr - 1].num)
		nr--;
	for (size_t i = 0; i < nr; i++)
		if (!r[i].num)
			nr = i;
	if (nr > 1)
		nr--;
	if (nr == 0)
		return 0;
	r[nr - 1].v++;
	return segs_cmp(v, nv, r, nr) < 0;
}

static bool
requirement_walk(const char *req, const char *version)
{
	const char *s = req;

	if (!req)
		return true;
	while (*s == ' ')
		s++;
	if (!*s)
		return true;
	for (;;) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);

		if (term_match(s, n, version) != 1)
			return false;
		if (!comma)
			return true;
		s = comma + 1;
	}
}

bool
dw_requirement_match(const char *req, const char *version)
{
	return requirement_walk(req, version) && (!req || dw_requirement_valid(req));
}

bool
dw_requirement_valid(const char *req)
{
	return requirement_walk(req, NULL);
}
