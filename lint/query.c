/* SPDX-License-Identifier: MIT */
/*
 * query.c - the questions Lambda rules ask about the final image, answered
 * once from the stage model: which process runs (ENTRYPOINT + CMD after
 * inheritance), which program it starts, and what the base image is.
 * Rules sit on top of this; this file calls no rule.
 */
#include "engine.h"

#include <fnmatch.h>
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
	if (dw_lint_is_lambda_image(image) || strcmp(image, "scratch") == 0)
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

/* ---- values in effect at an instruction --------------------------------- */

/* The instructions of stage s's FROM chain before instruction `before`,
 * newest first: calls fn until it returns true. */
static bool
chain_back(const struct dw_lint_ctx *cx, int s, size_t before,
           bool (*fn)(const struct dw_lint_ctx *, size_t, void *), void *arg)
{
	for (; s >= 0; s = cx->stages[s].parent) {
		size_t end = before < cx->stages[s].end ? before : cx->stages[s].end;

		for (size_t i = end; i > cx->stages[s].first; i--)
			if (fn(cx, i - 1, arg))
				return true;
		before = (size_t)-1;
	}
	return false;
}

struct env_q {
	const char *name;
	const char *val;
	bool found;
};

static bool
env_fn(const struct dw_lint_ctx *cx, size_t ii, void *arg)
{
	struct env_q *q = arg;
	const dw_instr *in = lint_instr(cx, ii);

	if (in->kind != DW_I_ENV)
		return false;
	for (size_t a = in->nargs / 3; a > 0; a--)
		if (strcmp(in->args[3 * (a - 1)].value, q->name) == 0) {
			q->found = true;
			q->val = a - 1 < cx->info[ii].nexp ? cx->info[ii].exp[a - 1] : NULL;
			return true;
		}
	return false;
}

const char *
lint_env_at(const struct dw_lint_ctx *cx, size_t ii, const char *name, bool *set)
{
	struct env_q q = { name, NULL, false };

	chain_back(cx, cx->info[ii].stage, ii, env_fn, &q);
	*set = q.found;
	return q.val;
}

static bool
workdir_fn(const struct dw_lint_ctx *cx, size_t ii, void *arg)
{
	size_t *w = arg;

	if (lint_instr(cx, ii)->kind != DW_I_WORKDIR)
		return false;
	*w = ii;
	return true;
}

/* Join a relative path onto a directory, dropping "." parts. */
static char *
path_join(const char *dir, const char *rel)
{
	dw_buf b = DW_BUF_INIT;

	if (rel[0] == '/') {
		dw_buf_puts(&b, rel);
	} else {
		dw_buf_puts(&b, dir);
		while (rel[0] == '.' && (rel[1] == '/' || rel[1] == 0))
			rel += rel[1] ? 2 : 1;
		if (*rel) {
			if (b.len == 0 || b.ptr[b.len - 1] != '/')
				dw_buf_putc(&b, '/');
			dw_buf_puts(&b, rel);
		}
	}
	/* No trailing slash except for "/" itself. */
	while (b.len > 1 && b.ptr[b.len - 1] == '/')
		b.ptr[--b.len] = 0;
	return dw_buf_detach(&b);
}

char *
lint_workdir_at(const struct dw_lint_ctx *cx, size_t ii)
{
	size_t w = DW_NO_INSTR;
	int s = cx->info[ii].stage;
	const char *v;
	char *base, *r;

	if (s < 0)
		return NULL;
	if (!chain_back(cx, s, ii, workdir_fn, &w)) {
		const dw_lint_stage *root = &cx->stages[cx->stages[s].root];

		if (root->aws_base)
			return dw_strdup("/var/task");
		return lint_base_known(root->image) ? dw_strdup("/") : NULL;
	}
	v = cx->info[w].nexp ? cx->info[w].exp[0] : NULL;
	if (v == NULL)
		return NULL;
	if (v[0] == '/')
		return path_join("/", v);
	base = lint_workdir_at(cx, w);
	if (base == NULL)
		return NULL;
	r = path_join(base, v);
	free(base);
	return r;
}

char *
lint_path_abs(const struct dw_lint_ctx *cx, size_t ii, const char *p)
{
	char *wd, *r;

	if (p == NULL)
		return NULL;
	if (p[0] == '/')
		return path_join("/", p);
	if ((wd = lint_workdir_at(cx, ii)) == NULL)
		return NULL;
	r = path_join(wd, p);
	free(wd);
	return r;
}

/* ---- where a file of the image comes from ------------------------------- */

static const char *
last_part(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static bool
is_url(const char *s)
{
	return strstr(s, "://") != NULL || lint_str_has_prefix(s, "git@");
}

/* Does ADD unpack this source?  It does for local tar archives, plain or
 * compressed, which then are not at the destination under their name. */
bool
lint_add_extracts(const char *s)
{
	static const char *const ext[] = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
	                                   ".tar.xz", ".txz", ".tar.zst", NULL };
	size_t n = strlen(s);

	for (size_t i = 0; ext[i]; i++)
		if (n > strlen(ext[i]) && strcmp(s + n - strlen(ext[i]), ext[i]) == 0)
			return true;
	return false;
}

/* Commands that can put files anywhere. */
static bool
run_may_create(const struct dw_lint_ctx *cx, size_t ii)
{
	static const char *const tools[] = { "cp", "mv", "rsync", "tar", "unzip", "git", "curl",
	                                     "wget", "ln", "install", "bsdtar", "7z", NULL };

	if (lint_instr(cx, ii)->kind != DW_I_RUN)
		return false;
	if (lint_instr(cx, ii)->nheredocs > 0)
		return true;
	for (size_t k = 0; k < cx->info[ii].ncmds; k++) {
		const dw_lint_cmd *c = &cx->cmds[cx->info[ii].cmd_first + k];
		size_t p = lint_cmd_prog(c);

		for (size_t t = 0; p < c->argc && tools[t]; t++)
			if (strcmp(last_part(c->argv[p]), tools[t]) == 0)
				return true;
		for (size_t i = 0; i < c->argc; i++)
			if (c->argv[i][0] == '>')
				return true;
	}
	return false;
}

#define SRC_DEPTH 8

static lint_src_kind file_source(const struct dw_lint_ctx *cx, int s, const char *p,
                                 dw_lint_src *out, int depth);

/*
 * Can a source named b (no extension) be a folder?  Not the files every
 * project has by name: Gemfile, Rakefile, Dockerfile and the other
 * capitalised ...file names, LICENSE, README and such.
 */
static bool
may_be_folder(const char *b)
{
	static const char *const files[] = { "LICENSE", "README", "NOTICE", "VERSION",
	                                     "CHANGELOG", "AUTHORS", "COPYING", NULL };
	size_t n = strlen(b);

	if (strcmp(b, ".") == 0 || b[0] == '\0')
		return true;
	if (strchr(b, '.') != NULL || lint_str_in(files, b))
		return false;
	return !(n > 4 && b[0] >= 'A' && b[0] <= 'Z' && strcmp(b + n - 4, "file") == 0);
}

/* Does one source of a COPY put p there?  Fills out and returns true when
 * it decides. */
static bool
copy_covers(const struct dw_lint_ctx *cx, size_t ii, const char *src, const char *dest,
            bool dest_dir, int from, const char *p, dw_lint_src *out, lint_src_kind *k,
            int depth)
{
	const dw_instr *in = lint_instr(cx, ii);
	size_t dl = strlen(dest);
	const char *b = last_part(src);
	bool glob = strpbrk(src, "*?[") != NULL;
	bool dirlike = may_be_folder(b);
	bool under = strcmp(dest, "/") == 0 ? p[0] == '/' && p[1] : strncmp(p, dest, dl) == 0 && p[dl] == '/';
	char *path = NULL;
	bool exact = false;

	if (from == -2 || (in->kind == DW_I_ADD && (is_url(src) || lint_add_extracts(src)))) {
		if (strcmp(p, dest) == 0 || under) {
			*k = LINT_SRC_UNKNOWN;
			return true;
		}
		return false;
	}
	if (glob) {
		const char *pp = last_part(p);

		if (dest_dir && (size_t)(pp - p) == dl + 1 && strncmp(p, dest, dl) == 0 &&
		    fnmatch(b, pp, 0) == 0) {
			dw_buf tmp = DW_BUF_INIT;

			dw_buf_printf(&tmp, "%.*s%s", (int)(b - src), src, pp);
			path = dw_buf_detach(&tmp);
			exact = true;
		}
	} else if (!dest_dir && strcmp(p, dest) == 0) {
		path = dw_strdup(src);
		exact = true;
	} else if (dest_dir && (size_t)(last_part(p) - p) == dl + (strcmp(dest, "/") != 0) &&
	           strncmp(p, dest, dl) == 0 && strcmp(last_part(p), b) == 0 && !dirlike) {
		path = dw_strdup(src);
		exact = true;
	} else if (dirlike && under) {
		dw_buf tmp = DW_BUF_INIT;
		const char *rel = p + dl + (strcmp(dest, "/") != 0);

		if (strcmp(b, ".") == 0 && b == src)
			dw_buf_puts(&tmp, rel);
		else
			dw_buf_printf(&tmp, "%s%s%s", src, lint_ends_in_slash(src) ? "" : "/", rel);
		path = dw_buf_detach(&tmp);
	}
	if (path == NULL)
		return false;
	if (from >= 0) {
		char *abs = lint_path_abs(cx, cx->stages[from].end - 1, path);

		free(path);
		if (abs == NULL || depth >= SRC_DEPTH) {
			free(abs);
			*k = LINT_SRC_UNKNOWN;
			return true;
		}
		*k = file_source(cx, from, abs, out, depth + 1);
		free(abs);
		return true;
	}
	out->instr = ii;
	out->ctx_path = path;
	out->exact = exact;
	*k = LINT_SRC_CONTEXT;
	return true;
}

static lint_src_kind
copy_source(const struct dw_lint_ctx *cx, size_t ii, const char *p, dw_lint_src *out, int depth)
{
	const dw_instr *in = lint_instr(cx, ii);
	const dw_lint_info *inf = &cx->info[ii];
	const char *fromv = lint_flag(in, "from", NULL);
	int from = -1;
	size_t n = in->nargs;
	const char *dv;
	char *dest;
	bool dest_dir;
	lint_src_kind k = LINT_SRC_NONE;

	if (n < 2 || inf->nexp < n)
		return LINT_SRC_UNKNOWN;
	if (fromv != NULL) {
		from = strchr(fromv, '$') ? -2 : lint_stage_ref(cx, fromv, inf->stage);
		if (from < 0)
			from = -2;
	}
	dv = inf->exp[n - 1];
	if (dv == NULL || (dest = lint_path_abs(cx, ii, dv)) == NULL)
		return LINT_SRC_UNKNOWN;
	dest_dir = lint_ends_in_slash(dv) || n > 2 || strcmp(last_part(dv), ".") == 0 ||
	           in->nheredocs > 1;
	for (size_t i = n - 1; i > 0 && k == LINT_SRC_NONE; i--) {
		const char *src = inf->exp[i - 1];
		const char *raw = in->args[i - 1].value;

		if (lint_str_has_prefix(raw, "<<")) {
			const char *name = raw + 2 + (raw[2] == '-');
			char *t = dest_dir ? path_join(dest, name) : dw_strdup(dest);

			if (strcmp(t, p) == 0) {
				out->instr = ii;
				out->heredoc = true;
				out->exact = true;
				k = LINT_SRC_CONTEXT;
			}
			free(t);
			continue;
		}
		if (src == NULL) {
			if (strncmp(p, dest, strlen(dest)) == 0)
				k = LINT_SRC_UNKNOWN;
			continue;
		}
		copy_covers(cx, ii, src, dest, dest_dir, from, p, out, &k, depth);
	}
	free(dest);
	return k;
}

struct src_q {
	const char *p;
	dw_lint_src *out;
	lint_src_kind k;
	bool maybe;
	int depth;
};

static bool
source_fn(const struct dw_lint_ctx *cx, size_t ii, void *arg)
{
	struct src_q *q = arg;
	dw_kind kind = lint_instr(cx, ii)->kind;

	if (kind == DW_I_COPY || kind == DW_I_ADD) {
		q->k = copy_source(cx, ii, q->p, q->out, q->depth);
		return q->k != LINT_SRC_NONE;
	}
	if (run_may_create(cx, ii))
		q->maybe = true;
	return false;
}

static lint_src_kind
file_source(const struct dw_lint_ctx *cx, int s, const char *p, dw_lint_src *out, int depth)
{
	struct src_q q = { p, out, LINT_SRC_NONE, false, depth };
	const dw_lint_stage *root;

	if (chain_back(cx, s, (size_t)-1, source_fn, &q))
		return q.k;
	root = &cx->stages[cx->stages[s].root];
	if (q.maybe || (!root->aws_base && !lint_base_known(root->image)))
		return LINT_SRC_UNKNOWN;
	return LINT_SRC_NONE;
}

lint_src_kind
lint_file_source(const struct dw_lint_ctx *cx, int s, const char *p, dw_lint_src *out)
{
	memset(out, 0, sizeof *out);
	out->instr = DW_NO_INSTR;
	if (s < 0)
		return LINT_SRC_UNKNOWN;
	return file_source(cx, s, p, out, 0);
}

struct decl_q {
	const char *name;
	size_t steps;
};

static bool
decl_fn(const struct dw_lint_ctx *cx, size_t ii, void *arg)
{
	struct decl_q *q = arg;
	const dw_instr *in = lint_instr(cx, ii);
	size_t n = strlen(q->name);

	/* Give up on very long chains: "declared" keeps rules silent. */
	if (++q->steps > 10000)
		return true;
	if (in->kind == DW_I_ARG) {
		for (size_t a = 0; a < in->nargs; a++)
			if (strncmp(in->args[a].value, q->name, n) == 0 &&
			    (in->args[a].value[n] == 0 || in->args[a].value[n] == '='))
				return true;
	} else if (in->kind == DW_I_ENV) {
		for (size_t a = 0; a + 2 < in->nargs; a += 3)
			if (strcmp(in->args[a].value, q->name) == 0)
				return true;
	}
	return false;
}

bool
lint_declared_at(const struct dw_lint_ctx *cx, size_t ii, const char *name)
{
	struct decl_q q = { name, 0 };

	return chain_back(cx, cx->info[ii].stage, ii, decl_fn, &q);
}
