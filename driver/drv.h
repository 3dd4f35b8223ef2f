/* SPDX-License-Identifier: MIT */
/*
 * drv.h - dockwright-build, the build and push driver: command vectors
 * with masked secrets, process spawning, tag rendering, and the argv of
 * every builder.  Everything here is pure or takes its inputs explicitly,
 * so the unit tests can check golden argv lists without running anything.
 */
#ifndef DW_DRV_H
#define DW_DRV_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "dockwright.h"

/* Exit codes of dockwright-build (0, 1 and 2 as every dockwright program). */
enum { DRV_EXIT_COMMAND = 3 /* an external command failed */ };

/* ---- commands ---------------------------------------------------------- */

/*
 * An argv vector.  mask[i] is 0 when argv[i] may be printed as is; else
 * argv[i] is printed as its first mask[i] - 1 bytes followed by "***", so
 * "--build-arg" "BUNDLE_X=s3cr3t" shows as "BUNDLE_X=***".
 */
typedef struct drv_cmd {
	dw_strv argv;     /* argv.v is NULL-terminated once anything was added */
	size_t *mask;
	size_t mask_cap;
	dw_strv env;      /* "NAME=VALUE" added to the child's environment;
	                     never printed */
} drv_cmd;

#define DRV_CMD_INIT { DW_STRV_INIT, NULL, 0, DW_STRV_INIT }

void drv_cmd_add(drv_cmd *c, const char *s);
void drv_cmd_addf(drv_cmd *c, const char *fmt, ...) DW_PRINTF(2, 3);
/* Add s; only its first `keep` bytes are ever printed. */
void drv_cmd_add_secret(drv_cmd *c, const char *s, size_t keep);
/* Give the child NAME=value in its environment (a secret the builder reads
 * with --secret id=...,env=NAME: it never touches the disk). */
void drv_cmd_setenv(drv_cmd *c, const char *name, const char *value);
void drv_cmd_free(drv_cmd *c);
/* The command as one shell-quoted line with secrets masked. */
void drv_cmd_format(const drv_cmd *c, dw_buf *out);

/* How a process ended: exit status 0..255, or 128 + signal. */
typedef struct drv_result {
	int status;
	bool signaled;
} drv_result;

/*
 * Run c and wait for it.  Its stdout goes to our stderr (our stdout carries
 * only the final reference), unless `capture` is given: then stdout is read
 * into it.  stdin is /dev/null unless stdin_fd >= 0.  A command that cannot
 * be started, or that ends with a non-zero status, adds an error naming the
 * masked command and its status, and gives -1.
 */
int drv_run(const drv_cmd *c, dw_buf *capture, dw_diags *d);
/* The same, but a failure is not a diagnostic: *res says how it ended.
 * Returns -1 only when the command could not be started. */
int drv_run_status(const drv_cmd *c, dw_buf *capture, bool quiet_stderr,
                   drv_result *res, dw_diags *d);
/* a | b, with a pipe we create; no shell.  a's stderr is passed through. */
int drv_run_pipe(const drv_cmd *a, const drv_cmd *b, dw_diags *d);
/* Is `name` an executable file in PATH? */
bool drv_which(const char *name);

/*
 * Signals.  After drv_signals_install, SIGINT, SIGTERM and SIGHUP (unless
 * SIGHUP was ignored, as under nohup) are recorded, and the command running
 * at the time is stopped: SIGTERM to its process group (every command runs
 * in a group of its own), SIGKILL when it has not ended DRV_STOP_GRACE
 * seconds later, and SIGKILL to whatever is left of the group once its
 * leader has ended.  No command starts once a signal came.
 * drv_signal_pending is that signal, or 0.
 */
enum { DRV_STOP_GRACE = 10 };
void drv_signals_install(void);
int drv_signal_pending(void);

/* ---- tags ---------------------------------------------------------------- */

typedef struct drv_git {
	char *branch;   /* NULL: unknown or detached HEAD */
	char *sha;      /* first 7 hex digits, or NULL outside a repository */
	bool dirty;     /* uncommitted changes (never set in CI) */
} drv_git;

/* Read git facts of dir by running git; all empty when git is disabled
 * (JETS_GIT_DISABLED, DOCKWRIGHT_GIT_DISABLED), when dir is not in a work
 * tree, or when git is missing.  CI branch variables win over git. */
void drv_git_read(drv_git *g, const char *dir);
void drv_git_free(drv_git *g);
/* Is this a CI run (CI, GITHUB_ACTIONS, GITLAB_CI, CODEBUILD_BUILD_ID, ...)? */
bool drv_in_ci(void);

typedef struct drv_tag_in {
	const char *tmpl;      /* docker.tag */
	const char *env;       /* :ENV */
	const char *friendly;  /* :FRIENDLY_TAG */
	time_t now;            /* :TIMESTAMP */
	const drv_git *git;
} drv_tag_in;

/* Substitute the tokens, squash dashes, sanitise to Docker's tag grammar.
 * An empty result becomes "latest". */
void drv_tag_render(const drv_tag_in *in, dw_buf *out);
/* Sanitise b in place: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}. */
void drv_tag_sanitize(dw_buf *b);
/* SOURCE_DATE_EPOCH when set and valid, else the current time.  -1 with a
 * diagnostic when SOURCE_DATE_EPOCH is malformed. */
int drv_clock(time_t *now, dw_diags *d);
/* :ENV: DOCKWRIGHT_ENV, JETS_ENV, else "dev". */
const char *drv_env_name(void);

/* ---- builders and their argv --------------------------------------------- */

typedef enum drv_builder {
	DRV_DOCKER,
	DRV_PODMAN,
	DRV_BUILDAH,
	DRV_BUILDKIT      /* buildctl against a BuildKit daemon at an address */
} drv_builder;

/* The builder's name, as --builder takes it. */
const char *drv_builder_name(drv_builder b);
/* The program the builder runs: "buildctl" for buildkit. */
const char *drv_builder_program(drv_builder b);
/* "docker", "podman", "buildah", "buildkit"; "auto" picks buildkit when
 * buildkit_addr (a BuildKit address is configured) and buildctl is on PATH,
 * else the first of docker, podman, buildah on PATH.  -1 when the name is
 * unknown or auto finds none. */
int drv_builder_parse(const char *name, bool buildkit_addr, drv_builder *out);

typedef struct drv_kv {
	char *name;
	char *value;
	bool secret;   /* mask the value when printing */
} drv_kv;

typedef struct drv_kvs {
	drv_kv *v;
	size_t n, cap;
} drv_kvs;

/* A name given twice keeps its first value; it is secret when either is. */
void drv_kvs_add(drv_kvs *k, const char *name, const char *value, bool secret);
void drv_kvs_free(drv_kvs *k);

/* A build secret: --secret id=ID,env=VAR, or id=ID,src=FILE when env is
 * NULL. */
typedef struct drv_secret {
	const char *id;
	const char *env;
	const char *src;
} drv_secret;

/* BuildKit's settings: where the daemon is and how to reach it, where the
 * image and the cache go, where BuildKit writes the digest (buildctl); the
 * buildx builder and the cache (docker buildx, which drives BuildKit too). */
typedef struct drv_buildkit {
	const char *addr;           /* --addr; NULL: buildctl's (BUILDKIT_HOST) */
	const char *tlscacert;      /* --tlscacert FILE, ...; NULL: none */
	const char *tlscert;
	const char *tlskey;
	const char *tlsservername;
	const char *cache_from;     /* --import-cache SPEC; NULL: none */
	const char *cache_to;       /* --export-cache SPEC; NULL: none */
	const char *metadata_file;  /* --metadata-file FILE; NULL: none */
	bool push;                  /* push=true: the output goes to the registry */
	const char *buildx_builder; /* docker buildx build --builder NAME */
} drv_buildkit;

/* A --cache-from/--cache-to value as buildctl takes it: a SPEC with '=' is
 * kept (type=registry,ref=...,mode=max); a bare image reference becomes
 * type=registry,ref=REF, plus mode=max (every stage's layers) on export. */
void drv_cache_spec(const char *value, bool export, dw_buf *out);

typedef struct drv_build {
	drv_builder builder;
	const char *platform;    /* NULL: the builder's default */
	const char *network;     /* --network of RUN steps; NULL: the builder's */
	const char *target;      /* the stage to build; NULL: the last */
	const drv_buildkit *bk;  /* buildkit and docker; NULL: none of it */
	const char *dockerfile;
	const char *context;
	const char *ref;         /* -t */
	const drv_kvs *args;     /* --build-arg NAME=VALUE; a secret one as
	                            --build-arg NAME, its value in the
	                            command's environment */
	const drv_secret *secrets;
	size_t nsecrets;
} drv_build;

void drv_argv_build(const drv_build *b, drv_cmd *c);
/* buildctl debug workers: does the daemon answer?  A build would only say
 * so after sending the context. */
void drv_argv_buildkit_probe(const drv_buildkit *bk, drv_cmd *c);
void drv_argv_tag(drv_builder b, const char *src, const char *dst, drv_cmd *c);
void drv_argv_pull(drv_builder b, const char *ref, const char *platform, drv_cmd *c);
/* digestfile: where buildah/podman write the pushed digest, or NULL. */
void drv_argv_push(drv_builder b, const char *ref, const char *digestfile, drv_cmd *c);
/* docker: the pushed image's REPO@DIGEST lines (RepoDigests), one a line. */
void drv_argv_repo_digests(const char *ref, drv_cmd *c);
void drv_argv_ecr_password(const char *region, drv_cmd *c);
void drv_argv_login(drv_builder b, const char *registry, drv_cmd *c);

/*
 * Masking.  A variable name is secret when, case-insensitively, it starts
 * with BUNDLE_ or AWS_, or contains TOKEN, SECRET, PASSW, PASSPHRASE, PWD,
 * CREDENTIAL, AUTH, APIKEY, API_KEY, PRIVATE, SESSION, COOKIE or ends with
 * KEY.  A value is secret when it looks like a credential whatever its
 * name: an AWS access key id (AKIA/ASIA + 16), an AWS secret key (40
 * characters of base64 with upper case, lower case and digits), a known
 * token prefix (ghp_, github_pat_, glpat-, xoxb-, npm_, ...), a PEM private
 * key, or a URL with a password (scheme://user:pass@host).
 */
/* Mask a build arg?  from_env: its value came from the environment;
 * public: dockerfile.build_args.public names it, which lifts the
 * environment and name rules but never the BUNDLE_/AWS_ and value rules. */
bool drv_secret_arg(const char *name, const char *value, bool from_env, bool public);

/* A credential, whatever the context: a BUNDLE_ or AWS_ name, or a value
 * shaped like one.  buildctl gets these as secrets, never build args. */
bool drv_credential_arg(const char *name, const char *value);

/* The AWS credential secrets, in order. */
extern const drv_secret drv_aws_secrets[3];
/* The AWS credentials as a shared-credentials file ([default] profile),
 * for the managed Dockerfile's RUN --mount=type=secret,id=aws,target=
 * /root/.aws/credentials.  Empty when no key is set.  It reaches the
 * builder as the environment variable DRV_AWS_CREDENTIALS_ENV of the build
 * command only (--secret id=aws,env=...): no file holds it. */
#define DRV_AWS_CREDENTIALS_ENV "DOCKWRIGHT_AWS_CREDENTIALS"
void drv_aws_credentials_file(dw_buf *out);

/*
 * The build args: every key of dockerfile.build_args.{at_top,build_stage,
 * deployment_stage} (an environment variable of the same name overrides
 * the configured value), then, when aws_as_args, the AWS credentials.
 * drv_secret_arg decides which are masked.  BUNDLE_* variables are never
 * build args: see drv_bundle_env_file.
 */
struct dw_config;
/*
 * The BUNDLE_* variables of our environment (gem server credentials, as
 * BUNDLE_GITHUB__COM=...), sorted, as a file of NAME='VALUE' lines that
 * the managed Dockerfile's bundle install sources from build secret
 * "bundle" (as dockerfile-rails passes gem server credentials): build args
 * would stay in the image's history.  Names that are no shell name go to
 * skipped.  It reaches the builder as DRV_BUNDLE_ENV of the build command
 * only (--secret id=bundle,env=...): no file holds it.
 */
#define DRV_BUNDLE_ENV "DOCKWRIGHT_BUNDLE_SECRETS"
void drv_bundle_env_file(dw_buf *out, dw_strv *skipped);
void drv_build_args(const struct dw_config *c, bool aws_as_args, drv_kvs *out);

/* ---- registries ------------------------------------------------------------ */

/* "REGISTRY/NAME" -> REGISTRY (the part before the first '/', when it looks
 * like a host: has '.' or ':' or is localhost).  NULL for Docker Hub. */
char *drv_registry_of(const char *repo);
/* ACCOUNT.dkr.ecr.REGION.amazonaws.com[.cn]: true, and the region. */
bool drv_ecr_region(const char *registry, dw_buf *region);
/* Does the builder's auth file have credentials (or a helper) for it?
 * buildctl reads docker's. */
bool drv_auth_configured(drv_builder b, const char *registry);
/* "NAME:TAG" of repo: the tag is added after the last path component.
 * Never starts with '-' (it would be an option of the builder). */
bool drv_valid_repository(const char *repo);
/* An image reference we may hand a builder: not empty, no leading '-', no
 * blank or control character. */
bool drv_valid_image(const char *ref);

/* ---- gen and lint (hooks.c) ----------------------------------------------- */

/* Generate the managed Dockerfile of app_dir.  -1 on errors. */
int drv_managed_render(const struct dw_config *c, const char *app_dir, dw_buf *out,
                       dw_diags *d);
/* Lint one Dockerfile; findings go to out.  -1 when the linter could not
 * run (bad rule pack).  */
int drv_lint(const struct dw_config *c, const char *path, const char *src, size_t len,
             const char *context_dir, dw_diags *out);

#endif
