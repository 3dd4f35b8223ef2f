/* main.c - `dockwright COMMAND [ARGS]`: dispatch to the command table. */

#include "cli.h"

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

int
main(int argc, char **argv)
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
