#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: run dockwright on every case under testdata/ and compare its
# stdout, stderr and exit status with the expected files.  Speaks TAP, one
# test point per case.
#
# testdata/dump/CASE/  runs `dockwright dump [ARGS] Dockerfile` inside CASE/
#   Dockerfile         the input
#   args               optional: extra arguments for dump, one line
# testdata/cli/CASE/   runs `dockwright CMD` inside CASE/
#   cmd                the arguments, one line (shell quoting applies)
# Both kinds:
#   expected           the exact expected stdout (required; may be empty)
#   expected.stderr    optional: the exact expected stderr
#   stderr.contains    optional: strings, one a line, that stderr must each
#                      contain (when only part of a message is pinned down)
#                      Without either file, stderr must be empty.
#   exit               optional: the expected exit status (default 0)
#   stdin              optional: standard input (default: empty)
#
# Cases run inside their own directory so that diagnostics name the input
# by its short, stable relative path.
#
# DW_WRAPPER, when set, is a command prefix for dockwright (word-split),
# e.g. "valgrind --error-exitcode=99 -q" (make check-valgrind sets it).
#
# DW_GOLDEN_UPDATE=1 rewrites `expected`, `expected.stderr` (where it
# exists) and `exit` from what dockwright does now: review the git diff.
set -u

dw_test_name=golden; . "$(dirname "$0")/lib.sh"

n=0
for d in "$srcdir"/testdata/dump/*/ "$srcdir"/testdata/cli/*/; do
	[ -d "$d" ] && n=$((n + 1))
done
if [ "$n" -eq 0 ]; then
	echo "1..0 # SKIP no cases under $srcdir/testdata"
	exit 0
fi
echo "1..$n"

# Print stdin as TAP diagnostics.
diag() {
	sed 's/^/# /'
}

i=0
for d in "$srcdir"/testdata/dump/*/ "$srcdir"/testdata/cli/*/; do
	[ -d "$d" ] || continue
	i=$((i + 1))
	dir=${d%/}
	kind=$(basename "$(dirname "$dir")")
	name=$kind/$(basename "$dir")
	: >"$tmp/why"

	if [ "$kind" = dump ]; then
		args=
		[ -f "$dir/args" ] && args=$(cat "$dir/args")
		argv="dump${args:+ $args} Dockerfile"
		[ -f "$dir/Dockerfile" ] || echo "missing file 'Dockerfile'" >>"$tmp/why"
	elif [ -f "$dir/cmd" ]; then
		argv=$(cat "$dir/cmd")
	else
		argv=
		echo "missing file 'cmd'" >>"$tmp/why"
	fi
	input=/dev/null
	[ -f "$dir/stdin" ] && input=$dir/stdin

	# eval so that cmd and args may quote arguments with spaces.
	# DW_WRAPPER (word-split) runs dockwright under a tool, such as
	# valgrind in `make check-valgrind`.
	(cd "$dir" && eval "set -- $argv" && exec ${DW_WRAPPER:-} "$dw" "$@") \
		<"$input" >"$tmp/out" 2>"$tmp/err"
	status=$?

	if [ -n "${DW_GOLDEN_UPDATE:-}" ]; then
		cp "$tmp/out" "$dir/expected"
		[ -f "$dir/expected.stderr" ] && cp "$tmp/err" "$dir/expected.stderr"
		if [ "$status" -ne 0 ] || [ -f "$dir/exit" ]; then
			echo "$status" >"$dir/exit"
		fi
	fi

	want=0
	[ -f "$dir/exit" ] && want=$(tr -d ' \t\r\n' <"$dir/exit")
	if [ "$status" != "$want" ]; then
		echo "exit status $status, expected $want" >>"$tmp/why"
	fi

	if [ ! -f "$dir/expected" ]; then
		echo "missing file 'expected'" >>"$tmp/why"
	elif ! diff -u "$dir/expected" "$tmp/out" >"$tmp/diff" 2>&1; then
		{
			echo "stdout differs from 'expected' (-expected +actual):"
			cat "$tmp/diff"
		} >>"$tmp/why"
	fi

	if [ -f "$dir/expected.stderr" ]; then
		if ! diff -u "$dir/expected.stderr" "$tmp/err" >"$tmp/diff" 2>&1; then
			{
				echo "stderr differs from 'expected.stderr' (-expected +actual):"
				cat "$tmp/diff"
			} >>"$tmp/why"
		fi
	elif [ -f "$dir/stderr.contains" ]; then
		missing=
		while IFS= read -r needle || [ -n "$needle" ]; do
			[ -n "$needle" ] || continue
			if ! grep -F -q -e "$needle" "$tmp/err"; then
				echo "stderr does not contain: $needle" >>"$tmp/why"
				missing=1
			fi
		done <"$dir/stderr.contains"
		if [ -n "$missing" ]; then
			{
				echo "stderr was:"
				cat "$tmp/err"
			} >>"$tmp/why"
		fi
	elif [ -s "$tmp/err" ]; then
		{
			echo "unexpected stderr:"
			cat "$tmp/err"
		} >>"$tmp/why"
	fi

	if [ -s "$tmp/why" ]; then
		echo "not ok $i - $name"
		{
			echo "ran: (cd $dir && dockwright $argv)"
			cat "$tmp/why"
		} | diag
	else
		echo "ok $i - $name"
	fi
done
