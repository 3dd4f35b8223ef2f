/* SPDX-License-Identifier: MIT */
/*
 * render.c - a plan becomes a Dockerfile through the templates in
 * templates/ (built in, or --templates DIR).  This file only turns plan
 * and config into template variables; the Dockerfile's shape lives in the
 * templates.
 */

#include "config.h"
#include "gen.h"
#include "jsonw.h"
#include "template.h"
#include "values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct loader {
	const char *dir;  /* --templates DIR, or NULL for the built-in ones */
};

static int
load_template(void *ctx, const char *name, dw_buf *text, dw_buf *path, dw_diags *d)
{
	const struct loader *L = ctx;

	dw_buf_clear(path);
	if (L->dir) {
		dw_buf_printf(path, "%s/%s.tmpl", L->dir, name);
		return dw_file_read(path->ptr, text, d);
	}
	dw_buf_printf(path, "templates/%s.tmpl", name);
	return dw_data_read(path->ptr, text, d);
}

static void
join_reasons(const dw_pkg *pk, dw_buf *out)
{
	dw_buf_clear(out);
	for (size_t i = 0; i < pk->reasons.n; i++) {
		if (i)
			dw_buf_puts(out, ", ");
		dw_buf_puts(out, pk->reasons.v[i]);
	}
}

/* An install step: a list of zero or one item holding `pkgs`, so that the
 * template writes no RUN at all when nothing is to be installed. */
static void
set_install(dw_tctx *c, const char *list, const dw_pkgs *pk, const char *pm)
{
	dw_buf r = DW_BUF_INIT;
	dw_tctx *item;

	dw_tctx_set_list(c, list);
	if (pk->n == 0)
		return;
	item = dw_tctx_add_item(c, list);
	dw_tctx_set(item, "pm", pm);
	dw_tctx_set_list(item, "pkgs");
	for (size_t i = 0; i < pk->n; i++) {
		dw_tctx *p = dw_tctx_add_item(item, "pkgs");

		join_reasons(&pk->v[i], &r);
		dw_tctx_set(p, "name", pk->v[i].name);
		dw_tctx_set(p, "reasons", dw_buf_cstr(&r));
	}
	dw_buf_free(&r);
}

static void
set_args(dw_tctx *c, const char *list, const dw_plan *p, const char *stage)
{
	dw_tctx_set_list(c, list);
	for (size_t i = 0; i < p->nargs; i++)
		if (strcmp(p->args[i].stage, stage) == 0)
			dw_tctx_set(dw_tctx_add_item(c, list), "name", p->args[i].name);
}

/*
 * A hook must end where it ends: a trailing line continuation or an open
 * heredoc would swallow the generated instruction after it (FROM base AS
 * deployment, say).  Parse it with a sentinel instruction after it; the
 * sentinel must come out whole, as the last instruction.
 */
static int
hook_check(const char *name, const char *path, const dw_buf *text, dw_diags *d)
{
	static const char sentinel[] = "RUN dockwright-hook-end";
	dw_buf t = DW_BUF_INIT;
	dw_diags ignore = DW_DIAGS_INIT;
	dw_dockerfile *df;
	bool ok;

	dw_buf_printf(&t, "# syntax=docker/dockerfile:1\n%.*s\n%s\n", (int)text->len,
	              text->len ? text->ptr : "", sentinel);
	df = dw_parse(t.ptr, t.len, path, NULL, &ignore);
	ok = df && df->ninstrs > 0 && df->instrs[df->ninstrs - 1].nflags == 0 &&
	     df->instrs[df->ninstrs - 1].nheredocs == 0 &&
	     df->instrs[df->ninstrs - 1].end_off == sizeof sentinel - 1 &&
	     strncmp(df->instrs[df->ninstrs - 1].text, sentinel, sizeof sentinel - 1) == 0;
	if (!ok)
		dw_diags_add(d, DW_SEV_ERROR, path, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "stage hook %s does not end with a complete instruction: a trailing "
		             "line continuation or an open heredoc would swallow the generated "
		             "instruction after it", name);
	dw_dockerfile_free(df);
	dw_diags_free(&ignore);
	dw_buf_free(&t);
	return ok ? 0 : -1;
}

/*
 * Stage hooks, pasted verbatim by design (documented): Jets' files under
 * config/jets/dockerfile/stage/, then dockwright's own under
 * config/dockwright/stage/.
 */
static int
set_hook(dw_tctx *c, const char *app_dir, const char *name, bool *any, dw_diags *d)
{
	static const char *const dirs[] = { "config/jets/dockerfile/stage",
	                                    "config/dockwright/stage" };
	dw_buf all = DW_BUF_INIT, path = DW_BUF_INIT, last = DW_BUF_INIT;
	struct stat st;
	int rc = 0;

	for (size_t i = 0; i < 2 && rc == 0; i++) {
		dw_buf_clear(&path);
		dw_buf_printf(&path, "%s/%s/%s", app_dir, dirs[i], name);
		if (stat(path.ptr, &st) != 0)
			continue;
		rc = dw_file_read(path.ptr, &all, d);
		dw_buf_clear(&last);
		dw_buf_puts(&last, path.ptr);
		/* The template puts the newline after the hook. */
		while (all.len > 0 && all.ptr[all.len - 1] == '\n')
			dw_buf_truncate(&all, all.len - 1);
		if (all.len)
			dw_buf_putc(&all, '\n');
	}
	while (all.len > 0 && all.ptr[all.len - 1] == '\n')
		dw_buf_truncate(&all, all.len - 1);
	if (rc == 0 && all.len)
		rc = hook_check(name, last.ptr, &all, d);
	dw_tctx_set_raw(c, name, dw_buf_cstr(&all));
	*any = *any || all.len > 0;
	dw_buf_free(&all);
	dw_buf_free(&last);
	dw_buf_free(&path);
	return rc;
}

/*
 * The '# syntax=' line (dockerfile.syntax).  It makes every BuildKit pull
 * the frontend image before it reads the file, which an offline or
 * air-gapped builder cannot.  auto writes it only when the file needs more
 * than Dockerfile 1.2, the frontend built into BuildKit 0.8 and Docker
 * 20.10, which already has RUN --mount=type=secret: COPY --link is 1.4,
 * and a stage hook may use anything (heredocs are 1.4).
 */
static int
set_syntax(dw_tctx *c, const dw_config *cfg, bool any_hook, dw_diags *d)
{
	const char *v = dw_cfg_str(cfg, DW_CFG_SYNTAX);

	if (v == NULL || strcmp(v, "none") == 0)
		v = "";
	else if (strcmp(v, "auto") == 0)
		v = dw_cfg_bool(cfg, DW_CFG_COPY_LINK) || any_hook ? "docker/dockerfile:1" : "";
	else if (dw_value_check(cfg, DW_CFG_SYNTAX, DW_V_IMAGE, v, d) < 0)
		return -1;
	dw_tctx_set(c, "syntax", v);
	return 0;
}

static void
set_exec_json(dw_tctx *c, const char *name, const dw_strv *sv)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_putc(&b, '[');
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			dw_buf_puts(&b, ", ");
		dw_json_quote(&b, sv->v[i], strlen(sv->v[i]));
	}
	dw_buf_putc(&b, ']');
	dw_tctx_set(c, name, dw_buf_cstr(&b));
	dw_buf_free(&b);
}

static void
set_copy_for_bundle(dw_tctx *c, const dw_plan *p)
{
	dw_tctx_set_list(c, "copy_for_bundle");
	for (size_t i = 0; i < p->nbundle_files; i++)
		dw_tctx_set(dw_tctx_add_item(c, "copy_for_bundle"), "path", p->bundle_files[i].path);
}

/* The bootsnap command: configured, turned off (false), or Rails' default
 * when the app bundles bootsnap. */
static int
set_bootsnap(dw_tctx *c, const dw_plan *p, const dw_config *cfg, dw_diags *d)
{
	const char *s = dw_cfg_str(cfg, DW_CFG_COMMANDS_BOOTSNAP);

	if (s == NULL && cfg->v[DW_CFG_COMMANDS_BOOTSNAP].set)
		s = dw_cfg_bool(cfg, DW_CFG_COMMANDS_BOOTSNAP) && p->bootsnap
		        ? "bundle exec bootsnap precompile app/ lib/" : "";
	else if (s == NULL)
		s = p->bootsnap ? "bundle exec bootsnap precompile app/ lib/" : "";
	if (*s && dw_value_check(cfg, DW_CFG_COMMANDS_BOOTSNAP, DW_V_COMMAND, s, d) < 0)
		return -1;
	dw_tctx_set(c, "bootsnap", s);
	return 0;
}

/* The asset step and Node.js; every value is one of assets.c's fixed
 * strings or a version its grammar checked. */
static void
set_assets(dw_tctx *c, const dw_plan *p)
{
	const dw_assets *a = &p->assets;

	dw_tctx_set(c, "assets_command", a->command ? a->command : "");
	dw_tctx_set(c, "node_dist", a->node_reason && a->node_dist ? a->node_dist : "");
	dw_tctx_set(c, "node_version", a->node_version ? a->node_version : "");
	dw_tctx_set(c, "node_source", a->node_source ? a->node_source : "");
	dw_tctx_set(c, "node_packages", a->node_reason && a->pm_install ? a->pm_install : "");
	dw_tctx_set_bool(c, "corepack", a->node_reason && a->corepack);
	dw_tctx_set_list(c, "node_files");
	for (size_t i = 0; a->node_reason && i < a->node_files.n; i++)
		dw_tctx_set(dw_tctx_add_item(c, "node_files"), "path", a->node_files.v[i]);
}

static void
set_user(dw_tctx *c, const dw_plan *p, const dw_config *cfg)
{
	char num[32];

	dw_tctx_set(c, "user", p->user ? p->user : "");
	dw_tctx_set(c, "user_name", dw_cfg_str(cfg, DW_CFG_DEPLOY_USER_NAME));
	snprintf(num, sizeof num, "%ld", dw_cfg_int(cfg, DW_CFG_DEPLOY_USER_UID));
	dw_tctx_set(c, "uid", num);
	snprintf(num, sizeof num, "%ld", dw_cfg_int(cfg, DW_CFG_DEPLOY_USER_GID));
	dw_tctx_set(c, "gid", num);
}

static void
set_header(dw_tctx *c, const dw_plan *p)
{
	char abi[32];
	const char *v = p->ruby.version;
	const char *dot = strchr(v, '.');

	dw_tctx_set(c, "version", PACKAGE_VERSION);
	dw_tctx_set(c, "framework", p->framework.name ? p->framework.name : "none");
	dw_tctx_set(c, "framework_reason", p->framework.reason ? p->framework.reason : "no web framework gem");
	dw_tctx_set(c, "ruby_version", v);
	dw_tctx_set(c, "ruby_source", p->ruby.source);
	/* Gems live under the ABI version: 3.3.6 -> 3.3.0. */
	snprintf(abi, sizeof abi, "%.*s.0", dot && strchr(dot + 1, '.')
	         ? (int)(strchr(dot + 1, '.') - v) : (int)strlen(v), v);
	dw_tctx_set(c, "ruby_abi", abi);
	dw_tctx_set(c, "base_image", p->base_image);
	dw_tctx_set(c, "distro", dw_distro_name(p->distro));
	dw_tctx_set(c, "distro_reason", p->distro_reason);
	dw_tctx_set(c, "workdir", p->workdir);
	dw_tctx_set_list(c, "warnings");
	for (size_t i = 0; i < p->warnings.n; i++)
		dw_tctx_set(dw_tctx_add_item(c, "warnings"), "text", p->warnings.v[i]);
	dw_tctx_set(c, "handler", p->handler.name);
	dw_tctx_set(c, "handler_reason", p->handler.reason);
	dw_tctx_set_list(c, "runtime_env");
	for (size_t i = 0; i < p->nenv; i++) {
		dw_tctx *e = dw_tctx_add_item(c, "runtime_env");

		dw_tctx_set(e, "name", p->env[i].name);
		dw_tctx_set(e, "value", p->env[i].value);
	}
	dw_tctx_set_list(c, "env");
	if (p->framework.env_var) {
		dw_tctx *e = dw_tctx_add_item(c, "env");

		dw_tctx_set(e, "name", p->framework.env_var);
		dw_tctx_set(e, "value", "production");
	}
}

static int
fill(dw_tctx *c, const dw_plan *p, const dw_config *cfg, dw_diags *d)
{
	static const char *const hooks[] = { "before_build", "after_build",
	                                     "before_deployment", "after_deployment" };
	const char *pm = p->family == DW_PKG_APT ? "apt-get" : p->family == DW_PKG_YUM ? "yum" : "dnf";
	dw_strv cmd = DW_STRV_INIT;
	bool any_hook = false;
	int rc = 0;

	set_header(c, p);
	set_args(c, "args_top", p, "at_top");
	set_args(c, "args_build", p, "build_stage");
	set_args(c, "args_deploy", p, "deployment_stage");
	set_install(c, "build_install", &p->build_pkgs, pm);
	set_install(c, "deploy_install", &p->deploy_pkgs, pm);
	for (size_t i = 0; i < 4; i++)
		rc |= set_hook(c, p->app_dir, hooks[i], &any_hook, d);
	rc |= set_syntax(c, cfg, any_hook, d);
	set_copy_for_bundle(c, p);
	set_assets(c, p);
	rc |= set_bootsnap(c, p, cfg, d);
	set_user(c, p, cfg);
	dw_tctx_set(c, "ric_version", p->ric_version);
	dw_tctx_set(c, "bundle_without", p->bundle_without ? p->bundle_without : "");
	dw_tctx_set_bool(c, "force_ruby_platform", dw_cfg_bool(cfg, DW_CFG_FORCE_RUBY_PLATFORM));
	dw_tctx_set_bool(c, "aws_secret", p->aws_secret);
	dw_tctx_set_bool(c, "bundle", p->bundle);
	dw_tctx_set_bool(c, "awscli", dw_cfg_bool(cfg, DW_CFG_INSTALL_AWSCLI));
	dw_tctx_set_bool(c, "normalize_permissions", dw_cfg_bool(cfg, DW_CFG_NORMALIZE_PERMISSIONS));
	dw_tctx_set_bool(c, "copy_link", dw_cfg_bool(cfg, DW_CFG_COPY_LINK));
	set_exec_json(c, "entrypoint_json", &p->entrypoint);
	dw_strv_push(&cmd, p->cmd, strlen(p->cmd));
	set_exec_json(c, "cmd_json", &cmd);
	dw_strv_free(&cmd);
	return rc ? -1 : 0;
}

int
dw_gen_render(const dw_plan *p, const dw_config *cfg, const char *templates_dir,
              dw_buf *out, dw_diags *d)
{
	struct loader L = { templates_dir };
	dw_buf text = DW_BUF_INIT, path = DW_BUF_INIT;
	dw_tctx *c;
	int rc;

	if (p->source != DW_SOURCE_MANAGED)
		return 0;
	c = dw_tctx_new();
	rc = fill(c, p, cfg, d);
	if (rc == 0)
		rc = load_template(&L, strcmp(p->package_type, "zip") == 0 ? "Dockerfile.zip"
		                                                           : "Dockerfile.image",
		                   &text, &path, d);
	if (rc == 0)
		rc = dw_template_render(dw_buf_cstr(&text), text.len, path.ptr, c, load_template,
		                        &L, out, d);
	dw_tctx_free(c);
	dw_buf_free(&text);
	dw_buf_free(&path);
	return rc;
}
