/* SPDX-License-Identifier: MIT */
/*
 * deployrb.c - import Jets' config/jets/deploy.rb.
 *
 * This is a line scanner, not a Ruby interpreter: it understands
 * `config.a.b = LITERAL` lines (strings, symbols, integers, booleans, nil,
 * arrays and hashes of those, spread over several lines when brackets are
 * open) inside the `Jets.deploy.configure do |config| ... end` wrapper.
 * Anything else is skipped with one warning per line, because silently
 * guessing at Ruby would be worse than saying what was not read.  Values
 * become YAML nodes, so the type checks are the ones dockwright.yml gets.
 */
#include "arena.h"
#include "config_priv.h"
#include "utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct rb {
	const char *src;
	size_t len;
	size_t off;
	uint32_t line;          /* line of src[off] */
	size_t bol;             /* offset of the start of that line */
	dw_arena *arena;
	unsigned depth;         /* arrays and hashes open around src[off] */
	bool too_deep;          /* value() stopped at RB_MAX_DEPTH */
};

/* Arrays and hashes nest this deep at most: a real setting needs three;
 * the limit keeps 50,000 `[` from overflowing the stack. */
#define RB_MAX_DEPTH 64

static const dw_span no_span;

static dw_ynode *
node(struct rb *R, dw_ykind kind, uint32_t line, uint32_t col)
{
	dw_ynode *n = dw_arena_alloc(R->arena, sizeof *n);

	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = line;
	n->col = col;
	return n;
}

static int
peek(const struct rb *R)
{
	return R->off < R->len ? (unsigned char)R->src[R->off] : -1;
}

/* The text at R starts with s (never reading past len). */
static bool
starts(const struct rb *R, const char *s)
{
	size_t n = strlen(s);

	return R->len - R->off >= n && memcmp(R->src + R->off, s, n) == 0;
}

static void
advance(struct rb *R)
{
	if (R->src[R->off++] == '\n') {
		R->line++;
		R->bol = R->off;
	}
}

static uint32_t
col(const struct rb *R)
{
	return (uint32_t)(R->off - R->bol + 1);
}

/* Blanks; inside brackets newlines and comments too. */
static void
skip_space(struct rb *R, bool multiline)
{
	for (;;) {
		int ch = peek(R);

		if (ch == ' ' || ch == '\t' || ch == '\r' || (multiline && ch == '\n'))
			advance(R);
		else if (multiline && ch == '#')
			while (peek(R) != -1 && peek(R) != '\n')
				advance(R);
		else
			return;
	}
}

static dw_ynode *
scalar(struct rb *R, dw_buf *text, bool plain, uint32_t line, uint32_t c)
{
	dw_ynode *n = node(R, DW_Y_SCALAR, line, c);

	n->str = dw_arena_strndup(R->arena, dw_buf_cstr(text), text->len);
	n->len = text->len;
	n->plain = plain;
	return n;
}

static int
escape(int ch)
{
	static const char from[] = "ntrsea0bfv";
	static const char to[] = "\n\t\r \x1b\a\0\b\f\v";
	const char *p = ch ? strchr(from, ch) : NULL;

	return p ? to[p - from] : ch;
}

/* Up to max hex digits (at least one) as *v; false when there is none. */
static bool
hex_digits(struct rb *R, int max, uint32_t *v)
{
	int k = 0;

	*v = 0;
	for (; k < max && dw_hex_value(peek(R)) >= 0; k++) {
		*v = *v * 16 + (uint32_t)dw_hex_value(peek(R));
		advance(R);
	}
	return k > 0;
}

static bool
put_rune(dw_buf *out, uint32_t cp)
{
	char u[4];

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	dw_buf_put(out, u, dw_utf8_encode(cp, u));
	return true;
}

/* \u: \uHHHH, or \u{H...} with one or more code points apart. */
static bool
unicode_escape(struct rb *R, dw_buf *out)
{
	uint32_t cp;
	bool any = false;

	if (peek(R) != '{') {
		size_t start = R->off;

		return hex_digits(R, 4, &cp) && R->off - start == 4 && put_rune(out, cp);
	}
	advance(R);
	for (;;) {
		while (peek(R) == ' ' || peek(R) == '\t')
			advance(R);
		if (peek(R) == '}') {
			advance(R);
			return any;
		}
		if (!hex_digits(R, 6, &cp) || !put_rune(out, cp))
			return false;
		any = true;
	}
}

/*
 * The escape after a backslash in a double-quoted string, as Ruby reads
 * it: \n and friends, octal \0 \12 \012, \xH \xHH, \uHHHH \u{H H},
 * control \cX \C-X, meta \M-X, any other \X as X.  false when Ruby
 * would reject it (\x without a digit, a bad \u).
 */
static bool
dq_escape(struct rb *R, dw_buf *out)
{
	int e = peek(R), v;
	uint32_t cp;

	if (e == -1 || e == '\n')
		return false;
	advance(R);
	if (e >= '0' && e <= '7') {
		v = e - '0';
		for (int k = 1; k < 3 && peek(R) >= '0' && peek(R) <= '7'; k++) {
			v = v * 8 + peek(R) - '0';
			advance(R);
		}
		dw_buf_putc(out, v & 0xff);
		return true;
	}
	if (e == 'x') {
		if (!hex_digits(R, 2, &cp))
			return false;
		dw_buf_putc(out, (int)cp);
		return true;
	}
	if (e == 'u')
		return unicode_escape(R, out);
	if ((e == 'C' || e == 'M') && peek(R) == '-')
		advance(R);
	else if (e == 'C' || e == 'M')
		return false;
	if (e == 'c' || e == 'C' || e == 'M') {
		v = peek(R);
		if (v == -1 || v == '\n' || v == '\\')
			return false; /* \c\M-x and such: not worth reading */
		advance(R);
		if (e == 'M')
			v |= 0x80;
		else
			v = v == '?' ? 0x7f : v & 0x9f;
		dw_buf_putc(out, v);
		return true;
	}
	dw_buf_putc(out, escape(e));
	return true;
}

static dw_ynode *
string(struct rb *R)
{
	uint32_t line = R->line, c = col(R);
	int q = peek(R);
	dw_buf text = DW_BUF_INIT;
	dw_ynode *n = NULL;

	advance(R);
	for (;;) {
		int ch = peek(R);

		if (ch == -1 || ch == '\n')
			break;
		advance(R);
		if (ch == q) {
			n = scalar(R, &text, false, line, c);
			break;
		}
		if (q == '"' && ch == '#' && peek(R) == '{')
			break;  /* interpolation: computed at run time */
		if (ch == '\\' && q == '"') {
			if (!dq_escape(R, &text))
				break;
			continue;
		}
		if (ch == '\\' && peek(R) != -1) {
			int e = peek(R);

			advance(R);
			ch = e == '\\' || e == '\'' ? e : (dw_buf_putc(&text, '\\'), e);
		}
		dw_buf_putc(&text, ch);
	}
	dw_buf_free(&text);
	return n;
}

static bool
word_char(int ch)
{
	return ch != -1 && (isalnum(ch) || ch == '_');
}

static void
take_word(struct rb *R, dw_buf *out)
{
	while (word_char(peek(R))) {
		dw_buf_putc(out, peek(R));
		advance(R);
	}
}

static dw_ynode *
symbol(struct rb *R)
{
	uint32_t line = R->line, c = col(R);
	dw_buf text = DW_BUF_INIT;
	dw_ynode *n = NULL;

	advance(R);
	if (peek(R) == '"' || peek(R) == '\'') {
		n = string(R);
		if (n)
			n->line = line, n->col = c;
		return n;
	}
	take_word(R, &text);
	if (peek(R) == '?' || peek(R) == '!') {
		dw_buf_putc(&text, peek(R));
		advance(R);
	}
	if (text.len)
		n = scalar(R, &text, false, line, c);
	dw_buf_free(&text);
	return n;
}

/* Integers and the keywords true, false and nil. */
static dw_ynode *
bare(struct rb *R)
{
	uint32_t line = R->line, c = col(R);
	dw_buf text = DW_BUF_INIT;
	dw_ynode *n = NULL;

	if (peek(R) == '-') {
		dw_buf_putc(&text, '-');
		advance(R);
	}
	take_word(R, &text);
	if (peek(R) == '.' || peek(R) == '(' || peek(R) == '[' || peek(R) == ':') {
		dw_buf_free(&text);     /* a method call, a float, a constant path */
		return NULL;
	}
	if (strcmp(dw_buf_cstr(&text), "nil") == 0) {
		dw_buf_clear(&text);
		n = scalar(R, &text, true, line, c);
	} else if (strcmp(dw_buf_cstr(&text), "true") == 0 ||
	           strcmp(dw_buf_cstr(&text), "false") == 0) {
		n = scalar(R, &text, true, line, c);
	} else if (text.len && strspn(text.ptr + (text.ptr[0] == '-'), "0123456789_") ==
	                       text.len - (text.ptr[0] == '-') &&
	           isdigit((unsigned char)text.ptr[text.ptr[0] == '-'])) {
		/* Ruby allows 1_000; YAML's integer is the digits. */
		dw_buf digits = DW_BUF_INIT;

		for (size_t i = 0; i < text.len; i++)
			if (text.ptr[i] != '_')
				dw_buf_putc(&digits, text.ptr[i]);
		n = scalar(R, &digits, true, line, c);
		dw_buf_free(&digits);
	}
	dw_buf_free(&text);
	return n;
}

struct items {
	dw_ynode **v;
	size_t n, cap;
};

static void
items_push(struct items *it, dw_ynode *n)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 8;
		it->v = dw_realloc(it->v, it->cap * sizeof *it->v);
	}
	it->v[it->n++] = n;
}

static dw_ynode **
items_keep(struct rb *R, struct items *it)
{
	dw_ynode **v = it->n ? dw_arena_memdup(R->arena, it->v, it->n * sizeof *it->v) : NULL;

	free(it->v);
	return v;
}

static int
close_of(int open)
{
	switch (open) {
	case '[':
		return ']';
	case '(':
		return ')';
	case '{':
		return '}';
	case '<':
		return '>';
	default:
		return open;
	}
}

/* %w[a b] and %i[a b]: whitespace-separated words. */
static dw_ynode *
words(struct rb *R)
{
	dw_ynode *seq = node(R, DW_Y_SEQ, R->line, col(R));
	struct items it = { NULL, 0, 0 };
	int end;

	advance(R);             /* % */
	advance(R);             /* w or i */
	end = close_of(peek(R));
	advance(R);
	for (;;) {
		dw_buf text = DW_BUF_INIT;
		uint32_t line, c;

		skip_space(R, true);
		if (peek(R) == -1) {
			free(it.v);
			return NULL;
		}
		if (peek(R) == end) {
			advance(R);
			break;
		}
		line = R->line, c = col(R);
		while (peek(R) != -1 && peek(R) != end && !isspace(peek(R))) {
			dw_buf_putc(&text, peek(R));
			advance(R);
		}
		items_push(&it, scalar(R, &text, false, line, c));
		dw_buf_free(&text);
	}
	seq->n = it.n;
	seq->items = items_keep(R, &it);
	return seq;
}

static dw_ynode *value(struct rb *R);

static dw_ynode *
array(struct rb *R)
{
	dw_ynode *seq = node(R, DW_Y_SEQ, R->line, col(R));
	struct items it = { NULL, 0, 0 };

	advance(R);
	for (;;) {
		dw_ynode *v;

		skip_space(R, true);
		if (peek(R) == ']') {
			advance(R);
			break;
		}
		if ((v = value(R)) == NULL) {
			free(it.v);
			return NULL;
		}
		items_push(&it, v);
		skip_space(R, true);
		if (peek(R) == ',')
			advance(R);
		else if (peek(R) != ']') {
			free(it.v);
			return NULL;
		}
	}
	seq->n = it.n;
	seq->items = items_keep(R, &it);
	return seq;
}

/* A hash key: "K" =>, :K =>, K: or "K": */
static dw_ynode *
hash_key(struct rb *R)
{
	uint32_t line = R->line, c = col(R);
	dw_ynode *k = NULL;
	dw_buf text = DW_BUF_INIT;

	if (peek(R) == '"' || peek(R) == '\'')
		k = string(R);
	else if (peek(R) == ':')
		k = symbol(R);
	else {
		take_word(R, &text);
		if (text.len && peek(R) == ':') {
			advance(R);
			k = scalar(R, &text, false, line, c);
			dw_buf_free(&text);
			return k;
		}
		dw_buf_free(&text);
		return NULL;
	}
	if (k == NULL)
		return NULL;
	if (peek(R) == ':') {   /* "K": v */
		advance(R);
		return k;
	}
	skip_space(R, true);
	if (peek(R) != '=' || R->off + 1 >= R->len || R->src[R->off + 1] != '>')
		return NULL;
	advance(R);
	advance(R);
	return k;
}

static dw_ynode *
hash(struct rb *R)
{
	dw_ynode *map = node(R, DW_Y_MAP, R->line, col(R));
	struct items ks = { NULL, 0, 0 }, vs = { NULL, 0, 0 };

	advance(R);
	for (;;) {
		dw_ynode *k, *v = NULL;

		skip_space(R, true);
		if (peek(R) == '}') {
			advance(R);
			break;
		}
		k = hash_key(R);
		if (k) {
			skip_space(R, true);
			v = value(R);
		}
		if (v == NULL) {
			free(ks.v);
			free(vs.v);
			return NULL;
		}
		items_push(&ks, k);
		items_push(&vs, v);
		skip_space(R, true);
		if (peek(R) == ',')
			advance(R);
		else if (peek(R) != '}') {
			free(ks.v);
			free(vs.v);
			return NULL;
		}
	}
	map->n = ks.n;
	map->keys = items_keep(R, &ks);
	map->items = items_keep(R, &vs);
	return map;
}

/* One literal, or NULL when the text is not one this scanner reads. */
static dw_ynode *
literal(struct rb *R)
{
	int ch = peek(R);
	int next = R->off + 1 < R->len ? (unsigned char)R->src[R->off + 1] : -1;

	if (ch == '"' || ch == '\'')
		return string(R);
	if (ch == ':' && next != ':')
		return symbol(R);
	if (ch == '[')
		return array(R);
	if (ch == '{')
		return hash(R);
	if (ch == '%' && (next == 'w' || next == 'i') && R->off + 2 < R->len &&
	    R->src[R->off + 2] != '\0' && strchr("[({<|", R->src[R->off + 2]))
		return words(R);
	if (ch == '-' || word_char(ch))
		return bare(R);
	return NULL;
}

/* literal(), with the nesting bounded. */
static dw_ynode *
value(struct rb *R)
{
	dw_ynode *v;

	if (R->depth >= RB_MAX_DEPTH) {
		R->too_deep = true;
		return NULL;
	}
	R->depth++;
	v = literal(R);
	R->depth--;
	return v;
}

/* ---- lines ------------------------------------------------------------- */

static void
skip_line(struct rb *R)
{
	while (peek(R) != -1 && peek(R) != '\n')
		advance(R);
	if (peek(R) == '\n')
		advance(R);
}

/* The rest of the current line, without a trailing comment and blanks. */
static size_t
line_text(const struct rb *R, const char **start)
{
	const char *s = R->src + R->off;
	size_t n = 0;

	while (R->off + n < R->len && s[n] != '\n' && s[n] != '#')
		n++;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	*start = s;
	return n;
}

static bool
is_wrapper(const char *s, size_t n)
{
	if (n == 3 && strncmp(s, "end", 3) == 0)
		return true;
	if (n < 8 || strncmp(s, "Jets.", 5) != 0)
		return false;
	/* Jets.deploy.configure do  /  ... do |config| */
	if (s[n - 1] == '|') {
		const char *bar = memchr(s, '|', n - 1);

		if (bar == NULL)
			return false;
		n = (size_t)(bar - s);
		while (n > 0 && s[n - 1] == ' ')
			n--;
	}
	return n >= 3 && strncmp(s + n - 3, " do", 3) == 0;
}

/* "config." (or the wrapper's block variable) and a dotted name. */
static bool
assignment_name(struct rb *R, const char *var, dw_buf *name)
{
	size_t vn = strlen(var);

	if (!starts(R, var) || R->off + vn >= R->len ||
	    R->src[R->off + vn] != '.')
		return false;
	for (size_t i = 0; i <= vn; i++)
		advance(R);
	for (;;) {
		size_t before = name->len;

		take_word(R, name);
		if (name->len == before)
			return false;
		if (peek(R) != '.')
			break;
		dw_buf_putc(name, '.');
		advance(R);
	}
	skip_space(R, false);
	if (peek(R) != '=' || R->off + 1 >= R->len || strchr("=~>", R->src[R->off + 1]))
		return false;
	advance(R);
	skip_space(R, false);
	return true;
}

static bool
owned_name(const char *name)
{
	static const char *const owned[] = { "docker", "dockerfile", "lint", "package_type" };

	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++) {
		size_t n = strlen(owned[i]);

		if (strncmp(name, owned[i], n) == 0 && (name[n] == '\0' || name[n] == '.'))
			return true;
	}
	return false;
}

static dw_span
line_span(uint32_t line, uint32_t c)
{
	dw_span s = { { line, c }, { line, c } };

	return s;
}

/* The value after `config.NAME =`; R is at its first byte. */
static int
assignment(struct rb *R, dw_capply *A, const char *name, uint32_t line, uint32_t kcol)
{
	uint32_t vline = R->line, vcol = col(R);
	dw_pos kpos = { line, kcol };
	const char *rest;
	dw_ynode *v;

	if (dw_capply_lookup(name, NULL) == NULL) {
		skip_line(R);
		if (owned_name(name)) {
			dw_capply_unknown(A, name, kpos, false);
			return -1;
		}
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, line_span(line, 0), NULL,
		             "skipped: 'config.%s' is not a dockwright setting", name);
		return 0;
	}
	v = value(R);
	if (R->too_deep) {
		R->too_deep = false;
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, line_span(vline, vcol), NULL,
		             "the value of 'config.%s' nests arrays and hashes deeper than %d "
		             "levels", name, RB_MAX_DEPTH);
		skip_line(R);
		return -1;
	}
	skip_space(R, false);
	if (v == NULL || line_text(R, &rest) != 0) {
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, line_span(vline, vcol), NULL,
		             "skipped: the value of 'config.%s' is not a plain literal", name);
		skip_line(R);
		return 0;
	}
	skip_line(R);
	return dw_capply_leaf(A, name, kpos, v);
}

/* The block variable of `Jets.deploy.configure do |c|`, if not config. */
static void
block_var(const char *s, size_t n, dw_buf *var)
{
	const char *bar = memchr(s, '|', n);
	size_t len = 0;

	if (bar == NULL || s[n - 1] != '|')
		return;
	bar++;
	while (*bar == ' ')
		bar++;
	while (word_char((unsigned char)bar[len]))
		len++;
	if (len) {
		dw_buf_clear(var);
		dw_buf_put(var, bar, len);
	}
}

static int
statement(struct rb *R, dw_capply *A, dw_buf *var)
{
	uint32_t line = R->line, c = col(R);
	dw_buf name = DW_BUF_INIT;
	const char *s;
	size_t n = line_text(R, &s);
	int rc = 0;

	if (n == 0) {
		skip_line(R);
	} else if (is_wrapper(s, n)) {
		block_var(s, n, var);
		skip_line(R);
	} else if (assignment_name(R, dw_buf_cstr(var), &name)) {
		rc = assignment(R, A, name.ptr, line, c + (uint32_t)var->len + 1);
	} else {
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, line_span(line, 0), NULL,
		             "skipped: not a config assignment");
		skip_line(R);
	}
	dw_buf_free(&name);
	return rc;
}

int
dw_config_apply_deployrb(dw_config *c, const char *src, size_t len, const char *path,
                         dw_diags *d)
{
	struct rb R = { src, len, 0, 1, 0, dw_arena_new(), 0, false };
	dw_buf var = DW_BUF_INIT;
	bool in_doc = false;
	dw_capply A;
	int rc = 0;

	/* Ruby skips a UTF-8 byte order mark; columns count after it. */
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		R.off = R.bol = 3;

	if (memchr(src, '\0', len)) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL, "NUL byte in a Ruby file");
		dw_arena_free(R.arena);
		return -1;
	}
	dw_capply_init(&A, c, path, DW_ORIGIN_DEPLOYRB, d);
	dw_buf_puts(&var, "config");
	while (R.off < R.len) {
		skip_space(&R, false);
		/* =begin ... =end is a block comment (at the start of a line). */
		if (R.off == R.bol && starts(&R, "=begin"))
			in_doc = true;
		if (in_doc) {
			in_doc = !starts(&R, "=end");
			skip_line(&R);
			continue;
		}
		if (peek(&R) == '#') {
			skip_line(&R);
			continue;
		}
		if (statement(&R, &A, &var) < 0)
			rc = -1;
	}
	dw_buf_free(&var);
	dw_arena_free(R.arena);
	return rc;
}
