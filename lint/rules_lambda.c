/* SPDX-License-Identifier: MIT */
/* rules_lambda.c - AWS Lambda compatibility of the final stage. */
#include "engine.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>


/* Every instruction of the final stage and its FROM ancestors, root first. */
#define FOR_FINAL(cx, ii) \
	for (size_t s_ = 0; s_ < (cx)->nstages; s_++) \
		if ((cx)->stages[s_].final_chain) \
			for (size_t ii = (cx)->stages[s_].first; ii < (cx)->stages[s_].end; ii++)

/* The effective ENTRYPOINT and CMD of the final stage. */
static void
config_of(struct dw_lint_ctx *cx, size_t *ep, size_t *cmd)
{
	*ep = cx->stages[cx->final].entrypoint;
	*cmd = cx->stages[cx->final].cmd;
}

/* gem install / bundle add of the client, also behind sudo or env, and
 * Jets' fork aws_lambda_ric_jets. */
static bool
gem_install_ric(const dw_lint_cmd *c)
{
	size_t p = lint_cmd_prog(c);
	const char *prog;

	if (p + 1 >= c->argc)
		return false;
	prog = strrchr(c->argv[p], '/') ? strrchr(c->argv[p], '/') + 1 : c->argv[p];
	if (!(strcmp(prog, "gem") == 0 && strcmp(c->argv[p + 1], "install") == 0) &&
	    !(strcmp(prog, "bundle") == 0 && strcmp(c->argv[p + 1], "add") == 0))
		return false;
	for (size_t i = p + 2; i < c->argc; i++) {
		size_t n = strcspn(c->argv[i], ":");
		char *name = dw_strndup(c->argv[i], n);
		bool ric = lint_is_ric(name);

		free(name);
		if (ric)
			return true;
	}
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
	for (size_t s = 0; s < cx->nstages; s++) {
		if (cx->stages[s].used == used && stage_installs(cx, (int)s, ep_ric)) {
			if (where)
				*where = (int)s;
			return true;
		}
	}
	return false;
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
	if (!wrong_stage && lint_root_image(cx, cx->final) != NULL &&
	    !lint_base_known(lint_root_image(cx, cx->final)))
		lint_report_sev(cx, cx->stages[cx->final].first, final_from_span(cx), DW_SEV_INFO,
		                "cannot tell whether the image has a runtime client: the base image %s is "
		                "not one dockwright knows", lint_root_image(cx, cx->final));
	else if (!wrong_stage && lint_root_image(cx, cx->final) == NULL)
		lint_report_sev(cx, cx->stages[cx->final].first, final_from_span(cx), DW_SEV_INFO,
		                "cannot tell whether the image has a runtime client: the base image is "
		                "only known at build time");
	else if (!wrong_stage)
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

/* The final image's ENTRYPOINT, CMD and gems come from a base image
 * dockwright does not know: rules say "cannot tell" instead of guessing. */
static bool
base_unknown(const struct dw_lint_ctx *cx)
{
	return cx->stages[cx->final].entrypoint == DW_NO_INSTR && !cx->stages[cx->final].aws_base &&
	       !lint_base_known(lint_root_image(cx, cx->final));
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
		/* An unknown base image may bring its own ENTRYPOINT. */
		return n >= 2 || cx->stages[cx->final].aws_base || base_unknown(cx)
		           ? in->args[in->nargs - 1].value : NULL;
	}
	*where = cmd;
	*w = NULL;
	return NULL;
}

static bool server_behind_script(struct dw_lint_ctx *cx);
static bool own_script(struct dw_lint_ctx *cx);

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
		if (own_script(cx)) {
			lint_report_sev(cx, ep, dw_word_span(lint_instr(cx, ep), &lint_instr(cx, ep)->args[0]),
			                DW_SEV_INFO, "cannot tell the handler: no CMD, and the script %s "
			                "may name it itself", lint_instr(cx, ep)->args[0].value);
			return;
		}
		if (base_unknown(cx)) {
			lint_report_sev(cx, cx->stages[cx->final].first, final_from_span(cx), DW_SEV_INFO,
			                "cannot tell the handler: no CMD here, and the base image %s may set one",
			                lint_root_image(cx, cx->final) ? lint_root_image(cx, cx->final)
			                                               : "(unknown)");
			return;
		}
		lint_report(cx, cx->stages[cx->final].first, final_from_span(cx),
		            "the final stage has no CMD naming the handler (e.g. CMD [\"app.handler\"])");
		return;
	}
	if (!lint_instr(cx, cmd)->json || server_behind_script(cx))
		return; /* lambda-cmd-shell-form says it, or the CMD is no handler */
	h = handler_of(cx, &where, &w);
	if (w == NULL)
		return;
	if (h != NULL && (strstr(h, ".rb.") || (strlen(h) > 3 && strcmp(h + strlen(h) - 3, ".rb") == 0)))
		lint_report(cx, where, dw_word_span(lint_instr(cx, where), w),
		            "'%s' names the file with .rb; the handler is FILE.method without the "
		            "extension (e.g. %.*s.handler)", h, (int)strcspn(h, "."), h);
	else if (h == NULL || !lint_valid_handler(h))
		lint_report(cx, where, dw_word_span(lint_instr(cx, where), w),
		            "'%s' is not a Ruby handler (FILE.method or FILE.Module::Class.method)",
		            w->value);
}

/* ---- the process Lambda starts ---------------------------------------- */

static const char *
last_word(const char *s)
{
	const char *p = strrchr(s, '/');

	return p ? p + 1 : s;
}

static bool
is_shell(const char *s)
{
	static const char *const sh[] = { "sh", "bash", "dash", "ash", "zsh", "ksh", "busybox", NULL };

	return lint_str_in(sh, last_word(s));
}

/* Anything in the process that starts a client: the gem's executable
 * (also inside a script), the AWS entry script, a custom runtime's
 * bootstrap, the runtime interface emulator. */
static bool
process_has_client(const dw_lint_process *p)
{
	static const char *const marks[] = { "aws_lambda_ric", "lambda-entrypoint", "bootstrap",
	                                     "aws-lambda-rie", NULL };

	for (size_t i = 0; i < p->n; i++)
		for (size_t k = 0; marks[k]; k++)
			if (strstr(p->v[i].s, marks[k]))
				return true;
	return false;
}

/* Programs that are not a runtime client, whatever their arguments. */
static bool
not_a_client(const char *s)
{
	static const char *const progs[] = { "bundle", "ruby", "irb", "rails", "rackup", "puma",
	                                     "rake", "jets", "gem", "unicorn", "sidekiq", NULL };

	return lint_str_in(progs, last_word(s));
}

/*
 * ENTRYPOINT ["/docker_entrypoint.sh"] with CMD ["bundle", "exec", "puma",
 * ...]: an own script (no client we can see) runs a program CMD names.
 * Such an image serves as a web server by default, and on Lambda through
 * the function's ImageConfig, which dockwright cannot see: CMD is then no
 * handler to judge.
 */
static bool
script_first(struct dw_lint_ctx *cx, bool server_cmd)
{
	dw_lint_process p;
	bool yes;

	lint_process_get(cx, &p);
	yes = p.ep != DW_NO_INSTR && !p.ep_shell && !p.aws_entry && p.ric == SIZE_MAX &&
	      p.prog < p.n && p.v[p.prog].instr == p.ep && !not_a_client(p.v[p.prog].s) &&
	      !is_shell(p.v[p.prog].s) &&
	      (!server_cmd || (p.cmd != DW_NO_INSTR && lint_instr(cx, p.cmd)->nargs > 1 &&
	                       not_a_client(lint_instr(cx, p.cmd)->args[0].value)));
	lint_process_free(&p);
	return yes;
}

/* An exec-form ENTRYPOINT of our own (an entry script): no runtime client
 * in sight, no shell, no program we know. */
static bool own_script(struct dw_lint_ctx *cx) { return script_first(cx, false); }
static bool server_behind_script(struct dw_lint_ctx *cx) { return script_first(cx, true); }

static bool
has_var(const char *s)
{
	for (const char *p = strchr(s, '$'); p; p = strchr(p + 1, '$'))
		if (p[1] == '{' || p[1] == '_' || isalpha((unsigned char)p[1]))
			return true;
	return false;
}

/* What is wrong with the process as a whole, first problem wins. */
enum proc_problem { PROC_OK, PROC_SPACES, PROC_VARIABLE, PROC_SHELL_C, PROC_NO_CLIENT };

static bool
shell_c_at(const dw_lint_process *p, size_t i)
{
	return i + 1 < p->n && is_shell(p->v[i].s) && p->v[i + 1].s[0] == '-' &&
	       p->v[i + 1].s[1] != '-' && strchr(p->v[i + 1].s, 'c');
}

static enum proc_problem
process_problem(const dw_lint_process *p, size_t *at)
{
	size_t first = p->aws_entry ? 1 : 0;

	*at = first;
	if (p->n <= first || p->base_unknown || (p->ep != DW_NO_INSTR && p->ep_shell) ||
	    (p->ep == DW_NO_INSTR && p->cmd_shell))
		return PROC_OK;     /* nothing of ours, or the shell-form rules speak */
	if (strpbrk(p->v[first].s, " \t"))
		return PROC_SPACES;
	if (p->prog < p->n && strpbrk(p->v[p->prog].s, " \t") && !shell_c_at(p, first)) {
		*at = p->prog;
		return PROC_SPACES;
	}
	for (size_t i = first; i < p->n; i++)
		if (has_var(p->v[i].s) && !(i >= 2 && shell_c_at(p, i - 2))) {
			*at = i;
			return PROC_VARIABLE;
		}
	if (shell_c_at(p, p->prog < p->n ? p->prog : first)) {
		*at = p->prog < p->n ? p->prog : first;
		/* The script in ENTRYPOINT and the handler after it works: the
		 * client reads _HANDLER.  A script that is the last element, or
		 * none at all, does not. */
		if (*at + 3 >= p->n)
			return PROC_SHELL_C;
		return PROC_OK;
	}
	if (process_has_client(p))
		return PROC_OK;
	/* The handler from CMD as the program: no ENTRYPOINT, or one that
	 * only wraps (bundle exec). */
	if (p->prog >= p->n || not_a_client(p->v[p->prog].s) || is_shell(p->v[p->prog].s) ||
	    (p->v[p->prog].instr == p->cmd && lint_valid_handler(p->v[p->prog].s))) {
		/* Point at the ENTRYPOINT when there is one: that is the fix. */
		*at = p->ep != DW_NO_INSTR || p->prog >= p->n ? first : p->prog;
		return PROC_NO_CLIENT;
	}
	return PROC_OK;
}

static void
process_words(const dw_lint_process *p, dw_buf *b)
{
	for (size_t i = 0; i < p->n && b->len < 80; i++)
		dw_buf_printf(b, "%s%s", i ? " " : "", p->v[i].s);
	if (b->len >= 80)
		dw_buf_puts(b, " ...");
}

static void
process_rule(struct dw_lint_ctx *cx, enum proc_problem want)
{
	dw_lint_process p;
	size_t at;
	const dw_lint_pword *w;
	dw_buf b = DW_BUF_INIT;

	lint_process_get(cx, &p);
	if (process_problem(&p, &at) != want || at >= p.n || p.v[at].instr == DW_NO_INSTR) {
		lint_process_free(&p);
		return;
	}
	w = &p.v[at];
	switch (want) {
	case PROC_SPACES:
		lint_report(cx, w->instr, dw_word_span(lint_instr(cx, w->instr), w->w),
		            "exec form does not split words: Lambda would run a program named '%s'",
		            w->s);
		break;
	case PROC_VARIABLE:
		lint_report(cx, w->instr, dw_word_span(lint_instr(cx, w->instr), w->w),
		            "exec form is not run by a shell: '%s' reaches the process with the $ unexpanded",
		            w->s);
		break;
	case PROC_SHELL_C:
		lint_report(cx, w->instr, dw_word_span(lint_instr(cx, w->instr), w->w),
		            at + 2 >= p.n ? "'%s %s' with no script: the process runs nothing"
		                          : "'%s %s' makes the last element both the shell script and "
		                            "the handler Lambda passes",
		            w->s, p.v[at + 1].s);
		break;
	case PROC_NO_CLIENT:
		process_words(&p, &b);
		if (cx->stages[cx->final].aws_base)
			lint_report(cx, w->instr, dw_word_span(lint_instr(cx, w->instr), w->w),
			            "ENTRYPOINT replaces the base image's /lambda-entrypoint.sh, and the process "
			            "(%s) never starts the runtime client", b.ptr);
		else
			lint_report(cx, w->instr, dw_word_span(lint_instr(cx, w->instr), w->w),
			            "the process Lambda starts (%s) never runs the runtime client", b.ptr);
		break;
	case PROC_OK:
		break;
	}
	dw_buf_free(&b);
	lint_process_free(&p);
}

static void check_exec_spaces(struct dw_lint_ctx *cx) { process_rule(cx, PROC_SPACES); }
static void check_exec_variable(struct dw_lint_ctx *cx) { process_rule(cx, PROC_VARIABLE); }
static void check_shell_c(struct dw_lint_ctx *cx) { process_rule(cx, PROC_SHELL_C); }
static void check_process_no_client(struct dw_lint_ctx *cx) { process_rule(cx, PROC_NO_CLIENT); }

/*
 * The first program the process passes through, past env, exec, nice,
 * tini and dumb-init, that changes users (and so needs root); SIZE_MAX
 * for none.
 */
static size_t
process_switch(const dw_lint_process *p)
{
	static const char *const plain[] = { "env", "exec", "nice", "tini", "dumb-init", NULL };
	static const char *const switch_user[] = { "sudo", "su", "gosu", "su-exec", "doas",
	                                           "runuser", "setpriv", "chpst", "s6-setuidgid",
	                                           "setuidgid", NULL };

	for (size_t i = p->aws_entry ? 1 : 0; i < p->n;) {
		const char *b = last_word(p->v[i].s);

		if (lint_str_in(switch_user, b))
			return i;
		if (!lint_str_in(plain, b))
			break;
		for (i++; i < p->n && (p->v[i].s[0] == '-' || strchr(p->v[i].s, '=')); i++)
			;
	}
	return SIZE_MAX;
}

static void
check_process_switch(struct dw_lint_ctx *cx)
{
	dw_lint_process p;
	size_t at;

	lint_process_get(cx, &p);
	if ((p.ep == DW_NO_INSTR || !p.ep_shell) && (at = process_switch(&p)) != SIZE_MAX &&
	    p.v[at].instr != DW_NO_INSTR)
		lint_report(cx, p.v[at].instr, dw_word_span(lint_instr(cx, p.v[at].instr), p.v[at].w),
		            "the process goes through %s, which needs root: Lambda runs it as an "
		            "unprivileged user, so it fails before the runtime client starts",
		            p.v[at].s);
	lint_process_free(&p);
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
	{
		dw_lint_process p;
		size_t at;
		enum proc_problem pr;

		lint_process_get(cx, &p);
		pr = process_problem(&p, &at);
		at = process_switch(&p);
		lint_process_free(&p);
		if (pr != PROC_OK || at != SIZE_MAX)
			return;  /* a sharper rule says what is wrong */
	}
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
			if (!gem_install_ric(c) || lint_cmd_has_flag(c, "--version", 'v'))
				continue;
			for (size_t i = 2; i < c->argc; i++)
				if (lint_is_ric(c->argv[i]))
					lint_report(cx, ii, c->spans[i],
					            "aws_lambda_ric is not pinned; a new major version may change how the handler is found");
		}
}

/* ---- where the client was installed, and where ENTRYPOINT looks -------- */

/* An option's value: --name=X, --name X, or -cX / -c X for the short one. */
static const char *
opt_value(const dw_lint_cmd *c, const char *longf, char shortf)
{
	size_t ll = strlen(longf);

	for (size_t i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];

		if (strncmp(a, longf, ll) == 0 && a[ll] == '=')
			return a + ll + 1;
		if ((strcmp(a, longf) == 0 || (shortf && a[0] == '-' && a[1] == shortf && !a[2])) &&
		    i + 1 < c->argc)
			return c->argv[i + 1];
		if (shortf && a[0] == '-' && a[1] == shortf && a[2])
			return a + 2;
	}
	return NULL;
}

static char *
join2(const char *a, const char *b)
{
	dw_buf r = DW_BUF_INIT;

	dw_buf_printf(&r, "%s%s%s", a, lint_ends_in_slash(a) ? "" : "/", b);
	return dw_buf_detach(&r);
}

/* Where `gem install` at instruction ii puts executables, or NULL. */
static char *
gem_bindir(const struct dw_lint_ctx *cx, size_t ii, const dw_lint_cmd *c, const char **how)
{
	const char *v, *root = lint_root_image(cx, cx->info[ii].stage);
	bool set;

	if ((v = opt_value(c, "--bindir", 'n')) != NULL) {
		*how = "gem install --bindir";
		return lint_path_abs(cx, ii, v);
	}
	if ((v = opt_value(c, "--install-dir", 'i')) != NULL) {
		char *d = lint_path_abs(cx, ii, v), *r = d ? join2(d, "bin") : NULL;

		*how = "gem install --install-dir";
		free(d);
		return r;
	}
	if (lint_cmd_has_flag(c, "--user-install", 0))
		return NULL;
	v = lint_env_at(cx, ii, "GEM_HOME", &set);
	if (set) {
		*how = "gem install with ENV GEM_HOME";
		return v && v[0] == '/' ? join2(v, "bin") : NULL;
	}
	if (root == NULL || cx->stages[cx->stages[cx->info[ii].stage].root].aws_base ||
	    !lint_base_known(root))
		return NULL;
	if (strstr(root, "ruby:") != NULL || strcmp(last_word(root), "ruby") == 0) {
		*how = "gem install on the docker-library ruby image";
		return dw_strdup("/usr/local/bundle/bin");
	}
	*how = "gem install of a distribution's Ruby";
	return dw_strdup("/usr/local/bin");
}

/* The bundle path configured before instruction ii in its chain (bundle
 * config [set] path X, bundle install --path X, ENV BUNDLE_PATH,
 * deployment mode), absolute; NULL for none; "" when unknown. */
static char *
bundle_path_at(const struct dw_lint_ctx *cx, size_t ii, const dw_lint_cmd *inst)
{
	const char *v;
	bool set;
	int s = cx->info[ii].stage;

	if ((v = opt_value(inst, "--path", 0)) != NULL)
		return lint_path_abs(cx, ii, v);
	/* The newest bundle config before ii in the stage chain. */
	for (int t = s; t >= 0; t = cx->stages[t].parent)
		for (size_t k = (t == s ? ii + 1 : cx->stages[t].end); k > cx->stages[t].first; k--)
			for (size_t j = cx->info[k - 1].ncmds; j > 0; j--) {
				const dw_lint_cmd *c = &cx->cmds[cx->info[k - 1].cmd_first + j - 1];
				size_t p = lint_cmd_prog(c), a;

				if (c == inst || p + 2 >= c->argc || !lint_cmd_is(c, "bundle") ||
				    strcmp(c->argv[p + 1], "config") != 0)
					continue;
				for (a = p + 2; a < c->argc && (c->argv[a][0] == '-' ||
				                                strcmp(c->argv[a], "set") == 0); a++)
					;
				if (a + 1 < c->argc && strcmp(c->argv[a], "path") == 0)
					return lint_path_abs(cx, k - 1, c->argv[a + 1]);
			}
	v = lint_env_at(cx, ii, "BUNDLE_PATH", &set);
	if (set)
		return v ? lint_path_abs(cx, ii, v) : dw_strdup("");
	v = lint_env_at(cx, ii, "BUNDLE_DEPLOYMENT", &set);
	if ((set && v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0)) ||
	    lint_cmd_has_flag(inst, "--deployment", 0))
		return lint_path_abs(cx, ii, "vendor/bundle");
	return NULL;
}

/* Does a --mount=type=cache of the RUN cover dir? */
static const char *
cache_over(const dw_instr *in, const char *dir)
{
	static char target[512];

	for (size_t i = 0; i < in->nflags; i++) {
		const char *f = in->flags[i].value, *t = NULL;

		if (strncmp(f, "--mount=", 8) != 0 || !strstr(f, "type=cache"))
			continue;
		for (const char *p = f + 8; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
			if (lint_str_has_prefix(p, "target=") || lint_str_has_prefix(p, "dst=") ||
			    lint_str_has_prefix(p, "destination="))
				t = strchr(p, '=') + 1;
		if (t) {
			size_t n = strcspn(t, ",");

			while (n > 1 && t[n - 1] == '/')
				n--;
			if (n < sizeof target && strncmp(dir, t, n) == 0 && (dir[n] == 0 || dir[n] == '/')) {
				memcpy(target, t, n);
				target[n] = 0;
				return target;
			}
		}
	}
	return NULL;
}

/* Where the final image has the directory `dir` of stage s: itself when s
 * is in the final chain, else through a COPY --from; NULL when it does
 * not follow. */
static char *
in_final(const struct dw_lint_ctx *cx, int s, const char *dir)
{
	if (cx->stages[s].final_chain)
		return dw_strdup(dir);
	for (size_t t = 0; t < cx->nstages; t++) {
		if (!cx->stages[t].final_chain)
			continue;
		for (size_t ii = cx->stages[t].first; ii < cx->stages[t].end; ii++) {
			const dw_instr *in = lint_instr(cx, ii);
			const dw_lint_info *inf = &cx->info[ii];
			const char *from = lint_flag(in, "from", NULL);
			int fs = from ? lint_stage_ref(cx, from, (int)t) : -1;
			char *dest;
			bool chain = false;

			for (int u = fs; u >= 0 && !chain; u = cx->stages[u].parent)
				chain = u == s;
			if (in->kind != DW_I_COPY || !chain || in->nargs != 2 || inf->nexp < 2 ||
			    !inf->exp[0] || !inf->exp[1])
				continue;
			{
				size_t n = strlen(inf->exp[0]);

				while (n > 1 && inf->exp[0][n - 1] == '/')
					n--;
				if (strncmp(dir, inf->exp[0], n) != 0 || (dir[n] && dir[n] != '/'))
					continue;
				if ((dest = lint_path_abs(cx, ii, inf->exp[1])) == NULL)
					return NULL;
				{
					dw_buf r = DW_BUF_INIT;

					dw_buf_printf(&r, "%s%s", dest, dir + n);
					free(dest);
					return dw_buf_detach(&r);
				}
			}
		}
	}
	return NULL;
}

static void
check_ric_path(struct dw_lint_ctx *cx)
{
	dw_lint_process p;
	const char *want, *how = NULL, *first_how = NULL;
	char *dir, *first = NULL;
	bool match = false, unknown = false, any = false;

	if (cx->final < 0)
		return;
	lint_process_get(cx, &p);
	if (p.ric == SIZE_MAX || p.v[p.ric].s[0] != '/' || p.v[p.ric].instr == DW_NO_INSTR) {
		lint_process_free(&p);
		return;
	}
	want = p.v[p.ric].s;
	dir = dw_strndup(want, (size_t)(strrchr(want, '/') - want));
	for (size_t s = 0; s < cx->nstages && !match; s++) {
		if (!cx->stages[s].used)
			continue;
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end && !match; ii++) {
			const dw_instr *in = lint_instr(cx, ii);

			if ((in->kind == DW_I_COPY || in->kind == DW_I_ADD) && mentions_ric(in))
				unknown = true;  /* a binstub copied in by hand */
			FOR_CMDS(cx, ii, c) {
				char *loc = NULL, *fin;
				const char *cache;

				if (gem_install_ric(c) && lint_cmd_is(c, "gem")) {
					loc = gem_bindir(cx, ii, c, &how);
				} else if (gem_install_ric(c) || bundle_install(c)) {
					char *bp = bundle_path_at(cx, ii, c);
					bool bin_set;

					/* BUNDLE_BIN writes binstubs to a directory of its own. */
					lint_env_at(cx, ii, "BUNDLE_BIN", &bin_set);
					if (bin_set)
						unknown = true;

					if (bp && bp[0]) {
						loc = join2(bp, "ruby/*/bin");
						how = "bundle install with a bundle path";
					} else if (bp == NULL) {
						dw_lint_cmd g = *c;

						loc = gem_bindir(cx, ii, &g, &how);
						how = "bundle install";
					}
					free(bp);
				} else {
					/* bundle binstubs, ln -s, cp of the binstub: placed by hand. */
					for (size_t i = 0; i < c->argc; i++)
						if (strstr(c->argv[i], "aws_lambda_ric") || strstr(c->argv[i], "binstubs") ||
						    (lint_cmd_is(c, "bundle") && strcmp(c->argv[i], "bin") == 0))
							unknown = true;
					continue;
				}
				if (lint_cmd_has_flag(c, "--binstubs", 0))
					unknown = true;
				any = true;
				if (loc == NULL) {
					unknown = true;
					continue;
				}
				if ((cache = cache_over(in, loc)) != NULL) {
					lint_report(cx, ii, lint_keyword_span(in),
					            "%s installs into %s, under --mount=type=cache,target=%s: "
					            "the cache is not part of the image", how, loc, cache);
					free(loc);
					continue;
				}
				fin = in_final(cx, (int)s, loc);
				if (fin == NULL)
					unknown = true;
				else if (fnmatch(fin, dir, 0) == 0)
					match = true;
				else if (first == NULL) {
					first = dw_strdup(fin);
					first_how = how;
				}
				free(fin);
				free(loc);
			}
		}
	}
	if (any && !match && !unknown && first)
		lint_report(cx, p.v[p.ric].instr,
		            dw_word_span(lint_instr(cx, p.v[p.ric].instr), p.v[p.ric].w),
		            "ENTRYPOINT runs %s, but %s puts it in %s", want, first_how, first);
	free(first);
	free(dir);
	lint_process_free(&p);
}

/* ---- the ENTRYPOINT script's mode ---------------------------------------- */

/* A chmod mode that gives execute permission. */
static bool
mode_exec(const char *m)
{
	size_t n = strlen(m);

	if (n >= 3 && n <= 4 && strspn(m, "01234567") == n)
		return ((m[n - 1] - '0') & 1) || ((m[n - 2] - '0') & 1) || ((m[n - 3] - '0') & 1);
	return strchr(m, 'x') != NULL || strchr(m, 'X') != NULL;
}

/* Is path p, or a directory above it, an argument of a chmod in the final
 * chain after instruction `after`? */
static bool
chmod_later(const struct dw_lint_ctx *cx, size_t after, const char *p)
{
	for (size_t s = 0; s < cx->nstages; s++) {
		if (!cx->stages[s].final_chain)
			continue;
		for (size_t ii = cx->stages[s].first > after + 1 ? cx->stages[s].first : after + 1;
		     ii < cx->stages[s].end; ii++)
			FOR_CMDS(cx, ii, c) {
				if (!lint_cmd_is(c, "chmod") && !lint_cmd_is(c, "install"))
					continue;
				for (size_t i = 1; i < c->argc; i++) {
					size_t n = strlen(c->argv[i]);

					if (c->argv[i][0] == '/' && strncmp(p, c->argv[i], n) == 0 &&
					    (p[n] == 0 || p[n] == '/' || c->argv[i][n - 1] == '/'))
						return true;
				}
			}
	}
	return false;
}

/* The newest RUN of the final chain that writes p with a redirection. */
static size_t
run_writes(const struct dw_lint_ctx *cx, const char *p)
{
	size_t found = DW_NO_INSTR;

	for (size_t s = 0; s < cx->nstages; s++) {
		if (!cx->stages[s].final_chain)
			continue;
		for (size_t ii = cx->stages[s].first; ii < cx->stages[s].end; ii++)
			FOR_CMDS(cx, ii, c) {
				for (size_t i = 0; i < c->argc; i++) {
					const char *a = c->argv[i], *t;

					if (a[0] != '>' && !(a[0] == '1' && a[1] == '>'))
						continue;
					t = a + strspn(a, "1>|");
					if (*t == 0 && i + 1 < c->argc)
						t = c->argv[i + 1];
					if (strcmp(t, p) == 0)
						found = ii;
				}
				if (lint_cmd_is(c, "tee"))
					for (size_t i = 1; i < c->argc; i++)
						if (strcmp(c->argv[i], p) == 0)
							found = ii;
			}
	}
	return found;
}

static void
check_entrypoint_mode(struct dw_lint_ctx *cx)
{
	dw_lint_process p;
	const char *path;
	dw_lint_src src;
	lint_src_kind k;
	size_t w;

	if (cx->final < 0)
		return;
	lint_process_get(cx, &p);
	if (p.ep == DW_NO_INSTR || p.ep_shell || p.n == 0 || p.aws_entry ||
	    p.v[0].s[0] != '/' || lint_is_ric(p.v[0].s) || strchr(p.v[0].s, '$')) {
		lint_process_free(&p);
		return;
	}
	path = p.v[0].s;
	k = lint_file_source(cx, cx->final, path, &src);
	if (k == LINT_SRC_CONTEXT && src.instr != DW_NO_INSTR) {
		const dw_instr *in = lint_instr(cx, src.instr);
		const char *m = lint_flag(in, "chmod", NULL);
		bool exec;

		if (m)
			exec = mode_exec(m);
		else if (src.heredoc)
			exec = false;  /* heredoc files are 0644 */
		else if (cx->context_dir && src.ctx_path) {
			dw_buf f = DW_BUF_INIT;
			struct stat st;

			dw_buf_printf(&f, "%s/%s", cx->context_dir, src.ctx_path);
			exec = stat(f.ptr, &st) != 0 || (st.st_mode & 0111) != 0;
			dw_buf_free(&f);
		} else {
			exec = true;   /* the context's mode is kept: cannot tell */
		}
		if (!exec && !chmod_later(cx, src.instr, path))
			lint_report(cx, src.instr, lint_keyword_span(in),
			            "%s is the ENTRYPOINT, but this %.*s leaves it without execute "
			            "permission (add --chmod=755)", path, (int)in->keyword_len, in->keyword);
	} else if ((w = run_writes(cx, path)) != DW_NO_INSTR && !chmod_later(cx, w, path)) {
		lint_report(cx, w, lint_keyword_span(lint_instr(cx, w)),
		            "%s is the ENTRYPOINT, but this RUN writes it without execute permission "
		            "and no chmod follows", path);
	}
	free(src.ctx_path);
	lint_process_free(&p);
}

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
	{ "lambda-exec-form-spaces", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "an exec-form program name holds spaces",
	  "Split it: ENTRYPOINT [\"bundle\", \"exec\", \"aws_lambda_ric\"].",
	  "Exec form (a JSON array) runs its first element as the program, without a shell, so\n"
	  "[\"bundle exec aws_lambda_ric\"] looks for one file called 'bundle exec aws_lambda_ric'\n"
	  "and the container fails to start. The same holds for the program after env or sudo.",
	  check_exec_spaces },
	{ "lambda-exec-form-variable", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "a $VARIABLE inside exec-form ENTRYPOINT or CMD",
	  "Write the value out (ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]).",
	  "Neither BuildKit nor Lambda expands variables in exec-form ENTRYPOINT and CMD: the\n"
	  "process receives '$GEM_HOME/bin/aws_lambda_ric' literally. Only a shell would expand\n"
	  "it, and the shell form breaks the handler. A script run by sh -c may use variables.",
	  check_exec_variable },
	{ "lambda-entrypoint-shell-c", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the process is a shell -c whose script is the handler's place",
	  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"] and CMD [\"app.handler\"].",
	  "With ENTRYPOINT [\"/bin/sh\", \"-c\"], CMD's first element becomes a shell script and\n"
	  "the rest its $0, $1 ...; Lambda takes the last element of ENTRYPOINT+CMD as the\n"
	  "handler, so a script in that place is passed as the handler (or there is no script\n"
	  "at all). A script in ENTRYPOINT followed by the handler in CMD is fine: the client\n"
	  "reads _HANDLER.",
	  check_shell_c },
	{ "lambda-process-no-client", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "ENTRYPOINT + CMD never start the runtime interface client",
	  "ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"] (or keep the AWS base image's).",
	  "Lambda execs ENTRYPOINT + CMD. When that process is bundle, ruby, rails, a shell\n"
	  "without a script that starts the client, or the handler itself, nothing talks to the\n"
	  "Runtime API. On an AWS base image an own ENTRYPOINT such as [\"bundle\", \"exec\"]\n"
	  "replaces /lambda-entrypoint.sh. A program dockwright cannot see into (an own script)\n"
	  "is not reported.",
	  check_process_no_client },
	{ "lambda-entrypoint-not-executable", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the ENTRYPOINT script has no execute permission",
	  "COPY --chmod=755 entrypoint.sh /usr/local/bin/, or RUN chmod +x it.",
	  "Lambda execs the ENTRYPOINT directly. A script written by a heredoc (COPY <<EOF, or\n"
	  "RUN cat > file <<EOF) is created 0644, and COPY --chmod without an x bit removes it,\n"
	  "so the container fails with 'permission denied' before the runtime client starts. A\n"
	  "later chmod of the file or a directory above it counts. A file COPY'd from the context\n"
	  "keeps its mode there: with --context the linter reads it, without it stays silent.",
	  check_entrypoint_mode },
	{ "lambda-entrypoint-relative", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "ENTRYPOINT is a relative path",
	  "Use the absolute path, e.g. /usr/local/bundle/bin/aws_lambda_ric.",
	  "AWS asks for absolute entrypoint paths. A bare name works only while PATH finds it,\n"
	  "and Lambda's environment is not the one docker run gives.",
	  check_entrypoint_relative },
	{ "lambda-process-switch-user", DW_CAT_LAMBDA, DW_SEV_WARNING, NULL,
	  "ENTRYPOINT or CMD runs through sudo, su, gosu or su-exec",
	  "Drop the wrapper: ENTRYPOINT [\"/usr/local/bundle/bin/aws_lambda_ric\"]. Set the user\n"
	  "for docker run with USER instead.",
	  "Lambda starts the process as its own unprivileged sandbox user (and ignores USER). A\n"
	  "program that changes users (sudo, su, gosu, su-exec, doas, runuser, setpriv, chpst)\n"
	  "needs root to do it, so under Lambda it fails before the runtime client starts, though\n"
	  "the image works under docker run as root. The runtime client detection still sees\n"
	  "through these wrappers.",
	  check_process_switch },
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
	{ "lambda-ric-path", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "ENTRYPOINT's runtime client path is not where it was installed",
	  "Use the path the install gives (gem install on ruby images: /usr/local/bundle/bin).",
	  "The client's executable lands where its installer puts it: gem install on the\n"
	  "docker-library ruby images uses GEM_HOME=/usr/local/bundle, so /usr/local/bundle/bin\n"
	  "(not /usr/local/bin); --bindir, --install-dir and ENV GEM_HOME move it; bundle install\n"
	  "with a bundle path (bundle config path vendor/bundle, BUNDLE_PATH, deployment mode)\n"
	  "puts it under PATH/ruby/VERSION/bin. COPY --from is followed into the final image. An\n"
	  "install under RUN --mount=type=cache leaves nothing in the image. Installs the linter\n"
	  "cannot place keep it silent.",
	  check_ric_path },
	{ "lambda-ric-unpinned", DW_CAT_LAMBDA, DW_SEV_INFO, NULL,
	  "aws_lambda_ric installed without a version",
	  "gem install aws_lambda_ric -v 3.1.3",
	  "The 3.x client reads only _HANDLER and needs Ruby 3.0 or later; 2.x read the handler\n"
	  "from its arguments. Pin the version so a release does not change startup.",
	  check_ric_unpinned },
	{ "lambda-handler-file-missing", DW_CAT_LAMBDA, DW_SEV_ERROR, NULL,
	  "the handler's file is never copied into WORKDIR",
	  "COPY the file into WORKDIR under its own name, or correct the handler.",
	  "The runtime client loads FILE.rb of the handler FILE.method from the working\n"
	  "directory. The linter follows the final image's COPY and ADD instructions (through\n"
	  "COPY --from) to WORKDIR/FILE.rb: a file that no instruction puts there, or that is\n"
	  "copied under another name or into another directory, is an error. A directory copy\n"
	  "such as COPY . . can carry it, which only the context can tell: with --context DIR the\n"
	  "file must exist in DIR and not be excluded by DIR/.dockerignore. A RUN that may create\n"
	  "files (git, curl, tar, cp ...), ENV RUBYLIB or RUBYOPT (other $LOAD_PATH entries), or\n"
	  "a base image dockwright does not know keeps it silent.",
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
