/* SPDX-License-Identifier: MIT */
/*
 * fuzz_lockfile.c - the Gemfile.lock and Gemfile readers.  The input is
 * parsed as a lockfile, then every spec is looked up by name and the
 * dependency closure walked; the same bytes are also read as a Gemfile.
 *
 * Invariants: a NULL result comes with an error; every spec found by name
 * has that name; the closure reports each gem at most once.
 */
#include "fuzz.h"

#include <string.h>

#include "dockwright.h"
#include "lockfile.h"

struct seen {
	size_t n;
	size_t limit;
};

static void
count(void *ctx, const dw_spec *s)
{
	struct seen *S = ctx;

	FUZZ_CHECK(s->name != NULL);
	FUZZ_CHECK(++S->n <= S->limit);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse((const char *)data, size, "Gemfile.lock", &d);
	dw_gemfile g;

	if (lf == NULL) {
		FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > 0);
	} else {
		struct seen S = { 0, lf->nspecs };

		for (size_t i = 0; i < lf->nspecs; i++) {
			const dw_spec *s = dw_lockfile_find(lf, lf->specs[i].name);

			FUZZ_CHECK(s != NULL && strcmp(s->name, lf->specs[i].name) == 0);
			(void)dw_lockfile_direct(lf, s->name);
		}
		dw_lockfile_closure(lf, count, &S);
	}
	dw_lockfile_free(lf);
	memset(&g, 0, sizeof g);
	dw_gemfile_parse((const char *)data, size, "Gemfile", &g, &d);
	dw_gemfile_free(&g);
	dw_diags_free(&d);
	return 0;
}
