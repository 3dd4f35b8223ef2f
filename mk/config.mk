# SPDX-License-Identifier: MIT
## mk/config.mk - included by Makefile.am; owned by the config work.

# dockwright.yml(5) is generated from the key table by a small program, so
# the page lists exactly the keys the parser knows.  It is shipped in the
# tarball; a build from the tarball regenerates it in the build directory.
noinst_PROGRAMS += tools/mkman-config
tools_mkman_config_SOURCES = tools/mkman-config.c
tools_mkman_config_LDADD = $(LIBDW)
dist_man_MANS += man/dockwright.yml.5
CLEANFILES += man/dockwright.yml.5
man/dockwright.yml.5: tools/mkman-config$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) man && ./tools/mkman-config$(EXEEXT) $@


if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_config tests/unit/test_deployrb
TESTS += tests/unit/test_config tests/unit/test_deployrb
tests_unit_test_config_SOURCES = tests/unit/test_config.c
tests_unit_test_config_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_config_LDADD = $(UNIT_LDADD)
tests_unit_test_deployrb_SOURCES = tests/unit/test_deployrb.c
tests_unit_test_deployrb_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_deployrb_LDADD = $(UNIT_LDADD)
endif
