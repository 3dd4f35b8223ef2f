/* SPDX-License-Identifier: MIT */
/*
 * validate.c - BuildKit's instruction layer: what the AST accepts but a
 * build rejects (unknown instructions and flags, argument counts, ONBUILD
 * rules).  Messages follow BuildKit's so that users can search for them.
 */
#include "instr.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct vctx {
	const dw_dockerfile *df;
	dw_diags *d;
	size_t errors;
};

static void
verr(struct vctx *v, dw_span span, const char *fmt, ...) DW_PRINTF(3, 4);

static void
verr(struct vctx *v, dw_span span, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dw_diags_vadd(v->d, DW_SEV_ERROR, v->df->path, span, NULL, fmt, ap);
	va_end(ap);
	v->errors++;
}

static const char *
suggest_keyword(const char *w, size_t n)
{
	const char *best = NULL;
	size_t bestd = 3;

	if (n > 32)
		return NULL;
	for (int k = 1; k < DW_I__COUNT; k++) {
		const char *name = dw_kind_name((dw_kind)k);
		size_t len = strlen(name), dist;

		/* The distance is at least the difference in length: skip the
		 * quadratic count where it cannot win (templates have many
		 * unknown lines). */
		if ((len > n ? len - n : n - len) >= bestd)
			continue;
		dist = dw_edit_distance(w, n, name, len);
		if (dist < bestd) {
			bestd = dist;
			best = name;
		}
	}
	return best;
}

static void
check_unknown(struct vctx *v, const dw_instr *in)
{
	const char *s = suggest_keyword(in->keyword, in->keyword_len);
	dw_span sp = dw_instr_span(in);

	sp.end = sp.start;
	sp.end.col += (uint32_t)in->keyword_len;
	if (s)
		verr(v, sp, "unknown instruction: %.*s (did you mean %s?)",
		     (int)in->keyword_len, in->keyword, s);
	else
		verr(v, sp, "unknown instruction: %.*s", (int)in->keyword_len, in->keyword);
}

static bool
in_list(const char *list, const char *v, size_t n)
{
	const char *p = list;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && memcmp(p, v, n) == 0)
			return true;
		if (!e)
			break;
		p = e + 1;
	}
	return false;
}

static const char *const mount_keys[] = {
	"type", "from", "source", "src", "target", "dst", "destination",
	"ro", "readonly", "rw", "readwrite", "required", "size", "id",
	"sharing", "mode", "uid", "gid", "env", NULL
};

/* RUN --mount=type=cache,target=/x,... */
static void
check_mount(struct vctx *v, const dw_instr *in, const dw_word *w, const char *val, size_t n)
{
	const char *p = val, *end = val + n;

	while (p < end) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		const char *e = c ? c : end;
		const char *eq = memchr(p, '=', (size_t)(e - p));
		size_t kl = (size_t)((eq ? eq : e) - p);
		bool known = false;

		for (int i = 0; mount_keys[i]; i++)
			if (strlen(mount_keys[i]) == kl && strncasecmp(mount_keys[i], p, kl) == 0)
				known = true;
		if (!known && kl > 0)
			verr(v, dw_word_span(in, w), "unexpected key '%.*s' in '%.*s'", (int)kl, p,
			     (int)(e - p), p);
		if (known && kl == 4 && strncasecmp(p, "type", 4) == 0 && eq &&
		    !in_list("bind,cache,tmpfs,secret,ssh", eq + 1, (size_t)(e - eq - 1)))
			verr(v, dw_word_span(in, w), "unsupported mount type %.*s", (int)(e - eq - 1), eq + 1);
		p = e + 1;
	}
}

static void
check_flag(struct vctx *v, const dw_instr *in, const dw_word *w, unsigned *seen)
{
	const char *s = w->value, *eq;
	const dw_flag_spec *f, *base;
	size_t nl;

	if (w->len < 2 || s[0] != '-' || s[1] != '-') {
		verr(v, dw_word_span(in, w), "invalid flag: %s", s);
		return;
	}
	eq = memchr(s, '=', w->len);
	nl = (size_t)((eq ? eq : s + w->len) - s - 2);
	f = dw_flag_lookup(in->kind, s + 2, nl);
	if (f == NULL) {
		verr(v, dw_word_span(in, w), "unknown flag: --%.*s", (int)nl, s + 2);
		return;
	}
	base = dw_instr_spec_of(in->kind)->flags;
	if (f->type != DW_FLAG_MULTI && (seen[f - base]++) > 0)
		verr(v, dw_word_span(in, w), "duplicate flag specified: --%s", f->name);
	if (f->type == DW_FLAG_BOOL) {
		if (eq && strcmp(eq + 1, "true") != 0 && strcmp(eq + 1, "false") != 0)
			verr(v, dw_word_span(in, w), "expecting boolean value for flag %s, not: %s",
			     f->name, eq + 1);
		return;
	}
	if (eq == NULL) {
		verr(v, dw_word_span(in, w), "missing a value on flag: --%s", f->name);
		return;
	}
	if (f->values && !in_list(f->values, eq + 1, strlen(eq + 1)))
		verr(v, dw_word_span(in, w), "invalid value for --%s: %s (expected one of %s)",
		     f->name, eq + 1, f->values);
	if (in->kind == DW_I_RUN && strcmp(f->name, "mount") == 0)
		check_mount(v, in, w, eq + 1, strlen(eq + 1));
}

static void
check_flags(struct vctx *v, const dw_instr *in)
{
	unsigned seen[16] = { 0 };

	for (size_t i = 0; i < in->nflags; i++)
		check_flag(v, in, &in->flags[i], seen);
}

static const char *
upper_name(const dw_instr *in, char *buf, size_t size)
{
	const char *n = dw_kind_name(in->kind);
	size_t i;

	for (i = 0; n && n[i] && i + 1 < size; i++)
		buf[i] = (char)(n[i] - 'a' + 'A');
	buf[i] = '\0';
	return buf;
}

static void
check_onbuild(struct vctx *v, const dw_instr *in)
{
	char name[16];

	if (in->sub == NULL) {
		verr(v, dw_instr_span(in), "ONBUILD requires at least one argument");
		return;
	}
	if (in->sub->kind == DW_I_ONBUILD)
		verr(v, dw_instr_span(in->sub), "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
	else if (in->sub->kind == DW_I_FROM || in->sub->kind == DW_I_MAINTAINER)
		verr(v, dw_instr_span(in->sub), "%s isn't allowed as an ONBUILD trigger",
		     upper_name(in->sub, name, sizeof name));
}

static void
check_healthcheck(struct vctx *v, const dw_instr *in)
{
	const dw_word *t;

	if (in->nargs == 0) {
		verr(v, dw_instr_span(in), "HEALTHCHECK requires an argument");
		return;
	}
	t = &in->args[0];
	if (strcasecmp(t->value, "NONE") == 0) {
		if (in->nargs > 1 || in->nflags > 0)
			verr(v, dw_instr_span(in), "HEALTHCHECK NONE takes no arguments");
	} else if (strcasecmp(t->value, "CMD") == 0) {
		if (in->nargs < 2)
			verr(v, dw_word_span(in, t), "Missing command after HEALTHCHECK CMD");
	} else {
		verr(v, dw_word_span(in, t), "Unknown type \"%s\" in HEALTHCHECK (try CMD)", t->value);
	}
}

/* Argument counts and shapes, per instruction. */
static void
check_args(struct vctx *v, const dw_instr *in)
{
	char name[16];
	size_t n = in->nargs + in->nheredocs;

	upper_name(in, name, sizeof name);
	switch (in->kind) {
	case DW_I_FROM:
		if (in->nargs != 1 && in->nargs != 3)
			verr(v, dw_instr_span(in), "FROM requires either one or three arguments");
		else if (in->nargs == 3 && strcasecmp(in->args[1].value, "AS") != 0)
			verr(v, dw_word_span(in, &in->args[1]), "FROM requires either one or three arguments"
			     " (expected AS as the second)");
		break;
	case DW_I_ADD:
	case DW_I_COPY:
		if (in->nargs < 2)
			verr(v, dw_instr_span(in), "%s requires at least two arguments, but only %s"
			     " provided. Destination could not be determined", name,
			     in->nargs == 1 ? "one was" : "none were");
		(void)n;
		break;
	case DW_I_ARG:
	case DW_I_ENV:
	case DW_I_LABEL:
	case DW_I_EXPOSE:
	case DW_I_VOLUME:
	case DW_I_RUN:
		if (in->nargs == 0)
			verr(v, dw_instr_span(in), "%s requires at least one argument", name);
		break;
	case DW_I_WORKDIR:
	case DW_I_USER:
	case DW_I_STOPSIGNAL:
	case DW_I_MAINTAINER:
		if (in->nargs != 1)
			verr(v, dw_instr_span(in), "%s requires exactly one argument", name);
		break;
	case DW_I_SHELL:
		if (!in->json)
			verr(v, dw_instr_span(in), "SHELL requires the arguments to be in JSON form");
		else if (in->nargs == 0)
			verr(v, dw_instr_span(in), "SHELL requires at least one argument");
		break;
	case DW_I_HEALTHCHECK:
		check_healthcheck(v, in);
		break;
	case DW_I_ONBUILD:
		check_onbuild(v, in);
		break;
	default:
		break;
	}
}

static void
check_instr(struct vctx *v, const dw_instr *in)
{
	if (in->kind == DW_I_UNKNOWN) {
		check_unknown(v, in);
		return;
	}
	check_flags(v, in);
	check_args(v, in);
	if (in->kind == DW_I_ONBUILD && in->sub && in->sub->kind != DW_I_ONBUILD)
		check_instr(v, in->sub);
}

size_t
dw_validate(const dw_dockerfile *df, dw_diags *d)
{
	struct vctx v = { df, d, 0 };
	bool seen_from = false;

	for (size_t i = 0; i < df->ninstrs; i++) {
		const dw_instr *in = &df->instrs[i];

		if (in->kind == DW_I_FROM)
			seen_from = true;
		else if (!seen_from && in->kind != DW_I_ARG && in->kind != DW_I_UNKNOWN)
			verr(&v, dw_instr_span(in), "%.*s before the first FROM: only ARG may come first",
			     (int)in->keyword_len, in->keyword);
		check_instr(&v, in);
	}
	return v.errors;
}
