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
	char *platform;         /* expanded --platform, NULL when none/unknown */
	bool has_platform;
	int parent;             /* the stage it is FROM, or -1 */
	int *copies;            /* stages its COPY --from / RUN --mount from= name */
	size_t ncopies;
	bool aws_base;          /* an AWS Lambda base image at the root */
	bool has_shell;         /* an explicit SHELL in this stage */
	bool shell_posix;       /* the current SHELL is sh-like */
	bool pipefail;          /* a SHELL with -o pipefail */
} dw_lint_stage;

/* A command of the shell view: argv without leading assignments and
 * shell keywords; each word has its physical span. */
typedef struct dw_lint_cmd {
	size_t instr;
	char **argv;
	dw_span *spans;
	size_t argc;
	bool heredoc;           /* from a heredoc body */
	char op;                /* what follows: '|' pipe, '&' &&, 'o' ||, ';', 0 */
} dw_lint_cmd;

/* Per instruction. */
typedef struct dw_lint_info {
	int stage;              /* -1 before the first FROM */
	char **exp;             /* expanded args (NULL entry: unknown value) */
	size_t nexp;
	size_t cmd_first, ncmds;/* its shell commands (RUN) */
	bool shell_posix;       /* the SHELL in effect is sh-like */
	bool shell_pipefail;    /* ... and sets -o pipefail */
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
} dw_lint_pragma;

struct dw_lint_ctx {
	const dw_linter *l;
	const dw_dockerfile *df;
	const char *path;
	dw_diags *out;
	dw_diags parse;         /* the parser's warnings */
	dw_diags valid;         /* dw_validate's errors */
	dw_lint_stage *stages;
	size_t nstages;
	int final;              /* index of the final stage, -1 when none */
	dw_lint_info *info;
	dw_lint_cmd *cmds;
	size_t ncmds, capcmds;
	dw_lint_undef *undef;
	size_t nundef, capundef;
	dw_lint_pragma *pragmas;
	size_t npragmas, cappragmas;
	const dw_rule *rule;    /* the rule being run */
	size_t rule_index;
	const char *context_dir;
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
	bool no_pragmas;
	const char *context_dir;
	void *context;          /* context.c state */
};

/* Rule tables (one per file), terminated by a NULL id. */
extern const dw_rule dw_rules_lambda[];
extern const dw_rule dw_rules_syntax[];
extern const dw_rule dw_rules_practice[];

/* ---- reporting ---- */
void lint_report(struct dw_lint_ctx *cx, size_t instr, dw_span sp, const char *fmt, ...)
	DW_PRINTF(4, 5);
/* Same, at most at severity `sev` (a milder variant of the rule). */
void lint_report_sev(struct dw_lint_ctx *cx, size_t instr, dw_span sp, dw_severity sev,
                     const char *fmt, ...) DW_PRINTF(5, 6);
bool lint_rule_has_alias(const dw_rule *r, const char *alias, size_t n);

/* ---- helpers for rules ---- */
/* Find a flag "--name=" of an instruction; returns its value or NULL. */
const char *lint_flag(const dw_instr *in, const char *name, const dw_word **w);
/* Stage index named `ref` (a name or a number) defined before stage
 * `before`, or -1. */
int lint_stage_ref(const struct dw_lint_ctx *cx, const char *ref, int before);
const dw_instr *lint_instr(const struct dw_lint_ctx *cx, size_t i);
/* ONBUILD's wrapped instruction is not run in this image: rules look at
 * top-level instructions only. */
dw_span lint_keyword_span(const dw_instr *in);
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
/* lint_final_uses for every stage at once: an array of nstages marks
 * (the caller frees). */
unsigned char *lint_final_used(const struct dw_lint_ctx *cx);
bool lint_is_aws_image(const char *image);
/* Pattern helpers */
bool lint_str_has_prefix(const char *s, const char *p);

/* ---- stage.c / shellview.c / pragma.c / pack.c / context.c ---- */
void lint_stages_build(struct dw_lint_ctx *cx);
void lint_stages_free(struct dw_lint_ctx *cx);
void lint_shell_view(struct dw_lint_ctx *cx, size_t ii);
void lint_pragmas_collect(struct dw_lint_ctx *cx);
bool lint_pragma_suppressed(const struct dw_lint_ctx *cx, size_t instr);

int lint_packs_load(dw_linter *l, const char *name, const char *src, size_t len, dw_diags *d);
void lint_packs_free(dw_linter *l);
/* Is r a pack rule?  Then run it. */
bool lint_pack_run(struct dw_lint_ctx *cx, const dw_rule *r);

void lint_context_load(dw_linter *l, dw_diags *d);
void lint_add_rule(dw_linter *l, const dw_rule *r);
void lint_context_free(dw_linter *l);

#endif
