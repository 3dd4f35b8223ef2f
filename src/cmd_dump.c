/* SPDX-License-Identifier: MIT */
/* cmd_dump.c - `dockwright dump`: BuildKit's parse tree of Dockerfiles. */
#include "cli.h"

#include <getopt.h>
#include <string.h>

const char dw_help_dump[] =
	"usage: dockwright dump [--strict] [--no-warnings] FILE...\n"
	"\n"
	"Parse each FILE (\"-\" reads standard input) exactly as BuildKit does and\n"
	"print its parse tree in BuildKit's S-expression test format, one line\n"
	"per instruction.  With several files, each dump is preceded by\n"
	"\"==> FILE <==\".\n"
	"\n"
	"options:\n"
	"  --strict       also apply BuildKit's instruction checks (unknown\n"
	"                 instructions and flags, argument counts)\n"
	"  --no-warnings  do not print warnings (e.g. empty continuation lines)\n"
	"  -h, --help     show this help\n"
	"\n"
	"Diagnostics go to standard error as FILE:LINE:COL: SEVERITY: MESSAGE.\n"
	"Exit status: 0 parsed, 1 a file did not parse (or failed --strict),\n"
	"2 usage or I/O error.\n";

struct dump_opts {
	int strict;
	int warnings;
};

/* Dump one file; returns the exit status for it. */
static int
dump_one(const char *path, const struct dump_opts *o, int header)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	dw_buf src = DW_BUF_INIT, out = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df;
	int rc = DW_EXIT_OK;

	if (dw_file_read(path, &src, &d) < 0) {
		cli_print_diags(&d, 1);
		dw_diags_free(&d);
		dw_buf_free(&src);
		return DW_EXIT_USAGE;
	}
	df = dw_parse(src.ptr ? src.ptr : "", src.len, name, NULL, &d);
	if (df && o->strict)
		dw_validate(df, &d);
	if (df) {
		if (header)
			printf("==> %s <==\n", name);
		dw_dump(df, &out);
		fwrite(out.ptr ? out.ptr : "", 1, out.len, stdout);
	}
	if (cli_print_diags(&d, o->warnings) > 0 || df == NULL)
		rc = DW_EXIT_FINDINGS;
	dw_dockerfile_free(df);
	dw_diags_free(&d);
	dw_buf_free(&src);
	dw_buf_free(&out);
	return rc;
}

int
cmd_dump(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "no-warnings", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dump_opts o = { 0, 1 };
	int c, rc = DW_EXIT_OK;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			o.strict = 1;
			break;
		case 'W':
			o.warnings = 0;
			break;
		case 'h':
			return cli_print_cmd_help("dump", stdout) < 0 ? DW_EXIT_USAGE : DW_EXIT_OK;
		default:
			return cli_usage_error("dump", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("dump", "no input files");
	for (int i = optind; i < argc; i++) {
		int r = dump_one(argv[i], &o, argc - optind > 1);

		if (r > rc)
			rc = r;
	}
	fflush(stdout);
	return rc;
}
