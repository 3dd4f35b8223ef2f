/* SPDX-License-Identifier: MIT */
/* report_checkstyle.c - Checkstyle XML: one <file> per linted file (empty
 * when clean), one <error> per finding. */
#include "report.h"

#include <string.h>

static const char *
cs_severity(dw_severity s)
{
	switch (s) {
	case DW_SEV_ERROR: return "error";
	case DW_SEV_WARNING: return "warning";
	default: return "info";
	}
}

static void
put_error(dw_buf *out, const dw_diag *dg)
{
	dw_buf_printf(out, "    <error line=\"%u\" column=\"%u\" severity=\"%s\" message=\"",
	              (unsigned)dg->span.start.line, (unsigned)dg->span.start.col,
	              cs_severity(dg->sev));
	dw_xml_escape(out, dg->message);
	dw_buf_puts(out, "\"");
	if (dg->code) {
		dw_buf_puts(out, " source=\"dockwright.");
		dw_xml_escape(out, dg->code);
		dw_buf_puts(out, "\"");
	}
	dw_buf_puts(out, "/>\n");
}

void
dw_report_checkstyle(const dw_report *r, dw_buf *out)
{
	size_t k = 0;

	dw_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                 "<checkstyle version=\"4.3\">\n");
	for (size_t i = 0; i < r->nfiles; i++) {
		const char *path = r->files[i].path;

		dw_buf_puts(out, "  <file name=\"");
		dw_xml_escape(out, path);
		dw_buf_puts(out, "\">\n");
		/* Findings and files are both sorted by path. */
		while (k < r->nfindings && r->findings[k].path &&
		       strcmp(r->findings[k].path, path) < 0)
			k++;
		for (; k < r->nfindings && r->findings[k].path &&
		       strcmp(r->findings[k].path, path) == 0; k++)
			put_error(out, &r->findings[k]);
		dw_buf_puts(out, "  </file>\n");
	}
	dw_buf_puts(out, "</checkstyle>\n");
}
