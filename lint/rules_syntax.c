/* SPDX-License-Identifier: MIT */
/* rules_syntax.c - BuildKit's build checks and parse problems. */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


static size_t
instr_at_line(const struct dw_lint_ctx *cx, uint32_t line)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);

		if (line >= in->start_line && line <= in->end_line)
			return i;
	}
	return DW_NO_INSTR;
}

static dw_span
word_span(const dw_instr *in, size_t i)
{
	return dw_word_span(in, &in->args[i]);
}

/* ---- validate and parser diagnostics ---- */

static void
validate_diags(struct dw_lint_ctx *cx, bool unknown)
{
	for (size_t i = 0; i < cx->valid.n; i++) {
		const dw_diag *g = &cx->valid.v[i];
		bool u = strncmp(g->message, "unknown instruction", 19) == 0;

		if (u != unknown)
			continue;
		/* dockerfile-x and the like add instructions of their own. */
		if (u && cx->frontend)
			lint_report_sev(cx, instr_at_line(cx, g->span.start.line), g->span,
			                DW_SEV_INFO, "%s: the frontend %s may define it (not checked)",
			                g->message, cx->frontend);
		else
			lint_report(cx, instr_at_line(cx, g->span.start.line), g->span, "%s",
			            g->message);
	}
}

static void
check_unknown_instruction(struct dw_lint_ctx *cx)
{
	validate_diags(cx, true);
}

static void
check_invalid_instruction(struct dw_lint_ctx *cx)
{
	validate_diags(cx, false);
}

static void
check_empty_continuation(struct dw_lint_ctx *cx)
{
	for (size_t i = 0; i < cx->parse.n; i++) {
		const dw_diag *g = &cx->parse.v[i];

		if (g->code && strcmp(g->code, "NoEmptyContinuation") == 0)
			lint_report(cx, instr_at_line(cx, g->span.start.line), g->span,
			            "empty line inside a continued instruction");
	}
}

/* ---- stages ---- */

static const dw_word *
stage_name_word(const dw_instr *in)
{
	if (in->kind == DW_I_FROM && in->nargs >= 3 && strcasecmp(in->args[1].value, "as") == 0)
		return &in->args[2];
	return NULL;
}

static void
check_duplicate_stage(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		int t = cx->stages[s].same_name;
		const dw_instr *in;

		if (t < 0)
			continue;
		in = lint_instr(cx, cx->stages[s].first);
		lint_report(cx, cx->stages[s].first, dw_word_span(in, stage_name_word(in)),
		            "stage name '%s' is already used by stage %d", cx->stages[s].name, t);
	}
}

static void
check_reserved_stage(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const char *n = cx->stages[s].name;
		const dw_instr *in = lint_instr(cx, cx->stages[s].first);

		if (n && (strcasecmp(n, "scratch") == 0 || strcasecmp(n, "context") == 0))
			lint_report(cx, cx->stages[s].first, dw_word_span(in, stage_name_word(in)),
			            "'%s' is a reserved word and cannot name a stage", n);
	}
}

static bool
valid_stage_name(const char *n)
{
	if (!isalpha((unsigned char)n[0]))
		return false;
	for (n++; *n; n++)
		if (!isalnum((unsigned char)*n) && !strchr("-_.", *n))
			return false;
	return true;
}

static void
check_stage_casing(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const char *n = cx->stages[s].name;
		const dw_instr *in = lint_instr(cx, cx->stages[s].first);
		bool upper = false;

		if (!n || !valid_stage_name(n))
			continue;
		for (const char *p = n; *p; p++)
			upper |= isupper((unsigned char)*p) != 0;
		if (upper)
			lint_report(cx, cx->stages[s].first, dw_word_span(in, stage_name_word(in)),
			            "stage name '%s' should be lower case", n);
	}
}

static void
check_stage_invalid(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const char *n = cx->stages[s].name;
		const dw_instr *in = lint_instr(cx, cx->stages[s].first);

		if (n && !valid_stage_name(n))
			lint_report(cx, cx->stages[s].first, dw_word_span(in, stage_name_word(in)),
			            "invalid stage name '%s': use a letter, then letters, digits, '-', '_' or '.'",
			            n);
	}
}

static int
word_case(const char *s, size_t n)
{
	bool up = false, lo = false;

	for (size_t i = 0; i < n; i++) {
		up |= isupper((unsigned char)s[i]) != 0;
		lo |= islower((unsigned char)s[i]) != 0;
	}
	return up && lo ? 0 : up ? 1 : 2; /* 0 mixed, 1 upper, 2 lower */
}

static void
check_from_as_casing(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		const dw_word *w = stage_name_word(in);
		int kc, ac;

		if (!w)
			continue;
		kc = word_case(in->keyword, in->keyword_len);
		ac = word_case(in->args[1].value, in->args[1].len);
		if ((kc == 1 && ac != 1) || (kc == 2 && ac != 2))
			lint_report(cx, i, word_span(in, 1),
			            "'%s' and '%.*s' keywords' casing do not match",
			            in->args[1].value, (int)in->keyword_len, in->keyword);
	}
}

/* ---- COPY --from ---- */

static bool
looks_like_image(const char *v)
{
	return strpbrk(v, ":/@") != NULL;
}

static void
copy_from(struct dw_lint_ctx *cx, bool self)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		const dw_word *w = NULL;
		const char *v;
		int si = cx->info[i].stage;

		if (in->kind != DW_I_COPY || si < 0 || (v = lint_flag(in, "from", &w)) == NULL)
			continue;
		/* --from with no value: syntax-invalid-instruction says so. */
		if (strchr(v, '$') || *v == '\0')
			continue;
		if (self) {
			const char *n = cx->stages[si].name;

			if (n && strcasecmp(n, v) == 0)
				lint_report(cx, i, dw_word_span(in, w),
				            "COPY --from=%s refers to the stage it is in", v);
			continue;
		}
		if (lint_stage_ref(cx, v, si) >= 0 || looks_like_image(v) || cx->foreign)
			continue;
		if (cx->stages[si].name && strcasecmp(cx->stages[si].name, v) == 0)
			continue;
		lint_report(cx, i, dw_word_span(in, w),
		            "COPY --from=%s: no stage of that name is defined before this one", v);
	}
}

static void
check_copy_from_undefined(struct dw_lint_ctx *cx)
{
	copy_from(cx, false);
}

static void
check_copy_from_self(struct dw_lint_ctx *cx)
{
	copy_from(cx, true);
}

/* ---- variables ---- */

/* The span of the first reference to `name` in the instruction. */
static dw_span
ref_span(const dw_instr *in, const char *name)
{
	size_t n = strlen(name);
	const char *t = in->text, *p = t + (in->keyword - t) + in->keyword_len;
	const char *e = t + in->end_off;

	for (; p < e; p++) {
		if (*p != '$')
			continue;
		if ((size_t)(e - p) > n + 1 && p[1] == '{' && strncmp(p + 2, name, n) == 0)
			return dw_instr_range(in, (size_t)(p - t), (size_t)(p - t) + n + 2);
		if ((size_t)(e - p) > n && strncmp(p + 1, name, n) == 0)
			return dw_instr_range(in, (size_t)(p - t), (size_t)(p - t) + n + 1);
	}
	return dw_instr_span(in);
}

static void
undefined(struct dw_lint_ctx *cx, bool in_from)
{
	/* A frontend's own instructions may define any variable. */
	for (size_t k = 0; k < cx->nundef && !cx->foreign; k++) {
		const dw_lint_undef *u = &cx->undef[k];

		/* stage.c keeps one entry per name and instruction. */
		if (u->in_from != in_from)
			continue;
		/* A base image we know nothing of may set any variable in its
		 * ENV (BuildKit reads it; we do not pull images): cannot tell. */
		if (!in_from && !lint_base_known(lint_root_image(cx, cx->info[u->instr].stage)))
			continue;
		lint_report(cx, u->instr, ref_span(lint_instr(cx, u->instr), u->name),
		            in_from ? "FROM uses $%s, which no ARG before the first FROM declares"
		                    : "$%s is not defined by an ARG or ENV before it", u->name);
	}
}

static void
check_expansion_budget(struct dw_lint_ctx *cx)
{
	size_t i = cx->budget_instr;

	if (i == DW_NO_INSTR)
		return;
	lint_report(cx, i, lint_keyword_span(lint_instr(cx, i)),
	            "variable expansion passed the file's budget of %zu bytes here; "
	            "this and later values are treated as unknown", cx->budget_bytes);
}

static void
check_undefined_var(struct dw_lint_ctx *cx)
{
	undefined(cx, false);
}

static void
check_undefined_arg_in_from(struct dw_lint_ctx *cx)
{
	undefined(cx, true);
}

/* A tag: a word character, then up to 127 of [A-Za-z0-9_.-]. */
static bool
valid_tag(const char *t, size_t n)
{
	if (n == 0 || n > 128 || !(isalnum((unsigned char)t[0]) || t[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)t[i]) || strchr("_.-", t[i])))
			return false;
	return true;
}

static bool
invalid_image_ref(const char *s)
{
	size_t n = strlen(s);
	const char *slash, *colon, *at;

	if (n == 0 || s[0] == ':' || s[0] == '@' || s[0] == '/' || s[n - 1] == ':' ||
	    s[n - 1] == '/' || strstr(s, "::") || strstr(s, "//"))
		return true;
	slash = strrchr(s, '/');
	for (const char *p = slash ? slash : s; *p && *p != ':' && *p != '@'; p++)
		if (isupper((unsigned char)*p))
			return true;
	at = strchr(s, '@');
	colon = strchr(slash ? slash : s, ':');
	if (colon && (!at || colon < at))
		return !valid_tag(colon + 1, (size_t)((at ? at : s + n) - colon - 1));
	return false;
}

/* The FROM image with every global ARG at its default (unset = empty);
 * the stage model expands it once. */
static void
check_invalid_default_arg(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const dw_lint_stage *st = &cx->stages[s];
		const char *v = st->image_default;

		if (v == NULL || lint_stage_ref(cx, v, (int)s) >= 0 || !invalid_image_ref(v))
			continue;
		lint_report(cx, st->first, word_span(lint_instr(cx, st->first), 0),
		            "with the default values of its ARGs, FROM names '%s', not a valid image", v);
	}
}

static void
check_workdir_relative(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		int p = cx->stages[s].parent;
		bool abs = p >= 0 && cx->stages[p].workdir_abs;

		for (size_t i = cx->stages[s].first; i < cx->stages[s].end && !abs; i++) {
			const dw_instr *in = lint_instr(cx, i);
			const char *v;

			if (in->kind != DW_I_WORKDIR || in->nargs == 0)
				continue;
			v = cx->info[i].nexp ? cx->info[i].exp[0] : NULL;
			if (v == NULL || v[0] == '/' || (isalpha((unsigned char)v[0]) && v[1] == ':')) {
				abs = true;
				continue;
			}
			lint_report(cx, i, word_span(in, 0),
			            "relative WORKDIR '%s' depends on the base image's working directory", v);
		}
	}
}

/* ---- instruction forms ---- */

/* Was this meant as JSON?  '["' at once, or a closing ']' after a quote
 * or with commas.  "[ -f x ] && ..." is the shell's test command. */
static bool
meant_as_json(const dw_instr *in)
{
	const char *t = in->text + in->args[0].off, *e = in->text + in->end_off, *p = t + 1;
	bool closed;

	if (p < e && (*p == '"' || *p == '\'' || *p == ']'))
		return true;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > t && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	closed = e > t + 1 && e[-1] == ']';
	return closed && (*p == '"' || *p == '\'' || memchr(t, ',', (size_t)(e - t)) != NULL);
}

static void
check_json_fallback(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);

		if (in->json_fallback && (in->nargs == 0 || meant_as_json(in)))
			lint_report(cx, i, in->nargs ? dw_instr_range(in, in->args[0].off, in->end_off)
			                             : dw_instr_span(in),
			            "this looks like a JSON array but is not valid JSON, so %.*s runs it in shell form",
			            (int)in->keyword_len, in->keyword);
	}
}

static void
check_multiple(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		static const dw_kind kinds[] = { DW_I_CMD, DW_I_ENTRYPOINT, DW_I_HEALTHCHECK };

		for (size_t k = 0; k < 3; k++) {
			size_t last = DW_NO_INSTR;

			for (size_t i = cx->stages[s].end; i > cx->stages[s].first; i--) {
				const dw_instr *in = lint_instr(cx, i - 1);

				if (in->kind != kinds[k])
					continue;
				if (last == DW_NO_INSTR) {
					last = i - 1;
					continue;
				}
				lint_report(cx, i - 1, lint_keyword_span(in),
				            "%.*s is overridden by the one on line %u; only the last takes effect",
				            (int)in->keyword_len, in->keyword,
				            lint_instr(cx, last)->start_line);
			}
		}
	}
}

static void
check_legacy_kv(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);

		if ((in->kind == DW_I_ENV || in->kind == DW_I_LABEL) && in->nargs == 3 &&
		    in->args[2].len == 0)
			lint_report(cx, i, dw_instr_range(in, in->args[0].off, in->end_off),
			            "use %.*s %s=value; the form without '=' is deprecated",
			            (int)in->keyword_len, in->keyword, in->args[0].value);
	}
}

/* Parse "80", "80/tcp", "8000-8080/udp". -1 bad, 0 ok; proto_off gets the
 * offset of the protocol or 0. */
static int
parse_port(const char *s, size_t *proto)
{
	const char *p = s;
	long a, b;
	char *e;

	*proto = 0;
	if (!isdigit((unsigned char)*p))
		return -1;
	a = strtol(p, &e, 10);
	b = a;
	if (*e == '-') {
		if (!isdigit((unsigned char)e[1]))
			return -1;
		b = strtol(e + 1, &e, 10);
	}
	if (a < 0 || a > 65535 || b < 0 || b > 65535 || b < a)
		return -1;
	if (*e == '/') {
		*proto = (size_t)(e + 1 - s);
		if (strcasecmp(e + 1, "tcp") && strcasecmp(e + 1, "udp") && strcasecmp(e + 1, "sctp"))
			return -1;
		return 0;
	}
	return *e == 0 ? 0 : -1;
}

static void
expose(struct dw_lint_ctx *cx, bool casing)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);

		if (in->kind != DW_I_EXPOSE)
			continue;
		for (size_t a = 0; a < in->nargs && a < cx->info[i].nexp; a++) {
			const char *v = cx->info[i].exp[a];
			size_t proto;
			int r;

			if (v == NULL || strchr(in->args[a].value, '$'))
				continue;
			r = parse_port(v, &proto);
			if (!casing && r < 0)
				lint_report(cx, i, word_span(in, a),
				            "EXPOSE %s: expected PORT, PORT/PROTO or FROM-TO/PROTO, with ports 0-65535 and tcp, udp or sctp",
				            v);
			if (casing && r == 0 && proto && word_case(v + proto, strlen(v + proto)) != 2)
				lint_report(cx, i, word_span(in, a), "write the protocol of EXPOSE %s in lower case",
				            v);
		}
	}
}

static void
check_expose_invalid(struct dw_lint_ctx *cx)
{
	expose(cx, false);
}

static void
check_expose_casing(struct dw_lint_ctx *cx)
{
	expose(cx, true);
}

static void
check_instruction_casing(struct dw_lint_ctx *cx)
{
	size_t up = 0, lo = 0;

	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		int c = word_case(in->keyword, in->keyword_len);

		up += c == 1;
		lo += c == 2;
	}
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		int c = word_case(in->keyword, in->keyword_len);

		if (c == 0 || (c == 1 && lo > up) || (c == 2 && up >= lo))
			lint_report(cx, i, lint_keyword_span(in),
			            "instruction '%.*s' should be written in %s case like the rest of the file",
			            (int)in->keyword_len, in->keyword, lo > up ? "lower" : "upper");
	}
}

/* ---- secrets ---- */

/* 0: not a secret name, 1: a secret's name, 2: a Bundler host credential */
static int
secret_name(const char *s, size_t n)
{
	static const char *const bad[] = { "apikey", "auth", "credential", "credentials", "key",
	                                   "password", "pword", "passwd", "secret", "token", NULL };
	/* GPG/PGP key ids and fingerprints are public by design; so are
	 * paths, ids and names of keys. */
	static const char *const good[] = { "public", "file", "version", "gpg", "pgp", "gnupg",
	                                    "path", "id", "ids", "name", "fingerprint", NULL };
	bool hit = false;
	size_t i = 0;

	/* Bundler's per-host credential: BUNDLE_GEMS__EXAMPLE__COM=user:pass
	 * ("__" stands for "." in the host). */
	if (n > 7 && strncasecmp(s, "BUNDLE_", 7) == 0)
		for (size_t k = 7; k + 1 < n; k++)
			if (s[k] == '_' && s[k + 1] == '_')
				return 2;
	while (i < n) {
		size_t b = i, l;

		while (i < n && s[i] != '_' && s[i] != '-')
			i++;
		l = i - b;
		for (size_t k = 0; good[k]; k++)
			if (strlen(good[k]) == l && strncasecmp(good[k], s + b, l) == 0)
				return 0;
		for (size_t k = 0; bad[k]; k++)
			if (strlen(bad[k]) == l && strncasecmp(bad[k], s + b, l) == 0)
				hit = true;
		i++;
	}
	return hit ? 1 : 0;
}

static size_t
name_len(const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);

	return eq ? (size_t)(eq - s) : n;
}

static void
check_secret_name(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		size_t step = in->kind == DW_I_ENV ? 3 : 1;

		if (in->kind != DW_I_ARG && in->kind != DW_I_ENV)
			continue;
		for (size_t a = 0; a < in->nargs; a += step) {
			size_t nl = name_len(in->args[a].value, in->args[a].len);
			int k = secret_name(in->args[a].value, nl);
			int st = cx->info[i].stage;

			/* The usual way to hand Bundler a gem server's credential
			 * is a build arg of a builder stage, whose history the
			 * image does not keep: only the shipped chain matters. */
			if (k == 2 && (st < 0 || !cx->stages[st].final_chain))
				continue;
			if (k)
				lint_report(cx, i, word_span(in, a),
				            "%.*s %.*s: build args and env values stay in the image; pass secrets with RUN --mount=type=secret",
				            (int)in->keyword_len, in->keyword, (int)nl, in->args[a].value);
		}
	}
}

/* Well-known credential shapes. */
static bool
secret_value(const char *v)
{
	static const char *const prefixes[] = { "AKIA", "ASIA", "ghp_", "gho_", "github_pat_",
	                                        "glpat-", "xoxb-", "xoxp-", "sk_live_", "-----BEGIN",
	                                        NULL };
	const char *p = v;

	while (*p == '"' || *p == '\'')
		p++;
	for (size_t k = 0; prefixes[k]; k++) {
		size_t l = strlen(prefixes[k]);

		if (strncmp(p, prefixes[k], l) == 0 && strlen(p) >= l + 12)
			return true;
	}
	return false;
}

static void
check_secret_value(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);

		if (in->kind == DW_I_ENV) {
			for (size_t a = 1; a < in->nargs; a += 3)
				if (secret_value(in->args[a].value))
					lint_report(cx, i, word_span(in, a),
					            "ENV %s holds what looks like a credential", in->args[a - 1].value);
		} else if (in->kind == DW_I_ARG) {
			for (size_t a = 0; a < in->nargs; a++) {
				const char *eq = strchr(in->args[a].value, '=');

				if (eq && secret_value(eq + 1))
					lint_report(cx, i, word_span(in, a),
					            "the default of ARG %.*s looks like a credential",
					            (int)(eq - in->args[a].value), in->args[a].value);
			}
		}
	}
}

static void
check_json_args(struct dw_lint_ctx *cx)
{
	bool lambda = !cx->l->generic;

	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		int s = cx->info[i].stage;

		if ((in->kind != DW_I_CMD && in->kind != DW_I_ENTRYPOINT) || in->json ||
		    in->nargs == 0 || s < 0 || cx->stages[s].has_shell)
			continue;
		/* The lambda rules report the final stage more precisely;
		 * not a trigger, which runs in some other image. */
		if (lambda && s == cx->final && cx->trigger == NULL)
			continue;
		lint_report(cx, i, dw_instr_range(in, in->args[0].off, in->end_off),
		            "use the JSON form for %.*s so it gets signals and no shell in between",
		            (int)in->keyword_len, in->keyword);
	}
}

static void
check_redundant_platform(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, i) {
		const dw_instr *in = lint_instr(cx, i);
		const dw_word *w;
		const char *v;

		if (in->kind == DW_I_FROM && (v = lint_flag(in, "platform", &w)) != NULL &&
		    (strcmp(v, "$TARGETPLATFORM") == 0 || strcmp(v, "${TARGETPLATFORM}") == 0))
			lint_report(cx, i, dw_word_span(in, w),
			            "--platform=$TARGETPLATFORM is the default; drop it");
	}
}

const dw_rule dw_rules_syntax[] = {
	{ "syntax-unknown-instruction", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "unknown instruction",
	  "Correct the spelling of the instruction keyword.",
	  "BuildKit refuses a Dockerfile with an instruction it does not know, so the build\n"
	  "fails before any step runs. The keyword is usually a typo (the message suggests the\n"
	  "closest real one) or a line that was meant to continue the previous instruction.\n"
	  "Under a '# syntax=' frontend other than Docker's (dockerfile-x's INCLUDE, say) the\n"
	  "frontend may define it: then it is an info, and the stages, stage names and variables\n"
	  "such instructions may bring are not reported missing.",
	  check_unknown_instruction },
	{ "syntax-invalid-instruction", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "BuildKit rejects this instruction's flags or shape",
	  "Fix or remove the flag named in the message.",
	  "BuildKit's instruction layer checks each instruction's flags (unknown, repeated or\n"
	  "missing a value), what ONBUILD may wrap, and the shape of FROM and HEALTHCHECK. Any of\n"
	  "these stops the build.",
	  check_invalid_instruction },
	{ "syntax-empty-continuation", DW_CAT_SYNTAX, DW_SEV_WARNING, "NoEmptyContinuation",
	  "empty line inside a continued instruction",
	  "Delete the blank line or end the instruction before it.",
	  "A blank line inside a backslash-continued instruction is skipped today, but BuildKit\n"
	  "warns that it will become an error. It also hides where the instruction really ends.",
	  check_empty_continuation },
	{ "syntax-duplicate-stage-name", DW_CAT_SYNTAX, DW_SEV_ERROR, "DL3024,DuplicateStageName",
	  "two stages have the same name",
	  "Give each stage its own name.",
	  "Stage names are how FROM and COPY --from refer to earlier stages. With two stages of\n"
	  "the same name, the reference is ambiguous and BuildKit rejects the file.",
	  check_duplicate_stage },
	{ "syntax-reserved-stage-name", DW_CAT_SYNTAX, DW_SEV_WARNING, "DL3063,ReservedStageName",
	  "stage named with a reserved word",
	  "Rename the stage.",
	  "'scratch' means the empty image and 'context' the build context; a stage with either\n"
	  "name can never be referred to as a stage.",
	  check_reserved_stage },
	{ "syntax-stage-name-casing", DW_CAT_SYNTAX, DW_SEV_WARNING, "StageNameCasing",
	  "stage name is not lower case",
	  "Write the stage name in lower case.",
	  "BuildKit lower-cases stage names before comparing them, so 'Builder' and 'builder' are\n"
	  "the same stage. Writing them in lower case avoids surprises.",
	  check_stage_casing },
	{ "syntax-invalid-stage-name", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "stage name has characters BuildKit does not allow",
	  "Start with a letter; use only letters, digits, '-', '_' and '.'.",
	  "BuildKit accepts stage names that match [a-z][a-z0-9-_.]* after lower-casing and fails\n"
	  "the build for any other.",
	  check_stage_invalid },
	{ "syntax-from-as-casing", DW_CAT_SYNTAX, DW_SEV_WARNING, "FromAsCasing",
	  "FROM and AS are written in different cases",
	  "Write AS in the same case as FROM.",
	  "A matter of consistency: BuildKit flags 'FROM image as name' because the keyword pair\n"
	  "is read as one construct.",
	  check_from_as_casing },
	{ "syntax-copy-from-undefined", DW_CAT_SYNTAX, DW_SEV_WARNING, "DL3022",
	  "COPY --from names no earlier stage",
	  "Define the stage before this one, or use a full image reference with a tag.",
	  "COPY --from takes a stage name, a stage number or an image. A bare word that is not an\n"
	  "earlier stage is pulled as an image, which is rarely what was meant: usually the stage\n"
	  "is misspelled or defined later in the file. Values with ':', '/' or '@' are taken as\n"
	  "images and not reported.",
	  check_copy_from_undefined },
	{ "syntax-copy-from-self", DW_CAT_SYNTAX, DW_SEV_ERROR, "DL3023",
	  "COPY --from names its own stage",
	  "Copy from an earlier stage, or use a plain COPY.",
	  "A stage cannot copy from itself: it does not exist yet while it is being built.",
	  check_copy_from_self },
	{ "syntax-copy-source-missing", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "a COPY or ADD source is not in the build context (--context)",
	  "Fix the path: it is relative to the build context, not to the Dockerfile.",
	  "With --context DIR, every COPY and ADD source that is not a URL, a heredoc or a COPY\n"
	  "--from is looked up in DIR (wildcards too): BuildKit stops with 'not found' when\n"
	  "nothing is there. Sources with a variable dockwright cannot resolve, '..' or '**' are\n"
	  "not checked.",
	  lint_check_copy_missing },
	{ "syntax-copy-source-ignored", DW_CAT_SYNTAX, DW_SEV_ERROR, "CopyIgnoredFile",
	  "a COPY or ADD source is excluded by .dockerignore (--context)",
	  "Remove the path from .dockerignore (or add a !exception), or stop copying it.",
	  "The build context BuildKit receives leaves out what DIR/.dockerignore excludes, so a\n"
	  "COPY naming such a file or directory fails with 'not found' although the file is on\n"
	  "disk. Wildcard sources are not reported: they copy what remains.",
	  lint_check_copy_ignored },
	{ "syntax-expansion-budget", DW_CAT_SYNTAX, DW_SEV_WARNING, NULL,
	  "variable expansion grew past the linter's budget",
	  "Do not build values by repeating other values; check for a runaway ARG/ENV chain.",
	  "Each ARG, ENV or FROM line may repeat earlier values, so a few short lines can double\n"
	  "their way to gigabytes. The linter charges every byte that expansion produces against\n"
	  "a budget of 256 KiB plus 16 bytes per byte of the file; when it runs out, this finding\n"
	  "marks the instruction, and that value and every later one count as unknown, so the\n"
	  "rules that need them stay silent. BuildKit would expand such a file, slowly, into\n"
	  "values no real image uses.",
	  check_expansion_budget },
	{ "syntax-undefined-var", DW_CAT_SYNTAX, DW_SEV_WARNING, "UndefinedVar",
	  "variable is not defined",
	  "Declare it with ARG or ENV earlier in the stage (a global ARG must be re-declared).",
	  "Instructions that the builder expands (ADD, COPY, ENV, EXPOSE, LABEL, STOPSIGNAL, USER,\n"
	  "VOLUME, WORKDIR) replace an unset variable with nothing, silently. A global ARG (before\n"
	  "the first FROM) is only visible to FROM lines; a stage must say 'ARG NAME' to use it.\n"
	  "BuildKit knows the base image's environment; we do not pull images, so a short list\n"
	  "of names base images commonly set (PATH, HOME, LANG, GEM_HOME, BUNDLE_APP_CONFIG,\n"
	  "RUBY_VERSION, LAMBDA_TASK_ROOT and others) is taken as defined. On a base image that\n"
	  "is neither an official one nor an AWS Lambda one (ghcr.io/org/base, say) any name may\n"
	  "come from its ENV, so nothing is reported there.",
	  check_undefined_var },
	{ "syntax-undefined-arg-in-from", DW_CAT_SYNTAX, DW_SEV_WARNING, "UndefinedArgInFrom",
	  "FROM uses a variable no global ARG declares",
	  "Declare it with ARG before the first FROM.",
	  "Only ARGs declared before the first FROM (and the automatic platform ARGs) can be used\n"
	  "in FROM lines; anything else expands to nothing.",
	  check_undefined_arg_in_from },
	{ "syntax-invalid-default-arg-in-from", DW_CAT_SYNTAX, DW_SEV_WARNING, "InvalidDefaultArgInFrom",
	  "FROM is not a valid image with the ARGs' default values",
	  "Give the ARG a default that makes a valid image reference.",
	  "When no --build-arg is passed, the global ARG defaults are used. If that makes FROM an\n"
	  "empty or malformed reference (':3.3', 'ruby:'), the build fails unless every caller\n"
	  "remembers the build arg.",
	  check_invalid_default_arg },
	{ "syntax-workdir-relative", DW_CAT_SYNTAX, DW_SEV_WARNING, "DL3000,WorkdirRelativePath",
	  "relative WORKDIR before any absolute one",
	  "Use an absolute path.",
	  "A relative WORKDIR is resolved against the base image's working directory, which can\n"
	  "change when the base image does. Once a stage has an absolute WORKDIR, relative ones\n"
	  "after it are fine.",
	  check_workdir_relative },
	{ "syntax-json-fallback", DW_CAT_SYNTAX, DW_SEV_WARNING, NULL,
	  "arguments look like JSON but are not valid JSON",
	  "Use double quotes and commas: [\"cmd\", \"arg\"].",
	  "When the text after the keyword starts with '[' but is not a valid JSON array of\n"
	  "strings (single quotes, a missing bracket, a Windows path with lone backslashes), the\n"
	  "builder silently treats it as shell form, so ['x'] runs a command called ['x'].",
	  check_json_fallback },
	{ "syntax-multiple-instructions", DW_CAT_SYNTAX, DW_SEV_WARNING,
	  "DL4003,DL4004,DL3012,MultipleInstructionsDisallowed",
	  "CMD, ENTRYPOINT or HEALTHCHECK is set again later in the stage",
	  "Keep only the last one.",
	  "Each of these sets one value of the image config; only the last one in a stage takes\n"
	  "effect, so earlier ones are dead code that misleads readers.",
	  check_multiple },
	{ "syntax-legacy-key-value", DW_CAT_SYNTAX, DW_SEV_WARNING, "LegacyKeyValueFormat",
	  "ENV or LABEL without '='",
	  "Write KEY=value.",
	  "'ENV KEY value' takes the whole rest of the line as the value, which surprises when\n"
	  "there are spaces ('ENV A 1 B 2' sets A to '1 B 2'). The form is deprecated.",
	  check_legacy_kv },
	{ "syntax-expose-invalid", DW_CAT_SYNTAX, DW_SEV_ERROR, "DL3011,ExposeInvalidFormat",
	  "EXPOSE is not a valid port",
	  "Write PORT or PORT/tcp|udp|sctp with a port between 0 and 65535.",
	  "EXPOSE only documents container ports; it cannot publish to a host address, and a\n"
	  "port outside 0-65535 or an unknown protocol is rejected.",
	  check_expose_invalid },
	{ "syntax-expose-proto-casing", DW_CAT_SYNTAX, DW_SEV_WARNING, "ExposeProtoCasing",
	  "EXPOSE protocol is not lower case",
	  "Write tcp, udp or sctp in lower case.",
	  "Protocols are lower case in the image config; other spellings are normalised or\n"
	  "rejected by tools that read it.",
	  check_expose_casing },
	{ "syntax-instruction-casing", DW_CAT_SYNTAX, DW_SEV_WARNING, "ConsistentInstructionCasing",
	  "instruction keyword casing differs from the rest of the file",
	  "Write every keyword in the same case (upper case is the convention).",
	  "Keywords are case-insensitive, but a file that mixes 'RUN' and 'run' (or writes 'Run')\n"
	  "is harder to read and to search.",
	  check_instruction_casing },
	{ "syntax-secret-name", DW_CAT_SYNTAX, DW_SEV_WARNING, "DL3064,SecretsUsedInArgOrEnv",
	  "ARG or ENV name suggests a secret",
	  "Use RUN --mount=type=secret instead.",
	  "ARG and ENV values are recorded in the image's history and config, where anyone who can\n"
	  "pull the image reads them. A name with a token such as password, secret, token, key,\n"
	  "auth, apikey or credential (split on '_') is reported, unless a token says public, file,\n"
	  "version, path, id, name or fingerprint, or names a GPG/PGP key (GPG_KEY is a public\n"
	  "fingerprint). Bundler's per-host credentials, BUNDLE_<HOST> with '__' for each dot\n"
	  "(BUNDLE_GEMS__CONTRIBSYS__COM=user:pass), are reported in the final stage and its\n"
	  "FROM ancestors, whose history ships; a builder stage's ARG does not reach the image.",
	  check_secret_name },
	{ "syntax-secret-value", DW_CAT_SYNTAX, DW_SEV_WARNING, NULL,
	  "ARG or ENV value looks like a credential",
	  "Remove it and rotate the credential.",
	  "A value shaped like an AWS access key id, a GitHub or GitLab token, a Slack token, a\n"
	  "Stripe live key or a PEM private key is written into the Dockerfile and the image.",
	  check_secret_value },
	{ "syntax-json-args", DW_CAT_SYNTAX, DW_SEV_WARNING, "DL3025,JSONArgsRecommended",
	  "CMD or ENTRYPOINT in shell form",
	  "Use the JSON form: CMD [\"executable\", \"arg\"].",
	  "In shell form the command runs under /bin/sh -c, which becomes PID 1 and does not pass\n"
	  "signals on, so the container does not stop cleanly. A stage with an explicit SHELL is\n"
	  "not reported. Under the lambda profile the final stage is left to the lambda rules.",
	  check_json_args },
	{ "syntax-redundant-target-platform", DW_CAT_SYNTAX, DW_SEV_WARNING,
	  "DL3065,RedundantTargetPlatform",
	  "--platform=$TARGETPLATFORM is redundant",
	  "Remove the flag.",
	  "Stages are built for the target platform by default; saying so adds nothing.",
	  check_redundant_platform },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
