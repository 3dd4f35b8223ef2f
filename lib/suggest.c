/* SPDX-License-Identifier: MIT */
/*
 * suggest.c - "did you mean" for commands, config keys and instructions:
 * one edit distance for every suggestion the programs make.
 */
#include "dockwright.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

static int
fold(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t
dw_edit_distance(const char *a, size_t al, const char *b, size_t bl)
{
	size_t small[64], *row = bl < 64 ? small : dw_calloc(bl + 1, sizeof *row);
	size_t prev, tmp, r;

	for (size_t j = 0; j <= bl; j++)
		row[j] = j;
	for (size_t i = 1; i <= al; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= bl; j++) {
			tmp = row[j];
			row[j] = min3(row[j] + 1, row[j - 1] + 1, prev + (fold(a[i - 1]) != fold(b[j - 1])));
			prev = tmp;
		}
	}
	r = row[bl];
	if (row != small)
		free(row);
	return r;
}

const char *
dw_suggest(const char *word, const char *const *cands, size_t n, size_t limit)
{
	const char *best = NULL;
	size_t wl = strlen(word), bestd = SIZE_MAX;

	for (size_t i = 0; i < n; i++) {
		size_t d = dw_edit_distance(word, wl, cands[i], strlen(cands[i]));

		if (d <= limit && d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}
