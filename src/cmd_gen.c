/* SPDX-License-Identifier: MIT */
/* cmd_gen.c - `dockwright gen`: app directory -> managed Dockerfile. */
#include "cli.h"
#include "config.h"
#include "diff.h"
#include "gen.h"
#include "lint.h"

#include <getopt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char dw_help_gen[] =
	"usage: dockwright gen [options] [APP_DIR]\n"
	"\n"
	"Write the managed Dockerfile for the Ruby app in APP_DIR (default: the\n"
	"current directory) from its dockwright.yml (or Jets' config/jets/deploy.rb)\n"
	"and Gemfile.lock.  The output is deterministic: the same input gives the\n"
	"same bytes.\n"
	"\n"
	"The image's handler (CMD) is dockerfile.handler when set, else Jets 6's\n"
	"handlers/controller.rb (gen writes it), else the app's own method taking\n"
	"event: and context:, else for a config.ru app dockwright's Rack adapter\n"
	"handlers/dockwright_rack.rb (gen writes it); --plan says which and why.\n"
	"\n"
	"options:\n"
	"  -o, --output FILE   write to FILE atomically instead of standard output,\n"
	"                      and the files gen provides (the handler) into APP_DIR;\n"
	"                      on any error FILE is left untouched\n"
	"      --write-files   with the Dockerfile on standard output, still write\n"
	"                      the files gen provides into APP_DIR\n"
	"      --check FILE    write nothing; exit 1 with a unified diff when FILE,\n"
	"                      or a file gen provides, is not what gen would write\n"
	"      --plan          print the plan (every decision and its reason) as JSON\n"
	"      --print-config  print the effective configuration and where each\n"
	"                      value came from (default, file:line, environment)\n"
	"  -c, --config FILE   read FILE instead of APP_DIR/dockwright.yml\n"
	"      --templates DIR use the templates in DIR instead of the built-in ones\n"
	"  -q, --quiet         do not print warnings or notes\n"
	"  -h, --help          show this help\n"
	"\n"
	"With dockerfile.custom set, gen writes nothing and checks the custom\n"
	"Dockerfile instead; with docker.image set, gen says the build is skipped.\n"
	"Exit status: 0 ok, 1 stale (--check) or findings in a custom Dockerfile,\n"
	"2 usage, configuration or I/O error.\n";

struct gen_opts {
	const char *app_dir;
	const char *output;
	const char *check;
	const char *config;
	const char *templates;
	bool plan;
	bool print_config;
	bool quiet;
	bool write_files;
};

/* "app/" and "app" are the same app: without this the trailing slash
 * reached every path gen prints and the generated notes. */
static char *
trim_slashes(char *s)
{
	size_t n = strlen(s);

	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static int
parse_args(int argc, char **argv, struct gen_opts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "check", required_argument, NULL, 'C' },
		{ "plan", no_argument, NULL, 'P' },
		{ "print-config", no_argument, NULL, 'p' },
		{ "config", required_argument, NULL, 'c' },
		{ "templates", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "write-files", no_argument, NULL, 'W' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:c:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'C': o->check = optarg; break;
		case 'P': o->plan = true; break;
		case 'p': o->print_config = true; break;
		case 'c': o->config = optarg; break;
		case 't': o->templates = optarg; break;
		case 'q': o->quiet = true; break;
		case 'W': o->write_files = true; break;
		case 'h': fputs(dw_help_gen, stdout); return 0;
		default:
			cli_usage_error("gen", "unknown option or missing value: '%s'",
			                argv[optind - 1]);
			return -1;
		}
	}
	if (argc - optind > 1) {
		cli_usage_error("gen", "more than one APP_DIR");
		return -1;
	}
	if (o->output && o->check) {
		cli_usage_error("gen", "--output and --check exclude each other");
		return -1;
	}
	if (o->write_files && o->check) {
		cli_usage_error("gen", "--write-files and --check exclude each other");
		return -1;
	}
	if (o->plan + o->print_config + (o->output || o->check) > 1) {
		cli_usage_error("gen", "--plan, --print-config and --output/--check exclude each other");
		return -1;
	}
	o->app_dir = optind < argc ? trim_slashes(argv[optind]) : ".";
	return 1;
}

/* The generated files, when only the Dockerfile went to standard output:
 * the image cannot start without them. */
static void
tell_files(const struct gen_opts *o, const dw_plan *p)
{
	for (size_t i = 0; !o->quiet && i < p->nfiles; i++)
		fprintf(stderr, "note: %s %s/%s (the %s gen provides); "
		        "`dockwright gen -o Dockerfile %s` writes it, or use --write-files\n",
		        p->files[i].filter ? "the build should also have"
		                           : "the image also needs",
		        p->app_dir, p->files[i].path, p->files[i].what, p->app_dir);
}

/* Write or compare the generated text and files; returns the exit status. */
static int
emit(const struct gen_opts *o, const dw_plan *p, const dw_buf *text, dw_diags *d)
{
	dw_buf old = DW_BUF_INIT, diff = DW_BUF_INIT;
	int rc = DW_EXIT_OK;

	if (o->check) {
		/* A missing file is stale, not an I/O error: compare with "". */
		dw_diags tmp = DW_DIAGS_INIT;

		dw_file_read(o->check, &old, &tmp);
		dw_diags_free(&tmp);
		if ((dw_diff_unified(dw_buf_cstr(&old), old.len, dw_buf_cstr((dw_buf *)text),
		                     text->len, o->check, "generated", &diff) |
		     (dw_gen_check_files(p, &diff) > 0))) {
			fwrite(diff.ptr, 1, diff.len, stdout);
			fprintf(stderr, "%s: stale: run `dockwright gen -o %s %s`\n", o->check,
			        o->check, o->app_dir);
			rc = DW_EXIT_FINDINGS;
		}
	} else if (o->output) {
		/* The files first: a Dockerfile is never newer than its handler. */
		if (dw_gen_write_files(p, d) < 0 ||
		    dw_file_write_atomic(o->output, dw_buf_cstr((dw_buf *)text), text->len, d) < 0)
			rc = DW_EXIT_USAGE;
	} else {
		fwrite(dw_buf_cstr((dw_buf *)text), 1, text->len, stdout);
		if (o->write_files && dw_gen_write_files(p, d) < 0)
			rc = DW_EXIT_USAGE;
		else if (!o->write_files)
			tell_files(o, p);
	}
	dw_buf_free(&old);
	dw_buf_free(&diff);
	return rc;
}

/* The generated file must parse with our own parser: a template bug must
 * never reach a builder. */
static int
self_check(const dw_buf *text, dw_diags *d)
{
	dw_diags pd = DW_DIAGS_INIT;
	dw_dockerfile *df = dw_parse(dw_buf_cstr((dw_buf *)text), text->len, "<generated>",
	                             NULL, &pd);
	int rc = df && dw_validate(df, &pd) == 0 ? 0 : -1;

	for (size_t i = 0; rc < 0 && i < pd.n; i++)
		dw_diags_add(d, pd.v[i].sev, pd.v[i].path, pd.v[i].span, NULL,
		             "generated Dockerfile: %s (a template bug)", pd.v[i].message);
	dw_dockerfile_free(df);
	dw_diags_free(&pd);
	return rc;
}

static int
run_managed(const struct gen_opts *o, const dw_plan *p, const dw_config *c, dw_diags *d)
{
	dw_buf text = DW_BUF_INIT;
	int rc;

	if (dw_gen_render(p, c, o->templates, &text, d) < 0 || self_check(&text, d) < 0)
		rc = DW_EXIT_USAGE;
	else
		rc = emit(o, p, &text, d);
	dw_buf_free(&text);
	return rc;
}

/* dockerfile.custom: nothing to generate; lint the user's Dockerfile with
 * the Lambda rules (the seed: "you must mimic what Jets does") and say
 * which file will be built. */
static int
run_custom(const dw_plan *p, const dw_config *c, dw_diags *d)
{
	dw_lint_opts lo = { .config = c, .context_dir = p->app_dir };
	dw_buf src = DW_BUF_INIT;
	dw_linter *l;
	int rc = DW_EXIT_OK;

	char *root = dw_file_root(p->app_dir);

	/* dockerfile.custom is configured, not named: it stays in the app. */
	rc = root ? dw_file_read_under(root, p->custom_path, &src, d) : -1;
	free(root);
	if (rc < 0) {
		dw_buf_free(&src);
		return DW_EXIT_USAGE;
	}
	l = dw_linter_new(&lo, d);
	if (l == NULL)
		rc = DW_EXIT_USAGE;
	else if (dw_lint_source(l, p->custom_path, dw_buf_cstr(&src), src.len, d) < 0)
		rc = DW_EXIT_FINDINGS;
	else if (dw_diags_count(d, DW_SEV_WARNING) > 0)
		rc = DW_EXIT_FINDINGS;
	if (rc == DW_EXIT_OK)
		fprintf(stderr, "dockerfile.custom is set: nothing generated; %s will be built\n",
		        p->custom_path);
	dw_linter_free(l);
	dw_buf_free(&src);
	return rc;
}

static int
run(const struct gen_opts *o, dw_diags *d)
{
	static const dw_span none;
	dw_config c;
	dw_plan p;
	dw_buf out = DW_BUF_INIT;
	struct stat st;
	int rc;

	/* A mistyped APP_DIR must not quietly become an app with no files. */
	if (stat(o->app_dir, &st) != 0) {
		dw_diags_add(d, DW_SEV_ERROR, o->app_dir, none, NULL, "%s", strerror(errno));
		return DW_EXIT_USAGE;
	}
	if (!S_ISDIR(st.st_mode)) {
		dw_diags_add(d, DW_SEV_ERROR, o->app_dir, none, NULL, "%s",
		             "not a directory (APP_DIR is the app's folder)");
		return DW_EXIT_USAGE;
	}

	if (dw_config_load(&c, o->app_dir, o->config, d) < 0) {
		dw_config_free(&c);
		return DW_EXIT_USAGE;
	}
	if (o->print_config) {
		dw_config_print(&c, &out);
		fwrite(dw_buf_cstr(&out), 1, out.len, stdout);
		dw_buf_free(&out);
		dw_config_free(&c);
		return DW_EXIT_OK;
	}
	rc = dw_plan_make(&p, o->app_dir, &c, d) < 0 ? DW_EXIT_USAGE : DW_EXIT_OK;
	if (rc == DW_EXIT_OK && o->plan) {
		dw_plan_json(&p, &out);
		fwrite(dw_buf_cstr(&out), 1, out.len, stdout);
	} else if (rc == DW_EXIT_OK && p.source == DW_SOURCE_PREBUILT) {
		fprintf(stderr, "docker.image is set (%s): nothing to generate; the build is "
		        "skipped and the image is re-tagged and pushed as it is\n", p.prebuilt_image);
	} else if (rc == DW_EXIT_OK && p.source == DW_SOURCE_CUSTOM) {
		rc = run_custom(&p, &c, d);
	} else if (rc == DW_EXIT_OK) {
		rc = run_managed(o, &p, &c, d);
	}
	dw_buf_free(&out);
	dw_plan_free(&p);
	dw_config_free(&c);
	return rc;
}

int
cmd_gen(int argc, char **argv)
{
	struct gen_opts o = { 0 };
	dw_diags d = DW_DIAGS_INIT;
	int rc = parse_args(argc, argv, &o);

	if (rc <= 0)
		return rc == 0 ? DW_EXIT_OK : DW_EXIT_USAGE;
	rc = run(&o, &d);
	cli_print_diags(&d, !o.quiet);
	dw_diags_free(&d);
	return rc;
}
