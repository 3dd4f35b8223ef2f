/* SPDX-License-Identifier: MIT */
/* buf.c - the one growable string type, and the allocation wrappers. */
#include "dockwright.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
dw_oom(void)
{
	/* Nothing useful can be done without memory; say so and stop. */
	fputs("dockwright: out of memory\n", stderr);
	abort();
}

void *
dw_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		dw_oom();
	return p;
}

void *
dw_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		dw_oom();
	return p;
}

void *
dw_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		dw_oom();
	return q;
}

char *
dw_strndup(const char *s, size_t n)
{
	char *p = dw_malloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
dw_strdup(const char *s)
{
	return s ? dw_strndup(s, strlen(s)) : NULL;
}

void
dw_buf_grow(dw_buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		dw_oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->ptr = dw_realloc(b->ptr, cap);
	b->cap = cap;
}

void
dw_buf_put_slow(dw_buf *b, const char *s, size_t n)
{
	dw_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void
dw_buf_puts(dw_buf *b, const char *s)
{
	dw_buf_put(b, s, strlen(s));
}

void
dw_buf_putc_slow(dw_buf *b, int c)
{
	dw_buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

/* Does fmt use only %s, %d, %u, %zu, %c and %%, with no flags, width or
 * precision?  Most of ours do. */
static bool
plain_format(const char *fmt)
{
	for (const char *p = fmt; (p = strchr(p, '%')) != NULL;) {
		const char *c = p + 1;

		if (c[0] == 'z' && c[1] == 'u')
			c++;
		else if (*c == '\0' || strchr("sduc%", *c) == NULL)
			return false;
		p = c + 1;
	}
	return true;
}

static void
put_decimal(dw_buf *b, unsigned long long v, bool neg)
{
	char t[24];
	size_t i = sizeof t;

	do
		t[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		t[--i] = '-';
	dw_buf_put(b, t + i, sizeof t - i);
}

/* A plain_format, done here: vsnprintf costs several hundred
 * instructions a call even for "%s", and a lint run makes one call for
 * every finding. */
static void
plain_vprintf(dw_buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt, *q;

	while ((q = strchr(p, '%')) != NULL) {
		dw_buf_put(b, p, (size_t)(q - p));
		p = q + 2;
		switch (q[1]) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			dw_buf_puts(b, s ? s : "(null)");   /* as glibc prints it */
			break;
		}
		case 'd': {
			int v = va_arg(ap, int);

			put_decimal(b, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v,
			            v < 0);
			break;
		}
		case 'u':
			put_decimal(b, va_arg(ap, unsigned), false);
			break;
		case 'z':
			put_decimal(b, va_arg(ap, size_t), false);
			p++;
			break;
		case 'c':
			dw_buf_putc(b, va_arg(ap, int));
			break;
		default:
			dw_buf_putc(b, '%');
			break;
		}
	}
	dw_buf_puts(b, p);
}

void
dw_buf_vprintf(dw_buf *b, const char *fmt, va_list ap)
{
	size_t avail = b->cap > b->len ? b->cap - b->len : 0;
	va_list ap2;
	int n;

	if (plain_format(fmt)) {
		plain_vprintf(b, fmt, ap);
		return;
	}
	/* Format into the room already there; only when it does not fit,
	 * grow and format again.  Diagnostics and reports are mostly
	 * printf calls, so formatting once matters. */
	va_copy(ap2, ap);
	n = vsnprintf(avail ? b->ptr + b->len : NULL, avail, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	if ((size_t)n >= avail) {
		dw_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
dw_buf_printf(dw_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dw_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
dw_buf_truncate(dw_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

void
dw_buf_clear(dw_buf *b)
{
	dw_buf_truncate(b, 0);
}

void
dw_buf_free(dw_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

const char *
dw_buf_cstr(dw_buf *b)
{
	return b->ptr ? b->ptr : "";
}

char *
dw_buf_detach(dw_buf *b)
{
	char *p = b->ptr ? b->ptr : dw_strndup("", 0);

	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void
dw_strv_push(dw_strv *sv, const char *s, size_t n)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = dw_realloc(sv->v, sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = dw_strndup(s, n);
}

void
dw_strv_free(dw_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

bool
dw_strv_has(const dw_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (sv->v[i][0] == s[0] && strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

const char *
dw_memfind(const char *h, size_t n, const char *needle, size_t nn)
{
	const char *end = h + n, *p = h;

	/* memchr finds the candidates at the speed of the C library. */
	while (nn <= (size_t)(end - p) && (p = memchr(p, needle[0], (size_t)(end - p) - nn + 1))) {
		if (memcmp(p, needle, nn) == 0)
			return p;
		p++;
	}
	return NULL;
}
