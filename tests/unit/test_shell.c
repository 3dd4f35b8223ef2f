/* SPDX-License-Identifier: MIT */
/*
 * test_shell.c - unit tests of the BuildKit variable expansion
 * (lib/shell.c): one test per operator and per edge case.  Expected values
 * were checked against BuildKit's own lexer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dockwright.h"

static const char *const env_names[] = {
	"PWD", "EMPTY", "V", "SP", "NL", "KOREAN", "S", "DUP", "DUP",
	"\xec\x9d\xb4\xeb\xa6\x84", "BAD",
};
static const char *const env_values[] = {
	"/home", "", "abcabc", " a  b ", "x\ny", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4",
	"a*b?c\\d", "first", "second", "name", "a\xff\x62",
};
static const dw_env test_env = { env_names, env_values,
	sizeof env_names / sizeof env_names[0] };

static const dw_shell_opts plain = { '\\', false, false, false, false, NULL, NULL, NULL };

/* The expansion of in[0..n), or "error: <message>". */
static char *
ex_n(const dw_shell_opts *o, const dw_env *env, const char *in, size_t n)
{
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT;

	if (dw_shell_expand(o, env, in, n, &out, &err) == 0) {
		dw_buf_free(&err);
		return dw_buf_detach(&out);
	}
	assert_int_equal(out.len, 0);
	dw_buf_free(&out);
	dw_buf_printf(&out, "error: %s", dw_buf_cstr(&err));
	dw_buf_free(&err);
	return dw_buf_detach(&out);
}

/* The word list as "[w1|w2|...]", or "error: <message>". */
static char *
words(const dw_shell_opts *o, const char *in)
{
	dw_strv sv = DW_STRV_INIT;
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT;

	if (dw_shell_words(o, &test_env, in, strlen(in), &sv, &err) == 0) {
		dw_buf_putc(&out, '[');
		for (size_t i = 0; i < sv.n; i++)
			dw_buf_printf(&out, "%s%s", i ? "|" : "", sv.v[i]);
		dw_buf_putc(&out, ']');
	} else {
		assert_int_equal(sv.n, 0);
		dw_buf_printf(&out, "error: %s", dw_buf_cstr(&err));
	}
	dw_strv_free(&sv);
	dw_buf_free(&err);
	return dw_buf_detach(&out);
}

#define EXPECT_O(o, in, want) do {					\
	char *r_ = ex_n((o), &test_env, (in), strlen(in));		\
	assert_string_equal(r_, (want));				\
	free(r_);							\
} while (0)
#define EXPECT(in, want)	EXPECT_O(&plain, in, want)
#define EXPECT_WORDS(o, in, want) do {					\
	char *r_ = words((o), (in));					\
	assert_string_equal(r_, (want));				\
	free(r_);							\
} while (0)

static void
test_plain_references(void **state)
{
	(void)state;
	EXPECT("$PWD", "/home");
	EXPECT("${PWD}", "/home");
	EXPECT("a$PWD.b", "a/home.b");
	EXPECT("$UNSET-x", "-x");
	EXPECT("$", "$");
	EXPECT("a$.", "a$.");
	EXPECT("${V}}", "abcabc}");
}

static void
test_default_colon_minus(void **state)
{
	(void)state;
	EXPECT("${EMPTY:-d}", "d");
	EXPECT("${UNSET:-d}", "d");
	EXPECT("${V:-d}", "abcabc");
	EXPECT("${UNSET:-a b {c}", "a b {c");
}

static void
test_default_minus(void **state)
{
	(void)state;
	EXPECT("${EMPTY-d}", "");
	EXPECT("${UNSET-d}", "d");
	EXPECT("${V-d}", "abcabc");
}

static void
test_alternative_colon_plus(void **state)
{
	(void)state;
	EXPECT("${EMPTY:+a}", "");
	EXPECT("${UNSET:+a}", "");
	EXPECT("${V:+a$PWD}", "a/home");
}

static void
test_alternative_plus(void **state)
{
	(void)state;
	EXPECT("${EMPTY+a}", "a");
	EXPECT("${UNSET+a}", "");
	EXPECT("${V+a}", "a");
}

static void
test_required_colon_question(void **state)
{
	(void)state;
	EXPECT("${V:?x}", "abcabc");
	EXPECT("${EMPTY:?}", "error: EMPTY: is not allowed to be empty");
	EXPECT("${UNSET:?}", "error: UNSET: is not allowed to be unset");
	EXPECT("${UNSET:?need $PWD}", "error: UNSET: need /home");
}

static void
test_required_question(void **state)
{
	(void)state;
	EXPECT("${EMPTY?}", "");
	EXPECT("${V?}", "abcabc");
	EXPECT("${UNSET?}", "error: UNSET: is not allowed to be unset");
	EXPECT("${UNSET?gone}", "error: UNSET: gone");
}

static void
test_trim_prefix_shortest(void **state)
{
	(void)state;
	EXPECT("${V#a*b}", "cabc");
	EXPECT("${V#?}", "bcabc");
	EXPECT("${V#x}", "abcabc");
	EXPECT("${V#}", "abcabc");
	EXPECT("${UNSET#a}", "");
}

static void
test_trim_prefix_longest(void **state)
{
	(void)state;
	EXPECT("${V##a*b}", "c");
	EXPECT("${V##*}", "");
	EXPECT("${V##b*}", "abcabc");
}

static void
test_trim_suffix_shortest(void **state)
{
	(void)state;
	EXPECT("${V%b*}", "abca");
	EXPECT("${V%c}", "abcab");
	EXPECT("${V%?}", "abcab");
	EXPECT("${KOREAN%?}", "\xed\x95\x9c\xea\xb5\xad");
}

static void
test_trim_suffix_longest(void **state)
{
	(void)state;
	EXPECT("${V%%b*}", "a");
	EXPECT("${V%%*}", "");
	EXPECT("${V%%*a}", "abcabc");
}

static void
test_replace_first(void **state)
{
	(void)state;
	EXPECT("${V/b/X}", "aXcabc");
	/* greedy: the leftmost match, as long as it goes */
	EXPECT("${V/b*c/X}", "aX");
	EXPECT("${V/z/X}", "abcabc");
	EXPECT("${V/?/}", "bcabc");
	EXPECT("${UNSET/a/b}", "");
}

static void
test_replace_all(void **state)
{
	(void)state;
	EXPECT("${V//b/X}", "aXcaXc");
	EXPECT("${V//*/Z}", "Z");
	/* an empty pattern matches between all runes */
	EXPECT("${V///-}", "-a-b-c-a-b-c-");
	EXPECT("${KOREAN//?/.}", "...");
}

static void
test_replacement_quirks(void **state)
{
	(void)state;
	/* The replacement keeps its escapes, and only "//" expands "$0"
	 * (Go's Regexp.Expand) to the match. */
	EXPECT("${V/b/[\\$0]}", "a[\\$0]cabc");
	EXPECT("${V//b/[\\$0]}", "a[\\b]ca[\\b]c");
	EXPECT("${V//b/\\$0\\$1}", "a\\b\\ca\\b\\c");
	EXPECT("${V//b/\\$\\$}", "a\\$\\$ca\\$\\$c");
	EXPECT("${V//b/\\$$}", "a\\$ca\\$c");	/* "$$" is "$" */
	EXPECT("${V//b/x\\}y}", "ax\\}ycax\\}yc");
}

static void
test_nested_defaults(void **state)
{
	(void)state;
	EXPECT("${A:-${B:-${PWD}}}", "/home");
	EXPECT("${A:-x${B:-y}z}", "xyz");
	EXPECT("${A:-${B:-${C:-deep}}}!", "deep!");
	EXPECT("${PWD:+${V:+${SP:-no}}}", " a  b ");
	EXPECT("${A:-'q ${V}'}", "q ${V}");
}

static void
test_escapes_outside_quotes(void **state)
{
	(void)state;
	EXPECT("a\\ b", "a b");
	EXPECT("\\$PWD", "$PWD");
	EXPECT("\\\\$PWD", "\\/home");
	EXPECT("\\'x", "'x");
	EXPECT("a\\", "a");		/* a final escape is dropped */
	EXPECT("\\${}", "${}");
}

static void
test_escapes_inside_double_quotes(void **state)
{
	(void)state;
	EXPECT("\"\\$PWD\"", "$PWD");
	EXPECT("\"\\\"\"", "\"");
	EXPECT("\"\\\\\"", "\\");
	EXPECT("\"\\a\"", "\\a");	/* other escapes stay */
	EXPECT("\"a'$PWD'\"", "a'/home'");
	EXPECT("\"a\\\"", "error: unexpected end of statement while looking "
	    "for matching double-quote");
}

static void
test_single_quotes(void **state)
{
	(void)state;
	EXPECT("'$PWD \\ \"'", "$PWD \\ \"");
	EXPECT("'a\\'", "a\\");
	EXPECT("x''y", "xy");
	EXPECT("'abc", "error: unexpected end of statement while looking for "
	    "matching single-quote");
}

static void
test_backtick_escape(void **state)
{
	dw_shell_opts o = plain;

	(void)state;
	o.escape = '`';
	EXPECT_O(&o, "a`$PWD", "a$PWD");
	EXPECT_O(&o, "a\\b", "a\\b");
	EXPECT_O(&o, "\"`\"`$`x\"", "\"$`x");
	EXPECT_O(&o, "\"\\$PWD\"", "\\/home");
	EXPECT_O(&o, "a`", "a");
}

static void
test_raw_quotes(void **state)
{
	dw_shell_opts o = plain;

	(void)state;
	o.raw_quotes = true;
	EXPECT_O(&o, "'a'\"b\"", "'a'\"b\"");
	EXPECT_O(&o, "\"$PWD\"", "\"/home\"");
	EXPECT_O(&o, "${A:-'x'}", "'x'");
	EXPECT_WORDS(&o, "'a b' c", "['a b'|c]");
}

static void
test_raw_escapes(void **state)
{
	dw_shell_opts o = plain;

	(void)state;
	o.raw_escapes = true;
	EXPECT_O(&o, "a\\ b", "a\\ b");
	EXPECT_O(&o, "a\\", "a\\");
	EXPECT_O(&o, "\"\\$x\"", "\\$x");
	/* upstream writes a kept escape twice inside double quotes */
	EXPECT_O(&o, "\"\\a\"", "\\\\a");
	/* ${n:-w} words never keep escapes */
	EXPECT_O(&o, "${A:-\\$x}", "$x");
}

static void
test_skip_unset(void **state)
{
	dw_shell_opts o = plain;

	(void)state;
	o.skip_unset = true;
	EXPECT_O(&o, "$U", "$U");
	EXPECT_O(&o, "${U}", "${U}");
	EXPECT_O(&o, "${U:-x$PWD}", "${U:-x/home}");
	EXPECT_O(&o, "${U##a\\*}", "${U##a\\*}");
	/* upstream writes "//" back as "/" */
	EXPECT_O(&o, "${U//a/b}", "${U/a/b}");
	/* an unknown operator passes when the name is unset... */
	EXPECT_O(&o, "${U:=x}", "${U:=x}");
	/* ...but not when it is set */
	EXPECT_O(&o, "${V:=x}", "error: unsupported modifier (:=) in substitution");
	EXPECT_O(&o, "$PWD", "/home");
}

static void
test_skip_quotes(void **state)
{
	dw_shell_opts o = plain;

	(void)state;
	o.skip_quotes = true;
	EXPECT_O(&o, "'$PWD'", "'/home'");
	EXPECT_O(&o, "\"a", "\"a");
	EXPECT_WORDS(&o, "\"a b\"", "[\"a|b\"]");
}

struct seen {
	dw_buf names;
	int calls;
};

static void
record_unset(void *ctx, const char *name, size_t len)
{
	struct seen *s = ctx;

	dw_buf_put(&s->names, name, len);
	dw_buf_putc(&s->names, ',');
	s->calls++;
}

static void
test_on_unset_callback(void **state)
{
	struct seen s = { DW_BUF_INIT, 0 };
	dw_shell_opts o = plain;
	const char *in = "$A ${B:-$C} $PWD ${1} $@ $A ${D/x/y}";
	dw_buf out = DW_BUF_INIT;

	(void)state;
	o.on_unset = record_unset;
	o.ctx = &s;
	assert_int_equal(dw_shell_expand(&o, &test_env, in, strlen(in), &out,
	    NULL), 0);
	/* inner references are reported; ${B:-...} handles unset itself */
	assert_string_equal(dw_buf_cstr(&s.names), "A,C,1,@,A,D,");
	assert_int_equal(s.calls, 6);
	dw_buf_free(&out);
	dw_buf_free(&s.names);
}

static void
test_positional_and_special(void **state)
{
	static const char *const n1[] = { "1" };
	static const char *const v1[] = { "one" };
	const dw_env e1 = { n1, v1, 1 };
	char *r;

	(void)state;
	EXPECT("$1x", "x");
	EXPECT("$123x", "x");
	EXPECT("${10}", "");
	EXPECT("$@@@", "@@");
	EXPECT("${#}", "");
	EXPECT("${-:-d}", "d");
	EXPECT("$0$$$!$?$*", "");
	EXPECT("${001:-bbb}aaa", "bbbaaa");
	/* names are looked up all the same, as upstream does */
	r = ex_n(&plain, &e1, "$1", 2);
	assert_string_equal(r, "one");
	free(r);
}

static void
test_error_messages(void **state)
{
	(void)state;
	EXPECT("${", "error: syntax error: missing '}'");
	EXPECT("${}", "error: syntax error: bad substitution");
	EXPECT("${:x}", "error: syntax error: bad substitution");
	EXPECT("${{a}", "error: syntax error: bad substitution");
	/* Go prints the end of input as U+FFFD */
	EXPECT("${a", "error: unsupported modifier (\xef\xbf\xbd) in substitution");
	EXPECT("${a:=b}", "error: unsupported modifier (:=) in substitution");
	EXPECT("${a:x}", "error: unsupported modifier (:x) in substitution");
	EXPECT("${a:#b}", "error: unsupported modifier (:#) in substitution");
	EXPECT("${a:%b}", "error: unsupported modifier (:%) in substitution");
	EXPECT("${.}", "error: unsupported modifier (.) in substitution");
	EXPECT("${a:-b", "error: syntax error: missing '}'");
	EXPECT("${a:-'b}", "error: syntax error: missing '}'");
	EXPECT("${a/b", "error: syntax error: missing '/' in ${}");
	EXPECT("${a/b/c", "error: syntax error: missing '}'");
	EXPECT("${a:-${b:?oops}}", "error: b: oops");
	EXPECT("${V#\\x}", "error: invalid pattern (\\x) in substitution: "
	    "invalid escape '\\x'");
}

static void
test_nul_bytes(void **state)
{
	static const char in[] = "a\0$PWD\0'\0'";
	static const char want[] = "a\0/home\0\0";
	dw_buf out = DW_BUF_INIT;

	(void)state;
	assert_int_equal(dw_shell_expand(&plain, &test_env, in, sizeof in - 1,
	    &out, NULL), 0);
	assert_int_equal(out.len, sizeof want - 1);
	assert_memory_equal(out.ptr, want, sizeof want - 1);
	dw_buf_clear(&out);
	/* a NUL ends a name */
	assert_int_equal(dw_shell_expand(&plain, &test_env, "$V\0x", 4, &out,
	    NULL), 0);
	assert_int_equal(out.len, 8);
	assert_memory_equal(out.ptr, "abcabc\0x", 8);
	dw_buf_free(&out);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* bytes are copied through unchanged */
	EXPECT("\xff$PWD\xc3", "\xff/home\xc3");
	EXPECT("$\xff", "$\xff");
	EXPECT("'\xed\xa0\x80'", "\xed\xa0\x80");
	/* every invalid byte is U+FFFD to the matcher, as in Go */
	EXPECT("${BAD/\xfe/-}", "a-b");
	EXPECT("${BAD%?b}", "a");
	EXPECT_WORDS(&plain, "\xff \xfe", "[\xff|\xfe]");
	/* a truncated sequence at the very end */
	EXPECT("x\xe2\x82", "x\xe2\x82");
}

static void
test_deep_nesting(void **state)
{
	enum { DEEP = 100000 };
	dw_buf in = DW_BUF_INIT, out = DW_BUF_INIT, err = DW_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < DEEP; i++)
		dw_buf_puts(&in, "${a:-");
	dw_buf_putc(&in, 'x');
	for (i = 0; i < DEEP; i++)
		dw_buf_putc(&in, '}');
	assert_int_equal(dw_shell_expand(&plain, &test_env, in.ptr, in.len,
	    &out, &err), -1);
	assert_string_equal(dw_buf_cstr(&err), "syntax error: nesting too deep");
	assert_int_equal(out.len, 0);

	/* quotes nest through the same path */
	dw_buf_clear(&in);
	dw_buf_clear(&err);
	for (i = 0; i < DEEP; i++)
		dw_buf_puts(&in, "\"${a:-");
	assert_int_equal(dw_shell_expand(&plain, &test_env, in.ptr, in.len,
	    &out, &err), -1);
	assert_string_equal(dw_buf_cstr(&err), "syntax error: nesting too deep");

	/* a nesting that fits still works */
	dw_buf_clear(&in);
	for (i = 0; i < 200; i++)
		dw_buf_puts(&in, "${a:-");
	dw_buf_putc(&in, 'x');
	for (i = 0; i < 200; i++)
		dw_buf_putc(&in, '}');
	assert_int_equal(dw_shell_expand(&plain, &test_env, in.ptr, in.len,
	    &out, NULL), 0);
	assert_string_equal(dw_buf_cstr(&out), "x");
	dw_buf_free(&in);
	dw_buf_free(&out);
	dw_buf_free(&err);
}

static void
test_glob_escapes(void **state)
{
	(void)state;
	/* S is a*b?c\d */
	EXPECT("${S#a\\*}", "b?c\\d");
	EXPECT("${S#a\\?}", "a*b?c\\d");
	EXPECT("${S/\\?/Q}", "a*bQc\\d");
	EXPECT("${S%\\\\d}", "a*b?c");
	EXPECT("${V#a\\}}", "abcabc");
	EXPECT("${V/\\//x}", "abcabc");
	EXPECT("${V#'\\'}", "error: invalid pattern (\\) in substitution: "
	    "invalid escape '\\\xef\xbf\xbd'");
	/* a quoted glob character is still a glob */
	EXPECT("${V#\"?\"}", "bcabc");
}

static void
test_glob_newline_and_reversal(void **state)
{
	static const char *const n[] = { "G" };
	static const char *const v[] = { "x*" };
	const dw_env e = { n, v, 1 };
	char *r;

	(void)state;
	/* Go's "." does not match a newline, so neither do * and ? */
	EXPECT("${NL##*}", "\ny");
	EXPECT("${NL%%*}", "x\n");
	EXPECT("${NL/?\?\?/-}", "x\ny");
	/* upstream moves a trailing lone backslash to the front when it
	 * reverses a suffix pattern, which then escapes the star */
	r = ex_n(&plain, &e, "${G%'*\\'}", 9);
	assert_string_equal(r, "x");
	free(r);
}

static void
test_words_splitting(void **state)
{
	(void)state;
	EXPECT_WORDS(&plain, "a  b\tc ", "[a|b|c]");
	EXPECT_WORDS(&plain, "\"a  b\" c", "[a  b|c]");
	EXPECT_WORDS(&plain, "$SP", "[a|b]");
	EXPECT_WORDS(&plain, "x\"$SP\"y", "[x a  b y]");
	EXPECT_WORDS(&plain, "a \"\" b", "[a|b]");
	EXPECT_WORDS(&plain, "a\\ b", "[a b]");
	EXPECT_WORDS(&plain, "a\xc2\xa0" "b\xe3\x80\x80" "c", "[a|b|c]");
	EXPECT_WORDS(&plain, "'x", "error: unexpected end of statement while "
	    "looking for matching single-quote");
}

static void
test_words_nested_word_quirk(void **state)
{
	(void)state;
	/* upstream shares one word buffer between nesting levels, so a word
	 * in progress is lost when a ${n<op>...} starts */
	EXPECT_WORDS(&plain, "ab${U:-y}c", "[yc]");
	EXPECT_WORDS(&plain, "ab ${U:-y z}c", "[ab|y|zc]");
	EXPECT_WORDS(&plain, "ab$PWD", "[ab/home]");
	/* the single word is not affected */
	EXPECT("ab${U:-y}c", "abyc");
}

static void
test_words_heredoc_blanks(void **state)
{
	(void)state;
	EXPECT_WORDS(&plain, "cat << EOF x", "[cat|<< EOF|x]");
	EXPECT_WORDS(&plain, "a<b <<\t-x", "[a<b|<<\t-x]");
	EXPECT_WORDS(&plain, "<<< a", "[<<<|a]");
	EXPECT("cat << EOF", "cat << EOF");
}

static void
test_unicode_names(void **state)
{
	(void)state;
	EXPECT("$KOREAN", "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4");
	/* Hangul is a letter, so it continues a name */
	EXPECT("${\xec\x9d\xb4\xeb\xa6\x84}", "name");
	EXPECT("$V\xec\x9d\xb4", "");
	/* a combining mark (Mn) is not a letter and ends the name */
	EXPECT("$V\xcc\x81", "abcabc\xcc\x81");
	/* Latin-1 letters count, NBSP does not */
	EXPECT("$V\xc3\xa9", "");
	EXPECT("$V\xc2\xa0", "abcabc\xc2\xa0");
}

static void
test_byte_order_mark(void **state)
{
	(void)state;
	/* Go's text/scanner drops a BOM at the start, and only there */
	EXPECT("\xef\xbb\xbf$PWD", "/home");
	EXPECT("a\xef\xbb\xbf", "a\xef\xbb\xbf");
}

static void
test_later_entries_win(void **state)
{
	(void)state;
	EXPECT("$DUP", "second");
}

static void
test_match_budget(void **state)
{
	static const char *const n[] = { "BIG" };
	const char *v[1];
	const dw_env e = { n, v, 1 };
	dw_buf big = DW_BUF_INIT, in = DW_BUF_INIT;
	char *r;

	(void)state;
	for (int i = 0; i < 100000; i++)
		dw_buf_putc(&big, 'a');
	v[0] = big.ptr;
	dw_buf_puts(&in, "${BIG#");
	for (int i = 0; i < 1000; i++)
		dw_buf_putc(&in, '?');
	dw_buf_putc(&in, '}');
	r = ex_n(&plain, &e, in.ptr, in.len);
	assert_non_null(strstr(r, "in substitution: too complex for the value"));
	free(r);
	/* a small pattern over the same value is fine */
	r = ex_n(&plain, &e, "${BIG##a*}", 10);
	assert_string_equal(r, "");
	free(r);
	dw_buf_free(&big);
	dw_buf_free(&in);
}

static void
test_output_cap(void **state)
{
	static const char *const n[] = { "BIG" };
	const char *v[1];
	const dw_env e = { n, v, 1 };
	dw_buf big = DW_BUF_INIT, in = DW_BUF_INIT;
	char *r;

	(void)state;
	for (int i = 0; i < 100000; i++)
		dw_buf_putc(&big, 'a');
	v[0] = big.ptr;
	dw_buf_puts(&in, "${BIG//a/");
	for (int i = 0; i < 1000; i++)
		dw_buf_putc(&in, 'x');
	dw_buf_putc(&in, '}');
	r = ex_n(&plain, &e, in.ptr, in.len);
	assert_string_equal(r, "error: substitution result too large");
	free(r);
	dw_buf_free(&big);
	dw_buf_free(&in);
}

static void
test_null_opts_and_env(void **state)
{
	dw_shell_opts zero;
	dw_buf out = DW_BUF_INIT;

	(void)state;
	assert_int_equal(dw_shell_expand(NULL, NULL, "a$X\\$", 5, &out, NULL), 0);
	assert_string_equal(dw_buf_cstr(&out), "a$");
	dw_buf_clear(&out);
	/* a zeroed struct means the default escape, not NUL */
	memset(&zero, 0, sizeof zero);
	assert_int_equal(dw_shell_expand(&zero, NULL, "\\$X", 3, &out, NULL), 0);
	assert_string_equal(dw_buf_cstr(&out), "$X");
	dw_buf_clear(&out);
	assert_int_equal(dw_shell_expand(&plain, &test_env, NULL, 0, &out, NULL), 0);
	assert_int_equal(out.len, 0);
	assert_non_null(out.ptr);
	dw_buf_free(&out);
}

static void
test_outputs_append(void **state)
{
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT;
	dw_strv sv = DW_STRV_INIT;

	(void)state;
	dw_buf_puts(&out, "x=");
	dw_buf_puts(&err, "line 3: ");
	assert_int_equal(dw_shell_expand(&plain, &test_env, "$PWD", 4, &out,
	    &err), 0);
	assert_string_equal(dw_buf_cstr(&out), "x=/home");
	assert_int_equal(dw_shell_expand(&plain, &test_env, "${", 2, &out,
	    &err), -1);
	assert_string_equal(dw_buf_cstr(&out), "x=/home");
	assert_string_equal(dw_buf_cstr(&err),
	    "line 3: syntax error: missing '}'");
	dw_strv_push(&sv, "first", 5);
	assert_int_equal(dw_shell_words(&plain, &test_env, "a b", 3, &sv,
	    NULL), 0);
	assert_int_equal(sv.n, 3);
	assert_string_equal(sv.v[0], "first");
	assert_string_equal(sv.v[2], "b");
	assert_int_equal(dw_shell_words(&plain, &test_env, "'", 1, &sv,
	    NULL), -1);
	assert_int_equal(sv.n, 3);
	dw_strv_free(&sv);
	dw_buf_free(&out);
	dw_buf_free(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_references),
		cmocka_unit_test(test_default_colon_minus),
		cmocka_unit_test(test_default_minus),
		cmocka_unit_test(test_alternative_colon_plus),
		cmocka_unit_test(test_alternative_plus),
		cmocka_unit_test(test_required_colon_question),
		cmocka_unit_test(test_required_question),
		cmocka_unit_test(test_trim_prefix_shortest),
		cmocka_unit_test(test_trim_prefix_longest),
		cmocka_unit_test(test_trim_suffix_shortest),
		cmocka_unit_test(test_trim_suffix_longest),
		cmocka_unit_test(test_replace_first),
		cmocka_unit_test(test_replace_all),
		cmocka_unit_test(test_replacement_quirks),
		cmocka_unit_test(test_nested_defaults),
		cmocka_unit_test(test_escapes_outside_quotes),
		cmocka_unit_test(test_escapes_inside_double_quotes),
		cmocka_unit_test(test_single_quotes),
		cmocka_unit_test(test_backtick_escape),
		cmocka_unit_test(test_raw_quotes),
		cmocka_unit_test(test_raw_escapes),
		cmocka_unit_test(test_skip_unset),
		cmocka_unit_test(test_skip_quotes),
		cmocka_unit_test(test_on_unset_callback),
		cmocka_unit_test(test_positional_and_special),
		cmocka_unit_test(test_error_messages),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_glob_escapes),
		cmocka_unit_test(test_glob_newline_and_reversal),
		cmocka_unit_test(test_words_splitting),
		cmocka_unit_test(test_words_nested_word_quirk),
		cmocka_unit_test(test_words_heredoc_blanks),
		cmocka_unit_test(test_unicode_names),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_later_entries_win),
		cmocka_unit_test(test_match_budget),
		cmocka_unit_test(test_output_cap),
		cmocka_unit_test(test_null_opts_and_env),
		cmocka_unit_test(test_outputs_append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
