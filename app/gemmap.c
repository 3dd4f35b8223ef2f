/* SPDX-License-Identifier: MIT */
/*
 * gemmap.c - load rules/gems.yaml, the gem -> system packages table (its
 * schema is documented at the top of that file).
 *
 * The table is data so that a missing pair is a one-line fix that needs
 * no C; this loader only checks its shape and reports mistakes at
 * rules/gems.yaml:line:col.
 */
#include "gemmap.h"

#include <stdlib.h>
#include <string.h>


static int bad(const char *path, const dw_ynode *n, dw_diags *d, const char *fmt, ...)
	DW_PRINTF(4, 5);

static int
bad(const char *path, const dw_ynode *n, dw_diags *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(d, DW_SEV_ERROR, path, dw_yaml_span(n), NULL, fmt, ap);
	va_end(ap);
	return -1;
}

static bool
is_str(const dw_ynode *n)
{
	return n && n->kind == DW_Y_SCALAR && !dw_yaml_is_null(n) && n->len > 0;
}

static bool
valid_name(const char *s, bool package)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' || *s == '_' ||
		      (package && *s == '+')))
			return false;
	return true;
}

/* build: [a, b] - also a single scalar. */
static int
pkg_list(const char *path, const dw_ynode *n, dw_strv *out, dw_diags *d)
{
	const dw_ynode *const *items = (const dw_ynode *const *)n->items;
	size_t count = n->n;

	if (n->kind == DW_Y_SCALAR) {
		if (dw_yaml_is_null(n))
			return 0;
		items = &n;
		count = 1;
	} else if (n->kind != DW_Y_SEQ) {
		return bad(path, n, d, "%s", "expected a list of package names");
	}
	for (size_t i = 0; i < count; i++) {
		if (!is_str(items[i]) || !valid_name(items[i]->str, true))
			return bad(path, items[i], d, "%s",
			           "expected a package name (letters, digits and +-._)");
		dw_strv_push(out, items[i]->str, items[i]->len);
	}
	return 0;
}

static int
column(const char *path, const dw_ynode *n, gm_rule *r, dw_distro dist, dw_diags *d)
{
	gm_col *col = &r->cols[dist];

	if (n->kind != DW_Y_MAP)
		return bad(path, n, d, "'%s' must be a map with build:, runtime: or unavailable:",
		           dw_distro_column(dist));
	for (size_t i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->str ? n->keys[i]->str : "";
		int st = strcmp(k, "build") == 0 ? GM_BUILD : strcmp(k, "runtime") == 0 ? GM_RUNTIME : -1;

		if (strcmp(k, "unavailable") == 0) {
			if (!is_str(n->items[i]))
				return bad(path, n->items[i], d, "%s", "unavailable: needs a reason");
			free(col->unavailable);
			col->unavailable = dw_strndup(n->items[i]->str, n->items[i]->len);
			continue;
		}
		if (st < 0)
			return bad(path, n->keys[i], d,
			           "unknown key '%s' (expected build, runtime or unavailable)", k);
		col->set[st] = true;
		if (pkg_list(path, n->items[i], &col->pkgs[st], d) < 0)
			return -1;
	}
	return 0;
}

/* gem: NAME or gem: [NAME...] (and the same for unless:). */
static int
gem_names(const char *path, const dw_ynode *v, dw_strv *out, dw_diags *d)
{
	if (v->kind == DW_Y_SEQ) {
		if (v->n == 0)
			return bad(path, v, d, "%s", "needs at least one gem name");
		for (size_t i = 0; i < v->n; i++) {
			if (!is_str(v->items[i]) || !valid_name(v->items[i]->str, false))
				return bad(path, v->items[i], d, "%s", "expected a gem name");
			dw_strv_push(out, v->items[i]->str, v->items[i]->len);
		}
		return 0;
	}
	if (!is_str(v) || !valid_name(v->str, false))
		return bad(path, v, d, "%s", "expected a gem name");
	dw_strv_push(out, v->str, v->len);
	return 0;
}

static int
subject(const char *path, const dw_ynode *key, const dw_ynode *v, gm_rule *r, dw_diags *d)
{
	const char *k = key->str;

	if (r->kind != GM_NONE)
		return bad(path, key, d, "'%s': a rule has exactly one of gem, source and base", k);
	if (strcmp(k, "base") == 0) {
		if (!is_str(v))
			return bad(path, v, d, "%s", "base: needs a label");
		r->kind = GM_BASE;
		dw_strv_push(&r->names, v->str, v->len);
		return 0;
	}
	if (strcmp(k, "source") == 0) {
		if (!is_str(v) || strcmp(v->str, "git") != 0)
			return bad(path, v, d, "%s", "source: must be git");
		r->kind = GM_GIT;
		return 0;
	}
	r->kind = GM_GEM;
	return gem_names(path, v, &r->names, d);
}

static int
rule(const char *path, const dw_ynode *n, gm_rule *r, dw_diags *d)
{
	if (n->kind != DW_Y_MAP)
		return bad(path, n, d, "%s", "a rule must be a map (gem:, apt:, yum:, dnf:, ...)");
	for (size_t i = 0; i < n->n; i++) {
		const dw_ynode *key = n->keys[i], *v = n->items[i];
		const char *k = key->str ? key->str : "";
		int dist = -1;

		for (int c = 0; c < DW_NDISTRO; c++)
			if (strcmp(k, dw_distro_column((dw_distro)c)) == 0)
				dist = c;
		if (dist >= 0) {
			if (column(path, v, r, (dw_distro)dist, d) < 0)
				return -1;
		} else if (strcmp(k, "gem") == 0 || strcmp(k, "source") == 0 ||
		           strcmp(k, "base") == 0) {
			if (subject(path, key, v, r, d) < 0)
				return -1;
		} else if (strcmp(k, "when") == 0) {
			if (!is_str(v) || strcmp(v->str, "ruby_platform") != 0)
				return bad(path, v, d, "%s", "when: must be ruby_platform");
			r->ruby_platform = true;
		} else if (strcmp(k, "version") == 0) {
			if (!is_str(v) || !dw_requirement_valid(v->str))
				return bad(path, v, d, "%s",
				           "version: must be a RubyGems requirement such as \">= 5\"");
			r->version = dw_strndup(v->str, v->len);
		} else if (strcmp(k, "warn") == 0) {
			if (!is_str(v))
				return bad(path, v, d, "%s", "warn: needs a message");
			free(r->warn);
			r->warn = dw_strndup(v->str, v->len);
		} else if (strcmp(k, "unless") == 0) {
			if (gem_names(path, v, &r->unless, d) < 0)
				return -1;
		} else if (strcmp(k, "note") == 0) {
			continue;
		} else {
			return bad(path, key, d,
			           "unknown key '%s' (expected gem, source, base, when, version, unless, warn, note, apt, trixie, bullseye, yum or dnf)",
			           k);
		}
	}
	if (r->kind == GM_NONE)
		return bad(path, n, d, "%s", "a rule needs one of gem:, source: or base:");
	return 0;
}

static void
rule_free(gm_rule *r)
{
	dw_strv_free(&r->names);
	dw_strv_free(&r->unless);
	free(r->warn);
	free(r->version);
	for (int c = 0; c < DW_NDISTRO; c++) {
		for (int s = 0; s < GM_NSTAGE; s++)
			dw_strv_free(&r->cols[c].pkgs[s]);
		free(r->cols[c].unavailable);
	}
}

void
dw_gemmap_free(dw_gemmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		rule_free(&m->rules[i]);
	free(m->rules);
	free(m);
}

dw_gemmap *
dw_gemmap_parse(const char *src, size_t len, const char *path, dw_diags *d)
{
	dw_ydoc *doc = dw_yaml_load(src, len, path, d);
	const dw_ynode *rules;
	dw_gemmap *m;
	int rc = 0;

	if (!doc)
		return NULL;
	if (!doc->root || doc->root->kind != DW_Y_MAP) {
		dw_span none = { { 1, 1 }, { 1, 1 } };

		dw_diags_add(d, DW_SEV_ERROR, path, doc->root ? dw_yaml_span(doc->root) : none, NULL,
		             "expected a map with a rules: list");
		dw_yaml_free(doc);
		return NULL;
	}
	m = dw_calloc(1, sizeof *m);
	for (size_t i = 0; i < doc->root->n && rc == 0; i++)
		if (!doc->root->keys[i]->str || strcmp(doc->root->keys[i]->str, "rules") != 0)
			rc = bad(path, doc->root->keys[i], d, "unknown key '%s' (expected rules)",
			         doc->root->keys[i]->str ? doc->root->keys[i]->str : "");
	rules = dw_yaml_get(doc->root, "rules");
	if (rc == 0 && (!rules || rules->kind != DW_Y_SEQ))
		rc = bad(path, rules ? rules : doc->root, d, "%s", "rules: must be a list");
	if (rc == 0) {
		m->rules = dw_calloc(rules->n ? rules->n : 1, sizeof *m->rules);
		for (size_t i = 0; i < rules->n && rc == 0; i++) {
			rc = rule(path, rules->items[i], &m->rules[i], d);
			m->n = i + 1;
		}
	}
	dw_yaml_free(doc);
	if (rc < 0) {
		dw_gemmap_free(m);
		return NULL;
	}
	return m;
}

dw_gemmap *
dw_gemmap_load(const char *path, dw_diags *d)
{
	dw_buf text = DW_BUF_INIT;
	dw_gemmap *m = NULL;
	int rc;

	if (!path || strcmp(path, "rules/gems.yaml") == 0) {
		path = "rules/gems.yaml";
		rc = dw_data_read(path, &text, d);
	} else {
		rc = dw_file_read(path, &text, d);
	}
	if (rc == 0)
		m = dw_gemmap_parse(dw_buf_cstr(&text), text.len, path, d);
	dw_buf_free(&text);
	return m;
}
