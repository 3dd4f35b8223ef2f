/* SPDX-License-Identifier: MIT */
/*
 * gemfile.c - the facts of a Gemfile that matter to gen: the `ruby` line,
 * the gems with their groups, and the files bundle install will read.
 *
 * A Gemfile is Ruby, and we do not run Ruby: this is a line scanner that
 * understands the literal forms people write (`ruby '3.3.6'`,
 * `ruby "~> 3.3"`, `ruby file: ".ruby-version"`, `gem "pg", "~> 1.5"`,
 * `gem("pg")`, `group :test, :development do`, `gem "x", group: :test`,
 * `eval_gemfile "x"`, `File.read(File.join(__dir__, "x"))`) and ignores
 * everything else.  Blocks are followed by their openers (`do` at the end
 * of a line, `if`/`unless`/`case`/`begin`/`def` at its start) and `end`,
 * so that a gem inside `group :test do ... end` is in the test group,
 * however the groups nest.  Comments and blank lines are skipped.
 */
#include "lockfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct cur {
	const char *s;
	const char *end;
};

static void
skip_ws(struct cur *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t'))
		c->s++;
}

/* A keyword followed by a space or '(' (so `gemspec` and `ruby_x` do not
 * count). */
static bool
keyword(struct cur *c, const char *kw)
{
	size_t n = strlen(kw);

	if ((size_t)(c->end - c->s) < n || memcmp(c->s, kw, n) != 0)
		return false;
	if (c->s + n < c->end && c->s[n] != ' ' && c->s[n] != '\t' && c->s[n] != '(')
		return false;
	c->s += n;
	skip_ws(c);
	if (c->s < c->end && *c->s == '(') {
		c->s++;
		skip_ws(c);
	}
	return true;
}

/* A '...' or "..." literal without interpolation; false when the next
 * token is anything else. */
static bool
string_lit(struct cur *c, const char **out, size_t *len)
{
	char q;
	const char *p;

	if (c->s >= c->end || (*c->s != '\'' && *c->s != '"'))
		return false;
	q = *c->s;
	for (p = c->s + 1; p < c->end && *p != q; p++)
		if (*p == '\\' || (q == '"' && *p == '#' && p + 1 < c->end && p[1] == '{'))
			return false;
	if (p >= c->end)
		return false;
	*out = c->s + 1;
	*len = (size_t)(p - c->s - 1);
	c->s = p + 1;
	skip_ws(c);
	return true;
}

static bool
comma(struct cur *c)
{
	if (c->s < c->end && *c->s == ',') {
		c->s++;
		skip_ws(c);
		return true;
	}
	return false;
}

/* `file: "x"` or `:file => "x"`. */
static bool
file_option(struct cur *c, const char **out, size_t *len)
{
	struct cur save = *c;

	if ((size_t)(c->end - c->s) >= 5 && memcmp(c->s, "file:", 5) == 0) {
		c->s += 5;
	} else if ((size_t)(c->end - c->s) >= 5 && memcmp(c->s, ":file", 5) == 0) {
		c->s += 5;
		skip_ws(c);
		if ((size_t)(c->end - c->s) < 2 || memcmp(c->s, "=>", 2) != 0) {
			*c = save;
			return false;
		}
		c->s += 2;
	} else {
		return false;
	}
	skip_ws(c);
	if (!string_lit(c, out, len)) {
		*c = save;
		return false;
	}
	return true;
}

static void
ruby_line(struct cur *c, uint32_t line, dw_gemfile *g)
{
	const char *s;
	size_t n;
	dw_buf req = DW_BUF_INIT;

	if (file_option(c, &s, &n)) {
		free(g->ruby_file);
		free(g->ruby_version);
		g->ruby_version = NULL;
		g->ruby_file = dw_strndup(s, n);
		g->ruby_line = line;
		return;
	}
	/* `ruby "~> 3.3", ">= 3.3.1"`: all requirement strings, joined as
	 * Gemfile.lock joins them; options such as engine: end the list. */
	while (string_lit(c, &s, &n)) {
		if (req.len)
			dw_buf_puts(&req, ", ");
		dw_buf_put(&req, s, n);
		if (!comma(c))
			break;
	}
	if (req.len == 0) {
		dw_buf_free(&req);   /* `ruby ""` allocated nothing useful */
		return;
	}
	free(g->ruby_file);
	free(g->ruby_version);
	g->ruby_file = NULL;
	g->ruby_version = dw_buf_detach(&req);
	g->ruby_line = line;
}

/* ---- groups and blocks -------------------------------------------------- */

/* Nesting deeper than this is still counted, so `end`s match, but adds
 * no groups: no real Gemfile comes near it. */
#define MAX_FRAMES 64

struct scan {
	dw_gemfile *g;
	dw_strv frames[MAX_FRAMES];  /* the groups each open block adds */
	size_t depth;                 /* open blocks, may exceed MAX_FRAMES */
	uint32_t line;
};

static bool
name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-';
}

/* :name, "name" or 'name' */
static bool
group_name(struct cur *c, dw_strv *out)
{
	const char *s;
	size_t n;

	if (c->s < c->end && *c->s == ':' && c->s + 1 < c->end && name_char(c->s[1])) {
		s = ++c->s;
		while (c->s < c->end && name_char(*c->s))
			c->s++;
		dw_strv_push(out, s, (size_t)(c->s - s));
		skip_ws(c);
		return true;
	}
	if (string_lit(c, &s, &n) && n > 0) {
		dw_strv_push(out, s, n);
		return true;
	}
	return false;
}

/* `:a, :b` or `[:a, :b]` */
static void
group_list(struct cur *c, dw_strv *out)
{
	bool bracket = c->s < c->end && *c->s == '[';

	if (bracket) {
		c->s++;
		skip_ws(c);
	}
	while (group_name(c, out)) {
		struct cur save = *c;

		if (!comma(c))
			break;
		/* `group :a, optional: true do`: a comma, then an option */
		if (!bracket && !(c->s < c->end && (*c->s == ':' || *c->s == '"' || *c->s == '\''))) {
			*c = save;
			break;
		}
	}
}

static bool
ends_with_do(const struct cur *c)
{
	const char *e = c->end;

	/* `do |x|` */
	if (e > c->s && e[-1] == '|') {
		const char *bar = e - 1;

		while (bar > c->s && bar[-1] != '|')
			bar--;
		e = bar > c->s ? bar - 1 : c->s;
		while (e > c->s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
	}
	return e - c->s >= 2 && memcmp(e - 2, "do", 2) == 0 &&
	       (e - c->s == 2 || !name_char(e[-3]));
}

static void
push(struct scan *sc, const dw_strv *groups)
{
	if (sc->depth < MAX_FRAMES)
		for (size_t i = 0; groups && i < groups->n; i++)
			dw_strv_push(&sc->frames[sc->depth], groups->v[i], strlen(groups->v[i]));
	sc->depth++;
}

static void
pop(struct scan *sc)
{
	if (sc->depth == 0)
		return;              /* an unmatched end: Ruby would reject the file */
	sc->depth--;
	if (sc->depth < MAX_FRAMES)
		dw_strv_free(&sc->frames[sc->depth]);
}

/* A statement that opens a block at the start of a line (a trailing `if`
 * is a modifier and opens nothing). */
static bool
opens_block(struct cur *c)
{
	static const char *const kws[] = { "if", "unless", "case", "while", "until",
	                                   "begin", "def", "class", "module" };

	for (size_t i = 0; i < sizeof kws / sizeof *kws; i++) {
		size_t n = strlen(kws[i]);

		if ((size_t)(c->end - c->s) >= n && memcmp(c->s, kws[i], n) == 0 &&
		    (c->s + n == c->end || !name_char(c->s[n])))
			return true;
	}
	return false;
}

/* ---- gems ---------------------------------------------------------------- */

/* Find `key:` or `:key =>` after the gem name; c is left after it. */
static bool
option(struct cur *c, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = c->s; p + n < c->end; p++) {
		bool sym = p[0] == ':' && (size_t)(c->end - p) > n + 1 && memcmp(p + 1, key, n) == 0;
		bool label = memcmp(p, key, n) == 0 && p[n] == ':' && (p == c->s || !name_char(p[-1]));

		if (label && (p + n + 1 == c->end || p[n + 1] != ':')) {
			c->s = p + n + 1;
			skip_ws(c);
			return true;
		}
		if (sym && !name_char(p[n + 1])) {
			struct cur t = { p + n + 1, c->end };

			skip_ws(&t);
			if ((size_t)(t.end - t.s) >= 2 && memcmp(t.s, "=>", 2) == 0) {
				c->s = t.s + 2;
				skip_ws(c);
				return true;
			}
		}
	}
	return false;
}

static void
add_read(dw_gemfile *g, const char *path, size_t n, uint32_t line, const char *how)
{
	g->reads = dw_realloc(g->reads, (g->nreads + 1) * sizeof *g->reads);
	g->reads[g->nreads].path = path ? dw_strndup(path, n) : NULL;
	g->reads[g->nreads].line = line;
	g->reads[g->nreads].how = how;
	g->nreads++;
}

static void
gem_line(struct cur *c, struct scan *sc)
{
	dw_gemfile *g = sc->g;
	dw_strv groups = DW_STRV_INIT;
	const char *s, *path;
	size_t n, i, plen;
	struct cur opt;

	if (!string_lit(c, &s, &n) || n == 0)
		return;
	for (size_t f = 0; f < sc->depth && f < MAX_FRAMES; f++)
		for (size_t k = 0; k < sc->frames[f].n; k++)
			dw_strv_push(&groups, sc->frames[f].v[k], strlen(sc->frames[f].v[k]));
	opt = *c;
	if (option(&opt, "group") || (opt = *c, option(&opt, "groups")))
		group_list(&opt, &groups);
	opt = *c;
	if (option(&opt, "path") && string_lit(&opt, &path, &plen))
		add_read(g, path, plen, sc->line, "gem path:");
	for (i = 0; i < g->gems.n; i++)
		if (strlen(g->gems.v[i]) == n && memcmp(g->gems.v[i], s, n) == 0)
			break;
	if (i == g->gems.n) {
		dw_strv_push(&g->gems, s, n);
		g->groups = dw_realloc(g->groups, g->gems.n * sizeof *g->groups);
		g->gem_lines = dw_realloc(g->gem_lines, g->gems.n * sizeof *g->gem_lines);
		memset(&g->groups[i], 0, sizeof g->groups[i]);
		g->gem_lines[i] = sc->line;
	}
	/* A gem declared twice (per platform, say) is in every group named. */
	for (size_t k = 0; k < groups.n; k++)
		if (!dw_strv_has(&g->groups[i], groups.v[k]))
			dw_strv_push(&g->groups[i], groups.v[k], strlen(groups.v[k]));
	dw_strv_free(&groups);
}

const dw_strv *
dw_gemfile_groups(const dw_gemfile *g, const char *gem)
{
	for (size_t i = 0; i < g->gems.n; i++)
		if (strcmp(g->gems.v[i], gem) == 0)
			return &g->groups[i];
	return NULL;
}

/* ---- files read at install time ---------------------------------------- */

/* The path of `"x"`, `File.join(__dir__, "a", "b")` or
 * `File.expand_path("x", __dir__)`; false for anything computed. */
static bool
path_arg(struct cur *c, dw_buf *out)
{
	const char *s;
	size_t n;

	if (string_lit(c, &s, &n)) {
		dw_buf_put(out, s, n);
		return n > 0;
	}
	if (keyword(c, "File.expand_path") && string_lit(c, &s, &n)) {
		dw_buf_put(out, s, n);
		return n > 0;
	}
	if (!keyword(c, "File.join"))
		return false;
	if ((size_t)(c->end - c->s) >= 7 && memcmp(c->s, "__dir__", 7) == 0) {
		c->s += 7;
		skip_ws(c);
		if (!comma(c))
			return false;
	}
	while (string_lit(c, &s, &n)) {
		if (out->len)
			dw_buf_putc(out, '/');
		dw_buf_put(out, s, n);
		if (!comma(c))
			break;
	}
	return out->len > 0 && (c->s >= c->end || *c->s == ')');
}

/* File.read("x") and friends anywhere on the line. */
static void
file_reads(const struct cur *line, struct scan *sc)
{
	static const char *const calls[] = { "File.read(", "IO.read(", "File.readlines(",
	                                     "File.open(", "YAML.load_file(" };

	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
		size_t n = strlen(calls[i]);

		for (const char *p = line->s; p + n <= line->end; p++) {
			struct cur c = { p + n, line->end };
			dw_buf path = DW_BUF_INIT;

			if (memcmp(p, calls[i], n) != 0 || (p > line->s && name_char(p[-1])))
				continue;
			skip_ws(&c);
			if (path_arg(&c, &path))
				add_read(sc->g, path.ptr, path.len, sc->line, "File.read");
			else
				add_read(sc->g, NULL, 0, sc->line, "File.read");
			dw_buf_free(&path);
			p += n - 1;
		}
	}
}

/* eval_gemfile "x" and require_relative "x" (".rb" implied). */
static void
load_line(struct cur *c, struct scan *sc, const char *how, bool rb)
{
	dw_buf path = DW_BUF_INIT;

	if (!path_arg(c, &path)) {
		add_read(sc->g, NULL, 0, sc->line, how);
	} else {
		if (rb && (path.len < 3 || strcmp(path.ptr + path.len - 3, ".rb") != 0))
			dw_buf_puts(&path, ".rb");
		add_read(sc->g, path.ptr, path.len, sc->line, how);
	}
	dw_buf_free(&path);
}

static void
scan_line(struct cur *c, struct scan *sc)
{
	struct cur whole = *c;
	dw_strv groups = DW_STRV_INIT;

	file_reads(&whole, sc);
	if (keyword(c, "ruby")) {
		ruby_line(c, sc->line, sc->g);
		if (sc->g->ruby_file && sc->g->ruby_line == sc->line)
			add_read(sc->g, sc->g->ruby_file, strlen(sc->g->ruby_file), sc->line,
			         "ruby file:");
	} else if (keyword(c, "gem")) {
		gem_line(c, sc);
	} else if (keyword(c, "eval_gemfile")) {
		load_line(c, sc, "eval_gemfile", false);
	} else if (keyword(c, "require_relative")) {
		load_line(c, sc, "require_relative", true);
	} else if (keyword(c, "group")) {
		group_list(c, &groups);
		if (ends_with_do(&whole))
			push(sc, &groups);
		dw_strv_free(&groups);
		return;
	} else if (keyword(c, "end") || (c->end - c->s == 3 && memcmp(c->s, "end", 3) == 0)) {
		pop(sc);
		return;
	}
	*c = whole;
	if (opens_block(c) || ends_with_do(&whole))
		push(sc, NULL);
}

/* Where a comment starts, outside of quotes. */
static const char *
comment_start(const char *s, const char *end)
{
	char q = 0;

	for (const char *p = s; p < end; p++) {
		if (q) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == '#') {
			return p;
		}
	}
	return end;
}

int
dw_gemfile_parse(const char *src, size_t len, const char *path, dw_gemfile *g, dw_diags *d)
{
	const char *s = src, *end = src + len;
	struct scan sc;

	(void)path;
	(void)d;
	memset(g, 0, sizeof *g);
	memset(&sc, 0, sizeof sc);
	sc.g = g;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		struct cur c = { s, comment_start(s, e) };

		sc.line++;
		while (c.end > c.s && isspace((unsigned char)c.end[-1]))
			c.end--;
		skip_ws(&c);
		if (c.s < c.end)
			scan_line(&c, &sc);
		s = nl ? nl + 1 : end;
	}
	while (sc.depth > 0)
		pop(&sc);
	return 0;
}

void
dw_gemfile_free(dw_gemfile *g)
{
	free(g->ruby_version);
	free(g->ruby_file);
	for (size_t i = 0; i < g->gems.n; i++)
		dw_strv_free(&g->groups[i]);
	free(g->groups);
	free(g->gem_lines);
	for (size_t i = 0; i < g->nreads; i++)
		free(g->reads[i].path);
	free(g->reads);
	dw_strv_free(&g->gems);
	memset(g, 0, sizeof *g);
}
