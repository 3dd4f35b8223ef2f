/* SPDX-License-Identifier: MIT */
/* main.c - `dockwright-build [options] [APP_DIR]`: generate or take the
 * Dockerfile, lint it, build it with docker, podman or buildah, tag it and
 * push it.  The last line on stdout is the image reference; everything
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
	"  -b, --builder NAME        docker, podman, buildah or auto (default: auto, the\n"
	"                            first of docker, podman, buildah on PATH)\n"
	"      --platform PLATFORM   linux/amd64 or linux/arm64 (default: the builder's)\n"
	"      --network MODE        network of the build's RUN steps, passed to the\n"
	"                            builder as --network (docker: default, host or\n"
	"                            none; default: the builder's)\n"
	"  -t, --tag TAG             image tag (default: rendered from docker.tag)\n"
	"  -r, --repository REPO     REGISTRY/NAME to push to; without it, build only\n"
	"      --no-push             build (or re-tag) but do not push\n"
	"      --no-lint             build even when lint reports errors\n"
	"      --pull                prebuilt image: pull it before re-tagging\n"
	"      --aws-creds-as-build-args\n"
	"                            pass AWS credentials as build args, not secrets\n"
	"      --show-build-command  print each command before running it\n"
	"  -n, --dry-run             print the commands, run nothing\n"
	"  -h, --help                show this help\n"
	"  -V, --version             print the version\n"
	"\n"
	"exit status: 0 ok, 1 lint errors stopped the build, 2 usage, configuration\n"
	"or I/O error, 3 an external command failed, 128+N stopped by signal N\n"
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
	const char *tag;
	const char *repository;
	bool no_push, no_lint, pull, aws_as_args, show, dry_run;
} opts;

typedef struct run {
	opts o;
	dw_config cfg;
	drv_builder builder;
	dw_diags d;
	char tmpdir[64];          /* "" until made */
	bool show;
} run;

enum { OPT_PLATFORM = 256, OPT_NETWORK, OPT_NO_PUSH, OPT_NO_LINT, OPT_PULL, OPT_AWS_ARGS, OPT_SHOW };

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

/* Returns -1 to continue, else the exit status. */
static int
parse_opts(int argc, char **argv, opts *o)
{
	static const struct option lo[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "builder", required_argument, NULL, 'b' },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "network", required_argument, NULL, OPT_NETWORK },
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

/* Print (when asked) and run one command.  0, or DRV_EXIT_COMMAND. */
static int
step(run *r, const drv_cmd *c)
{
	if (r->show || r->o.dry_run) {
		dw_buf line = DW_BUF_INIT;

		drv_cmd_format(c, &line);
		fprintf(stderr, "+ %s\n", line.ptr);
		dw_buf_free(&line);
	}
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
	print_diags(&findings, 0);
	dw_diags_free(&findings);
	dw_buf_free(&src);
	return rc;
}

static int
build(run *r, const char *ref)
{
	dw_buf df = DW_BUF_INIT;
	drv_kvs args = { NULL, 0, 0 };
	drv_secret secrets[4];
	dw_buf creds = DW_BUF_INIT;
	drv_build b;
	drv_cmd c = DRV_CMD_INIT;
	bool aws = dw_cfg_bool(&r->cfg, DW_CFG_BUILD_ARGS_ENABLE_AWS_CREDS);
	int rc;

	rc = dockerfile(r, &df);
	if (rc != 0) {
		dw_buf_free(&df);
		return rc;
	}
	memset(&b, 0, sizeof b);
	b.builder = r->builder;
	b.platform = r->o.platform;
	b.network = r->o.network;
	b.dockerfile = df.ptr;
	b.context = r->o.app_dir;
	b.ref = ref;
	drv_build_args(&r->cfg, aws && r->o.aws_as_args, &args);
	b.args = &args;
	b.secrets = secrets;
	if (aws && r->o.aws_as_args) {
		fputs("dockwright-build: warning: AWS credentials are passed as build args; "
		      "they can end up in the image history and in logs\n", stderr);
	} else if (aws) {
		for (size_t i = 0; i < 3; i++) {
			const char *v = getenv(drv_aws_secrets[i].env);

			if (v && *v)
				secrets[b.nsecrets++] = drv_aws_secrets[i];
		}
		if (b.nsecrets > 0) {
			/* The generated Dockerfile mounts secret "aws" as
			 * ~/.aws/credentials.  Its text reaches the builder in
			 * the environment of the build command alone: no file
			 * of ours holds a secret, so none can be left behind. */
			drv_aws_credentials_file(&creds);
			secrets[b.nsecrets].id = "aws";
			secrets[b.nsecrets].env = DRV_AWS_CREDENTIALS_ENV;
			secrets[b.nsecrets++].src = NULL;
		}
	}
	drv_argv_build(&b, &c);
	if (creds.len)
		drv_cmd_setenv(&c, DRV_AWS_CREDENTIALS_ENV, creds.ptr);
	if (rc == 0)
		rc = step(r, &c);
	drv_cmd_free(&c);
	drv_kvs_free(&args);
	dw_buf_free(&df);
	/* Scrub the copy before the memory goes back to the allocator. */
	if (creds.len)
		memset(creds.ptr, 0, creds.len);
	dw_buf_free(&creds);
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
	if (r->builder != DRV_DOCKER && !r->o.dry_run) {
		if (make_tmpdir(r) < 0)
			return DW_EXIT_USAGE;
		dw_buf_printf(&digest_path, "%s/digest", r->tmpdir);
	}
	drv_argv_push(r->builder, ref, digest_path.len ? digest_path.ptr : NULL, &c);
	rc = step(r, &c);
	if (rc == 0 && digest_path.len) {
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
	} else if (prebuilt) {
		drv_cmd c = DRV_CMD_INIT;

		if (r->o.pull) {
			drv_argv_pull(r->builder, prebuilt, r->o.platform, &c);
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
	if (rc == 0 && r->o.repository && !r->o.no_push)
		rc = push(r, ref.ptr, &final);
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
	if (drv_builder_parse(r.o.builder ? r.o.builder : "auto", &r.builder) < 0) {
		if (r.o.builder && strcmp(r.o.builder, "auto") != 0)
			return usage_error("--builder must be docker, podman, buildah or auto, "
			                   "not '%s'", r.o.builder);
		fputs("dockwright-build: no builder found on PATH (docker, podman, buildah)\n",
		      stderr);
		return DW_EXIT_USAGE;
	}
	drv_signals_install();
	/* dw_config_load initialises r.cfg itself. */
	if (dw_config_load(&r.cfg, r.o.app_dir, r.o.config, &r.d) < 0) {
		rc = DW_EXIT_USAGE;
	} else {
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
