/* file.c - whole-file reads and atomic writes. */
#include "dockwright.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const dw_span no_span;

static int
read_fd(int fd, dw_buf *out)
{
	for (;;) {
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
	}
	out->ptr[out->len] = '\0';
	return 0;
}

int
dw_file_read(const char *path, dw_buf *out, dw_diags *d)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0) {
		if (read_fd(STDIN_FILENO, out) < 0) {
			dw_diags_add(d, DW_SEV_ERROR, "<stdin>", no_span, NULL,
			             "cannot read: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0) {
		/* A directory opens fine but reads fail with EISDIR; say it plainly. */
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL, "is a directory");
			return -1;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			dw_buf_grow(out, (size_t)st.st_size + 1);
	}
	rc = read_fd(fd, out);
	if (rc < 0)
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot read: %s", strerror(errno));
	close(fd);
	return rc;
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

int
dw_file_write_atomic(const char *path, const char *data, size_t len, dw_diags *d)
{
	dw_buf tmp = DW_BUF_INIT;
	struct stat st;
	mode_t mode = 0644;
	int fd, saved;

	if (lstat(path, &st) == 0) {
		/* Renaming over a device, fifo or directory would change what
		 * the path is, not just what it holds. */
		if (!S_ISREG(st.st_mode)) {
			dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
			             "refusing to replace a file that is not a regular file");
			return -1;
		}
		mode = st.st_mode & 07777;
	}
	dw_buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot create temporary file: %s", strerror(errno));
		dw_buf_free(&tmp);
		return -1;
	}
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp.ptr);
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot write: %s", strerror(saved));
		dw_buf_free(&tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp.ptr, path) < 0) {
		saved = errno;
		unlink(tmp.ptr);
		dw_diags_add(d, DW_SEV_ERROR, path, no_span, NULL,
		             "cannot write: %s", strerror(saved));
		dw_buf_free(&tmp);
		return -1;
	}
	dw_buf_free(&tmp);
	return 0;
}
