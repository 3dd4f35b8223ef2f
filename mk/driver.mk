# SPDX-License-Identifier: MIT
## mk/driver.mk - included by Makefile.am; owned by the driver work.

# ---- dockwright-build: the build and push driver ---------------------------
# The driver's logic is a library of its own so that the unit tests link it
# without gen and lint; hooks.c is the one file that calls them.
noinst_LIBRARIES += driver/libdriver.a
driver_libdriver_a_SOURCES = driver/drv.h driver/cmd.c driver/tag.c driver/argv.c

bin_PROGRAMS += dockwright-build
dockwright_build_SOURCES = driver/main.c driver/hooks.c
dockwright_build_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/gen -I$(top_srcdir)/lint
dockwright_build_LDADD = driver/libdriver.a gen/libgen.a lint/liblint.a $(LIBDW)
dist_man_MANS += man/dockwright-build.1

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_driver
TESTS += tests/unit/test_driver
tests_unit_test_driver_SOURCES = tests/unit/test_driver.c
tests_unit_test_driver_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_driver_LDADD = driver/libdriver.a $(UNIT_LDADD)
endif

# Secrets, files and signals with fake builders on PATH: part of `make check`.
TESTS += tests/driver_trust.sh tests/driver_buildkit.sh
EXTRA_DIST += tests/driver_trust.sh tests/driver_buildkit.sh

# ---- end-to-end: real builds with buildah, a loopback registry -------------
# Not part of `make check`: it installs packages (apt-get, as root) when they
# are missing, and skips with a message where it cannot.  TAP on stdout.
check-e2e: dockwright dockwright-build
	$(SHELL) $(top_srcdir)/tests/e2e/run.sh '$(abs_top_builddir)' '$(abs_top_srcdir)'
.PHONY: check-e2e
EXTRA_DIST += tests/e2e tests/containers.sh testdata/driver

# ---- dockwright-build on a real BuildKit daemon ------------------------------
# Not part of `make check`: buildkitd and a registry on 127.0.0.1, BuildKit's
# binaries unpacked from ../shared/buildkit (DOCKWRIGHT_SHARED) into a temp
# directory; skips with one `1..0 # SKIP` line when they are absent.  Needs
# root (the oci worker runs runc).  TAP on stdout.
check-buildkit: dockwright dockwright-build
	$(SHELL) $(top_srcdir)/tests/buildkit/run.sh '$(abs_top_builddir)' '$(abs_top_srcdir)'
.PHONY: check-buildkit
EXTRA_DIST += tests/buildkit
