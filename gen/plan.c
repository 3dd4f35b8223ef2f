/* SPDX-License-Identifier: MIT */
/*
 * plan.c - everything gen decides about an app, with the reason for each
 * decision.  The plan is rendered into a Dockerfile (render.c), printed as
 * JSON for other build systems (--plan), and read by dockwright-build.
 */
#include "gen.h"
#include "jsonw.h"
#include "sha256.h"
#include "values.h"

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/*
 * Keep the warnings added since `from` in the plan (for --plan and the
 * Dockerfile's header), as "file:line: message" with the file relative to
 * the app, so the output does not depend on where gen was run from.
 */
static void
collect_warnings(dw_plan *p, const dw_diags *d, size_t from)
{
	size_t alen = strlen(p->app_dir);
	dw_buf b = DW_BUF_INIT;

	for (size_t i = from; i < d->n; i++) {
		const dw_diag *dg = &d->v[i];
		const char *path = dg->path;

		if (dg->sev != DW_SEV_WARNING)
			continue;
		if (path && strncmp(path, p->app_dir, alen) == 0 && path[alen] == '/')
			path += alen + 1;
		else if (path && strcmp(path, p->app_dir) == 0)
			path = NULL;
		dw_buf_clear(&b);
		if (path && dg->span.start.line)
			dw_buf_printf(&b, "%s:%u: ", path, (unsigned)dg->span.start.line);
		else if (path)
			dw_buf_printf(&b, "%s: ", path);
		dw_buf_puts(&b, dg->message);
		dw_strv_push(&p->warnings, b.ptr, b.len);
	}
	dw_buf_free(&b);
}

/* The image source, as in Jets: prebuilt beats custom beats managed. */
static void
decide_source(dw_plan *p, const char *app_dir, const dw_config *c)
{
	const char *custom = dw_cfg_str(c, DW_CFG_CUSTOM);
	dw_buf path = DW_BUF_INIT;

	if (dw_cfg_str(c, DW_CFG_DOCKER_IMAGE)) {
		p->source = DW_SOURCE_PREBUILT;
		p->prebuilt_image = dw_strdup(dw_cfg_str(c, DW_CFG_DOCKER_IMAGE));
		return;
	}
	if (custom || dw_cfg_bool(c, DW_CFG_CUSTOM)) {
		p->source = DW_SOURCE_CUSTOM;
		if (custom && custom[0] == '/')
			dw_buf_puts(&path, custom);
		else
			dw_buf_printf(&path, "%s/%s", app_dir, custom ? custom : "Dockerfile");
		p->custom_path = dw_buf_detach(&path);
		return;
	}
	p->source = DW_SOURCE_MANAGED;
}

/* "3.3.6" -> "3.3" */
static char *
major_minor(const char *v)
{
	const char *dot = strchr(v, '.');
	const char *dot2 = dot ? strchr(dot + 1, '.') : NULL;
	size_t n = dot2 ? (size_t)(dot2 - v) : strlen(v);

	return dw_strndup(v, n);
}

static void
decide_distro(dw_plan *p, const dw_config *c, bool zip, const char *img, const char *tag,
              const char *variant)
{
	const char *want = dw_cfg_str(c, DW_CFG_IMAGE_FROM_DISTRO);

	if (zip) {
		/* Lambda's Ruby images: 3.2 and older are Amazon Linux 2 (yum),
		 * 3.3 and newer Amazon Linux 2023 (microdnf, linked as dnf). */
		bool al2 = dw_version_cmp(p->ruby.version, "3.3") < 0;

		p->distro = al2 ? DW_DISTRO_AL2 : DW_DISTRO_AL2023;
		p->distro_reason = al2 ? "Lambda's Ruby 3.2 image is Amazon Linux 2"
		                       : "Lambda's Ruby 3.3+ images are Amazon Linux 2023";
	} else if (want && strcmp(want, "auto") != 0) {
		p->distro = strcmp(want, "trixie") == 0 ? DW_DISTRO_TRIXIE : DW_DISTRO_BOOKWORM;
		p->distro_reason = "dockerfile.image_package.from_base.distro";
	} else if (img) {
		if (!dw_distro_of_image(img, &p->distro, &p->distro_reason)) {
			p->distro = DW_DISTRO_BOOKWORM;
			p->distro_reason = "assumed for an image that is not a ruby image; "
			                   "set dockerfile.image_package.from_base.distro";
		}
	} else {
		p->distro = dw_distro_of_ruby_tag(tag, variant, &p->distro_reason);
	}
	p->family = dw_distro_family(p->distro);
}

/* Docker Hub's short names ("ruby", "bitnami/ruby") in full: podman and
 * buildah on a stock Debian have no unqualified-search registries and
 * refuse a short name, while docker reads the full one the same way. */
static void
put_qualified(dw_buf *b, const char *name)
{
	const char *slash = strchr(name, '/');
	bool has_registry = slash && (memchr(name, '.', (size_t)(slash - name)) ||
	                              memchr(name, ':', (size_t)(slash - name)) ||
	                              strncmp(name, "localhost/", 10) == 0);

	if (!has_registry)
		dw_buf_puts(b, slash ? "docker.io/" : "docker.io/library/");
	dw_buf_puts(b, name);
}

static int
decide_base(dw_plan *p, const dw_config *c, dw_diags *d)
{
	bool zip = strcmp(p->package_type, "zip") == 0;
	dw_ckey kimg = zip ? DW_CFG_ZIP_FROM_DOCKER_IMAGE : DW_CFG_IMAGE_FROM_DOCKER_IMAGE;
	const char *img = dw_cfg_str(c, kimg);
	const char *name = dw_cfg_str(c, zip ? DW_CFG_ZIP_FROM_IMAGE_NAME : DW_CFG_IMAGE_FROM_IMAGE_NAME);
	const char *tag = dw_cfg_str(c, zip ? DW_CFG_ZIP_FROM_IMAGE_TAG : DW_CFG_IMAGE_FROM_IMAGE_TAG);
	const char *variant = dw_cfg_str(c, zip ? DW_CFG_ZIP_FROM_IMAGE_VARIANT
	                                        : DW_CFG_IMAGE_FROM_IMAGE_VARIANT);
	dw_buf b = DW_BUF_INIT;
	char *mm = major_minor(p->ruby.version);

	decide_distro(p, c, zip, img, tag ? tag : zip ? mm : p->ruby.version, variant);
	if (img) {
		dw_buf_puts(&b, img);
	} else {
		put_qualified(&b, name ? name : "ruby");
		dw_buf_printf(&b, ":%s", tag ? tag : zip ? mm : p->ruby.version);
		if (variant && *variant)
			dw_buf_printf(&b, "-%s", variant);
	}
	free(mm);
	p->base_image = dw_buf_detach(&b);
	return dw_value_check(c, kimg, DW_V_IMAGE, p->base_image, d);
}

static int
add_args(dw_plan *p, const dw_config *c, dw_ckey k, const char *stage, dw_diags *d)
{
	const dw_strv *names = dw_cfg_list(c, k), *vals = dw_cfg_map_values(c, k);
	int rc = 0;

	for (size_t i = 0; names && i < names->n; i++) {
		dw_build_arg *a;

		if (dw_value_check(c, k, DW_V_ARG_NAME, names->v[i], d) < 0) {
			rc = -1;
			continue;
		}
		p->args = dw_realloc(p->args, (p->nargs + 1) * sizeof *p->args);
		a = &p->args[p->nargs++];
		a->name = dw_strdup(names->v[i]);
		a->value = dw_strdup(vals && i < vals->n ? vals->v[i] : "");
		a->stage = stage;
	}
	return rc;
}

static int
decide_user(dw_plan *p, const dw_config *c, dw_diags *d)
{
	const char *name = dw_cfg_str(c, DW_CFG_DEPLOY_USER_NAME);
	dw_buf b = DW_BUF_INIT;

	/* The zip package type ships gems and code, not this image. */
	if (!dw_cfg_bool(c, DW_CFG_ADD_DEPLOY_USER) || strcmp(p->package_type, "zip") == 0)
		return 0;
	if (dw_value_check(c, DW_CFG_DEPLOY_USER_NAME, DW_V_USER, name, d) < 0)
		return -1;
	dw_buf_printf(&b, "%s:%s", name, name);
	p->user = dw_buf_detach(&b);
	return 0;
}

static int
decide_runtime(dw_plan *p, const dw_config *c, dw_diags *d)
{
	const dw_strv *ep = dw_cfg_list(c, DW_CFG_ENTRYPOINT);
	bool zip = strcmp(p->package_type, "zip") == 0;
	int rc = 0;

	/* Lambda's base images bring their own entrypoint. */
	for (size_t i = 0; !zip && ep && i < ep->n; i++) {
		rc |= dw_value_check(c, DW_CFG_ENTRYPOINT, DW_V_EXEC_WORD, ep->v[i], d);
		dw_strv_push(&p->entrypoint, ep->v[i], strlen(ep->v[i]));
	}
	p->workdir = dw_strdup(zip && c->v[DW_CFG_WORKDIR].origin == DW_ORIGIN_DEFAULT
	                         ? "/var/task" : dw_cfg_str(c, DW_CFG_WORKDIR));
	rc |= dw_value_check(c, DW_CFG_WORKDIR, DW_V_ABS_PATH, p->workdir, d);
	return rc ? -1 : 0;
}

/* The package list key a configured package came from: its reason is
 * the key's name ("dockerfile.apt.packages.build_stage"). */
static dw_ckey
package_key(const dw_plan *p, const dw_pkg *pkg)
{
	static const dw_ckey keys[] = {
		DW_CFG_APT_ALL_STAGES, DW_CFG_APT_BUILD_STAGE, DW_CFG_APT_DEPLOYMENT_STAGE,
		DW_CFG_YUM_ALL_STAGES, DW_CFG_YUM_BUILD_STAGE, DW_CFG_YUM_DEPLOYMENT_STAGE,
	};

	for (size_t r = 0; r < pkg->reasons.n; r++)
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			if (strcmp(pkg->reasons.v[r], dw_config_keys()[keys[k]].name) == 0)
				return keys[k];
	return p->family == DW_PKG_APT ? DW_CFG_APT_ALL_STAGES : DW_CFG_YUM_ALL_STAGES;
}

static int
check_packages(const dw_plan *p, const dw_config *c, const dw_pkgs *pk, dw_diags *d)
{
	dw_vkind kind = p->family == DW_PKG_APT ? DW_V_DEB_PACKAGE : DW_V_RPM_PACKAGE;
	int rc = 0;

	for (size_t i = 0; i < pk->n; i++)
		rc |= dw_value_check(c, package_key(p, &pk->v[i]), kind, pk->v[i].name, d);
	return rc ? -1 : 0;
}

static int
decide_packages(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	dw_gemmap *m = dw_gemmap_load(NULL, d);
	size_t errors = dw_diags_count(d, DW_SEV_ERROR);
	int rc;

	if (m == NULL)
		return -1;
	/* Better no Dockerfile than one whose package step cannot succeed. */
	dw_detect_packages(app, c, m, p->distro, &p->build_pkgs, &p->deploy_pkgs, d);
	dw_gemmap_free(m);
	rc = dw_diags_count(d, DW_SEV_ERROR) > errors ? -1 : 0;
	/* The AWS CLI installer is a zip fetched with curl (image type only). */
	if (p->family == DW_PKG_APT && dw_cfg_bool(c, DW_CFG_INSTALL_AWSCLI)) {
		dw_pkgs_add(&p->build_pkgs, "curl", "dockerfile.install.awscli");
		dw_pkgs_add(&p->build_pkgs, "unzip", "dockerfile.install.awscli");
	}
	rc |= check_packages(p, c, &p->build_pkgs, d);
	rc |= check_packages(p, c, &p->deploy_pkgs, d);
	return rc ? -1 : 0;
}

/* The aws_lambda_ric version: the lockfile's when the app bundles it (so
 * the two never conflict at run time), else the configured pin. */
static int
decide_ric(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	const dw_spec *s = dw_app_spec(app, "aws_lambda_ric");

	p->ric_version = dw_strdup(s ? s->version : dw_cfg_str(c, DW_CFG_RIC_VERSION));
	return dw_value_check(c, DW_CFG_RIC_VERSION, DW_V_GEM_VERSION, p->ric_version, d);
}

/* Where the app says its Ruby version: the Gemfile's or the lock's line,
 * or the version file; nothing for a default or a configured version. */
static void
ruby_where(const dw_plan *p, const dw_app *app, dw_buf *where, dw_span *at)
{
	const dw_lockfile *lf = app->lock;

	if (strcmp(p->ruby.source, "Gemfile") == 0 && app->gemfile.ruby_line) {
		dw_app_path(app, "Gemfile", where);
		at->start.line = at->end.line = app->gemfile.ruby_line;
		at->start.col = at->end.col = 1;
	} else if (strcmp(p->ruby.source, "Gemfile.lock") == 0 && lf) {
		dw_buf_puts(where, lf->path);
		at->start.line = at->end.line = lf->ruby_version_line;
		at->start.col = at->end.col = 1;
	} else if (strcmp(p->ruby.source, "default") != 0 &&
	           strcmp(p->ruby.source, "dockwright.yml") != 0) {
		dw_app_path(app, p->ruby.source, where);
	}
}

/*
 * Ruby and Bundler versions whose image cannot work: better an error with
 * the way forward than a Dockerfile that fails at build or at first call.
 */
static int
check_eras(const dw_plan *p, const dw_app *app, dw_diags *d)
{
	const dw_lockfile *lf = app->lock;
	dw_buf where = DW_BUF_INIT;
	dw_span at = { { 0, 0 }, { 0, 0 } };
	int rc = 0;

	ruby_where(p, app, &where, &at);
	if (dw_version_cmp(p->ruby.version, "3.0") < 0) {
		dw_diags_add(d, DW_SEV_ERROR, where.len ? where.ptr : NULL, at, NULL,
		             "Ruby %s (from %s) cannot run on Lambda from this image: the runtime "
		             "interface client needs Ruby 3.0 or newer, and the ruby:%s images are "
		             "built on Debian releases whose package archives are gone; upgrade the "
		             "app to Ruby 3.2 or newer", p->ruby.version, p->ruby.source, p->ruby.version);
		rc = -1;
	} else if (p->family == DW_PKG_APT && dw_image_on_buster(p->base_image)) {
		/* deb.debian.org dropped buster: apt-get update fails. */
		dw_diags_add(d, DW_SEV_ERROR, where.len ? where.ptr : NULL, at, NULL,
		             "Ruby %s (from %s): %s is built on Debian 10 buster, whose packages "
		             "are gone from deb.debian.org, so its apt-get update fails; pin Ruby "
		             "3.0.7 (the last 3.0 release, on Debian 12) or upgrade the app to Ruby "
		             "3.2 or newer", p->ruby.version, p->ruby.source, p->base_image);
		rc = -1;
	}
	dw_buf_free(&where);
	if (lf && lf->bundled_with && strncmp(lf->bundled_with, "1.", 2) == 0 &&
	    dw_version_cmp(p->ruby.version, "3.2") >= 0) {
		dw_span sp = { { lf->bundled_with_line, 4 }, { lf->bundled_with_line, 4 } };

		dw_diags_add(d, DW_SEV_ERROR, lf->path, sp, NULL,
		             "Gemfile.lock was written by Bundler %s; on Ruby %s Bundler re-runs "
		             "itself as that version, which does not work on Ruby 3.2 or newer; run "
		             "`bundle update --bundler` and commit Gemfile.lock",
		             lf->bundled_with, p->ruby.version);
		rc = -1;
	}
	return rc;
}

/* ---- files bundle install needs ------------------------------------------ */

/* Is path (or a folder above it) already in the list? */
static bool
covered(const dw_plan *p, const char *path)
{
	for (size_t i = 0; i < p->nbundle_files; i++) {
		const char *have = p->bundle_files[i].path;
		size_t n = strlen(have);

		while (n > 0 && have[n - 1] == '/')
			n--;
		if (strncmp(path, have, n) == 0 && (path[n] == '/' || path[n] == '\0'))
			return true;
	}
	return false;
}

/* "./Gemfile.plugins" and "Gemfile.plugins" are one file. */
static const char *
app_relative(const char *path)
{
	while (path && strncmp(path, "./", 2) == 0)
		path += 2;
	return path;
}

static void
add_bundle_file(dw_plan *p, const char *path, const char *reason)
{
	dw_bundle_file *f;

	p->bundle_files = dw_realloc(p->bundle_files, (p->nbundle_files + 1) * sizeof *f);
	f = &p->bundle_files[p->nbundle_files++];
	f->path = dw_strdup(path);
	f->reason = dw_strdup(reason);
}

/* dockerfile.copy_for_bundle: the user's word, but a folder that is not
 * there would fail the build at COPY. */
static int
bundle_files_configured(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	const dw_strv *l = dw_cfg_list(c, DW_CFG_COPY_FOR_BUNDLE);
	int rc = 0;

	for (size_t i = 0; l && i < l->n; i++) {
		if (dw_value_check(c, DW_CFG_COPY_FOR_BUNDLE, DW_V_REL_PATH, l->v[i], d) < 0) {
			rc = -1;
		} else if (!dw_app_has(app, l->v[i], false)) {
			const dw_cvalue *v = &c->v[DW_CFG_COPY_FOR_BUNDLE];
			dw_span sp = { v->pos, v->pos };

			dw_diags_add(d, DW_SEV_ERROR, v->where, sp, NULL,
			             "dockerfile.copy_for_bundle names '%s', which is not in the app; "
			             "COPY would fail the build", l->v[i]);
			rc = -1;
		} else if (!covered(p, app_relative(l->v[i]))) {
			add_bundle_file(p, app_relative(l->v[i]), "dockerfile.copy_for_bundle");
		}
	}
	return rc;
}

/* What the Gemfile reads: copied when it is a plain path in the app, a
 * warning with the Gemfile line otherwise. */
static void
bundle_files_gemfile(dw_plan *p, const dw_app *app, dw_diags *d)
{
	dw_buf gemfile = DW_BUF_INIT, reason = DW_BUF_INIT;

	dw_app_path(app, "Gemfile", &gemfile);
	for (size_t i = 0; i < app->gemfile.nreads; i++) {
		const dw_gemfile_read *r = &app->gemfile.reads[i];
		dw_span sp = { { r->line, 1 }, { r->line, 1 } };
		const char *path = app_relative(r->path);

		if (path == NULL) {
			dw_diags_add(d, DW_SEV_WARNING, gemfile.ptr, sp, NULL,
			             "%s with a computed path: gen cannot tell which file bundle install "
			             "reads; add it to dockerfile.copy_for_bundle", r->how);
		} else if (!dw_value_ok(DW_V_REL_PATH, path) || !dw_app_has(app, path, false)) {
			dw_diags_add(d, DW_SEV_WARNING, gemfile.ptr, sp, NULL,
			             "%s '%s' is not a file of the app, so it is not copied before bundle "
			             "install", r->how, path);
		} else if (!covered(p, path)) {
			dw_buf_clear(&reason);
			dw_buf_printf(&reason, "Gemfile:%u: %s", (unsigned)r->line, r->how);
			add_bundle_file(p, path, reason.ptr);
		}
	}
	dw_buf_free(&gemfile);
	dw_buf_free(&reason);
}

/* PATH "." (the Gemfile's `gemspec`): the app is a gem, and bundle
 * install loads its *.gemspec, which loads its version from lib/ (by
 * require_relative or with lib on the load path). */
static void
bundle_files_own_gemspec(dw_plan *p, const dw_app *app, const dw_source *s, dw_diags *d)
{
	dw_strv specs = DW_STRV_INIT;
	dw_buf reason = DW_BUF_INIT;
	dw_span sp = { { s->line, 1 }, { s->line, 1 } };

	dw_app_list(app, "", ".gemspec", &specs);
	if (specs.n == 0)
		dw_diags_add(d, DW_SEV_WARNING, app->lock->path, sp, NULL, "%s",
		             "the lock has the app's own gem (PATH '.', the Gemfile's gemspec), but "
		             "the app has no *.gemspec, so bundle install in the image fails");
	dw_buf_printf(&reason, "Gemfile.lock:%u: PATH '.', the app's own gemspec", (unsigned)s->line);
	for (size_t i = 0; i < specs.n; i++)
		if (!covered(p, specs.v[i]))
			add_bundle_file(p, specs.v[i], reason.ptr);
	if (specs.n && dw_app_has(app, "lib", false) && !covered(p, "lib"))
		add_bundle_file(p, "lib", reason.ptr);
	dw_strv_free(&specs);
	dw_buf_free(&reason);
}

/* A PATH gem (an engine, a local gem) must be in the image before bundle
 * install runs. */
static void
bundle_files_path_gems(dw_plan *p, const dw_app *app, dw_diags *d)
{
	dw_buf reason = DW_BUF_INIT;

	for (size_t i = 0; app->lock && i < app->lock->nsources; i++) {
		const dw_source *s = &app->lock->sources[i];
		const char *path = app_relative(s->remote);
		dw_span sp = { { s->line, 1 }, { s->line, 1 } };

		if (s->kind != DW_SRC_PATH || path == NULL)
			continue;
		if (strcmp(path, ".") == 0 || *path == '\0') {
			bundle_files_own_gemspec(p, app, s, d);
			continue;
		}
		if (covered(p, path))
			continue;
		if (!dw_value_ok(DW_V_REL_PATH, path) || !dw_app_has(app, path, false)) {
			dw_diags_add(d, DW_SEV_WARNING, app->lock->path, sp, NULL,
			             "the gems at PATH '%s' are outside the app or missing, so bundle "
			             "install in the image cannot find them", s->remote);
			continue;
		}
		dw_buf_clear(&reason);
		dw_buf_printf(&reason, "Gemfile.lock:%u: PATH gems", (unsigned)s->line);
		add_bundle_file(p, path, reason.ptr);
	}
	dw_buf_free(&reason);
}

/*
 * The handler, and the file gen provides for it.  An existing file there
 * that dockwright did not write is the user's: never overwrite it.
 */
static int
decide_handler(dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	static const dw_span none;
	dw_buf path = DW_BUF_INIT, old = DW_BUF_INIT;
	dw_diags quiet = DW_DIAGS_INIT;
	dw_genfile *f;
	int rc = 0;

	if (dw_handler_resolve(app, dw_cfg_str(c, DW_CFG_HANDLER), &p->handler, d) < 0)
		return -1;
	p->cmd = dw_strdup(p->handler.name);
	if (dw_value_check(c, DW_CFG_HANDLER, DW_V_HANDLER, p->cmd, d) < 0)
		return -1;
	if (!p->handler.path)
		return 0;
	f = dw_plan_add_file(p, p->handler.path, p->handler.what);
	if (dw_data_read(p->handler.data, &f->content, d) < 0)
		return -1;
	dw_sha256_hex(f->content.ptr, f->content.len, f->sha256);
	dw_app_path(app, f->path, &path);
	if (dw_file_read(path.ptr, &old, &quiet) == 0 && !dw_handler_generated(old.ptr, old.len)) {
		dw_diags_add(d, DW_SEV_ERROR, path.ptr, none, NULL,
		             "the app has its own %s, and gen would replace it with the %s "
		             "it provides; rename it, or set dockerfile.handler to the handler it "
		             "defines", f->path, p->handler.what);
		rc = -1;
	}
	dw_diags_free(&quiet);
	dw_buf_free(&path);
	dw_buf_free(&old);
	return rc;
}

static void
add_env(dw_plan *p, const char *name, const char *value, const char *reason)
{
	if (p->nenv < sizeof p->env / sizeof p->env[0])
		p->env[p->nenv++] = (dw_envvar){ name, value, reason };
}

/*
 * Lambda's filesystem is read-only except /tmp, and the function runs as
 * a user of Lambda's choosing: set what the frameworks read so that the
 * app never needs to write anywhere else.  Each reason names its source.
 */
static void
decide_runtime_env(dw_plan *p, const dw_app *app)
{
	const dw_spec *rails = dw_app_spec(app, "railties");

	if (rails == NULL)
		rails = dw_app_spec(app, "rails");

	if (strcmp(p->package_type, "image") != 0)
		return;
	add_env(p, "HOME", "/tmp", "Bundler and RubyGems write under the home directory, which "
	        "Lambda's user does not have (Lambda: only /tmp is writable)");
	add_env(p, "TMPDIR", "/tmp", "Ruby's Dir.tmpdir and Tempfile write under TMPDIR "
	        "(Lambda: only /tmp is writable)");
	if (p->handler.env_name)
		add_env(p, p->handler.env_name, "production", "Jets 6 reads JETS_ENV "
		        "(the environment its handler boots)");
	if (dw_app_spec(app, "bootsnap"))
		add_env(p, "BOOTSNAP_READONLY", "1", "bootsnap is installed: read the cache built "
		        "in the image, never write it (bootsnap README, BOOTSNAP_READONLY)");
	if (rails && dw_version_cmp(rails->version, "7.1") < 0)
		add_env(p, "RAILS_LOG_TO_STDOUT", "1", "Rails before 7.1 logs to log/production.log "
		        "unless RAILS_LOG_TO_STDOUT is set (its generated config/environments/"
		        "production.rb)");
}

/* A configured Ruby version that is not one ("latest", "3.x") would
 * quietly lose to the detected one: say so instead. */
/*
 * The build copies Gemfile and Gemfile.lock and runs bundle install with
 * BUNDLE_DEPLOYMENT, which needs both: one without the other would be a
 * Dockerfile that fails in its build.  An app with neither (a handler on
 * Ruby's standard library) gets no bundle step at all.
 */
static int
check_bundle_files(const dw_app *app, const char *app_dir, dw_diags *d)
{
	static const dw_span none;

	if (app->has_gemfile && app->lock == NULL) {
		dw_diags_add(d, DW_SEV_ERROR, app_dir, none, NULL,
		             "Gemfile without Gemfile.lock: run 'bundle lock' and keep the lock "
		             "with the app (the image installs with BUNDLE_DEPLOYMENT, which needs it)");
		return -1;
	}
	if (!app->has_gemfile && app->lock != NULL) {
		dw_diags_add(d, DW_SEV_ERROR, app_dir, none, NULL,
		             "Gemfile.lock without a Gemfile: bundle install needs both");
		return -1;
	}
	if (!app->has_gemfile)
		dw_diags_add(d, DW_SEV_INFO, app_dir, none, NULL,
		             "no Gemfile: the build runs no bundle install, and the function has "
		             "Ruby's standard library only");
	return 0;
}

static int
check_configured_ruby(const dw_plan *p, const dw_config *c, dw_diags *d)
{
	dw_ckey k = strcmp(p->package_type, "zip") == 0 ? DW_CFG_ZIP_FROM_RUBY_VERSION
	                                               : DW_CFG_IMAGE_FROM_RUBY_VERSION;
	const char *v = dw_cfg_str(c, k);

	return v ? dw_value_check(c, k, DW_V_RUBY_VERSION, v, d) : 0;
}

/* The Ruby series AWS publishes Lambda base images for
 * (public.ecr.aws/lambda/ruby:X.Y); zip builds on one of them. */
static const char *const lambda_ruby_series[] = { "3.2", "3.3", "3.4" };

static int
check_zip_ruby(const dw_plan *p, const dw_app *app, const dw_config *c, dw_diags *d)
{
	static const dw_span none;
	const char *req = app->gemfile.ruby_version;
	char *mm;
	bool known = false;

	if (strcmp(p->package_type, "zip") != 0 || dw_cfg_str(c, DW_CFG_ZIP_FROM_DOCKER_IMAGE) ||
	    dw_cfg_str(c, DW_CFG_ZIP_FROM_IMAGE_TAG))
		return 0;
	mm = major_minor(p->ruby.version);
	for (size_t i = 0; i < sizeof lambda_ruby_series / sizeof *lambda_ruby_series; i++)
		known |= strcmp(mm, lambda_ruby_series[i]) == 0;
	if (!known && dw_version_cmp(mm, lambda_ruby_series[0]) < 0) {
		dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL,
		             "AWS publishes no Lambda Ruby %s image (only 3.2, 3.3 and 3.4), so "
		             "package_type zip cannot build on it; upgrade Ruby, or use package_type "
		             "image", mm);
		free(mm);
		return -1;
	}
	if (!known)
		dw_diags_add(d, DW_SEV_WARNING, NULL, none, NULL,
		             "no Lambda Ruby %s image is known to dockwright (3.2, 3.3, 3.4); check "
		             "that public.ecr.aws/lambda/ruby:%s exists", mm, mm);
	/* An exact `ruby "3.3.6"` must equal the image's own patch release. */
	if (req && strchr(req, '=') == NULL && strchr(req, '~') == NULL && strchr(req, '>') == NULL &&
	    strchr(req, '<') == NULL && strchr(req, '.') != strrchr(req, '.')) {
		dw_buf gemfile = DW_BUF_INIT;
		dw_span at = { { app->gemfile.ruby_line, 1 }, { app->gemfile.ruby_line, 1 } };

		dw_app_path(app, "Gemfile", &gemfile);
		dw_diags_add(d, DW_SEV_WARNING, gemfile.ptr, at, NULL,
		             "the Gemfile pins ruby \"%s\", but the Lambda ruby:%s image brings its own "
		             "%s patch release and bundle install stops when they differ; write ruby "
		             "\"~> %s.0\"", req, mm, mm, mm);
		dw_buf_free(&gemfile);
	}
	free(mm);
	return 0;
}

static int
decide_managed(dw_plan *p, const char *app_dir, const dw_config *c, dw_diags *d)
{
	dw_app app;
	int rc = 0;

	memset(&app, 0, sizeof app);
	if (dw_app_load(&app, app_dir, d) < 0) {
		dw_app_free(&app);
		return -1;
	}
	/* Every decision below is about the gems the image will have. */
	p->bundle_without = dw_strdup(dw_cfg_str(c, DW_CFG_BUNDLE_WITHOUT));
	rc |= dw_value_check(c, DW_CFG_BUNDLE_WITHOUT, DW_V_GROUPS, p->bundle_without, d);
	dw_app_select(&app, p->bundle_without);
	for (size_t i = 0; i < app.left_out.n; i++)
		dw_strv_push(&p->left_out, app.left_out.v[i], strlen(app.left_out.v[i]));
	rc |= check_bundle_files(&app, app_dir, d);
	p->bundle = app.has_gemfile;
	dw_detect_framework(&app, &p->framework);
	rc |= check_configured_ruby(p, c, d);
	dw_detect_ruby(&app, c, &p->ruby, d);
	rc |= dw_detect_platforms(&app, c, d);
	rc |= dw_value_check(c, DW_CFG_IMAGE_FROM_RUBY_VERSION, DW_V_RUBY_VERSION,
	                     p->ruby.version, d);
	rc |= decide_base(p, c, d);
	rc |= check_zip_ruby(p, &app, c, d);
	rc |= decide_packages(p, &app, c, d);
	rc |= decide_ric(p, &app, c, d);
	rc |= check_eras(p, &app, d);
	rc |= bundle_files_configured(p, &app, c, d);
	bundle_files_gemfile(p, &app, d);
	bundle_files_path_gems(p, &app, d);
	rc |= decide_handler(p, &app, c, d);
	decide_runtime_env(p, &app);
	rc |= dw_plan_assets(p, &app, c, d);
	rc |= dw_plan_dockerignore(p, &app, c, d);
	p->bootsnap = app.lock && p->framework.name && strcmp(p->framework.name, "rails") == 0 &&
	              dw_app_spec(&app, "bootsnap") != NULL;
	dw_app_free(&app);
	return rc ? -1 : 0;
}

int
dw_plan_make(dw_plan *p, const char *app_dir, const dw_config *c, dw_diags *d)
{
	size_t first = d->n;
	int rc = 0;

	memset(p, 0, sizeof *p);
	p->app_dir = dw_strdup(app_dir);
	p->package_type = strcmp(dw_cfg_str(c, DW_CFG_PACKAGE_TYPE), "zip") == 0 ? "zip" : "image";
	p->tag_format = dw_strdup(dw_cfg_str(c, DW_CFG_DOCKER_TAG));
	decide_source(p, app_dir, c);
	if (p->source == DW_SOURCE_PREBUILT)
		return dw_value_check(c, DW_CFG_DOCKER_IMAGE, DW_V_IMAGE, p->prebuilt_image, d);
	rc |= add_args(p, c, DW_CFG_BUILD_ARGS_AT_TOP, "at_top", d);
	rc |= add_args(p, c, DW_CFG_BUILD_ARGS_BUILD_STAGE, "build_stage", d);
	rc |= add_args(p, c, DW_CFG_BUILD_ARGS_DEPLOYMENT_STAGE, "deployment_stage", d);
	p->aws_secret = dw_cfg_bool(c, DW_CFG_BUILD_ARGS_ENABLE_AWS_CREDS);
	if (p->source == DW_SOURCE_CUSTOM)
		return rc ? -1 : 0;
	rc |= decide_managed(p, app_dir, c, d);
	rc |= decide_user(p, c, d);
	rc |= decide_runtime(p, c, d);
	collect_warnings(p, d, first);
	return rc ? -1 : 0;
}

static void
free_pkgs_args(dw_plan *p)
{
	dw_pkgs_free(&p->build_pkgs);
	dw_pkgs_free(&p->deploy_pkgs);
	for (size_t i = 0; i < p->nargs; i++) {
		free(p->args[i].name);
		free(p->args[i].value);
	}
	free(p->args);
}

void
dw_plan_free(dw_plan *p)
{
	free(p->app_dir);
	free(p->custom_path);
	free(p->prebuilt_image);
	dw_ruby_free(&p->ruby);
	free(p->base_image);
	free_pkgs_args(p);
	free(p->user);
	dw_strv_free(&p->entrypoint);
	free(p->cmd);
	dw_handler_free(&p->handler);
	for (size_t i = 0; i < p->nfiles; i++) {
		free(p->files[i].path);
		dw_buf_free(&p->files[i].content);
	}
	free(p->files);
	free(p->workdir);
	free(p->tag_format);
	free(p->bundle_without);
	for (size_t i = 0; i < p->nbundle_files; i++) {
		free(p->bundle_files[i].path);
		free(p->bundle_files[i].reason);
	}
	free(p->bundle_files);
	dw_strv_free(&p->left_out);
	dw_strv_free(&p->needed);
	dw_assets_free(&p->assets);
	free(p->ric_version);
	dw_strv_free(&p->warnings);
	memset(p, 0, sizeof *p);
}

/* ---- JSON --------------------------------------------------------------- */

static const char *const source_names[] = { "managed", "custom", "prebuilt" };
static const char *const family_names[] = { "apt", "yum", "dnf" };

static void
json_pkgs(dw_jsonw *w, const char *key, const dw_pkgs *pk)
{
	dw_jsonw_key(w, key);
	dw_jsonw_arr_begin(w);
	for (size_t i = 0; i < pk->n; i++) {
		dw_jsonw_obj_begin(w);
		dw_jsonw_kstr(w, "name", pk->v[i].name);
		dw_jsonw_key(w, "reasons");
		dw_jsonw_arr_begin(w);
		for (size_t j = 0; j < pk->v[i].reasons.n; j++)
			dw_jsonw_str(w, pk->v[i].reasons.v[j]);
		dw_jsonw_arr_end(w);
		dw_jsonw_obj_end(w);
	}
	dw_jsonw_arr_end(w);
}

/* One object of string members: keys[k] -> vals[k], k < n. */
static void
json_row(dw_jsonw *w, const char *const *keys, const char *const *vals, size_t n)
{
	dw_jsonw_obj_begin(w);
	for (size_t k = 0; k < n; k++)
		dw_jsonw_kstr(w, keys[k], vals[k]);
	dw_jsonw_obj_end(w);
}

static void
json_args(dw_jsonw *w, const dw_plan *p)
{
	static const char *const keys[] = { "name", "value", "stage" };

	dw_jsonw_key(w, "build_args");
	dw_jsonw_arr_begin(w);
	/* The plan is printed and fed to other tools: a value that looks like
	 * a credential, or sits under a credential's name, is masked. */
	for (size_t i = 0; i < p->nargs; i++) {
		const dw_build_arg *a = &p->args[i];
		const char *v = dw_secret_name(a->name) || dw_secret_value(a->value) ? "***" : a->value;

		json_row(w, keys, (const char *const[]){ a->name, v, a->stage }, 3);
	}
	dw_jsonw_arr_end(w);
}

/* The handler, the files gen writes for it and the runtime settings. */
static void
json_handler(dw_jsonw *w, const dw_plan *p)
{
	static const char *const fkeys[] = { "path", "sha256" };
	static const char *const ekeys[] = { "name", "value", "reason" };

	dw_jsonw_kstr(w, "handler", p->handler.name);
	dw_jsonw_kstr(w, "handler_source", p->handler.source);
	dw_jsonw_kstr(w, "handler_reason", p->handler.reason);
	dw_jsonw_key(w, "generated_files");
	dw_jsonw_arr_begin(w);
	for (size_t i = 0; i < p->nfiles; i++)
		json_row(w, fkeys, (const char *const[]){ p->files[i].path, p->files[i].sha256 }, 2);
	dw_jsonw_arr_end(w);
	dw_jsonw_kstr(w, "dockerignore", p->ignore_source);
	dw_jsonw_kstr(w, "dockerignore_reason", p->ignore_reason);
	dw_jsonw_key(w, "runtime_env");
	dw_jsonw_arr_begin(w);
	for (size_t i = 0; i < p->nenv; i++)
		json_row(w, ekeys, (const char *const[]){ p->env[i].name, p->env[i].value,
		                                          p->env[i].reason }, 3);
	dw_jsonw_arr_end(w);
}

static void
json_strv(dw_jsonw *w, const char *key, const dw_strv *sv)
{
	dw_jsonw_key(w, key);
	dw_jsonw_arr_begin(w);
	for (size_t i = 0; i < sv->n; i++)
		dw_jsonw_str(w, sv->v[i]);
	dw_jsonw_arr_end(w);
}

static void
json_assets(dw_jsonw *w, const dw_assets *a)
{
	dw_jsonw_kstr(w, "assets_command", a->command);
	dw_jsonw_kstr(w, "assets_reason", a->reason);
	dw_jsonw_kstr(w, "node", a->node_version);
	dw_jsonw_kstr(w, "node_source", a->node_reason ? a->node_source : NULL);
	dw_jsonw_kstr(w, "node_download", a->node_dist);
	dw_jsonw_kstr(w, "node_reason", a->node_reason);
	dw_jsonw_kstr(w, "node_packages", a->pm_install);
}

static void
json_detection(dw_jsonw *w, const dw_plan *p)
{
	dw_jsonw_kstr(w, "bundle_without", p->bundle_without);
	json_strv(w, "left_out", &p->left_out);
	dw_jsonw_key(w, "copy_before_bundle");
	dw_jsonw_arr_begin(w);
	for (size_t i = 0; i < p->nbundle_files; i++) {
		static const char *const keys[] = { "file", "reason" };
		const char *vals[] = { p->bundle_files[i].path, p->bundle_files[i].reason };

		json_row(w, keys, vals, 2);
	}
	dw_jsonw_arr_end(w);
	dw_jsonw_kstr(w, "framework", p->framework.name);
	dw_jsonw_kstr(w, "framework_reason", p->framework.reason);
	dw_jsonw_kstr(w, "ruby_version", p->ruby.version);
	dw_jsonw_kstr(w, "ruby_version_source", p->ruby.source);
	dw_jsonw_kstr(w, "base_image", p->base_image);
	dw_jsonw_kstr(w, "distro", dw_distro_name(p->distro));
	dw_jsonw_kstr(w, "distro_reason", p->distro_reason);
	dw_jsonw_kstr(w, "package_manager", family_names[p->family]);
	dw_jsonw_key(w, "packages");
	dw_jsonw_obj_begin(w);
	json_pkgs(w, "build", &p->build_pkgs);
	json_pkgs(w, "deployment", &p->deploy_pkgs);
	dw_jsonw_obj_end(w);
	dw_jsonw_kstr(w, "runtime_interface_client", p->ric_version);
	json_assets(w, &p->assets);
	json_handler(w, p);
}

void
dw_plan_json(const dw_plan *p, dw_buf *out)
{
	dw_jsonw w;

	dw_jsonw_init(&w, out, true);
	dw_jsonw_obj_begin(&w);
	dw_jsonw_kstr(&w, "image_source", source_names[p->source]);
	dw_jsonw_kstr(&w, "package_type", p->package_type);
	dw_jsonw_kstr(&w, "dockerfile", p->custom_path);
	dw_jsonw_kstr(&w, "prebuilt_image", p->prebuilt_image);
	if (p->source == DW_SOURCE_MANAGED)
		json_detection(&w, p);
	json_args(&w, p);
	dw_jsonw_key(&w, "secrets");
	dw_jsonw_arr_begin(&w);
	if (p->aws_secret && p->source != DW_SOURCE_PREBUILT)
		dw_jsonw_str(&w, "aws");
	dw_jsonw_arr_end(&w);
	dw_jsonw_kstr(&w, "user", p->user);
	json_strv(&w, "entrypoint", &p->entrypoint);
	dw_jsonw_key(&w, "cmd");
	dw_jsonw_arr_begin(&w);
	if (p->cmd)
		dw_jsonw_str(&w, p->cmd);
	dw_jsonw_arr_end(&w);
	dw_jsonw_kstr(&w, "workdir", p->workdir);
	dw_jsonw_kstr(&w, "tag_format", p->tag_format);
	json_strv(&w, "warnings", &p->warnings);
	dw_jsonw_obj_end(&w);
	dw_buf_putc(out, '\n');
}
