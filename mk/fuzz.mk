# SPDX-License-Identifier: MIT
## mk/fuzz.mk - included by Makefile.am; owned by the fuzz work.
##
## Hardening targets, outside `make all` and `make check`:
##   make fuzz-smoke      build the libFuzzer harnesses with $(FUZZ_CC) and
##                        run each for $(FUZZ_SECONDS) seconds under ASan+UBSan
##   make check-valgrind  the tests again, under valgrind, in a build
##                        without sanitizers
## See fuzz/README.md.

# ---- fuzzing --------------------------------------------------------------
# One line per harness: `FUZZ_HARNESSES += NAME` builds fuzz/fuzz_NAME.c
# into fuzz/fuzz_NAME.  Its seed corpus is every file that the shell globs
# in FUZZ_SEEDS_NAME match, relative to the source tree (none when unset);
# fuzz/NAME.dict, when present, is passed as the dictionary.
FUZZ_HARNESSES = parse shell yaml
FUZZ_SEEDS_parse = testdata/*/*/Dockerfile testdata/*/*/*.Dockerfile testdata/cli/*/stdin
FUZZ_SEEDS_shell = testdata/*/*/Dockerfile
FUZZ_SEEDS_yaml = testdata/*.yaml testdata/*/*.yaml testdata/*/*/*.yaml testdata/*/*/*.yml rules/*.yaml

# Code outside libdockwright that a harness needs: `FUZZ_LIB_SRCS +=
# gen/x.c` (each .c is compiled once for all harnesses).
FUZZ_LIB_SRCS = $(filter %.c,$(lib_libdockwright_a_SOURCES)) \
	$(nodist_lib_libdockwright_a_SOURCES) $(filter %.c,$(app_libdwapp_a_SOURCES))
FUZZ_LIBS = $(PCRE2_LIBS) $(YAML_LIBS)

# A compile of its own, never the main CC or CFLAGS: the objects go under
# fuzz/obj/, so the main build's objects and flags stay as they are.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_COMPILE_EXTRA = -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_LINK_FLAGS = $(FUZZ_SAN) -fsanitize=fuzzer
# The project's warnings, but not as errors: clang warns about things gcc
# does not, and fuzzing should not stop on them.
FUZZ_COMPILE_FLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(filter-out -Werror,$(WARN_CFLAGS)) -DDW_LIBFUZZER -I$(top_srcdir)/fuzz $(AM_CPPFLAGS) \
	$(PCRE2_CFLAGS) $(YAML_CFLAGS) $(FUZZ_COMPILE_EXTRA)

FUZZ_PROGS = $(FUZZ_HARNESSES:%=fuzz/fuzz_%)
FUZZ_LIB_OBJS = $(FUZZ_LIB_SRCS:%.c=fuzz/obj/%.o)
# (mk/lint.mk comes first: a rule's prerequisites are expanded when read.)
FUZZ_HDRS = $(filter %.h,$(lib_libdockwright_a_SOURCES) $(app_libdwapp_a_SOURCES) \
	$(lint_liblint_a_SOURCES)) gen/template.h fuzz/fuzz.h

fuzz/obj/%.o: %.c $(FUZZ_HDRS) | lib/data_embedded.c
	@$(MKDIR_P) $(@D)
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_COMPILE_FLAGS) -c -o $@ $<

$(FUZZ_PROGS): fuzz/fuzz_%: fuzz/obj/fuzz/fuzz_%.o $(FUZZ_LIB_OBJS)
	$(AM_V_CCLD)$(FUZZ_CC) $(FUZZ_LINK_FLAGS) -o $@ $< $(FUZZ_LIB_OBJS) $(FUZZ_LIBS)

fuzz-build: $(FUZZ_PROGS)

fuzz-smoke:
	@if $(SHELL) $(top_srcdir)/fuzz/smoke.sh --probe '$(FUZZ_CC)'; then \
	  $(MAKE) $(AM_MAKEFLAGS) fuzz-build && \
	  $(SHELL) $(top_srcdir)/fuzz/smoke.sh --run '$(abs_top_srcdir)' '$(FUZZ_SECONDS)' \
	    $(foreach h,$(FUZZ_HARNESSES),'$(h)=$(FUZZ_SEEDS_$(h))'); \
	fi

fuzz-clean:
	-rm -rf fuzz/obj fuzz/logs fuzz/artifacts $(FUZZ_PROGS)

.PHONY: fuzz-build fuzz-smoke fuzz-clean
EXTRA_DIST += fuzz/README.md fuzz/fuzz.h fuzz/standalone.c fuzz/smoke.sh \
	fuzz/vgrun.sh fuzz/valgrind.supp fuzz/fuzz_parse.c fuzz/fuzz_shell.c fuzz/fuzz_yaml.c \
	fuzz/parse.dict fuzz/yaml.dict

# Every crash the fuzzers found, replayed through the harnesses (which
# tests/unit/test_regress.c includes) in `make check`.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_regress
TESTS += tests/unit/test_regress
tests_unit_test_regress_SOURCES = tests/unit/test_regress.c
tests_unit_test_regress_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_regress_LDADD = lint/liblint.a $(UNIT_LDADD)
endif

# ---- valgrind ---------------------------------------------------------------
# The check programs and tests/golden.sh (which runs ./dockwright under
# $DW_WRAPPER) under valgrind: any memory error or definite/indirect leak
# makes a program exit 99, and the test fails.  valgrind and ASan do not
# mix, so a build configured with --enable-sanitizers configures a plain
# copy in check-valgrind.d/ and runs there (out-of-tree builds only: an
# in-tree build cannot host a second configure).
VALGRIND = valgrind
VALGRIND_FLAGS = --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--track-origins=yes --child-silent-after-fork=yes \
	--suppressions=$(abs_top_srcdir)/fuzz/valgrind.supp -q

check-valgrind:
	@if ! command -v $(VALGRIND) >/dev/null 2>&1; then \
	  echo "check-valgrind: SKIP: $(VALGRIND) not found (Debian: apt-get install valgrind)"; \
	elif test -n '$(SAN_CFLAGS)'; then \
	  if test '$(abs_top_srcdir)' = '$(abs_top_builddir)'; then \
	    echo "check-valgrind: this build uses --enable-sanitizers, and valgrind cannot run ASan programs;"; \
	    echo "check-valgrind: configure a separate build without it: mkdir b && cd b && $(abs_top_srcdir)/configure && make check-valgrind"; \
	    exit 2; \
	  fi; \
	  echo "check-valgrind: sanitized build; using a plain build in check-valgrind.d/"; \
	  $(MKDIR_P) check-valgrind.d && cd check-valgrind.d && \
	  { test -f Makefile || '$(abs_top_srcdir)/configure' CC='$(CC)' >/dev/null; } && \
	  $(MAKE) $(AM_MAKEFLAGS) check-valgrind; \
	else \
	  DW_WRAPPER='$(VALGRIND) $(VALGRIND_FLAGS)'; export DW_WRAPPER; \
	  $(MAKE) $(AM_MAKEFLAGS) check \
	    LOG_COMPILER='$(SHELL) $(abs_top_srcdir)/fuzz/vgrun.sh $(VALGRIND) $(VALGRIND_FLAGS) --' \
	    TEST_SUITE_LOG=check-valgrind.log; \
	fi

clean-local: fuzz-clean check-valgrind-clean
check-valgrind-clean:
	-rm -rf check-valgrind.d check-valgrind.log
.PHONY: check-valgrind check-valgrind-clean

# ---- harnesses of the later parts (one block each) ------------------------
FUZZ_HARNESSES += template lockfile config pack lint
FUZZ_SEEDS_template = templates/*.tmpl
FUZZ_SEEDS_lockfile = testdata/gen/*/Gemfile.lock testdata/lockfiles/*.lock testdata/lockfiles/*/Gemfile.lock
FUZZ_SEEDS_config = testdata/gen/*/dockwright.yml testdata/gen/*/config/jets/deploy.rb testdata/config/*/dockwright.yml
FUZZ_SEEDS_pack = rules/practice.yaml rules/syntax.yaml
FUZZ_SEEDS_lint = testdata/lint/rules/*/*.Dockerfile testdata/gen/*/expected.Dockerfile
FUZZ_LIB_SRCS += gen/template.c $(filter %.c,$(lint_liblint_a_SOURCES))
FUZZ_COMPILE_FLAGS += $(PCRE2_CFLAGS)
EXTRA_DIST += fuzz/fuzz_template.c fuzz/template.dict fuzz/fuzz_lockfile.c \
	fuzz/fuzz_config.c fuzz/fuzz_pack.c fuzz/fuzz_lint.c

# Inputs at the sizes the hardening issue names (100 MB Dockerfile,
# 100,000-spec lockfile): a result or a clear error, never a crash.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_limits
TESTS += tests/unit/test_limits
tests_unit_test_limits_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_limits_LDADD = $(UNIT_LDADD)
endif
