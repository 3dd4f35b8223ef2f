/* SPDX-License-Identifier: MIT */
/* json.c - exactly enough JSON for exec-form instructions. */
#include "parse_priv.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 10000 /* Go's encoding/json limit */

static size_t
skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/* The value of the 4 hex digits at s[i..], or -1. */
static long
hex4(const char *s, size_t n, size_t i)
{
	long v = 0;

	if (i > n || n - i < 4)
		return -1;
	for (size_t k = 0; k < 4; k++) {
		int h = dw_hex_value((unsigned char)s[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* s[*i] is '"'; move past the closing quote. */
static bool
scan_string(const char *s, size_t n, size_t *i)
{
	size_t k = *i + 1;

	while (k < n) {
		unsigned char c = (unsigned char)s[k];

		if (c == '"') {
			*i = k + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c != '\\') {
			k++;
			continue;
		}
		if (++k >= n)
			return false;
		if (s[k] == 'u') {
			if (hex4(s, n, k + 1) < 0)
				return false;
			k += 5;
		} else if (strchr("\"\\/bfnrt", s[k]) != NULL && s[k] != '\0') {
			k++;
		} else {
			return false;
		}
	}
	return false;
}

static bool
is_digit(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

static bool
scan_number(const char *s, size_t n, size_t *i)
{
	size_t k = *i;

	if (k < n && s[k] == '-')
		k++;
	if (!is_digit(s, n, k))
		return false;
	if (s[k] == '0')
		k++;
	else
		while (is_digit(s, n, k))
			k++;
	if (k < n && s[k] == '.') {
		if (!is_digit(s, n, ++k))
			return false;
		while (is_digit(s, n, k))
			k++;
	}
	if (k < n && (s[k] == 'e' || s[k] == 'E')) {
		k++;
		if (k < n && (s[k] == '+' || s[k] == '-'))
			k++;
		if (!is_digit(s, n, k))
			return false;
		while (is_digit(s, n, k))
			k++;
	}
	*i = k;
	return true;
}

static bool
scan_word(const char *s, size_t n, size_t *i, const char *w)
{
	size_t len = strlen(w);

	if (n - *i < len || memcmp(s + *i, w, len) != 0)
		return false;
	*i += len;
	return true;
}

/* A scalar (string, number, literal) at s[*i]. */
static bool
scan_scalar(const char *s, size_t n, size_t *i, bool *is_string)
{
	*is_string = false;
	switch (s[*i]) {
	case '"':
		*is_string = true;
		return scan_string(s, n, i);
	case 't':
		return scan_word(s, n, i, "true");
	case 'f':
		return scan_word(s, n, i, "false");
	case 'n':
		return scan_word(s, n, i, "null");
	default:
		return scan_number(s, n, i);
	}
}

/*
 * Validate one JSON document with an explicit stack (no recursion, so
 * hostile nesting costs memory proportional to the cap, not stack).
 * *strings_only reports whether every element of the outer array is a
 * string.
 */
static bool
validate(const char *s, size_t n, bool *strings_only)
{
	char *stack = malloc(JSON_MAX_DEPTH + 1);
	size_t depth = 0, i = 0;
	bool ok = false, want_value = true, is_str;

	if (stack == NULL)
		dw_oom();
	*strings_only = true;
	for (;;) {
		i = skip_ws(s, n, i);
		if (i >= n)
			goto out;
		if (want_value) {
			char c = s[i];

			if (c == '[' || c == '{') {
				if (depth == 1)
					*strings_only = false;
				if (depth >= JSON_MAX_DEPTH)
					goto out;
				stack[depth++] = c;
				i = skip_ws(s, n, i + 1);
				if (i < n && s[i] == (c == '[' ? ']' : '}')) {
					depth--;
					i++;
					want_value = false;
					goto after;
				}
				if (c == '{')
					goto key;
				continue;
			}
			if (!scan_scalar(s, n, &i, &is_str))
				goto out;
			if (depth == 1 && !is_str)
				*strings_only = false;
			want_value = false;
		}
after:
		if (depth == 0) {
			ok = skip_ws(s, n, i) == n;
			goto out;
		}
		i = skip_ws(s, n, i);
		if (i >= n)
			goto out;
		if (s[i] == ']' || s[i] == '}') {
			if (stack[depth - 1] != (s[i] == ']' ? '[' : '{'))
				goto out;
			depth--;
			i++;
			goto after;
		}
		if (s[i] != ',')
			goto out;
		i++;
		want_value = true;
		if (stack[depth - 1] == '[')
			continue;
key:
		/* An object member: "key" ws ':' value. */
		i = skip_ws(s, n, i);
		if (i >= n || s[i] != '"' || !scan_string(s, n, &i))
			goto out;
		i = skip_ws(s, n, i);
		if (i >= n || s[i] != ':')
			goto out;
		i++;
		want_value = true;
	}
out:
	free(stack);
	return ok;
}

static void
put_rune(dw_buf *b, uint32_t cp)
{
	char tmp[4];

	dw_buf_put(b, tmp, dw_utf8_encode(cp, tmp));
}

/* Decode the validated string starting at s[*i] == '"' the way Go does:
 * invalid UTF-8 and unpaired surrogates become U+FFFD. */
static void
decode_string(const char *s, size_t n, size_t *i, dw_buf *out)
{
	size_t k = *i + 1;

	dw_buf_clear(out);
	dw_buf_grow(out, 0);
	while (k < n && s[k] != '"') {
		uint32_t cp;

		if (s[k] != '\\') {
			size_t w = dw_utf8_decode(s + k, n - k, &cp);

			if (cp == DW_RUNE_ERROR && w == 1)
				put_rune(out, DW_RUNE_ERROR);
			else
				dw_buf_put(out, s + k, w);
			k += w;
			continue;
		}
		k++;
		switch (s[k]) {
		case 'b': dw_buf_putc(out, '\b'); k++; continue;
		case 'f': dw_buf_putc(out, '\f'); k++; continue;
		case 'n': dw_buf_putc(out, '\n'); k++; continue;
		case 'r': dw_buf_putc(out, '\r'); k++; continue;
		case 't': dw_buf_putc(out, '\t'); k++; continue;
		case 'u': break;
		default: dw_buf_putc(out, s[k]); k++; continue;
		}
		cp = (uint32_t)hex4(s, n, k + 1);
		k += 5;
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			long lo = -1;

			if (cp < 0xDC00 && k + 1 < n && s[k] == '\\' && s[k + 1] == 'u')
				lo = hex4(s, n, k + 2);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
				k += 6;
			} else {
				cp = DW_RUNE_ERROR;
			}
		}
		put_rune(out, cp);
	}
	*i = k + 1;
}

dw_json_status
dw_json_string_array(const char *s, size_t n, dw_buf *scratch,
                     dw_json_elem_fn fn, void *ctx)
{
	bool strings_only;
	size_t i;

	if (n == 0 || s[0] != '[' || !validate(s, n, &strings_only))
		return DW_JSON_INVALID;
	if (!strings_only)
		return DW_JSON_NOT_STRINGS;
	i = 1;
	for (;;) {
		size_t start;

		i = skip_ws(s, n, i);
		if (s[i] == ']')
			break;
		if (s[i] == ',')
			i = skip_ws(s, n, i + 1);
		start = i;
		decode_string(s, n, &i, scratch);
		fn(ctx, scratch->ptr, scratch->len, start, i);
	}
	return DW_JSON_OK;
}

/* One step of dw_json_members over a validated document. */
struct members {
	const char *s;
	size_t n, obj;
	unsigned want, depth;
	bool counted;
	dw_buf key, val;
	dw_json_member_fn fn;
	void *ctx;
};

/* The member "key": value at s[*i] of an object at the wanted depth. */
static void
member(struct members *m, size_t *i)
{
	bool is_str;
	size_t start;

	decode_string(m->s, m->n, i, &m->key);
	*i = skip_ws(m->s, m->n, *i) + 1; /* ':' */
	*i = skip_ws(m->s, m->n, *i);
	if (m->s[*i] == '{' || m->s[*i] == '[')
		return;
	start = *i;
	if (m->s[*i] == '"') {
		decode_string(m->s, m->n, i, &m->val);
	} else {
		scan_scalar(m->s, m->n, i, &is_str);
		dw_buf_clear(&m->val);
		dw_buf_put(&m->val, m->s + start, *i - start);
	}
	m->fn(m->ctx, m->obj, m->key.ptr, m->val.ptr ? m->val.ptr : "", m->val.len);
}

int
dw_json_members(const char *s, size_t n, unsigned depth, dw_json_member_fn fn, void *ctx)
{
	struct members m = { s, n, 0, depth, 0, false, DW_BUF_INIT, DW_BUF_INIT, fn, ctx };
	bool strings_only, is_str;
	size_t i = 0;

	if (n == 0 || !validate(s, n, &strings_only))
		return -1;
	while ((i = skip_ws(s, n, i)) < n) {
		char c = s[i];

		if (c == '{' || c == '[') {
			m.depth++;
			if (c == '{' && m.depth == m.want)
				m.counted = true;
			i++;
		} else if (c == '}' || c == ']') {
			if (c == '}' && m.depth == m.want && m.counted) {
				m.obj++;
				m.counted = false;
			}
			m.depth--;
			i++;
		} else if (c == ',' || c == ':') {
			i++;
		} else if (c == '"' && m.depth == m.want && m.counted) {
			/* Inside a wanted object every string met here is a key:
			 * member() consumes scalar values itself. */
			member(&m, &i);
		} else {
			scan_scalar(s, n, &i, &is_str);
		}
	}
	dw_buf_free(&m.key);
	dw_buf_free(&m.val);
	return 0;
}
