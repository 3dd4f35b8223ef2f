/* SPDX-License-Identifier: MIT */
/*
 * lint_config.c - the configuration of each linted file.
 *
 * Layers, later ones winning: defaults, the user's config
 * ($XDG_CONFIG_HOME/dockwright/config.yml), the nearest .hadolint.yaml,
 * the nearest dockwright.yml or .dockwright.yml, the command line.
 * "Nearest" walks up from the file's directory and stops at the
 * repository root (a directory holding .git) or at /.  --config FILE
 * replaces the three files.  Only the `lint:` section of dockwright
 * files is read, so a problem in gen's settings does not stop lint.
 */
#include "lint_cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_WALK 512

static const char *const dw_names[] = {
	"dockwright.yml", "dockwright.yaml", ".dockwright.yml", ".dockwright.yaml", NULL
};
static const char *const hl_names[] = { ".hadolint.yaml", ".hadolint.yml", NULL };

static const dw_span no_span = { { 0, 0 }, { 0, 0 } };

void
lint_keep_free(lint_keep *k)
{
	for (size_t i = 0; i < k->ndocs; i++)
		dw_yaml_free(k->docs[i]);
	free(k->docs);
	dw_strv_free(&k->paths);
	memset(k, 0, sizeof(*k));
}

/* Keep a copy of s as long as the configuration lives. */
static const char *
keep_str(lint_keep *k, const char *s)
{
	dw_strv_push(&k->paths, s, strlen(s));
	return k->paths.v[k->paths.n - 1];
}

static char *
path_join(const char *dir, const char *name)
{
	dw_buf b = DW_BUF_INIT;

	if (strcmp(dir, ".") != 0 && dir[0] != '\0') {
		dw_buf_puts(&b, dir);
		if (b.ptr[b.len - 1] != '/')
			dw_buf_putc(&b, '/');
	}
	dw_buf_puts(&b, name);
	return dw_buf_detach(&b);
}

static bool
is_file(const char *path, struct stat *st)
{
	return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

/* The first of names[] that is a file in dir, or NULL. */
static char *
find_in(const char *dir, const char *const *names, struct stat *st)
{
	for (size_t i = 0; names[i]; i++) {
		char *p = path_join(dir, names[i]);

		if (is_file(p, st))
			return p;
		free(p);
	}
	return NULL;
}

/* The directory above `cur`, spelled relative when cur is: "a/b" -> "a",
 * "a" -> ".", "." -> "..", "../.." -> "../../..". */
static char *
parent_dir(const char *cur)
{
	const char *slash = strrchr(cur, '/');
	const char *last = slash ? slash + 1 : cur;

	if (strcmp(last, "..") == 0 || strcmp(cur, ".") == 0)
		return path_join(cur, "..");
	if (slash == NULL)
		return dw_strndup(".", 1);
	if (slash == cur)
		return dw_strndup("/", 1);
	return dw_strndup(cur, (size_t)(slash - cur));
}

static bool
is_top(const char *dir)
{
	struct stat a, b;
	char *git = path_join(dir, ".git"), *up = path_join(dir, "..");
	bool top = stat(git, &a) == 0;

	if (!top)
		top = stat(dir, &a) < 0 || stat(up, &b) < 0 ||
		      (a.st_dev == b.st_dev && a.st_ino == b.st_ino);
	free(git);
	free(up);
	return top;
}

typedef struct found {
	char *user, *hadolint, *dockwright;
	struct stat ust, hst, dst;
} found;

static void
found_free(found *f)
{
	free(f->user);
	free(f->hadolint);
	free(f->dockwright);
}

static char *
user_config(struct stat *st)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *dir, *p;

	if (xdg && *xdg)
		dir = path_join(xdg, "dockwright");
	else if (home && *home)
		dir = path_join(home, ".config/dockwright");
	else
		return NULL;
	p = find_in(dir, (const char *const[]){ "config.yml", "config.yaml", NULL }, st);
	free(dir);
	return p;
}

static void
discover(const char *dir, found *f)
{
	char *cur = dw_strdup(dir);

	memset(f, 0, sizeof(*f));
	f->user = user_config(&f->ust);
	for (int depth = 0; depth < MAX_WALK; depth++) {
		char *up;

		if (f->dockwright == NULL)
			f->dockwright = find_in(cur, dw_names, &f->dst);
		if (f->hadolint == NULL)
			f->hadolint = find_in(cur, hl_names, &f->hst);
		if ((f->dockwright && f->hadolint) || is_top(cur))
			break;
		up = parent_dir(cur);
		free(cur);
		cur = up;
	}
	free(cur);
}

static void
key_part(dw_buf *key, char tag, const char *path, const struct stat *st)
{
	if (path)
		dw_buf_printf(key, "%c%llu:%llu;", tag, (unsigned long long)st->st_dev,
		              (unsigned long long)st->st_ino);
}

int
lint_config_key(const char *dir, const lint_overrides *o, dw_buf *key)
{
	found f;

	dw_buf_clear(key);
	if (o->config) {
		dw_buf_printf(key, "c%s", o->config);
		return 0;
	}
	discover(dir, &f);
	key_part(key, 'u', f.user, &f.ust);
	key_part(key, 'h', f.hadolint, &f.hst);
	key_part(key, 'd', f.dockwright, &f.dst);
	found_free(&f);
	return 0;
}

/* ---- editing values ---- */

static void
cv_mark(dw_cvalue *v, dw_origin origin, const char *where, dw_pos pos)
{
	v->set = true;
	v->origin = origin;
	v->where = where;
	v->pos = pos;
}

static void
cv_set_str(dw_cvalue *v, const char *s)
{
	free(v->s);
	v->s = dw_strdup(s);
}

static void
cv_map_put(dw_cvalue *v, const char *k, const char *val)
{
	for (size_t i = 0; i < v->list.n && i < v->values.n; i++)
		if (strcmp(v->list.v[i], k) == 0) {
			free(v->values.v[i]);
			v->values.v[i] = dw_strdup(val);
			return;
		}
	dw_strv_push(&v->list, k, strlen(k));
	dw_strv_push(&v->values, val, strlen(val));
}

/* ---- files ---- */

static dw_ydoc *
load_doc(const char *path, lint_keep *keep, dw_diags *d)
{
	dw_buf src = DW_BUF_INIT;
	dw_ydoc *doc;

	if (dw_file_read(path, &src, d) < 0) {
		dw_buf_free(&src);
		return NULL;
	}
	doc = dw_yaml_load(src.ptr ? src.ptr : "", src.len, path, d);
	dw_buf_free(&src);
	if (doc) {
		keep->docs = dw_realloc(keep->docs, (keep->ndocs + 1) * sizeof(*keep->docs));
		keep->docs[keep->ndocs++] = doc;
	}
	return doc;
}

static int
need_map(const char *path, const dw_ynode *n, const char *what, dw_diags *d)
{
	if (n == NULL || n->kind == DW_Y_MAP || dw_yaml_is_null(n))
		return 0;
	dw_diags_add(d, DW_SEV_ERROR, path, dw_yaml_span(n), NULL, "%s must be a map", what);
	return -1;
}

/* lint.rules paths are relative to the file that names them; a bare name
 * (label-schema) is a pack shipped with dockwright.  A file found in a
 * repository (root: the repository's top) names packs inside it only: a
 * cloned repository must not make lint read /etc/shadow as a rule pack.
 * --rules and -c name packs wherever they are. */
static int
resolve_rules(dw_config *c, const char *path, const char *root, dw_diags *d)
{
	dw_cvalue *v = &c->v[DW_CFG_LINT_RULES];
	const char *slash = strrchr(path, '/');
	struct stat st;
	int rc = 0;

	for (size_t i = 0; i < v->list.n; i++) {
		dw_buf b = DW_BUF_INIT;

		const char *e = v->list.v[i];
		size_t n = strlen(e);

		if (strchr(e, '/') == NULL && !(n > 5 && strcmp(e + n - 5, ".yaml") == 0) &&
		    !(n > 4 && strcmp(e + n - 4, ".yml") == 0))
			continue;       /* a shipped pack */
		if (v->list.v[i][0] != '/' && slash) {
			dw_buf_put(&b, path, (size_t)(slash - path) + 1);
			dw_buf_puts(&b, v->list.v[i]);
			free(v->list.v[i]);
			v->list.v[i] = dw_buf_detach(&b);
		}
		dw_buf_free(&b);
		if (root && stat(v->list.v[i], &st) == 0 && !dw_path_inside(root, v->list.v[i])) {
			dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
			             "lint.rules: %s leads outside %s; not read (name it with "
			             "--rules to use it)", v->list.v[i], root);
			rc = -1;
		}
	}
	return rc;
}

/* The lint: section of a dockwright config file; pack_root is resolve_rules'
 * root. */
static int
apply_dockwright(dw_config *c, const char *path, const char *pack_root, lint_keep *keep,
                 dw_diags *d)
{
	dw_ydoc *doc = load_doc(keep_str(keep, path), keep, d);
	const dw_ynode *lint;
	dw_ynode *keys[1], *items[1];
	dw_ynode root;
	dw_ydoc sub;

	if (doc == NULL)
		return -1;
	if (doc->root == NULL || dw_yaml_is_null(doc->root))
		return 0;
	if (doc->root->kind != DW_Y_MAP)
		return need_map(doc->path, doc->root, "the configuration", d);
	lint = dw_yaml_get(doc->root, "lint");
	if (lint == NULL)
		return 0;
	for (size_t i = 0; i < doc->root->n; i++)
		if (doc->root->items[i] == lint) {
			keys[0] = doc->root->keys[i];
			items[0] = doc->root->items[i];
		}
	root = *doc->root;
	root.keys = keys;
	root.items = items;
	root.n = 1;
	sub = *doc;
	sub.root = &root;
	if (lint->kind == DW_Y_MAP && dw_yaml_get(lint, "rules")) {
		dw_strv_free(&c->v[DW_CFG_LINT_RULES].list);
		memset(&c->v[DW_CFG_LINT_RULES].list, 0, sizeof(dw_strv));
	}
	if (dw_config_apply_yaml(c, &sub, d) < 0)
		return -1;
	if (lint->kind == DW_Y_MAP && dw_yaml_get(lint, "rules"))
		return resolve_rules(c, doc->path, pack_root, d);
	return 0;
}

/* A scalar or a sequence of scalars, each passed to fn. */
static int
each_string(const char *path, const dw_ynode *n, const char *what,
            void (*fn)(dw_cvalue *, const char *, const char *), dw_cvalue *v,
            const char *arg, dw_diags *d)
{
	if (n->kind == DW_Y_SCALAR) {
		if (!dw_yaml_is_null(n))
			fn(v, n->str, arg);
		return 0;
	}
	if (n->kind != DW_Y_SEQ) {
		dw_diags_add(d, DW_SEV_ERROR, path, dw_yaml_span(n), NULL,
		             "%s must be a string or a list of strings", what);
		return -1;
	}
	for (size_t i = 0; i < n->n; i++) {
		if (n->items[i]->kind != DW_Y_SCALAR) {
			dw_diags_add(d, DW_SEV_ERROR, path, dw_yaml_span(n->items[i]), NULL,
			             "%s must be a string or a list of strings", what);
			return -1;
		}
		fn(v, n->items[i]->str, arg);
	}
	return 0;
}

static void
add_item(dw_cvalue *v, const char *s, const char *unused)
{
	(void)unused;
	dw_strv_push(&v->list, s, strlen(s));
}

static void
add_override(dw_cvalue *v, const char *rule, const char *level)
{
	cv_map_put(v, rule, level);
}

static int
hadolint_override(dw_config *c, const char *path, const dw_ynode *n, dw_diags *d)
{
	static const char *const levels[] = { "error", "warning", "info", "style", NULL };
	dw_cvalue *v = &c->v[DW_CFG_LINT_SEVERITY];

	if (need_map(path, n, "override", d) < 0)
		return -1;
	for (size_t i = 0; n->kind == DW_Y_MAP && i < n->n; i++) {
		const dw_ynode *k = n->keys[i];
		size_t l;

		for (l = 0; levels[l] && strcmp(levels[l], k->str ? k->str : "") != 0; l++)
			;
		if (levels[l] == NULL) {
			dw_diags_add(d, DW_SEV_ERROR, path, dw_yaml_span(k), NULL,
			             "override: unknown severity '%s' (error, warning, info or style)",
			             k->str ? k->str : "");
			return -1;
		}
		if (each_string(path, n->items[i], "override", add_override, v, levels[l], d) < 0)
			return -1;
		cv_mark(v, DW_ORIGIN_FILE, path, (dw_pos){ k->line, k->col });
	}
	return 0;
}

static int
hadolint_threshold(dw_config *c, const char *path, const dw_ynode *n, dw_diags *d)
{
	static const char *const ok[] = { "error", "warning", "info", "style", "none", NULL };
	const char *s = n->kind == DW_Y_SCALAR && n->str ? n->str : "";

	if (strcmp(s, "ignore") == 0)
		s = "none";
	for (size_t i = 0; ok[i]; i++)
		if (strcmp(ok[i], s) == 0) {
			cv_set_str(&c->v[DW_CFG_LINT_FAILURE_THRESHOLD], s);
			cv_mark(&c->v[DW_CFG_LINT_FAILURE_THRESHOLD], DW_ORIGIN_FILE, path,
			        (dw_pos){ n->line, n->col });
			return 0;
		}
	dw_diags_add(d, DW_SEV_ERROR, path, dw_yaml_span(n), NULL,
	             "failure-threshold must be error, warning, info, style, ignore or none");
	return -1;
}

/* A list key of hadolint's, added to ours. */
static int
hadolint_list(dw_config *c, dw_ckey k, const char *path, const dw_ynode *n,
              const char *what, dw_diags *d)
{
	if (each_string(path, n, what, add_item, &c->v[k], NULL, d) < 0)
		return -1;
	cv_mark(&c->v[k], DW_ORIGIN_FILE, path, (dw_pos){ n->line, n->col });
	return 0;
}

/* .hadolint.yaml, translated into the lint.* keys.  Its other keys
 * (label-schema, format, no-color, ...) have no meaning here. */
static int
apply_hadolint(dw_config *c, const char *path, lint_keep *keep, dw_diags *d)
{
	dw_ydoc *doc = load_doc(keep_str(keep, path), keep, d);
	const dw_ynode *root, *n;
	int rc = 0;

	if (doc == NULL)
		return -1;
	root = doc->root;
	if (root == NULL || dw_yaml_is_null(root))
		return 0;
	if (root->kind != DW_Y_MAP)
		return need_map(doc->path, root, "the configuration", d);
	if ((n = dw_yaml_get(root, "ignored")) != NULL)
		rc |= hadolint_list(c, DW_CFG_LINT_IGNORE, doc->path, n, "ignored", d);
	if ((n = dw_yaml_get(root, "trustedRegistries")) != NULL)
		rc |= hadolint_list(c, DW_CFG_LINT_TRUSTED_REGISTRIES, doc->path, n,
		                    "trustedRegistries", d);
	if ((n = dw_yaml_get(root, "override")) != NULL)
		rc |= hadolint_override(c, doc->path, n, d);
	if ((n = dw_yaml_get(root, "failure-threshold")) != NULL)
		rc |= hadolint_threshold(c, doc->path, n, d);
	return rc < 0 ? -1 : 0;
}

static void
apply_overrides(dw_config *c, const lint_overrides *o)
{
	static const dw_pos nopos = { 0, 0 };
	dw_cvalue *v;

	if (o->ignore.n > 0) {
		v = &c->v[DW_CFG_LINT_IGNORE];
		for (size_t i = 0; i < o->ignore.n; i++)
			add_item(v, o->ignore.v[i], NULL);
		cv_mark(v, DW_ORIGIN_CLI, "--ignore", nopos);
	}
	if (o->sev_ids.n > 0) {
		v = &c->v[DW_CFG_LINT_SEVERITY];
		for (size_t i = 0; i < o->sev_ids.n; i++)
			cv_map_put(v, o->sev_ids.v[i], o->sev_levels.v[i]);
		cv_mark(v, DW_ORIGIN_CLI, "--severity", nopos);
	}
	if (o->trusted.n > 0) {
		v = &c->v[DW_CFG_LINT_TRUSTED_REGISTRIES];
		for (size_t i = 0; i < o->trusted.n; i++)
			add_item(v, o->trusted.v[i], NULL);
		cv_mark(v, DW_ORIGIN_CLI, "--trusted-registry", nopos);
	}
	if (o->rules.n > 0) {
		v = &c->v[DW_CFG_LINT_RULES];
		for (size_t i = 0; i < o->rules.n; i++)
			add_item(v, o->rules.v[i], NULL);
		cv_mark(v, DW_ORIGIN_CLI, "--rules", nopos);
	}
	if (o->threshold) {
		cv_set_str(&c->v[DW_CFG_LINT_FAILURE_THRESHOLD], o->threshold);
		cv_mark(&c->v[DW_CFG_LINT_FAILURE_THRESHOLD], DW_ORIGIN_CLI,
		        "--failure-threshold", nopos);
	}
	if (o->target) {
		cv_set_str(&c->v[DW_CFG_LINT_TARGET], o->target);
		cv_mark(&c->v[DW_CFG_LINT_TARGET], DW_ORIGIN_CLI, "--target", nopos);
	}
	if (o->shellcheck) {
		cv_set_str(&c->v[DW_CFG_LINT_SHELLCHECK], o->shellcheck);
		cv_mark(&c->v[DW_CFG_LINT_SHELLCHECK], DW_ORIGIN_CLI, "--shellcheck", nopos);
	}
	if (o->format) {
		cv_set_str(&c->v[DW_CFG_LINT_FORMAT], o->format);
		cv_mark(&c->v[DW_CFG_LINT_FORMAT], DW_ORIGIN_CLI, "--format", nopos);
	}
}

/* A file named by --config: a hadolint file by its name, else ours. */
static int
apply_explicit(dw_config *c, const char *path, lint_keep *keep, dw_diags *d)
{
	const char *base = strrchr(path, '/');
	struct stat st;

	base = base ? base + 1 : path;
	if (!is_file(path, &st)) {
		/* let dw_file_read say why */
		dw_buf tmp = DW_BUF_INIT;
		int rc = dw_file_read(path, &tmp, d);

		dw_buf_free(&tmp);
		if (rc < 0)
			return -1;
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL, "not a regular file");
		return -1;
	}
	if (strncmp(base, ".hadolint.", 10) == 0 || strncmp(base, "hadolint.", 9) == 0)
		return apply_hadolint(c, path, keep, d);
	return apply_dockwright(c, path, NULL, keep, d);
}

int
lint_config_for(const char *dir, const lint_overrides *o, dw_config *c,
                lint_keep *keep, dw_buf *key, dw_diags *d)
{
	found f;
	int rc = 0;

	dw_config_init(c);
	lint_config_key(dir, o, key);
	if (o->config) {
		rc = apply_explicit(c, o->config, keep, d);
	} else {
		discover(dir, &f);
		/* Packs named by a found config stay in its repository. */
		char *cdir = f.dockwright ? parent_dir(f.dockwright) : NULL;
		char *root = cdir ? dw_file_root(cdir) : NULL;

		if (f.user && apply_dockwright(c, f.user, NULL, keep, d) < 0)
			rc = -1;
		if (rc == 0 && f.hadolint && apply_hadolint(c, f.hadolint, keep, d) < 0)
			rc = -1;
		if (rc == 0 && f.dockwright &&
		    apply_dockwright(c, f.dockwright, root ? root : "/", keep, d) < 0)
			rc = -1;
		free(root);
		free(cdir);
		found_free(&f);
	}
	apply_overrides(c, o);
	return rc;
}
