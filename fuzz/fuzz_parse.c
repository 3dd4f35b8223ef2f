/* SPDX-License-Identifier: MIT */
/*
 * fuzz_parse.c - the Dockerfile parser: dw_parse, then everything a
 * consumer does with the tree (dw_dump, dw_validate, the span of every
 * instruction, flag, argument and heredoc, the diagnostics formatted), and
 * the invariants a consumer relies on: every position lies inside the file
 * and every word inside its instruction's text.
 */
#include "fuzz.h"

#include "dockwright.h"

static void
check_pos(const dw_dockerfile *df, dw_pos p)
{
	FUZZ_CHECK(p.line >= 1 && p.line <= df->nlines);
	FUZZ_CHECK(p.col >= 1);
}

static void
check_span(const dw_dockerfile *df, dw_span s)
{
	check_pos(df, s.start);
	check_pos(df, s.end);
	FUZZ_CHECK(s.start.line < s.end.line ||
	           (s.start.line == s.end.line && s.start.col <= s.end.col));
}

static void
check_word(const dw_dockerfile *df, const dw_instr *in, const dw_word *w)
{
	FUZZ_CHECK(w->value != NULL && w->value[w->len] == '\0');
	FUZZ_CHECK(w->off <= w->end && w->end <= in->text_len);
	check_span(df, dw_word_span(in, w));
}

static void
check_instr(const dw_dockerfile *df, const dw_instr *in)
{
	FUZZ_CHECK(in->text[in->text_len] == '\0');
	FUZZ_CHECK(in->keyword >= in->text &&
	           in->keyword + in->keyword_len <= in->text + in->text_len);
	FUZZ_CHECK(in->end_off <= in->text_len);
	FUZZ_CHECK(in->start_line >= 1 && in->start_line <= in->end_line);
	FUZZ_CHECK(in->end_line <= df->nlines);
	check_span(df, dw_instr_span(in));
	check_pos(df, dw_instr_pos(in, 0));
	check_span(df, dw_instr_range(in, 0, in->text_len));
	for (uint32_t i = 0; i < in->nflags; i++)
		check_word(df, in, &in->flags[i]);
	for (uint32_t i = 0; i < in->nargs; i++)
		check_word(df, in, &in->args[i]);
	for (uint32_t i = 0; i < in->nheredocs; i++) {
		const dw_heredoc *hd = &in->heredocs[i];

		check_word(df, in, &hd->word);
		FUZZ_CHECK(hd->body_line <= hd->end_line);
		FUZZ_CHECK(hd->end_line <= df->nlines);
		FUZZ_CHECK(hd->content_len == 0 || hd->content != NULL);
	}
	if (in->sub)
		check_instr(df, in->sub);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;
	dw_dockerfile *df;

	df = dw_parse((const char *)data, size, "Dockerfile", NULL, &d);
	if (df != NULL) {
		FUZZ_CHECK(df->ninstrs > 0);
		for (size_t i = 0; i < df->ninstrs; i++)
			check_instr(df, &df->instrs[i]);
		for (size_t i = 0; i < df->ncomments; i++)
			FUZZ_CHECK(df->comments[i].line >= 1 &&
			           df->comments[i].line <= df->nlines);
		dw_dump(df, &out);
		dw_validate(df, &d);
		dw_dockerfile_free(df);
	} else {
		FUZZ_CHECK(dw_diags_count(&d, DW_SEV_ERROR) > 0);
	}
	for (size_t i = 0; i < d.n; i++) {
		dw_buf_clear(&out);
		dw_diag_format(&d.v[i], &out);
	}
	dw_buf_clear(&out);
	dw_go_quote(&out, (const char *)data, size);
	dw_buf_free(&out);
	dw_diags_free(&d);
	return 0;
}
