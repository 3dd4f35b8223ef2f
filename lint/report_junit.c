/*
 * report_junit.c - JUnit XML for CI test reports (GitLab, Jenkins): one
 * testsuite, one testcase per linted file, one <failure> per finding.  A
 * clean file is a passing test.
 */
#include "report.h"

#include <string.h>

/* The findings of `path`: [*lo, *hi). */
static void
file_range(const dw_report *r, const char *path, size_t *lo, size_t *hi)
{
	size_t k = 0;

	while (k < r->nfindings && (r->findings[k].path == NULL ||
	       strcmp(r->findings[k].path, path) != 0))
		k++;
	*lo = k;
	while (k < r->nfindings && r->findings[k].path &&
	       strcmp(r->findings[k].path, path) == 0)
		k++;
	*hi = k;
}

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

void
dw_report_junit(const dw_report *r, dw_buf *out)
{
	size_t failing = 0;

	for (size_t i = 0; i < r->nfiles; i++) {
		size_t lo, hi;

		file_range(r, r->files[i].path, &lo, &hi);
		failing += hi > lo;
	}
	dw_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	dw_buf_printf(out, "<testsuites name=\"dockwright lint\" tests=\"%zu\" failures=\"%zu\">\n",
	              r->nfiles, failing);
	dw_buf_printf(out, "  <testsuite name=\"dockwright lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n",
	              r->nfiles, failing);
	for (size_t i = 0; i < r->nfiles; i++) {
		size_t lo, hi;

		file_range(r, r->files[i].path, &lo, &hi);
		dw_buf_puts(out, "    <testcase classname=\"dockwright.lint\" name=\"");
		dw_xml_escape(out, r->files[i].path);
		if (lo == hi) {
			dw_buf_puts(out, "\"/>\n");
			continue;
		}
		dw_buf_puts(out, "\">\n");
		for (size_t k = lo; k < hi; k++)
			put_failure(out, &r->findings[k]);
		dw_buf_puts(out, "    </testcase>\n");
	}
	dw_buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
