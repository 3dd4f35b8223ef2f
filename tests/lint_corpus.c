/* SPDX-License-Identifier: MIT */
/*
 * lint_corpus.c - every Dockerfile of ../shared/corpus lints without a
 * crash and without a parse error; skipped when the corpus is absent.
 * With -v, prints the findings per rule (for the accuracy report).
 */
#include "lint.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct count {
	char *id;
	size_t n;
};

static void
tally(struct count **c, size_t *nc, const char *id)
{
	for (size_t i = 0; i < *nc; i++)
		if (strcmp((*c)[i].id, id) == 0) {
			(*c)[i].n++;
			return;
		}
	*c = dw_realloc(*c, (*nc + 1) * sizeof **c);
	(*c)[*nc].id = dw_strdup(id);
	(*c)[*nc].n = 1;
	(*nc)++;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	char shared[1024], dir[1100];
	tap t = { 0, 0 };
	dw_diags d = DW_DIAGS_INIT;
	dw_lint_opts o;
	dw_linter *l;
	struct count *c = NULL;
	size_t nc = 0;
	bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
	DIR *top;
	struct dirent *e;
	dw_strv files = DW_STRV_INIT;

	if (tap_shared_dir(shared, sizeof shared) == NULL)
		return tap_skip_all("../shared not found");
	snprintf(dir, sizeof dir, "%s/corpus", shared);
	if ((top = opendir(dir)) == NULL)
		return tap_skip_all("corpus not found");
	while ((e = readdir(top)) != NULL) {
		char sub[2300];
		DIR *sd;
		struct dirent *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		if ((sd = opendir(sub)) == NULL)
			continue;
		while ((f = readdir(sd)) != NULL) {
			char p[2600];

			if (f->d_name[0] == '.')
				continue;
			snprintf(p, sizeof p, "%s/%s", sub, f->d_name);
			dw_strv_push(&files, p, strlen(p));
		}
		closedir(sd);
	}
	closedir(top);
	qsort(files.v, files.n, sizeof *files.v, cmp_name);
	memset(&o, 0, sizeof o);
	o.generic = getenv("DW_LINT_LAMBDA") == NULL;
	if ((l = dw_linter_new(&o, &d)) == NULL) {
		printf("Bail out! cannot build the linter\n");
		return 1;
	}
	for (size_t i = 0; i < files.n; i++) {
		dw_buf src = DW_BUF_INIT;
		dw_diags out = DW_DIAGS_INIT;
		bool ok = true;

		if (dw_file_read(files.v[i], &src, &d) < 0)
			continue;
		if (dw_lint_source(l, files.v[i], src.ptr ? src.ptr : "", src.len, &out) < 0)
			ok = false;
		for (size_t k = 0; k < out.n; k++) {
			if (out.v[k].code && strcmp(out.v[k].code, "parse-error") == 0)
				ok = false;
			if (out.v[k].code)
				tally(&c, &nc, out.v[k].code);
			if (verbose) {
				dw_buf f = DW_BUF_INIT;

				dw_diag_format(&out.v[k], &f);
				tap_diag("%s", f.ptr);
				dw_buf_free(&f);
			}
		}
		tap_ok(&t, ok, "%s lints without a parse error", strrchr(files.v[i], '/') + 1);
		dw_buf_free(&src);
		dw_diags_free(&out);
	}
	for (size_t i = 0; i < nc; i++) {
		tap_diag("%6zu %s", c[i].n, c[i].id);
		free(c[i].id);
	}
	free(c);
	dw_strv_free(&files);
	dw_linter_free(l);
	dw_diags_free(&d);
	return tap_done(&t);
}
