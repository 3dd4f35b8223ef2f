/* SPDX-License-Identifier: MIT */
/*
 * diff.c - line-based unified diffs with Myers' O((N+M)D) algorithm.
 *
 * Lines are compared with their newline, so a last line without one
 * differs from the same text with one, as in GNU diff.  The common prefix
 * and suffix are cut off first; the rest is interned to integers and run
 * through the greedy forward algorithm, keeping each step's V array for
 * the walk back.  When the edit distance or the work passes a bound, the
 * differing middle becomes one delete-all/insert-all change: still a
 * correct diff, just not a minimal one, and never a hang.
 */
#include "diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define MAX_D 2000                      /* trace memory is (D+1)^2 ints */
#define MAX_WORK ((uint64_t)100 << 20)  /* diagonal steps and snake steps */

struct line {
	const char *s;
	size_t len;  /* with the newline, when there is one */
};

struct lines {
	struct line *v;
	size_t n;
};

enum { OP_EQ, OP_DEL, OP_INS };

struct ops {
	unsigned char *v;
	size_t n, cap;
};

static void
split_lines(const char *s, size_t len, struct lines *out)
{
	size_t n = 0, i = 0;

	for (size_t j = 0; j < len; j++)
		if (s[j] == '\n')
			n++;
	if (len > 0 && s[len - 1] != '\n')
		n++;
	out->v = dw_malloc((n ? n : 1) * sizeof *out->v);
	out->n = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : len;

		out->v[out->n++] = (struct line){ s + i, e - i };
		i = e;
	}
}

static bool
line_eq(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static void
ops_push(struct ops *o, int op, size_t count)
{
	if (count == 0)
		return;
	if (o->n + count > o->cap) {
		while (o->n + count > o->cap)
			o->cap = o->cap ? o->cap * 2 : 64;
		o->v = dw_realloc(o->v, o->cap);
	}
	memset(o->v + o->n, op, count);
	o->n += count;
}

static uint64_t
line_hash(const struct line *l)
{
	uint64_t h = 1469598103934665603ull;   /* FNV-1a */

	for (size_t i = 0; i < l->len; i++)
		h = (h ^ (unsigned char)l->s[i]) * 1099511628211ull;
	return h;
}

/* Give equal lines equal ids, so the algorithm compares integers. */
static void
intern(const struct line *a, size_t n, const struct line *b, size_t m,
       uint32_t *ida, uint32_t *idb)
{
	size_t size = 16, mask;
	struct slot { const struct line *l; uint64_t h; uint32_t id; } *tab;
	uint32_t next = 0;

	while (size < 2 * (n + m))
		size *= 2;
	mask = size - 1;
	tab = dw_calloc(size, sizeof *tab);
	for (size_t i = 0; i < n + m; i++) {
		const struct line *l = i < n ? &a[i] : &b[i - n];
		uint64_t h = line_hash(l);
		size_t p = (size_t)h & mask;

		while (tab[p].l != NULL && (tab[p].h != h || !line_eq(tab[p].l, l)))
			p = (p + 1) & mask;
		if (tab[p].l == NULL)
			tab[p] = (struct slot){ l, h, next++ };
		if (i < n)
			ida[i] = tab[p].id;
		else
			idb[i - n] = tab[p].id;
	}
	free(tab);
}

/* V_d[k] for -d <= k <= d is trace[d*d + d + k]. */
#define TRACE(d, k) trace[(size_t)(d) * (d) + (d) + (k)]

/* The edit script of A -> B appended to o; -1 when a bound was hit. */
static int
myers(const uint32_t *A, size_t n, const uint32_t *B, size_t m, struct ops *o)
{
	long dlim = (long)(n + m < MAX_D ? n + m : MAX_D);
	long N = (long)n, M = (long)m, d, k, x, y, found = -1;
	int32_t *trace = NULL;
	size_t tcap = 0;
	uint64_t work = 0;
	unsigned char *rev;
	size_t nrev = 0;

	for (d = 0; d <= dlim && found < 0; d++) {
		size_t need = ((size_t)d + 1) * ((size_t)d + 1);

		if (need > tcap) {
			tcap = tcap ? tcap * 2 : 64;
			while (tcap < need)
				tcap *= 2;
			trace = dw_realloc(trace, tcap * sizeof *trace);
		}
		for (k = -d; k <= d; k++)
			TRACE(d, k) = -1;
		for (k = -d; k <= d; k += 2) {
			if (k < -M || k > N)
				continue;  /* off the grid: stays -1 */
			if (d == 0)
				x = 0;
			else if (k == -d || (k != d && TRACE(d - 1, k - 1) < TRACE(d - 1, k + 1)))
				x = TRACE(d - 1, k + 1);          /* down: insert */
			else
				x = TRACE(d - 1, k - 1) + 1;      /* right: delete */
			y = x - k;
			while (x < N && y < M && A[x] == B[y]) {
				x++;
				y++;
				work++;
			}
			TRACE(d, k) = (int32_t)x;
			if (++work > MAX_WORK) {
				free(trace);
				return -1;
			}
			if (x >= N && y >= M) {
				found = d;
				break;
			}
		}
	}
	if (found < 0) {
		free(trace);
		return -1;
	}
	/* Walk back from (N, M), collecting the script reversed. */
	rev = dw_malloc(n + m + 1);
	x = N;
	y = M;
	for (d = found; d > 0; d--) {
		long pk, px, py;

		k = x - y;
		if (k == -d || (k != d && TRACE(d - 1, k - 1) < TRACE(d - 1, k + 1)))
			pk = k + 1;
		else
			pk = k - 1;
		px = TRACE(d - 1, pk);
		py = px - pk;
		/* The snake back to the step's middle point. */
		while (x > px + (pk == k - 1) && y > py + (pk == k + 1)) {
			rev[nrev++] = OP_EQ;
			x--;
			y--;
		}
		rev[nrev++] = pk == k + 1 ? OP_INS : OP_DEL;
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		rev[nrev++] = OP_EQ;
		x--;
		y--;
	}
	for (size_t i = nrev; i-- > 0;)
		ops_push(o, rev[i], 1);
	free(rev);
	free(trace);
	return 0;
}

/* The whole script: common prefix, the middle, common suffix. */
static void
edit_script(const struct lines *a, const struct lines *b, struct ops *o)
{
	size_t p = 0, s = 0, n, m;
	uint32_t *ida, *idb;

	while (p < a->n && p < b->n && line_eq(&a->v[p], &b->v[p]))
		p++;
	while (s < a->n - p && s < b->n - p &&
	       line_eq(&a->v[a->n - 1 - s], &b->v[b->n - 1 - s]))
		s++;
	ops_push(o, OP_EQ, p);
	n = a->n - p - s;
	m = b->n - p - s;
	ida = dw_malloc((n ? n : 1) * sizeof *ida);
	idb = dw_malloc((m ? m : 1) * sizeof *idb);
	intern(a->v + p, n, b->v + p, m, ida, idb);
	if (myers(ida, n, idb, m, o) < 0) {
		ops_push(o, OP_DEL, n);
		ops_push(o, OP_INS, m);
	}
	free(ida);
	free(idb);
	ops_push(o, OP_EQ, s);
}

static void
put_line(dw_buf *out, char prefix, const struct line *l)
{
	dw_buf_putc(out, prefix);
	dw_buf_put(out, l->s, l->len);
	if (l->len == 0 || l->s[l->len - 1] != '\n')
		dw_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* GNU: "start,count", the count left out when 1; an empty range starts
 * at the line before it. */
static void
put_range(dw_buf *out, size_t start, size_t count)
{
	if (count == 1)
		dw_buf_printf(out, "%zu", start + 1);
	else
		dw_buf_printf(out, "%zu,%zu", count ? start + 1 : start, count);
}

/* ops[lo..hi) as one hunk; a and b lines start at ai and bi.  Within each
 * run of changes the deletions come first, as in GNU diff. */
static void
put_hunk(dw_buf *out, const struct ops *o, size_t lo, size_t hi,
         const struct lines *a, size_t ai, const struct lines *b, size_t bi)
{
	size_t na = 0, nb = 0, i = lo;

	for (size_t j = lo; j < hi; j++) {
		na += o->v[j] != OP_INS;
		nb += o->v[j] != OP_DEL;
	}
	dw_buf_puts(out, "@@ -");
	put_range(out, ai, na);
	dw_buf_puts(out, " +");
	put_range(out, bi, nb);
	dw_buf_puts(out, " @@\n");
	while (i < hi) {
		size_t e = i;

		if (o->v[i] == OP_EQ) {
			put_line(out, ' ', &a->v[ai++]);
			bi++;
			i++;
			continue;
		}
		while (e < hi && o->v[e] != OP_EQ)
			e++;
		for (size_t j = i; j < e; j++)
			if (o->v[j] == OP_DEL)
				put_line(out, '-', &a->v[ai++]);
		for (size_t j = i; j < e; j++)
			if (o->v[j] == OP_INS)
				put_line(out, '+', &b->v[bi++]);
		i = e;
	}
}

static void
put_hunks(dw_buf *out, const struct ops *o, const struct lines *a, const struct lines *b)
{
	size_t i = 0, ai = 0, bi = 0;

	for (;;) {
		size_t c = i, start, e;

		while (c < o->n && o->v[c] == OP_EQ)
			c++;
		if (c == o->n)
			return;
		start = c - i > CONTEXT ? c - CONTEXT : i;
		ai += start - i;
		bi += start - i;
		/* Changes closer than twice the context share a hunk. */
		for (e = c;;) {
			size_t r;

			while (e < o->n && o->v[e] != OP_EQ)
				e++;
			r = e;
			while (r < o->n && o->v[r] == OP_EQ)
				r++;
			if (r < o->n && r - e <= 2 * CONTEXT) {
				e = r;
				continue;
			}
			e = r - e > CONTEXT ? e + CONTEXT : r;
			break;
		}
		put_hunk(out, o, start, e, a, ai, b, bi);
		for (size_t j = start; j < e; j++) {
			ai += o->v[j] != OP_INS;
			bi += o->v[j] != OP_DEL;
		}
		i = e;
	}
}

bool
dw_diff_unified(const char *a, size_t alen, const char *b, size_t blen,
                const char *aname, const char *bname, dw_buf *out)
{
	struct lines la, lb;
	struct ops o = { NULL, 0, 0 };

	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return false;
	split_lines(a, alen, &la);
	split_lines(b, blen, &lb);
	edit_script(&la, &lb, &o);
	dw_buf_printf(out, "--- %s\n+++ %s\n", aname, bname);
	put_hunks(out, &o, &la, &lb);
	free(o.v);
	free(la.v);
	free(lb.v);
	return true;
}
