/* SPDX-License-Identifier: MIT */
/* parse_priv.h - declarations shared by the parser's files, not public. */
#ifndef DW_PARSE_PRIV_H
#define DW_PARSE_PRIV_H

#include "dockwright.h"

typedef enum dw_json_status {
	DW_JSON_OK,          /* a JSON array of strings */
	DW_JSON_INVALID,     /* not JSON at all: BuildKit falls back to shell form */
	DW_JSON_NOT_STRINGS  /* valid JSON array holding something else: an error */
} dw_json_status;

/* Called for each element of a JSON string array, in order, with the
 * decoded value and the element's byte range in the input. */
typedef void (*dw_json_elem_fn)(void *ctx, const char *val, size_t len,
                                size_t off, size_t end);

/* Check s[0..n) (which must start with '[') as Go's json.Unmarshal into
 * []any would, then report the elements.  Nesting deeper than Go allows
 * (10000) is invalid JSON, as in Go. */
dw_json_status dw_json_string_array(const char *s, size_t n, dw_buf *scratch,
                                    dw_json_elem_fn fn, void *ctx);

#endif
