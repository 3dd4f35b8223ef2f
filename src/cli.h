/* SPDX-License-Identifier: MIT */
/* cli.h - the dockwright command table and shared CLI helpers. */
#ifndef DW_CLI_H
#define DW_CLI_H

#include <stdio.h>

#include "dockwright.h"

typedef struct dw_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *help;   /* full usage text for `help CMD` and `CMD --help` */
} dw_cmd;

/* The table, terminated by a NULL name (usage.c). */
extern const dw_cmd dw_commands[];

const dw_cmd *cli_find(const char *name);
void cli_print_help(FILE *f);
int cli_print_cmd_help(const char *name, FILE *f);
/* Print "dockwright CMD: message" and a hint; returns DW_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) DW_PRINTF(2, 3);
/* Print every diagnostic to stderr; returns how many were errors. */
size_t cli_print_diags(const dw_diags *d, int show_warnings);

extern const char dw_help_gen[];
extern const char dw_help_lint[];
extern const char dw_help_dump[];
extern const char dw_help_rules[];

int cmd_dump(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
