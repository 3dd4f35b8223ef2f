/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h - a small streaming JSON writer on dw_buf.
 *
 * Output is deterministic: keys come out in the order they are written,
 * strings are escaped so that any bytes give valid JSON (invalid UTF-8
 * becomes U+FFFD, control characters are escaped).  With `pretty`, every
 * member and element goes on its own line, indented by two spaces, and
 * empty containers print as {} and [].
 */
#ifndef DW_JSONW_H
#define DW_JSONW_H

#include "dockwright.h"

#define DW_JSONW_MAX_DEPTH 64

typedef struct dw_jsonw {
	dw_buf *out;
	bool pretty;
	bool after_key;      /* a key was written; its value comes next */
	int depth;
	uint64_t nonempty;   /* bit d: the container at depth d has members */
} dw_jsonw;

void dw_jsonw_init(dw_jsonw *w, dw_buf *out, bool pretty);
void dw_jsonw_obj_begin(dw_jsonw *w);
void dw_jsonw_obj_end(dw_jsonw *w);
void dw_jsonw_arr_begin(dw_jsonw *w);
void dw_jsonw_arr_end(dw_jsonw *w);
void dw_jsonw_key(dw_jsonw *w, const char *key);
void dw_jsonw_str(dw_jsonw *w, const char *s);           /* NULL writes null */
void dw_jsonw_strn(dw_jsonw *w, const char *s, size_t n);
void dw_jsonw_int(dw_jsonw *w, long long v);
void dw_jsonw_bool(dw_jsonw *w, bool v);
void dw_jsonw_null(dw_jsonw *w);
/* Shorthands for "key": value. */
void dw_jsonw_kstr(dw_jsonw *w, const char *key, const char *s);
void dw_jsonw_kint(dw_jsonw *w, const char *key, long long v);

/* Append s[0..n) as a quoted JSON string. */
void dw_json_quote(dw_buf *out, const char *s, size_t n);

#endif
