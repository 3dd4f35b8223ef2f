/* SPDX-License-Identifier: MIT */
/*
 * test_lockfile.c - the Gemfile.lock reader, RubyGems versions and the
 * Gemfile scanner.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lockfile.h"
#include "util.h"

static dw_lockfile *
parse_ok(const char *src)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse(src, strlen(src), "Gemfile.lock", &d);

	assert_non_null(lf);
	assert_int_equal(d.n, 0);
	dw_diags_free(&d);
	return lf;
}

/* The error of a malformed lock, as "line:col: message". */
static char *
parse_err(const char *src)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse(src, strlen(src), "Gemfile.lock", &d);
	dw_buf b = DW_BUF_INIT;

	assert_null(lf);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].sev, DW_SEV_ERROR);
	assert_string_equal(d.v[0].path, "Gemfile.lock");
	dw_buf_printf(&b, "%u:%u: %s", d.v[0].span.start.line, d.v[0].span.start.col,
	              d.v[0].message);
	dw_diags_free(&d);
	return dw_buf_detach(&b);
}

static void
every_section(void **state)
{
	size_t len;
	char *src = tu_srcfile("testdata/lockfiles/full.lock", &len);
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse(src, len, "full.lock", &d);
	const dw_spec *s;

	(void)state;
	assert_non_null(lf);
	assert_int_equal(d.n, 0);
	assert_string_equal(lf->path, "full.lock");
	/* GIT, GIT, PATH, GEM; PLUGIN SOURCE is skipped, not a source. */
	assert_int_equal(lf->nsources, 4);
	assert_int_equal(lf->sources[0].kind, DW_SRC_GIT);
	assert_string_equal(lf->sources[0].remote, "https://github.com/example/widget.git");
	assert_string_equal(lf->sources[0].revision, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(lf->sources[0].ref, "main");
	assert_int_equal(lf->sources[0].line, 1);
	assert_string_equal(lf->sources[1].ref, "v1.0.0");
	assert_int_equal(lf->sources[2].kind, DW_SRC_PATH);
	assert_string_equal(lf->sources[2].remote, "engines/billing");
	assert_null(lf->sources[2].revision);
	assert_int_equal(lf->sources[3].kind, DW_SRC_GEM);
	assert_string_equal(lf->sources[3].remote, "https://rubygems.org/");

	s = dw_lockfile_find(lf, "widget");
	assert_non_null(s);
	assert_string_equal(s->version, "0.3.0");
	assert_null(s->platform);
	assert_int_equal(s->source, 0);
	assert_int_equal(s->line, 6);
	assert_int_equal(s->ndeps, 1);
	assert_string_equal(s->deps[0], "rack");
	s = dw_lockfile_find(lf, "billing");
	assert_int_equal(s->source, 2);
	assert_int_equal(s->ndeps, 2);
	assert_string_equal(s->deps[1], "rails");
	s = dw_lockfile_find(lf, "image_processing");
	assert_int_equal(s->source, 3);
	assert_int_equal(s->ndeps, 2);
	assert_string_equal(s->deps[0], "mini_magick");
	assert_string_equal(s->deps[1], "ruby-vips");
	assert_null(dw_lockfile_find(lf, "strange-plugin"));
	assert_null(dw_lockfile_find(lf, "nope"));

	assert_int_equal(lf->nplatforms, 3);
	assert_string_equal(lf->platforms[0], "arm64-darwin");
	assert_string_equal(lf->platforms[2], "x86_64-linux");
	assert_int_equal(lf->platforms_line, 54);

	assert_int_equal(lf->ndeps, 7);
	assert_string_equal(lf->deps[0].name, "billing");
	assert_true(lf->deps[0].pinned);
	assert_null(lf->deps[0].requirement);
	assert_string_equal(lf->deps[4].name, "rails");
	assert_false(lf->deps[4].pinned);
	assert_string_equal(lf->deps[4].requirement, "~> 7.1, >= 7.1.2");
	assert_int_equal(lf->deps[4].line, 64);
	assert_string_equal(lf->deps[6].name, "widget");
	assert_true(lf->deps[6].pinned);
	assert_string_equal(lf->deps[6].requirement, ">= 0.3");
	assert_true(dw_lockfile_direct(lf, "widget"));
	assert_false(dw_lockfile_direct(lf, "racc"));

	assert_true(lf->has_checksums);
	assert_string_equal(lf->ruby_version, "ruby 3.3.6p108");
	assert_int_equal(lf->ruby_version_line, 73);
	assert_string_equal(lf->bundled_with, "2.5.23");
	dw_lockfile_free(lf);
	dw_diags_free(&d);
	free(src);
}

static void
platform_suffixes(void **state)
{
	static const struct { const char *in, *version, *platform; } cases[] = {
		{ "nokogiri (1.16.0-x86_64-linux)", "1.16.0", "x86_64-linux" },
		{ "nokogiri (1.16.0-arm64-darwin)", "1.16.0", "arm64-darwin" },
		{ "nokogiri (1.18.1-x86_64-linux-gnu)", "1.18.1", "x86_64-linux-gnu" },
		{ "nokogiri (1.18.1-aarch64-linux-musl)", "1.18.1", "aarch64-linux-musl" },
		{ "puma (6.4.2-java)", "6.4.2", "java" },
		{ "ffi (1.16.3-x64-mingw-ucrt)", "1.16.3", "x64-mingw-ucrt" },
		{ "rails (7.1.0.rc1)", "7.1.0.rc1", NULL },
		{ "sorbet-static (0.5.11-universal-darwin-20)", "0.5.11", "universal-darwin-20" },
		{ "tzinfo-data (1.2023.4)", "1.2023.4", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dw_buf src = DW_BUF_INIT;
		dw_lockfile *lf;

		dw_buf_printf(&src, "GEM\n  remote: https://rubygems.org/\n  specs:\n    %s\n", cases[i].in);
		lf = parse_ok(src.ptr);
		assert_int_equal(lf->nspecs, 1);
		assert_string_equal(lf->specs[0].version, cases[i].version);
		if (cases[i].platform)
			assert_string_equal(lf->specs[0].platform, cases[i].platform);
		else
			assert_null(lf->specs[0].platform);
		dw_lockfile_free(lf);
		dw_buf_free(&src);
	}
}

static void
bundler1(void **state)
{
	size_t len;
	char *src = tu_srcfile("testdata/lockfiles/bundler1.lock", &len);
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse(src, len, "Gemfile.lock", &d);

	(void)state;
	assert_non_null(lf);
	assert_int_equal(lf->nsources, 1);
	/* Several remotes in one GEM section: the first is kept. */
	assert_string_equal(lf->sources[0].remote, "https://rubygems.org/");
	assert_int_equal(lf->nspecs, 5);
	assert_null(lf->bundled_with);
	assert_null(lf->ruby_version);
	assert_false(lf->has_checksums);
	assert_int_equal(lf->ndeps, 2);
	dw_lockfile_free(lf);
	dw_diags_free(&d);
	free(src);
}

static void
crlf(void **state)
{
	dw_lockfile *lf = parse_ok("\xEF\xBB\xBFGEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n"
	                           "    rack (3.0.8)\r\n    pg (1.5.4-x86_64-linux)\r\n\r\n"
	                           "PLATFORMS\r\n  x86_64-linux\r\n\r\nDEPENDENCIES\r\n  pg (~> 1.5)\r\n"
	                           "\r\nRUBY VERSION\r\n   ruby 3.3.0p0\r\n\r\nBUNDLED WITH\r\n   2.5.3\r\n");

	(void)state;
	assert_string_equal(lf->sources[0].remote, "https://rubygems.org/");
	assert_string_equal(lf->specs[1].platform, "x86_64-linux");
	assert_string_equal(lf->platforms[0], "x86_64-linux");
	assert_string_equal(lf->deps[0].requirement, "~> 1.5");
	assert_string_equal(lf->ruby_version, "ruby 3.3.0p0");
	assert_string_equal(lf->bundled_with, "2.5.3");
	dw_lockfile_free(lf);
}

static void
pinned_forms(void **state)
{
	dw_lockfile *lf = parse_ok("DEPENDENCIES\n  a!\n  b (~> 1.0)!\n  c! (>= 2)\n  d (= 1.0)\n");

	(void)state;
	assert_int_equal(lf->ndeps, 4);
	assert_true(lf->deps[0].pinned);
	assert_null(lf->deps[0].requirement);
	assert_true(lf->deps[1].pinned);
	assert_string_equal(lf->deps[1].requirement, "~> 1.0");
	assert_true(lf->deps[2].pinned);
	assert_string_equal(lf->deps[2].requirement, ">= 2");
	assert_false(lf->deps[3].pinned);
	assert_string_equal(lf->deps[3].name, "d");
	dw_lockfile_free(lf);
}

static void
empty_and_unknown(void **state)
{
	dw_lockfile *lf = parse_ok("");

	(void)state;
	assert_int_equal(lf->nspecs, 0);
	dw_lockfile_free(lf);
	lf = parse_ok("FUTURE SECTION\n  whatever: x\n    deeper (1)\n\nDEPENDENCIES\n  rack\n");
	assert_int_equal(lf->ndeps, 1);
	dw_lockfile_free(lf);
}

static void
malformed(void **state)
{
	static const struct { const char *src, *err; } cases[] = {
		{ "GEM\n  remote: x\n  specs:\n    rack\n",
		  "4:9: spec 'rack' needs a version in parentheses: 'name (1.2.3)'" },
		{ "GEM\n  remote: x\n  specs:\n    rack (3.0\n", "4:9: spec 'rack' needs a version in parentheses: 'name (1.2.3)'" },
		{ "GEM\n  remote: x\n  specs:\n    rack ()\n", "4:11: empty version in a spec line" },
		{ "GEM\n  remote: x\n  specs:\n   rack (3.0)\n",
		  "4:4: bad indentation: expected 2, 4 or 6 spaces in a source section" },
		{ "GEM\n  remote: x\n    rack (3.0)\n", "3:5: spec line before 'specs:'" },
		{ "GEM\n  specs:\n      rack\n", "3:7: dependency line without a spec above it" },
		{ "DEPENDENCIES\n  rails (~> 7.1)\n  \"rack\"\n", "3:3: expected a gem name" },
		{ "DEPENDENCIES\n  rails ~> 7.1\n",
		  "2:8: 'rails ~> 7.1' is not a gem name followed by an optional '(requirement)'" },
		{ "DEPENDENCIES\n    rails\n", "2:5: bad indentation: expected two spaces in DEPENDENCIES" },
		{ "PLATFORMS\n  x86_64 linux\n", "2:3: expected a platform name indented by two spaces" },
		{ "GEM\n\tspecs:\n", "2:1: tab in indentation; Gemfile.lock indents with spaces" },
		{ "  rack (1.0)\n", "1:3: indented line before any section header" },
		{ "gem 'rails'\n", "1:1: expected a section header such as GEM or DEPENDENCIES, not 'gem 'rails''" },
		{ "GEM\n  remote\n", "2:3: expected 'key: value' (remote:, revision:, specs:) in a source section" },
		{ "RUBY VERSION\n   ruby 3.3.0\n   ruby 3.2.0\n", "3:4: more than one line in RUBY VERSION" },
		{ "GEM\n<<<<<<< HEAD\n", "2:1: unresolved merge conflict marker" },
		{ "DEPENDENCIES\n  rails!!\n", "2:8: 'rails!' is not a gem name followed by an optional '(requirement)'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *err = parse_err(cases[i].src);

		if (strcmp(err, cases[i].err) != 0)
			print_error("case %zu: got '%s'\n", i, err);
		assert_string_equal(err, cases[i].err);
		free(err);
	}
	{
		dw_diags d = DW_DIAGS_INIT;

		assert_null(dw_lockfile_parse("GEM\n  x\0y\n", 10, "Gemfile.lock", &d));
		assert_int_equal(d.n, 1);
		dw_diags_free(&d);
	}
}

struct walk {
	dw_buf out;
};

static void
walk_cb(void *ctx, const dw_spec *s, const char *via)
{
	struct walk *w = ctx;

	dw_buf_printf(&w->out, "%s<%s ", s->name, via);
}

static void
walk_plain(void *ctx, const dw_spec *s)
{
	dw_buf_printf(ctx, "%s ", s->name);
}

static void
closure(void **state)
{
	size_t len;
	char *src = tu_srcfile("testdata/lockfiles/full.lock", &len);
	dw_diags d = DW_DIAGS_INIT;
	dw_lockfile *lf = dw_lockfile_parse(src, len, "full.lock", &d);
	struct walk w = { DW_BUF_INIT };
	dw_buf plain = DW_BUF_INIT;

	(void)state;
	dw_lockfile_closure_via(lf, walk_cb, &w);
	/* File order; each gem once; via the first direct dependency. */
	assert_string_equal(w.out.ptr,
	                    "widget<widget gadget<gadget billing<billing image_processing<image_processing "
	                    "mini_magick<image_processing nokogiri<nokogiri pg<billing racc<nokogiri "
	                    "rack<rails rails<rails ruby-vips<image_processing ffi<image_processing "
	                    "sqlite3<sqlite3 ");
	dw_lockfile_closure(lf, walk_plain, &plain);
	assert_string_equal(plain.ptr, "widget gadget billing image_processing mini_magick nokogiri pg "
	                               "racc rack rails ruby-vips ffi sqlite3 ");
	dw_buf_free(&w.out);
	dw_buf_free(&plain);
	dw_lockfile_free(lf);
	dw_diags_free(&d);
	free(src);
}

static void
versions(void **state)
{
	(void)state;
	assert_int_equal(dw_version_cmp("1.0", "1.0.0"), 0);
	assert_true(dw_version_cmp("1.10", "1.9") > 0);
	assert_true(dw_version_cmp("3.3.0.preview1", "3.3.0") < 0);
	assert_true(dw_version_cmp("1.0.a", "1.0.b") < 0);
	assert_true(dw_requirement_match("~> 3.3", "3.3.6"));
	assert_true(dw_requirement_match("~> 3.3", "3.9"));
	assert_false(dw_requirement_match("~> 3.3", "4.0.0"));
	assert_false(dw_requirement_match("~> 3.3", "3.2.9"));
	assert_true(dw_requirement_match("~> 3.3.1", "3.3.9"));
	assert_false(dw_requirement_match("~> 3.3.1", "3.4.0"));
	assert_true(dw_requirement_match(">= 3.1, < 3.4", "3.3.6"));
	assert_false(dw_requirement_match(">= 3.1, < 3.4", "3.4.0"));
	assert_true(dw_requirement_match("3.3.6", "3.3.6"));
	assert_true(dw_requirement_match("= 3.3.6", "3.3.6"));
	assert_false(dw_requirement_match("!= 3.3.6", "3.3.6"));
	assert_true(dw_requirement_match(">= 5", "5.0.1"));
	assert_false(dw_requirement_match(">= 5", "4.0.4"));
	assert_true(dw_requirement_match(NULL, "1"));
	assert_true(dw_requirement_valid("~> 1.2, >= 1.2.3"));
	assert_false(dw_requirement_valid("~> banana"));
	assert_false(dw_requirement_valid(">= 1,"));
	assert_false(dw_requirement_match("nonsense", "1.0"));
}

static void
gemfile(void **state)
{
	static const char src[] =
		"# frozen_string_literal: true\n"
		"source \"https://rubygems.org\"\n"
		"# ruby \"~> {{ cookiecutter.version }}\"\n"
		"ruby '3.3.6'\n"
		"gem 'rails', '~> 7.1' # the framework\n"
		"gem \"pg\", \">= 1.5\", require: false\n"
		"gemspec\n"
		"gems_dir = 'x'\n"
		"group :development, :test do\n"
		"  gem 'rspec-rails'\n"
		"  gem(\"debug\", platforms: %i[mri])\n"
		"  gem 'rails'\n"
		"end\n"
		"gem \"#{name}-ext\"\n"
		"  # gem 'commented'\n";
	dw_gemfile g;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(dw_gemfile_parse(src, strlen(src), "Gemfile", &g, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(g.ruby_version, "3.3.6");
	assert_null(g.ruby_file);
	assert_int_equal(g.ruby_line, 4);
	assert_int_equal(g.gems.n, 4);
	assert_string_equal(g.gems.v[0], "rails");
	assert_string_equal(g.gems.v[1], "pg");
	assert_string_equal(g.gems.v[2], "rspec-rails");
	assert_string_equal(g.gems.v[3], "debug");
	dw_gemfile_free(&g);
}

static void
gemfile_ruby_forms(void **state)
{
	static const struct { const char *src, *version, *file; } cases[] = {
		{ "ruby \"~> 3.3\"\n", "~> 3.3", NULL },
		{ "ruby '~> 3.3', '>= 3.3.1'\n", "~> 3.3, >= 3.3.1", NULL },
		{ "ruby \"3.2.2\", engine: \"ruby\"\n", "3.2.2", NULL },
		{ "ruby(\"3.1.4\")\n", "3.1.4", NULL },
		{ "ruby file: \".ruby-version\"\n", NULL, ".ruby-version" },
		{ "ruby :file => '.tool-versions'\n", NULL, ".tool-versions" },
		{ "ruby File.read(\".ruby-version\").strip\n", NULL, NULL },
		{ "ruby RUBY_VERSION\n", NULL, NULL },
		{ "ruby \"#{RUBY_VERSION}\"\n", NULL, NULL },
		{ "#ruby '3.0.0'\n", NULL, NULL },
		{ "ruby '", NULL, NULL },
		{ "ruby", NULL, NULL },
		{ "rubygems_version = 1\n", NULL, NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dw_gemfile g;
		dw_diags d = DW_DIAGS_INIT;

		assert_int_equal(dw_gemfile_parse(cases[i].src, strlen(cases[i].src), "Gemfile", &g, &d), 0);
		if (cases[i].version)
			assert_string_equal(g.ruby_version, cases[i].version);
		else
			assert_null(g.ruby_version);
		if (cases[i].file)
			assert_string_equal(g.ruby_file, cases[i].file);
		else
			assert_null(g.ruby_file);
		dw_gemfile_free(&g);
		dw_diags_free(&d);
	}
}

/* "a,b" when gem is in groups a and b, "" in the default group. */
static char *
groups_of(const dw_gemfile *g, const char *gem)
{
	const dw_strv *gr = dw_gemfile_groups(g, gem);
	dw_buf b = DW_BUF_INIT;

	assert_non_null(gr);
	for (size_t i = 0; i < gr->n; i++)
		dw_buf_printf(&b, "%s%s", i ? "," : "", gr->v[i]);
	return dw_buf_detach(&b);
}

static void
expect_groups(const dw_gemfile *g, const char *gem, const char *want)
{
	char *got = groups_of(g, gem);

	if (strcmp(got, want) != 0)
		fail_msg("gem %s: groups '%s', want '%s'", gem, got, want);
	free(got);
}

static void
gemfile_groups(void **state)
{
	const char *src =
		"source 'https://rubygems.org'\n"
		"gem 'rails'\n"
		"gem 'pg', '~> 1.5' if ENV['DB'] != 'sqlite'\n"
		"group :development, :test do\n"
		"  gem 'rspec-rails'\n"
		"  platforms :mri do\n"
		"    gem 'byebug'\n"
		"  end\n"
		"  if ENV['CI']\n"
		"    gem 'simplecov'\n"
		"  end\n"
		"  group(:test) do |x|\n"
		"    gem \"capybara\"\n"
		"  end\n"
		"end\n"
		"group 'tools', optional: true do\n"
		"  gem 'rubocop', require: false\n"
		"end\n"
		"gem 'puma', group: :production\n"
		"gem 'dotenv', groups: [:development, :test]\n"
		"gem 'web-console', :group => :development\n"
		"gem 'bootsnap', require: false # group: :test in a comment\n"
		"gem 'capybara', group: :system\n";
	dw_diags d = DW_DIAGS_INIT;
	dw_gemfile g;

	(void)state;
	assert_int_equal(dw_gemfile_parse(src, strlen(src), "Gemfile", &g, &d), 0);
	expect_groups(&g, "rails", "");
	expect_groups(&g, "pg", "");
	expect_groups(&g, "rspec-rails", "development,test");
	expect_groups(&g, "byebug", "development,test");
	expect_groups(&g, "simplecov", "development,test");
	expect_groups(&g, "capybara", "development,test,system");
	expect_groups(&g, "rubocop", "tools");
	expect_groups(&g, "puma", "production");
	expect_groups(&g, "dotenv", "development,test");
	expect_groups(&g, "web-console", "development");
	expect_groups(&g, "bootsnap", "");
	assert_null(dw_gemfile_groups(&g, "nokogiri"));
	assert_int_equal(g.gem_lines[1], 3);
	dw_gemfile_free(&g);
	dw_diags_free(&d);
}

static void
gemfile_reads(void **state)
{
	const char *src =
		"ruby file: '.ruby-version'\n"
		"eval_gemfile 'Gemfile.shared'\n"
		"require_relative 'lib/version'\n"
		"gem 'engine', path: 'engines/billing'\n"
		"NODE = File.read(File.join(__dir__, '.node-version')).strip\n"
		"x = YAML.load_file(File.expand_path('config/gems.yml', __dir__))\n"
		"eval_gemfile ENV.fetch('EXTRA')\n"
		"v = File.read(\"#{__dir__}/VERSION\")\n";
	static const struct {
		const char *path, *how;
		uint32_t line;
	} want[] = {
		{ ".ruby-version", "ruby file:", 1 },
		{ "Gemfile.shared", "eval_gemfile", 2 },
		{ "lib/version.rb", "require_relative", 3 },
		{ "engines/billing", "gem path:", 4 },
		{ ".node-version", "File.read", 5 },
		{ "config/gems.yml", "File.read", 6 },
		{ NULL, "eval_gemfile", 7 },
		{ NULL, "File.read", 8 },
	};
	dw_diags d = DW_DIAGS_INIT;
	dw_gemfile g;

	(void)state;
	assert_int_equal(dw_gemfile_parse(src, strlen(src), "Gemfile", &g, &d), 0);
	assert_int_equal(g.nreads, sizeof want / sizeof *want);
	for (size_t i = 0; i < g.nreads; i++) {
		if (want[i].path)
			assert_string_equal(g.reads[i].path, want[i].path);
		else
			assert_null(g.reads[i].path);
		assert_string_equal(g.reads[i].how, want[i].how);
		assert_int_equal(g.reads[i].line, want[i].line);
	}
	dw_gemfile_free(&g);
	dw_diags_free(&d);
}

/* Unbalanced and very deep blocks neither crash nor leak. */
static void
gemfile_blocks_bounded(void **state)
{
	dw_buf src = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	dw_gemfile g;

	(void)state;
	for (int i = 0; i < 1000; i++)
		dw_buf_printf(&src, "group :g%d do\n", i);
	dw_buf_puts(&src, "gem 'deep'\nend\nend\n");
	for (int i = 0; i < 2000; i++)
		dw_buf_puts(&src, "end\n");
	dw_buf_puts(&src, "gem 'after'\n");
	assert_int_equal(dw_gemfile_parse(src.ptr, src.len, "Gemfile", &g, &d), 0);
	assert_int_equal(dw_gemfile_groups(&g, "deep")->n, 64);
	expect_groups(&g, "after", "");
	dw_gemfile_free(&g);
	dw_buf_free(&src);
	dw_diags_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_section),
		cmocka_unit_test(platform_suffixes),
		cmocka_unit_test(bundler1),
		cmocka_unit_test(crlf),
		cmocka_unit_test(pinned_forms),
		cmocka_unit_test(empty_and_unknown),
		cmocka_unit_test(malformed),
		cmocka_unit_test(closure),
		cmocka_unit_test(versions),
		cmocka_unit_test(gemfile),
		cmocka_unit_test(gemfile_ruby_forms),
		cmocka_unit_test(gemfile_groups),
		cmocka_unit_test(gemfile_reads),
		cmocka_unit_test(gemfile_blocks_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
