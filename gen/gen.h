/* SPDX-License-Identifier: MIT */
/*
 * gen.h - the generator: an app directory and its configuration become a
 * plan (every decision with its reason), and a plan becomes a Dockerfile
 * through the templates.
 */
#ifndef DW_GEN_H
#define DW_GEN_H

#include "config.h"
#include "detect.h"

typedef enum dw_image_source {
	DW_SOURCE_MANAGED,   /* gen writes the Dockerfile */
	DW_SOURCE_CUSTOM,    /* dockerfile.custom: the user's Dockerfile */
	DW_SOURCE_PREBUILT   /* docker.image: no build */
} dw_image_source;

typedef struct dw_build_arg {
	char *name;
	char *value;
	const char *stage;   /* "at_top", "build_stage", "deployment_stage" */
} dw_build_arg;

/* A file gen writes into the app (the build context) for the image. */
typedef struct dw_genfile {
	char *path;              /* relative to the app: "handlers/dockwright_rack.rb" */
	const char *what;        /* "Rack adapter", "build-context filter" */
	bool filter;             /* keeps files out of the image, not needed by it */
	dw_buf content;
	char sha256[65];
} dw_genfile;

/* An environment variable of the final image, and why it is set. */
typedef struct dw_envvar {
	const char *name;
	const char *value;
	const char *reason;
} dw_envvar;

/* A file or folder of the app copied into the build stage before bundle
 * install, because the Gemfile or the lock needs it. */
typedef struct dw_bundle_file {
	char *path;              /* relative to the app */
	char *reason;            /* "dockerfile.copy_for_bundle", "Gemfile:3: eval_gemfile" */
} dw_bundle_file;

/* The asset step of the build stage and the Node.js it needs (assets.c). */
typedef struct dw_assets {
	char *command;           /* "SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile" */
	char *reason;            /* why, or why not; NULL when the app has no asset pipeline */
	char *node_reason;       /* why Node.js is in the build stage; NULL: it is not */
	char *node_version;      /* "20.11.1", "22", or the distribution's package */
	const char *node_source; /* ".node-version", ".nvmrc", "default", ... */
	char *node_dist;         /* nodejs.org folder the build downloads from, or NULL */
	const char *pm;          /* "npm", "yarn", "pnpm", or NULL */
	const char *pm_install;  /* "npm ci" */
	bool corepack;           /* yarn and pnpm come through corepack */
	dw_strv node_files;      /* package.json, the lockfile, .npmrc... copied first */
} dw_assets;

typedef struct dw_plan {
	char *app_dir;
	dw_image_source source;
	char *custom_path;       /* DW_SOURCE_CUSTOM: the Dockerfile to build */
	char *prebuilt_image;    /* DW_SOURCE_PREBUILT */
	const char *package_type;/* "image" or "zip" */
	dw_framework framework;
	dw_ruby ruby;
	char *base_image;
	dw_distro distro;
	const char *distro_reason;  /* static text */
	dw_pkg_family family;       /* the distro's package manager */
	dw_pkgs build_pkgs;
	dw_pkgs deploy_pkgs;
	dw_build_arg *args;
	size_t nargs;
	char *user;              /* "deploy:deploy" or NULL for root */
	dw_strv entrypoint;
	char *cmd;               /* the handler */
	dw_handler handler;      /* the handler, its source and reason */
	dw_genfile *files;       /* written into the app with the Dockerfile */
	size_t nfiles;
	dw_envvar env[8];        /* the final image's runtime settings */
	size_t nenv;
	char *workdir;
	char *tag_format;
	char *ric_version;       /* aws_lambda_ric version installed */
	char *bundle_without;    /* BUNDLE_WITHOUT: the groups left out */
	dw_strv left_out;        /* the direct dependencies it leaves out */
	dw_bundle_file *bundle_files;
	size_t nbundle_files;
	bool bootsnap;           /* Rails with bootsnap in the lock */
	dw_assets assets;
	dw_strv needed;          /* more files the image needs from the app (package.json) */
	bool assets_precompile;  /* the build compiles the assets */
	const char *ignore_source;  /* .dockerignore: "generated", "app" or "none" */
	const char *ignore_reason;
	bool aws_secret;         /* mount the builder's AWS credentials (secret id "aws") */
	bool bundle;             /* the app has a Gemfile: the build runs bundle install */
	dw_strv warnings;        /* every warning, as "path:line: message" */
} dw_plan;

/* Decide everything for the app in app_dir.  Returns -1 on errors. */
int dw_plan_make(dw_plan *p, const char *app_dir, const dw_config *c, dw_diags *d);
void dw_plan_free(dw_plan *p);
/* The plan as JSON (gen --plan). */
void dw_plan_json(const dw_plan *p, dw_buf *out);
/* The .dockerignore: gen's own (a generated file) when the app has none,
 * else a check of the app's (ignore.c).  -1 on errors. */
int dw_plan_dockerignore(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d);
/* The asset step and Node.js (assets.c); after the packages. */
int dw_plan_assets(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d);
void dw_assets_free(dw_assets *a);
/* Append a generated file at path (relative to the app), content empty. */
dw_genfile *dw_plan_add_file(dw_plan *p, const char *path, const char *what);
/* Write every generated file into the app directory, atomically. */
int dw_gen_write_files(const dw_plan *p, dw_diags *d);
/* Compare every generated file with the app's copy: a unified diff of
 * each stale one is appended to diff; returns how many are stale. */
size_t dw_gen_check_files(const dw_plan *p, dw_buf *diff);
/* Render the managed Dockerfile.  templates_dir NULL = the installed ones. */
int dw_gen_render(const dw_plan *p, const dw_config *c, const char *templates_dir,
                  dw_buf *out, dw_diags *d);

#endif
