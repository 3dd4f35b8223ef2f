/* SPDX-License-Identifier: MIT */
/*
 * fuzz.h - what every harness in fuzz/ shares: the libFuzzer entry point's
 * prototype and a check that aborts, so that a broken invariant is reported
 * by the fuzzer like a crash (assert() would vanish under -DNDEBUG).
 */
#ifndef DW_FUZZ_H
#define DW_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                      \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			        __LINE__, #cond);                             \
			abort();                                              \
		}                                                             \
	} while (0)

#endif
