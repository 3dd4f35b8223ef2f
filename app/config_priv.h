/* SPDX-License-Identifier: MIT */
/*
 * config_priv.h - what config.c shares with deployrb.c: applying one value
 * (as a YAML node tree) to a key named by its dotted name, with the type
 * checks, the alias table and the origin bookkeeping in one place.
 */
#ifndef DW_CONFIG_PRIV_H
#define DW_CONFIG_PRIV_H

#include "config.h"

typedef struct dw_capply {
	dw_config *c;
	dw_diags *d;
	const char *path;       /* for diagnostics */
	const char *where;      /* owned by c->sources */
	dw_origin origin;
	bool last_wins;         /* deploy.rb: a repeated key warns; YAML: error */
	dw_pos seen[DW_CFG__COUNT];
} dw_capply;

void dw_capply_init(dw_capply *A, dw_config *c, const char *path, dw_origin origin,
                    dw_diags *d);
/* The key of a dotted name after the alias table, or NULL. */
const dw_ckey_info *dw_capply_lookup(const char *name, const char **alias_of);
/* Apply `v` to the key `name` (as written), given at `kpos`.  The name must
 * be known (dw_capply_lookup).  Returns -1 after adding an error. */
int dw_capply_leaf(dw_capply *A, const char *name, dw_pos kpos, const dw_ynode *v);
/* "unknown key 'x'" with a suggestion, as an error at pos. */
void dw_capply_unknown(dw_capply *A, const char *name, dw_pos pos, bool group);

/* Import config/jets/deploy.rb (a line scanner, not Ruby). */
int dw_config_apply_deployrb(dw_config *c, const char *src, size_t len,
                             const char *path, dw_diags *d);

#endif
