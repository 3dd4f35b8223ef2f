/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 decoding and the Unicode classes Go uses. */
#include "utf8.h"

size_t
dw_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	size_t w, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		w = 2, c = p[0] & 0x1F, min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		w = 3, c = p[0] & 0x0F, min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		w = 4, c = p[0] & 0x07, min = 0x10000;
	} else {
		*cp = DW_RUNE_ERROR;
		return 1;
	}
	if (n < w)
		goto bad;
	for (i = 1; i < w; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return w;
bad:
	*cp = DW_RUNE_ERROR;
	return 1;
}

size_t
dw_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = DW_RUNE_ERROR;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
dw_is_space_slow(uint32_t c)
{
	switch (c) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	}
	return c >= 0x2000 && c <= 0x200A;
}

bool
dw_is_ascii_blank(unsigned char b)
{
	return b == '\t' || b == '\v' || b == '\f' || b == '\r' || b == ' ';
}

/*
 * Go's IsPrint is "graphic, and of the spaces only U+0020".  Without the
 * Unicode tables we treat as unprintable what matters in practice: control
 * characters, the format characters people meet (soft hyphen, zero-width
 * and bidi marks, BOM), the non-ASCII spaces, line/paragraph separators,
 * private use and noncharacters.  Unassigned code points print literally.
 */
bool
dw_is_print(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return false;
	if (c == 0xAD || c == 0x61C || c == 0x180E || c == 0xFEFF)
		return false;
	if (c >= 0x200B && c <= 0x200F)
		return false;
	if (c >= 0x202A && c <= 0x202E)
		return false;
	if (c >= 0x2060 && c <= 0x206F)
		return false;
	if (c >= 0xFFF9 && c <= 0xFFFB)
		return false;
	if (c >= 0xE000 && c <= 0xF8FF)
		return false;
	if (c >= 0xF0000)
		return false;
	if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
		return false;
	if (c == 0x110BD || c == 0x110CD || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
	    (c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 ||
	    (c >= 0xE0020 && c <= 0xE007F))
		return false;
	return c == ' ' || !dw_is_space(c);
}

size_t
dw_space_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		uint32_t c;
		size_t w;

		/* ASCII first: it is almost all of any Dockerfile. */
		if (b < 0x80) {
			if (!dw_is_space(b))
				break;
			i++;
			continue;
		}
		w = dw_utf8_decode(s + i, n - i, &c);
		if (!dw_is_space(c))
			break;
		i += w;
	}
	return i;
}

size_t
dw_space_suffix(const char *s, size_t n)
{
	size_t e = n;

	while (e > 0) {
		unsigned char b = (unsigned char)s[e - 1];
		size_t st = e - 1, w;
		uint32_t c;

		if (b < 0x80) {
			if (!dw_is_space(b))
				break;
			e--;
			continue;
		}
		/* Back up over at most three continuation bytes to the start
		 * of the last rune; it counts only if it decodes to exactly
		 * the bytes up to e. */
		while (st > 0 && e - st < 4 && ((unsigned char)s[st] & 0xC0) == 0x80)
			st--;
		w = dw_utf8_decode(s + st, e - st, &c);
		if (st + w != e || !dw_is_space(c))
			break;
		e = st;
	}
	return n - e;
}
