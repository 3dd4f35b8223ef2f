/* SPDX-License-Identifier: MIT */
/*
 * test_limits.c - inputs at the sizes the hardening issue names finish
 * with a result or a clear error: a 100 MB Dockerfile, a lockfile with
 * 100,000 specs (and the package detection over it).  Times are not
 * asserted (bench/ measures them); the suite's timeout bounds them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "dockwright.h"
#include "lockfile.h"

static void
dockerfile_100mb(void **state)
{
	static const char stage[] =
		"FROM ruby:3.3-slim AS s\n"
		"ENV A=1 B=\"two words\" C=3\n"
		"RUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5 \\\n"
		" && rm -rf /var/lib/apt/lists/*\n"
		"COPY --chown=1000:1000 Gemfile Gemfile.lock ./\n"
		"RUN <<EOF\nbundle install\nEOF\n"
		"CMD [\"bundle\", \"exec\", \"puma\"]\n";
	size_t want = 100u * 1024 * 1024, n = 0, stages = 0;
	char *src = malloc(want + sizeof stage);
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df;

	(void)state;
	assert_non_null(src);
	while (n < want) {
		memcpy(src + n, stage, sizeof stage - 1);
		n += sizeof stage - 1;
		stages++;
	}
	df = dw_parse(src, n, "big", NULL, &d);
	assert_non_null(df);
	assert_int_equal(df->ninstrs, stages * 6);
	assert_int_equal(d.n, 0);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
	free(src);
}

static void
count_gem(void *ctx, const dw_spec *s)
{
	(void)s;
	(*(size_t *)ctx)++;
}

static void
lockfile_100k_specs(void **state)
{
	size_t nspecs = 100000, seen = 0;
	dw_buf b = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf;

	(void)state;
	dw_buf_puts(&b, "GEM\n  remote: https://rubygems.org/\n  specs:\n");
	for (size_t i = 0; i < nspecs; i++) {
		dw_buf_printf(&b, "    gem%06zu (1.%zu.0)\n", i, i);
		if (i + 1 < nspecs)
			dw_buf_printf(&b, "      gem%06zu (>= 1.0)\n", i + 1);
	}
	dw_buf_puts(&b, "    pg (1.5.9)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  gem000000\n  pg\n");
	lf = dw_lockfile_parse(b.ptr, b.len, "Gemfile.lock", &d);
	assert_non_null(lf);
	assert_int_equal(lf->nspecs, nspecs + 1);
	assert_non_null(dw_lockfile_find(lf, "gem099999"));
	/* The chain gem000000 -> gem000001 -> ... reaches every gem. */
	dw_lockfile_closure(lf, count_gem, &seen);
	assert_int_equal(seen, nspecs + 1);
	dw_lockfile_free(lf);
	dw_diags_free(&d);
	dw_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dockerfile_100mb),
		cmocka_unit_test(lockfile_100k_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
