/* SPDX-License-Identifier: MIT */
/*
 * shellcheck.c - ShellCheck over the scripts of RUN, when the program is
 * installed: one process per Dockerfile for all its scripts.
 *
 * Each script becomes a file of its own in a private temporary folder
 * (so one script's variables and functions never leak into the next, as
 * they would in one concatenated file), and one `shellcheck -f json1`
 * reads them all.  A file is a shebang naming the SHELL in effect, an
 * `export` line declaring the stage's ARG and ENV names (they are set
 * when the script runs), then the script: the logical line of the RUN
 * (continuations joined, as BuildKit hands it to the shell) and the
 * bodies of its heredocs, or only the body for `RUN <<EOF`.  json1 counts
 * a tab as one column and columns in characters; findings are mapped back
 * through the instruction's segments to physical lines and byte columns.
 *
 * Skipped, as hadolint skips them: exec-form RUN, shells ShellCheck does
 * not know (pwsh, cmd, zsh), SC1090 (a `source` needs a directive a
 * Dockerfile cannot hold) and SC2187 (ash); also SC1091, since sourced
 * files are in the image, not here.
 */
#include "engine.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parse_priv.h"
#include "utf8.h"

/* Never read more than this of ShellCheck's report. */
#define SC_OUT_MAX (256u << 20)
/* One process takes every script as an argument: past this many, the
 * argument list nears the kernel's limit and the file is not checked. */
#define SC_MAX_SCRIPTS 20000

/* One script given to ShellCheck. */
struct script {
	size_t instr;           /* the RUN, or the ONBUILD that wraps it */
	const dw_instr *in;     /* the RUN itself */
	dw_buf text;
	size_t a0, a1;          /* the logical line's bytes in text */
	size_t base;            /* ... start at this offset of in->text */
	size_t b0;              /* heredoc bodies from here */
	uint32_t body_line;     /* ... starting on this physical line */
};

struct sc_run {
	struct dw_lint_ctx *cx;
	struct script *v;
	size_t n, cap;
	dw_strv names;          /* ARG and ENV names of the current stage */
	/* the finding being read */
	size_t obj;
	long file, line, col, end_line, end_col, code;
	dw_buf msg, lvl;
};

/* ---- the program ---------------------------------------------------- */

static char *
find_program(const char *name)
{
	const char *path = getenv("PATH");
	dw_buf b = DW_BUF_INIT;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? dw_strdup(name) : NULL;
	while (path && *path) {
		const char *e = strchr(path, ':');
		size_t n = e ? (size_t)(e - path) : strlen(path);

		dw_buf_clear(&b);
		dw_buf_put(&b, n ? path : ".", n ? n : 1);
		dw_buf_printf(&b, "/%s", name);
		if (access(b.ptr, X_OK) == 0)
			return dw_buf_detach(&b);
		path = e ? e + 1 : NULL;
	}
	dw_buf_free(&b);
	return NULL;
}

int
lint_shellcheck_setup(dw_linter *l, dw_lint_shellcheck m, dw_diags *d)
{
	static const dw_span none;
	const char *name = getenv("DW_SHELLCHECK");

	if (m == DW_SHELLCHECK_NEVER)
		return 0;
	if (name == NULL || *name == 0)
		name = "shellcheck";
	l->shellcheck = find_program(name);
	if (l->shellcheck == NULL && m == DW_SHELLCHECK_ALWAYS) {
		dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL,
		             "--shellcheck=always: no program '%s' found", name);
		return -1;
	}
	return 0;
}

/* ---- building the scripts ------------------------------------------- */

/* The shebang for a SHELL program, NULL when ShellCheck cannot read its
 * language. */
static const char *
shebang(const char *shell)
{
	static const char *const known[] = { "sh", "bash", "dash", "ksh", "ash", "mksh", NULL };
	const char *b;

	if (shell == NULL)
		return "sh";
	b = strrchr(shell, '/');
	b = b ? b + 1 : shell;
	if (strcmp(b, "busybox") == 0)
		return "sh";
	for (size_t i = 0; known[i]; i++)
		if (strcmp(b, known[i]) == 0)
			return known[i];
	return NULL;
}

static bool
is_name(const char *s, size_t n)
{
	if (n == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static void
add_name(struct sc_run *r, const char *s, size_t n)
{
	if (is_name(s, n))
		dw_strv_push(&r->names, s, n);
}

/* The names an ARG or ENV declares. */
static void
collect_names(struct sc_run *r, const dw_instr *in)
{
	if (in->kind == DW_I_ENV) {
		for (size_t i = 0; i < in->nargs; i += 3)
			add_name(r, in->args[i].value, in->args[i].len);
	} else if (in->kind == DW_I_ARG) {
		for (size_t i = 0; i < in->nargs; i++) {
			const char *eq = memchr(in->args[i].value, '=', in->args[i].len);

			add_name(r, in->args[i].value,
			         eq ? (size_t)(eq - in->args[i].value) : in->args[i].len);
		}
	}
}

/* A heredoc body with a shebang of its own: NULL when it names a shell
 * ShellCheck reads (the body is then the whole file), else the program. */
static bool
body_shebang(const dw_heredoc *hd, bool *own)
{
	const char *s = hd->content, *e, *p;
	char prog[64];
	size_t n;

	*own = false;
	if (hd->content_len < 2 || s[0] != '#' || s[1] != '!')
		return true;
	*own = true;
	e = memchr(s, '\n', hd->content_len);
	n = e ? (size_t)(e - s) : hd->content_len;
	/* The last word: "#!/usr/bin/env bash", "#!/bin/sh -e" -> first. */
	p = s + 2;
	while (p < s + n && (*p == ' ' || *p == '\t'))
		p++;
	{
		size_t k = 0;

		while (p + k < s + n && p[k] != ' ' && p[k] != '\t')
			k++;
		if (k >= sizeof prog)
			return false;
		memcpy(prog, p, k);
		prog[k] = 0;
		if (strcmp(prog, "/usr/bin/env") == 0 || strcmp(prog, "/bin/env") == 0) {
			const char *q = p + k;

			while (q < s + n && (*q == ' ' || *q == '\t'))
				q++;
			for (k = 0; q + k < s + n && q[k] != ' ' && q[k] != '\t'; k++)
				;
			if (k >= sizeof prog)
				return false;
			memcpy(prog, q, k);
			prog[k] = 0;
		}
	}
	return shebang(prog) != NULL;
}

/* Is the RUN's command only the heredoc token (RUN <<EOF)? */
static bool
heredoc_only(const dw_instr *in)
{
	const dw_word *w = &in->args[0];

	return in->nheredocs == 1 && in->heredocs[0].word.off == w->off &&
	       in->heredocs[0].word.end == w->end;
}

static void
script_add(struct sc_run *r, size_t instr, const dw_instr *in, const char *sh)
{
	struct script *sc;
	const dw_word *w;
	bool own = false;

	if (in->kind != DW_I_RUN || in->json || in->nargs == 0 || sh == NULL)
		return;
	w = &in->args[0];
	if (heredoc_only(in) && !body_shebang(&in->heredocs[0], &own))
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = dw_realloc(r->v, r->cap * sizeof *r->v);
	}
	sc = &r->v[r->n++];
	memset(sc, 0, sizeof *sc);
	sc->instr = instr;
	sc->in = in;
	if (!own) {
		dw_buf_printf(&sc->text, "#!/bin/%s\nexport", sh);
		for (size_t i = 0; i < r->names.n; i++)
			dw_buf_printf(&sc->text, " %s=1", r->names.v[i]);
		dw_buf_puts(&sc->text, r->names.n ? "\n" : " _dw=1\n");
	}
	if (heredoc_only(in)) {
		sc->a0 = sc->a1 = sc->b0 = sc->text.len;
		sc->body_line = in->heredocs[0].body_line;
		dw_buf_put(&sc->text, in->heredocs[0].content, in->heredocs[0].content_len);
		return;
	}
	sc->a0 = sc->text.len;
	sc->base = w->off;
	dw_buf_put(&sc->text, in->text + w->off, w->end - w->off);
	sc->a1 = sc->text.len;
	dw_buf_putc(&sc->text, '\n');
	sc->b0 = sc->text.len;
	sc->body_line = in->nheredocs ? in->heredocs[0].body_line : in->end_line + 1;
	for (size_t k = 0; k < in->nheredocs; k++) {
		const dw_heredoc *hd = &in->heredocs[k];

		dw_buf_put(&sc->text, hd->content, hd->content_len);
		dw_buf_printf(&sc->text, "%s\n", hd->name);
	}
}

/* Every script of the file, RUN and ONBUILD RUN, in file order.  The
 * names declared start afresh at each FROM, as hadolint does: ARG does
 * not cross stages, and an ENV of a parent stage is rarely lower case,
 * the only names ShellCheck asks about. */
static void
scripts_collect(struct sc_run *r)
{
	const struct dw_lint_ctx *cx = r->cx;

	for (size_t i = 0; i < cx->df->ninstrs; i++) {
		const dw_instr *in = lint_instr(cx, i);
		const dw_lint_info *inf = &cx->info[i];
		const char *sh = inf->shell_posix ? shebang(inf->shell) : NULL;

		if (in->kind == DW_I_FROM)
			dw_strv_free(&r->names);
		if (inf->stage < 0)
			continue;
		if (in->kind == DW_I_ONBUILD && in->sub)
			script_add(r, i, in->sub, sh);
		else
			script_add(r, i, in, sh);
		collect_names(r, in);
	}
}

/* ---- running ShellCheck --------------------------------------------- */

static void
tmp_remove(const char *dir, size_t n)
{
	dw_buf p = DW_BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		dw_buf_clear(&p);
		dw_buf_printf(&p, "%s/%zu", dir, i);
		unlink(p.ptr);
	}
	rmdir(dir);
	dw_buf_free(&p);
}

/* Write each script to DIR/INDEX. */
static int
tmp_write(const char *dir, const struct sc_run *r)
{
	dw_buf p = DW_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < r->n && rc == 0; i++) {
		int fd;

		dw_buf_clear(&p);
		dw_buf_printf(&p, "%s/%zu", dir, i);
		fd = open(p.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0)
			rc = -1;
		for (size_t off = 0; fd >= 0 && off < r->v[i].text.len;) {
			ssize_t k = write(fd, r->v[i].text.ptr + off, r->v[i].text.len - off);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				rc = -1;
				break;
			}
			off += (size_t)k;
		}
		if (fd >= 0 && close(fd) < 0)
			rc = -1;
	}
	dw_buf_free(&p);
	return rc;
}

/* argv: shellcheck -f json1 --norc -S style -e CODES 0 1 2 ... */
static char **
make_argv(const struct dw_lint_ctx *cx, size_t nfiles, dw_buf *excl)
{
	char **argv = dw_calloc(nfiles + 10, sizeof *argv);
	size_t k = 0;

	dw_buf_puts(excl, "SC1090,SC1091,SC2187");
	for (size_t i = 0; i < cx->l->sc_off.n; i++)
		dw_buf_printf(excl, ",SC%u",
		              lint_sc_code(cx->l->sc_off.v[i], strlen(cx->l->sc_off.v[i])));
	argv[k++] = dw_strdup(cx->l->shellcheck);
	argv[k++] = dw_strdup("-f");
	argv[k++] = dw_strdup("json1");
	argv[k++] = dw_strdup("--norc");
	argv[k++] = dw_strdup("-S");
	argv[k++] = dw_strdup("style");
	argv[k++] = dw_strdup("-e");
	argv[k++] = dw_strdup(excl->ptr);
	for (size_t i = 0; i < nfiles; i++) {
		dw_buf b = DW_BUF_INIT;

		dw_buf_printf(&b, "%zu", i);
		argv[k++] = dw_buf_detach(&b);
	}
	return argv;
}

static void
argv_free(char **argv)
{
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Run the program in dir over the files; its standard output in out.
 * Returns its exit status, or -1 when it could not run. */
static int
spawn(const struct dw_lint_ctx *cx, const char *dir, size_t nfiles, dw_buf *out)
{
	dw_buf excl = DW_BUF_INIT;
	char **argv = make_argv(cx, nfiles, &excl);
	int fds[2], status = 0;
	pid_t pid;
	char buf[65536];

	if (pipe(fds) < 0) {
		argv_free(argv);
		dw_buf_free(&excl);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);

		dup2(fds[1], 1);
		if (nul >= 0) {
			dup2(nul, 0);
			dup2(nul, 2);
		}
		close(fds[0]);
		close(fds[1]);
		if (chdir(dir) == 0)
			execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	argv_free(argv);
	dw_buf_free(&excl);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	for (;;) {
		ssize_t k = read(fds[0], buf, sizeof buf);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if (out->len < SC_OUT_MAX)
			dw_buf_put(out, buf, (size_t)k);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- mapping findings back ------------------------------------------ */

/* Byte offset in text of line `line`, column `col` (1-based; columns
 * count characters, a tab as one). */
static size_t
text_offset(const dw_buf *t, long line, long col)
{
	size_t i = 0;

	for (long l = 1; l < line && i < t->len; i++)
		if (t->ptr[i] == '\n')
			l++;
	for (long c = 1; c < col && i < t->len && t->ptr[i] != '\n'; c++) {
		uint32_t cp;

		i += dw_utf8_decode(t->ptr + i, t->len - i, &cp);
	}
	return i;
}

/* The physical position of byte o of a script. */
static dw_pos
script_pos(const struct script *sc, size_t o)
{
	dw_pos p = { 0, 0 };
	size_t ls;

	if (o < sc->a0)
		o = sc->a0;
	if (o < sc->a1 || (o == sc->a1 && sc->a1 > sc->a0))
		return dw_instr_pos(sc->in, sc->base + (o - sc->a0));
	if (o < sc->b0)
		o = sc->b0;
	p.line = sc->body_line;
	ls = sc->b0;
	for (size_t i = sc->b0; i < o && i < sc->text.len; i++)
		if (sc->text.ptr[i] == '\n') {
			p.line++;
			ls = i + 1;
		}
	p.col = (uint32_t)(o - ls + 1);
	return p;
}

static dw_severity
level_sev(const char *l)
{
	if (strcmp(l, "error") == 0)
		return DW_SEV_ERROR;
	if (strcmp(l, "warning") == 0)
		return DW_SEV_WARNING;
	if (strcmp(l, "info") == 0)
		return DW_SEV_INFO;
	return DW_SEV_STYLE;
}

static void
finding_flush(struct sc_run *r)
{
	const struct script *sc;
	dw_span sp;

	if (r->file < 0 || (size_t)r->file >= r->n || r->code <= 0)
		return;
	sc = &r->v[r->file];
	/* A finding about the lines we wrote first is ours, not the user's. */
	if (text_offset(&sc->text, r->line, 1) < sc->a0)
		return;
	sp.start = script_pos(sc, text_offset(&sc->text, r->line, r->col));
	sp.end = script_pos(sc, text_offset(&sc->text, r->end_line, r->end_col));
	if (sp.end.line < sp.start.line ||
	    (sp.end.line == sp.start.line && sp.end.col < sp.start.col))
		sp.end = sp.start;
	lint_report_sc(r->cx, sc->instr, sp, (unsigned)r->code, level_sev(dw_buf_cstr(&r->lvl)),
	               "%s", dw_buf_cstr(&r->msg));
}

static void
on_member(void *ctx, size_t obj, const char *key, const char *val, size_t len)
{
	struct sc_run *r = ctx;

	(void)len;
	if (obj != r->obj) {
		finding_flush(r);
		r->obj = obj;
		r->file = r->code = -1;
		r->line = r->col = r->end_line = r->end_col = 1;
	}
	if (strcmp(key, "file") == 0)
		r->file = strtol(val, NULL, 10);
	else if (strcmp(key, "line") == 0)
		r->line = strtol(val, NULL, 10);
	else if (strcmp(key, "endLine") == 0)
		r->end_line = strtol(val, NULL, 10);
	else if (strcmp(key, "column") == 0)
		r->col = strtol(val, NULL, 10);
	else if (strcmp(key, "endColumn") == 0)
		r->end_col = strtol(val, NULL, 10);
	else if (strcmp(key, "code") == 0)
		r->code = strtol(val, NULL, 10);
	else if (strcmp(key, "level") == 0) {
		dw_buf_clear(&r->lvl);
		dw_buf_puts(&r->lvl, val);
	} else if (strcmp(key, "message") == 0) {
		dw_buf_clear(&r->msg);
		dw_buf_puts(&r->msg, val);
	}
}

static void
scripts_free(struct sc_run *r)
{
	for (size_t i = 0; i < r->n; i++)
		dw_buf_free(&r->v[i].text);
	free(r->v);
	dw_strv_free(&r->names);
	dw_buf_free(&r->msg);
	dw_buf_free(&r->lvl);
}

static dw_span
file_start(void)
{
	dw_span sp = { { 1, 1 }, { 1, 1 } };

	return sp;
}

static void
check_shellcheck(struct dw_lint_ctx *cx)
{
	struct sc_run r;
	dw_buf dir = DW_BUF_INIT, out = DW_BUF_INIT;
	const char *tmp = getenv("TMPDIR");
	int st;

	if (cx->l->shellcheck == NULL)
		return;
	memset(&r, 0, sizeof r);
	r.cx = cx;
	r.obj = (size_t)-1;
	scripts_collect(&r);
	if (r.n == 0 || r.n > SC_MAX_SCRIPTS) {
		if (r.n > SC_MAX_SCRIPTS)
			lint_report_sev(cx, DW_NO_INSTR, file_start(), DW_SEV_INFO,
			                "%zu RUN scripts are more than one ShellCheck run takes (%d); "
			                "not checked", r.n, SC_MAX_SCRIPTS);
		scripts_free(&r);
		return;
	}
	dw_buf_printf(&dir, "%s/dw-shellcheck.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir.ptr) == NULL) {
		lint_report(cx, DW_NO_INSTR, file_start(), "cannot make a folder for ShellCheck: %s",
		            strerror(errno));
	} else {
		st = tmp_write(dir.ptr, &r) == 0 ? spawn(cx, dir.ptr, r.n, &out) : -1;
		tmp_remove(dir.ptr, r.n);
		/* 0: nothing found, 1: findings; anything else is a failure. */
		if ((st != 0 && st != 1) || dw_json_members(out.ptr ? out.ptr : "", out.len, 3,
		                                            on_member, &r) < 0)
			lint_report(cx, DW_NO_INSTR, file_start(),
			            "ShellCheck (%s) failed (exit status %d)", cx->l->shellcheck, st);
		else
			finding_flush(&r);
	}
	dw_buf_free(&dir);
	dw_buf_free(&out);
	scripts_free(&r);
}

const dw_rule dw_rules_shellcheck[] = {
	{ "shellcheck", DW_CAT_PRACTICE, DW_SEV_WARNING, NULL,
	  "ShellCheck finds a problem in a RUN script",
	  "Fix the script as the SC code's page explains, or ignore that code (--ignore SC2086).",
	  "When the shellcheck program is installed (or named by $DW_SHELLCHECK), the scripts of\n"
	  "shell-form RUN and ONBUILD RUN, heredoc bodies included, go through one ShellCheck run\n"
	  "per Dockerfile, under the SHELL in effect (pwsh, cmd and zsh are skipped), with the\n"
	  "stage's ARG and ENV names declared. Findings carry ShellCheck's code (SC2086) and\n"
	  "level, at the physical line and column; ignore or re-grade a code like any rule id.\n"
	  "--shellcheck=never (or lint.shellcheck: never) turns it off. This id reports\n"
	  "ShellCheck itself failing, and a file of more than 20,000 scripts, which one run\n"
	  "cannot take.",
	  check_shellcheck },
	{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL }
};
