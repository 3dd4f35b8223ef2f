/* SPDX-License-Identifier: MIT */
/* rules_practice.c - best practice (hadolint's semantics, our words). */
#include "engine.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* The subcommand: the first word after argv[0] that is not an option. */
static size_t
subcmd(const dw_lint_cmd *c)
{
	for (size_t i = 1; i < c->argc; i++) {
		if (c->argv[i][0] != '-')
			return i;
		/* options taking a separate value */
		if ((strcmp(c->argv[i], "-o") == 0 || strcmp(c->argv[i], "-c") == 0 ||
		     strcmp(c->argv[i], "--setopt") == 0) && i + 1 < c->argc)
			i++;
	}
	return 0;
}

static bool
is_sub(const dw_lint_cmd *c, const char *a, const char *b)
{
	size_t s = subcmd(c);

	return s && (strcmp(c->argv[s], a) == 0 || (b && strcmp(c->argv[s], b) == 0));
}

static bool
is_install(const dw_lint_cmd *c, const char *tool)
{
	if (!lint_cmd_is(c, tool))
		return false;
	if (strcmp(tool, "apk") == 0)
		return is_sub(c, "add", NULL);
	if (strcmp(tool, "zypper") == 0)
		return is_sub(c, "install", "in");
	return is_sub(c, "install", NULL);
}

static bool
is_dnf(const dw_lint_cmd *c)
{
	return lint_cmd_is(c, "dnf") || lint_cmd_is(c, "microdnf");
}

/* The package words after the subcommand (no options, no variables). */
#define FOR_PKGS(c, i) \
	for (size_t i##_sub = subcmd(c), i = i##_sub + 1; i##_sub && i < (c)->argc; i++) \
		if ((c)->argv[i][0] != '-' && !strchr((c)->argv[i], '$') && \
		    !strchr((c)->argv[i], '<') && !strchr((c)->argv[i], '>'))

static bool
run_has(struct dw_lint_ctx *cx, size_t ii, bool (*pred)(const dw_lint_cmd *))
{
	FOR_CMDS(cx, ii, c)
		if (pred(c))
			return true;
	return false;
}

/* ---- non-interactive flags ---- */

static bool
apt_yes(const dw_lint_cmd *c)
{
	return lint_cmd_has_flag(c, "--yes", 'y') || lint_cmd_has_flag(c, "--assume-yes", 0) ||
	       lint_cmd_find(c, "-qq") || lint_cmd_find(c, "-q=2");
}

static void
check_apt_yes(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c)
		if (is_install(c, "apt-get") && !apt_yes(c))
			lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
			            "apt-get install without -y waits for an answer that never comes");
}

static bool
yum_yes(const dw_lint_cmd *c)
{
	return lint_cmd_has_flag(c, "--assumeyes", 'y');
}

static void
check_yum_yes(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c)
		if (is_install(c, "yum") && !yum_yes(c))
			lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
			            "yum install without -y waits for an answer that never comes");
}

static void
check_dnf_yes(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c)
		if (is_dnf(c) && is_sub(c, "install", NULL) && !yum_yes(c) &&
		    !lint_cmd_is(c, "microdnf"))
			lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
			            "%s install without -y waits for an answer that never comes", c->argv[0]);
}

static void
check_zypper_yes(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c)
		if (is_install(c, "zypper") && !lint_cmd_has_flag(c, "--non-interactive", 'n') &&
		    !lint_cmd_has_flag(c, "--no-confirm", 'y'))
			lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
			            "zypper install without -n (--non-interactive) waits for an answer");
}

/* ---- apt-get ---- */

static void
check_apt_recommends(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c) {
		bool ok;

		if (!is_install(c, "apt-get"))
			continue;
		ok = lint_cmd_has_flag(c, "--no-install-recommends", 0);
		for (size_t i = 1; i < c->argc && !ok; i++)
			ok = strstr(c->argv[i], "Install-Recommends=false") ||
			     strstr(c->argv[i], "Install-Recommends=0");
		if (!ok)
			lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
			            "apt-get install without --no-install-recommends pulls in extra packages");
	}
}

static bool
removes_path(const dw_lint_cmd *c, const char *path)
{
	if (!lint_cmd_is(c, "rm"))
		return false;
	for (size_t i = 1; i < c->argc; i++)
		if (strstr(c->argv[i], path))
			return true;
	return false;
}

/* rm -rf /var/lib/apt/lists (and its files), or apt 2.7's dist-clean (Debian 13,
 * Ubuntu 24.04), which removes the lists and the package cache. */
static bool
rm_apt_lists(const dw_lint_cmd *c)
{
	return removes_path(c, "/var/lib/apt/lists") ||
	       ((lint_cmd_is(c, "apt-get") || lint_cmd_is(c, "apt")) && is_sub(c, "dist-clean", NULL));
}

static void
check_apt_lists(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) {
		/* A stage the image is not built on (a builder copied from)
		 * leaves its lists out of the image. */
		if (lint_instr(cx, ii)->kind != DW_I_RUN ||
		    !lint_in_final_chain(cx, cx->info[ii].stage) ||
		    lint_cache_mount(lint_instr(cx, ii), "/var/lib/apt") ||
		    run_has(cx, ii, rm_apt_lists))
			continue;
		FOR_CMDS(cx, ii, c)
			if (is_install(c, "apt-get")) {
				lint_report(cx, ii, lint_cmd_span(c, 0, subcmd(c)),
				            "apt lists stay in the layer: add 'rm -rf /var/lib/apt/lists/*' to this RUN");
				break;
			}
	}
}

static bool
has_digit_after_dash(const char *p)
{
	for (const char *d = strchr(p, '-'); d; d = strchr(d + 1, '-'))
		if (isdigit((unsigned char)d[1]))
			return true;
	return false;
}

/* Does c install packages with tool?  dnf stands for microdnf too. */
static bool
installs_with(const dw_lint_cmd *c, const char *tool, bool dnf)
{
	return dnf ? is_dnf(c) && is_sub(c, "install", NULL) : is_install(c, tool);
}

static void
pin_rule(struct dw_lint_ctx *cx, const char *tool, int style)
{
	bool dnf = strcmp(tool, "dnf") == 0;

	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c) {
		if (!installs_with(c, tool, dnf))
			continue;
		FOR_PKGS(c, i) {
			const char *p = c->argv[i];
			bool pinned;

			if (strchr(p, '/') || strstr(p, ".deb") || strstr(p, ".rpm") || strchr(p, '*'))
				continue;
			switch (style) {
			case 0: pinned = strchr(p, '=') != NULL; break;          /* apt, apk */
			case 1: pinned = has_digit_after_dash(p); break;          /* yum, dnf */
			default: pinned = strpbrk(p, "=<>") != NULL; break;       /* zypper */
			}
			if (!pinned)
				lint_report(cx, ii, c->spans[i],
				            "package '%s' is not pinned to a version", p);
		}
	}
}

static void check_apt_pin(struct dw_lint_ctx *cx) { pin_rule(cx, "apt-get", 0); }
static void check_apk_pin(struct dw_lint_ctx *cx) { pin_rule(cx, "apk", 0); }
static void check_yum_pin(struct dw_lint_ctx *cx) { pin_rule(cx, "yum", 1); }
static void check_dnf_pin(struct dw_lint_ctx *cx) { pin_rule(cx, "dnf", 1); }
static void check_zypper_pin(struct dw_lint_ctx *cx) { pin_rule(cx, "zypper", 2); }

/* ---- cleanup ---- */

static bool
yum_clean(const dw_lint_cmd *c)
{
	return (lint_cmd_is(c, "yum") && is_sub(c, "clean", NULL)) ||
	       removes_path(c, "/var/cache/yum");
}

static bool
dnf_clean(const dw_lint_cmd *c)
{
	return (is_dnf(c) && is_sub(c, "clean", NULL)) || removes_path(c, "/var/cache/dnf") ||
	       removes_path(c, "/var/cache/yum");
}

static bool
zypper_clean(const dw_lint_cmd *c)
{
	return lint_cmd_is(c, "zypper") && (is_sub(c, "clean", "cc"));
}

static void
clean_rule(struct dw_lint_ctx *cx, const char *tool, bool (*clean)(const dw_lint_cmd *),
           const char *how)
{
	bool dnf = strcmp(tool, "dnf") == 0;

	FOR_INSTR(cx, ii) {
		const dw_lint_cmd *inst = NULL;

		if (lint_instr(cx, ii)->kind != DW_I_RUN)
			continue;
		FOR_CMDS(cx, ii, c)
			if (installs_with(c, tool, dnf)) {
				inst = c;
				break;
			}
		if (inst == NULL || run_has(cx, ii, clean) ||
		    lint_cache_mount(lint_instr(cx, ii), "/var/cache"))
			continue;
		lint_report(cx, ii, lint_cmd_span(inst, 0, subcmd(inst)),
		            "the package cache stays in the layer: add '%s' to this RUN", how);
	}
}

static void check_yum_clean(struct dw_lint_ctx *cx) { clean_rule(cx, "yum", yum_clean, "yum clean all"); }
static void check_dnf_clean(struct dw_lint_ctx *cx) { clean_rule(cx, "dnf", dnf_clean, "dnf clean all"); }
static void check_zypper_clean(struct dw_lint_ctx *cx) { clean_rule(cx, "zypper", zypper_clean, "zypper clean"); }

/* ---- pip, gem ---- */

static bool
is_pip(const dw_lint_cmd *c)
{
	if (c->argc > 0 && strncmp(c->argv[0], "pip", 3) == 0)
		return true;
	/* python -m pip install */
	return c->argc > 2 && strncmp(c->argv[0], "python", 6) == 0 &&
	       strcmp(c->argv[1], "-m") == 0 && strcmp(c->argv[2], "pip") == 0;
}

static void
check_pip_pin(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c) {
		size_t s;

		if (!is_pip(c) || (s = lint_cmd_find(c, "install")) == 0 ||
		    lint_cmd_has_flag(c, "--requirement", 'r') || lint_cmd_has_flag(c, "--constraint", 'c'))
			continue;
		for (size_t i = s + 1; i < c->argc; i++) {
			const char *p = c->argv[i];

			if (p[0] == '-' || strchr(p, '$') || strchr(p, '/') || strchr(p, '.') == p ||
			    strpbrk(p, "=<>~@"))
				continue;
			if (i > 0 && (strcmp(c->argv[i - 1], "-i") == 0 || strcmp(c->argv[i - 1], "--index-url") == 0))
				continue;
			lint_report(cx, ii, c->spans[i], "pip package '%s' is not pinned to a version", p);
		}
	}
}

static bool
gem_pinned(const dw_lint_cmd *c)
{
	return lint_cmd_has_flag(c, "--version", 'v');
}

static void
check_gem_pin(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c) {
		if (!is_install(c, "gem") || gem_pinned(c))
			continue;
		FOR_PKGS(c, i)
			if (!strchr(c->argv[i], ':') && !strstr(c->argv[i], ".gem"))
				lint_report(cx, ii, c->spans[i], "gem '%s' is not pinned to a version",
				            c->argv[i]);
	}
}

/* ---- users, tools ---- */

static void
check_useradd_uid(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) FOR_CMDS(cx, ii, c) {
		if (!lint_cmd_is(c, "useradd") || lint_cmd_has_flag(c, "--no-log-init", 'l'))
			continue;
		for (size_t i = 1; i < c->argc; i++) {
			const char *a = c->argv[i], *v = NULL;

			if ((strcmp(a, "-u") == 0 || strcmp(a, "--uid") == 0) && i + 1 < c->argc)
				v = c->argv[i + 1];
			else if (strncmp(a, "--uid=", 6) == 0)
				v = a + 6;
			else if (strncmp(a, "-u", 2) == 0 && isdigit((unsigned char)a[2]))
				v = a + 2;
			if (v && strspn(v, "0123456789") == strlen(v) && strlen(v) > 5)
				lint_report(cx, ii, lint_cmd_span(c, 0, i),
				             "useradd with uid %s and no -l writes a huge /var/log/lastlog", v);
		}
	}
}

static void
check_wget_curl(struct dw_lint_ctx *cx)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		bool wget = false, curl = false;

		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++)
			FOR_CMDS(cx, ii, c) {
				bool w = lint_cmd_is(c, "wget"), k = lint_cmd_is(c, "curl");

				if ((w && curl && !wget) || (k && wget && !curl))
					lint_report(cx, ii, lint_cmd_span(c, 0, 0),
					            "this stage uses both wget and curl; one is enough");
				wget |= w;
				curl |= k;
			}
	}
}

static bool
sets_pipefail(const dw_lint_cmd *c)
{
	if (!lint_cmd_is(c, "set"))
		return false;
	for (size_t i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], "pipefail") == 0)
			return true;
	return false;
}

static void
check_pipefail(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) {
		const dw_lint_info *inf = &cx->info[ii];
		bool set = false;

		if (lint_instr(cx, ii)->kind != DW_I_RUN || lint_instr(cx, ii)->json ||
		    !inf->shell_posix || inf->shell_pipefail)
			continue;
		FOR_CMDS(cx, ii, c) {
			set |= sets_pipefail(c);
			/* echo and printf of their arguments do not fail: nothing
			 * is hidden (echo "$SHA *file" | sha256sum -c -). */
			if (c->op == '|' && !set && !lint_cmd_is(c, "echo") && !lint_cmd_is(c, "printf")) {
				lint_report(cx, ii, lint_cmd_span(c, 0, c->argc - 1),
				            "a failure of '%s' is hidden by the pipe; set -o pipefail (SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"])",
				            c->argv[0]);
				break;
			}
		}
	}
}

static void
check_consecutive_run(struct dw_lint_ctx *cx)
{
	for (size_t ii = 1; ii < cx->df->ninstrs; ii++) {
		const dw_instr *a = lint_instr(cx, ii - 1), *b = lint_instr(cx, ii);

		if (a->kind != DW_I_RUN || b->kind != DW_I_RUN || a->nflags || b->nflags ||
		    a->nheredocs || b->nheredocs || a->json || b->json)
			continue;
		lint_report(cx, ii, lint_keyword_span(b),
		            "RUN right after another RUN: merging them saves a layer");
	}
}

/* ---- FROM ---- */

static const char *
image_tag(const char *img)
{
	const char *slash = strrchr(img, '/');
	const char *colon = strchr(slash ? slash : img, ':');

	return colon ? colon + 1 : NULL;
}

static void
from_tag(struct dw_lint_ctx *cx, bool latest)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		const dw_lint_stage *st = &cx->stages[s];
		const dw_instr *in = lint_instr(cx, st->first);
		const char *img = st->image, *tag;

		if (!img || st->parent >= 0 || strcmp(img, "scratch") == 0 || strchr(img, '@') ||
		    in->nargs == 0)
			continue;
		tag = image_tag(img);
		/* A bare name may be a stage a frontend's INCLUDE brings. */
		if (cx->foreign && strpbrk(img, "/:.") == NULL)
			continue;
		if (!latest && tag == NULL)
			lint_report(cx, st->first, dw_word_span(in, &in->args[0]),
			            "image '%s' has no tag, so it floats with 'latest'", img);
		if (latest && tag && strcmp(tag, "latest") == 0)
			lint_report(cx, st->first, dw_word_span(in, &in->args[0]),
			            "image '%s' uses the 'latest' tag", img);
	}
}

static void check_from_untagged(struct dw_lint_ctx *cx) { from_tag(cx, false); }
static void check_from_latest(struct dw_lint_ctx *cx) { from_tag(cx, true); }

static void
check_untrusted_registry(struct dw_lint_ctx *cx)
{
	const dw_linter *l = cx->l;

	if (l->ntrusted == 0)
		return;
	for (size_t s = 0; s < cx->nstages; s++) {
		const dw_lint_stage *st = &cx->stages[s];
		const dw_instr *in = lint_instr(cx, st->first);
		const char *img = st->image, *slash;
		char reg[256] = "docker.io";
		bool ok = false;

		if (!img || st->parent >= 0 || strcmp(img, "scratch") == 0 || in->nargs == 0)
			continue;
		slash = strchr(img, '/');
		if (slash && (memchr(img, '.', (size_t)(slash - img)) || memchr(img, ':', (size_t)(slash - img)) ||
		              strncmp(img, "localhost/", 10) == 0) && (size_t)(slash - img) < sizeof reg) {
			memcpy(reg, img, (size_t)(slash - img));
			reg[slash - img] = 0;
		}
		for (size_t k = 0; k < l->ntrusted && !ok; k++)
			ok = fnmatch(l->trusted[k], reg, 0) == 0 ||
			     (strcmp(reg, "docker.io") == 0 && strcmp(l->trusted[k], "hub.docker.com") == 0);
		if (!ok)
			lint_report(cx, st->first, dw_word_span(in, &in->args[0]),
			            "registry '%s' is not in lint.trusted_registries", reg);
	}
}

/* ---- ADD, COPY ---- */

static bool
is_url(const char *s)
{
	return lint_str_has_prefix(s, "http://") || lint_str_has_prefix(s, "https://") ||
	       lint_str_has_prefix(s, "git@") || lint_str_has_prefix(s, "ftp://");
}

static bool
is_archive(const char *s)
{
	static const char *const ext[] = { ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz",
	                                   ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst",
	                                   ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma",
	                                   ".tb2", ".tz2", ".zip", NULL };
	size_t n = strlen(s);

	for (size_t i = 0; ext[i]; i++) {
		size_t l = strlen(ext[i]);

		if (n > l && strcasecmp(s + n - l, ext[i]) == 0)
			return true;
	}
	return false;
}

static void
check_add_local(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_lint_info *inf = &cx->info[ii];
		bool local = true;

		if (in->kind != DW_I_ADD || in->nargs < 2 || in->nheredocs)
			continue;
		for (size_t a = 0; a + 1 < in->nargs && local; a++) {
			const char *v = a < inf->nexp ? inf->exp[a] : NULL;

			if (v == NULL || is_url(v) || is_archive(v))
				local = false;
		}
		if (local)
			lint_report(cx, ii, lint_keyword_span(in),
			            "ADD of local files: use COPY, which does only that");
	}
}

/*
 * Is the absolute path d a folder that exists when instruction ii runs:
 * the WORKDIR in effect or one above it, or a folder every Linux image
 * has (not a stage FROM scratch)?
 */
static bool
folder_exists(struct dw_lint_ctx *cx, size_t ii, const char *d)
{
	static const char *const std[] = { "/", "/bin", "/etc", "/home", "/opt", "/root", "/sbin",
	                                   "/srv", "/tmp", "/usr", "/usr/bin", "/usr/lib",
	                                   "/usr/local", "/usr/local/bin", "/usr/local/lib",
	                                   "/usr/local/sbin", "/usr/local/share", "/usr/sbin",
	                                   "/usr/share", "/usr/src", "/var", "/var/lib", NULL };
	const char *root = lint_root_image(cx, cx->info[ii].stage);
	char *wd = lint_workdir_at(cx, ii);
	size_t n = strlen(d);
	bool yes = wd != NULL && strncmp(wd, d, n) == 0 && (wd[n] == '\0' || wd[n] == '/' ||
	                                                     strcmp(d, "/") == 0);

	free(wd);
	return yes || (root != NULL && strcmp(root, "scratch") != 0 && lint_str_in(std, d));
}

/* DL3021: several sources into a destination that may not be a folder.
 * BuildKit copies each source to it in turn, so a path that does not
 * exist yet becomes a file that each source overwrites.  "." and a
 * folder known to exist are folders already. */
static void
check_copy_dest_slash(struct dw_lint_ctx *cx)
{
	FOR_INSTR(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);
		const dw_lint_info *inf = &cx->info[ii];
		const char *dst;
		char *abs;
		bool folder;

		if ((in->kind != DW_I_COPY && in->kind != DW_I_ADD) || in->nargs < 3 || in->nheredocs)
			continue;
		dst = inf->nexp == in->nargs ? inf->exp[in->nargs - 1] : NULL;
		if (dst == NULL || dst[0] == '\0' || lint_ends_in_slash(dst) || strcmp(dst, ".") == 0)
			continue;
		abs = lint_path_abs(cx, ii, dst);
		folder = abs != NULL && folder_exists(cx, ii, abs);
		free(abs);
		if (!folder)
			lint_report(cx, ii, dw_word_span(in, &in->args[in->nargs - 1]),
			            "with several sources the destination must be a directory ending in '/'");
	}
}

const dw_rule dw_rules_practice[] = {
	{ "practice-apt-get-yes", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3014",
	  "apt-get install without -y",
	  "Add -y (or --yes).",
	  "A build has no terminal to answer apt-get's confirmation prompt, so without -y the\n"
	  "install aborts or hangs depending on the packages.",
	  check_apt_yes },
	{ "practice-apt-no-recommends", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3015",
	  "apt-get install without --no-install-recommends",
	  "Add --no-install-recommends.",
	  "By default apt also installs 'recommended' packages, which rarely matter in a\n"
	  "container and often add tens of megabytes.",
	  check_apt_recommends },
	{ "practice-apt-lists", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3009",
	  "apt lists are left in the image",
	  "End the RUN with rm -rf /var/lib/apt/lists/*.",
	  "apt-get update downloads package lists into /var/lib/apt/lists. Unless the same RUN\n"
	  "removes them they are stored in the layer forever. A RUN with a cache mount on\n"
	  "/var/lib/apt, apt-get dist-clean (apt 2.7) and a stage the final image is not built\n"
	  "on (a builder it copies from) are not reported.",
	  check_apt_lists },
	{ "practice-apt-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3008",
	  "apt package not pinned",
	  "Install name=version.",
	  "Without a version, rebuilding the image may install different package versions.\n"
	  "Pinning makes builds repeatable at the cost of updating pins by hand; that trade-off\n"
	  "is why this is only info.",
	  check_apt_pin },
	{ "practice-apk-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3018",
	  "apk package not pinned",
	  "Install name=version.",
	  "As for apt: an unpinned package may change between builds.",
	  check_apk_pin },
	{ "practice-yum-yes", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3030",
	  "yum install without -y",
	  "Add -y.",
	  "yum asks for confirmation; there is nobody to answer it during a build.",
	  check_yum_yes },
	{ "practice-yum-clean", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3032",
	  "yum cache left in the image",
	  "End the RUN with yum clean all.",
	  "yum keeps metadata and packages under /var/cache/yum; removing them in the same RUN\n"
	  "keeps them out of the layer.",
	  check_yum_clean },
	{ "practice-yum-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3033",
	  "yum package not pinned",
	  "Install name-version.",
	  "An unpinned package may change between builds.",
	  check_yum_pin },
	{ "practice-dnf-yes", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3038",
	  "dnf install without -y",
	  "Add -y.",
	  "dnf asks for confirmation; there is nobody to answer it during a build. microdnf does\n"
	  "not ask and is not reported.",
	  check_dnf_yes },
	{ "practice-dnf-clean", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3040",
	  "dnf cache left in the image",
	  "End the RUN with dnf clean all (or microdnf clean all).",
	  "dnf keeps metadata under /var/cache/dnf; clean it in the same RUN.",
	  check_dnf_clean },
	{ "practice-dnf-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3041",
	  "dnf package not pinned",
	  "Install name-version.",
	  "An unpinned package may change between builds.",
	  check_dnf_pin },
	{ "practice-zypper-yes", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3034",
	  "zypper install without -n",
	  "Use zypper -n install (or -y).",
	  "zypper asks for confirmation unless told not to.",
	  check_zypper_yes },
	{ "practice-zypper-clean", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3036",
	  "zypper cache left in the image",
	  "End the RUN with zypper clean.",
	  "zypper keeps its cache unless cleaned in the same RUN.",
	  check_zypper_clean },
	{ "practice-zypper-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3037",
	  "zypper package not pinned",
	  "Install name=version.",
	  "An unpinned package may change between builds.",
	  check_zypper_pin },
	{ "practice-pip-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3013",
	  "pip package not pinned",
	  "Install name==version, or use a requirements file.",
	  "An unpinned package may change between builds.",
	  check_pip_pin },
	{ "practice-gem-pin", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3028",
	  "gem not pinned",
	  "Use gem install NAME -v VERSION (or NAME:VERSION).",
	  "An unpinned gem may change between builds; for apps, Gemfile.lock is the better place.",
	  check_gem_pin },
	{ "practice-useradd-long-uid", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3046",
	  "useradd with a large uid and without -l",
	  "Add -l (--no-log-init).",
	  "useradd records the user in /var/log/lastlog, a sparse file indexed by uid. With a\n"
	  "large uid the file becomes huge once the layer is written, as layers are not sparse.",
	  check_useradd_uid },
	{ "practice-wget-curl", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL4001",
	  "both wget and curl are used",
	  "Pick one of them.",
	  "Two tools that do the same job mean two sets of dependencies in the image.",
	  check_wget_curl },
	{ "practice-pipefail", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL4006",
	  "pipe without pipefail",
	  "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN, or set -o pipefail in it.",
	  "A shell pipeline's status is the status of its last command, so 'curl ... | sh' passes\n"
	  "even when curl fails. Not reported when the stage's SHELL sets -o pipefail, when the\n"
	  "RUN sets it first, when the SHELL is not a POSIX shell, or when only echo or printf\n"
	  "feed the pipe (they do not fail).",
	  check_pipefail },
	{ "practice-consecutive-run", DW_CAT_PRACTICE, DW_SEV_INFO, "DL3059",
	  "consecutive RUN instructions",
	  "Join them with &&.",
	  "Each RUN is a layer. Two adjacent plain RUNs can usually be one. RUNs with flags\n"
	  "(mounts) or heredocs are not reported.",
	  check_consecutive_run },
	{ "practice-from-untagged", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3006",
	  "FROM image without a tag",
	  "Name a tag (ruby:3.3-slim) or a digest.",
	  "Without a tag the image is 'latest', which changes under you. FROM lines whose image\n"
	  "comes from a variable with no known value are not reported.",
	  check_from_untagged },
	{ "practice-from-latest", DW_CAT_PRACTICE, DW_SEV_WARNING, "DL3007",
	  "FROM image with the 'latest' tag",
	  "Name a specific version.",
	  "'latest' moves with each release, so the same Dockerfile builds different images.",
	  check_from_latest },
	{ "practice-untrusted-registry", DW_CAT_PRACTICE, DW_SEV_ERROR, "DL3026",
	  "base image from a registry not in lint.trusted_registries",
	  "Use an image from a trusted registry, or add the registry to the list.",
	  "Only active when lint.trusted_registries is set. Images without a registry host come\n"
	  "from docker.io (hub.docker.com also matches). Wildcards such as *.gcr.io are allowed.",
	  check_untrusted_registry },
	{ "practice-add-local", DW_CAT_PRACTICE, DW_SEV_ERROR, "DL3020",
	  "ADD used for local files",
	  "Use COPY.",
	  "ADD also downloads URLs and unpacks archives. For plain files COPY does the same with\n"
	  "no surprises. ADD of URLs and archives, and of sources from unknown variables, is not\n"
	  "reported.",
	  check_add_local },
	{ "practice-copy-dest-slash", DW_CAT_PRACTICE, DW_SEV_ERROR, "DL3021",
	  "several sources copied to a destination without a trailing '/'",
	  "End the destination with '/'.",
	  "With more than one source, the destination must be a folder. BuildKit copies each\n"
	  "source to it in turn: a path that does not exist yet becomes a file, and every source\n"
	  "overwrites the one before. End it with '/'. '.', the WORKDIR (or a folder above it) and\n"
	  "the standard folders of a Linux image (/usr/local/bin, /etc ...) are folders already\n"
	  "and are not reported.",
	  check_copy_dest_slash },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
