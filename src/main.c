/* SPDX-License-Identifier: MIT */
/* main.c - `dockwright COMMAND [ARGS]`: dispatch to the command table. */

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* A command the name is a prefix of ("li"), or one two edits away
 * ("lnit", "gne"). */
static const char *
closest_command(const char *name)
{
	const char *names[16];
	size_t n = 0, len = strlen(name);

	for (const dw_cmd *c = dw_commands; c->name && n < 16; c++) {
		if (len > 0 && strncmp(c->name, name, len) == 0)
			return c->name;
		names[n++] = c->name;
	}
	return dw_suggest(name, names, n, len >= 3 ? 2 : 1);
}

int
cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage_error("version", "unexpected argument '%s'", argv[1]);
	printf("dockwright %s\n", PACKAGE_VERSION);
	return DW_EXIT_OK;
}

int
cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		cli_print_help(stdout);
		return DW_EXIT_OK;
	}
	if (cli_print_cmd_help(argv[1], stdout) < 0)
		return cli_usage_error("help", "no such command '%s'", argv[1]);
	return DW_EXIT_OK;
}

/*
 * Output that did not reach stdout (a full disk, /dev/full, a closed
 * descriptor) is an I/O error, not a success with cut output: flush and
 * close it, and turn a failure into exit status 2 with a message.
 */
static int
close_stdout(int rc)
{
	int err = 0;
	bool failed = false;

	/* A command that flushed itself left only the error flag: errno is
	 * then whatever came later, so it is named only when fresh. */
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		failed = true;
		err = errno;
	}
	/* Closing a stdout that was closed before we ran, with nothing
	 * written to it, is no error. */
	if (fclose(stdout) != 0 && !failed && errno != EBADF) {
		failed = true;
		err = errno;
	}
	if (!failed)
		return rc;
	fprintf(stderr, "dockwright: cannot write the output%s%s\n", err ? ": " : "",
	        err ? strerror(err) : "");
	return rc == DW_EXIT_OK || rc == DW_EXIT_FINDINGS ? DW_EXIT_USAGE : rc;
}

static int
run(int argc, char **argv)
{
	const dw_cmd *c;
	const char *hint;

	if (argc < 2) {
		cli_print_help(stderr);
		return DW_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		return cmd_version(1, argv + 1);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cli_print_help(stdout);
		return DW_EXIT_OK;
	}
	if (argv[1][0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", argv[1]);
	c = cli_find(argv[1]);
	if (c == NULL) {
		hint = closest_command(argv[1]);
		if (hint)
			return cli_usage_error(NULL, "'%s' is not a command; did you mean '%s'?",
			                       argv[1], hint);
		return cli_usage_error(NULL, "'%s' is not a command", argv[1]);
	}
	return c->run(argc - 1, argv + 1);
}

int
main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
