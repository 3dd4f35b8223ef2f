/* SPDX-License-Identifier: MIT */
/*
 * fuzz_yaml.c - the YAML loader: dw_yaml_load, then a walk over the whole
 * tree with the accessors a consumer uses (dw_yaml_get for every key,
 * dw_yaml_is_null, dw_yaml_bool, dw_yaml_span).  The walk follows aliases,
 * as a consumer would, so it also checks that the alias budget bounds the
 * work ("billion laughs").
 */
#include "fuzz.h"

#include <string.h>

#include "dockwright.h"

/* The loader refuses aliases expanding to more than this many nodes. */
#define ALIAS_BUDGET 100000

struct walk {
	size_t visited;
	size_t limit;
	int sink;
};

static void
walk(struct walk *W, const dw_ynode *n, unsigned depth)
{
	dw_span sp;

	FUZZ_CHECK(n != NULL);
	FUZZ_CHECK(depth <= 257);
	FUZZ_CHECK(++W->visited <= W->limit);
	FUZZ_CHECK(n->line >= 1 && n->col >= 1);
	sp = dw_yaml_span(n);
	FUZZ_CHECK(sp.start.line == n->line);
	W->sink += dw_yaml_is_null(n);
	W->sink += dw_yaml_bool(n);
	switch (n->kind) {
	case DW_Y_SCALAR:
		FUZZ_CHECK(n->str != NULL && n->str[n->len] == '\0');
		break;
	case DW_Y_SEQ:
		for (size_t i = 0; i < n->n; i++)
			walk(W, n->items[i], depth + 1);
		break;
	case DW_Y_MAP:
		for (size_t i = 0; i < n->n; i++) {
			walk(W, n->keys[i], depth + 1);
			walk(W, n->items[i], depth + 1);
			if (n->keys[i]->kind == DW_Y_SCALAR)
				FUZZ_CHECK(dw_yaml_get(n, n->keys[i]->str) != NULL);
		}
		break;
	default:
		FUZZ_CHECK(!"unknown node kind");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;
	dw_ydoc *doc;

	doc = dw_yaml_load((const char *)data, size, "fuzz.yaml", &d);
	if (doc != NULL) {
		/* Every real node costs at least one input byte, give or take
		 * the implicit empty ones: a generous bound that still catches
		 * an exponential walk. */
		struct walk W = { 0, ALIAS_BUDGET + 4 * size + 16, 0 };

		if (doc->root)
			walk(&W, doc->root, 0);
		FUZZ_CHECK(dw_yaml_get(doc->root, "") == NULL || doc->root->kind == DW_Y_MAP);
		dw_yaml_free(doc);
	} else {
		FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > 0);
	}
	for (size_t i = 0; i < d.n; i++) {
		dw_buf_clear(&out);
		dw_diag_format(&d.v[i], &out);
	}
	dw_buf_free(&out);
	dw_diags_free(&d);
	return 0;
}
