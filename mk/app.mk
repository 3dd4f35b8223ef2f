# SPDX-License-Identifier: MIT
## mk/app.mk - included by Makefile.am: the Ruby app model, app/.
##
## The app exactly as Bundler and Jets read it: dockwright.yml and Jets'
## deploy.rb (the key table), Gemfile and Gemfile.lock, groups and the
## installed set, detection (framework, Ruby version, platforms), the
## gem -> system packages table and the Lambda handler.  lib/ is the
## Dockerfile exactly as BuildKit reads it, plus the utilities both use.

noinst_LIBRARIES += app/libdwapp.a
app_libdwapp_a_SOURCES = \
	app/config.c app/config.h app/config_priv.h \
	app/deployrb.c \
	app/lockfile.c app/lockfile.h \
	app/gemfile.c \
	app/app.c \
	app/detect.c app/detect.h \
	app/gemmap.c app/gemmap.h \
	app/handler.c

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
