/* SPDX-License-Identifier: MIT */
/*
 * lint.h - the linter: a rule table, a stage-aware engine over the parse
 * tree, and findings that are ordinary diagnostics (dw_diag with the rule
 * id as its code), so every program prints them the same way.
 */
#ifndef DW_LINT_H
#define DW_LINT_H

#include "config.h"
#include "dockwright.h"

typedef enum dw_category {
	DW_CAT_LAMBDA,   /* AWS Lambda compatibility (final stage) */
	DW_CAT_SYNTAX,   /* BuildKit's checks and parse problems */
	DW_CAT_PRACTICE  /* best practice (hadolint's semantics, our words) */
} dw_category;

const char *dw_category_name(dw_category c);

struct dw_lint_ctx; /* engine state handed to check functions (lint/engine.h) */

/*
 * One rule.  Built-in rules with logic have a check function; rules loaded
 * from YAML packs (rules/NAME.yaml, --rules FILE) have a pattern instead and
 * are run by the pack engine.  ids are kebab-case and stable.
 */
typedef struct dw_rule {
	const char *id;          /* "lambda-entrypoint-shell-form" */
	dw_category category;
	dw_severity severity;    /* default */
	const char *aliases;     /* "DL3025,JSONArgsRecommended" or NULL */
	const char *message;     /* one line */
	const char *fix;         /* one-line fix hint */
	const char *explain;     /* long explanation (rules explain ID) */
	void (*check)(struct dw_lint_ctx *cx);
} dw_rule;

typedef struct dw_linter dw_linter;

/* ShellCheck over RUN scripts: off (the library's default), when the
 * program is found, or required. */
typedef enum dw_lint_shellcheck {
	DW_SHELLCHECK_NEVER = 0,
	DW_SHELLCHECK_AUTO,
	DW_SHELLCHECK_ALWAYS
} dw_lint_shellcheck;

typedef struct dw_lint_opts {
	const dw_config *config;      /* lint.* keys; NULL = defaults */
	const char *context_dir;      /* --context DIR, or NULL */
	const char *const *packs;     /* extra rule pack files, NULL-terminated */
	bool generic;                 /* --target generic: no lambda rules */
	bool target_fixed;            /* generic decides; config's lint.target is not read */
	bool no_pragmas;              /* ignore inline pragmas */
	dw_lint_shellcheck shellcheck;/* $DW_SHELLCHECK, else shellcheck on PATH */
} dw_lint_opts;

/* Build a linter: the built-in rules, the shipped packs, the extra packs
 * (patterns compiled once).  A bad pack is an error at its file:line:col. */
dw_linter *dw_linter_new(const dw_lint_opts *o, dw_diags *d);
void dw_linter_free(dw_linter *l);

/* Lint one Dockerfile's bytes.  Findings (and parse errors, code
 * "parse-error") are appended to `out`; severities already have the
 * configured overrides applied, ignored rules are dropped.  Returns -1 when
 * the file did not parse. */
int dw_lint_source(dw_linter *l, const char *path, const char *src, size_t len,
                   dw_diags *out);
/* Called with each finding of a file, in file order.  The finding and its
 * strings are borrowed: valid only during the call. */
typedef void (*dw_lint_emit_fn)(void *ctx, const dw_diag *dg);
/* dw_lint_source for callers that write findings as they come instead of
 * keeping them: memory stays that of one compact record per finding. */
int dw_lint_emit(dw_linter *l, const char *path, const char *src, size_t len,
                 dw_lint_emit_fn fn, void *ctx);

/* Every rule the linter knows (built-in and packs), sorted by id. */
size_t dw_linter_rules(const dw_linter *l, const dw_rule *const **out);
const dw_rule *dw_linter_rule(const dw_linter *l, const char *id_or_alias);
/* Is image (a FROM operand, expanded) one of AWS's Lambda base images?
 * They ship the runtime interface client and /lambda-entrypoint.sh. */
bool dw_lint_is_lambda_image(const char *image);

#endif
