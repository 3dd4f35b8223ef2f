/* SPDX-License-Identifier: MIT */
/* cmd.c - argv vectors with masked secrets, and running them without a
 * shell (posix_spawnp), alone or as a two-process pipe, each in a process
 * group of its own that a signal to us stops. */
#include "drv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const dw_span no_span = { { 0, 0 }, { 0, 0 } };

/* The driver's one piece of process-wide state: a signal handler reaches
 * nothing else.  got_signal is the first signal; child_pgid the process
 * group of the command running now, or 0. */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t child_pgid;

static void
cmd_push(drv_cmd *c, const char *s, size_t mask)
{
	dw_strv_push(&c->argv, s, strlen(s));
	if (c->argv.n > c->mask_cap) {
		c->mask_cap = c->argv.cap;
		c->mask = dw_realloc(c->mask, c->mask_cap * sizeof *c->mask);
	}
	c->mask[c->argv.n - 1] = mask;
	/* Keep argv NULL-terminated for posix_spawnp: make room for one more
	 * slot (the placeholder string is dropped again at once). */
	if (c->argv.n == c->argv.cap) {
		dw_strv_push(&c->argv, "", 0);
		c->argv.n--;
		free(c->argv.v[c->argv.n]);
	}
	c->argv.v[c->argv.n] = NULL;
}

void
drv_cmd_add(drv_cmd *c, const char *s)
{
	cmd_push(c, s, 0);
}

void
drv_cmd_addf(drv_cmd *c, const char *fmt, ...)
{
	dw_buf b = DW_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dw_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cmd_push(c, dw_buf_cstr(&b), 0);
	dw_buf_free(&b);
}

void
drv_cmd_add_secret(drv_cmd *c, const char *s, size_t keep)
{
	cmd_push(c, s, keep + 1);
}

void
drv_cmd_setenv(drv_cmd *c, const char *name, const char *value)
{
	dw_buf b = DW_BUF_INIT;

	dw_buf_printf(&b, "%s=%s", name, value);
	dw_strv_push(&c->env, b.ptr, b.len);
	dw_buf_free(&b);
}

void
drv_cmd_free(drv_cmd *c)
{
	dw_strv_free(&c->env);
	dw_strv_free(&c->argv);
	free(c->mask);
	c->mask = NULL;
	c->mask_cap = 0;
}

static bool
needs_quotes(const char *s)
{
	if (*s == '\0')
		return true;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		            "0123456789_-+=/.,:@%", *s))
			return true;
	return false;
}

static void
put_quoted(dw_buf *out, const char *s, size_t n)
{
	dw_buf w = DW_BUF_INIT;

	dw_buf_put(&w, s, n);
	if (!needs_quotes(dw_buf_cstr(&w))) {
		dw_buf_put(out, s, n);
	} else {
		dw_buf_putc(out, '\'');
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '\'')
				dw_buf_puts(out, "'\\''");
			else
				dw_buf_putc(out, s[i]);
		}
		dw_buf_putc(out, '\'');
	}
	dw_buf_free(&w);
}

void
drv_cmd_format(const drv_cmd *c, dw_buf *out)
{
	for (size_t i = 0; i < c->argv.n; i++) {
		const char *a = c->argv.v[i];
		size_t n = strlen(a);

		if (i > 0)
			dw_buf_putc(out, ' ');
		if (c->mask[i] == 0) {
			put_quoted(out, a, n);
		} else {
			/* The kept prefix is quoted; the mask itself is literal. */
			size_t keep = c->mask[i] - 1 < n ? c->mask[i] - 1 : n;
			dw_buf m = DW_BUF_INIT;

			dw_buf_put(&m, a, keep);
			dw_buf_puts(&m, "***");
			put_quoted(out, m.ptr, m.len);
			dw_buf_free(&m);
		}
	}
}

bool
drv_which(const char *name)
{
	const char *path = getenv("PATH");
	dw_buf f = DW_BUF_INIT;
	bool found = false;

	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	while (!found) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		struct stat st;

		dw_buf_clear(&f);
		dw_buf_put(&f, n ? path : ".", n ? n : 1);
		dw_buf_printf(&f, "/%s", name);
		found = stat(f.ptr, &st) == 0 && S_ISREG(st.st_mode) &&
		        access(f.ptr, X_OK) == 0;
		if (!end)
			break;
		path = end + 1;
	}
	dw_buf_free(&f);
	return found;
}

static void
fail_diag(const drv_cmd *c, const drv_result *r, dw_diags *d)
{
	dw_buf line = DW_BUF_INIT;

	drv_cmd_format(c, &line);
	if (r->signaled)
		dw_diags_add(d, DW_SEV_ERROR, NULL, no_span, NULL,
		             "command killed by signal %d: %s", r->status - 128, line.ptr);
	else if (r->status == 127)
		/* Where posix_spawnp cannot report a failed exec itself (an
		 * emulated vfork, as under valgrind), the child exits 127. */
		dw_diags_add(d, DW_SEV_ERROR, NULL, no_span, NULL,
		             "cannot run %s: not found or not executable (exit status 127)",
		             c->argv.n ? c->argv.v[0] : "(empty command)");
	else
		dw_diags_add(d, DW_SEV_ERROR, NULL, no_span, NULL,
		             "command failed with exit status %d: %s", r->status, line.ptr);
	dw_buf_free(&line);
}

static void
start_diag(const drv_cmd *c, int err, dw_diags *d)
{
	if (err == EINTR && got_signal)
		return; /* not started because we are stopping: main says so */
	dw_diags_add(d, DW_SEV_ERROR, NULL, no_span, NULL, "cannot run %s: %s",
	             c->argv.n ? c->argv.v[0] : "(empty command)", strerror(err));
}

/* ---- signals ------------------------------------------------------------ */

static void
on_signal(int sig)
{
	int saved = errno;

	if (got_signal == 0)
		got_signal = sig;
	if (child_pgid > 0)
		kill(-(pid_t)child_pgid, SIGTERM);
	errno = saved;
}

void
drv_signals_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		/* nohup's promise holds: an ignored SIGHUP stays ignored. */
		if (sigs[i] == SIGHUP && sigaction(SIGHUP, NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int
drv_signal_pending(void)
{
	return got_signal;
}

/* pgroup 0: the child leads a new process group; else it joins pgroup. */
static int
spawn(const drv_cmd *c, int in_fd, int out_fd, int err_fd, pid_t pgroup, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none;
	dw_strv envp = DW_STRV_INIT;
	char **env = environ;
	int rc;

	if (c->argv.n == 0)
		return EINVAL;
	if (got_signal)
		return EINTR;
	posix_spawn_file_actions_init(&fa);
	if (in_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	if (err_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	/* A group of its own, so that stopping it stops whatever it started;
	 * the tty's Ctrl-C reaches us alone, and we pass it on. */
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
	posix_spawnattr_setpgroup(&at, pgroup);
	posix_spawnattr_setsigmask(&at, &none);
	if (c->env.n) {
		for (char **e = environ; e && *e; e++) {
			size_t n = strcspn(*e, "=");
			bool replaced = false;

			for (size_t i = 0; i < c->env.n && !replaced; i++)
				replaced = strncmp(c->env.v[i], *e, n) == 0 && c->env.v[i][n] == '=';
			if (!replaced)
				dw_strv_push(&envp, *e, strlen(*e));
		}
		for (size_t i = 0; i < c->env.n; i++)
			dw_strv_push(&envp, c->env.v[i], strlen(c->env.v[i]));
		dw_strv_push(&envp, "", 0); /* room for the terminating NULL */
		free(envp.v[--envp.n]);
		envp.v[envp.n] = NULL;
		env = envp.v;
	}
	rc = posix_spawnp(pid, c->argv.v[0], &fa, &at, c->argv.v, env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	dw_strv_free(&envp);
	if (rc == 0 && pgroup == 0) {
		/* Set before testing got_signal: a signal in between is then
		 * either seen here or stops the group in on_signal. */
		child_pgid = *pid;
		if (got_signal)
			kill(-*pid, SIGTERM);
	}
	return rc;
}

static void
nap(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* Wait for pid, the leader of process group pgid.  Once a signal came:
 * SIGKILL the group when pid outlives the grace period, and whatever is
 * left of the group when pid has ended. */
static void
wait_result(pid_t pid, pid_t pgid, drv_result *r)
{
	int st = 0, naps = 0;

	for (;;) {
		pid_t w = waitpid(pid, &st, got_signal ? WNOHANG : 0);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			st = 0;
			break;
		}
		if (w == 0) {
			if (naps++ == DRV_STOP_GRACE * 20)
				kill(-pgid, SIGKILL);
			nap();
		}
	}
	if (got_signal && pid == pgid)
		kill(-pgid, SIGKILL);
	r->signaled = WIFSIGNALED(st);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void
read_all(int fd, dw_buf *out)
{
	char chunk[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out)
			dw_buf_put(out, chunk, (size_t)n);
	}
}

int
drv_run_status(const drv_cmd *c, dw_buf *capture, bool quiet_stderr,
               drv_result *res, dw_diags *d)
{
	int p[2] = { -1, -1 }, null_fd = -1, rc;
	pid_t pid;

	if (capture && pipe(p) < 0) {
		start_diag(c, errno, d);
		return -1;
	}
	if (quiet_stderr)
		null_fd = open("/dev/null", O_WRONLY);
	rc = spawn(c, -1, capture ? p[1] : 2, null_fd, 0, &pid);
	if (null_fd >= 0)
		close(null_fd);
	if (capture)
		close(p[1]);
	if (rc != 0) {
		if (capture)
			close(p[0]);
		start_diag(c, rc, d);
		return -1;
	}
	if (capture) {
		read_all(p[0], capture);
		close(p[0]);
	}
	wait_result(pid, pid, res);
	child_pgid = 0;
	return 0;
}

int
drv_run(const drv_cmd *c, dw_buf *capture, dw_diags *d)
{
	drv_result r;

	if (drv_run_status(c, capture, false, &r, d) < 0)
		return -1;
	if (r.status != 0) {
		fail_diag(c, &r, d);
		return -1;
	}
	return 0;
}

int
drv_run_pipe(const drv_cmd *a, const drv_cmd *b, dw_diags *d)
{
	int p[2], rc;
	pid_t pa, pb;
	drv_result ra, rb;

	if (pipe(p) < 0) {
		start_diag(a, errno, d);
		return -1;
	}
	/* Our end of the pipe must not leak into the children, or b never
	 * sees end-of-file. */
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	rc = spawn(a, -1, p[1], -1, 0, &pa);
	close(p[1]);
	if (rc != 0) {
		close(p[0]);
		start_diag(a, rc, d);
		return -1;
	}
	/* b joins a's group: one group to stop. */
	rc = spawn(b, p[0], 2, -1, pa, &pb);
	close(p[0]);
	if (rc != 0)
		kill(pa, SIGTERM); /* a must not write into a pipe no one reads */
	wait_result(pa, pa, &ra);
	if (rc != 0) {
		child_pgid = 0;
		start_diag(b, rc, d);
		return -1;
	}
	wait_result(pb, pa, &rb);
	child_pgid = 0;
	if (ra.status != 0)
		fail_diag(a, &ra, d);
	if (rb.status != 0)
		fail_diag(b, &rb, d);
	return ra.status == 0 && rb.status == 0 ? 0 : -1;
}
