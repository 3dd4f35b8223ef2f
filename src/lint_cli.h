/* SPDX-License-Identifier: MIT */
/* lint_cli.h - the parts of `dockwright lint` below the command line:
 * finding the input files and the configuration of each. */
#ifndef DW_LINT_CLI_H
#define DW_LINT_CLI_H

#include "config.h"
#include "lint.h"

/* ---- inputs (lint_inputs.c) ---- */

/* Dockerfile, Dockerfile.*, Dockerfile-*, Containerfile, Containerfile.*,
 * Containerfile-* (also lower case), *.Dockerfile, *.dockerfile; not
 * *.dockerignore, nor templates (*.j2, *.erb, *.tmpl, *.template ...). */
bool lint_is_dockerfile_name(const char *base);
/*
 * Expand the PATH arguments: files as given, directories recursively
 * (skipping .git, node_modules and vendor, following symlinks once per directory),
 * "-" as is.  The result is sorted and without duplicates.  A path that
 * cannot be read adds an error and makes the result -1; the other paths
 * are still collected.
 */
int lint_inputs_collect(char *const *paths, size_t n, dw_strv *files, dw_diags *d);

/* ---- configuration (lint_config.c) ---- */

/* The command-line settings that override every configuration file. */
typedef struct lint_overrides {
	const char *config;          /* --config FILE: no discovery */
	dw_strv ignore;              /* --ignore ID */
	dw_strv sev_ids, sev_levels; /* --severity ID=LEVEL */
	dw_strv trusted;             /* --trusted-registry R */
	dw_strv rules;               /* --rules FILE */
	const char *threshold;       /* --failure-threshold */
	const char *target;          /* --target */
	const char *format;          /* --format */
	const char *shellcheck;      /* --shellcheck, --no-shellcheck */
} lint_overrides;

/* What a configuration refers to and must outlive it: the paths of the
 * files it came from, and their YAML documents. */
typedef struct lint_keep {
	dw_strv paths;
	dw_ydoc **docs;
	size_t ndocs;
} lint_keep;

void lint_keep_free(lint_keep *k);

/*
 * The effective configuration for files in `dir`: the user's config,
 * then .hadolint.y[a]ml, then (.)dockwright.y[a]ml found by walking up
 * from dir to the repository root (a directory holding .git) or /, then
 * the overrides.  `key` receives a string naming the files used, equal
 * for equal configurations.  Returns -1 (with diagnostics) when a file is
 * broken.
 */
int lint_config_for(const char *dir, const lint_overrides *o, dw_config *c,
                    lint_keep *keep, dw_buf *key, dw_diags *d);
/* Only the files that lint_config_for(dir) would load, as `key`. */
int lint_config_key(const char *dir, const lint_overrides *o, dw_buf *key);

/* ---- target (lint_target.c) ---- */

/*
 * The folder of the Dockerfiles being linted, and which Lambda marker
 * (dockwright.yml, config/jets/) it holds: asked of the file system once
 * per folder, not once per file.  lint_folder_enter names the folder;
 * a file with no folder (standard input) has NULL for one.
 */
typedef struct lint_folder {
	char *dir;
	int marker;        /* -2 not asked yet, -1 none, else which one */
	bool marker_is_dir;
} lint_folder;

void lint_folder_enter(lint_folder *f, const char *dir);
void lint_folder_free(lint_folder *f);

/*
 * Is the Dockerfile at path (its bytes src, its folder f or NULL) linted
 * with the Lambda rules?  --target, else the first lint.paths pattern
 * matching it, else lint.target; auto means lint_target_detect.  why
 * receives the reason, for --verbose.
 */
bool lint_target_pick(const dw_config *c, const char *path, lint_folder *f,
                      const char *src, size_t len, dw_buf *why);
/* auto: a Lambda base image, aws_lambda_ric in RUN/ENTRYPOINT/CMD,
 * _HANDLER, or dockwright.yml or config/jets/ in the folder. */
bool lint_target_detect(lint_folder *f, const char *src, size_t len, dw_buf *why);

#endif
