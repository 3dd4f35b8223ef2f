/* SPDX-License-Identifier: MIT */
/* test_report.c - the JSON writer, the escapers and the reporters, on a
 * hand-made rule table and finding list (no engine involved). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "report.h"

static const dw_rule rules[] = {
	{ "a-rule", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL1,Other", "msg a", "fix a", "explain a", NULL },
	{ "b-rule", DW_CAT_LAMBDA, DW_SEV_STYLE, NULL, "msg b", NULL, NULL, NULL },
};
static const dw_rule *const rule_ptrs[] = { &rules[0], &rules[1] };

static char *
quote(const char *s, size_t n)
{
	dw_buf b = DW_BUF_INIT;

	dw_json_quote(&b, s, n);
	return dw_buf_detach(&b);
}

static void
test_json_quote(void **state)
{
	char *q;

	(void)state;
	q = quote("a\"b\\c\n\t\x01\x7f", 9);
	assert_string_equal(q, "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"");
	free(q);
	/* invalid UTF-8, a lone continuation byte, a surrogate, NUL */
	q = quote("\xff" "x" "\x80" "\xed\xa0\x80" "\0" "\xc3\xa9", 9);
	assert_string_equal(q, "\"\\ufffdx\\ufffd\\ufffd\\ufffd\\ufffd\\u0000\xc3\xa9\"");
	free(q);
	q = quote("\xe2\x80\xa8", 3);
	assert_string_equal(q, "\"\\u2028\"");
	free(q);
}

static void
test_jsonw_pretty(void **state)
{
	dw_buf b = DW_BUF_INIT;
	dw_jsonw w;

	(void)state;
	dw_jsonw_init(&w, &b, true);
	dw_jsonw_obj_begin(&w);
	dw_jsonw_kint(&w, "n", -3);
	dw_jsonw_key(&w, "e");
	dw_jsonw_arr_begin(&w);
	dw_jsonw_arr_end(&w);
	dw_jsonw_key(&w, "l");
	dw_jsonw_arr_begin(&w);
	dw_jsonw_bool(&w, true);
	dw_jsonw_null(&w);
	dw_jsonw_str(&w, NULL);
	dw_jsonw_arr_end(&w);
	dw_jsonw_obj_end(&w);
	assert_string_equal(dw_buf_cstr(&b),
	                    "{\n  \"n\": -3,\n  \"e\": [],\n  \"l\": [\n    true,\n    null,\n    null\n  ]\n}\n");
	dw_buf_free(&b);
}

static void
test_xml_escape(void **state)
{
	dw_buf b = DW_BUF_INIT;

	(void)state;
	dw_xml_escape(&b, "<a href='x'>&\"\n\x01\xff\xef\xbf\xbe\xc3\xa9");
	assert_string_equal(dw_buf_cstr(&b),
	                    "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&#10;\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9");
	dw_buf_free(&b);
}

static void
test_path_uri(void **state)
{
	dw_buf b = DW_BUF_INIT;

	(void)state;
	dw_path_uri(&b, "./a b/<x>%.Dockerfile");
	assert_string_equal(dw_buf_cstr(&b), "a%20b/%3Cx%3E%25.Dockerfile");
	dw_buf_clear(&b);
	dw_path_uri(&b, "/abs/Dockerfile");
	assert_string_equal(dw_buf_cstr(&b), "file:///abs/Dockerfile");
	dw_buf_free(&b);
}

/* Two findings in the wrong order, one with a nasty message. */
static void
make_report(dw_report *r, dw_diags *d, dw_report_file *files)
{
	dw_span s1 = { { 3, 2 }, { 3, 5 } }, s2 = { { 1, 1 }, { 1, 4 } };

	dw_diags_add(d, DW_SEV_STYLE, "Dockerfile", s1, "b-rule", "m\x1b[31m <b>");
	dw_diags_add(d, DW_SEV_WARNING, "Dockerfile", s2, "a-rule", "first");
	dw_report_sort(d->v, d->n);
	files[0].path = "Dockerfile";
	files[0].src = "RUN x\n\n\tRUN  yyyy\n";
	files[0].len = strlen(files[0].src);
	files[0].threshold = DW_SEV_STYLE;
	files[1].path = "clean";
	files[1].src = "";
	files[1].len = 0;
	files[1].threshold = DW_SEV_STYLE;
	memset(r, 0, sizeof(*r));
	r->files = files;
	r->nfiles = 2;
	r->findings = d->v;
	r->nfindings = d->n;
	r->rules = rule_ptrs;
	r->nrules = 2;
	r->version = "9.9";
}

static void
test_sort_and_gnu(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_report_file files[2];
	dw_buf out = DW_BUF_INIT;
	dw_report r;

	(void)state;
	make_report(&r, &d, files);
	dw_report_gnu(&r, &out);
	assert_string_equal(dw_buf_cstr(&out),
	                    "Dockerfile:1:1: warning: first [a-rule]\n"
	                    "Dockerfile:3:2: style: m?[31m <b> [b-rule]\n");
	dw_buf_clear(&out);
	dw_report_tty(&r, &out);
	assert_non_null(strstr(dw_buf_cstr(&out), "    3 | \tRUN  yyyy\n      | \t^~~\n"));
	dw_buf_free(&out);
	dw_diags_free(&d);
}

static void
test_sarif_and_json(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_report_file files[2];
	dw_buf out = DW_BUF_INIT;
	dw_report r;
	const char *s;

	(void)state;
	make_report(&r, &d, files);
	dw_report_sarif(&r, &out);
	s = dw_buf_cstr(&out);
	assert_non_null(strstr(s, "\"version\": \"2.1.0\""));
	assert_non_null(strstr(s, "\"ruleId\": \"b-rule\",\n          \"ruleIndex\": 1,\n          \"level\": \"note\""));
	assert_non_null(strstr(s, "\"text\": \"m\\u001b[31m <b>\""));
	assert_non_null(strstr(s, "\"startLine\": 3,\n"));
	assert_non_null(strstr(s, "\"endColumn\": 5\n"));
	assert_non_null(strstr(s, "\"aliases\": [\n                  \"DL1\",\n                  \"Other\"\n"));
	dw_buf_clear(&out);
	dw_report_json(&r, &out);
	s = dw_buf_cstr(&out);
	assert_non_null(strstr(s, "\"category\": \"lambda\""));
	assert_non_null(strstr(s, "\"fix\": null"));
	dw_buf_clear(&out);
	dw_report_checkstyle(&r, &out);
	assert_non_null(strstr(dw_buf_cstr(&out), "<file name=\"clean\">\n  </file>"));
	assert_non_null(strstr(dw_buf_cstr(&out), "message=\"m\xef\xbf\xbd[31m &lt;b&gt;\""));
	dw_buf_clear(&out);
	dw_report_junit(&r, &out);
	assert_non_null(strstr(dw_buf_cstr(&out), "tests=\"2\" failures=\"1\""));
	assert_non_null(strstr(dw_buf_cstr(&out), "<testcase classname=\"dockwright.lint\" name=\"clean\"/>"));
	/* With the threshold at error, the warning and the style finding
	 * are output, not failures. */
	files[0].threshold = DW_SEV_ERROR;
	dw_buf_clear(&out);
	dw_report_junit(&r, &out);
	assert_non_null(strstr(dw_buf_cstr(&out), "tests=\"2\" failures=\"0\""));
	assert_null(strstr(dw_buf_cstr(&out), "<failure"));
	assert_non_null(strstr(dw_buf_cstr(&out), "<system-out>Dockerfile:1:1: warning: first [a-rule]"));
	files[0].threshold = DW_SEV_WARNING;
	dw_buf_clear(&out);
	dw_report_junit(&r, &out);
	assert_non_null(strstr(dw_buf_cstr(&out), "tests=\"2\" failures=\"1\""));
	assert_non_null(strstr(dw_buf_cstr(&out), "<failure type=\"a-rule\""));
	assert_null(strstr(dw_buf_cstr(&out), "<failure type=\"b-rule\""));
	dw_buf_free(&out);
	dw_diags_free(&d);
}

/* SARIF columns count code points; rules link to their documentation. */
static void
test_sarif_columns(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_report_file files[1];
	dw_buf out = DW_BUF_INIT;
	dw_report r;
	dw_span sp = { { 1, 12 }, { 1, 16 } };   /* "café" is 5 bytes, 4 code points */
	const char *s;

	(void)state;
	dw_diags_add(&d, DW_SEV_WARNING, "Dockerfile", sp, "a-rule", "x");
	files[0].path = "Dockerfile";
	files[0].src = "LABEL a=\"caf\xc3\xa9\" b=1\n";
	files[0].len = strlen(files[0].src);
	files[0].threshold = DW_SEV_WARNING;
	memset(&r, 0, sizeof(r));
	r.files = files;
	r.nfiles = 1;
	r.findings = d.v;
	r.nfindings = d.n;
	r.rules = rule_ptrs;
	r.nrules = 2;
	dw_report_sarif(&r, &out);
	s = dw_buf_cstr(&out);
	assert_non_null(strstr(s, "\"columnKind\": \"unicodeCodePoints\""));
	assert_non_null(strstr(s, "\"startColumn\": 12,"));
	assert_non_null(strstr(s, "\"endColumn\": 15\n"));
	assert_non_null(strstr(s, "\"helpUri\": \"https://github.com/dockwright/dockwright/blob/main/docs/rules.md#a-rule\""));
	assert_non_null(strstr(s, "\"dockwright/v1\": \""));
	dw_buf_free(&out);
	dw_diags_free(&d);
}

/* The fingerprint of the finding with this code and line in a gitlab
 * report. */
static char *
gitlab_fp(const char *report, const char *code, int line)
{
	char key[128], *at, *fp;
	const char *p = report;

	snprintf(key, sizeof key, "\"check_name\": \"%s\"", code);
	while ((at = strstr(p, key)) != NULL) {
		char begin[48], *obj_end = strstr(at, "}\n  }");

		snprintf(begin, sizeof begin, "\"begin\": %d,", line);
		if (obj_end && strstr(at, begin) && strstr(at, begin) < obj_end) {
			fp = strstr(at, "\"fingerprint\": \"");
			assert_non_null(fp);
			return dw_strndup(fp + 16, 64);
		}
		p = at + 1;
	}
	fail_msg("no %s finding at line %d", code, line);
	return NULL;
}

static void
test_codeclimate(void **state)
{
	dw_diags d = DW_DIAGS_INIT, d2 = DW_DIAGS_INIT;
	dw_report_file files[2];
	dw_report r, r2;
	dw_buf out = DW_BUF_INIT, cc = DW_BUF_INIT, out2 = DW_BUF_INIT;
	dw_span s3 = { { 3, 1 }, { 3, 1 } }, s5 = { { 5, 1 }, { 5, 1 } }, s6 = { { 6, 1 }, { 6, 1 } };
	char *a, *b, *c, *moved;
	size_t nuls = 0;

	(void)state;
	make_report(&r, &d, files);
	/* the same message twice: two issues, two fingerprints */
	dw_diags_add(&d, DW_SEV_ERROR, "Dockerfile", s3, "c-rule", "same");
	dw_diags_add(&d, DW_SEV_ERROR, "Dockerfile", s5, "c-rule", "same");
	dw_report_sort(d.v, d.n);
	r.findings = d.v;
	r.nfindings = d.n;
	dw_report_write(&r, DW_FMT_GITLAB, &out);
	assert_true(dw_buf_cstr(&out)[0] == '[');
	assert_non_null(strstr(out.ptr, "\"severity\": \"critical\""));
	assert_non_null(strstr(out.ptr, "\"severity\": \"major\""));
	assert_non_null(strstr(out.ptr, "\"severity\": \"info\""));
	assert_non_null(strstr(out.ptr, "\"path\": \"Dockerfile\""));
	assert_null(strstr(out.ptr, "\x1b"));          /* the escape is quoted */
	a = gitlab_fp(out.ptr, "c-rule", 3);
	b = gitlab_fp(out.ptr, "c-rule", 5);
	assert_string_not_equal(a, b);
	/* A line added above moves both: their fingerprints stay. */
	dw_diags_add(&d2, DW_SEV_ERROR, "Dockerfile", s6, "c-rule", "same");
	dw_diags_add(&d2, DW_SEV_ERROR, "Dockerfile", s3, "c-rule", "same");
	dw_report_sort(d2.v, d2.n);
	r2 = r;
	r2.findings = d2.v;
	r2.nfindings = d2.n;
	dw_report_write(&r2, DW_FMT_GITLAB, &out2);
	c = gitlab_fp(out2.ptr, "c-rule", 3);
	moved = gitlab_fp(out2.ptr, "c-rule", 6);
	assert_string_equal(a, c);
	assert_string_equal(b, moved);
	/* The engine format: one object per issue, each ended by NUL. */
	dw_report_write(&r, DW_FMT_CODECLIMATE, &cc);
	for (size_t i = 0; i < cc.len; i++)
		nuls += cc.ptr[i] == '\0';
	assert_int_equal(nuls, d.n);
	assert_true(cc.ptr[0] == '{' && cc.ptr[cc.len - 1] == '\0');
	assert_non_null(strstr(cc.ptr, "\"type\":\"issue\""));
	assert_non_null(strstr(cc.ptr, "\"categories\":[\"Bug Risk\"]"));
	assert_int_equal(dw_format_lookup("gitlab_codeclimate"), DW_FMT_GITLAB);
	assert_int_equal(dw_format_lookup("codeclimate"), DW_FMT_CODECLIMATE);
	free(a);
	free(b);
	free(c);
	free(moved);
	dw_buf_free(&out);
	dw_buf_free(&out2);
	dw_buf_free(&cc);
	dw_diags_free(&d);
	dw_diags_free(&d2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_quote),
		cmocka_unit_test(test_jsonw_pretty),
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_path_uri),
		cmocka_unit_test(test_sort_and_gnu),
		cmocka_unit_test(test_sarif_and_json),
		cmocka_unit_test(test_sarif_columns),
		cmocka_unit_test(test_codeclimate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
