#!/bin/sh
# SPDX-License-Identifier: MIT
# gen's golden tests, one fixture app per directory under testdata/gen/.
# Speaks TAP.  For each CASE (run from testdata/gen, so paths are short):
#
#   expected.Dockerfile  stdout of `dockwright gen CASE` (managed apps)
#   expected.stderr      optional: the exact stderr (default: empty)
#   expected.plan.json   optional: stdout of `dockwright gen --plan CASE`
#   exit                 optional: expected exit status (default 0)
#   expected.dockerignore optional: the .dockerignore `gen -o` writes
#
# and, for every managed app, the generated Dockerfile must:
#   - come out byte-identical on a second run (determinism);
#   - parse with BuildKit's rules and pass its instruction checks
#     (`dockwright dump --strict`);
#   - pass `dockwright lint` with nothing at warning or above;
#   - make `gen --check` exit 0 against expected.Dockerfile and 1 against
#     a stale copy; `gen -o` writes it atomically;
#   - with `gen -o` on a copy of the app, write every file --plan lists,
#     byte for byte with its sha256, and pass `dockwright lint --context`
#     (the handler file CMD names is in the build context).
#
# DW_GOLDEN_UPDATE=1 rewrites the expected files: review the git diff.
set -u

dw_test_name=gen; . "$(dirname "$0")/lib.sh"
cases=$srcdir/testdata/gen


n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); echo "not ok $n - $*"; }
diag() { sed 's/^/# /'; }

check_case() {
	c=$1
	want_exit=0
	[ -f "$c/exit" ] && want_exit=$(cat "$c/exit")
	${DW_WRAPPER:-} "$dw" gen "$c" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "${DW_GOLDEN_UPDATE:-}" = 1 ]; then
		[ -s "$tmp/out" ] && cp "$tmp/out" "$c/expected.Dockerfile"
		[ -s "$tmp/err" ] && cp "$tmp/err" "$c/expected.stderr"
		[ "$rc" -ne 0 ] && echo "$rc" >"$c/exit"
		want_exit=$rc
	fi
	if [ "$rc" -ne "$want_exit" ]; then
		notok "$c: exit $rc, want $want_exit"; diag <"$tmp/err"; return
	fi
	if [ -f "$c/expected.Dockerfile" ] && ! cmp -s "$tmp/out" "$c/expected.Dockerfile"; then
		notok "$c: output differs from expected.Dockerfile"
		diff -u "$c/expected.Dockerfile" "$tmp/out" | diag; return
	fi
	if [ -f "$c/expected.stderr" ]; then
		if ! cmp -s "$tmp/err" "$c/expected.stderr"; then
			notok "$c: stderr differs"; diff -u "$c/expected.stderr" "$tmp/err" | diag; return
		fi
	elif [ -s "$tmp/err" ]; then
		notok "$c: unexpected stderr"; diag <"$tmp/err"; return
	fi
	ok "$c: gen output and exit status"
}

check_plan() {
	c=$1
	[ -f "$c/expected.plan.json" ] || [ "${DW_GOLDEN_UPDATE:-}" = 1 ] || return 0
	"$dw" gen --plan "$c" >"$tmp/plan" 2>/dev/null
	[ "${DW_GOLDEN_UPDATE:-}" = 1 ] && cp "$tmp/plan" "$c/expected.plan.json"
	if cmp -s "$tmp/plan" "$c/expected.plan.json"; then
		ok "$c: --plan"
	else
		notok "$c: --plan differs"; diff -u "$c/expected.plan.json" "$tmp/plan" | diag
	fi
}

check_generated() {
	c=$1
	[ -f "$c/expected.Dockerfile" ] || return 0
	"$dw" gen "$c" >"$tmp/again" 2>/dev/null
	if cmp -s "$tmp/out" "$tmp/again"; then ok "$c: deterministic"; else notok "$c: two runs differ"; fi
	if "$dw" dump --strict --no-warnings "$tmp/out" >/dev/null 2>"$tmp/derr"; then
		ok "$c: parses and passes BuildKit's instruction checks"
	else
		notok "$c: dump --strict failed"; diag <"$tmp/derr"
	fi
	if "$dw" lint --format gnu --failure-threshold warning "$tmp/out" >"$tmp/lint" 2>&1; then
		ok "$c: lint finds nothing at warning or above"
	else
		notok "$c: lint findings"; diag <"$tmp/lint"
	fi
	check_written "$c"
}

# gen -o on a copy of the app: the Dockerfile, the files the plan lists
# (each with its sha256), lint --context clean, and --check then passes.
check_written() {
	c=$1
	rm -rf "$tmp/app" && cp -R "$c" "$tmp/app" || return
	if ! "$dw" gen -q -o "$tmp/app/Dockerfile" "$tmp/app" 2>"$tmp/werr"; then
		notok "$c: gen -o failed"; diag <"$tmp/werr"; return
	fi
	"$dw" gen --plan "$tmp/app" 2>/dev/null |
		sed -n 's/^ *"path": "\(.*\)",$/\1/p; s/^ *"sha256": "\(.*\)"$/\1/p' |
		paste - - >"$tmp/files"
	bad=
	while read -r f sum; do
		got=$(sha256sum <"$tmp/app/$f" 2>/dev/null | cut -d' ' -f1)
		[ "$got" = "$sum" ] || bad="$bad $f"
	done <"$tmp/files"
	if [ -z "$bad" ]; then
		ok "$c: gen -o writes the $(wc -l <"$tmp/files" | tr -d ' ') file(s) --plan lists, with their sha256"
	else
		notok "$c: generated files missing or different:$bad"
	fi
	if [ "${DW_GOLDEN_UPDATE:-}" = 1 ] && [ -f "$c/expected.dockerignore" ]; then
		cp "$tmp/app/.dockerignore" "$c/expected.dockerignore"
	fi
	if [ -f "$c/expected.dockerignore" ]; then
		if cmp -s "$tmp/app/.dockerignore" "$c/expected.dockerignore"; then
			ok "$c: gen -o writes expected.dockerignore"
		else
			notok "$c: the written .dockerignore differs"
			diff -u "$c/expected.dockerignore" "$tmp/app/.dockerignore" | diag
		fi
	fi
	if "$dw" lint --format gnu --failure-threshold warning --context "$tmp/app" \
		"$tmp/app/Dockerfile" >"$tmp/lint" 2>&1; then
		ok "$c: lint --context finds nothing at warning or above"
	else
		notok "$c: lint --context findings"; diag <"$tmp/lint"
	fi
	if "$dw" gen --check "$c/expected.Dockerfile" "$tmp/app" >/dev/null 2>&1; then
		ok "$c: --check passes on the expected file and the written ones"
	else
		notok "$c: --check says the expected or written files are stale"
	fi
}

cd "$cases" || exit 1
for d in */; do
	c=${d%/}
	check_case "$c"
	check_plan "$c"
	check_generated "$c"
done

# --check on a stale file: exit 1 and a unified diff; -o is atomic.
c=rack
printf 'FROM stale\n' >"$tmp/stale"
"$dw" gen --check "$tmp/stale" "$c" >"$tmp/diff" 2>/dev/null
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^-FROM stale$' "$tmp/diff" && grep -q '^+++ ' "$tmp/diff"; then
	ok "--check: a stale file exits 1 with a unified diff"
else
	notok "--check on a stale file: exit $rc"; diag <"$tmp/diff"
fi
rm -rf "$tmp/app" && cp -R "$c" "$tmp/app"
"$dw" gen -o "$tmp/Dockerfile" "$tmp/app" 2>/dev/null
if cmp -s "$tmp/Dockerfile" "$c/expected.Dockerfile" &&
	cmp -s "$tmp/app/handlers/dockwright_rack.rb" "$srcdir/templates/handler_rack.rb"; then
	ok "-o writes the Dockerfile and, into the app, the Rack adapter"
else
	notok "-o output differs"
fi
# An edited generated file makes --check fail with its diff (gen rewrites
# its own .dockerignore too); so does a missing one.
check_edited() {
	echo "$2" >>"$tmp/app/$1"
	"$dw" gen --check "$tmp/Dockerfile" "$tmp/app" >"$tmp/diff" 2>/dev/null
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q -- "^-$2\$" "$tmp/diff"; then
		ok "--check: an edited $1 exits 1 with its diff"
	else
		notok "--check on an edited $1: exit $rc"; diag <"$tmp/diff"
	fi
}
check_edited handlers/dockwright_rack.rb "# edited"
check_edited .dockerignore "/edited"
rm "$tmp/app/handlers/dockwright_rack.rb"
"$dw" gen --check "$tmp/Dockerfile" "$tmp/app" >/dev/null 2>&1
rc=$?
if [ "$rc" -eq 1 ]; then ok "--check: a missing generated file exits 1"; else notok "--check, file missing: exit $rc"; fi
# Without -o the Dockerfile goes to stdout and gen says what else to write,
# or writes it with --write-files.
"$dw" gen "$tmp/app" >/dev/null 2>"$tmp/err"
if grep -q "note: the image also needs $tmp/app/handlers/dockwright_rack.rb" "$tmp/err" &&
	[ ! -e "$tmp/app/handlers/dockwright_rack.rb" ]; then
	ok "stdout: gen names the file it did not write"
else
	notok "stdout: no note about the handler file"; diag <"$tmp/err"
fi
"$dw" gen --write-files "$tmp/app" >"$tmp/out" 2>"$tmp/err"
if [ ! -s "$tmp/err" ] && cmp -s "$tmp/app/handlers/dockwright_rack.rb" "$srcdir/templates/handler_rack.rb"; then
	ok "--write-files writes the handler with the Dockerfile on stdout"
else
	notok "--write-files"; diag <"$tmp/err"
fi
# The app's own file at that path is never overwritten.
printf 'puts "mine"\n' >"$tmp/app/handlers/dockwright_rack.rb"
"$dw" gen -o "$tmp/app/Dockerfile2" "$tmp/app" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "has its own handlers/dockwright_rack.rb" "$tmp/err" &&
	grep -q '^puts "mine"' "$tmp/app/handlers/dockwright_rack.rb" && [ ! -e "$tmp/app/Dockerfile2" ]; then
	ok "gen never overwrites the app's own file"
else
	notok "gen and the app's own handlers/dockwright_rack.rb: exit $rc"; diag <"$tmp/err"
fi
printf 'keep me\n' >"$tmp/keep"
if ! "$dw" gen -o "$tmp/keep" "$cases/does-not-exist/.." --config "$tmp/missing.yml" >/dev/null 2>&1 &&
	[ "$(cat "$tmp/keep")" = "keep me" ]; then
	ok "-o leaves the old file untouched on an error"
else
	notok "-o changed the old file on an error"
fi
echo "1..$n"
