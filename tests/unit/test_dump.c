/* SPDX-License-Identifier: MIT */
/* test_dump.c - Go-compatible quoting and the S-expression renderer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "dockwright.h"

static void
assert_quote(const char *in, size_t n, const char *want)
{
	dw_buf b = DW_BUF_INIT;

	dw_go_quote(&b, in, n);
	assert_string_equal(dw_buf_cstr(&b), want);
	dw_buf_free(&b);
}

static void
quote_plain(void **state)
{
	(void)state;
	assert_quote("abc 123", 7, "\"abc 123\"");
	assert_quote("", 0, "\"\"");
}

static void
quote_escapes(void **state)
{
	(void)state;
	assert_quote("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	assert_quote("\a\b\f\n\r\t\v", 7, "\"\\a\\b\\f\\n\\r\\t\\v\"");
}

static void
quote_controls(void **state)
{
	(void)state;
	assert_quote("\x00\x01\x1f\x7f", 4, "\"\\x00\\x01\\x1f\\x7f\"");
	/* C1 controls are runes, so Go writes them as \u. */
	assert_quote("\xC2\x85", 2, "\"\\u0085\"");
}

static void
quote_invalid_utf8(void **state)
{
	(void)state;
	assert_quote("\xff\xfe", 2, "\"\\xff\\xfe\"");
	assert_quote("a\xc3", 2, "\"a\\xc3\"");
	/* An encoded surrogate is invalid UTF-8: three bytes, three escapes. */
	assert_quote("\xED\xA0\x80", 3, "\"\\xed\\xa0\\x80\"");
}

static void
quote_unicode(void **state)
{
	(void)state;
	assert_quote("é☃😀", strlen("é☃😀"), "\"é☃😀\"");
	assert_quote("\xC2\xA0", 2, "\"\\u00a0\"");       /* no-break space */
	assert_quote("\xEF\xBB\xBF", 3, "\"\\ufeff\"");   /* BOM */
	assert_quote("\xE2\x80\x8B", 3, "\"\\u200b\"");   /* zero-width space */
	assert_quote("\xF3\xB0\x80\x80", 4, "\"\\U000f0000\""); /* private use */
	assert_quote("\xEF\xBF\xBD", 3, "\"\xEF\xBF\xBD\"");  /* U+FFFD itself */
}

static void
dump_shapes(void **state)
{
	static const char src[] =
		"FROM a\nONBUILD --x=1 RUN [\"a\"]\nHEALTHCHECK\nCMD\nENV A B\n";
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df = dw_parse(src, sizeof src - 1, "t", NULL, &d);
	dw_buf out = DW_BUF_INIT;

	(void)state;
	assert_non_null(df);
	dw_dump(df, &out);
	assert_string_equal(dw_buf_cstr(&out),
	                    "(from \"a\")\n(onbuild [\"--x=1\"] (run \"a\"))\n(healthcheck)\n(cmd)\n"
	                    "(env \"A\" \"B\" \"\")\n");
	dw_buf_free(&out);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quote_plain),
		cmocka_unit_test(quote_escapes),
		cmocka_unit_test(quote_controls),
		cmocka_unit_test(quote_invalid_utf8),
		cmocka_unit_test(quote_unicode),
		cmocka_unit_test(dump_shapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
