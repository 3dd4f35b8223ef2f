/* SPDX-License-Identifier: MIT */
/*
 * report.h - the lint reporters.  Each format lives in its own file
 * (report_FORMAT.c) and turns the same input into bytes: the findings of
 * every linted file, sorted by file, line, column and rule, plus the rule
 * table to look up categories, aliases and explanations.
 */
#ifndef DW_REPORT_H
#define DW_REPORT_H

#include "jsonw.h"
#include "lint.h"

typedef enum dw_format {
	DW_FMT_TTY,
	DW_FMT_GNU,
	DW_FMT_JSON,
	DW_FMT_SARIF,
	DW_FMT_CHECKSTYLE,
	DW_FMT_JUNIT,
	DW_FMT_CODECLIMATE,
	DW_FMT_GITLAB,
	DW_FMT__COUNT
} dw_format;

/* "tty" -> DW_FMT_TTY; -1 when unknown. */
int dw_format_lookup(const char *name);
const char *dw_format_name(dw_format f);

/* One linted file: its name as reported, and its bytes (for tty's source
 * lines); src is NULL when the file could not be read. */
typedef struct dw_report_file {
	const char *path;
	const char *src;
	size_t len;
	int threshold;  /* lowest failing severity for junit; -1: nothing fails */
} dw_report_file;

/* Does dg, a finding of file f, reach f's failure threshold? */
bool dw_report_fails(const dw_report_file *f, const dw_diag *dg);

typedef struct dw_report {
	const dw_report_file *files;  /* sorted by path */
	size_t nfiles;
	const dw_diag *findings;      /* sorted with dw_report_sort */
	size_t nfindings;
	const dw_rule *const *rules;  /* sorted by id (dw_linter_rules) */
	size_t nrules;
	const char *version;          /* tool version for sarif */
	bool color;                   /* tty: ANSI colours */
} dw_report;

/* Sort findings by file, line, column, rule id, then message. */
void dw_report_sort(dw_diag *v, size_t n);
/* The rule of a finding's code (an id, not an alias), or NULL. */
const dw_rule *dw_report_rule(const dw_report *r, const char *code);
/* Write the report in format f. */
void dw_report_write(const dw_report *r, dw_format f, dw_buf *out);

void dw_report_tty(const dw_report *r, dw_buf *out);
void dw_report_gnu(const dw_report *r, dw_buf *out);
void dw_report_json(const dw_report *r, dw_buf *out);
void dw_report_sarif(const dw_report *r, dw_buf *out);
void dw_report_checkstyle(const dw_report *r, dw_buf *out);
void dw_report_junit(const dw_report *r, dw_buf *out);
void dw_report_codeclimate(const dw_report *r, dw_buf *out);
void dw_report_gitlab(const dw_report *r, dw_buf *out);

/* Helpers shared by the reporters (report.c). */
/* XML character data or attribute value: any bytes in, well-formed
 * XML 1.0 out (invalid UTF-8 and disallowed characters become U+FFFD). */
void dw_xml_escape(dw_buf *out, const char *s);
/* A rule's alias list "A,B" as a JSON array ["A", "B"] (json, sarif). */
struct dw_jsonw;
void dw_report_json_aliases(struct dw_jsonw *w, const char *aliases);
/* Terminal-safe text: control characters other than tab become '?'. */
void dw_tty_sanitize(dw_buf *out, const char *s, size_t n);
/* The findings of file i, [*lo, *hi), for reporters that walk files and
 * findings together (both sorted by path); *cursor starts at 0. */
void dw_report_file_range(const dw_report *r, size_t i, size_t *cursor, size_t *lo,
                          size_t *hi);
/* The lines of one file, indexed once so that a report over a million
 * findings does not rescan the file for each. */
typedef struct dw_lines {
	const dw_report_file *f;
	size_t *start;          /* byte offset of each line; start[n] = len + 1 */
	size_t n;
} dw_lines;
/* Point c at the file named path (reindexing only when it changes). */
void dw_lines_use(dw_lines *c, const dw_report *r, const char *path);
/* Line lno (1-based) without its line end, or NULL. */
const char *dw_lines_get(const dw_lines *c, uint32_t lno, size_t *len);
void dw_lines_free(dw_lines *c);

/*
 * Streaming: tty, gnu and json can write findings one at a time, in the
 * order given (file order), so a caller need not keep them; the others
 * sort, count or group over all findings first.  r->files must hold the
 * file of each finding when it is written (tty shows its source line).
 */
bool dw_report_streams(dw_format f);
typedef struct dw_report_stream {
	const dw_report *r;
	dw_format f;
	dw_buf *out;
	dw_lines lines;
	dw_jsonw json;
	const char *explain_id; /* tty: the first finding's explainable rule */
} dw_report_stream;
void dw_report_stream_begin(dw_report_stream *s, const dw_report *r, dw_format f,
                            dw_buf *out);
void dw_report_stream_one(dw_report_stream *s, const dw_diag *dg);
/* The next finding may be of another file (tty re-reads its lines). */
void dw_report_stream_file(dw_report_stream *s);
void dw_report_stream_end(dw_report_stream *s);
void dw_report_tty_one(const dw_report *r, dw_lines *lines, const dw_diag *dg, dw_buf *out);
/* The rule of dg if `rules explain` knows it (one of r->rules), or NULL. */
const char *dw_report_explainable(const dw_report *r, const dw_diag *dg);
/* tty's closing line, pointing at `rules explain` (nothing when id is NULL). */
void dw_report_tty_footer(const char *id, dw_buf *out);
void dw_report_gnu_one(const dw_diag *dg, dw_buf *out);
void dw_report_json_one(const dw_report *r, dw_jsonw *w, const dw_diag *dg);

/* A relative path as a URI reference (percent-encoded), for SARIF. */
void dw_path_uri(dw_buf *out, const char *path);

#endif
