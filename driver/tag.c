/* SPDX-License-Identifier: MIT */
/* tag.c - the image tag: docker.tag's tokens, git facts read by running
 * git itself, and Docker's tag grammar. */
#include "drv.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define TAG_MAX 128

static bool
env_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

bool
drv_in_ci(void)
{
	static const char *const vars[] = {
		"CI", "GITHUB_ACTIONS", "GITLAB_CI", "CODEBUILD_BUILD_ID",
		"JENKINS_URL", "BUILDKITE", "CIRCLECI", "TRAVIS",
		"BITBUCKET_BUILD_NUMBER", "TF_BUILD", NULL
	};
	const char *ci = getenv("CI");

	/* CI=false is what people write to pretend a local run. */
	if (ci && (strcmp(ci, "false") == 0 || strcmp(ci, "0") == 0))
		return false;
	for (size_t i = 0; vars[i]; i++)
		if (env_set(vars[i]))
			return true;
	return false;
}

/* The branch CI providers check out, often as a detached HEAD. */
static const char *
ci_branch(void)
{
	static const char *const vars[] = {
		"DOCKWRIGHT_GIT_BRANCH", "GITHUB_HEAD_REF", "GITHUB_REF_NAME",
		"CI_COMMIT_REF_NAME", "CODEBUILD_WEBHOOK_HEAD_REF",
		"CODEBUILD_SOURCE_VERSION", "BRANCH_NAME", "BITBUCKET_BRANCH",
		"CIRCLE_BRANCH", "BUILDKITE_BRANCH", "TRAVIS_BRANCH",
		"BUILD_SOURCEBRANCHNAME", NULL
	};

	for (size_t i = 0; vars[i]; i++)
		if (env_set(vars[i]))
			return getenv(vars[i]);
	return NULL;
}

/* Run `git -C dir ARGS...` and return its first output line, or NULL. */
static char *
git_line(const char *dir, const char *const *args)
{
	drv_cmd c = DRV_CMD_INIT;
	dw_buf out = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	drv_result r = { 0, false };
	char *line = NULL;

	drv_cmd_add(&c, "git");
	drv_cmd_add(&c, "-C");
	drv_cmd_add(&c, dir);
	for (size_t i = 0; args[i]; i++)
		drv_cmd_add(&c, args[i]);
	if (drv_run_status(&c, &out, true, &r, &d) == 0 && r.status == 0) {
		size_t n = strcspn(dw_buf_cstr(&out), "\n");

		line = dw_strndup(dw_buf_cstr(&out), n);
	}
	drv_cmd_free(&c);
	dw_buf_free(&out);
	dw_diags_free(&d);
	return line;
}

void
drv_git_read(drv_git *g, const char *dir)
{
	static const char *const sha_args[] = { "rev-parse", "--verify", "-q", "HEAD", NULL };
	static const char *const branch_args[] = { "rev-parse", "--abbrev-ref", "HEAD", NULL };
	static const char *const status_args[] = { "status", "--porcelain", NULL };
	const char *cib;
	char *s;

	memset(g, 0, sizeof *g);
	if (env_set("JETS_GIT_DISABLED") || env_set("DOCKWRIGHT_GIT_DISABLED"))
		return;
	s = git_line(dir, sha_args);
	if (s == NULL)  /* not a repository, no commit yet, or no git */
		return;
	if (strlen(s) > 7)
		s[7] = '\0';
	g->sha = s;
	cib = ci_branch();
	if (cib) {
		g->branch = dw_strdup(cib);
	} else {
		g->branch = git_line(dir, branch_args);
		/* A detached HEAD has no branch name worth a tag. */
		if (g->branch && strcmp(g->branch, "HEAD") == 0) {
			free(g->branch);
			g->branch = NULL;
		}
	}
	if (!drv_in_ci()) {
		drv_cmd c = DRV_CMD_INIT;
		dw_buf out = DW_BUF_INIT;
		dw_diags d = DW_DIAGS_INIT;
		drv_result r = { 0, false };

		drv_cmd_add(&c, "git");
		drv_cmd_add(&c, "-C");
		drv_cmd_add(&c, dir);
		for (size_t i = 0; status_args[i]; i++)
			drv_cmd_add(&c, status_args[i]);
		if (drv_run_status(&c, &out, true, &r, &d) == 0 && r.status == 0)
			g->dirty = out.len > 0;
		drv_cmd_free(&c);
		dw_buf_free(&out);
		dw_diags_free(&d);
	}
}

void
drv_git_free(drv_git *g)
{
	free(g->branch);
	free(g->sha);
	memset(g, 0, sizeof *g);
}

const char *
drv_env_name(void)
{
	if (env_set("DOCKWRIGHT_ENV"))
		return getenv("DOCKWRIGHT_ENV");
	if (env_set("JETS_ENV"))
		return getenv("JETS_ENV");
	return "dev";
}

int
drv_clock(time_t *now, dw_diags *d)
{
	static const dw_span none = { { 0, 0 }, { 0, 0 } };
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (sde == NULL || *sde == '\0') {
		*now = time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(sde, &end, 10);
	if (errno || *end != '\0' || v < 0 || !isdigit((unsigned char)*sde) ||
	    (long long)(time_t)v != v) {
		dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL,
		             "SOURCE_DATE_EPOCH is not a number of seconds: '%s'", sde);
		return -1;
	}
	*now = (time_t)v;
	return 0;
}

typedef struct token {
	const char *name;
	size_t len;
} token;

static const token tokens[] = {
	/* Longest first where one name is a prefix of another. */
	{ "FRIENDLY_TAG", 12 },
	{ "TIMESTAMP", 9 },
	{ "GIT_BRANCH", 10 },
	{ "GIT_DIRTY", 9 },
	{ "GIT_SHA", 7 },
	{ "ENV", 3 },
};

static void
put_token(const drv_tag_in *in, size_t t, dw_buf *out)
{
	char ts[32];
	struct tm tm;

	switch (t) {
	case 0:
		dw_buf_puts(out, in->friendly ? in->friendly : "");
		break;
	case 1:
		gmtime_r(&in->now, &tm);
		strftime(ts, sizeof ts, "%Y-%m-%dT%H-%M-%SZ", &tm);
		dw_buf_puts(out, ts);
		break;
	case 2:
		if (in->git && in->git->branch)
			dw_buf_puts(out, in->git->branch);
		break;
	case 3:
		if (in->git && in->git->dirty)
			dw_buf_puts(out, "dirty");
		break;
	case 4:
		if (in->git && in->git->sha)
			dw_buf_puts(out, in->git->sha);
		break;
	default:
		dw_buf_puts(out, in->env ? in->env : "");
		break;
	}
}

void
drv_tag_render(const drv_tag_in *in, dw_buf *out)
{
	const char *s = in->tmpl ? in->tmpl : "";
	size_t start = out->len;

	while (*s) {
		size_t t = sizeof tokens / sizeof tokens[0];

		if (*s == ':')
			for (t = 0; t < sizeof tokens / sizeof tokens[0]; t++)
				if (strncmp(s + 1, tokens[t].name, tokens[t].len) == 0)
					break;
		if (t < sizeof tokens / sizeof tokens[0]) {
			put_token(in, t, out);
			s += 1 + tokens[t].len;
		} else {
			dw_buf_putc(out, *s++);
		}
	}
	/* Sanitise only what we rendered. */
	{
		dw_buf tag = DW_BUF_INIT;

		dw_buf_put(&tag, dw_buf_cstr(out) + start, out->len - start);
		drv_tag_sanitize(&tag);
		dw_buf_truncate(out, start);
		dw_buf_puts(out, tag.len ? tag.ptr : "latest");
		dw_buf_free(&tag);
	}
}

static bool
tag_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

void
drv_tag_sanitize(dw_buf *b)
{
	size_t w = 0, i, start = 0, end;
	char *p;

	if (b->len == 0)
		return;
	p = b->ptr;
	/* Map, then squash runs of '-'. */
	for (i = 0; i < b->len; i++) {
		char c = tag_char((unsigned char)p[i]) && (p[i] & 0x80) == 0 ? p[i] : '-';

		if (c == '-' && w > 0 && p[w - 1] == '-')
			continue;
		p[w++] = c;
	}
	/* Trim leading and trailing '-' and '.'; a tag cannot start with
	 * either and a trailing one is noise left by an empty token. */
	while (start < w && (p[start] == '-' || p[start] == '.'))
		start++;
	end = w;
	while (end > start && (p[end - 1] == '-' || p[end - 1] == '.'))
		end--;
	if (end - start > TAG_MAX) {
		end = start + TAG_MAX;
		while (end > start && (p[end - 1] == '-' || p[end - 1] == '.'))
			end--;
	}
	memmove(p, p + start, end - start);
	dw_buf_truncate(b, end - start);
}
