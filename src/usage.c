/* SPDX-License-Identifier: MIT */
/* usage.c - the command table and every help text, in one place. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

/* Each command's help text lives beside its code (cmd_*.c). */
const dw_cmd dw_commands[] = {
	{ "gen", cmd_gen, "generate a managed Dockerfile for a Ruby app", dw_help_gen },
	{ "lint", cmd_lint, "check Dockerfiles for Lambda compatibility and best practice",
	  dw_help_lint },
	{ "dump", cmd_dump, "print BuildKit's parse tree of Dockerfiles", dw_help_dump },
	{ "rules", cmd_rules, "list the lint rules, or explain one", dw_help_rules },
	{ "version", cmd_version, "print the version", "usage: dockwright version\n" },
	{ "help", cmd_help, "show help for a command", "usage: dockwright help [COMMAND]\n" },
	{ NULL, NULL, NULL, NULL }
};

const dw_cmd *
cli_find(const char *name)
{
	for (const dw_cmd *c = dw_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void
cli_print_help(FILE *f)
{
	fputs("usage: dockwright [--version] [--help] COMMAND [ARGS]\n"
	      "\n"
	      "Generate, check and dump Dockerfiles for Ruby apps on AWS Lambda.\n"
	      "\n"
	      "commands:\n", f);
	for (const dw_cmd *c = dw_commands; c->name; c++)
		fprintf(f, "  %-8s %s\n", c->name, c->summary);
	fputs("\n"
	      "See 'dockwright help COMMAND' for the options of a command.\n"
	      "Exit status: 0 ok, 1 findings or parse errors, 2 usage or I/O error.\n", f);
}

int
cli_print_cmd_help(const char *name, FILE *f)
{
	const dw_cmd *c = cli_find(name);

	if (c == NULL)
		return -1;
	fputs(c->help, f);
	return 0;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "dockwright%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (cmd)
		fprintf(stderr, "See 'dockwright help %s'.\n", cmd);
	else
		fputs("See 'dockwright --help'.\n", stderr);
	return DW_EXIT_USAGE;
}

size_t
cli_print_diags(const dw_diags *d, int show_warnings)
{
	dw_buf line = DW_BUF_INIT;
	size_t errors = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].sev == DW_SEV_ERROR)
			errors++;
		else if (!show_warnings)
			continue;
		dw_buf_clear(&line);
		dw_diag_format(&d->v[i], &line);
		fprintf(stderr, "%s\n", dw_buf_cstr(&line));
	}
	dw_buf_free(&line);
	return errors;
}
