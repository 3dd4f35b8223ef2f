# SPDX-License-Identifier: MIT
## mk/gen.mk - included by Makefile.am; owned by the gen work.

# template + diff (f)
noinst_LIBRARIES += gen/libgen.a
gen_libgen_a_SOURCES = gen/template.c gen/template.h
lib_libdockwright_a_SOURCES += lib/diff.c lib/diff.h
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_template tests/unit/test_diff
TESTS += tests/unit/test_template tests/unit/test_diff
tests_unit_test_template_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/gen
tests_unit_test_template_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_template_LDADD = gen/libgen.a $(UNIT_LDADD)
tests_unit_test_diff_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_diff_LDADD = $(UNIT_LDADD)
endif
# The harness is built by mk/fuzz.mk (FUZZ_HARNESSES there).
# end template + diff (f)

# generator (gen owner)
gen_libgen_a_SOURCES += gen/gen.h gen/plan.c gen/render.c gen/values.c gen/values.h \
	gen/files.c gen/ignore.c gen/assets.c
lib_libdockwright_a_SOURCES += lib/sha256.c lib/sha256.h \
	lib/dockerignore.c lib/dockerignore.h
DW_DATA_FILES += templates/Dockerfile.image.tmpl templates/Dockerfile.zip.tmpl \
	templates/apt_install.tmpl templates/rpm_install.tmpl \
	templates/handler_rack.rb templates/handler_jets.rb
# end generator

# gen golden tests (gen owner)
TESTS += tests/gen.sh tests/handler.sh
EXTRA_DIST += tests/gen.sh docs/run-locally.md tests/handler.sh tests/lambda_runner.rb
dist_man_MANS += man/dockwright-gen.1
EXTRA_DIST += bench/bench_gen.sh
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_hostile tests/unit/test_handler
TESTS += tests/unit/test_hostile tests/unit/test_handler
tests_unit_test_handler_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_handler_LDADD = $(UNIT_LDADD)
tests_unit_test_hostile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_hostile_LDADD = gen/libgen.a $(UNIT_LDADD)
endif
