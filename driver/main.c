/* SPDX-License-Identifier: MIT */
/* main.c - `dockwright-build [options] [APP_DIR]`: generate or take the
 * Dockerfile, lint it, build it with docker, podman, buildah or a BuildKit
 * daemon (buildctl), tag it and push it.  The last line on stdout is the image reference; everything
 * else goes to stderr. */
#include "drv.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/config.h"

static const char usage_text[] =
	"usage: dockwright-build [options] [APP_DIR]\n"
	"\n"
	"Build the image of the app in APP_DIR (default: .) and push it.  The\n"
	"Dockerfile is generated (managed), the app's own (dockerfile.custom), or\n"
	"there is none (docker.image, JETS_DOCKER_IMAGE, DOCKWRIGHT_DOCKER_IMAGE:\n"
	"re-tag and push a prebuilt image).  The last line on stdout is the image\n"
	"reference; everything else goes to stderr.\n"
	"\n"
	"options:\n"
	"  -c, --config FILE         configuration file (default: APP_DIR/dockwright.yml,\n"
	"                            else APP_DIR/config/jets/deploy.rb)\n"
	"  -b, --builder NAME        docker, podman, buildah, buildkit or auto (default:\n"
	"                            auto: buildkit when a BuildKit address is set and\n"
	"                            buildctl is on PATH, else the first of docker,\n"
	"                            podman, buildah on PATH)\n"
	"      --platform PLATFORM   linux/amd64 or linux/arm64 (default: docker.platform,\n"
	"                            linux/amd64: Lambda runs one architecture)\n"
	"      --network MODE        network of the build's RUN steps, passed to the\n"
	"                            builder as --network (docker: default, host or\n"
	"                            none; buildkit: as force-network-mode; default:\n"
	"                            the builder's)\n"
	"      --target STAGE        build this stage of the Dockerfile, not the last\n"
	"      --buildkit-addr ADDR  the BuildKit daemon for --builder buildkit:\n"
	"                            tcp://HOST:PORT, unix:///PATH, ... (default:\n"
	"                            BUILDKIT_HOST, then docker.buildkit.addr)\n"
	"      --tlscacert FILE      buildkit: CA certificate of the daemon\n"
	"      --tlscert FILE        buildkit: client certificate\n"
	"      --tlskey FILE         buildkit: client key\n"
	"      --tlsservername NAME  buildkit: server name the certificate has\n"
	"      --cache-from SPEC     buildkit, docker: import the build cache; a bare\n"
	"                            image reference means type=registry,ref=REF\n"
	"                            (default: docker.cache)\n"
	"      --cache-to SPEC       buildkit, docker: export the build cache; a bare\n"
	"                            reference means type=registry,ref=REF,mode=max\n"
	"                            (default: docker.cache)\n"
	"      --buildx-builder NAME docker: the buildx builder to build on (a remote\n"
	"                            BuildKit, say; default: BUILDX_BUILDER, then\n"
	"                            buildx's current builder)\n"
	"  -t, --tag TAG             image tag (default: rendered from docker.tag)\n"
	"  -r, --repository REPO     REGISTRY/NAME to push to; without it, build only\n"
	"      --no-push             build (or re-tag) but do not push\n"
	"      --no-lint             build even when lint reports errors\n"
	"      --pull                prebuilt image: pull it (for --platform) before\n"
	"                            re-tagging\n"
	"      --aws-creds-as-build-args\n"
	"                            pass AWS credentials as build args, not secrets\n"
	"      --show-build-command  print each command before running it\n"
	"  -n, --dry-run             print the commands, run nothing; keep the files\n"
	"                            they name (the generated Dockerfile) in a\n"
	"                            directory it prints, so they can be replayed\n"
	"  -h, --help                show this help\n"
	"  -V, --version             print the version\n"
	"\n"
	"With buildkit the image goes straight from the daemon to the registry\n"
	"(without --repository, or with --no-push, it stays in the daemon's cache)\n"
	"and the last line is REPO:TAG@DIGEST, the digest from BuildKit's metadata.\n"
	"\n"
	"exit status: 0 ok, 1 lint errors stopped the build, 2 usage, configuration\n"
	"or I/O error, 3 an external command failed or the BuildKit daemon cannot\n"
	"be reached, 128+N stopped by signal N\n"
	"(SIGINT, SIGTERM, SIGHUP: the running builder is stopped first).\n"
	"\n"
	"Secret build args go by name only (--build-arg NAME, the value in the\n"
	"builder's environment): build args from the environment (unless named in\n"
	"dockerfile.build_args.public), BUNDLE_* and AWS_* values, names with TOKEN,\n"
	"SECRET, PASSWORD, KEY, ... and values shaped like credentials.\n";

typedef struct opts {
	const char *app_dir;
	const char *config;
	const char *builder;
	const char *platform;
	const char *network;
	const char *target;
	const char *buildkit_addr;
	const char *tls[4];       /* cacert, cert, key, servername */
	const char *cache_from;
	const char *cache_to;
	const char *buildx_builder;
	const char *tag;
	const char *repository;
	bool no_push, no_lint, pull, aws_as_args, show, dry_run;
} opts;

typedef struct run {
	opts o;
	dw_config cfg;
	drv_builder builder;
	drv_buildkit bk;          /* buildkit and docker's BuildKit settings */
	dw_diags d;
	char tmpdir[64];          /* "" until made */
	char metadata[96];        /* buildkit: BuildKit's metadata file in tmpdir */
	bool show;
} run;

enum {
	OPT_PLATFORM = 256, OPT_NETWORK, OPT_NO_PUSH, OPT_NO_LINT, OPT_PULL, OPT_AWS_ARGS,
	OPT_SHOW, OPT_TARGET, OPT_BUILDKIT_ADDR, OPT_TLS /* 4 of them */,
	OPT_CACHE_FROM = OPT_TLS + 4, OPT_CACHE_TO, OPT_BUILDX_BUILDER
};

/* The TLS options of buildctl, passed through by the same names. */
static const char *const tls_flags[4] = { "tlscacert", "tlscert", "tlskey", "tlsservername" };

static int usage_error(const char *fmt, ...) DW_PRINTF(1, 2);

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("dockwright-build: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'dockwright-build --help'.\n", stderr);
	return DW_EXIT_USAGE;
}

static int check_values(opts *o);

/* Returns -1 to continue, else the exit status. */
static int
parse_opts(int argc, char **argv, opts *o)
{
	static const struct option lo[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "builder", required_argument, NULL, 'b' },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "network", required_argument, NULL, OPT_NETWORK },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "buildkit-addr", required_argument, NULL, OPT_BUILDKIT_ADDR },
		{ "tlscacert", required_argument, NULL, OPT_TLS },
		{ "tlscert", required_argument, NULL, OPT_TLS + 1 },
		{ "tlskey", required_argument, NULL, OPT_TLS + 2 },
		{ "tlsservername", required_argument, NULL, OPT_TLS + 3 },
		{ "cache-from", required_argument, NULL, OPT_CACHE_FROM },
		{ "cache-to", required_argument, NULL, OPT_CACHE_TO },
		{ "buildx-builder", required_argument, NULL, OPT_BUILDX_BUILDER },
		{ "tag", required_argument, NULL, 't' },
		{ "repository", required_argument, NULL, 'r' },
		{ "no-push", no_argument, NULL, OPT_NO_PUSH },
		{ "no-lint", no_argument, NULL, OPT_NO_LINT },
		{ "pull", no_argument, NULL, OPT_PULL },
		{ "aws-creds-as-build-args", no_argument, NULL, OPT_AWS_ARGS },
		{ "show-build-command", no_argument, NULL, OPT_SHOW },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:c:b:t:r:nhV", lo, NULL)) != -1) {
		switch (ch) {
		case 'c': o->config = optarg; break;
		case 'b': o->builder = optarg; break;
		case OPT_PLATFORM: o->platform = optarg; break;
		case OPT_NETWORK: o->network = optarg; break;
		case OPT_TARGET: o->target = optarg; break;
		case OPT_BUILDKIT_ADDR: o->buildkit_addr = optarg; break;
		case OPT_TLS: case OPT_TLS + 1: case OPT_TLS + 2: case OPT_TLS + 3:
			o->tls[ch - OPT_TLS] = optarg;
			break;
		case OPT_CACHE_FROM: o->cache_from = optarg; break;
		case OPT_CACHE_TO: o->cache_to = optarg; break;
		case OPT_BUILDX_BUILDER: o->buildx_builder = optarg; break;
		case 't': o->tag = optarg; break;
		case 'r': o->repository = optarg; break;
		case OPT_NO_PUSH: o->no_push = true; break;
		case OPT_NO_LINT: o->no_lint = true; break;
		case OPT_PULL: o->pull = true; break;
		case OPT_AWS_ARGS: o->aws_as_args = true; break;
		case OPT_SHOW: o->show = true; break;
		case 'n': o->dry_run = true; break;
		case 'h': fputs(usage_text, stdout); return DW_EXIT_OK;
		case 'V': printf("dockwright-build %s\n", PACKAGE_VERSION); return DW_EXIT_OK;
		case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
		default: return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->app_dir = argv[optind++];
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (o->platform && strcmp(o->platform, "linux/amd64") != 0 &&
	    strcmp(o->platform, "linux/arm64") != 0)
		return usage_error("--platform must be linux/amd64 or linux/arm64, not '%s'",
		                   o->platform);
	if (o->network && (!*o->network || *o->network == '-'))
		return usage_error("--network needs a mode such as host, not '%s'", o->network);
	return check_values(o);
}

/* A value that reaches a builder as an option's value must not look like
 * an option itself, nor be empty or carry blanks. */
static bool
plain_value(const char *v)
{
	return v == NULL || drv_valid_image(v);
}

/* The rest of parse_opts: -1 to continue, else the exit status. */
static int
check_values(opts *o)
{
	if (!plain_value(o->target))
		return usage_error("--target needs a stage name, not '%s'", o->target);
	if (o->buildkit_addr && (!plain_value(o->buildkit_addr) || !strstr(o->buildkit_addr, "://")))
		return usage_error("--buildkit-addr must be an address such as tcp://HOST:PORT "
		                   "or unix:///PATH, not '%s'", o->buildkit_addr);
	for (int i = 0; i < 4; i++)
		if (!plain_value(o->tls[i]))
			return usage_error("--%s needs a value, not '%s'", tls_flags[i], o->tls[i]);
	if (!plain_value(o->cache_from) || !plain_value(o->cache_to))
		return usage_error("--cache-from and --cache-to need an image reference or a "
		                   "BuildKit cache spec such as type=registry,ref=REF");
	if (!plain_value(o->buildx_builder))
		return usage_error("--buildx-builder needs a builder name, not '%s'",
		                   o->buildx_builder);
	if (o->repository && !drv_valid_repository(o->repository))
		return usage_error("--repository must be REGISTRY/NAME in lower case, "
		                   "without a tag or digest: '%s'", o->repository);
	if (o->tag) {
		dw_buf t = DW_BUF_INIT;
		bool ok;

		dw_buf_puts(&t, o->tag);
		drv_tag_sanitize(&t);
		ok = t.len > 0 && strcmp(t.ptr, o->tag) == 0;
		dw_buf_free(&t);
		if (!ok)
			return usage_error("--tag is not a valid tag ([A-Za-z0-9_][A-Za-z0-9_.-]"
			                   "{0,127}): '%s'", o->tag);
	}
	return -1;
}

static void
print_diags(const dw_diags *d, size_t from)
{
	dw_buf line = DW_BUF_INIT;

	for (size_t i = from; i < d->n; i++) {
		dw_buf_clear(&line);
		if (d->v[i].path == NULL)
			dw_buf_puts(&line, "dockwright-build: ");
		dw_diag_format(&d->v[i], &line);
		fprintf(stderr, "%s\n", line.ptr);
	}
	dw_buf_free(&line);
}

/* Print the findings of severity `worst` or more severe. */
static void
print_findings(const dw_diags *d, dw_severity worst)
{
	dw_diags shown = DW_DIAGS_INIT;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev <= worst)
			dw_diags_add(&shown, d->v[i].sev, d->v[i].path, d->v[i].span, d->v[i].code,
			             "%s", d->v[i].message);
	print_diags(&shown, 0);
	dw_diags_free(&shown);
}

/* Print (when asked) and run one command.  0, or DRV_EXIT_COMMAND. */
static void
print_cmd(const drv_cmd *c)
{
	dw_buf line = DW_BUF_INIT;

	drv_cmd_format(c, &line);
	fprintf(stderr, "+ %s\n", line.ptr);
	dw_buf_free(&line);
}

static int
step(run *r, const drv_cmd *c)
{
	if (r->show || r->o.dry_run)
		print_cmd(c);
	if (r->o.dry_run)
		return 0;
	return drv_run(c, NULL, &r->d) == 0 ? 0 : DRV_EXIT_COMMAND;
}

static int
make_tmpdir(run *r)
{
	const char *t = getenv("TMPDIR");

	if (r->tmpdir[0])
		return 0;
	if (t == NULL || *t == '\0' || strlen(t) > 40)
		t = "/tmp";
	snprintf(r->tmpdir, sizeof r->tmpdir, "%s/dockwright-build.XXXXXX", t);
	if (mkdtemp(r->tmpdir) == NULL) {
		dw_diags_add(&r->d, DW_SEV_ERROR, r->tmpdir, (dw_span){ { 0, 0 }, { 0, 0 } },
		             NULL, "cannot make a temporary directory: %s", strerror(errno));
		r->tmpdir[0] = '\0';
		return -1;
	}
	return 0;
}

/* Remove the temp dir and everything in it (it is ours: mkdtemp, 0700). */
static void
remove_tmpdir(run *r)
{
	DIR *dir;
	struct dirent *e;
	dw_buf p = DW_BUF_INIT;

	if (!r->tmpdir[0])
		return;
	dir = opendir(r->tmpdir);
	while (dir && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		dw_buf_clear(&p);
		dw_buf_printf(&p, "%s/%s", r->tmpdir, e->d_name);
		unlink(p.ptr);
	}
	if (dir)
		closedir(dir);
	rmdir(r->tmpdir);
	r->tmpdir[0] = '\0';
	dw_buf_free(&p);
}

/* The local image name: the app directory's name in the characters a
 * repository name allows. */
static void
local_name(const char *app_dir, dw_buf *out)
{
	char *abs = realpath(app_dir, NULL);
	const char *base = abs ? strrchr(abs, '/') : NULL;
	size_t start = out->len;

	base = base && base[1] ? base + 1 : "app";
	for (const char *p = base; *p; p++) {
		int ch = tolower((unsigned char)*p);

		dw_buf_putc(out, (isalnum(ch) && ch < 0x80) || ch == '_' || ch == '.' ? ch : '-');
	}
	if (out->len == start || !isalnum((unsigned char)out->ptr[start])) {
		dw_buf_truncate(out, start);
		dw_buf_puts(out, "app");
	}
	free(abs);
}

static const char *
prebuilt_image(const dw_config *c)
{
	const char *v = getenv("DOCKWRIGHT_DOCKER_IMAGE");

	if (v && *v)
		return v;
	v = getenv("JETS_DOCKER_IMAGE");
	if (v && *v)
		return v;
	return dw_cfg_str(c, DW_CFG_DOCKER_IMAGE);
}

/* The Dockerfile to build: generated into the temp dir, or the custom one.
 * Lints it.  0, or an exit status. */
static int
dockerfile(run *r, dw_buf *path)
{
	const dw_cvalue *cv = &r->cfg.v[DW_CFG_CUSTOM];
	dw_buf src = DW_BUF_INIT;
	dw_diags findings = DW_DIAGS_INIT;
	const char *lint_name;
	int rc = 0;

	if (cv->set && (cv->s || cv->b)) {
		const char *f = cv->s ? cv->s : "Dockerfile";

		char *root = dw_file_root(r->o.app_dir);

		if (f[0] == '/')
			dw_buf_puts(path, f);
		else
			dw_buf_printf(path, "%s/%s", r->o.app_dir, f);
		/* A configured path stays inside the app's repository. */
		rc = root ? dw_file_read_under(root, path->ptr, &src, &r->d) : -1;
		free(root);
		if (rc < 0) {
			dw_buf_free(&src);
			return DW_EXIT_USAGE;
		}
		lint_name = path->ptr;
	} else {
		if (drv_managed_render(&r->cfg, r->o.app_dir, &src, &r->d) < 0 ||
		    make_tmpdir(r) < 0) {
			dw_buf_free(&src);
			return DW_EXIT_USAGE;
		}
		dw_buf_printf(path, "%s/Dockerfile", r->tmpdir);
		if (dw_file_write_atomic(path->ptr, dw_buf_cstr(&src), src.len, &r->d) < 0) {
			dw_buf_free(&src);
			return DW_EXIT_USAGE;
		}
		lint_name = "<generated>";
	}
	if (drv_lint(&r->cfg, lint_name, dw_buf_cstr(&src), src.len, r->o.app_dir,
	             &findings) < 0) {
		rc = DW_EXIT_USAGE;
	} else if (dw_diags_count(&findings, DW_SEV_ERROR) > 0 && !r->o.no_lint) {
		rc = DW_EXIT_FINDINGS;
		dw_diags_add(&findings, DW_SEV_ERROR, NULL, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "lint found errors in %s; not building (--no-lint builds anyway)",
		             lint_name);
	}
	/* gen's own output has its info and style findings every time, the
	 * same ones: they are for `dockwright lint`, not for each build. */
	print_findings(&findings, cv->set && (cv->s || cv->b) ? DW_SEV_STYLE : DW_SEV_WARNING);
	dw_diags_free(&findings);
	dw_buf_free(&src);
	return rc;
}

/* --buildkit-addr, then BUILDKIT_HOST (buildctl's own variable), then
 * docker.buildkit.addr.  NULL when none is set. */
static const char *
buildkit_addr(const run *r)
{
	const char *v = getenv("BUILDKIT_HOST");

	if (r->o.buildkit_addr)
		return r->o.buildkit_addr;
	if (v && *v)
		return v;
	return dw_cfg_str(&r->cfg, DW_CFG_DOCKER_BUILDKIT_ADDR);
}

/* BuildKit's settings from the flags and the configuration.  0, or an exit
 * status. */
static int
buildkit_setup(run *r)
{
	const char *cache = dw_cfg_str(&r->cfg, DW_CFG_DOCKER_CACHE);
	const char *addr = buildkit_addr(r);

	if (r->builder == DRV_BUILDKIT && addr && (!drv_valid_image(addr) || !strstr(addr, "://")))
		return usage_error("the BuildKit address (BUILDKIT_HOST or docker.buildkit.addr) "
		                   "must be such as tcp://HOST:PORT or unix:///PATH, not '%s'", addr);
	if ((r->o.cache_from || r->o.cache_to) && r->builder != DRV_BUILDKIT &&
	    r->builder != DRV_DOCKER)
		return usage_error("--cache-from and --cache-to take BuildKit cache specs: "
		                   "--builder buildkit or docker, not %s",
		                   drv_builder_name(r->builder));
	if (cache && !drv_valid_image(cache))
		return usage_error("docker.cache must be an image reference, not '%s'", cache);
	r->bk.addr = r->builder == DRV_BUILDKIT ? addr : NULL;
	r->bk.tlscacert = r->o.tls[0];
	r->bk.tlscert = r->o.tls[1];
	r->bk.tlskey = r->o.tls[2];
	r->bk.tlsservername = r->o.tls[3];
	if (r->builder == DRV_BUILDKIT || r->builder == DRV_DOCKER) {
		r->bk.cache_from = r->o.cache_from ? r->o.cache_from : cache;
		r->bk.cache_to = r->o.cache_to ? r->o.cache_to : cache;
	}
	r->bk.push = r->o.repository && !r->o.no_push;
	r->bk.buildx_builder = r->o.buildx_builder;
	return -1;
}

/* buildctl pushes with docker's credentials and has no login of its own:
 * an ECR repository without them fails only after the whole build. */
static void
buildkit_ecr_note(const run *r)
{
	char *reg = drv_registry_of(r->o.repository);

	if (reg && drv_ecr_region(reg, NULL) && !drv_auth_configured(DRV_BUILDKIT, reg))
		fprintf(stderr, "dockwright-build: warning: docker's config.json has no "
		        "credentials or helper for %s, and buildctl pushes with those: log in "
		        "with 'aws ecr get-login-password | docker login --username AWS "
		        "--password-stdin %s', or use docker-credential-ecr-login\n", reg, reg);
	free(reg);
}

/* Does the daemon answer?  Without this a daemon that is down shows as a
 * failed build after a five-second wait, with gRPC's words alone. */
static int
buildkit_probe(run *r)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_buf out = DW_BUF_INIT;
	drv_result res;
	int rc = 0;

	drv_argv_buildkit_probe(&r->bk, &c);
	if (r->show)
		print_cmd(&c);
	if (drv_run_status(&c, &out, false, &res, &r->d) < 0 || res.status != 0) {
		dw_diags_add(&r->d, DW_SEV_ERROR, NULL, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "cannot reach the BuildKit daemon at %s (buildctl debug workers "
		             "failed): is buildkitd running there, and are the address and the "
		             "TLS options right?",
		             r->bk.addr ? r->bk.addr : "buildctl's default address");
		rc = DRV_EXIT_COMMAND;
	}
	drv_cmd_free(&c);
	dw_buf_free(&out);
	return rc;
}

/* REF@DIGEST from BuildKit's metadata file ("containerimage.digest"). */
static void
buildkit_digest(run *r, const char *ref, dw_buf *final)
{
	dw_buf src = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_ydoc *doc = NULL;
	const dw_ynode *n = NULL;

	/* JSON is YAML: the one tree loader reads both. */
	if (dw_file_read(r->metadata, &src, &d) == 0)
		doc = dw_yaml_load(dw_buf_cstr(&src), src.len, r->metadata, &d);
	if (doc && doc->root && doc->root->kind == DW_Y_MAP)
		n = dw_yaml_get(doc->root, "containerimage.digest");
	if (n && n->kind == DW_Y_SCALAR && strncmp(n->str, "sha256:", 7) == 0 &&
	    strlen(n->str) == 71) {
		dw_buf_clear(final);
		dw_buf_printf(final, "%s@%s", ref, n->str);
	} else {
		fprintf(stderr, "dockwright-build: warning: BuildKit's metadata file has no "
		        "image digest; printing the reference without one\n");
	}
	dw_yaml_free(doc);
	dw_diags_free(&d);
	dw_buf_free(&src);
}

/* Lambda runs one architecture per image: never the builder's default,
 * which is the machine's. */
static const char *
platform(const run *r)
{
	return r->o.platform ? r->o.platform : dw_cfg_str(&r->cfg, DW_CFG_DOCKER_PLATFORM);
}

/*
 * The build's secrets: the AWS credentials that are set (unless they go as
 * build args), with the managed Dockerfile's "aws" credentials file, and
 * the BUNDLE_* variables as "bundle".  Their texts go to *creds and
 * *bundle, which the caller puts in the build command's environment alone:
 * no file of ours holds a secret, so none can be left behind.
 */
static void
add_secrets(run *r, drv_build *b, drv_secret *secrets, dw_buf *creds, dw_buf *bundle)
{
	dw_strv skipped = DW_STRV_INIT;

	b->secrets = secrets;
	if (dw_cfg_bool(&r->cfg, DW_CFG_BUILD_ARGS_ENABLE_AWS_CREDS) && !r->o.aws_as_args) {
		for (size_t i = 0; i < 3; i++) {
			const char *v = getenv(drv_aws_secrets[i].env);

			if (v && *v)
				secrets[b->nsecrets++] = drv_aws_secrets[i];
		}
		if (b->nsecrets > 0) {
			/* Mounted as ~/.aws/credentials. */
			drv_aws_credentials_file(creds);
			secrets[b->nsecrets++] = (drv_secret){ "aws", DRV_AWS_CREDENTIALS_ENV, NULL };
		}
	}
	drv_bundle_env_file(bundle, &skipped);
	for (size_t i = 0; i < skipped.n; i++)
		fprintf(stderr, "dockwright-build: warning: %s is not passed to the build: the "
		        "bundle secret holds shell variable names only\n", skipped.v[i]);
	dw_strv_free(&skipped);
	if (bundle->len)
		secrets[b->nsecrets++] = (drv_secret){ "bundle", DRV_BUNDLE_ENV, NULL };
}

/* buildkit: the metadata file's path, and is the daemon there?  0, or an
 * exit status. */
static int
buildkit_prepare(run *r)
{
	if (make_tmpdir(r) < 0)
		return DW_EXIT_USAGE;
	snprintf(r->metadata, sizeof r->metadata, "%s/metadata.json", r->tmpdir);
	r->bk.metadata_file = r->metadata;
	return r->o.dry_run ? 0 : buildkit_probe(r);
}

/* Scrub a secret's copy before the memory goes back to the allocator. */
static void
scrub_free(dw_buf *b)
{
	if (b->len)
		memset(b->ptr, 0, b->len);
	dw_buf_free(b);
}

static int
build(run *r, const char *ref)
{
	dw_buf df = DW_BUF_INIT;
	drv_kvs args = { NULL, 0, 0 };
	drv_secret secrets[5];
	dw_buf creds = DW_BUF_INIT, bundle = DW_BUF_INIT;
	drv_build b;
	drv_cmd c = DRV_CMD_INIT;
	bool aws = dw_cfg_bool(&r->cfg, DW_CFG_BUILD_ARGS_ENABLE_AWS_CREDS);
	int rc;

	rc = dockerfile(r, &df);
	if (rc == 0 && r->builder == DRV_BUILDKIT)
		rc = buildkit_prepare(r);
	if (rc != 0) {
		dw_buf_free(&df);
		return rc;
	}
	memset(&b, 0, sizeof b);
	b.builder = r->builder;
	b.platform = platform(r);
	b.network = r->o.network;
	b.target = r->o.target;
	b.bk = &r->bk;
	b.dockerfile = df.ptr;
	b.context = r->o.app_dir;
	b.ref = ref;
	drv_build_args(&r->cfg, aws && r->o.aws_as_args, &args);
	b.args = &args;
	if (aws && r->o.aws_as_args)
		fputs("dockwright-build: warning: AWS credentials are passed as build args; "
		      "they can end up in the image history and in logs\n", stderr);
	add_secrets(r, &b, secrets, &creds, &bundle);
	drv_argv_build(&b, &c);
	if (creds.len)
		drv_cmd_setenv(&c, DRV_AWS_CREDENTIALS_ENV, creds.ptr);
	if (bundle.len)
		drv_cmd_setenv(&c, DRV_BUNDLE_ENV, bundle.ptr);
	rc = step(r, &c);
	drv_cmd_free(&c);
	drv_kvs_free(&args);
	dw_buf_free(&df);
	scrub_free(&creds);
	scrub_free(&bundle);
	return rc;
}

static int
ecr_login(run *r, const char *repo)
{
	char *reg = drv_registry_of(repo);
	dw_buf region = DW_BUF_INIT;
	drv_cmd a = DRV_CMD_INIT, b = DRV_CMD_INIT;
	int rc = 0;

	if (reg && drv_ecr_region(reg, &region) && !drv_auth_configured(r->builder, reg)) {
		drv_argv_ecr_password(region.ptr, &a);
		drv_argv_login(r->builder, reg, &b);
		if (r->show || r->o.dry_run) {
			dw_buf line = DW_BUF_INIT;

			drv_cmd_format(&a, &line);
			dw_buf_puts(&line, " | ");
			drv_cmd_format(&b, &line);
			fprintf(stderr, "+ %s\n", line.ptr);
			dw_buf_free(&line);
		}
		if (!r->o.dry_run && drv_run_pipe(&a, &b, &r->d) < 0)
			rc = DRV_EXIT_COMMAND;
	}
	drv_cmd_free(&a);
	drv_cmd_free(&b);
	dw_buf_free(&region);
	free(reg);
	return rc;
}

/* docker push reports no digest file: the engine's RepoDigests of the
 * pushed image have it.  *final becomes REPO@DIGEST when one is found. */
static void
docker_digest(run *r, dw_buf *final)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_buf out = DW_BUF_INIT;
	drv_result res;
	size_t n = strlen(r->o.repository);

	drv_argv_repo_digests(final->ptr, &c);
	if (r->show)
		print_cmd(&c);
	if (drv_run_status(&c, &out, true, &res, &r->d) == 0 && res.status == 0) {
		for (const char *l = dw_buf_cstr(&out); *l; l += strcspn(l, "\n"), l += *l == '\n') {
			size_t len = strcspn(l, "\r\n");

			if (len == n + 1 + 71 && strncmp(l, r->o.repository, n) == 0 &&
			    strncmp(l + n, "@sha256:", 8) == 0) {
				dw_buf_clear(final);
				dw_buf_put(final, l, len);
				break;
			}
		}
	}
	drv_cmd_free(&c);
	dw_buf_free(&out);
}

/* Push ref; *final becomes REPO@DIGEST when the builder reports it. */
static int
push(run *r, const char *ref, dw_buf *final)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_buf digest_path = DW_BUF_INIT, digest = DW_BUF_INIT;
	int rc;

	rc = ecr_login(r, r->o.repository);
	if (rc != 0)
		return rc;
	/* A dry run shows the path too: its commands can be replayed. */
	if (r->builder != DRV_DOCKER) {
		if (make_tmpdir(r) < 0)
			return DW_EXIT_USAGE;
		dw_buf_printf(&digest_path, "%s/digest", r->tmpdir);
	}
	drv_argv_push(r->builder, ref, digest_path.len ? digest_path.ptr : NULL, &c);
	rc = step(r, &c);
	if (rc == 0 && r->builder == DRV_DOCKER && !r->o.dry_run)
		docker_digest(r, final);
	if (rc == 0 && digest_path.len && !r->o.dry_run) {
		dw_diags ignore = DW_DIAGS_INIT;

		if (dw_file_read(digest_path.ptr, &digest, &ignore) == 0 &&
		    strncmp(dw_buf_cstr(&digest), "sha256:", 7) == 0) {
			dw_buf_clear(final);
			dw_buf_printf(final, "%s@%.*s", r->o.repository,
			              (int)strcspn(digest.ptr, " \r\n"), digest.ptr);
		}
		dw_diags_free(&ignore);
	}
	drv_cmd_free(&c);
	dw_buf_free(&digest_path);
	dw_buf_free(&digest);
	return rc;
}

static int
render_tag(run *r, dw_buf *tag)
{
	drv_git git;
	drv_tag_in in;
	const char *friendly = getenv("DOCKWRIGHT_FRIENDLY_TAG");

	if (r->o.tag) {
		dw_buf_puts(tag, r->o.tag);
		return 0;
	}
	memset(&in, 0, sizeof in);
	if (drv_clock(&in.now, &r->d) < 0)
		return -1;
	drv_git_read(&git, r->o.app_dir);
	in.tmpl = dw_cfg_str(&r->cfg, DW_CFG_DOCKER_TAG);
	in.env = drv_env_name();
	in.friendly = friendly && *friendly ? friendly : in.env;
	in.git = &git;
	drv_tag_render(&in, tag);
	drv_git_free(&git);
	return 0;
}

static int
drive(run *r)
{
	dw_buf tag = DW_BUF_INIT, ref = DW_BUF_INIT, final = DW_BUF_INIT;
	const char *prebuilt;
	int rc = 0;

	if (render_tag(r, &tag) < 0)
		return DW_EXIT_USAGE;
	if (r->o.repository)
		dw_buf_puts(&ref, r->o.repository);
	else
		local_name(r->o.app_dir, &ref);
	dw_buf_printf(&ref, ":%s", tag.ptr);
	prebuilt = prebuilt_image(&r->cfg);
	if (prebuilt && !drv_valid_image(prebuilt)) {
		dw_diags_add(&r->d, DW_SEV_ERROR, NULL, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "the prebuilt image (docker.image, JETS_DOCKER_IMAGE or "
		             "DOCKWRIGHT_DOCKER_IMAGE) is not an image reference: it is empty, "
		             "starts with '-' or has a blank or control character");
		rc = DW_EXIT_USAGE;
	} else if (prebuilt && r->builder == DRV_BUILDKIT) {
		dw_diags_add(&r->d, DW_SEV_ERROR, NULL, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "a prebuilt image (docker.image, JETS_DOCKER_IMAGE or "
		             "DOCKWRIGHT_DOCKER_IMAGE) is re-tagged and pushed with docker, podman "
		             "or buildah; --builder buildkit only builds");
		rc = DW_EXIT_USAGE;
	} else if (prebuilt) {
		drv_cmd c = DRV_CMD_INIT;

		if (r->o.pull) {
			drv_argv_pull(r->builder, prebuilt, platform(r), &c);
			rc = step(r, &c);
			drv_cmd_free(&c);
		}
		if (rc == 0) {
			drv_argv_tag(r->builder, prebuilt, ref.ptr, &c);
			rc = step(r, &c);
			drv_cmd_free(&c);
		}
	} else {
		rc = build(r, ref.ptr);
	}
	dw_buf_puts(&final, ref.ptr);
	if (r->builder == DRV_BUILDKIT) {
		/* BuildKit pushed it itself (push=true), or kept it. */
		if (r->bk.push)
			buildkit_ecr_note(r);
		if (rc == 0 && r->bk.push && !r->o.dry_run)
			buildkit_digest(r, ref.ptr, &final);
	} else if (rc == 0 && r->o.repository && !r->o.no_push) {
		rc = push(r, ref.ptr, &final);
	}
	if (rc == 0)
		printf("%s\n", final.ptr);
	dw_buf_free(&tag);
	dw_buf_free(&ref);
	dw_buf_free(&final);
	return rc;
}

int
main(int argc, char **argv)
{
	run r;
	int rc;
	struct stat st;

	memset(&r, 0, sizeof r);
	rc = parse_opts(argc, argv, &r.o);
	if (rc >= 0)
		return rc;
	if (r.o.app_dir == NULL)
		r.o.app_dir = ".";
	if (stat(r.o.app_dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return usage_error("not a directory: '%s'", r.o.app_dir);
	if (r.o.builder && strcmp(r.o.builder, "auto") != 0 &&
	    drv_builder_parse(r.o.builder, false, &r.builder) < 0)
		return usage_error("--builder must be docker, podman, buildah, buildkit or auto, "
		                   "not '%s'", r.o.builder);
	drv_signals_install();
	/* dw_config_load initialises r.cfg itself. */
	if (dw_config_load(&r.cfg, r.o.app_dir, r.o.config, &r.d) < 0) {
		rc = DW_EXIT_USAGE;
	} else if (drv_builder_parse(r.o.builder ? r.o.builder : "auto",
	                             buildkit_addr(&r) != NULL, &r.builder) < 0) {
		fputs("dockwright-build: no builder found on PATH (docker, podman, buildah; "
		      "buildctl when a BuildKit address is set)\n", stderr);
		rc = DW_EXIT_USAGE;
	} else if ((rc = buildkit_setup(&r)) < 0) {
		print_diags(&r.d, 0); /* the configuration's warnings */
		dw_diags_free(&r.d);
		r.show = r.o.show || dw_cfg_bool(&r.cfg, DW_CFG_DOCKER_SHOW_BUILD_COMMAND);
		rc = drive(&r);
		if (rc == 0 && dw_diags_count(&r.d, DW_SEV_ERROR) > 0)
			rc = DW_EXIT_USAGE;
	}
	/* The reference on stdout is what CI reads: a cut line is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dockwright-build: cannot write the image reference: %s\n",
		        strerror(errno ? errno : EIO));
		if (rc == 0)
			rc = DW_EXIT_USAGE;
	}
	print_diags(&r.d, 0);
	if (r.o.dry_run && r.tmpdir[0])
		/* The printed commands name files in it (the generated
		 * Dockerfile, the digest file): kept, they can be replayed. */
		fprintf(stderr, "dockwright-build: dry run: kept %s for the commands above "
		        "(remove it when done)\n", r.tmpdir);
	else
		remove_tmpdir(&r);
	if (drv_signal_pending()) {
		int sig = drv_signal_pending();

		fprintf(stderr, "dockwright-build: stopped by signal %d (%s)\n", sig,
		        sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
		rc = 128 + sig;
	}
	dw_diags_free(&r.d);
	dw_config_free(&r.cfg);
	return rc;
}
