/* SPDX-License-Identifier: MIT */
/*
 * rules_users.c - users and file modes: a USER or --chown naming a user
 * that does not exist at that point, and files Lambda's own user cannot
 * read.  Built on the query layer; a base image whose users we do not know,
 * or a RUN that may create users (package installs, /etc/passwd edits),
 * keeps the rules silent.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>


/* The users the base images ship (their /etc/passwd), by family. */
static const char *const debian_users[] = {
	"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp",
	"proxy", "www-data", "backup", "list", "irc", "gnats", "_apt", "nobody", NULL
};
static const char *const alpine_users[] = {
	"root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "news", "uucp",
	"operator", "man", "postmaster", "cron", "ftp", "sshd", "at", "squid", "xfs", "games",
	"cyrus", "vpopmail", "ntp", "smmsp", "guest", "nobody", NULL
};
static const char *const amazon_users[] = {
	"root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "operator",
	"games", "ftp", "nobody", NULL
};

/* The known users of an image, or NULL when we cannot tell. */
static const char *const *
base_users(const struct dw_lint_ctx *cx, int s, const char **extra)
{
	const dw_lint_stage *root = &cx->stages[cx->stages[s].root];
	const char *img = root->image, *name, *colon;
	static const char *const debian_like[] = { "debian", "ubuntu", "ruby", "python", "buildpack-deps",
	                                           "node", "golang", "openjdk", "rust", "php", NULL };
	char base[64];
	size_t n;

	*extra = NULL;
	if (root->aws_base)
		return amazon_users;
	if (img == NULL || !lint_base_known(img) || strcmp(img, "scratch") == 0)
		return NULL;
	name = strrchr(img, '/') ? strrchr(img, '/') + 1 : img;
	colon = strpbrk(name, ":@");
	n = colon ? (size_t)(colon - name) : strlen(name);
	if (n >= sizeof base)
		return NULL;
	memcpy(base, name, n);
	base[n] = 0;
	if (strcmp(base, "node") == 0)
		*extra = "node";
	if (strcmp(base, "alpine") == 0 || (colon && strstr(colon, "alpine")))
		return alpine_users;
	if (strcmp(base, "amazonlinux") == 0)
		return amazon_users;
	return lint_str_in(debian_like, base) ? debian_users : NULL;
}

/*
 * Does option word a of useradd or adduser (Debian's or BusyBox's) take
 * the next word as its value?  A short cluster such as -ms takes one when
 * its first value letter ends it (-u1000 carries its own).
 */
static bool
takes_value(const char *a)
{
	static const char *const longs[] = { "--base-dir", "--comment", "--home-dir", "--home",
	                                     "--expiredate", "--inactive", "--gid", "--groups",
	                                     "--skel", "--key", "--password", "--shell", "--uid",
	                                     "--root", "--prefix", "--selinux-user", "--firstuid",
	                                     "--lastuid", "--ingroup", "--gecos", "--conf", NULL };
	const char *v;

	if (a[1] == '-')
		return strchr(a, '=') == NULL && lint_str_in(longs, a);
	v = strpbrk(a + 1, "bcdefgGkKpsuRPZh");
	return v != NULL && v[1] == '\0';
}

/* The user a useradd/adduser command creates: its first operand, past
 * the options and their values; NULL when it is no such command. */
static const char *
created_user(const dw_lint_cmd *c)
{
	size_t p = lint_cmd_prog(c);

	if (p >= c->argc || (!lint_cmd_is(c, "useradd") && !lint_cmd_is(c, "adduser") &&
	                     strcmp(c->argv[p], "useradd") != 0 && strcmp(c->argv[p], "adduser") != 0))
		return NULL;
	for (size_t i = p + 1; i < c->argc; i++) {
		if (c->argv[i][0] != '-' || c->argv[i][1] == '\0')
			return c->argv[i];
		if (strcmp(c->argv[i], "--") == 0)
			return i + 1 < c->argc ? c->argv[i + 1] : NULL;
		if (takes_value(c->argv[i]))
			i++;
	}
	return NULL;
}

/* Might this command create users we cannot see (a package's scripts, an
 * edit of /etc/passwd)? */
static bool
may_create_users(const dw_lint_cmd *c, const char *user)
{
	for (size_t i = 0; i < c->argc; i++)
		if (strstr(c->argv[i], "/etc/passwd") || (user && strstr(c->argv[i], user) &&
		                                          !created_user(c)))
			return true;
	return false;
}

enum user_state { USER_KNOWN, USER_CANNOT_TELL, USER_MISSING, USER_LATER };

/* Does `user` exist when instruction ii runs?  *line: where it is created
 * later (USER_LATER). */
static enum user_state
user_at(const struct dw_lint_ctx *cx, size_t ii, const char *user, unsigned *line)
{
	int s = cx->info[ii].stage;
	const char *extra;
	const char *const *known;
	bool unsure = false;

	if (user == NULL || *user == 0 || strspn(user, "0123456789") == strlen(user) ||
	    strchr(user, '$') || s < 0)
		return USER_KNOWN;
	if ((known = base_users(cx, s, &extra)) == NULL)
		return USER_CANNOT_TELL;
	if (lint_str_in(known, user) || (extra && strcmp(extra, user) == 0))
		return USER_KNOWN;
	for (int t = s; t >= 0; t = cx->stages[t].parent)
		for (size_t k = cx->stages[t].first; k < cx->stages[t].end && (t != s || k < ii); k++) {
			const dw_instr *in = lint_instr(cx, k);

			if ((in->kind == DW_I_COPY || in->kind == DW_I_ADD) &&
			    cx->info[k].nexp > 0 && cx->info[k].exp[cx->info[k].nexp - 1] &&
			    strstr(cx->info[k].exp[cx->info[k].nexp - 1], "/etc"))
				unsure = true;
			FOR_CMDS(cx, k, c) {
				const char *u = created_user(c);

				if (u && strcmp(u, user) == 0)
					return USER_KNOWN;
				unsure |= may_create_users(c, user);
			}
		}
	if (unsure)
		return USER_CANNOT_TELL;
	for (size_t k = ii + 1; k < cx->stages[s].end; k++)
		FOR_CMDS(cx, k, c) {
			const char *u = created_user(c);

			if (u && strcmp(u, user) == 0) {
				*line = lint_instr(cx, k)->start_line;
				return USER_LATER;
			}
		}
	return USER_MISSING;
}

static char *
user_part(const char *spec)
{
	return spec ? dw_strndup(spec, strcspn(spec, ":")) : NULL;
}

static void
check_user_unknown(struct dw_lint_ctx *cx)
{
	for (size_t ii = 0; ii < cx->df->ninstrs; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		char *u;
		unsigned line = 0;
		enum user_state st;

		if (in->kind != DW_I_USER || in->nargs == 0 || cx->info[ii].nexp == 0)
			continue;
		u = user_part(cx->info[ii].exp[0]);
		st = user_at(cx, ii, u, &line);
		if (st == USER_MISSING)
			lint_report(cx, ii, dw_word_span(in, &in->args[0]),
			            "USER %s: no such user in the base image, and no RUN creates it", u);
		else if (st == USER_LATER)
			lint_report(cx, ii, dw_word_span(in, &in->args[0]),
			            "USER %s: the user is created only later, on line %u", u, line);
		free(u);
	}
}

static void
check_chown_unknown(struct dw_lint_ctx *cx)
{
	for (size_t ii = 0; ii < cx->df->ninstrs; ii++) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_word *w = NULL;
		const char *v;
		char *u;
		unsigned line = 0;
		enum user_state st;

		if ((in->kind != DW_I_COPY && in->kind != DW_I_ADD) ||
		    (v = lint_flag(in, "chown", &w)) == NULL)
			continue;
		u = user_part(v);
		st = user_at(cx, ii, u, &line);
		if (st == USER_MISSING)
			lint_report(cx, ii, dw_word_span(in, w),
			            "--chown=%s: no user %s exists here, so the build fails", v, u);
		else if (st == USER_LATER)
			lint_report(cx, ii, dw_word_span(in, w),
			            "--chown=%s: user %s is created only later, on line %u, so the build fails",
			            v, u, line);
		free(u);
	}
}

/* ADD of a URL writes the file 0600: only its owner (root) reads it. */
static void
check_add_url_mode(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		if (!cx->stages[s].final_chain)
			continue;
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++) {
			const dw_instr *in = lint_instr(cx, ii);
			bool url = false, fixed = false;

			if (in->kind != DW_I_ADD || in->nargs < 2 || lint_flag(in, "chmod", NULL))
				continue;
			for (size_t a = 0; a + 1 < in->nargs; a++)
				url |= strstr(in->args[a].value, "://") != NULL &&
				       !strstr(in->args[a].value, ".git");
			if (!url)
				continue;
			/* A later chmod anywhere in the image's chain. */
			for (size_t t = s; t < cx->nstages && !fixed; t++) {
				if (!cx->stages[t].final_chain)
					continue;
				for (size_t k = t == s ? ii + 1 : cx->stages[t].first;
				     k < cx->stages[t].end && !fixed; k++)
					FOR_CMDS(cx, k, c)
						fixed |= lint_cmd_is(c, "chmod");
			}
			if (!fixed)
				lint_report(cx, ii, lint_keyword_span(in),
				            "ADD of a URL writes the file with mode 0600: Lambda's own user "
				            "cannot read it (add --chmod=644)");
		}
	}
}

const dw_rule dw_rules_users[] = {
	{ "practice-user-unknown", DW_CAT_PRACTICE, DW_SEV_WARNING, NULL,
	  "USER names a user that does not exist there",
	  "Create the user first (useradd/adduser), or use a numeric uid.",
	  "USER takes effect for the RUN steps after it and for the container: a name that is\n"
	  "not in /etc/passwd makes the next RUN fail and docker run refuse to start (\"unable to\n"
	  "find user\"). The linter knows the users of the Debian, Ubuntu, Alpine, Amazon Linux\n"
	  "and AWS Lambda bases and the official images built on them, and the users that\n"
	  "useradd and adduser create. A base image it does not know, a package that may create\n"
	  "the user, or an edit of /etc/passwd keeps it silent; numeric uids are always fine.",
	  check_user_unknown },
	{ "practice-chown-unknown-user", DW_CAT_PRACTICE, DW_SEV_ERROR, NULL,
	  "COPY/ADD --chown names a user that does not exist yet",
	  "Create the user before the COPY, or use --chown=UID:GID.",
	  "BuildKit resolves --chown names in the stage's /etc/passwd at that step; a user\n"
	  "created by a later RUN, or never, fails the build. Same knowledge and silences as\n"
	  "practice-user-unknown.",
	  check_chown_unknown },
	{ "lambda-add-url-unreadable", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "ADD of a URL leaves the file readable by root only",
	  "ADD --chmod=644 URL DEST, or chmod it in a later RUN.",
	  "Files that ADD downloads are written with mode 0600. Lambda runs the function as its\n"
	  "own sandbox user, which owns no file of the image, so it cannot read them. A --chmod\n"
	  "on the ADD or a later chmod in the final image counts (git URLs are not files).",
	  check_add_url_mode },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
