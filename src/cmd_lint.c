/* cmd_lint.c - `dockwright lint` and `dockwright rules`. */
#include "cli.h"

#include <string.h>

const char dw_help_lint[] =
	"usage: dockwright lint FILE...\n"
	"\n"
	"Not implemented yet.\n";

const char dw_help_rules[] =
	"usage: dockwright rules [explain ID]\n"
	"\n"
	"Not implemented yet.\n";

static int
not_yet(const char *name, const char *help, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(help, stdout);
			return DW_EXIT_OK;
		}
	fprintf(stderr, "dockwright: '%s' is not implemented yet\n", name);
	return DW_EXIT_USAGE;
}

int
cmd_lint(int argc, char **argv)
{
	return not_yet("lint", dw_help_lint, argc, argv);
}

int
cmd_rules(int argc, char **argv)
{
	return not_yet("rules", dw_help_rules, argc, argv);
}
