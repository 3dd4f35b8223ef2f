/* SPDX-License-Identifier: MIT */
/*
 * config.c - dockwright.yml: the key table, typed values with their origin,
 * the YAML loader (nested and dotted keys), the environment overrides, and
 * the two renderings of the table (print-config and the man page).
 */
#include "config_priv.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const dw_ckey_info keys[] = {
#define DW_X_INFO(id, name, type, def, allowed, doc) \
	{ DW_CFG_##id, name, type, def, allowed, doc },
	DW_CONFIG_KEYS(DW_X_INFO)
#undef DW_X_INFO
};

/*
 * Jets' own spelling drift (its docs use several names for one setting).
 * A from-prefix is rewritten to the to-prefix with a warning; a NULL `to`
 * means the spelling is recognised but cannot be mapped (the hooks page's
 * docker.packages names neither the package manager nor the stage), so it
 * is an error with a hint instead of a wrong guess.
 */
static const struct alias {
	const char *from;
	const char *to;
} aliases[] = {
	{ "dockerfile.packages.apt", "dockerfile.apt.packages" },
	{ "dockerfile.packages.yum", "dockerfile.yum.packages" },
	{ "docker.packages", NULL },
};

/* Rule severities lint.severity may set. */
static const char *const severities[] = { "error", "warning", "info", "style", "off", NULL };
/* Targets lint.paths may give a path. */
static const char *const targets[] = { "auto", "lambda", "generic", NULL };

static bool
in_set(const char *const *set, const char *s)
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(set[i], s) == 0)
			return true;
	return false;
}

const dw_ckey_info *
dw_config_keys(void)
{
	return keys;
}

const dw_ckey_info *
dw_config_key_by_name(const char *dotted)
{
	for (size_t i = 0; i < DW_CFG__COUNT; i++)
		if (strcmp(keys[i].name, dotted) == 0)
			return &keys[i];
	return NULL;
}

/* ---- values ------------------------------------------------------------ */

static void
value_free(dw_cvalue *v)
{
	free(v->s);
	dw_strv_free(&v->list);
	dw_strv_free(&v->values);
	memset(v, 0, sizeof *v);
}

static void
strv_add(dw_strv *sv, const char *s)
{
	dw_strv_push(sv, s, strlen(s));
}

/* The table's defaults are trusted text, written by us: parse, not check. */
static void
value_default(const dw_ckey_info *k, dw_cvalue *v)
{
	memset(v, 0, sizeof *v);
	v->origin = DW_ORIGIN_DEFAULT;
	if (k->def == NULL)
		return;
	v->set = true;
	switch (k->type) {
	case DW_CT_BOOL:
		v->b = strcmp(k->def, "true") == 0;
		break;
	case DW_CT_INT:
		v->i = strtol(k->def, NULL, 10);
		break;
	case DW_CT_LIST:
		strv_add(&v->list, k->def);
		break;
	case DW_CT_MAP:
		break;
	case DW_CT_BOOL_STRING:
		if (strcmp(k->def, "true") == 0 || strcmp(k->def, "false") == 0)
			v->b = strcmp(k->def, "true") == 0;
		else
			v->s = dw_strdup(k->def);
		break;
	case DW_CT_STRING:
	case DW_CT_ENUM:
		v->s = dw_strdup(k->def);
		break;
	}
}

void
dw_config_init(dw_config *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < DW_CFG__COUNT; i++)
		value_default(&keys[i], &c->v[i]);
}

void
dw_config_free(dw_config *c)
{
	for (size_t i = 0; i < DW_CFG__COUNT; i++)
		value_free(&c->v[i]);
	free(c->path);
	free(c->app_dir);
	dw_strv_free(&c->sources);
	memset(c, 0, sizeof *c);
}

bool
dw_cfg_bool(const dw_config *c, dw_ckey k)
{
	assert(keys[k].type == DW_CT_BOOL || keys[k].type == DW_CT_BOOL_STRING);
	return c->v[k].set && c->v[k].s == NULL && c->v[k].b;
}

long
dw_cfg_int(const dw_config *c, dw_ckey k)
{
	assert(keys[k].type == DW_CT_INT);
	return c->v[k].set ? c->v[k].i : 0;
}

const char *
dw_cfg_str(const dw_config *c, dw_ckey k)
{
	assert(keys[k].type == DW_CT_STRING || keys[k].type == DW_CT_ENUM ||
	       keys[k].type == DW_CT_BOOL_STRING);
	return c->v[k].set ? c->v[k].s : NULL;
}

const dw_strv *
dw_cfg_list(const dw_config *c, dw_ckey k)
{
	assert(keys[k].type == DW_CT_LIST || keys[k].type == DW_CT_MAP);
	return &c->v[k].list;
}

const dw_strv *
dw_cfg_map_values(const dw_config *c, dw_ckey k)
{
	assert(keys[k].type == DW_CT_MAP);
	return &c->v[k].values;
}

/* ---- names: aliases, groups, suggestions ------------------------------- */

/* prefix is name, or name's leading dotted segments. */
static bool
seg_prefix(const char *prefix, const char *name)
{
	size_t n = strlen(prefix);

	return strncmp(prefix, name, n) == 0 && (name[n] == '\0' || name[n] == '.');
}

/* The alias whose from-prefix covers name, or NULL. */
static const struct alias *
alias_of(const char *name)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (seg_prefix(aliases[i].from, name))
			return &aliases[i];
	return NULL;
}

/* name with an alias's from-prefix rewritten, into out. */
static void
canonical(const char *name, const struct alias *a, dw_buf *out)
{
	dw_buf_clear(out);
	if (a == NULL || a->to == NULL) {
		dw_buf_puts(out, name);
		return;
	}
	dw_buf_puts(out, a->to);
	dw_buf_puts(out, name + strlen(a->from));
}

const dw_ckey_info *
dw_capply_lookup(const char *name, const char **alias)
{
	const struct alias *a = alias_of(name);
	const dw_ckey_info *k;
	dw_buf cn = DW_BUF_INIT;

	if (alias)
		*alias = NULL;
	if (a && a->to == NULL)
		return NULL;
	canonical(name, a, &cn);
	k = dw_config_key_by_name(dw_buf_cstr(&cn));
	if (k && a && alias)
		*alias = a->from;
	dw_buf_free(&cn);
	return k;
}

/* A name under which keys (or spellings of keys) live. */
static bool
is_group(const char *name)
{
	const struct alias *a = alias_of(name);
	size_t n = strlen(name);
	dw_buf cn = DW_BUF_INIT;
	bool yes = false;

	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0] && !yes; i++)
		yes = strncmp(aliases[i].from, name, n) == 0 && aliases[i].from[n] == '.';
	canonical(name, a, &cn);
	for (size_t i = 0; i < DW_CFG__COUNT && !yes; i++)
		yes = strncmp(keys[i].name, cn.ptr, cn.len) == 0 && keys[i].name[cn.len] == '.';
	dw_buf_free(&cn);
	return yes;
}

static size_t
segments(const char *s)
{
	size_t n = 1;

	for (; *s; s++)
		n += *s == '.';
	return n;
}

/* The closest key name (or, for a group, key-name prefix of as many
 * segments) within a distance that still reads as a typo. */
static void
suggest(const char *name, bool group, dw_buf *out)
{
	size_t best = SIZE_MAX, nseg = segments(name);
	size_t limit = strlen(name) / 4 > 3 ? strlen(name) / 4 : 3;
	dw_buf cand = DW_BUF_INIT;

	dw_buf_clear(out);
	for (size_t i = 0; i < DW_CFG__COUNT; i++) {
		const char *kn = keys[i].name;
		size_t len = strlen(kn), dist, seen = 0;

		if (group) {
			/* Cut the key name to nseg segments; skip shorter keys. */
			for (len = 0; kn[len] && seen < nseg; len++)
				if (kn[len] == '.' && ++seen == nseg)
					break;
			if (kn[len] == '\0')
				continue;
		}
		dw_buf_clear(&cand);
		dw_buf_put(&cand, kn, len);
		dist = dw_edit_distance(name, strlen(name), cand.ptr, cand.len);
		if (dist < best && dist <= limit) {
			best = dist;
			dw_buf_clear(out);
			dw_buf_put(out, cand.ptr, cand.len);
		}
	}
	dw_buf_free(&cand);
}

static dw_span
pos_span(dw_pos p)
{
	dw_span s = { p, p };

	return s;
}

void
dw_capply_unknown(dw_capply *A, const char *name, dw_pos pos, bool group)
{
	const struct alias *a = alias_of(name);
	dw_buf sug = DW_BUF_INIT;

	if (a && a->to == NULL) {
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, pos_span(pos), NULL,
		             "unsupported key '%s' (a spelling from Jets' docs that names neither "
		             "the package manager nor the stage): use "
		             "dockerfile.apt.packages.all_stages (image) or "
		             "dockerfile.yum.packages.all_stages (zip)", name);
		return;
	}
	suggest(name, group, &sug);
	if (sug.len)
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, pos_span(pos), NULL,
		             "unknown key '%s' (did you mean '%s'?)", name, sug.ptr);
	else
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, pos_span(pos), NULL,
		             "unknown key '%s'", name);
	dw_buf_free(&sug);
}

/* ---- converting one node to a typed value ------------------------------ */

/* Append a short, escaped rendering of a scalar for messages. */
static void
put_shown(dw_buf *out, const char *s, size_t len)
{
	size_t shown = len > 40 ? 40 : len;

	dw_buf_putc(out, '"');
	for (size_t i = 0; i < shown; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			dw_buf_printf(out, "\\%c", ch);
		else if (ch == '\n')
			dw_buf_puts(out, "\\n");
		else if (ch < 0x20 || ch == 0x7f)
			dw_buf_printf(out, "\\x%02x", ch);
		else
			dw_buf_putc(out, ch);
	}
	dw_buf_puts(out, len > shown ? "...\"" : "\"");
}

static void
describe(const dw_ynode *v, dw_buf *out)
{
	dw_buf_clear(out);
	if (dw_yaml_is_null(v))
		dw_buf_puts(out, "null");
	else if (v->kind == DW_Y_SEQ)
		dw_buf_puts(out, "a list");
	else if (v->kind == DW_Y_MAP)
		dw_buf_puts(out, "a map");
	else
		put_shown(out, v->str, v->len);
}

static dw_pos
node_pos(const dw_ynode *v)
{
	dw_pos p = { v->line, v->col };

	return p;
}

static int
type_error(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, const char *want)
{
	dw_buf got = DW_BUF_INIT;

	describe(v, &got);
	dw_diags_add(A->d, DW_SEV_ERROR, A->path, dw_yaml_span(v), NULL,
	             "%s: expected %s, got %s", k->name, want, got.ptr);
	dw_buf_free(&got);
	return -1;
}

/* Values end up in Dockerfiles and command lines: a newline would start a
 * new instruction, so no control character gets through. */
static int
check_controls(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v)
{
	for (size_t i = 0; i < v->len; i++) {
		unsigned char ch = (unsigned char)v->str[i];

		if (ch >= 0x20 && ch != 0x7f)
			continue;
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, dw_yaml_span(v), NULL,
		             "%s: control character %s%02x not allowed in a value",
		             k->name, ch == '\n' ? "(newline) \\x" : "\\x", ch);
		return -1;
	}
	return 0;
}

static bool
is_plain_bool(const dw_ynode *v)
{
	return v->kind == DW_Y_SCALAR && v->plain &&
	       (strcasecmp(v->str, "true") == 0 || strcasecmp(v->str, "false") == 0);
}

static int
conv_bool(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	int b = dw_yaml_bool(v);

	if (b < 0)
		return type_error(A, k, v, "a boolean (true or false)");
	out->b = b == 1;
	return 0;
}

static int
conv_int(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	const char *want = "a non-negative integer";
	char *end;
	long n;

	if (v->kind != DW_Y_SCALAR || !v->plain || v->len == 0 ||
	    strspn(v->str, "0123456789") != v->len)
		return type_error(A, k, v, want);
	errno = 0;
	n = strtol(v->str, &end, 10);
	if (errno == ERANGE || n > INT32_MAX)
		return type_error(A, k, v, "a non-negative integer below 2^31");
	out->i = n;
	return 0;
}

static int
conv_string(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	if (v->kind != DW_Y_SCALAR || is_plain_bool(v))
		return type_error(A, k, v, "a string");
	if (check_controls(A, k, v) < 0)
		return -1;
	out->s = dw_strndup(v->str, v->len);
	return 0;
}

static bool
allowed_has(const char *allowed, const char *s, size_t len)
{
	const char *p = allowed;

	while (*p) {
		size_t n = strcspn(p, "|");

		if (n == len && strncmp(p, s, n) == 0)
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

static int
conv_enum(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	dw_buf want = DW_BUF_INIT;
	int rc = 0;

	if (v->kind == DW_Y_SCALAR && k->id == DW_CFG_PACKAGE_TYPE &&
	    strcmp(v->str, "yum") == 0) {
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, dw_yaml_span(v), NULL,
		             "package_type: 'yum' is a Jets spelling of 'zip'; using zip");
		out->s = dw_strndup("zip", 3);
		return 0;
	}
	if (v->kind == DW_Y_SCALAR && allowed_has(k->allowed, v->str, v->len)) {
		out->s = dw_strndup(v->str, v->len);
		return 0;
	}
	dw_buf_puts(&want, "one of ");
	for (const char *p = k->allowed; *p; p++)
		dw_buf_puts(&want, *p == '|' ? ", " : (char[]){ *p, 0 });
	rc = type_error(A, k, v, want.ptr);
	dw_buf_free(&want);
	return rc;
}

static int
list_item(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_strv *list)
{
	if (v->kind != DW_Y_SCALAR || dw_yaml_is_null(v))
		return type_error(A, k, v, "a string in the list");
	if (check_controls(A, k, v) < 0)
		return -1;
	dw_strv_push(list, v->str, v->len);
	return 0;
}

static int
conv_list(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	if (v->kind == DW_Y_MAP)
		return type_error(A, k, v, "a string or a list of strings");
	if (v->kind == DW_Y_SCALAR)
		return list_item(A, k, v, &out->list);
	for (size_t i = 0; i < v->n; i++)
		if (list_item(A, k, v->items[i], &out->list) < 0)
			return -1;
	return 0;
}

static bool
is_build_arg_name(const char *s)
{
	if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return false;
	for (s++; *s; s++)
		if (!(*s == '_' || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

static bool
is_build_args_key(const dw_ckey_info *k)
{
	return strncmp(k->name, "dockerfile.build_args.", 22) == 0;
}

static int
map_entry(dw_capply *A, const dw_ckey_info *k, const dw_ynode *key, const dw_ynode *val,
          dw_cvalue *out)
{
	if (key->kind != DW_Y_SCALAR || key->len == 0 || dw_yaml_is_null(key))
		return type_error(A, k, key, "a name as the map key");
	if (check_controls(A, k, key) < 0)
		return -1;
	if (is_build_args_key(k) && !is_build_arg_name(key->str))
		return type_error(A, k, key, "a build arg name ([A-Za-z_][A-Za-z0-9_]*)");
	for (size_t i = 0; i < out->list.n; i++)
		if (strcmp(out->list.v[i], key->str) == 0) {
			dw_diags_add(A->d, DW_SEV_ERROR, A->path, dw_yaml_span(key), NULL,
			             "%s: duplicate entry '%s'", k->name, key->str);
			return -1;
		}
	if (val->kind != DW_Y_SCALAR || dw_yaml_is_null(val))
		return type_error(A, k, val, "a string, number or boolean as the value");
	if (check_controls(A, k, val) < 0)
		return -1;
	if (k->id == DW_CFG_LINT_SEVERITY && !in_set(severities, val->str))
		return type_error(A, k, val, "error, warning, info, style or off");
	if (k->id == DW_CFG_LINT_PATHS && !in_set(targets, val->str))
		return type_error(A, k, val, "auto, lambda or generic");
	dw_strv_push(&out->list, key->str, key->len);
	dw_strv_push(&out->values, val->str, val->len);
	return 0;
}

static int
conv_map(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	if (v->kind != DW_Y_MAP)
		return type_error(A, k, v, "a map");
	for (size_t i = 0; i < v->n; i++)
		if (map_entry(A, k, v->keys[i], v->items[i], out) < 0)
			return -1;
	return 0;
}

static int
conv_bool_string(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	if (is_plain_bool(v))
		return conv_bool(A, k, v, out);
	if (v->kind != DW_Y_SCALAR)
		return type_error(A, k, v, "true, false or a string");
	return conv_string(A, k, v, out);
}

static int
convert(dw_capply *A, const dw_ckey_info *k, const dw_ynode *v, dw_cvalue *out)
{
	memset(out, 0, sizeof *out);
	if (dw_yaml_is_null(v))
		return 0;
	out->set = true;
	switch (k->type) {
	case DW_CT_BOOL:
		return conv_bool(A, k, v, out);
	case DW_CT_INT:
		return conv_int(A, k, v, out);
	case DW_CT_STRING:
		return conv_string(A, k, v, out);
	case DW_CT_ENUM:
		return conv_enum(A, k, v, out);
	case DW_CT_LIST:
		return conv_list(A, k, v, out);
	case DW_CT_MAP:
		return conv_map(A, k, v, out);
	case DW_CT_BOOL_STRING:
		return conv_bool_string(A, k, v, out);
	}
	return -1;
}

/* ---- applying ---------------------------------------------------------- */

void
dw_capply_init(dw_capply *A, dw_config *c, const char *path, dw_origin origin, dw_diags *d)
{
	memset(A, 0, sizeof *A);
	A->c = c;
	A->d = d;
	A->path = path;
	A->origin = origin;
	A->last_wins = origin == DW_ORIGIN_DEPLOYRB;
	if (path) {
		/* `where` must outlive the document it came from. */
		strv_add(&c->sources, path);
		A->where = c->sources.v[c->sources.n - 1];
	}
}

static int
check_repeat(dw_capply *A, const dw_ckey_info *k, dw_pos kpos)
{
	dw_pos first = A->seen[k->id];

	if (first.line == 0) {
		A->seen[k->id] = kpos;
		return 0;
	}
	if (A->last_wins) {
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, pos_span(kpos), NULL,
		             "'%s' is set again (first at line %u); the last one wins",
		             k->name, (unsigned)first.line);
		return 0;
	}
	dw_diags_add(A->d, DW_SEV_ERROR, A->path, pos_span(kpos), NULL,
	             "duplicate key '%s' (first given at %s:%u:%u)", k->name,
	             A->path ? A->path : "", (unsigned)first.line, (unsigned)first.col);
	return -1;
}

int
dw_capply_leaf(dw_capply *A, const char *name, dw_pos kpos, const dw_ynode *v)
{
	const char *alias = NULL;
	const dw_ckey_info *k = dw_capply_lookup(name, &alias);
	dw_cvalue tmp;

	assert(k != NULL);
	if (alias)
		dw_diags_add(A->d, DW_SEV_WARNING, A->path, pos_span(kpos), NULL,
		             "'%s' is Jets' alternative spelling of '%s'; use '%s'",
		             name, k->name, k->name);
	if (check_repeat(A, k, kpos) < 0)
		return -1;
	if (convert(A, k, v, &tmp) < 0) {
		value_free(&tmp);
		return -1;
	}
	value_free(&A->c->v[k->id]);
	tmp.origin = A->origin;
	tmp.where = A->where;
	tmp.pos = kpos;
	A->c->v[k->id] = tmp;
	return 0;
}

static bool
bad_name(const dw_ynode *key)
{
	const char *s = key->str;

	return key->len == 0 || s[0] == '.' || s[key->len - 1] == '.' || strstr(s, "..") ||
	       strlen(s) != key->len;
}

static int walk_map(dw_capply *A, const dw_ynode *map, const char *prefix);

static int
walk_entry(dw_capply *A, const dw_ynode *key, const dw_ynode *v, const char *prefix)
{
	dw_buf name = DW_BUF_INIT;
	dw_pos kpos = node_pos(key);
	int rc = 0;

	if (key->kind != DW_Y_SCALAR || dw_yaml_is_null(key) || bad_name(key)) {
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, dw_yaml_span(key), NULL,
		             "expected a key name (like docker.image)%s%s",
		             prefix ? " under " : "", prefix ? prefix : "");
		return -1;
	}
	if (prefix)
		dw_buf_printf(&name, "%s.", prefix);
	dw_buf_put(&name, key->str, key->len);
	if (dw_capply_lookup(name.ptr, NULL))
		rc = dw_capply_leaf(A, name.ptr, kpos, v);
	else if (!is_group(name.ptr)) {
		dw_capply_unknown(A, name.ptr, kpos, v->kind == DW_Y_MAP);
		rc = -1;
	} else if (v->kind == DW_Y_MAP)
		rc = walk_map(A, v, name.ptr);
	else if (!dw_yaml_is_null(v)) {
		dw_buf got = DW_BUF_INIT;

		describe(v, &got);
		dw_diags_add(A->d, DW_SEV_ERROR, A->path, dw_yaml_span(v), NULL,
		             "%s: a group of keys, expected a map, got %s", name.ptr, got.ptr);
		dw_buf_free(&got);
		rc = -1;
	}
	dw_buf_free(&name);
	return rc;
}

/* Every entry is tried, so one run reports every bad key of the file. */
static int
walk_map(dw_capply *A, const dw_ynode *map, const char *prefix)
{
	int rc = 0;

	for (size_t i = 0; i < map->n; i++)
		if (walk_entry(A, map->keys[i], map->items[i], prefix) < 0)
			rc = -1;
	return rc;
}

int
dw_config_apply_yaml(dw_config *c, const dw_ydoc *doc, dw_diags *d)
{
	dw_capply A;

	if (doc->root == NULL)
		return 0;       /* an empty file: all defaults */
	if (doc->root->kind != DW_Y_MAP) {
		dw_diags_add(d, DW_SEV_ERROR, doc->path, dw_yaml_span(doc->root), NULL,
		             "expected a map of keys at the top of the file");
		return -1;
	}
	dw_capply_init(&A, c, doc->path, DW_ORIGIN_FILE, d);
	return walk_map(&A, doc->root, NULL);
}

/* ---- loading ----------------------------------------------------------- */

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* root: the folder a found file must stay in; NULL for a named one. */
static int
load_file(dw_config *c, const char *path, const char *root, dw_diags *d)
{
	dw_buf src = DW_BUF_INIT;
	dw_ydoc *doc;
	int rc;

	if (dw_file_read_under(root, path, &src, d) < 0) {
		dw_buf_free(&src);
		return -1;
	}
	c->path = dw_strdup(path);
	if (ends_with(path, ".rb")) {
		rc = dw_config_apply_deployrb(c, dw_buf_cstr(&src), src.len, path, d);
		dw_buf_free(&src);
		return rc;
	}
	doc = dw_yaml_load(dw_buf_cstr(&src), src.len, path, d);
	rc = doc ? dw_config_apply_yaml(c, doc, d) : -1;
	dw_yaml_free(doc);
	dw_buf_free(&src);
	return rc;
}

/* Later variables win: DOCKWRIGHT_ over Jets' own name. */
static int
apply_env(dw_config *c, dw_diags *d)
{
	static const char *const vars[] = { "JETS_DOCKER_IMAGE", "DOCKWRIGHT_DOCKER_IMAGE" };
	dw_cvalue *v = &c->v[DW_CFG_DOCKER_IMAGE];
	static const dw_span none;
	int rc = 0;

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *s = getenv(vars[i]);

		if (s == NULL || *s == '\0')
			continue;
		for (const char *p = s; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL,
				             "%s: control character \\x%02x not allowed", vars[i],
				             (unsigned)(unsigned char)*p);
				rc = -1;
				break;
			}
		if (rc < 0)
			continue;
		value_free(v);
		v->set = true;
		v->s = dw_strdup(s);
		v->origin = DW_ORIGIN_ENV;
		v->where = vars[i];
	}
	return rc;
}

static char *
join(const char *dir, const char *name)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_printf(&b, "%s/%s", dir, name);
	return dw_buf_detach(&b);
}

/* The config file of the app: dockwright.yml, .dockwright.yml, or Jets'
 * deploy.rb; NULL when there is none. */
static char *
find_file(const char *app_dir, dw_diags *d)
{
	static const char *const names[] = { "dockwright.yml", ".dockwright.yml",
	                                     "config/jets/deploy.rb" };
	static const dw_span none;
	char *found = NULL;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *p = join(app_dir, names[i]);

		if (!exists(p)) {
			free(p);
		} else if (found == NULL) {
			found = p;
		} else {
			if (i == 1)     /* both YAML names: say which one counts */
				dw_diags_add(d, DW_SEV_WARNING, p, none, NULL,
				             "ignored: %s is used", found);
			free(p);
		}
	}
	return found;
}

int
dw_config_load(dw_config *c, const char *app_dir, const char *config_path, dw_diags *d)
{
	size_t errors = dw_diags_count(d, DW_SEV_ERROR);
	char *path;

	dw_config_init(c);
	if (app_dir == NULL)
		app_dir = ".";
	c->app_dir = dw_strdup(app_dir);
	path = config_path ? dw_strdup(config_path) : find_file(app_dir, d);
	if (path) {
		/* -c FILE is read wherever it is; a found one only inside
		 * the app's repository. */
		char *root = config_path ? NULL : dw_file_root(app_dir);

		(void)load_file(c, path, root, d);
		free(root);
	}
	free(path);
	(void)apply_env(c, d);
	return dw_diags_count(d, DW_SEV_ERROR) > errors ? -1 : 0;
}

/* ---- print-config ------------------------------------------------------ */

static bool
looks_typed(const char *s)
{
	static const char *const words[] = { "null", "~", "true", "false", "yes", "no",
	                                     "on", "off", "y", "n", NULL };

	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return (*s >= '0' && *s <= '9') || ((*s == '-' || *s == '+' || *s == '.') &&
	                                     s[1] >= '0' && s[1] <= '9');
}

/* Plain when it can only be read back as this very string. */
static bool
plain_ok(const char *s, bool flow)
{
	if (*s == '\0' || looks_typed(s))
		return false;
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_' || *s == '/'))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("_./@+-=", ch))
			continue;
		if (ch == ':' && !flow && p[1] != '\0' && p[1] != ' ')
			continue;
		return false;
	}
	return true;
}

static void
put_yaml_str(dw_buf *out, const char *s, bool flow)
{
	if (plain_ok(s, flow)) {
		dw_buf_puts(out, s);
		return;
	}
	dw_buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			dw_buf_printf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			dw_buf_printf(out, "\\x%02x", *p);
		else
			dw_buf_putc(out, *p);
	}
	dw_buf_putc(out, '"');
}

static void
put_value(dw_buf *out, const dw_ckey_info *k, const dw_cvalue *v)
{
	if (!v->set) {
		dw_buf_puts(out, "null");
		return;
	}
	switch (k->type) {
	case DW_CT_BOOL:
		dw_buf_puts(out, v->b ? "true" : "false");
		break;
	case DW_CT_INT:
		dw_buf_printf(out, "%ld", v->i);
		break;
	case DW_CT_STRING:
	case DW_CT_ENUM:
		put_yaml_str(out, v->s, false);
		break;
	case DW_CT_BOOL_STRING:
		if (v->s)
			put_yaml_str(out, v->s, false);
		else
			dw_buf_puts(out, v->b ? "true" : "false");
		break;
	case DW_CT_LIST:
		dw_buf_putc(out, '[');
		for (size_t i = 0; i < v->list.n; i++) {
			dw_buf_puts(out, i ? ", " : "");
			put_yaml_str(out, v->list.v[i], true);
		}
		dw_buf_putc(out, ']');
		break;
	case DW_CT_MAP:
		dw_buf_putc(out, '{');
		for (size_t i = 0; i < v->list.n; i++) {
			dw_buf_puts(out, i ? ", " : "");
			put_yaml_str(out, v->list.v[i], true);
			dw_buf_puts(out, ": ");
			/* print-config output lands in CI logs: no credentials. */
			if (dw_secret_name(v->list.v[i]) || dw_secret_value(v->values.v[i]))
				dw_buf_puts(out, "\"***\"");
			else
				put_yaml_str(out, v->values.v[i], true);
		}
		dw_buf_putc(out, '}');
		break;
	}
}

/* A file inside the app directory is named relative to it. */
static const char *
shown_path(const dw_config *c, const char *where)
{
	size_t n = c->app_dir ? strlen(c->app_dir) : 0;

	if (n && strncmp(where, c->app_dir, n) == 0 && where[n] == '/' && where[n + 1])
		return where + n + 1;
	return where;
}

static void
put_origin(dw_buf *out, const dw_config *c, const dw_cvalue *v)
{
	switch (v->origin) {
	case DW_ORIGIN_DEFAULT:
		dw_buf_puts(out, "  # default");
		break;
	case DW_ORIGIN_FILE:
	case DW_ORIGIN_DEPLOYRB:
		dw_buf_printf(out, "  # %s:%u", v->where ? shown_path(c, v->where) : "?",
		              (unsigned)v->pos.line);
		break;
	case DW_ORIGIN_ENV:
		dw_buf_printf(out, "  # env %s", v->where ? v->where : "?");
		break;
	case DW_ORIGIN_CLI:
		dw_buf_printf(out, "  # command line%s%s", v->where ? " " : "",
		              v->where ? v->where : "");
		break;
	}
}

void
dw_config_print(const dw_config *c, dw_buf *out)
{
	for (size_t i = 0; i < DW_CFG__COUNT; i++) {
		dw_buf_printf(out, "%s: ", keys[i].name);
		put_value(out, &keys[i], &c->v[i]);
		put_origin(out, c, &c->v[i]);
		dw_buf_putc(out, '\n');
	}
}

/* ---- the man page's KEYS section --------------------------------------- */

/* roff text: backslashes and hyphens escaped, no line starting a request. */
static void
put_roff(dw_buf *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		dw_buf_puts(out, "\\&");
	for (; *s; s++) {
		if (*s == '\\')
			dw_buf_puts(out, "\\e");
		else if (*s == '-')
			dw_buf_puts(out, "\\-");
		else
			dw_buf_putc(out, *s);
	}
}

static const char *
type_text(dw_ctype t)
{
	switch (t) {
	case DW_CT_BOOL:
		return "boolean";
	case DW_CT_STRING:
		return "string";
	case DW_CT_INT:
		return "non\\-negative integer";
	case DW_CT_ENUM:
		return "one of";
	case DW_CT_LIST:
		return "string or list of strings";
	case DW_CT_MAP:
		return "map";
	case DW_CT_BOOL_STRING:
		return "boolean or string";
	}
	return "?";
}

void
dw_config_man(dw_buf *out)
{
	dw_buf_puts(out, ".SH KEYS\n");
	dw_buf_puts(out, "Every key, in the order of\n.BR \"dockwright gen \\-\\-print\\-config\" .\n");
	for (size_t i = 0; i < DW_CFG__COUNT; i++) {
		const dw_ckey_info *k = &keys[i];

		dw_buf_puts(out, ".TP\n.B ");
		put_roff(out, k->name);
		dw_buf_printf(out, "\nType: \\fI%s\\fR", type_text(k->type));
		if (k->allowed) {
			dw_buf_puts(out, " \\fB");
			for (const char *p = k->allowed; *p; p++)
				dw_buf_puts(out, *p == '|' ? "\\fR, \\fB" : (char[]){ *p, 0 });
			dw_buf_puts(out, "\\fR");
		}
		dw_buf_puts(out, "; default: ");
		if (k->def) {
			dw_buf_puts(out, "\\fB");
			put_roff(out, k->def);
			dw_buf_puts(out, "\\fR");
		} else {
			dw_buf_puts(out, "unset");
		}
		dw_buf_puts(out, ".\n.br\n");
		put_roff(out, k->doc);
		dw_buf_putc(out, '\n');
	}
}
