/* gemmap.h - the loaded rules/gems.yaml table (private to lib/). */
#ifndef DW_GEMMAP_H
#define DW_GEMMAP_H

#include "detect.h"

enum { GM_NFAM = 3, GM_NSTAGE = 2 };      /* apt yum dnf; build runtime */
enum { GM_BUILD = 0, GM_RUNTIME = 1 };

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
	dw_strv pkgs[GM_NFAM][GM_NSTAGE];  /* indexed by dw_pkg_family */
} gm_rule;

struct dw_gemmap {
	gm_rule *rules;
	size_t n;
};

#endif
