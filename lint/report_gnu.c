/* SPDX-License-Identifier: MIT */
/* report_gnu.c - `file:line:col: severity: message [rule-id]`, the format
 * of compilers, which editors and CI log parsers understand. */
#include "report.h"

void
dw_report_gnu_one(const dw_diag *dg, dw_buf *out)
{
	dw_buf line = DW_BUF_INIT;

	dw_diag_format(dg, &line);
	/* One finding per line, whatever its message holds. */
	dw_tty_sanitize(out, dw_buf_cstr(&line), line.len);
	dw_buf_putc(out, '\n');
	dw_buf_free(&line);
}

void
dw_report_gnu(const dw_report *r, dw_buf *out)
{
	for (size_t i = 0; i < r->nfindings; i++)
		dw_report_gnu_one(&r->findings[i], out);
}
