/* SPDX-License-Identifier: MIT */
/*
 * report_tty.c - for people: the gnu line in colour, then the source line
 * with a caret under the column, as C compilers print it.
 */
#include "report.h"

#include <string.h>

#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *
sev_color(dw_severity s)
{
	switch (s) {
	case DW_SEV_ERROR: return "\033[1;31m";
	case DW_SEV_WARNING: return "\033[1;35m";
	case DW_SEV_INFO: return "\033[1;36m";
	default: return "\033[1;34m";
	}
}

static void
put_snippet(const dw_report *r, dw_lines *lines, const dw_diag *dg, dw_buf *out)
{
	uint32_t lno = dg->span.start.line, col = dg->span.start.col;
	size_t len = 0, marks = 1;
	const char *line;

	dw_lines_use(lines, r, dg->path);
	line = dw_lines_get(lines, lno, &len);
	if (line == NULL)
		return;
	dw_buf_printf(out, "%5u | ", (unsigned)lno);
	dw_tty_sanitize(out, line, len);
	dw_buf_puts(out, "\n      | ");
	if (col == 0)
		col = 1;
	/* Copy tabs so that the caret lines up with the byte it points at. */
	for (size_t i = 0; i + 1 < col && i < len; i++)
		dw_buf_putc(out, line[i] == '\t' ? '\t' : ' ');
	if (dg->span.end.line == lno && dg->span.end.col > col)
		marks = dg->span.end.col - col;
	else if (dg->span.end.line > lno && len + 1 > col)
		marks = len + 1 - col;
	if (r->color)
		dw_buf_puts(out, "\033[1;32m");
	dw_buf_putc(out, '^');
	for (size_t i = 1; i < marks; i++)
		dw_buf_putc(out, '~');
	if (r->color)
		dw_buf_puts(out, C_RESET);
	dw_buf_putc(out, '\n');
}

const char *
dw_report_explainable(const dw_report *r, const dw_diag *dg)
{
	for (size_t k = 0; dg->code && k < r->nrules; k++)
		if (strcmp(r->rules[k]->id, dg->code) == 0)
			return r->rules[k]->id;
	return NULL;
}

/* One closing line, for people only: where the reason and the fix of a
 * rule are (machine formats stay free of it). */
void
dw_report_tty_footer(const char *id, dw_buf *out)
{
	if (id)
		dw_buf_printf(out, "see `dockwright rules explain ID` for why a rule matters "
		              "and how to fix it (e.g. ID %s)\n", id);
}

void
dw_report_tty_one(const dw_report *r, dw_lines *lines, const dw_diag *dg, dw_buf *out)
{
	dw_buf loc = DW_BUF_INIT;

	if (dg->path) {
		dw_buf_puts(&loc, dg->path);
		if (dg->span.start.line)
			dw_buf_printf(&loc, ":%u", (unsigned)dg->span.start.line);
		if (dg->span.start.line && dg->span.start.col)
			dw_buf_printf(&loc, ":%u", (unsigned)dg->span.start.col);
		dw_buf_putc(&loc, ':');
		if (r->color)
			dw_buf_puts(out, C_BOLD);
		dw_tty_sanitize(out, loc.ptr, loc.len);
		if (r->color)
			dw_buf_puts(out, C_RESET);
		dw_buf_putc(out, ' ');
	}
	if (r->color)
		dw_buf_puts(out, sev_color(dg->sev));
	dw_buf_printf(out, "%s:", dw_severity_name(dg->sev));
	if (r->color)
		dw_buf_puts(out, C_RESET);
	dw_buf_putc(out, ' ');
	dw_tty_sanitize(out, dg->message, strlen(dg->message));
	if (dg->code) {
		dw_buf_puts(out, r->color ? " [" C_BOLD : " [");
		dw_tty_sanitize(out, dg->code, strlen(dg->code));
		dw_buf_puts(out, r->color ? C_RESET "]" : "]");
	}
	dw_buf_putc(out, '\n');
	put_snippet(r, lines, dg, out);
	dw_buf_free(&loc);
}

void
dw_report_tty(const dw_report *r, dw_buf *out)
{
	dw_lines lines = { NULL, NULL, 0 };

	const char *id = NULL;

	for (size_t i = 0; i < r->nfindings; i++) {
		dw_report_tty_one(r, &lines, &r->findings[i], out);
		if (id == NULL)
			id = dw_report_explainable(r, &r->findings[i]);
	}
	dw_lines_free(&lines);
	dw_report_tty_footer(id, out);
}
