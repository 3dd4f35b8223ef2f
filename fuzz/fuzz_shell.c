/* SPDX-License-Identifier: MIT */
/*
 * fuzz_shell.c - the variable expander (BuildKit's shell lexer).  The first
 * input byte chooses the options, the rest is the word:
 *   bit 0  escape is '`' instead of '\\'
 *   bit 1  raw_quotes        bit 2  raw_escapes
 *   bit 3  skip_unset        bit 4  skip_quotes
 *   bit 5  an on_unset callback
 *   bit 6  dw_shell_words instead of dw_shell_expand
 *   bit 7  an empty environment instead of the small one below
 */
#include "fuzz.h"

#include <string.h>

#include "dockwright.h"

/* Values with the characters that make expansion interesting: blanks for
 * word splitting, quotes, escapes, glob characters, non-UTF-8, and a name
 * given twice (the later one wins). */
static const char *const env_names[] = {
	"A", "EMPTY", "SP", "Q", "ESC", "NL", "DUP", "DUP", "LONG_NAME_1", "_",
	"\xc3\xa9",
};
static const char *const env_values[] = {
	"abcabc", "", " a  b ", "'\"", "a\\b`c$d", "x\ny", "first", "second",
	"*?[]{}", "-", "\xff\xfe",
};
static const dw_env small_env = { env_names, env_values,
	sizeof env_names / sizeof env_names[0] };
static const dw_env no_env = { NULL, NULL, 0 };

static void
on_unset(void *ctx, const char *name, size_t len)
{
	size_t *count = ctx;
	volatile unsigned char sink = 0;

	/* Touch every byte: ASan reports a name pointing out of bounds. */
	for (size_t i = 0; i < len; i++)
		sink ^= (unsigned char)name[i];
	(void)sink;
	(*count)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_shell_opts o;
	const dw_env *env;
	const char *in;
	size_t len, unset = 0;
	dw_buf err = DW_BUF_INIT;
	uint8_t bits;
	int rc;

	if (size == 0)
		return 0;
	bits = data[0];
	in = (const char *)data + 1;
	len = size - 1;
	memset(&o, 0, sizeof o);
	o.escape = bits & 1 ? '`' : '\\';
	o.raw_quotes = bits & 2;
	o.raw_escapes = bits & 4;
	o.skip_unset = bits & 8;
	o.skip_quotes = bits & 16;
	if (bits & 32) {
		o.on_unset = on_unset;
		o.ctx = &unset;
	}
	env = bits & 128 ? &no_env : &small_env;
	if (bits & 64) {
		dw_strv sv = DW_STRV_INIT;

		rc = dw_shell_words(&o, env, in, len, &sv, &err);
		if (rc != 0)
			FUZZ_CHECK(sv.n == 0);
		for (size_t i = 0; i < sv.n; i++)
			FUZZ_CHECK(sv.v[i] != NULL);
		dw_strv_free(&sv);
	} else {
		dw_buf out = DW_BUF_INIT;

		rc = dw_shell_expand(&o, env, in, len, &out, &err);
		if (rc != 0)
			FUZZ_CHECK(out.len == 0);
		dw_buf_free(&out);
	}
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc != 0)
		FUZZ_CHECK(err.len > 0);
	dw_buf_free(&err);
	return 0;
}
