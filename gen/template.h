/* SPDX-License-Identifier: MIT */
/*
 * template.h - a small, strict Mustache-like template engine for the
 * generator.
 *
 * Syntax:
 *   {{name}}                       the value of a string variable
 *   {{#if name}}..{{else}}..{{/if}} true: bool true, non-empty string or list
 *   {{#unless name}}..{{/unless}}
 *   {{#each list}}..{{/each}}      @first, @last, @index inside
 *   {{> partial}}                  include through the loader (depth <= 16)
 *   {{! comment }}
 *
 * Strict on purpose: an unknown name, a bool or list used as a value, or a
 * one-line value holding a control character (tab excepted) is an error,
 * so that a typo never renders empty and a config value never adds a
 * Dockerfile line.  Names resolve in the innermost #each item first, then
 * outward.  Setting a name again replaces its value; dw_tctx_set_list on
 * an existing list keeps its items.
 * Lines holding only a block tag or comment vanish with their newline; a
 * standalone partial tag line is replaced by the partial, every non-empty
 * line of which gets the tag's indentation (empty lines stay empty, so no
 * trailing white space).  A partial is loaded once per render.
 */
#ifndef DW_TEMPLATE_H
#define DW_TEMPLATE_H

#include "dockwright.h"

typedef struct dw_tctx dw_tctx;      /* a scope of variables; items of lists are scopes too */

dw_tctx *dw_tctx_new(void);
void dw_tctx_free(dw_tctx *c);        /* frees items too */
void dw_tctx_set(dw_tctx *c, const char *name, const char *value);      /* a one-line string */
void dw_tctx_set_raw(dw_tctx *c, const char *name, const char *value);  /* may span lines (hook files pasted verbatim) */
void dw_tctx_set_bool(dw_tctx *c, const char *name, bool v);
dw_tctx *dw_tctx_add_item(dw_tctx *c, const char *list_name);           /* append an item scope to a list (created empty on first use) */
void dw_tctx_set_list(dw_tctx *c, const char *list_name);               /* declare an empty list */

/* Loads a partial template by name ("apt_install" -> its text and a path for
 * diagnostics); returns -1 with a diagnostic when missing. */
typedef int (*dw_tload_fn)(void *ctx, const char *name, dw_buf *text, dw_buf *path, dw_diags *d);

/* Render tmpl (len bytes; path names it in diagnostics) in scope c and
 * append to out.  Returns 0, or -1 with path:line:col diagnostics (out may
 * then hold a partial rendering).  Output is capped at 64 MiB. */
int dw_template_render(const char *tmpl, size_t len, const char *path, const dw_tctx *c,
                       dw_tload_fn load, void *load_ctx, dw_buf *out, dw_diags *d);

#endif
