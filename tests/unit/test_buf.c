/* SPDX-License-Identifier: MIT */
/* test_buf.c - the string buffer, string lists, diagnostics and files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
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

/* The plain formats dw_buf_printf formats itself must read as
 * snprintf's; the others go to vsnprintf. */
#define SAME_AS_SNPRINTF(...)                                            \
	do {                                                             \
		char want[256];                                          \
		dw_buf got = DW_BUF_INIT;                                \
		int n = snprintf(want, sizeof want, __VA_ARGS__);        \
		dw_buf_puts(&got, "pre:");                               \
		dw_buf_printf(&got, __VA_ARGS__);                        \
		assert_int_equal(got.len, 4 + (size_t)n);                \
		assert_memory_equal(got.ptr + 4, want, (size_t)n);       \
		dw_buf_free(&got);                                       \
	} while (0)

static void
buf_printf_plain(void **state)
{
	(void)state;
	SAME_AS_SNPRINTF("%s", "x");
	SAME_AS_SNPRINTF("%d|%d|%d|%d", 0, -1, INT_MIN, INT_MAX);
	SAME_AS_SNPRINTF("%u %zu %zu", UINT_MAX, (size_t)0, SIZE_MAX);
	SAME_AS_SNPRINTF("100%% %c%c end", 'a', '%');
	SAME_AS_SNPRINTF("package '%s' is not pinned; line %u, %zu words", "curl", 7u,
	                 (size_t)3);
	SAME_AS_SNPRINTF("no conversions");
	SAME_AS_SNPRINTF("%s%s", "", "");
	/* Not plain: width, precision, flags, other conversions. */
	SAME_AS_SNPRINTF("%5d|%-3s|%.2s|%x|%ld|%08.3f", 42, "a", "abc", 255u, 7L, 3.14159);
	SAME_AS_SNPRINTF("%zx %zd", (size_t)255, (size_t)9);
	SAME_AS_SNPRINTF("trailing %%");
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
		cmocka_unit_test(buf_printf_plain),
		cmocka_unit_test(buf_detach),
		cmocka_unit_test(strv_push),
		cmocka_unit_test(memfind),
		cmocka_unit_test(diag_format),
		cmocka_unit_test_setup_teardown(file_roundtrip, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(file_errors, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
