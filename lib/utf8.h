/* SPDX-License-Identifier: MIT */
/* utf8.h - the few Unicode facts the parser needs to agree with Go. */
#ifndef DW_UTF8_H
#define DW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DW_RUNE_ERROR 0xFFFDu

/* Decode one rune as Go's utf8.DecodeRune does: an invalid or truncated
 * sequence yields DW_RUNE_ERROR and a width of 1.  n must be > 0. */
size_t dw_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Append the UTF-8 encoding of cp (at most 4 bytes) to out; returns width. */
size_t dw_utf8_encode(uint32_t cp, char *out);
/* The value of hex digit c, or -1 (for \u and \x escapes). */
static inline int
dw_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
/* Go's unicode.IsSpace; inline for ASCII, which is nearly every call. */
bool dw_is_space_slow(uint32_t cp);
static inline bool
dw_is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return dw_is_space_slow(cp);
}
/* Go's unicode.IsSpace applied to a single byte taken as a rune, which is
 * what BuildKit's flag and HEALTHCHECK scanners do: 0x85 and 0xA0 count. */
static inline bool
dw_is_space_byte(unsigned char b)
{
	return b == ' ' || (b >= '\t' && b <= '\r') || b == 0x85 || b == 0xA0;
}
/* BuildKit's [\t\v\f\r ] class. */
bool dw_is_ascii_blank(unsigned char b);
/* Go's strconv.IsPrint, approximately (see utf8.c). */
bool dw_is_print(uint32_t cp);
/* Bytes of leading / trailing Unicode white space in s[0..n). */
size_t dw_space_prefix(const char *s, size_t n);
size_t dw_space_suffix(const char *s, size_t n);

#endif
