/* SPDX-License-Identifier: MIT */
/*
 * yaml.c - YAML documents as small trees with positions, built from
 * libyaml's events.  Limits keep hostile input bounded: nesting depth, and
 * alias expansion ("billion laughs"), which is counted, not copied.
 */
#include "arena.h"
#include "dockwright.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define MAX_DEPTH 256
#define MAX_ALIAS_NODES 100000

struct anchor {
	char *name;
	dw_ynode *node;
	size_t size;            /* nodes in the subtree, for the alias budget */
};

struct frame {
	dw_ynode *node;
	dw_ynode **keys, **items;
	size_t n, cap;
	size_t size;
	char *anchor;
};

struct builder {
	dw_ydoc *doc;
	dw_diags *d;
	struct frame stack[MAX_DEPTH + 1];
	size_t depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t alias_nodes;
	int docs;
};

static dw_span
mark_span(yaml_mark_t m)
{
	dw_span s = { { (uint32_t)m.line + 1, (uint32_t)m.column + 1 },
	              { (uint32_t)m.line + 1, (uint32_t)m.column + 1 } };

	return s;
}

static dw_ynode *
new_node(struct builder *B, dw_ykind kind, yaml_mark_t m)
{
	dw_ynode *n = dw_arena_alloc(B->doc->arena, sizeof *n);

	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->line = (uint32_t)m.line + 1;
	n->col = (uint32_t)m.column + 1;
	return n;
}

static void
remember_anchor(struct builder *B, const yaml_char_t *name, dw_ynode *n, size_t size)
{
	struct anchor *a;

	if (name == NULL)
		return;
	if (B->nanchors == B->capanchors) {
		B->capanchors = B->capanchors ? B->capanchors * 2 : 8;
		B->anchors = dw_realloc(B->anchors, B->capanchors * sizeof *B->anchors);
	}
	a = &B->anchors[B->nanchors++];
	a->name = dw_strdup((const char *)name);
	a->node = n;
	a->size = size;
}

/* Attach a finished node to its parent (or make it the root). */
static void
attach(struct builder *B, dw_ynode *n, size_t size)
{
	struct frame *f;

	if (B->depth == 0) {
		B->doc->root = n;
		return;
	}
	f = &B->stack[B->depth - 1];
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->items = dw_realloc(f->items, f->cap * sizeof *f->items);
	}
	f->items[f->n++] = n;
	f->size += size;
}

static int
push(struct builder *B, dw_ykind kind, yaml_mark_t m, const yaml_char_t *anchor)
{
	struct frame *f;

	if (B->depth >= MAX_DEPTH) {
		dw_diags_add(B->d, DW_SEV_ERROR, B->doc->path, mark_span(m), NULL,
		             "YAML nested deeper than %d levels", MAX_DEPTH);
		return -1;
	}
	f = &B->stack[B->depth++];
	memset(f, 0, sizeof *f);
	f->node = new_node(B, kind, m);
	f->size = 1;
	if (anchor)
		f->anchor = dw_strdup((const char *)anchor);
	return 0;
}

static int
pop(struct builder *B, yaml_mark_t m)
{
	struct frame *f = &B->stack[--B->depth];
	dw_ynode *n = f->node;
	size_t size = f->size;

	if (n->kind == DW_Y_MAP) {
		if (f->n % 2 != 0) {
			dw_diags_add(B->d, DW_SEV_ERROR, B->doc->path, mark_span(m), NULL,
			             "malformed YAML mapping");
			free(f->items);
			free(f->anchor);
			return -1;
		}
		n->n = f->n / 2;
		n->keys = dw_arena_alloc(B->doc->arena, n->n * sizeof *n->keys);
		n->items = dw_arena_alloc(B->doc->arena, n->n * sizeof *n->items);
		for (size_t i = 0; i < n->n; i++) {
			n->keys[i] = f->items[2 * i];
			n->items[i] = f->items[2 * i + 1];
		}
	} else {
		n->n = f->n;
		n->items = dw_arena_memdup(B->doc->arena, f->items, f->n * sizeof *f->items);
	}
	free(f->items);
	remember_anchor(B, (const yaml_char_t *)f->anchor, n, size);
	free(f->anchor);
	attach(B, n, size);
	return 0;
}

static int
alias(struct builder *B, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;

	for (size_t i = B->nanchors; i-- > 0;) {
		if (strcmp(B->anchors[i].name, name) != 0)
			continue;
		/* Aliases share the node; the budget counts what a consumer
		 * walking the tree would visit. */
		B->alias_nodes += B->anchors[i].size;
		if (B->alias_nodes > MAX_ALIAS_NODES) {
			dw_diags_add(B->d, DW_SEV_ERROR, B->doc->path, mark_span(ev->start_mark),
			             NULL, "YAML aliases expand to more than %d nodes",
			             MAX_ALIAS_NODES);
			return -1;
		}
		attach(B, B->anchors[i].node, B->anchors[i].size);
		return 0;
	}
	dw_diags_add(B->d, DW_SEV_ERROR, B->doc->path, mark_span(ev->start_mark), NULL,
	             "unknown YAML alias '%s'", name);
	return -1;
}

static void
scalar(struct builder *B, const yaml_event_t *ev)
{
	dw_ynode *n = new_node(B, DW_Y_SCALAR, ev->start_mark);

	n->str = dw_arena_strndup(B->doc->arena, (const char *)ev->data.scalar.value,
	                          ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	remember_anchor(B, ev->data.scalar.anchor, n, 1);
	attach(B, n, 1);
}

static int
event(struct builder *B, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++B->docs > 1) {
			dw_diags_add(B->d, DW_SEV_ERROR, B->doc->path, mark_span(ev->start_mark),
			             NULL, "expected one YAML document, found several");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		return alias(B, ev);
	case YAML_SCALAR_EVENT:
		scalar(B, ev);
		return 0;
	case YAML_SEQUENCE_START_EVENT:
		return push(B, DW_Y_SEQ, ev->start_mark, ev->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return push(B, DW_Y_MAP, ev->start_mark, ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return pop(B, ev->start_mark);
	default:
		return 0;
	}
}

static void
builder_free(struct builder *B)
{
	for (size_t i = 0; i < B->depth; i++) {
		free(B->stack[i].items);
		free(B->stack[i].anchor);
	}
	for (size_t i = 0; i < B->nanchors; i++)
		free(B->anchors[i].name);
	free(B->anchors);
}

dw_ydoc *
dw_yaml_load(const char *src, size_t len, const char *path, dw_diags *d)
{
	struct builder B;
	yaml_parser_t parser;
	yaml_event_t ev;
	dw_ydoc *doc;
	int rc = 0, done = 0;

	memset(&B, 0, sizeof B);
	doc = dw_calloc(1, sizeof *doc);
	doc->arena = dw_arena_new();
	doc->path = path ? dw_arena_strndup(doc->arena, path, strlen(path)) : NULL;
	B.doc = doc;
	B.d = d;
	if (!yaml_parser_initialize(&parser))
		dw_oom();
	yaml_parser_set_input_string(&parser, (const unsigned char *)src, len);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			dw_span sp = mark_span(parser.problem_mark);

			dw_diags_add(d, DW_SEV_ERROR, path, sp, NULL, "YAML: %s%s%s",
			             parser.problem ? parser.problem : "syntax error",
			             parser.context ? " " : "",
			             parser.context ? parser.context : "");
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = event(&B, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	builder_free(&B);
	if (rc < 0) {
		dw_yaml_free(doc);
		return NULL;
	}
	return doc;
}

void
dw_yaml_free(dw_ydoc *doc)
{
	if (doc == NULL)
		return;
	dw_arena_free(doc->arena);
	free(doc);
}

const dw_ynode *
dw_yaml_get(const dw_ynode *map, const char *key)
{
	if (map == NULL || map->kind != DW_Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->kind == DW_Y_SCALAR && strcmp(map->keys[i]->str, key) == 0)
			return map->items[i];
	return NULL;
}

bool
dw_yaml_is_null(const dw_ynode *n)
{
	if (n == NULL)
		return true;
	return n->kind == DW_Y_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcasecmp(n->str, "null") == 0);
}

int
dw_yaml_bool(const dw_ynode *n)
{
	static const char *const yes[] = { "true", "yes", "on", NULL };
	static const char *const no[] = { "false", "no", "off", NULL };

	if (n == NULL || n->kind != DW_Y_SCALAR || !n->plain)
		return -1;
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(n->str, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(n->str, no[i]) == 0)
			return 0;
	return -1;
}

dw_span
dw_yaml_span(const dw_ynode *n)
{
	dw_span s = { { n->line, n->col }, { n->line, n->col + (uint32_t)(n->str ? n->len : 1) } };

	return s;
}
