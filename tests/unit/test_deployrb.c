/* SPDX-License-Identifier: MIT */
/* test_deployrb.c - importing Jets' config/jets/deploy.rb. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockwright.h"
#include "util.h"
#include "config_priv.h"

static int
import(dw_config *c, const char *rb, dw_diags *d)
{
	dw_config_init(c);
	return dw_config_apply_deployrb(c, rb, strlen(rb), "deploy.rb", d);
}

static void
every_value_form(void **state)
{
	static const char rb[] =
		"Jets.deploy.configure do |config|\n"
		"  config.package_type = :zip\n"
		"  config.docker.image = \"img:1\"   # prebuilt\n"
		"  config.docker.tag = ':GIT_SHA'\n"
		"  config.dockerfile.add_deploy_user = false\n"
		"  config.dockerfile.deploy_user.uid = 1_001\n"
		"  config.dockerfile.yum.packages.build_stage = %w[gcc make]\n"
		"  config.dockerfile.yum.packages.deployment_stage = [\"ImageMagick\", 'libpq']\n"
		"  config.dockerfile.build_args.at_top = { \"A\" => \"1\", B: \"two\", :C => 3 }\n"
		"  config.dockerfile.custom = \"dockerfiles/Dockerfile1\"\n"
		"  config.dockerfile.commands.bootsnap = nil\n"
		"  config.dockerfile.handler = \"say \\\"hi\\\"\"\n"
		"  config.dockerfile.workdir = 'it\\'s'\n"
		"  config.dockerfile.copy_for_bundle = %w(\n"
		"    engines/\n"
		"    gems/\n"
		"  )\n"
		"  config.lint.ignore = [\n"
		"    \"DL3008\",  # apt pins\n"
		"    \"DL3009\",\n"
		"  ]\n"
		"  config.dockerfile.build_args.build_stage = {\n"
		"    \"X\": \"y\"\n"
		"  }\n"
		"end\n";
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	const dw_strv *l;

	(void)state;
	assert_int_equal(import(&c, rb, &d), 0);
	tu_assert_diags(&d, "");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_PACKAGE_TYPE), "zip");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "img:1");
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].origin, DW_ORIGIN_DEPLOYRB);
	assert_string_equal(c.v[DW_CFG_DOCKER_IMAGE].where, "deploy.rb");
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].pos.line, 3);
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].pos.col, 10);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_TAG), ":GIT_SHA");
	assert_false(dw_cfg_bool(&c, DW_CFG_ADD_DEPLOY_USER));
	assert_int_equal(dw_cfg_int(&c, DW_CFG_DEPLOY_USER_UID), 1001);
	l = dw_cfg_list(&c, DW_CFG_YUM_BUILD_STAGE);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->v[1], "make");
	l = dw_cfg_list(&c, DW_CFG_YUM_DEPLOYMENT_STAGE);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->v[0], "ImageMagick");
	assert_string_equal(l->v[1], "libpq");
	l = dw_cfg_list(&c, DW_CFG_BUILD_ARGS_AT_TOP);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[1], "B");
	assert_string_equal(l->v[2], "C");
	assert_string_equal(dw_cfg_map_values(&c, DW_CFG_BUILD_ARGS_AT_TOP)->v[2], "3");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_CUSTOM), "dockerfiles/Dockerfile1");
	assert_false(c.v[DW_CFG_COMMANDS_BOOTSNAP].set);
	assert_int_equal(c.v[DW_CFG_COMMANDS_BOOTSNAP].origin, DW_ORIGIN_DEPLOYRB);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_HANDLER), "say \"hi\"");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_WORKDIR), "it's");
	l = dw_cfg_list(&c, DW_CFG_COPY_FOR_BUNDLE);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->v[1], "gems/");
	l = dw_cfg_list(&c, DW_CFG_LINT_IGNORE);
	assert_int_equal(l->n, 2);
	assert_string_equal(l->v[1], "DL3009");
	assert_string_equal(dw_cfg_list(&c, DW_CFG_BUILD_ARGS_BUILD_STAGE)->v[0], "X");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
skipped_lines(void **state)
{
	static const char rb[] =
		"# Jets deploy settings\n"                                   /* 1 */
		"Jets.deploy.configure do\n"                                 /* 2 */
		"\n"                                                         /* 3 */
		"  if Jets.env.production?\n"                                /* 4 */
		"    config.docker.image = \"prod:1\"\n"                     /* 5 */
		"  end\n"                                                    /* 6 */
		"  config.docker.tag = ENV[\"TAG\"]\n"                       /* 7 */
		"  config.dockerfile.handler = \"a\" if true\n"              /* 8 */
		"  config.dockerfile.workdir = \"/#{x}\"\n"                  /* 9 */
		"  config.lambda.function.memory_size = 1536\n"              /* 10 */
		"  config.dockerfile.auto_packages ||= false\n"              /* 11 */
		"=begin\n"                                                   /* 12 */
		"config.nonsense = 1\n"                                      /* 13 */
		"=end\n"                                                     /* 14 */
		"  puts 'hi'\n"                                              /* 15 */
		"end\n";                                                     /* 16 */
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(import(&c, rb, &d), 0);
	tu_assert_diags(&d,
	             "deploy.rb:4: warning: skipped: not a config assignment\n"
	             "deploy.rb:7:23: warning: skipped: the value of 'config.docker.tag' is not a "
	             "plain literal\n"
	             "deploy.rb:8:31: warning: skipped: the value of 'config.dockerfile.handler' "
	             "is not a plain literal\n"
	             "deploy.rb:9:31: warning: skipped: the value of 'config.dockerfile.workdir' "
	             "is not a plain literal\n"
	             "deploy.rb:10: warning: skipped: 'config.lambda.function.memory_size' is not a "
	             "dockwright setting\n"
	             "deploy.rb:11: warning: skipped: not a config assignment\n"
	             "deploy.rb:15: warning: skipped: not a config assignment\n");
	/* Assignments inside conditionals are applied: the scanner cannot
	 * evaluate Ruby, and says so on the `if` line. */
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "prod:1");
	assert_null(dw_cfg_str(&c, DW_CFG_HANDLER)); /* unset: gen detects it */
	assert_true(dw_cfg_bool(&c, DW_CFG_AUTO_PACKAGES));
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
block_variable(void **state)
{
	static const char rb[] =
		"Jets.deploy.configure do |c|\n"
		"  c.docker.image = 'x:1'\n"
		"end\n";
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(import(&c, rb, &d), 0);
	assert_int_equal(d.n, 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "x:1");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
unknown_and_typed_errors(void **state)
{
	static const char rb[] =
		"Jets.deploy.configure do |config|\n"
		"  config.dockerfile.add_deploy_usr = false\n"
		"  config.dockerfile.add_deploy_user = \"no\"\n"
		"  config.docker.packages = %w[a]\n"
		"  config.dockerfile.deploy_user.uid = -5\n"
		"end\n";
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(import(&c, rb, &d), -1);
	tu_assert_diags(&d,
	             "deploy.rb:2:10: error: unknown key 'dockerfile.add_deploy_usr' (did you mean "
	             "'dockerfile.add_deploy_user'?)\n"
	             "deploy.rb:3:39: error: dockerfile.add_deploy_user: expected a boolean (true or "
	             "false), got \"no\"\n"
	             "deploy.rb:4:10: error: unsupported key 'docker.packages' (a spelling from "
	             "Jets' docs that names neither the package manager nor the stage): use "
	             "dockerfile.apt.packages.all_stages (image) or "
	             "dockerfile.yum.packages.all_stages (zip)\n"
	             "deploy.rb:5:39: error: dockerfile.deploy_user.uid: expected a non-negative "
	             "integer, got \"-5\"\n");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
aliases_and_repeats(void **state)
{
	static const char rb[] =
		"Jets.deploy.configure do |config|\n"
		"  config.dockerfile.packages.apt.build_stage = [\"libvips\"]\n"
		"  config.package_type = \"yum\"\n"
		"  config.docker.image = \"a:1\"\n"
		"  config.docker.image = \"b:1\"\n"
		"end\n";
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(import(&c, rb, &d), 0);
	tu_assert_diags(&d,
	             "deploy.rb:2:10: warning: 'dockerfile.packages.apt.build_stage' is Jets' "
	             "alternative spelling of 'dockerfile.apt.packages.build_stage'; use "
	             "'dockerfile.apt.packages.build_stage'\n"
	             "deploy.rb:3:25: warning: package_type: 'yum' is a Jets spelling of 'zip'; "
	             "using zip\n"
	             "deploy.rb:5:10: warning: 'docker.image' is set again (first at line 4); the "
	             "last one wins\n");
	assert_string_equal(dw_cfg_list(&c, DW_CFG_APT_BUILD_STAGE)->v[0], "libvips");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_PACKAGE_TYPE), "zip");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "b:1");
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].pos.line, 5);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
hostile(void **state)
{
	static const char nl[] =
		"config.dockerfile.apt.packages.all_stages = [\"curl\\nRUN rm -rf /\"]\n"
		"config.dockerfile.build_args.at_top = { \"A\" => \"x\\ry\" }\n"
		"config.docker.image = \"a\\0b\"\n"
		"config.dockerfile.build_args.build_stage = { \"A B\" => \"x\" }\n";
	static const char *const broken[] = {
		"config.lint.ignore = [\"a\", \n",      /* unterminated, at EOF */
		"config.lint.ignore = [\"a\" \"b\"]\n",
		"config.docker.image = \"abc\n",
		"config.dockerfile.build_args.at_top = { \"A\" = 1 }\n",
		"config.docker.image = %w[\n",
		"config.docker.image = :\n",
		"config.docker.image = -\n",
		"config.\n",
		"config.docker. = 1\n",
		"config.docker.image =\n",
	};
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_int_equal(import(&c, nl, &d), -1);
	tu_assert_diags(&d,
	             "deploy.rb:1:46: error: dockerfile.apt.packages.all_stages: control character "
	             "(newline) \\x0a not allowed in a value\n"
	             "deploy.rb:2:48: error: dockerfile.build_args.at_top: control character "
	             "\\x0d not allowed in a value\n"
	             "deploy.rb:3:23: error: docker.image: control character \\x00 not allowed in "
	             "a value\n"
	             "deploy.rb:4:46: error: dockerfile.build_args.build_stage: expected a build "
	             "arg name ([A-Za-z_][A-Za-z0-9_]*), got \"A B\"\n");
	dw_diags_free(&d);
	dw_config_free(&c);
	/* Broken Ruby is skipped with a warning, never a crash. */
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		assert_int_equal(import(&c, broken[i], &d), 0);
		assert_int_equal(d.n, 1);
		assert_int_equal(d.v[0].sev, DW_SEV_WARNING);
		dw_diags_free(&d);
		dw_config_free(&c);
	}
	/* A NUL byte in the file. */
	dw_config_init(&c);
	assert_int_equal(dw_config_apply_deployrb(&c, "config.x = 1\0\n", 14, "deploy.rb", &d), -1);
	dw_diags_free(&d);
	dw_config_free(&c);
}

/* Double-quoted escapes decode as Ruby does; a BOM is skipped. */
static void
ruby_escapes(void **state)
{
	static const char *const control[] = {
		"config.docker.image = \"a\\x0ab\"\n",
		"config.docker.image = \"a\\u000ab\"\n",
		"config.docker.image = \"a\\u{a}b\"\n",
		"config.docker.image = \"a\\012b\"\n",
		"config.docker.image = \"a\\cJb\"\n",
		"config.docker.image = \"a\\C-jb\"\n",
		"config.docker.image = \"a\\eb\"\n",
	};
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof control / sizeof control[0]; i++) {
		if (import(&c, control[i], &d) != -1 || d.n != 1 ||
		    !strstr(d.v[0].message, "control character"))
			fail_msg("%s: %s", control[i], d.n ? d.v[0].message : "accepted");
		dw_diags_free(&d);
		dw_config_free(&c);
	}
	assert_int_equal(import(&c, "config.docker.image = \"\\x41\\102\\u{43 44}\\u00e9\\s\\c?\"\n",
	                        &d), -1); /* \c? is DEL: a control character too */
	dw_diags_free(&d);
	dw_config_free(&c);
	assert_int_equal(import(&c, "config.docker.image = \"\\x41\\102\\u{43 44}caf\\u00e9\\s!\"\n",
	                        &d), 0);
	tu_assert_diags(&d, "");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "ABCDcaf\xC3\xA9 !");
	dw_config_free(&c);
	/* Ruby rejects these; so does the import (skipped, not misread). */
	assert_int_equal(import(&c, "config.docker.image = \"a\\xZ\"\n", &d), 0);
	assert_null(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE));
	dw_diags_free(&d);
	dw_config_free(&c);
	assert_int_equal(import(&c, "\xEF\xBB\xBF" "config.docker.image = 'img'\n", &d), 0);
	tu_assert_diags(&d, "");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "img");
	dw_config_free(&c);
}

/* 50,000 nested `[` (100 KB) used to overflow the stack. */
static void
deep_nesting(void **state)
{
	static const char head[] = "config.lint.ignore = ";
	size_t n = 50000, hl = sizeof head - 1;
	char *rb = malloc(hl + 2 * n + 2);
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	memcpy(rb, head, hl);
	memset(rb + hl, '[', n);
	memset(rb + hl + n, ']', n);
	memcpy(rb + hl + 2 * n, "\n", 2);
	assert_int_equal(import(&c, rb, &d), -1);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "deeper than 64 levels"));
	dw_diags_free(&d);
	dw_config_free(&c);
	/* Within the limit it is only a list of the wrong shape. */
	memcpy(rb + hl, "[[[\"a\"]]]\n", 11);
	assert_int_equal(import(&c, rb, &d), -1);
	assert_true(d.n > 0);
	assert_null(strstr(d.v[0].message, "deeper"));
	dw_diags_free(&d);
	dw_config_free(&c);
	free(rb);
}

static void
print_origin(void **state)
{
	static const char rb[] = "\nconfig.dockerfile.workdir = '/srv'\n";
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;

	(void)state;
	dw_config_init(&c);
	c.app_dir = dw_strndup("app", 3);
	assert_int_equal(dw_config_apply_deployrb(&c, rb, sizeof rb - 1,
	                                          "app/config/jets/deploy.rb", &d), 0);
	dw_config_print(&c, &out);
	assert_non_null(strstr(out.ptr, "\ndockerfile.workdir: /srv  # config/jets/deploy.rb:2\n"));
	dw_buf_free(&out);
	dw_diags_free(&d);
	dw_config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_value_form),
		cmocka_unit_test(skipped_lines),
		cmocka_unit_test(block_variable),
		cmocka_unit_test(unknown_and_typed_errors),
		cmocka_unit_test(aliases_and_repeats),
		cmocka_unit_test(hostile),
		cmocka_unit_test(ruby_escapes),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(print_origin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
