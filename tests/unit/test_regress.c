/* SPDX-License-Identifier: MIT */
/*
 * test_regress.c - every crash the fuzzers found, as a minimal input.
 *
 * Each input runs through the very harness that found it (the harnesses
 * fuzz/fuzz_NAME.c are included here, their entry points renamed), so
 * `make check` repeats the harness's invariant checks under the main
 * build's sanitizers; a test then pins down the behaviour the fix settled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dockwright.h"

int fuzz_parse_one(const uint8_t *data, size_t size);
int fuzz_shell_one(const uint8_t *data, size_t size);
int fuzz_yaml_one(const uint8_t *data, size_t size);
int fuzz_lockfile_one(const uint8_t *data, size_t size);
int fuzz_pack_one(const uint8_t *data, size_t size);
int fuzz_lint_one(const uint8_t *data, size_t size);

#define LLVMFuzzerTestOneInput fuzz_parse_one
#include "../../fuzz/fuzz_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_shell_one
#include "../../fuzz/fuzz_shell.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_yaml_one
#include "../../fuzz/fuzz_yaml.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_lockfile_one
#define count lockfile_count
#include "../../fuzz/fuzz_lockfile.c"
#undef count
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_pack_one
#define dockerfile pack_dockerfile
#include "../../fuzz/fuzz_pack.c"
#undef dockerfile
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_lint_one
#include "../../fuzz/fuzz_lint.c"
#undef LLVMFuzzerTestOneInput

/* Run `n` bytes through a harness from an allocation of exactly that size,
 * so that a read past the end is caught. */
static void
replay(int (*one)(const uint8_t *, size_t), const char *s, size_t n)
{
	uint8_t *p = malloc(n ? n : 1);

	assert_non_null(p);
	memcpy(p, s, n);
	assert_int_equal(one(p, n), 0);
	free(p);
}

#define REPLAY(one, lit) replay(one, lit, sizeof lit - 1)

static dw_dockerfile *
parse_lit(const char *s, size_t n, dw_diags *d)
{
	dw_dockerfile *df = dw_parse(s, n, "Dockerfile", NULL, d);

	assert_non_null(df);
	return df;
}

static void
assert_word(const dw_instr *in, const dw_word *w, const char *value,
            uint32_t col, uint32_t end_col)
{
	dw_span sp = dw_word_span(in, w);

	assert_string_equal(w->value, value);
	assert_int_equal(sp.start.line, 1);
	assert_int_equal(sp.start.col, col);
	assert_int_equal(sp.end.line, 1);
	assert_int_equal(sp.end.col, end_col);
}

/*
 * fuzz_parse, "FROM\n": an instruction without any word computed
 * P->words + 0 with P->words still NULL (undefined; clang's UBSan stops).
 * Fixed in lib/parse.c copy_words.
 */
static void
parse_first_instr_without_words(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df;

	(void)state;
	REPLAY(fuzz_parse_one, "FROM\n");
	df = parse_lit("FROM\n", 5, &d);
	assert_int_equal(df->ninstrs, 1);
	assert_int_equal(df->instrs[0].nflags, 0);
	assert_int_equal(df->instrs[0].nargs, 0);
	assert_null(df->instrs[0].args);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
}

/*
 * fuzz_parse, "ENV \xff=b\n": in the name=value form the key and value
 * offsets were taken from the word's value, where the invalid byte is the
 * 3-byte U+FFFD; the value's range ended before it started and ran past
 * the text, and the key was the whole source word.  Fixed in lib/parse.c
 * parse_name_val: strings from the value, offsets from the source.
 */
static void
parse_env_invalid_utf8_key(void **state)
{
	static const char src[] = "ENV \xff=b c=\xff\n";
	dw_diags d = DW_DIAGS_INIT;
	dw_buf dump = DW_BUF_INIT;
	dw_dockerfile *df;
	const dw_instr *in;

	(void)state;
	REPLAY(fuzz_parse_one, "ENV \xff=b\n");
	REPLAY(fuzz_parse_one, "ENV \xff=b c=\xff\n");
	REPLAY(fuzz_parse_one, "LABEL \xc3=\xc3 \xff\xff=\n");
	df = parse_lit(src, sizeof src - 1, &d);
	in = &df->instrs[0];
	assert_int_equal(in->nargs, 6);
	assert_word(in, &in->args[0], "\xef\xbf\xbd", 5, 6);
	assert_word(in, &in->args[1], "b", 7, 8);
	assert_word(in, &in->args[2], "=", 6, 7);
	assert_word(in, &in->args[3], "c", 9, 10);
	assert_word(in, &in->args[4], "\xef\xbf\xbd", 11, 12);
	assert_word(in, &in->args[5], "=", 10, 11);
	dw_dump(df, &dump);
	assert_string_equal(dw_buf_cstr(&dump),
	                    "(env \"\xef\xbf\xbd\" \"b\" \"=\" \"c\" \"\xef\xbf\xbd\" \"=\")\n");
	dw_buf_free(&dump);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
}

/* ${A//?/...} nested nine deep: 6^9 bytes from 75 input bytes. */
#define NEST9 "${A//?/${A//?/${A//?/${A//?/${A//?/${A//?/${A//?/${A//?/$A}}}}}}}}"

/* COPIES times ${BIG//a/$BIG}, BIG being 4096 a: 2^24 bytes each. */
static char *
expand_big(int copies, dw_buf *err)
{
	static const char *const names[] = { "BIG" };
	const char *values[1];
	const dw_env env = { names, values, 1 };
	const dw_shell_opts o = { '\\', false, false, false, false, NULL, NULL, NULL };
	dw_buf big = DW_BUF_INIT, in = DW_BUF_INIT, out = DW_BUF_INIT;
	char *r = NULL;

	for (int i = 0; i < 4096; i++)
		dw_buf_putc(&big, 'a');
	values[0] = big.ptr;
	for (int i = 0; i < copies; i++)
		dw_buf_puts(&in, "${BIG//a/$BIG}");
	if (dw_shell_expand(&o, &env, in.ptr, in.len, &out, err) == 0) {
		assert_int_equal(out.len, (size_t)copies << 24);
		r = dw_buf_detach(&out);
	}
	dw_buf_free(&out);
	dw_buf_free(&in);
	dw_buf_free(&big);
	return r;
}

/*
 * fuzz_shell (slow units, then out of memory): the 16 MiB cap (once 64 MiB) on what
 * ${n//p/r} produces held per substitution, so a word of a few of them
 * took memory and time in proportion: eight NEST9 (600 bytes) needed
 * 1 GB, a 4 KB line several.  Fixed in lib/shell.c: the cap is for all
 * substitutions of one call together (struct lexer out_left).
 */
static void
shell_output_cap_per_call(void **state)
{
	dw_buf err = DW_BUF_INIT;
	char *r;

	(void)state;
	REPLAY(fuzz_shell_one, "\x00" NEST9 NEST9 NEST9 NEST9 NEST9 NEST9 NEST9 NEST9);
	REPLAY(fuzz_shell_one, "\x40" NEST9 NEST9 NEST9 NEST9 NEST9 NEST9 NEST9 NEST9);
	/* Exactly the cap still works... */
	r = expand_big(1, &err);
	assert_non_null(r);
	assert_int_equal(err.len, 0);
	free(r);
	/* ...and one more substitution is refused, not built. */
	r = expand_big(2, &err);
	assert_null(r);
	assert_string_equal(dw_buf_cstr(&err), "substitution result too large");
	dw_buf_free(&err);
}

/* The harnesses on ordinary inputs, so that they keep building and
 * running with the main compiler too. */
static void
harness_smoke(void **state)
{
	(void)state;
	REPLAY(fuzz_parse_one, "");
	REPLAY(fuzz_parse_one, "# escape=`\nFROM a\nRUN <<EOF\nx\nEOF\nONBUILD RUN b\n");
	REPLAY(fuzz_shell_one, "");
	REPLAY(fuzz_shell_one, "\x00${A:-x}$SP");
	REPLAY(fuzz_shell_one, "\x40${A:+\"q\"} 'a b'");
	REPLAY(fuzz_yaml_one, "");
	REPLAY(fuzz_yaml_one, "a: &x [1, {b: yes}]\nc: *x\n");
	REPLAY(fuzz_yaml_one, "[");
	REPLAY(fuzz_lint_one, "");
	REPLAY(fuzz_lint_one, "FROM ruby:3.3\nRUN apt-get install x && cd /y\n"
	       "ONBUILD RUN sudo z\nCMD [\"app.rb\"]\n");
}

/*
 * fuzz_lint, "FROM debian\n": a file without any shell command left
 * cx->cmds NULL, and FOR_CMDS computed NULL + 0 for every instruction
 * (undefined; clang's UBSan stops).  Fixed in lint/engine.h FOR_CMDS.
 */
static void
lint_file_without_commands(void **state)
{
	(void)state;
	REPLAY(fuzz_lint_one, "FROM debian\n");
	REPLAY(fuzz_lint_one, "FROM public.ecr.aws/lambda/ruby:3.3\nCMD [\"app.handler\"]\n");
}

/*
 * fuzz_lint: COPY app.rb ${UNSET} expands its destination to "", and the
 * handler's file search read dv[strlen(dv) - 1], the byte before it.
 * Fixed with lint_ends_in_slash in lint/query.c (and its like in three
 * more places).
 */
static void
lint_copy_to_empty_destination(void **state)
{
	(void)state;
	REPLAY(fuzz_lint_one, "FROM public.ecr.aws/lambda/ruby:3.3\nCOPY app.rb ${UNSET}\n"
	       "CMD [\"app.handler\"]\n");
	REPLAY(fuzz_lint_one, "FROM public.ecr.aws/lambda/ruby:3.3\nCOPY ${UNSET} /var/task/\n"
	       "COPY a b ${UNSET}\nCMD [\"app.handler\"]\n");
}

/* fuzz_lockfile: `ruby ""` in a Gemfile leaked the requirement buffer. */
static void
gemfile_empty_ruby_requirement(void **state)
{
	dw_gemfile g;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	REPLAY(fuzz_lockfile_one, "ruby \"\"\n");
	memset(&g, 0, sizeof g);
	dw_gemfile_parse("ruby \"\"\n", 8, "Gemfile", &g, &d);
	assert_null(g.ruby_version);
	dw_gemfile_free(&g);
	dw_diags_free(&d);
}

/* fuzz_pack: a pack whose rule reuses a built-in id, and a pack with the
 * 'rules' key twice, failed without saying where (or without any error). */
static void
pack_errors_have_positions(void **state)
{
	(void)state;
	REPLAY(fuzz_pack_one, "rules:\n  - id: practice-sudo\n    category: practice\n"
	       "    severity: error\n    message: m\n    instruction: run\n"
	       "    match: command\n    pattern: x\n    mode: must-not-match\n");
	REPLAY(fuzz_pack_one, "rules: []\nrules: []\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(harness_smoke),
		cmocka_unit_test(parse_first_instr_without_words),
		cmocka_unit_test(parse_env_invalid_utf8_key),
		cmocka_unit_test(shell_output_cap_per_call),
		cmocka_unit_test(gemfile_empty_ruby_requirement),
		cmocka_unit_test(pack_errors_have_positions),
		cmocka_unit_test(lint_file_without_commands),
		cmocka_unit_test(lint_copy_to_empty_destination),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
