/* SPDX-License-Identifier: MIT */
/*
 * parse.c - BuildKit's Dockerfile parser, keeping every position.
 *
 * The shape follows BuildKit's frontend/dockerfile/parser: physical lines
 * are joined into logical lines (directives, comments, continuations,
 * heredoc bodies), each logical line is split into keyword, flags and
 * arguments, and the arguments are parsed by a per-instruction rule.  What
 * we add is a map from every byte of a logical line back to its physical
 * line and column, so that later stages can point at the exact spot.
 */
#include "arena.h"
#include "parse_priv.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LINE 65535          /* bufio.Scanner's limit, less the newline */
#define DEFAULT_ONBUILD_DEPTH 64

struct pline {
	const char *p;  /* first byte (after a BOM on line 1) */
	size_t len;     /* without trailing CR/LF */
	size_t raw;     /* with them */
	uint32_t no;
};

struct parser {
	const char *src;
	size_t len;
	size_t pos;
	uint32_t line;
	const char *path;
	dw_diags *d;
	dw_arena *a;
	char esc;
	bool dir_done;
	bool seen[3];           /* syntax, escape, check */
	uint32_t max_depth;
	/* The logical line being parsed, and its map to physical lines. */
	dw_buf text;
	dw_seg *segs;
	size_t nsegs, capsegs;
	const char *cur;        /* arena copy of the logical line */
	size_t cur_len;
	const dw_seg *cur_segs;
	size_t cur_nsegs;
	dw_buf scratch;
	/* Word stack: an instruction's flags and arguments, then copied out. */
	dw_word *words;
	size_t nwords, capwords;
	dw_instr *instrs;
	size_t ninstrs, capinstrs;
	dw_comment *comments;
	size_t ncomments, capcomments;
	dw_directive *dirs;
	size_t ndirs, capdirs;
	uint32_t comment_mark;
};

static const char *const directive_keys[] = { "syntax", "escape", "check" };

static void *
grow(void *v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return dw_realloc(v, *cap * elem);
}

static void
perr(struct parser *P, dw_span span, const char *fmt, ...) DW_PRINTF(3, 4);

static void
perr(struct parser *P, dw_span span, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(P->d, DW_SEV_ERROR, P->path, span, NULL, fmt, ap);
	va_end(ap);
}

static dw_span
line_span(uint32_t line, uint32_t col)
{
	dw_span s = { { line, col }, { line, col } };

	return s;
}

/* ---- physical lines ----------------------------------------------------- */

static int
next_line(struct parser *P, struct pline *pl)
{
	const char *p, *nl;
	size_t avail, raw, len;

	if (P->pos >= P->len)
		return 0;
	p = P->src + P->pos;
	avail = P->len - P->pos;
	nl = memchr(p, '\n', avail);
	raw = nl ? (size_t)(nl - p) + 1 : avail;
	P->pos += raw;
	P->line++;
	if ((nl ? raw - 1 : raw) > MAX_LINE) {
		perr(P, line_span(P->line, 1),
		     "dockerfile line greater than max allowed size of %d", MAX_LINE);
		return -1;
	}
	if (P->line == 1 && raw >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		raw -= 3;
	}
	len = raw;
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	pl->p = p;
	pl->len = len;
	pl->raw = raw;
	pl->no = P->line;
	return 1;
}

static bool
is_comment(const char *s, size_t n)
{
	size_t i = dw_space_prefix(s, n);

	return i < n && s[i] == '#';
}

static void
add_comment(struct parser *P, const struct pline *pl)
{
	size_t i = dw_space_prefix(pl->p, pl->len), b, e;
	dw_comment *c;

	P->comments = grow(P->comments, &P->capcomments, P->ncomments, sizeof *c);
	c = &P->comments[P->ncomments++];
	b = i + 1 + dw_space_prefix(pl->p + i + 1, pl->len - i - 1);
	e = pl->len - dw_space_suffix(pl->p + b, pl->len - b);
	c->line = pl->no;
	c->col = (uint32_t)i + 1;
	c->text = dw_arena_strndup(P->a, pl->p + b, e - b);
	c->len = e - b;
}

/* ---- parser directives -------------------------------------------------- */

static bool
is_re_space(char c)
{
	/* Go's \s: [\t\n\f\r ] */
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Match ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ against s[0..n). */
static bool
match_directive(const char *s, size_t n, size_t *ko, size_t *kl,
                size_t *vo, size_t *vl)
{
	size_t i = 0, e;

	if (n == 0 || s[0] != '#')
		return false;
	for (i = 1; i < n && is_re_space(s[i]); i++)
		;
	if (i >= n || !is_alpha(s[i]))
		return false;
	*ko = i;
	while (i < n && is_alnum(s[i]))
		i++;
	*kl = i - *ko;
	while (i < n && is_re_space(s[i]))
		i++;
	if (i >= n || s[i] != '=')
		return false;
	for (i++; i < n && is_re_space(s[i]); i++)
		;
	for (e = n; e > i && is_re_space(s[e - 1]); e--)
		;
	if (e <= i || memchr(s + i, '\n', e - i) != NULL)
		return false;
	*vo = i;
	*vl = e - i;
	return true;
}

static int
directive_index(const char *k, size_t n)
{
	for (int i = 0; i < 3; i++)
		if (strlen(directive_keys[i]) == n && strncasecmp(directive_keys[i], k, n) == 0)
			return i;
	return -1;
}

/* Look at a line while directives may still appear; -1 on a bad one. */
static int
check_directive(struct parser *P, const char *s, size_t n, uint32_t lineno, size_t col0)
{
	size_t ko, kl, vo, vl;
	dw_directive *dv;
	int idx;

	if (P->dir_done)
		return 0;
	if (!match_directive(s, n, &ko, &kl, &vo, &vl) ||
	    (idx = directive_index(s + ko, kl)) < 0) {
		P->dir_done = true;
		return 0;
	}
	if (P->seen[idx]) {
		perr(P, line_span(lineno, (uint32_t)(col0 + 1)),
		     "only one %s parser directive can be used", directive_keys[idx]);
		return -1;
	}
	P->seen[idx] = true;
	if (idx == 1) {
		if (vl != 1 || (s[vo] != '\\' && s[vo] != '`')) {
			perr(P, line_span(lineno, (uint32_t)(col0 + vo + 1)),
			     "invalid escape token '%.*s' does not match ` or \\",
			     (int)vl, s + vo);
			return -1;
		}
		P->esc = s[vo];
	}
	P->dirs = grow(P->dirs, &P->capdirs, P->ndirs, sizeof *dv);
	dv = &P->dirs[P->ndirs++];
	dv->key = directive_keys[idx];
	dv->value = dw_arena_strndup(P->a, s + vo, vl);
	dv->line = lineno;
	return 0;
}

/* ---- continuation ------------------------------------------------------- */

/*
 * BuildKit's rule: the line continues when its last non-blank character
 * is the escape token and that token is not itself escaped.  Returns the
 * length to keep.  (A line ending in three escape tokens does not
 * continue: the same gap as BuildKit's regular expression.)
 */
static bool
continues(const char *s, size_t n, char esc, size_t *keep)
{
	size_t e = n;

	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e == 0 || s[e - 1] != esc)
		return false;
	if (e >= 2 && s[e - 2] == esc)
		return false;
	*keep = e - 1;
	return true;
}

static void
add_seg(struct parser *P, uint32_t line, uint32_t col)
{
	dw_seg *sg;

	P->segs = grow(P->segs, &P->capsegs, P->nsegs, sizeof *sg);
	sg = &P->segs[P->nsegs++];
	sg->off = (uint32_t)P->text.len;
	sg->line = line;
	sg->col = col;
}

/* ---- positions ---------------------------------------------------------- */

static dw_pos
seg_pos(const dw_seg *segs, size_t nsegs, size_t off)
{
	size_t lo = 0, hi = nsegs;
	dw_pos p = { 0, 0 };

	if (nsegs == 0)
		return p;
	/* The last segment starting at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.line = segs[lo].line;
	p.col = segs[lo].col + (uint32_t)(off - segs[lo].off);
	return p;
}

dw_pos
dw_instr_pos(const dw_instr *in, size_t off)
{
	return seg_pos(in->segs, in->nsegs, off);
}

dw_pos
dw_instr_pos_near(const dw_instr *in, size_t off, size_t *seg)
{
	size_t k = *seg;
	dw_pos p;

	if (k >= in->nsegs || in->segs[k].off > off)
		return dw_instr_pos(in, off);   /* backwards: search; keep the hint */
	while (k + 1 < in->nsegs && in->segs[k + 1].off <= off)
		k++;
	*seg = k;
	p.line = in->segs[k].line;
	p.col = in->segs[k].col + (uint32_t)(off - in->segs[k].off);
	return p;
}

dw_span
dw_instr_range(const dw_instr *in, size_t off, size_t end)
{
	dw_span s;

	s.start = seg_pos(in->segs, in->nsegs, off);
	if (end > off) {
		s.end = seg_pos(in->segs, in->nsegs, end - 1);
		s.end.col++;
	} else {
		s.end = s.start;
	}
	return s;
}

dw_span
dw_instr_span(const dw_instr *in)
{
	return dw_instr_range(in, (size_t)(in->keyword - in->text), in->end_off);
}

dw_span
dw_word_span(const dw_instr *in, const dw_word *w)
{
	return dw_instr_range(in, w->off, w->end);
}

static dw_span
cur_span(const struct parser *P, size_t off, size_t end)
{
	dw_instr tmp;

	tmp.segs = P->cur_segs;
	tmp.nsegs = (uint32_t)P->cur_nsegs;
	return dw_instr_range(&tmp, off, end);
}

/* ---- words -------------------------------------------------------------- */

static void
push_word(struct parser *P, const char *val, size_t len, size_t off, size_t end)
{
	dw_word *w;

	P->words = grow(P->words, &P->capwords, P->nwords, sizeof *w);
	w = &P->words[P->nwords++];
	w->value = dw_arena_strndup(P->a, val, len);
	w->len = (uint32_t)len;
	w->off = (uint32_t)off;
	w->end = (uint32_t)end;
}

static void
push_text(struct parser *P, size_t off, size_t end)
{
	dw_word *w;

	if (end != P->cur_len) {
		push_word(P, P->cur + off, end - off, off, end);
		return;
	}
	/* A word that ends the logical line is already NUL-terminated in
	 * the arena copy: share it.  That is every shell-form RUN, CMD and
	 * ENTRYPOINT, which hold most of a Dockerfile's bytes. */
	P->words = grow(P->words, &P->capwords, P->nwords, sizeof *w);
	w = &P->words[P->nwords++];
	w->value = P->cur + off;
	w->len = (uint32_t)(end - off);
	w->off = (uint32_t)off;
	w->end = (uint32_t)end;
}

/* Append a rune as Go's strings.Builder.WriteRune would: an invalid byte
 * becomes U+FFFD. */
static void
put_go_rune(dw_buf *b, const char *s, size_t w, uint32_t cp)
{
	if (cp == DW_RUNE_ERROR && w == 1)
		dw_buf_put(b, "\xEF\xBF\xBD", 3);
	else
		dw_buf_put(b, s, w);
}

/* The current flag word: the source bytes [start, pos) while it has no
 * quote or escape, else the bytes collected in the scratch buffer. */
struct flagword {
	size_t start;
	bool dirty;
	bool blank_ok;
};

static size_t
flag_len(const struct parser *P, const struct flagword *f, size_t pos)
{
	return f->dirty ? P->scratch.len : pos - f->start;
}

static bool
flag_is_dashdash(const struct parser *P, const struct flagword *f, size_t pos)
{
	const char *v = f->dirty ? P->scratch.ptr : P->cur + f->start;

	return flag_len(P, f, pos) == 2 && v[0] == '-' && v[1] == '-';
}

static void
flag_push(struct parser *P, const struct flagword *f, size_t pos)
{
	if (flag_is_dashdash(P, f, pos) || !(f->blank_ok || flag_len(P, f, pos)))
		return;
	if (f->dirty)
		push_word(P, P->scratch.ptr, P->scratch.len, f->start, pos);
	else
		push_text(P, f->start, pos);
}

/* From here on the value differs from the source: copy what came before. */
static void
flag_dirty(struct parser *P, struct flagword *f, size_t pos)
{
	if (f->dirty)
		return;
	f->dirty = true;
	dw_buf_clear(&P->scratch);
	dw_buf_put(&P->scratch, P->cur + f->start, pos - f->start);
}

/*
 * The flags before the arguments (BuildKit's extractBuilderFlags): words
 * starting with "--", quotes removed, backslash escapes.  Returns the
 * offset where the arguments start.  Most flags have no quote or escape;
 * their value is then the source slice, and no byte is copied here.
 */
static size_t
extract_flags(struct parser *P, size_t r, size_t b)
{
	const char *s = P->cur;
	enum { SPACES, WORD, QUOTE } phase = SPACES;
	struct flagword f = { r, false, false };
	char quote = 0;

	for (size_t pos = r; pos <= b; pos++) {
		unsigned char ch = pos < b ? (unsigned char)s[pos] : 0;

		if (phase == SPACES) {
			if (pos == b)
				break;
			if (dw_is_space_byte(ch))
				continue;
			if (ch != '-' || pos + 1 == b || s[pos + 1] != '-')
				return pos;
			phase = WORD;
			f.start = pos;
			f.dirty = f.blank_ok = false;
		}
		if (pos == b) {
			flag_push(P, &f, pos);
			break;
		}
		if (phase == WORD && dw_is_space_byte(ch)) {
			phase = SPACES;
			if (flag_is_dashdash(P, &f, pos))
				return pos;
			flag_push(P, &f, pos);
			continue;
		}
		if (phase == WORD && (ch == '\'' || ch == '"')) {
			flag_dirty(P, &f, pos);
			quote = (char)ch;
			f.blank_ok = true;
			phase = QUOTE;
			continue;
		}
		if (phase == QUOTE && ch == (unsigned char)quote) {
			phase = WORD;
			continue;
		}
		if (ch == '\\') {
			flag_dirty(P, &f, pos);
			if (pos + 1 == b) {
				phase = WORD;
				continue;
			}
			ch = (unsigned char)s[++pos];
		}
		if (f.dirty)
			dw_buf_putc(&P->scratch, ch);
	}
	return b;
}

/* A word whose bytes include invalid UTF-8: Go's WriteRune turns each
 * invalid byte into U+FFFD, so the AST value differs from the source. */
static void
push_replaced(struct parser *P, size_t start, size_t end)
{
	dw_buf *w = &P->scratch;

	dw_buf_clear(w);
	for (size_t i = start; i < end;) {
		uint32_t c;
		size_t cw = dw_utf8_decode(P->cur + i, end - i, &c);

		put_go_rune(w, P->cur + i, cw, c);
		i += cw;
	}
	push_word(P, w->ptr, w->len, start, end);
}

static void
push_parsed_word(struct parser *P, size_t start, size_t end, bool bad)
{
	if (bad)
		push_replaced(P, start, end);
	else
		push_text(P, start, end);
}

/*
 * BuildKit's parseWords: words separated by Unicode white space, quotes
 * and escape tokens kept verbatim.  Used by ARG, ENV and LABEL.  A word's
 * value is its source bytes (an escape token at the very end is dropped
 * by not extending the word over it), so no copy is built here.
 */
static void
parse_words(struct parser *P, size_t as, size_t ae)
{
	const char *s = P->cur;
	enum { SPACES, WORD, QUOTE } phase = SPACES;
	bool blank_ok = false, bad = false;
	size_t start = as, last = as;
	uint32_t quote = 0, ch = 0;
	size_t cw = 0;

	for (size_t pos = as; pos <= ae; pos += cw) {
		if (pos < ae && (unsigned char)s[pos] < 0x80) {
			ch = (unsigned char)s[pos];
			cw = 1;
		} else if (pos < ae) {
			cw = dw_utf8_decode(s + pos, ae - pos, &ch);
		}
		if (phase == SPACES) {
			if (pos == ae)
				break;
			if (dw_is_space(ch))
				continue;
			phase = WORD;
			start = last = pos;
			bad = false;
		}
		if (pos == ae) {
			if (blank_ok || last > start)
				push_parsed_word(P, start, last, bad);
			break;
		}
		if (phase == WORD) {
			if (dw_is_space(ch)) {
				phase = SPACES;
				if (blank_ok || last > start)
					push_parsed_word(P, start, last, bad);
				blank_ok = false;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = true;
				phase = QUOTE;
			}
		} else if (ch == quote) {
			phase = WORD;
		}
		if (ch == (unsigned char)P->esc && (phase == WORD || quote != '\'')) {
			if (pos + cw == ae) {
				phase = WORD;
				continue;
			}
			pos += cw;
			cw = dw_utf8_decode(s + pos, ae - pos, &ch);
		}
		bad |= ch == DW_RUNE_ERROR && cw == 1;
		last = pos + cw;
	}
}

/* Whitespace-delimited words ([\t\v\f\r ]+), for FROM, EXPOSE and the
 * non-JSON form of ADD, COPY and VOLUME. */
static void
parse_blank_words(struct parser *P, size_t as, size_t ae)
{
	const char *s = P->cur;
	size_t i = as;

	if (as == ae)
		return;
	for (;;) {
		size_t st = i;

		while (i < ae && !dw_is_ascii_blank((unsigned char)s[i]))
			i++;
		push_text(P, st, i);
		if (i == ae)
			break;
		while (i < ae && dw_is_ascii_blank((unsigned char)s[i]))
			i++;
	}
}

/* ---- argument rules ----------------------------------------------------- */

struct json_ctx {
	struct parser *P;
	size_t base;
};

static void
json_elem(void *ctx, const char *val, size_t len, size_t off, size_t end)
{
	struct json_ctx *jc = ctx;

	push_word(jc->P, val, len, jc->base + off, jc->base + end);
}

/* Try the exec form.  Returns 1 when JSON, 0 when not, -1 on error. */
static int
try_json(struct parser *P, dw_instr *in, size_t as, size_t ae)
{
	struct json_ctx jc = { P, 0 };
	dw_buf tmp = DW_BUF_INIT;
	dw_json_status st;
	size_t t = as + dw_space_prefix(P->cur + as, ae - as);

	if (t >= ae || P->cur[t] != '[')
		return 0;
	jc.base = t;
	st = dw_json_string_array(P->cur + t, ae - t, &tmp, json_elem, &jc);
	dw_buf_free(&tmp);
	if (st == DW_JSON_NOT_STRINGS) {
		perr(P, cur_span(P, t, ae),
		     "when using JSON array syntax, arrays must be comprised of strings only");
		return -1;
	}
	if (st == DW_JSON_OK) {
		in->json = true;
		return 1;
	}
	in->json_fallback = true;
	return 0;
}

static int
parse_maybe_json(struct parser *P, dw_instr *in, size_t as, size_t ae)
{
	int r;

	if (as == ae)
		return 0;
	if ((r = try_json(P, in, as, ae)) != 0)
		return r < 0 ? -1 : 0;
	push_text(P, as, ae);
	return 0;
}

static int
parse_maybe_json_list(struct parser *P, dw_instr *in, size_t as, size_t ae)
{
	int r = try_json(P, in, as, ae);

	if (r != 0)
		return r < 0 ? -1 : 0;
	parse_blank_words(P, as, ae);
	return 0;
}

static void
push_triple(struct parser *P, size_t ko, size_t ke, const char *v, size_t vl,
            size_t vo, size_t ve, bool eq)
{
	push_text(P, ko, ke);
	push_word(P, v, vl, vo, ve);
	push_word(P, eq ? "=" : "", eq ? 1 : 0, ke, eq ? ke + 1 : ke);
}

/* ENV and LABEL: "k=v ..." or the legacy "KEY rest of line". */
static int
parse_name_val(struct parser *P, dw_instr *in, size_t as, size_t ae)
{
	const char *kw = in->kind == DW_I_ENV ? "ENV" : "LABEL";
	size_t mark = P->nwords, n;
	dw_word *ws;

	parse_words(P, as, ae);
	n = P->nwords - mark;
	if (n == 0)
		return 0;
	ws = dw_malloc(n * sizeof *ws);
	memcpy(ws, P->words + mark, n * sizeof *ws);
	P->nwords = mark;
	if (memchr(ws[0].value, '=', ws[0].len) == NULL) {
		size_t k = as, v;

		free(ws);
		while (k < ae && !dw_is_ascii_blank((unsigned char)P->cur[k]))
			k++;
		if (k == ae) {
			perr(P, cur_span(P, as, ae), "%s must have two arguments", kw);
			return -1;
		}
		for (v = k; v < ae && dw_is_ascii_blank((unsigned char)P->cur[v]); v++)
			;
		push_triple(P, as, k, P->cur + v, ae - v, v, ae, false);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const char *eq = memchr(ws[i].value, '=', ws[i].len);
		size_t kl, ko;

		if (eq == NULL) {
			dw_buf q = DW_BUF_INIT;

			dw_go_quote(&q, ws[i].value, ws[i].len);
			perr(P, cur_span(P, ws[i].off, ws[i].end),
			     "Syntax error - can't find = in %s. Must be of the form: name=value",
			     q.ptr);
			dw_buf_free(&q);
			free(ws);
			return -1;
		}
		/* The value may have U+FFFD for invalid bytes, so it is longer
		 * than the source: split the value for the strings, and the
		 * source (where '=' is at the same place) for the offsets. */
		kl = (size_t)(eq - ws[i].value);
		ko = (size_t)((const char *)memchr(P->cur + ws[i].off, '=',
		                                   ws[i].end - ws[i].off) - P->cur);
		push_word(P, ws[i].value, kl, ws[i].off, ko);
		push_word(P, eq + 1, ws[i].len - kl - 1, ko + 1, ws[i].end);
		push_word(P, "=", 1, ko, ko + 1);
	}
	free(ws);
	return 0;
}

static int
parse_health(struct parser *P, dw_instr *in, size_t as, size_t ae)
{
	const char *s = P->cur;
	size_t sep = as, next;

	while (sep < ae && !dw_is_space_byte((unsigned char)s[sep]))
		sep++;
	if (sep == as)
		return 0;
	for (next = sep; next < ae && dw_is_space_byte((unsigned char)s[next]); next++)
		;
	push_text(P, as, sep);
	return parse_maybe_json(P, in, next, ae);
}

static int parse_instr(struct parser *P, dw_instr *in, size_t off, size_t end, uint32_t depth);

static int
parse_args(struct parser *P, dw_instr *in, size_t as, size_t ae, uint32_t depth)
{
	switch (in->kind) {
	case DW_I_ADD:
	case DW_I_COPY:
	case DW_I_VOLUME:
		return parse_maybe_json_list(P, in, as, ae);
	case DW_I_ARG:
		parse_words(P, as, ae);
		return 0;
	case DW_I_CMD:
	case DW_I_ENTRYPOINT:
	case DW_I_RUN:
	case DW_I_SHELL:
		return parse_maybe_json(P, in, as, ae);
	case DW_I_ENV:
	case DW_I_LABEL:
		return parse_name_val(P, in, as, ae);
	case DW_I_EXPOSE:
	case DW_I_FROM:
		parse_blank_words(P, as, ae);
		return 0;
	case DW_I_HEALTHCHECK:
		return parse_health(P, in, as, ae);
	case DW_I_MAINTAINER:
	case DW_I_STOPSIGNAL:
	case DW_I_USER:
	case DW_I_WORKDIR:
		if (as < ae)
			push_text(P, as, ae);
		return 0;
	case DW_I_ONBUILD:
		if (as == ae)
			return 0;
		if (depth + 1 >= P->max_depth) {
			perr(P, cur_span(P, as, ae), "ONBUILD nested too deeply");
			return -1;
		}
		in->sub = dw_arena_alloc(P->a, sizeof *in->sub);
		return parse_instr(P, in->sub, as, ae, depth + 1);
	default:
		/* BuildKit keeps unknown instructions without arguments; the
		 * instruction layer (dw_validate) reports them. */
		return 0;
	}
}

static void
copy_words(struct parser *P, dw_instr *in, size_t mark, size_t nflags)
{
	size_t nargs = P->nwords - mark - nflags;

	in->nflags = (uint32_t)nflags;
	in->nargs = (uint32_t)nargs;
	/* Before the first word there is no array, and NULL + 0 is undefined. */
	if (P->words == NULL)
		return;
	in->flags = dw_arena_memdup(P->a, P->words + mark, nflags * sizeof(dw_word));
	in->args = dw_arena_memdup(P->a, P->words + mark + nflags, nargs * sizeof(dw_word));
	P->nwords = mark;
}

/* BuildKit's splitCommand and the dispatch on the keyword. */
static int
parse_instr(struct parser *P, dw_instr *in, size_t off, size_t end, uint32_t depth)
{
	const char *s = P->cur;
	size_t a = off + dw_space_prefix(s + off, end - off);
	size_t b = end - dw_space_suffix(s + a, end - a);
	size_t k = a, as = b, ae = b, mark = P->nwords, nflags = 0;

	memset(in, 0, sizeof *in);
	while (k < b && !dw_is_ascii_blank((unsigned char)s[k]))
		k++;
	in->keyword = s + a;
	in->keyword_len = (uint32_t)(k - a);
	in->kind = dw_kind_lookup(s + a, k - a);
	in->text = s;
	in->text_len = (uint32_t)P->cur_len;
	in->segs = P->cur_segs;
	in->nsegs = (uint32_t)P->cur_nsegs;
	in->end_off = (uint32_t)b;
	in->start_line = seg_pos(P->cur_segs, P->cur_nsegs, a).line;
	in->end_line = seg_pos(P->cur_segs, P->cur_nsegs, b > a ? b - 1 : a).line;
	if (k < b) {
		size_t r = k;

		while (r < b && dw_is_ascii_blank((unsigned char)s[r]))
			r++;
		as = extract_flags(P, r, b);
		nflags = P->nwords - mark;
		as += dw_space_prefix(s + as, b - as);
		ae = b - dw_space_suffix(s + as, b - as);
	}
	if (parse_args(P, in, as, ae, depth) < 0) {
		P->nwords = mark;
		return -1;
	}
	copy_words(P, in, mark, nflags);
	return 0;
}

/* ---- heredocs ----------------------------------------------------------- */

static bool
heredoc_allowed(const dw_instr *in)
{
	if (in->kind == DW_I_ONBUILD && in->sub)
		in = in->sub;
	return (in->kind == DW_I_RUN || in->kind == DW_I_COPY || in->kind == DW_I_ADD) &&
	       !in->json;
}

struct rawword {
	size_t off, end;
};

/*
 * Split a logical line as BuildKit does before looking for heredocs: shell
 * words with quotes and escapes kept, and "<<" swallowing the blanks after
 * it.  Returns false for an unbalanced quote (then there are no heredocs).
 */
static bool
raw_words(const char *s, size_t n, struct rawword **out, size_t *nout)
{
	size_t i = 0, cap = 0, start = 0;
	bool in_word = false;
	struct rawword *v = NULL;

	*nout = 0;
	while (i <= n) {
		uint32_t ch = 0;
		size_t w = i < n ? dw_utf8_decode(s + i, n - i, &ch) : 0;

		if (i == n || (dw_is_space(ch) && in_word)) {
			if (in_word) {
				v = grow(v, &cap, *nout, sizeof *v);
				v[*nout].off = start;
				v[(*nout)++].end = i;
				in_word = false;
			}
			if (i == n)
				break;
			i += w;
			continue;
		}
		if (dw_is_space(ch)) {
			i += w;
			continue;
		}
		if (!in_word) {
			in_word = true;
			start = i;
		}
		if (ch == '\'' || ch == '"') {
			size_t j = i + 1;

			while (j < n && s[j] != (char)ch) {
				if (ch == '"' && s[j] == '\\' && j + 1 < n)
					j++;
				j++;
			}
			if (j >= n) {
				free(v);
				*out = NULL;
				*nout = 0;
				return false;
			}
			i = j + 1;
		} else if (ch == '\\') {
			i += i + 1 < n ? 2 : 1;
		} else if (ch == '<' && i + 1 < n && s[i + 1] == '<') {
			i += 2;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		} else {
			i += w;
		}
	}
	*out = v;
	return true;
}

static size_t
count_quotes(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += s[i] == '\'' || s[i] == '"';
	return c;
}

/*
 * Is s[0..n) a heredoc word, ^(\d*)<<(-?)\s*([^<]*)$ ?  Fills hd (name in
 * the arena) and returns 1, 0 when not, -1 on a lexing error.
 */
static int
heredoc_word(struct parser *P, const char *s, size_t n, dw_heredoc *hd, dw_buf *err)
{
	dw_shell_opts o = { '\\', false, false, true, false, NULL, NULL, NULL };
	dw_strv cooked = DW_STRV_INIT, raw = DW_STRV_INIT;
	size_t i = 0, d, r;
	unsigned long fd = 0;
	int rc = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (fd < 100000)
			fd = fd * 10 + (unsigned long)(s[i] - '0');
		i++;
	}
	d = i;
	if (n - i < 2 || s[i] != '<' || s[i + 1] != '<')
		return 0;
	i += 2;
	hd->chomp = i < n && s[i] == '-';
	if (hd->chomp)
		i++;
	while (i < n && is_re_space(s[i]))
		i++;
	r = i;
	if (r == n || memchr(s + r, '<', n - r) != NULL)
		return 0;
	if (dw_shell_words(&o, NULL, s + r, n - r, &cooked, err) < 0) {
		rc = -1;
		goto out;
	}
	if (cooked.n != 1)
		goto out;
	o.raw_quotes = true;
	if (dw_shell_words(&o, NULL, s + r, n - r, &raw, err) < 0) {
		rc = -1;
		goto out;
	}
	hd->fd = d > 0 ? (unsigned)fd : 0;
	hd->name = dw_arena_strndup(P->a, cooked.v[0], strlen(cooked.v[0]));
	hd->expand = raw.n == 1 &&
	             count_quotes(cooked.v[0], strlen(cooked.v[0])) ==
	                 count_quotes(raw.v[0], strlen(raw.v[0]));
	rc = 1;
out:
	dw_strv_free(&cooked);
	dw_strv_free(&raw);
	return rc;
}

/* Read one heredoc body from the following physical lines. */
static int
read_body(struct parser *P, dw_instr *in, dw_heredoc *hd)
{
	size_t nlen = strlen(hd->name);
	dw_buf body = DW_BUF_INIT;
	struct pline pl;
	int r;

	hd->body_line = P->line + 1;
	while ((r = next_line(P, &pl)) > 0) {
		const char *t = pl.p;
		size_t tl = pl.len;

		if (hd->chomp)
			while (tl > 0 && *t == '\t')
				t++, tl--;
		if (tl == nlen && memcmp(t, hd->name, nlen) == 0) {
			hd->end_line = pl.no;
			hd->content = dw_arena_strndup(P->a, body.ptr ? body.ptr : "", body.len);
			hd->content_len = body.len;
			dw_buf_free(&body);
			return 0;
		}
		dw_buf_put(&body, pl.p, pl.raw);
	}
	dw_buf_free(&body);
	if (r == 0)
		perr(P, dw_instr_span(in), "unterminated heredoc");
	return -1;
}

static bool
has_double_lt(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (++p < end && *p == '<')
			return true;
	}
	return false;
}

static int
read_heredocs(struct parser *P, dw_instr *in)
{
	struct rawword *ws;
	dw_heredoc *hds;
	size_t nw, n = 0;
	dw_buf err = DW_BUF_INIT;
	int rc = 0;

	if (!heredoc_allowed(in) || !has_double_lt(in->text, in->text_len))
		return 0;
	if (!raw_words(in->text, in->text_len, &ws, &nw) || nw == 0)
		return 0;
	hds = dw_arena_alloc(P->a, nw * sizeof *hds);
	for (size_t i = 0; i < nw && rc == 0; i++) {
		dw_heredoc *hd = &hds[n];
		int r;

		memset(hd, 0, sizeof *hd);
		r = heredoc_word(P, in->text + ws[i].off, ws[i].end - ws[i].off, hd, &err);
		if (r < 0) {
			perr(P, cur_span(P, ws[i].off, ws[i].end), "%s", dw_buf_cstr(&err));
			rc = -1;
		} else if (r > 0) {
			hd->word.value = dw_arena_strndup(P->a, in->text + ws[i].off,
			                                  ws[i].end - ws[i].off);
			hd->word.len = (uint32_t)(ws[i].end - ws[i].off);
			hd->word.off = (uint32_t)ws[i].off;
			hd->word.end = (uint32_t)ws[i].end;
			n++;
			rc = read_body(P, in, hd);
		}
	}
	free(ws);
	dw_buf_free(&err);
	in->heredocs = hds;
	in->nheredocs = (uint32_t)n;
	in->end_line = P->line;
	return rc;
}

/* ---- the main loop ------------------------------------------------------ */

/* Join the continuation lines of a logical line that started in `first`. */
static int
join_lines(struct parser *P, bool cont, uint32_t *empty_line)
{
	struct pline pl;
	int r;

	*empty_line = 0;
	while (cont) {
		size_t keep;

		if ((r = next_line(P, &pl)) <= 0)
			return r;
		if (is_comment(pl.p, pl.len)) {
			add_comment(P, &pl);
			continue;
		}
		if (dw_space_prefix(pl.p, pl.len) == pl.len) {
			if (*empty_line == 0)
				*empty_line = pl.no;
			continue;
		}
		keep = pl.len;
		cont = continues(pl.p, pl.len, P->esc, &keep);
		add_seg(P, pl.no, 1);
		dw_buf_put(&P->text, pl.p, keep);
	}
	return 1;
}

static int
add_instr(struct parser *P, uint32_t empty_line)
{
	dw_instr *in;

	P->cur_segs = dw_arena_memdup(P->a, P->segs, P->nsegs * sizeof *P->segs);
	P->cur_nsegs = P->nsegs;
	/* Built in place in the final array: no copy per instruction. */
	P->instrs = grow(P->instrs, &P->capinstrs, P->ninstrs, sizeof *in);
	in = &P->instrs[P->ninstrs];
	if (parse_instr(P, in, 0, P->cur_len, 0) < 0)
		return -1;
	in->end_line = P->line;
	in->empty_continuation = empty_line != 0;
	in->comment_first = P->comment_mark;
	in->comment_count = (uint32_t)P->ncomments - P->comment_mark;
	if (empty_line)
		dw_diags_add(P->d, DW_SEV_WARNING, P->path, line_span(empty_line, 1),
		             "NoEmptyContinuation",
		             "empty continuation line in %.*s (BuildKit: these will become errors)",
		             (int)in->keyword_len, in->keyword);
	if (read_heredocs(P, in) < 0)
		return -1;
	P->ninstrs++;
	P->comment_mark = (uint32_t)P->ncomments;
	return 0;
}

static int
parse_lines(struct parser *P)
{
	struct pline pl;
	int r;

	while ((r = next_line(P, &pl)) > 0) {
		size_t lead = dw_space_prefix(pl.p, pl.len), keep, n = pl.len - lead;
		const char *tok = pl.p + lead;
		uint32_t empty_line;
		bool cont;

		if (is_comment(pl.p, pl.len))
			add_comment(P, &pl);
		if (check_directive(P, tok, n, pl.no, lead) < 0)
			return -1;
		if (n > 0 && tok[0] == '#')
			n = 0;
		keep = n;
		cont = continues(tok, n, P->esc, &keep);
		if (!cont && keep == 0)
			continue;
		dw_buf_clear(&P->text);
		P->nsegs = 0;
		add_seg(P, pl.no, (uint32_t)lead + 1);
		empty_line = 0;
		if (cont) {
			dw_buf_put(&P->text, tok, keep);
			if ((r = join_lines(P, cont, &empty_line)) < 0)
				return -1;
			P->cur = dw_arena_strndup(P->a, dw_buf_cstr(&P->text), P->text.len);
			P->cur_len = P->text.len;
		} else {
			/* One physical line: copy it once, straight to the arena. */
			P->cur = dw_arena_strndup(P->a, tok, keep);
			P->cur_len = keep;
		}
		if (add_instr(P, empty_line) < 0)
			return -1;
	}
	return r;
}

static void
parser_free(struct parser *P)
{
	dw_buf_free(&P->text);
	dw_buf_free(&P->scratch);
	free(P->segs);
	free(P->words);
	free(P->instrs);
	free(P->comments);
	free(P->dirs);
}

static dw_dockerfile *
finish(struct parser *P)
{
	dw_dockerfile *df = dw_arena_alloc(P->a, sizeof *df);

	memset(df, 0, sizeof *df);
	df->path = P->path ? dw_arena_strndup(P->a, P->path, strlen(P->path)) : NULL;
	df->escape = P->esc;
	df->nlines = P->line;
	df->start_line = P->instrs[0].start_line;
	df->end_line = P->instrs[P->ninstrs - 1].end_line;
	/* The arrays move to the arena instead of being copied: large files
	 * have many instructions, and a copy would double their peak. */
	df->instrs = P->instrs;
	df->ninstrs = P->ninstrs;
	df->comments = P->comments;
	df->ncomments = P->ncomments;
	df->directives = P->dirs;
	df->ndirectives = P->ndirs;
	dw_arena_adopt(P->a, P->instrs);
	dw_arena_adopt(P->a, P->comments);
	dw_arena_adopt(P->a, P->dirs);
	P->instrs = NULL;
	P->comments = NULL;
	P->dirs = NULL;
	df->arena = P->a;
	return df;
}

dw_dockerfile *
dw_parse(const char *src, size_t len, const char *path,
         const dw_parse_opts *opts, dw_diags *d)
{
	struct parser P;
	dw_dockerfile *df = NULL;

	memset(&P, 0, sizeof P);
	P.src = src;
	P.len = len;
	P.path = path;
	P.d = d;
	P.a = dw_arena_new();
	P.esc = '\\';
	P.max_depth = opts && opts->max_onbuild_depth ? opts->max_onbuild_depth
	                                              : DEFAULT_ONBUILD_DEPTH;
	if (parse_lines(&P) < 0)
		goto fail;
	if (P.ninstrs == 0) {
		perr(&P, line_span(P.line ? P.line : 1, 1), "file with no instructions");
		goto fail;
	}
	df = finish(&P);
	parser_free(&P);
	return df;
fail:
	parser_free(&P);
	dw_arena_free(P.a);
	return NULL;
}

void
dw_dockerfile_free(dw_dockerfile *df)
{
	if (df)
		dw_arena_free(df->arena);
}
