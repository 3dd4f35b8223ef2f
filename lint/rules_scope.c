/* SPDX-License-Identifier: MIT */
/*
 * rules_scope.c - where things are: a COPY to a relative path before any
 * WORKDIR, a copy of another stage's whole filesystem, and global ARGs
 * used in a stage that never declares them.
 */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void
check_copy_relative(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const dw_lint_stage *st = &cx->stages[s];
		const dw_lint_stage *root = &cx->stages[st->root];
		int p = st->parent;
		bool wd = p >= 0 && cx->stages[p].workdir != DW_NO_INSTR;

		/* The AWS images set WORKDIR /var/task; an unknown base may too. */
		if (root->aws_base || !lint_base_known(root->image))
			continue;
		for (size_t ii = st->first; ii < st->end; ii++) {
			const dw_instr *in = lint_instr(cx, ii);
			const char *d;

			if (in->kind == DW_I_WORKDIR)
				wd = true;
			if (wd || (in->kind != DW_I_COPY && in->kind != DW_I_ADD) || in->nargs < 2)
				continue;
			d = in->args[in->nargs - 1].value;
			if (d[0] == '/' || d[0] == '$' || (isalpha((unsigned char)d[0]) && d[1] == ':'))
				continue;
			lint_report(cx, ii, dw_word_span(in, &in->args[in->nargs - 1]),
			            "%.*s to the relative path '%s' with no WORKDIR set: it lands "
			            "wherever the base image's working directory is",
			            (int)in->keyword_len, in->keyword, d);
		}
	}
}

/*
 * COPY --from=STAGE / of a stage of this file built on an official OS or
 * language image.  A stage FROM scratch holds only what was put there to
 * export (BuildKit's own Dockerfile copies its binaries stages whole), and
 * an image of its own (tonistiigi/xx, moby/moby-bin) or a stage we cannot
 * resolve may be just a bundle of tools: not reported.
 */
static void
check_copy_root(struct dw_lint_ctx *cx)
{
	for (size_t ii = 0; ii < cx->df->ninstrs; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		const char *from = lint_flag(in, "from", NULL), *root;
		int s;

		if (in->kind != DW_I_COPY || in->nargs < 2 || from == NULL ||
		    (s = lint_stage_ref(cx, from, cx->info[ii].stage)) < 0)
			continue;
		root = lint_root_image(cx, s);
		if (!lint_base_known(root) || strcmp(root, "scratch") == 0)
			continue;
		for (size_t a = 0; a + 1 < in->nargs; a++)
			if (strcmp(in->args[a].value, "/") == 0) {
				lint_report(cx, ii, dw_word_span(in, &in->args[a]),
				            "COPY --from copies the whole filesystem of the other stage");
				break;
			}
	}
}

static bool
tar_extracts(const dw_lint_cmd *c)
{
	if (c->argc > 1 && c->argv[1][0] != '-' && strchr(c->argv[1], 'x'))
		return true;   /* old style: tar xzf file */
	for (size_t a = 1; a < c->argc; a++)
		if (strcmp(c->argv[a], "--extract") == 0 || strcmp(c->argv[a], "--get") == 0 ||
		    (c->argv[a][0] == '-' && c->argv[a][1] != '-' && strchr(c->argv[a], 'x')))
			return true;
	return false;
}

/* COPY of a local archive that a later RUN of the stage unpacks with tar:
 * ADD unpacks it without keeping the archive in a layer. */
static void
check_copy_then_extract(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++) {
			const dw_instr *in = lint_instr(cx, ii);
			const char *src, *b;
			bool found = false;

			if (in->kind != DW_I_COPY || in->nargs != 2 || lint_flag(in, "from", NULL) ||
			    !lint_add_extracts(in->args[0].value) || strchr(in->args[0].value, '$'))
				continue;
			src = in->args[0].value;
			b = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
			for (size_t k = ii + 1; k < cx->stages[s].end && !found; k++)
				for (size_t j = 0; j < cx->info[k].ncmds && !found; j++) {
					const dw_lint_cmd *c = &cx->cmds[cx->info[k].cmd_first + j];

					if (!lint_cmd_is(c, "tar") || !tar_extracts(c))
						continue;
					for (size_t a = 1; a < c->argc && !found; a++) {
						const char *w = c->argv[a], *wb = strrchr(w, '/') ? strrchr(w, '/') + 1 : w;

						found = strcmp(wb, b) == 0;
					}
				}
			if (found)
				lint_report(cx, ii, dw_word_span(in, &in->args[0]),
				            "%s is copied and then unpacked with tar: ADD unpacks a local "
				            "archive itself and keeps no copy of it in a layer", src);
		}
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* $NAME and ${NAME...} references of a RUN that name a global ARG the
 * stage does not declare: the shell sees them empty. */
static void
check_global_arg(struct dw_lint_ctx *cx)
{
	dw_strv g = DW_STRV_INIT;

	for (size_t ii = 0; ii < cx->df->ninstrs && cx->info[ii].stage < 0; ii++) {
		const dw_instr *in = lint_instr(cx, ii);

		for (size_t a = 0; in->kind == DW_I_ARG && a < in->nargs; a++)
			dw_strv_push(&g, in->args[a].value, strcspn(in->args[a].value, "="));
	}
	if (g.n > 1)
		qsort(g.v, g.n, sizeof *g.v, cmp_str);
	for (size_t ii = 0; g.n > 0 && ii < cx->df->ninstrs; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		const char *t = in->text, *e = in->text + in->end_off;

		if (in->kind != DW_I_RUN || cx->info[ii].stage < 0)
			continue;
		for (const char *p = t + (in->keyword - t) + in->keyword_len; p < e; p++) {
			const char *b;
			char name[128], *key = name;
			size_t n;

			if (*p != '$')
				continue;
			b = p + 1 + (p + 1 < e && p[1] == '{');
			for (n = 0; b + n < e && (isalnum((unsigned char)b[n]) || b[n] == '_'); n++)
				;
			if (n == 0 || n >= sizeof name || isdigit((unsigned char)b[0]))
				continue;
			memcpy(name, b, n);
			name[n] = 0;
			if (!bsearch(&key, g.v, g.n, sizeof *g.v, cmp_str) || lint_base_env(name, n) ||
			    lint_declared_at(cx, ii, name))
				continue;
			lint_report(cx, ii, dw_instr_range(in, (size_t)(p - t), (size_t)(b - t) + n),
			            "$%s is a global ARG, which a stage sees only after 'ARG %s' in it; "
			            "here the shell gets it empty", name, name);
			break;
		}
	}
	dw_strv_free(&g);
}

const dw_rule dw_rules_scope[] = {
	{ "practice-copy-relative-no-workdir", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3045",
	  "COPY to a relative path before any WORKDIR",
	  "Set WORKDIR first, or copy to an absolute path.",
	  "A relative destination is resolved against the working directory, which is the base\n"
	  "image's until the stage sets WORKDIR. The files land somewhere that depends on the\n"
	  "base image. Not reported on the AWS Lambda images (WORKDIR /var/task) or on a base\n"
	  "image dockwright does not know.",
	  check_copy_relative },
	{ "practice-copy-root-from-stage", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3067",
	  "COPY --from of a stage's whole filesystem",
	  "Copy only the directories the image needs.",
	  "COPY --from=stage / / brings the other stage's entire filesystem, its build tools and\n"
	  "caches included, and overwrites the base image's files with the other stage's. A\n"
	  "stage FROM scratch (an export stage), one on an image other than an official or Lambda\n"
	  "one (a tools image such as tonistiigi/xx), and an image itself are not reported.",
	  check_copy_root },
	{ "practice-copy-then-extract", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3010",
	  "a local archive is copied and then unpacked",
	  "ADD app.tar.gz /dest/ unpacks it in one step.",
	  "COPY of a tar archive followed by RUN tar -x keeps the archive in the COPY's layer\n"
	  "even when the RUN deletes it. ADD recognises local tar archives (gzip, bzip2, xz)\n"
	  "and unpacks them into the destination directly.",
	  check_copy_then_extract },
	{ "practice-global-arg-unscoped", DW_CAT_PRACTICE, DW_SEV_WARNING, NULL,
	  "a RUN uses a global ARG its stage does not declare",
	  "Add 'ARG NAME' (no value) in the stage before the RUN.",
	  "An ARG before the first FROM is visible only to FROM lines. A stage sees it after its\n"
	  "own 'ARG NAME'; without that, a RUN's shell expands $NAME to nothing. BuildKit reports\n"
	  "such names in ENV, COPY and the other instructions it expands itself (see\n"
	  "syntax-undefined-var); RUN is expanded by the shell, so only the linter can tell.",
	  check_global_arg },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
