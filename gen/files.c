/* SPDX-License-Identifier: MIT */
/*
 * files.c - the files gen writes into the app beside the Dockerfile (the
 * handler it provides).  They are real files in the build context, so
 * `docker build APP`, or any other builder, copies them with the app;
 * no heredocs, which buildah 1.28 cannot build.
 */
#include "diff.h"
#include "gen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void
app_path(const dw_plan *p, const dw_genfile *f, dw_buf *out)
{
	dw_buf_clear(out);
	dw_buf_printf(out, "%s/%s", p->app_dir, f->path);
}

/* Create the folders of path below the app (handlers/), mode 0755. */
static int
make_parents(const char *path, size_t from, dw_diags *d)
{
	static const dw_span none;
	char *dir = dw_strdup(path);
	int rc = 0;

	for (char *s = dir + from; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
			dw_diags_add(d, DW_SEV_ERROR, dir, none, NULL, "cannot create folder: %s",
			             strerror(errno));
			rc = -1;
		}
		*s = '/';
	}
	free(dir);
	return rc;
}

dw_genfile *
dw_plan_add_file(dw_plan *p, const char *path, const char *what)
{
	dw_genfile *f;

	p->files = dw_realloc(p->files, (p->nfiles + 1) * sizeof *p->files);
	f = &p->files[p->nfiles++];
	memset(f, 0, sizeof *f);
	f->path = dw_strdup(path);
	f->what = what;
	return f;
}

int
dw_gen_write_files(const dw_plan *p, dw_diags *d)
{
	dw_buf path = DW_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < p->nfiles && rc == 0; i++) {
		const dw_genfile *f = &p->files[i];

		app_path(p, f, &path);
		rc = make_parents(path.ptr, strlen(p->app_dir) + 1, d);
		if (rc == 0)
			rc = dw_file_write_atomic(path.ptr, f->content.ptr, f->content.len, d);
	}
	dw_buf_free(&path);
	return rc;
}

size_t
dw_gen_check_files(const dw_plan *p, dw_buf *diff)
{
	dw_buf path = DW_BUF_INIT, old = DW_BUF_INIT;
	size_t stale = 0;

	for (size_t i = 0; i < p->nfiles; i++) {
		const dw_genfile *f = &p->files[i];
		dw_diags quiet = DW_DIAGS_INIT;

		app_path(p, f, &path);
		dw_buf_clear(&old);
		/* A missing file is stale: compare with "". */
		dw_file_read(path.ptr, &old, &quiet);
		dw_diags_free(&quiet);
		if (dw_diff_unified(dw_buf_cstr(&old), old.len, f->content.ptr, f->content.len,
		                    path.ptr, "generated", diff))
			stale++;
	}
	dw_buf_free(&path);
	dw_buf_free(&old);
	return stale;
}
