/* SPDX-License-Identifier: MIT */
/*
 * conf_parser.c - BuildKit's own parser test data, read from
 * ../shared/conformance/buildkit at test time, plus the real-world corpus
 * in ../shared/corpus.  One TAP line per case.
 *
 *  - parser/testfiles/<case>: the dump must equal `result` byte for byte;
 *  - parser/testfiles-negative/<case>: the parse must fail;
 *  - parser/testfile-line: the line ranges BuildKit's test asserts;
 *  - corpus: every file parses without an error.
 */
#include "dockwright.h"
#include "tap.h"

#include <dirent.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entries of a directory (without . and ..), so runs are stable. */
static size_t
list_dir(const char *dir, dw_strv *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			dw_strv_push(out, e->d_name, strlen(e->d_name));
	closedir(d);
	qsort(out->v, out->n, sizeof *out->v, cmp_names);
	return out->n;
}

/* Format a path into b, replacing what it held. */
static const char *
pathf(dw_buf *b, const char *fmt, ...)
{
	va_list ap;

	dw_buf_clear(b);
	va_start(ap, fmt);
	dw_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return dw_buf_cstr(b);
}

static bool
read_file(const char *path, dw_buf *b)
{
	dw_diags d = DW_DIAGS_INIT;
	int rc = dw_file_read(path, b, &d);

	dw_diags_free(&d);
	return rc == 0;
}

static void
print_diags(const dw_diags *d)
{
	dw_buf line = DW_BUF_INIT;

	for (size_t i = 0; i < d->n; i++) {
		dw_buf_clear(&line);
		dw_diag_format(&d->v[i], &line);
		tap_diag("%s", line.ptr);
	}
	dw_buf_free(&line);
}

static void
positive(tap *t, const char *root)
{
	dw_buf dirb = DW_BUF_INIT, pb = DW_BUF_INIT;
	const char *dir;
	dw_strv cases = DW_STRV_INIT;

	dir = pathf(&dirb, "%s/parser/testfiles", root);
	list_dir(dir, &cases);
	for (size_t i = 0; i < cases.n; i++) {
		dw_buf src = DW_BUF_INIT, want = DW_BUF_INIT, got = DW_BUF_INIT;
		dw_diags d = DW_DIAGS_INIT;
		dw_dockerfile *df;
		bool ok;

				ok = read_file(pathf(&pb, "%s/%s/Dockerfile", dir, cases.v[i]), &src);
				ok = ok && read_file(pathf(&pb, "%s/%s/result", dir, cases.v[i]), &want);
		df = ok ? dw_parse(dw_buf_cstr(&src), src.len, cases.v[i], NULL, &d) : NULL;
		if (df)
			dw_dump(df, &got);
		ok = df && got.len == want.len && memcmp(dw_buf_cstr(&got), dw_buf_cstr(&want), got.len) == 0;
		tap_ok(t, ok, "testfiles/%s dump equals result", cases.v[i]);
		if (!ok) {
			print_diags(&d);
			tap_diag("got:\n%s", dw_buf_cstr(&got));
		}
		dw_dockerfile_free(df);
		dw_diags_free(&d);
		dw_buf_free(&src);
		dw_buf_free(&want);
		dw_buf_free(&got);
	}
	tap_diag("parser/testfiles: %zu cases", cases.n);
	dw_strv_free(&cases);
	dw_buf_free(&dirb);
	dw_buf_free(&pb);
}

static void
negative(tap *t, const char *root)
{
	dw_buf dirb = DW_BUF_INIT, pb = DW_BUF_INIT;
	const char *dir;
	dw_strv cases = DW_STRV_INIT;

	dir = pathf(&dirb, "%s/parser/testfiles-negative", root);
	list_dir(dir, &cases);
	for (size_t i = 0; i < cases.n; i++) {
		dw_buf src = DW_BUF_INIT;
		dw_diags d = DW_DIAGS_INIT;
		dw_dockerfile *df = NULL;
		bool ok;

				ok = read_file(pathf(&pb, "%s/%s/Dockerfile", dir, cases.v[i]), &src);
		if (ok)
			df = dw_parse(dw_buf_cstr(&src), src.len, cases.v[i], NULL, &d);
		ok = ok && df == NULL && dw_diags_count(&d, DW_SEV_ERROR) > 0;
		tap_ok(t, ok, "testfiles-negative/%s is rejected", cases.v[i]);
		print_diags(&d);
		dw_dockerfile_free(df);
		dw_diags_free(&d);
		dw_buf_free(&src);
	}
	tap_diag("parser/testfiles-negative: %zu cases", cases.n);
	dw_strv_free(&cases);
	dw_buf_free(&dirb);
	dw_buf_free(&pb);
}

/* BuildKit's TestParseLineNumbers: root 5-31; children 5-5, 11-12, 17-31. */
static void
line_numbers(tap *t, const char *root)
{
	static const uint32_t want[3][2] = { { 5, 5 }, { 11, 12 }, { 17, 31 } };
	dw_buf src = DW_BUF_INIT, pb = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df = NULL;
	bool have = read_file(pathf(&pb, "%s/parser/testfile-line/Dockerfile", root), &src);

	dw_buf_free(&pb);
	if (!have) {
		tap_skip(t, "testfile-line absent");
		return;
	}
	df = dw_parse(dw_buf_cstr(&src), src.len, "testfile-line", NULL, &d);
	tap_ok(t, df && df->start_line == 5 && df->end_line == 31,
	       "testfile-line root spans 5-31 (got %u-%u)",
	       df ? (unsigned)df->start_line : 0, df ? (unsigned)df->end_line : 0);
	tap_ok(t, df && df->ninstrs == 3, "testfile-line has 3 instructions");
	for (size_t i = 0; df && i < 3 && i < df->ninstrs; i++)
		tap_ok(t, df->instrs[i].start_line == want[i][0] && df->instrs[i].end_line == want[i][1],
		       "testfile-line instruction %zu spans %u-%u (got %u-%u)", i + 1,
		       (unsigned)want[i][0], (unsigned)want[i][1],
		       (unsigned)df->instrs[i].start_line, (unsigned)df->instrs[i].end_line);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
	dw_buf_free(&src);
}

static void
corpus_dir(tap *t, const char *dir, const char *rel, size_t *count)
{
	dw_buf pb = DW_BUF_INIT, sb = DW_BUF_INIT;
	const char *path, *sub;
	dw_strv names = DW_STRV_INIT;
	struct stat st;

	list_dir(dir, &names);
	for (size_t i = 0; i < names.n; i++) {
		dw_buf src = DW_BUF_INIT;
		dw_diags d = DW_DIAGS_INIT;
		dw_dockerfile *df;

		path = pathf(&pb, "%s/%s", dir, names.v[i]);
		sub = pathf(&sb, "%s%s%s", rel, *rel ? "/" : "", names.v[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			corpus_dir(t, path, sub, count);
			continue;
		}
		if (strcmp(names.v[i], "README.md") == 0 || strcmp(names.v[i], "SOURCES") == 0)
			continue;
		read_file(path, &src);
		df = dw_parse(dw_buf_cstr(&src), src.len, sub, NULL, &d);
		tap_ok(t, df != NULL && dw_diags_count(&d, DW_SEV_ERROR) == 0,
		       "corpus/%s parses without an error", sub);
		print_diags(&d);
		(*count)++;
		dw_dockerfile_free(df);
		dw_diags_free(&d);
		dw_buf_free(&src);
	}
	dw_strv_free(&names);
	dw_buf_free(&pb);
	dw_buf_free(&sb);
}

int
main(void)
{
	char shared[PATH_MAX];
	dw_buf rb = DW_BUF_INIT, cb = DW_BUF_INIT;
	const char *root, *corpus;
	struct stat st;
	int rc;
	size_t ncorpus = 0;
	tap t = { 0, 0 };

	if (tap_shared_dir(shared, sizeof shared) == NULL)
		return tap_skip_all("../shared not found (set DOCKWRIGHT_SHARED)");
	root = pathf(&rb, "%s/conformance/buildkit", shared);
	if (stat(root, &st) == 0) {
		positive(&t, root);
		negative(&t, root);
		line_numbers(&t, root);
	} else {
		tap_skip(&t, "conformance/buildkit not found under %s", shared);
	}
	corpus = pathf(&cb, "%s/corpus", shared);
	if (stat(corpus, &st) == 0) {
		corpus_dir(&t, corpus, "", &ncorpus);
		tap_diag("corpus: %zu files", ncorpus);
	} else {
		tap_skip(&t, "corpus not found under %s", shared);
	}
	rc = tap_done(&t);
	dw_buf_free(&rb);
	dw_buf_free(&cb);
	return rc;
}
