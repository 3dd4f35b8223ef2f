/* SPDX-License-Identifier: MIT */
/*
 * findings.c - the findings of one Dockerfile while its rules run, kept
 * small: a file with a million findings must not cost a million
 * allocations, nor a million copies of the same message.  A finding is a
 * fixed-size record; its code and message are indexes into tables that
 * hold each distinct string once.  Sorted into file order at the end and
 * handed out one at a time, so a caller can write each and keep nothing.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

struct lint_rec {
	dw_span span;
	uint32_t code;          /* index in codes (rank once sorted) */
	uint32_t msg;           /* index in msg_off (rank once sorted) */
	uint32_t sev;
};

/* Eight bytes a step: a byte-at-a-time hash of every message was 5% of a
 * corpus run.  Only the table's layout depends on it, not the output. */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

static void
rehash(lint_findings *f)
{
	size_t cap = f->nslots ? f->nslots * 2 : 64;
	uint32_t *slots = dw_calloc(cap, sizeof *slots);

	for (size_t i = 0; i < f->nslots; i++) {
		uint32_t m = f->slots[i];
		const char *s;
		size_t k;

		if (m == 0)
			continue;
		s = f->msgs.ptr + f->msg_off[m - 1];
		for (k = hash(s, strlen(s)) & (cap - 1); slots[k]; k = (k + 1) & (cap - 1))
			;
		slots[k] = m;
	}
	free(f->slots);
	f->slots = slots;
	f->nslots = cap;
}

/* The index of message s[0..n), added when new. */
static uint32_t
intern_msg(lint_findings *f, const char *s, size_t n)
{
	size_t k;

	if ((f->nmsgs + 1) * 2 > f->nslots)
		rehash(f);
	for (k = hash(s, n) & (f->nslots - 1); f->slots[k]; k = (k + 1) & (f->nslots - 1)) {
		const char *m = f->msgs.ptr + f->msg_off[f->slots[k] - 1];

		if (strncmp(m, s, n) == 0 && m[n] == 0)
			return f->slots[k] - 1;
	}
	if (f->nmsgs == f->capmsgs) {
		f->capmsgs = f->capmsgs ? f->capmsgs * 2 : 64;
		f->msg_off = dw_realloc(f->msg_off, f->capmsgs * sizeof *f->msg_off);
	}
	f->msg_off[f->nmsgs] = f->msgs.len;
	dw_buf_put(&f->msgs, s, n);
	dw_buf_putc(&f->msgs, 0);
	f->slots[k] = (uint32_t)++f->nmsgs;
	return (uint32_t)(f->nmsgs - 1);
}

/* The index of code c; findings come rule by rule, so the last one
 * usually matches. */
static uint32_t
intern_code(lint_findings *f, const char *c)
{
	if (f->codes.n > 0 && strcmp(f->codes.v[f->last_code], c) == 0)
		return f->last_code;
	for (size_t i = 0; i < f->codes.n; i++)
		if (strcmp(f->codes.v[i], c) == 0)
			return f->last_code = (uint32_t)i;
	dw_strv_push(&f->codes, c, strlen(c));
	return f->last_code = (uint32_t)(f->codes.n - 1);
}

void
lint_findings_add(lint_findings *f, dw_severity sev, dw_span span, const char *code,
                  const char *msg, size_t len)
{
	struct lint_rec *r;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->v = dw_realloc(f->v, f->cap * sizeof *f->v);
	}
	r = &f->v[f->n++];
	r->span = span;
	r->sev = (uint32_t)sev;
	r->code = intern_code(f, code);
	r->msg = intern_msg(f, msg, len);
}

void
lint_findings_vadd(lint_findings *f, dw_severity sev, dw_span span, const char *code,
                   const char *fmt, va_list ap)
{
	dw_buf_clear(&f->scratch);
	dw_buf_vprintf(&f->scratch, fmt, ap);
	lint_findings_add(f, sev, span, code, dw_buf_cstr(&f->scratch), f->scratch.len);
}

static int
cmp_u32(uint32_t a, uint32_t b)
{
	return (a > b) - (a < b);
}

/* Records hold ranks by now: the order needs no strings. */
static int
rec_cmp(const void *pa, const void *pb)
{
	const struct lint_rec *a = pa, *b = pb;
	int c;

	if ((c = cmp_u32(a->span.start.line, b->span.start.line)) != 0 ||
	    (c = cmp_u32(a->span.start.col, b->span.start.col)) != 0 ||
	    (c = cmp_u32(a->code, b->code)) != 0 || (c = cmp_u32(a->msg, b->msg)) != 0 ||
	    (c = cmp_u32(a->span.end.line, b->span.end.line)) != 0 ||
	    (c = cmp_u32(a->span.end.col, b->span.end.col)) != 0)
		return c;
	return cmp_u32(a->sev, b->sev);
}

/* Sorting indexes by the strings they name. */
struct by_str {
	const char *s;
	uint32_t i;
};

static int
str_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct by_str *)pa)->s, ((const struct by_str *)pb)->s);
}

/* rank[i] of each string; order[rank] is the string. */
static void
rank_strings(const char *const *s, size_t n, uint32_t *rank, const char **order)
{
	struct by_str *v = dw_calloc(n ? n : 1, sizeof *v);

	for (size_t i = 0; i < n; i++) {
		v[i].s = s[i];
		v[i].i = (uint32_t)i;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, str_cmp);
	for (size_t k = 0; k < n; k++) {
		rank[v[k].i] = (uint32_t)k;
		order[k] = v[k].s;
	}
	free(v);
}

void
lint_findings_emit(lint_findings *f, const char *path, dw_lint_emit_fn fn, void *ctx)
{
	size_t nm = f->nmsgs, nc = f->codes.n;
	const char **msgs = dw_calloc(nm + 1, sizeof *msgs), **mord = dw_calloc(nm + 1, sizeof *mord);
	const char **cord = dw_calloc(nc + 1, sizeof *cord);
	uint32_t *mrank = dw_calloc(nm + 1, sizeof *mrank), *crank = dw_calloc(nc + 1, sizeof *crank);
	dw_diag dg;

	for (size_t i = 0; i < nm; i++)
		msgs[i] = f->msgs.ptr + f->msg_off[i];
	rank_strings(msgs, nm, mrank, mord);
	rank_strings((const char *const *)f->codes.v, nc, crank, cord);
	for (size_t i = 0; i < f->n; i++) {
		f->v[i].msg = mrank[f->v[i].msg];
		f->v[i].code = crank[f->v[i].code];
	}
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, rec_cmp);
	/* The view handed out borrows the tables: valid during the call. */
	for (size_t i = 0; i < f->n; i++) {
		const struct lint_rec *r = &f->v[i];

		/* The trigger pass may repeat a finding of the main pass. */
		if (i > 0 && rec_cmp(&f->v[i - 1], r) == 0)
			continue;
		dg.sev = (dw_severity)r->sev;
		dg.path = (char *)path;
		dg.span = r->span;
		dg.code = (char *)cord[r->code];
		dg.message = (char *)mord[r->msg];
		fn(ctx, &dg);
	}
	free(msgs);
	free(mord);
	free(cord);
	free(mrank);
	free(crank);
}

void
lint_findings_free(lint_findings *f)
{
	free(f->v);
	free(f->slots);
	free(f->msg_off);
	dw_buf_free(&f->msgs);
	dw_buf_free(&f->scratch);
	dw_strv_free(&f->codes);
	memset(f, 0, sizeof *f);
}
