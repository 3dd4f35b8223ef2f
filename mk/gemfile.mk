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
