/*
 * query.c - the questions Lambda rules ask about the final image, answered
 * once from the stage model: which process runs (ENTRYPOINT + CMD after
 * inheritance), which program it starts, and what the base image is.
 * Rules sit on top of this; this file calls no rule.
 */
#include "engine.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *
base_name(const char *s)
{
	const char *p = strrchr(s, '/');

	return p ? p + 1 : s;
}

bool
lint_is_ric(const char *s)
{
	const char *b = base_name(s);

	return strcmp(b, "aws_lambda_ric") == 0 || strcmp(b, "aws_lambda_ric_jets") == 0;
}

const char *
lint_root_image(const struct dw_lint_ctx *cx, int s)
{
	if (s < 0 || (size_t)s >= cx->nstages)
		return NULL;
	return cx->stages[cx->stages[s].root].image;
}

/* Official images: no namespace, or library/ on Docker Hub or its ECR
 * mirror.  Their ENTRYPOINT is empty except for a few server images,
 * none of which is a Lambda base. */
bool
lint_base_known(const char *image)
{
	static const char *const hub[] = { "docker.io/library/", "index.docker.io/library/",
	                                   "library/", "public.ecr.aws/docker/library/", NULL };

	if (image == NULL)
		return false;
	if (lint_is_aws_image(image) || strcmp(image, "scratch") == 0)
		return true;
	for (size_t i = 0; hub[i]; i++)
		if (lint_str_has_prefix(image, hub[i]))
			return strchr(image + strlen(hub[i]), '/') == NULL;
	return strchr(image, '/') == NULL;
}

static bool
is_assignment(const char *s)
{
	const char *eq = strchr(s, '=');

	if (eq == NULL || eq == s)
		return false;
	for (const char *p = s; p < eq; p++)
		if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (p > s && *p >= '0' && *p <= '9')))
			return false;
	return true;
}

/* Skip "sudo [-opts]", "env [-opts] [NAME=value]...", "exec", "nice". */
static size_t
skip_wrappers(const char *const *argv, size_t argc, size_t i)
{
	while (i < argc) {
		const char *b = base_name(argv[i]);

		if (strcmp(b, "sudo") == 0 || strcmp(b, "env") == 0 || strcmp(b, "exec") == 0 ||
		    strcmp(b, "nice") == 0 || strcmp(b, "tini") == 0 || strcmp(b, "dumb-init") == 0) {
			i++;
			while (i < argc && (argv[i][0] == '-' || is_assignment(argv[i])))
				i++;
			continue;
		}
		break;
	}
	return i;
}

size_t
lint_cmd_prog(const dw_lint_cmd *c)
{
	return skip_wrappers((const char *const *)c->argv, c->argc, 0);
}

static void
push(dw_lint_process *p, const char *s, size_t instr, const dw_word *w)
{
	p->v = dw_realloc(p->v, (p->n + 1) * sizeof *p->v);
	p->v[p->n].s = s;
	p->v[p->n].instr = instr;
	p->v[p->n].w = w;
	p->n++;
}

static void
push_instr(const struct dw_lint_ctx *cx, dw_lint_process *p, size_t ii, bool *shell)
{
	const dw_instr *in = lint_instr(cx, ii);

	if (in->nargs == 0)
		return;
	if (!in->json) {
		*shell = true;
		push(p, "/bin/sh", ii, &in->args[0]);
		push(p, "-c", ii, &in->args[0]);
		push(p, in->args[0].value, ii, &in->args[0]);
		return;
	}
	for (size_t i = 0; i < in->nargs; i++)
		push(p, in->args[i].value, ii, &in->args[i]);
}

void
lint_process_get(const struct dw_lint_ctx *cx, dw_lint_process *p)
{
	const dw_lint_stage *st;
	const char **argv;

	memset(p, 0, sizeof *p);
	p->ep = p->cmd = DW_NO_INSTR;
	p->ric = SIZE_MAX;
	if (cx->final < 0)
		return;
	st = &cx->stages[cx->final];
	p->ep = st->entrypoint;
	p->cmd = st->cmd;
	p->base = lint_root_image(cx, cx->final);
	if (p->ep == DW_NO_INSTR) {
		if (st->aws_base)
			p->aws_entry = true;
		else if (!lint_base_known(p->base))
			p->base_unknown = true;
	}
	if (p->aws_entry)
		push(p, "/lambda-entrypoint.sh", DW_NO_INSTR, NULL);
	if (p->ep != DW_NO_INSTR)
		push_instr(cx, p, p->ep, &p->ep_shell);
	if (p->cmd != DW_NO_INSTR)
		push_instr(cx, p, p->cmd, &p->cmd_shell);
	argv = dw_calloc(p->n + 1, sizeof *argv);
	for (size_t i = 0; i < p->n; i++)
		argv[i] = p->v[i].s;
	p->prog = skip_wrappers(argv, p->n, 0);
	/* bundle exec PROG: bundler runs PROG. */
	if (p->prog + 1 < p->n && strcmp(base_name(argv[p->prog]), "bundle") == 0 &&
	    strcmp(argv[p->prog + 1], "exec") == 0)
		p->prog = skip_wrappers(argv, p->n, p->prog + 2);
	for (size_t i = 0; i < p->n && p->ric == SIZE_MAX; i++)
		if (lint_is_ric(argv[i]))
			p->ric = i;
	free(argv);
}

void
lint_process_free(dw_lint_process *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
}
