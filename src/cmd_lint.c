/* SPDX-License-Identifier: MIT */
/*
 * cmd_lint.c - `dockwright lint`: find the inputs, configure a linter per
 * configuration, lint, and hand the sorted findings to one reporter.
 */
#include "cli.h"
#include "lint_cli.h"
#include "report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

const char dw_help_lint[] =
	"usage: dockwright lint [OPTION]... [PATH]...\n"
	"\n"
	"Check Dockerfiles for AWS Lambda compatibility, BuildKit's build checks\n"
	"and best practice.  A PATH is a file, a directory (searched recursively\n"
	"for Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, Containerfile\n"
	"and Containerfile.*, in either case; templates such as *.j2, *.erb,\n"
	"*.tmpl and *.template, and .git, node_modules and vendor are skipped) or\n"
	"\"-\" for standard input.  Without a PATH, the current directory is searched.\n"
	"\n"
	"options:\n"
	"  -f, --format FMT           tty, gnu, json, sarif, checkstyle, junit,\n"
	"                             codeclimate or gitlab_codeclimate (GitLab\n"
	"                             Code Quality); default: tty on a terminal,\n"
	"                             else gnu\n"
	"  -o, --output FILE          write the report to FILE (atomically)\n"
	"  -c, --config FILE          use FILE instead of looking for dockwright.yml,\n"
	"                             .hadolint.yaml and the user's config\n"
	"      --target TARGET        auto (default: lambda for a Dockerfile that\n"
	"                             says Lambda, else generic), lambda or generic\n"
	"                             (no Lambda rules)\n"
	"      --rules FILE|NAME      load an extra rule pack, or a shipped one by\n"
	"                             name (label-schema); repeatable\n"
	"      --ignore ID            do not report rule ID (id or alias; repeatable)\n"
	"      --severity ID=LEVEL    set a rule's severity: error, warning, info,\n"
	"                             style or off (repeatable)\n"
	"      --error ID, --warning ID, --info ID, --style ID\n"
	"                             the same, as hadolint spells it (repeatable)\n"
	"  -t, --failure-threshold L  lowest severity that fails: error, warning\n"
	"                             (default), info, style or none\n"
	"      --no-fail              exit 0 even with findings or parse errors\n"
	"      --trusted-registry R   allow FROM images from R only (repeatable;\n"
	"                             wildcards such as *.gcr.io)\n"
	"      --context DIR          the build context, for rules that look at it\n"
	"                             (.dockerignore, Gemfile.lock)\n"
	"      --disable-ignore-pragma  ignore '# hadolint ignore=' and\n"
	"                             '# dockwright ignore=' comments\n"
	"      --stdin-filename NAME  the name of standard input in reports and for\n"
	"                             config discovery\n"
	"      --color[=WHEN]         colour in tty output: auto (default: on a\n"
	"                             terminal, unless NO_COLOR is set or TERM is\n"
	"                             dumb), always (--color alone) or never\n"
	"      --no-color             the same as --color=never\n"
	"      --shellcheck[=WHEN]    run ShellCheck over RUN scripts: auto (default:\n"
	"                             when $DW_SHELLCHECK or shellcheck on PATH is\n"
	"                             found), always (--shellcheck alone; exit 2\n"
	"                             without it) or never\n"
	"      --no-shellcheck        the same as --shellcheck=never\n"
	"  -v, --verbose              say which target each file gets, and why\n"
	"  -h, --help                 show this help\n"
	"\n"
	"Configuration: the lint: section of dockwright.yml or .dockwright.yml\n"
	"(.yaml too) in the file's directory or the nearest parent up to the\n"
	"repository root, over .hadolint.yaml found the same way, over\n"
	"$XDG_CONFIG_HOME/dockwright/config.yml; options override them all.\n"
	"lint.paths gives targets by path: {\"lambda/**\": lambda}.\n"
	"\n"
	"Exit status: 0 nothing at or above the failure threshold, 1 findings at\n"
	"or above it, 2 usage error, unreadable file, broken configuration or a\n"
	"Dockerfile that does not parse.\n";

enum {
	OPT_TARGET = 256, OPT_RULES, OPT_IGNORE, OPT_SEVERITY, OPT_THRESHOLD,
	OPT_NO_FAIL, OPT_TRUSTED, OPT_CONTEXT, OPT_NO_PRAGMA, OPT_STDIN_NAME,
	OPT_COLOR, OPT_NO_COLOR, OPT_SHELLCHECK, OPT_NO_SHELLCHECK, OPT_SEV_ERROR, OPT_SEV_WARNING, OPT_SEV_INFO, OPT_SEV_STYLE
};

/* One configuration and the linters built from it, one per target. */
typedef struct lint_ent {
	char *key;
	dw_config cfg;
	lint_keep keep;
	dw_linter *linter[2];  /* [0] lambda, [1] generic; built when first needed */
	bool broken;           /* the config or a pack is broken (reported once) */
	int threshold;         /* lowest failing severity, -1 for none */
} lint_ent;

typedef struct lint_cmd {
	lint_overrides ov;
	const char *context, *stdin_name, *output;
	bool no_fail, no_pragmas, verbose;
	int color;             /* -1 auto */
	lint_ent *ents;
	char *last_dir;        /* files of one directory share a configuration */
	size_t last_ent;
	lint_folder folder;    /* and what the directory says of their target */
	size_t nents;
} lint_cmd;

static int
sev_lookup(const char *s)
{
	static const char *const names[] = { "error", "warning", "info", "style" };

	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static bool
one_of(const char *s, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(s, set[i]) == 0)
			return true;
	return false;
}

static void
ent_free(lint_ent *e)
{
	dw_linter_free(e->linter[0]);
	dw_linter_free(e->linter[1]);
	dw_config_free(&e->cfg);
	lint_keep_free(&e->keep);
	free(e->key);
}

static void
cmd_free(lint_cmd *lc)
{
	for (size_t i = 0; i < lc->nents; i++)
		ent_free(&lc->ents[i]);
	free(lc->ents);
	free(lc->last_dir);
	lint_folder_free(&lc->folder);
	dw_strv_free(&lc->ov.ignore);
	dw_strv_free(&lc->ov.sev_ids);
	dw_strv_free(&lc->ov.sev_levels);
	dw_strv_free(&lc->ov.trusted);
	dw_strv_free(&lc->ov.rules);
}

static dw_lint_shellcheck
sc_mode(const char *s)
{
	if (s && strcmp(s, "never") == 0)
		return DW_SHELLCHECK_NEVER;
	if (s && strcmp(s, "always") == 0)
		return DW_SHELLCHECK_ALWAYS;
	return DW_SHELLCHECK_AUTO;
}

/* The linter of a configuration for one target, built when first needed;
 * NULL when a pack is broken (reported once: the entry is then broken). */
static dw_linter *
ent_linter(lint_cmd *lc, lint_ent *e, bool generic, int *rc)
{
	const dw_strv *packs = dw_cfg_list(&e->cfg, DW_CFG_LINT_RULES);
	dw_diags d = DW_DIAGS_INIT;
	const char **pv;
	dw_lint_opts o;

	if (e->broken || e->linter[generic])
		return e->broken ? NULL : e->linter[generic];
	pv = dw_calloc(packs->n + 1, sizeof(*pv));
	for (size_t i = 0; i < packs->n; i++)
		pv[i] = packs->v[i];
	memset(&o, 0, sizeof(o));
	o.config = &e->cfg;
	o.context_dir = lc->context;
	o.packs = pv;
	o.generic = generic;
	o.target_fixed = true;
	o.no_pragmas = lc->no_pragmas;
	o.shellcheck = sc_mode(dw_cfg_str(&e->cfg, DW_CFG_LINT_SHELLCHECK));
	e->linter[generic] = dw_linter_new(&o, &d);
	free(pv);
	cli_print_diags(&d, 1);
	dw_diags_free(&d);
	if (e->linter[generic] == NULL) {
		e->broken = true;
		*rc = DW_EXIT_USAGE;
	}
	return e->linter[generic];
}

/* The configuration for files in dir, loaded once per distinct set of
 * files.  Returns NULL when it is broken (reported once). */
static lint_ent *
ent_for(lint_cmd *lc, const char *dir, int *rc)
{
	dw_buf key = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	lint_ent *e;

	if (lc->last_dir && strcmp(lc->last_dir, dir) == 0) {
		e = &lc->ents[lc->last_ent];
		return e->broken ? NULL : e;
	}
	free(lc->last_dir);
	lc->last_dir = NULL;
	lint_config_key(dir, &lc->ov, &key);
	for (size_t i = 0; i < lc->nents; i++)
		if (strcmp(lc->ents[i].key, dw_buf_cstr(&key)) == 0) {
			dw_buf_free(&key);
			lc->last_dir = dw_strdup(dir);
			lc->last_ent = i;
			return lc->ents[i].broken ? NULL : &lc->ents[i];
		}
	lc->ents = dw_realloc(lc->ents, (lc->nents + 1) * sizeof(*lc->ents));
	e = &lc->ents[lc->nents++];
	memset(e, 0, sizeof(*e));
	e->key = dw_buf_detach(&key);
	e->broken = lint_config_for(dir, &lc->ov, &e->cfg, &e->keep, &key, &d) < 0;
	if (!e->broken) {
		const char *th = dw_cfg_str(&e->cfg, DW_CFG_LINT_FAILURE_THRESHOLD);

		e->threshold = th ? sev_lookup(th) : DW_SEV_WARNING;
	}
	dw_buf_free(&key);
	cli_print_diags(&d, 1);
	dw_diags_free(&d);
	if (e->broken) {
		*rc = DW_EXIT_USAGE;
		return NULL;
	}
	lc->last_dir = dw_strdup(dir);
	lc->last_ent = (size_t)(e - lc->ents);
	return e;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return dw_strndup(".", 1);
	if (slash == path)
		return dw_strndup("/", 1);
	return dw_strndup(path, (size_t)(slash - path));
}

typedef struct lint_results {
	dw_diags findings;
	dw_report_file *files;
	size_t nfiles;
	dw_buf *srcs;
	bool failing, parse_error;
} lint_results;

/* The linter for one file: its target picked (and said with --verbose). */
static dw_linter *
linter_for(lint_cmd *lc, lint_ent *e, const char *name, const char *dir,
           const dw_buf *src, int *rc)
{
	dw_buf why = DW_BUF_INIT;
	bool lambda;

	if (dir)
		lint_folder_enter(&lc->folder, dir);
	lambda = lint_target_pick(&e->cfg, name, dir ? &lc->folder : NULL,
	                          src->ptr ? src->ptr : "", src->len, &why);

	if (lc->verbose)
		fprintf(stderr, "dockwright lint: %s: target %s (%s)\n", name,
		        lambda ? "lambda" : "generic", dw_buf_cstr(&why));
	dw_buf_free(&why);
	return ent_linter(lc, e, !lambda, rc);
}

/*
 * Writing findings as they come (tty, gnu and json to standard output):
 * nothing is kept but the current file, so a file with a million
 * findings costs a compact record each while its rules run (the engine
 * sorts them), and no copy of the report.
 */
typedef struct lint_stream {
	dw_report_stream rs;
	dw_report r;
	dw_report_file file;
	dw_buf out;
	bool failing;
	bool werr;
	bool tty;               /* a person reads it: write each file at once */
} lint_stream;

static void
stream_flush(lint_stream *s)
{
	if (s->out.len && fwrite(s->out.ptr, 1, s->out.len, stdout) != s->out.len)
		s->werr = true;
	dw_buf_clear(&s->out);
}

static void
stream_finding(void *ctx, const dw_diag *dg)
{
	lint_stream *s = ctx;

	if (dw_report_fails(&s->file, dg))
		s->failing = true;
	dw_report_stream_one(&s->rs, dg);
	if (s->out.len >= 65536)
		stream_flush(s);
}

/* The name a file is reported under: standard input has one too. */
static const char *
report_name(const lint_cmd *lc, const char *path)
{
	if (strcmp(path, "-") != 0)
		return path;
	return lc->stdin_name ? lc->stdin_name : "<stdin>";
}

/* Lint one input, into res or, when st is set, straight to the report;
 * returns an exit status for it alone (I/O, config). */
static int
lint_one(lint_cmd *lc, const char *path, lint_results *res, lint_stream *st)
{
	bool named = strcmp(path, "-") != 0 || lc->stdin_name;
	const char *name = report_name(lc, path);
	char *dir = dir_of(named ? name : "./-");
	dw_diags d = DW_DIAGS_INIT;
	dw_buf src = DW_BUF_INIT;
	int rc = DW_EXIT_OK;
	lint_ent *e = ent_for(lc, dir, &rc);
	size_t first = res->findings.n;
	dw_linter *l;

	if (e == NULL) {
		free(dir);
		return rc;
	}
	if (dw_file_read(path, &src, &d) < 0) {
		cli_print_diags(&d, 1);
		dw_diags_free(&d);
		dw_buf_free(&src);
		free(dir);
		return DW_EXIT_USAGE;
	}
	l = linter_for(lc, e, name, named ? dir : NULL, &src, &rc);
	free(dir);
	if (l == NULL) {
		dw_buf_free(&src);
		return rc;
	}
	if (st) {
		st->file.path = name;
		st->file.src = src.ptr ? src.ptr : "";
		st->file.len = src.len;
		st->file.threshold = e->threshold;
		st->r.nrules = dw_linter_rules(l, &st->r.rules);
		dw_report_stream_file(&st->rs);
		if (dw_lint_emit(l, name, st->file.src, src.len, stream_finding, st) < 0)
			res->parse_error = true;
		/* To a pipe or a file, in 64 KiB writes: stdio's own buffer
		 * made one write() per 4 KiB, a tenth of a corpus run. */
		if (st->tty)
			stream_flush(st);
		dw_report_stream_file(&st->rs);
		dw_buf_free(&src);
		return DW_EXIT_OK;
	}
	if (dw_lint_source(l, name, src.ptr ? src.ptr : "", src.len,
	                   &res->findings) < 0)
		res->parse_error = true;
	res->srcs = dw_realloc(res->srcs, (res->nfiles + 1) * sizeof(*res->srcs));
	res->files = dw_realloc(res->files, (res->nfiles + 1) * sizeof(*res->files));
	res->srcs[res->nfiles] = src;
	res->files[res->nfiles].path = name;
	res->files[res->nfiles].src = src.ptr ? src.ptr : "";
	res->files[res->nfiles].len = src.len;
	res->files[res->nfiles].threshold = e->threshold;
	for (size_t i = first; i < res->findings.n; i++)
		if (dw_report_fails(&res->files[res->nfiles], &res->findings.v[i]))
			res->failing = true;
	res->nfiles++;
	return DW_EXIT_OK;
}

static int
cmp_rule(const void *a, const void *b)
{
	return strcmp((*(const dw_rule *const *)a)->id, (*(const dw_rule *const *)b)->id);
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const dw_report_file *)a)->path, ((const dw_report_file *)b)->path);
}

/* Every rule of every linter used, sorted by id, once each. */
static const dw_rule **
all_rules(const lint_cmd *lc, size_t *n)
{
	const dw_rule **v = NULL;
	size_t k = 0;

	*n = 0;
	for (size_t i = 0; i < 2 * lc->nents; i++) {
		const dw_linter *l = lc->ents[i / 2].linter[i % 2];
		const dw_rule *const *rs;
		size_t m;

		if (l == NULL)
			continue;
		m = dw_linter_rules(l, &rs);
		v = dw_realloc(v, (*n + m + 1) * sizeof(*v));
		memcpy(v + *n, rs, m * sizeof(*v));
		*n += m;
	}
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_rule);
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || strcmp(v[k - 1]->id, v[i]->id) != 0)
			v[k++] = v[i];
	*n = k;
	return v;
}

/* The format: --format, else lint.format of the current directory's
 * configuration, else tty on a terminal and gnu otherwise. */
static int
pick_format(lint_cmd *lc, int *rc)
{
	const char *f = lc->ov.format;
	lint_ent *e;

	if (f == NULL && (e = ent_for(lc, ".", rc)) != NULL)
		f = dw_cfg_str(&e->cfg, DW_CFG_LINT_FORMAT);
	if (f != NULL && dw_format_lookup(f) >= 0)
		return dw_format_lookup(f);
	return lc->output == NULL && isatty(STDOUT_FILENO) ? DW_FMT_TTY : DW_FMT_GNU;
}

static bool
want_color(const lint_cmd *lc)
{
	const char *nc = getenv("NO_COLOR");

	const char *term = getenv("TERM");

	if (lc->color >= 0)
		return lc->color;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return lc->output == NULL && isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
}

static int
emit(lint_cmd *lc, lint_results *res, int format)
{
	dw_report r;
	dw_buf out = DW_BUF_INIT;
	dw_diags d = DW_DIAGS_INIT;
	size_t nrules;
	const dw_rule **rules = all_rules(lc, &nrules);
	int rc = DW_EXIT_OK;

	dw_report_sort(res->findings.v, res->findings.n);
	if (res->nfiles > 1)
		qsort(res->files, res->nfiles, sizeof(*res->files), cmp_file);
	memset(&r, 0, sizeof(r));
	r.files = res->files;
	r.nfiles = res->nfiles;
	r.findings = res->findings.v;
	r.nfindings = res->findings.n;
	r.rules = rules;
	r.nrules = nrules;
	r.version = PACKAGE_VERSION;
	r.color = format == DW_FMT_TTY && want_color(lc);
	dw_report_write(&r, (dw_format)format, &out);
	if (lc->output) {
		if (dw_file_write_atomic(lc->output, dw_buf_cstr(&out), out.len, &d) < 0)
			rc = DW_EXIT_USAGE;
	} else if (fwrite(dw_buf_cstr(&out), 1, out.len, stdout) != out.len ||
	           fflush(stdout) != 0) {
		dw_diags_add(&d, DW_SEV_ERROR, NULL, (dw_span){ { 0, 0 }, { 0, 0 } }, NULL,
		             "cannot write the report to standard output");
		rc = DW_EXIT_USAGE;
	}
	cli_print_diags(&d, 1);
	dw_diags_free(&d);
	dw_buf_free(&out);
	free(rules);
	return rc;
}

static int
parse_severity(lint_cmd *lc, const char *arg)
{
	static const char *const levels[] = { "error", "warning", "info", "style", "off", NULL };
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || !one_of(eq + 1, levels))
		return cli_usage_error("lint", "--severity wants ID=LEVEL with LEVEL one of "
		                       "error, warning, info, style or off, not '%s'", arg);
	dw_strv_push(&lc->ov.sev_ids, arg, (size_t)(eq - arg));
	dw_strv_push(&lc->ov.sev_levels, eq + 1, strlen(eq + 1));
	return 0;
}

/* --color, --color=always|never|auto */
static int
parse_color(lint_cmd *lc, const char *when)
{
	if (when == NULL || strcmp(when, "always") == 0)
		lc->color = 1;
	else if (strcmp(when, "never") == 0)
		lc->color = 0;
	else if (strcmp(when, "auto") == 0)
		lc->color = -1;
	else
		return cli_usage_error("lint", "--color wants auto, always or never, not '%s'", when);
	return 0;
}

static int
parse_args(lint_cmd *lc, int argc, char **argv)
{
	/* --error ID and friends, in the order of their OPT_SEV_ values. */
	static const char *const sev_names[] = { "error", "warning", "info", "style" };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "config", required_argument, NULL, 'c' },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "ignore", required_argument, NULL, OPT_IGNORE },
		{ "severity", required_argument, NULL, OPT_SEVERITY },
		{ "failure-threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "no-fail", no_argument, NULL, OPT_NO_FAIL },
		{ "trusted-registry", required_argument, NULL, OPT_TRUSTED },
		{ "context", required_argument, NULL, OPT_CONTEXT },
		{ "disable-ignore-pragma", no_argument, NULL, OPT_NO_PRAGMA },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "shellcheck", optional_argument, NULL, OPT_SHELLCHECK },
		{ "no-shellcheck", no_argument, NULL, OPT_NO_SHELLCHECK },
		{ "error", required_argument, NULL, OPT_SEV_ERROR },
		{ "warning", required_argument, NULL, OPT_SEV_WARNING },
		{ "info", required_argument, NULL, OPT_SEV_INFO },
		{ "style", required_argument, NULL, OPT_SEV_STYLE },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const thresholds[] = { "error", "warning", "info", "style", "none", NULL };
	static const char *const targets[] = { "auto", "lambda", "generic", NULL };
	static const char *const when[] = { "auto", "always", "never", NULL };
	struct stat st;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:o:c:t:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (dw_format_lookup(optarg) < 0)
				return cli_usage_error("lint", "unknown format '%s' (tty, gnu, json, "
				                       "sarif, checkstyle, junit, codeclimate or "
				                       "gitlab_codeclimate)", optarg);
			lc->ov.format = optarg;
			break;
		case 'o': lc->output = optarg; break;
		case 'c': lc->ov.config = optarg; break;
		case OPT_TARGET:
			if (!one_of(optarg, targets))
				return cli_usage_error("lint", "unknown target '%s' (auto, lambda or "
				                       "generic)", optarg);
			lc->ov.target = optarg;
			break;
		case OPT_RULES: dw_strv_push(&lc->ov.rules, optarg, strlen(optarg)); break;
		case OPT_IGNORE: dw_strv_push(&lc->ov.ignore, optarg, strlen(optarg)); break;
		case OPT_SEVERITY:
			if (parse_severity(lc, optarg) != 0)
				return DW_EXIT_USAGE;
			break;
		case 't':
		case OPT_THRESHOLD:
			if (!one_of(optarg, thresholds))
				return cli_usage_error("lint", "unknown failure threshold '%s' (error, "
				                       "warning, info, style or none)", optarg);
			lc->ov.threshold = optarg;
			break;
		case OPT_NO_FAIL: lc->no_fail = true; break;
		case OPT_TRUSTED: dw_strv_push(&lc->ov.trusted, optarg, strlen(optarg)); break;
		case OPT_CONTEXT:
			if (stat(optarg, &st) < 0 || !S_ISDIR(st.st_mode))
				return cli_usage_error("lint", "--context: '%s' is not a directory", optarg);
			lc->context = optarg;
			break;
		case OPT_NO_PRAGMA: lc->no_pragmas = true; break;
		case OPT_STDIN_NAME: lc->stdin_name = optarg; break;
		case OPT_COLOR:
			if (parse_color(lc, optarg) != 0)
				return DW_EXIT_USAGE;
			break;
		case OPT_NO_COLOR: lc->color = 0; break;
		case OPT_SHELLCHECK:
			if (optarg && !one_of(optarg, when))
				return cli_usage_error("lint", "--shellcheck wants auto, always or never, "
				                       "not '%s'", optarg);
			lc->ov.shellcheck = optarg ? optarg : "always";
			break;
		case OPT_NO_SHELLCHECK: lc->ov.shellcheck = "never"; break;
		case OPT_SEV_ERROR: case OPT_SEV_WARNING: case OPT_SEV_INFO: case OPT_SEV_STYLE:
			dw_strv_push(&lc->ov.sev_ids, optarg, strlen(optarg));
			dw_strv_push(&lc->ov.sev_levels, sev_names[c - OPT_SEV_ERROR],
			             strlen(sev_names[c - OPT_SEV_ERROR]));
			break;
		case 'v': lc->verbose = true; break;
		case 'h': return -1;
		case ':':
			return cli_usage_error("lint", "option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("lint", "unknown option '%s'", argv[optind - 1]);
		}
	}
	return 0;
}

/* Streaming writes files in input order: only when that is the order
 * the report sorts them in, and only to standard output (a report file
 * is written whole, atomically). */
static bool
can_stream(const lint_cmd *lc, const dw_strv *files, int format)
{
	if (lc->output || !dw_report_streams((dw_format)format))
		return false;
	for (size_t i = 1; i < files->n; i++)
		if (strcmp(report_name(lc, files->v[i - 1]), report_name(lc, files->v[i])) >= 0)
			return false;
	return true;
}

static int
lint_streamed(lint_cmd *lc, const dw_strv *files, int format, lint_results *res, int *rc)
{
	lint_stream st;

	memset(&st, 0, sizeof(st));
	st.r.files = &st.file;
	st.r.nfiles = 1;
	st.r.version = PACKAGE_VERSION;
	st.r.color = format == DW_FMT_TTY && want_color(lc);
	st.tty = isatty(STDOUT_FILENO);
	dw_report_stream_begin(&st.rs, &st.r, (dw_format)format, &st.out);
	for (size_t i = 0; i < files->n; i++) {
		int r = lint_one(lc, files->v[i], res, &st);

		if (r > *rc)
			*rc = r;
	}
	dw_report_stream_end(&st.rs);
	stream_flush(&st);
	dw_buf_free(&st.out);
	res->failing = res->failing || st.failing;
	if (st.werr || fflush(stdout) != 0) {
		fprintf(stderr, "error: cannot write the report to standard output\n");
		return DW_EXIT_USAGE;
	}
	return DW_EXIT_OK;
}

int
cmd_lint(int argc, char **argv)
{
	lint_cmd lc;
	lint_results res;
	dw_strv files = DW_STRV_INIT;
	dw_diags d = DW_DIAGS_INIT;
	char *dot[] = { (char *)"." };
	int rc = DW_EXIT_OK, prc, format;

	memset(&lc, 0, sizeof(lc));
	memset(&res, 0, sizeof(res));
	lc.color = -1;
	if ((prc = parse_args(&lc, argc, argv)) != 0) {
		cmd_free(&lc);
		if (prc < 0)
			return cli_print_cmd_help("lint", stdout) < 0 ? DW_EXIT_USAGE : DW_EXIT_OK;
		return DW_EXIT_USAGE;
	}
	if (lint_inputs_collect(optind < argc ? argv + optind : dot,
	                        optind < argc ? (size_t)(argc - optind) : 1, &files, &d) < 0)
		rc = DW_EXIT_USAGE;
	cli_print_diags(&d, 1);
	dw_diags_free(&d);
	if (files.n == 0 && rc == DW_EXIT_OK) {
		fprintf(stderr, "dockwright lint: no Dockerfiles found\n");
		rc = DW_EXIT_USAGE;
	}
	format = pick_format(&lc, &rc);
	if (can_stream(&lc, &files, format)) {
		if (lint_streamed(&lc, &files, format, &res, &rc) != DW_EXIT_OK)
			rc = DW_EXIT_USAGE;
	} else {
		for (size_t i = 0; i < files.n; i++) {
			int r = lint_one(&lc, files.v[i], &res, NULL);

			if (r > rc)
				rc = r;
		}
		if (emit(&lc, &res, format) != DW_EXIT_OK)
			rc = DW_EXIT_USAGE;
	}
	if (rc == DW_EXIT_OK && !lc.no_fail) {
		if (res.parse_error)
			rc = DW_EXIT_USAGE;
		else if (res.failing)
			rc = DW_EXIT_FINDINGS;
	}
	for (size_t i = 0; i < res.nfiles; i++)
		dw_buf_free(&res.srcs[i]);
	free(res.srcs);
	free(res.files);
	dw_diags_free(&res.findings);
	dw_strv_free(&files);
	cmd_free(&lc);
	return rc;
}
