/* SPDX-License-Identifier: MIT */
/*
 * fuzz_lint.c - the whole linter on any bytes: parse, stage model, shell
 * view, every built-in and pack rule, under both rule profiles (Lambda and
 * generic).  Invariants: lint says the file parsed or did not and nothing
 * else; every finding names the file, a rule and a message, and lies in
 * the file; linting again gives the same findings (no state carried from
 * one file to the next, nothing read uninitialised).
 */
#include "fuzz.h"

#include "dockwright.h"
#include "lint.h"

#include <string.h>

/* The lines of the input, as the parser counts them: one more after a
 * final newline too, for a finding at the end of the file. */
static uint32_t
lines_of(const uint8_t *data, size_t size)
{
	uint32_t n = 1;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n + 1;
}

static void
check_findings(const dw_diags *d, uint32_t nlines)
{
	for (size_t i = 0; i < d->n; i++) {
		const dw_diag *g = &d->v[i];

		FUZZ_CHECK(g->path != NULL && strcmp(g->path, "Dockerfile") == 0);
		FUZZ_CHECK(g->code != NULL && g->code[0] != '\0');
		FUZZ_CHECK(g->message != NULL && g->message[0] != '\0');
		FUZZ_CHECK(g->span.start.line <= nlines && g->span.end.line <= nlines);
		FUZZ_CHECK(g->span.start.line < g->span.end.line ||
		           (g->span.start.line == g->span.end.line &&
		            g->span.start.col <= g->span.end.col) ||
		           g->span.end.line == 0);
	}
}

static bool
same_findings(const dw_diags *a, const dw_diags *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].code, b->v[i].code) != 0 ||
		    strcmp(a->v[i].message, b->v[i].message) != 0 ||
		    memcmp(&a->v[i].span, &b->v[i].span, sizeof a->v[i].span) != 0)
			return false;
	return true;
}

static void
lint_twice(dw_linter *l, const uint8_t *data, size_t size)
{
	dw_diags a = DW_DIAGS_INIT, b = DW_DIAGS_INIT;
	int ra = dw_lint_source(l, "Dockerfile", (const char *)data, size, &a);
	int rb = dw_lint_source(l, "Dockerfile", (const char *)data, size, &b);

	FUZZ_CHECK(ra == 0 || ra == -1);
	FUZZ_CHECK(ra == rb);
	check_findings(&a, lines_of(data, size));
	FUZZ_CHECK(same_findings(&a, &b));
	dw_diags_free(&a);
	dw_diags_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_lint_opts lambda, generic;
	dw_diags d = DW_DIAGS_INIT;
	dw_linter *l;

	/* A linter per input, as a process per file makes one: the rules
	 * must not rely on anything a previous file left in it either, and
	 * lint_twice checks that within one linter. */
	memset(&lambda, 0, sizeof lambda);
	generic = lambda;
	generic.generic = true;
	l = dw_linter_new(&lambda, &d);
	FUZZ_CHECK(l != NULL);
	lint_twice(l, data, size);
	dw_linter_free(l);
	l = dw_linter_new(&generic, &d);
	FUZZ_CHECK(l != NULL);
	lint_twice(l, data, size);
	dw_linter_free(l);
	dw_diags_free(&d);
	return 0;
}
