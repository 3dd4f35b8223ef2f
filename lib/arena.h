/* SPDX-License-Identifier: MIT */
/* arena.h - bump allocation for a parsed file: one free releases it all. */
#ifndef DW_ARENA_H
#define DW_ARENA_H

#include <stddef.h>

typedef struct dw_arena dw_arena;

dw_arena *dw_arena_new(void);
void dw_arena_free(dw_arena *a);
void *dw_arena_alloc(dw_arena *a, size_t n);
char *dw_arena_strndup(dw_arena *a, const char *s, size_t n);
void *dw_arena_memdup(dw_arena *a, const void *p, size_t n);
/* Hand a malloc'd block to the arena: it is freed with the arena. */
void dw_arena_adopt(dw_arena *a, void *p);

#endif
