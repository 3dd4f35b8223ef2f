/* SPDX-License-Identifier: MIT */
/*
 * fuzz_template.c - the generator's template engine.  The input is split
 * at 0x01 bytes: the first piece is the template, the next ones are the
 * partials "p0" .. "p7" (so `{{> p1}}` includes the second piece).  The
 * scope holds every kind of value: strings, a raw value spanning lines,
 * bools, an empty list and nested lists.
 *
 * Invariants: the result is 0 or -1; -1 comes with an error and 0 with
 * none; every diagnostic with a path has a position; the output stays
 * under the cap; rendering twice gives the same bytes.
 */
#include "fuzz.h"

#include <string.h>

#include "dockwright.h"
#include "template.h"

#define NPARTS 8

struct pieces {
	const char *p[NPARTS];
	size_t len[NPARTS];
	size_t n;
};

static int
load(void *ctx, const char *name, dw_buf *text, dw_buf *path, dw_diags *d)
{
	const struct pieces *pc = ctx;
	dw_span none = { { 0, 0 }, { 0, 0 } };

	if (name[0] == 'p' && name[1] >= '0' && name[1] < '0' + NPARTS && name[2] == '\0' &&
	    (size_t)(name[1] - '0') < pc->n) {
		size_t i = (size_t)(name[1] - '0');

		dw_buf_put(text, pc->p[i], pc->len[i]);
		dw_buf_printf(path, "%s.tmpl", name);
		return 0;
	}
	dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL, "no partial '%s'", name);
	return -1;
}

static dw_tctx *
make_scope(void)
{
	dw_tctx *c = dw_tctx_new();

	dw_tctx_set(c, "name", "world");
	dw_tctx_set(c, "empty", "");
	dw_tctx_set(c, "bad", "a\nRUN b");
	dw_tctx_set_raw(c, "hook", "RUN one\nRUN two\n");
	dw_tctx_set_bool(c, "yes", true);
	dw_tctx_set_bool(c, "no", false);
	dw_tctx_set_list(c, "none");
	for (int i = 0; i < 3; i++) {
		dw_tctx *it = dw_tctx_add_item(c, "l");

		dw_tctx_set(it, "name", i == 1 ? "" : "item");
		dw_tctx_set_bool(it, "yes", i == 2);
		for (int j = 0; j < 2; j++)
			dw_tctx_set(dw_tctx_add_item(it, "sub"), "v", "x");
	}
	return c;
}

static int
render(const char *t, size_t n, const dw_tctx *c, struct pieces *pc, dw_buf *out)
{
	dw_diags d = DW_DIAGS_INIT;
	int rc;

	rc = dw_template_render(t, n, "t.tmpl", c, load, pc, out, &d);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK((rc == 0) == (dw_diags_count(&d, DW_SEV_ERROR) == 0));
	for (size_t i = 0; i < d.n; i++) {
		dw_buf line = DW_BUF_INIT;

		if (d.v[i].path != NULL)
			FUZZ_CHECK(d.v[i].span.start.line >= 1 && d.v[i].span.start.col >= 1);
		dw_diag_format(&d.v[i], &line);
		dw_buf_free(&line);
	}
	FUZZ_CHECK(out->len <= ((size_t)64 << 20) + 4096);
	dw_diags_free(&d);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	struct pieces pc;
	dw_buf a = DW_BUF_INIT, b = DW_BUF_INIT;
	dw_tctx *c;
	const char *tmpl = s;
	size_t tlen;
	int rc;

	memset(&pc, 0, sizeof pc);
	tlen = (size_t)((const char *)(memchr(s, 1, size) ? memchr(s, 1, size) : end) - s);
	for (const char *p = s + tlen; p < end && pc.n < NPARTS;) {
		const char *q = memchr(p + 1, 1, (size_t)(end - p - 1));

		q = q ? q : end;
		pc.p[pc.n] = p + 1;
		pc.len[pc.n++] = (size_t)(q - p - 1);
		p = q;
	}
	c = make_scope();
	rc = render(tmpl, tlen, c, &pc, &a);
	FUZZ_CHECK(render(tmpl, tlen, c, &pc, &b) == rc);
	FUZZ_CHECK(a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0));
	dw_buf_free(&a);
	dw_buf_free(&b);
	dw_tctx_free(c);
	return 0;
}
