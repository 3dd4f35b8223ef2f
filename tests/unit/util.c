/* SPDX-License-Identifier: MIT */
/* util.c - see util.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

char *
tu_diags_text(const dw_diags *d)
{
	dw_buf b = DW_BUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		dw_diag_format(&d->v[i], &b);
		dw_buf_putc(&b, '\n');
	}
	return dw_buf_detach(&b);
}

void
tu_assert_diags(const dw_diags *d, const char *want)
{
	char *got = tu_diags_text(d);

	assert_string_equal(got, want);
	free(got);
}

void
tu_put(const char *dir, const char *name, const char *text)
{
	dw_buf path = DW_BUF_INIT;
	FILE *f;

	dw_buf_printf(&path, "%s/%s", dir, name);
	f = fopen(path.ptr, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	dw_buf_free(&path);
}

int
tu_rmtree(const char *dir)
{
	dw_buf cmd = DW_BUF_INIT;
	int rc;

	dw_buf_printf(&cmd, "rm -rf '%s'", dir);
	rc = system(cmd.ptr) == 0 ? 0 : -1;
	dw_buf_free(&cmd);
	return rc;
}

const char *
tu_srcdir(void)
{
	const char *s = getenv("DW_SRCDIR");

	return s && *s ? s : ".";
}

char *
tu_srcfile(const char *rel, size_t *len)
{
	dw_buf path = DW_BUF_INIT, text = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	dw_buf_printf(&path, "%s/%s", tu_srcdir(), rel);
	assert_int_equal(dw_file_read(path.ptr, &text, &d), 0);
	dw_buf_free(&path);
	dw_diags_free(&d);
	if (len)
		*len = text.len;
	return dw_buf_detach(&text);
}
