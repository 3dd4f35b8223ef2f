/* SPDX-License-Identifier: MIT */
/*
 * report_codeclimate.c - Code Climate issues, in the two shapes tools read:
 *
 *   codeclimate         the Code Climate engine spec: one JSON issue object
 *                       after another, each ended by a NUL byte;
 *   gitlab_codeclimate  the subset GitLab's Code Quality report reads: one
 *                       JSON array of issues, each with a fingerprint.
 *
 * The fingerprint must stay the same while the finding stays the same, or
 * GitLab shows it as fixed and new again in every merge request.  It hashes
 * the file, the rule, the message and which occurrence of that triple this
 * is, and not the line: an edit above a finding does not change it.
 */
#include "report.h"
#include "jsonw.h"
#include "sha256.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Code Climate's severities (info, minor, major, critical, blocker). */
static const char *
cc_severity(dw_severity s)
{
	switch (s) {
	case DW_SEV_ERROR: return "critical";
	case DW_SEV_WARNING: return "major";
	case DW_SEV_INFO: return "minor";
	default: return "info";
	}
}

static const char *
cc_category(const dw_diag *dg)
{
	return dg->sev <= DW_SEV_WARNING ? "Bug Risk" : "Style";
}

/* For each finding, how many earlier ones share its path, rule and
 * message: one pass with a hash table, so a million findings stay
 * linear. */
static bool
same_triple(const dw_diag *a, const dw_diag *b)
{
	return strcmp(a->path ? a->path : "", b->path ? b->path : "") == 0 &&
	       strcmp(a->code ? a->code : "", b->code ? b->code : "") == 0 &&
	       strcmp(a->message, b->message) == 0;
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (h ^ 0xff) * 1099511628211u;
}

static size_t *
occurrences(const dw_report *r)
{
	size_t cap = 16, *occ = dw_calloc(r->nfindings ? r->nfindings : 1, sizeof *occ);
	size_t *slot, *count;

	while (cap < 2 * r->nfindings)
		cap *= 2;
	slot = dw_calloc(cap, sizeof *slot);      /* finding index + 1, 0 = empty */
	count = dw_calloc(cap, sizeof *count);
	for (size_t i = 0; i < r->nfindings; i++) {
		const dw_diag *dg = &r->findings[i];
		size_t h = (size_t)fnv(fnv(fnv(14695981039346656037u, dg->path), dg->code),
		                       dg->message) & (cap - 1);

		while (slot[h] && !same_triple(&r->findings[slot[h] - 1], dg))
			h = (h + 1) & (cap - 1);
		if (!slot[h])
			slot[h] = i + 1;
		occ[i] = count[h]++;
	}
	free(slot);
	free(count);
	return occ;
}

static void
fingerprint(const dw_diag *dg, size_t occurrence, char out[65])
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_printf(&b, "%s%c%s%c%s%c%zu", dg->path ? dg->path : "", 0, dg->code ? dg->code : "",
	              0, dg->message, 0, occurrence);
	dw_sha256_hex(b.ptr, b.len, out);
	dw_buf_free(&b);
}

static void
issue(dw_jsonw *w, const dw_report *r, size_t i, size_t occ, bool gitlab)
{
	const dw_diag *dg = &r->findings[i];
	char fp[65];

	fingerprint(dg, occ, fp);
	dw_jsonw_obj_begin(w);
	if (!gitlab) {
		dw_jsonw_kstr(w, "type", "issue");
		dw_jsonw_key(w, "categories");
		dw_jsonw_arr_begin(w);
		dw_jsonw_str(w, cc_category(dg));
		dw_jsonw_arr_end(w);
	}
	dw_jsonw_kstr(w, "check_name", dg->code ? dg->code : "parse-error");
	dw_jsonw_kstr(w, "description", dg->message);
	dw_jsonw_kstr(w, "severity", cc_severity(dg->sev));
	dw_jsonw_kstr(w, "fingerprint", fp);
	dw_jsonw_key(w, "location");
	dw_jsonw_obj_begin(w);
	dw_jsonw_kstr(w, "path", dg->path ? dg->path : "");
	dw_jsonw_key(w, "lines");
	dw_jsonw_obj_begin(w);
	dw_jsonw_key(w, "begin");
	dw_jsonw_int(w, dg->span.start.line ? dg->span.start.line : 1);
	dw_jsonw_key(w, "end");
	dw_jsonw_int(w, dg->span.end.line >= dg->span.start.line && dg->span.end.line
	                         ? dg->span.end.line : (dg->span.start.line ? dg->span.start.line : 1));
	dw_jsonw_obj_end(w);
	dw_jsonw_obj_end(w);
	dw_jsonw_obj_end(w);
}

void
dw_report_codeclimate(const dw_report *r, dw_buf *out)
{
	size_t *occ = occurrences(r);

	for (size_t i = 0; i < r->nfindings; i++) {
		dw_jsonw w;

		dw_jsonw_init(&w, out, false);
		issue(&w, r, i, occ[i], false);
		dw_buf_putc(out, '\0');
	}
	free(occ);
}

void
dw_report_gitlab(const dw_report *r, dw_buf *out)
{
	size_t *occ = occurrences(r);
	dw_jsonw w;

	dw_jsonw_init(&w, out, true);
	dw_jsonw_arr_begin(&w);
	for (size_t i = 0; i < r->nfindings; i++)
		issue(&w, r, i, occ[i], true);
	dw_jsonw_arr_end(&w);
	dw_buf_putc(out, '\n');
	free(occ);
}
