/* SPDX-License-Identifier: MIT */
/* instr.h - the instruction table: keywords and the flags each accepts. */
#ifndef DW_INSTR_H
#define DW_INSTR_H

#include "dockwright.h"

typedef enum dw_flag_type {
	DW_FLAG_STRING,  /* --x=value, once */
	DW_FLAG_BOOL,    /* --x, --x=true, --x=false */
	DW_FLAG_MULTI    /* --x=value, repeatable */
} dw_flag_type;

typedef struct dw_flag_spec {
	const char *name;
	dw_flag_type type;
	const char *values; /* comma-separated allowed values, or NULL */
} dw_flag_spec;

typedef struct dw_instr_spec {
	const char *name;
	const dw_flag_spec *flags; /* terminated by a NULL name */
} dw_instr_spec;

const dw_instr_spec *dw_instr_spec_of(dw_kind k);
const dw_flag_spec *dw_flag_lookup(dw_kind k, const char *name, size_t len);

#endif
