/* SPDX-License-Identifier: MIT */
/* tap.h - a tiny TAP producer for the conformance programs, so that the
 * automake TAP driver counts every case. */
#ifndef DW_TAP_H
#define DW_TAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tap {
	size_t n;
	size_t failed;
} tap;

void tap_ok(tap *t, bool ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tap_skip(tap *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the plan; returns the process exit status. */
int tap_done(tap *t);
/* Plan "1..0 # SKIP why" and return 0. */
int tap_skip_all(const char *why);
/* The directory of ../shared: $DOCKWRIGHT_SHARED, else $DW_SRCDIR/../shared,
 * else ../shared.  NULL when it does not exist. */
const char *tap_shared_dir(char *buf, size_t size);

#endif
