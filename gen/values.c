/* SPDX-License-Identifier: MIT */
/*
 * values.c - the grammar of every value that gen writes into a Dockerfile.
 *
 * A generated Dockerfile runs as root in a builder, so a value from the
 * config, the lockfile, .ruby-version or the environment must never add,
 * remove or change an instruction.  Each value is checked against the
 * grammar of what it is (a Debian package name, an ARG name, an image
 * reference, ...) and rejected with the key and its position otherwise.
 * The template engine refuses control characters as a second line of
 * defence.
 */
#include "values.h"

#include <ctype.h>
#include <string.h>

static bool
all_chars(const char *s, const char *extra, bool alnum)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (alnum && isalnum(c) && c < 0x80)
			continue;
		if (strchr(extra, c) == NULL || c == '\0')
			return false;
	}
	return true;
}

/* Debian policy: lower case letters, digits, + - . ; at least two
 * characters, starting with an alphanumeric.  An optional =version pin. */
static bool
deb_package(const char *s)
{
	const char *eq = strchr(s, '=');
	size_t n = eq ? (size_t)(eq - s) : strlen(s);

	if (n < 2 || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(islower(c) || isdigit(c) || c == '+' || c == '-' || c == '.'))
			return false;
	}
	return eq == NULL || (eq[1] != '\0' && all_chars(eq + 1, ".+-:~_", true));
}

/* RPM names: letters, digits and ._+- (no shell or glob characters). */
static bool
rpm_package(const char *s)
{
	return s[0] != '\0' && s[0] != '-' && all_chars(s, "._+-", true);
}

static bool
arg_name(const char *s)
{
	if (!(isalpha((unsigned char)s[0]) || s[0] == '_') || (unsigned char)s[0] >= 0x80)
		return false;
	return all_chars(s + 1, "_", true);
}

/*
 * Docker's reference grammar, simplified but strict on the characters:
 * [host[:port]/]path[:tag][@digest], path components lower case
 * [a-z0-9]+ separated by . _ __ or -, tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
 */
static bool
image_ref(const char *s)
{
	const char *at = strchr(s, '@'), *last_slash, *colon;
	size_t n = at ? (size_t)(at - s) : strlen(s);
	char buf[512];

	if (n == 0 || n >= sizeof buf)
		return false;
	if (at && (strncmp(at + 1, "sha256:", 7) != 0 || strlen(at + 8) != 64 ||
	           !all_chars(at + 8, "", true)))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	last_slash = strrchr(buf, '/');
	colon = strrchr(buf, ':');
	if (colon && (!last_slash || colon > last_slash)) {
		const char *tag = colon + 1;

		if (*tag == '\0' || strlen(tag) > 128 || *tag == '.' || *tag == '-' ||
		    !all_chars(tag, "_.-", true))
			return false;
		buf[colon - buf] = '\0';
	}
	return buf[0] != '\0' && buf[0] != '/' && all_chars(buf, "._-/:", true) &&
	       strstr(buf, "//") == NULL;
}

static bool
user_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(islower(c) || isdigit(c) || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* FILE.METHOD or FILE.Module::Class.METHOD, FILE a relative path. */
/* A Ruby constant path: Billing or Billing::Handler. */
static bool
constant_path(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		if (!(s[i] >= 'A' && s[i] <= 'Z'))
			return false;
		while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_') && (unsigned char)s[i] < 0x80)
			i++;
		if (i == n)
			return true;
		if (n - i < 3 || s[i] != ':' || s[i + 1] != ':')
			return false;
		i += 2;
	}
	return false;
}

/* A method name: lambda_handler, call, valid? */
static bool
method_name(const char *s)
{
	if (!(islower((unsigned char)*s) || *s == '_'))
		return false;
	for (s++; *s; s++)
		if (!((isalnum((unsigned char)*s) && (unsigned char)*s < 0x80) || *s == '_'))
			return (s[0] == '?' || s[0] == '!') && s[1] == '\0';
	return true;
}

/*
 * The runtime interface client splits the handler at '.' and takes two
 * parts (FILE.METHOD) or three (FILE.CLASS.METHOD): a file path without
 * dots or a ".rb", a constant path, a method name.  "app.rb" would name
 * a method "rb", which is always a slip.
 */
static bool
handler(const char *s)
{
	const char *dot = strchr(s, '.'), *dot2 = dot ? strchr(dot + 1, '.') : NULL, *p;

	if (dot == NULL || dot == s || s[0] == '/' || (dot2 && strchr(dot2 + 1, '.')))
		return false;
	for (p = s; p < dot; p++)
		if (!(isalnum((unsigned char)*p) || strchr("_-/", *p)) || (unsigned char)*p >= 0x80)
			return false;
	if (dot2 == NULL)
		return strcmp(dot + 1, "rb") != 0 && method_name(dot + 1);
	return constant_path(dot + 1, (size_t)(dot2 - dot - 1)) && method_name(dot2 + 1);
}

static bool
abs_path(const char *s)
{
	return s[0] == '/' && all_chars(s, "/._-+@", true) && strstr(s, "/../") == NULL;
}

/* A folder copied into the image: relative, no .., safe characters. */
static bool
rel_path(const char *s)
{
	if (s[0] == '\0' || s[0] == '/' || s[0] == '-')
		return false;
	if (strcmp(s, "..") == 0 || strncmp(s, "../", 3) == 0 || strstr(s, "/../") != NULL)
		return false;
	return all_chars(s, "/._-+@", true);
}

static bool
ruby_version(const char *s)
{
	/* 3, 3.3, 3.3.6, 3.4.0-preview1 */
	if (!isdigit((unsigned char)s[0]))
		return false;
	return all_chars(s, ".-", true);
}

/* A RubyGems release or pre-release that can be installed: 3.1.3,
 * 1.0.0.pre2.  Each segment is digits, or letters then digits ("pre2",
 * "rc1"), so "3.x" or "latest" is refused rather than failing the build. */
static bool
gem_version(const char *s)
{
	if (!isdigit((unsigned char)s[0]))
		return false;
	while (*s) {
		const char *seg = s;

		while (isalpha((unsigned char)*s) && (unsigned char)*s < 0x80)
			s++;
		if (s > seg && !isdigit((unsigned char)*s))
			return false;     /* letters need a number: pre1, not x */
		while (isdigit((unsigned char)*s))
			s++;
		if (s == seg)
			return false;     /* an empty segment: "3..1" */
		if (*s == '\0')
			return true;
		if (*s != '.' || s[1] == '\0')
			return false;
		s++;
	}
	return false;
}

static bool
printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return false;
	return true;
}

/*
 * A shell command written as-is after "RUN ": printable text that stays
 * that one instruction.  A leading '-' would become a RUN flag
 * (--mount=, --network=), a trailing '\' (before blanks) would join the
 * next line to it, and "<<" may open a heredoc whose body is the rest of
 * the file.
 */
static bool
command(const char *s)
{
	size_t n = strlen(s);

	if (!printable(s) || s[strspn(s, " \t")] == '-' || strstr(s, "<<"))
		return false;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 0 || s[n - 1] != '\\';
}

/* A string written inside a JSON array (exec form): printable, and the
 * JSON escaping of the renderer handles quotes and backslashes. */
static bool
exec_word(const char *s)
{
	return s[0] != '\0' && printable(s);
}

/* Bundler groups as BUNDLE_WITHOUT takes them: "development:test", or
 * empty for none. */
static bool
groups(const char *s)
{
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-' || *s == ':'))
			return false;
	return true;
}

/* A Node.js version gen can install: a major version or X.Y.Z. */
static bool
node_version(const char *s)
{
	size_t dots = 0;

	if (!isdigit((unsigned char)s[0]) || strlen(s) > 16)
		return false;
	for (; *s; s++) {
		if (*s == '.' && (dots++ == 2 || !isdigit((unsigned char)s[1])))
			return false;
		if (*s != '.' && !isdigit((unsigned char)*s))
			return false;
	}
	return dots == 0 || dots == 2;
}

static const struct {
	dw_vkind kind;
	const char *what;
	bool (*ok)(const char *);
} grammars[] = {
	{ DW_V_DEB_PACKAGE, "a Debian package name", deb_package },
	{ DW_V_RPM_PACKAGE, "an RPM package name", rpm_package },
	{ DW_V_ARG_NAME, "a build argument name ([A-Za-z_][A-Za-z0-9_]*)", arg_name },
	{ DW_V_IMAGE, "an image reference (name[:tag][@sha256:digest])", image_ref },
	{ DW_V_USER, "a user name ([a-z_][a-z0-9_-]*, at most 32)", user_name },
	{ DW_V_HANDLER, "a handler (file.method or file.Module::Class.method, the file without .rb)", handler },
	{ DW_V_ABS_PATH, "an absolute path of safe characters", abs_path },
	{ DW_V_REL_PATH, "a relative path of safe characters, without ..", rel_path },
	{ DW_V_RUBY_VERSION, "a Ruby version (3.3.6)", ruby_version },
	{ DW_V_GEM_VERSION, "a gem version (3.1.3)", gem_version },
	{ DW_V_COMMAND, "a one-line command (no leading '-', trailing '\\' or '<<' heredoc)",
	  command },
	{ DW_V_EXEC_WORD, "a non-empty one-line string", exec_word },
	{ DW_V_GROUPS, "Bundler groups separated by ':' (development:test)", groups },
	{ DW_V_NODE_VERSION, "a Node.js version (22 or 22.11.0)", node_version },
};

bool
dw_value_ok(dw_vkind kind, const char *s)
{
	for (size_t i = 0; i < sizeof grammars / sizeof grammars[0]; i++)
		if (grammars[i].kind == kind)
			return s != NULL && grammars[i].ok(s);
	return false;
}

const char *
dw_value_what(dw_vkind kind)
{
	for (size_t i = 0; i < sizeof grammars / sizeof grammars[0]; i++)
		if (grammars[i].kind == kind)
			return grammars[i].what;
	return "a value";
}

int
dw_value_check(const dw_config *c, dw_ckey key, dw_vkind kind, const char *s, dw_diags *d)
{
	const dw_cvalue *v = &c->v[key];
	dw_span sp = { v->pos, v->pos };
	dw_buf q = DW_BUF_INIT;

	if (dw_value_ok(kind, s))
		return 0;
	dw_go_quote(&q, s ? s : "", s ? strlen(s) : 0);
	dw_diags_add(d, DW_SEV_ERROR, v->origin == DW_ORIGIN_DEFAULT ? NULL : v->where, sp, NULL,
	             "%s: %s is not %s", dw_config_keys()[key].name, q.ptr, dw_value_what(kind));
	dw_buf_free(&q);
	return -1;
}
