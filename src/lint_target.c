/* SPDX-License-Identifier: MIT */
/*
 * lint_target.c - which rule profile a Dockerfile gets: --target, else the
 * first lint.paths pattern that matches it, else lint.target; `auto`
 * looks at the file and its folder.  The Lambda rules put errors on every
 * ordinary Dockerfile, so they apply only where something says Lambda.
 */
#include "lint_cli.h"
#include "dockerignore.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Files or folders beside a Dockerfile that make it an app's Lambda one. */
static const char *const lambda_markers[] = {
	"dockwright.yml", ".dockwright.yml", "config/jets", NULL
};

static bool
name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

/* Does text hold the name `word` (not part of a longer name)? */
static bool
has_name(const char *text, size_t len, const char *word)
{
	size_t wl = strlen(word);
	const char *p = text, *end = text + len;

	while ((p = dw_memfind(p, (size_t)(end - p), word, wl)) != NULL) {
		if ((p == text || !name_char(p[-1])) && (p + wl == end || !name_char(p[wl])))
			return true;
		p++;
	}
	return false;
}

static bool
handler_named(const dw_instr *in, dw_buf *why)
{
	if (!has_name(in->text, in->text_len, "_HANDLER"))
		return false;
	dw_buf_printf(why, "line %u sets _HANDLER", (unsigned)in->start_line);
	return true;
}

/* An instruction that says Lambda; why receives the reason. */
static bool
instr_says_lambda(const dw_instr *in, dw_buf *why)
{
	char *op;
	bool lambda;

	switch (in->kind) {
	case DW_I_FROM:
		/* The image as written: an ARG in it may hide a Lambda base,
		 * which the client or _HANDLER then usually gives away. */
		if (in->nargs == 0)
			return false;
		op = strndup(in->args[0].value, in->args[0].len);
		lambda = op && dw_lint_is_lambda_image(op);
		if (lambda)
			dw_buf_printf(why, "line %u names a Lambda base image, %s",
			              (unsigned)in->start_line, op);
		free(op);
		return lambda;
	case DW_I_RUN: case DW_I_ENTRYPOINT: case DW_I_CMD:
		if (has_name(in->text, in->text_len, "aws_lambda_ric")) {
			dw_buf_printf(why, "line %u runs the runtime interface client, "
			              "aws_lambda_ric",
			              (unsigned)in->start_line);
			return true;
		}
		return handler_named(in, why);     /* a RUN may export _HANDLER */
	case DW_I_ENV: case DW_I_ARG:
		return handler_named(in, why);
	default:
		return false;
	}
}

void
lint_folder_enter(lint_folder *f, const char *dir)
{
	if (f->dir && strcmp(f->dir, dir) == 0)
		return;
	free(f->dir);
	f->dir = dw_strdup(dir);
	f->marker = -2;
}

void
lint_folder_free(lint_folder *f)
{
	free(f->dir);
	f->dir = NULL;
}

/* A dockwright.yml or config/jets/ in the folder. */
static bool
dir_says_lambda(lint_folder *f, dw_buf *why)
{
	struct stat st;

	if (f == NULL || f->dir == NULL)
		return false;
	for (int i = 0; f->marker == -2 && lambda_markers[i]; i++) {
		dw_buf p = DW_BUF_INIT;

		dw_buf_printf(&p, "%s/%s", f->dir, lambda_markers[i]);
		if (stat(dw_buf_cstr(&p), &st) == 0) {
			f->marker = i;
			f->marker_is_dir = S_ISDIR(st.st_mode);
		}
		dw_buf_free(&p);
	}
	if (f->marker == -2)
		f->marker = -1;
	if (f->marker < 0)
		return false;
	dw_buf_printf(why, "%s%s beside it", lambda_markers[f->marker],
	              f->marker_is_dir ? "/" : "");
	return true;
}

bool
lint_target_detect(lint_folder *f, const char *src, size_t len, dw_buf *why)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df = NULL;
	bool lambda = false;

	/* Every sign an instruction can give holds "lambda" (the images, the
	 * client) or "_HANDLER": a file with neither needs no parse, and
	 * most Dockerfiles are such files.  (A word split by a line
	 * continuation would be missed; nobody writes one.) */
	if (dw_memfind(src, len, "lambda", 6) || dw_memfind(src, len, "_HANDLER", 8))
		df = dw_parse(src, len, "", NULL, &d);
	dw_diags_free(&d);
	for (size_t i = 0; df && !lambda && i < df->ninstrs; i++)
		lambda = instr_says_lambda(&df->instrs[i], why);
	dw_dockerfile_free(df);
	if (!lambda)
		lambda = dir_says_lambda(f, why);
	if (!lambda)
		dw_buf_puts(why, "no Lambda base image, aws_lambda_ric, _HANDLER, "
		            "dockwright.yml or config/jets/");
	return lambda;
}

/* path relative to the folder of the file `where`, when it is inside it;
 * else path as given, without a leading "./". */
static char *
path_from(const char *where, const char *path)
{
	char cdir[PATH_MAX], real[PATH_MAX];
	const char *slash = where ? strrchr(where, '/') : NULL;
	char *dir = slash ? dw_strndup(where, (size_t)(slash - where)) : dw_strdup(".");
	char *pdir = (slash = strrchr(path, '/')) ? dw_strndup(path, (size_t)(slash - path))
	                                          : dw_strdup(".");
	const char *base = slash ? slash + 1 : path;
	char *rel = NULL;

	if (where && realpath(*dir ? dir : "/", cdir) && realpath(*pdir ? pdir : "/", real)) {
		size_t n = strlen(cdir);

		if (strcmp(cdir, "/") == 0)
			n = 0;
		if (strcmp(real, cdir) == 0) {
			rel = dw_strdup(base);
		} else if (strncmp(real, cdir, n) == 0 && real[n] == '/') {
			dw_buf b = DW_BUF_INIT;

			dw_buf_printf(&b, "%s/%s", real + n + 1, base);
			rel = dw_buf_detach(&b);
		}
	}
	free(dir);
	free(pdir);
	while (rel == NULL && path[0] == '.' && path[1] == '/')
		path += 2;
	return rel ? rel : dw_strdup(path);
}

/* The first lint.paths pattern that matches path, or -1. */
static long
paths_match(const dw_config *c, const char *path)
{
	const dw_cvalue *v = &c->v[DW_CFG_LINT_PATHS];
	char *rel;
	long hit = -1;

	if (!v->set || v->list.n == 0)
		return -1;
	rel = path_from(v->where, path);
	for (size_t i = 0; hit < 0 && i < v->list.n; i++) {
		const char *pat = v->list.v[i];

		while (*pat == '/' || (pat[0] == '.' && pat[1] == '/'))
			pat += *pat == '/' ? 1 : 2;
		if (dw_dockerignore_match(pat, rel))
			hit = (long)i;
	}
	free(rel);
	return hit;
}

bool
lint_target_pick(const dw_config *c, const char *path, lint_folder *f, const char *src,
                 size_t len, dw_buf *why)
{
	const dw_cvalue *t = &c->v[DW_CFG_LINT_TARGET];
	const char *target = t->s ? t->s : "auto";
	long hit = t->origin == DW_ORIGIN_CLI ? -1 : paths_match(c, path);

	if (hit >= 0) {
		const dw_cvalue *v = &c->v[DW_CFG_LINT_PATHS];

		target = v->values.v[hit];
		dw_buf_printf(why, "lint.paths '%s' %s in %s", v->list.v[hit], target,
		              v->where ? v->where : "the configuration");
	} else if (t->origin == DW_ORIGIN_CLI) {
		dw_buf_printf(why, "--target %s", target);
	} else if (t->set && t->origin != DW_ORIGIN_DEFAULT) {
		dw_buf_printf(why, "lint.target %s in %s", target,
		              t->where ? t->where : "the configuration");
	}
	if (strcmp(target, "auto") != 0)
		return strcmp(target, "lambda") == 0;
	dw_buf_puts(why, why->len ? ": " : "auto: ");
	return lint_target_detect(f, src, len, why);
}
