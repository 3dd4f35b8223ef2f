/* SPDX-License-Identifier: MIT */
/*
 * dockerignore.h - which files a .dockerignore keeps out of the build
 * context, as Docker reads it: one pattern a line, '#' comments, a
 * leading '/' or './' ignored, '*' '?' '[...]' within a path segment,
 * '**' for any number of folders, a pattern matching a folder excludes
 * what is in it, and the last matching line decides ('!' lets a file back
 * in).
 */
#ifndef DW_DOCKERIGNORE_H
#define DW_DOCKERIGNORE_H

#include "dockwright.h"

/* The line (1-based) of text that keeps file (a path relative to the
 * context, no leading '/') out of the context, or 0 when it is sent. */
unsigned dw_dockerignore_excludes(const char *text, size_t len, const char *file);
/* Does one pattern (no leading '/' or './', no '!') match path or a folder
 * it is in?  lint.paths uses the same syntax. */
bool dw_dockerignore_match(const char *pattern, const char *path);

#endif
