/* SPDX-License-Identifier: MIT */
/*
 * test_parse.c - the parser's edge cases, one test each.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockwright.h"

struct res {
	dw_dockerfile *df;
	dw_diags d;
	dw_buf dump;
};

static struct res *
parse(const char *src, size_t len)
{
	struct res *r = calloc(1, sizeof *r);

	r->df = dw_parse(src, len, "Dockerfile", NULL, &r->d);
	if (r->df)
		dw_dump(r->df, &r->dump);
	return r;
}

static struct res *
parse_s(const char *src)
{
	return parse(src, strlen(src));
}

static void
done(struct res *r)
{
	dw_dockerfile_free(r->df);
	dw_diags_free(&r->d);
	dw_buf_free(&r->dump);
	free(r);
}

static void
assert_dump(const char *src, const char *want)
{
	struct res *r = parse_s(src);

	assert_non_null(r->df);
	assert_string_equal(dw_buf_cstr(&r->dump), want);
	done(r);
}

/* The first error's message and position. */
static void
assert_error(const char *src, uint32_t line, uint32_t col, const char *msg)
{
	struct res *r = parse_s(src);

	assert_null(r->df);
	assert_true(r->d.n >= 1);
	assert_int_equal(r->d.v[0].sev, DW_SEV_ERROR);
	assert_string_equal(r->d.v[0].message, msg);
	assert_int_equal(r->d.v[0].span.start.line, line);
	if (col)
		assert_int_equal(r->d.v[0].span.start.col, col);
	done(r);
}

/* ---- directives ---------------------------------------------------------- */

static void
directive_escape_backtick(void **state)
{
	(void)state;
	assert_dump("# escape=`\nFROM a\nRUN echo `\n  b\\c\n",
	            "(from \"a\")\n(run \"echo   b\\\\c\")\n");
}

static void
directive_case_insensitive(void **state)
{
	struct res *r = parse_s("# ESCAPE = `\n#Syntax=docker/dockerfile:1\nFROM a `\n AS b\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->escape, '`');
	assert_int_equal(r->df->ndirectives, 2);
	assert_string_equal(r->df->directives[0].key, "escape");
	assert_string_equal(r->df->directives[1].key, "syntax");
	assert_string_equal(r->df->directives[1].value, "docker/dockerfile:1");
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\" \"AS\" \"b\")\n");
	done(r);
}

static void
directive_only_at_top(void **state)
{
	struct res *r = parse_s("FROM a\n# escape=`\nRUN x \\\n y\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->escape, '\\');
	assert_int_equal(r->df->ndirectives, 0);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(run \"x  y\")\n");
	done(r);
}

static void
directive_after_comment_ignored(void **state)
{
	struct res *r = parse_s("# hello\n# escape=`\nFROM a\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->escape, '\\');
	done(r);
}

static void
directive_check_recorded(void **state)
{
	struct res *r = parse_s("# check=skip=JSONArgsRecommended;error=true\nFROM a\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->ndirectives, 1);
	assert_string_equal(r->df->directives[0].key, "check");
	assert_string_equal(r->df->directives[0].value, "skip=JSONArgsRecommended;error=true");
	done(r);
}

static void
directive_invalid_escape(void **state)
{
	(void)state;
	assert_error("# escape=x\nFROM a\n", 1, 10,
	             "invalid escape token 'x' does not match ` or \\");
}

static void
directive_duplicate(void **state)
{
	(void)state;
	assert_error("# escape=`\n# escape=\\\nFROM a\n", 2, 1,
	             "only one escape parser directive can be used");
}

static void
directive_unknown_key_ends_scan(void **state)
{
	struct res *r = parse_s("# foo=bar\n# escape=`\nFROM a\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->escape, '\\');
	done(r);
}

/* ---- continuation and comments ------------------------------------------- */

static void
continuation_keeps_indent(void **state)
{
	(void)state;
	assert_dump("FROM a\nRUN echo hello\\\n  world\n", "(from \"a\")\n(run \"echo hello  world\")\n");
}

static void
continuation_trailing_blanks(void **state)
{
	(void)state;
	assert_dump("FROM a\nRUN echo a \\  \t\nb\n", "(from \"a\")\n(run \"echo a b\")\n");
}

static void
continuation_escaped_escape(void **state)
{
	/* "\\" at the end is an escaped backslash: no continuation. */
	(void)state;
	assert_dump("FROM a\nRUN echo a\\\\\nRUN b\n",
	            "(from \"a\")\n(run \"echo a\\\\\\\\\")\n(run \"b\")\n");
}

static void
continuation_three_escapes_gap(void **state)
{
	/* BuildKit's known gap: three escape tokens do not continue either. */
	(void)state;
	assert_dump("FROM a\nRUN echo a\\\\\\\nRUN b\n",
	            "(from \"a\")\n(run \"echo a\\\\\\\\\\\\\")\n(run \"b\")\n");
}

static void
continuation_comments_dropped(void **state)
{
	struct res *r = parse_s("FROM a\nRUN a \\\n# comment \\\n  # another\n b\n");

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(run \"a  b\")\n");
	assert_int_equal(r->d.n, 0);
	assert_int_equal(r->df->instrs[1].end_line, 5);
	assert_int_equal(r->df->ncomments, 2);
	done(r);
}

static void
continuation_empty_lines_warn(void **state)
{
	/* BuildKit's test: 4 RUNs, two with blank lines, two with comments. */
	struct res *r = parse_s("FROM a\n"
	                        "RUN something \\\n\n    following \\\n\n    action\n"
	                        "RUN another \\\n\n    thing\n"
	                        "RUN non-indented \\\n# this is a comment\n   after-comment\n"
	                        "RUN indented \\\n    # this is an indented comment\n    comment\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->d.n, 2);
	assert_int_equal(r->d.v[0].sev, DW_SEV_WARNING);
	assert_string_equal(r->d.v[0].code, "NoEmptyContinuation");
	assert_int_equal(r->d.v[0].span.start.line, 3);
	assert_int_equal(r->d.v[1].span.start.line, 8);
	assert_true(r->df->instrs[1].empty_continuation);
	assert_false(r->df->instrs[3].empty_continuation);
	done(r);
}

static void
continuation_at_eof(void **state)
{
	(void)state;
	assert_dump("FROM a\nRUN something \\", "(from \"a\")\n(run \"something\")\n");
}

static void
comment_hash_inside_line_is_text(void **state)
{
	(void)state;
	assert_dump("FROM a\nRUN echo # not a comment\n", "(from \"a\")\n(run \"echo # not a comment\")\n");
}

static void
comments_attached_to_instruction(void **state)
{
	struct res *r = parse_s("# top\nFROM a\n# hadolint ignore=DL3008\n  # two\nRUN x\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].comment_count, 2);
	assert_string_equal(r->df->comments[r->df->instrs[1].comment_first].text,
	                    "hadolint ignore=DL3008");
	assert_int_equal(r->df->comments[2].col, 3);
	done(r);
}

/* ---- line ends, BOM, bytes ----------------------------------------------- */

static void
crlf_line_ends(void **state)
{
	(void)state;
	assert_dump("FROM a\r\nRUN a \\\r\n b\r\nCMD [\"x\"]\r\n",
	            "(from \"a\")\n(run \"a  b\")\n(cmd \"x\")\n");
}

static void
utf8_bom_dropped(void **state)
{
	struct res *r = parse_s("\xEF\xBB\xBF" "FROM a\n");

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n");
	assert_int_equal(dw_instr_span(&r->df->instrs[0]).start.col, 1);
	done(r);
}

static void
nul_and_invalid_utf8(void **state)
{
	static const char src[] = "FROM a\nRUN echo \0\xff\xfe x\nLABEL k=\xc3\n";
	struct res *r = parse(src, sizeof src - 1);

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(dw_buf_cstr(&r->dump),
	                    "(from \"a\")\n(run \"echo \\x00\\xff\\xfe x\")\n(label \"k\" \"\xEF\xBF\xBD\" \"=\")\n");
	done(r);
}

static void
binary_garbage_no_crash(void **state)
{
	char buf[4096];
	uint32_t x = 12345;

	(void)state;
	for (int round = 0; round < 50; round++) {
		struct res *r;

		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		r = parse(buf, sizeof buf);
		assert_true(r->df != NULL || r->d.n > 0);
		done(r);
	}
}

static void
long_line_rejected(void **state)
{
	size_t n = 8 * 1024 * 1024;
	char *s = malloc(n + 16);
	struct res *r;

	(void)state;
	memcpy(s, "RUN ", 4);
	memset(s + 4, 'x', n);
	s[n + 4] = '\n';
	r = parse(s, n + 5);
	assert_null(r->df);
	assert_string_equal(r->d.v[0].message, "dockerfile line greater than max allowed size of 65535");
	assert_int_equal(r->d.v[0].span.start.line, 1);
	done(r);
	free(s);
}

static void
max_line_accepted(void **state)
{
	char *s = malloc(65536 + 8);
	struct res *r;

	(void)state;
	memcpy(s, "RUN ", 4);
	memset(s + 4, 'x', 65535 - 4);
	s[65535] = '\n';
	r = parse(s, 65536);
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[0].args[0].len, 65535 - 4);
	done(r);
	free(s);
}

static void
many_continuation_lines(void **state)
{
	size_t lines = 300000, n = 0;
	char *s = malloc(lines * 8 + 32);
	struct res *r;

	(void)state;
	n += (size_t)sprintf(s, "FROM a\nRUN a");
	for (size_t i = 0; i < lines; i++)
		n += (size_t)sprintf(s + n, " \\\n  b");
	s[n++] = '\n';
	r = parse(s, n);
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].end_line, lines + 2);
	/* The last word sits on the last physical line. */
	assert_int_equal(dw_instr_pos(&r->df->instrs[1], r->df->instrs[1].text_len - 1).line, lines + 2);
	done(r);
	free(s);
}

static void
deep_onbuild_bounded(void **state)
{
	size_t depth = 100000, n = 0;
	char *s = malloc(depth * 10 + 32);
	struct res *r;

	(void)state;
	n += (size_t)sprintf(s, "FROM a\n");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(s + n, "ONBUILD \\\n");
	n += (size_t)sprintf(s + n, "RUN x\n");
	r = parse(s, n);
	assert_null(r->df);
	assert_string_equal(r->d.v[0].message, "ONBUILD nested too deeply");
	done(r);
	free(s);
}

/* ---- empty files ---------------------------------------------------------- */

static void
empty_file(void **state)
{
	(void)state;
	assert_error("", 1, 1, "file with no instructions");
}

static void
only_comments(void **state)
{
	(void)state;
	assert_error("# a\n\n   # b\n", 3, 1, "file with no instructions");
}

/* ---- keyword, flags ------------------------------------------------------- */

static void
keyword_case_kept(void **state)
{
	struct res *r = parse_s("from a\nRuN x\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].kind, DW_I_RUN);
	assert_memory_equal(r->df->instrs[1].keyword, "RuN", 3);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(run \"x\")\n");
	done(r);
}

static void
unknown_instruction_parses(void **state)
{
	struct res *r = parse_s("FROM a\nFOO bar baz\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].kind, DW_I_UNKNOWN);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(foo \"\")\n");
	done(r);
}

static void
flags_buildkit(void **state)
{
	struct res *r = parse_s("FROM --platform=linux/amd64 a AS b\n"
	                        "RUN --mount=type=cache,target=/root/.cache --network=none make\n"
	                        "COPY --from=b --chown=1000:1000 --chmod=0644 --link src /dst/\n");
	const dw_instr *in;

	(void)state;
	assert_non_null(r->df);
	in = &r->df->instrs[1];
	assert_int_equal(in->nflags, 2);
	assert_string_equal(in->flags[0].value, "--mount=type=cache,target=/root/.cache");
	assert_int_equal(dw_word_span(in, &in->flags[0]).start.col, 5);
	assert_int_equal(dw_word_span(in, &in->flags[0]).end.col, 43);
	assert_string_equal(in->args[0].value, "make");
	in = &r->df->instrs[2];
	assert_int_equal(in->nflags, 4);
	assert_string_equal(in->flags[3].value, "--link");
	assert_string_equal(dw_buf_cstr(&r->dump),
	                    "(from [\"--platform=linux/amd64\"] \"a\" \"AS\" \"b\")\n"
	                    "(run [\"--mount=type=cache,target=/root/.cache\" \"--network=none\"] \"make\")\n"
	                    "(copy [\"--from=b\" \"--chown=1000:1000\" \"--chmod=0644\" \"--link\"] \"src\" \"/dst/\")\n");
	done(r);
}

static void
flags_quotes_and_terminator(void **state)
{
	(void)state;
	assert_dump("FROM a\nCOPY --chown=\"a b\" -- --x /d/\n",
	            "(from \"a\")\n(copy [\"--chown=a b\"] \"--x\" \"/d/\")\n");
}

/* ---- argument forms -------------------------------------------------------- */

static void
exec_form_decoded(void **state)
{
	struct res *r = parse_s("FROM a\nCMD [ \"a b\", \"\\u00e9\\n\", \"\\ud83d\\ude00\" ]\n");

	(void)state;
	assert_non_null(r->df);
	assert_true(r->df->instrs[1].json);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(cmd \"a b\" \"é\\n\" \"😀\")\n");
	assert_int_equal(dw_word_span(&r->df->instrs[1], &r->df->instrs[1].args[0]).start.col, 7);
	assert_int_equal(dw_word_span(&r->df->instrs[1], &r->df->instrs[1].args[0]).end.col, 12);
	done(r);
}

static void
exec_form_empty(void **state)
{
	struct res *r = parse_s("FROM a\nCMD []\n");

	(void)state;
	assert_non_null(r->df);
	assert_true(r->df->instrs[1].json);
	assert_int_equal(r->df->instrs[1].nargs, 0);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(cmd)\n");
	done(r);
}

static void
invalid_json_falls_back(void **state)
{
	struct res *r = parse_s("FROM a\nENTRYPOINT ['sh', '-c']\nCMD [\"a\"] x\n");

	(void)state;
	assert_non_null(r->df);
	assert_false(r->df->instrs[1].json);
	assert_true(r->df->instrs[1].json_fallback);
	assert_true(r->df->instrs[2].json_fallback);
	assert_string_equal(dw_buf_cstr(&r->dump),
	                    "(from \"a\")\n(entrypoint \"['sh', '-c']\")\n(cmd \"[\\\"a\\\"] x\")\n");
	done(r);
}

static void
nested_json_error(void **state)
{
	(void)state;
	assert_error("FROM a\nCMD [\"a\", [\"b\"]]\n", 2, 5,
	             "when using JSON array syntax, arrays must be comprised of strings only");
	assert_error("FROM a\nRUN [1]\n", 2, 5,
	             "when using JSON array syntax, arrays must be comprised of strings only");
}

static void
deep_json_is_shell_form(void **state)
{
	size_t depth = 100000;
	char *s = malloc(depth * 3 + 32);
	size_t n = 0;
	struct res *r;

	(void)state;
	/* Continuation lines, because one physical line is capped at 64 KiB. */
	n += (size_t)sprintf(s, "FROM a\nCMD ");
	for (size_t i = 0; i < 2 * depth; i++) {
		s[n++] = i < depth ? '[' : ']';
		if (i % 1000 == 999) {
			s[n++] = '\\';
			s[n++] = '\n';
		}
	}
	r = parse(s, n);
	/* Deeper than Go's 10000 limit: not JSON, so shell form (no error). */
	assert_non_null(r->df);
	assert_false(r->df->instrs[1].json);
	done(r);
	free(s);
}

static void
copy_json_and_words(void **state)
{
	(void)state;
	assert_dump("FROM a\nCOPY [\"a b\", \"/c\"]\nADD\tx\t\ty /z\nVOLUME /a /b\n",
	            "(from \"a\")\n(copy \"a b\" \"/c\")\n(add \"x\" \"y\" \"/z\")\n(volume \"/a\" \"/b\")\n");
}

static void
env_forms(void **state)
{
	(void)state;
	assert_dump("FROM a\nENV A=1 B=\"x y\" C=a\\ b\nENV SCUBA 1 DUBA 3\nLABEL a=b\n",
	            "(from \"a\")\n(env \"A\" \"1\" \"=\" \"B\" \"\\\"x y\\\"\" \"=\" \"C\" \"a\\\\ b\" \"=\")\n"
	            "(env \"SCUBA\" \"1 DUBA 3\" \"\")\n(label \"a\" \"b\" \"=\")\n");
}

static void
env_positions(void **state)
{
	struct res *r = parse_s("FROM a\nENV A=1 \\\n    BB=2\n");
	const dw_instr *in;

	(void)state;
	assert_non_null(r->df);
	in = &r->df->instrs[1];
	assert_int_equal(in->nargs, 6);
	assert_int_equal(dw_word_span(in, &in->args[3]).start.line, 3);
	assert_int_equal(dw_word_span(in, &in->args[3]).start.col, 5);
	assert_int_equal(dw_word_span(in, &in->args[4]).start.col, 8);
	done(r);
}

static void
env_errors(void **state)
{
	(void)state;
	assert_error("FROM a\nENV PATH\n", 2, 5, "ENV must have two arguments");
	assert_error("FROM a\nLABEL a=b c\n", 2, 11,
	             "Syntax error - can't find = in \"c\". Must be of the form: name=value");
}

static void
arg_forms(void **state)
{
	(void)state;
	assert_dump("ARG V=1\nFROM a:${V}\nARG abc=\"123 456\" def\n",
	            "(arg \"V=1\")\n(from \"a:${V}\")\n(arg \"abc=\\\"123 456\\\"\" \"def\")\n");
}

static void
healthcheck_forms(void **state)
{
	(void)state;
	assert_dump("FROM a\nHEALTHCHECK --interval=5s CMD [\"x\"]\nHEALTHCHECK NONE\n",
	            "(from \"a\")\n(healthcheck [\"--interval=5s\"] \"CMD\" \"x\")\n(healthcheck \"NONE\")\n");
}

static void
onbuild_nesting(void **state)
{
	struct res *r = parse_s("FROM a\nONBUILD RUN echo hi\nONBUILD ADD [\"a\", \"b\"]\n");

	(void)state;
	assert_non_null(r->df);
	assert_non_null(r->df->instrs[1].sub);
	assert_int_equal(r->df->instrs[1].sub->kind, DW_I_RUN);
	assert_int_equal(dw_instr_span(r->df->instrs[1].sub).start.col, 9);
	assert_string_equal(dw_buf_cstr(&r->dump),
	                    "(from \"a\")\n(onbuild (run \"echo hi\"))\n(onbuild (add \"a\" \"b\"))\n");
	done(r);
}

static void
from_as_name(void **state)
{
	(void)state;
	assert_dump("ARG X\nFROM ruby:3.3-slim AS base\nFROM base as build\n",
	            "(arg \"X\")\n(from \"ruby:3.3-slim\" \"AS\" \"base\")\n(from \"base\" \"as\" \"build\")\n");
}

/* ---- heredocs ------------------------------------------------------------- */

static void
heredoc_basic(void **state)
{
	struct res *r = parse_s("FROM a\nRUN <<EOF\necho hi\n  echo $X\nEOF\nCMD x\n");
	const dw_heredoc *h;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->ninstrs, 3);
	assert_int_equal(r->df->instrs[1].nheredocs, 1);
	h = &r->df->instrs[1].heredocs[0];
	assert_string_equal(h->name, "EOF");
	assert_true(h->expand);
	assert_false(h->chomp);
	assert_int_equal(h->fd, 0);
	assert_string_equal(h->content, "echo hi\n  echo $X\n");
	assert_int_equal(h->body_line, 3);
	assert_int_equal(h->end_line, 5);
	assert_int_equal(dw_word_span(&r->df->instrs[1], &h->word).start.col, 5);
	assert_int_equal(r->df->instrs[1].end_line, 5);
	assert_string_equal(dw_buf_cstr(&r->dump), "(from \"a\")\n(run \"<<EOF\")\n(cmd \"x\")\n");
	done(r);
}

static void
heredoc_chomp_quoted_fd(void **state)
{
	struct res *r = parse_s("FROM a\nRUN <<-'NOEXPAND' 3<<\"X\"\n\tdon't $x\n\tNOEXPAND\nbody\nX\n");
	const dw_instr *in;

	(void)state;
	assert_non_null(r->df);
	in = &r->df->instrs[1];
	assert_int_equal(in->nheredocs, 2);
	assert_string_equal(in->heredocs[0].name, "NOEXPAND");
	assert_true(in->heredocs[0].chomp);
	assert_false(in->heredocs[0].expand);
	assert_string_equal(in->heredocs[0].content, "\tdon't $x\n");
	assert_string_equal(in->heredocs[1].name, "X");
	assert_int_equal(in->heredocs[1].fd, 3);
	assert_false(in->heredocs[1].expand);
	assert_string_equal(in->heredocs[1].content, "body\n");
	done(r);
}

static void
heredoc_several_copy(void **state)
{
	struct res *r = parse_s("FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].nheredocs, 2);
	assert_string_equal(r->df->instrs[1].heredocs[0].content, "Y\n");
	assert_string_equal(r->df->instrs[1].heredocs[1].content, "X\n");
	done(r);
}

static void
heredoc_space_after_operator(void **state)
{
	struct res *r = parse_s("FROM a\nRUN <<  EOF  > foo\nx\nEOF\nRUN << -E\nE\n-E\n");

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(r->df->instrs[1].heredocs[0].name, "EOF");
	assert_string_equal(r->df->instrs[2].heredocs[0].name, "-E");
	assert_string_equal(r->df->instrs[2].heredocs[0].content, "E\n");
	done(r);
}

static void
heredoc_not_in_json_or_other(void **state)
{
	struct res *r = parse_s("FROM a\nRUN [\"<<EOF\"]\nUSER <<INVALID\nRUN \"<<NOHEREDOC\"\nRUN '<<X'\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->ninstrs, 5);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(r->df->instrs[i].nheredocs, 0);
	done(r);
}

static void
heredoc_onbuild(void **state)
{
	struct res *r = parse_s("FROM a\nONBUILD RUN <<EOF\nx\nEOF\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].nheredocs, 1);
	assert_string_equal(r->df->instrs[1].heredocs[0].content, "x\n");
	done(r);
}

static void
heredoc_on_continuation_line(void **state)
{
	struct res *r = parse_s("FROM a\nRUN --mount=type=cache,target=/x \\\n  <<EOF\nls\nEOF\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(r->df->instrs[1].nheredocs, 1);
	assert_int_equal(dw_word_span(&r->df->instrs[1], &r->df->instrs[1].heredocs[0].word).start.line, 3);
	assert_int_equal(dw_word_span(&r->df->instrs[1], &r->df->instrs[1].heredocs[0].word).start.col, 3);
	done(r);
}

static void
heredoc_quote_names(void **state)
{
	struct res *r = parse_s("FROM a\nRUN <<eo'f'\nx\neof\nRUN <<eo\\'f\nx\neo'f\nRUN <<$EOF\n$EOF\n");

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(r->df->instrs[1].heredocs[0].name, "eof");
	assert_false(r->df->instrs[1].heredocs[0].expand);
	assert_string_equal(r->df->instrs[2].heredocs[0].name, "eo'f");
	assert_true(r->df->instrs[2].heredocs[0].expand);
	assert_string_equal(r->df->instrs[3].heredocs[0].name, "$EOF");
	done(r);
}

static void
heredoc_unterminated(void **state)
{
	(void)state;
	assert_error("FROM a\nRUN <<EOF\necho\n", 2, 1, "unterminated heredoc");
}

static void
heredoc_crlf_terminator(void **state)
{
	struct res *r = parse_s("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n");

	(void)state;
	assert_non_null(r->df);
	assert_string_equal(r->df->instrs[1].heredocs[0].content, "x\r\n");
	done(r);
}

/* ---- positions -------------------------------------------------------------- */

static void
positions_in_multiline_run(void **state)
{
	struct res *r = parse_s("FROM a\nRUN apt-get update \\\n\t&& apt-get install -y curl\n");
	const dw_instr *in;
	const char *p;
	dw_pos pos;

	(void)state;
	assert_non_null(r->df);
	in = &r->df->instrs[1];
	p = strstr(in->text, "install");
	assert_non_null(p);
	pos = dw_instr_pos(in, (size_t)(p - in->text));
	assert_int_equal(pos.line, 3);
	assert_int_equal(pos.col, 13);
	assert_int_equal(dw_instr_span(in).start.line, 2);
	assert_int_equal(dw_instr_span(in).end.line, 3);
	done(r);
}

static void
positions_leading_blanks(void **state)
{
	struct res *r = parse_s("FROM a\n   \tRUN  x\n");

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_instr_span(&r->df->instrs[1]).start.col, 5);
	assert_int_equal(dw_word_span(&r->df->instrs[1], &r->df->instrs[1].args[0]).start.col, 10);
	done(r);
}

/* ---- validation (instruction layer) ----------------------------------------- */

static void
validate_unknown_instruction(void **state)
{
	struct res *r = parse_s("FROM a\nRUNN x\n");
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_validate(r->df, &d), 1);
	assert_string_equal(d.v[0].message, "unknown instruction: RUNN (did you mean run?)");
	assert_int_equal(d.v[0].span.start.line, 2);
	dw_diags_free(&d);
	done(r);
}

static void
validate_flags(void **state)
{
	struct res *r = parse_s("FROM a\nCOPY --foo=1 --from --link=maybe --chown=a --chown=b x /y/\n"
	                        "RUN --network=outer --mount=type=bogus,target=/x,wat=1 true\n");
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_validate(r->df, &d), 7);
	assert_string_equal(d.v[0].message, "unknown flag: --foo");
	assert_string_equal(d.v[1].message, "missing a value on flag: --from");
	assert_string_equal(d.v[2].message, "expecting boolean value for flag link, not: maybe");
	assert_string_equal(d.v[3].message, "duplicate flag specified: --chown");
	assert_string_equal(d.v[4].message,
	                    "invalid value for --network: outer (expected one of default,none,host)");
	assert_string_equal(d.v[5].message, "unsupported mount type bogus");
	assert_string_equal(d.v[6].message, "unexpected key 'wat' in 'wat=1'");
	dw_diags_free(&d);
	done(r);
}

static void
validate_repeatable_flags_ok(void **state)
{
	struct res *r = parse_s("FROM a\nRUN --mount=type=secret,id=a --mount=type=ssh true\n"
	                        "COPY --exclude=a --exclude=b --link=false x /y/\n");
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_validate(r->df, &d), 0);
	dw_diags_free(&d);
	done(r);
}

static void
validate_onbuild_and_counts(void **state)
{
	struct res *r = parse_s("FROM a\nONBUILD ONBUILD RUN x\nONBUILD FROM b\nCOPY x\n"
	                        "WORKDIR\nHEALTHCHECK FOO x\nSHELL sh -c\nFROM a b\n");
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_validate(r->df, &d), 7);
	assert_string_equal(d.v[0].message, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
	assert_string_equal(d.v[1].message, "FROM isn't allowed as an ONBUILD trigger");
	assert_string_equal(d.v[2].message, "COPY requires at least two arguments, but only one was"
	                    " provided. Destination could not be determined");
	assert_string_equal(d.v[3].message, "WORKDIR requires exactly one argument");
	assert_string_equal(d.v[4].message, "Unknown type \"FOO\" in HEALTHCHECK (try CMD)");
	assert_string_equal(d.v[5].message, "SHELL requires the arguments to be in JSON form");
	assert_string_equal(d.v[6].message, "FROM requires either one or three arguments");
	dw_diags_free(&d);
	done(r);
}

static void
validate_before_from(void **state)
{
	struct res *r = parse_s("ARG A\nRUN x\nFROM a\n");
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(r->df);
	assert_int_equal(dw_validate(r->df, &d), 1);
	assert_string_equal(d.v[0].message, "RUN before the first FROM: only ARG may come first");
	dw_diags_free(&d);
	done(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(directive_escape_backtick),
		cmocka_unit_test(directive_case_insensitive),
		cmocka_unit_test(directive_only_at_top),
		cmocka_unit_test(directive_after_comment_ignored),
		cmocka_unit_test(directive_check_recorded),
		cmocka_unit_test(directive_invalid_escape),
		cmocka_unit_test(directive_duplicate),
		cmocka_unit_test(directive_unknown_key_ends_scan),
		cmocka_unit_test(continuation_keeps_indent),
		cmocka_unit_test(continuation_trailing_blanks),
		cmocka_unit_test(continuation_escaped_escape),
		cmocka_unit_test(continuation_three_escapes_gap),
		cmocka_unit_test(continuation_comments_dropped),
		cmocka_unit_test(continuation_empty_lines_warn),
		cmocka_unit_test(continuation_at_eof),
		cmocka_unit_test(comment_hash_inside_line_is_text),
		cmocka_unit_test(comments_attached_to_instruction),
		cmocka_unit_test(crlf_line_ends),
		cmocka_unit_test(utf8_bom_dropped),
		cmocka_unit_test(nul_and_invalid_utf8),
		cmocka_unit_test(binary_garbage_no_crash),
		cmocka_unit_test(long_line_rejected),
		cmocka_unit_test(max_line_accepted),
		cmocka_unit_test(many_continuation_lines),
		cmocka_unit_test(deep_onbuild_bounded),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(only_comments),
		cmocka_unit_test(keyword_case_kept),
		cmocka_unit_test(unknown_instruction_parses),
		cmocka_unit_test(flags_buildkit),
		cmocka_unit_test(flags_quotes_and_terminator),
		cmocka_unit_test(exec_form_decoded),
		cmocka_unit_test(exec_form_empty),
		cmocka_unit_test(invalid_json_falls_back),
		cmocka_unit_test(nested_json_error),
		cmocka_unit_test(deep_json_is_shell_form),
		cmocka_unit_test(copy_json_and_words),
		cmocka_unit_test(env_forms),
		cmocka_unit_test(env_positions),
		cmocka_unit_test(env_errors),
		cmocka_unit_test(arg_forms),
		cmocka_unit_test(healthcheck_forms),
		cmocka_unit_test(onbuild_nesting),
		cmocka_unit_test(from_as_name),
		cmocka_unit_test(heredoc_basic),
		cmocka_unit_test(heredoc_chomp_quoted_fd),
		cmocka_unit_test(heredoc_several_copy),
		cmocka_unit_test(heredoc_space_after_operator),
		cmocka_unit_test(heredoc_not_in_json_or_other),
		cmocka_unit_test(heredoc_onbuild),
		cmocka_unit_test(heredoc_on_continuation_line),
		cmocka_unit_test(heredoc_quote_names),
		cmocka_unit_test(heredoc_unterminated),
		cmocka_unit_test(heredoc_crlf_terminator),
		cmocka_unit_test(positions_in_multiline_run),
		cmocka_unit_test(positions_leading_blanks),
		cmocka_unit_test(validate_unknown_instruction),
		cmocka_unit_test(validate_flags),
		cmocka_unit_test(validate_repeatable_flags_ok),
		cmocka_unit_test(validate_onbuild_and_counts),
		cmocka_unit_test(validate_before_from),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
