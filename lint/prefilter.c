/* SPDX-License-Identifier: MIT */
/*
 * prefilter.c - cheap tests read from a pack rule's pattern, so that the
 * regular expression runs only on subjects it could match.  Most RUN
 * commands are not the program a rule is about, and most RUN lines do
 * not hold its keyword: on the corpus, running every pattern on every
 * subject was a quarter of lint's time.
 *
 * Both readers are conservative: a pattern they do not understand gives
 * no prefilter (every subject is tried), never a wrong one.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

static size_t
name_len(const char *p)
{
	size_t k = 0;

	while ((p[k] >= 'a' && p[k] <= 'z') || (p[k] >= 'A' && p[k] <= 'Z') ||
	       (p[k] >= '0' && p[k] <= '9') || p[k] == '_' || p[k] == '-')
		k++;
	return k;
}

void
lint_pattern_progs(const char *p, dw_strv *out)
{
	dw_strv v = DW_STRV_INIT;
	bool group;
	size_t k;

	if (*p++ != '^')
		return;
	if (strncmp(p, "(\\S*/)?", 7) == 0)
		p += 7;
	group = *p == '(';
	p += group;
	for (;;) {
		if ((k = name_len(p)) == 0)
			goto fail;
		dw_strv_push(&v, p, k);
		p += k;
		if (!group || *p != '|')
			break;
		p++;
	}
	if (group && *p++ != ')')
		goto fail;
	if (strncmp(p, "\\s", 2) != 0 && strncmp(p, "(\\s|$)", 6) != 0)
		goto fail;
	*out = v;
	return;
fail:
	dw_strv_free(&v);
}

/* p at '[': the character after the class, or NULL if it never ends. */
static const char *
skip_class(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;          /* a ']' first is a member, not the end */
	for (; *p && *p != ']'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : NULL;
}

/* p at '(': the character after its ')', or NULL if it never closes. */
static const char *
skip_group(const char *p)
{
	int depth = 0;

	while (*p) {
		if (*p == '\\' && p[1]) {
			p += 2;
			continue;
		}
		if (*p == '[') {
			if ((p = skip_class(p)) == NULL)
				return NULL;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p + 1;
		p++;
	}
	return NULL;
}

static bool
quantifier(char c)
{
	return c == '?' || c == '*' || c == '{';
}

/*
 * The character p stands for when it is a literal, -1 when it is not one
 * (its width in *width), -2 when it is an escape this reader does not
 * know the length of (\x41, \p{L}, \1, \Q...): then give up.
 */
static int
literal_at(const char *p, size_t *width)
{
	const char *specials = ".^$|()[]?*+{}\\";
	const char *classes = "sSdDwWbBhHvVRXAzZGKnrtfeaE";

	*width = 1;
	if ((unsigned char)p[0] >= 0x80)
		return -1;    /* a quantifier after it would take its last byte only */
	if (p[0] != '\\')
		return strchr(specials, p[0]) ? -1 : p[0];
	*width = 2;
	if (p[1] == '\0' || (unsigned char)p[1] >= 0x80)
		return -2;
	if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') ||
	    (p[1] >= '0' && p[1] <= '9'))
		return strchr(classes, p[1]) ? -1 : -2;
	return p[1];      /* \. \- \/ ... are the character itself */
}

static void
keep_longer(dw_buf *run, dw_buf *best)
{
	if (run->len > best->len) {
		dw_buf_clear(best);
		dw_buf_put(best, run->ptr, run->len);
	}
	dw_buf_clear(run);
}

/*
 * Scan the pattern's top level, where every piece must match in order:
 * runs of literal characters there are in every subject it matches.  A
 * top-level '|', an option setting such as (?i), or anything unreadable
 * gives up.  Groups and classes end a run and are skipped whole; a
 * character a ?, * or {n,m} follows is optional and ends the run before
 * it.
 */
char *
lint_pattern_literal(const char *p)
{
	dw_buf run = DW_BUF_INIT, best = DW_BUF_INIT;

	while (p && *p) {
		size_t w;
		int c;

		if (*p == '|' || (p[0] == '(' && p[1] == '?' && !strchr(":=!<", p[2])) ||
		    (p[0] == '(' && p[1] == '?' && p[2] == '<' && !strchr("=!", p[3])))
			break;
		if ((c = literal_at(p, &w)) == -2)
			break;
		if (c >= 0 && !quantifier(p[w])) {
			dw_buf_putc(&run, (char)c);
			p += w;
			if (*p == '+') {      /* once or more: the next run is apart */
				p++;
				keep_longer(&run, &best);
			}
			continue;
		}
		if (*p == '(')
			p = skip_group(p);
		else if (*p == '[')
			p = skip_class(p);
		else if (*p == '{')     /* {2,3}: its digits are no literal */
			p = strchr(p, '}') ? strchr(p, '}') + 1 : NULL;
		else
			p += w;
		keep_longer(&run, &best);
	}
	keep_longer(&run, &best);
	dw_buf_free(&run);
	if (p == NULL || *p != '\0' || best.len == 0) {
		dw_buf_free(&best);     /* gave up, or nothing literal */
		return NULL;
	}
	return dw_buf_detach(&best);
}
