/* SPDX-License-Identifier: MIT */
/*
 * app.c - read the files of an app that gen looks at: Gemfile,
 * Gemfile.lock, .ruby-version and .tool-versions.
 *
 * Every one of them is optional (an events-only app may have no Gemfile
 * at all), so a missing file is not an error; a file that exists but
 * cannot be read is, since guessing around it would hide the problem.
 */
#include "detect.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
dw_app_path(const dw_app *app, const char *name, dw_buf *out)
{
	const char *dir = app->dir;

	dw_buf_clear(out);
	if (!dir || !*dir || strcmp(dir, ".") == 0 || name[0] == '/') {
		dw_buf_puts(out, name);
		return;
	}
	dw_buf_puts(out, dir);
	if (dir[strlen(dir) - 1] != '/')
		dw_buf_putc(out, '/');
	dw_buf_puts(out, name);
}

bool
dw_app_has(const dw_app *app, const char *name, bool regular)
{
	dw_buf p = DW_BUF_INIT;
	struct stat st;
	bool ok;

	dw_app_path(app, name, &p);
	ok = stat(p.ptr, &st) == 0 && (!regular || S_ISREG(st.st_mode));
	dw_buf_free(&p);
	return ok;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
dw_app_list(const dw_app *app, const char *sub, const char *suffix, dw_strv *out)
{
	dw_buf p = DW_BUF_INIT;
	DIR *dir;
	struct dirent *e;
	size_t from = out->n, ns = strlen(suffix);

	dw_app_path(app, *sub ? sub : ".", &p);
	dir = opendir(p.ptr);
	while (dir && (e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > ns && strcmp(e->d_name + n - ns, suffix) == 0 && e->d_name[0] != '.') {
			dw_buf_clear(&p);
			dw_buf_printf(&p, "%s%s%s", sub, *sub ? "/" : "", e->d_name);
			dw_strv_push(out, p.ptr, p.len);
		}
	}
	if (dir)
		closedir(dir);
	if (out->n > from)
		qsort(out->v + from, out->n - from, sizeof *out->v, cmp_name);
	dw_buf_free(&p);
}

/* 1: read into out; 0: no such file; -1: error (diagnostic added).  The
 * file must be inside the app's repository (or the app dir outside one):
 * a symlinked .ruby-version or `ruby file: "/etc/shadow"` reads nothing
 * from elsewhere. */
static int
read_optional(const dw_app *app, const char *name, dw_buf *path, dw_buf *out, dw_diags *d)
{
	struct stat st;
	char *root;
	int rc;

	dw_app_path(app, name, path);
	if (stat(path->ptr, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
		return 0;
	root = dw_file_root(app->dir);
	rc = dw_file_read_under(root, path->ptr, out, d);
	free(root);
	if (rc < 0)
		return -1;
	/* Editors on Windows start files with a UTF-8 byte order mark; Ruby,
	 * rbenv and asdf skip it, and so do we. */
	if (out->len >= 3 && memcmp(out->ptr, "\xEF\xBB\xBF", 3) == 0) {
		memmove(out->ptr, out->ptr + 3, out->len - 3);
		dw_buf_truncate(out, out->len - 3);
	}
	dw_buf_cstr(out);
	return 1;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* The first non-blank line, trimmed; NULL when there is none. */
static char *
first_line(const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		const char *b = s;

		while (b < e && is_space(*b))
			b++;
		while (e > b && is_space(e[-1]))
			e--;
		if (e > b)
			return dw_strndup(b, (size_t)(e - b));
		s = nl ? nl + 1 : end;
	}
	return NULL;
}

/* The version of the `ruby` entry of a .tool-versions file (asdf, mise):
 * "ruby 3.3.6" or "ruby 3.3.6 3.2.2" (the first is the one used). */
static char *
tool_versions_ruby(const char *s, size_t n, uint32_t *line_out)
{
	const char *end = s + n;
	uint32_t line = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		const char *hash = memchr(s, '#', (size_t)(e - s));
		const char *b = s, *v;

		line++;
		if (hash)
			e = hash;
		while (b < e && is_space(*b))
			b++;
		if (e - b > 4 && memcmp(b, "ruby", 4) == 0 && is_space(b[4])) {
			b += 4;
			while (b < e && is_space(*b))
				b++;
			for (v = b; v < e && !is_space(*v); v++)
				;
			if (v > b) {
				*line_out = line;
				return dw_strndup(b, (size_t)(v - b));
			}
		}
		s = nl ? nl + 1 : end;
	}
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
load_gemfile(dw_app *app, dw_buf *path, dw_buf *text, dw_diags *d)
{
	int rc = read_optional(app, "Gemfile", path, text, d);

	if (rc <= 0)
		return rc;
	app->has_gemfile = true;
	dw_gemfile_parse(text->ptr, text->len, path->ptr, &app->gemfile, d);
	if (app->gemfile.ruby_file) {
		uint32_t line = 0;

		dw_buf_clear(text);
		rc = read_optional(app, app->gemfile.ruby_file, path, text, d);
		if (rc < 0)
			return -1;
		if (rc > 0)
			app->ruby_file_version = ends_with(app->gemfile.ruby_file, ".tool-versions")
				? tool_versions_ruby(text->ptr, text->len, &line)
				: first_line(text->ptr, text->len);
	}
	return 0;
}

int
dw_app_load(dw_app *app, const char *dir, dw_diags *d)
{
	dw_buf path = DW_BUF_INIT, text = DW_BUF_INIT;
	int rc;

	memset(app, 0, sizeof *app);
	app->dir = dw_strdup(dir ? dir : ".");
	rc = load_gemfile(app, &path, &text, d);
	if (rc == 0) {
		dw_buf_clear(&text);
		rc = read_optional(app, "Gemfile.lock", &path, &text, d);
		if (rc > 0) {
			app->lock = dw_lockfile_parse(text.ptr, text.len, path.ptr, d);
			rc = app->lock ? 0 : -1;
		}
	}
	if (rc >= 0) {
		dw_buf_clear(&text);
		rc = read_optional(app, ".ruby-version", &path, &text, d);
		if (rc > 0)
			app->ruby_version_file = first_line(text.ptr, text.len);
	}
	if (rc >= 0) {
		dw_buf_clear(&text);
		rc = read_optional(app, ".tool-versions", &path, &text, d);
		if (rc > 0)
			app->tool_versions_ruby = tool_versions_ruby(text.ptr, text.len,
			                                             &app->tool_versions_line);
	}
	dw_buf_free(&path);
	dw_buf_free(&text);
	return rc < 0 ? -1 : 0;
}

void
dw_app_free(dw_app *app)
{
	free((char *)app->dir);
	dw_lockfile_free(app->lock);
	dw_gemfile_free(&app->gemfile);
	free(app->ruby_version_file);
	free(app->tool_versions_ruby);
	free(app->ruby_file_version);
	dw_strv_free(&app->installed);
	dw_strv_free(&app->left_out);
	memset(app, 0, sizeof *app);
}

/* ---- the installed set ---------------------------------------------------- */

struct select_ctx {
	dw_app *app;
	dw_strv without;
};

/* Bundler leaves a gem out only when every group it is in is left out;
 * a gem the Gemfile does not name (gemspec, say) is in the default one. */
static bool
selected_root(void *ctx, const char *name)
{
	struct select_ctx *x = ctx;
	const dw_strv *groups = dw_gemfile_groups(&x->app->gemfile, name);

	if (groups == NULL || groups->n == 0)
		return true;
	for (size_t i = 0; i < groups->n; i++)
		if (!dw_strv_has(&x->without, groups->v[i]))
			return true;
	dw_strv_push(&x->app->left_out, name, strlen(name));
	return false;
}

static void
select_cb(void *ctx, const dw_spec *s, const char *via)
{
	struct select_ctx *x = ctx;

	(void)via;
	dw_strv_push(&x->app->installed, s->name, strlen(s->name));
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
dw_app_select(dw_app *app, const char *without)
{
	struct select_ctx x = { app, DW_STRV_INIT };
	const char *p = without ? without : "";

	dw_strv_free(&app->installed);
	dw_strv_free(&app->left_out);
	while (*p) {
		size_t n = strcspn(p, ":, \t");

		if (n)
			dw_strv_push(&x.without, p, n);
		p += n + (p[n] != '\0');
	}
	if (app->lock) {
		dw_lockfile_closure_from(app->lock, selected_root, select_cb, &x);
	} else {
		for (size_t i = 0; i < app->gemfile.gems.n; i++)
			if (selected_root(&x, app->gemfile.gems.v[i]))
				dw_strv_push(&app->installed, app->gemfile.gems.v[i],
				             strlen(app->gemfile.gems.v[i]));
	}
	if (app->installed.n)
		qsort(app->installed.v, app->installed.n, sizeof *app->installed.v, cmp_str);
	app->selected = true;
	dw_strv_free(&x.without);
}

bool
dw_app_installs(const dw_app *app, const char *gem)
{
	if (!app->selected)
		return app->lock ? dw_lockfile_find(app->lock, gem) != NULL
		                 : dw_gemfile_groups(&app->gemfile, gem) != NULL;
	/* bsearch's base must not be NULL, even for no elements. */
	return app->installed.n > 0 &&
	       bsearch(&gem, app->installed.v, app->installed.n, sizeof *app->installed.v,
	               cmp_str) != NULL;
}

const dw_spec *
dw_app_spec(const dw_app *app, const char *gem)
{
	return app->lock && dw_app_installs(app, gem) ? dw_lockfile_find(app->lock, gem) : NULL;
}

bool
dw_app_left_out(const dw_app *app, const char *name)
{
	return dw_strv_has(&app->left_out, name);
}

bool
dw_app_direct(const dw_app *app, const char *gem)
{
	if (dw_app_left_out(app, gem))
		return false;
	if (app->lock)
		return dw_lockfile_direct(app->lock, gem);
	return dw_gemfile_groups(&app->gemfile, gem) != NULL;
}
