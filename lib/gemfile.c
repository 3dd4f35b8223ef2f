/*
 * gemfile.c - the two facts of a Gemfile that matter to gen: the `ruby`
 * line and the gem names.
 *
 * A Gemfile is Ruby, and we do not run Ruby: this is a line scanner that
 * understands the literal forms people write (`ruby '3.3.6'`,
 * `ruby "~> 3.3"`, `ruby file: ".ruby-version"`, `gem "pg", "~> 1.5"`,
 * `gem("pg")`) and ignores everything else, such as
 * `ruby File.read(".ruby-version").strip`.  Comments and blank lines are
 * skipped; `group` blocks need no tracking since only names are kept.
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

static void
gem_line(struct cur *c, dw_gemfile *g)
{
	const char *s;
	size_t n;

	if (!string_lit(c, &s, &n) || n == 0)
		return;
	for (size_t i = 0; i < g->gems.n; i++)
		if (strlen(g->gems.v[i]) == n && memcmp(g->gems.v[i], s, n) == 0)
			return;
	dw_strv_push(&g->gems, s, n);
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
	uint32_t line = 0;

	(void)path;
	(void)d;
	memset(g, 0, sizeof *g);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		struct cur c = { s, comment_start(s, e) };

		line++;
		while (c.end > c.s && isspace((unsigned char)c.end[-1]))
			c.end--;
		skip_ws(&c);
		if (keyword(&c, "ruby"))
			ruby_line(&c, line, g);
		else if (keyword(&c, "gem"))
			gem_line(&c, g);
		s = nl ? nl + 1 : end;
	}
	return 0;
}

void
dw_gemfile_free(dw_gemfile *g)
{
	free(g->ruby_version);
	free(g->ruby_file);
	dw_strv_free(&g->gems);
	memset(g, 0, sizeof *g);
}
