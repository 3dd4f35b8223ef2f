/* SPDX-License-Identifier: MIT */
/*
 * dockerignore.c - Docker's .dockerignore matching, for the checks that
 * a file reaches the image (the handler, what bundle install reads) or
 * stays out of it (secrets).
 */
#include "dockerignore.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* Do the '/'-separated segments of pat match path, or a folder path is
 * in?  "**" stands for any number of folders, as in Docker. */
bool
dw_dockerignore_match(const char *pat, const char *path)
{
	const char *ps = strchr(pat, '/'), *ss = strchr(path, '/');
	size_t pn = ps ? (size_t)(ps - pat) : strlen(pat);
	size_t sn = ss ? (size_t)(ss - path) : strlen(path);
	char pseg[256], sseg[256];

	if (pn == 2 && strncmp(pat, "**", 2) == 0) {
		if (!ps)
			return true;
		for (const char *p = path; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
			if (dw_dockerignore_match(ps + 1, p))
				return true;
		return false;
	}
	if (pn >= sizeof pseg || sn >= sizeof sseg)
		return false;
	memcpy(pseg, pat, pn);
	pseg[pn] = '\0';
	memcpy(sseg, path, sn);
	sseg[sn] = '\0';
	if (fnmatch(pseg, sseg, 0) != 0)
		return false;
	if (!ps)
		return true;    /* the whole pattern matched path or a folder of it */
	return ss && dw_dockerignore_match(ps + 1, ss + 1);
}

unsigned
dw_dockerignore_excludes(const char *text, size_t len, const char *file)
{
	char *copy = dw_strndup(text, len);
	unsigned line = 0, last = 0;

	for (char *l = copy, *nl; l; l = nl) {
		bool negate;
		size_t n;

		nl = strchr(l, '\n');
		if (nl)
			*nl++ = '\0';
		line++;
		while (*l == ' ' || *l == '\t')
			l++;
		n = strlen(l);
		while (n > 0 && strchr(" \t\r/", l[n - 1]))
			l[--n] = '\0';
		if (*l == '#' || *l == '\0')
			continue;
		negate = *l == '!';
		l += negate;
		while (*l == '/' || (l[0] == '.' && l[1] == '/'))
			l += *l == '/' ? 1 : 2;
		if (*l && dw_dockerignore_match(l, file))
			last = negate ? 0 : line;
	}
	free(copy);
	return last;
}
