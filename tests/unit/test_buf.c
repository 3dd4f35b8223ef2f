/* SPDX-License-Identifier: MIT */
/* test_buf.c - the string buffer, string lists, diagnostics and files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dockwright.h"

static void
buf_grows(void **state)
{
	dw_buf b = DW_BUF_INIT;

	(void)state;
	assert_string_equal(dw_buf_cstr(&b), "");
	for (int i = 0; i < 1000; i++)
		dw_buf_puts(&b, "abc");
	assert_int_equal(b.len, 3000);
	assert_int_equal(b.ptr[b.len], '\0');
	dw_buf_truncate(&b, 2);
	assert_string_equal(b.ptr, "ab");
	dw_buf_printf(&b, "-%d-%s", 42, "x");
	assert_string_equal(b.ptr, "ab-42-x");
	dw_buf_putc(&b, 0);
	assert_int_equal(b.len, 8);
	dw_buf_free(&b);
	assert_null(b.ptr);
}

static void
buf_detach(void **state)
{
	dw_buf b = DW_BUF_INIT;
	char *p;

	(void)state;
	p = dw_buf_detach(&b);
	assert_string_equal(p, "");
	free(p);
	dw_buf_put(&b, "hello", 5);
	p = dw_buf_detach(&b);
	assert_string_equal(p, "hello");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	free(p);
}

static void
strv_push(void **state)
{
	dw_strv sv = DW_STRV_INIT;

	(void)state;
	for (int i = 0; i < 20; i++)
		dw_strv_push(&sv, "word", 2);
	assert_int_equal(sv.n, 20);
	assert_string_equal(sv.v[19], "wo");
	dw_strv_free(&sv);
	assert_int_equal(sv.n, 0);
}

static void
diag_format(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_span sp = { { 3, 7 }, { 3, 9 } }, none = { { 0, 0 }, { 0, 0 } };
	dw_buf out = DW_BUF_INIT;

	(void)state;
	dw_diags_add(&d, DW_SEV_ERROR, "Dockerfile", sp, NULL, "bad %s", "thing");
	dw_diags_add(&d, DW_SEV_WARNING, "Dockerfile", sp, "DL3008", "pin it");
	dw_diags_add(&d, DW_SEV_INFO, NULL, none, NULL, "note");
	dw_diag_format(&d.v[0], &out);
	assert_string_equal(out.ptr, "Dockerfile:3:7: error: bad thing");
	dw_buf_clear(&out);
	dw_diag_format(&d.v[1], &out);
	assert_string_equal(out.ptr, "Dockerfile:3:7: warning: pin it [DL3008]");
	dw_buf_clear(&out);
	dw_diag_format(&d.v[2], &out);
	assert_string_equal(out.ptr, "info: note");
	assert_int_equal(dw_diags_count(&d, DW_SEV_ERROR), 1);
	assert_int_equal(dw_diags_count(&d, DW_SEV_WARNING), 2);
	assert_int_equal(dw_diags_count(&d, DW_SEV_STYLE), 3);
	dw_buf_free(&out);
	dw_diags_free(&d);
}

static char tmpdir[64];

static int
setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dw-test-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
file_roundtrip(void **state)
{
	char path[128];
	dw_diags d = DW_DIAGS_INIT;
	dw_buf b = DW_BUF_INIT;
	struct stat st;

	(void)state;
	snprintf(path, sizeof path, "%s/out", tmpdir);
	assert_int_equal(dw_file_write_atomic(path, "one\n", 4, &d), 0);
	chmod(path, 0600);
	assert_int_equal(dw_file_write_atomic(path, "two\n", 4, &d), 0);
	assert_int_equal(dw_file_read(path, &b, &d), 0);
	assert_string_equal(b.ptr, "two\n");
	/* The target's mode survives the rename. */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(d.n, 0);
	dw_buf_free(&b);
}

static void
file_errors(void **state)
{
	char path[128];
	dw_diags d = DW_DIAGS_INIT;
	dw_buf b = DW_BUF_INIT;

	(void)state;
	snprintf(path, sizeof path, "%s/missing", tmpdir);
	assert_int_equal(dw_file_read(path, &b, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, path);
	assert_non_null(strstr(d.v[0].message, "cannot open"));
	/* A directory is neither read nor replaced. */
	assert_int_equal(dw_file_read(tmpdir, &b, &d), -1);
	assert_string_equal(d.v[1].message, "is a directory");
	assert_int_equal(dw_file_write_atomic(tmpdir, "x", 1, &d), -1);
	assert_non_null(strstr(d.v[2].message, "not a regular file"));
	/* No directory to put the temp file in: the error names the path. */
	snprintf(path, sizeof path, "%s/no/such/dir/f", tmpdir);
	assert_int_equal(dw_file_write_atomic(path, "x", 1, &d), -1);
	assert_int_equal(d.n, 4);
	dw_diags_free(&d);
	dw_buf_free(&b);
}

static void
memfind(void **state)
{
	static const char h[] = "a lambda, aws_lambda_ric";

	(void)state;
	assert_ptr_equal(dw_memfind(h, strlen(h), "lambda", 6), h + 2);
	assert_ptr_equal(dw_memfind(h, strlen(h), "ric", 3), h + 21);  /* at the very end */
	assert_ptr_equal(dw_memfind(h, strlen(h), "a", 1), h);
	assert_null(dw_memfind(h, strlen(h), "ricx", 4));              /* runs past the end */
	assert_null(dw_memfind(h, 7, "lambda", 6));                    /* only n bytes count */
	assert_null(dw_memfind(h, 0, "a", 1));
	assert_null(dw_memfind("x\0lambda", 7, "lambda", 6));           /* one byte short */
	assert_non_null(dw_memfind("x\0lambda", 8, "lambda", 6));       /* past a NUL byte */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows),
		cmocka_unit_test(buf_detach),
		cmocka_unit_test(strv_push),
		cmocka_unit_test(memfind),
		cmocka_unit_test(diag_format),
		cmocka_unit_test_setup_teardown(file_roundtrip, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(file_errors, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
