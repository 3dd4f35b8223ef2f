/* SPDX-License-Identifier: MIT */
/* values.h - grammars of the values gen writes into a Dockerfile. */
#ifndef DW_VALUES_H
#define DW_VALUES_H

#include "config.h"

typedef enum dw_vkind {
	DW_V_DEB_PACKAGE,
	DW_V_RPM_PACKAGE,
	DW_V_ARG_NAME,
	DW_V_IMAGE,
	DW_V_USER,
	DW_V_HANDLER,
	DW_V_ABS_PATH,
	DW_V_REL_PATH,
	DW_V_RUBY_VERSION,
	DW_V_GEM_VERSION,
	DW_V_COMMAND,
	DW_V_EXEC_WORD,
	DW_V_GROUPS,
	DW_V_NODE_VERSION
} dw_vkind;

bool dw_value_ok(dw_vkind kind, const char *s);
const char *dw_value_what(dw_vkind kind);
/* Check a value that came from config key `key`; on failure an error names
 * the key and the value's file:line:col.  Returns 0 or -1. */
int dw_value_check(const dw_config *c, dw_ckey key, dw_vkind kind, const char *s, dw_diags *d);

#endif
