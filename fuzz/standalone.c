/* SPDX-License-Identifier: MIT */
/*
 * standalone.c - a main() for the harnesses when they are not linked with
 * libFuzzer: AFL++ (afl-clang-fast ... standalone.c, input via @@ or
 * stdin), replaying a crash under gdb or valgrind, or a plain gcc build.
 * Each argument is a file run once through LLVMFuzzerTestOneInput; with no
 * argument, standard input is.  Inputs are copied to a buffer of exactly
 * their size, so that a read past the end is caught by ASan or valgrind.
 */
#ifndef DW_LIBFUZZER

#include "fuzz.h"

#include <string.h>

static int
run_stream(FILE *f, const char *name)
{
	uint8_t *data = NULL, *exact;
	size_t len = 0, cap = 0, n;

	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap);
			if (data == NULL) {
				fprintf(stderr, "%s: out of memory\n", name);
				return -1;
			}
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", name);
		free(data);
		return -1;
	}
	exact = malloc(len ? len : 1);
	if (exact == NULL) {
		free(data);
		return -1;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

int
main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return run_stream(stdin, "<stdin>") == 0 ? 0 : 2;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");

		if (f == NULL) {
			perror(argv[i]);
			status = 2;
			continue;
		}
		if (run_stream(f, argv[i]) < 0)
			status = 2;
		fclose(f);
	}
	return status;
}

#else

/* ISO C wants at least one declaration in a translation unit. */
typedef int dw_fuzz_standalone_unused;

#endif
