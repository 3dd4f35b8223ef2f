/* SPDX-License-Identifier: MIT */
/* data.c - find a shipped data file: $DOCKWRIGHT_DATADIR, else built in. */
#include "data.h"
#include "dockwright.h"

#include <stdlib.h>
#include <string.h>

int
dw_data_read(const char *name, dw_buf *out, dw_diags *d)
{
	const char *dir = getenv("DOCKWRIGHT_DATADIR");
	static const dw_span none;

	/* The override exists so that edits to rules/ and templates/ can be
	 * tried without rebuilding, and so tests can point at the tree. */
	if (dir && *dir) {
		dw_buf path = DW_BUF_INIT;
		int rc;

		dw_buf_printf(&path, "%s/%s", dir, name);
		rc = dw_file_read(path.ptr, out, d);
		dw_buf_free(&path);
		return rc;
	}
	for (const dw_data_file *f = dw_data_files; f->name; f++)
		if (strcmp(f->name, name) == 0) {
			dw_buf_put(out, f->data, f->len);
			return 0;
		}
	dw_diags_add(d, DW_SEV_ERROR, name, none, NULL, "no such data file built in");
	return -1;
}
