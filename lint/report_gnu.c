/* SPDX-License-Identifier: MIT */
/* report_gnu.c - `file:line:col: severity: message [rule-id]`, the format
 * of compilers, which editors and CI log parsers understand. */
#include "report.h"

#include <string.h>

static void
put_uint(dw_buf *out, uint32_t v)
{
	char tmp[12];
	size_t n = sizeof tmp;

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	dw_buf_put(out, tmp + n, sizeof tmp - n);
}

/* dw_diag_format, sanitized, written in place: one finding per line,
 * whatever its message holds. */
void
dw_report_gnu_one(const dw_diag *dg, dw_buf *out)
{
	if (dg->path) {
		dw_tty_sanitize(out, dg->path, strlen(dg->path));
		dw_buf_putc(out, ':');
		if (dg->span.start.line) {
			put_uint(out, dg->span.start.line);
			dw_buf_putc(out, ':');
			if (dg->span.start.col) {
				put_uint(out, dg->span.start.col);
				dw_buf_putc(out, ':');
			}
		}
		dw_buf_putc(out, ' ');
	}
	dw_buf_puts(out, dw_severity_name(dg->sev));
	dw_buf_put(out, ": ", 2);
	dw_tty_sanitize(out, dg->message, strlen(dg->message));
	if (dg->code) {
		dw_buf_put(out, " [", 2);
		dw_tty_sanitize(out, dg->code, strlen(dg->code));
		dw_buf_putc(out, ']');
	}
	dw_buf_putc(out, '\n');
}

void
dw_report_gnu(const dw_report *r, dw_buf *out)
{
	for (size_t i = 0; i < r->nfindings; i++)
		dw_report_gnu_one(&r->findings[i], out);
}
