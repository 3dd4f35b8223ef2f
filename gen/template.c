/* SPDX-License-Identifier: MIT */
/*
 * template.c - the generator's small, strict Mustache-like templates.
 *
 * A template is parsed into a flat list of nodes (text, values, blocks
 * with the indexes of their {{else}} and end, partials), then rendered by
 * walking index ranges.  Standalone lines are resolved while parsing, so
 * the renderer only ever sees the text that is really emitted.
 *
 * Everything hostile templates could do is bounded: block nesting (the
 * renderer recurses), partial depth, rendering steps and output size.
 */
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTIAL_DEPTH 16
#define MAX_BLOCK_DEPTH 256
#define MAX_OUTPUT ((size_t)64 << 20)
#define MAX_STEPS ((unsigned long)16 << 20)

/* ---- scopes --------------------------------------------------------- */

enum vkind { V_STR, V_RAW, V_BOOL, V_LIST };

struct var {
	char *name;
	enum vkind kind;
	char *str;
	bool b;
	dw_tctx **items;
	size_t n, cap;
};

struct dw_tctx {
	struct var *v;
	size_t n, cap;
};

dw_tctx *
dw_tctx_new(void)
{
	return dw_calloc(1, sizeof(dw_tctx));
}

static void
var_clear(struct var *v)
{
	free(v->str);
	v->str = NULL;
	for (size_t i = 0; i < v->n; i++)
		dw_tctx_free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
	v->b = false;
}

void
dw_tctx_free(dw_tctx *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		var_clear(&c->v[i]);
		free(c->v[i].name);
	}
	free(c->v);
	free(c);
}

static struct var *
tctx_find(const dw_tctx *c, const char *name, size_t len)
{
	for (size_t i = 0; i < c->n; i++)
		if (strlen(c->v[i].name) == len && memcmp(c->v[i].name, name, len) == 0)
			return &c->v[i];
	return NULL;
}

/* The variable called name, created empty when new; its old value is
 * cleared unless keep is set. */
static struct var *
tctx_slot(dw_tctx *c, const char *name, enum vkind kind, bool keep)
{
	struct var *v = tctx_find(c, name, strlen(name));

	if (v != NULL) {
		if (!keep || v->kind != kind)
			var_clear(v);
		v->kind = kind;
		return v;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = dw_realloc(c->v, c->cap * sizeof *c->v);
	}
	v = &c->v[c->n++];
	memset(v, 0, sizeof *v);
	v->name = dw_strdup(name);
	v->kind = kind;
	return v;
}

void
dw_tctx_set(dw_tctx *c, const char *name, const char *value)
{
	struct var *v = tctx_slot(c, name, V_STR, false);

	value = value ? value : "";
	v->str = dw_strdup(value);
}

void
dw_tctx_set_raw(dw_tctx *c, const char *name, const char *value)
{
	struct var *v = tctx_slot(c, name, V_RAW, false);

	value = value ? value : "";
	v->str = dw_strdup(value);
}

void
dw_tctx_set_bool(dw_tctx *c, const char *name, bool b)
{
	tctx_slot(c, name, V_BOOL, false)->b = b;
}

dw_tctx *
dw_tctx_add_item(dw_tctx *c, const char *list_name)
{
	struct var *v = tctx_slot(c, list_name, V_LIST, true);

	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 4;
		v->items = dw_realloc(v->items, v->cap * sizeof *v->items);
	}
	v->items[v->n] = dw_tctx_new();
	return v->items[v->n++];
}

void
dw_tctx_set_list(dw_tctx *c, const char *list_name)
{
	/* Declaring keeps the items of an existing list. */
	tctx_slot(c, list_name, V_LIST, true);
}

/* ---- parsing -------------------------------------------------------- */

enum nkind {
	N_TEXT,      /* off/len: text */
	N_VAR,       /* off/len: name */
	N_IF,
	N_UNLESS,
	N_EACH,      /* off/len: name; els, end: node indexes */
	N_ELSE,
	N_END,
	N_PARTIAL,   /* off/len: name; ind_off/ind_len: standalone indentation */
	N_LINESTART  /* a template line begins: the partial indentation goes here */
};

struct node {
	enum nkind kind;
	size_t off, len;
	dw_pos pos;
	size_t els, end;
	size_t ind_off, ind_len;
	bool standalone;
};

struct tmpl {
	const char *src;
	size_t len;
	const char *path;
	struct node *v;
	size_t n, cap;
};

/* A tag as lexed: its bytes and the range it removes from the output. */
struct tag {
	size_t start, end;        /* "{{" .. "}}" inclusive */
	size_t cut_start, cut_end;
	size_t cstart, clen;      /* trimmed content */
	dw_pos pos;
	bool standalone;
};

static const char *const block_names[] = {
	[N_IF] = "if", [N_UNLESS] = "unless", [N_EACH] = "each",
};

static void
tmpl_free(struct tmpl *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static struct node *
tmpl_push(struct tmpl *t, enum nkind kind, size_t off, size_t len, dw_pos pos)
{
	struct node *nd;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = dw_realloc(t->v, t->cap * sizeof *t->v);
	}
	nd = &t->v[t->n++];
	memset(nd, 0, sizeof *nd);
	nd->kind = kind;
	nd->off = off;
	nd->len = len;
	nd->pos = pos;
	return nd;
}

static void
tmpl_error(const struct tmpl *t, dw_diags *d, dw_pos pos, const char *fmt, ...)
	DW_PRINTF(4, 5);

static void
tmpl_error(const struct tmpl *t, dw_diags *d, dw_pos pos, const char *fmt, ...)
{
	dw_span span = { pos, pos };
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(d, DW_SEV_ERROR, t->path, span, NULL, fmt, ap);
	va_end(ap);
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* A variable name: [A-Za-z_][A-Za-z0-9_-]*, or @first, @last, @index. */
static bool
valid_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	if (s[0] == '@')
		return (n == 6 && memcmp(s, "@first", 6) == 0) ||
		       (n == 5 && memcmp(s, "@last", 5) == 0) ||
		       (n == 6 && memcmp(s, "@index", 6) == 0);
	if (!is_alpha(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

/* A partial name: [A-Za-z0-9_][A-Za-z0-9_/-]*, so never "..". */
static bool
valid_partial(const char *s, size_t n)
{
	if (n == 0 || !is_alnum(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_alnum(s[i]) && s[i] != '-' && s[i] != '/')
			return false;
	return true;
}

/* The position just after src[from..to), given the position of from. */
static dw_pos
advance(const char *src, size_t from, size_t to, dw_pos p)
{
	for (size_t i = from; i < to; i++) {
		if (src[i] == '\n') {
			p.line++;
			p.col = 1;
		} else {
			p.col++;
		}
	}
	return p;
}

/* Block tags, comments and partials alone on their line take the whole
 * line with them (Mustache's standalone rule). */
static bool
can_stand_alone(const struct tmpl *t, const struct tag *tg)
{
	char c = t->src[tg->cstart];

	if (tg->clen == 0)
		return false;
	return c == '!' || c == '#' || c == '/' || c == '>' ||
	       (tg->clen == 4 && memcmp(t->src + tg->cstart, "else", 4) == 0);
}

static void
mark_standalone(const struct tmpl *t, struct tag *tg)
{
	size_t ls = tg->start, e = tg->end;

	tg->cut_start = tg->start;
	tg->cut_end = tg->end;
	tg->standalone = false;
	if (!can_stand_alone(t, tg))
		return;
	while (ls > 0 && is_blank(t->src[ls - 1]))
		ls--;
	if (ls > 0 && t->src[ls - 1] != '\n')
		return;
	while (e < t->len && is_blank(t->src[e]))
		e++;
	if (e < t->len && t->src[e] == '\r' && e + 1 < t->len && t->src[e + 1] == '\n')
		e += 2;
	else if (e < t->len && t->src[e] == '\n')
		e++;
	else if (e < t->len)
		return;
	tg->cut_start = ls;
	tg->cut_end = e;
	tg->standalone = true;
}

/* Text src[s..e): a node per line, each line preceded by a line start. */
static void
emit_text(struct tmpl *t, size_t s, size_t e, dw_pos pos, bool tag_follows)
{
	size_t i = s;

	while (i < e || (i == e && tag_follows)) {
		size_t j = i;

		if (i == 0 || t->src[i - 1] == '\n')
			tmpl_push(t, N_LINESTART, i, 0, pos);
		if (i == e)
			break;
		while (j < e && t->src[j] != '\n')
			j++;
		if (j < e)
			j++;
		tmpl_push(t, N_TEXT, i, j - i, pos);
		pos = advance(t->src, i, j, pos);
		i = j;
	}
}

/* Find the next tag at or after from; 0 = none, 1 = found, -1 = error. */
static int
lex_tag(const struct tmpl *t, size_t from, dw_pos pos, struct tag *tg, dw_diags *d)
{
	const char *s = t->src;
	size_t i, j;

	for (i = from; i + 1 < t->len; i++)
		if (s[i] == '{' && s[i + 1] == '{')
			break;
	if (i + 1 >= t->len)
		return 0;
	tg->start = i;
	tg->pos = advance(s, from, i, pos);
	for (j = i + 2; j + 1 < t->len; j++)
		if (s[j] == '}' && s[j + 1] == '}')
			break;
	if (j + 1 >= t->len) {
		tmpl_error(t, d, tg->pos, "unclosed tag: '{{' without '}}'");
		return -1;
	}
	tg->end = j + 2;
	tg->cstart = i + 2;
	while (tg->cstart < j && is_space(s[tg->cstart]))
		tg->cstart++;
	while (j > tg->cstart && is_space(s[j - 1]))
		j--;
	tg->clen = j - tg->cstart;
	return 1;
}

static const char *
tag_kw(const char *c, size_t n, size_t *kwlen)
{
	size_t k = 0;

	while (k < n && !is_space(c[k]))
		k++;
	*kwlen = k;
	return c;
}

/* The argument after a keyword: the rest of the tag, trimmed. */
static void
tag_arg(const char *c, size_t n, size_t kw, size_t *aoff, size_t *alen)
{
	size_t a = kw;

	while (a < n && is_space(c[a]))
		a++;
	*aoff = a;
	*alen = n - a;
}

static enum nkind
block_kind(const char *kw, size_t n)
{
	if (n == 2 && memcmp(kw, "if", 2) == 0)
		return N_IF;
	if (n == 6 && memcmp(kw, "unless", 6) == 0)
		return N_UNLESS;
	if (n == 4 && memcmp(kw, "each", 4) == 0)
		return N_EACH;
	return N_TEXT;
}

struct pstack {
	size_t idx[MAX_BLOCK_DEPTH];
	size_t n;
};

static int
parse_open(struct tmpl *t, const struct tag *tg, struct pstack *st, dw_diags *d)
{
	const char *c = t->src + tg->cstart + 1;
	size_t n = tg->clen - 1, kw, aoff, alen;
	enum nkind k;

	tag_kw(c, n, &kw);
	k = block_kind(c, kw);
	if (k == N_TEXT) {
		tmpl_error(t, d, tg->pos, "unknown block '{{#%.*s}}' (blocks: #if, #unless, #each)",
		           (int)(kw > 40 ? 40 : kw), c);
		return -1;
	}
	tag_arg(c, n, kw, &aoff, &alen);
	if (!valid_name(c + aoff, alen)) {
		tmpl_error(t, d, tg->pos, "'{{#%s}}' needs a name, not '%.*s'", block_names[k],
		           (int)(alen > 40 ? 40 : alen), c + aoff);
		return -1;
	}
	if (st->n == MAX_BLOCK_DEPTH) {
		tmpl_error(t, d, tg->pos, "blocks nested deeper than %d", MAX_BLOCK_DEPTH);
		return -1;
	}
	st->idx[st->n++] = t->n;
	tmpl_push(t, k, (size_t)(c + aoff - t->src), alen, tg->pos)->els = SIZE_MAX;
	return 0;
}

static int
parse_else(struct tmpl *t, const struct tag *tg, struct pstack *st, dw_diags *d)
{
	struct node *open;

	if (st->n == 0) {
		tmpl_error(t, d, tg->pos, "'{{else}}' outside '{{#if}}' or '{{#unless}}'");
		return -1;
	}
	open = &t->v[st->idx[st->n - 1]];
	if (open->kind == N_EACH) {
		tmpl_error(t, d, tg->pos, "'{{else}}' inside '{{#each %.*s}}' (only #if and #unless have one)",
		           (int)open->len, t->src + open->off);
		return -1;
	}
	if (open->els != SIZE_MAX) {
		tmpl_error(t, d, tg->pos, "second '{{else}}' in '{{#%s %.*s}}' opened at %u:%u",
		           block_names[open->kind], (int)open->len, t->src + open->off,
		           open->pos.line, open->pos.col);
		return -1;
	}
	open->els = t->n;
	tmpl_push(t, N_ELSE, 0, 0, tg->pos);
	return 0;
}

static int
parse_close(struct tmpl *t, const struct tag *tg, struct pstack *st, dw_diags *d)
{
	const char *c = t->src + tg->cstart + 1;
	size_t n = tg->clen - 1;
	struct node *open;
	size_t oi;
	enum nkind k;

	k = block_kind(c, n);
	if (k == N_TEXT) {
		tmpl_error(t, d, tg->pos, "unknown closing tag '{{/%.*s}}' (use /if, /unless or /each)",
		           (int)(n > 40 ? 40 : n), c);
		return -1;
	}
	if (st->n == 0) {
		tmpl_error(t, d, tg->pos, "'{{/%s}}' without an open '{{#%s}}'", block_names[k],
		           block_names[k]);
		return -1;
	}
	oi = st->idx[--st->n];
	open = &t->v[oi];
	if (open->kind != k) {
		tmpl_error(t, d, tg->pos, "'{{/%s}}' closes '{{#%s %.*s}}' opened at %u:%u",
		           block_names[k], block_names[open->kind], (int)open->len,
		           t->src + open->off, open->pos.line, open->pos.col);
		return -1;
	}
	open->end = t->n;
	if (open->els == SIZE_MAX)
		open->els = t->n;
	tmpl_push(t, N_END, 0, 0, tg->pos);
	return 0;
}

static int
parse_partial(struct tmpl *t, const struct tag *tg, dw_diags *d)
{
	const char *c = t->src + tg->cstart + 1;
	size_t n = tg->clen - 1, aoff, alen;
	struct node *nd;

	tag_arg(c, n, 0, &aoff, &alen);
	if (!valid_partial(c + aoff, alen)) {
		tmpl_error(t, d, tg->pos, "bad partial name '%.*s'", (int)(alen > 40 ? 40 : alen),
		           c + aoff);
		return -1;
	}
	nd = tmpl_push(t, N_PARTIAL, (size_t)(c + aoff - t->src), alen, tg->pos);
	nd->standalone = tg->standalone;
	nd->ind_off = tg->cut_start;
	nd->ind_len = nd->standalone ? tg->start - tg->cut_start : 0;
	return 0;
}

static int
parse_tag(struct tmpl *t, const struct tag *tg, struct pstack *st, dw_diags *d)
{
	const char *c = t->src + tg->cstart;
	size_t n = tg->clen;

	if (n == 0) {
		tmpl_error(t, d, tg->pos, "empty tag '{{}}'");
		return -1;
	}
	switch (c[0]) {
	case '!':
		return 0;
	case '#':
		return parse_open(t, tg, st, d);
	case '/':
		return parse_close(t, tg, st, d);
	case '>':
		return parse_partial(t, tg, d);
	case '{':
	case '&':
		tmpl_error(t, d, tg->pos, "'{{%c' is not supported: values set raw are pasted verbatim by '{{name}}'", c[0]);
		return -1;
	default:
		break;
	}
	if (n == 4 && memcmp(c, "else", 4) == 0)
		return parse_else(t, tg, st, d);
	if (!valid_name(c, n)) {
		tmpl_error(t, d, tg->pos, "bad name '%.*s' (names are letters, digits, '_' and '-')",
		           (int)(n > 40 ? 40 : n), c);
		return -1;
	}
	tmpl_push(t, N_VAR, tg->cstart, n, tg->pos);
	return 0;
}

static int
tmpl_parse(struct tmpl *t, dw_diags *d)
{
	struct pstack *st = dw_malloc(sizeof *st);
	dw_pos pos = { 1, 1 };  /* position of `at` */
	size_t at = 0;          /* output text resumes here */
	size_t scan = 0;        /* lexing resumes here */
	dw_pos scanpos = { 1, 1 };
	struct tag tg;
	int r = 0, found;

	st->n = 0;
	while ((found = lex_tag(t, scan, scanpos, &tg, d)) == 1) {
		mark_standalone(t, &tg);
		emit_text(t, at, tg.cut_start, pos, !tg.standalone);
		if (parse_tag(t, &tg, st, d) < 0) {
			r = -1;
			break;
		}
		scanpos = advance(t->src, tg.start, tg.end, tg.pos);
		scan = tg.end;
		pos = advance(t->src, tg.start, tg.cut_end, tg.pos);
		at = tg.cut_end;
		if (tg.cut_end > scan) {
			scanpos = pos;
			scan = tg.cut_end;
		}
	}
	if (found < 0)
		r = -1;
	if (r == 0) {
		emit_text(t, at, t->len, pos, false);
		if (st->n > 0) {
			const struct node *open = &t->v[st->idx[st->n - 1]];

			tmpl_error(t, d, open->pos, "unclosed '{{#%s %.*s}}'", block_names[open->kind],
			           (int)open->len, t->src + open->off);
			r = -1;
		}
	}
	free(st);
	return r;
}

/* ---- rendering ------------------------------------------------------ */

struct frame {
	const dw_tctx *scope;
	bool each;
	size_t index, count;
};

struct cached {
	char *name;
	dw_buf text, path;
	struct tmpl t;
	int status;          /* 0 parsed, -1 failed; -2, -3 failed to load (not reported yet) */
};

struct render {
	dw_buf *out;
	size_t base;
	dw_diags *d;
	dw_tload_fn load;
	void *load_ctx;
	struct frame *frames;
	size_t nframes, capframes;
	const char *indent;
	size_t indent_len;
	bool pending;        /* the indentation is due before the next byte */
	unsigned long steps;
	int depth;
	struct cached **cache;   /* pointers: entries stay put while rendered */
	size_t ncache;
};

struct value {
	enum vkind kind;
	const char *str;
	bool b;
	size_t n;
	dw_tctx *const *items;
	char tmp[24];
};

static void
push_frame(struct render *r, const dw_tctx *scope, bool each, size_t index, size_t count)
{
	if (r->nframes == r->capframes) {
		r->capframes = r->capframes ? r->capframes * 2 : 16;
		r->frames = dw_realloc(r->frames, r->capframes * sizeof *r->frames);
	}
	r->frames[r->nframes++] = (struct frame){ scope, each, index, count };
}

static int
out_put(struct render *r, const struct tmpl *t, dw_pos pos, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (r->pending) {
		r->pending = false;
		/* Empty lines get no indentation: no trailing white space. */
		if (s[0] != '\n' && s[0] != '\r')
			dw_buf_put(r->out, r->indent, r->indent_len);
	}
	if (n > MAX_OUTPUT || r->out->len - r->base > MAX_OUTPUT - n) {
		tmpl_error(t, r->d, pos, "output larger than %zu bytes (runaway #each or partials?)",
		           MAX_OUTPUT);
		return -1;
	}
	dw_buf_put(r->out, s, n);
	return 0;
}

static int
lookup(struct render *r, const struct tmpl *t, const struct node *nd, struct value *v)
{
	const char *name = t->src + nd->off;

	memset(v, 0, sizeof *v);
	if (name[0] == '@') {
		const struct frame *f = NULL;

		for (size_t i = r->nframes; i-- > 0;)
			if (r->frames[i].each) {
				f = &r->frames[i];
				break;
			}
		if (f == NULL) {
			tmpl_error(t, r->d, nd->pos, "'%.*s' outside '{{#each}}'", (int)nd->len, name);
			return -1;
		}
		if (name[1] == 'i') {
			snprintf(v->tmp, sizeof v->tmp, "%zu", f->index);
			v->kind = V_STR;
			v->str = v->tmp;
		} else {
			v->kind = V_BOOL;
			v->b = name[1] == 'f' ? f->index == 0 : f->index + 1 == f->count;
		}
		return 0;
	}
	for (size_t i = r->nframes; i-- > 0;) {
		const struct var *var = tctx_find(r->frames[i].scope, name, nd->len);

		if (var != NULL) {
			v->kind = var->kind;
			v->str = var->str;
			v->b = var->b;
			v->n = var->n;
			v->items = var->items;
			return 0;
		}
	}
	tmpl_error(t, r->d, nd->pos, "unknown name '%.*s'", (int)nd->len, name);
	return -1;
}

static const char *const kind_names[] = {
	[V_STR] = "a string", [V_RAW] = "a raw string", [V_BOOL] = "a bool", [V_LIST] = "a list",
};

static int
render_var(struct render *r, const struct tmpl *t, const struct node *nd)
{
	struct value v;
	size_t n;

	if (lookup(r, t, nd, &v) < 0)
		return -1;
	if (v.kind == V_BOOL || v.kind == V_LIST) {
		tmpl_error(t, r->d, nd->pos, "'%.*s' is %s, not a string", (int)nd->len,
		           t->src + nd->off, kind_names[v.kind]);
		return -1;
	}
	n = strlen(v.str);
	if (v.kind == V_STR) {
		/* Defence in depth: a one-line value must not add a line (or
		 * anything else invisible) to the output. */
		for (size_t i = 0; i < n; i++) {
			unsigned char ch = (unsigned char)v.str[i];

			if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
				tmpl_error(t, r->d, nd->pos,
				           "value of '%.*s' holds control character 0x%02x at byte %zu (only raw values may span lines)",
				           (int)nd->len, t->src + nd->off, ch, i);
				return -1;
			}
		}
	}
	return out_put(r, t, nd->pos, v.str, n);
}

static int render_range(struct render *r, const struct tmpl *t, size_t lo, size_t hi);

/* Count one unit of work: a node, or an #each iteration (empty bodies
 * must cost something too). */
static int
step(struct render *r, const struct tmpl *t, const struct node *nd)
{
	if (++r->steps <= MAX_STEPS)
		return 0;
	tmpl_error(t, r->d, nd->pos, "rendering takes more than %lu steps (runaway #each or partials?)",
	           MAX_STEPS);
	return -1;
}

static bool
truthy(const struct value *v)
{
	switch (v->kind) {
	case V_BOOL:
		return v->b;
	case V_LIST:
		return v->n > 0;
	default:
		return v->str[0] != '\0';
	}
}

static int
render_cond(struct render *r, const struct tmpl *t, const struct node *nd)
{
	struct value v;
	bool yes;

	if (lookup(r, t, nd, &v) < 0)
		return -1;
	yes = truthy(&v) == (nd->kind == N_IF);
	if (yes)
		return render_range(r, t, (size_t)(nd - t->v) + 1, nd->els);
	if (nd->els < nd->end)
		return render_range(r, t, nd->els + 1, nd->end);
	return 0;
}

static int
render_each(struct render *r, const struct tmpl *t, const struct node *nd)
{
	struct value v;
	size_t body = (size_t)(nd - t->v) + 1;

	if (lookup(r, t, nd, &v) < 0)
		return -1;
	if (v.kind != V_LIST) {
		tmpl_error(t, r->d, nd->pos, "'{{#each %.*s}}': '%.*s' is %s, not a list",
		           (int)nd->len, t->src + nd->off, (int)nd->len, t->src + nd->off,
		           kind_names[v.kind]);
		return -1;
	}
	for (size_t i = 0; i < v.n; i++) {
		int rc;

		if (step(r, t, nd) < 0)
			return -1;
		push_frame(r, v.items[i], true, i, v.n);
		rc = render_range(r, t, body, nd->end);
		r->nframes--;
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The parsed partial called name, loaded once per render. */
static struct cached *
partial_get(struct render *r, const char *name, size_t len)
{
	struct cached *c;
	size_t before = r->d->n;

	for (size_t i = 0; i < r->ncache; i++)
		if (strlen(r->cache[i]->name) == len && memcmp(r->cache[i]->name, name, len) == 0)
			return r->cache[i];
	r->cache = dw_realloc(r->cache, (r->ncache + 1) * sizeof *r->cache);
	c = r->cache[r->ncache++] = dw_calloc(1, sizeof *c);
	c->name = dw_strndup(name, len);
	c->status = -1;
	if (r->load == NULL || r->load(r->load_ctx, c->name, &c->text, &c->path, r->d) < 0) {
		/* The caller reports it, or says where it was included. */
		c->status = r->d->n == before ? -2 : -3;
		return c;
	}
	c->t.src = c->text.ptr ? c->text.ptr : "";
	c->t.len = c->text.len;
	c->t.path = c->path.len ? dw_buf_cstr(&c->path) : c->name;
	c->status = tmpl_parse(&c->t, r->d);
	return c;
}

static int
render_partial(struct render *r, const struct tmpl *t, const struct node *nd)
{
	const char *old_indent = r->indent;
	size_t old_len = r->indent_len;
	char *ind = NULL;
	struct cached *c;
	int rc;

	if (r->depth >= MAX_PARTIAL_DEPTH) {
		tmpl_error(t, r->d, nd->pos, "partials nested deeper than %d (recursive '{{> %.*s}}'?)",
		           MAX_PARTIAL_DEPTH, (int)nd->len, t->src + nd->off);
		return -1;
	}
	c = partial_get(r, t->src + nd->off, nd->len);
	if (c->status == -2) {
		tmpl_error(t, r->d, nd->pos, "cannot load partial '%s'", c->name);
		c->status = -1;
	} else if (c->status == -3) {
		/* The loader's diagnostic cannot know where the include is. */
		dw_span span = { nd->pos, nd->pos };

		dw_diags_add(r->d, DW_SEV_INFO, t->path, span, NULL, "partial '%s' included here", c->name);
		c->status = -1;
	}
	if (c->status < 0)
		return -1;
	/* Mustache: a standalone partial is indented like its tag; an inline
	 * one is not indented at all. */
	if (nd->standalone) {
		ind = dw_malloc(old_len + nd->ind_len + 1);
		memcpy(ind, old_indent, old_len);
		memcpy(ind + old_len, t->src + nd->ind_off, nd->ind_len);
		r->indent = ind;
		r->indent_len = old_len + nd->ind_len;
	} else {
		r->indent = "";
		r->indent_len = 0;
	}
	r->depth++;
	rc = render_range(r, &c->t, 0, c->t.n);
	r->depth--;
	r->pending = false;
	r->indent = old_indent;
	r->indent_len = old_len;
	free(ind);
	return rc;
}

static int
render_range(struct render *r, const struct tmpl *t, size_t lo, size_t hi)
{
	size_t i = lo;

	while (i < hi) {
		const struct node *nd = &t->v[i];
		int rc = 0;

		if (step(r, t, nd) < 0)
			return -1;
		switch (nd->kind) {
		case N_LINESTART:
			r->pending = r->indent_len > 0;
			break;
		case N_TEXT:
			rc = out_put(r, t, nd->pos, t->src + nd->off, nd->len);
			break;
		case N_VAR:
			rc = render_var(r, t, nd);
			break;
		case N_IF:
		case N_UNLESS:
			rc = render_cond(r, t, nd);
			i = nd->end;
			break;
		case N_EACH:
			rc = render_each(r, t, nd);
			i = nd->end;
			break;
		case N_PARTIAL:
			rc = render_partial(r, t, nd);
			break;
		case N_ELSE:
		case N_END:
			break;
		}
		if (rc < 0)
			return -1;
		i++;
	}
	return 0;
}

int
dw_template_render(const char *tmpl, size_t len, const char *path, const dw_tctx *c,
                   dw_tload_fn load, void *load_ctx, dw_buf *out, dw_diags *d)
{
	struct tmpl t = { tmpl ? tmpl : "", tmpl ? len : 0, path, NULL, 0, 0 };
	struct render r;
	dw_tctx *empty = NULL;
	int rc;

	if (tmpl_parse(&t, d) < 0) {
		tmpl_free(&t);
		return -1;
	}
	memset(&r, 0, sizeof r);
	r.out = out;
	r.base = out->len;
	r.d = d;
	r.load = load;
	r.load_ctx = load_ctx;
	r.indent = "";
	if (c == NULL)
		c = empty = dw_tctx_new();
	push_frame(&r, c, false, 0, 0);
	rc = render_range(&r, &t, 0, t.n);
	for (size_t i = 0; i < r.ncache; i++) {
		free(r.cache[i]->name);
		dw_buf_free(&r.cache[i]->text);
		dw_buf_free(&r.cache[i]->path);
		tmpl_free(&r.cache[i]->t);
		free(r.cache[i]);
	}
	free(r.cache);
	free(r.frames);
	dw_tctx_free(empty);
	tmpl_free(&t);
	/* Callers may print what they got, so keep it a C string. */
	dw_buf_put(out, "", 0);
	return rc;
}
