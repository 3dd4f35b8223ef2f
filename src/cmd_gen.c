/* cmd_gen.c - `dockwright gen`: app directory -> managed Dockerfile. */
#include "cli.h"

#include <string.h>

const char dw_help_gen[] =
	"usage: dockwright gen [APP_DIR]\n"
	"\n"
	"Not implemented yet.\n";

int
cmd_gen(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(dw_help_gen, stdout);
			return DW_EXIT_OK;
		}
	fputs("dockwright: 'gen' is not implemented yet\n", stderr);
	return DW_EXIT_USAGE;
}
