/* SPDX-License-Identifier: MIT */
/* report_json.c - one JSON array of findings over all files. */
#include "report.h"
#include "jsonw.h"

#include <string.h>


/* The category of a finding: its rule's, or syntax for parse errors. */
static const char *
category_of(const dw_rule *rule)
{
	return rule ? dw_category_name(rule->category) : dw_category_name(DW_CAT_SYNTAX);
}

void
dw_report_json_one(const dw_report *r, dw_jsonw *w, const dw_diag *dg)
{
	const dw_rule *rule = dw_report_rule(r, dg->code);
	dw_span sp = dg->span;

	if (sp.end.line == 0)
		sp.end = sp.start;
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "file", dg->path);
	dw_jsonw_kint(w, "line", sp.start.line);
	dw_jsonw_kint(w, "column", sp.start.col);
	dw_jsonw_kint(w, "end_line", sp.end.line);
	dw_jsonw_kint(w, "end_column", sp.end.col);
	dw_jsonw_kstr(w, "severity", dw_severity_name(dg->sev));
	dw_jsonw_kstr(w, "category", category_of(rule));
	dw_jsonw_kstr(w, "rule", dg->code);
	dw_jsonw_key(w, "aliases");
	dw_report_json_aliases(w, rule ? rule->aliases : NULL);
	dw_jsonw_kstr(w, "message", dg->message);
	dw_jsonw_kstr(w, "fix", rule ? rule->fix : NULL);
	dw_jsonw_obj_end(w);
}

void
dw_report_json(const dw_report *r, dw_buf *out)
{
	dw_jsonw w;

	dw_jsonw_init(&w, out, true);
	dw_jsonw_arr_begin(&w);
	for (size_t i = 0; i < r->nfindings; i++)
		dw_report_json_one(r, &w, &r->findings[i]);
	dw_jsonw_arr_end(&w);
}
