/* SPDX-License-Identifier: MIT */
/*
 * gemmap_list.c - print every package of rules/gems.yaml, one line each:
 *
 *   DISTRO STAGE PACKAGE RULE
 *
 * DISTRO is bookworm, trixie, al2, al2023 or bullseye, with a column's
 * fallback applied (a trixie line is what gen would install on trixie), STAGE is
 * build or runtime, RULE the rule's first gem name or label.  Lines are
 * sorted and unique.  tests/packages.sh feeds the Debian ones to apt.
 */
#include "gemmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	static const char *const stages[GM_NSTAGE] = { "build", "runtime" };
	dw_diags d = DW_DIAGS_INIT;
	dw_gemmap *m = dw_gemmap_load(argc > 1 ? argv[1] : NULL, &d);
	dw_strv lines = DW_STRV_INIT;
	dw_buf b = DW_BUF_INIT;

	if (m == NULL) {
		for (size_t i = 0; i < d.n; i++) {
			dw_diag_format(&d.v[i], &b);
			fprintf(stderr, "%s\n", dw_buf_cstr(&b));
			dw_buf_clear(&b);
		}
		return 2;
	}
	for (size_t i = 0; i < m->n; i++) {
		const gm_rule *r = &m->rules[i];
		const char *what = r->kind == GM_GIT ? "git" : r->names.v[0];

		for (int dist = 0; dist < DW_NDISTRO; dist++)
			for (int st = 0; st < GM_NSTAGE; st++) {
				const gm_col *col = &r->cols[dist];

				/* trixie and bullseye fall back to apt, as in
				 * dw_detect_packages */
				if (!col->set[st])
					col = &r->cols[dw_distro_parent((dw_distro)dist)];
				for (size_t k = 0; k < col->pkgs[st].n; k++) {
					dw_buf_clear(&b);
					dw_buf_printf(&b, "%s %s %s %s", dw_distro_name((dw_distro)dist),
					              stages[st], col->pkgs[st].v[k], what);
					dw_strv_push(&lines, b.ptr, b.len);
				}
			}
	}
	if (lines.n)
		qsort(lines.v, lines.n, sizeof *lines.v, cmp);
	for (size_t i = 0; i < lines.n; i++)
		if (i == 0 || strcmp(lines.v[i], lines.v[i - 1]) != 0)
			puts(lines.v[i]);
	dw_strv_free(&lines);
	dw_buf_free(&b);
	dw_gemmap_free(m);
	dw_diags_free(&d);
	return 0;
}
