/* SPDX-License-Identifier: MIT */
/* jsonw.c - a small streaming JSON writer (see jsonw.h). */
#include "jsonw.h"
#include "utf8.h"

#include <assert.h>
#include <string.h>

void
dw_jsonw_init(dw_jsonw *w, dw_buf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
}

static void
newline(dw_jsonw *w, int depth)
{
	/* A line break and the indent in one copy: reports write one per
	 * key, and a puts per level was a tenth of a JSON report's time. */
	static const char pad[] = "\n                                ";
	size_t n = 1 + 2 * (size_t)depth;

	if (!w->pretty)
		return;
	if (n < sizeof pad) {
		dw_buf_put(w->out, pad, n);
		return;
	}
	dw_buf_putc(w->out, '\n');
	for (int i = 0; i < depth; i++)
		dw_buf_puts(w->out, "  ");
}

/* Whatever goes before a value or a key: a comma and a line break. */
static void
before_item(dw_jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->nonempty & (1ull << w->depth))
		dw_buf_putc(w->out, ',');
	w->nonempty |= 1ull << w->depth;
	newline(w, w->depth);
}

static void
jw_open(dw_jsonw *w, char c)
{
	before_item(w);
	dw_buf_putc(w->out, c);
	assert(w->depth + 1 < DW_JSONW_MAX_DEPTH);
	w->depth++;
	w->nonempty &= ~(1ull << w->depth);
}

static void
jw_close(dw_jsonw *w, char c)
{
	assert(w->depth > 0);
	if (w->nonempty & (1ull << w->depth))
		newline(w, w->depth - 1);
	w->depth--;
	dw_buf_putc(w->out, c);
	if (w->depth == 0 && w->pretty)
		dw_buf_putc(w->out, '\n');
}

void dw_jsonw_obj_begin(dw_jsonw *w) { jw_open(w, '{'); }
void dw_jsonw_obj_end(dw_jsonw *w) { jw_close(w, '}'); }
void dw_jsonw_arr_begin(dw_jsonw *w) { jw_open(w, '['); }
void dw_jsonw_arr_end(dw_jsonw *w) { jw_close(w, ']'); }

void
dw_jsonw_key(dw_jsonw *w, const char *key)
{
	before_item(w);
	dw_json_quote(w->out, key, strlen(key));
	dw_buf_puts(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

void
dw_jsonw_strn(dw_jsonw *w, const char *s, size_t n)
{
	before_item(w);
	dw_json_quote(w->out, s, n);
}

void
dw_jsonw_str(dw_jsonw *w, const char *s)
{
	if (s == NULL)
		dw_jsonw_null(w);
	else
		dw_jsonw_strn(w, s, strlen(s));
}

void
dw_jsonw_int(dw_jsonw *w, long long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	/* By hand: reports write several numbers per finding, and printf's
	 * format parsing was a tenth of a large JSON report's time. */
	before_item(w);
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	dw_buf_put(w->out, p, (size_t)(d + sizeof d - p));
}

void
dw_jsonw_bool(dw_jsonw *w, bool v)
{
	before_item(w);
	dw_buf_puts(w->out, v ? "true" : "false");
}

void
dw_jsonw_null(dw_jsonw *w)
{
	before_item(w);
	dw_buf_puts(w->out, "null");
}

void
dw_jsonw_kstr(dw_jsonw *w, const char *key, const char *s)
{
	dw_jsonw_key(w, key);
	dw_jsonw_str(w, s);
}

void
dw_jsonw_kint(dw_jsonw *w, const char *key, long long v)
{
	dw_jsonw_key(w, key);
	dw_jsonw_int(w, v);
}

void
dw_json_quote(dw_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	dw_buf_putc(out, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t w;

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			size_t run = i + 1;

			/* Most text needs no escape: copy it a run at a time. */
			while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7f &&
			       s[run] != '"' && s[run] != '\\')
				run++;
			dw_buf_put(out, s + i, run - i);
			i = run;
			continue;
		}
		if (c == '"' || c == '\\') {
			dw_buf_putc(out, '\\');
			dw_buf_putc(out, c);
			i++;
			continue;
		}
		if (c < 0x80) {
			const char *esc = NULL;

			switch (c) {
			case '\b': esc = "\\b"; break;
			case '\f': esc = "\\f"; break;
			case '\n': esc = "\\n"; break;
			case '\r': esc = "\\r"; break;
			case '\t': esc = "\\t"; break;
			}
			if (esc) {
				dw_buf_puts(out, esc);
			} else {
				char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
				dw_buf_puts(out, u);
			}
			i++;
			continue;
		}
		w = dw_utf8_decode(s + i, n - i, &cp);
		if (cp == DW_RUNE_ERROR && w == 1)
			dw_buf_puts(out, "\\ufffd");
		else if (cp == 0x2028 || cp == 0x2029)
			/* valid JSON, but not valid JavaScript source */
			dw_buf_printf(out, "\\u%04x", (unsigned)cp);
		else
			dw_buf_put(out, s + i, w);
		i += w;
	}
	dw_buf_putc(out, '"');
}
