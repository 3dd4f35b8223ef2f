# SPDX-License-Identifier: MIT
## mk/lint.mk - included by Makefile.am; owned by the lint work.

# ---- engine (c1): the lint library, its rules, packs and tests -------------
noinst_LIBRARIES += lint/liblint.a
lint_liblint_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lint $(PCRE2_CFLAGS)
lint_liblint_a_SOURCES = \
	lint/lint.h \
	lint/engine.c lint/engine.h \
	lint/stage.c \
	lint/shellview.c \
	lint/pragma.c \
	lint/pack.c \
	lint/prefilter.c \
	lint/rules_lambda.c \
	lint/rules_syntax.c \
	lint/rules_practice.c \
	lint/rules_users.c \
	lint/rules_grammar.c \
	lint/rules_scope.c \
	lint/context.c \
	lint/query.c \
	lint/shellcheck.c \
	lint/findings.c
LIBLINT = lint/liblint.a $(LIBDW)
DW_DATA_FILES += rules/practice.yaml rules/syntax.yaml rules/label-schema.yaml

check_PROGRAMS += tests/lint_rules tests/lint_corpus
TESTS += tests/lint_rules tests/lint_corpus
tests_lint_rules_SOURCES = tests/lint_rules.c tests/tap.h tests/tap.c
tests_lint_rules_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lint
tests_lint_rules_LDADD = $(LIBLINT)
tests_lint_corpus_SOURCES = tests/lint_corpus.c tests/tap.h tests/tap.c
tests_lint_corpus_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lint
tests_lint_corpus_LDADD = $(LIBLINT)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_lint
TESTS += tests/unit/test_lint
tests_unit_test_lint_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lint $(PCRE2_CFLAGS)
tests_unit_test_lint_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lint_LDADD = lint/liblint.a $(UNIT_LDADD)
endif
# ---- end engine (c1) ---------------------------------------------------------

# ---- CLI and reporters (c2) -------------------------------------------------
lib_libdockwright_a_SOURCES += lib/jsonw.c lib/jsonw.h
lint_liblint_a_SOURCES += \
	lint/report.h lint/report.c \
	lint/report_tty.c lint/report_gnu.c lint/report_json.c \
	lint/report_sarif.c lint/report_checkstyle.c lint/report_junit.c lint/report_codeclimate.c
dockwright_SOURCES += src/cmd_rules.c src/lint_cli.h src/lint_config.c src/lint_inputs.c \
	src/lint_target.c
dist_man_MANS += man/dockwright-lint.1
EXTRA_DIST += .pre-commit-hooks.yaml docs/rules.md docs/ci-github-actions.md docs/ci-gitlab.md \
	docs/pre-commit.md tests/lint_cli.sh tests/lint_target.sh tests/rules_doc.sh tests/precommit.sh \
	tests/completion.sh bench/bench_lint.sh tests/shellcheck.sh tests/lint_stream.sh bench/buildkit_parse.go
# Config discovery, symlink loops and the report shapes need files made at
# run time (a .git marker cannot be committed inside the repository).
TESTS += tests/lint_cli.sh tests/lint_target.sh tests/rules_doc.sh tests/precommit.sh tests/completion.sh \
	tests/shellcheck.sh tests/lint_stream.sh

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_report
TESTS += tests/unit/test_report
tests_unit_test_report_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_report_LDADD = lint/liblint.a $(UNIT_LDADD)
endif

# docs/rules.md is generated from the rule table; tests/rules_doc.sh fails
# when the committed copy is stale.
rules-doc: dockwright$(EXEEXT)
	./dockwright$(EXEEXT) rules --format markdown > $(srcdir)/docs/rules.md.tmp && \
	mv $(srcdir)/docs/rules.md.tmp $(srcdir)/docs/rules.md

# Throughput of one process over the corpus copied 20 times, a process per
# file, and dockerfilelint (npm) on the same files.  Not part of `make check`.
bench-lint: dockwright$(EXEEXT)
	$(SHELL) $(top_srcdir)/bench/bench_lint.sh '$(abs_top_builddir)' '$(abs_top_srcdir)'
.PHONY: rules-doc bench-lint
# ---- end CLI and reporters (c2) ----------------------------------------------
