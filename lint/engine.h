/* SPDX-License-Identifier: MIT */
/*
 * engine.h - what a rule's check function sees: the parse tree, the stage
 * model (stage.c), the shell view of RUN (shellview.c) and the reporting
 * helpers.  Private to lint/.
 */
#ifndef DW_LINT_ENGINE_H
#define DW_LINT_ENGINE_H

#include "lint.h"

#define DW_NO_INSTR ((size_t)-1)

/* One stage: the instructions [first, end) from its FROM on. */
typedef struct dw_lint_stage {
	size_t first, end;
	const char *name;       /* as written after AS, or NULL */
	char *image;            /* expanded base image, NULL when unknown */
	char *image_default;    /* with ARGs lacking a default as "", when FROM uses an ARG */
	char *platform;         /* expanded --platform, NULL when none/unknown */
	bool has_platform;
	int parent;             /* the stage it is FROM, or -1 */
	int *copies;            /* stages its COPY --from / RUN --mount from= name */
	size_t ncopies;
	bool aws_base;          /* an AWS Lambda base image at the root */
	bool has_shell;         /* an explicit SHELL in this stage */
	bool shell_posix;       /* the current SHELL is sh-like */
	bool pipefail;          /* a SHELL with -o pipefail */
	const char *shell;      /* the SHELL's program, NULL for /bin/sh */
	/* Computed once by stage.c so rules never walk chains themselves. */
	bool used;              /* the final stage reaches it (FROM, COPY --from, mount) */
	bool final_chain;       /* the final stage or one of its FROM ancestors */
	int same_name;          /* an earlier stage of the same name, or -1 */
	bool workdir_abs;       /* an absolute WORKDIR is in effect at its end */
	/* The image config in effect at the end of the stage, inherited
	 * through FROM: instruction indexes or DW_NO_INSTR. */
	size_t entrypoint, cmd, workdir, user;
	bool cmd_set;           /* a CMD in this stage itself */
	int root;               /* the first stage of its FROM chain */
} dw_lint_stage;

/* One word of the process Lambda starts, and where it is written. */
typedef struct dw_lint_pword {
	const char *s;
	size_t instr;
	const dw_word *w;
} dw_lint_pword;

/*
 * The process of the final image: ENTRYPOINT + CMD after inheritance, as
 * Lambda execs it (query.c).  Words of the shell form are
 * ["/bin/sh", "-c", text] and keep the instruction's first word as source.
 */
typedef struct dw_lint_process {
	size_t ep, cmd;         /* the instructions in effect, or DW_NO_INSTR */
	bool ep_shell, cmd_shell;
	bool aws_entry;         /* the base image's /lambda-entrypoint.sh runs */
	bool base_unknown;      /* the root image is not one whose config we know */
	const char *base;       /* the root image, NULL when unknown */
	dw_lint_pword *v;
	size_t n;
	size_t prog;            /* the program after env/sudo/bundle exec wrappers */
	size_t ric;             /* the runtime client's word, or SIZE_MAX */
} dw_lint_process;

/* A command of the shell view: argv without leading assignments and
 * shell keywords; each word has its physical span. */
typedef struct dw_lint_cmd {
	size_t instr;
	char **argv;
	dw_span *spans;
	size_t argc;
	bool heredoc;           /* from a heredoc body */
	char op;                /* what follows: '|' pipe, '&' &&, 'o' ||, ';', 0 */
	const char *name;       /* argv[0] without its directory */
	char *text;             /* argv joined by spaces, made on first use (pack.c) */
} dw_lint_cmd;

/* Per instruction. */
typedef struct dw_lint_info {
	int stage;              /* -1 before the first FROM */
	char **exp;             /* expanded args (NULL entry: unknown value) */
	size_t nexp;
	size_t cmd_first, ncmds;/* its shell commands (RUN) */
	bool shell_posix;       /* the SHELL in effect is sh-like */
	bool shell_pipefail;    /* ... and sets -o pipefail */
	const char *shell;      /* the SHELL's program, NULL for /bin/sh */
	bool has_bad_quote;     /* the shell view met an unterminated quote */
	dw_span bad_quote;
} dw_lint_info;

typedef struct dw_lint_undef {
	size_t instr;
	char *name;
	bool in_from;           /* from a FROM line (global scope) */
} dw_lint_undef;

typedef struct dw_lint_pragma {
	int scope;              /* 0 instruction, 1 stage, 2 global */
	size_t where;           /* instruction or stage index */
	const dw_rule *rule;    /* NULL: every BuildKit check (check=skip=all) */
	unsigned sc;            /* a ShellCheck code (rule "shellcheck"), 0: all */
} dw_lint_pragma;

/* The findings of one file (findings.c): fixed-size records, each
 * distinct code and message stored once. */
struct lint_rec;
typedef struct lint_findings {
	struct lint_rec *v;
	size_t n, cap;
	dw_buf msgs;            /* the messages, NUL-terminated */
	size_t *msg_off;
	size_t nmsgs, capmsgs;
	uint32_t *slots;        /* message hash: index + 1, 0 empty */
	size_t nslots;
	dw_strv codes;
	uint32_t last_code;
	dw_buf scratch;
} lint_findings;

void lint_findings_add(lint_findings *f, dw_severity sev, dw_span span, const char *code,
                       const char *msg, size_t len);
void lint_findings_vadd(lint_findings *f, dw_severity sev, dw_span span, const char *code,
                        const char *fmt, va_list ap);
/* Sort into file order, drop repeats, and call fn with each. */
void lint_findings_emit(lint_findings *f, const char *path, dw_lint_emit_fn fn, void *ctx);
void lint_findings_free(lint_findings *f);

struct dw_lint_ctx {
	const dw_linter *l;
	const dw_dockerfile *df;
	const char *path;
	lint_findings *out;
	dw_diags parse;         /* the parser's warnings */
	dw_diags valid;         /* dw_validate's errors */
	dw_lint_stage *stages;
	size_t nstages;
	int final;              /* index of the final stage, -1 when none */
	dw_lint_info *info;
	dw_lint_cmd *cmds;
	size_t ncmds, capcmds;
	struct dw_arena *arena; /* the shell view's words, argv and spans */
	dw_lint_undef *undef;
	size_t nundef, capundef;
	dw_lint_pragma *pragmas;
	size_t npragmas, cappragmas;
	size_t src_len;
	bool checks_error;      /* # check=error=true */
	/* A `# syntax=` frontend that is not Docker's: the grammar is its
	 * own.  foreign: and the file uses instructions Docker's lacks
	 * (dockerfile-x's INCLUDE), which may define stages and variables
	 * we cannot see. */
	const char *frontend;
	bool foreign;
	size_t budget_instr;    /* where the expansion budget ran out, or DW_NO_INSTR */
	size_t budget_bytes;    /* that budget */
	int *name_map;          /* stage names (case-folded) -> first stage, open addressing */
	size_t name_cap;
	const dw_rule *rule;    /* the rule being run */
	size_t rule_index;
	const char *context_dir;
	/* The trigger pass (engine.c): ONBUILD triggers linted as the
	 * instructions they wrap; only findings on them are kept. */
	const bool *trigger;
	unsigned sc;            /* the ShellCheck code being reported, or 0 */
};

/* ---- the linter (engine.c) ---- */
typedef struct dw_pack dw_pack;

struct dw_linter {
	const dw_rule **rules;  /* sorted by id */
	size_t nrules;
	dw_severity *sev;       /* effective severity per rule */
	bool *off;              /* ignored by configuration or profile */
	dw_pack **packs;
	size_t npacks;
	char **trusted;         /* lint.trusted_registries */
	size_t ntrusted;
	bool generic;
	bool target_fixed;      /* lint.target of the config is not read */
	bool no_pragmas;
	const char *context_dir;
	void *context;          /* context.c state */
	char *shellcheck;       /* the ShellCheck program, NULL: not run */
	dw_strv sc_off;         /* ShellCheck codes ignored by configuration */
	dw_strv sc_sev;         /* "SC2086=error" overrides */
};

/* Rule tables (one per file), terminated by a NULL id. */
extern const dw_rule dw_rules_lambda[];
extern const dw_rule dw_rules_syntax[];
extern const dw_rule dw_rules_practice[];
extern const dw_rule dw_rules_users[];
extern const dw_rule dw_rules_grammar[];
extern const dw_rule dw_rules_scope[];
extern const dw_rule dw_rules_shellcheck[];

/* ---- reporting ---- */
void lint_report(struct dw_lint_ctx *cx, size_t instr, dw_span sp, const char *fmt, ...)
	DW_PRINTF(4, 5);
/* Same, at most at severity `sev` (a milder variant of the rule). */
void lint_report_sev(struct dw_lint_ctx *cx, size_t instr, dw_span sp, dw_severity sev,
                     const char *fmt, ...) DW_PRINTF(5, 6);
bool lint_rule_has_alias(const dw_rule *r, const char *alias, size_t n);
/* A ShellCheck finding: code `sc` (SC2086) at severity `sev` unless the
 * configuration overrides that code. */
void lint_report_sc(struct dw_lint_ctx *cx, size_t instr, dw_span sp, unsigned sc,
                    dw_severity sev, const char *fmt, ...) DW_PRINTF(6, 7);
/* "SC2086" (any case) -> 2086, else 0. */
unsigned lint_sc_code(const char *s, size_t n);
/* Resolve the ShellCheck program for mode m; -1 (with a diagnostic) when
 * it is required and missing. */
int lint_shellcheck_setup(dw_linter *l, dw_lint_shellcheck m, dw_diags *d);

/* ---- helpers for rules ---- */
/* Find a flag "--name=" of an instruction; returns its value or NULL. */
const char *lint_flag(const dw_instr *in, const char *name, const dw_word **w);
/* Stage index named `ref` (a name or a number) defined before stage
 * `before`, or -1. */
int lint_stage_ref(const struct dw_lint_ctx *cx, const char *ref, int before);
const dw_instr *lint_instr(const struct dw_lint_ctx *cx, size_t i);
/* ONBUILD's wrapped instruction is not run in this image: rules look at
 * top-level instructions only.  The engine lints the triggers in a pass
 * of their own (see lint_triggers in engine.c). */
dw_span lint_keyword_span(const dw_instr *in);
/* Is s one of the NULL-ended list? */
bool lint_str_in(const char *const *list, const char *s);

/* Every top-level instruction index; every shell command of RUN ii (no
 * arithmetic on cx->cmds when it is NULL: a file without commands). */
#define FOR_INSTR(cx, i) for (size_t i = 0; i < (cx)->df->ninstrs; i++)
#define FOR_CMDS(cx, ii, c) \
	for (dw_lint_cmd *c = (cx)->info[ii].ncmds ? (cx)->cmds + (cx)->info[ii].cmd_first : NULL, \
	                 *c##_end = c ? c + (cx)->info[ii].ncmds : NULL; \
	     c != c##_end; c++)

/* Span of a command word range [a, b] */
dw_span lint_cmd_span(const dw_lint_cmd *c, size_t a, size_t b);
bool lint_cmd_is(const dw_lint_cmd *c, const char *name);
/* index of the first word equal to w after argv[0], or 0 */
size_t lint_cmd_find(const dw_lint_cmd *c, const char *w);
bool lint_cmd_has_flag(const dw_lint_cmd *c, const char *longf, char shortf);
/* The stage chain of the final stage: is stage s the final stage or one of
 * its FROM ancestors? */
bool lint_in_final_chain(const struct dw_lint_ctx *cx, int s);
/* The final stage's chain reaches stage s through FROM or COPY --from. */
bool lint_final_uses(const struct dw_lint_ctx *cx, int s);
/* Pattern helpers */
bool lint_str_has_prefix(const char *s, const char *p);
/* Does RUN in have a --mount=type=cache whose flag mentions path (any
 * cache mount when path is NULL)?  What such a mount holds never reaches
 * the image. */
bool lint_cache_mount(const dw_instr *in, const char *path);
/* Does s end in '/' (false for "")? */
bool lint_ends_in_slash(const char *s);
/* Does ADD unpack this source (a local tar archive, plain or compressed)? */
bool lint_add_extracts(const char *s);

/* ---- the query layer (query.c): what the image will run ---- */
void lint_process_get(const struct dw_lint_ctx *cx, dw_lint_process *p);
void lint_process_free(dw_lint_process *p);
/* Is the word the Ruby runtime interface client (aws_lambda_ric, Jets'
 * aws_lambda_ric_jets, at any path)? */
bool lint_is_ric(const char *s);
/* Index of the program a command runs after sudo/env wrappers. */
size_t lint_cmd_prog(const dw_lint_cmd *c);
/* Does dockwright know what this base image sets (ENTRYPOINT, CMD, env)?
 * Official docker-library images and the AWS Lambda images. */
bool lint_base_known(const char *image);
/* The image at the root of stage s's FROM chain, NULL when unknown. */
const char *lint_root_image(const struct dw_lint_ctx *cx, int s);

/* ENV `name` in effect before instruction ii (its FROM chain); *set
 * tells whether any ENV sets it; NULL value when unknown. */
const char *lint_env_at(const struct dw_lint_ctx *cx, size_t ii, const char *name, bool *set);
/* The absolute WORKDIR in effect at instruction ii (caller frees), NULL
 * when unknown. */
char *lint_workdir_at(const struct dw_lint_ctx *cx, size_t ii);
/* p made absolute against that WORKDIR (caller frees), NULL when unknown. */
char *lint_path_abs(const struct dw_lint_ctx *cx, size_t ii, const char *p);

/* Where the file at absolute path p of stage s's filesystem comes from:
 * nothing we can see puts it there (NONE), a COPY from the build context
 * or a heredoc (CONTEXT: ctx_path is its path in the context; exact is
 * false when a directory copy carries it, so only the context can say),
 * or something we cannot follow (UNKNOWN).  COPY --from is followed. */
typedef enum { LINT_SRC_NONE, LINT_SRC_CONTEXT, LINT_SRC_UNKNOWN } lint_src_kind;
typedef struct dw_lint_src {
	size_t instr;           /* the COPY that brings it */
	char *ctx_path;         /* caller frees */
	bool exact;
	bool heredoc;
} dw_lint_src;
lint_src_kind lint_file_source(const struct dw_lint_ctx *cx, int s, const char *p,
                               dw_lint_src *out);

/* Is `name` declared by an ARG or ENV of instruction ii's stage chain
 * before it? */
bool lint_declared_at(const struct dw_lint_ctx *cx, size_t ii, const char *name);

/* A name base images usually set in their environment (PATH, GEM_HOME,
 * RUBY_VERSION, LAMBDA_TASK_ROOT ...). */
bool lint_base_env(const char *name, size_t n);

/* ---- stage.c / shellview.c / pragma.c / pack.c / context.c ---- */
void lint_stages_build(struct dw_lint_ctx *cx);
void lint_stages_free(struct dw_lint_ctx *cx);
void lint_shell_view(struct dw_lint_ctx *cx, size_t ii);
void lint_pragmas_collect(struct dw_lint_ctx *cx);
bool lint_pragma_suppressed(const struct dw_lint_ctx *cx, size_t instr);
/* Is r one of BuildKit's build checks (a CamelCase alias)? */
bool lint_is_buildkit_check(const dw_rule *r);

int lint_packs_load(dw_linter *l, const char *name, const char *src, size_t len, dw_diags *d);
void lint_packs_free(dw_linter *l);
/* Is r a pack rule?  Then run it. */
bool lint_pack_run(struct dw_lint_ctx *cx, const dw_rule *r);
/* Prefilters read from a pattern (prefilter.c): the programs a command
 * pattern can match (none: any), and text every match holds (NULL: none
 * known; the caller frees it). */
void lint_pattern_progs(const char *pattern, dw_strv *out);
char *lint_pattern_literal(const char *pattern);

/* Checks of the Dockerfile against --context (context.c). */
void lint_check_handler_file(struct dw_lint_ctx *cx);
void lint_check_runtime_packages(struct dw_lint_ctx *cx);
void lint_check_copy_missing(struct dw_lint_ctx *cx);
void lint_check_copy_ignored(struct dw_lint_ctx *cx);
/* Is h a Ruby handler, FILE.method or FILE.Module::Class.method? */
bool lint_valid_handler(const char *h);

void lint_context_load(dw_linter *l, dw_diags *d);
void lint_add_rule(dw_linter *l, const dw_rule *r);
void lint_context_free(dw_linter *l);

#endif
