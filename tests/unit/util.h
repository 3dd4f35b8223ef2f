/* SPDX-License-Identifier: MIT */
/* util.h - helpers the cmocka unit tests share. */
#ifndef DW_TEST_UTIL_H
#define DW_TEST_UTIL_H

#include <stddef.h>

#include "dockwright.h"

/* Every diagnostic, formatted, one per line; the caller frees. */
char *tu_diags_text(const dw_diags *d);
/* Fail the test unless the diagnostics, formatted, are exactly `want`. */
void tu_assert_diags(const dw_diags *d, const char *want);
/* Write `text` to dir/name; fails the test when it cannot. */
void tu_put(const char *dir, const char *name, const char *text);
/* Remove the temporary directory dir and everything in it: 0 or -1 (a
 * cmocka teardown's status). */
int tu_rmtree(const char *dir);
/* The source tree ($DW_SRCDIR, set by the test harness; else "."). */
const char *tu_srcdir(void);
/* The contents of a file of the source tree; the caller frees. */
char *tu_srcfile(const char *rel, size_t *len);

#endif
