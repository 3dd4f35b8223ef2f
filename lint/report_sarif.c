/* SPDX-License-Identifier: MIT */
/*
 * report_sarif.c - SARIF 2.1.0, as GitHub code scanning reads it: one
 * run, the rules that have results in tool.driver.rules (sorted by id,
 * each with a helpUri into docs/rules.md), and results with real start and
 * end positions in Unicode code points (columnKind) and a fingerprint that
 * survives lines moving (partialFingerprints).
 */
#include "report.h"
#include "jsonw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define INFO_URI "https://github.com/dockwright/dockwright"
#define RULES_URI INFO_URI "/blob/main/docs/rules.md#"

static const char *
sarif_level(dw_severity s)
{
	switch (s) {
	case DW_SEV_ERROR: return "error";
	case DW_SEV_WARNING: return "warning";
	default: return "note";
	}
}

/* The distinct codes of the findings, sorted (codes are NULL or ids). */
static size_t
collect_codes(const dw_report *r, const char **codes)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		const char *c = r->findings[i].code;
		size_t k;

		if (c == NULL)
			continue;
		for (k = 0; k < n && strcmp(codes[k], c) != 0; k++)
			;
		if (k < n)
			continue;
		/* insertion sort: the list is short */
		for (k = n; k > 0 && strcmp(codes[k - 1], c) > 0; k--)
			codes[k] = codes[k - 1];
		codes[k] = c;
		n++;
	}
	return n;
}


/* "lambda-entrypoint-shell-form" -> "LambdaEntrypointShellForm", the
 * PascalCase name SARIF viewers show. */
static void
put_name(dw_jsonw *w, const char *id)
{
	dw_buf b = DW_BUF_INIT;
	bool up = true;

	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '_' || *p == '.') {
			up = true;
			continue;
		}
		dw_buf_putc(&b, up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		up = false;
	}
	dw_jsonw_str(w, dw_buf_cstr(&b));
	dw_buf_free(&b);
}

static void
put_rule(dw_jsonw *w, const dw_report *r, const char *code)
{
	const dw_rule *rule = dw_report_rule(r, code);
	const char *msg = rule ? rule->message : "The Dockerfile does not parse.";
	const char *help = rule && rule->explain ? rule->explain : msg;

	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "id", code);
	dw_jsonw_key(w, "name");
	put_name(w, code);
	dw_jsonw_key(w, "shortDescription");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "text", msg);
	dw_jsonw_obj_end(w);
	if (rule) {
		dw_buf u = DW_BUF_INIT;

		dw_buf_printf(&u, "%s%s", RULES_URI, rule->id);
		dw_jsonw_kstr(w, "helpUri", dw_buf_cstr(&u));
		dw_buf_free(&u);
	}
	dw_jsonw_key(w, "fullDescription");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "text", help);
	dw_jsonw_obj_end(w);
	dw_jsonw_key(w, "help");
	dw_jsonw_obj_begin(w);
	if (rule && rule->fix) {
		dw_buf t = DW_BUF_INIT;

		dw_buf_printf(&t, "%s\n\nFix: %s", help, rule->fix);
		dw_jsonw_kstr(w, "text", dw_buf_cstr(&t));
		dw_buf_free(&t);
	} else {
		dw_jsonw_kstr(w, "text", help);
	}
	dw_jsonw_obj_end(w);
	dw_jsonw_key(w, "defaultConfiguration");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "level", sarif_level(rule ? rule->severity : DW_SEV_ERROR));
	dw_jsonw_obj_end(w);
	dw_jsonw_key(w, "properties");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "category",
	              dw_category_name(rule ? rule->category : DW_CAT_SYNTAX));
	dw_jsonw_key(w, "aliases");
	dw_report_json_aliases(w, rule ? rule->aliases : NULL);
	dw_jsonw_obj_end(w);
	dw_jsonw_obj_end(w);
}

/* A byte column of line lno as a code point column. */
static uint32_t
cp_col(const dw_lines *lines, uint32_t lno, uint32_t col)
{
	size_t len;
	const char *t = dw_lines_get(lines, lno, &len);
	uint32_t n = 1;

	if (t == NULL || col == 0)
		return col;
	for (size_t i = 0; i + 1 < col; i++)
		if (i >= len || ((unsigned char)t[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Rule, message and the finding's source line without its indentation:
 * stable when lines are added above it. */
static void
put_fingerprint(dw_jsonw *w, const dw_lines *lines, const dw_diag *dg)
{
	uint64_t h = 1469598103934665603ULL;
	const char *parts[3];
	size_t lens[3], len = 0;
	const char *t = dw_lines_get(lines, dg->span.start.line, &len);
	char hex[17];

	while (t && len > 0 && (*t == ' ' || *t == '\t')) {
		t++;
		len--;
	}
	parts[0] = dg->code ? dg->code : "";
	lens[0] = strlen(parts[0]);
	parts[1] = dg->message ? dg->message : "";
	lens[1] = strlen(parts[1]);
	parts[2] = t ? t : "";
	lens[2] = t ? len : 0;
	for (size_t k = 0; k < 3; k++) {
		for (size_t i = 0; i < lens[k]; i++)
			h = (h ^ (unsigned char)parts[k][i]) * 1099511628211ULL;
		h = (h ^ 0xff) * 1099511628211ULL;
	}
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
	dw_jsonw_key(w, "partialFingerprints");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "dockwright/v1", hex);
	dw_jsonw_obj_end(w);
}

static void
put_result(dw_jsonw *w, const dw_lines *lines, const dw_diag *dg, const char **codes,
           size_t ncodes)
{
	dw_span sp = dg->span;
	dw_buf uri = DW_BUF_INIT;

	if (sp.end.line == 0)
		sp.end = sp.start;
	sp.start.col = cp_col(lines, sp.start.line, sp.start.col);
	sp.end.col = cp_col(lines, sp.end.line, sp.end.col);
	dw_jsonw_obj_begin(w);
	if (dg->code) {
		size_t k;

		for (k = 0; k < ncodes && strcmp(codes[k], dg->code) != 0; k++)
			;
		dw_jsonw_kstr(w, "ruleId", dg->code);
		dw_jsonw_kint(w, "ruleIndex", (long long)k);
	}
	dw_jsonw_kstr(w, "level", sarif_level(dg->sev));
	dw_jsonw_key(w, "message");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "text", dg->message);
	dw_jsonw_obj_end(w);
	dw_jsonw_key(w, "locations");
	dw_jsonw_arr_begin(w);
	dw_jsonw_obj_begin(w);
	dw_jsonw_key(w, "physicalLocation");
	dw_jsonw_obj_begin(w);
	dw_jsonw_key(w, "artifactLocation");
	dw_jsonw_obj_begin(w);
	dw_path_uri(&uri, dg->path ? dg->path : "");
	dw_jsonw_kstr(w, "uri", dw_buf_cstr(&uri));
	dw_jsonw_obj_end(w);
	if (sp.start.line > 0) {
		dw_jsonw_key(w, "region");
		dw_jsonw_obj_begin(w);
		dw_jsonw_kint(w, "startLine", sp.start.line);
		if (sp.start.col > 0)
			dw_jsonw_kint(w, "startColumn", sp.start.col);
		if (sp.end.line >= sp.start.line)
			dw_jsonw_kint(w, "endLine", sp.end.line);
		if (sp.end.col > 0 && sp.end.line >= sp.start.line)
			dw_jsonw_kint(w, "endColumn", sp.end.col);
		dw_jsonw_obj_end(w);
	}
	dw_jsonw_obj_end(w);
	dw_jsonw_obj_end(w);
	dw_jsonw_arr_end(w);
	put_fingerprint(w, lines, dg);
	dw_jsonw_obj_end(w);
	dw_buf_free(&uri);
}

void
dw_report_sarif(const dw_report *r, dw_buf *out)
{
	const char **codes = dw_calloc(r->nfindings + 1, sizeof(*codes));
	size_t ncodes = collect_codes(r, codes);
	dw_lines lines = { NULL, NULL, 0 };
	dw_jsonw w;

	dw_jsonw_init(&w, out, true);
	dw_jsonw_obj_begin(&w);
	dw_jsonw_kstr(&w, "$schema", SARIF_SCHEMA);
	dw_jsonw_kstr(&w, "version", "2.1.0");
	dw_jsonw_key(&w, "runs");
	dw_jsonw_arr_begin(&w);
	dw_jsonw_obj_begin(&w);
	dw_jsonw_key(&w, "tool");
	dw_jsonw_obj_begin(&w);
	dw_jsonw_key(&w, "driver");
	dw_jsonw_obj_begin(&w);
	dw_jsonw_kstr(&w, "name", "dockwright");
	dw_jsonw_kstr(&w, "version", r->version ? r->version : "0");
	dw_jsonw_kstr(&w, "informationUri", INFO_URI);
	dw_jsonw_key(&w, "rules");
	dw_jsonw_arr_begin(&w);
	for (size_t k = 0; k < ncodes; k++)
		put_rule(&w, r, codes[k]);
	dw_jsonw_arr_end(&w);
	dw_jsonw_obj_end(&w);
	dw_jsonw_obj_end(&w);
	dw_jsonw_kstr(&w, "columnKind", "unicodeCodePoints");
	dw_jsonw_key(&w, "results");
	dw_jsonw_arr_begin(&w);
	for (size_t i = 0; i < r->nfindings; i++) {
		dw_lines_use(&lines, r, r->findings[i].path);
		put_result(&w, &lines, &r->findings[i], codes, ncodes);
	}
	dw_jsonw_arr_end(&w);
	dw_lines_free(&lines);
	dw_jsonw_obj_end(&w);
	dw_jsonw_arr_end(&w);
	dw_jsonw_obj_end(&w);
	free(codes);
}
