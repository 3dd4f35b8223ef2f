/* SPDX-License-Identifier: MIT */
/*
 * dockwright.h - the public interface of libdockwright.
 *
 * One library models Dockerfiles (and, later, apps); the programs on top
 * (dockwright, dockwright-build) are thin.  Everything declared here is the
 * contract; the rest of lib/ is private.
 *
 * Conventions, used everywhere:
 *  - Functions that can fail return 0 on success and -1 on failure, and
 *    append a diagnostic to a dw_diags list; nothing below main() exits.
 *  - Allocation failure is the one exception: it is fatal (dw_oom()),
 *    because no caller could do anything better than stop.
 *  - Positions are 1-based physical lines and 1-based byte columns; an end
 *    position is exclusive (the column after the last byte), as in SARIF.
 */
#ifndef DOCKWRIGHT_H
#define DOCKWRIGHT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define DW_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DW_VPRINTF(f) __attribute__((format(printf, f, 0)))
#else
#define DW_VPRINTF(f)
#define DW_PRINTF(f, a)
#endif

/* ---- the one string buffer ------------------------------------------- */

typedef struct dw_buf {
	char *ptr;  /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
} dw_buf;

#define DW_BUF_INIT { NULL, 0, 0 }

void dw_buf_grow(dw_buf *b, size_t extra);
void dw_buf_put_slow(dw_buf *b, const char *s, size_t n);
/* Inline: reports and scanners append short pieces millions of times. */
static inline void
dw_buf_put(dw_buf *b, const char *s, size_t n)
{
	if (n < b->cap - b->len && b->cap) {
		if (n)  /* s may be NULL then */
			memcpy(b->ptr + b->len, s, n);
		b->len += n;
		b->ptr[b->len] = '\0';
	} else {
		dw_buf_put_slow(b, s, n);
	}
}
void dw_buf_puts(dw_buf *b, const char *s);
void dw_buf_putc_slow(dw_buf *b, int c);
/* Inline: scanners append a byte at a time. */
static inline void
dw_buf_putc(dw_buf *b, int c)
{
	if (b->len + 1 < b->cap) {
		b->ptr[b->len++] = (char)c;
		b->ptr[b->len] = '\0';
	} else {
		dw_buf_putc_slow(b, c);
	}
}
void dw_buf_printf(dw_buf *b, const char *fmt, ...) DW_PRINTF(2, 3);
void dw_buf_vprintf(dw_buf *b, const char *fmt, va_list ap) DW_VPRINTF(2);
void dw_buf_truncate(dw_buf *b, size_t len);
void dw_buf_clear(dw_buf *b);
void dw_buf_free(dw_buf *b);
const char *dw_buf_cstr(dw_buf *b);   /* "" for an empty buffer */
char *dw_buf_detach(dw_buf *b);       /* caller frees; never NULL */

/* A growable list of owned C strings. */
typedef struct dw_strv {
	char **v;
	size_t n;
	size_t cap;
} dw_strv;

#define DW_STRV_INIT { NULL, 0, 0 }

void dw_strv_push(dw_strv *sv, const char *s, size_t n);
void dw_strv_free(dw_strv *sv);
/* Is s one of the strings (a linear scan: for short lists)? */
bool dw_strv_has(const dw_strv *sv, const char *s);

void dw_oom(void);
void *dw_malloc(size_t n);
void *dw_calloc(size_t n, size_t size);
void *dw_realloc(void *p, size_t n);
char *dw_strndup(const char *s, size_t n);
char *dw_strdup(const char *s);        /* NULL for NULL */
/* The first n bytes of h equal to the nn bytes of needle (nn > 0), or
 * NULL: memmem(3), which C11 and POSIX lack. */
const char *dw_memfind(const char *h, size_t n, const char *needle, size_t nn);

/* ---- diagnostics ------------------------------------------------------ */

typedef enum dw_severity {
	DW_SEV_ERROR,
	DW_SEV_WARNING,
	DW_SEV_INFO,
	DW_SEV_STYLE
} dw_severity;

typedef struct dw_pos {
	uint32_t line; /* 1-based; 0 when unknown */
	uint32_t col;  /* 1-based byte column; 0 when unknown */
} dw_pos;

typedef struct dw_span {
	dw_pos start;
	dw_pos end; /* exclusive */
} dw_span;

typedef struct dw_diag {
	dw_severity sev;
	char *path;    /* NULL when the diagnostic is not about a file */
	dw_span span;
	char *code;    /* rule or check id, NULL for plain errors */
	char *message;
} dw_diag;

typedef struct dw_diags {
	dw_diag *v;
	size_t n;
	size_t cap;
} dw_diags;

#define DW_DIAGS_INIT { NULL, 0, 0 }

void dw_diags_add(dw_diags *d, dw_severity sev, const char *path, dw_span span,
                  const char *code, const char *fmt, ...) DW_PRINTF(6, 7);
void dw_diags_vadd(dw_diags *d, dw_severity sev, const char *path, dw_span span,
                   const char *code, const char *fmt, va_list ap);
size_t dw_diags_count(const dw_diags *d, dw_severity at_least);
void dw_diags_free(dw_diags *d);
const char *dw_severity_name(dw_severity sev);
/* "path:line:col: severity: message" (with " [code]" when code is set). */
void dw_diag_format(const dw_diag *dg, dw_buf *out);

/* ---- suggestions -------------------------------------------------------- */

/* Levenshtein distance, ASCII case folded. */
size_t dw_edit_distance(const char *a, size_t al, const char *b, size_t bl);
/* The candidate closest to word within limit edits (the first of equals),
 * or NULL: the "did you mean" of every message. */
const char *dw_suggest(const char *word, const char *const *cands, size_t n, size_t limit);

/* ---- secrets ---------------------------------------------------------- */

/* A variable name that usually holds a credential (TOKEN, PASSWORD,
 * ..._KEY, BUNDLE_*, AWS_*). */
bool dw_secret_name(const char *name);
/* A value shaped like a credential (an AWS key, a GitHub or npm token, a
 * private key, user:password@ in a URL). */
bool dw_secret_value(const char *value);

/* Exit codes shared by every program. */
enum {
	DW_EXIT_OK = 0,
	DW_EXIT_FINDINGS = 1, /* findings, parse errors of the input, stale output */
	DW_EXIT_USAGE = 2     /* usage, I/O */
};

/* ---- files ------------------------------------------------------------ */

/* Read a whole file ("-" is stdin).  On failure a diagnostic names the path.
 * Only regular files are read (a FIFO, device or socket is refused without
 * blocking; /dev/null reads as empty), and none larger than DW_FILE_MAX
 * bytes. */
#define DW_FILE_MAX (16u << 20)
int dw_file_read(const char *path, dw_buf *out, dw_diags *d);
/* The folder an app's own files must stay in, resolved: the top of the git
 * work tree that holds dir (the nearest folder up with a .git), else dir.
 * NULL when dir cannot be resolved.  The caller frees. */
char *dw_file_root(const char *dir);
/* dw_file_read, when path, every symlink and ".." resolved, is inside
 * root (from dw_file_root; NULL: anywhere).  Else an error: files found in
 * an app are never read outside it; a path the user names is read with
 * dw_file_read. */
int dw_file_read_under(const char *root, const char *path, dw_buf *out, dw_diags *d);
/* Does path, every symlink and ".." resolved, lie inside the resolved
 * folder root? */
bool dw_path_inside(const char *root, const char *path);
/* Write atomically: temp file in the same directory, fsync, rename.  An
 * error leaves any existing file untouched. */
int dw_file_write_atomic(const char *path, const char *data, size_t len, dw_diags *d);

/* Read a data file shipped with dockwright ("rules/gems.yaml",
 * "templates/...") from $DOCKWRIGHT_DATADIR when set, else from the copy
 * built into the program. */
int dw_data_read(const char *name, dw_buf *out, dw_diags *d);

/* ---- the Dockerfile tree ---------------------------------------------- */

typedef enum dw_kind {
	DW_I_UNKNOWN = 0,
	DW_I_ADD,
	DW_I_ARG,
	DW_I_CMD,
	DW_I_COPY,
	DW_I_ENTRYPOINT,
	DW_I_ENV,
	DW_I_EXPOSE,
	DW_I_FROM,
	DW_I_HEALTHCHECK,
	DW_I_LABEL,
	DW_I_MAINTAINER,
	DW_I_ONBUILD,
	DW_I_RUN,
	DW_I_SHELL,
	DW_I_STOPSIGNAL,
	DW_I_USER,
	DW_I_VOLUME,
	DW_I_WORKDIR,
	DW_I__COUNT
} dw_kind;

/* The lower-case keyword of a kind ("run"); NULL for DW_I_UNKNOWN. */
const char *dw_kind_name(dw_kind k);
/* Kind of a keyword, case-insensitively; DW_I_UNKNOWN if none. */
dw_kind dw_kind_lookup(const char *word, size_t len);

/*
 * One argument or flag.  `value` is what BuildKit's AST holds (quotes and
 * escapes as BuildKit keeps them for that instruction), NUL-terminated;
 * [off, end) is the byte range in the instruction's logical text.  The
 * physical span is computed on demand (dw_word_span): large files have
 * millions of words, and most are never reported.
 */
typedef struct dw_word {
	const char *value;
	uint32_t len;
	uint32_t off;
	uint32_t end;
} dw_word;

typedef struct dw_heredoc {
	const char *name;
	unsigned fd;          /* the N of N<<EOF, 0 when absent */
	bool expand;          /* false when any part of the name was quoted */
	bool chomp;           /* <<- : leading tabs are stripped */
	const char *content;  /* raw body lines with their line ends */
	size_t content_len;
	dw_word word;         /* the <<NAME token in the instruction */
	uint32_t body_line;   /* first body line (== end_line when empty) */
	uint32_t end_line;    /* the terminator line */
} dw_heredoc;

/*
 * A map from offsets in an instruction's logical text to the physical
 * file: bytes from `off` on came from `line` starting at column `col`.
 */
typedef struct dw_seg {
	uint32_t off;
	uint32_t line;
	uint32_t col;
} dw_seg;

typedef struct dw_instr dw_instr;

struct dw_instr {
	const char *text;       /* the logical line: joined, continuation tokens removed */
	const dw_seg *segs;
	const char *keyword;    /* as written; points into text */
	dw_word *flags;         /* "--name=value" strings, as BuildKit's AST */
	dw_word *args;          /* ENV/LABEL: key, value, separator triples */
	dw_instr *sub;          /* ONBUILD's instruction */
	dw_heredoc *heredocs;
	uint32_t text_len;
	uint32_t nsegs;
	uint32_t keyword_len;
	uint32_t end_off;       /* end of the trimmed logical text */
	uint32_t nflags;
	uint32_t nargs;
	uint32_t nheredocs;
	uint32_t start_line;
	uint32_t end_line;      /* last physical line, heredoc bodies included */
	uint32_t comment_first; /* index range of the comments just above */
	uint32_t comment_count;
	dw_kind kind;
	bool json;              /* exec form */
	bool json_fallback;     /* starts with '[' but is not a JSON string array */
	bool empty_continuation;/* a blank line inside the continuation */
};

typedef struct dw_comment {
	uint32_t line;
	uint32_t col;           /* column of the '#' */
	const char *text;       /* after '#', trimmed */
	size_t len;
} dw_comment;

typedef struct dw_directive {
	const char *key;        /* lower-cased: syntax, escape, check */
	const char *value;
	uint32_t line;
} dw_directive;

typedef struct dw_arena dw_arena;

typedef struct dw_dockerfile {
	const char *path;
	char escape;            /* '\\' or '`' */
	dw_instr *instrs;
	size_t ninstrs;
	dw_comment *comments;
	size_t ncomments;
	dw_directive *directives;
	size_t ndirectives;
	uint32_t nlines;        /* physical lines in the file */
	uint32_t start_line;    /* first and last line of any instruction */
	uint32_t end_line;
	dw_arena *arena;        /* owns everything above */
} dw_dockerfile;

typedef struct dw_parse_opts {
	uint32_t max_onbuild_depth; /* 0 = default */
} dw_parse_opts;

/*
 * Parse `len` bytes as BuildKit's parser does.  Returns NULL (and an error
 * diagnostic) on a parse error; warnings such as empty continuation lines
 * are added to `d` either way.  The input need not be NUL-terminated and
 * may contain any bytes.
 */
dw_dockerfile *dw_parse(const char *src, size_t len, const char *path,
                        const dw_parse_opts *opts, dw_diags *d);
void dw_dockerfile_free(dw_dockerfile *df);

/* Physical position of a byte offset in an instruction's logical text. */
dw_pos dw_instr_pos(const dw_instr *in, size_t off);
/* The same for offsets asked in increasing order: *seg (0 at first) keeps
 * the segment the last one was in, so each costs a step, not a search. */
dw_pos dw_instr_pos_near(const dw_instr *in, size_t off, size_t *seg);
/* Physical span of the byte range [off, end) of the logical text. */
dw_span dw_instr_range(const dw_instr *in, size_t off, size_t end);
/* Keyword to the end of the instruction's text (heredoc bodies excluded). */
dw_span dw_instr_span(const dw_instr *in);
/* Physical span of a flag or argument of `in`. */
dw_span dw_word_span(const dw_instr *in, const dw_word *w);

/*
 * The instruction layer of BuildKit: unknown instructions (with a
 * suggestion), unknown, repeated or value-less flags, ONBUILD rules, FROM
 * shape.  Appends errors to `d`; returns the number of errors added.
 */
size_t dw_validate(const dw_dockerfile *df, dw_diags *d);

/* BuildKit's parser-test S-expression dump, one line per instruction. */
void dw_dump(const dw_dockerfile *df, dw_buf *out);
/* Go's strconv.Quote of a byte string, appended to `out`. */
void dw_go_quote(dw_buf *out, const char *s, size_t n);
/* For messages about text read from a file: at most the first 40 bytes
 * (whole UTF-8 sequences), Go-quoted, with "..." after when cut. */
void dw_excerpt(dw_buf *out, const char *s, size_t n);

/* ---- variable expansion (BuildKit's shell lexer) ---------------------- */

typedef struct dw_env {
	const char *const *names;
	const char *const *values;
	size_t n;               /* later entries win over earlier ones */
} dw_env;

typedef struct dw_shell_opts {
	char escape;            /* '\\' or '`' */
	bool raw_quotes;        /* keep quote characters */
	bool raw_escapes;       /* keep escape characters */
	bool skip_unset;        /* leave references to unset names as written */
	bool skip_quotes;       /* treat ' and " as ordinary characters */
	/* Called once per reference to an unset name (for UndefinedVar),
	 * except in ${n-w}, ${n:-w}, ${n+w}, ${n:+w}, ${n?w} and ${n:?w},
	 * which say themselves what unset means. */
	void (*on_unset)(void *ctx, const char *name, size_t len);
	void *ctx;
	/* When set, asked instead of `env` for each name (with `ctx`); false
	 * means unset.  Lets a caller keep its scopes in its own structure
	 * and meter what values contribute. */
	bool (*lookup)(void *ctx, const char *name, size_t len, const char **val);
} dw_shell_opts;

/* Expand one word (no splitting).  On error returns -1 with the message in
 * `err`. */
int dw_shell_expand(const dw_shell_opts *o, const dw_env *env,
                    const char *in, size_t len, dw_buf *out, dw_buf *err);
/* Expand and split into words as BuildKit's ProcessWords does. */
int dw_shell_words(const dw_shell_opts *o, const dw_env *env,
                   const char *in, size_t len, dw_strv *out, dw_buf *err);

/* ---- YAML documents (libyaml), with positions ------------------------- */

typedef enum dw_ykind {
	DW_Y_SCALAR,
	DW_Y_SEQ,
	DW_Y_MAP
} dw_ykind;

typedef struct dw_ynode dw_ynode;

struct dw_ynode {
	dw_ykind kind;
	uint32_t line;          /* 1-based */
	uint32_t col;           /* 1-based */
	const char *str;        /* scalar text (NUL-terminated), else NULL */
	size_t len;
	bool plain;             /* unquoted scalar: may mean null/bool/number */
	dw_ynode **keys;        /* maps: keys[i] -> items[i] */
	dw_ynode **items;       /* sequences and maps */
	size_t n;
};

typedef struct dw_ydoc {
	const char *path;
	dw_ynode *root;         /* NULL for an empty document */
	dw_arena *arena;
} dw_ydoc;

/*
 * Load one YAML document.  Errors (syntax, several documents, nesting
 * deeper than 256, aliases expanding to more than 100000 nodes) are
 * reported as path:line:col and give NULL.
 */
dw_ydoc *dw_yaml_load(const char *src, size_t len, const char *path, dw_diags *d);
void dw_yaml_free(dw_ydoc *doc);
/* A map's value for a key, or NULL. */
const dw_ynode *dw_yaml_get(const dw_ynode *map, const char *key);
/* Plain null, ~ or empty plain scalar. */
bool dw_yaml_is_null(const dw_ynode *n);
/* YAML 1.1/1.2 booleans (true/false/yes/no/on/off, any case); -1 if not. */
int dw_yaml_bool(const dw_ynode *n);
/* The span of a node, for diagnostics. */
dw_span dw_yaml_span(const dw_ynode *n);

#endif
