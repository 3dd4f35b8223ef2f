/* SPDX-License-Identifier: MIT */
/*
 * detect.c - what gen decides from an app: its framework, its Ruby
 * version, whether its lock can install on Linux, and the system packages
 * its gems need.  Each decision keeps its reason, because a generated
 * Dockerfile that cannot say why it installs libpq5 cannot be reviewed.
 */
#include "detect.h"
#include "gemmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Config access that tolerates no config (the defaults apply). */
static bool
cfg_bool(const dw_config *c, dw_ckey k, bool def)
{
	return c ? dw_cfg_bool(c, k) : def;
}

static const char *
cfg_str(const dw_config *c, dw_ckey k)
{
	return c ? dw_cfg_str(c, k) : NULL;
}

static dw_span
line_span(uint32_t line)
{
	dw_span sp = { { line, line ? 1 : 0 }, { line, line ? 1 : 0 } };

	return sp;
}

/* ---- framework -------------------------------------------------------- */

/*
 * Fixed priority, not Gemfile order (Jets takes the first of rails,
 * sinatra, hanami, rack, puma in the Gemfile, so `gem "rack"` above
 * `gem "rails"` made a Rails app a Rack app).  railties counts as Rails:
 * API-only apps depend on it without the rails meta-gem.
 */
static const struct fw_rule {
	const char *gem;
	const char *name;
	const char *env_var;
	const char *in_lock;
	const char *in_gemfile;
} fw_rules[] = {
	{ "rails", "rails", "RAILS_ENV",
	  "rails is a direct dependency (Gemfile.lock DEPENDENCIES)",
	  "rails is in the Gemfile (no Gemfile.lock)" },
	{ "railties", "rails", "RAILS_ENV",
	  "railties is a direct dependency (Gemfile.lock DEPENDENCIES)",
	  "railties is in the Gemfile (no Gemfile.lock)" },
	{ "hanami", "hanami", "HANAMI_ENV",
	  "hanami is a direct dependency (Gemfile.lock DEPENDENCIES)",
	  "hanami is in the Gemfile (no Gemfile.lock)" },
	{ "sinatra", "sinatra", "RACK_ENV",
	  "sinatra is a direct dependency (Gemfile.lock DEPENDENCIES); Sinatra reads RACK_ENV",
	  "sinatra is in the Gemfile (no Gemfile.lock); Sinatra reads RACK_ENV" },
	{ "rack", "rack", "RACK_ENV",
	  "rack is a direct dependency (Gemfile.lock DEPENDENCIES)",
	  "rack is in the Gemfile (no Gemfile.lock)" },
	{ "puma", "rack", "RACK_ENV",
	  "puma, a Rack server, is a direct dependency (Gemfile.lock DEPENDENCIES)",
	  "puma, a Rack server, is in the Gemfile (no Gemfile.lock)" },
};

void
dw_detect_framework(const dw_app *app, dw_framework *fw)
{
	memset(fw, 0, sizeof *fw);
	if (!app->lock && !app->has_gemfile) {
		fw->reason = "no Gemfile or Gemfile.lock: no framework";
		return;
	}
	fw->reason = app->lock
		? "none of rails, hanami, sinatra, rack or puma is a direct dependency"
		: "none of rails, hanami, sinatra, rack or puma is in the Gemfile";
	for (size_t i = 0; i < sizeof fw_rules / sizeof fw_rules[0]; i++)
		if (dw_app_direct(app, fw_rules[i].gem)) {
			fw->name = fw_rules[i].name;
			fw->env_var = fw_rules[i].env_var;
			fw->reason = app->lock ? fw_rules[i].in_lock : fw_rules[i].in_gemfile;
			break;
		}
}

/* ---- Ruby version ----------------------------------------------------- */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * "3.3.6" from "ruby 3.3.6p108", "ruby-3.3.6", "3.3.6@gemset",
 * "3.3.6-slim" and the like; NULL when the text does not start with a
 * version (e.g. "jruby-9.4", "system", "latest").
 */
static char *
ruby_version_of(const char *s)
{
	size_t n = 0;

	if (!s)
		return NULL;
	while (*s == ' ')
		s++;
	if (strncmp(s, "ruby-", 5) == 0 || strncmp(s, "ruby ", 5) == 0)
		s += 5;
	while (*s == ' ')
		s++;
	if (!is_digit(*s))
		return NULL;
	/* Digits and dots, then pre-release letters ("3.4.0.preview1"), but a
	 * patch level "p108" or a variant "-slim" ends it. */
	while (is_digit(s[n]) || s[n] == '.' ||
	       (s[n] >= 'a' && s[n] <= 'z' && !(s[n] == 'p' && is_digit(s[n + 1]) && n > 0 && is_digit(s[n - 1]))))
		n++;
	while (n > 0 && (s[n - 1] == '.'))
		n--;
	return dw_strndup(s, n);
}

/* The version in an image reference, only when it is a Ruby image
 * ("ruby:3.3.6-slim", "public.ecr.aws/lambda/ruby:3.3"). */
static char *
ruby_version_of_image(const char *image)
{
	const char *slash = strrchr(image, '/');
	const char *name = slash ? slash + 1 : image;
	const char *colon = strchr(name, ':');

	if (!colon || !strstr(name, "ruby") || (size_t)(colon - name) < 4)
		return NULL;
	return ruby_version_of(colon + 1);
}

/* Same major.minor.patch, as far as both go ("3.3" agrees with "3.3.6"). */
static bool
same_ruby(const char *a, const char *b)
{
	for (int i = 0; i < 3; i++) {
		char *ea, *eb;
		unsigned long x, y;

		if (!is_digit(*a) || !is_digit(*b))
			return true;
		x = strtoul(a, &ea, 10);
		y = strtoul(b, &eb, 10);
		if (x != y)
			return false;
		if (*ea != '.' || *eb != '.')
			return true;
		a = ea + 1;
		b = eb + 1;
	}
	return true;
}

struct cand {
	const char *source;     /* dw_ruby.source */
	char *label;            /* for messages */
	char *version;
	char *path;
	uint32_t line;
};

enum { C_CONFIG, C_GEMFILE, C_LOCK, C_TOOL, C_RUBYVER, C_N };

static void
cand_set(struct cand *k, const char *source, const char *label, const char *path,
         uint32_t line, char *version)
{
	k->source = source;
	k->label = dw_strdup(label);
	k->path = dw_strdup(path);
	k->line = line;
	k->version = version;
}

/* Report text that is meant as a version and is not one. */
static char *
version_or_warn(const char *text, const char *path, uint32_t line, dw_diags *d)
{
	char *v = ruby_version_of(text);

	if (!v && text) {
		/* Text from a file: a short, escaped excerpt only. */
		dw_buf x = DW_BUF_INIT;

		dw_excerpt(&x, text, strlen(text));
		dw_diags_add(d, DW_SEV_WARNING, path, line_span(line), NULL,
		             "%s is not a Ruby version dockwright can use; ignored", x.ptr);
		dw_buf_free(&x);
	}
	return v;
}

static void
config_cand(const dw_config *c, struct cand *k)
{
	bool zip = c && dw_cfg_str(c, DW_CFG_PACKAGE_TYPE) &&
	           strcmp(dw_cfg_str(c, DW_CFG_PACKAGE_TYPE), "zip") == 0;
	const dw_ckey keys[3] = {
		zip ? DW_CFG_ZIP_FROM_DOCKER_IMAGE : DW_CFG_IMAGE_FROM_DOCKER_IMAGE,
		zip ? DW_CFG_ZIP_FROM_RUBY_VERSION : DW_CFG_IMAGE_FROM_RUBY_VERSION,
		zip ? DW_CFG_ZIP_FROM_IMAGE_TAG : DW_CFG_IMAGE_FROM_IMAGE_TAG,
	};

	/* docker_image overrides the other parts, so it is what will run. */
	for (int i = 0; i < 3; i++) {
		const char *s = cfg_str(c, keys[i]);
		char *v;

		if (!s)
			continue;
		v = i == 0 ? ruby_version_of_image(s) : ruby_version_of(s);
		if (v) {
			const dw_cvalue *cv = &c->v[keys[i]];
			dw_buf label = DW_BUF_INIT;

			dw_buf_printf(&label, "%s", dw_config_keys()[keys[i]].name);
			cand_set(k, "dockwright.yml", label.ptr,
			         cv->where ? cv->where : (c->path ? c->path : "dockwright.yml"),
			         cv->pos.line, v);
			dw_buf_free(&label);
			return;
		}
	}
}

static bool
exact_version(const char *req)
{
	while (*req == ' ' || *req == '=')
		req++;
	if (!is_digit(*req))
		return false;
	for (; *req; req++)
		if (*req == ',' || *req == '<' || *req == '>' || *req == '~' || *req == '!' || *req == ' ')
			return false;
	return true;
}

static void
gemfile_cand(const dw_app *app, struct cand *k, const char **req, dw_diags *d)
{
	const dw_gemfile *g = &app->gemfile;
	dw_buf path = DW_BUF_INIT;

	dw_app_path(app, "Gemfile", &path);
	if (g->ruby_file) {
		if (!app->ruby_file_version)
			dw_diags_add(d, DW_SEV_WARNING, path.ptr, line_span(g->ruby_line), NULL,
			             "ruby file: \"%s\" has no Ruby version (missing or empty file)",
			             g->ruby_file);
		else {
			dw_buf label = DW_BUF_INIT;
			char *v = version_or_warn(app->ruby_file_version, path.ptr, g->ruby_line, d);

			dw_buf_printf(&label, "Gemfile (ruby file: %s)", g->ruby_file);
			if (v)
				cand_set(k, "Gemfile", label.ptr, path.ptr, g->ruby_line, v);
			dw_buf_free(&label);
		}
	} else if (g->ruby_version && exact_version(g->ruby_version)) {
		const char *s = g->ruby_version;

		while (*s == ' ' || *s == '=')
			s++;
		cand_set(k, "Gemfile", "Gemfile", path.ptr, g->ruby_line, ruby_version_of(s));
	} else if (g->ruby_version) {
		if (dw_requirement_valid(g->ruby_version))
			*req = g->ruby_version;
		else
			dw_diags_add(d, DW_SEV_WARNING, path.ptr, line_span(g->ruby_line), NULL,
			             "cannot read the Ruby requirement '%s'; ignored", g->ruby_version);
	}
	dw_buf_free(&path);
}

static void
file_cands(const dw_app *app, struct cand *k, dw_diags *d)
{
	dw_buf path = DW_BUF_INIT;

	if (app->lock && app->lock->ruby_version) {
		char *v = version_or_warn(app->lock->ruby_version, app->lock->path,
		                          app->lock->ruby_version_line, d);

		if (v)
			cand_set(&k[C_LOCK], "Gemfile.lock", "Gemfile.lock", app->lock->path,
			         app->lock->ruby_version_line, v);
	}
	if (app->tool_versions_ruby) {
		char *v;

		dw_app_path(app, ".tool-versions", &path);
		v = version_or_warn(app->tool_versions_ruby, path.ptr, app->tool_versions_line, d);
		if (v)
			cand_set(&k[C_TOOL], ".tool-versions", ".tool-versions", path.ptr,
			         app->tool_versions_line, v);
	}
	if (app->ruby_version_file) {
		char *v;

		dw_app_path(app, ".ruby-version", &path);
		v = version_or_warn(app->ruby_version_file, path.ptr, 1, d);
		if (v)
			cand_set(&k[C_RUBYVER], ".ruby-version", ".ruby-version", path.ptr, 1, v);
	}
	dw_buf_free(&path);
}

/* The first source that has a version; with a Gemfile requirement, the
 * first that satisfies it (the configuration always wins). */
static int
choose(const struct cand *k, const char *req)
{
	for (int i = 0; i < C_N; i++)
		if (k[i].version && (!req || i == C_CONFIG || dw_requirement_match(req, k[i].version)))
			return i;
	for (int i = 0; i < C_N; i++)
		if (k[i].version)
			return i;
	return -1;
}

void
dw_detect_ruby(const dw_app *app, const dw_config *c, dw_ruby *out, dw_diags *d)
{
	struct cand k[C_N];
	const char *req = NULL;
	int ci;

	memset(k, 0, sizeof k);
	memset(out, 0, sizeof *out);
	config_cand(c, &k[C_CONFIG]);
	if (app->has_gemfile)
		gemfile_cand(app, &k[C_GEMFILE], &req, d);
	file_cands(app, k, d);
	ci = choose(k, req);
	if (ci < 0) {
		out->version = dw_strndup("3.2.3", 5);
		out->source = "default";
	} else {
		out->version = dw_strdup(k[ci].version);
		out->source = k[ci].source;
	}
	if (req && !dw_requirement_match(req, out->version)) {
		dw_buf path = DW_BUF_INIT;

		dw_app_path(app, "Gemfile", &path);
		dw_diags_add(d, DW_SEV_WARNING, path.ptr, line_span(app->gemfile.ruby_line), NULL,
		             "Gemfile requires ruby '%s' but %s says %s; using %s "
		             "(bundle install will refuse it at build time)",
		             req, ci < 0 ? "the default" : k[ci].label, out->version, out->version);
		dw_buf_free(&path);
	}
	for (int i = 0; i < C_N; i++) {
		if (i != ci && k[i].version && !same_ruby(k[i].version, out->version))
			dw_diags_add(d, DW_SEV_WARNING, k[i].path, line_span(k[i].line), NULL,
			             "%s says ruby %s but %s says %s; using %s "
			             "(a mismatch fails only when bundler runs in the build)",
			             k[ci].label, out->version, k[i].label, k[i].version, out->version);
	}
	for (int i = 0; i < C_N; i++) {
		free(k[i].label);
		free(k[i].version);
		free(k[i].path);
	}
}

void
dw_ruby_free(dw_ruby *r)
{
	free(r->version);
	memset(r, 0, sizeof *r);
}

/* ---- platforms -------------------------------------------------------- */

/* A platform whose precompiled gems run on Lambda (glibc Linux). */
/* The Bundler CPU of the image's architecture (docker.platform). */
const char *
dw_target_cpu(const dw_config *c)
{
	const char *plat = cfg_str(c, DW_CFG_DOCKER_PLATFORM);

	return plat && strcmp(plat, "linux/arm64") == 0 ? "aarch64" : "x86_64";
}

/* A glibc Linux platform of that CPU: x86_64-linux, x86_64-linux-gnu
 * (any CPU when cpu is NULL). */
static bool
glibc_linux(const char *plat, const char *cpu)
{
	size_t n = cpu ? strlen(cpu) : 0;

	if (!plat || !strstr(plat, "linux") || strstr(plat, "musl"))
		return false;
	return !cpu || (strncmp(plat, cpu, n) == 0 && strncmp(plat + n, "-linux", 6) == 0);
}

static bool
desktop_only(const char *plat)
{
	return plat && (strstr(plat, "darwin") || strstr(plat, "mingw") || strstr(plat, "mswin"));
}

static bool
lock_has_platform(const dw_lockfile *lf, const char *cpu, bool ruby)
{
	for (size_t i = 0; i < lf->nplatforms; i++)
		if (ruby ? strcmp(lf->platforms[i], "ruby") == 0 : glibc_linux(lf->platforms[i], cpu))
			return true;
	return false;
}

/* Does the gem have a spec that installs on the target: the ruby
 * platform (compiled there) or a glibc Linux one of its CPU? */
static bool
gem_installable(const dw_lockfile *lf, const char *name, const char *cpu, bool *desktop,
                dw_buf *plats)
{
	size_t from, n = dw_lockfile_range(lf, name, &from);
	bool ok = false;

	*desktop = true;
	for (size_t k = 0; k < n; k++) {
		const dw_spec *s = &lf->specs[lf->by_name[from + k]];

		if (!s->platform || glibc_linux(s->platform, cpu))
			ok = true;
		if (!desktop_only(s->platform))
			*desktop = false;
		if (s->platform) {
			if (plats->len)
				dw_buf_puts(plats, ", ");
			dw_buf_puts(plats, s->platform);
		}
	}
	return ok;
}

/* Bundler's deployment mode refuses a lock without the platform it runs
 * on, unless the lock has the ruby platform to compile from. */
static int
check_lock_platforms(const dw_lockfile *lf, const dw_config *c, const char *cpu, dw_diags *d)
{
	bool force = cfg_bool(c, DW_CFG_FORCE_RUBY_PLATFORM, false);
	bool ruby = lock_has_platform(lf, cpu, true);
	dw_buf plats = DW_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < lf->nplatforms; i++)
		dw_buf_printf(&plats, "%s%s", i ? ", " : "", lf->platforms[i]);
	if (force && !ruby) {
		dw_diags_add(d, DW_SEV_ERROR, lf->path, line_span(lf->platforms_line), NULL,
		             "dockerfile.gemfile.force_ruby_platform needs the ruby platform in "
		             "Gemfile.lock (PLATFORMS: %s); run `bundle lock --add-platform ruby` and "
		             "commit Gemfile.lock", plats.ptr);
		rc = -1;
	} else if (!ruby && !lock_has_platform(lf, cpu, false)) {
		dw_diags_add(d, DW_SEV_ERROR, lf->path, line_span(lf->platforms_line), NULL,
		             "Gemfile.lock has neither %s-linux nor ruby (PLATFORMS: %s), and bundle "
		             "install in deployment mode refuses a lock without the image's platform; "
		             "run `bundle lock --add-platform %s-linux` and commit Gemfile.lock",
		             cpu, plats.ptr, cpu);
		rc = -1;
	}
	dw_buf_free(&plats);
	return rc;
}

int
dw_detect_platforms(const dw_app *app, const dw_config *c, dw_diags *d)
{
	const dw_lockfile *lf = app->lock;
	const char *cpu = dw_target_cpu(c);
	dw_buf plats = DW_BUF_INIT;

	/* Very old locks have no PLATFORMS: the ruby platform is implied. */
	if (!lf || lf->nplatforms == 0)
		return 0;
	if (check_lock_platforms(lf, c, cpu, d) < 0)
		return -1;
	if (cfg_bool(c, DW_CFG_FORCE_RUBY_PLATFORM, false))
		return 0;
	for (size_t i = 0; i < lf->nspecs; i++) {
		const dw_spec *s = &lf->specs[i];
		bool desktop;

		if (dw_lockfile_find(lf, s->name) != s || !dw_app_installs(app, s->name))
			continue;       /* once per installed gem */
		dw_buf_clear(&plats);
		if (!gem_installable(lf, s->name, cpu, &desktop, &plats) && desktop)
			dw_diags_add(d, DW_SEV_WARNING, lf->path, line_span(s->line), NULL,
			             "%s %s is locked only for %s, with no ruby or %s-linux variant to "
			             "install in the image; run `bundle lock --add-platform %s-linux` and "
			             "commit Gemfile.lock",
			             s->name, s->version, plats.ptr, cpu, cpu);
	}
	dw_buf_free(&plats);
	return 0;
}

/* ---- packages --------------------------------------------------------- */

void
dw_pkgs_add(dw_pkgs *p, const char *name, const char *reason)
{
	dw_pkg *k = NULL;
	size_t at = p->n;

	for (size_t i = 0; i < p->n && !k; i++) {
		int c = strcmp(p->v[i].name, name);

		if (c == 0)
			k = &p->v[i];
		else if (c > 0 && at == p->n)
			at = i;
	}
	if (!k) {
		/* Insert in order, so the list is sorted whoever adds to it. */
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 16;
			p->v = dw_realloc(p->v, p->cap * sizeof *p->v);
		}
		memmove(&p->v[at + 1], &p->v[at], (p->n - at) * sizeof *p->v);
		p->n++;
		k = &p->v[at];
		memset(k, 0, sizeof *k);
		k->name = dw_strdup(name);
	}
	for (size_t i = 0; i < k->reasons.n; i++)
		if (strcmp(k->reasons.v[i], reason) == 0)
			return;
	dw_strv_push(&k->reasons, reason, strlen(reason));
}

static int
pkg_cmp(const void *a, const void *b)
{
	return strcmp(((const dw_pkg *)a)->name, ((const dw_pkg *)b)->name);
}

/* One row of the distribution table: the gem map column, the column it
 * falls back to for stages it does not set, the package manager, and the
 * major version of its nodejs package. */
static const struct {
	const char *name, *column;
	dw_distro parent;
	dw_pkg_family family;
	const char *nodejs;
} distros[DW_NDISTRO] = {
	[DW_DISTRO_BOOKWORM] = { "bookworm", "apt", DW_DISTRO_BOOKWORM, DW_PKG_APT, "18" },
	[DW_DISTRO_TRIXIE] = { "trixie", "trixie", DW_DISTRO_BOOKWORM, DW_PKG_APT, "20" },
	[DW_DISTRO_AL2] = { "al2", "yum", DW_DISTRO_AL2, DW_PKG_YUM, NULL },
	[DW_DISTRO_AL2023] = { "al2023", "dnf", DW_DISTRO_AL2023, DW_PKG_DNF, NULL },
	[DW_DISTRO_BULLSEYE] = { "bullseye", "bullseye", DW_DISTRO_BOOKWORM, DW_PKG_APT, "12" },
};

const char *
dw_distro_name(dw_distro d)
{
	return distros[d].name;
}

const char *
dw_distro_column(dw_distro d)
{
	return distros[d].column;
}

dw_pkg_family
dw_distro_family(dw_distro d)
{
	return distros[d].family;
}

dw_distro
dw_distro_parent(dw_distro d)
{
	return distros[d].parent;
}

const char *
dw_distro_nodejs(dw_distro d)
{
	return distros[d].nodejs;
}

/* The Debian release docker-library last built each ruby patch tag on: a
 * tag is rebuilt on the newest Debian until the next patch release of its
 * series, so a release stays on the Debian that was current when it was
 * superseded (bullseye from August 2021, bookworm from June 2023, trixie
 * from August 2025).  Each row: from this version on, up to the next row
 * of the series. */
enum { DEB_BUSTER = 10, DEB_BULLSEYE = 11, DEB_BOOKWORM = 12, DEB_TRIXIE = 13 };
static const struct {
	const char *from;
	int debian;
} ruby_debian[] = {
	{ "3.0.0", DEB_BUSTER }, { "3.0.2", DEB_BULLSEYE }, { "3.0.6", DEB_BOOKWORM },
	{ "3.1.0", DEB_BULLSEYE }, { "3.1.4", DEB_BOOKWORM },
	{ "3.2.0", DEB_BULLSEYE }, { "3.2.2", DEB_BOOKWORM }, { "3.2.9", DEB_TRIXIE },
	{ "3.3.0", DEB_BOOKWORM }, { "3.3.9", DEB_TRIXIE },
	{ "3.4.0", DEB_BOOKWORM }, { "3.4.5", DEB_TRIXIE },
};

/* The Debian major version of a ruby tag ("3.1.2", "3.1.2-slim"): its
 * version part decides. */
static int
tag_debian(const char *tag)
{
	char version[32];
	const char *dot;
	const char *dot2;
	size_t mm;
	int debian = DEB_BOOKWORM;

	snprintf(version, sizeof version, "%.*s", (int)strspn(tag, "0123456789."), tag);
	dot = strchr(version, '.');
	dot2 = dot ? strchr(dot + 1, '.') : NULL;
	mm = dot2 ? (size_t)(dot2 - version) : 0;

	if (dw_version_cmp(version, "3.5") >= 0)
		return DEB_TRIXIE;
	/* A floating tag (3.3) follows the newest release of its series:
	 * 3.0 and 3.1 ended on bookworm, 3.2 and later moved to trixie. */
	if (dot == NULL || dot2 == NULL)
		return dot && dw_version_cmp(version, "3.2") < 0 ? DEB_BOOKWORM : DEB_TRIXIE;
	for (size_t i = 0; i < sizeof ruby_debian / sizeof *ruby_debian; i++)
		if (strncmp(ruby_debian[i].from, version, mm) == 0 && ruby_debian[i].from[mm] == '.' &&
		    dw_version_cmp(version, ruby_debian[i].from) >= 0)
			debian = ruby_debian[i].debian;
	return debian;
}

/* A Debian codename in the tag or variant ("3.3-bookworm", "slim-trixie"). */
static int
named_debian(const char *tag, const char *variant)
{
	static const struct {
		const char *word;
		int debian;
	} names[] = {
		{ "trixie", DEB_TRIXIE }, { "bookworm", DEB_BOOKWORM },
		{ "bullseye", DEB_BULLSEYE }, { "buster", DEB_BUSTER },
	};
	const char *words[] = { variant, tag };

	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; words[i] && k < sizeof names / sizeof *names; k++)
			if (strstr(words[i], names[k].word))
				return names[k].debian;
	return 0;
}

bool
dw_ruby_tag_on_buster(const char *tag, const char *variant)
{
	int named = named_debian(tag, variant);

	if (named)
		return named == DEB_BUSTER;
	return tag && tag[0] >= '0' && tag[0] <= '9' && tag_debian(tag) == DEB_BUSTER;
}

dw_distro
dw_distro_of_ruby_tag(const char *tag, const char *variant, const char **why)
{
	int named = named_debian(tag, variant), debian;

	if (named) {
		*why = named == DEB_TRIXIE     ? "the tag names trixie"
		       : named == DEB_BOOKWORM ? "the tag names bookworm"
		       : named == DEB_BULLSEYE ? "the tag names bullseye"
		                               : "the tag names buster";
		return named == DEB_TRIXIE     ? DW_DISTRO_TRIXIE
		       : named == DEB_BOOKWORM ? DW_DISTRO_BOOKWORM
		                               : DW_DISTRO_BULLSEYE;
	}
	if (tag == NULL || !(tag[0] >= '0' && tag[0] <= '9')) {
		*why = "the floating ruby tags are Debian 13";
		return DW_DISTRO_TRIXIE;
	}
	debian = tag_debian(tag);
	if (debian == DEB_TRIXIE) {
		*why = "ruby images from 3.2.9, 3.3.9 and 3.4.5 on are Debian 13";
		return DW_DISTRO_TRIXIE;
	}
	if (debian <= DEB_BULLSEYE) {
		*why = "ruby images 3.0.2 to 3.0.5, 3.1.0 to 3.1.3, 3.2.0 and 3.2.1 are Debian 11";
		return DW_DISTRO_BULLSEYE;
	}
	*why = "ruby images before 3.2.9, 3.3.9 and 3.4.5 are Debian 12";
	return DW_DISTRO_BOOKWORM;
}

/* The tag of a docker-library ruby image reference ("ruby:3.4",
 * "docker.io/library/ruby:3.4-slim"), or NULL for any other image. */
static const char *
ruby_image_tag(const char *image)
{
	const char *colon = image ? strrchr(image, ':') : NULL;
	const char *slash = image ? strrchr(image, '/') : NULL;
	const char *repo = slash ? slash + 1 : image;

	if (!colon || colon < repo || strncmp(repo, "ruby:", 5) != 0 ||
	    (slash && strncmp(image, "docker.io/library/ruby:", 23) != 0 &&
	     strncmp(image, "library/ruby:", 13) != 0))
		return NULL;
	return colon + 1;
}

bool
dw_distro_of_image(const char *image, dw_distro *out, const char **why)
{
	const char *tag = ruby_image_tag(image);

	if (tag == NULL)
		return false;
	*out = dw_distro_of_ruby_tag(tag, NULL, why);
	return true;
}

bool
dw_image_on_buster(const char *image)
{
	const char *tag = ruby_image_tag(image);

	return tag && dw_ruby_tag_on_buster(tag, NULL);
}

struct pkgctx {
	const dw_app *app;
	const dw_gemmap *m;
	dw_distro dist;
	const char *cpu;          /* the image's Bundler CPU */
	bool force_ruby;
	dw_pkgs *build, *deploy;
	dw_diags *unavailable;
};

/* The packages of one stage in the distribution's column, or its
 * parent's when the column does not set that stage. */
static const dw_strv *
stage_pkgs(const gm_rule *r, dw_distro dist, int stage)
{
	if (!r->cols[dist].set[stage])
		dist = dw_distro_parent(dist);
	return &r->cols[dist].pkgs[stage];
}

/* A diagnostic at the gem's line of Gemfile.lock. */
static void
report_gem(struct pkgctx *x, dw_severity sev, const char *gem, const char *reason,
           const char *why, const char *fix)
{
	const dw_lockfile *lf = x->app->lock;
	const dw_spec *s = lf && gem ? dw_lockfile_find(lf, gem) : NULL;
	dw_span at = { { s ? s->line : 0, s ? 5 : 0 }, { s ? s->line : 0, s ? 5 : 0 } };

	dw_diags_add(x->unavailable, sev, lf ? lf->path : NULL, at, NULL, "%s: %s%s", reason, why,
	             fix ? fix : "");
}

/* How to get a precompiled build of gem into the lock.  The update names
 * the direct dependency (via) that brings gem in: updating rb_sys does
 * not give the Rust gem that needs it a precompiled build, updating that
 * gem does. */
static void
precompiled_fix(const struct pkgctx *x, const char *gem, const char *via, dw_buf *out)
{
	if (x->app->lock && lock_has_platform(x->app->lock, x->cpu, false))
		dw_buf_printf(out, "; the lock lists %s-linux but no precompiled %s for it: "
		              "`bundle update %s` picks a version that has one, if there is one",
		              x->cpu, gem, via ? via : gem);
	else
		dw_buf_printf(out, "; run `bundle lock --add-platform %s-linux` and commit "
		              "Gemfile.lock so that Bundler installs the precompiled gem", x->cpu);
}

static void
apply_rule(struct pkgctx *x, const gm_rule *r, const char *gem, const char *via,
           const char *reason)
{
	const dw_strv *b = stage_pkgs(r, x->dist, GM_BUILD);
	const dw_strv *rt = stage_pkgs(r, x->dist, GM_RUNTIME);

	if (r->cols[x->dist].unavailable && x->unavailable)
		report_gem(x, DW_SEV_ERROR, gem, reason, r->cols[x->dist].unavailable, NULL);
	/* warn: goes with when: ruby_platform, so the fix is a precompiled gem */
	if (r->warn && x->unavailable && gem) {
		dw_buf fix = DW_BUF_INIT;

		precompiled_fix(x, gem, via, &fix);
		report_gem(x, DW_SEV_WARNING, gem, reason, r->warn, fix.ptr);
		dw_buf_free(&fix);
	}
	for (size_t i = 0; i < b->n; i++)
		dw_pkgs_add(x->build, b->v[i], reason);
	for (size_t i = 0; i < rt->n; i++)
		dw_pkgs_add(x->deploy, rt->v[i], reason);
}

/* Will bundler compile this gem?  Without a lock we cannot know: assume
 * it will, as a missing header fails the build and an extra one does not. */
static bool
compiled_from_source(const struct pkgctx *x, const char *gem)
{
	const dw_lockfile *lf = x->app->lock;
	size_t from, n;

	if (x->force_ruby || !lf)
		return true;
	n = dw_lockfile_range(lf, gem, &from);
	for (size_t k = 0; k < n; k++)
		if (glibc_linux(lf->specs[lf->by_name[from + k]].platform, x->cpu))
			return false;
	return true;
}

/* Does bundle install install one of the gems in names? */
static bool
app_has_any(const dw_app *app, const dw_strv *names)
{
	for (size_t i = 0; i < names->n; i++)
		if (dw_app_installs(app, names->v[i]))
			return true;
	return false;
}

/* One gem of the app; via is the direct dependency that brings it in. */
static void
one_gem(struct pkgctx *x, const char *gem, const char *version, bool git, const char *via)
{
	dw_buf reason = DW_BUF_INIT;

	for (size_t i = 0; i < x->m->n; i++) {
		const gm_rule *r = &x->m->rules[i];

		if (r->kind == GM_GIT && git) {
			dw_buf_clear(&reason);
			dw_buf_printf(&reason, "gem %s (git source)", gem);
			apply_rule(x, r, gem, via, reason.ptr);
			continue;
		}
		if (r->kind != GM_GEM || !dw_strv_has(&r->names, gem))
			continue;
		if (r->ruby_platform && !compiled_from_source(x, gem))
			continue;
		if (r->version && version && !dw_requirement_match(r->version, version))
			continue;
		if (app_has_any(x->app, &r->unless))
			continue;
		dw_buf_clear(&reason);
		if (!via || strcmp(via, gem) == 0)
			dw_buf_printf(&reason, "gem %s", gem);
		else
			dw_buf_printf(&reason, "gem %s (via %s)", gem, via);
		apply_rule(x, r, gem, via, reason.ptr);
	}
	dw_buf_free(&reason);
}

static void
closure_cb(void *ctx, const dw_spec *s, const char *via)
{
	struct pkgctx *x = ctx;
	const dw_lockfile *lf = x->app->lock;
	bool git = s->source < lf->nsources && lf->sources[s->source].kind == DW_SRC_GIT;

	one_gem(x, s->name, s->version, git, via);
}

/* Walk only from the direct dependencies bundle install keeps. */
static bool
kept_root(void *ctx, const char *name)
{
	return !dw_app_left_out(((struct pkgctx *)ctx)->app, name);
}

static void
configured(const dw_config *c, dw_ckey k, dw_pkgs *a, dw_pkgs *b)
{
	const dw_strv *l;

	if (!c || !(l = dw_cfg_list(c, k)))
		return;
	for (size_t i = 0; i < l->n; i++) {
		if (a)
			dw_pkgs_add(a, l->v[i], dw_config_keys()[k].name);
		if (b)
			dw_pkgs_add(b, l->v[i], dw_config_keys()[k].name);
	}
}

void
dw_detect_packages(const dw_app *app, const dw_config *c, const dw_gemmap *m,
                   dw_distro dist, dw_pkgs *build, dw_pkgs *deploy, dw_diags *unavailable)
{
	struct pkgctx x = { app, m, dist, dw_target_cpu(c),
	                    cfg_bool(c, DW_CFG_FORCE_RUBY_PLATFORM, false), build, deploy, unavailable };
	bool apt = distros[dist].family == DW_PKG_APT;

	memset(build, 0, sizeof *build);
	memset(deploy, 0, sizeof *deploy);
	if (m) {
		dw_buf reason = DW_BUF_INIT;

		for (size_t i = 0; i < m->n; i++)
			if (m->rules[i].kind == GM_BASE) {
				dw_buf_clear(&reason);
				dw_buf_printf(&reason, "base: %s", m->rules[i].names.v[0]);
				apply_rule(&x, &m->rules[i], NULL, NULL, reason.ptr);
			}
		dw_buf_free(&reason);
	}
	if (m && cfg_bool(c, DW_CFG_AUTO_PACKAGES, true)) {
		if (app->lock)
			dw_lockfile_closure_from(app->lock, kept_root, closure_cb, &x);
		else
			for (size_t i = 0; i < app->gemfile.gems.n; i++)
				if (!dw_app_left_out(app, app->gemfile.gems.v[i]))
					one_gem(&x, app->gemfile.gems.v[i], NULL, false, NULL);
	}
	configured(c, apt ? DW_CFG_APT_ALL_STAGES : DW_CFG_YUM_ALL_STAGES, build, deploy);
	configured(c, apt ? DW_CFG_APT_BUILD_STAGE : DW_CFG_YUM_BUILD_STAGE, build, NULL);
	configured(c, apt ? DW_CFG_APT_DEPLOYMENT_STAGE : DW_CFG_YUM_DEPLOYMENT_STAGE, deploy, NULL);
	if (build->n)
		qsort(build->v, build->n, sizeof *build->v, pkg_cmp);
	if (deploy->n)
		qsort(deploy->v, deploy->n, sizeof *deploy->v, pkg_cmp);
}

void
dw_pkgs_free(dw_pkgs *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].name);
		dw_strv_free(&p->v[i].reasons);
	}
	free(p->v);
	memset(p, 0, sizeof *p);
}
