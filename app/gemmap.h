/* SPDX-License-Identifier: MIT */
/* gemmap.h - the loaded rules/gems.yaml table (private to lib/). */
#ifndef DW_GEMMAP_H
#define DW_GEMMAP_H

#include "detect.h"

enum { GM_NSTAGE = 2 };                  /* build runtime */
enum { GM_BUILD = 0, GM_RUNTIME = 1 };

/* One distribution's column of a rule: rules/gems.yaml's apt:, trixie:,
 * yum: or dnf: map.  A stage that is not set falls back to the parent
 * column (trixie: to apt:), so only renamed packages need a trixie: list. */
typedef struct gm_col {
	dw_strv pkgs[GM_NSTAGE];
	bool set[GM_NSTAGE];
	char *unavailable;        /* the distribution lacks what the gem needs */
} gm_col;

typedef enum gm_kind {
	GM_NONE,
	GM_GEM,      /* names: the gems */
	GM_GIT,      /* every gem from a GIT source */
	GM_BASE      /* names[0]: the label */
} gm_kind;

typedef struct gm_rule {
	gm_kind kind;
	dw_strv names;
	bool ruby_platform;       /* when: ruby_platform */
	char *version;            /* version: requirement, or NULL */
	dw_strv unless;           /* unless: not when one of these is there */
	char *warn;               /* warn: a warning when the rule applies */
	gm_col cols[DW_NDISTRO];  /* indexed by dw_distro */
} gm_rule;

struct dw_gemmap {
	gm_rule *rules;
	size_t n;
};

#endif
