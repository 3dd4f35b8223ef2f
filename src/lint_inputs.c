/* SPDX-License-Identifier: MIT */
/* lint_inputs.c - which files `dockwright lint PATH...` reads. */
#include "lint_cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 256

/* Directories already walked, so that symlink loops end, and symlinks to
 * directories, followed only after the real tree so that a file is named
 * by its real path when it has one. */
typedef struct visited {
	dev_t *dev;
	ino_t *ino;
	size_t n, cap;
	dw_strv links;
} visited;

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Templates that render into Dockerfiles are not Dockerfiles yet. */
static bool
is_template(const char *base)
{
	static const char *const ext[] = { ".j2", ".jinja", ".jinja2", ".erb", ".tmpl", ".tpl",
	                                   ".template", ".mustache", ".hbs", ".gotmpl", ".in", NULL };

	for (size_t i = 0; ext[i]; i++)
		if (ends_with(base, ext[i]))
			return true;
	return false;
}

static bool
named(const char *base, const char *stem, size_t n)
{
	return strncmp(base, stem, n) == 0 &&
	       (base[n] == '\0' || ((base[n] == '.' || base[n] == '-') && base[n + 1] != '\0'));
}

bool
lint_is_dockerfile_name(const char *base)
{
	/* Dockerfile.tmp.Ab12Cd: a temp file of an atomic write (gen -o) that
	 * a crash left behind, not a Dockerfile of the project. */
	if (ends_with(base, ".dockerignore") || is_template(base) || strstr(base, ".tmp.") != NULL)
		return false;
	if (named(base, "Dockerfile", 10) || named(base, "dockerfile", 10) ||
	    named(base, "Containerfile", 13) || named(base, "containerfile", 13))
		return true;
	return (ends_with(base, ".Dockerfile") && strlen(base) > 11) ||
	       (ends_with(base, ".dockerfile") && strlen(base) > 11) ||
	       (ends_with(base, ".Containerfile") && strlen(base) > 14);
}

/* Returns false when (dev, ino) was seen before; records it otherwise. */
static bool
visit(visited *v, const struct stat *st)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->dev[i] == st->st_dev && v->ino[i] == st->st_ino)
			return false;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->dev = dw_realloc(v->dev, v->cap * sizeof(*v->dev));
		v->ino = dw_realloc(v->ino, v->cap * sizeof(*v->ino));
	}
	v->dev[v->n] = st->st_dev;
	v->ino[v->n] = st->st_ino;
	v->n++;
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory entry; reg when readdir already said it is a regular file. */
typedef struct entry {
	char *name;
	bool reg;
} entry;

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static char *
join(const char *dir, const char *name)
{
	dw_buf b = DW_BUF_INIT;

	if (strcmp(dir, ".") != 0) {
		dw_buf_puts(&b, dir);
		if (b.len == 0 || b.ptr[b.len - 1] != '/')
			dw_buf_putc(&b, '/');
	}
	dw_buf_puts(&b, name);
	return dw_buf_detach(&b);
}

static int walk(const char *dir, int depth, visited *v, dw_strv *files, dw_diags *d);

/* One directory entry found by the walk. */
static int
walk_entry(const char *path, const entry *en, int depth, visited *v,
           dw_strv *files, dw_diags *d)
{
	struct stat st, lst;

	if (en->reg) {
		dw_strv_push(files, path, strlen(path));
		return 0;
	}
	if (stat(path, &st) < 0)
		return 0; /* a dangling symlink: nothing to lint */
	if (S_ISDIR(st.st_mode)) {
		if (strcmp(en->name, ".git") == 0 || strcmp(en->name, "node_modules") == 0 ||
		    strcmp(en->name, "vendor") == 0)
			return 0;
		if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
			dw_strv_push(&v->links, path, strlen(path));
			return 0;
		}
		if (!visit(v, &st))
			return 0;
		return walk(path, depth + 1, v, files, d);
	}
	if (S_ISREG(st.st_mode) && lint_is_dockerfile_name(en->name))
		dw_strv_push(files, path, strlen(path));
	return 0;
}

/*
 * The entries of dir worth a look, sorted: a regular file (as readdir's
 * d_type says, where the file system tells) is one only when its name is
 * a Dockerfile's, and then it needs no stat.  A source tree is mostly
 * other files, and a stat each was most of the walk's time.
 */
static entry *
read_entries(DIR *dp, size_t *n)
{
	entry *v = NULL;
	size_t cap = 0;
	struct dirent *e;

	*n = 0;
	while ((e = readdir(dp)) != NULL) {
		bool reg = e->d_type == DT_REG;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (reg && !lint_is_dockerfile_name(e->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = dw_realloc(v, cap * sizeof(*v));
		}
		v[*n].name = dw_strdup(e->d_name);
		v[(*n)++].reg = reg;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_entry);
	return v;
}

static int
walk(const char *dir, int depth, visited *v, dw_strv *files, dw_diags *d)
{
	static const dw_span none = { { 0, 0 }, { 0, 0 } };
	entry *ents;
	size_t n;
	DIR *dp;
	int rc = 0;

	if (depth > MAX_DEPTH) {
		dw_diags_add(d, DW_SEV_ERROR, dir, none, NULL,
		             "directories nested deeper than %d", MAX_DEPTH);
		return -1;
	}
	if ((dp = opendir(dir)) == NULL) {
		dw_diags_add(d, DW_SEV_ERROR, dir, none, NULL, "%s", strerror(errno));
		return -1;
	}
	ents = read_entries(dp, &n);
	closedir(dp);
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, ents[i].name);

		if (walk_entry(path, &ents[i], depth, v, files, d) < 0)
			rc = -1;
		free(path);
		free(ents[i].name);
	}
	free(ents);
	return rc;
}

/* "dir///" -> "dir", but "/" stays. */
static char *
trim_slashes(const char *p)
{
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		n--;
	return dw_strndup(p, n);
}

static int
collect_one(const char *arg, visited *v, dw_strv *files, dw_diags *d)
{
	static const dw_span none = { { 0, 0 }, { 0, 0 } };
	struct stat st;
	char *p, *root;
	int rc;

	if (strcmp(arg, "-") == 0) {
		dw_strv_push(files, arg, 1);
		return 0;
	}
	if (stat(arg, &st) < 0) {
		dw_diags_add(d, DW_SEV_ERROR, arg, none, NULL, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* Named explicitly: linted whatever its name. */
		dw_strv_push(files, arg, strlen(arg));
		return 0;
	}
	if (!visit(v, &st))
		return 0;
	p = trim_slashes(arg);
	root = realpath(p, NULL);
	rc = walk(p, 0, v, files, d);
	free(p);
	/* Then the symlinked directories found, and those found in them, as
	 * long as they stay inside the tree: `ln -s / repo/x` must not walk
	 * the whole file system. */
	for (size_t i = 0; i < v->links.n; i++) {
		if (stat(v->links.v[i], &st) == 0 && S_ISDIR(st.st_mode) &&
		    dw_path_inside(root, v->links.v[i]) && visit(v, &st) &&
		    walk(v->links.v[i], 0, v, files, d) < 0)
			rc = -1;
	}
	free(root);
	dw_strv_free(&v->links);
	memset(&v->links, 0, sizeof(v->links));
	return rc;
}

int
lint_inputs_collect(char *const *paths, size_t n, dw_strv *files, dw_diags *d)
{
	visited v = { NULL, NULL, 0, 0, DW_STRV_INIT };
	size_t k = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (collect_one(paths[i], &v, files, d) < 0)
			rc = -1;
	free(v.dev);
	free(v.ino);
	if (files->n > 1)
		qsort(files->v, files->n, sizeof(*files->v), cmp_str);
	for (size_t i = 0; i < files->n; i++) {
		if (k > 0 && strcmp(files->v[k - 1], files->v[i]) == 0) {
			free(files->v[i]);
			continue;
		}
		files->v[k++] = files->v[i];
	}
	files->n = k;
	return rc;
}
