/* SPDX-License-Identifier: MIT */
/*
 * pack.c - declarative rules from YAML packs (rules/NAME.yaml, --rules FILE):
 *
 *   rules:
 *     - id: practice-sudo            # kebab-case, unique
 *       category: practice           # lambda | syntax | practice
 *       severity: error              # error | warning | info | style
 *       aliases: [DL3004]            # optional (a list or "A,B")
 *       message: ...                 # one line
 *       fix: ...
 *       explain: ...
 *       instruction: run             # a keyword, or any
 *       scope: any                   # any | final (the final stage's chain)
 *       match: command               # command (each shell command of RUN) | args
 *       when: '^pip3? install\b'     # optional: only subjects matching this
 *       pattern: '--no-cache-dir'    # PCRE2
 *       mode: must-match             # must-match | must-not-match (default)
 *       cache-mount: skip            # check (default) | skip: RUN lines with
 *                                    # --mount=type=cache are not checked
 *
 * must-not-match reports a subject the pattern matches; must-match reports
 * one it does not match.  Patterns are compiled once, JIT-compiled where
 * PCRE2 supports it.
 */
#include "engine.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Backtracking a hostile line can cost a pattern minutes.  Each match gets
 * PACK_MATCH_LIMIT steps; a pattern that runs out is a finding of its own
 * (the line was not checked), and the rule's budget for the file is spent:
 * it checks no further line of it.
 */
#define PACK_MATCH_LIMIT 1000000u
#define PACK_DEPTH_LIMIT 10000u

struct pack_rule {
	dw_rule r;              /* first: a dw_rule * of a pack rule points here */
	char *aliases;
	pcre2_code *when, *pat;
	pcre2_match_data *md;
	dw_kind kind;           /* DW_I_UNKNOWN: any */
	bool final_only;
	bool per_command;
	bool must_match;
	bool skip_cache_mount;  /* cache-mount: skip */
	/* Command rules: the program names (argv[0] without its directory)
	 * the rule can fire on, read from its pattern; none: any command. */
	dw_strv progs;
	uint64_t first[4];      /* a bit for each byte a program name starts with */
	pcre2_match_context *mc;  /* the step limits below */
	/* Text every subject the rule fires on holds, read from its pattern
	 * (see prefilter.c); NULL: none known. */
	char *needle;
	size_t needle_len;
	/* Where the needle can be looked for before the subject is joined:
	 * without a space it lies within one word of a command, without a
	 * space or '=' within one argument (see run_args). */
	bool needle_in_word, needle_in_arg;
	unsigned uses;          /* matches so far, for jit_when_used */
};

struct dw_pack {
	dw_ydoc *doc;
	struct pack_rule *rules;
	size_t n;
};

static const char *const keys[] = {
	"id", "category", "severity", "aliases", "message", "fix", "explain", "instruction",
	"scope", "match", "when", "pattern", "mode", "cache-mount", NULL
};

static void
perr(dw_diags *d, const char *path, const dw_ynode *n, const char *fmt, const char *arg)
	DW_PRINTF(4, 0);

static void
perr(dw_diags *d, const char *path, const dw_ynode *n, const char *fmt, const char *arg)
{
	dw_span sp = dw_yaml_span(n);
	dw_buf b = DW_BUF_INIT;

	/* fmt is always one of this file's literals with one %s. */
	dw_buf_puts(&b, fmt);
	{
		char *pct = strstr(b.ptr, "%s");
		dw_buf m = DW_BUF_INIT;

		if (pct) {
			dw_buf_put(&m, b.ptr, (size_t)(pct - b.ptr));
			dw_buf_puts(&m, arg);
			dw_buf_puts(&m, pct + 2);
		} else {
			dw_buf_puts(&m, b.ptr);
		}
		dw_diags_add(d, DW_SEV_ERROR, path, sp, NULL, "%s", m.ptr);
		dw_buf_free(&m);
	}
	dw_buf_free(&b);
}

static const char *
scalar(const dw_ynode *map, const char *key, const char *path, bool required, dw_diags *d,
       int *rc)
{
	const dw_ynode *n = dw_yaml_get(map, key);

	if (n == NULL) {
		if (required) {
			perr(d, path, map, "pack rule: missing key '%s'", key);
			*rc = -1;
		}
		return NULL;
	}
	if (n->kind != DW_Y_SCALAR) {
		perr(d, path, n, "pack rule: '%s' must be a string", key);
		*rc = -1;
		return NULL;
	}
	return n->str;
}

static pcre2_code *
compile(const dw_ynode *n, const char *path, dw_diags *d)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re;

	re = pcre2_compile((PCRE2_SPTR)n->str, n->len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
	                   &err, &off, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[256];
		dw_span sp = dw_yaml_span(n);

		pcre2_get_error_message(err, msg, sizeof msg);
		/* The error offset counts from the scalar's first character;
		 * a quoted scalar starts one column after its quote. */
		sp.start.col += (uint32_t)off + (n->plain ? 0 : 1);
		sp.end = sp.start;
		dw_diags_add(d, DW_SEV_ERROR, path, sp, NULL, "bad pattern: %s", (const char *)msg);
		return NULL;
	}
	/* Not JIT-compiled yet: see jit_when_used. */
	return re;
}

static char *
join_aliases(const dw_ynode *n)
{
	dw_buf b = DW_BUF_INIT;

	if (n == NULL)
		return NULL;
	if (n->kind == DW_Y_SCALAR)
		return dw_strndup(n->str, n->len);
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->kind != DW_Y_SCALAR)
			continue;
		if (b.len)
			dw_buf_putc(&b, ',');
		dw_buf_puts(&b, n->items[i]->str);
	}
	return dw_buf_detach(&b);
}

static int
one_rule(struct pack_rule *pr, const dw_ynode *m, const char *path, dw_diags *d)
{
	int rc = 0;
	const char *v;
	const dw_ynode *n;

	if (m->kind != DW_Y_MAP) {
		perr(d, path, m, "pack rule must be a map%s", "");
		return -1;
	}
	for (size_t i = 0; i < m->n; i++) {
		bool ok = false;

		for (size_t k = 0; keys[k] && !ok; k++)
			ok = m->keys[i]->str && strcmp(m->keys[i]->str, keys[k]) == 0;
		if (!ok) {
			perr(d, path, m->keys[i], "pack rule: unknown key '%s'",
			     m->keys[i]->str ? m->keys[i]->str : "?");
			rc = -1;
		}
	}
	pr->r.id = scalar(m, "id", path, true, d, &rc);
	pr->r.message = scalar(m, "message", path, true, d, &rc);
	pr->r.fix = scalar(m, "fix", path, false, d, &rc);
	pr->r.explain = scalar(m, "explain", path, false, d, &rc);
	pr->aliases = join_aliases(dw_yaml_get(m, "aliases"));
	pr->r.aliases = pr->aliases;
	if ((v = scalar(m, "category", path, true, d, &rc)) != NULL) {
		if (strcmp(v, "lambda") == 0) pr->r.category = DW_CAT_LAMBDA;
		else if (strcmp(v, "syntax") == 0) pr->r.category = DW_CAT_SYNTAX;
		else if (strcmp(v, "practice") == 0) pr->r.category = DW_CAT_PRACTICE;
		else {
			perr(d, path, dw_yaml_get(m, "category"),
			     "pack rule: category '%s' is not lambda, syntax or practice", v);
			rc = -1;
		}
	}
	if ((v = scalar(m, "severity", path, true, d, &rc)) != NULL) {
		if (strcmp(v, "error") == 0) pr->r.severity = DW_SEV_ERROR;
		else if (strcmp(v, "warning") == 0) pr->r.severity = DW_SEV_WARNING;
		else if (strcmp(v, "info") == 0) pr->r.severity = DW_SEV_INFO;
		else if (strcmp(v, "style") == 0) pr->r.severity = DW_SEV_STYLE;
		else {
			perr(d, path, dw_yaml_get(m, "severity"),
			     "pack rule: severity '%s' is not error, warning, info or style", v);
			rc = -1;
		}
	}
	if ((v = scalar(m, "instruction", path, true, d, &rc)) != NULL) {
		pr->kind = dw_kind_lookup(v, strlen(v));
		if (pr->kind == DW_I_UNKNOWN && strcmp(v, "any") != 0) {
			perr(d, path, dw_yaml_get(m, "instruction"),
			     "pack rule: '%s' is not an instruction", v);
			rc = -1;
		}
	}
	if ((v = scalar(m, "scope", path, false, d, &rc)) != NULL) {
		if (strcmp(v, "final") == 0)
			pr->final_only = true;
		else if (strcmp(v, "any") != 0) {
			perr(d, path, dw_yaml_get(m, "scope"), "pack rule: scope '%s' is not any or final", v);
			rc = -1;
		}
	}
	pr->per_command = pr->kind == DW_I_RUN;
	if ((v = scalar(m, "match", path, false, d, &rc)) != NULL) {
		if (strcmp(v, "command") == 0 && pr->kind == DW_I_RUN)
			pr->per_command = true;
		else if (strcmp(v, "args") == 0)
			pr->per_command = false;
		else {
			perr(d, path, dw_yaml_get(m, "match"),
			     "pack rule: match '%s' is not args (or command, for run)", v);
			rc = -1;
		}
	}
	if ((v = scalar(m, "mode", path, false, d, &rc)) != NULL) {
		if (strcmp(v, "must-match") == 0)
			pr->must_match = true;
		else if (strcmp(v, "must-not-match") != 0) {
			perr(d, path, dw_yaml_get(m, "mode"),
			     "pack rule: mode '%s' is not must-match or must-not-match", v);
			rc = -1;
		}
	}
	if ((v = scalar(m, "cache-mount", path, false, d, &rc)) != NULL) {
		if (strcmp(v, "skip") == 0)
			pr->skip_cache_mount = true;
		else if (strcmp(v, "check") != 0) {
			perr(d, path, dw_yaml_get(m, "cache-mount"),
			     "pack rule: cache-mount '%s' is not check or skip", v);
			rc = -1;
		}
	}
	if ((n = dw_yaml_get(m, "when")) != NULL && n->kind == DW_Y_SCALAR &&
	    (pr->when = compile(n, path, d)) == NULL)
		rc = -1;
	if (scalar(m, "pattern", path, true, d, &rc) != NULL &&
	    (pr->pat = compile(dw_yaml_get(m, "pattern"), path, d)) == NULL)
		rc = -1;
	if (pr->pat)
		pr->md = pcre2_match_data_create_from_pattern(pr->pat, NULL);
	if ((pr->mc = pcre2_match_context_create(NULL)) != NULL) {
		pcre2_set_match_limit(pr->mc, PACK_MATCH_LIMIT);
		pcre2_set_depth_limit(pr->mc, PACK_DEPTH_LIMIT);
	}
	/* A violation needs `when` to match, or the pattern to match when it
	 * must not: a program name either requires is a cheap first test. */
	if (pr->when || (!pr->must_match && pr->pat)) {
		const char *fires = pr->when ? n->str : dw_yaml_get(m, "pattern")->str;

		if (pr->per_command)
			lint_pattern_progs(fires, &pr->progs);
		for (size_t i = 0; i < pr->progs.n; i++) {
			unsigned char c = (unsigned char)pr->progs.v[i][0];

			pr->first[c / 64] |= (uint64_t)1 << (c % 64);
		}
		if ((pr->needle = lint_pattern_literal(fires)) != NULL) {
			pr->needle_len = strlen(pr->needle);
			pr->needle_in_word = strchr(pr->needle, ' ') == NULL;
			pr->needle_in_arg = strpbrk(pr->needle, " =") == NULL;
		}
	}
	if (pr->r.id == NULL)
		pr->r.id = "";
	return rc;
}

static void
pack_free(struct dw_pack *p)
{
	for (size_t i = 0; i < p->n; i++) {
		pcre2_code_free(p->rules[i].when);
		dw_strv_free(&p->rules[i].progs);
		free(p->rules[i].needle);
		pcre2_code_free(p->rules[i].pat);
		pcre2_match_data_free(p->rules[i].md);
		pcre2_match_context_free(p->rules[i].mc);
		free(p->rules[i].aliases);
	}
	free(p->rules);
	dw_yaml_free(p->doc);
	free(p);
}

int
lint_packs_load(dw_linter *l, const char *path, const char *src, size_t len, dw_diags *d)
{
	struct dw_pack *p;
	const dw_ynode *rules;
	dw_ydoc *doc = dw_yaml_load(src, len, path, d);
	int rc = 0;

	if (doc == NULL)
		return -1;
	rules = doc->root && doc->root->kind == DW_Y_MAP ? dw_yaml_get(doc->root, "rules") : NULL;
	if (rules == NULL || rules->kind != DW_Y_SEQ) {
		dw_span sp = doc->root ? dw_yaml_span(doc->root) : (dw_span){ { 1, 1 }, { 1, 1 } };

		dw_diags_add(d, DW_SEV_ERROR, path, sp, NULL, "a rule pack is a map with a 'rules' list");
		dw_yaml_free(doc);
		return -1;
	}
	if (doc->root->n != 1) {
		/* Every key but the first 'rules' is wrong: unknown, or 'rules'
		 * again (YAML allows the duplicate; a pack must not). */
		bool seen = false;

		for (size_t i = 0; i < doc->root->n; i++) {
			const char *k = doc->root->keys[i]->str;

			if (k && strcmp(k, "rules") == 0 && !seen)
				seen = true;
			else
				perr(d, path, doc->root->keys[i],
				     k && strcmp(k, "rules") == 0 ? "rule pack: '%s' given twice"
				                                  : "rule pack: unknown key '%s'",
				     k ? k : "?");
		}
		dw_yaml_free(doc);
		return -1;
	}
	p = dw_calloc(1, sizeof *p);
	p->doc = doc;
	p->rules = dw_calloc(rules->n ? rules->n : 1, sizeof *p->rules);
	for (size_t i = 0; i < rules->n; i++) {
		if (one_rule(&p->rules[p->n], rules->items[i], path, d) < 0)
			rc = -1;
		p->n++;
	}
	/* An id that a built-in rule or an earlier pack already uses would
	 * make pragmas and config ambiguous: name the pack line that reuses it. */
	for (size_t i = 0; rc == 0 && i < p->n; i++) {
		bool dup = false;

		for (size_t k = 0; k < l->nrules && !dup; k++)
			dup = strcmp(l->rules[k]->id, p->rules[i].r.id) == 0;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(p->rules[k].r.id, p->rules[i].r.id) == 0;
		if (dup) {
			perr(d, path, dw_yaml_get(rules->items[i], "id"),
			     "rule id '%s' is already defined", p->rules[i].r.id);
			rc = -1;
		}
	}
	if (rc < 0) {
		pack_free(p);
		return -1;
	}
	l->packs = dw_realloc(l->packs, (l->npacks + 1) * sizeof *l->packs);
	l->packs[l->npacks++] = p;
	for (size_t i = 0; i < p->n; i++)
		lint_add_rule(l, &p->rules[i].r);
	return 0;
}

void
lint_packs_free(dw_linter *l)
{
	for (size_t i = 0; i < l->npacks; i++)
		pack_free(l->packs[i]);
	free(l->packs);
}

struct run {
	pcre2_match_context *mc;  /* the rule's */
	bool spent;             /* a match ran out of steps in this file */
};

/* 1 match, 0 no match, -1 out of steps (or another matching error). */
static int
matches(struct run *R, pcre2_code *re, pcre2_match_data *md, const char *s, size_t n)
{
	int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, R->mc);

	if (rc >= 0)
		return 1;
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/*
 * JIT-compiling a pattern costs as much as a few hundred matches: for a
 * single small file (a pre-commit hook, a process per file) it was 43% of
 * the whole run.  So patterns start interpreted and are compiled once
 * they have been used this often in the process: at 64 a one-file run
 * compiles none (as at 256) while the corpus run costs 10% less.
 */
#define PACK_JIT_AFTER 64

static void
jit_when_used(struct pack_rule *pr)
{
	if (++pr->uses != PACK_JIT_AFTER)
		return;
	if (pr->when)
		(void)pcre2_jit_compile(pr->when, PCRE2_JIT_COMPLETE);
	if (pr->pat)
		(void)pcre2_jit_compile(pr->pat, PCRE2_JIT_COMPLETE);
}

/* Report when the subject violates the rule: 1 yes, 0 no, -1 unknown. */
static int
violates(struct run *R, struct pack_rule *pr, const char *s, size_t n)
{
	int m;

	if (pr->needle && dw_memfind(s, n, pr->needle, pr->needle_len) == NULL)
		return 0;
	jit_when_used(pr);
	m = pr->when ? matches(R, pr->when, pr->md, s, n) : 1;
	if (m <= 0)
		return m;
	m = matches(R, pr->pat, pr->md, s, n);
	if (m < 0)
		return -1;
	return (m == 1) != pr->must_match;
}

/* Say so when a match ran out of steps, and spend the file's budget. */
static bool
checked(struct dw_lint_ctx *cx, struct run *R, size_t ii, dw_span sp, int v)
{
	if (v >= 0)
		return v == 1;
	R->spent = true;
	lint_report(cx, ii, sp, "rule pattern exceeded its matching budget (%u steps) on this "
	            "line; the line is not checked, nor is the rest of the file",
	            PACK_MATCH_LIMIT);
	return false;
}

/* The text args rules see of argument a of an instruction, NULL for none:
 * values as expanded; ENV and LABEL are NAME=value pairs of triples. */
static const char *
arg_text(const dw_instr *in, const dw_lint_info *inf, size_t a)
{
	if (in->kind == DW_I_ENV || in->kind == DW_I_LABEL) {
		if (a % 3 == 2 || a - a % 3 + 2 >= in->nargs)
			return NULL;
		if (a % 3 == 0)
			return in->args[a].value;
		return a / 3 < inf->nexp && inf->exp[a / 3] ? inf->exp[a / 3] : in->args[a].value;
	}
	if (in->kind == DW_I_FROM)
		return a == 0 && inf->nexp && inf->exp[0] ? inf->exp[0] : in->args[a].value;
	return a < inf->nexp && inf->exp[a] ? inf->exp[a] : in->args[a].value;
}

/* Does some argument hold the rule's needle?  Only asked when
 * needle_in_arg: the needle then cannot span the joints of run_args. */
static bool
args_hold(const struct pack_rule *pr, const dw_instr *in, const dw_lint_info *inf)
{
	for (size_t a = 0; a < in->nargs; a++) {
		const char *t = arg_text(in, inf, a);

		if (t && dw_memfind(t, strlen(t), pr->needle, pr->needle_len))
			return true;
	}
	return false;
}

static void
run_args(struct dw_lint_ctx *cx, struct run *R, struct pack_rule *pr, size_t ii,
         dw_buf *b)
{
	const dw_instr *in = lint_instr(cx, ii);
	const dw_lint_info *inf = &cx->info[ii];
	bool pairs = in->kind == DW_I_ENV || in->kind == DW_I_LABEL;
	dw_span sp;

	/* Most RUN lines of a file lack a rule's keyword: look for it before
	 * joining the arguments. */
	if (pr->needle_in_arg && !args_hold(pr, in, inf))
		return;
	dw_buf_clear(b);
	for (size_t a = 0; a < in->nargs; a++) {
		const char *t = arg_text(in, inf, a);

		if (t == NULL)
			continue;
		/* puts, not printf: a value can be a long script, and printf
		 * copies %s a byte at a time. */
		if (pairs && a % 3 == 1)
			dw_buf_putc(b, '=');
		else if (pairs ? b->len > 0 : a > 0)
			dw_buf_putc(b, ' ');
		dw_buf_puts(b, t);
	}
	sp = in->nargs ? dw_instr_range(in, in->args[0].off, in->end_off) : lint_keyword_span(in);
	if (in->kind == DW_I_MAINTAINER || in->nargs == 0)
		sp = lint_keyword_span(in);
	if (checked(cx, R, ii, sp, violates(R, pr, dw_buf_cstr(b), b->len)))
		lint_report(cx, ii, sp, "%s", pr->r.message);
}

/* Can command c be one the rule fires on?  Its program must be one the
 * pattern names (the first-letter bitmap settles most), and a word of it
 * must hold the needle when the needle cannot span two words of
 * cmd_text.  violates() still has the last word. */
static bool
command_may_fire(const struct pack_rule *pr, const dw_lint_cmd *c)
{
	unsigned char c0 = (unsigned char)c->name[0];

	if (pr->progs.n && (!(pr->first[c0 / 64] >> (c0 % 64) & 1) ||
	                    !dw_strv_has(&pr->progs, c->name)))
		return false;
	if (!pr->needle_in_word)
		return true;
	for (size_t i = 0; i < c->argc; i++)
		if (dw_memfind(c->argv[i], strlen(c->argv[i]), pr->needle, pr->needle_len))
			return true;
	return false;
}

/* A command's words joined by one space, what command patterns match:
 * made once per file, not once per rule. */
static const char *
cmd_text(dw_lint_cmd *c)
{
	dw_buf b = DW_BUF_INIT;

	if (c->text)
		return c->text;
	for (size_t i = 0; i < c->argc; i++) {
		if (i)
			dw_buf_putc(&b, ' ');
		dw_buf_puts(&b, c->argv[i]);
	}
	c->text = dw_buf_detach(&b);
	return c->text;
}

bool
lint_pack_run(struct dw_lint_ctx *cx, const dw_rule *r)
{
	/* The linter owns its pack rules; the use count and the JIT code
	 * are the rule's own cache. */
	struct pack_rule *pr = (struct pack_rule *)r;
	dw_buf b = DW_BUF_INIT;
	struct run R = { pr->mc, false };

	if (r->check != NULL)
		return false;
	for (size_t ii = 0; ii < cx->df->ninstrs && !R.spent; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_lint_info *inf = &cx->info[ii];

		if (pr->kind != DW_I_UNKNOWN && in->kind != pr->kind)
			continue;
		if (pr->final_only && !lint_in_final_chain(cx, inf->stage))
			continue;
		if (pr->skip_cache_mount && in->kind == DW_I_RUN && lint_cache_mount(in, NULL))
			continue;
		if (!pr->per_command) {
			run_args(cx, &R, pr, ii, &b);
			continue;
		}
		for (size_t k = 0; k < inf->ncmds && !R.spent; k++) {
			dw_lint_cmd *c = &cx->cmds[inf->cmd_first + k];
			const char *t;
			int v;

			if (!command_may_fire(pr, c))
				continue;
			t = cmd_text(c);
			v = violates(&R, pr, t, strlen(t));
			if (v != 0 && checked(cx, &R, ii, lint_cmd_span(c, 0, c->argc - 1), v))
				lint_report(cx, ii, lint_cmd_span(c, 0, c->argc - 1), "%s",
				            pr->r.message);
		}
	}
	dw_buf_free(&b);
	return true;
}
