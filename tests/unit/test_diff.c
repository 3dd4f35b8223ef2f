/* SPDX-License-Identifier: MIT */
/* test_diff.c - unified diffs: exact output for small cases, and for many
 * cases that GNU patch turns a back into b and that GNU diff --minimal
 * agrees on the size of the edit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dockwright.h"
#include "diff.h"

extern char **environ;

/* ---- helpers -------------------------------------------------------- */

static void
assert_diff(const char *a, const char *b, const char *want)
{
	dw_buf out = DW_BUF_INIT;
	bool differ;

	differ = dw_diff_unified(a, strlen(a), b, strlen(b), "a/f", "b/f", &out);
	assert_string_equal(dw_buf_cstr(&out), want);
	assert_int_equal(differ, want[0] != '\0');
	dw_buf_free(&out);
}

static void
write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void
read_file(const char *path, dw_buf *out)
{
	char tmp[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		dw_buf_put(out, tmp, n);
	fclose(f);
}

/* Run argv (searched in PATH) with stdout to out_path; the exit status. */
static int
run(char *const argv[], const char *out_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status;

	assert_int_equal(posix_spawn_file_actions_init(&fa), 0);
	assert_int_equal(posix_spawn_file_actions_addopen(&fa, 1, out_path,
	                 O_WRONLY | O_CREAT | O_TRUNC, 0600), 0);
	assert_int_equal(posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ), 0);
	posix_spawn_file_actions_destroy(&fa);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct dir {
	char path[64];
	char a[96], b[96], diff[96], out[96], log[96];
};

static int
setup_dir(void **state)
{
	struct dir *d = calloc(1, sizeof *d);

	if (d == NULL)
		return -1;
	snprintf(d->path, sizeof d->path, "/tmp/dw-test-diff-XXXXXX");
	if (mkdtemp(d->path) == NULL)
		return -1;
	snprintf(d->a, sizeof d->a, "%s/a", d->path);
	snprintf(d->b, sizeof d->b, "%s/b", d->path);
	snprintf(d->diff, sizeof d->diff, "%s/diff", d->path);
	snprintf(d->out, sizeof d->out, "%s/out", d->path);
	snprintf(d->log, sizeof d->log, "%s/log", d->path);
	*state = d;
	return 0;
}

static int
teardown_dir(void **state)
{
	struct dir *d = *state;
	const char *files[] = { d->a, d->b, d->diff, d->out, d->log };
	char orig[128], rej[128];

	for (size_t i = 0; i < 5; i++)
		unlink(files[i]);
	snprintf(orig, sizeof orig, "%s.orig", d->out);
	snprintf(rej, sizeof rej, "%s.rej", d->out);
	unlink(orig);
	unlink(rej);
	rmdir(d->path);
	free(d);
	return 0;
}

static size_t
count_changes(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if ((i == 0 || s[i - 1] == '\n') && (s[i] == '+' || s[i] == '-') &&
		    !(i + 3 < n && (memcmp(s + i, "--- ", 4) == 0 || memcmp(s + i, "+++ ", 4) == 0)))
			c++;
	return c;
}

/* Our diff of a -> b must make GNU patch (no fuzz) produce b, and be as
 * small as GNU diff --minimal's. */
static void
check_roundtrip(struct dir *d, const char *a, size_t alen, const char *b, size_t blen)
{
	dw_buf diff = DW_BUF_INIT, got = DW_BUF_INIT, gnu = DW_BUF_INIT;
	char *patch_argv[] = { "patch", "-s", "-F0", "-o", d->out, d->a, d->diff, NULL };
	char *diff_argv[] = { "diff", "--minimal", "-u", d->a, d->b, NULL };
	bool differ;

	write_file(d->a, a, alen);
	write_file(d->b, b, blen);
	differ = dw_diff_unified(a, alen, b, blen, "a", "b", &diff);
	assert_int_equal(differ, alen != blen || memcmp(a, b, alen) != 0);
	if (!differ) {
		assert_int_equal(diff.len, 0);
		return;
	}
	write_file(d->diff, diff.ptr, diff.len);
	if (run(patch_argv, d->log) != 0) {
		print_message("patch failed on:\n%s\n", diff.ptr);
		fail();
	}
	read_file(d->out, &got);
	assert_int_equal(got.len, blen);
	assert_memory_equal(got.ptr ? got.ptr : "", b, blen);
	assert_int_equal(run(diff_argv, d->log), 1);
	read_file(d->log, &gnu);
	assert_int_equal(count_changes(diff.ptr, diff.len), count_changes(gnu.ptr, gnu.len));
	dw_buf_free(&diff);
	dw_buf_free(&got);
	dw_buf_free(&gnu);
}

/* ---- exact output ------------------------------------------------------ */

static void
identical(void **state)
{
	(void)state;
	assert_diff("", "", "");
	assert_diff("a\nb\n", "a\nb\n", "");
	assert_diff("no newline", "no newline", "");
}

static void
insert_start_middle_end(void **state)
{
	(void)state;
	assert_diff("b\nc\n", "a\nb\nc\n",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n+a\n b\n c\n");
	assert_diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nX\n5\n6\n7\n8\n",
	            "--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+X\n 5\n 6\n 7\n");
	assert_diff("a\nb\n", "a\nb\nc\n",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n b\n+c\n");
}

static void
delete_start_middle_end(void **state)
{
	(void)state;
	assert_diff("a\nb\nc\nd\ne\n", "b\nc\nd\ne\n",
	            "--- a/f\n+++ b/f\n@@ -1,4 +1,3 @@\n-a\n b\n c\n d\n");
	assert_diff("1\n2\n3\n4\nX\n5\n6\n7\n8\n", "1\n2\n3\n4\n5\n6\n7\n8\n",
	            "--- a/f\n+++ b/f\n@@ -2,7 +2,6 @@\n 2\n 3\n 4\n-X\n 5\n 6\n 7\n");
	assert_diff("a\nb\nc\nd\ne\n", "a\nb\nc\nd\n",
	            "--- a/f\n+++ b/f\n@@ -2,4 +2,3 @@\n b\n c\n d\n-e\n");
}

static void
change_start_middle_end(void **state)
{
	(void)state;
	assert_diff("a\nb\n", "A\nb\n",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+A\n b\n");
	assert_diff("a\nb\nc\n", "a\nB\nc\n",
	            "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	assert_diff("a\nb\n", "a\nB\n",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n");
	/* A run of changes prints its deletions first. */
	assert_diff("x\n1\n2\ny\n", "x\nA\nB\ny\n",
	            "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n x\n-1\n-2\n+A\n+B\n y\n");
}

static void
single_lines(void **state)
{
	(void)state;
	/* Ranges of one line leave out ",1". */
	assert_diff("a\n", "b\n", "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n");
}

static void
empty_files(void **state)
{
	(void)state;
	assert_diff("", "a\nb\n", "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
	assert_diff("a\nb\n", "", "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n");
	assert_diff("", "x", "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n");
}

static void
no_final_newline(void **state)
{
	(void)state;
	assert_diff("a\nb", "a\nb\n",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
	assert_diff("a\nb\n", "a\nb",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
	assert_diff("a\nb", "a\nc",
	            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
	/* An unchanged last line without a newline, as context. */
	assert_diff("a\nb\nc", "A\nb\nc",
	            "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n\\ No newline at end of file\n");
}

static void
hunks_split_and_merge(void **state)
{
	(void)state;
	/* Changes 7 lines apart: two hunks. */
	assert_diff("x\n1\n2\n3\n4\n5\n6\n7\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\nY\n",
	            "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-x\n+X\n 1\n 2\n 3\n"
	            "@@ -6,4 +6,4 @@\n 5\n 6\n 7\n-y\n+Y\n");
	/* 6 lines apart: the contexts touch, one hunk. */
	assert_diff("x\n1\n2\n3\n4\n5\n6\ny\n", "X\n1\n2\n3\n4\n5\n6\nY\n",
	            "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-x\n+X\n 1\n 2\n 3\n 4\n 5\n 6\n-y\n+Y\n");
}

static void
names_in_headers(void **state)
{
	dw_buf out = DW_BUF_INIT;

	(void)state;
	assert_true(dw_diff_unified("a\n", 2, "b\n", 2, "Dockerfile", "Dockerfile (generated)", &out));
	assert_true(strncmp(out.ptr, "--- Dockerfile\n+++ Dockerfile (generated)\n@@", 44) == 0);
	dw_buf_free(&out);
}

/* ---- round trips through GNU patch --------------------------------- */

static void
roundtrip_cases(void **state)
{
	static const char *const cases[][2] = {
		{ "", "a\n" }, { "a\n", "" }, { "", "a" }, { "a", "" },
		{ "a\nb\nc\n", "a\nc\n" }, { "a\nb", "a\nb\n" }, { "a\nb\n", "a\nb" },
		{ "a\nb", "a\nc" }, { "a\nb", "x\na\nb" }, { "\n\n\n", "\n\n" },
		{ "a\r\nb\r\n", "a\nb\r\n" },
		{ "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n",
		  "0\n1\n2\n3\n5\n6\n7\n8\n9\n10\nx\n11\n12\n13\n14\n15\n16\n" },
	};
	struct dir *d = *state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_roundtrip(d, cases[i][0], strlen(cases[i][0]), cases[i][1], strlen(cases[i][1]));
}

/* A tiny deterministic generator, so that failures reproduce. */
static uint32_t
rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
random_text(uint32_t *s, dw_buf *out, size_t lines, unsigned alphabet)
{
	for (size_t i = 0; i < lines; i++)
		dw_buf_printf(out, "l%u\n", rnd(s) % alphabet);
	if (out->len > 0 && rnd(s) % 4 == 0)
		dw_buf_truncate(out, out->len - 1);  /* no final newline */
}

static void
roundtrip_random(void **state)
{
	struct dir *d = *state;
	uint32_t seed = 2463534242u;

	for (int i = 0; i < 60; i++) {
		dw_buf a = DW_BUF_INIT, b = DW_BUF_INIT;
		unsigned alphabet = 2 + rnd(&seed) % 8;

		random_text(&seed, &a, rnd(&seed) % 30, alphabet);
		if (i % 3 == 0) {
			/* b: a with a few edits, the common case of gen --diff */
			size_t n = a.len;

			dw_buf_put(&b, a.ptr ? a.ptr : "", n > 6 ? n / 2 : n);
			dw_buf_puts(&b, "new\n");
			if (n > 6)
				dw_buf_put(&b, a.ptr + n / 2, n - n / 2);
		} else {
			random_text(&seed, &b, rnd(&seed) % 30, alphabet);
		}
		check_roundtrip(d, a.ptr ? a.ptr : "", a.len, b.ptr ? b.ptr : "", b.len);
		dw_buf_free(&a);
		dw_buf_free(&b);
	}
}

/* Two unrelated files of 30000 lines: past the edit bound, the middle is
 * replaced whole, quickly, and patch still reproduces b. */
static void
large_input_bound(void **state)
{
	struct dir *d = *state;
	dw_buf a = DW_BUF_INIT, b = DW_BUF_INIT, out = DW_BUF_INIT, got = DW_BUF_INIT;
	char *patch_argv[] = { "patch", "-s", "-F0", "-o", d->out, d->a, d->diff, NULL };
	clock_t t0 = clock();

	dw_buf_puts(&a, "same\n");
	dw_buf_puts(&b, "same\n");
	for (int i = 0; i < 30000; i++) {
		dw_buf_printf(&a, "a%d\n", i);
		dw_buf_printf(&b, "b%d\n", i);
	}
	dw_buf_puts(&a, "end\n");
	dw_buf_puts(&b, "end\n");
	assert_true(dw_diff_unified(a.ptr, a.len, b.ptr, b.len, "a", "b", &out));
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0);
	assert_non_null(strstr(out.ptr, "@@ -1,30002 +1,30002 @@\n same\n-a0\n"));
	assert_int_equal(count_changes(out.ptr, out.len), 60000);
	write_file(d->a, a.ptr, a.len);
	write_file(d->diff, out.ptr, out.len);
	assert_int_equal(run(patch_argv, d->log), 0);
	read_file(d->out, &got);
	assert_int_equal(got.len, b.len);
	assert_memory_equal(got.ptr, b.ptr, b.len);
	dw_buf_free(&a);
	dw_buf_free(&b);
	dw_buf_free(&out);
	dw_buf_free(&got);
}

/* Many small edits in a big file stay minimal and fast. */
static void
large_input_few_edits(void **state)
{
	struct dir *d = *state;
	dw_buf a = DW_BUF_INIT, b = DW_BUF_INIT;

	for (int i = 0; i < 50000; i++) {
		dw_buf_printf(&a, "line %d\n", i);
		if (i % 1000 == 7)
			dw_buf_printf(&b, "changed %d\n", i);
		else if (i % 1000 != 500)
			dw_buf_printf(&b, "line %d\n", i);
	}
	check_roundtrip(d, a.ptr, a.len, b.ptr, b.len);
	dw_buf_free(&a);
	dw_buf_free(&b);
}

static void
deterministic(void **state)
{
	dw_buf x = DW_BUF_INIT, y = DW_BUF_INIT;
	const char *a = "a\nb\na\nb\na\n", *b = "b\na\nb\na\nb\n";

	(void)state;
	dw_diff_unified(a, strlen(a), b, strlen(b), "a", "b", &x);
	dw_diff_unified(a, strlen(a), b, strlen(b), "a", "b", &y);
	assert_string_equal(x.ptr, y.ptr);
	dw_buf_free(&x);
	dw_buf_free(&y);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(identical),
		cmocka_unit_test(insert_start_middle_end),
		cmocka_unit_test(delete_start_middle_end),
		cmocka_unit_test(change_start_middle_end),
		cmocka_unit_test(single_lines),
		cmocka_unit_test(empty_files),
		cmocka_unit_test(no_final_newline),
		cmocka_unit_test(hunks_split_and_merge),
		cmocka_unit_test(names_in_headers),
		cmocka_unit_test(deterministic),
		cmocka_unit_test_setup_teardown(roundtrip_cases, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(roundtrip_random, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(large_input_bound, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(large_input_few_edits, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
