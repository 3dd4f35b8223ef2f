/* SPDX-License-Identifier: MIT */
/* engine.c - the linter: rule registry, configuration, reporting, and the
 * driver that runs every rule over one Dockerfile. */
#include "engine.h"
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
dw_category_name(dw_category c)
{
	switch (c) {
	case DW_CAT_LAMBDA: return "lambda";
	case DW_CAT_SYNTAX: return "syntax";
	case DW_CAT_PRACTICE: return "practice";
	}
	return "?";
}

/* The packs shipped with dockwright (DW_DATA_FILES in mk/lint.mk). */
static const char *const shipped_packs[] = {
	"rules/practice.yaml",
	"rules/syntax.yaml",
	NULL
};

static int
rule_cmp(const void *a, const void *b)
{
	const dw_rule *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

bool
lint_rule_has_alias(const dw_rule *r, const char *alias, size_t n)
{
	const char *p = r->aliases;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && strncasecmp(p, alias, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static const dw_rule *
find_rule(const dw_linter *l, const char *s, size_t n, size_t *idx)
{
	for (size_t i = 0; i < l->nrules; i++) {
		const dw_rule *r = l->rules[i];

		if ((strlen(r->id) == n && strncmp(r->id, s, n) == 0) ||
		    lint_rule_has_alias(r, s, n)) {
			if (idx)
				*idx = i;
			return r;
		}
	}
	return NULL;
}

const dw_rule *
dw_linter_rule(const dw_linter *l, const char *id_or_alias)
{
	return find_rule(l, id_or_alias, strlen(id_or_alias), NULL);
}

size_t
dw_linter_rules(const dw_linter *l, const dw_rule *const **out)
{
	*out = l->rules;
	return l->nrules;
}

static void
add_table(dw_linter *l, const dw_rule *t, size_t *cap)
{
	for (; t->id; t++) {
		if (l->nrules == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			l->rules = dw_realloc(l->rules, *cap * sizeof *l->rules);
		}
		l->rules[l->nrules++] = t;
	}
}

static int
parse_sev(const char *s, dw_severity *sev, bool *off)
{
	static const char *const names[] = { "error", "warning", "info", "style" };

	*off = false;
	for (int i = 0; i < 4; i++)
		if (strcasecmp(s, names[i]) == 0) {
			*sev = (dw_severity)i;
			return 0;
		}
	if (strcasecmp(s, "off") == 0 || strcasecmp(s, "ignore") == 0 ||
	    strcasecmp(s, "none") == 0) {
		*off = true;
		return 0;
	}
	return -1;
}

static dw_span
cfg_span(const dw_cvalue *v)
{
	dw_span sp = { v->pos, v->pos };

	return sp;
}

/* lint.ignore, lint.severity, lint.trusted_registries, lint.target. */
static int
apply_config(dw_linter *l, const dw_config *c, dw_diags *d)
{
	const dw_cvalue *v;
	int rc = 0;
	size_t idx;

	if (c == NULL)
		return 0;
	v = &c->v[DW_CFG_LINT_IGNORE];
	for (size_t i = 0; v->set && i < v->list.n; i++) {
		if (find_rule(l, v->list.v[i], strlen(v->list.v[i]), &idx))
			l->off[idx] = true;
		else if (lint_sc_code(v->list.v[i], strlen(v->list.v[i])))
			dw_strv_push(&l->sc_off, v->list.v[i], strlen(v->list.v[i]));
		else
			dw_diags_add(d, DW_SEV_WARNING, v->where, cfg_span(v), NULL,
			             "lint.ignore: unknown rule '%s'", v->list.v[i]);
	}
	v = &c->v[DW_CFG_LINT_SEVERITY];
	for (size_t i = 0; v->set && i < v->list.n; i++) {
		const char *val = i < v->values.n ? v->values.v[i] : "";
		dw_severity sev;
		bool off;

		if (!find_rule(l, v->list.v[i], strlen(v->list.v[i]), &idx) &&
		    lint_sc_code(v->list.v[i], strlen(v->list.v[i])) &&
		    parse_sev(val, &sev, &off) == 0) {
			dw_buf b = DW_BUF_INIT;

			if (off) {
				dw_strv_push(&l->sc_off, v->list.v[i], strlen(v->list.v[i]));
				continue;
			}
			dw_buf_printf(&b, "SC%u=%d", lint_sc_code(v->list.v[i], strlen(v->list.v[i])),
			              (int)sev);
			dw_strv_push(&l->sc_sev, b.ptr, b.len);
			dw_buf_free(&b);
			continue;
		}
		if (!find_rule(l, v->list.v[i], strlen(v->list.v[i]), &idx)) {
			dw_diags_add(d, DW_SEV_WARNING, v->where, cfg_span(v), NULL,
			             "lint.severity: unknown rule '%s'", v->list.v[i]);
			continue;
		}
		if (parse_sev(val, &sev, &off) < 0) {
			dw_diags_add(d, DW_SEV_ERROR, v->where, cfg_span(v), NULL,
			             "lint.severity: '%s' for %s is not error, warning, info, style or off",
			             val, v->list.v[i]);
			rc = -1;
			continue;
		}
		if (off)
			l->off[idx] = true;
		else
			l->sev[idx] = sev;
	}
	v = &c->v[DW_CFG_LINT_TRUSTED_REGISTRIES];
	if (v->set && v->list.n > 0) {
		l->trusted = dw_calloc(v->list.n, sizeof *l->trusted);
		for (size_t i = 0; i < v->list.n; i++)
			l->trusted[i] = dw_strdup(v->list.v[i]);
		l->ntrusted = v->list.n;
	}
	v = &c->v[DW_CFG_LINT_TARGET];
	if (!l->target_fixed && v->set && v->s && strcmp(v->s, "generic") == 0)
		l->generic = true;
	return rc;
}

/* A pack given by name (label-schema), not a path: one of the opt-in
 * packs shipped in rules/. */
static bool
pack_name(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strchr(s, '/') == NULL && !(n > 5 && strcmp(s + n - 5, ".yaml") == 0) &&
	       !(n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

static int
load_pack_file(dw_linter *l, const char *path, bool shipped, dw_diags *d)
{
	dw_buf b = DW_BUF_INIT, name = DW_BUF_INIT;
	int rc;

	if (!shipped && pack_name(path)) {
		dw_buf_printf(&name, "rules/%s.yaml", path);
		path = name.ptr;
		shipped = true;
	}
	rc = shipped ? dw_data_read(path, &b, d) : dw_file_read(path, &b, d);
	if (rc == 0)
		rc = lint_packs_load(l, path, b.ptr ? b.ptr : "", b.len, d);
	dw_buf_free(&b);
	dw_buf_free(&name);
	return rc;
}

static int
check_unique(dw_linter *l, dw_diags *d)
{
	static const dw_span none;
	int rc = 0;

	for (size_t i = 1; i < l->nrules; i++)
		if (strcmp(l->rules[i - 1]->id, l->rules[i]->id) == 0) {
			dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL,
			             "rule id '%s' is defined twice", l->rules[i]->id);
			rc = -1;
		}
	return rc;
}

dw_linter *
dw_linter_new(const dw_lint_opts *o, dw_diags *d)
{
	static const dw_lint_opts defaults;
	dw_linter *l = dw_calloc(1, sizeof *l);
	size_t cap = 0;
	int rc = 0;

	if (o == NULL)
		o = &defaults;
	l->generic = o->generic;
	l->target_fixed = o->target_fixed;
	l->no_pragmas = o->no_pragmas;
	l->context_dir = o->context_dir;
	add_table(l, dw_rules_lambda, &cap);
	add_table(l, dw_rules_syntax, &cap);
	add_table(l, dw_rules_practice, &cap);
	add_table(l, dw_rules_users, &cap);
	add_table(l, dw_rules_grammar, &cap);
	add_table(l, dw_rules_scope, &cap);
	add_table(l, dw_rules_shellcheck, &cap);
	for (size_t i = 0; shipped_packs[i]; i++)
		if (load_pack_file(l, shipped_packs[i], true, d) < 0)
			rc = -1;
	for (size_t i = 0; o->packs && o->packs[i]; i++)
		if (load_pack_file(l, o->packs[i], false, d) < 0)
			rc = -1;
	/* Pack rules were appended by lint_packs_load. */
	qsort(l->rules, l->nrules, sizeof *l->rules, rule_cmp);
	if (check_unique(l, d) < 0)
		rc = -1;
	l->sev = dw_calloc(l->nrules ? l->nrules : 1, sizeof *l->sev);
	l->off = dw_calloc(l->nrules ? l->nrules : 1, sizeof *l->off);
	for (size_t i = 0; i < l->nrules; i++)
		l->sev[i] = l->rules[i]->severity;
	if (apply_config(l, o->config, d) < 0)
		rc = -1;
	if (rc == 0)
		lint_context_load(l, d);
	if (rc == 0 && lint_shellcheck_setup(l, o->shellcheck, d) < 0)
		rc = -1;
	if (rc < 0) {
		dw_linter_free(l);
		return NULL;
	}
	return l;
}

/* Pack rules are appended to l->rules by pack.c through this. */
void lint_add_rule(dw_linter *l, const dw_rule *r);

void
lint_add_rule(dw_linter *l, const dw_rule *r)
{
	l->rules = dw_realloc(l->rules, (l->nrules + 1) * sizeof *l->rules);
	l->rules[l->nrules++] = r;
}

void
dw_linter_free(dw_linter *l)
{
	if (l == NULL)
		return;
	lint_packs_free(l);
	lint_context_free(l);
	for (size_t i = 0; i < l->ntrusted; i++)
		free(l->trusted[i]);
	free(l->trusted);
	free(l->shellcheck);
	dw_strv_free(&l->sc_off);
	dw_strv_free(&l->sc_sev);
	free(l->rules);
	free(l->sev);
	free(l->off);
	free(l);
}

/* ---- reporting ---------------------------------------------------------- */

/* sev: the rule's milder variant, or -1; sc: a ShellCheck code reported
 * at exactly sev, or 0. */
static void
vreport(struct dw_lint_ctx *cx, size_t instr, dw_span sp, int sev, unsigned sc,
        const char *fmt, va_list ap)
{
	const dw_linter *l = cx->l;
	dw_severity s = l->sev[cx->rule_index];
	char code[24];

	if (cx->trigger && (instr >= cx->df->ninstrs || !cx->trigger[instr]))
		return;
	cx->sc = sc;
	if (!l->no_pragmas && lint_pragma_suppressed(cx, instr))
		return;
	if (sc) {
		snprintf(code, sizeof code, "SC%u", sc);
		lint_findings_vadd(cx->out, (dw_severity)sev, sp, code, fmt, ap);
		return;
	}
	/* A milder variant keeps its distance only while the rule has its
	 * default severity; an explicit override wins. */
	if (sev >= 0 && s == cx->rule->severity && (dw_severity)sev > s)
		s = (dw_severity)sev;
	if (cx->checks_error && lint_is_buildkit_check(cx->rule))
		s = DW_SEV_ERROR;
	lint_findings_vadd(cx->out, s, sp, cx->rule->id, fmt, ap);
}

void
lint_report(struct dw_lint_ctx *cx, size_t instr, dw_span sp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cx, instr, sp, -1, 0, fmt, ap);
	va_end(ap);
}

void
lint_report_sev(struct dw_lint_ctx *cx, size_t instr, dw_span sp, dw_severity sev,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(cx, instr, sp, (int)sev, 0, fmt, ap);
	va_end(ap);
}

unsigned
lint_sc_code(const char *s, size_t n)
{
	unsigned v = 0;

	if (n < 3 || n > 8 || strncasecmp(s, "SC", 2) != 0)
		return 0;
	for (size_t i = 2; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	return v;
}

void
lint_report_sc(struct dw_lint_ctx *cx, size_t instr, dw_span sp, unsigned sc,
               dw_severity sev, const char *fmt, ...)
{
	const dw_strv *o = &cx->l->sc_sev;
	va_list ap;

	for (size_t i = 0; i < o->n; i++) {
		const char *eq = strchr(o->v[i], '=');

		if (eq && lint_sc_code(o->v[i], (size_t)(eq - o->v[i])) == sc)
			sev = (dw_severity)atoi(eq + 1);
	}
	va_start(ap, fmt);
	vreport(cx, instr, sp, (int)sev, sc, fmt, ap);
	va_end(ap);
}

/* ---- helpers ---------------------------------------------------------- */

const dw_instr *
lint_instr(const struct dw_lint_ctx *cx, size_t i)
{
	return &cx->df->instrs[i];
}

dw_span
lint_keyword_span(const dw_instr *in)
{
	dw_span sp = dw_instr_range(in, (size_t)(in->keyword - in->text),
	                            (size_t)(in->keyword - in->text) + in->keyword_len);

	return sp;
}

dw_span
lint_cmd_span(const dw_lint_cmd *c, size_t a, size_t b)
{
	dw_span sp;

	if (c->argc == 0) {
		dw_span z = { { 0, 0 }, { 0, 0 } };
		return z;
	}
	if (b >= c->argc)
		b = c->argc - 1;
	if (a > b)
		a = b;
	sp.start = c->spans[a].start;
	sp.end = c->spans[b].end;
	/* Words of one command may straddle lines; keep end after start. */
	if (sp.end.line < sp.start.line)
		sp.end = c->spans[a].end;
	return sp;
}

static const char *
base_name(const char *s)
{
	const char *p = strrchr(s, '/');

	return p ? p + 1 : s;
}

bool
lint_cmd_is(const dw_lint_cmd *c, const char *name)
{
	const char *n;

	if (c->argc == 0)
		return false;
	n = c->name ? c->name : base_name(c->argv[0]);
	/* Rules ask this of every command for many names: the first byte
	 * settles nearly all of them without a call. */
	return n[0] == name[0] && strcmp(n, name) == 0;
}

bool
lint_str_in(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

size_t
lint_cmd_find(const dw_lint_cmd *c, const char *w)
{
	for (size_t i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], w) == 0)
			return i;
	return 0;
}

/* --long, --long=x, or a short option cluster holding the letter. */
bool
lint_cmd_has_flag(const dw_lint_cmd *c, const char *longf, char shortf)
{
	size_t ll = longf ? strlen(longf) : 0;

	for (size_t i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];

		if (longf && strncmp(a, longf, ll) == 0 && (a[ll] == 0 || a[ll] == '='))
			return true;
		if (shortf && a[0] == '-' && a[1] != '-' && a[1] && strchr(a + 1, shortf))
			return true;
	}
	return false;
}

bool
lint_in_final_chain(const struct dw_lint_ctx *cx, int s)
{
	return s >= 0 && (size_t)s < cx->nstages && cx->stages[s].final_chain;
}

bool
lint_final_uses(const struct dw_lint_ctx *cx, int s)
{
	return s >= 0 && (size_t)s < cx->nstages && cx->stages[s].used;
}

bool
dw_lint_is_lambda_image(const char *image)
{
	/* ECR Public, and the same images on Docker Hub, short or in full. */
	static const char *const pre[] = {
		"public.ecr.aws/lambda/", "amazon/aws-lambda-", "docker.io/amazon/aws-lambda-", NULL
	};

	for (size_t i = 0; image && pre[i]; i++)
		if (lint_str_has_prefix(image, pre[i]))
			return true;
	return false;
}

bool
lint_cache_mount(const dw_instr *in, const char *path)
{
	for (size_t i = 0; i < in->nflags; i++)
		if (strncmp(in->flags[i].value, "--mount=", 8) == 0 &&
		    strstr(in->flags[i].value, "type=cache") &&
		    (path == NULL || strstr(in->flags[i].value, path)))
			return true;
	return false;
}

bool
lint_ends_in_slash(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && s[n - 1] == '/';
}

bool
lint_str_has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* ---- the driver ------------------------------------------------------- */

/*
 * Rules the trigger pass does not run: the Lambda rules judge this image's
 * final process, which a trigger is no part of; a trigger CMD next to the
 * stage's own CMD is not two CMDs in one Dockerfile; and COPY --from in a
 * trigger names a stage of the child's Dockerfile, which we cannot see.
 */
static const char *const trigger_skip[] = {
	"syntax-copy-from-self",
	"syntax-copy-from-undefined",
	"syntax-multiple-instructions",
	"shellcheck",           /* its one run already covers the triggers */
	NULL
};

static bool
rule_active(const dw_linter *l, size_t i, bool triggers)
{
	if (l->off[i])
		return false;
	if ((l->generic || triggers) && l->rules[i]->category == DW_CAT_LAMBDA)
		return false;
	for (size_t k = 0; triggers && trigger_skip[k]; k++)
		if (strcmp(l->rules[i]->id, trigger_skip[k]) == 0)
			return false;
	return true;
}

static void
ctx_free(struct dw_lint_ctx *cx)
{
	lint_stages_free(cx);
	for (size_t i = 0; i < cx->ncmds; i++)
		free(cx->cmds[i].text);
	free(cx->cmds);
	dw_arena_free(cx->arena);
	for (size_t i = 0; i < cx->nundef; i++)
		free(cx->undef[i].name);
	free(cx->undef);
	free(cx->pragmas);
	dw_diags_free(&cx->parse);
	dw_diags_free(&cx->valid);
}

static void
ctx_init(struct dw_lint_ctx *cx, const dw_linter *l, const char *path, size_t len,
         lint_findings *out)
{
	memset(cx, 0, sizeof *cx);
	cx->l = l;
	cx->path = path;
	cx->out = out;
	cx->final = -1;
	cx->context_dir = l->context_dir;
	cx->src_len = len;
}

/*
 * The `# syntax=` frontend, when it is not Docker's own Dockerfile
 * frontend (docker/dockerfile, docker/dockerfile-upstream, on Docker Hub
 * by any spelling, with a tag or digest or none).
 */
static void
frontend_of(struct dw_lint_ctx *cx)
{
	static const char *const docker[] = { "docker/dockerfile", "docker/dockerfile-upstream",
	                                      NULL };
	const dw_dockerfile *df = cx->df;

	for (size_t i = 0; i < df->ndirectives; i++) {
		const char *v = df->directives[i].value;
		char *name;

		if (strcmp(df->directives[i].key, "syntax") != 0 || v == NULL || *v == '\0')
			continue;
		if (strncmp(v, "docker.io/", 10) == 0)
			v += 10;
		name = dw_strndup(v, strcspn(v, ":@"));
		if (!lint_str_in(docker, name))
			cx->frontend = df->directives[i].value;
		free(name);
	}
	for (size_t i = 0; cx->frontend && i < df->ninstrs && !cx->foreign; i++)
		cx->foreign = df->instrs[i].kind == DW_I_UNKNOWN;
}

/* Build the model of cx->df and run every active rule over it. */
static void
lint_run(struct dw_lint_ctx *cx)
{
	const dw_linter *l = cx->l;

	lint_stages_build(cx);
	for (size_t i = 0; i < cx->df->ninstrs; i++)
		lint_shell_view(cx, i);
	if (!l->no_pragmas)
		lint_pragmas_collect(cx);
	for (size_t i = 0; i < l->nrules; i++) {
		if (!rule_active(l, i, cx->trigger != NULL))
			continue;
		cx->rule = l->rules[i];
		cx->rule_index = i;
		if (cx->rule->check)
			cx->rule->check(cx);
		else
			lint_pack_run(cx, cx->rule);
	}
	ctx_free(cx);
}

/* ONBUILD's instruction, as a top-level instruction of its own: the body
 * of a heredoc, the comments above and the last line belong to the
 * ONBUILD line.  NULL when it is nothing a build could run. */
static bool
trigger_of(const dw_instr *in, dw_instr *out)
{
	const dw_instr *s = in->sub;

	if (in->kind != DW_I_ONBUILD || s == NULL || s->kind == DW_I_UNKNOWN ||
	    s->kind == DW_I_ONBUILD || s->kind == DW_I_FROM || s->kind == DW_I_MAINTAINER)
		return false;
	*out = *s;
	out->heredocs = in->heredocs;
	out->nheredocs = in->nheredocs;
	out->end_line = in->end_line;
	out->comment_first = in->comment_first;
	out->comment_count = in->comment_count;
	return true;
}

/*
 * Lint ONBUILD triggers like the instructions they wrap, without running
 * them in this image: a copy of the file where each stage's triggers
 * follow its last instruction (a child image runs them after everything
 * this stage did, with its SHELL, ENV, WORKDIR and USER), linted with the
 * rules that are not about this image's process; only findings on a
 * trigger are kept.
 */
static void
lint_triggers(const dw_linter *l, const dw_dockerfile *df, const char *path, size_t len,
              lint_findings *out)
{
	dw_dockerfile v = *df;
	dw_instr *iv = dw_calloc(df->ninstrs + 1, sizeof *iv);
	dw_instr *pend = dw_calloc(df->ninstrs + 1, sizeof *pend);
	bool *trig = dw_calloc(df->ninstrs + 1, sizeof *trig);
	size_t n = 0, np = 0, ntrig = 0;
	struct dw_lint_ctx cx;

	for (size_t i = 0; i <= df->ninstrs; i++) {
		const dw_instr *in = i < df->ninstrs ? &df->instrs[i] : NULL;

		if (in == NULL || in->kind == DW_I_FROM) {
			for (size_t k = 0; k < np; k++) {
				trig[n] = true;
				iv[n++] = pend[k];
			}
			ntrig += np;
			np = 0;
		}
		if (in && in->kind == DW_I_ONBUILD) {
			if (trigger_of(in, &pend[np]))
				np++;
		} else if (in) {
			iv[n++] = *in;
		}
	}
	if (ntrig > 0) {
		v.instrs = iv;
		v.ninstrs = n;
		ctx_init(&cx, l, path, len, out);
		cx.df = &v;
		cx.trigger = trig;
		lint_run(&cx);
	}
	free(iv);
	free(pend);
	free(trig);
}

static bool
has_onbuild(const dw_dockerfile *df)
{
	for (size_t i = 0; i < df->ninstrs; i++)
		if (df->instrs[i].kind == DW_I_ONBUILD)
			return true;
	return false;
}

int
dw_lint_emit(dw_linter *l, const char *path, const char *src, size_t len,
             dw_lint_emit_fn fn, void *ctx)
{
	static const dw_span start = { { 1, 1 }, { 1, 1 } };
	struct dw_lint_ctx cx;
	lint_findings out;
	dw_dockerfile *df;
	int rc = 0;

	memset(&out, 0, sizeof out);
	ctx_init(&cx, l, path, len, &out);
	df = dw_parse(src, len, path, NULL, &cx.parse);
	if (df == NULL) {
		for (size_t i = 0; i < cx.parse.n; i++) {
			dw_diag *g = &cx.parse.v[i];

			if (g->sev == DW_SEV_ERROR)
				lint_findings_add(&out, DW_SEV_ERROR, g->span, "parse-error", g->message,
				                  strlen(g->message));
		}
		if (out.n == 0)
			lint_findings_add(&out, DW_SEV_ERROR, start, "parse-error",
			                  "the file did not parse", 22);
		dw_diags_free(&cx.parse);
		rc = -1;
	} else {
		cx.df = df;
		dw_validate(df, &cx.valid);
		frontend_of(&cx);
		lint_run(&cx);
		if (has_onbuild(df))
			lint_triggers(l, df, path, len, &out);
		dw_dockerfile_free(df);
	}
	lint_findings_emit(&out, path, fn, ctx);
	lint_findings_free(&out);
	return rc;
}

static void
append_diag(void *ctx, const dw_diag *dg)
{
	dw_diags_add(ctx, dg->sev, dg->path, dg->span, dg->code, "%s", dg->message);
}

int
dw_lint_source(dw_linter *l, const char *path, const char *src, size_t len,
               dw_diags *out)
{
	return dw_lint_emit(l, path, src, len, append_diag, out);
}
