/* SPDX-License-Identifier: MIT */
/* arena.c - bump allocator in growing blocks. */
#include "arena.h"
#include "dockwright.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct block {
	struct block *next;
	size_t used;
	size_t size;
	/* Storage follows, aligned for pointers and 64-bit integers. */
	uint64_t data[];
};

struct dw_arena {
	struct block *head;
	size_t next_size;
	void **adopted;
	size_t nadopted, capadopted;
};

dw_arena *
dw_arena_new(void)
{
	dw_arena *a = dw_calloc(1, sizeof *a);

	a->next_size = 16 * 1024;
	return a;
}

void
dw_arena_free(dw_arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	for (size_t i = 0; i < a->nadopted; i++)
		free(a->adopted[i]);
	free(a->adopted);
	free(a);
}

void *
dw_arena_alloc(dw_arena *a, size_t n)
{
	/* Eight bytes suit every structure the library stores (pointers,
	 * sizes, 32-bit numbers); max_align_t's 16 would waste a third of
	 * the memory on small nodes. */
	const size_t align = 8;
	struct block *b = a->head;
	size_t size;
	void *p;

	n = n ? (n + align - 1) / align * align : align;
	if (b != NULL)
		b->used = (b->used + align - 1) / align * align;
	if (b == NULL || b->used > b->size || b->size - b->used < n) {
		/* Blocks double so that large files need few of them. */
		size = a->next_size;
		if (size < n)
			size = n;
		if (a->next_size < 16 * 1024 * 1024)
			a->next_size *= 2;
		b = dw_malloc(sizeof *b + size);
		b->used = 0;
		b->size = size;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void *
dw_arena_memdup(dw_arena *a, const void *p, size_t n)
{
	void *q;

	if (n == 0)
		return NULL;
	q = dw_arena_alloc(a, n);

	if (n)
		memcpy(q, p, n);
	return q;
}

/* Strings need no alignment: pack them. */
static char *
alloc_bytes(dw_arena *a, size_t n)
{
	struct block *b = a->head;
	char *p;

	if (b == NULL || b->size - b->used < n)
		return dw_arena_alloc(a, n);
	p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *
dw_arena_strndup(dw_arena *a, const char *s, size_t n)
{
	char *p = alloc_bytes(a, n + 1);

	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
dw_arena_adopt(dw_arena *a, void *p)
{
	if (a->nadopted == a->capadopted) {
		a->capadopted = a->capadopted ? a->capadopted * 2 : 8;
		a->adopted = dw_realloc(a->adopted, a->capadopted * sizeof *a->adopted);
	}
	a->adopted[a->nadopted++] = p;
}
