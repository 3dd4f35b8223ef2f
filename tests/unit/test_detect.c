/* SPDX-License-Identifier: MIT */
/*
 * test_detect.c - app loading, framework, Ruby version, platform checks,
 * rules/gems.yaml and package resolution.
 */
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

#include "detect.h"
#include "util.h"

/* ---- helpers ---------------------------------------------------------- */

struct tmpapp {
	char dir[64];
	dw_app app;
	dw_diags d;
};

/* An app from (name, text) pairs, NULL-terminated; loaded, no errors. */
static struct tmpapp *
app_new(const char *first, ...)
{
	struct tmpapp *t = calloc(1, sizeof *t);
	va_list ap;

	snprintf(t->dir, sizeof t->dir, "/tmp/dw-test-detect-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	va_start(ap, first);
	for (const char *name = first; name; name = va_arg(ap, const char *))
		tu_put(t->dir, name, va_arg(ap, const char *));
	va_end(ap);
	assert_int_equal(dw_app_load(&t->app, t->dir, &t->d), 0);
	assert_int_equal(dw_diags_count(&t->d, DW_SEV_ERROR), 0);
	return t;
}

static void
app_done(struct tmpapp *t)
{
	static const char *const names[] = {
		"Gemfile", "Gemfile.lock", ".ruby-version", ".tool-versions", "config/.ruby-version",
		"config",
	};
	char path[256];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", t->dir, names[i]);
		unlink(path);
		rmdir(path);
	}
	rmdir(t->dir);
	dw_app_free(&t->app);
	dw_diags_free(&t->d);
	free(t);
}

static void
set_str(dw_config *c, dw_ckey k, const char *s)
{
	c->v[k].set = true;
	free(c->v[k].s);
	c->v[k].s = strdup(s);
}

static void
set_bool(dw_config *c, dw_ckey k, bool b)
{
	c->v[k].set = true;
	free(c->v[k].s);
	c->v[k].s = NULL;
	c->v[k].b = b;
}

static void
add_list(dw_config *c, dw_ckey k, const char *s)
{
	c->v[k].set = true;
	dw_strv_push(&c->v[k].list, s, strlen(s));
}

/* "path:line:col: severity: message" of diagnostic i. */
static char *
diag_text(const dw_diags *d, size_t i)
{
	dw_buf b = DW_BUF_INIT;

	assert_true(i < d->n);
	dw_diag_format(&d->v[i], &b);
	return dw_buf_detach(&b);
}

static bool
diag_has(const dw_diags *d, size_t i, const char *needle)
{
	char *s = diag_text(d, i);
	bool ok = strstr(s, needle) != NULL;

	if (!ok)
		print_error("diagnostic '%s' lacks '%s'\n", s, needle);
	free(s);
	return ok;
}

#define LOCK_HEAD "GEM\n  remote: https://rubygems.org/\n  specs:\n"

/* A lock whose specs are the given gems and whose DEPENDENCIES are the
 * same. */
static char *
lock_of(const char *const *gems, size_t n, const char *extra)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_puts(&b, LOCK_HEAD);
	for (size_t i = 0; i < n; i++)
		dw_buf_printf(&b, "    %s (1.0.0)\n", gems[i]);
	dw_buf_puts(&b, "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n");
	for (size_t i = 0; i < n; i++)
		dw_buf_printf(&b, "  %s\n", gems[i]);
	if (extra)
		dw_buf_puts(&b, extra);
	return dw_buf_detach(&b);
}

/* ---- app loading ------------------------------------------------------ */

static void
load_missing_files(void **state)
{
	struct tmpapp *t = app_new(NULL);

	(void)state;
	assert_false(t->app.has_gemfile);
	assert_null(t->app.lock);
	assert_null(t->app.ruby_version_file);
	assert_null(t->app.tool_versions_ruby);
	assert_int_equal(t->d.n, 0);
	app_done(t);
}

static void
load_files(void **state)
{
	struct tmpapp *t = app_new("Gemfile", "ruby file: '.tool-versions'\ngem 'rack'\n",
	                           ".ruby-version", "\n  ruby-3.3.5  \n",
	                           ".tool-versions", "nodejs 20.1.0\n# ruby 1.0\nruby 3.3.4 3.2.0\n",
	                           NULL);

	(void)state;
	assert_true(t->app.has_gemfile);
	assert_string_equal(t->app.gemfile.gems.v[0], "rack");
	assert_string_equal(t->app.ruby_version_file, "ruby-3.3.5");
	assert_string_equal(t->app.tool_versions_ruby, "3.3.4");
	assert_int_equal(t->app.tool_versions_line, 3);
	assert_string_equal(t->app.ruby_file_version, "3.3.4");
	app_done(t);
}

static void
load_errors(void **state)
{
	char dir[] = "/tmp/dw-test-detect-XXXXXX";
	char path[128];
	dw_app app;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* A Gemfile.lock that cannot be read (here a directory) is an error. */
	snprintf(path, sizeof path, "%s/Gemfile.lock", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(dw_app_load(&app, dir, &d), -1);
	assert_true(diag_has(&d, 0, "Gemfile.lock: error: is a directory"));
	dw_app_free(&app);
	dw_diags_free(&d);
	rmdir(path);
	/* A malformed lock is an error at its line. */
	tu_put(dir, "Gemfile.lock", "GEM\n  specs:\n    rack\n");
	assert_int_equal(dw_app_load(&app, dir, &d), -1);
	assert_true(diag_has(&d, 0, "Gemfile.lock:3:9: error: spec 'rack' needs a version"));
	dw_app_free(&app);
	dw_diags_free(&d);
	unlink(path);
	rmdir(dir);
}

/* ---- framework -------------------------------------------------------- */

static void
check_fw(const char *const *gems, size_t n, const char *name, const char *env,
         const char *reason_part)
{
	char *lock = lock_of(gems, n, NULL);
	struct tmpapp *t = app_new("Gemfile.lock", lock, NULL);
	dw_framework fw;

	dw_detect_framework(&t->app, &fw);
	if (name) {
		assert_non_null(fw.name);
		assert_string_equal(fw.name, name);
		assert_string_equal(fw.env_var, env);
	} else {
		assert_null(fw.name);
		assert_null(fw.env_var);
	}
	assert_non_null(strstr(fw.reason, reason_part));
	app_done(t);
	free(lock);
}

static void
framework_each(void **state)
{
	static const char *const rails[] = { "puma", "rack", "rails" };
	static const char *const railties[] = { "railties" };
	static const char *const hanami[] = { "rack", "hanami", "sinatra" };
	static const char *const sinatra[] = { "puma", "sinatra" };
	static const char *const rack[] = { "rack" };
	static const char *const puma[] = { "puma", "aws-sdk-s3" };
	static const char *const none[] = { "aws-sdk-dynamodb" };

	(void)state;
	check_fw(rails, 3, "rails", "RAILS_ENV", "rails is a direct dependency");
	check_fw(railties, 1, "rails", "RAILS_ENV", "railties");
	check_fw(hanami, 3, "hanami", "HANAMI_ENV", "hanami is a direct dependency");
	check_fw(sinatra, 2, "sinatra", "RACK_ENV", "sinatra");
	check_fw(rack, 1, "rack", "RACK_ENV", "rack is a direct dependency");
	check_fw(puma, 2, "rack", "RACK_ENV", "puma, a Rack server");
	check_fw(none, 1, NULL, NULL, "none of rails");
}

static void
framework_gemfile_fallback(void **state)
{
	struct tmpapp *t = app_new("Gemfile", "gem 'rack'\ngem 'sinatra'\ngem 'lamby'\n", NULL);
	dw_framework fw;

	(void)state;
	dw_detect_framework(&t->app, &fw);
	assert_string_equal(fw.name, "sinatra");
	assert_non_null(strstr(fw.reason, "Gemfile (no Gemfile.lock)"));
	app_done(t);

	t = app_new(NULL);
	dw_detect_framework(&t->app, &fw);
	assert_null(fw.name);
	assert_non_null(strstr(fw.reason, "no Gemfile"));
	app_done(t);
}

/* ---- Ruby version ----------------------------------------------------- */

static void
expect_ruby(struct tmpapp *t, const dw_config *c, const char *version, const char *source,
            size_t warnings)
{
	dw_ruby rb;

	dw_detect_ruby(&t->app, c, &rb, &t->d);
	assert_string_equal(rb.version, version);
	assert_string_equal(rb.source, source);
	if (t->d.n != warnings)
		for (size_t i = 0; i < t->d.n; i++) {
			char *s = diag_text(&t->d, i);

			print_error("unexpected: %s\n", s);
			free(s);
		}
	assert_int_equal(t->d.n, warnings);
	dw_ruby_free(&rb);
}

static void
ruby_each_source(void **state)
{
	struct tmpapp *t;
	dw_config c;

	(void)state;
	t = app_new(NULL);
	expect_ruby(t, NULL, "3.2.3", "default", 0);
	app_done(t);

	t = app_new(".ruby-version", "ruby-3.3.5\n", NULL);
	expect_ruby(t, NULL, "3.3.5", ".ruby-version", 0);
	app_done(t);

	t = app_new(".ruby-version", "3.3.5\n", ".tool-versions", "ruby 3.3.5\n", NULL);
	expect_ruby(t, NULL, "3.3.5", ".tool-versions", 0);
	app_done(t);

	t = app_new("Gemfile.lock", "RUBY VERSION\n   ruby 3.3.6p108\n", ".ruby-version", "3.3.6", NULL);
	expect_ruby(t, NULL, "3.3.6", "Gemfile.lock", 0);
	app_done(t);

	t = app_new("Gemfile", "ruby '3.4.1'\n", "Gemfile.lock", "RUBY VERSION\n   ruby 3.4.1p0\n", NULL);
	expect_ruby(t, NULL, "3.4.1", "Gemfile", 0);
	app_done(t);

	t = app_new("Gemfile", "ruby file: '.ruby-version'\n", ".ruby-version", "3.4.2\n", NULL);
	expect_ruby(t, NULL, "3.4.2", "Gemfile", 0);
	app_done(t);

	/* A UTF-8 byte order mark, as Windows editors write it, is skipped. */
	t = app_new(".ruby-version", "\xEF\xBB\xBF" "3.3.5\r\n", NULL);
	expect_ruby(t, NULL, "3.3.5", ".ruby-version", 0);
	app_done(t);
	t = app_new(".tool-versions", "\xEF\xBB\xBF" "ruby 3.3.4\n", NULL);
	expect_ruby(t, NULL, "3.3.4", ".tool-versions", 0);
	app_done(t);

	dw_config_init(&c);
	set_str(&c, DW_CFG_IMAGE_FROM_RUBY_VERSION, "3.3.6");
	t = app_new(NULL);
	expect_ruby(t, &c, "3.3.6", "dockwright.yml", 0);
	app_done(t);
	dw_config_free(&c);

	dw_config_init(&c);
	set_str(&c, DW_CFG_IMAGE_FROM_DOCKER_IMAGE, "docker.io/library/ruby:3.3.7-slim-bookworm");
	set_str(&c, DW_CFG_IMAGE_FROM_IMAGE_TAG, "3.3.7-slim");
	t = app_new(NULL);
	expect_ruby(t, &c, "3.3.7", "dockwright.yml", 0);
	app_done(t);
	dw_config_free(&c);

	/* A docker_image that is not a Ruby image says nothing. */
	dw_config_init(&c);
	set_str(&c, DW_CFG_IMAGE_FROM_DOCKER_IMAGE, "myorg/app:1.2.3");
	t = app_new(NULL);
	expect_ruby(t, &c, "3.2.3", "default", 0);
	app_done(t);
	dw_config_free(&c);

	/* zip reads the zip_package keys and ignores the image ones. */
	dw_config_init(&c);
	set_str(&c, DW_CFG_PACKAGE_TYPE, "zip");
	set_str(&c, DW_CFG_IMAGE_FROM_RUBY_VERSION, "3.1.0");
	set_str(&c, DW_CFG_ZIP_FROM_DOCKER_IMAGE, "public.ecr.aws/lambda/ruby:3.3");
	t = app_new(".ruby-version", "3.3.6\n", NULL);
	expect_ruby(t, &c, "3.3", "dockwright.yml", 0);
	app_done(t);
	dw_config_free(&c);
}

static void
ruby_disagreement(void **state)
{
	struct tmpapp *t;
	char *s;

	(void)state;
	t = app_new("Gemfile", "source 'x'\nruby '2.4.4'\n", ".ruby-version", "3.3.0\n",
	            "Gemfile.lock", "RUBY VERSION\n   ruby 2.4.4p296\n", NULL);
	expect_ruby(t, NULL, "2.4.4", "Gemfile", 1);
	s = diag_text(&t->d, 0);
	assert_non_null(strstr(s, "/.ruby-version:1:1: warning: Gemfile says ruby 2.4.4 but "
	                          ".ruby-version says 3.3.0; using 2.4.4"));
	free(s);
	assert_int_equal(t->d.v[0].sev, DW_SEV_WARNING);
	app_done(t);

	/* 3.3 and 3.3.6 agree: only what both say is compared. */
	t = app_new(".tool-versions", "ruby 3.3\n", ".ruby-version", "3.3.6\n", NULL);
	expect_ruby(t, NULL, "3.3", ".tool-versions", 0);
	app_done(t);

	/* Unusable text is a warning and is skipped. */
	t = app_new(".ruby-version", "jruby-9.4.5.0\n", NULL);
	expect_ruby(t, NULL, "3.2.3", "default", 1);
	assert_true(diag_has(&t->d, 0, "\"jruby-9.4.5.0\" is not a Ruby version"));
	app_done(t);
}

static void
ruby_requirement(void **state)
{
	struct tmpapp *t;

	(void)state;
	/* A requirement takes the lock's version when it satisfies it. */
	t = app_new("Gemfile", "ruby '~> 3.3'\n", "Gemfile.lock", "RUBY VERSION\n   ruby 3.3.6p108\n",
	            NULL);
	expect_ruby(t, NULL, "3.3.6", "Gemfile.lock", 0);
	app_done(t);

	/* Else the next source that does, with a warning for the lock. */
	t = app_new("Gemfile", "ruby '~> 3.3'\n", "Gemfile.lock", "RUBY VERSION\n   ruby 3.2.2p53\n",
	            ".ruby-version", "3.3.4\n", NULL);
	expect_ruby(t, NULL, "3.3.4", ".ruby-version", 1);
	assert_true(diag_has(&t->d, 0, "Gemfile.lock:2:1: warning: .ruby-version says ruby 3.3.4 "
	                               "but Gemfile.lock says 3.2.2"));
	app_done(t);

	/* Nothing satisfies it: a warning at the Gemfile's ruby line. */
	t = app_new("Gemfile", "\n\nruby '>= 3.4'\n", ".ruby-version", "3.3.4\n", NULL);
	expect_ruby(t, NULL, "3.3.4", ".ruby-version", 1);
	assert_true(diag_has(&t->d, 0, "Gemfile:3:1: warning: Gemfile requires ruby '>= 3.4' but "
	                               ".ruby-version says 3.3.4"));
	app_done(t);

	/* A Gemfile file: that is missing. */
	t = app_new("Gemfile", "ruby file: 'config/.ruby-version'\n", NULL);
	expect_ruby(t, NULL, "3.2.3", "default", 1);
	assert_true(diag_has(&t->d, 0, "has no Ruby version"));
	app_done(t);
}

/* ---- platforms -------------------------------------------------------- */

static char *
srcdir_path(const char *rel)
{
	const char *src = getenv("DW_SRCDIR");
	dw_buf b = DW_BUF_INIT;

	dw_buf_printf(&b, "%s/testdata/lockfiles/%s", src && *src ? src : ".", rel);
	return dw_buf_detach(&b);
}

static void
platforms_darwin_only(void **state)
{
	char *dir = srcdir_path("darwin-only");
	dw_app app;
	dw_diags d = DW_DIAGS_INIT;
	dw_config c;

	(void)state;
	assert_int_equal(dw_app_load(&app, dir, &d), 0);
	/* Bundler's deployment mode refuses it: an error with the exact fix. */
	assert_int_equal(dw_detect_platforms(&app, NULL, &d), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].sev, DW_SEV_ERROR);
	assert_true(diag_has(&d, 0, "darwin-only/Gemfile.lock:9:1: error: Gemfile.lock has neither "
	                            "x86_64-linux nor ruby (PLATFORMS: arm64-darwin-23)"));
	assert_true(diag_has(&d, 0, "`bundle lock --add-platform x86_64-linux`"));
	dw_diags_free(&d);
	/* For an arm64 image the platform to add is aarch64-linux. */
	dw_config_init(&c);
	free(c.v[DW_CFG_DOCKER_PLATFORM].s);
	c.v[DW_CFG_DOCKER_PLATFORM].s = strdup("linux/arm64");
	c.v[DW_CFG_DOCKER_PLATFORM].set = true;
	assert_int_equal(dw_detect_platforms(&app, &c, &d), -1);
	assert_true(diag_has(&d, 0, "`bundle lock --add-platform aarch64-linux`"));
	dw_diags_free(&d);
	dw_config_free(&c);
	/* force_ruby_platform cannot help: the lock has no ruby platform. */
	dw_config_init(&c);
	set_bool(&c, DW_CFG_FORCE_RUBY_PLATFORM, true);
	assert_int_equal(dw_detect_platforms(&app, &c, &d), -1);
	assert_true(diag_has(&d, 0, "force_ruby_platform needs the ruby platform"));
	assert_true(diag_has(&d, 0, "`bundle lock --add-platform ruby`"));
	dw_diags_free(&d);
	dw_config_free(&c);
	dw_app_free(&app);
	free(dir);
}

static void
platforms_darwin_gem(void **state)
{
	char *dir = srcdir_path("darwin-gem");
	dw_app app;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(dw_app_load(&app, dir, &d), 0);
	dw_detect_platforms(&app, NULL, &d);
	assert_int_equal(d.n, 1);
	assert_true(diag_has(&d, 0, "Gemfile.lock:4:1: warning: nokogiri 1.16.0 is locked only for "
	                            "arm64-darwin, x86_64-darwin"));
	assert_true(diag_has(&d, 0, "--add-platform x86_64-linux`"));
	assert_false(diag_has(&d, 0, "force_ruby_platform"));
	dw_diags_free(&d);
	dw_app_free(&app);
	free(dir);
}

static void
platforms_fine(void **state)
{
	char *full = tu_srcfile("testdata/lockfiles/full.lock", NULL);
	struct tmpapp *t = app_new("Gemfile.lock", full, NULL);
	struct tmpapp *u = app_new("Gemfile.lock",
	                           LOCK_HEAD "    nokogiri (1.16.0-x86_64-linux)\n    puma (6.4.2-java)\n"
	                           "\nPLATFORMS\n  x86_64-linux\n  java\n", NULL);

	(void)state;
	/* full.lock: sqlite3 has a Linux spec, nokogiri a ruby one. */
	dw_detect_platforms(&t->app, NULL, &t->d);
	assert_int_equal(t->d.n, 0);
	/* java-only gems are JRuby-only dependencies, not a Linux problem. */
	dw_detect_platforms(&u->app, NULL, &u->d);
	assert_int_equal(u->d.n, 0);
	app_done(t);
	app_done(u);
	free(full);
}

/* ---- rules/gems.yaml -------------------------------------------------- */

static void
gemmap_builtin(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_gemmap *m = dw_gemmap_load(NULL, &d);

	(void)state;
	assert_non_null(m);
	assert_int_equal(d.n, 0);
	dw_gemmap_free(m);
	m = dw_gemmap_load("/nonexistent/gems.yaml", &d);
	assert_null(m);
	assert_true(diag_has(&d, 0, "/nonexistent/gems.yaml: error: cannot open"));
	dw_diags_free(&d);
}

static void
gemmap_errors(void **state)
{
	static const struct { const char *src, *err; } cases[] = {
		{ "rules:\n  - gem: pg\n    apt: { build: [libpq-dev], runtme: [libpq5] }\n",
		  "rules/gems.yaml:3:32: error: unknown key 'runtme' (expected build, runtime or unavailable)" },
		{ "rules:\n  - gem: rmagick\n    dnf: { unavailable: \"\" }\n",
		  "rules/gems.yaml:3:25: error: unavailable: needs a reason" },
		{ "rules:\n  - gem: pg\n    zypper: {}\n",
		  "rules/gems.yaml:3:5: error: unknown key 'zypper'" },
		{ "rules:\n  - apt: { build: [x] }\n",
		  "rules/gems.yaml:2:5: error: a rule needs one of gem:, source: or base:" },
		{ "rules:\n  - gem: pg\n    base: x\n",
		  "rules/gems.yaml:3:5: error: 'base': a rule has exactly one of gem, source and base" },
		{ "rules:\n  - gem: pg\n    when: always\n",
		  "rules/gems.yaml:3:11: error: when: must be ruby_platform" },
		{ "rules:\n  - gem: psych\n    version: \"five\"\n",
		  "rules/gems.yaml:3:14: error: version: must be a RubyGems requirement" },
		{ "rules:\n  - gem: pg\n    apt: { build: [\"lib pq\"] }\n",
		  "rules/gems.yaml:3:20: error: expected a package name" },
		{ "rules:\n  - gem: \"p g\"\n", "rules/gems.yaml:2:10: error: expected a gem name" },
		{ "rules:\n  - source: svn\n", "rules/gems.yaml:2:13: error: source: must be git" },
		{ "rules: {}\n", "rules/gems.yaml:1:8: error: rules: must be a list" },
		{ "gems: []\n", "rules/gems.yaml:1:1: error: unknown key 'gems' (expected rules)" },
		{ "- a\n", "rules/gems.yaml:1:1: error: expected a map with a rules: list" },
		{ "rules: [\n", "rules/gems.yaml:2:1: error:" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dw_diags d = DW_DIAGS_INIT;
		dw_gemmap *m = dw_gemmap_parse(cases[i].src, strlen(cases[i].src), "rules/gems.yaml", &d);

		assert_null(m);
		assert_true(d.n >= 1);
		if (!diag_has(&d, 0, cases[i].err))
			fail_msg("case %zu", i);
		dw_diags_free(&d);
	}
}

/* ---- packages --------------------------------------------------------- */

static const dw_pkg *
find_pkg(const dw_pkgs *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return &p->v[i];
	return NULL;
}

/* All reasons of a package, joined by "; ", or NULL when absent. */
static char *
reasons(const dw_pkgs *p, const char *name)
{
	const dw_pkg *k = find_pkg(p, name);
	dw_buf b = DW_BUF_INIT;

	if (!k)
		return NULL;
	for (size_t i = 0; i < k->reasons.n; i++)
		dw_buf_printf(&b, "%s%s", i ? "; " : "", k->reasons.v[i]);
	return dw_buf_detach(&b);
}

static void
expect_reasons(const dw_pkgs *p, const char *name, const char *want)
{
	char *got = reasons(p, name);

	if (!want) {
		assert_null(got);
		return;
	}
	if (!got)
		fail_msg("package %s missing", name);
	assert_string_equal(got, want);
	free(got);
}

static void
sorted(const dw_pkgs *p)
{
	for (size_t i = 1; i < p->n; i++)
		assert_true(strcmp(p->v[i - 1].name, p->v[i].name) < 0);
}

/*
 * What the package tests share: an app of one file, the built-in gem map,
 * and the lists the last detection gave (b: build stage, r: deployment).
 * Zeroed to start; dw_pkgs_free leaves a list zeroed again.
 */
struct pkgrun {
	struct tmpapp *t;
	dw_gemmap *m;
	dw_diags d;
	dw_pkgs b, r;
};

/* A new app of one file (name, text); the map is loaded once. */
static void
run_app(struct pkgrun *p, const char *name, const char *text)
{
	dw_pkgs_free(&p->b);
	dw_pkgs_free(&p->r);
	if (p->t)
		app_done(p->t);
	if (p->m == NULL) {
		p->m = dw_gemmap_load(NULL, &p->d);
		assert_non_null(p->m);
	}
	p->t = app_new(name, text, NULL);
}

/* An app whose Gemfile.lock holds these gems. */
static void
run_gems(struct pkgrun *p, const char *const *gems, size_t n)
{
	char *lock = lock_of(gems, n, NULL);

	run_app(p, "Gemfile.lock", lock);
	free(lock);
}

static void
run_detect(struct pkgrun *p, const dw_config *c, dw_distro dist, dw_diags *missing)
{
	dw_pkgs_free(&p->b);
	dw_pkgs_free(&p->r);
	dw_detect_packages(&p->t->app, c, p->m, dist, &p->b, &p->r, missing);
}

static void
run_done(struct pkgrun *p)
{
	dw_pkgs_free(&p->b);
	dw_pkgs_free(&p->r);
	if (p->t)
		app_done(p->t);
	dw_gemmap_free(p->m);
	dw_diags_free(&p->d);
}

static void
packages_transitive(void **state)
{
	char *full = tu_srcfile("testdata/lockfiles/full.lock", NULL);
	struct pkgrun p = { 0 };

	(void)state;
	run_app(&p, "Gemfile.lock", full);
	free(full);
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	sorted(&p.b);
	sorted(&p.r);
	expect_reasons(&p.b, "build-essential", "base: build tools");
	expect_reasons(&p.b, "git", "gem widget (git source); gem gadget (git source)");
	expect_reasons(&p.b, "libpq-dev", "gem pg (via billing)");
	expect_reasons(&p.r, "libpq5", "gem pg (via billing)");
	expect_reasons(&p.r, "libvips42", "gem image_processing; gem ruby-vips (via image_processing)");
	expect_reasons(&p.r, "imagemagick", "gem mini_magick (via image_processing)");
	expect_reasons(&p.b, "libffi-dev", "gem ffi (via image_processing)");
	/* nokogiri and sqlite3 have precompiled Linux specs. */
	expect_reasons(&p.b, "libxml2-dev", NULL);
	expect_reasons(&p.b, "libsqlite3-dev", NULL);
	/* Runtime libraries are not in the build list, nor headers in deploy. */
	assert_null(find_pkg(&p.b, "libpq5"));
	assert_null(find_pkg(&p.r, "libpq-dev"));
	assert_null(find_pkg(&p.r, "build-essential"));
	assert_int_equal(p.b.n, 4);
	assert_int_equal(p.r.n, 4);
	run_done(&p);
}

static void
packages_families(void **state)
{
	static const char *const gems[] = { "pg", "psych" };
	struct pkgrun p = { 0 };

	(void)state;
	run_gems(&p, gems, 2);
	run_detect(&p, NULL, DW_DISTRO_AL2, NULL);
	expect_reasons(&p.b, "postgresql-devel", "gem pg");
	expect_reasons(&p.r, "postgresql-libs", "gem pg");
	expect_reasons(&p.b, "gcc", "base: build tools");
	/* psych 1.0.0 is below the ">= 5" of its rule. */
	assert_null(find_pkg(&p.b, "libyaml-devel"));
	assert_null(find_pkg(&p.b, "libpq-devel"));
	run_detect(&p, NULL, DW_DISTRO_AL2023, NULL);
	expect_reasons(&p.b, "libpq-devel", "gem pg");
	expect_reasons(&p.r, "libpq", "gem pg");
	assert_null(find_pkg(&p.b, "postgresql-devel"));

	run_app(&p, "Gemfile.lock", LOCK_HEAD "    psych (5.1.2)\n\nDEPENDENCIES\n  psych\n");
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	expect_reasons(&p.b, "libyaml-dev", "gem psych");
	expect_reasons(&p.r, "libyaml-0-2", "gem psych");
	run_done(&p);
}

static void
packages_config(void **state)
{
	char *full = tu_srcfile("testdata/lockfiles/full.lock", NULL);
	struct pkgrun p = { 0 };
	dw_config c;

	(void)state;
	run_app(&p, "Gemfile.lock", full);
	free(full);
	dw_config_init(&c);
	set_bool(&c, DW_CFG_AUTO_PACKAGES, false);
	add_list(&c, DW_CFG_APT_ALL_STAGES, "curl");
	add_list(&c, DW_CFG_APT_BUILD_STAGE, "libpq-dev");
	add_list(&c, DW_CFG_APT_DEPLOYMENT_STAGE, "tzdata");
	add_list(&c, DW_CFG_YUM_BUILD_STAGE, "not-for-apt");
	run_detect(&p, &c, DW_DISTRO_BOOKWORM, NULL);
	sorted(&p.b);
	sorted(&p.r);
	assert_int_equal(p.b.n, 3);
	expect_reasons(&p.b, "build-essential", "base: build tools");
	expect_reasons(&p.b, "curl", "dockerfile.apt.packages.all_stages");
	expect_reasons(&p.b, "libpq-dev", "dockerfile.apt.packages.build_stage");
	assert_int_equal(p.r.n, 2);
	expect_reasons(&p.r, "curl", "dockerfile.apt.packages.all_stages");
	expect_reasons(&p.r, "tzdata", "dockerfile.apt.packages.deployment_stage");

	/* auto on again: a configured package also detected keeps both
	 * reasons; force_ruby_platform brings nokogiri's and sqlite3's. */
	set_bool(&c, DW_CFG_AUTO_PACKAGES, true);
	set_bool(&c, DW_CFG_FORCE_RUBY_PLATFORM, true);
	run_detect(&p, &c, DW_DISTRO_BOOKWORM, NULL);
	expect_reasons(&p.b, "libpq-dev", "gem pg (via billing); dockerfile.apt.packages.build_stage");
	expect_reasons(&p.b, "libxml2-dev", "gem nokogiri");
	expect_reasons(&p.b, "libsqlite3-dev", "gem sqlite3");
	expect_reasons(&p.b, "not-for-apt", NULL);
	run_detect(&p, &c, DW_DISTRO_AL2023, NULL);
	expect_reasons(&p.b, "not-for-apt", "dockerfile.yum.packages.build_stage");
	dw_config_free(&c);
	run_done(&p);
}

static void
packages_without_lock(void **state)
{
	struct pkgrun p = { 0 };

	(void)state;
	run_app(&p, "Gemfile", "gem 'pg'\ngem 'nokogiri'\n");
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	expect_reasons(&p.b, "libpq-dev", "gem pg");
	/* Without a lock, nokogiri may well be compiled: its headers come. */
	expect_reasons(&p.b, "libxml2-dev", "gem nokogiri");
	run_done(&p);
}

/* ---- distributions ---------------------------------------------------- */

/* ruby:3.0.0 and 3.0.1 are Debian 10, whose archive apt can no longer
 * reach; every later release is not. */
static void
ruby_tag_on_buster(void **state)
{
	(void)state;
	assert_true(dw_ruby_tag_on_buster("3.0.0", "slim"));
	assert_true(dw_ruby_tag_on_buster("3.0.1", NULL));
	assert_true(dw_ruby_tag_on_buster("3.0", "slim-buster"));
	assert_false(dw_ruby_tag_on_buster("3.0.2", "slim"));
	assert_false(dw_ruby_tag_on_buster("3.1.0", "slim"));
	assert_false(dw_ruby_tag_on_buster("3.0.1", "slim-bookworm"));
	assert_false(dw_ruby_tag_on_buster("latest", NULL));
	assert_false(dw_ruby_tag_on_buster(NULL, "slim"));
	assert_true(dw_image_on_buster("docker.io/library/ruby:3.0.1-slim"));
	/* The variant after the version is no part of it (3.0.2-slim is not
	 * a pre-release of 3.0.2). */
	assert_false(dw_image_on_buster("docker.io/library/ruby:3.0.2-slim"));
	assert_false(dw_ruby_tag_on_buster("3.0.2-slim", NULL));
	assert_false(dw_image_on_buster("myorg/ruby:3.0.1"));
	assert_false(dw_image_on_buster("docker.io/library/ruby:3.3.6-slim"));
}

static void
distro_of_ruby_tag(void **state)
{
	static const struct {
		const char *tag, *variant;
		dw_distro want;
	} cases[] = {
		{ "3.4.5", "slim", DW_DISTRO_TRIXIE },
		{ "3.4.4", "slim", DW_DISTRO_BOOKWORM },
		{ "3.3.9", "slim", DW_DISTRO_TRIXIE },
		{ "3.3.10", "slim", DW_DISTRO_TRIXIE },
		{ "3.3.8", "slim", DW_DISTRO_BOOKWORM },
		{ "3.3.6", NULL, DW_DISTRO_BOOKWORM },
		{ "3.2.9", "slim", DW_DISTRO_TRIXIE },
		{ "3.2.8", "slim", DW_DISTRO_BOOKWORM },
		{ "3.1.7", "slim", DW_DISTRO_BOOKWORM },
		{ "3.0.7", "slim", DW_DISTRO_BOOKWORM },
		{ "4.0.0", "slim", DW_DISTRO_TRIXIE },
		{ "3.3", "slim", DW_DISTRO_TRIXIE },      /* floating: the newest 3.3 */
		{ "3.1", "slim", DW_DISTRO_BOOKWORM },    /* 3.1 ended on bookworm */
		{ "3.4.7", "slim-bookworm", DW_DISTRO_BOOKWORM },
		{ "3.2.4", "slim-trixie", DW_DISTRO_TRIXIE },
		{ "3.3-bookworm", NULL, DW_DISTRO_BOOKWORM },
		{ "latest", NULL, DW_DISTRO_TRIXIE },
		{ NULL, "slim", DW_DISTRO_TRIXIE },
		{ "3", "slim", DW_DISTRO_TRIXIE },        /* floating: the newest 3 */
		/* Releases superseded before June 2023 stayed on Debian 11. */
		{ "3.0.2", "slim", DW_DISTRO_BULLSEYE },
		{ "3.0.5", "slim", DW_DISTRO_BULLSEYE },
		{ "3.0.6", "slim", DW_DISTRO_BOOKWORM },
		{ "3.1.0", "slim", DW_DISTRO_BULLSEYE },
		{ "3.1.3", NULL, DW_DISTRO_BULLSEYE },
		{ "3.1.4", "slim", DW_DISTRO_BOOKWORM },
		{ "3.2.1", "slim", DW_DISTRO_BULLSEYE },
		{ "3.2.2", "slim", DW_DISTRO_BOOKWORM },
		{ "3.2.4", "slim-bullseye", DW_DISTRO_BULLSEYE },
		{ "3.1.2-slim", NULL, DW_DISTRO_BULLSEYE },
		{ "3.1.4-slim", NULL, DW_DISTRO_BOOKWORM },
		{ "3.2.9-slim", NULL, DW_DISTRO_TRIXIE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *why = NULL;

		if (dw_distro_of_ruby_tag(cases[i].tag, cases[i].variant, &why) != cases[i].want)
			fail_msg("ruby:%s-%s is not %s", cases[i].tag ? cases[i].tag : "(none)",
			         cases[i].variant ? cases[i].variant : "", dw_distro_name(cases[i].want));
		assert_non_null(why);
	}
	/* Whole references: only the docker-library ruby image tells. */
	{
		const char *why;
		dw_distro d;

		assert_true(dw_distro_of_image("ruby:3.4.7-slim", &d, &why));
		assert_int_equal(d, DW_DISTRO_TRIXIE);
		assert_true(dw_distro_of_image("docker.io/library/ruby:3.3.6-slim", &d, &why));
		assert_int_equal(d, DW_DISTRO_BOOKWORM);
		assert_false(dw_distro_of_image("myorg/ruby:3.4.7", &d, &why));
		assert_false(dw_distro_of_image("localhost/dw-e2e-ruby:3.1", &d, &why));
		assert_false(dw_distro_of_image("ruby", &d, &why));
		assert_false(dw_distro_of_image(NULL, &d, &why));
	}
	assert_string_equal(dw_distro_column(DW_DISTRO_TRIXIE), "trixie");
	assert_string_equal(dw_distro_column(DW_DISTRO_BULLSEYE), "bullseye");
	assert_int_equal(dw_distro_parent(DW_DISTRO_BULLSEYE), DW_DISTRO_BOOKWORM);
	assert_string_equal(dw_distro_nodejs(DW_DISTRO_BULLSEYE), "12");
	assert_int_equal(dw_distro_family(DW_DISTRO_TRIXIE), DW_PKG_APT);
	assert_int_equal(dw_distro_family(DW_DISTRO_AL2023), DW_PKG_DNF);
}

/* trixie: sets only the stages whose names changed; the rest is apt's. */
static void
packages_trixie(void **state)
{
	static const char *const gems[] = { "charlock_holmes", "ethon" };
	struct pkgrun p = { 0 };

	(void)state;
	run_gems(&p, gems, 2);
	run_detect(&p, NULL, DW_DISTRO_TRIXIE, NULL);
	expect_reasons(&p.b, "libicu-dev", "gem charlock_holmes");
	expect_reasons(&p.r, "libicu76", "gem charlock_holmes");
	expect_reasons(&p.r, "libcurl4t64", "gem ethon");
	assert_null(find_pkg(&p.r, "libicu72"));
	assert_null(find_pkg(&p.r, "libcurl4"));
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	expect_reasons(&p.r, "libicu72", "gem charlock_holmes");
	expect_reasons(&p.r, "libcurl4", "gem ethon");
	assert_null(find_pkg(&p.r, "libicu76"));
	run_done(&p);
}

/* bullseye: its own names where Debian 11's libraries are older, apt's
 * for the rest. */
static void
packages_bullseye(void **state)
{
	static const char *const gems[] = { "fiddle", "pg", "trilogy", "charlock_holmes" };
	struct pkgrun p = { 0 };

	(void)state;
	run_gems(&p, gems, 4);
	run_detect(&p, NULL, DW_DISTRO_BULLSEYE, NULL);
	expect_reasons(&p.b, "libffi-dev", "gem fiddle");
	expect_reasons(&p.r, "libffi7", "gem fiddle");
	expect_reasons(&p.r, "libssl1.1", "gem trilogy");
	expect_reasons(&p.r, "libicu67", "gem charlock_holmes");
	expect_reasons(&p.b, "libpq-dev", "gem pg");
	expect_reasons(&p.r, "libpq5", "gem pg");
	assert_null(find_pkg(&p.r, "libffi8"));
	assert_null(find_pkg(&p.r, "libssl3"));
	run_done(&p);
}

/* A distribution that lacks what a gem needs says so instead of naming a
 * package its package manager cannot find. */
static void
packages_unavailable(void **state)
{
	static const char *const gems[] = { "mini_magick", "pg" };
	struct pkgrun p = { 0 };
	dw_diags missing = DW_DIAGS_INIT;

	(void)state;
	run_gems(&p, gems, 2);
	run_detect(&p, NULL, DW_DISTRO_AL2023, &missing);
	assert_int_equal(missing.n, 1);
	assert_int_equal(missing.v[0].sev, DW_SEV_ERROR);
	assert_int_equal(missing.v[0].span.start.line, 4);  /* mini_magick's spec */
	assert_non_null(strstr(missing.v[0].message, "gem mini_magick: ImageMagick is not in"));
	assert_null(find_pkg(&p.r, "ImageMagick"));
	expect_reasons(&p.r, "libpq", "gem pg");
	dw_diags_free(&missing);
	run_detect(&p, NULL, DW_DISTRO_AL2, &missing);
	assert_int_equal(missing.n, 0);
	expect_reasons(&p.r, "ImageMagick", "gem mini_magick");
	run_done(&p);
}

/* execjs needs Node.js unless mini_racer is its runtime. */
static void
packages_unless(void **state)
{
	static const char *const alone[] = { "execjs" };
	static const char *const with_v8[] = { "execjs", "mini_racer" };
	struct pkgrun p = { 0 };

	(void)state;
	run_gems(&p, alone, 1);
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	expect_reasons(&p.r, "nodejs", "gem execjs");
	run_gems(&p, with_v8, 2);
	run_detect(&p, NULL, DW_DISTRO_BOOKWORM, NULL);
	assert_null(find_pkg(&p.r, "nodejs"));
	run_done(&p);
}

/* ---- the installed set ---------------------------------------------------- */

static void
app_select_groups(void **state)
{
	const char *gemfile =
		"source 'https://rubygems.org'\n"
		"gem 'jets'\n"
		"gem 'tools', group: :ci\n"
		"group :development, :test do\n"
		"  gem 'puma'\n"
		"  gem 'capybara'\n"
		"end\n"
		"gem 'rack', group: :test\n";
	const char *lock =
		"GEM\n  remote: https://rubygems.org/\n  specs:\n"
		"    capybara (3.40.0)\n      nokogiri (~> 1.11)\n      rack (>= 1.6.0)\n"
		"    jets (6.0.5)\n      rack\n"
		"    nio4r (2.7.4)\n"
		"    nokogiri (1.18.1)\n"
		"    puma (6.6.0)\n      nio4r (~> 2.0)\n"
		"    rack (3.1.8)\n"
		"    tools (1.0.0)\n"
		"\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  capybara\n  jets\n  puma\n  rack\n  tools\n";
	struct tmpapp *t = app_new("Gemfile", gemfile, "Gemfile.lock", lock, NULL);

	(void)state;
	/* Before selection: everything in the lock. */
	assert_true(dw_app_installs(&t->app, "puma"));
	dw_app_select(&t->app, "development:test");
	assert_true(dw_app_installs(&t->app, "jets"));
	assert_true(dw_app_installs(&t->app, "tools"));     /* ci is not left out */
	assert_true(dw_app_installs(&t->app, "rack"));      /* jets needs it */
	assert_false(dw_app_installs(&t->app, "puma"));
	assert_false(dw_app_installs(&t->app, "nio4r"));    /* only puma needs it */
	assert_false(dw_app_installs(&t->app, "capybara"));
	assert_false(dw_app_installs(&t->app, "nokogiri")); /* only capybara needs it */
	assert_int_equal(t->app.left_out.n, 3);             /* capybara, puma, rack */
	dw_app_select(&t->app, "development, test ci");
	assert_false(dw_app_installs(&t->app, "tools"));
	dw_app_select(&t->app, "");
	assert_true(dw_app_installs(&t->app, "nokogiri"));
	assert_int_equal(t->app.left_out.n, 0);
	app_done(t);
}

/* Without a lock the Gemfile's own gems are the set. */
static void
app_select_without_lock(void **state)
{
	struct tmpapp *t = app_new("Gemfile", "gem 'pg'\ngroup :test do\n  gem 'rspec'\nend\n", NULL);

	(void)state;
	dw_app_select(&t->app, "test");
	assert_true(dw_app_installs(&t->app, "pg"));
	assert_false(dw_app_installs(&t->app, "rspec"));
	assert_false(dw_app_installs(&t->app, "rails"));
	app_done(t);
}

/* warn: rules say why compiling a gem hurts, with the fix that fits the
 * lock: add the platform, or update to a version that has a build. */
static void
packages_vendored_warning(void **state)
{
	const char *with_platform = LOCK_HEAD "    grpc (1.69.0)\n    grpc (1.69.0-x86_64-linux)\n"
	                            "    libv8-node (18.19.0.0)\n"
	                            "    mini_racer (0.16.0)\n      libv8-node (~> 18.19.0.0)\n"
	                            "\nPLATFORMS\n  ruby\n  x86_64-linux\n\nDEPENDENCIES\n  grpc\n  mini_racer\n";
	struct tmpapp *t = app_new("Gemfile.lock", with_platform, NULL);
	dw_diags d = DW_DIAGS_INIT, w = DW_DIAGS_INIT;
	dw_gemmap *m = dw_gemmap_load(NULL, &d);
	dw_pkgs b, r;

	(void)state;
	dw_detect_packages(&t->app, NULL, m, DW_DISTRO_BOOKWORM, &b, &r, &w);
	/* grpc has its x86_64-linux build: no warning; libv8-node has none
	 * (V8 itself), while mini_racer only compiles its binding. */
	assert_int_equal(w.n, 1);
	assert_int_equal(w.v[0].sev, DW_SEV_WARNING);
	assert_int_equal(w.v[0].span.start.line, 6);
	assert_non_null(strstr(w.v[0].message, "gem libv8-node (via mini_racer): bundle install compiles V8"));
	/* the update names the gem the app asks for, which brings it in */
	assert_non_null(strstr(w.v[0].message, "`bundle update mini_racer`"));
	dw_pkgs_free(&b);
	dw_pkgs_free(&r);
	dw_diags_free(&w);
	app_done(t);
	/* A precompiled libv8-node: mini_racer from source is no warning. */
	t = app_new("Gemfile.lock", LOCK_HEAD "    libv8-node (18.19.0.0-x86_64-linux)\n"
	            "    mini_racer (0.16.0)\n      libv8-node (~> 18.19.0.0)\n"
	            "\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  mini_racer\n", NULL);
	dw_detect_packages(&t->app, NULL, m, DW_DISTRO_BOOKWORM, &b, &r, &w);
	assert_int_equal(w.n, 0);
	dw_pkgs_free(&b);
	dw_pkgs_free(&r);
	dw_diags_free(&w);
	app_done(t);
	t = app_new("Gemfile.lock", LOCK_HEAD "    grpc (1.69.0)\n\nPLATFORMS\n  ruby\n\n"
	            "DEPENDENCIES\n  grpc\n", NULL);
	dw_detect_packages(&t->app, NULL, m, DW_DISTRO_BOOKWORM, &b, &r, &w);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.v[0].message, "`bundle lock --add-platform x86_64-linux`"));
	dw_pkgs_free(&b);
	dw_pkgs_free(&r);
	dw_diags_free(&w);
	app_done(t);
	/* tailwindcss: the executable is only in the platform gems. */
	t = app_new("Gemfile.lock", LOCK_HEAD "    tailwindcss-rails (2.7.9)\n"
	            "    tailwindcss-ruby (4.1.8)\n    tailwindcss-ruby (4.1.8-x86_64-linux-gnu)\n"
	            "\nPLATFORMS\n  ruby\n  x86_64-linux-gnu\n\nDEPENDENCIES\n  tailwindcss-rails\n"
	            "  tailwindcss-ruby\n", NULL);
	dw_detect_packages(&t->app, NULL, m, DW_DISTRO_BOOKWORM, &b, &r, &w);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.v[0].message, "gem tailwindcss-rails: the ruby-platform"));
	dw_pkgs_free(&b);
	dw_pkgs_free(&r);
	dw_diags_free(&w);
	app_done(t);
	dw_gemmap_free(m);
	dw_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_missing_files),
		cmocka_unit_test(load_files),
		cmocka_unit_test(load_errors),
		cmocka_unit_test(framework_each),
		cmocka_unit_test(framework_gemfile_fallback),
		cmocka_unit_test(ruby_each_source),
		cmocka_unit_test(ruby_disagreement),
		cmocka_unit_test(ruby_requirement),
		cmocka_unit_test(platforms_darwin_only),
		cmocka_unit_test(platforms_darwin_gem),
		cmocka_unit_test(platforms_fine),
		cmocka_unit_test(gemmap_builtin),
		cmocka_unit_test(gemmap_errors),
		cmocka_unit_test(packages_transitive),
		cmocka_unit_test(packages_families),
		cmocka_unit_test(distro_of_ruby_tag),
		cmocka_unit_test(app_select_groups),
		cmocka_unit_test(app_select_without_lock),
		cmocka_unit_test(packages_trixie),
		cmocka_unit_test(packages_bullseye),
		cmocka_unit_test(ruby_tag_on_buster),
		cmocka_unit_test(packages_unavailable),
		cmocka_unit_test(packages_unless),
		cmocka_unit_test(packages_vendored_warning),
		cmocka_unit_test(packages_config),
		cmocka_unit_test(packages_without_lock),
	};

	/* The built-in table, not a $DOCKWRIGHT_DATADIR copy. */
	unsetenv("DOCKWRIGHT_DATADIR");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
