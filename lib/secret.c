/* SPDX-License-Identifier: MIT */
/*
 * secret.c - what a secret looks like, by its name or by its value.  One
 * home for the test, so that dockwright-build's commands and messages and
 * gen's plan mask the same things.
 */
#include "dockwright.h"

#include <string.h>
#include <strings.h>

static bool
has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

bool
dw_secret_name(const char *name)
{
	static const char *const parts[] = {
		"TOKEN", "SECRET", "PASSW", "PASSPHRASE", "PWD", "CREDENTIAL", "AUTH",
		"APIKEY", "API_KEY", "PRIVATE", "SESSION", "COOKIE", "_KEY_", NULL
	};
	size_t n = strlen(name);

	/* Bundler's credentials are BUNDLE_<HOST>, the host's dots written
	 * "__" (BUNDLE_GEMS__CONTRIBSYS__COM); BUNDLE_WITHOUT and the other
	 * settings are not secret. */
	if (strncasecmp(name, "BUNDLE_", 7) == 0 && strstr(name + 7, "__") != NULL)
		return true;
	if (strncasecmp(name, "AWS_", 4) == 0)
		return true;
	if (n >= 3 && strcasecmp(name + n - 3, "KEY") == 0)
		return true;
	for (size_t i = 0; parts[i]; i++)
		if (has_ci(name, parts[i]))
			return true;
	return false;
}

static bool
all_of(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0' || !strchr(set, s[i]))
			return false;
	return true;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGIT "0123456789"

/* A whole value shaped like an AWS key: an access key id, or a 40-byte
 * secret key that mixes cases and digits (a hex digest does not). */
static bool
aws_key_shaped(const char *v)
{
	size_t n = strlen(v);

	if (n == 20 && (strncmp(v, "AKIA", 4) == 0 || strncmp(v, "ASIA", 4) == 0))
		return all_of(v + 4, 16, UPPER DIGIT);
	if (n == 40 && all_of(v, n, UPPER LOWER DIGIT "/+"))
		return strpbrk(v, UPPER) && strpbrk(v, LOWER) && strpbrk(v, DIGIT);
	return false;
}

bool
dw_secret_value(const char *v)
{
	static const char *const prefixes[] = {
		"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxb-",
		"xoxp-", "xoxa-", "xoxs-", "npm_", "pypi-", "sk_live_", "rk_live_", NULL
	};
	const char *scheme = strstr(v, "://");

	if (aws_key_shaped(v) || strstr(v, "PRIVATE KEY-----"))
		return true;
	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(v, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	/* scheme://user:password@host */
	if (scheme) {
		const char *auth = scheme + 3;
		size_t host = strcspn(auth, "/?#");
		const char *at = memchr(auth, '@', host);

		if (at && memchr(auth, ':', (size_t)(at - auth)))
			return true;
	}
	return false;
}

