/* rules_lambda.c - AWS Lambda compatibility of the final stage. */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FOR_CMDS(cx, ii, c) \
	for (dw_lint_cmd *c = (cx)->cmds + (cx)->info[ii].cmd_first; \
	     c < (cx)->cmds + (cx)->info[ii].cmd_first + (cx)->info[ii].ncmds; c++)

/* The final stage's chain, root first. */
static size_t
chain(const struct dw_lint_ctx *cx, int *out, size_t max)
{
	size_t n = 0;

	for (int s = cx->final; s >= 0 && n < max; s = cx->stages[s].parent)
		out[n++] = s;
	for (size_t i = 0; i < n / 2; i++) {
		int t = out[i];

		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

#define FOR_FINAL(cx, ii) \
	for (size_t k_ = 0, n_ = chain(cx, chain_, 64); k_ < n_; k_++) \
		for (size_t ii = cx->stages[chain_[k_]].first; ii < cx->stages[chain_[k_]].end; ii++)

/* The effective ENTRYPOINT and CMD of the final stage. */
static void
config_of(struct dw_lint_ctx *cx, size_t *ep, size_t *cmd)
{
	int chain_[64];

	*ep = *cmd = DW_NO_INSTR;
	FOR_FINAL(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);

		if (in->kind == DW_I_ENTRYPOINT) {
			*ep = ii;
			*cmd = DW_NO_INSTR; /* a new ENTRYPOINT resets CMD */
		} else if (in->kind == DW_I_CMD) {
			*cmd = ii;
		}
	}
}

static bool
gem_install_ric(const dw_lint_cmd *c)
{
	if (!(lint_cmd_is(c, "gem") && lint_cmd_find(c, "install")) &&
	    !(lint_cmd_is(c, "bundle") && lint_cmd_find(c, "add")))
		return false;
	for (size_t i = 2; i < c->argc; i++)
		if (strncmp(c->argv[i], "aws_lambda_ric", 14) == 0 &&
		    (c->argv[i][14] == 0 || c->argv[i][14] == ':'))
			return true;
	return false;
}

bool lint_context_lock_has_ric(const struct dw_lint_ctx *cx, bool *known);

static bool
bundle_install(const dw_lint_cmd *c)
{
	return lint_cmd_is(c, "bundle") && (c->argc == 1 || lint_cmd_find(c, "install"));
}

static bool
mentions_ric(const dw_instr *in)
{
	for (size_t i = 0; i < in->nargs; i++)
		if (strstr(in->args[i].value, "aws_lambda_ric"))
			return true;
	return false;
}

/* Does stage s install the runtime interface client?  `ep_ric`: the final
 * ENTRYPOINT names it (then a bundle install from an unknown Gemfile.lock
 * gets the benefit of the doubt). */
static bool
stage_installs(struct dw_lint_ctx *cx, int s, bool ep_ric)
{
	const dw_lint_stage *st = &cx->stages[s];
	bool known, lock = lint_context_lock_has_ric(cx, &known);

	for (size_t ii = st->first; ii < st->end; ii++) {
		const dw_instr *in = lint_instr(cx, ii);

		if ((in->kind == DW_I_COPY || in->kind == DW_I_ADD) && mentions_ric(in))
			return true;
		FOR_CMDS(cx, ii, c) {
			if (gem_install_ric(c))
				return true;
			if (bundle_install(c) && (known ? lock : ep_ric))
				return true;
		}
	}
	return false;
}

static bool
has_ric_in(struct dw_lint_ctx *cx, bool ep_ric, bool used, int *where)
{
	unsigned char *marks = lint_final_used(cx);
	bool found = false;

	for (size_t s = 0; s < cx->nstages && !found; s++) {
		if ((marks[s] != 0) == used && stage_installs(cx, (int)s, ep_ric)) {
			if (where)
				*where = (int)s;
			found = true;
		}
	}
	free(marks);
	return found;
}

static bool
custom_runtime(const dw_instr *ep)
{
	return ep && ep->nargs > 0 && strstr(ep->args[0].value, "bootstrap") != NULL;
}

static dw_span
final_from_span(struct dw_lint_ctx *cx)
{
	return lint_keyword_span(lint_instr(cx, cx->stages[cx->final].first));
}

static void
client_rule(struct dw_lint_ctx *cx, bool wrong_stage)
{
	size_t ep, cmd;
	const dw_instr *epi;
	bool ep_ric;
	int where = -1;

	if (cx->final < 0 || cx->stages[cx->final].aws_base)
		return;
	config_of(cx, &ep, &cmd);
	epi = ep != DW_NO_INSTR ? lint_instr(cx, ep) : NULL;
	if (custom_runtime(epi))
		return;
	ep_ric = epi && mentions_ric(epi);
	if (has_ric_in(cx, ep_ric, true, NULL))
		return;
	if (has_ric_in(cx, ep_ric, false, &where)) {
		if (wrong_stage)
			lint_report(cx, cx->stages[cx->final].first, final_from_span(cx),
			            "the runtime interface client is installed in stage %d, which the final stage never uses",
			            where);
		return;
	}
	if (!wrong_stage)
		lint_report(cx, cx->stages[cx->final].first, final_from_span(cx),
		            "the final stage has no Lambda runtime interface client (install aws_lambda_ric or use a public.ecr.aws/lambda base image)");
}

static void check_no_client(struct dw_lint_ctx *cx) { client_rule(cx, false); }
static void check_client_wrong_stage(struct dw_lint_ctx *cx) { client_rule(cx, true); }

static void
shell_form(struct dw_lint_ctx *cx, dw_kind kind)
{
	size_t ep, cmd, ii;
	const dw_instr *in;

	if (cx->final < 0)
		return;
	config_of(cx, &ep, &cmd);
	ii = kind == DW_I_ENTRYPOINT ? ep : cmd;
	if (ii == DW_NO_INSTR)
		return;
	in = lint_instr(cx, ii);
	if (in->json || in->nargs == 0)
		return;
	lint_report(cx, ii, dw_instr_range(in, in->args[0].off, in->end_off),
	            kind == DW_I_ENTRYPOINT
	                ? "shell-form ENTRYPOINT ignores CMD, so the handler never reaches the runtime client"
	                : "shell-form CMD becomes [\"/bin/sh\", \"-c\", ...] and the handler is not its last element");
}

static void check_entrypoint_shell(struct dw_lint_ctx *cx) { shell_form(cx, DW_I_ENTRYPOINT); }
static void check_cmd_shell(struct dw_lint_ctx *cx) { shell_form(cx, DW_I_CMD); }

/* The regex of lint-reference.md, by hand:
 * ^[A-Za-z0-9_\-/]+\.(?:[A-Z][A-Za-z0-9_]*(?:::[A-Z][A-Za-z0-9_]*)*\.)?[a-z_][A-Za-z0-9_]*[?!]?$ */
bool lint_valid_handler(const char *h);

static bool
ident(const char **p, bool cls)
{
	const char *s = *p;

	if (cls ? !isupper((unsigned char)*s) : !(islower((unsigned char)*s) || *s == '_'))
		return false;
	for (s++; isalnum((unsigned char)*s) || *s == '_'; s++)
		;
	*p = s;
	return true;
}

bool
lint_valid_handler(const char *h)
{
	const char *p = h, *dot = strchr(h, '.');

	if (!dot || dot == h)
		return false;
	for (; p < dot; p++)
		if (!isalnum((unsigned char)*p) && !strchr("_-/", *p))
			return false;
	p = dot + 1;
	if (isupper((unsigned char)*p)) {
		if (!ident(&p, true))
			return false;
		while (p[0] == ':' && p[1] == ':') {
			p += 2;
			if (!ident(&p, true))
				return false;
		}
		if (*p++ != '.')
			return false;
	}
	if (!ident(&p, false))
		return false;
	if (*p == '?' || *p == '!')
		p++;
	return *p == 0;
}

/* The handler: the last element of ENTRYPOINT+CMD when there are >= 2. */
static const char *
handler_of(struct dw_lint_ctx *cx, size_t *where, const dw_word **w)
{
	size_t ep, cmd, n = 0;

	config_of(cx, &ep, &cmd);
	if (ep != DW_NO_INSTR)
		n += lint_instr(cx, ep)->json ? lint_instr(cx, ep)->nargs : 3;
	if (cmd != DW_NO_INSTR && lint_instr(cx, cmd)->json && lint_instr(cx, cmd)->nargs > 0) {
		const dw_instr *in = lint_instr(cx, cmd);

		n += in->nargs;
		*where = cmd;
		*w = &in->args[in->nargs - 1];
		return n >= 2 || cx->stages[cx->final].aws_base ? in->args[in->nargs - 1].value : NULL;
	}
	*where = cmd;
	*w = NULL;
	return NULL;
}

static void
check_handler(struct dw_lint_ctx *cx)
{
	size_t ep, cmd, where;
	const dw_word *w;
	const char *h;

	if (cx->final < 0)
		return;
	config_of(cx, &ep, &cmd);
	if (custom_runtime(ep != DW_NO_INSTR ? lint_instr(cx, ep) : NULL))
		return;
	if (cmd == DW_NO_INSTR) {
		if (ep != DW_NO_INSTR && lint_instr(cx, ep)->json && lint_instr(cx, ep)->nargs >= 2 &&
		    lint_valid_handler(lint_instr(cx, ep)->args[lint_instr(cx, ep)->nargs - 1].value))
			return;
		lint_report(cx, cx->stages[cx->final].first, final_from_span(cx),
		            "the final stage has no CMD naming the handler (e.g. CMD [\"app.handler\"])");
		return;
	}
	if (!lint_instr(cx, cmd)->json)
		return; /* lambda-cmd-shell-form says it */
	h = handler_of(cx, &where, &w);
	if (w == NULL)
		return;
	if (h == NULL || !lint_valid_handler(h))
		lint_report(cx, where, dw_word_span(lint_instr(cx, where), w),
		            "'%s' is not a Ruby handler (FILE.method or FILE.Module::Class.method)",
		            w->value);
}

static void
check_entrypoint_relative(struct dw_lint_ctx *cx)
{
	size_t ep, cmd;
	const dw_instr *in;

	if (cx->final < 0)
		return;
	config_of(cx, &ep, &cmd);
	if (ep == DW_NO_INSTR)
		return;
	in = lint_instr(cx, ep);
	if (!in->json || in->nargs == 0 || in->args[0].value[0] == '/' ||
	    strchr(in->args[0].value, '$'))
		return;
	lint_report(cx, ep, dw_word_span(in, &in->args[0]),
	            "ENTRYPOINT '%s' is a relative path; Lambda wants an absolute one",
	            in->args[0].value);
}

static void
check_platform(struct dw_lint_ctx *cx)
{
	const dw_lint_stage *st;
	const dw_instr *in;
	const dw_word *w;
	const char *raw;

	if (cx->final < 0)
		return;
	st = &cx->stages[cx->final];
	in = lint_instr(cx, st->first);
	if (!st->has_platform || (raw = lint_flag(in, "platform", &w)) == NULL)
		return;
	if (strstr(raw, "BUILDPLATFORM")) {
		lint_report(cx, st->first, dw_word_span(in, w),
		            "the final stage is built for the build machine's platform, not the function's");
		return;
	}
	if (st->platform && strcmp(st->platform, "linux/amd64") != 0 &&
	    strcmp(st->platform, "linux/arm64") != 0 && strcmp(st->platform, "linux/arm64/v8") != 0)
		lint_report(cx, st->first, dw_word_span(in, w),
		            "Lambda runs linux/amd64 or linux/arm64 images, not %s", st->platform);
}

static void
check_handler_env(struct dw_lint_ctx *cx)
{
	int chain_[64];
	size_t where = DW_NO_INSTR, hw;
	const dw_word *hwd;
	const char *val = NULL, *h;
	size_t arg = 0;

	if (cx->final < 0)
		return;
	FOR_FINAL(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);

		if (in->kind != DW_I_ENV)
			continue;
		for (size_t a = 0; a + 2 < in->nargs; a += 3)
			if (strcmp(in->args[a].value, "_HANDLER") == 0) {
				where = ii;
				arg = a;
				val = a / 3 < cx->info[ii].nexp ? cx->info[ii].exp[a / 3] : NULL;
			}
	}
	if (where == DW_NO_INSTR || val == NULL || (h = handler_of(cx, &hw, &hwd)) == NULL)
		return;
	if (strcmp(val, h) != 0)
		lint_report(cx, where, dw_word_span(lint_instr(cx, where), &lint_instr(cx, where)->args[arg]),
		            "ENV _HANDLER=%s disagrees with the CMD handler %s; Lambda sets _HANDLER from CMD",
		            val, h);
}

static bool
is_root(const char *u)
{
	size_t n = strcspn(u, ":");

	return (n == 4 && strncmp(u, "root", 4) == 0) || (n == 1 && u[0] == '0');
}

static void
check_root(struct dw_lint_ctx *cx)
{
	int chain_[64];
	size_t last = DW_NO_INSTR;

	if (cx->final < 0)
		return;
	FOR_FINAL(cx, ii)
		if (lint_instr(cx, ii)->kind == DW_I_USER)
			last = ii;
	if (last != DW_NO_INSTR) {
		const char *u = cx->info[last].nexp ? cx->info[last].exp[0] : NULL;

		if (u && is_root(u))
			lint_report(cx, last, dw_word_span(lint_instr(cx, last), &lint_instr(cx, last)->args[0]),
			            "the image ends as root; switch to an unprivileged USER");
		return;
	}
	if (cx->stages[cx->final].aws_base)
		lint_report_sev(cx, cx->stages[cx->final].first, final_from_span(cx), DW_SEV_INFO,
		                "no USER: the image runs as root under docker run (Lambda itself ignores USER)");
	else
		lint_report(cx, cx->stages[cx->final].first, final_from_span(cx),
		            "no USER in the final stage: the image runs as root");
}

/* A mode that takes read permission away from "other". */
static bool
unreadable_mode(const char *m)
{
	size_t n = strlen(m);

	if (n >= 3 && n <= 4 && strspn(m, "01234567") == n)
		return ((m[n - 1] - '0') & 4) == 0;
	for (const char *p = m; *p; ) {
		const char *who = p, *op;
		bool other;

		while (*p && strchr("ugoa", *p))
			p++;
		op = p;
		other = (op == who) ? false : (memchr(who, 'o', (size_t)(op - who)) ||
		                               memchr(who, 'a', (size_t)(op - who)));
		if (*op != '-' && *op != '=' && *op != '+')
			return false;
		p++;
		{
			const char *perm = p;

			while (*p && *p != ',')
				p++;
			if (other && *op == '-' && memchr(perm, 'r', (size_t)(p - perm)))
				return true;
			if (other && *op == '=' && !memchr(perm, 'r', (size_t)(p - perm)))
				return true;
		}
		if (*p == ',')
			p++;
	}
	return false;
}

static void
check_unreadable(struct dw_lint_ctx *cx)
{
	int chain_[64];

	if (cx->final < 0)
		return;
	FOR_FINAL(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);
		const char *m;

		FOR_CMDS(cx, ii, c) {
			if (!lint_cmd_is(c, "chmod"))
				continue;
			for (size_t i = 1; i < c->argc; i++) {
				if (c->argv[i][0] == '-' && !strchr("rwx", c->argv[i][1]))
					continue;
				if (unreadable_mode(c->argv[i]))
					lint_report(cx, ii, lint_cmd_span(c, 0, c->argc - 1),
					            "chmod %s makes files unreadable for Lambda's sandbox user",
					            c->argv[i]);
				break;
			}
		}
		if ((in->kind == DW_I_COPY || in->kind == DW_I_ADD) &&
		    (m = lint_flag(in, "chmod", NULL)) != NULL && unreadable_mode(m))
			lint_report(cx, ii, lint_keyword_span(in),
			            "--chmod=%s makes files unreadable for Lambda's sandbox user", m);
	}
}

static void
check_ignored(struct dw_lint_ctx *cx)
{
	int chain_[64];

	if (cx->final < 0)
		return;
	FOR_FINAL(cx, ii) {
		const dw_instr *in = lint_instr(cx, ii);

		if (in->kind == DW_I_EXPOSE || in->kind == DW_I_HEALTHCHECK ||
		    in->kind == DW_I_VOLUME || in->kind == DW_I_STOPSIGNAL)
			lint_report(cx, ii, lint_keyword_span(in),
			            "Lambda ignores %.*s", (int)in->keyword_len, in->keyword);
	}
}

static void
check_ric_unpinned(struct dw_lint_ctx *cx)
{
	for (size_t ii = 0; ii < cx->df->ninstrs; ii++)
		FOR_CMDS(cx, ii, c) {
			if (!lint_cmd_is(c, "gem") || !gem_install_ric(c) ||
			    lint_cmd_has_flag(c, "--version", 'v'))
				continue;
			for (size_t i = 2; i < c->argc; i++)
				if (strcmp(c->argv[i], "aws_lambda_ric") == 0)
					lint_report(cx, ii, c->spans[i],
					            "aws_lambda_ric is not pinned; a new major version may change how the handler is found");
		}
}

void lint_check_handler_file(struct dw_lint_ctx *cx);
void lint_check_runtime_packages(struct dw_lint_ctx *cx);

const dw_rule dw_rules_lambda[] = {
	{ "lambda-no-runtime-client", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the final stage has no Lambda runtime interface client",
	  "gem install aws_lambda_ric (or add it to the Gemfile), or build FROM public.ecr.aws/lambda/ruby.",
	  "A container image on Lambda must talk to the Lambda Runtime API. The AWS base images\n"
	  "(public.ecr.aws/lambda/*) ship a client and an entrypoint that runs it; any other base\n"
	  "must install one, for Ruby the aws_lambda_ric gem, and start it from ENTRYPOINT.\n"
	  "Evidence accepted: gem install or bundle add of aws_lambda_ric, a COPY of its binstub,\n"
	  "a bundle install when the ENTRYPOINT names aws_lambda_ric (with --context, only when\n"
	  "Gemfile.lock really has it), in the final stage, its FROM ancestors or a stage it\n"
	  "copies from. A 'bootstrap' entrypoint (custom runtime) is not reported.",
	  check_no_client },
	{ "lambda-client-wrong-stage", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the runtime interface client is installed only in a stage the final image does not use",
	  "Install it in the final stage, or COPY --from the stage that installs it.",
	  "Multi-stage builds keep only the final stage. A client installed in a builder stage\n"
	  "that the final stage neither builds FROM nor copies from is thrown away.",
	  check_client_wrong_stage },
	{ "lambda-entrypoint-shell-form", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "ENTRYPOINT in shell form",
	  "Use ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"].",
	  "A shell-form ENTRYPOINT runs as /bin/sh -c '...' and drops CMD entirely. Lambda passes\n"
	  "the handler through CMD, so the runtime client never learns which handler to call.",
	  check_entrypoint_shell },
	{ "lambda-cmd-shell-form", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "CMD in shell form",
	  "Use CMD [\"handlers/controller.lambda_handler\"].",
	  "Lambda takes the last element of ENTRYPOINT+CMD as the handler (_HANDLER). In shell\n"
	  "form CMD is [\"/bin/sh\", \"-c\", \"...\"], so the handler is a shell script string.",
	  check_cmd_shell },
	{ "lambda-handler-invalid", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "CMD is missing or does not name a Ruby handler",
	  "CMD [\"FILE.method\"] or CMD [\"FILE.Module::Class.method\"].",
	  "The Ruby runtime client splits the handler on '.' into a file (found through\n"
	  "$LOAD_PATH, the working directory first) and a method, optionally with a class in\n"
	  "between. Anything else fails at the first invocation. The final stage needs a CMD (or\n"
	  "an exec-form ENTRYPOINT ending in the handler).",
	  check_handler },
	{ "lambda-entrypoint-relative", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "ENTRYPOINT is a relative path",
	  "Use the absolute path, e.g. /usr/local/bundle/bin/aws_lambda_ric.",
	  "AWS asks for absolute entrypoint paths. A bare name works only while PATH finds it,\n"
	  "and Lambda's environment is not the one docker run gives.",
	  check_entrypoint_relative },
	{ "lambda-platform", DW_CAT_LAMBDA, DW_SEV_WARNING, "DL3029",
	  "final stage built for a platform Lambda does not run",
	  "Use --platform=linux/amd64 or linux/arm64 matching the function.",
	  "A Lambda function has one architecture, x86_64 or arm64, and the image must be built\n"
	  "for exactly that one. --platform=$BUILDPLATFORM on the final stage builds for the\n"
	  "build machine instead. Unknown values are not reported.",
	  check_platform },
	{ "lambda-handler-env-mismatch", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "ENV _HANDLER disagrees with CMD",
	  "Remove ENV _HANDLER; CMD is the handler.",
	  "Lambda sets _HANDLER from the last element of ENTRYPOINT+CMD (or from the function's\n"
	  "ImageConfig) when it starts the runtime, overwriting the image's value. A different\n"
	  "_HANDLER in the image only takes effect under docker run, so local and deployed\n"
	  "behaviour differ.",
	  check_handler_env },
	{ "lambda-root-user", DW_CAT_LAMBDA, DW_SEV_WARNING, "DL3002",
	  "the final stage runs as root",
	  "Create a user and end with USER name (Jets adds deploy:deploy).",
	  "Lambda runs the function as its own sandbox user whatever USER says, but the same\n"
	  "image also runs under docker run (local tests, release commands), where root is a\n"
	  "risk. An explicit last USER root or 0, or no USER on a non-AWS base, is a warning; no\n"
	  "USER on an AWS Lambda base image is only info. Builder stages are not judged.",
	  check_root },
	{ "lambda-unreadable-files", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "chmod takes read permission away from other users",
	  "Keep app files world-readable (chmod -R a+rX).",
	  "Lambda runs the function as a sandbox user that owns none of the image's files, so it\n"
	  "reads them through the 'other' permission bits. chmod 700, 600, go-rwx and similar\n"
	  "make the app unreadable: the function fails at start.",
	  check_unreadable },
	{ "lambda-ignored-instruction", DW_CAT_LAMBDA, DW_SEV_INFO, NULL,
	  "Lambda ignores EXPOSE, HEALTHCHECK, VOLUME and STOPSIGNAL",
	  "Remove it, or keep it knowing only docker run honours it.",
	  "Lambda uses only ENTRYPOINT, CMD, WORKDIR and ENV from the image config; these\n"
	  "instructions have no effect there.",
	  check_ignored },
	{ "lambda-ric-unpinned", DW_CAT_LAMBDA, DW_SEV_INFO, NULL,
	  "aws_lambda_ric installed without a version",
	  "gem install aws_lambda_ric -v 3.1.3",
	  "The 3.x client reads only _HANDLER and needs Ruby 3.0 or later; 2.x read the handler\n"
	  "from its arguments. Pin the version so a release does not change startup.",
	  check_ric_unpinned },
	{ "lambda-handler-file-missing", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the handler's file is not in the context (--context)",
	  "Create the file or correct the handler.",
	  "With --context DIR, the file part of the handler (handlers/controller for\n"
	  "handlers/controller.lambda_handler) must exist as DIR/handlers/controller.rb.",
	  lint_check_handler_file },
	{ "lambda-runtime-package-missing", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "a gem needs a system package the final stage never installs (--context)",
	  "Install the package in the final stage.",
	  "With --context DIR, the gems in DIR/Gemfile.lock are looked up in rules/gems.yaml;\n"
	  "native gems such as pg need shared libraries (libpq5) at run time, in the final stage,\n"
	  "not only in the stage that compiled them.",
	  lint_check_runtime_packages },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
