/* SPDX-License-Identifier: MIT */
/* test_config.c - the key table, dockwright.yml, the environment,
 * print-config, the man page, and the YAML loader's limits. */
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

/* ---- helpers ----------------------------------------------------------- */

/* Apply YAML text as the file t.yml; returns apply's result, -2 when the
 * YAML itself did not load. */
static int
apply(dw_config *c, const char *yaml, dw_diags *d)
{
	dw_ydoc *doc = dw_yaml_load(yaml, strlen(yaml), "t.yml", d);
	int rc;

	if (doc == NULL)
		return -2;
	rc = dw_config_apply_yaml(c, doc, d);
	dw_yaml_free(doc);
	return rc;
}

/* Apply text that must fail with exactly the diagnostics `want`. */
static void
assert_rejects(const char *yaml, const char *want)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	dw_config_init(&c);
	assert_int_equal(apply(&c, yaml, &d), -1);
	tu_assert_diags(&d, want);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static char *
fixture(const char *rel)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_printf(&b, "%s/testdata/config/%s", tu_srcdir(), rel);
	return dw_buf_detach(&b);
}

/* ---- the table and the defaults ---------------------------------------- */

static void
table_lookup(void **state)
{
	const dw_ckey_info *k = dw_config_keys();

	(void)state;
	for (size_t i = 0; i < DW_CFG__COUNT; i++) {
		assert_int_equal(k[i].id, i);
		assert_ptr_equal(dw_config_key_by_name(k[i].name), &k[i]);
		assert_non_null(k[i].doc);
		assert_true((k[i].type == DW_CT_ENUM) == (k[i].allowed != NULL));
	}
	assert_null(dw_config_key_by_name("dockerfile"));
	assert_null(dw_config_key_by_name("docker.imag"));
}

static void
defaults(void **state)
{
	dw_config c;

	(void)state;
	dw_config_init(&c);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_PACKAGE_TYPE), "image");          /* ENUM */
	assert_null(dw_cfg_str(&c, DW_CFG_LINT_FORMAT));                          /* ENUM nil */
	assert_null(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE));                         /* STRING nil */
	assert_false(c.v[DW_CFG_DOCKER_IMAGE].set);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_TAG), ":FRIENDLY_TAG-:TIMESTAMP-:GIT_SHA");
	assert_true(dw_cfg_bool(&c, DW_CFG_ADD_DEPLOY_USER));                     /* BOOL */
	assert_false(dw_cfg_bool(&c, DW_CFG_DOCKER_SHOW_BUILD_COMMAND));
	assert_int_equal(dw_cfg_int(&c, DW_CFG_DEPLOY_USER_UID), 1000);           /* INT */
	assert_int_equal(dw_cfg_list(&c, DW_CFG_ENTRYPOINT)->n, 1);               /* LIST */
	assert_string_equal(dw_cfg_list(&c, DW_CFG_ENTRYPOINT)->v[0],
	                    "/usr/local/bundle/bin/aws_lambda_ric");
	assert_int_equal(dw_cfg_list(&c, DW_CFG_APT_BUILD_STAGE)->n, 0);
	assert_false(c.v[DW_CFG_APT_BUILD_STAGE].set);
	assert_int_equal(dw_cfg_list(&c, DW_CFG_BUILD_ARGS_AT_TOP)->n, 0);        /* MAP */
	assert_false(dw_cfg_bool(&c, DW_CFG_CUSTOM));                             /* BOOL_STRING */
	assert_true(c.v[DW_CFG_CUSTOM].set);
	assert_null(dw_cfg_str(&c, DW_CFG_CUSTOM));
	assert_false(c.v[DW_CFG_COMMANDS_BOOTSNAP].set);
	for (size_t i = 0; i < DW_CFG__COUNT; i++)
		assert_int_equal(c.v[i].origin, DW_ORIGIN_DEFAULT);
	dw_config_free(&c);
}

/* ---- spellings of a key ------------------------------------------------ */

static void
assert_build_stage(const char *yaml)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	const dw_strv *l;

	dw_config_init(&c);
	assert_int_equal(apply(&c, yaml, &d), 0);
	assert_int_equal(d.n, 0);
	l = dw_cfg_list(&c, DW_CFG_APT_BUILD_STAGE);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->v[0], "libpq-dev");
	assert_int_equal(c.v[DW_CFG_APT_BUILD_STAGE].origin, DW_ORIGIN_FILE);
	assert_string_equal(c.v[DW_CFG_APT_BUILD_STAGE].where, "t.yml");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
nested_dotted_mixed(void **state)
{
	(void)state;
	assert_build_stage("dockerfile: {apt: {packages: {build_stage: [libpq-dev]}}}\n");
	assert_build_stage("dockerfile.apt.packages.build_stage: [libpq-dev]\n");
	assert_build_stage("dockerfile: {apt.packages.build_stage: libpq-dev}\n");
	assert_build_stage("dockerfile.apt:\n  packages:\n    build_stage:\n      - libpq-dev\n");
}

static void
position_recorded(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c, "docker:\n  tag: x\n  image: img:1\n", &d), 0);
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].pos.line, 3);
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].pos.col, 3);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "img:1");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
unknown_keys(void **state)
{
	(void)state;
	assert_rejects("dockerfile:\n  add_deploy_usr: false\n",
	               "t.yml:2:3: error: unknown key 'dockerfile.add_deploy_usr' "
	               "(did you mean 'dockerfile.add_deploy_user'?)\n");
	assert_rejects("dockerfile.add_deploy_usr: false\n",
	               "t.yml:1:1: error: unknown key 'dockerfile.add_deploy_usr' "
	               "(did you mean 'dockerfile.add_deploy_user'?)\n");
	/* An intermediate map that leads nowhere. */
	assert_rejects("dockerfle:\n  add_deploy_user: false\n",
	               "t.yml:1:1: error: unknown key 'dockerfle' (did you mean 'dockerfile'?)\n");
	assert_rejects("zzzzzzzzzzzz: 1\n", "t.yml:1:1: error: unknown key 'zzzzzzzzzzzz'\n");
	/* A group given a scalar. */
	assert_rejects("dockerfile.apt: x\n",
	               "t.yml:1:17: error: dockerfile.apt: a group of keys, expected a map, "
	               "got \"x\"\n");
	/* Every bad key of a file is reported. */
	assert_rejects("a: 1\nb: 2\n",
	               "t.yml:1:1: error: unknown key 'a'\nt.yml:2:1: error: unknown key 'b'\n");
	assert_rejects("docker..image: x\n",
	               "t.yml:1:1: error: expected a key name (like docker.image)\n");
}

static void
root_must_be_map(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_rejects("- a\n", "t.yml:1:1: error: expected a map of keys at the top of the file\n");
	assert_rejects("hello\n", "t.yml:1:1: error: expected a map of keys at the top of the file\n");
	dw_config_init(&c);
	assert_int_equal(apply(&c, "", &d), 0);        /* empty: defaults */
	assert_int_equal(apply(&c, "# only a comment\n", &d), 0);
	assert_int_equal(d.n, 0);
	dw_config_free(&c);
}

static void
type_errors(void **state)
{
	(void)state;
	assert_rejects("dockerfile.add_deploy_user: maybe\n",
	               "t.yml:1:29: error: dockerfile.add_deploy_user: expected a boolean "
	               "(true or false), got \"maybe\"\n");
	assert_rejects("dockerfile.add_deploy_user: [true]\n",
	               "t.yml:1:29: error: dockerfile.add_deploy_user: expected a boolean "
	               "(true or false), got a list\n");
	assert_rejects("docker.image: {a: b}\n",
	               "t.yml:1:15: error: docker.image: expected a string, got a map\n");
	assert_rejects("docker.image: true\n",
	               "t.yml:1:15: error: docker.image: expected a string, got \"true\"\n");
	assert_rejects("dockerfile.copy_for_bundle: {a: b}\n",
	               "t.yml:1:29: error: dockerfile.copy_for_bundle: expected a string or a "
	               "list of strings, got a map\n");
	assert_rejects("dockerfile.copy_for_bundle: [a, [b]]\n",
	               "t.yml:1:33: error: dockerfile.copy_for_bundle: expected a string in the "
	               "list, got a list\n");
	assert_rejects("dockerfile.copy_for_bundle: [a, ~]\n",
	               "t.yml:1:33: error: dockerfile.copy_for_bundle: expected a string in the "
	               "list, got null\n");
	assert_rejects("dockerfile.build_args.at_top: [a]\n",
	               "t.yml:1:31: error: dockerfile.build_args.at_top: expected a map, got a list\n");
	assert_rejects("dockerfile.custom: [a]\n",
	               "t.yml:1:20: error: dockerfile.custom: expected true, false or a string, "
	               "got a list\n");
}

static void
enums(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_rejects("lint.format: xml\n",
	               "t.yml:1:14: error: lint.format: expected one of tty, gnu, json, sarif, "
	               "checkstyle, junit, codeclimate, gitlab_codeclimate, got \"xml\"\n");
	assert_rejects("package_type: Image\n",
	               "t.yml:1:15: error: package_type: expected one of image, zip, got \"Image\"\n");
	dw_config_init(&c);
	assert_int_equal(apply(&c, "package_type: zip\nlint: {format: sarif}\n", &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_PACKAGE_TYPE), "zip");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_LINT_FORMAT), "sarif");
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
ints(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_rejects("dockerfile.deploy_user.uid: -1\n",
	               "t.yml:1:29: error: dockerfile.deploy_user.uid: expected a non-negative "
	               "integer, got \"-1\"\n");
	assert_rejects("dockerfile.deploy_user.uid: 1.5\n",
	               "t.yml:1:29: error: dockerfile.deploy_user.uid: expected a non-negative "
	               "integer, got \"1.5\"\n");
	assert_rejects("dockerfile.deploy_user.uid: \"12\"\n",
	               "t.yml:1:29: error: dockerfile.deploy_user.uid: expected a non-negative "
	               "integer, got \"12\"\n");
	assert_rejects("dockerfile.deploy_user.uid: 99999999999999999999999\n",
	               "t.yml:1:29: error: dockerfile.deploy_user.uid: expected a non-negative "
	               "integer below 2^31, got \"99999999999999999999999\"\n");
	dw_config_init(&c);
	assert_int_equal(apply(&c, "dockerfile.deploy_user: {uid: 0, gid: 2000}\n", &d), 0);
	assert_int_equal(dw_cfg_int(&c, DW_CFG_DEPLOY_USER_UID), 0);
	assert_int_equal(dw_cfg_int(&c, DW_CFG_DEPLOY_USER_GID), 2000);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
lists(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	const dw_strv *l;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c,
	                       "dockerfile:\n"
	                       "  copy_for_bundle: engines/\n"
	                       "  entrypoint: [/bin/ric, \"--x\", 3]\n"
	                       "  yum.packages.all_stages: []\n", &d), 0);
	l = dw_cfg_list(&c, DW_CFG_COPY_FOR_BUNDLE);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->v[0], "engines/");
	l = dw_cfg_list(&c, DW_CFG_ENTRYPOINT);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[1], "--x");
	assert_string_equal(l->v[2], "3");
	/* An empty list is set, and empty; not the same as unset. */
	assert_true(c.v[DW_CFG_YUM_ALL_STAGES].set);
	assert_int_equal(dw_cfg_list(&c, DW_CFG_YUM_ALL_STAGES)->n, 0);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
maps(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	const dw_strv *k, *v;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c,
	                       "dockerfile.build_args:\n"
	                       "  at_top: {RUBY_YJIT: true, _N: 3, A1: \"x y\"}\n"
	                       "lint.severity: {DL3008: off, DW001: error}\n", &d), 0);
	k = dw_cfg_list(&c, DW_CFG_BUILD_ARGS_AT_TOP);
	v = dw_cfg_map_values(&c, DW_CFG_BUILD_ARGS_AT_TOP);
	assert_int_equal(k->n, 3);
	assert_string_equal(k->v[0], "RUBY_YJIT");
	assert_string_equal(v->v[0], "true");
	assert_string_equal(k->v[1], "_N");
	assert_string_equal(v->v[1], "3");
	assert_string_equal(v->v[2], "x y");
	assert_int_equal(dw_cfg_list(&c, DW_CFG_LINT_SEVERITY)->n, 2);
	dw_diags_free(&d);
	dw_config_free(&c);
	assert_rejects("dockerfile.build_args.at_top: {1X: a}\n",
	               "t.yml:1:32: error: dockerfile.build_args.at_top: expected a build arg "
	               "name ([A-Za-z_][A-Za-z0-9_]*), got \"1X\"\n");
	assert_rejects("dockerfile.build_args.build_stage: {\"A-B\": a}\n",
	               "t.yml:1:37: error: dockerfile.build_args.build_stage: expected a build arg "
	               "name ([A-Za-z_][A-Za-z0-9_]*), got \"A-B\"\n");
	assert_rejects("dockerfile.build_args.at_top: {A: [x]}\n",
	               "t.yml:1:35: error: dockerfile.build_args.at_top: expected a string, "
	               "number or boolean as the value, got a list\n");
	assert_rejects("dockerfile.build_args.at_top: {A: x, A: y}\n",
	               "t.yml:1:38: error: dockerfile.build_args.at_top: duplicate entry 'A'\n");
	assert_rejects("lint.severity: {DL3008: loud}\n",
	               "t.yml:1:25: error: lint.severity: expected error, warning, info, style "
	               "or off, got \"loud\"\n");
}

static void
bool_string(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c, "dockerfile.custom: true\n", &d), 0);
	assert_true(dw_cfg_bool(&c, DW_CFG_CUSTOM));
	assert_null(dw_cfg_str(&c, DW_CFG_CUSTOM));
	assert_int_equal(apply(&c, "dockerfile.commands.bootsnap: false\n", &d), 0);
	assert_true(c.v[DW_CFG_COMMANDS_BOOTSNAP].set);
	assert_false(dw_cfg_bool(&c, DW_CFG_COMMANDS_BOOTSNAP));
	dw_config_free(&c);
	dw_config_init(&c);
	assert_int_equal(apply(&c, "dockerfile.custom: dockerfiles/Dockerfile1\n", &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_CUSTOM), "dockerfiles/Dockerfile1");
	assert_false(dw_cfg_bool(&c, DW_CFG_CUSTOM));
	assert_int_equal(d.n, 0);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
nulls(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c,
	                       "dockerfile:\n"
	                       "  entrypoint: ~\n"
	                       "  image_package.from_base.image_variant:\n"
	                       "  add_deploy_user: null\n"
	                       "lint:\n", &d), 0);
	assert_false(c.v[DW_CFG_ENTRYPOINT].set);
	assert_int_equal(dw_cfg_list(&c, DW_CFG_ENTRYPOINT)->n, 0);
	assert_null(dw_cfg_str(&c, DW_CFG_IMAGE_FROM_IMAGE_VARIANT));
	assert_int_equal(c.v[DW_CFG_IMAGE_FROM_IMAGE_VARIANT].origin, DW_ORIGIN_FILE);
	assert_false(dw_cfg_bool(&c, DW_CFG_ADD_DEPLOY_USER));
	assert_int_equal(d.n, 0);
	dw_diags_free(&d);
	dw_config_free(&c);
}

static void
duplicates(void **state)
{
	(void)state;
	assert_rejects("dockerfile.add_deploy_user: false\n"
	               "dockerfile:\n"
	               "  add_deploy_user: true\n",
	               "t.yml:3:3: error: duplicate key 'dockerfile.add_deploy_user' "
	               "(first given at t.yml:1:1)\n");
	assert_rejects("lint:\n  ignore: [a]\nlint.ignore: b\n",
	               "t.yml:3:1: error: duplicate key 'lint.ignore' (first given at t.yml:2:3)\n");
	/* An alias spelling is the same key. */
	assert_rejects("dockerfile.apt.packages.build_stage: a\n"
	               "dockerfile.packages.apt.build_stage: b\n",
	               "t.yml:2:1: warning: 'dockerfile.packages.apt.build_stage' is Jets' "
	               "alternative spelling of 'dockerfile.apt.packages.build_stage'; use "
	               "'dockerfile.apt.packages.build_stage'\n"
	               "t.yml:2:1: error: duplicate key 'dockerfile.apt.packages.build_stage' "
	               "(first given at t.yml:1:1)\n");
}

static void
aliases(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	dw_config_init(&c);
	assert_int_equal(apply(&c,
	                       "dockerfile:\n"
	                       "  packages:\n"
	                       "    yum:\n"
	                       "      deployment_stage: [ImageMagick]\n"
	                       "package_type: yum\n", &d), 0);
	tu_assert_diags(&d,
	             "t.yml:4:7: warning: 'dockerfile.packages.yum.deployment_stage' is Jets' "
	             "alternative spelling of 'dockerfile.yum.packages.deployment_stage'; use "
	             "'dockerfile.yum.packages.deployment_stage'\n"
	             "t.yml:5:15: warning: package_type: 'yum' is a Jets spelling of 'zip'; "
	             "using zip\n");
	assert_string_equal(dw_cfg_list(&c, DW_CFG_YUM_DEPLOYMENT_STAGE)->v[0], "ImageMagick");
	assert_string_equal(dw_cfg_str(&c, DW_CFG_PACKAGE_TYPE), "zip");
	dw_diags_free(&d);
	dw_config_free(&c);
	assert_rejects("docker.packages: [a]\n",
	               "t.yml:1:1: error: unsupported key 'docker.packages' (a spelling from "
	               "Jets' docs that names neither the package manager nor the stage): use "
	               "dockerfile.apt.packages.all_stages (image) or "
	               "dockerfile.yum.packages.all_stages (zip)\n");
}

static void
control_characters(void **state)
{
	(void)state;
	assert_rejects("dockerfile.apt.packages.build_stage: [\"curl\\nRUN rm -rf /\"]\n",
	               "t.yml:1:39: error: dockerfile.apt.packages.build_stage: control "
	               "character (newline) \\x0a not allowed in a value\n");
	assert_rejects("dockerfile.build_args.at_top: {A: \"x\\ny\"}\n",
	               "t.yml:1:35: error: dockerfile.build_args.at_top: control character "
	               "(newline) \\x0a not allowed in a value\n");
	assert_rejects("docker.image: \"img\\r\"\n",
	               "t.yml:1:15: error: docker.image: control character \\x0d not allowed "
	               "in a value\n");
	assert_rejects("docker.image: \"a\\0b\"\n",
	               "t.yml:1:15: error: docker.image: control character \\x00 not allowed "
	               "in a value\n");
	assert_rejects("dockerfile.handler: \"a\\tb\"\n",
	               "t.yml:1:21: error: dockerfile.handler: control character \\x09 not "
	               "allowed in a value\n");
	assert_rejects("dockerfile.build_args.at_top: {\"A\\n\": x}\n",
	               "t.yml:1:32: error: dockerfile.build_args.at_top: control character "
	               "(newline) \\x0a not allowed in a value\n");
	/* A block scalar ends with a newline. */
	assert_rejects("docker.image: |\n  img\n",
	               "t.yml:1:15: error: docker.image: control character (newline) \\x0a not "
	               "allowed in a value\n");
}

/* ---- loading, the environment ------------------------------------------ */

static void
clear_env(void)
{
	unsetenv("JETS_DOCKER_IMAGE");
	unsetenv("DOCKWRIGHT_DOCKER_IMAGE");
}

static void
load_finds_files(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	char *app;

	(void)state;
	clear_env();
	app = fixture("app-yml");
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_non_null(c.path);
	assert_non_null(strstr(c.path, "app-yml/dockwright.yml"));
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "from-yml:1");
	dw_config_free(&c);
	free(app);

	/* .dockwright.yml is read, and loses to dockwright.yml with a warning. */
	app = fixture("app-dot");
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "from-dot:1");
	dw_config_free(&c);
	free(app);
	app = fixture("app-both");
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "from-yml:2");
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].sev, DW_SEV_WARNING);
	assert_non_null(strstr(d.v[0].message, "ignored: "));
	dw_config_free(&c);
	free(app);
	dw_diags_free(&d);

	/* deploy.rb when there is no YAML. */
	app = fixture("app-rb");
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "from-rb:1");
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].origin, DW_ORIGIN_DEPLOYRB);
	dw_config_free(&c);
	free(app);

	/* Nothing: defaults. */
	app = fixture("app-none");
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_null(c.path);
	assert_null(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE));
	dw_config_free(&c);
	free(app);
	assert_int_equal(d.n, 0);
}

static void
load_config_path(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	char *app = fixture("app-yml"), *other = fixture("other.yml");

	(void)state;
	clear_env();
	assert_int_equal(dw_config_load(&c, app, other, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "from-other:1");
	dw_config_free(&c);
	free(other);

	other = fixture("missing.yml");
	assert_int_equal(dw_config_load(&c, app, other, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, other);
	assert_non_null(strstr(d.v[0].message, "cannot open"));
	dw_config_free(&c);
	dw_diags_free(&d);
	free(other);

	/* Errors in the file fail the load; YAML syntax errors too. */
	other = fixture("bad.yml");
	assert_int_equal(dw_config_load(&c, app, other, &d), -1);
	assert_int_equal(dw_diags_count(&d, DW_SEV_ERROR), 2);
	dw_config_free(&c);
	dw_diags_free(&d);
	free(other);
	other = fixture("syntax.yml");
	assert_int_equal(dw_config_load(&c, app, other, &d), -1);
	assert_int_equal(d.v[0].span.start.line, 2);
	dw_config_free(&c);
	dw_diags_free(&d);
	free(other);
	free(app);
}

static void
env_overrides(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	char *app = fixture("app-yml");

	(void)state;
	clear_env();
	setenv("JETS_DOCKER_IMAGE", "jets:1", 1);
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "jets:1");
	assert_int_equal(c.v[DW_CFG_DOCKER_IMAGE].origin, DW_ORIGIN_ENV);
	assert_string_equal(c.v[DW_CFG_DOCKER_IMAGE].where, "JETS_DOCKER_IMAGE");
	dw_config_free(&c);

	setenv("DOCKWRIGHT_DOCKER_IMAGE", "dw:1", 1);
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "dw:1");
	assert_string_equal(c.v[DW_CFG_DOCKER_IMAGE].where, "DOCKWRIGHT_DOCKER_IMAGE");
	dw_config_free(&c);

	/* Empty is ignored. */
	setenv("DOCKWRIGHT_DOCKER_IMAGE", "", 1);
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	assert_string_equal(dw_cfg_str(&c, DW_CFG_DOCKER_IMAGE), "jets:1");
	dw_config_free(&c);

	setenv("DOCKWRIGHT_DOCKER_IMAGE", "a\nb", 1);
	assert_int_equal(dw_config_load(&c, app, NULL, &d), -1);
	tu_assert_diags(&d, "error: DOCKWRIGHT_DOCKER_IMAGE: control character \\x0a not allowed\n");
	dw_config_free(&c);
	dw_diags_free(&d);
	clear_env();
	free(app);
}

/* ---- print-config ------------------------------------------------------ */

static char *
slurp(const char *path)
{
	dw_buf b = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;

	assert_int_equal(dw_file_read(path, &b, &d), 0);
	dw_diags_free(&d);
	return dw_buf_detach(&b);
}

static void
print_golden(void **state)
{
	dw_config c;
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT, again = DW_BUF_INIT;
	char *app = fixture("print"), *want_path = fixture("print/expected.txt"), *want;

	(void)state;
	clear_env();
	setenv("JETS_DOCKER_IMAGE", "123.dkr.ecr.us-east-1.amazonaws.com/app:v1", 1);
	assert_int_equal(dw_config_load(&c, app, NULL, &d), 0);
	dw_config_print(&c, &out);
	want = slurp(want_path);
	if (strcmp(dw_buf_cstr(&out), want) != 0)
		fprintf(stderr, "# got:\n%s", dw_buf_cstr(&out));
	assert_string_equal(dw_buf_cstr(&out), want);
	dw_config_print(&c, &again);
	assert_string_equal(out.ptr, again.ptr);
	dw_config_free(&c);

	/* What print-config writes reads back to the same configuration. */
	{
		dw_ydoc *doc = dw_yaml_load(out.ptr, out.len, "printed.yml", &d);
		dw_config back;
		dw_buf third = DW_BUF_INIT;

		assert_non_null(doc);
		dw_config_init(&back);
		assert_int_equal(dw_config_apply_yaml(&back, doc, &d), 0);
		dw_config_print(&back, &third);
		/* Same values; the origin comments differ. */
		for (char *p = out.ptr, *q = third.ptr; *p && *q;) {
			size_t np = strcspn(p, "#"), nq = strcspn(q, "#");

			assert_int_equal(np, nq);
			assert_memory_equal(p, q, np);
			p = strchr(p, '\n') + 1;
			q = strchr(q, '\n') + 1;
		}
		dw_buf_free(&third);
		dw_config_free(&back);
		dw_yaml_free(doc);
	}
	assert_int_equal(d.n, 0);
	clear_env();
	free(want);
	free(want_path);
	free(app);
	dw_buf_free(&out);
	dw_buf_free(&again);
}

/* ---- the man page ------------------------------------------------------ */

static void
man_lists_every_key(void **state)
{
	dw_buf man = DW_BUF_INIT, want = DW_BUF_INIT;
	const dw_ckey_info *k = dw_config_keys();

	(void)state;
	dw_config_man(&man);
	assert_non_null(strstr(man.ptr, ".SH KEYS\n"));
	for (size_t i = 0; i < DW_CFG__COUNT; i++) {
		dw_buf_clear(&want);
		dw_buf_printf(&want, ".TP\n.B %s\n", k[i].name);
		assert_non_null(strstr(man.ptr, want.ptr));
	}
	/* roff: hyphens escaped, and no text line starts a request. */
	assert_non_null(strstr(man.ptr, "\\fB:FRIENDLY_TAG\\-:TIMESTAMP\\-:GIT_SHA\\fR"));
	assert_non_null(strstr(man.ptr, "\\fBtty\\fR, \\fBgnu\\fR"));
	dw_buf_free(&man);
	dw_buf_free(&want);
}

/* The built page, when the build directory is known. */
static void
man_page_file(void **state)
{
	const char *b = getenv("DW_BUILDDIR");
	dw_buf path = DW_BUF_INIT, page = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	const dw_ckey_info *k = dw_config_keys();

	(void)state;
	if (b == NULL || *b == '\0')
		skip();
	dw_buf_printf(&path, "%s/man/dockwright.yml.5", b);
	if (dw_file_read(path.ptr, &page, &d) < 0) {
		/* Built in the source tree of a tarball. */
		dw_diags_free(&d);
		dw_buf_clear(&path);
		dw_buf_printf(&path, "%s/man/dockwright.yml.5", tu_srcdir());
		assert_int_equal(dw_file_read(path.ptr, &page, &d), 0);
	}
	for (const char *s = ".SH NAME\n|.SH SYNOPSIS\n|.SH DESCRIPTION\n|.SH JETS DEPLOY.RB\n|"
	                     ".SH ENVIRONMENT\n|.SH KEYS\n|.SH EXAMPLES\n|.SH SEE ALSO\n";
	     *s;) {
		size_t n = strcspn(s, "|");
		char *sec = dw_strndup(s, n);

		assert_non_null(strstr(page.ptr, sec));
		free(sec);
		s += n + (s[n] == '|');
	}
	for (size_t i = 0; i < DW_CFG__COUNT; i++)
		assert_non_null(strstr(page.ptr, k[i].name));
	dw_buf_free(&path);
	dw_buf_free(&page);
	dw_diags_free(&d);
}

/* ---- the YAML loader's limits ------------------------------------------ */

static void
yaml_alias_bomb(void **state)
{
	static const char bomb[] =
		"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	assert_null(dw_yaml_load(bomb, sizeof bomb - 1, "bomb.yml", &d));
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].message, "aliases expand to more than"));
	dw_diags_free(&d);
}

static void
yaml_deep_nesting(void **state)
{
	size_t depth = 100000;
	char *src = dw_malloc(2 * depth + 1);
	dw_diags d = DW_DIAGS_INIT;

	(void)state;
	memset(src, '[', depth);
	memset(src + depth, ']', depth);
	src[2 * depth] = '\0';
	assert_null(dw_yaml_load(src, 2 * depth, "deep.yml", &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, "deep.yml");
	dw_diags_free(&d);
	/* Block style too: "- - - ... x". */
	free(src);
	src = dw_malloc(2 * depth + 3);
	for (size_t i = 0; i < depth; i++)
		src[2 * i] = '-', src[2 * i + 1] = ' ';
	memcpy(src + 2 * depth, "x\n", 3);
	assert_null(dw_yaml_load(src, strlen(src), "deep.yml", &d));
	assert_int_equal(d.n, 1);
	dw_diags_free(&d);
	free(src);
}

static void
yaml_documents_and_syntax(void **state)
{
	static const char two[] = "a: 1\n---\nb: 2\n";
	static const char bad[] = "a: 1\nb: [1, 2\nc: 3\n";
	dw_diags d = DW_DIAGS_INIT;
	dw_config c;

	(void)state;
	assert_null(dw_yaml_load(two, sizeof two - 1, "two.yml", &d));
	tu_assert_diags(&d, "two.yml:2:1: error: expected one YAML document, found several\n");
	dw_diags_free(&d);
	assert_null(dw_yaml_load(bad, sizeof bad - 1, "bad.yml", &d));
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].path, "bad.yml");
	assert_int_equal(d.v[0].span.start.line, 3);
	assert_true(d.v[0].span.start.col > 0);
	dw_diags_free(&d);
	dw_config_init(&c);
	assert_int_equal(apply(&c, "a: *nope\n", &d), -2);
	tu_assert_diags(&d, "t.yml:1:4: error: unknown YAML alias 'nope'\n");
	dw_diags_free(&d);
	dw_config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_lookup),
		cmocka_unit_test(defaults),
		cmocka_unit_test(nested_dotted_mixed),
		cmocka_unit_test(position_recorded),
		cmocka_unit_test(unknown_keys),
		cmocka_unit_test(root_must_be_map),
		cmocka_unit_test(type_errors),
		cmocka_unit_test(enums),
		cmocka_unit_test(ints),
		cmocka_unit_test(lists),
		cmocka_unit_test(maps),
		cmocka_unit_test(bool_string),
		cmocka_unit_test(nulls),
		cmocka_unit_test(duplicates),
		cmocka_unit_test(aliases),
		cmocka_unit_test(control_characters),
		cmocka_unit_test(load_finds_files),
		cmocka_unit_test(load_config_path),
		cmocka_unit_test(env_overrides),
		cmocka_unit_test(print_golden),
		cmocka_unit_test(man_lists_every_key),
		cmocka_unit_test(man_page_file),
		cmocka_unit_test(yaml_alias_bomb),
		cmocka_unit_test(yaml_deep_nesting),
		cmocka_unit_test(yaml_documents_and_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
