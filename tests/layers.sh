#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/layers.sh - the code's floors hold: a directory includes headers
# only from the floors below it.
#
#   lib/     the Dockerfile as BuildKit reads it, and the utilities
#   app/     the Ruby app as Bundler and Jets read it      (uses lib)
#   gen/     lint/                                          (use app, lib)
#   driver/  src/                                           (use all)
#
# A header is placed by its file name, since the build puts lib/, app/,
# gen/ and lint/ on the include path and sources include bare names.  A
# lower floor that calls up would make the libraries link in a circle and
# the app model impossible to test without the generator.  Speaks TAP.
dw_test_name=layers
. "$(dirname "$0")/lib.sh"

cd "$srcdir" || exit 1

# allowed DIR: the directories DIR may include headers from.
allowed() {
	case $1 in
	lib) echo "lib" ;;
	app) echo "lib app" ;;
	gen) echo "lib app gen" ;;
	lint) echo "lib app lint" ;;
	*) echo "lib app gen lint driver src" ;;
	esac
}

# home HEADER: the directory that holds a header of that name, if any.
home() {
	for d in lib app gen lint driver src; do
		if [ -f "$d/$1" ]; then
			echo "$d"
			return
		fi
	done
}

for dir in lib app gen lint driver src; do
	bad=0
	for f in "$dir"/*.[ch]; do
		[ -f "$f" ] || continue
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			to=$(home "$(basename "$h")")
			[ -n "$to" ] || continue
			case " $(allowed "$dir") " in
			*" $to "*) ;;
			*)
				bad=$((bad + 1))
				echo "# $f includes $h, from $to/, a floor above $dir/"
				;;
			esac
		done
	done
	if [ "$bad" -eq 0 ]; then
		ok "$dir/ includes only from: $(allowed "$dir")"
	else
		not_ok "$dir/ reaches up $bad times"
	fi
done
echo "1..$n"
