/* SPDX-License-Identifier: MIT */
/* test_driver.c - dockwright-build: tags (with real temporary git
 * repositories), golden argv lists per builder and image source, masking,
 * registries, and running commands without a shell. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../driver/drv.h"
#include "../../app/config.h"
#include "util.h"

/* Every variable that changes what the driver reads from the environment. */
static const char *const env_vars[] = {
	"CI", "GITHUB_ACTIONS", "GITLAB_CI", "CODEBUILD_BUILD_ID", "JENKINS_URL",
	"BUILDKITE", "CIRCLECI", "TRAVIS", "BITBUCKET_BUILD_NUMBER", "TF_BUILD",
	"DOCKWRIGHT_GIT_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME",
	"CI_COMMIT_REF_NAME", "CODEBUILD_WEBHOOK_HEAD_REF", "CODEBUILD_SOURCE_VERSION",
	"BRANCH_NAME", "BITBUCKET_BRANCH", "CIRCLE_BRANCH", "BUILDKITE_BRANCH",
	"TRAVIS_BRANCH", "BUILD_SOURCEBRANCHNAME", "JETS_GIT_DISABLED",
	"DOCKWRIGHT_GIT_DISABLED", "SOURCE_DATE_EPOCH", "DOCKWRIGHT_ENV", "JETS_ENV",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"REGISTRY_AUTH_FILE", "XDG_RUNTIME_DIR", "DOCKER_CONFIG", NULL
};

extern char **environ;

static char tmpdir[64];

static int
setup_env(void **state)
{
	(void)state;
	for (size_t i = 0; env_vars[i]; i++)
		unsetenv(env_vars[i]);
	/* Drop BUNDLE_* inherited from the caller. */
	for (;;) {
		char **e = environ, name[256];

		while (*e && strncmp(*e, "BUNDLE_", 7) != 0)
			e++;
		if (*e == NULL)
			break;
		snprintf(name, sizeof name, "%.*s", (int)strcspn(*e, "="), *e);
		unsetenv(name);
	}
	/* Our git repositories must not see the user's configuration. */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("HOME", "/nonexistent", 1);
	return 0;
}

static int
make_tmp(void **state)
{
	(void)state;
	setup_env(state);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/dw-test-driver.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int
remove_tmp(void **state)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	drv_cmd_add(&c, "rm");
	drv_cmd_add(&c, "-rf");
	drv_cmd_add(&c, tmpdir);
	drv_run(&c, NULL, &d);
	drv_cmd_free(&c);
	dw_diags_free(&d);
	return 0;
}

/* Join an argv with '|' so that a golden list is one string. */
static char *
joined(const drv_cmd *c)
{
	dw_buf b = DW_BUF_INIT;

	for (size_t i = 0; i < c->argv.n; i++)
		dw_buf_printf(&b, "%s%s", i ? "|" : "", c->argv.v[i]);
	assert_null(c->argv.v[c->argv.n]);
	return dw_buf_detach(&b);
}

static char *
formatted(const drv_cmd *c)
{
	dw_buf b = DW_BUF_INIT;

	drv_cmd_format(c, &b);
	return dw_buf_detach(&b);
}

#define assert_argv(c, expected)                       \
	do {                                           \
		char *j_ = joined(c);                  \
		assert_string_equal(j_, expected);     \
		free(j_);                              \
	} while (0)

/* ---- tags ------------------------------------------------------------- */

static char *
render(const char *tmpl, const drv_git *g)
{
	drv_tag_in in = { tmpl, "prod", "v7", 1713118287, g }; /* 2024-04-14T18:11:27Z */
	dw_buf b = DW_BUF_INIT;

	drv_tag_render(&in, &b);
	return dw_buf_detach(&b);
}

#define assert_tag(tmpl, g, expected)                  \
	do {                                           \
		char *t_ = render(tmpl, g);            \
		assert_string_equal(t_, expected);     \
		free(t_);                              \
	} while (0)

static void
tag_tokens(void **state)
{
	drv_git g = { "main", "04fbd83", true };

	(void)state;
	assert_tag(":ENV", &g, "prod");
	assert_tag(":FRIENDLY_TAG", &g, "v7");
	assert_tag(":TIMESTAMP", &g, "2024-04-14T18-11-27Z");
	assert_tag(":GIT_BRANCH", &g, "main");
	assert_tag(":GIT_SHA", &g, "04fbd83");
	assert_tag(":GIT_DIRTY", &g, "dirty");
	assert_tag(":FRIENDLY_TAG-:TIMESTAMP-:GIT_BRANCH-:GIT_SHA-:GIT_DIRTY", &g,
	           "v7-2024-04-14T18-11-27Z-main-04fbd83-dirty");
	assert_tag("app-:ENV:GIT_SHA", &g, "app-prod04fbd83");
	/* Unknown tokens are plain text, sanitised. */
	assert_tag(":NOPE-:ENV", &g, "NOPE-prod");
}

static void
tag_squash_and_empty_tokens(void **state)
{
	drv_git clean = { NULL, NULL, false };

	(void)state;
	/* No git: the git tokens vanish, and so do their dashes. */
	assert_tag(":FRIENDLY_TAG-:TIMESTAMP-:GIT_BRANCH-:GIT_SHA-:GIT_DIRTY", &clean,
	           "v7-2024-04-14T18-11-27Z");
	assert_tag(":GIT_SHA", NULL, "latest");
	assert_tag("a---b--:GIT_DIRTY--c", &clean, "a-b-c");
	assert_tag("", &clean, "latest");
}

static void
tag_sanitize(void **state)
{
	drv_git g = { "feature/Login:ñ", "abc1234", false };
	char long_tmpl[300];

	(void)state;
	assert_tag(":GIT_BRANCH", &g, "feature-Login");
	assert_tag("..-_x y!z-..", &g, "_x-y-z");
	assert_tag("---", &g, "latest");
	memset(long_tmpl, 'a', 200);
	long_tmpl[200] = '\0';
	{
		char *t = render(long_tmpl, &g);

		assert_int_equal(strlen(t), 128);
		free(t);
	}
	/* Truncation never leaves a trailing dash. */
	memset(long_tmpl, 'a', 127);
	long_tmpl[127] = '-';
	strcpy(long_tmpl + 128, "zzz");
	{
		char *t = render(long_tmpl, &g);

		assert_int_equal(strlen(t), 127);
		free(t);
	}
}

static void
clock_source_date_epoch(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	time_t t = 0;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(drv_clock(&t, &d), 0);
	assert_int_equal((long long)t, 1700000000LL);
	setenv("SOURCE_DATE_EPOCH", "17x", 1);
	assert_int_equal(drv_clock(&t, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "SOURCE_DATE_EPOCH"));
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	assert_int_equal(drv_clock(&t, &d), -1);
	unsetenv("SOURCE_DATE_EPOCH");
	assert_int_equal(drv_clock(&t, &d), 0);
	assert_true(t > 1700000000);
	dw_diags_free(&d);
}

static void
env_name(void **state)
{
	(void)state;
	assert_string_equal(drv_env_name(), "dev");
	setenv("JETS_ENV", "staging", 1);
	assert_string_equal(drv_env_name(), "staging");
	setenv("DOCKWRIGHT_ENV", "prod", 1);
	assert_string_equal(drv_env_name(), "prod");
	unsetenv("JETS_ENV");
	unsetenv("DOCKWRIGHT_ENV");
}

/* ---- git, in real temporary repositories ---------------------------------- */

static void
git(const char *dir, ...)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_diags d = DW_DIAGS_INIT;
	va_list ap;
	const char *a;

	drv_cmd_add(&c, "git");
	drv_cmd_add(&c, "-C");
	drv_cmd_add(&c, dir);
	drv_cmd_add(&c, "-c");
	drv_cmd_add(&c, "user.name=t");
	drv_cmd_add(&c, "-c");
	drv_cmd_add(&c, "user.email=t@example.com");
	va_start(ap, dir);
	while ((a = va_arg(ap, const char *)) != NULL)
		drv_cmd_add(&c, a);
	va_end(ap);
	assert_int_equal(drv_run(&c, NULL, &d), 0);
	drv_cmd_free(&c);
	dw_diags_free(&d);
}

static void
make_repo(char *dir, size_t size)
{
	snprintf(dir, size, "%s/repo", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	git(dir, "init", "-q", "-b", "main", NULL);
	tu_put(dir, "a", "1\n");
	git(dir, "add", "a", NULL);
	git(dir, "commit", "-q", "-m", "one", NULL);
}

static void
git_clean_repo(void **state)
{
	char dir[128];
	drv_git g;

	(void)state;
	make_repo(dir, sizeof dir);
	drv_git_read(&g, dir);
	assert_non_null(g.sha);
	assert_int_equal(strlen(g.sha), 7);
	assert_string_equal(g.branch, "main");
	assert_false(g.dirty);
	drv_git_free(&g);
}

static void
git_dirty_tree(void **state)
{
	char dir[128];
	drv_git g;

	(void)state;
	make_repo(dir, sizeof dir);
	tu_put(dir, "a", "2\n");
	drv_git_read(&g, dir);
	assert_true(g.dirty);
	{
		char *t = render(":GIT_BRANCH-:GIT_DIRTY", &g);

		assert_string_equal(t, "main-dirty");
		free(t);
	}
	drv_git_free(&g);
	/* In CI the tree is never called dirty, and the CI branch wins. */
	setenv("CI", "true", 1);
	setenv("GITHUB_REF_NAME", "release/1.2", 1);
	drv_git_read(&g, dir);
	assert_false(g.dirty);
	assert_string_equal(g.branch, "release/1.2");
	drv_git_free(&g);
	unsetenv("CI");
	unsetenv("GITHUB_REF_NAME");
	/* CI=false does not count as CI. */
	setenv("CI", "false", 1);
	drv_git_read(&g, dir);
	assert_true(g.dirty);
	drv_git_free(&g);
	unsetenv("CI");
}

static void
git_detached_head(void **state)
{
	char dir[128];
	drv_git g;

	(void)state;
	make_repo(dir, sizeof dir);
	git(dir, "checkout", "-q", "--detach", NULL);
	drv_git_read(&g, dir);
	assert_null(g.branch);
	assert_non_null(g.sha);
	drv_git_free(&g);
	setenv("BRANCH_NAME", "jenkins-branch", 1);
	drv_git_read(&g, dir);
	assert_string_equal(g.branch, "jenkins-branch");
	drv_git_free(&g);
	unsetenv("BRANCH_NAME");
}

static void
git_none_and_disabled(void **state)
{
	char dir[128];
	drv_git g;

	(void)state;
	snprintf(dir, sizeof dir, "%s/plain", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	drv_git_read(&g, dir);
	assert_null(g.sha);
	assert_null(g.branch);
	assert_false(g.dirty);
	drv_git_free(&g);
	/* A repository without a commit has no sha either. */
	git(dir, "init", "-q", NULL);
	drv_git_read(&g, dir);
	assert_null(g.sha);
	drv_git_free(&g);

	make_repo(dir, sizeof dir);
	setenv("JETS_GIT_DISABLED", "1", 1);
	drv_git_read(&g, dir);
	assert_null(g.sha);
	assert_null(g.branch);
	drv_git_free(&g);
	unsetenv("JETS_GIT_DISABLED");
	setenv("DOCKWRIGHT_GIT_DISABLED", "true", 1);
	drv_git_read(&g, dir);
	assert_null(g.sha);
	drv_git_free(&g);
	unsetenv("DOCKWRIGHT_GIT_DISABLED");
}

/* ---- argv ------------------------------------------------------------------ */

static void
argv_build_each_builder(void **state)
{
	drv_kvs args = { NULL, 0, 0 };
	drv_build b;
	drv_cmd c = DRV_CMD_INIT;

	(void)state;
	drv_kvs_add(&args, "RAILS_ENV", "production", false);
	drv_kvs_add(&args, "BUNDLE_GITHUB__COM", "tok:x-oauth", true);
	memset(&b, 0, sizeof b);
	b.dockerfile = "/tmp/x/Dockerfile";
	b.context = "app";
	b.ref = "127.0.0.1:5000/app:v1";
	b.args = &args;
	b.secrets = drv_aws_secrets;
	b.nsecrets = 2;

	b.builder = DRV_DOCKER;
	drv_argv_build(&b, &c);
	assert_argv(&c, "docker|buildx|build|--provenance=false|--sbom=false|--load"
	                "|-f|/tmp/x/Dockerfile|-t|127.0.0.1:5000/app:v1"
	                "|--build-arg|RAILS_ENV=production|--build-arg|BUNDLE_GITHUB__COM"
	                "|--secret|id=aws_access_key_id,env=AWS_ACCESS_KEY_ID"
	                "|--secret|id=aws_secret_access_key,env=AWS_SECRET_ACCESS_KEY|--|app");
	drv_cmd_free(&c);

	b.builder = DRV_BUILDAH;
	b.platform = "linux/arm64";
	b.nsecrets = 0;
	drv_argv_build(&b, &c);
	assert_argv(&c, "buildah|build|--format|docker|--platform|linux/arm64"
	                "|-f|/tmp/x/Dockerfile|-t|127.0.0.1:5000/app:v1"
	                "|--build-arg|RAILS_ENV=production|--build-arg|BUNDLE_GITHUB__COM|--|app");
	/* The secret's value is in the command's environment, nowhere else. */
	assert_int_equal(c.env.n, 1);
	assert_string_equal(c.env.v[0], "BUNDLE_GITHUB__COM=tok:x-oauth");
	drv_cmd_free(&c);

	/* --network goes to every builder, right after --platform. */
	b.builder = DRV_DOCKER;
	b.platform = NULL;
	b.network = "host";
	b.args = NULL;
	drv_argv_build(&b, &c);
	assert_argv(&c, "docker|buildx|build|--provenance=false|--sbom=false|--load"
	                "|--network|host|-f|/tmp/x/Dockerfile|-t|127.0.0.1:5000/app:v1|--|app");
	drv_cmd_free(&c);
	b.builder = DRV_BUILDAH;
	b.platform = "linux/amd64";
	drv_argv_build(&b, &c);
	assert_argv(&c, "buildah|build|--format|docker|--platform|linux/amd64|--network|host"
	                "|-f|/tmp/x/Dockerfile|-t|127.0.0.1:5000/app:v1|--|app");
	drv_cmd_free(&c);

	b.builder = DRV_PODMAN;
	b.platform = NULL;
	b.network = NULL;
	b.args = NULL;
	{
		drv_secret s[2] = { drv_aws_secrets[0], { "aws", NULL, "/tmp/x/aws-credentials" } };

		b.secrets = s;
		b.nsecrets = 2;
		drv_argv_build(&b, &c);
	}
	assert_argv(&c, "podman|build|--format|docker|-f|/tmp/x/Dockerfile|-t|127.0.0.1:5000/app:v1"
	                "|--secret|id=aws_access_key_id,env=AWS_ACCESS_KEY_ID"
	                "|--secret|id=aws,src=/tmp/x/aws-credentials|--|app");
	drv_cmd_free(&c);
	drv_kvs_free(&args);
}

static void
argv_buildctl(void **state)
{
	drv_kvs args = { NULL, 0, 0 };
	drv_buildkit bk;
	drv_build b;
	drv_cmd c = DRV_CMD_INIT;
	dw_buf line = DW_BUF_INIT;

	(void)state;
	drv_kvs_add(&args, "RAILS_ENV", "production", false);
	drv_kvs_add(&args, "GREETING", "from-env", true);
	drv_kvs_add(&args, "BUNDLE_GITHUB__COM", "tok:x-oauth", true);
	memset(&bk, 0, sizeof bk);
	bk.addr = "tcp://buildkitd:1234";
	bk.tlscacert = "/certs/ca.pem";
	bk.tlscert = "/certs/cert.pem";
	bk.tlskey = "/certs/key.pem";
	bk.tlsservername = "buildkitd";
	bk.cache_from = "reg.example/app:cache";
	bk.cache_to = "type=registry,ref=reg.example/app:cache,mode=min";
	bk.metadata_file = "/tmp/x/metadata.json";
	bk.push = true;
	memset(&b, 0, sizeof b);
	b.builder = DRV_BUILDKIT;
	b.platform = "linux/amd64";
	b.target = "deployment";
	b.dockerfile = "/tmp/x/Dockerfile";
	b.context = "app";
	b.ref = "reg.example/app:v1";
	b.args = &args;
	b.secrets = drv_aws_secrets;
	b.nsecrets = 1;
	b.bk = &bk;
	drv_argv_build(&b, &c);
	assert_argv(&c, "buildctl|--addr|tcp://buildkitd:1234|--tlscacert|/certs/ca.pem"
	                "|--tlscert|/certs/cert.pem|--tlskey|/certs/key.pem"
	                "|--tlsservername|buildkitd|build|--progress|plain"
	                "|--frontend|dockerfile.v0|--local=context=app|--local=dockerfile=/tmp/x"
	                "|--opt=filename=Dockerfile|--opt=platform=linux/amd64"
	                "|--opt=target=deployment|--opt=build-arg:RAILS_ENV=production"
	                "|--opt=build-arg:GREETING=from-env"
	                "|--secret|id=BUNDLE_GITHUB__COM,env=BUNDLE_GITHUB__COM"
	                "|--secret|id=aws_access_key_id,env=AWS_ACCESS_KEY_ID"
	                "|--import-cache|type=registry,ref=reg.example/app:cache"
	                "|--export-cache|type=registry,ref=reg.example/app:cache,mode=min"
	                "|--output=type=image,name=reg.example/app:v1,push=true"
	                "|--metadata-file=/tmp/x/metadata.json");
	/* The credential is in the environment only; the masked arg prints
	 * without its value. */
	assert_int_equal(c.env.n, 1);
	assert_string_equal(c.env.v[0], "BUNDLE_GITHUB__COM=tok:x-oauth");
	drv_cmd_format(&c, &line);
	assert_non_null(strstr(line.ptr, "--opt=build-arg:GREETING=***"));
	assert_null(strstr(line.ptr, "from-env"));
	assert_null(strstr(line.ptr, "tok:x-oauth"));
	drv_cmd_free(&c);
	dw_buf_free(&line);

	/* Defaults: no address (buildctl's BUILDKIT_HOST), a relative
	 * Dockerfile, no push, host network with its entitlement. */
	memset(&bk, 0, sizeof bk);
	b.platform = NULL;
	b.target = NULL;
	b.args = NULL;
	b.nsecrets = 0;
	b.network = "host";
	b.dockerfile = "Dockerfile";
	drv_argv_build(&b, &c);
	assert_argv(&c, "buildctl|build|--progress|plain|--frontend|dockerfile.v0"
	                "|--local=context=app|--local=dockerfile=.|--opt=filename=Dockerfile"
	                "|--opt=force-network-mode=host|--allow=network.host"
	                "|--output=type=image,name=reg.example/app:v1");
	drv_cmd_free(&c);
	b.dockerfile = "/Dockerfile";
	b.network = NULL;
	drv_argv_build(&b, &c);
	assert_argv(&c, "buildctl|build|--progress|plain|--frontend|dockerfile.v0"
	                "|--local=context=app|--local=dockerfile=/|--opt=filename=Dockerfile"
	                "|--output=type=image,name=reg.example/app:v1");
	drv_cmd_free(&c);

	bk.addr = "unix:///run/buildkit/buildkitd.sock";
	drv_argv_buildkit_probe(&bk, &c);
	assert_argv(&c, "buildctl|--addr|unix:///run/buildkit/buildkitd.sock|debug|workers");
	drv_cmd_free(&c);

	/* docker buildx: a named builder, the same cache specs, a target. */
	bk.buildx_builder = "remote1";
	bk.cache_from = "reg.example/app:cache";
	bk.cache_to = "reg.example/app:cache";
	b.builder = DRV_DOCKER;
	b.target = "build";
	drv_argv_build(&b, &c);
	assert_argv(&c, "docker|buildx|build|--provenance=false|--sbom=false|--load"
	                "|--builder|remote1|--cache-from|type=registry,ref=reg.example/app:cache"
	                "|--cache-to|type=registry,ref=reg.example/app:cache,mode=max"
	                "|--target|build|-f|/Dockerfile|-t|reg.example/app:v1|--|app");
	drv_cmd_free(&c);
	drv_kvs_free(&args);
}

static void
cache_specs(void **state)
{
	dw_buf b = DW_BUF_INIT;

	(void)state;
	drv_cache_spec("reg.example/app:cache", false, &b);
	assert_string_equal(b.ptr, "type=registry,ref=reg.example/app:cache");
	drv_cache_spec("reg.example/app:cache", true, &b);
	assert_string_equal(b.ptr, "type=registry,ref=reg.example/app:cache,mode=max");
	drv_cache_spec("type=local,dest=/tmp/c", true, &b);
	assert_string_equal(b.ptr, "type=local,dest=/tmp/c");
	dw_buf_free(&b);
}

static void
argv_mask(void **state)
{
	drv_kvs args = { NULL, 0, 0 };
	drv_build b;
	drv_cmd c = DRV_CMD_INIT;
	char *f;

	(void)state;
	drv_kvs_add(&args, "K", "it's plain", false);
	drv_kvs_add(&args, "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", true);
	drv_kvs_add(&args, "K", "duplicate ignored", false);
	assert_int_equal(args.n, 2);
	memset(&b, 0, sizeof b);
	b.builder = DRV_BUILDAH;
	b.dockerfile = "my dir/Dockerfile";
	b.context = ".";
	b.ref = "app:t";
	b.args = &args;
	drv_argv_build(&b, &c);
	f = formatted(&c);
	assert_string_equal(f, "buildah build --format docker -f 'my dir/Dockerfile' -t app:t "
	                       "--build-arg 'K=it'\\''s plain' "
	                       "--build-arg AWS_SECRET_ACCESS_KEY -- .");
	assert_null(strstr(f, "wJalr"));
	free(f);
	/* A secret goes by name; its value is in the environment only. */
	for (size_t i = 0; i < c.argv.n; i++)
		assert_null(strstr(c.argv.v[i], "wJalr"));
	assert_string_equal(c.env.v[0], "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI");
	drv_cmd_free(&c);
	drv_kvs_free(&args);

	drv_cmd_add_secret(&c, "token", 0);
	drv_cmd_add_secret(&c, "ab", 10);
	f = formatted(&c);
	assert_string_equal(f, "'***' 'ab***'");
	free(f);
	drv_cmd_free(&c);
}

static void
argv_tag_push_pull_login(void **state)
{
	drv_cmd c = DRV_CMD_INIT;

	(void)state;
	drv_argv_tag(DRV_DOCKER, "my/image:v1", "r.example.com/app:t", &c);
	assert_argv(&c, "docker|tag|--|my/image:v1|r.example.com/app:t");
	drv_cmd_free(&c);
	drv_argv_tag(DRV_BUILDAH, "my/image:v1", "r.example.com/app:t", &c);
	assert_argv(&c, "buildah|tag|--|my/image:v1|r.example.com/app:t");
	drv_cmd_free(&c);
	drv_argv_pull(DRV_PODMAN, "my/image:v1", "linux/amd64", &c);
	assert_argv(&c, "podman|pull|--platform|linux/amd64|--|my/image:v1");
	drv_cmd_free(&c);
	drv_argv_push(DRV_DOCKER, "r.example.com/app:t", "/tmp/d", &c);
	assert_argv(&c, "docker|push|--|r.example.com/app:t");
	drv_cmd_free(&c);
	drv_argv_push(DRV_BUILDAH, "r.example.com/app:t", "/tmp/d", &c);
	assert_argv(&c, "buildah|push|--format|docker|--digestfile|/tmp/d"
	                "|--|r.example.com/app:t|docker://r.example.com/app:t");
	drv_cmd_free(&c);
	drv_argv_push(DRV_PODMAN, "r.example.com/app:t", NULL, &c);
	assert_argv(&c, "podman|push|--format|docker|--|r.example.com/app:t"
	                "|docker://r.example.com/app:t");
	drv_cmd_free(&c);
	drv_argv_ecr_password("eu-west-1", &c);
	assert_argv(&c, "aws|ecr|get-login-password|--region|eu-west-1");
	drv_cmd_free(&c);
	drv_argv_login(DRV_PODMAN, "123456789012.dkr.ecr.eu-west-1.amazonaws.com", &c);
	assert_argv(&c, "podman|login|--username|AWS|--password-stdin|--"
	                "|123456789012.dkr.ecr.eu-west-1.amazonaws.com");
	drv_cmd_free(&c);
}

static void
builder_names(void **state)
{
	drv_builder b;

	(void)state;
	assert_int_equal(drv_builder_parse("podman", false, &b), 0);
	assert_int_equal(b, DRV_PODMAN);
	assert_int_equal(drv_builder_parse("buildah", false, &b), 0);
	assert_int_equal(b, DRV_BUILDAH);
	assert_int_equal(drv_builder_parse("kaniko", false, &b), -1);
	assert_int_equal(drv_builder_parse("buildkit", false, &b), 0);
	assert_int_equal(b, DRV_BUILDKIT);
	assert_string_equal(drv_builder_name(DRV_BUILDKIT), "buildkit");
	assert_string_equal(drv_builder_program(DRV_BUILDKIT), "buildctl");
	assert_string_equal(drv_builder_name(DRV_DOCKER), "docker");
}

static void
builder_auto(void **state)
{
	char *path = strdup(getenv("PATH") ? getenv("PATH") : "");
	char bin[128];
	drv_builder b;

	(void)state;
	/* A PATH with only a fake buildah: auto finds it. */
	snprintf(bin, sizeof bin, "%s/bin", tmpdir);
	assert_int_equal(mkdir(bin, 0755), 0);
	tu_put(bin, "buildah", "#!/bin/sh\n");
	strcat(bin, "/buildah");
	assert_int_equal(chmod(bin, 0755), 0);
	bin[strlen(bin) - 8] = '\0';
	setenv("PATH", bin, 1);
	assert_int_equal(drv_builder_parse("auto", false, &b), 0);
	assert_int_equal(b, DRV_BUILDAH);
	/* A BuildKit address without buildctl: still buildah. */
	assert_int_equal(drv_builder_parse("auto", true, &b), 0);
	assert_int_equal(b, DRV_BUILDAH);
	/* With buildctl: buildkit, but only when an address is set. */
	tu_put(bin, "buildctl", "#!/bin/sh\n");
	{
		char p2[160];

		snprintf(p2, sizeof p2, "%s/buildctl", bin);
		assert_int_equal(chmod(p2, 0755), 0);
	}
	assert_int_equal(drv_builder_parse("auto", true, &b), 0);
	assert_int_equal(b, DRV_BUILDKIT);
	assert_int_equal(drv_builder_parse("auto", false, &b), 0);
	assert_int_equal(b, DRV_BUILDAH);
	setenv("PATH", tmpdir, 1);
	assert_int_equal(drv_builder_parse("auto", false, &b), -1);
	setenv("PATH", path, 1);
	free(path);
}

/* ---- build args -------------------------------------------------------------- */

static void
map_add(dw_config *c, dw_ckey k, const char *name, const char *value)
{
	c->v[k].set = true;
	dw_strv_push(&c->v[k].list, name, strlen(name));
	dw_strv_push(&c->v[k].values, value, strlen(value));
}

static void
build_args_from_config(void **state)
{
	dw_config c;
	drv_kvs a = { NULL, 0, 0 };

	(void)state;
	dw_config_init(&c);
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "RUBY_VERSION", "3.3.6");
	map_add(&c, DW_CFG_BUILD_ARGS_BUILD_STAGE, "NODE_ENV", "production");
	map_add(&c, DW_CFG_BUILD_ARGS_DEPLOYMENT_STAGE, "RUBY_VERSION", "ignored");
	map_add(&c, DW_CFG_BUILD_ARGS_DEPLOYMENT_STAGE, "APP_NAME", "demo");
	setenv("NODE_ENV", "test", 1);
	setenv("BUNDLE_Z__COM", "zz", 1);
	setenv("BUNDLE_GITHUB__COM", "ghp_x", 1);
	setenv("BUNDLE_", "not a bundle var", 1);
	setenv("AWS_ACCESS_KEY_ID", "AKIA", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "sk", 1);
	drv_build_args(&c, false, &a);
	/* BUNDLE_* are never build args: drv_bundle_env_file has them. */
	assert_int_equal(a.n, 3);
	assert_string_equal(a.v[0].name, "RUBY_VERSION");
	assert_string_equal(a.v[0].value, "3.3.6");
	assert_string_equal(a.v[1].name, "NODE_ENV");
	assert_string_equal(a.v[1].value, "test"); /* the environment wins */
	assert_string_equal(a.v[2].name, "APP_NAME");
	assert_false(a.v[2].secret);
	drv_kvs_free(&a);
	drv_build_args(&c, true, &a);
	assert_int_equal(a.n, 5);
	assert_string_equal(a.v[3].name, "AWS_ACCESS_KEY_ID");
	assert_true(a.v[3].secret);
	assert_string_equal(a.v[4].value, "sk");
	drv_kvs_free(&a);
	{
		dw_buf f = DW_BUF_INIT;
		dw_strv skipped = DW_STRV_INIT;

		setenv("BUNDLE_Z__COM", "it's", 1);
		setenv("BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/", "http://m", 1);
		drv_bundle_env_file(&f, &skipped);
		/* Sorted, single-quoted, a quote escaped; BUNDLE_ alone is
		 * no variable of Bundler's; a name no shell takes is skipped. */
		assert_string_equal(f.ptr, "BUNDLE_GITHUB__COM='ghp_x'\nBUNDLE_Z__COM='it'\\''s'\n");
		assert_int_equal(skipped.n, 1);
		assert_string_equal(skipped.v[0], "BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/");
		unsetenv("BUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/");
		dw_strv_free(&skipped);
		dw_buf_free(&f);
	}
	unsetenv("NODE_ENV");
	unsetenv("BUNDLE_Z__COM");
	unsetenv("BUNDLE_GITHUB__COM");
	unsetenv("BUNDLE_");
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");
	dw_config_free(&c);
}

/* Masking goes by what a value is: where it came from, its name, its
 * shape; a mask is never lost to a duplicate name. */
static void
build_args_masking(void **state)
{
	dw_config c;
	drv_kvs a = { NULL, 0, 0 };

	(void)state;
	dw_config_init(&c);
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "FROM_ENV", "cfg");
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "PUBLIC_ENV", "cfg");
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "GITHUB_TOKEN", "cfg-token");
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "PLAIN", "AKIAIOSFODNN7EXAMPLE");
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "BUNDLE_GEMS__X__COM", "cfg");
	map_add(&c, DW_CFG_BUILD_ARGS_AT_TOP, "VERSION", "1.2");
	c.v[DW_CFG_BUILD_ARGS_PUBLIC].set = true;
	dw_strv_push(&c.v[DW_CFG_BUILD_ARGS_PUBLIC].list, "PUBLIC_ENV", 10);
	dw_strv_push(&c.v[DW_CFG_BUILD_ARGS_PUBLIC].list, "BUNDLE_GEMS__X__COM", 19);
	setenv("FROM_ENV", "env-value", 1);
	setenv("PUBLIC_ENV", "env-value", 1);
	setenv("BUNDLE_GEMS__X__COM", "env-token", 1);
	drv_build_args(&c, false, &a);
	assert_int_equal(a.n, 6);
	assert_true(a.v[0].secret);   /* from the environment */
	assert_false(a.v[1].secret);  /* ... but named public */
	assert_true(a.v[2].secret);   /* a secret-looking name */
	assert_true(a.v[3].secret);   /* an AWS key id, whatever its name */
	assert_string_equal(a.v[4].name, "BUNDLE_GEMS__X__COM");
	assert_string_equal(a.v[4].value, "env-token");
	assert_true(a.v[4].secret);   /* BUNDLE_ under build_args, even public */
	assert_false(a.v[5].secret);
	drv_kvs_free(&a);
	unsetenv("FROM_ENV");
	unsetenv("PUBLIC_ENV");
	unsetenv("BUNDLE_GEMS__X__COM");
	dw_config_free(&c);

	assert_true(dw_secret_name("npm_token"));
	assert_true(dw_secret_name("DB_PASSWORD"));
	assert_true(dw_secret_name("SSH_PRIVATE_KEY"));
	assert_true(dw_secret_name("STRIPE_APIKEY"));
	assert_false(dw_secret_name("RAILS_ENV"));
	assert_false(dw_secret_name("KEYBOARD"));
	assert_true(dw_secret_value("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
	assert_false(dw_secret_value("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
	assert_true(dw_secret_value("ghp_abc"));
	assert_true(dw_secret_value("https://u:p@gems.example.com/"));
	assert_false(dw_secret_value("https://gems.example.com/a:b@c"));
	assert_true(dw_secret_value("-----BEGIN OPENSSH PRIVATE KEY-----\nx"));
}

static void
aws_credentials_file(void **state)
{
	dw_buf b = DW_BUF_INIT;

	(void)state;
	drv_aws_credentials_file(&b);
	assert_int_equal(b.len, 0);
	setenv("AWS_ACCESS_KEY_ID", "AKIA1", 1);
	setenv("AWS_SESSION_TOKEN", "tok", 1);
	drv_aws_credentials_file(&b);
	assert_string_equal(b.ptr, "[default]\naws_access_key_id = AKIA1\naws_session_token = tok\n");
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SESSION_TOKEN");
	dw_buf_free(&b);
}

/* ---- registries ---------------------------------------------------------------- */

static void
ecr_detection(void **state)
{
	dw_buf r = DW_BUF_INIT;

	(void)state;
	assert_true(drv_ecr_region("123456789012.dkr.ecr.us-east-1.amazonaws.com", &r));
	assert_string_equal(r.ptr, "us-east-1");
	assert_true(drv_ecr_region("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", &r));
	assert_string_equal(r.ptr, "cn-north-1");
	assert_true(drv_ecr_region("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", &r));
	assert_string_equal(r.ptr, "us-gov-west-1");
	assert_false(drv_ecr_region("12345678901.dkr.ecr.us-east-1.amazonaws.com", &r));
	assert_false(drv_ecr_region("123456789012.dkr.ecr..amazonaws.com", &r));
	assert_false(drv_ecr_region("123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io", &r));
	assert_false(drv_ecr_region("public.ecr.aws", &r));
	assert_false(drv_ecr_region("127.0.0.1:5000", &r));
	assert_false(drv_ecr_region("abcdefghijkl.dkr.ecr.us-east-1.amazonaws.com", NULL));
	dw_buf_free(&r);
}

static void
registry_of(void **state)
{
	char *r;

	(void)state;
	r = drv_registry_of("127.0.0.1:5000/app");
	assert_string_equal(r, "127.0.0.1:5000");
	free(r);
	r = drv_registry_of("localhost/a/b");
	assert_string_equal(r, "localhost");
	free(r);
	assert_null(drv_registry_of("library/ruby"));
	assert_null(drv_registry_of("ruby"));
	assert_true(drv_valid_repository("127.0.0.1:5000/app"));
	assert_true(drv_valid_repository("123456789012.dkr.ecr.us-east-1.amazonaws.com/demo-ecr"));
	assert_false(drv_valid_repository("r.example.com/app:tag"));
	assert_false(drv_valid_repository("r.example.com/App"));
	assert_false(drv_valid_repository("r.example.com/app@sha256:00"));
	assert_false(drv_valid_repository("r.example.com/"));
	assert_false(drv_valid_repository(""));
	/* Options cannot be smuggled in as a repository or an image. */
	assert_false(drv_valid_repository("--tls-verify=false"));
	assert_false(drv_valid_repository("-r.example.com/app"));
	assert_true(drv_valid_image("localhost/base:1"));
	assert_false(drv_valid_image("--tls-verify=false"));
	assert_false(drv_valid_image("-x"));
	assert_false(drv_valid_image(""));
	assert_false(drv_valid_image("a b"));
	assert_false(drv_valid_image("a\nb"));
}

static void
auth_files(void **state)
{
	const char *reg = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
	char p[128];

	(void)state;
	assert_false(drv_auth_configured(DRV_BUILDAH, reg));
	tu_put(tmpdir, "auth.json", "{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"eDp5\"}}}");
	snprintf(p, sizeof p, "%s/auth.json", tmpdir);
	setenv("REGISTRY_AUTH_FILE", p, 1);
	assert_false(drv_auth_configured(DRV_PODMAN, reg));
	assert_true(drv_auth_configured(DRV_PODMAN, "127.0.0.1:5000"));
	tu_put(tmpdir, "auth.json", "{\"credHelpers\":{\"123456789012.dkr.ecr.us-east-1.amazonaws.com\":\"ecr-login\"}}");
	assert_true(drv_auth_configured(DRV_BUILDAH, reg));
	/* Docker reads its own file only. */
	assert_false(drv_auth_configured(DRV_DOCKER, reg));
	setenv("DOCKER_CONFIG", tmpdir, 1);
	tu_put(tmpdir, "config.json", "{\"auths\":{\"https://123456789012.dkr.ecr.us-east-1.amazonaws.com\":{}}}");
	assert_true(drv_auth_configured(DRV_DOCKER, reg));
	/* A broken file is "not configured", not a crash. */
	tu_put(tmpdir, "config.json", "{\"auths\": [[[");
	assert_false(drv_auth_configured(DRV_DOCKER, reg));
	unsetenv("DOCKER_CONFIG");
	unsetenv("REGISTRY_AUTH_FILE");
}

/* ---- running commands -------------------------------------------------------------- */

static void
run_commands(void **state)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_buf out = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	drv_cmd_add(&c, "printf");
	drv_cmd_add(&c, "%s;");
	drv_cmd_add(&c, "a b");
	drv_cmd_add(&c, "$(x)");
	assert_int_equal(drv_run(&c, &out, &d), 0);
	assert_string_equal(out.ptr, "a b;$(x);"); /* no shell in between */
	drv_cmd_free(&c);

	drv_cmd_add(&c, "sh");
	drv_cmd_add(&c, "-c");
	drv_cmd_add(&c, "exit 7");
	drv_cmd_add_secret(&c, "PASS=hunter2", 5);
	assert_int_equal(drv_run(&c, NULL, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].message,
	                    "command failed with exit status 7: sh -c 'exit 7' 'PASS=***'");
	drv_cmd_free(&c);

	drv_cmd_add(&c, "dw-no-such-program-here");
	assert_int_equal(drv_run(&c, NULL, &d), -1);
	assert_int_equal(d.n, 2);
	/* Under valgrind the child of posix_spawnp is a real fork whose own
	 * leak check may replace exit status 127 with valgrind's 99. */
	if (getenv("DW_UNDER_VALGRIND") == NULL)
		assert_non_null(strstr(d.v[1].message, "cannot run dw-no-such-program-here"));
	drv_cmd_free(&c);
	dw_diags_free(&d);
	dw_buf_free(&out);
}

/* drv_cmd_setenv reaches the child, and wins over our own value. */
static void
run_with_env(void **state)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;

	(void)state;
	setenv("DW_TEST_SECRET", "ours", 1);
	drv_cmd_add(&c, "sh");
	drv_cmd_add(&c, "-c");
	drv_cmd_add(&c, "printf '%s|%s' \"$DW_TEST_SECRET\" \"$DW_TEST_OTHER\"");
	drv_cmd_setenv(&c, "DW_TEST_SECRET", "the child's");
	drv_cmd_setenv(&c, "DW_TEST_OTHER", "x=y");
	assert_int_equal(drv_run(&c, &out, &d), 0);
	assert_string_equal(dw_buf_cstr(&out), "the child's|x=y");
	assert_string_equal(getenv("DW_TEST_SECRET"), "ours");
	unsetenv("DW_TEST_SECRET");
	drv_cmd_free(&c);
	dw_buf_free(&out);
	dw_diags_free(&d);
}

static void
run_pipe(void **state)
{
	drv_cmd a = DRV_CMD_INIT, b = DRV_CMD_INIT;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	drv_cmd_add(&a, "printf");
	drv_cmd_add(&a, "s3cret");
	drv_cmd_add(&b, "grep");
	drv_cmd_add(&b, "-q");
	drv_cmd_add(&b, "^s3cret$");
	assert_int_equal(drv_run_pipe(&a, &b, &d), 0);
	assert_int_equal(d.n, 0);
	drv_cmd_free(&b);
	drv_cmd_add(&b, "grep");
	drv_cmd_add(&b, "-q");
	drv_cmd_add(&b, "other");
	assert_int_equal(drv_run_pipe(&a, &b, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "exit status 1: grep -q other"));
	drv_cmd_free(&a);
	drv_cmd_add(&a, "false");
	assert_int_equal(drv_run_pipe(&a, &b, &d), -1);
	assert_non_null(strstr(d.v[1].message, "exit status 1: false"));
	drv_cmd_free(&a);
	drv_cmd_free(&b);
	dw_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(tag_tokens, setup_env),
		cmocka_unit_test_setup(tag_squash_and_empty_tokens, setup_env),
		cmocka_unit_test_setup(tag_sanitize, setup_env),
		cmocka_unit_test_setup(clock_source_date_epoch, setup_env),
		cmocka_unit_test_setup(env_name, setup_env),
		cmocka_unit_test_setup_teardown(git_clean_repo, make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(git_dirty_tree, make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(git_detached_head, make_tmp, remove_tmp),
		cmocka_unit_test_setup_teardown(git_none_and_disabled, make_tmp, remove_tmp),
		cmocka_unit_test_setup(argv_build_each_builder, setup_env),
		cmocka_unit_test_setup(argv_buildctl, setup_env),
		cmocka_unit_test_setup(cache_specs, setup_env),
		cmocka_unit_test_setup(argv_mask, setup_env),
		cmocka_unit_test_setup(argv_tag_push_pull_login, setup_env),
		cmocka_unit_test_setup(builder_names, setup_env),
		cmocka_unit_test_setup_teardown(builder_auto, make_tmp, remove_tmp),
		cmocka_unit_test_setup(build_args_from_config, setup_env),
		cmocka_unit_test_setup(build_args_masking, setup_env),
		cmocka_unit_test_setup(aws_credentials_file, setup_env),
		cmocka_unit_test_setup(ecr_detection, setup_env),
		cmocka_unit_test_setup(registry_of, setup_env),
		cmocka_unit_test_setup_teardown(auth_files, make_tmp, remove_tmp),
		cmocka_unit_test_setup(run_commands, setup_env),
		cmocka_unit_test_setup(run_with_env, setup_env),
		cmocka_unit_test_setup(run_pipe, setup_env),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
