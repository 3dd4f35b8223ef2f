/* SPDX-License-Identifier: MIT */
/*
 * config.h - dockwright.yml: the one table of configuration keys, and the
 * typed configuration loaded from it.
 *
 * DW_CONFIG_KEYS is the single source of truth: the enum of key ids, the
 * parser, the defaults, `gen --print-config` and the dockwright.yml(5) man
 * page are all generated from it.  A key is written here once.
 *
 * X(ID, "dotted.name", TYPE, "default", "allowed values", "description")
 *   - default: the YAML text of the default, or NULL for nil (unset);
 *   - allowed: "a|b|c" for DW_CT_ENUM, else NULL.
 */
#ifndef DW_CONFIG_H
#define DW_CONFIG_H

#include "dockwright.h"

typedef enum dw_ctype {
	DW_CT_BOOL,       /* true/false */
	DW_CT_STRING,     /* a string (numbers are accepted as their text) */
	DW_CT_INT,        /* a non-negative integer */
	DW_CT_ENUM,       /* one of the allowed strings */
	DW_CT_LIST,       /* a string or an array of strings */
	DW_CT_MAP,        /* a hash of string keys to scalar values */
	DW_CT_BOOL_STRING /* false, true, or a string (dockerfile.custom, bootsnap) */
} dw_ctype;

#define DW_CONFIG_KEYS(X) \
	X(PACKAGE_TYPE, "package_type", DW_CT_ENUM, "image", "image|zip", \
	  "How the app ships: a container image built on a Ruby image (image), or gems built on the AWS Lambda Ruby base image for a layer plus a code zip (zip).") \
	X(DOCKER_IMAGE, "docker.image", DW_CT_STRING, NULL, NULL, \
	  "Prebuilt image to deploy instead of building one. Overridden by the environment variables JETS_DOCKER_IMAGE and DOCKWRIGHT_DOCKER_IMAGE.") \
	X(DOCKER_TAG, "docker.tag", DW_CT_STRING, ":FRIENDLY_TAG-:TIMESTAMP-:GIT_SHA", NULL, \
	  "Image tag template. Tokens: :ENV :FRIENDLY_TAG :TIMESTAMP :GIT_BRANCH :GIT_SHA :GIT_DIRTY.") \
	X(DOCKER_PLATFORM, "docker.platform", DW_CT_ENUM, "linux/amd64", "linux/amd64|linux/arm64", \
	  "The architecture of the image (a Lambda function runs one): Gemfile.lock must list its platform (x86_64-linux or aarch64-linux) or ruby, native gems are judged precompiled or not for it, and dockwright-build builds for it.") \
	X(DOCKER_SHOW_BUILD_COMMAND, "docker.show_build_command", DW_CT_BOOL, "false", NULL, \
	  "Print each build, tag and push command before running it (secrets masked).") \
	X(DOCKER_BUILDKIT_ADDR, "docker.buildkit.addr", DW_CT_STRING, NULL, NULL, \
	  "Address of a BuildKit daemon (tcp://HOST:PORT, unix:///PATH, ...) for dockwright-build --builder buildkit, which --buildkit-addr and BUILDKIT_HOST override; when one of the three is set, --builder auto picks buildkit (if buildctl is on PATH).") \
	X(DOCKER_CACHE, "docker.cache", DW_CT_STRING, NULL, NULL, \
	  "A registry image reference for the shared build cache of the buildkit and docker builders: imported before the build (type=registry,ref=REF) and exported after it with every stage's layers (mode=max), so that other machines reuse them. --cache-from and --cache-to override each half.") \
	X(ADD_DEPLOY_USER, "dockerfile.add_deploy_user", DW_CT_BOOL, "true", NULL, \
	  "Create the deploy user and end the image with USER deploy:deploy; false leaves root.") \
	X(DEPLOY_USER_NAME, "dockerfile.deploy_user.name", DW_CT_STRING, "deploy", NULL, \
	  "Name of the deploy user and group.") \
	X(DEPLOY_USER_UID, "dockerfile.deploy_user.uid", DW_CT_INT, "1000", NULL, \
	  "Numeric uid of the deploy user.") \
	X(DEPLOY_USER_GID, "dockerfile.deploy_user.gid", DW_CT_INT, "1000", NULL, \
	  "Numeric gid of the deploy user's group.") \
	X(BUILD_ARGS_AT_TOP, "dockerfile.build_args.at_top", DW_CT_MAP, NULL, NULL, \
	  "Build args declared before the first FROM (ARG K) and passed as --build-arg K=V.") \
	X(BUILD_ARGS_BUILD_STAGE, "dockerfile.build_args.build_stage", DW_CT_MAP, NULL, NULL, \
	  "Build args declared in the build stage, after its packages.") \
	X(BUILD_ARGS_DEPLOYMENT_STAGE, "dockerfile.build_args.deployment_stage", DW_CT_MAP, NULL, NULL, \
	  "Build args declared in the deployment stage, after its packages.") \
	X(BUILD_ARGS_ENABLE_AWS_CREDS, "dockerfile.build_args.enable_aws_creds", DW_CT_BOOL, "true", NULL, \
	  "Pass the builder's AWS credentials to the build (as BuildKit secrets where the builder supports them).") \
	X(BUILD_ARGS_PUBLIC, "dockerfile.build_args.public", DW_CT_LIST, NULL, NULL, \
	  "Build args whose values dockwright-build may print although they come from the environment or have a secret-looking name (containing TOKEN, SECRET, PASSW, _KEY_, ..., or ending in KEY; see dockwright-build(1)). BUNDLE_* and AWS_* values and values shaped like credentials are always masked.") \
	X(COMMANDS_BOOTSNAP, "dockerfile.commands.bootsnap", DW_CT_BOOL_STRING, NULL, NULL, \
	  "Bootsnap precompile command, one RUN line (no leading '-', trailing backslash or '<<' heredoc); unset means 'bundle exec bootsnap precompile app/ lib/' for Rails and none otherwise; false turns it off.") \
	X(CUSTOM, "dockerfile.custom", DW_CT_BOOL_STRING, "false", NULL, \
	  "Build your own Dockerfile instead of generating one: true means ./Dockerfile, a string is its path.") \
	X(FORCE_RUBY_PLATFORM, "dockerfile.gemfile.force_ruby_platform", DW_CT_BOOL, "false", NULL, \
	  "Run 'bundle config set force_ruby_platform true' before bundle install (compiles native gems; slower).") \
	X(INSTALL_AWSCLI, "dockerfile.install.awscli", DW_CT_BOOL, "true", NULL, \
	  "Install the AWS CLI in the deployment stage.") \
	X(APT_ALL_STAGES, "dockerfile.apt.packages.all_stages", DW_CT_LIST, NULL, NULL, \
	  "Extra apt packages for every stage (image package type).") \
	X(APT_BUILD_STAGE, "dockerfile.apt.packages.build_stage", DW_CT_LIST, NULL, NULL, \
	  "Extra apt packages for the build stage.") \
	X(APT_DEPLOYMENT_STAGE, "dockerfile.apt.packages.deployment_stage", DW_CT_LIST, NULL, NULL, \
	  "Extra apt packages for the deployment stage.") \
	X(YUM_ALL_STAGES, "dockerfile.yum.packages.all_stages", DW_CT_LIST, NULL, NULL, \
	  "Extra yum/dnf packages for every stage (zip package type).") \
	X(YUM_BUILD_STAGE, "dockerfile.yum.packages.build_stage", DW_CT_LIST, NULL, NULL, \
	  "Extra yum/dnf packages for the build stage.") \
	X(YUM_DEPLOYMENT_STAGE, "dockerfile.yum.packages.deployment_stage", DW_CT_LIST, NULL, NULL, \
	  "Extra yum/dnf packages for the deployment stage.") \
	X(AUTO_PACKAGES, "dockerfile.auto_packages", DW_CT_BOOL, "true", NULL, \
	  "Add the system packages that the app's gems need (rules/gems.yaml).") \
	X(BUNDLE_WITHOUT, "dockerfile.bundle_without", DW_CT_STRING, "development:test", NULL, \
	  "Bundler groups the image leaves out (BUNDLE_WITHOUT), separated by ':'.  A gem is left out when all of its Gemfile groups are; what the remaining gems need is installed anyway.  The framework, the system packages, bootsnap and the runtime client are decided from the gems that are installed.") \
	X(COPY_FOR_BUNDLE, "dockerfile.copy_for_bundle", DW_CT_LIST, NULL, NULL, \
	  "Folders copied before the first bundle install, e.g. engines/ for path: gems.") \
	X(ASSETS_PRECOMPILE, "dockerfile.assets.precompile", DW_CT_BOOL, "true", NULL, \
	  "Compile the assets in the build stage: assets:precompile for Rails with sprockets or propshaft (jsbundling-rails, cssbundling-rails and tailwindcss-rails build through it), with a placeholder SECRET_KEY_BASE; hanami assets compile for Hanami with hanami-assets. Skipped when a compiled manifest is committed under public/assets; false turns it off.") \
	X(NODE_INSTALL, "dockerfile.node.install", DW_CT_BOOL, "true", NULL, \
	  "Install Node.js in the build stage when the app has a package.json (then its packages, with npm ci, yarn or pnpm as its lockfile says) or when the asset step needs a JavaScript runtime (execjs without mini_racer); node_modules is removed after the asset step. false installs none.") \
	X(NODE_VERSION, "dockerfile.node.version", DW_CT_STRING, NULL, NULL, \
	  "Node.js for the build stage: a major version (22) or X.Y.Z. Unset: .node-version, .nvmrc, package.json engines.node, else the distribution's nodejs package (bookworm 18, trixie 20, bullseye 12; 18 downloaded on bullseye for yarn or pnpm, as corepack needs it). A version the distribution lacks is downloaded by the build (not by gen) from nodejs.org and checked against its SHASUMS256.txt.") \
	X(DOCKERIGNORE, "dockerfile.dockerignore", DW_CT_BOOL, "true", NULL, \
	  "When the app has no .dockerignore, write one with the Dockerfile (a generated file, like the handler): it keeps secrets (.env*, config/master.key, config/credentials/*.key), .git, .bundle, vendor/bundle, node_modules, log/, tmp/ and storage/ out of the image, and lets back in any file the build needs. false writes none; an app's own .dockerignore is never replaced, only checked.") \
	X(HANDLER, "dockerfile.handler", DW_CT_STRING, NULL, NULL, \
	  "The Lambda handler, FILE.method or FILE.Module::Class.method; becomes CMD. Unset means detected: Jets 6 (gen writes handlers/controller.rb), the app's own method taking event: and context:, or dockwright's Rack adapter for a config.ru app (gen writes handlers/dockwright_rack.rb).") \
	X(ENTRYPOINT, "dockerfile.entrypoint", DW_CT_LIST, "/usr/local/bundle/bin/aws_lambda_ric", NULL, \
	  "ENTRYPOINT, in exec form: the runtime interface client.") \
	X(WORKDIR, "dockerfile.workdir", DW_CT_STRING, "/app", NULL, \
	  "WORKDIR of the image; the handler file is resolved from it.") \
	X(RIC_VERSION, "dockerfile.ric.version", DW_CT_STRING, "3.1.3", NULL, \
	  "Version of the aws_lambda_ric gem installed when the Gemfile.lock does not have it.") \
	X(SYNTAX, "dockerfile.syntax", DW_CT_STRING, "auto", NULL, \
	  "The '# syntax=' line of the generated Dockerfile, which makes BuildKit pull that frontend image before it reads the file: auto writes '# syntax=docker/dockerfile:1' only when the file needs more than the frontend built into BuildKit 0.8 and Docker 20.10 (COPY --link, or a stage hook, which may use heredocs); none never writes it; any other value is the frontend image to name (a mirror's copy, say). podman and buildah ignore the line.") \
	X(COPY_LINK, "dockerfile.features.copy_link", DW_CT_BOOL, "false", NULL, \
	  "Use COPY --link in the generated Dockerfile (BuildKit only).") \
	X(NORMALIZE_PERMISSIONS, "dockerfile.image_package.normalize_permissions", DW_CT_BOOL, "true", NULL, \
	  "Make the app world-readable (chmod -R a+rX) so Lambda's sandbox user can read it.") \
	X(IMAGE_FROM_DOCKER_IMAGE, "dockerfile.image_package.from_base.docker_image", DW_CT_STRING, NULL, NULL, \
	  "Full base image for the image package type, e.g. ruby:3.3.6-slim; overrides the parts below.") \
	X(IMAGE_FROM_IMAGE_NAME, "dockerfile.image_package.from_base.image_name", DW_CT_STRING, "ruby", NULL, \
	  "Base image name without tag.  A Docker Hub short name is written in full (ruby becomes docker.io/library/ruby), since podman and buildah on a stock system refuse short names; a name with a registry is kept as it is.") \
	X(IMAGE_FROM_IMAGE_TAG, "dockerfile.image_package.from_base.image_tag", DW_CT_STRING, NULL, NULL, \
	  "Base image tag; detected from the Ruby version when unset.") \
	X(IMAGE_FROM_IMAGE_VARIANT, "dockerfile.image_package.from_base.image_variant", DW_CT_STRING, "slim", NULL, \
	  "Image variant appended to the tag (slim); null means the full image.") \
	X(IMAGE_FROM_RUBY_VERSION, "dockerfile.image_package.from_base.ruby_version", DW_CT_STRING, NULL, NULL, \
	  "Ruby version; detected when unset.") \
	X(IMAGE_FROM_DISTRO, "dockerfile.image_package.from_base.distro", DW_CT_ENUM, "auto", "auto|bookworm|trixie", \
	  "Debian release of the base image, which decides the package names (libicu72 or libicu76): auto reads it from a ruby image's tag (trixie from 3.2.9, 3.3.9 and 3.4.5 on, and for floating tags; bullseye for 3.0.2 to 3.0.5, 3.1.0 to 3.1.3, 3.2.0 and 3.2.1; a -bookworm, -trixie or -bullseye variant says it) and assumes bookworm for other images.") \
	X(ZIP_FROM_DOCKER_IMAGE, "dockerfile.zip_package.from_base.docker_image", DW_CT_STRING, NULL, NULL, \
	  "Full base image for the zip package type; overrides the parts below.") \
	X(ZIP_FROM_IMAGE_NAME, "dockerfile.zip_package.from_base.image_name", DW_CT_STRING, "public.ecr.aws/lambda/ruby", NULL, \
	  "Base image name without tag (zip package type).") \
	X(ZIP_FROM_IMAGE_TAG, "dockerfile.zip_package.from_base.image_tag", DW_CT_STRING, NULL, NULL, \
	  "Base image tag; the Ruby minor version when unset.") \
	X(ZIP_FROM_IMAGE_VARIANT, "dockerfile.zip_package.from_base.image_variant", DW_CT_STRING, NULL, NULL, \
	  "Image variant; the AWS Lambda images have none.") \
	X(ZIP_FROM_RUBY_VERSION, "dockerfile.zip_package.from_base.ruby_version", DW_CT_STRING, NULL, NULL, \
	  "Ruby version; detected when unset.") \
	X(LINT_IGNORE, "lint.ignore", DW_CT_LIST, NULL, NULL, \
	  "Rule ids (or hadolint/BuildKit aliases) never reported.") \
	X(LINT_SEVERITY, "lint.severity", DW_CT_MAP, NULL, NULL, \
	  "Severity overrides: rule id -> error, warning, info, style or off.") \
	X(LINT_FAILURE_THRESHOLD, "lint.failure_threshold", DW_CT_ENUM, "warning", "error|warning|info|style|none", \
	  "Lowest severity that makes lint exit 1.") \
	X(LINT_TRUSTED_REGISTRIES, "lint.trusted_registries", DW_CT_LIST, NULL, NULL, \
	  "Registries FROM may use (wildcards like *.gcr.io); unset allows any.") \
	X(LINT_TARGET, "lint.target", DW_CT_ENUM, "auto", "auto|lambda|generic", \
	  "Rule profile: lambda adds the AWS Lambda compatibility rules; auto picks lambda for a Dockerfile that says Lambda (a Lambda base image, aws_lambda_ric in RUN, ENTRYPOINT or CMD, _HANDLER, or a dockwright.yml or config/jets/ beside it) and generic for any other.") \
	X(LINT_PATHS, "lint.paths", DW_CT_MAP, NULL, NULL, \
	  "Targets by path: a pattern over the Dockerfile's path relative to the file that sets it (.dockerignore syntax: ** for any folders, a folder for what is in it) -> auto, lambda or generic. The first pattern that matches wins over lint.target; --target wins over both.") \
	X(LINT_FORMAT, "lint.format", DW_CT_ENUM, NULL, "tty|gnu|json|sarif|checkstyle|junit|codeclimate|gitlab_codeclimate", \
	  "Output format; unset means tty on a terminal, gnu otherwise.") \
	X(LINT_RULES, "lint.rules", DW_CT_LIST, NULL, NULL, \
	  "Extra rule pack files (YAML), relative to the config file, or the name of a pack shipped with dockwright (label-schema).") \
	X(LINT_SHELLCHECK, "lint.shellcheck", DW_CT_ENUM, "auto", "auto|always|never", \
	  "ShellCheck over RUN scripts: auto runs it when $DW_SHELLCHECK or shellcheck on PATH is found, always requires it, never skips it.")

typedef enum dw_ckey {
#define DW_X_ENUM(id, name, type, def, allowed, doc) DW_CFG_##id,
	DW_CONFIG_KEYS(DW_X_ENUM)
#undef DW_X_ENUM
	DW_CFG__COUNT
} dw_ckey;

typedef struct dw_ckey_info {
	dw_ckey id;
	const char *name;
	dw_ctype type;
	const char *def;
	const char *allowed;
	const char *doc;
} dw_ckey_info;

/* The table, in declaration order; n is DW_CFG__COUNT. */
const dw_ckey_info *dw_config_keys(void);
const dw_ckey_info *dw_config_key_by_name(const char *dotted);

typedef enum dw_origin {
	DW_ORIGIN_DEFAULT,
	DW_ORIGIN_FILE,     /* dockwright.yml / .dockwright.yml / --config */
	DW_ORIGIN_DEPLOYRB, /* config/jets/deploy.rb */
	DW_ORIGIN_ENV,      /* environment variable */
	DW_ORIGIN_CLI       /* command-line flag */
} dw_origin;

typedef struct dw_cvalue {
	bool set;           /* false: nil */
	bool b;             /* BOOL; BOOL_STRING when no string */
	long i;             /* INT */
	char *s;            /* STRING, ENUM, BOOL_STRING given as a string */
	dw_strv list;       /* LIST; MAP keys */
	dw_strv values;     /* MAP values, parallel to list */
	dw_origin origin;
	const char *where;  /* file or variable name the value came from */
	dw_pos pos;         /* position in that file */
} dw_cvalue;

typedef struct dw_config {
	dw_cvalue v[DW_CFG__COUNT];
	char *path;         /* the file loaded, or NULL */
	char *app_dir;
	dw_strv sources;    /* owned copies of the paths that v[].where points to */
} dw_config;

/* Fill every key with its default. */
void dw_config_init(dw_config *c);
void dw_config_free(dw_config *c);

/*
 * Load the configuration of the app in app_dir (NULL: "."): config_path if
 * given (a .rb path is read as a Jets deploy.rb), else app_dir/dockwright.yml,
 * else app_dir/.dockwright.yml, else app_dir/config/jets/deploy.rb, else the
 * defaults; then the environment overrides.  Unknown keys, wrong types and
 * bad values are errors at file:line:col; Jets' alternative spellings are
 * warnings.  c is initialised here (no dw_config_init before it); call
 * dw_config_free after it, also on failure.  Returns -1 if any error was
 * added.
 */
int dw_config_load(dw_config *c, const char *app_dir, const char *config_path, dw_diags *d);
/* Apply one YAML document (a map) to an initialised c, as the file
 * doc->path.  A null value (~ or empty) unsets a key. */
int dw_config_apply_yaml(dw_config *c, const dw_ydoc *doc, dw_diags *d);

/* Typed access; the key's type must match (asserted).  A BOOL_STRING key
 * is a string when dw_cfg_str gives non-NULL, else the boolean dw_cfg_bool
 * (false when unset). */
bool dw_cfg_bool(const dw_config *c, dw_ckey k);
long dw_cfg_int(const dw_config *c, dw_ckey k);
const char *dw_cfg_str(const dw_config *c, dw_ckey k);      /* NULL when nil */
const dw_strv *dw_cfg_list(const dw_config *c, dw_ckey k);  /* LIST and MAP keys */
const dw_strv *dw_cfg_map_values(const dw_config *c, dw_ckey k);

/* The effective configuration as YAML with a comment per key saying where
 * each value came from (default, file:line, environment). */
void dw_config_print(const dw_config *c, dw_buf *out);
/* The KEYS section of dockwright.yml(5), in roff, from the table. */
void dw_config_man(dw_buf *out);

#endif
