/* SPDX-License-Identifier: MIT */
/*
 * report_junit.c - JUnit XML for CI test reports (GitLab, Jenkins): one
 * testsuite, one testcase per linted file, one <failure> per finding at or
 * above the file's failure threshold; milder findings go to the testcase's
 * <system-out>, so a file with only those passes, as the exit status says.
 */
#include "report.h"

#include <string.h>

static void
put_failure(dw_buf *out, const dw_diag *dg)
{
	dw_buf text = DW_BUF_INIT;

	dw_buf_puts(out, "      <failure type=\"");
	dw_xml_escape(out, dg->code ? dg->code : dw_severity_name(dg->sev));
	dw_buf_puts(out, "\" message=\"");
	dw_xml_escape(out, dg->message);
	dw_buf_puts(out, "\">");
	dw_diag_format(dg, &text);
	dw_xml_escape(out, dw_buf_cstr(&text));
	dw_buf_puts(out, "</failure>\n");
	dw_buf_free(&text);
}

bool
dw_report_fails(const dw_report_file *f, const dw_diag *dg)
{
	return f->threshold >= 0 && (int)dg->sev <= f->threshold;
}

static void
put_testcase(const dw_report *r, size_t i, size_t lo, size_t hi, dw_buf *out)
{
	bool failed = false, mild = false;

	for (size_t k = lo; k < hi; k++) {
		failed |= dw_report_fails(&r->files[i], &r->findings[k]);
		mild |= !dw_report_fails(&r->files[i], &r->findings[k]);
	}
	dw_buf_puts(out, "    <testcase classname=\"dockwright.lint\" name=\"");
	dw_xml_escape(out, r->files[i].path);
	if (!failed && !mild) {
		dw_buf_puts(out, "\"/>\n");
		return;
	}
	dw_buf_puts(out, "\">\n");
	for (size_t k = lo; k < hi; k++)
		if (dw_report_fails(&r->files[i], &r->findings[k]))
			put_failure(out, &r->findings[k]);
	if (mild) {
		dw_buf_puts(out, "      <system-out>");
		for (size_t k = lo; k < hi; k++) {
			dw_buf text = DW_BUF_INIT;

			if (dw_report_fails(&r->files[i], &r->findings[k]))
				continue;
			dw_diag_format(&r->findings[k], &text);
			dw_xml_escape(out, dw_buf_cstr(&text));
			dw_buf_putc(out, '\n');
			dw_buf_free(&text);
		}
		dw_buf_puts(out, "</system-out>\n");
	}
	dw_buf_puts(out, "    </testcase>\n");
}

void
dw_report_junit(const dw_report *r, dw_buf *out)
{
	size_t failing = 0, cur = 0, lo, hi;

	for (size_t i = 0; i < r->nfiles; i++) {
		bool f = false;

		dw_report_file_range(r, i, &cur, &lo, &hi);
		for (size_t k = lo; k < hi && !f; k++)
			f = dw_report_fails(&r->files[i], &r->findings[k]);
		failing += f;
	}
	dw_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	dw_buf_printf(out, "<testsuites name=\"dockwright lint\" tests=\"%zu\" failures=\"%zu\">\n",
	              r->nfiles, failing);
	dw_buf_printf(out, "  <testsuite name=\"dockwright lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	              r->nfiles, failing);
	cur = 0;
	for (size_t i = 0; i < r->nfiles; i++) {
		dw_report_file_range(r, i, &cur, &lo, &hi);
		put_testcase(r, i, lo, hi, out);
	}
	dw_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
