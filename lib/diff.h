/* SPDX-License-Identifier: MIT */
/*
 * diff.h - line-based unified diffs (Myers' O((N+M)D) algorithm), for
 * `gen --check`/`--diff` style output.
 */
#ifndef DW_DIFF_H
#define DW_DIFF_H

#include "dockwright.h"

/* Line-based unified diff of a -> b, 3 lines of context, headers "--- aname"
 * "+++ bname"; appends to out; returns true when the texts differ.  A
 * missing final newline is marked "\ No newline at end of file" as GNU diff
 * does; past an edit-distance bound the whole file becomes one hunk, so
 * huge inputs never hang.  Output is deterministic. */
bool dw_diff_unified(const char *a, size_t alen, const char *b, size_t blen,
                     const char *aname, const char *bname, dw_buf *out);

#endif
