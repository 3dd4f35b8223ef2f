/* SPDX-License-Identifier: MIT */
/* diag.c - the one diagnostics type: path:line:col: severity: message. */
#include "dockwright.h"

#include <stdlib.h>
#include <string.h>

static const char *const sev_names[] = {
	[DW_SEV_ERROR] = "error",
	[DW_SEV_WARNING] = "warning",
	[DW_SEV_INFO] = "info",
	[DW_SEV_STYLE] = "style",
};

const char *
dw_severity_name(dw_severity sev)
{
	if ((unsigned)sev >= sizeof sev_names / sizeof sev_names[0])
		return "error";
	return sev_names[sev];
}

void
dw_diags_vadd(dw_diags *d, dw_severity sev, const char *path, dw_span span,
              const char *code, const char *fmt, va_list ap)
{
	dw_buf msg = DW_BUF_INIT;
	dw_diag *dg;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = dw_realloc(d->v, d->cap * sizeof *d->v);
	}
	dw_buf_vprintf(&msg, fmt, ap);
	dg = &d->v[d->n++];
	dg->sev = sev;
	dg->path = dw_strdup(path);
	dg->span = span;
	dg->code = dw_strdup(code);
	dg->message = dw_buf_detach(&msg);
}

void
dw_diags_add(dw_diags *d, dw_severity sev, const char *path, dw_span span,
             const char *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(d, sev, path, span, code, fmt, ap);
	va_end(ap);
}

size_t
dw_diags_count(const dw_diags *d, dw_severity at_least)
{
	size_t n = 0;

	/* Severities are ordered from the most to the least serious. */
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev <= at_least)
			n++;
	return n;
}

void
dw_diags_free(dw_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].path);
		free(d->v[i].code);
		free(d->v[i].message);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

void
dw_diag_format(const dw_diag *dg, dw_buf *out)
{
	if (dg->path) {
		dw_buf_puts(out, dg->path);
		dw_buf_putc(out, ':');
		if (dg->span.start.line) {
			dw_buf_printf(out, "%u:", (unsigned)dg->span.start.line);
			if (dg->span.start.col)
				dw_buf_printf(out, "%u:", (unsigned)dg->span.start.col);
		}
		dw_buf_putc(out, ' ');
	}
	dw_buf_printf(out, "%s: %s", dw_severity_name(dg->sev), dg->message);
	if (dg->code)
		dw_buf_printf(out, " [%s]", dg->code);
}
