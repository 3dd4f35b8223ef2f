/* SPDX-License-Identifier: MIT */
/*
 * assets.c - the asset step of the build stage and the Node.js it needs.
 *
 * Rails with sprockets or propshaft runs assets:precompile (jsbundling,
 * cssbundling and tailwindcss-rails hook their builds into it), Hanami
 * with hanami-assets runs `hanami assets compile`; both are skipped when
 * the app commits a compiled manifest under public/assets.  Node.js comes
 * into the build stage when the app has a package.json (its packages are
 * installed with the manager its lockfile names) or when the asset step
 * needs a JavaScript runtime (execjs without mini_racer).  The final
 * stage gets Node.js only from the gem map (execjs at run time).
 *
 * Which Node.js: dockerfile.node.version, .node-version, .nvmrc,
 * package.json's engines.node, else the distribution's nodejs package
 * (bookworm 18, trixie 20).  A version the distribution does not have is
 * downloaded by the build (never by gen) from nodejs.org and checked
 * against the release's SHASUMS256.txt.
 */
#include "gen.h"
#include "values.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const dw_span none;

static bool
app_has(const dw_app *app, const char *name)
{
	return dw_app_has(app, name, false);
}

/* The first line of an app file, trimmed, or NULL. */
static char *
first_line(const dw_app *app, const char *name)
{
	dw_buf p = DW_BUF_INIT, text = DW_BUF_INIT;
	dw_diags quiet = DW_DIAGS_INIT;
	char *line = NULL;

	dw_app_path(app, name, &p);
	if (app_has(app, name) && dw_file_read(p.ptr, &text, &quiet) == 0) {
		const char *s = dw_buf_cstr(&text);
		size_t n;

		while (*s == ' ' || *s == '\t')
			s++;
		n = strcspn(s, "\r\n#");
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		line = dw_strndup(s, n);
	}
	dw_diags_free(&quiet);
	dw_buf_free(&p);
	dw_buf_free(&text);
	return line;
}

/* The compiled manifest the app commits in public/assets, or NULL:
 * sprockets 4 (.sprockets-manifest-*.json), sprockets 3 (manifest-*.json),
 * propshaft (.manifest.json), Hanami 2 (assets.json). */
static char *
committed_manifest(const dw_app *app)
{
	dw_buf p = DW_BUF_INIT;
	DIR *dir;
	struct dirent *e;
	char *found = NULL;

	dw_app_path(app, "public/assets", &p);
	dir = opendir(p.ptr);
	while (dir && (e = readdir(dir)) != NULL) {
		const char *n = e->d_name;
		size_t len = strlen(n);
		bool json = len > 5 && strcmp(n + len - 5, ".json") == 0;

		if (json && (strncmp(n, ".sprockets-manifest-", 20) == 0 ||
		             strncmp(n, "manifest-", 9) == 0 || strcmp(n, ".manifest.json") == 0 ||
		             strcmp(n, "assets.json") == 0) &&
		    (found == NULL || strcmp(n, found) < 0)) {
			free(found);
			found = dw_strdup(n);
		}
	}
	if (dir)
		closedir(dir);
	dw_buf_free(&p);
	return found;
}

/* The asset command, or NULL when the app has no asset pipeline. */
static const char *
asset_command(const dw_plan *p, const dw_app *app, dw_buf *why)
{
	const dw_spec *rails = dw_app_spec(app, "railties");
	const dw_spec *ha = dw_app_spec(app, "hanami-assets");
	const char *pipe = dw_app_installs(app, "propshaft") ? "propshaft"
	                 : dw_app_installs(app, "sprockets") ? "sprockets" : NULL;
	const char *fw = p->framework.name ? p->framework.name : "";

	if (strcmp(fw, "rails") == 0 && rails && pipe) {
		dw_buf_printf(why, "rails %s with %s", rails->version, pipe);
		/* Rails 7.1 boots without credentials on SECRET_KEY_BASE_DUMMY;
		 * before, a placeholder SECRET_KEY_BASE does the same.  Rails 4
		 * has no `rails` task runner. */
		if (dw_version_cmp(rails->version, "7.1") >= 0)
			return "SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile";
		if (dw_version_cmp(rails->version, "5") >= 0)
			return "SECRET_KEY_BASE=precompile-placeholder bundle exec rails assets:precompile";
		return "SECRET_KEY_BASE=precompile-placeholder bundle exec rake assets:precompile";
	}
	if (strcmp(fw, "hanami") == 0 && ha) {
		dw_buf_printf(why, "hanami-assets %s", ha->version);
		return dw_version_cmp(ha->version, "2") >= 0 ? "bundle exec hanami assets compile"
		                                              : "bundle exec hanami assets precompile";
	}
	return NULL;
}

/* A gem whose build needs the package.json the app lacks (NULL: none):
 * hanami-assets 2 runs the hanami-assets npm package, jsbundling-rails and
 * cssbundling-rails run the package.json's build scripts. */
static const char *
needs_package_json(const dw_app *app)
{
	static const char *const gems[] = { "jsbundling-rails", "cssbundling-rails" };
	const dw_spec *ha = dw_app_spec(app, "hanami-assets");

	if (app_has(app, "package.json"))
		return NULL;
	if (ha && dw_version_cmp(ha->version, "2") >= 0)
		return "hanami-assets";
	for (size_t i = 0; i < sizeof gems / sizeof gems[0]; i++)
		if (dw_app_installs(app, gems[i]))
			return gems[i];
	return NULL;
}

static void
decide_step(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	const char *gem = needs_package_json(app);
	dw_assets *a = &p->assets;
	dw_buf why = DW_BUF_INIT;
	const char *cmd = asset_command(p, app, &why);
	char *manifest = cmd ? committed_manifest(app) : NULL;

	if (cmd == NULL) {
		dw_buf_free(&why);
		return;
	}
	if (!dw_cfg_bool(c, DW_CFG_ASSETS_PRECOMPILE)) {
		dw_buf_puts(&why, ": dockerfile.assets.precompile is false");
	} else if (manifest) {
		dw_buf_printf(&why, ": skipped, public/assets/%s is committed", manifest);
	} else if (gem) {
		dw_buf_printf(&why, ": skipped, %s needs a package.json", gem);
		dw_diags_add(d, DW_SEV_WARNING, app->dir, none, NULL,
		             "%s builds the assets with a package.json, which the app does not "
		             "have: the image gets no compiled assets; commit the package.json, or "
		             "set dockerfile.assets.precompile to false", gem);
	} else {
		dw_buf_puts(&why, ": compiled in the build stage");
		a->command = dw_strdup(cmd);
		p->assets_precompile = true;
	}
	a->reason = dw_buf_detach(&why);
	free(manifest);
}

/* ---- the Node.js version ------------------------------------------------- */

/* "v20.11.1" -> "20.11.1", "20.x" -> "20", ">=18" -> "18" (at_least);
 * NULL when the text names no version (an lts alias, node, a range). */
static char *
node_version(const char *s, bool *at_least)
{
	size_t n;
	char op = '\0';

	*at_least = false;
	while (*s == ' ')
		s++;
	if (s[0] == '>' && s[1] == '=') {
		*at_least = true;
		s += 2;
	} else if (*s == '^' || *s == '~' || *s == '=') {
		op = *s++;
	}
	while (*s == ' ' || *s == 'v')
		s++;
	n = strspn(s, "0123456789.");
	if (n == 0)
		return NULL;
	if (s[n] == 'x' && n > 0 && s[n - 1] == '.')
		n--;
	else if (s[n] != '\0' && s[n] != ' ')
		return NULL;
	while (n > 0 && s[n - 1] == '.')
		n--;
	/* ^20.11.1 and ~20.11 allow newer 20.x: a major version. */
	if (op == '^' || op == '~' || *at_least)
		n = strspn(s, "0123456789");
	return dw_strndup(s, n);
}

/* package.json's engines.node, read with a light scan (a miss falls back
 * to the next source), or NULL. */
static char *
engines_node(const dw_app *app)
{
	dw_buf p = DW_BUF_INIT, text = DW_BUF_INIT;
	dw_diags quiet = DW_DIAGS_INIT;
	char *v = NULL;

	dw_app_path(app, "package.json", &p);
	if (dw_file_read(p.ptr, &text, &quiet) == 0) {
		const char *s = strstr(dw_buf_cstr(&text), "\"engines\"");
		const char *end = s ? strchr(s, '}') : NULL;
		const char *node = s ? strstr(s, "\"node\"") : NULL;

		if (node && end && node < end) {
			node = strchr(node + 6, '"');
			if (node && node < end && strchr(node + 1, '"'))
				v = dw_strndup(node + 1, (size_t)(strchr(node + 1, '"') - node - 1));
		}
	}
	dw_diags_free(&quiet);
	dw_buf_free(&p);
	dw_buf_free(&text);
	return v;
}

/* The Node.js the build stage gets: the distribution's package, or a
 * download by the build (node_dist: "v20.11.1" or "latest-v20.x"). */
static int
decide_node_version(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	static const char *const files[] = { ".node-version", ".nvmrc" };
	dw_assets *a = &p->assets;
	const char *distro_major = dw_distro_nodejs(p->distro) ? dw_distro_nodejs(p->distro) : "18";
	char *text = dw_cfg_str(c, DW_CFG_NODE_VERSION) ? dw_strdup(dw_cfg_str(c, DW_CFG_NODE_VERSION))
	                                                : NULL;
	char *v = NULL;
	bool at_least = false;
	dw_buf b = DW_BUF_INIT;

	a->node_source = "dockerfile.node.version";
	for (size_t i = 0; text == NULL && i < 2; i++) {
		text = first_line(app, files[i]);
		a->node_source = files[i];
	}
	if (text == NULL && (text = engines_node(app)) != NULL)
		a->node_source = "package.json engines.node";
	if (text && *text && (v = node_version(text, &at_least)) == NULL) {
		dw_app_path(app, strchr(a->node_source, ' ') ? "package.json" : a->node_source, &b);
		dw_diags_add(d, DW_SEV_WARNING, b.ptr, none, NULL,
		             "%s says Node.js '%s', which names no version gen can install; "
		             "the build uses the distribution's nodejs %s (set dockerfile.node.version)",
		             a->node_source, text, distro_major);
		dw_buf_clear(&b);
	}
	free(text);
	/* corepack (for yarn and pnpm) needs Node.js 18: Debian 11's nodejs
	 * is 12, so the build downloads 18 there. */
	if (v == NULL && a->corepack && dw_version_cmp(distro_major, "18") < 0) {
		v = dw_strdup("18");
		a->node_source = "default: corepack needs Node.js 18, newer than the distribution's nodejs";
	}
	if (v == NULL || strcmp(v, distro_major) == 0 ||
	    (at_least && dw_version_cmp(distro_major, v) >= 0)) {
		a->node_version = dw_strdup(distro_major);
		a->node_source = v ? a->node_source : "default: the distribution's nodejs package";
		free(v);
		dw_buf_free(&b);
		return 0;
	}
	if (!dw_value_ok(DW_V_NODE_VERSION, v)) {
		free(v);
		dw_buf_free(&b);
		return dw_value_check(c, DW_CFG_NODE_VERSION, DW_V_NODE_VERSION, "", d);
	}
	dw_buf_printf(&b, strchr(v, '.') ? "v%s" : "latest-v%s.x", v);
	a->node_dist = dw_buf_detach(&b);
	a->node_version = v;
	return 0;
}

/* ---- the package manager ------------------------------------------------ */

static const struct manager {
	const char *lockfile;
	const char *name;
	const char *install;
} managers[] = {
	{ "pnpm-lock.yaml", "pnpm", "pnpm install --frozen-lockfile" },
	{ "yarn.lock", "yarn", NULL },   /* classic or berry: see below */
	{ "package-lock.json", "npm", "npm ci" },
	{ "npm-shrinkwrap.json", "npm", "npm ci" },
};

/* Files the package manager reads, copied with package.json. */
static const char *const node_config_files[] = { ".npmrc", ".yarnrc", ".yarnrc.yml", ".yarn" };

static void
add_node_file(dw_plan *p, const char *name)
{
	dw_strv_push(&p->assets.node_files, name, strlen(name));
	dw_strv_push(&p->needed, name, strlen(name));
}

static void
decide_manager(dw_plan *p, const dw_app *app)
{
	dw_assets *a = &p->assets;
	dw_buf lock = DW_BUF_INIT, text = DW_BUF_INIT;
	dw_diags quiet = DW_DIAGS_INIT;

	add_node_file(p, "package.json");
	a->pm = "npm";
	a->pm_install = "npm install";
	for (size_t i = 0; i < sizeof managers / sizeof managers[0]; i++) {
		if (!app_has(app, managers[i].lockfile))
			continue;
		a->pm = managers[i].name;
		a->pm_install = managers[i].install;
		add_node_file(p, managers[i].lockfile);
		if (a->pm_install == NULL) {
			/* Yarn 2+ (berry) writes __metadata into its lockfile. */
			dw_app_path(app, "yarn.lock", &lock);
			dw_file_read(lock.ptr, &text, &quiet);
			a->pm_install = strstr(dw_buf_cstr(&text), "__metadata:")
			                ? "yarn install --immutable" : "yarn install --frozen-lockfile";
		}
		break;
	}
	for (size_t i = 0; i < sizeof node_config_files / sizeof node_config_files[0]; i++)
		if (app_has(app, node_config_files[i]))
			add_node_file(p, node_config_files[i]);
	/* Debian's nodejs has no corepack: npm brings it, and corepack
	 * brings the yarn or pnpm the app's packageManager names. */
	a->corepack = strcmp(a->pm, "npm") != 0;
	dw_diags_free(&quiet);
	dw_buf_free(&lock);
	dw_buf_free(&text);
}

/* Does the asset step need a JavaScript runtime for execjs? */
static bool
execjs_needs_node(const dw_app *app)
{
	return dw_app_installs(app, "execjs") && !dw_app_installs(app, "mini_racer") &&
	       !dw_app_installs(app, "therubyracer");
}

static void
add_node_packages(dw_plan *p, const char *why)
{
	dw_assets *a = &p->assets;

	if (a->node_dist) {
		dw_pkgs_add(&p->build_pkgs, "curl", "Node.js download");
	} else {
		dw_pkgs_add(&p->build_pkgs, "nodejs", why);
		if (a->pm)
			dw_pkgs_add(&p->build_pkgs, "npm", why);
	}
}

int
dw_plan_assets(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	dw_assets *a = &p->assets;
	bool pkg = app_has(app, "package.json"), js;
	dw_buf why = DW_BUF_INIT;
	int rc = 0;

	/* The key is exact (checked whether or not Node.js is needed); the
	 * files are read as their tools read them. */
	if (dw_cfg_str(c, DW_CFG_NODE_VERSION)) {
		const char *v = dw_cfg_str(c, DW_CFG_NODE_VERSION);

		if (dw_value_check(c, DW_CFG_NODE_VERSION, DW_V_NODE_VERSION, v + (v[0] == 'v'), d) < 0)
			return -1;
	}
	if (strcmp(p->package_type, "image") != 0)
		return 0;
	decide_step(p, app, c, d);
	js = a->command && execjs_needs_node(app);
	if (!pkg && !js)
		return 0;
	if (!dw_cfg_bool(c, DW_CFG_NODE_INSTALL)) {
		a->node_reason = dw_strdup("dockerfile.node.install is false");
		return 0;
	}
	if (pkg) {
		decide_manager(p, app);
		dw_buf_printf(&why, "package.json (%s)", a->pm);
	} else {
		dw_buf_puts(&why, "execjs needs a JavaScript runtime for the asset step");
	}
	rc = decide_node_version(p, app, c, d);
	add_node_packages(p, why.ptr);
	a->node_reason = dw_buf_detach(&why);
	return rc;
}

void
dw_assets_free(dw_assets *a)
{
	free(a->command);
	free(a->reason);
	free(a->node_reason);
	free(a->node_version);
	free(a->node_dist);
	dw_strv_free(&a->node_files);
	memset(a, 0, sizeof *a);
}
