/* SPDX-License-Identifier: MIT */
/* hooks.c - the driver's two uses of the rest of dockwright: the managed
 * Dockerfile (gen) and the lint gate (lint).  Kept apart so that the rest
 * of the driver, and its unit tests, link without either. */
#include "drv.h"

#include <string.h>

#include "../app/config.h"
#include "gen.h"
#include "lint.h"

int
drv_managed_render(const dw_config *c, const char *app_dir, dw_buf *out, dw_diags *d)
{
	dw_plan p;
	int rc;

	memset(&p, 0, sizeof p);
	if (dw_plan_make(&p, app_dir, c, d) < 0) {
		dw_plan_free(&p);
		return -1;
	}
	rc = dw_gen_render(&p, c, NULL, out, d);
	/* The handler gen provides goes into the build context, as with gen -o. */
	if (rc == 0)
		rc = dw_gen_write_files(&p, d);
	dw_plan_free(&p);
	return rc;
}

int
drv_lint(const dw_config *c, const char *path, const char *src, size_t len,
         const char *context_dir, dw_diags *out)
{
	dw_lint_opts o;
	dw_linter *l;

	memset(&o, 0, sizeof o);
	o.config = c;
	o.context_dir = context_dir;
	l = dw_linter_new(&o, out);
	if (l == NULL)
		return -1;
	/* A parse error is a finding like any other: it stops the build. */
	(void)dw_lint_source(l, path, src, len, out);
	dw_linter_free(l);
	return 0;
}
