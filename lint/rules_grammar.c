/* SPDX-License-Identifier: MIT */
/*
 * rules_grammar.c - values BuildKit parses when it builds: HEALTHCHECK
 * durations and retries, STOPSIGNAL, --chmod modes and the FROM image
 * reference.  A value holding a variable we cannot know is not judged.
 */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Go's time.ParseDuration: [+-]? (number unit)+ or "0". */
static bool
go_duration(const char *s)
{
	static const char *const units[] = { "ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m",
	                                     "h", NULL };

	if (*s == '+' || *s == '-')
		s++;
	if (strcmp(s, "0") == 0)
		return true;
	if (*s == 0)
		return false;
	while (*s) {
		bool digits = false;
		size_t k;

		while (isdigit((unsigned char)*s)) {
			s++;
			digits = true;
		}
		if (*s == '.') {
			s++;
			while (isdigit((unsigned char)*s)) {
				s++;
				digits = true;
			}
		}
		if (!digits)
			return false;
		/* Longest unit first: "ms" before "m". */
		for (k = 0; units[k]; k++)
			if (strncmp(s, units[k], strlen(units[k])) == 0 &&
			    !(strcmp(units[k], "m") == 0 && s[1] == 's'))
				break;
		if (units[k] == NULL)
			return false;
		s += strlen(units[k]);
	}
	return true;
}

static bool
signal_ok(const char *s)
{
	static const char *const sig[] = {
		"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "IOT", "BUS", "FPE", "KILL", "USR1", "SEGV",
		"USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
		"URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "POLL", "PWR", "SYS", NULL
	};
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && *end == 0)
		return n >= 1 && n <= 64;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	if (strncasecmp(s, "RTMIN", 5) == 0 || strncasecmp(s, "RTMAX", 5) == 0)
		return true;
	for (size_t i = 0; sig[i]; i++)
		if (strcasecmp(s, sig[i]) == 0)
			return true;
	return false;
}

/* Octal (644, 0755) or symbolic (u=rwx,go=rx; a+X). */
static bool
mode_ok(const char *m)
{
	size_t n = strlen(m);

	if (n > 0 && strspn(m, "01234567") == n)
		return n <= 4;
	for (const char *p = m; *p; ) {
		p += strspn(p, "ugoa");
		if (*p != '+' && *p != '-' && *p != '=')
			return false;
		while (*p == '+' || *p == '-' || *p == '=') {
			p++;
			p += strspn(p, "rwxXst");
		}
		if (*p == ',')
			p++;
		else if (*p)
			return false;
	}
	return n > 0;
}

static void
check_values(struct dw_lint_ctx *cx)
{
	static const char *const durations[] = { "interval", "timeout", "start-period",
	                                         "start-interval", NULL };

	for (size_t ii = 0; ii < cx->df->ninstrs; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_word *w = NULL;
		const char *v;

		if (in->kind == DW_I_HEALTHCHECK) {
			for (size_t k = 0; durations[k]; k++)
				if ((v = lint_flag(in, durations[k], &w)) && !strchr(v, '$') && !go_duration(v))
					lint_report(cx, ii, dw_word_span(in, w),
					            "--%s=%s is not a duration (e.g. 30s, 1m30s)", durations[k], v);
			if ((v = lint_flag(in, "retries", &w)) && !strchr(v, '$') &&
			    (v[0] == 0 || strspn(v, "0123456789") != strlen(v)))
				lint_report(cx, ii, dw_word_span(in, w), "--retries=%s is not a whole number", v);
		} else if (in->kind == DW_I_STOPSIGNAL && in->nargs == 1 && cx->info[ii].nexp == 1 &&
		           (v = cx->info[ii].exp[0]) != NULL && !signal_ok(v)) {
			lint_report(cx, ii, dw_word_span(in, &in->args[0]),
			            "STOPSIGNAL %s is not a signal name or number", v);
		} else if ((in->kind == DW_I_COPY || in->kind == DW_I_ADD) &&
		           (v = lint_flag(in, "chmod", &w)) && !strchr(v, '$') && !mode_ok(v)) {
			lint_report(cx, ii, dw_word_span(in, w),
			            "--chmod=%s is not a mode (octal such as 644, or u=rw,go=r)", v);
		}
	}
}

/* A reference: [registry/]path[:tag][@digest], path components lower
 * case [a-z0-9] separated by '.', '_', '__' or '-'. */
static bool
image_ok(const char *s)
{
	const char *at = strchr(s, '@'), *slash, *colon, *end;
	const char *first_slash = strchr(s, '/'), *p;

	if (*s == 0 || strcmp(s, "scratch") == 0)
		return *s != 0;
	end = at ? at : s + strlen(s);
	slash = NULL;
	for (p = s; p < end; p++)
		if (*p == '/')
			slash = p;
	colon = memchr(slash ? slash : s, ':', (size_t)(end - (slash ? slash : s)));
	if (colon) {
		size_t tl = (size_t)(end - colon - 1);

		if (tl == 0 || tl > 128 || !(isalnum((unsigned char)colon[1]) || colon[1] == '_'))
			return false;
		for (p = colon + 1; p < end; p++)
			if (!isalnum((unsigned char)*p) && !strchr("_.-", *p))
				return false;
		end = colon;
	}
	if (at && (strncmp(at + 1, "sha256:", 7) != 0 || strlen(at + 8) != 64 ||
	           strspn(at + 8, "0123456789abcdef") != 64))
		return false;
	/* The registry (first part with '.' or ':' or "localhost") may have
	 * upper case and a port; the path may not. */
	p = s;
	if (first_slash && first_slash < end &&
	    (memchr(s, '.', (size_t)(first_slash - s)) || memchr(s, ':', (size_t)(first_slash - s)) ||
	     strncmp(s, "localhost/", 10) == 0))
		p = first_slash + 1;
	if (p >= end)
		return false;
	for (const char *c = p; c < end; c++) {
		bool sep = *c == '.' || *c == '_' || *c == '-' || *c == '/';

		if (!(islower((unsigned char)*c) || isdigit((unsigned char)*c) || sep))
			return false;
		if (sep && (c == p || c + 1 == end || (c[1] == '/' || (*c == '/' && !isalnum((unsigned char)c[1])))))
			return false;
	}
	return true;
}

static void
check_image(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const dw_lint_stage *st = &cx->stages[s];
		const dw_instr *in = lint_instr(cx, st->first);

		if (st->image == NULL || st->parent >= 0 || in->nargs == 0 || image_ok(st->image) ||
		    lint_stage_ref(cx, st->image, (int)s) >= 0)
			continue;
		lint_report(cx, st->first, dw_word_span(in, &in->args[0]),
		            "'%s' is not a valid image reference (lower-case repository, tag of "
		            "letters, digits, '_', '.', '-')", st->image);
	}
}

static void
check_quotes(struct dw_lint_ctx *cx)
{
	for (size_t ii = 0; ii < cx->df->ninstrs; ii++) {
		const dw_lint_info *inf = &cx->info[ii];

		if (inf->has_bad_quote && inf->shell_posix && !lint_instr(cx, ii)->json)
			lint_report(cx, ii, inf->bad_quote,
			            "this quote is never closed: the shell stops with a syntax error");
	}
}

const dw_rule dw_rules_grammar[] = {
	{ "syntax-invalid-value", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "a HEALTHCHECK, STOPSIGNAL or --chmod value BuildKit cannot parse",
	  "Write a duration (30s), a whole number, a signal (SIGTERM) or a mode (644).",
	  "BuildKit parses these values when it builds: HEALTHCHECK --interval, --timeout,\n"
	  "--start-period and --start-interval are Go durations (30s, 1m30s), --retries a whole\n"
	  "number; STOPSIGNAL a signal name (with or without SIG) or number; COPY/ADD --chmod an\n"
	  "octal mode or a symbolic one (u=rw,go=r). Anything else fails the build.",
	  check_values },
	{ "syntax-invalid-image", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "FROM names something that is not an image reference",
	  "Write the repository in lower case, and a tag of letters, digits, '_', '.' and '-'.",
	  "An image reference is [registry/]repository[:tag][@sha256:digest]. Repository path\n"
	  "components are lower case; a tag starts with a letter, digit or '_' and has at most\n"
	  "128 characters. BuildKit rejects anything else before pulling. A reference built from\n"
	  "a variable dockwright cannot know is not judged.",
	  check_image },
	{ "syntax-unbalanced-quote", DW_CAT_SYNTAX, DW_SEV_ERROR, NULL,
	  "a RUN script has a quote that is never closed",
	  "Close the quote (a ' inside a word needs \\' or double quotes around it).",
	  "The shell reads a RUN line (or a heredoc script) as one script; an opening ' or \"\n"
	  "without its partner makes it fail with 'unterminated quoted string' before any command\n"
	  "runs. Only POSIX shells are checked.",
	  check_quotes },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
