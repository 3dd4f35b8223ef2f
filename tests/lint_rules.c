/* SPDX-License-Identifier: MIT */
/*
 * lint_rules.c - every lint rule against its fixtures:
 *   testdata/lint/rules/<id>/fire.Dockerfile  must give a finding of <id>
 *   testdata/lint/rules/<id>/fire.expected    (optional) LINE:COL of each
 *   testdata/lint/rules/<id>/pass.Dockerfile  must give none
 *   testdata/lint/rules/<id>/context/         (optional) --context DIR
 *   testdata/lint/rules/<id>/trusted_registries (optional) one per line,
 *                                              as lint.trusted_registries
 * A rule without both fixtures fails.
 */
#include "lint.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *
srcdir(void)
{
	const char *s = getenv("DW_SRCDIR");

	return s && *s ? s : ".";
}

static bool
exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

/* Is the shellcheck program there for the shellcheck rule's fixtures? */
static bool
have_shellcheck(void)
{
	dw_lint_opts o;
	dw_diags d = DW_DIAGS_INIT;
	dw_linter *l;

	memset(&o, 0, sizeof o);
	o.shellcheck = DW_SHELLCHECK_ALWAYS;
	l = dw_linter_new(&o, &d);
	dw_linter_free(l);
	dw_diags_free(&d);
	return l != NULL;
}

/* Lint `path`; findings of `id` as "L:C" lines in `got`.  -1 on error. */
static int
lint_file(const char *path, const char *id, const char *ctx, dw_buf *got, size_t *n)
{
	dw_config cfg;
	char tr[1200];
	const char *slash = strrchr(path, '/');
	dw_buf tb = DW_BUF_INIT;
	dw_lint_opts o;
	dw_diags d = DW_DIAGS_INIT, out = DW_DIAGS_INIT;
	dw_buf src = DW_BUF_INIT;
	dw_linter *l;
	int rc = 0;

	memset(&o, 0, sizeof o);
	memset(&cfg, 0, sizeof cfg);
	o.context_dir = ctx;
	/* ShellCheck's findings carry its codes (SC2086), not the rule id. */
	if (strcmp(id, "shellcheck") == 0)
		o.shellcheck = DW_SHELLCHECK_AUTO;
	*n = 0;
	snprintf(tr, sizeof tr, "%.*s/trusted_registries", (int)(slash - path), path);
	if (exists(tr) && dw_file_read(tr, &tb, &d) == 0) {
		dw_cvalue *v = &cfg.v[DW_CFG_LINT_TRUSTED_REGISTRIES];

		for (char *line = strtok(tb.ptr, "\n"); line; line = strtok(NULL, "\n"))
			dw_strv_push(&v->list, line, strlen(line));
		v->set = true;
		o.config = &cfg;
	}
	if ((l = dw_linter_new(&o, &d)) == NULL || dw_file_read(path, &src, &d) < 0) {
		for (size_t i = 0; i < d.n; i++) {
			dw_buf f = DW_BUF_INIT;

			dw_diag_format(&d.v[i], &f);
			tap_diag("%s", f.ptr);
			dw_buf_free(&f);
		}
		rc = -1;
	} else {
		dw_lint_source(l, path, src.ptr ? src.ptr : "", src.len, &out);
		for (size_t i = 0; i < out.n; i++) {
			if (out.v[i].code && (strcmp(out.v[i].code, id) == 0 ||
			    (o.shellcheck && strncmp(out.v[i].code, "SC", 2) == 0))) {
				dw_buf_printf(got, "%u:%u\n", out.v[i].span.start.line,
				              out.v[i].span.start.col);
				(*n)++;
			}
		}
	}
	dw_linter_free(l);
	dw_diags_free(&d);
	dw_diags_free(&out);
	dw_buf_free(&src);
	dw_buf_free(&tb);
	dw_strv_free(&cfg.v[DW_CFG_LINT_TRUSTED_REGISTRIES].list);
	return rc;
}

int
main(void)
{
	tap t = { 0, 0 };
	dw_diags d = DW_DIAGS_INIT;
	dw_linter *l = dw_linter_new(NULL, &d);
	const dw_rule *const *rules;
	size_t nr;

	if (l == NULL) {
		printf("Bail out! cannot build the linter\n");
		return 1;
	}
	nr = dw_linter_rules(l, &rules);
	for (size_t i = 0; i < nr; i++) {
		const char *id = rules[i]->id;
		char dir[1024], fire[1100], pass[1100], exp[1100], ctx[1100];
		dw_buf got = DW_BUF_INIT, want = DW_BUF_INIT;
		dw_diags e = DW_DIAGS_INIT;
		size_t n;

		snprintf(dir, sizeof dir, "%s/testdata/lint/rules/%s", srcdir(), id);
		snprintf(fire, sizeof fire, "%s/fire.Dockerfile", dir);
		snprintf(pass, sizeof pass, "%s/pass.Dockerfile", dir);
		snprintf(exp, sizeof exp, "%s/fire.expected", dir);
		snprintf(ctx, sizeof ctx, "%s/context", dir);
		tap_ok(&t, rules[i]->message && rules[i]->fix && rules[i]->explain,
		       "%s: has message, fix and explanation", id);
		if (!exists(fire) || !exists(pass)) {
			tap_ok(&t, false, "%s: has fire and pass fixtures", id);
			continue;
		}
		if (strcmp(id, "shellcheck") == 0 && !have_shellcheck()) {
			tap_skip(&t, "%s: the shellcheck program is not installed", id);
			continue;
		}
		tap_ok(&t, lint_file(fire, id, exists(ctx) ? ctx : NULL, &got, &n) == 0 && n > 0,
		       "%s: fires on fire.Dockerfile", id);
		if (exists(exp) && dw_file_read(exp, &want, &e) == 0) {
			bool same = strcmp(dw_buf_cstr(&want), dw_buf_cstr(&got)) == 0;

			if (!same)
				tap_diag("want:\n%s# got:\n%s", dw_buf_cstr(&want), dw_buf_cstr(&got));
			tap_ok(&t, same, "%s: positions match fire.expected", id);
		}
		dw_buf_clear(&got);
		tap_ok(&t, lint_file(pass, id, exists(ctx) ? ctx : NULL, &got, &n) == 0 && n == 0,
		       "%s: silent on pass.Dockerfile", id);
		if (n)
			tap_diag("%s", dw_buf_cstr(&got));
		dw_buf_free(&got);
		dw_buf_free(&want);
		dw_diags_free(&e);
	}
	dw_linter_free(l);
	dw_diags_free(&d);
	return tap_done(&t);
}
