/*
 * stage.c - the stage model: stages and their FROM parents, COPY --from
 * edges, and ARG/ENV scopes with expanded values.
 *
 * A value we cannot know (an ARG without a default, a platform ARG, an ENV
 * built from one) is stored as UNKNOWN; an expansion that contains it is
 * unknown as a whole, and rules stay silent about it rather than guess.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#define UNKNOWN "\x01"

typedef struct scope {
	dw_strv names;
	dw_strv values;
} scope;

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

static ssize_t
scope_find(const scope *sc, const char *name, size_t n)
{
	for (size_t i = sc->names.n; i > 0; i--)
		if (strlen(sc->names.v[i - 1]) == n && memcmp(sc->names.v[i - 1], name, n) == 0)
			return (ssize_t)(i - 1);
	return -1;
}

static void
scope_set(scope *sc, const char *name, size_t n, const char *val)
{
	ssize_t i = scope_find(sc, name, n);

	if (i >= 0) {
		free(sc->values.v[i]);
		sc->values.v[i] = dw_strdup(val);
		return;
	}
	dw_strv_push(&sc->names, name, n);
	dw_strv_push(&sc->values, val, strlen(val));
}

static void
scope_copy(scope *dst, const scope *src)
{
	for (size_t i = 0; i < src->names.n; i++)
		scope_set(dst, src->names.v[i], strlen(src->names.v[i]), src->values.v[i]);
}

static void
scope_free(scope *sc)
{
	dw_strv_free(&sc->names);
	dw_strv_free(&sc->values);
}

struct walk {
	struct dw_lint_ctx *cx;
	scope global;
	scope *stage_scope;    /* final scope of each stage */
	scope *cur;
	size_t instr;
	bool in_from;
};

static void
on_unset(void *ctx, const char *name, size_t n)
{
	struct walk *w = ctx;
	struct dw_lint_ctx *cx = w->cx;

	if (n == 0 || (name[0] >= '0' && name[0] <= '9'))
		return;
	for (size_t i = 0; i < n; i++)
		if (!(name[i] == '_' || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9')))
			return;
	if (is_proxy(name, n) || (!w->in_from && in_list(base_env, name, n)))
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

/* Expand one word in scope sc; NULL when it holds an unknown value or does
 * not expand. */
static char *
expand(struct walk *w, const scope *sc, const char *s, size_t n, bool report)
{
	dw_shell_opts o;
	dw_env env;
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT;
	char *r = NULL;

	memset(&o, 0, sizeof o);
	o.escape = w->cx->df->escape;
	if (report) {
		o.on_unset = on_unset;
		o.ctx = w;
	}
	env.names = (const char *const *)sc->names.v;
	env.values = (const char *const *)sc->values.v;
	env.n = sc->names.n;
	if (dw_shell_expand(&o, &env, s, n, &out, &err) == 0) {
		const char *v = dw_buf_cstr(&out);

		if (strchr(v, UNKNOWN[0]) == NULL)
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
		char *v;

		if (eq) {
			v = expand(w, w->cur, eq + 1, strlen(eq + 1), true);
			scope_set(w->cur, a, nl, v ? v : UNKNOWN);
			free(v);
		} else if (!global && scope_find(&w->global, a, nl) >= 0) {
			ssize_t g = scope_find(&w->global, a, nl);

			scope_set(w->cur, a, nl, w->global.values.v[g]);
		} else {
			scope_set(w->cur, a, nl, UNKNOWN);
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

		scope_set(w->cur, k->value, k->len, vals[i] ? vals[i] : UNKNOWN);
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

int
lint_stage_ref(const struct dw_lint_ctx *cx, const char *ref, int before)
{
	char *end;
	long k;

	if (ref == NULL || *ref == 0)
		return -1;
	for (int s = 0; s < before && s < (int)cx->nstages; s++)
		if (cx->stages[s].name && strcasecmp(cx->stages[s].name, ref) == 0)
			return s;
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

static void
new_stage(struct walk *w, size_t ii)
{
	struct dw_lint_ctx *cx = w->cx;
	const dw_instr *in = &cx->df->instrs[ii];
	dw_lint_stage *st;
	int si = (int)cx->nstages;
	const char *pf;

	cx->stages = dw_realloc(cx->stages, (cx->nstages + 1) * sizeof *cx->stages);
	w->stage_scope = dw_realloc(w->stage_scope, (cx->nstages + 1) * sizeof *w->stage_scope);
	st = &cx->stages[si];
	memset(st, 0, sizeof *st);
	memset(&w->stage_scope[si], 0, sizeof w->stage_scope[si]);
	cx->nstages++;
	st->first = ii;
	st->end = cx->df->ninstrs;
	if (si > 0)
		cx->stages[si - 1].end = ii;
	st->parent = -1;
	st->shell_posix = true;
	if (in->nargs >= 3 && strcasecmp(in->args[1].value, "as") == 0)
		st->name = in->args[2].value;
	w->in_from = true;
	if (in->nargs > 0) {
		size_t before = cx->nundef;

		st->image = expand(w, &w->global, in->args[0].value, in->args[0].len, true);
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

		scope_copy(w->cur, &w->stage_scope[st->parent]);
		st->aws_base = p->aws_base;
		st->shell_posix = p->shell_posix;
		st->pipefail = p->pipefail;
	} else {
		st->aws_base = lint_is_aws_image(st->image);
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
	default:
		break;
	}
	inf->shell_posix = st->shell_posix;
	inf->shell_pipefail = st->pipefail;
}

void
lint_stages_build(struct dw_lint_ctx *cx)
{
	struct walk w;
	const dw_dockerfile *df = cx->df;

	memset(&w, 0, sizeof w);
	w.cx = cx;
	cx->info = dw_calloc(df->ninstrs ? df->ninstrs : 1, sizeof *cx->info);
	for (size_t i = 0; platform_args[i]; i++)
		scope_set(&w.global, platform_args[i], strlen(platform_args[i]), UNKNOWN);
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
	for (size_t i = 0; i < cx->nstages; i++)
		scope_free(&w.stage_scope[i]);
	free(w.stage_scope);
	scope_free(&w.global);
}

void
lint_stages_free(struct dw_lint_ctx *cx)
{
	for (size_t i = 0; i < cx->nstages; i++) {
		free(cx->stages[i].image);
		free(cx->stages[i].platform);
		free(cx->stages[i].copies);
	}
	free(cx->stages);
	for (size_t i = 0; cx->info && i < cx->df->ninstrs; i++) {
		for (size_t j = 0; j < cx->info[i].nexp; j++)
			free(cx->info[i].exp[j]);
		free(cx->info[i].exp);
	}
	free(cx->info);
}
