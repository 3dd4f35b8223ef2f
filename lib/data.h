/* SPDX-License-Identifier: MIT */
/* data.h - data files built into the programs (see tools/embed.c). */
#ifndef DW_DATA_H
#define DW_DATA_H

#include <stddef.h>

typedef struct dw_data_file {
	const char *name;  /* "rules/gems.yaml" */
	const char *data;  /* NUL-terminated */
	size_t len;
} dw_data_file;

extern const dw_data_file dw_data_files[];

#endif
