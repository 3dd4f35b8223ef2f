/* SPDX-License-Identifier: MIT */
/* tap.c - see tap.h. */
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static void
line(const char *prefix, size_t n, const char *suffix, const char *fmt, va_list ap)
{
	printf("%s %zu - ", prefix, n);
	vprintf(fmt, ap);
	fputs(suffix, stdout);
	putchar('\n');
	fflush(stdout);
}

void
tap_ok(tap *t, bool ok, const char *fmt, ...)
{
	va_list ap;

	t->n++;
	if (!ok)
		t->failed++;
	va_start(ap, fmt);
	line(ok ? "ok" : "not ok", t->n, "", fmt, ap);
	va_end(ap);
}

void
tap_skip(tap *t, const char *fmt, ...)
{
	va_list ap;

	t->n++;
	va_start(ap, fmt);
	line("ok", t->n, " # SKIP", fmt, ap);
	va_end(ap);
}

void
tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
tap_done(tap *t)
{
	printf("1..%zu\n", t->n);
	return t->failed ? 1 : 0;
}

int
tap_skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	return 0;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
tap_shared_dir(char *buf, size_t size)
{
	const char *env = getenv("DOCKWRIGHT_SHARED");
	const char *src = getenv("DW_SRCDIR");

	if (env && *env) {
		snprintf(buf, size, "%s", env);
		return is_dir(buf) ? buf : NULL;
	}
	snprintf(buf, size, "%s/../shared", src && *src ? src : ".");
	return is_dir(buf) ? buf : NULL;
}
