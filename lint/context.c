/* SPDX-License-Identifier: MIT */
/*
 * context.c - --context DIR: cross-checks between the Dockerfile and the
 * app it builds.  The app (Gemfile, Gemfile.lock) is read once per linter.
 */
#include "dockerignore.h"
#include "engine.h"
#include "detect.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lint_context {
	dw_app app;
	bool have_app;
	dw_gemmap *map;
	dw_config defaults;
	dw_buf ignore;          /* the .dockerignore, or empty */
};

void lint_context_load(dw_linter *l, dw_diags *d);
static void ignore_load(struct lint_context *c, const char *dir);

void
lint_context_load(dw_linter *l, dw_diags *d)
{
	struct lint_context *c;
	dw_diags tmp = DW_DIAGS_INIT;

	if (l->context_dir == NULL)
		return;
	c = dw_calloc(1, sizeof *c);
	/* An app without a Gemfile is still a context (for the handler
	 * file); its load errors are only reported if a lock is broken. */
	if (dw_app_load(&c->app, l->context_dir, &tmp) == 0)
		c->have_app = true;
	else if (c->app.lock == NULL)
		dw_app_free(&c->app);
	for (size_t i = 0; i < tmp.n; i++)
		if (tmp.v[i].sev == DW_SEV_ERROR && strstr(tmp.v[i].message ? tmp.v[i].message : "", "Gemfile.lock"))
			dw_diags_add(d, DW_SEV_WARNING, tmp.v[i].path, tmp.v[i].span, NULL, "%s",
			             tmp.v[i].message);
	dw_diags_free(&tmp);
	dw_config_init(&c->defaults);
	/* What the image installs, as gen decides it. */
	if (c->have_app)
		dw_app_select(&c->app, dw_cfg_str(&c->defaults, DW_CFG_BUNDLE_WITHOUT));
	ignore_load(c, l->context_dir);
	l->context = c;
}

void
lint_context_free(dw_linter *l)
{
	struct lint_context *c = l->context;

	if (c == NULL)
		return;
	if (c->have_app)
		dw_app_free(&c->app);
	if (c->map)
		dw_gemmap_free(c->map);
	dw_config_free(&c->defaults);
	dw_buf_free(&c->ignore);
	free(c);
	l->context = NULL;
}

bool lint_context_lock_has_ric(const struct dw_lint_ctx *cx, bool *known);

bool
lint_context_lock_has_ric(const struct dw_lint_ctx *cx, bool *known)
{
	const struct lint_context *c = cx->l->context;

	*known = c && c->have_app && c->app.lock;
	return *known && dw_app_spec(&c->app, "aws_lambda_ric") != NULL;
}

/* ---- the handler file ---- */


/* ---- .dockerignore ---- */

/* The context's .dockerignore, kept whole for lib/dockerignore.c, the
 * matcher gen uses too. */
static void
ignore_load(struct lint_context *c, const char *dir)
{
	dw_buf path = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	dw_buf_printf(&path, "%s/.dockerignore", dir);
	if (access(path.ptr, F_OK) == 0 && dw_file_read(path.ptr, &c->ignore, &d) < 0)
		dw_buf_clear(&c->ignore);
	dw_buf_free(&path);
	dw_diags_free(&d);
}

/* Is the context path left out of the build by .dockerignore? */
static bool
ignored(const struct lint_context *c, const char *path)
{
	while (path[0] == '/' || (path[0] == '.' && path[1] == '/'))
		path += path[0] == '/' ? 1 : 2;
	return c->ignore.len > 0 && dw_dockerignore_excludes(c->ignore.ptr, c->ignore.len, path) != 0;
}

/* Is the path p there in the context directory dir? */
static bool
context_has(const char *dir, const char *p)
{
	dw_buf path = DW_BUF_INIT;
	struct stat st;
	bool found;

	dw_buf_printf(&path, "%s/%s", dir, p);
	found = stat(path.ptr, &st) == 0;
	dw_buf_free(&path);
	return found;
}

/* Where else the file goes: a COPY of the same file name elsewhere. */
static void
copied_elsewhere(const struct dw_lint_ctx *cx, const char *file, dw_buf *hint)
{
	const char *b = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;

	for (size_t s = 0; s < cx->nstages; s++) {
		if (!cx->stages[s].final_chain)
			continue;
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++) {
			const dw_instr *in = lint_instr(cx, ii);
			const dw_lint_info *inf = &cx->info[ii];

			if ((in->kind != DW_I_COPY && in->kind != DW_I_ADD) || in->nargs < 2 ||
			    inf->nexp < in->nargs || inf->exp[in->nargs - 1] == NULL)
				continue;
			for (size_t i = 0; i + 1 < in->nargs; i++) {
				const char *src = inf->exp[i];
				const char *sb = src && strrchr(src, '/') ? strrchr(src, '/') + 1 : src;

				if (src && strcmp(sb, b) == 0) {
					char *dest = lint_path_abs(cx, ii, inf->exp[in->nargs - 1]);

					dw_buf_printf(hint, " (line %u copies %s to %s)", in->start_line, src,
					              dest ? dest : inf->exp[in->nargs - 1]);
					free(dest);
					return;
				}
			}
		}
	}
}

/* The handler's file, from the final image's copies: without --context a
 * file no COPY brings into WORKDIR is an error; a directory copy (COPY . .)
 * can only be judged with --context, which also applies .dockerignore. */
void
lint_check_handler_file(struct dw_lint_ctx *cx)
{
	const struct lint_context *c = cx->l->context;
	size_t cmd, last;
	const dw_instr *in;
	const char *h, *dot;
	char *wd, *abs;
	dw_buf file = DW_BUF_INIT, hint = DW_BUF_INIT;
	dw_lint_src src;
	lint_src_kind k;

	if (cx->final < 0 || (cmd = cx->stages[cx->final].cmd) == DW_NO_INSTR)
		return;
	in = lint_instr(cx, cmd);
	if (!in->json || in->nargs == 0)
		return;
	h = in->args[in->nargs - 1].value;
	if (!lint_valid_handler(h) || (dot = strchr(h, '.')) == NULL)
		return;
	last = cx->stages[cx->final].end - 1;
	/* RUBYLIB and RUBYOPT (-I) add directories the file may be found in. */
	{
		bool lib, opt;

		lint_env_at(cx, last, "RUBYLIB", &lib);
		lint_env_at(cx, last, "RUBYOPT", &opt);
		if (lib || opt)
			return;
	}
	if ((wd = lint_workdir_at(cx, last)) == NULL)
		return;
	dw_buf_printf(&file, "%.*s.rb", (int)(dot - h), h);
	abs = lint_path_abs(cx, last, file.ptr);
	k = lint_file_source(cx, cx->final, abs, &src);
	if (k == LINT_SRC_NONE) {
		copied_elsewhere(cx, file.ptr, &hint);
		lint_report(cx, cmd, dw_word_span(in, &in->args[in->nargs - 1]),
		            "handler file %s is never copied into WORKDIR %s%s", file.ptr, wd,
		            hint.len ? hint.ptr : "");
	} else if (k == LINT_SRC_CONTEXT && !src.heredoc && c != NULL && src.ctx_path) {
		if (!context_has(cx->context_dir, src.ctx_path))
			lint_report(cx, cmd, dw_word_span(in, &in->args[in->nargs - 1]),
			            "handler file %s is not in %s", src.ctx_path, cx->context_dir);
		else if (ignored(c, src.ctx_path))
			lint_report(cx, cmd, dw_word_span(in, &in->args[in->nargs - 1]),
			            "handler file %s is excluded by %s/.dockerignore", src.ctx_path,
			            cx->context_dir);
	}
	free(src.ctx_path);
	free(abs);
	free(wd);
	dw_buf_free(&file);
	dw_buf_free(&hint);
}

/* ---- runtime packages of native gems ---- */

static bool
installs_pkg(const struct dw_lint_ctx *cx, const char *name)
{
	for (int s = cx->final; s >= 0; s = cx->stages[s].parent)
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++)
			for (size_t k = 0; k < cx->info[ii].ncmds; k++) {
				const dw_lint_cmd *c = &cx->cmds[cx->info[ii].cmd_first + k];

				for (size_t i = 1; i < c->argc; i++)
					if (strcmp(c->argv[i], name) == 0 ||
					    (strncmp(c->argv[i], name, strlen(name)) == 0 &&
					     strchr("=-", c->argv[i][strlen(name)]) && c->argv[i][strlen(name)]))
						return true;
			}
	return false;
}

static bool
stage_uses(const struct dw_lint_ctx *cx, const char *tool)
{
	for (int s = cx->final; s >= 0; s = cx->stages[s].parent)
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++)
			for (size_t k = 0; k < cx->info[ii].ncmds; k++)
				if (lint_cmd_is(&cx->cmds[cx->info[ii].cmd_first + k], tool))
					return true;
	return false;
}

/* The image at the root of a stage's FROM chain ("FROM base AS app"
 * names a stage, not an image). */
static const char *
root_image(const struct dw_lint_ctx *cx, int s)
{
	for (int hops = 0; s >= 0 && cx->stages[s].parent >= 0 && hops < 1000; hops++)
		s = cx->stages[s].parent;
	return s >= 0 ? cx->stages[s].image : NULL;
}

/* The Debian release of the final stage's image: a ruby image's tag says
 * it; any other image gets bookworm's names, as gen assumes. */
static dw_distro
final_debian(const struct dw_lint_ctx *cx)
{
	const char *why;
	dw_distro d;

	return dw_distro_of_image(root_image(cx, cx->final), &d, &why) ? d : DW_DISTRO_BOOKWORM;
}

void
lint_check_runtime_packages(struct dw_lint_ctx *cx)
{
	struct lint_context *c = cx->l->context;
	dw_pkgs build = { 0 }, deploy = { 0 };
	dw_distro dist;
	dw_diags tmp = DW_DIAGS_INIT;
	const dw_lint_stage *st;

	if (c == NULL || !c->have_app || c->app.lock == NULL || cx->final < 0)
		return;
	st = &cx->stages[cx->final];
	if (st->image == NULL && !st->aws_base)
		return;
	if (st->aws_base)
		dist = stage_uses(cx, "yum") ? DW_DISTRO_AL2 : DW_DISTRO_AL2023;
	else if (stage_uses(cx, "apt-get") || stage_uses(cx, "apt") ||
	         (st->image && strstr(st->image, "alpine") == NULL))
		dist = final_debian(cx);
	else
		return; /* Alpine and others: the table has no apk names */
	if (c->map == NULL && (c->map = dw_gemmap_load(NULL, &tmp)) == NULL) {
		dw_diags_free(&tmp);
		return;
	}
	dw_detect_packages(&c->app, &c->defaults, c->map, dist, &build, &deploy, NULL);
	for (size_t i = 0; i < deploy.n; i++) {
		const dw_pkg *p = &deploy.v[i];

		if (installs_pkg(cx, p->name))
			continue;
		lint_report(cx, st->first, lint_keyword_span(lint_instr(cx, st->first)),
		            "%s needs %s at run time; the final stage never installs it",
		            p->reasons.n ? p->reasons.v[0] : "a gem", p->name);
	}
	dw_pkgs_free(&build);
	dw_pkgs_free(&deploy);
	dw_diags_free(&tmp);
}

/* ---- COPY and ADD sources ---- */

/*
 * The context path a COPY or ADD source names, "" for the context's top,
 * or NULL when there is none to check: COPY --from, a URL or git source,
 * a heredoc, a value with an unknown variable, '..' (BuildKit keeps it
 * inside the context, and so cannot say where), or '**'.
 */
static const char *
source_path(const dw_instr *in, const dw_lint_info *inf, size_t i)
{
	const char *s = inf->exp[i];

	if (s == NULL || lint_str_has_prefix(in->args[i].value, "<<") || strstr(s, "://") ||
	    lint_str_has_prefix(s, "git@") || strstr(s, "..") || strstr(s, "**"))
		return NULL;
	while (s[0] == '/' || (s[0] == '.' && s[1] == '/'))
		s += s[0] == '/' ? 1 : 2;
	return strcmp(s, ".") == 0 ? "" : s;
}

/* Does the pattern (or path) p match anything in the context? */
static bool
in_context(const char *dir, const char *p)
{
	dw_buf path = DW_BUF_INIT;
	glob_t g;
	bool found;

	if (strpbrk(p, "*?[") == NULL)
		return context_has(dir, p);
	dw_buf_printf(&path, "%s/%s", dir, p);
	found = glob(path.ptr, GLOB_NOSORT, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	dw_buf_free(&path);
	return found;
}

/*
 * Every source of every COPY and ADD from the context, against the
 * context directory: missing (ignored false) or, for a plain path that
 * is there, excluded by .dockerignore (ignored true).  Either way
 * BuildKit stops with "not found".
 */
static void
check_sources(struct dw_lint_ctx *cx, bool ignored_ones)
{
	const struct lint_context *c = cx->l->context;

	if (c == NULL)
		return;
	FOR_INSTR(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_lint_info *inf = &cx->info[ii];

		if ((in->kind != DW_I_COPY && in->kind != DW_I_ADD) || in->nargs < 2 ||
		    inf->nexp < in->nargs || lint_flag(in, "from", NULL) != NULL)
			continue;
		for (size_t i = 0; i + 1 < in->nargs; i++) {
			const char *p = source_path(in, inf, i);
			bool there;

			if (p == NULL || *p == '\0')
				continue;
			there = in_context(cx->context_dir, p);
			if (!ignored_ones && !there)
				lint_report(cx, ii, dw_word_span(in, &in->args[i]),
				            "%s source '%s' is not in the build context %s: the build "
				            "fails", in->kind == DW_I_ADD ? "ADD" : "COPY", inf->exp[i],
				            cx->context_dir);
			else if (ignored_ones && there && strpbrk(p, "*?[") == NULL && ignored(c, p))
				lint_report(cx, ii, dw_word_span(in, &in->args[i]),
				            "%s source '%s' is excluded by %s/.dockerignore: the build "
				            "fails", in->kind == DW_I_ADD ? "ADD" : "COPY", inf->exp[i],
				            cx->context_dir);
		}
	}
}

void lint_check_copy_missing(struct dw_lint_ctx *cx) { check_sources(cx, false); }
void lint_check_copy_ignored(struct dw_lint_ctx *cx) { check_sources(cx, true); }
