/* SPDX-License-Identifier: MIT */
/* file.c - whole-file reads and atomic writes. */
#include "dockwright.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const dw_span no_span;

/* Read fd to its end, or until it has given `size` bytes (its size when
 * opened, 0 when unknown): a regular file then needs no second read
 * just to see the end. */
static int
read_fd(int fd, dw_buf *out, size_t size)
{
	while (size == 0 || out->len < size) {
		ssize_t n;

		/* dw_file_read sized the buffer from fstat: grow only when full. */
		if (out->cap == 0 || out->len + 1 >= out->cap)
			dw_buf_grow(out, 64 * 1024);
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		out->len += (size_t)n;
		if (out->len > DW_FILE_MAX)
			break; /* the caller reports it */
	}
	out->ptr[out->len] = '\0';
	return 0;
}

static bool
is_dev_null(const struct stat *st)
{
	struct stat null;

	return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 &&
	       null.st_rdev == st->st_rdev && S_ISCHR(null.st_mode);
}

int
dw_file_read(const char *path, dw_buf *out, dw_diags *d)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		if (read_fd(STDIN_FILENO, out, 0) < 0) {
			dw_diags_add(d, DW_SEV_ERROR, "<stdin>", no_span, NULL,
			             "cannot read: %s", strerror(errno));
			return -1;
		}
		if (out->len > DW_FILE_MAX) {
			dw_diags_add(d, DW_SEV_ERROR, "<stdin>", no_span, NULL,
			             "input too large: the limit is %u MiB", DW_FILE_MAX >> 20);
			return -1;
		}
		return 0;
	}
	/* O_NONBLOCK: opening a FIFO with no writer must not hang us; what
	 * the path is shows in fstat, of the very file we opened. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (is_dev_null(&st)) {
		close(fd);
		return 0; /* `-c /dev/null`: an empty file, by long habit */
	}
	if (!S_ISREG(st.st_mode)) {
		/* A directory opens fine but reads fail with EISDIR; say it plainly. */
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL, "%s",
		             S_ISDIR(st.st_mode) ? "is a directory"
		                                 : "not a regular file (a FIFO, device or socket)");
		close(fd);
		return -1;
	}
	if ((uintmax_t)st.st_size > DW_FILE_MAX) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "file too large: %jd bytes, the limit is %u MiB",
		             (intmax_t)st.st_size, DW_FILE_MAX >> 20);
		close(fd);
		return -1;
	}
	if (st.st_size > 0)
		dw_buf_grow(out, (size_t)st.st_size + 1);
	rc = read_fd(fd, out, (size_t)st.st_size);
	if (rc < 0)
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot read: %s", strerror(errno));
	else if (out->len > DW_FILE_MAX) {
		/* It grew while we read it. */
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "file too large: the limit is %u MiB", DW_FILE_MAX >> 20);
		rc = -1;
	}
	close(fd);
	return rc;
}

char *
dw_file_root(const char *dir)
{
	char *top = realpath(dir, NULL);
	dw_buf p = DW_BUF_INIT;
	size_t n;

	if (top == NULL)
		return NULL;
	/* Walk up to the first folder with a .git (a work tree's top);
	 * top[0..n) is the folder, n == 0 the file system root. */
	for (n = strlen(top);;) {
		struct stat st;

		dw_buf_clear(&p);
		dw_buf_printf(&p, "%.*s/.git", (int)n, top);
		if (lstat(p.ptr, &st) == 0) {
			top[n ? n : 1] = '\0';
			dw_buf_free(&p);
			return top;
		}
		if (n == 0)
			break;
		while (n > 0 && top[n - 1] != '/')
			n--;
		if (n > 0)
			n--;
	}
	dw_buf_free(&p);
	free(top);
	return realpath(dir, NULL);
}

bool
dw_path_inside(const char *root, const char *path)
{
	char *real = root ? realpath(path, NULL) : NULL;
	size_t n = root ? strlen(root) : 0;
	bool in = real && strncmp(real, root, n) == 0 &&
	          (real[n] == '/' || real[n] == '\0' || strcmp(root, "/") == 0);

	free(real);
	return in;
}

int
dw_file_read_under(const char *root, const char *path, dw_buf *out, dw_diags *d)
{
	struct stat st;

	/* A path that does not resolve: dw_file_read says why. */
	if (root == NULL || stat(path, &st) != 0)
		return dw_file_read(path, out, d);
	if (!dw_path_inside(root, path)) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "leads outside %s (through a symlink or '..'); not read", root);
		return -1;
	}
	return dw_file_read(path, out, d);
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The mode of a new file: 0666 less the umask, as open(2) would give. */
static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/*
 * Write to a temp file beside path, then rename it over path.  An existing
 * file keeps its permission bits, less setuid, setgid and sticky (the new
 * contents are not what was vetted); a new one gets 0666 less the umask.
 * SIGINT, SIGTERM and SIGHUP wait until the temp file is renamed or
 * removed, so that no signal leaves it behind.
 */
int
dw_file_write_atomic(const char *path, const char *data, size_t len, dw_diags *d)
{
	dw_buf tmp = DW_BUF_INIT;
	struct stat st;
	sigset_t block, saved_mask;
	mode_t mode;
	int fd, saved, rc = -1;

	if (lstat(path, &st) == 0) {
		/* Renaming over a device, fifo or directory would change what
		 * the path is, not just what it holds. */
		if (!S_ISREG(st.st_mode)) {
			dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
			             "refusing to replace a file that is not a regular file");
			return -1;
		}
		mode = st.st_mode & 0777;
	} else {
		mode = new_file_mode();
	}
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &saved_mask);
	dw_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot create temporary file: %s", strerror(errno));
	} else if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp.ptr);
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot write: %s", strerror(saved));
	} else if (close(fd) < 0 || rename(tmp.ptr, path) < 0) {
		saved = errno;
		unlink(tmp.ptr);
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot write: %s", strerror(saved));
	} else {
		rc = 0;
	}
	sigprocmask(SIG_SETMASK, &saved_mask, NULL);
	dw_buf_free(&tmp);
	return rc;
}
