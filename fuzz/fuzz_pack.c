/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pack.c - the rule-pack loader (YAML rules with PCRE2 patterns):
 * the input is given to a fresh linter as an extra pack, which then lints a
 * small Dockerfile so that the loaded patterns run.
 *
 * Invariants: a failed load comes with an error at a position; a loaded
 * pack never breaks linting.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dockwright.h"
#include "lint.h"

static const char dockerfile[] =
	"FROM ruby:3.3-slim AS build\n"
	"RUN apt-get update && apt-get install -y curl | tee /log\n"
	"FROM build\nUSER 1000\nENTRYPOINT [\"/ric\"]\nCMD [\"app.handler\"]\n";

/* Packs reach a linter as files (dw_lint_opts.packs), so the input is
 * written to one temporary file, reused across runs and removed at exit
 * (make check replays this harness on every run: /tmp filled up). */
static char pack_path[64];

static void
pack_remove(void)
{
	unlink(pack_path);
}

static const char *
pack_file(const uint8_t *data, size_t size)
{
	const char *path = pack_path;
	FILE *f;

	if (pack_path[0] == '\0') {
		int fd;

		snprintf(pack_path, sizeof pack_path, "/tmp/dw-fuzz-pack-XXXXXX");
		fd = mkstemp(pack_path);
		FUZZ_CHECK(fd >= 0);
		close(fd);
		atexit(pack_remove);
	}
	f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	if (size)
		FUZZ_CHECK(fwrite(data, 1, size, f) == size);
	fclose(f);
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *packs[2] = { pack_file(data, size), NULL };
	dw_lint_opts o = { .packs = packs };
	dw_diags d = DW_DIAGS_INIT, out = DW_DIAGS_INIT;
	dw_linter *l = dw_linter_new(&o, &d);

	if (l == NULL) {
		FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > 0);
		for (size_t i = 0; i < d.n; i++)
			FUZZ_CHECK(d.v[i].sev != DW_SEV_ERROR || d.v[i].path != NULL);
	} else {
		FUZZ_CHECK(dw_lint_source(l, "Dockerfile", dockerfile, sizeof dockerfile - 1,
		                          &out) == 0);
	}
	dw_linter_free(l);
	dw_diags_free(&d);
	dw_diags_free(&out);
	return 0;
}
