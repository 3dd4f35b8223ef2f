# SPDX-License-Identifier: MIT
## mk/gemfile.mk - included by Makefile.am; owned by the gemfile work:
## Gemfile.lock and Gemfile reading, app detection (framework, Ruby
## version, platforms) and the gem -> system packages table.

lib_libdockwright_a_SOURCES += \
	lib/lockfile.c lib/lockfile.h \
	lib/gemfile.c \
	lib/app.c \
	lib/detect.c lib/detect.h \
	lib/gemmap.c lib/gemmap.h

DW_DATA_FILES += rules/gems.yaml

check_PROGRAMS += tests/conf_apps
TESTS += tests/conf_apps
tests_conf_apps_SOURCES = tests/conf_apps.c tests/tap.h tests/tap.c
tests_conf_apps_LDADD = $(LIBDW)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_lockfile tests/unit/test_detect
TESTS += tests/unit/test_lockfile tests/unit/test_detect
tests_unit_test_lockfile_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lockfile_LDADD = $(UNIT_LDADD)
tests_unit_test_detect_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_detect_LDADD = $(UNIT_LDADD)
endif

# ---- the gem map against the real Debian archive --------------------------
# Not part of `make check`: it downloads the package indexes of bookworm and
# trixie (into a private apt state) and resolves every name of
# rules/gems.yaml with `apt-get -s install`.  Skips offline.  TAP on stdout.
check_PROGRAMS += tests/gemmap_list
tests_gemmap_list_SOURCES = tests/gemmap_list.c
tests_gemmap_list_LDADD = $(LIBDW)
check-packages: tests/gemmap_list
	$(SHELL) $(top_srcdir)/tests/packages.sh '$(abs_top_builddir)' '$(abs_top_srcdir)'
.PHONY: check-packages
EXTRA_DIST += tests/packages.sh
