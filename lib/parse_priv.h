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

/* Called for each scalar member of an object at the requested depth:
 * `obj` counts those objects from 0, `val` is the decoded string or the
 * literal text of a number, true, false or null. */
typedef void (*dw_json_member_fn)(void *ctx, size_t obj, const char *key, const char *val,
                                  size_t len);

/* Validate s[0..n) as one JSON document, then report the scalar members
 * of every object nested `depth` containers deep (1: the top object);
 * deeper and shallower members are skipped.  -1 when it is not JSON. */
int dw_json_members(const char *s, size_t n, unsigned depth, dw_json_member_fn fn, void *ctx);

#endif
