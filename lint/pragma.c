/* SPDX-License-Identifier: MIT */
/*
 * pragma.c - inline suppressions:
 *
 *   # hadolint ignore=DL3008,DL3009      the next instruction
 *   # dockwright ignore=ID[,ID]          the next instruction
 *   # hadolint global ignore=...         the whole file (also dockwright)
 *   # dockwright stage ignore=...        the stage whose FROM follows
 *   # check=skip=A,B|all                 BuildKit: file-wide as a parser
 *                                        directive; above a FROM, that stage;
 *                                        above another instruction, it alone
 *   # check=error=true                   BuildKit's checks report as errors
 *
 * Ids may be rule ids or aliases; a trailing "# reason" is allowed.
 */
#include "engine.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static void
add(struct dw_lint_ctx *cx, int scope, size_t where, const dw_rule *r, unsigned sc)
{
	if (cx->npragmas == cx->cappragmas) {
		cx->cappragmas = cx->cappragmas ? cx->cappragmas * 2 : 8;
		cx->pragmas = dw_realloc(cx->pragmas, cx->cappragmas * sizeof *cx->pragmas);
	}
	cx->pragmas[cx->npragmas].scope = scope;
	cx->pragmas[cx->npragmas].where = where;
	cx->pragmas[cx->npragmas].rule = r;
	cx->pragmas[cx->npragmas].sc = sc;
	cx->npragmas++;
}

/* Add each id of the list s[0..n) (separated by `sep` characters). */
static void
add_list(struct dw_lint_ctx *cx, int scope, size_t where, const char *s, size_t n,
         const char *sep, bool all_ok)
{
	size_t i = 0;

	while (i < n) {
		size_t b, e;
		char id[128];

		while (i < n && (strchr(sep, s[i]) || isspace((unsigned char)s[i])))
			i++;
		b = i;
		while (i < n && !strchr(sep, s[i]) && !isspace((unsigned char)s[i]))
			i++;
		e = i;
		if (e == b || e - b >= sizeof id)
			continue;
		memcpy(id, s + b, e - b);
		id[e - b] = 0;
		if (all_ok && strcasecmp(id, "all") == 0) {
			add(cx, scope, where, NULL, 0);
			continue;
		}
		{
			const dw_rule *r = dw_linter_rule(cx->l, id);
			unsigned sc = lint_sc_code(id, e - b);

			/* SC2086: one code of the shellcheck rule. */
			if (r == NULL && sc)
				r = dw_linter_rule(cx->l, "shellcheck");
			else
				sc = 0;
			if (r)
				add(cx, scope, where, r, sc);
		}
	}
}

static size_t
skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	return i;
}

static bool
word_at(const char *s, size_t n, size_t *i, const char *w)
{
	size_t l = strlen(w);

	if (*i + l > n || strncasecmp(s + *i, w, l) != 0)
		return false;
	if (*i + l < n && isalnum((unsigned char)s[*i + l]))
		return false;
	*i += l;
	return true;
}

/* check=skip=A,B;error=true */
static void
check_directive(struct dw_lint_ctx *cx, int scope, size_t where, const char *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t e = i;

		while (e < n && v[e] != ';')
			e++;
		i = skip_ws(v, e, i);
		if (e - i > 5 && strncasecmp(v + i, "skip=", 5) == 0)
			add_list(cx, scope, where, v + i + 5, e - i - 5, ",", true);
		/* error=true: BuildKit fails the build on a check; as a file
		 * directive, the checks become errors here too. */
		if (scope == 2 && e - i >= 10 && strncasecmp(v + i, "error=true", 10) == 0 &&
		    strspn(v + i + 10, " \t") >= e - i - 10)
			cx->checks_error = true;
		i = e + 1;
	}
}

/* One comment; ii is the instruction below it, or DW_NO_INSTR to take only
 * file-wide pragmas (a global ignore works wherever it is written). */
static void
comment(struct dw_lint_ctx *cx, size_t ii, const dw_comment *c)
{
	const char *s = c->text;
	size_t n = c->len, i = 0, e;
	const dw_instr *in = ii == DW_NO_INSTR ? NULL : &cx->df->instrs[ii];
	int scope = 0;
	size_t where = ii;

	i = skip_ws(s, n, i);
	if (in == NULL) {
		if (!word_at(s, n, &i, "hadolint") && !word_at(s, n, &i, "dockwright"))
			return;
		i = skip_ws(s, n, i);
		if (!word_at(s, n, &i, "global"))
			return;
		scope = 2;
		where = 0;
		goto ignore;
	}
	if (word_at(s, n, &i, "check")) {
		i = skip_ws(s, n, i);
		if (i < n && s[i] == '=') {
			i = skip_ws(s, n, i + 1);
			if (in->kind == DW_I_FROM)
				check_directive(cx, 1, (size_t)cx->info[ii].stage, s + i, n - i);
			else
				check_directive(cx, 0, ii, s + i, n - i);
		}
		return;
	}
	if (!word_at(s, n, &i, "hadolint") && !word_at(s, n, &i, "dockwright"))
		return;
	i = skip_ws(s, n, i);
	if (word_at(s, n, &i, "global")) {
		return;  /* taken by the file-wide pass */
	} else if (word_at(s, n, &i, "stage")) {
		if (in->kind != DW_I_FROM)
			return;
		scope = 1;
		where = (size_t)cx->info[ii].stage;
	}
ignore:
	i = skip_ws(s, n, i);
	if (!word_at(s, n, &i, "ignore"))
		return;
	i = skip_ws(s, n, i);
	if (i >= n || s[i] != '=')
		return;
	i++;
	/* A reason after its own '#'. */
	for (e = i; e < n && s[e] != '#'; e++)
		;
	add_list(cx, scope, where, s + i, e - i, ",", false);
}

static bool
is_directive_line(const dw_dockerfile *df, uint32_t line)
{
	for (size_t d = 0; d < df->ndirectives; d++)
		if (df->directives[d].line == line)
			return true;
	return false;
}

void
lint_pragmas_collect(struct dw_lint_ctx *cx)
{
	const dw_dockerfile *df = cx->df;

	for (size_t d = 0; d < df->ndirectives; d++)
		if (strcmp(df->directives[d].key, "check") == 0)
			check_directive(cx, 2, 0, df->directives[d].value,
			                strlen(df->directives[d].value));
	for (size_t k = 0; k < df->ncomments; k++)
		if (!is_directive_line(df, df->comments[k].line))
			comment(cx, DW_NO_INSTR, &df->comments[k]);
	for (size_t ii = 0; ii < df->ninstrs; ii++) {
		const dw_instr *in = &df->instrs[ii];

		for (uint32_t k = 0; k < in->comment_count; k++) {
			const dw_comment *c = &df->comments[in->comment_first + k];

			/* Parser directives are file-wide, not scoped. */
			if (is_directive_line(df, c->line))
				continue;
			comment(cx, ii, c);
		}
	}
}

bool
lint_is_buildkit_check(const dw_rule *r)
{
	const char *p = r->aliases;

	/* BuildKit names are CamelCase: a capital then a lower-case letter. */
	while (p && *p) {
		if (isupper((unsigned char)p[0]) && islower((unsigned char)p[1]))
			return true;
		p = strchr(p, ',');
		p = p ? p + 1 : NULL;
	}
	return false;
}

bool
lint_pragma_suppressed(const struct dw_lint_ctx *cx, size_t instr)
{
	for (size_t i = 0; i < cx->npragmas; i++) {
		const dw_lint_pragma *p = &cx->pragmas[i];

		if (p->rule ? p->rule != cx->rule : !lint_is_buildkit_check(cx->rule))
			continue;
		if (p->sc && p->sc != cx->sc)
			continue;
		if (p->scope == 2)
			return true;
		if (instr == DW_NO_INSTR)
			continue;
		if (p->scope == 0 && p->where == instr)
			return true;
		if (p->scope == 1 && cx->info[instr].stage >= 0 &&
		    p->where == (size_t)cx->info[instr].stage)
			return true;
	}
	return false;
}
