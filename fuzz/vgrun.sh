#!/bin/sh
# SPDX-License-Identifier: MIT
# vgrun.sh - LOG_COMPILER of `make check-valgrind` (mk/fuzz.mk): run a test
# program under valgrind, but a test script (#!) as it is: a script's
# interpreter is not ours to check, and scripts that run ./dockwright wrap
# it themselves with $DW_WRAPPER (tests/golden.sh does).
#   vgrun.sh VALGRIND [VALGRIND-FLAGS...] -- TEST [ARGS...]
set -u
vg=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	vg="$vg '$1'"
	shift
done
[ $# -gt 0 ] && shift
if [ "$(head -c 2 "$1" 2>/dev/null)" = '#!' ]; then
	exec "$@"
fi
eval "set -- $vg \"\$@\""
# Tests that spawn programs can tell that valgrind's fork emulation is in
# the way (see tests/unit/test_driver.c).
DW_UNDER_VALGRIND=1
export DW_UNDER_VALGRIND
exec "$@"
