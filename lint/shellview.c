/* SPDX-License-Identifier: MIT */
/*
 * shellview.c - the shell view of RUN: the commands of a shell-form RUN
 * (and of heredoc bodies that feed a shell), split on && || ; | & and
 * newlines, with quotes respected, each word with its physical span.
 *
 * This is not a shell parser.  It knows enough to find commands and their
 * flags: quoting, backslash escapes, $(...) and `...` kept inside a word,
 * comments, leading VAR=value assignments and the control keywords.
 */
#include "engine.h"
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct word {
	char *val;
	size_t off, end;        /* in the source text */
};

struct src {
	const char *s;
	size_t n;
	const dw_instr *in;
	size_t base;            /* offset of s in the instruction's text */
	const dw_heredoc *hd;   /* a heredoc body, else NULL */
	/* monotonic line cursor for heredoc bodies */
	size_t cur_off, cur_line_start;
	uint32_t cur_line;
	size_t seg;             /* dw_instr_pos_near's, for the RUN line itself */
};

struct view {
	struct dw_lint_ctx *cx;
	size_t instr;
	struct word *w;
	size_t nw, capw;
	int heredoc_next;       /* index of the next heredoc token */
	int *script_hd;         /* heredocs whose body is a script */
	int nhd;
	bool heredoc;
	size_t bad_quote;       /* offset of an unterminated quote, or SIZE_MAX */
	dw_buf scratch;         /* read_word's */
};

static dw_pos
src_pos(struct src *sr, size_t off)
{
	dw_pos p;

	if (sr->hd == NULL)
		return dw_instr_pos_near(sr->in, sr->base + off, &sr->seg);
	if (off < sr->cur_off) {
		sr->cur_off = 0;
		sr->cur_line_start = 0;
		sr->cur_line = sr->hd->body_line;
	}
	for (; sr->cur_off < off; sr->cur_off++)
		if (sr->s[sr->cur_off] == '\n') {
			sr->cur_line++;
			sr->cur_line_start = sr->cur_off + 1;
		}
	p.line = sr->cur_line;
	p.col = (uint32_t)(off - sr->cur_line_start + 1);
	return p;
}

/* What the tokenizer treats specially, one table: every byte of every RUN
 * line is asked. */
enum { BLANK = 1, OP = 2, QUOTING = 4 };   /* QUOTING: quotes, escapes, $, `, < > */

static const unsigned char byte_class[256] = {
	[' '] = BLANK, ['\t'] = BLANK, ['\r'] = BLANK,
	[';'] = OP, ['&'] = OP, ['|'] = OP, ['\n'] = OP, ['('] = OP, [')'] = OP,
	['\\'] = QUOTING, ['\''] = QUOTING, ['"'] = QUOTING, ['$'] = QUOTING, ['`'] = QUOTING,
	['<'] = QUOTING, ['>'] = QUOTING,
};

static bool
is_op(char c)
{
	return byte_class[(unsigned char)c] == OP;
}

static bool
is_blank(char c)
{
	return byte_class[(unsigned char)c] == BLANK;
}

static bool
is_assignment(const char *s)
{
	if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return false;
	for (s++; *s && *s != '='; s++)
		if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return *s == '=';
}

static bool
is_keyword(const char *s)
{
	static const char *const kw[] = { "if", "then", "else", "elif", "fi", "do", "done",
	                                   "while", "until", "!", "{", "}", "time", "esac",
	                                   "exec", NULL };

	/* Every command's first word comes here: most start with no
	 * keyword's first letter. */
	if (strchr("itedfwu!{}", s[0]) == NULL || s[0] == 0)
		return false;
	for (size_t i = 0; kw[i]; i++)
		if (strcmp(kw[i], s) == 0)
			return true;
	return false;
}

/* Commands whose words are not a simple command: skipped whole. */
static bool
is_compound(const char *s)
{
	if (s[0] != 'f' && s[0] != 'c' && s[0] != 's')
		return false;
	return strcmp(s, "for") == 0 || strcmp(s, "case") == 0 || strcmp(s, "select") == 0 ||
	       strcmp(s, "function") == 0;
}

/* <<EOF, <<-EOF, 3<<EOF, or a bare << followed by the name. */
static bool
heredoc_token(const char *v, bool *bare)
{
	while (*v >= '0' && *v <= '9')
		v++;
	if (v[0] != '<' || v[1] != '<' || v[2] == '<')
		return false;
	v += 2;
	if (*v == '-')
		v++;
	*bare = *v == 0;
	return true;
}

static bool
is_shell(const char *v)
{
	static const char *const sh[] = { "sh", "bash", "ash", "dash", "zsh", "ksh", NULL };
	const char *b = strrchr(v, '/');

	b = b ? b + 1 : v;
	for (size_t i = 0; sh[i]; i++)
		if (strcmp(sh[i], b) == 0)
			return true;
	return false;
}

static void
push_cmd(struct view *vw, struct src *sr, char op)
{
	struct dw_lint_ctx *cx = vw->cx;
	dw_lint_cmd *c;
	size_t a = 0, keep = 0;
	bool bare = false, fed = false;
	int hd_first = -1;

	/* Heredoc tokens: note them, drop them from argv. */
	for (size_t i = 0; i < vw->nw; i++) {
		if (heredoc_token(vw->w[i].val, &bare)) {
			if (hd_first < 0)
				hd_first = vw->heredoc_next;
			vw->heredoc_next++;
			vw->w[i].val = NULL;
			if (bare && i + 1 < vw->nw)
				vw->w[++i].val = NULL;
			fed = true;
		}
	}
	for (size_t i = 0; i < vw->nw; i++)
		if (vw->w[i].val)
			vw->w[keep++] = vw->w[i];
	vw->nw = keep;
	while (a < vw->nw && (is_assignment(vw->w[a].val) || is_keyword(vw->w[a].val)))
		a++;
	if (fed && vw->script_hd && hd_first >= 0 && hd_first < vw->nhd &&
	    (a == vw->nw || is_shell(vw->w[a].val)))
		vw->script_hd[hd_first] = 1;
	if (a == vw->nw || is_compound(vw->w[a].val)) {
		vw->nw = 0;
		return;
	}
	if (cx->ncmds == cx->capcmds) {
		cx->capcmds = cx->capcmds ? cx->capcmds * 2 : 16;
		cx->cmds = dw_realloc(cx->cmds, cx->capcmds * sizeof *cx->cmds);
	}
	c = &cx->cmds[cx->ncmds++];
	memset(c, 0, sizeof *c);
	c->instr = vw->instr;
	c->heredoc = vw->heredoc;
	c->op = op;
	c->argc = vw->nw - a;
	/* Words, argv and spans live in the file's arena: thousands of
	 * small blocks, freed at once. */
	c->argv = dw_arena_alloc(cx->arena, c->argc * sizeof *c->argv);
	c->spans = dw_arena_alloc(cx->arena, c->argc * sizeof *c->spans);
	for (size_t i = a; i < vw->nw; i++) {
		c->argv[i - a] = vw->w[i].val;
		c->spans[i - a].start = src_pos(sr, vw->w[i].off);
		c->spans[i - a].end = src_pos(sr, vw->w[i].end);
	}
	c->name = strrchr(c->argv[0], '/') ? strrchr(c->argv[0], '/') + 1 : c->argv[0];
	vw->nw = 0;
}

/* Nothing read_word treats specially. */
static bool
plain_char(char c)
{
	return byte_class[(unsigned char)c] == 0;
}

/* Read one word from s[i]; returns the index after it. */
static size_t
read_word(struct view *vw, const char *s, size_t n, size_t i)
{
	dw_buf b = vw->scratch;     /* reused: one allocation per word, its own size */
	size_t start = i;
	int depth = 0;

	while (i < n) {
		char c = s[i];

		if (depth == 0 && (is_blank(c) || (is_op(c) &&
		    !(c == '&' && i > start && (s[i - 1] == '>' || s[i - 1] == '<')))))
			break;
		if (c == '\\' && i + 1 < n) {
			if (s[i + 1] != '\n')
				dw_buf_putc(&b, s[i + 1]);
			i += 2;
		} else if (c == '\'') {
			size_t e = i + 1;

			while (e < n && s[e] != '\'')
				e++;
			if (e >= n && vw->bad_quote == SIZE_MAX)
				vw->bad_quote = i;
			dw_buf_put(&b, s + i + 1, e - i - 1);
			i = e < n ? e + 1 : e;
		} else if (c == '"') {
			size_t q = i;

			for (i++; i < n && s[i] != '"'; i++) {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				dw_buf_putc(&b, s[i]);
			}
			if (i >= n && vw->bad_quote == SIZE_MAX)
				vw->bad_quote = q;
			i = i < n ? i + 1 : i;
		} else if (c == '$' && i + 1 < n && s[i + 1] == '(') {
			depth++;
			dw_buf_put(&b, s + i, 2);
			i += 2;
		} else if (depth > 0 && c == '(') {
			depth++;
			dw_buf_putc(&b, c);
			i++;
		} else if (depth > 0 && c == ')') {
			depth--;
			dw_buf_putc(&b, c);
			i++;
		} else if (c == '`') {
			size_t e = i + 1;

			while (e < n && s[e] != '`')
				e++;
			dw_buf_put(&b, s + i, (e < n ? e + 1 : e) - i);
			i = e < n ? e + 1 : e;
		} else {
			/* A run of plain characters at once. */
			size_t e = i + 1;

			while (e < n && plain_char(s[e]))
				e++;
			dw_buf_put(&b, s + i, e - i);
			i = e;
		}
	}
	if (vw->nw == vw->capw) {
		vw->capw = vw->capw ? vw->capw * 2 : 16;
		vw->w = dw_realloc(vw->w, vw->capw * sizeof *vw->w);
	}
	vw->w[vw->nw].val = dw_arena_strndup(vw->cx->arena, b.ptr ? b.ptr : "", b.len);
	dw_buf_clear(&b);
	vw->scratch = b;
	vw->w[vw->nw].off = start;
	vw->w[vw->nw].end = i;
	vw->nw++;
	return i;
}

static void
tokenize(struct view *vw, struct src *sr)
{
	const char *s = sr->s;
	size_t n = sr->n, i = 0;

	while (i < n) {
		char c = s[i];

		if (is_blank(c)) {
			i++;
		} else if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
			i += 2;
		} else if (c == '#' ) {
			while (i < n && s[i] != '\n')
				i++;
		} else if (c == '&' || c == '|') {
			bool dbl = i + 1 < n && s[i + 1] == c;

			push_cmd(vw, sr, c == '&' ? (dbl ? '&' : ';') : (dbl ? 'o' : '|'));
			i += dbl ? 2 : 1;
		} else if (is_op(c)) {
			push_cmd(vw, sr, ';');
			i++;
		} else {
			i = read_word(vw, s, n, i);
		}
	}
	push_cmd(vw, sr, 0);
	if (vw->bad_quote != SIZE_MAX && !vw->cx->info[vw->instr].has_bad_quote) {
		dw_lint_info *inf = &vw->cx->info[vw->instr];

		inf->has_bad_quote = true;
		inf->bad_quote.start = src_pos(sr, vw->bad_quote);
		inf->bad_quote.end = src_pos(sr, vw->bad_quote + 1);
	}
	vw->bad_quote = SIZE_MAX;
}

static bool
body_is_shell(const dw_heredoc *hd)
{
	const char *s = hd->content;
	size_t n = hd->content_len, e;

	if (n < 2 || s[0] != '#' || s[1] != '!')
		return true;
	for (e = 2; e < n && s[e] != '\n'; e++)
		;
	/* "#!/bin/sh", "#!/usr/bin/env bash" */
	{
		char *line = dw_strndup(s + 2, e - 2);
		char *last = strrchr(line, ' ');
		bool ok = is_shell(last ? last + 1 : line) ||
		          strstr(line, "bin/sh") || strstr(line, "bin/bash");

		free(line);
		return ok;
	}
}

void
lint_shell_view(struct dw_lint_ctx *cx, size_t ii)
{
	const dw_instr *in = &cx->df->instrs[ii];
	dw_lint_info *inf = &cx->info[ii];
	struct view vw;
	struct src sr;

	inf->cmd_first = cx->ncmds;
	if (in->kind != DW_I_RUN || in->nargs == 0)
		return;
	if (cx->arena == NULL)
		cx->arena = dw_arena_new();
	memset(&vw, 0, sizeof vw);
	memset(&sr, 0, sizeof sr);
	vw.bad_quote = SIZE_MAX;
	vw.cx = cx;
	vw.instr = ii;
	sr.in = in;
	if (in->json) {
		const dw_word *w = &in->args[0];

		if (in->nargs >= 3 && is_shell(in->args[0].value) &&
		    in->args[1].value[0] == '-' && strchr(in->args[1].value, 'c')) {
			/* ["sh", "-c", "script"]: approximately mapped. */
			w = &in->args[2];
			sr.s = w->value;
			sr.n = w->len;
			sr.base = w->off + 1;
			tokenize(&vw, &sr);
		} else {
			for (size_t i = 0; i < in->nargs; i++) {
				if (vw.nw == vw.capw) {
					vw.capw = vw.capw ? vw.capw * 2 : 16;
					vw.w = dw_realloc(vw.w, vw.capw * sizeof *vw.w);
				}
				vw.w[vw.nw].val = dw_arena_strndup(cx->arena, in->args[i].value,
				                                   in->args[i].len);
				vw.w[vw.nw].off = in->args[i].off;
				vw.w[vw.nw].end = in->args[i].end;
				vw.nw++;
			}
			push_cmd(&vw, &sr, 0);
		}
	} else {
		const dw_word *w = &in->args[0];

		vw.nhd = (int)in->nheredocs;
		if (in->nheredocs)
			vw.script_hd = dw_calloc(in->nheredocs, sizeof *vw.script_hd);
		sr.s = in->text + w->off;
		sr.n = w->end - w->off;
		sr.base = w->off;
		tokenize(&vw, &sr);
		for (size_t k = 0; k < in->nheredocs; k++) {
			const dw_heredoc *hd = &in->heredocs[k];
			struct src bs;

			if (!vw.script_hd[k] || !body_is_shell(hd))
				continue;
			memset(&bs, 0, sizeof bs);
			bs.s = hd->content;
			bs.n = hd->content_len;
			bs.in = in;
			bs.hd = hd;
			bs.cur_line = hd->body_line;
			vw.heredoc = true;
			vw.heredoc_next = 1 << 20; /* no heredocs inside bodies */
			tokenize(&vw, &bs);
		}
		free(vw.script_hd);
	}
	free(vw.w);
	dw_buf_free(&vw.scratch);
	inf->ncmds = cx->ncmds - inf->cmd_first;
}
