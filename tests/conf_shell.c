/* SPDX-License-Identifier: MIT */
/*
 * conf_shell.c - BuildKit's shell conformance files, envVarTest (single
 * words) and wordsTest (word lists), run against dw_shell_expand and
 * dw_shell_words.  The files are read from the shared directory at run
 * time, never copied into the project.  One TAP line per case.
 */
#include "dockwright.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
	size_t pass, fail, skip;
};

/* A growable environment: parallel name and value arrays. */
struct env {
	char **names;
	char **values;
	size_t n, cap;
};

/* A line cursor over a whole file, splitting as bufio.Scanner does: no
 * empty token after the final newline, and a trailing CR dropped. */
struct lines {
	const char *p, *end;
	unsigned no;
};

static bool
next_line(struct lines *ls, const char **s, size_t *n)
{
	const char *nl;

	if (ls->p >= ls->end)
		return false;
	nl = memchr(ls->p, '\n', (size_t)(ls->end - ls->p));
	if (nl == NULL)
		nl = ls->end;
	*s = ls->p;
	*n = (size_t)(nl - ls->p);
	if (*n > 0 && (*s)[*n - 1] == '\r')
		(*n)--;
	ls->p = nl < ls->end ? nl + 1 : nl;
	ls->no++;
	return true;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_blank((*s)[*n - 1]))
		(*n)--;
}

static bool
equals(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Split s on '|' into at most max fields; returns the real count. */
static size_t
split_bar(const char *s, size_t n, const char **f, size_t *fl, size_t max)
{
	size_t count = 0, start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '|')
			continue;
		if (count < max) {
			f[count] = s + start;
			fl[count] = i - start;
		}
		count++;
		start = i + 1;
	}
	return count;
}

/* A readable, single-line rendering of an input for TAP descriptions. */
static const char *
show(dw_buf *b, const char *s, size_t n)
{
	dw_buf_clear(b);
	dw_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			dw_buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7F)
			dw_buf_printf(b, "\\x%02x", c);
		else
			dw_buf_putc(b, c);
	}
	dw_buf_putc(b, '"');
	return dw_buf_cstr(b);
}

static char *
slurp(const char *path, size_t *len)
{
	dw_buf b = DW_BUF_INIT;
	char chunk[8192];
	size_t got;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		dw_buf_put(&b, chunk, got);
	if (ferror(f)) {
		fclose(f);
		dw_buf_free(&b);
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return dw_buf_detach(&b);
}

static void
tally(struct counts *c, bool ok)
{
	if (ok)
		c->pass++;
	else
		c->fail++;
}

/* ---- envVarTest ---------------------------------------------------------- */

static void
env_var_case(tap *t, struct counts *c, unsigned no, const char *src,
    size_t slen, const char *want, size_t wlen)
{
	static const char *const names[] = { "PWD", "SHELL", "KOREAN", "NULL" };
	static const char *const values[] = { "/home", "bash",
	    "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4", "" };
	const dw_env env = { names, values, 4 };
	const dw_shell_opts o = { '\\', false, false, false, false, NULL, NULL, NULL };
	dw_buf out = DW_BUF_INIT, err = DW_BUF_INIT, d = DW_BUF_INIT;
	bool must_fail = equals(want, wlen, "error"), ok;
	int rc;

	rc = dw_shell_expand(&o, &env, src, slen, &out, &err);
	if (must_fail)
		ok = rc == -1;
	else
		ok = rc == 0 && out.len == wlen && memcmp(out.ptr, want, wlen) == 0;
	tally(c, ok);
	tap_ok(t, ok, "envVarTest:%u %s", no, show(&d, src, slen));
	if (!ok) {
		if (rc == 0)
			tap_diag("got %s", show(&d, out.ptr, out.len));
		else
			tap_diag("error: %s", dw_buf_cstr(&err));
	}
	dw_buf_free(&out);
	dw_buf_free(&err);
	dw_buf_free(&d);
}

static void
env_var_line(tap *t, struct counts *c, unsigned no, const char *s, size_t n)
{
	const char *f[3];
	size_t fl[3];
	dw_buf d = DW_BUF_INIT;

	if (split_bar(s, n, f, fl, 3) != 3) {
		tally(c, false);
		tap_ok(t, false, "envVarTest:%u needs 3 fields: %s", no,
		    show(&d, s, n));
		dw_buf_free(&d);
		return;
	}
	for (int i = 0; i < 3; i++)
		trim(&f[i], &fl[i]);
	if (equals(f[0], fl[0], "A") || equals(f[0], fl[0], "U")) {
		env_var_case(t, c, no, f[1], fl[1], f[2], fl[2]);
	} else if (equals(f[0], fl[0], "W")) {
		c->skip++;
		tap_skip(t, "envVarTest:%u %s (windows only)", no,
		    show(&d, f[1], fl[1]));
	} else {
		tally(c, false);
		tap_ok(t, false, "envVarTest:%u invalid platform tag %s", no,
		    show(&d, f[0], fl[0]));
	}
	dw_buf_free(&d);
}

static void
run_env_var(tap *t, const char *data, size_t len)
{
	struct lines ls = { data, data + len, 0 };
	struct counts c = { 0, 0, 0 };
	const char *s;
	size_t n;

	while (next_line(&ls, &s, &n)) {
		if (n > 0 && s[0] == '#')
			continue;
		trim(&s, &n);
		if (n > 0)
			env_var_line(t, &c, ls.no, s, n);
	}
	tap_diag("envVarTest: %zu passed, %zu failed, %zu skipped", c.pass,
	    c.fail, c.skip);
}

/* ---- wordsTest ----------------------------------------------------------- */

/* "k=v" as BuildKit's BuildEnvs splits it; later entries win in dw_env. */
static void
env_add(struct env *e, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	size_t k = eq != NULL ? (size_t)(eq - s) : n;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->names = dw_realloc(e->names, e->cap * sizeof *e->names);
		e->values = dw_realloc(e->values, e->cap * sizeof *e->values);
	}
	e->names[e->n] = dw_strndup(s, k);
	e->values[e->n] = eq != NULL ? dw_strndup(eq + 1, n - k - 1) :
	    dw_strndup("", 0);
	e->n++;
}

static void
env_free(struct env *e)
{
	for (size_t i = 0; i < e->n; i++) {
		free(e->names[i]);
		free(e->values[i]);
	}
	free(e->names);
	free(e->values);
}

/* The expected field: leading spaces go, trailing ones count. */
static void
expected_words(const char *s, size_t n, dw_strv *want)
{
	size_t start;

	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == ',') {
			dw_strv_push(want, s + start, i - start);
			start = i + 1;
		}
	}
}

static bool
same_words(const dw_strv *a, const dw_strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static void
show_words(dw_buf *b, const dw_strv *w)
{
	dw_buf tmp = DW_BUF_INIT;

	dw_buf_clear(b);
	for (size_t i = 0; i < w->n; i++) {
		if (i > 0)
			dw_buf_puts(b, ", ");
		dw_buf_puts(b, show(&tmp, w->v[i], strlen(w->v[i])));
	}
	dw_buf_free(&tmp);
}

static void
words_case(tap *t, struct counts *c, const struct env *e, unsigned no,
    const char *src, size_t slen, const dw_strv *want)
{
	const dw_env env = { (const char *const *)e->names,
	    (const char *const *)e->values, e->n };
	const dw_shell_opts o = { '\\', false, false, false, false, NULL, NULL, NULL };
	dw_strv got = DW_STRV_INIT;
	dw_buf err = DW_BUF_INIT, d = DW_BUF_INIT;
	bool must_fail = want->n == 1 && strcmp(want->v[0], "error") == 0;
	bool ok;
	int rc;

	rc = dw_shell_words(&o, &env, src, slen, &got, &err);
	ok = must_fail ? rc == -1 : rc == 0 && same_words(&got, want);
	tally(c, ok);
	tap_ok(t, ok, "wordsTest:%u %s", no, show(&d, src, slen));
	if (!ok && rc == 0) {
		show_words(&d, &got);
		tap_diag("got [%s]", dw_buf_cstr(&d));
	} else if (!ok) {
		tap_diag("error: %s", dw_buf_cstr(&err));
	}
	dw_strv_free(&got);
	dw_buf_free(&err);
	dw_buf_free(&d);
}

static void
words_line(tap *t, struct counts *c, const struct env *e, unsigned no,
    const char *s, size_t n)
{
	const char *f[2];
	size_t fl[2];
	dw_strv want = DW_STRV_INIT;
	dw_buf d = DW_BUF_INIT;

	if (split_bar(s, n, f, fl, 2) != 2) {
		tally(c, false);
		tap_ok(t, false, "wordsTest:%u needs exactly one '|': %s", no,
		    show(&d, s, n));
		dw_buf_free(&d);
		return;
	}
	trim(&f[0], &fl[0]);
	expected_words(f[1], fl[1], &want);
	words_case(t, c, e, no, f[0], fl[0], &want);
	dw_strv_free(&want);
	dw_buf_free(&d);
}

static void
run_words(tap *t, const char *data, size_t len)
{
	struct lines ls = { data, data + len, 0 };
	struct counts c = { 0, 0, 0 };
	struct env e = { NULL, NULL, 0, 0 };
	const char *s;
	size_t n;

	while (next_line(&ls, &s, &n)) {
		if (n > 0 && s[0] == '#')
			continue;
		if (n >= 4 && memcmp(s, "ENV ", 4) == 0) {
			s += 3;
			n -= 3;
			while (n > 0 && *s == ' ') {
				s++;
				n--;
			}
			env_add(&e, s, n);
			continue;
		}
		words_line(t, &c, &e, ls.no, s, n);
	}
	env_free(&e);
	tap_diag("wordsTest: %zu passed, %zu failed, %zu skipped", c.pass,
	    c.fail, c.skip);
}

static void
run_file(tap *t, const char *dir, const char *name,
    void (*run)(tap *, const char *, size_t))
{
	char path[4096];
	char *data;
	size_t len = 0;

	snprintf(path, sizeof path, "%s/conformance/buildkit/shell/%s", dir,
	    name);
	data = slurp(path, &len);
	if (data == NULL) {
		tap_ok(t, false, "%s: cannot read %s", name, path);
		return;
	}
	run(t, data, len);
	free(data);
}

int
main(void)
{
	char buf[4096];
	const char *dir = tap_shared_dir(buf, sizeof buf);
	tap t = { 0, 0 };

	if (dir == NULL)
		return tap_skip_all("shared/ not found: set DOCKWRIGHT_SHARED "
		    "or DW_SRCDIR to find conformance/buildkit/shell");
	run_file(&t, dir, "envVarTest", run_env_var);
	run_file(&t, dir, "wordsTest", run_words);
	return tap_done(&t);
}
