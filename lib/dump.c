/* SPDX-License-Identifier: MIT */
/* dump.c - BuildKit's parser-test S-expression renderer. */
#include "dockwright.h"
#include "utf8.h"

#include <ctype.h>

/* Go's strconv.Quote: printable runes literally, the rest escaped. */
void
dw_go_quote(dw_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	dw_buf_putc(out, '"');
	while (i < n) {
		uint32_t c;
		size_t w = dw_utf8_decode(s + i, n - i, &c);

		if (c == DW_RUNE_ERROR && w == 1) {
			unsigned char b = (unsigned char)s[i];

			dw_buf_printf(out, "\\x%c%c", hex[b >> 4], hex[b & 15]);
		} else if (c == '"' || c == '\\') {
			dw_buf_putc(out, '\\');
			dw_buf_putc(out, (int)c);
		} else if (dw_is_print(c)) {
			dw_buf_put(out, s + i, w);
		} else {
			switch (c) {
			case '\a': dw_buf_puts(out, "\\a"); break;
			case '\b': dw_buf_puts(out, "\\b"); break;
			case '\f': dw_buf_puts(out, "\\f"); break;
			case '\n': dw_buf_puts(out, "\\n"); break;
			case '\r': dw_buf_puts(out, "\\r"); break;
			case '\t': dw_buf_puts(out, "\\t"); break;
			case '\v': dw_buf_puts(out, "\\v"); break;
			default:
				if (c < ' ' || c == 0x7F)
					dw_buf_printf(out, "\\x%02x", (unsigned)c);
				else if (c < 0x10000)
					dw_buf_printf(out, "\\u%04x", (unsigned)c);
				else
					dw_buf_printf(out, "\\U%08x", (unsigned)c);
			}
		}
		i += w;
	}
	dw_buf_putc(out, '"');
}

void
dw_excerpt(dw_buf *out, const char *s, size_t n)
{
	size_t k = n > 40 ? 40 : n;

	/* Never cut inside a UTF-8 sequence. */
	while (k < n && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	dw_go_quote(out, s, k);
	if (k < n)
		dw_buf_puts(out, "...");
}

static void
dump_instr(const dw_instr *in, dw_buf *out)
{
	for (size_t i = 0; i < in->keyword_len; i++)
		dw_buf_putc(out, tolower((unsigned char)in->keyword[i]));
	if (in->nflags) {
		dw_buf_puts(out, " [");
		for (size_t i = 0; i < in->nflags; i++) {
			if (i)
				dw_buf_putc(out, ' ');
			dw_go_quote(out, in->flags[i].value, in->flags[i].len);
		}
		dw_buf_putc(out, ']');
	}
	if (in->sub) {
		dw_buf_puts(out, " (");
		dump_instr(in->sub, out);
		dw_buf_putc(out, ')');
	}
	/* BuildKit keeps an unknown instruction with one empty argument. */
	if (in->kind == DW_I_UNKNOWN)
		dw_buf_puts(out, " \"\"");
	for (size_t i = 0; i < in->nargs; i++) {
		dw_buf_putc(out, ' ');
		dw_go_quote(out, in->args[i].value, in->args[i].len);
	}
}

void
dw_dump(const dw_dockerfile *df, dw_buf *out)
{
	for (size_t i = 0; i < df->ninstrs; i++) {
		dw_buf_putc(out, '(');
		dump_instr(&df->instrs[i], out);
		dw_buf_puts(out, ")\n");
	}
}
