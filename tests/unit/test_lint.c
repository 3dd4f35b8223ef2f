/* SPDX-License-Identifier: MIT */
/* test_lint.c - unit tests of the lint engine: shell view positions,
 * pragmas, configuration, packs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "engine.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

static dw_diags
lint(const char *src, const dw_lint_opts *o)
{
	dw_diags d = DW_DIAGS_INIT, out = DW_DIAGS_INIT;
	dw_linter *l = dw_linter_new(o, &d);

	assert_non_null(l);
	dw_lint_source(l, "Dockerfile", src, strlen(src), &out);
	dw_linter_free(l);
	dw_diags_free(&d);
	return out;
}

/* Lint src with the generic profile (no Lambda rules). */
static dw_diags
lint_generic(const char *src)
{
	dw_lint_opts o;

	memset(&o, 0, sizeof o);
	o.generic = true;
	return lint(src, &o);
}

static size_t
count(const dw_diags *d, const char *id)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].code && strcmp(d->v[i].code, id) == 0;
	return n;
}

/* How many findings of rule id src gets under the generic profile. */
static size_t
count_generic(const char *src, const char *id)
{
	dw_diags d = lint_generic(src);
	size_t n = count(&d, id);

	dw_diags_free(&d);
	return n;
}

static const dw_diag *
find(const dw_diags *d, const char *id)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].code && strcmp(d->v[i].code, id) == 0)
			return &d->v[i];
	return NULL;
}

static void
test_position_in_continuation(void **state)
{
	dw_diags d = lint("FROM debian:12\n"
	                  "RUN apt-get update && \\\n"
	                  "    apt-get install -y --no-install-recommends curl && \\\n"
	                  "    sudo rm -rf /var/lib/apt/lists/*\n", NULL);
	const dw_diag *g = find(&d, "practice-sudo");

	(void)state;
	assert_non_null(g);
	assert_int_equal(g->span.start.line, 4);
	assert_int_equal(g->span.start.col, 5);
	dw_diags_free(&d);
}

static void
test_position_in_heredoc(void **state)
{
	dw_diags d = lint("FROM debian:12\n"
	                  "RUN <<EOF\n"
	                  "set -e\n"
	                  "  apt-get install curl\n"
	                  "EOF\n", NULL);
	const dw_diag *g = find(&d, "practice-apt-get-yes");

	(void)state;
	assert_non_null(g);
	assert_int_equal(g->span.start.line, 4);
	assert_int_equal(g->span.start.col, 3);
	dw_diags_free(&d);
}

static void
test_heredoc_not_shell(void **state)
{
	dw_diags d = lint("FROM python:3.12\n"
	                  "RUN python3 <<EOF\n"
	                  "sudo = 1\n"
	                  "EOF\n", NULL);

	(void)state;
	assert_int_equal(count(&d, "practice-sudo"), 0);
	dw_diags_free(&d);
}

static void
test_pragmas(void **state)
{
	dw_diags d = lint("# hadolint global ignore=DL3007\n"
	                  "FROM debian:latest\n"
	                  "# hadolint ignore=DL3004 # needed\n"
	                  "RUN sudo true\n"
	                  "RUN sudo false\n", NULL);

	(void)state;
	assert_int_equal(count(&d, "practice-from-latest"), 0);
	assert_int_equal(count(&d, "practice-sudo"), 1);
	dw_diags_free(&d);
}

static void
test_stage_pragma_and_check(void **state)
{
	dw_diags d = lint("# check=skip=StageNameCasing\n"
	                  "FROM debian:12 AS Build\n"
	                  "# dockwright stage ignore=practice-sudo\n"
	                  "FROM debian:12 AS two\n"
	                  "RUN sudo true\n"
	                  "FROM debian:12 AS three\n"
	                  "RUN sudo true\n", NULL);

	(void)state;
	assert_int_equal(count(&d, "syntax-stage-name-casing"), 0);
	assert_int_equal(count(&d, "practice-sudo"), 1);
	dw_diags_free(&d);
}

static void
test_no_pragmas(void **state)
{
	dw_lint_opts o;
	dw_diags d;

	(void)state;
	memset(&o, 0, sizeof o);
	o.no_pragmas = true;
	d = lint("FROM debian:12\n# hadolint ignore=DL3004\nRUN sudo true\n", &o);
	assert_int_equal(count(&d, "practice-sudo"), 1);
	dw_diags_free(&d);
}

static void
test_generic_has_no_lambda(void **state)
{
	dw_lint_opts o;
	dw_diags d;

	(void)state;
	memset(&o, 0, sizeof o);
	d = lint("FROM ruby:3.3\nCMD echo hi\n", &o);
	assert_true(count(&d, "lambda-no-runtime-client") == 1);
	dw_diags_free(&d);
	o.generic = true;
	d = lint("FROM ruby:3.3\nCMD echo hi\n", &o);
	for (size_t i = 0; i < d.n; i++)
		assert_true(strncmp(d.v[i].code, "lambda-", 7) != 0);
	assert_int_equal(count(&d, "syntax-json-args"), 1);
	dw_diags_free(&d);
}

static void
test_config_severity_and_ignore(void **state)
{
	dw_config c;
	dw_lint_opts o;
	dw_diags d;
	const dw_diag *g;

	(void)state;
	memset(&c, 0, sizeof c);
	memset(&o, 0, sizeof o);
	o.config = &c;
	o.generic = true;
	c.v[DW_CFG_LINT_IGNORE].set = true;
	dw_strv_push(&c.v[DW_CFG_LINT_IGNORE].list, "DL3007", 6);
	c.v[DW_CFG_LINT_SEVERITY].set = true;
	dw_strv_push(&c.v[DW_CFG_LINT_SEVERITY].list, "practice-sudo", 13);
	dw_strv_push(&c.v[DW_CFG_LINT_SEVERITY].values, "style", 5);
	d = lint("FROM debian:latest\nRUN sudo true\n", &o);
	assert_int_equal(count(&d, "practice-from-latest"), 0);
	g = find(&d, "practice-sudo");
	assert_non_null(g);
	assert_int_equal(g->sev, DW_SEV_STYLE);
	dw_diags_free(&d);
	dw_strv_free(&c.v[DW_CFG_LINT_IGNORE].list);
	dw_strv_free(&c.v[DW_CFG_LINT_SEVERITY].list);
	dw_strv_free(&c.v[DW_CFG_LINT_SEVERITY].values);
}

static void
test_aliases(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_linter *l = dw_linter_new(NULL, &d);

	(void)state;
	assert_non_null(l);
	assert_string_equal(dw_linter_rule(l, "DL3008")->id, "practice-apt-pin");
	assert_string_equal(dw_linter_rule(l, "JSONArgsRecommended")->id, "syntax-json-args");
	assert_string_equal(dw_linter_rule(l, "DL4000")->id, "syntax-maintainer");
	assert_null(dw_linter_rule(l, "DL9999"));
	dw_linter_free(l);
	dw_diags_free(&d);
}

/* Lint src, generic, with one user pack whose text is yaml. */
static dw_diags
lint_pack(const char *yaml, const char *src)
{
	const char *path = "test_lint_user_pack.yaml";
	const char *packs[] = { path, NULL };
	dw_lint_opts o;
	dw_diags d;
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(yaml, f);
	fclose(f);
	memset(&o, 0, sizeof o);
	o.packs = packs;
	o.generic = true;
	d = lint(src, &o);
	remove(path);
	return d;
}

/* The errors of a pack that must not load (the linter is refused). */
static dw_diags
pack_errors(const char *yaml)
{
	const char *path = "test_lint_bad_pack.yaml";
	const char *packs[] = { path, NULL };
	dw_lint_opts o;
	dw_diags d = DW_DIAGS_INIT;
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(yaml, f);
	fclose(f);
	memset(&o, 0, sizeof o);
	o.packs = packs;
	assert_null(dw_linter_new(&o, &d));
	assert_true(d.n >= 1);
	remove(path);
	return d;
}

static void
test_bad_pack(void **state)
{
	dw_diags d;

	(void)state;
	d = pack_errors("rules:\n"
	                "  - id: my-rule\n"
	                "    category: practice\n"
	                "    severity: info\n"
	                "    message: m\n"
	                "    instruction: run\n"
	                "    pattern: 'ab(c'\n");
	assert_int_equal(d.v[0].span.start.line, 7);
	assert_int_equal(d.v[0].span.start.col, 14 + 1 + 4);
	dw_diags_free(&d);
	d = pack_errors("rules:\n  - id: my-rule\n    category: practice\n    severity: info\n"
	                "    message: m\n    instruction: run\n    pattern: x\n    colour: red\n");
	assert_int_equal(d.v[0].span.start.line, 8);
	dw_diags_free(&d);
}

static void
test_user_pack(void **state)
{
	dw_diags d;

	(void)state;
	d = lint_pack("rules:\n  - id: no-curl-bash\n    category: practice\n    severity: warning\n"
	              "    message: do not pipe curl to bash\n    instruction: run\n"
	              "    match: command\n    pattern: '^bash$'\n",
	              "FROM debian:12\nRUN curl -s x | bash\n");
	assert_int_equal(count(&d, "no-curl-bash"), 1);
	dw_diags_free(&d);
}

/* The pack of man dockwright-lint's RULE PACKS, every key used, loads
 * and finds what it says; cache-mount: skip leaves out RUN lines with a
 * cache mount (the built-in pip, apk and yarn cache rules use it). */
static void
test_documented_pack(void **state)
{
	static const char *const pack =
		"rules:\n"
		"  - id: no-curl-insecure\n    category: practice\n    severity: warning\n"
		"    aliases: [ORG001]\n    message: curl --insecure skips the TLS checks\n"
		"    fix: Install the CA certificate instead.\n"
		"    explain: |\n      Why it matters (dockwright rules explain prints it).\n"
		"    instruction: run\n    scope: any\n    match: command\n"
		"    when: '^(\\S*/)?curl\\s'\n    pattern: '\\s(-k|--insecure)(\\s|$)'\n"
		"    mode: must-not-match\n    cache-mount: skip\n";
	dw_diags d;

	(void)state;
	d = lint_pack(pack, "FROM debian:12\nRUN curl -k https://x/y -o /y && curl -fsSL https://z/\n"
	                    "RUN --mount=type=cache,target=/root/.cache curl --insecure https://x/\n"
	                    "RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n");
	assert_int_equal(count(&d, "no-curl-insecure"), 1);
	assert_int_equal(count(&d, "practice-pip-no-cache-dir"), 0);
	dw_diags_free(&d);
}

/* A cache-mount value other than check or skip is the pack's error, at
 * its line. */
static void
test_pack_cache_mount_value(void **state)
{
	dw_diags d;

	(void)state;
	d = pack_errors("rules:\n  - id: x\n    category: practice\n    severity: info\n"
	                "    message: m\n    instruction: run\n    pattern: y\n"
	                "    cache-mount: sometimes\n");
	assert_int_equal(d.v[0].span.start.line, 8);
	assert_non_null(strstr(d.v[0].message, "cache-mount 'sometimes'"));
	dw_diags_free(&d);
}

/* The text read from a pattern that every match holds: the prefilter
 * must never name text a match can lack. */
static void
test_pattern_literal(void **state)
{
	static const char *const cases[][2] = {
		{ "^(\\S*/)?sudo(\\s|$)", "sudo" },
		{ "(^|[;&|(]\\s*)yarn(\\s+(install|add)\\b|$)", "yarn" },
		{ "^(\\S*/)?(pip3?|python3? -m pip)\\s.*\\binstall\\b", "install" },
		{ "--no-cache-dir", "--no-cache-dir" },
		{ "\\.deb$", ".deb" },
		{ "ab?c", "a" },         /* b is optional: "a" and "c" apart */
		{ "xab+cd", "xab" },     /* b once or more: "xab", then "cd" */
		{ "[abc]def", "def" },
		{ "[]x]yz", "yz" },
		{ "x(?=y)zz", "zz" },
		{ "(?<=a)bc", "bc" },
		{ "a{2}bc", "bc" },
		{ "a|bcd", NULL },       /* either branch: nothing is certain */
		{ "(?i)yarn", NULL },    /* options change what a letter matches */
		{ "(?<n>a)bc", NULL },
		{ "\\x41bc", NULL },    /* escapes of unknown length: give up */
		{ "\\Qa.b\\E", NULL },
		{ "\\p{L}ab", NULL },
		{ "\xc3\xa9?ab", "ab" }, /* a quantifier on a multibyte letter */
		{ ".*", NULL },
		{ "(unclosed", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = lint_pattern_literal(cases[i][0]);

		if (cases[i][1] == NULL && got != NULL)
			fail_msg("'%s': want no literal, got '%s'", cases[i][0], got);
		if (cases[i][1] != NULL && (got == NULL || strcmp(got, cases[i][1]) != 0))
			fail_msg("'%s': want '%s', got '%s'", cases[i][0], cases[i][1],
			         got ? got : "(none)");
		free(got);
	}
}

/*
 * The prefilter's promise, tried on random patterns: whenever a pattern
 * matches a subject, the literal read from it is in the subject.  Pieces
 * of pattern syntax are strung together at random (a fixed seed, so a
 * failure repeats), kept when PCRE2 compiles them, and matched against
 * random subjects over the same letters.
 */
static void
test_pattern_literal_sound(void **state)
{
	static const char *const piece[] = {
		"a", "b", "ab", "c", " ", "-", ".", "\\.", "\\s", "\\b", "\\d", "?", "*", "+",
		"{2}", "|", "(", ")", "(?:", "(?=", "(?!", "(?<=a)", "[ab]", "[^a]", "^", "$",
		"\\x61", "(?i)", "\\Qa.\\E", "\xc3\xa9",
	};
	static const char letters[] = "abc -.\xc3\xa9";
	unsigned seed = 12345;
	size_t tried = 0, found = 0;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		char pat[64] = "", subj[32];
		int len = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;
		int err;
		PCRE2_SIZE off;
		pcre2_code *re;
		pcre2_match_data *md;
		char *lit;

		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			strcat(pat, piece[(seed >> 16) % (sizeof piece / sizeof piece[0])]);
		}
		re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
		                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &err, &off, NULL);
		if (re == NULL)
			continue;
		lit = lint_pattern_literal(pat);
		md = pcre2_match_data_create_from_pattern(re, NULL);
		for (int k = 0; k < 20; k++) {
			int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;

			for (int i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				subj[i] = letters[(seed >> 16) % (sizeof letters - 1)];
			}
			subj[n] = '\0';
			tried++;
			if (pcre2_match(re, (PCRE2_SPTR)subj, (size_t)n, 0, 0, md, NULL) < 0)
				continue;
			found++;
			if (lit && strstr(subj, lit) == NULL)
				fail_msg("'%s' matches '%s' without its literal '%s'", pat, subj, lit);
		}
		free(lit);
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	/* The property was really put to the test. */
	assert_true(found > tried / 20);
}

/* A prefiltered rule finds what its pattern finds: text that reaches the
 * subject only by expansion, and needles that span the joints. */
static void
test_pack_prefilter_exact(void **state)
{
	dw_diags d;

	(void)state;
	d = lint_pack("rules:\n"
	              "  - id: env-secret\n    category: practice\n    severity: warning\n"
	              "    message: m\n    instruction: env\n    match: args\n"
	              "    pattern: 'topsecret'\n"
	              "  - id: env-pair\n    category: practice\n    severity: warning\n"
	              "    message: m\n    instruction: env\n    match: args\n"
	              "    pattern: 'B=x C'\n"
	              "  - id: two-words\n    category: practice\n    severity: warning\n"
	              "    message: m\n    instruction: run\n    match: command\n"
	              "    pattern: '^tar xf -C'\n"
	              "  - id: no-install\n    category: practice\n    severity: warning\n"
	              "    message: m\n    instruction: run\n    match: command\n"
	              "    when: '\\binstall\\b'\n    pattern: '--yes'\n    mode: must-match\n",
	              "FROM debian:12\nARG S=topsecret\nENV A=$S\nENV B=x C=y\n"
	              "RUN tar xf -C /x && tar xf a -C /y\n"
	              "RUN apt-get install curl && echo installed && tool install --yes\n");
	assert_int_equal(count(&d, "env-secret"), 1);
	assert_int_equal(count(&d, "env-pair"), 1);
	assert_int_equal(count(&d, "two-words"), 1);
	assert_int_equal(count(&d, "no-install"), 1);
	dw_diags_free(&d);
}

/* A frontend of its own (dockerfile-x) brings instructions, stages and
 * variables dockwright cannot see: its INCLUDE is an info, and what it
 * may define is not reported.  Docker's own frontend gets the errors. */
static void
test_custom_frontend(void **state)
{
	static const char *const body =
		"INCLUDE docker/base.dockerfile\n"
		"FROM runtime AS app\n"
		"COPY --from=build /src /src\n"
		"ENV A=$FROM_INCLUDE\n";
	static const char *const docker[] = { "# syntax=docker/dockerfile:1\n",
	                                      "# syntax=docker.io/docker/dockerfile-upstream@sha256:0\n",
	                                      "" };
	dw_buf src = DW_BUF_INIT;
	dw_diags d;
	const dw_diag *g;

	(void)state;
	dw_buf_puts(&src, "# syntax = devthefuture/dockerfile-x\n");
	dw_buf_puts(&src, body);
	d = lint_generic(src.ptr);
	g = find(&d, "syntax-unknown-instruction");
	assert_non_null(g);
	assert_int_equal(g->sev, DW_SEV_INFO);
	assert_non_null(strstr(g->message, "devthefuture/dockerfile-x"));
	assert_int_equal(count(&d, "practice-from-untagged"), 0);
	assert_int_equal(count(&d, "syntax-copy-from-undefined"), 0);
	assert_int_equal(count(&d, "syntax-undefined-var"), 0);
	dw_diags_free(&d);
	for (size_t i = 0; i < sizeof docker / sizeof docker[0]; i++) {
		dw_buf_clear(&src);
		dw_buf_puts(&src, docker[i]);
		dw_buf_puts(&src, body);
		d = lint_generic(src.ptr);
		g = find(&d, "syntax-unknown-instruction");
		assert_non_null(g);
		assert_int_equal(g->sev, DW_SEV_ERROR);
		assert_int_equal(count(&d, "practice-from-untagged"), 1);
		assert_int_equal(count(&d, "syntax-copy-from-undefined"), 1);
		assert_int_equal(count(&d, "syntax-undefined-var"), 1);
		dw_diags_free(&d);
	}
	dw_buf_free(&src);
}

/* Two real-world false alarms: a private base image's own ENV, and "."
 * as the folder several sources go to. */
static void
test_unknown_base_env_and_dot_dest(void **state)
{
	dw_diags d;

	(void)state;
	d = lint_generic("FROM ghcr.io/org/ruby-base:3.3\nWORKDIR $APP_HOME\nCOPY a b .\n");
	assert_int_equal(count(&d, "syntax-undefined-var"), 0);
	assert_int_equal(count(&d, "practice-copy-dest-slash"), 0);
	dw_diags_free(&d);
	d = lint_generic("FROM ruby:3.3-slim\nWORKDIR $APP_HOME\nCOPY a b ./app\n");
	assert_int_equal(count(&d, "syntax-undefined-var"), 1);
	assert_int_equal(count(&d, "practice-copy-dest-slash"), 1);
	dw_diags_free(&d);
}

/* COPY --from=STAGE / is reported for a stage on an OS image only: an
 * export stage FROM scratch and a tools image are copied whole on
 * purpose (BuildKit's own Dockerfile does both). */
static void
test_copy_root_sources(void **state)
{
	(void)state;
	assert_int_equal(count_generic("FROM scratch AS bins\nCOPY a /a\n"
	                 "FROM tonistiigi/xx:1.9.0 AS xx\n"
	                 "FROM golang:1.22-alpine AS build\nCOPY --from=xx / /\n"
	                 "FROM alpine:3.20\nCOPY --from=bins / /usr/bin/\n",
	                               "practice-copy-root-from-stage"), 0);
	assert_int_equal(count_generic("FROM golang:1.22-alpine AS build\nRUN go version\n"
	                 "FROM alpine:3.20\nCOPY --from=build / /\n",
	                               "practice-copy-root-from-stage"), 1);
}

/* apt lists: apt 2.7's dist-clean removes them, and a builder stage the
 * image only copies from keeps them out of the image; the final stage's
 * chain is reported. */
static void
test_apt_lists_scope(void **state)
{
	(void)state;
	assert_int_equal(count_generic("FROM debian:13 AS build\n"
	                 "RUN apt-get update && apt-get install -y --no-install-recommends gcc\n"
	                 "FROM debian:13 AS base\n"
	                 "RUN apt-get update; apt-get install -y --no-install-recommends curl; "
	                 "apt-get dist-clean\n"
	                 "FROM base\nCOPY --from=build /usr/bin/gcc /usr/bin/\n",
	                               "practice-apt-lists"), 0);
	assert_int_equal(count_generic("FROM debian:13 AS base\n"
	                 "RUN apt-get update && apt-get install -y --no-install-recommends curl\n"
	                 "FROM base\nRUN apt-get update && apt-get install -y --no-install-recommends git\n",
	                               "practice-apt-lists"), 2);
}

/* DL3021 where BuildKit would really go wrong: several sources into a
 * path that may not exist.  The WORKDIR and the standard folders of an
 * image exist (not in a stage FROM scratch). */
static void
test_copy_dest_folder(void **state)
{
	static const struct { const char *src; size_t want; } cases[] = {
		{ "FROM debian:12\nWORKDIR /app\nCOPY a b /app\n", 0 },
		{ "FROM debian:12\nWORKDIR /app/web\nCOPY a b /app\n", 0 },
		{ "FROM debian:12\nCOPY a b /usr/local/bin\n", 0 },
		{ "FROM debian:12\nWORKDIR /app\nCOPY a b .\n", 0 },
		{ "FROM debian:12\nWORKDIR /app\nCOPY a b /app/lib\n", 1 },
		{ "FROM debian:12\nWORKDIR /app\nCOPY a b lib\n", 1 },
		{ "FROM scratch\nCOPY a b /usr/local/bin\n", 1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (count_generic(cases[i].src, "practice-copy-dest-slash") != cases[i].want)
			fail_msg("case %zu: want %zu finding(s)", i, cases[i].want);
}

/* An own entrypoint script in front of a server command (CMD ["bundle",
 * "exec", "puma", ...]) runs on Lambda through ImageConfig: its CMD is no
 * handler to judge.  In front of the client, it is one. */
static void
test_server_behind_script(void **state)
{
	static const char *const script =
		"FROM ruby:3.3-slim\nWORKDIR /app\nRUN gem install aws_lambda_ric:3.1.3\n"
		"COPY entry.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n"
		"CMD [\"bundle\", \"exec\", \"puma\", \"-C\", \"config/puma.rb\"]\n";
	static const char *const client =
		"FROM ruby:3.3-slim\nWORKDIR /app\nRUN gem install aws_lambda_ric:3.1.3\n"
		"ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\n"
		"CMD [\"bundle\", \"exec\", \"puma\", \"-C\", \"config/puma.rb\"]\n";
	dw_diags d;

	(void)state;
	d = lint(script, NULL);
	assert_int_equal(count(&d, "lambda-handler-invalid"), 0);
	dw_diags_free(&d);
	d = lint(client, NULL);
	assert_int_equal(count(&d, "lambda-handler-invalid"), 1);
	dw_diags_free(&d);
	/* No CMD at all: the script may name the handler itself. */
	d = lint("FROM ruby:3.3-slim\nRUN gem install aws_lambda_ric:3.1.3\n"
	         "COPY entry.sh /entry.sh\nENTRYPOINT [\"/entry.sh\"]\n", NULL);
	assert_non_null(find(&d, "lambda-handler-invalid"));
	assert_int_equal(find(&d, "lambda-handler-invalid")->sev, DW_SEV_INFO);
	dw_diags_free(&d);
}

/* A real function image copied Gemfile and one .rb to the task root,
 * and named another file in CMD.  Gemfile (and Rakefile, LICENSE ...)
 * is a file, not a folder that might hold the handler; a name without
 * an extension may still be one. */
static void
test_handler_file_known_names(void **state)
{
	dw_diags d;

	(void)state;
	d = lint("FROM public.ecr.aws/lambda/ruby:3.2\n"
	         "COPY sync.rb ${LAMBDA_TASK_ROOT}\nCOPY Gemfile ${LAMBDA_TASK_ROOT}\n"
	         "COPY Rakefile LICENSE ${LAMBDA_TASK_ROOT}/\n"
	         "CMD [\"lambda_function.lambda_handler\"]\n", NULL);
	assert_int_equal(count(&d, "lambda-handler-file-missing"), 1);
	dw_diags_free(&d);
	d = lint("FROM public.ecr.aws/lambda/ruby:3.2\n"
	         "COPY src ${LAMBDA_TASK_ROOT}\nCMD [\"lambda_function.lambda_handler\"]\n", NULL);
	assert_int_equal(count(&d, "lambda-handler-file-missing"), 0);
	dw_diags_free(&d);
}

/* DL3062 is about remote modules: a local package (jessfraz/dockerfiles'
 * clair: go install ./cmd/clair) builds what the build checked out. */
static void
test_go_install_remote_only(void **state)
{
	static const struct { const char *cmd; size_t want; } cases[] = {
		{ "go install ./cmd/clair", 0 }, { "go install .", 0 }, { "go install cmd/foo", 0 },
		{ "go install golang.org/x/tools/gopls@v0.14.0", 0 },
		{ "go install github.com/x/y/cmd/z", 1 }, { "go install -v golang.org/x/tools/gopls", 1 },
		{ "go install -ldflags=-s github.com/a/b", 1 },
	};
	dw_buf src = DW_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dw_buf_clear(&src);
		dw_buf_printf(&src, "FROM golang:1.22\nRUN %s\n", cases[i].cmd);
		if (count_generic(src.ptr, "practice-go-install-version") != cases[i].want)
			fail_msg("%s: want %zu finding(s)", cases[i].cmd, cases[i].want);
	}
	dw_buf_free(&src);
}

/* "COPY --from build ..." (vimagick/dockerfiles): the flag has no value,
 * which syntax-invalid-instruction reports; no stage named "" follows. */
static void
test_copy_from_without_value(void **state)
{
	static const char *const src = "FROM alpine:3.20 AS build\nFROM nginx:1.27\n"
	                               "COPY --from build /app/public/ /usr/share/nginx/html/\n";

	(void)state;
	assert_int_equal(count_generic(src, "syntax-invalid-instruction"), 1);
	assert_int_equal(count_generic(src, "syntax-copy-from-undefined"), 0);
}

/* The user useradd and adduser create is their first operand, past
 * options and the values of options that take one (danbooru's
 * "useradd --user-group danbooru --create-home --shell /bin/bash"). */
static void
test_created_user(void **state)
{
	static const char *const cmds[] = {
		"useradd --user-group app --create-home --shell /bin/bash",
		"useradd -ms /bin/bash app", "useradd -u1000 -g users app",
		"useradd --uid=1000 --comment 'App user' app",
		"adduser --disabled-password --gecos '' app", "adduser -D -h /home/app -s /bin/sh app",
	};
	/* USER app must be known after each; USER bash (a value) must not. */
	static const char *const users[] = { "app", "bash" };
	dw_buf src = DW_BUF_INIT;
	dw_diags d;

	(void)state;
	for (size_t i = 0; i < 2 * (sizeof cmds / sizeof cmds[0]); i++) {
		dw_buf_clear(&src);
		dw_buf_printf(&src, "FROM debian:12\nRUN %s\nUSER %s\n", cmds[i / 2], users[i % 2]);
		d = lint_generic(src.ptr);
		if (count(&d, "practice-user-unknown") != i % 2)
			fail_msg("%s, USER %s: %zu findings", cmds[i / 2], users[i % 2],
			         count(&d, "practice-user-unknown"));
		dw_diags_free(&d);
	}
	dw_buf_free(&src);
}

static void
test_parse_error(void **state)
{
	dw_diags d = lint("FROM a\nCMD [\"a\", 1]\n", NULL);

	(void)state;
	assert_int_equal(count(&d, "parse-error"), 1);
	dw_diags_free(&d);
}

static void
test_global_arg_tag(void **state)
{
	dw_lint_opts o;
	dw_diags d;

	(void)state;
	memset(&o, 0, sizeof o);
	o.generic = true;
	d = lint("ARG V=3.3\nFROM ruby:${V}\nARG IMG\nFROM $IMG\n", &o);
	assert_int_equal(count(&d, "practice-from-untagged"), 0);
	dw_diags_free(&d);
	d = lint("ARG IMG=ruby\nFROM $IMG\n", &o);
	assert_int_equal(count(&d, "practice-from-untagged"), 1);
	dw_diags_free(&d);
}

/* ---- hostile sizes: no input hangs the linter -------------------------- */

/* Twenty lines of about 40 bytes, each repeating the one before eight
 * times, would be 8^20 bytes: expansion stops at the budget, once.
 * Shapes: 0 global ARGs into FROM, 1 ENV in a stage, 2 ENV through a
 * chain of FROM stages. */
static char *
bomb(int shape, int lines)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_puts(&b, shape == 0 ? "ARG A0=xxxxxxxx\n" :
	                shape == 1 ? "FROM ruby:3.3\nENV A0=xxxxxxxx\n" :
	                             "FROM ruby:3.3 AS s0\nENV A0=xxxxxxxx\n");
	for (int i = 1; i <= lines; i++) {
		int p = shape == 2 ? 0 : i - 1, v = shape == 2 ? 0 : i;

		if (shape == 2)
			dw_buf_printf(&b, "FROM s%d AS s%d\n", i - 1, i);
		dw_buf_printf(&b, "%s A%d=", shape == 0 ? "ARG" : "ENV", v);
		for (int k = 0; k < 8; k++)
			dw_buf_printf(&b, "$A%d", p);
		dw_buf_putc(&b, '\n');
	}
	dw_buf_puts(&b, shape == 0 ? "FROM ruby:$A20\n" : shape == 1 ? "RUN echo $A20\n"
	                                                             : "COPY $A0 /x\n");
	return dw_buf_detach(&b);
}

static void
test_expansion_bombs(void **state)
{
	(void)state;
	for (int k = 0; k < 3; k++) {
		char *src = bomb(k, 20);
		dw_diags d = lint(src, NULL);

		assert_int_equal(count(&d, "syntax-expansion-budget"), 1);
		dw_diags_free(&d);
		free(src);
	}
}

/* 30,000 stages, each FROM the one before and copying from the first:
 * stage lookups, the final stage's reach and the inherited config are
 * computed once, without recursion. */
static void
test_many_stages(void **state)
{
	enum { N = 30000 };
	dw_buf b = DW_BUF_INIT;
	dw_diags d;

	(void)state;
	dw_buf_puts(&b, "FROM ruby:3.3 AS s0\nRUN gem install aws_lambda_ric -v 3.1.3\n"
	                "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\n");
	for (int i = 1; i < N; i++)
		dw_buf_printf(&b, "FROM s%d AS s%d\nCOPY --from=s0 /a /b\n", i - 1, i);
	dw_buf_puts(&b, "FROM s1 AS s2\nCMD [\"app.handler\"]\n");
	d = lint(b.ptr, NULL);
	assert_int_equal(count(&d, "syntax-duplicate-stage-name"), 1);
	assert_int_equal(count(&d, "lambda-no-runtime-client"), 0);
	assert_int_equal(count(&d, "lambda-client-wrong-stage"), 0);
	assert_int_equal(count(&d, "lambda-handler-invalid"), 0);
	dw_diags_free(&d);
	dw_buf_free(&b);
}

/* ---- the handler's file, without --context ------------------------------ */

static size_t
lint_count(const char *src, const char *id)
{
	dw_diags d = lint(src, NULL);
	size_t n = count(&d, id);

	dw_diags_free(&d);
	return n;
}

static void
test_handler_file_copies(void **state)
{
	static const char head[] =
		"FROM ruby:3.3-slim AS build\n"
		"WORKDIR /app\n"
		"RUN gem install aws_lambda_ric -v 3.1.3\n";
	static const char tail[] =
		"FROM ruby:3.3-slim\n"
		"WORKDIR /app\n"
		"COPY --from=build /usr/local/bundle /usr/local/bundle\n"
		"COPY --from=build /app /app\n"
		"USER nobody\n"
		"ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\n"
		"CMD [\"lib/app.handler\"]\n";
	static const struct { const char *copy; size_t want; } rows[] = {
		{ "COPY . .\n", 0 },                  /* only the context can tell */
		{ "COPY lib/ lib/\n", 0 },
		{ "COPY lib/app.rb lib/\n", 0 },
		{ "COPY lib/*.rb ./lib/\n", 0 },
		{ "COPY lib/app.rb /var/task/lib/\n", 1 },   /* another directory */
		{ "COPY lib/app.rb lib/main.rb\n", 1 },      /* another name */
		{ "COPY lib/other.rb lib/\n", 1 },
		{ "RUN git clone https://example.com/app.git .\n", 0 },
		{ "COPY <<EOF lib/app.rb\ndef handler(event:, context:) = 1\nEOF\n", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		dw_buf b = DW_BUF_INIT;

		dw_buf_printf(&b, "%s%s%s", head, rows[i].copy, tail);
		if (lint_count(b.ptr, "lambda-handler-file-missing") != rows[i].want)
			fail_msg("row %zu (%s)", i, rows[i].copy);
		dw_buf_free(&b);
	}
	/* RUBYLIB puts other directories on $LOAD_PATH. */
	assert_int_equal(lint_count("FROM public.ecr.aws/lambda/ruby:3.3\n"
	                            "COPY app.rb /opt/ruby/lib/\nENV RUBYLIB=/opt/ruby/lib\n"
	                            "CMD [\"app.handler\"]\n", "lambda-handler-file-missing"), 0);
	assert_int_equal(lint_count("FROM public.ecr.aws/lambda/ruby:3.3\n"
	                            "COPY app.rb /opt/ruby/lib/\n"
	                            "CMD [\"app.handler\"]\n", "lambda-handler-file-missing"), 1);
	/* A private base image may hold the app already. */
	assert_int_equal(lint_count("FROM corp/app-base:1\nCMD [\"app.handler\"]\n",
	                            "lambda-handler-file-missing"), 0);
}

static void
test_handler_dockerignore(void **state)
{
	char dir[] = "/tmp/dw-lint-ctx.XXXXXX";
	dw_buf p = DW_BUF_INIT;
	dw_lint_opts o;
	FILE *f;
	static const char src[] =
		"FROM public.ecr.aws/lambda/ruby:3.3\n"
		"COPY . ${LAMBDA_TASK_ROOT}/\n"
		"CMD [\"lib/app.handler\"]\n";
	dw_diags d;

	(void)state;
	assert_non_null(mkdtemp(dir));
	dw_buf_printf(&p, "%s/lib", dir);
	assert_int_equal(mkdir(p.ptr, 0755), 0);
	dw_buf_puts(&p, "/app.rb");
	assert_non_null(f = fopen(p.ptr, "w"));
	fclose(f);
	memset(&o, 0, sizeof o);
	o.context_dir = dir;
	d = lint(src, &o);
	assert_int_equal(count(&d, "lambda-handler-file-missing"), 0);
	dw_diags_free(&d);
	dw_buf_clear(&p);
	dw_buf_printf(&p, "%s/.dockerignore", dir);
	assert_non_null(f = fopen(p.ptr, "w"));
	fputs("# not in the image\n**/*.rb\n!lib/other.rb\n", f);
	fclose(f);
	d = lint(src, &o);
	assert_int_equal(count(&d, "lambda-handler-file-missing"), 1);
	dw_diags_free(&d);
	unlink(p.ptr);
	dw_buf_clear(&p);
	dw_buf_printf(&p, "%s/lib/app.rb", dir);
	unlink(p.ptr);
	dw_buf_clear(&p);
	dw_buf_printf(&p, "%s/lib", dir);
	rmdir(p.ptr);
	rmdir(dir);
	dw_buf_free(&p);
}

/* ---- the process and where the client is -------------------------------- */

static void
test_process_and_ric_path(void **state)
{
	static const struct { const char *src; const char *id; size_t want; } rows[] = {
		{ "FROM public.ecr.aws/lambda/ruby:3.3\nENTRYPOINT [\"bundle\", \"exec\"]\n"
		  "CMD [\"app.handler\"]\n", "lambda-process-no-client", 1 },
		{ "FROM public.ecr.aws/lambda/ruby:3.3\nENTRYPOINT [\"bundle\", \"exec\"]\n"
		  "CMD [\"app.handler\"]\n", "lambda-entrypoint-relative", 0 },
		{ "FROM ruby:3.3\nRUN gem install aws_lambda_ric\nCMD [\"app.handler\"]\n",
		  "lambda-process-no-client", 1 },
		{ "FROM ruby:3.3\nRUN gem install aws_lambda_ric\n"
		  "ENTRYPOINT [\"/bin/sh\", \"-c\"]\nCMD [\"aws_lambda_ric\"]\n",
		  "lambda-entrypoint-shell-c", 1 },
		{ "FROM ruby:3.3\nRUN gem install aws_lambda_ric\n"
		  "ENTRYPOINT [\"sh\", \"-c\", \"exec aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-entrypoint-shell-c", 0 },
		{ "FROM ruby:3.3\nENTRYPOINT [\"bundle exec aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-exec-form-spaces", 1 },
		{ "FROM ruby:3.3\nENTRYPOINT [\"$GEM_HOME/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-exec-form-variable", 1 },
		/* sudo, env and Jets' fork */
		{ "FROM ruby:3.3\nRUN sudo gem install aws_lambda_ric_jets\n"
		  "ENTRYPOINT [\"env\", \"A=1\", \"/usr/local/bundle/bin/aws_lambda_ric_jets\"]\n"
		  "CMD [\"app.handler\"]\n", "lambda-no-runtime-client", 0 },
		{ "FROM ruby:3.3\nRUN sudo gem install aws_lambda_ric_jets\n"
		  "ENTRYPOINT [\"env\", \"A=1\", \"/usr/local/bundle/bin/aws_lambda_ric_jets\"]\n"
		  "CMD [\"app.handler\"]\n", "lambda-ric-path", 0 },
		/* A private base: cannot tell, so no error. */
		{ "FROM corp/ruby-lambda:3\nCMD [\"app.handler\"]\n", "lambda-handler-invalid", 0 },
		/* The client's path against its install. */
		{ "FROM ruby:3.3\nRUN gem install aws_lambda_ric\n"
		  "ENTRYPOINT [\"/usr/local/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 1 },
		{ "FROM ruby:3.3\nENV GEM_HOME=/gems\nRUN gem install aws_lambda_ric\n"
		  "ENTRYPOINT [\"/gems/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 0 },
		{ "FROM ruby:3.3\nRUN gem install --bindir /opt/bin aws_lambda_ric\n"
		  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 1 },
		{ "FROM ruby:3.3\nWORKDIR /app\nRUN bundle config path vendor/bundle\nRUN bundle install\n"
		  "ENTRYPOINT [\"/app/vendor/bundle/ruby/3.3.0/bin/aws_lambda_ric\"]\n"
		  "CMD [\"app.handler\"]\n", "lambda-ric-path", 0 },
		{ "FROM ruby:3.3\nWORKDIR /app\nRUN bundle install && bundle binstubs aws_lambda_ric\n"
		  "ENTRYPOINT [\"/app/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 0 },
		{ "FROM ruby:3.3\nRUN --mount=type=cache,target=/usr/local/bundle gem install aws_lambda_ric\n"
		  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 1 },
		{ "FROM ruby:3.3 AS b\nRUN gem install aws_lambda_ric\nFROM ruby:3.3\n"
		  "COPY --from=b /usr/local/bundle /opt/gems\n"
		  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 1 },
		{ "FROM ruby:3.3\nWORKDIR /app\nENV BUNDLE_PATH=/usr/local/bundle\nRUN bundle install\n"
		  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 1 },
		{ "FROM ruby:3.3\nWORKDIR /app\nENV BUNDLE_PATH=/usr/local/bundle\n"
		  "RUN bundle config set bin /usr/local/bundle/bin && bundle install\n"
		  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]\nCMD [\"app.handler\"]\n",
		  "lambda-ric-path", 0 },
		/* The ENTRYPOINT script's mode. */
		{ "FROM ruby:3.3\nRUN printf 'exec aws_lambda_ric' > /entry.sh\n"
		  "ENTRYPOINT [\"/entry.sh\"]\nCMD [\"app.handler\"]\n",
		  "lambda-entrypoint-not-executable", 1 },
		{ "FROM ruby:3.3\nRUN printf 'exec aws_lambda_ric' > /entry.sh\nRUN chmod +x /entry.sh\n"
		  "ENTRYPOINT [\"/entry.sh\"]\nCMD [\"app.handler\"]\n",
		  "lambda-entrypoint-not-executable", 0 },
		{ "FROM ruby:3.3\nCOPY --chmod=644 entry.sh /entry.sh\n"
		  "ENTRYPOINT [\"/entry.sh\"]\nCMD [\"app.handler\"]\n",
		  "lambda-entrypoint-not-executable", 1 },
		{ "FROM ruby:3.3\nCOPY entry.sh /entry.sh\n"
		  "ENTRYPOINT [\"/entry.sh\"]\nCMD [\"app.handler\"]\n",
		  "lambda-entrypoint-not-executable", 0 },   /* the context's mode: cannot tell */
		{ "FROM ruby:3.3\nCOPY entry.sh /entry.sh\n"
		  "ENTRYPOINT [\"/entry.sh\"]\nCMD [\"app.handler\"]\n",
		  "lambda-process-no-client", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (lint_count(rows[i].src, rows[i].id) != rows[i].want)
			fail_msg("row %zu: %s should fire %zu times", i, rows[i].id, rows[i].want);
}

/* ---- pragmas as users expect --------------------------------------------- */

static void
test_global_pragma_anywhere_and_check_error(void **state)
{
	dw_diags d;
	const dw_diag *g;

	(void)state;
	/* A global ignore at the end of the file covers the whole file. */
	d = lint("FROM debian:12\nRUN sudo true\nRUN sudo false\n# hadolint global ignore=DL3004\n",
	         NULL);
	assert_int_equal(count(&d, "practice-sudo"), 0);
	dw_diags_free(&d);
	/* check=error=true: BuildKit's checks become errors, others do not. */
	d = lint("# check=error=true\nFROM debian:12 as Build\nRUN sudo true\n", NULL);
	assert_non_null(g = find(&d, "syntax-from-as-casing"));
	assert_int_equal(g->sev, DW_SEV_ERROR);
	assert_non_null(g = find(&d, "practice-sudo"));
	assert_int_not_equal(g->sev, DW_SEV_INFO);
	dw_diags_free(&d);
	d = lint("# check=skip=all\nFROM debian:12 as Build\nRUN sudo true\n", NULL);
	assert_int_equal(count(&d, "syntax-from-as-casing"), 0);
	assert_int_equal(count(&d, "practice-sudo"), 1);
	dw_diags_free(&d);
}

/* The opt-in label-schema pack, by name. */
static void
test_label_schema_pack(void **state)
{
	static const char *const packs[] = { "label-schema", NULL };
	dw_lint_opts o;
	dw_diags d;

	(void)state;
	memset(&o, 0, sizeof o);
	o.packs = packs;
	o.generic = true;
	d = lint("FROM debian:12\n"
	         "LABEL org.opencontainers.image.created=\"yesterday\" "
	         "org.opencontainers.image.source=https://github.com/x/y "
	         "org.label-schema.vcs-ref=abc org.opencontainers.image.version=1.2 "
	         "org.label-schema.url=example.com\n"
	         "LABEL org.opencontainers.image.created=2024-05-01T12:00:00Z "
	         "org.opencontainers.image.revision=0123abcd org.label-schema.version=v1.2.3-rc.1 "
	         "org.label-schema.schema-version=1.0\n", &o);
	assert_int_equal(count(&d, "label-schema-date"), 1);
	assert_int_equal(count(&d, "label-schema-hash"), 1);
	assert_int_equal(count(&d, "label-schema-semver"), 1);
	assert_int_equal(count(&d, "label-schema-url"), 1);
	assert_int_equal(count(&d, "label-schema-version-field"), 0);
	dw_diags_free(&d);
	/* Not loaded unless asked for. */
	d = lint("FROM debian:12\nLABEL org.opencontainers.image.created=yesterday\n", NULL);
	assert_int_equal(count(&d, "label-schema-date"), 0);
	dw_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_position_in_continuation),
		cmocka_unit_test(test_position_in_heredoc),
		cmocka_unit_test(test_heredoc_not_shell),
		cmocka_unit_test(test_pragmas),
		cmocka_unit_test(test_stage_pragma_and_check),
		cmocka_unit_test(test_no_pragmas),
		cmocka_unit_test(test_generic_has_no_lambda),
		cmocka_unit_test(test_config_severity_and_ignore),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_bad_pack),
		cmocka_unit_test(test_user_pack),
		cmocka_unit_test(test_documented_pack),
		cmocka_unit_test(test_pack_cache_mount_value),
		cmocka_unit_test(test_pattern_literal),
		cmocka_unit_test(test_pattern_literal_sound),
		cmocka_unit_test(test_custom_frontend),
		cmocka_unit_test(test_unknown_base_env_and_dot_dest),
		cmocka_unit_test(test_created_user),
		cmocka_unit_test(test_copy_root_sources),
		cmocka_unit_test(test_apt_lists_scope),
		cmocka_unit_test(test_copy_dest_folder),
		cmocka_unit_test(test_server_behind_script),
		cmocka_unit_test(test_handler_file_known_names),
		cmocka_unit_test(test_go_install_remote_only),
		cmocka_unit_test(test_copy_from_without_value),
		cmocka_unit_test(test_pack_prefilter_exact),
		cmocka_unit_test(test_parse_error),
		cmocka_unit_test(test_global_arg_tag),
		cmocka_unit_test(test_expansion_bombs),
		cmocka_unit_test(test_many_stages),
		cmocka_unit_test(test_handler_file_copies),
		cmocka_unit_test(test_handler_dockerignore),
		cmocka_unit_test(test_process_and_ric_path),
		cmocka_unit_test(test_global_pragma_anywhere_and_check_error),
		cmocka_unit_test(test_label_schema_pack),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
