/* SPDX-License-Identifier: MIT */
/* report.c - what the reporters share: sorting, rule lookup, escaping. */
#include "report.h"
#include "jsonw.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[DW_FMT__COUNT] = {
	"tty", "gnu", "json", "sarif", "checkstyle", "junit", "codeclimate", "gitlab_codeclimate"
};

int
dw_format_lookup(const char *name)
{
	for (int i = 0; i < DW_FMT__COUNT; i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

const char *
dw_format_name(dw_format f)
{
	return (unsigned)f < DW_FMT__COUNT ? format_names[f] : "?";
}

static int
strcmp0(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

static int
cmp_diag(const void *pa, const void *pb)
{
	const dw_diag *a = pa, *b = pb;
	int c;

	if ((c = strcmp0(a->path, b->path)) != 0)
		return c;
	if ((c = cmp_u32(a->span.start.line, b->span.start.line)) != 0)
		return c;
	if ((c = cmp_u32(a->span.start.col, b->span.start.col)) != 0)
		return c;
	if ((c = strcmp0(a->code, b->code)) != 0)
		return c;
	if ((c = strcmp0(a->message, b->message)) != 0)
		return c;
	if ((c = cmp_u32(a->span.end.line, b->span.end.line)) != 0)
		return c;
	if ((c = cmp_u32(a->span.end.col, b->span.end.col)) != 0)
		return c;
	return (a->sev > b->sev) - (a->sev < b->sev);
}

void
dw_report_sort(dw_diag *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_diag);
}

const dw_rule *
dw_report_rule(const dw_report *r, const char *code)
{
	size_t lo = 0, hi = r->nrules;

	if (code == NULL)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, r->rules[mid]->id);

		if (c == 0)
			return r->rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* Not sorted as promised?  Fall back to a scan rather than miss. */
	for (size_t i = 0; i < r->nrules; i++)
		if (strcmp(code, r->rules[i]->id) == 0)
			return r->rules[i];
	return NULL;
}

void
dw_report_write(const dw_report *r, dw_format f, dw_buf *out)
{
	static void (*const fns[DW_FMT__COUNT])(const dw_report *, dw_buf *) = {
		dw_report_tty, dw_report_gnu, dw_report_json, dw_report_sarif,
		dw_report_checkstyle, dw_report_junit, dw_report_codeclimate, dw_report_gitlab
	};

	if ((unsigned)f < DW_FMT__COUNT)
		fns[f](r, out);
}

bool
dw_report_streams(dw_format f)
{
	return f == DW_FMT_TTY || f == DW_FMT_GNU || f == DW_FMT_JSON;
}

void
dw_report_stream_begin(dw_report_stream *s, const dw_report *r, dw_format f, dw_buf *out)
{
	memset(s, 0, sizeof *s);
	s->r = r;
	s->f = f;
	s->out = out;
	if (f == DW_FMT_JSON) {
		dw_jsonw_init(&s->json, out, true);
		dw_jsonw_arr_begin(&s->json);
	}
}

void
dw_report_stream_one(dw_report_stream *s, const dw_diag *dg)
{
	switch (s->f) {
	case DW_FMT_TTY:
		dw_report_tty_one(s->r, &s->lines, dg, s->out);
		if (s->explain_id == NULL)
			s->explain_id = dw_report_explainable(s->r, dg);
		break;
	case DW_FMT_GNU: dw_report_gnu_one(dg, s->out); break;
	case DW_FMT_JSON: dw_report_json_one(s->r, &s->json, dg); break;
	default: break;
	}
}

void
dw_report_stream_file(dw_report_stream *s)
{
	dw_lines_free(&s->lines);
}

void
dw_report_stream_end(dw_report_stream *s)
{
	if (s->f == DW_FMT_JSON)
		dw_jsonw_arr_end(&s->json);
	if (s->f == DW_FMT_TTY)
		dw_report_tty_footer(s->explain_id, s->out);
	dw_lines_free(&s->lines);
}

/* XML 1.0's Char production. */
static bool
xml_char_ok(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	return cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

void
dw_xml_escape(dw_buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t w;

		switch (c) {
		case '&': dw_buf_puts(out, "&amp;"); i++; continue;
		case '<': dw_buf_puts(out, "&lt;"); i++; continue;
		case '>': dw_buf_puts(out, "&gt;"); i++; continue;
		case '"': dw_buf_puts(out, "&quot;"); i++; continue;
		case '\'': dw_buf_puts(out, "&apos;"); i++; continue;
		/* Character references keep white space intact in attributes. */
		case '\t': dw_buf_puts(out, "&#9;"); i++; continue;
		case '\n': dw_buf_puts(out, "&#10;"); i++; continue;
		case '\r': dw_buf_puts(out, "&#13;"); i++; continue;
		}
		w = dw_utf8_decode(s + i, n - i, &cp);
		if ((cp == DW_RUNE_ERROR && w == 1) || !xml_char_ok(cp))
			dw_buf_puts(out, "\xEF\xBF\xBD");
		else
			dw_buf_put(out, s + i, w);
		i += w;
	}
}

/* Does the 8-byte word hold a byte below 0x20 or equal to 0x7f? */
static bool
word_has_control(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t y = x ^ (ones * 0x7f);

	return (((x - ones * 0x20) & ~x) | ((y - ones) & ~y)) & high;
}

void
dw_tty_sanitize(dw_buf *out, const char *s, size_t n)
{
	size_t run = 0, i = 0;

	/* Escape sequences in a Dockerfile must not drive the terminal.
	 * Clean text is copied in runs, eight bytes checked at a time: a
	 * report is mostly this loop. */
	while (i < n) {
		unsigned char c;

		if (n - i >= 8) {
			uint64_t x;

			memcpy(&x, s + i, 8);
			if (!word_has_control(x)) {
				i += 8;
				continue;
			}
		}
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			dw_buf_put(out, s + run, i - run);
			dw_buf_putc(out, '?');
			run = i + 1;
		}
		i++;
	}
	dw_buf_put(out, s + run, n - run);
}

void
dw_path_uri(dw_buf *out, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/')
		dw_buf_puts(out, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			dw_buf_putc(out, *p);
		} else {
			dw_buf_putc(out, '%');
			dw_buf_putc(out, hex[*p >> 4]);
			dw_buf_putc(out, hex[*p & 15]);
		}
	}
}

/* "A,B" -> ["A", "B"]. */
void
dw_report_json_aliases(dw_jsonw *w, const char *aliases)
{
	dw_jsonw_arr_begin(w);
	while (aliases && *aliases) {
		size_t n = strcspn(aliases, ",");

		while (n > 0 && *aliases == ' ')
			aliases++, n--;
		if (n > 0)
			dw_jsonw_strn(w, aliases, n);
		aliases += n;
		if (*aliases == ',')
			aliases++;
	}
	dw_jsonw_arr_end(w);
}

void
dw_report_file_range(const dw_report *r, size_t i, size_t *cursor, size_t *lo, size_t *hi)
{
	const char *path = r->files[i].path;
	size_t k = *cursor;

	/* Files and findings are both sorted by path: one pass over both. */
	while (k < r->nfindings && (r->findings[k].path == NULL ||
	       strcmp(r->findings[k].path, path) < 0))
		k++;
	*lo = k;
	while (k < r->nfindings && r->findings[k].path && strcmp(r->findings[k].path, path) == 0)
		k++;
	*hi = *cursor = k;
}

void
dw_lines_use(dw_lines *c, const dw_report *r, const char *path)
{
	const dw_report_file *f = NULL;

	if (path == NULL) {
		c->f = NULL;
		return;
	}
	if (c->f && strcmp(c->f->path, path) == 0)
		return;
	for (size_t i = 0; i < r->nfiles && f == NULL; i++)
		if (strcmp(r->files[i].path, path) == 0)
			f = &r->files[i];
	free(c->start);
	c->start = NULL;
	c->n = 0;
	c->f = f;
	if (f == NULL || f->src == NULL)
		return;
	size_t cap = 64;

	c->start = dw_malloc(cap * sizeof *c->start);
	c->start[0] = 0;
	for (const char *p = f->src, *e = f->src + f->len; p < e; ) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		if (c->n + 2 > cap) {
			cap *= 2;
			c->start = dw_realloc(c->start, cap * sizeof *c->start);
		}
		p = nl ? nl + 1 : e;
		c->start[++c->n] = nl ? (size_t)(p - f->src) : f->len + 1;
	}
}

const char *
dw_lines_get(const dw_lines *c, uint32_t lno, size_t *len)
{
	const char *p;

	if (c->f == NULL || c->start == NULL || lno == 0 || lno > c->n)
		return NULL;
	p = c->f->src + c->start[lno - 1];
	*len = c->start[lno] - c->start[lno - 1] - 1;
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

void
dw_lines_free(dw_lines *c)
{
	free(c->start);
	c->start = NULL;
	c->n = 0;
	c->f = NULL;
}
