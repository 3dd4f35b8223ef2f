/* SPDX-License-Identifier: MIT */
/*
 * conf_apps.c - the Gemfile.lock reader and the detectors against real
 * apps: every app under ../shared/apps must load without an error, and
 * the facts that its README states must hold.  Skips cleanly when the
 * shared directory is absent (e.g. in a release tarball).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "detect.h"
#include "tap.h"

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t
count_platform_specs(const dw_lockfile *lf, const char *gem, bool *ruby)
{
	size_t n = 0;

	*ruby = false;
	for (size_t i = 0; i < lf->nspecs; i++)
		if (strcmp(lf->specs[i].name, gem) == 0) {
			if (lf->specs[i].platform)
				n++;
			else
				*ruby = true;
		}
	return n;
}

static size_t
count_sources(const dw_lockfile *lf, dw_source_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < lf->nsources; i++)
		n += lf->sources[i].kind == k;
	return n;
}

/* Facts from apps/README.md, for the apps that are there. */
static void
facts(tap *t, const char *name, const dw_app *app, dw_diags *d)
{
	const dw_lockfile *lf = app->lock;
	dw_framework fw;
	dw_ruby rb;
	bool ruby;

	if (!lf)
		return;
	dw_detect_framework(app, &fw);
	dw_detect_ruby(app, NULL, &rb, d);
	if (strcmp(name, "tongueroo__jets-demo-crud") == 0) {
		tap_ok(t, dw_lockfile_find(lf, "mysql2") != NULL, "%s: mysql2 is locked", name);
		tap_ok(t, lf->nplatforms == 1 && strcmp(lf->platforms[0], "x86_64-linux") == 0,
		       "%s: PLATFORMS is x86_64-linux only", name);
		tap_ok(t, count_platform_specs(lf, "nokogiri", &ruby) == 1 && !ruby &&
		          strcmp(dw_lockfile_find(lf, "nokogiri")->platform, "x86_64-linux") == 0 &&
		          strcmp(dw_lockfile_find(lf, "nokogiri")->version, "1.16.0") == 0,
		       "%s: nokogiri only as 1.16.0-x86_64-linux", name);
		tap_ok(t, !lf->ruby_version && strcmp(rb.source, "default") == 0,
		       "%s: no RUBY VERSION, default ruby", name);
		tap_ok(t, lf->bundled_with && strcmp(lf->bundled_with, "2.4.20") == 0,
		       "%s: bundled with 2.4.20", name);
		{
			dw_handler h;
			dw_diags hd = DW_DIAGS_INIT;

			/* Jets 5 builds a handler per function: no image can run it. */
			tap_ok(t, dw_handler_resolve(app, NULL, &h, &hd) < 0 && hd.n == 1 &&
			          strstr(hd.v[0].message, "jets 5.0.8") &&
			          strstr(hd.v[0].message, "Jets 6"),
			       "%s: Jets 5 is an error that names the upgrade", name);
			dw_handler_free(&h);
			dw_diags_free(&hd);
		}
	} else if (strcmp(name, "usetrmnl__byos_hanami") == 0) {
		tap_ok(t, lf->has_checksums, "%s: CHECKSUMS", name);
		tap_ok(t, lf->nplatforms == 11, "%s: 11 platforms (got %zu)", name, lf->nplatforms);
		tap_ok(t, fw.name && strcmp(fw.name, "hanami") == 0, "%s: framework hanami", name);
		tap_ok(t, app->gemfile.ruby_file && strcmp(app->gemfile.ruby_file, ".ruby-version") == 0,
		       "%s: ruby file: .ruby-version", name);
		tap_ok(t, lf->ruby_version != NULL, "%s: RUBY VERSION", name);
		tap_ok(t, lf->bundled_with && strcmp(lf->bundled_with, "4.0.7") == 0,
		       "%s: bundled with 4.0.7", name);
		tap_ok(t, dw_lockfile_find(lf, "pg") && dw_lockfile_find(lf, "mini_magick"),
		       "%s: pg and mini_magick", name);
		tap_ok(t, count_platform_specs(lf, "nokogiri", &ruby) > 0 &&
		          count_platform_specs(lf, "ffi", &ruby) > 0,
		       "%s: nokogiri and ffi precompiled", name);
	} else if (strcmp(name, "scrogatl__demo-apps__ruby-lambda_web_handlers") == 0) {
		tap_ok(t, !fw.name, "%s: no framework", name);
		tap_ok(t, lf->ndeps == 1 && strcmp(lf->deps[0].name, "aws-sdk-dynamodb") == 0,
		       "%s: only aws-sdk-dynamodb", name);
		tap_ok(t, !app->gemfile.ruby_version && !app->gemfile.ruby_file,
		       "%s: commented ruby line ignored", name);
		tap_ok(t, lf->bundled_with && strcmp(lf->bundled_with, "1.17.2") == 0 &&
		          lf->nplatforms == 1 && strcmp(lf->platforms[0], "ruby") == 0,
		       "%s: bundler 1.17.2, PLATFORMS ruby", name);
	} else if (strcmp(name, "everypolitician__viewer-sinatra") == 0) {
		tap_ok(t, count_sources(lf, DW_SRC_GIT) == 2, "%s: two GIT sections", name);
		tap_ok(t, strcmp(rb.version, "2.4.4") == 0 && strcmp(rb.source, "Gemfile") == 0,
		       "%s: ruby 2.4.4 from the Gemfile (got %s from %s)", name, rb.version, rb.source);
		tap_ok(t, lf->ruby_version && strcmp(lf->ruby_version, "ruby 2.4.4p296") == 0,
		       "%s: lock says ruby 2.4.4p296", name);
		tap_ok(t, fw.name && strcmp(fw.name, "sinatra") == 0, "%s: framework sinatra", name);
	} else if (strcmp(name, "zeetao__nagaworks") == 0) {
		tap_ok(t, count_sources(lf, DW_SRC_PATH) == 1, "%s: a PATH section", name);
		tap_ok(t, fw.name && strcmp(fw.name, "rails") == 0, "%s: framework rails", name);
		tap_ok(t, dw_lockfile_find(lf, "mysql2") != NULL, "%s: mysql2 is locked", name);
	} else if (strcmp(name, "claviustales__clavius-tales") == 0) {
		tap_ok(t, fw.name && strcmp(fw.name, "rack") == 0, "%s: framework rack", name);
		tap_ok(t, strcmp(rb.version, "3.4.7") == 0, "%s: ruby 3.4.7 (got %s)", name, rb.version);
		tap_ok(t, lf->nplatforms == 2, "%s: platforms ruby and x86_64-linux", name);
	}
	dw_ruby_free(&rb);
}

/* Everything that applies to any app: it loads, and the detectors run
 * without errors on it. */
static void
one_app(tap *t, const char *root, const char *name, dw_gemmap *m)
{
	char dir[8192];
	dw_diags d = DW_DIAGS_INIT;
	dw_app app;
	dw_pkgs build, deploy;
	int rc;

	snprintf(dir, sizeof dir, "%s/%s", root, name);
	rc = dw_app_load(&app, dir, &d);
	tap_ok(t, rc == 0 && dw_diags_count(&d, DW_SEV_ERROR) == 0, "%s: loads", name);
	for (size_t i = 0; i < d.n; i++) {
		dw_buf b = DW_BUF_INIT;

		dw_diag_format(&d.v[i], &b);
		tap_diag("%s", b.ptr);
		dw_buf_free(&b);
	}
	if (rc == 0) {
		tap_ok(t, app.lock != NULL && app.lock->nspecs > 0 && app.lock->ndeps > 0,
		       "%s: lock has specs and dependencies", name);
		dw_detect_platforms(&app, NULL, &d);
		dw_detect_packages(&app, NULL, m, DW_DISTRO_BOOKWORM, &build, &deploy, NULL);
		tap_ok(t, build.n > 0 && dw_diags_count(&d, DW_SEV_ERROR) == 0,
		       "%s: packages resolve", name);
		dw_pkgs_free(&build);
		dw_pkgs_free(&deploy);
		facts(t, name, &app, &d);
	}
	dw_app_free(&app);
	dw_diags_free(&d);
}

int
main(void)
{
	char shared[4096], root[4200];
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	DIR *dir;
	tap t = { 0, 0 };
	dw_diags d = DW_DIAGS_INIT;
	dw_gemmap *m;

	if (!tap_shared_dir(shared, sizeof shared))
		return tap_skip_all("no ../shared directory");
	snprintf(root, sizeof root, "%s/apps", shared);
	dir = opendir(root);
	if (!dir)
		return tap_skip_all("no ../shared/apps directory");
	while ((e = readdir(dir)) != NULL && n < 256) {
		char p[8192];
		struct stat st;

		snprintf(p, sizeof p, "%s/%s/Gemfile.lock", root, e->d_name);
		if (e->d_name[0] != '.' && stat(p, &st) == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	if (n == 0)
		return tap_skip_all("no apps with a Gemfile.lock");
	qsort(names, n, sizeof *names, name_cmp);
	m = dw_gemmap_load(NULL, &d);
	tap_ok(&t, m != NULL, "rules/gems.yaml loads");
	for (size_t i = 0; i < n; i++) {
		if (m)
			one_app(&t, root, names[i], m);
		free(names[i]);
	}
	dw_gemmap_free(m);
	dw_diags_free(&d);
	return tap_done(&t);
}
