/* SPDX-License-Identifier: MIT */
/*
 * stage.c - the stage model: stages and their FROM parents, COPY --from
 * edges, and ARG/ENV scopes with expanded values.
 *
 * A value we cannot know (an ARG without a default, a platform ARG, an ENV
 * built from one) is stored as UNKNOWN; an expansion that contains it is
 * unknown as a whole, and rules stay silent about it rather than guess.
 */
#include "engine.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#define UNKNOWN "\x01"

static const char *const platform_args[] = {
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", NULL
};

/*
 * Names a base image usually sets in its environment.  BuildKit knows the
 * base image's env and does not report them; we do not pull images, so we
 * accept these (the common ones of Debian, Alpine, the official language
 * images and the AWS Lambda images) as defined, with unknown values.
 */
static const char *const base_env[] = {
	"PATH", "HOME", "HOSTNAME", "TERM", "LANG", "LANGUAGE", "LC_ALL", "USER", "SHELL",
	"PWD", "TZ", "GEM_HOME", "BUNDLE_APP_CONFIG", "BUNDLE_SILENCE_ROOT_WARNING",
	"BUNDLE_PATH", "RUBY_VERSION", "RUBY_MAJOR", "RUBY_DOWNLOAD_SHA256",
	"RUBY_DOWNLOAD_URL", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION",
	"GPG_KEY", "NODE_VERSION", "YARN_VERSION", "GOLANG_VERSION", "GOPATH", "GOROOT",
	"JAVA_HOME", "JAVA_VERSION", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
	"LD_LIBRARY_PATH", "DEBIAN_FRONTEND", NULL
};

static bool
in_list(const char *const *l, const char *s, size_t n)
{
	for (; *l; l++)
		if (strlen(*l) == n && memcmp(*l, s, n) == 0)
			return true;
	return false;
}

bool
lint_base_env(const char *name, size_t n)
{
	return in_list(base_env, name, n);
}

static bool
is_proxy(const char *s, size_t n)
{
	static const char *const p[] = { "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY",
	                                 "NO_PROXY", "ALL_PROXY", NULL };

	for (size_t i = 0; p[i]; i++)
		if (strlen(p[i]) == n && strncasecmp(p[i], s, n) == 0)
			return true;
	return false;
}

/*
 * A scope is a persistent binary search tree (a treap whose priorities are
 * hashes of the names): setting a name copies only the path to it, so a
 * stage starts from its parent's scope in O(1) and a lookup is O(log n)
 * however long the FROM chain.  Nodes and values live in the walk's arena
 * and are freed together.
 */
typedef struct snode {
	const char *name;
	size_t nlen;
	const char *val;
	size_t vlen;
	uint64_t prio;
	const struct snode *l, *r;
} snode;

typedef const snode *scope;


static uint64_t
name_hash(const char *s, size_t n, bool fold)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (fold && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h = (h ^ c) * 1099511628211ULL;
	}
	h ^= h >> 31;
	h *= 0x9E3779B97F4A7C15ULL;
	return h ^ (h >> 29);
}

static int
name_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : (an > bn) - (an < bn);
}

static const snode *
scope_get(scope sc, const char *name, size_t n)
{
	while (sc) {
		int c = name_cmp(name, n, sc->name, sc->nlen);

		if (c == 0)
			return sc;
		sc = c < 0 ? sc->l : sc->r;
	}
	return NULL;
}

static snode *
node_copy(dw_arena *p, const snode *o)
{
	snode *c = dw_arena_alloc(p, sizeof *c);

	*c = *o;
	return c;
}

static const snode *
treap_set(dw_arena *p, const snode *t, const snode *nw)
{
	snode *c;
	int d;

	if (t == NULL)
		return nw;
	d = name_cmp(nw->name, nw->nlen, t->name, t->nlen);
	if (d == 0) {
		c = node_copy(p, nw);
		c->l = t->l;
		c->r = t->r;
		return c;
	}
	c = node_copy(p, t);
	if (d < 0) {
		c->l = treap_set(p, t->l, nw);
		if (c->l->prio > c->prio) {      /* rotate right */
			snode *l = node_copy(p, c->l);

			c->l = l->r;
			l->r = c;
			return l;
		}
	} else {
		c->r = treap_set(p, t->r, nw);
		if (c->r->prio > c->prio) {      /* rotate left */
			snode *r = node_copy(p, c->r);

			c->r = r->l;
			r->l = c;
			return r;
		}
	}
	return c;
}

static void
scope_set(dw_arena *p, scope *sc, const char *name, size_t n, const char *val)
{
	const snode *old = scope_get(*sc, name, n);
	snode *nw = dw_arena_alloc(p, sizeof *nw);

	nw->name = old ? old->name : dw_arena_strndup(p, name, n);
	nw->nlen = n;
	nw->vlen = strlen(val);
	nw->val = dw_arena_strndup(p, val, nw->vlen);
	nw->prio = name_hash(name, n, false);
	nw->l = nw->r = NULL;
	*sc = treap_set(p, *sc, nw);
}

/*
 * Budget for expansion across the whole file.  Each line of an ARG/ENV
 * chain may double the text before it, so twenty short lines reach
 * gigabytes; every byte that expansion produces is charged here, and once
 * the budget is spent every further value is unknown (rules stay silent)
 * and rule expansion-budget reports where it ran out.  Real files spend a
 * small multiple of their size.
 */
#define EXPAND_BUDGET_BASE	((size_t)1 << 18)
#define EXPAND_BUDGET_PER_BYTE	16

struct walk {
	struct dw_lint_ctx *cx;
	dw_arena *arena;       /* scope nodes and values */
	scope global;
	scope *stage_scope;    /* final scope of each stage */
	scope *cur;
	const scope *lookup_in;/* the scope of the expansion running */
	size_t instr;
	bool in_from;
	size_t budget;         /* bytes expansion may still produce */
	bool unknown_empty;    /* an ARG without a default expands to "" */
	bool used_arg;         /* the expansion looked up a global ARG */
	bool saw_unset;        /* the expansion met an unset name */
	size_t undef_first;    /* first undef entry of the current instruction */
};

/* Undefined names reported per instruction; a line with more is one
 * mistake repeated, and the cap keeps the de-duplication linear. */
#define UNDEF_PER_INSTR	16

static bool
is_platform_arg(const char *name, size_t n)
{
	return in_list(platform_args, name, n);
}

static void
budget_spent(struct walk *w)
{
	struct dw_lint_ctx *cx = w->cx;

	w->budget = 0;
	if (cx->budget_instr == DW_NO_INSTR)
		cx->budget_instr = w->instr;
}

static bool
on_lookup(void *ctx, const char *name, size_t n, const char **val)
{
	struct walk *w = ctx;
	const snode *e = scope_get(*w->lookup_in, name, n);

	if (e == NULL)
		return false;
	if (w->in_from && !is_platform_arg(name, n))
		w->used_arg = true;
	if (w->unknown_empty && e->val[0] == UNKNOWN[0]) {
		*val = "";
		return true;
	}
	if (e->vlen > w->budget) {
		budget_spent(w);
		*val = UNKNOWN;
		return true;
	}
	w->budget -= e->vlen;
	*val = e->val;
	return true;
}

static void
on_unset(void *ctx, const char *name, size_t n)
{
	struct walk *w = ctx;
	struct dw_lint_ctx *cx = w->cx;

	/* A value built from a name we do not know is not known either. */
	w->saw_unset = true;
	if (n == 0 || (name[0] >= '0' && name[0] <= '9'))
		return;
	for (size_t i = 0; i < n; i++)
		if (!(name[i] == '_' || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')))
			return;
	if (is_proxy(name, n) || (!w->in_from && in_list(base_env, name, n)))
		return;
	if (w->undef_first > cx->nundef || cx->nundef == 0 ||
	    cx->undef[cx->nundef - 1].instr != w->instr)
		w->undef_first = cx->nundef;
	/* Once per name and instruction. */
	for (size_t i = w->undef_first; i < cx->nundef; i++)
		if (strlen(cx->undef[i].name) == n && memcmp(cx->undef[i].name, name, n) == 0)
			return;
	if (cx->nundef - w->undef_first >= UNDEF_PER_INSTR)
		return;
	if (cx->nundef == cx->capundef) {
		cx->capundef = cx->capundef ? cx->capundef * 2 : 8;
		cx->undef = dw_realloc(cx->undef, cx->capundef * sizeof *cx->undef);
	}
	cx->undef[cx->nundef].instr = w->instr;
	cx->undef[cx->nundef].name = dw_strndup(name, n);
	cx->undef[cx->nundef].in_from = w->in_from;
	cx->nundef++;
}

/* Expand one word in scope sc; NULL when it holds an unknown value, does
 * not expand, or the budget is spent. */
static char *
expand(struct walk *w, const scope *sc, const char *s, size_t n, bool report)
{
	dw_shell_opts o;
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT;
	char *r = NULL;

	if (w->budget < n) {
		budget_spent(w);
		return NULL;
	}
	memset(&o, 0, sizeof o);
	o.escape = w->cx->df->escape;
	o.ctx = w;
	o.lookup = on_lookup;
	if (report)
		o.on_unset = on_unset;
	w->lookup_in = sc;
	w->saw_unset = false;
	if (dw_shell_expand(&o, NULL, s, n, &out, &err) == 0) {
		const char *v = dw_buf_cstr(&out);

		/* ${n//p/r} can multiply a value: charge what came out. */
		if (out.len >= w->budget)
			budget_spent(w);
		else
			w->budget -= out.len;
		if (w->budget > 0 && strchr(v, UNKNOWN[0]) == NULL && (!report || !w->saw_unset))
			r = dw_strdup(v);
	}
	dw_buf_free(&out);
	dw_buf_free(&err);
	return r;
}

static void
push_exp(dw_lint_info *inf, char *v)
{
	inf->exp = dw_realloc(inf->exp, (inf->nexp + 1) * sizeof *inf->exp);
	inf->exp[inf->nexp++] = v;
}

/* ARG name[=default] ... */
static void
do_arg(struct walk *w, const dw_instr *in, bool global)
{
	for (size_t i = 0; i < in->nargs; i++) {
		const char *a = in->args[i].value;
		const char *eq = strchr(a, '=');
		size_t nl = eq ? (size_t)(eq - a) : strlen(a);
		const snode *g;
		char *v;

		if (eq) {
			v = expand(w, w->cur, eq + 1, strlen(eq + 1), true);
			scope_set(w->arena, w->cur, a, nl, v ? v : UNKNOWN);
			free(v);
		} else if (!global && (g = scope_get(w->global, a, nl)) != NULL) {
			scope_set(w->arena, w->cur, a, nl, g->val);
		} else {
			scope_set(w->arena, w->cur, a, nl, UNKNOWN);
		}
	}
}

static void
do_env(struct walk *w, const dw_instr *in, dw_lint_info *inf)
{
	size_t n = in->nargs / 3;
	char **vals = dw_calloc(n ? n : 1, sizeof *vals);

	/* Every reference in one ENV sees the values from before it. */
	for (size_t i = 0; i < n; i++) {
		const dw_word *v = &in->args[3 * i + 1];

		vals[i] = expand(w, w->cur, v->value, v->len, true);
	}
	for (size_t i = 0; i < n; i++) {
		const dw_word *k = &in->args[3 * i];

		scope_set(w->arena, w->cur, k->value, k->len, vals[i] ? vals[i] : UNKNOWN);
		push_exp(inf, vals[i]);
	}
	free(vals);
}

const char *
lint_flag(const dw_instr *in, const char *name, const dw_word **wp)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < in->nflags; i++) {
		const char *f = in->flags[i].value;

		if (strncmp(f, "--", 2) == 0 && strncmp(f + 2, name, n) == 0 &&
		    (f[2 + n] == '=' || f[2 + n] == 0)) {
			if (wp)
				*wp = &in->flags[i];
			return f[2 + n] == '=' ? f + 3 + n : "";
		}
	}
	return NULL;
}

/* ---- stage names: a case-folded open-addressing map to the first stage
 * of each name, so a reference is O(1) however many stages there are. */

static size_t
name_slot(const struct dw_lint_ctx *cx, const char *name)
{
	size_t mask = cx->name_cap - 1, i = (size_t)name_hash(name, strlen(name), true) & mask;

	while (cx->name_map[i] >= 0 && strcasecmp(cx->stages[cx->name_map[i]].name, name) != 0)
		i = (i + 1) & mask;
	return i;
}

static void
name_map_add(struct dw_lint_ctx *cx, int si)
{
	size_t i;

	if (2 * (size_t)(si + 1) > cx->name_cap) {
		int *old = cx->name_map;
		size_t oldcap = cx->name_cap;

		cx->name_cap = oldcap ? oldcap * 2 : 16;
		cx->name_map = dw_malloc(cx->name_cap * sizeof *cx->name_map);
		for (size_t k = 0; k < cx->name_cap; k++)
			cx->name_map[k] = -1;
		for (size_t k = 0; k < oldcap; k++)
			if (old[k] >= 0)
				cx->name_map[name_slot(cx, cx->stages[old[k]].name)] = old[k];
		free(old);
	}
	i = name_slot(cx, cx->stages[si].name);
	if (cx->name_map[i] < 0)
		cx->name_map[i] = si;
	else
		cx->stages[si].same_name = cx->name_map[i];
}

int
lint_stage_ref(const struct dw_lint_ctx *cx, const char *ref, int before)
{
	char *end;
	long k;

	if (ref == NULL || *ref == 0)
		return -1;
	if (cx->name_cap > 0) {
		int s = cx->name_map[name_slot(cx, ref)];

		if (s >= 0 && s < before)
			return s;
	}
	k = strtol(ref, &end, 10);
	if (*end == 0 && k >= 0 && k < before)
		return (int)k;
	return -1;
}

static void
add_copy_edge(dw_lint_stage *st, int s)
{
	for (size_t i = 0; i < st->ncopies; i++)
		if (st->copies[i] == s)
			return;
	st->copies = dw_realloc(st->copies, (st->ncopies + 1) * sizeof *st->copies);
	st->copies[st->ncopies++] = s;
}

/* RUN --mount=...,from=X,... */
static void
mount_edges(struct walk *w, const dw_instr *in, int si)
{
	for (size_t i = 0; i < in->nflags; i++) {
		const char *f = in->flags[i].value, *p;

		if (strncmp(f, "--mount=", 8) != 0)
			continue;
		for (p = f + 8; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			if (strncmp(p, "from=", 5) == 0) {
				size_t l = strcspn(p + 5, ",");
				char *v = expand(w, w->cur, p + 5, l, false);
				int s = lint_stage_ref(w->cx, v, si);

				if (s >= 0)
					add_copy_edge(&w->cx->stages[si], s);
				free(v);
			}
		}
	}
}

static bool
shell_is_posix(const char *argv0)
{
	static const char *const sh[] = { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh",
	                                  "busybox", NULL };
	const char *b = strrchr(argv0, '/');

	b = b ? b + 1 : argv0;
	return in_list(sh, b, strlen(b));
}

static void
do_shell(const dw_instr *in, bool *posix, bool *pipefail)
{
	*posix = in->json && in->nargs > 0 && shell_is_posix(in->args[0].value);
	*pipefail = false;
	for (size_t i = 1; in->json && i < in->nargs; i++)
		if (strstr(in->args[i].value, "pipefail"))
			*pipefail = true;
}

/*
 * What the known base images put in the environment, with their values,
 * so COPY app.rb ${LAMBDA_TASK_ROOT}/ resolves.  Docker-library ruby
 * images set GEM_HOME (gem install puts executables in its bin) and
 * BUNDLE_APP_CONFIG; the AWS Lambda images set the LAMBDA_* paths.
 */
static bool
is_library_ruby(const char *image)
{
	static const char *const pre[] = { "ruby:", "library/ruby:", "docker.io/library/ruby:",
	                                   "public.ecr.aws/docker/library/ruby:", NULL };

	for (size_t i = 0; image && pre[i]; i++)
		if (lint_str_has_prefix(image, pre[i]))
			return true;
	return image && (strcmp(image, "ruby") == 0 || strcmp(image, "library/ruby") == 0);
}

static void
seed_base_env(struct walk *w, const dw_lint_stage *st)
{
	static const char *const aws[] = { "LAMBDA_TASK_ROOT", "/var/task",
	                                   "LAMBDA_RUNTIME_DIR", "/var/runtime", NULL };
	static const char *const ruby[] = { "GEM_HOME", "/usr/local/bundle",
	                                    "BUNDLE_APP_CONFIG", "/usr/local/bundle",
	                                    "BUNDLE_SILENCE_ROOT_WARNING", "1", "LANG", "C.UTF-8", NULL };
	const char *const *v = st->aws_base ? aws : is_library_ruby(st->image) ? ruby : NULL;

	for (size_t i = 0; v && v[i]; i += 2)
		scope_set(w->arena, w->cur, v[i], strlen(v[i]), v[i + 1]);
}

static void
new_stage(struct walk *w, size_t ii)
{
	struct dw_lint_ctx *cx = w->cx;
	const dw_instr *in = &cx->df->instrs[ii];
	dw_lint_stage *st;
	int si = (int)cx->nstages;
	const char *pf;

	if ((cx->nstages & (cx->nstages - 1)) == 0) {  /* 0, 1, 2, 4, ...: double */
		size_t cap = cx->nstages ? 2 * cx->nstages : 1;

		cx->stages = dw_realloc(cx->stages, cap * sizeof *cx->stages);
		w->stage_scope = dw_realloc(w->stage_scope, cap * sizeof *w->stage_scope);
	}
	st = &cx->stages[si];
	memset(st, 0, sizeof *st);
	w->stage_scope[si] = NULL;
	cx->nstages++;
	st->same_name = -1;
	st->root = si;
	st->entrypoint = st->cmd = st->workdir = st->user = DW_NO_INSTR;
	st->first = ii;
	st->end = cx->df->ninstrs;
	if (si > 0)
		cx->stages[si - 1].end = ii;
	st->parent = -1;
	st->shell_posix = true;
	if (in->nargs >= 3 && strcasecmp(in->args[1].value, "as") == 0) {
		st->name = in->args[2].value;
		name_map_add(cx, si);
	}
	w->in_from = true;
	if (in->nargs > 0) {
		size_t before = cx->nundef;

		w->used_arg = false;
		st->image = expand(w, &w->global, in->args[0].value, in->args[0].len, true);
		/* What a build without --build-arg gets (InvalidDefaultArgInFrom). */
		if (w->used_arg) {
			w->unknown_empty = true;
			st->image_default = expand(w, &w->global, in->args[0].value, in->args[0].len,
			                           false);
			w->unknown_empty = false;
		}
		/* An undefined name is reported by its own rule; the image
		 * it leaves behind is not something to judge. */
		if (cx->nundef != before) {
			free(st->image);
			st->image = NULL;
		}
		if (st->image) {
			st->parent = lint_stage_ref(cx, st->image, si);
			/* FROM 0 is an image called "0", not a stage. */
			if (st->parent >= 0 && (!cx->stages[st->parent].name ||
			    strcasecmp(cx->stages[st->parent].name, st->image) != 0))
				st->parent = -1;
		}
	}
	if ((pf = lint_flag(in, "platform", NULL)) != NULL) {
		st->has_platform = true;
		st->platform = expand(w, &w->global, pf, strlen(pf), true);
	}
	w->in_from = false;
	w->cur = &w->stage_scope[si];
	if (st->parent >= 0) {
		const dw_lint_stage *p = &cx->stages[st->parent];

		*w->cur = w->stage_scope[st->parent];
		st->aws_base = p->aws_base;
		st->shell_posix = p->shell_posix;
		st->pipefail = p->pipefail;
		st->shell = p->shell;
		st->workdir_abs = p->workdir_abs;
		st->root = p->root;
		st->entrypoint = p->entrypoint;
		st->cmd = p->cmd;
		st->workdir = p->workdir;
		st->user = p->user;
	} else {
		st->aws_base = dw_lint_is_lambda_image(st->image);
		seed_base_env(w, st);
	}
	push_exp(&cx->info[ii], dw_strdup(st->image));
}

static void
do_instr(struct walk *w, size_t ii)
{
	struct dw_lint_ctx *cx = w->cx;
	const dw_instr *in = &cx->df->instrs[ii];
	dw_lint_info *inf = &cx->info[ii];
	int si = (int)cx->nstages - 1;
	dw_lint_stage *st = &cx->stages[si];
	const char *from;

	inf->stage = si;
	switch (in->kind) {
	case DW_I_ARG:
		do_arg(w, in, false);
		break;
	case DW_I_ENV:
		do_env(w, in, inf);
		break;
	case DW_I_SHELL:
		st->has_shell = true;
		do_shell(in, &st->shell_posix, &st->pipefail);
		st->shell = in->json && in->nargs > 0 ? in->args[0].value : NULL;
		break;
	case DW_I_LABEL:
		for (size_t i = 1; i < in->nargs; i += 3)
			push_exp(inf, expand(w, w->cur, in->args[i].value, in->args[i].len, true));
		break;
	case DW_I_ADD:
	case DW_I_COPY:
	case DW_I_EXPOSE:
	case DW_I_STOPSIGNAL:
	case DW_I_USER:
	case DW_I_VOLUME:
	case DW_I_WORKDIR:
		for (size_t i = 0; i < in->nargs; i++)
			push_exp(inf, expand(w, w->cur, in->args[i].value, in->args[i].len, true));
		if (in->kind == DW_I_COPY && (from = lint_flag(in, "from", NULL)) != NULL) {
			char *v = expand(w, w->cur, from, strlen(from), true);
			int s = lint_stage_ref(cx, v, si);

			if (s >= 0)
				add_copy_edge(st, s);
			free(v);
		}
		break;
	case DW_I_RUN:
		mount_edges(w, in, si);
		break;
	case DW_I_ENTRYPOINT:
		/* As BuildKit: ENTRYPOINT clears an inherited CMD, not one
		 * set earlier in the same stage. */
		st->entrypoint = ii;
		if (!st->cmd_set)
			st->cmd = DW_NO_INSTR;
		break;
	case DW_I_CMD:
		st->cmd = ii;
		st->cmd_set = true;
		break;
	default:
		break;
	}
	if (in->kind == DW_I_WORKDIR) {
		st->workdir = ii;
		st->workdir_abs = true;
	} else if (in->kind == DW_I_USER) {
		st->user = ii;
	}
	inf->shell_posix = st->shell_posix;
	inf->shell_pipefail = st->pipefail;
	inf->shell = st->shell;
}

/* Which stages the final one reaches, with an explicit stack: a chain of
 * thousands of stages must not recurse thousands deep. */
static void
mark_final(struct dw_lint_ctx *cx)
{
	int *stack, n = 0;

	if (cx->final < 0)
		return;
	for (int s = cx->final; s >= 0; s = cx->stages[s].parent)
		cx->stages[s].final_chain = true;
	stack = dw_malloc(cx->nstages * sizeof *stack);
	stack[n++] = cx->final;
	cx->stages[cx->final].used = true;
	while (n > 0) {
		const dw_lint_stage *st = &cx->stages[stack[--n]];

		for (size_t i = 0; i <= st->ncopies; i++) {
			int t = i < st->ncopies ? st->copies[i] : st->parent;

			if (t >= 0 && !cx->stages[t].used) {
				cx->stages[t].used = true;
				stack[n++] = t;
			}
		}
	}
	free(stack);
}

void
lint_stages_build(struct dw_lint_ctx *cx)
{
	struct walk w;
	const dw_dockerfile *df = cx->df;

	memset(&w, 0, sizeof w);
	w.cx = cx;
	w.arena = dw_arena_new();
	w.budget = EXPAND_BUDGET_BASE + EXPAND_BUDGET_PER_BYTE * cx->src_len;
	cx->budget_bytes = w.budget;
	cx->budget_instr = DW_NO_INSTR;
	cx->info = dw_calloc(df->ninstrs ? df->ninstrs : 1, sizeof *cx->info);
	for (size_t i = 0; platform_args[i]; i++)
		scope_set(w.arena, &w.global, platform_args[i], strlen(platform_args[i]), UNKNOWN);
	w.cur = &w.global;
	for (size_t i = 0; i < df->ninstrs; i++) {
		const dw_instr *in = &df->instrs[i];

		w.instr = i;
		cx->info[i].stage = (int)cx->nstages - 1;
		cx->info[i].shell_posix = true;
		if (in->kind == DW_I_FROM) {
			new_stage(&w, i);
			cx->info[i].stage = (int)cx->nstages - 1;
		} else if (cx->nstages == 0) {
			if (in->kind == DW_I_ARG)
				do_arg(&w, in, true);
		} else {
			do_instr(&w, i);
		}
	}
	cx->final = (int)cx->nstages - 1;
	mark_final(cx);
	free(w.stage_scope);
	dw_arena_free(w.arena);
}

void
lint_stages_free(struct dw_lint_ctx *cx)
{
	for (size_t i = 0; i < cx->nstages; i++) {
		free(cx->stages[i].image);
		free(cx->stages[i].image_default);
		free(cx->stages[i].platform);
		free(cx->stages[i].copies);
	}
	free(cx->stages);
	free(cx->name_map);
	for (size_t i = 0; cx->info && i < cx->df->ninstrs; i++) {
		for (size_t j = 0; j < cx->info[i].nexp; j++)
			free(cx->info[i].exp[j]);
		free(cx->info[i].exp);
	}
	free(cx->info);
}
