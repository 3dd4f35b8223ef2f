#!/bin/sh
# SPDX-License-Identifier: MIT
# Reads stay inside the app (or its repository) unless the user names the
# path, refuse FIFOs and oversized files without hanging, echo only short
# escaped excerpts, and `lint DIR` does not follow symlinks out of the
# tree.  Speaks TAP.
set -u

dw_test_name=readbounds; . "$(dirname "$0")/lib.sh"
build=$builddir/dockwright-build
fixture=$srcdir/testdata/driver/managed-plain

# expect DESC WANT_STATUS PATTERN: the last command's status and stderr
# ("" matches anything); nothing from outside shows anywhere.
expect() {
	if [ "$s" -eq "$2" ] && { [ -z "$3" ] || grep -q -e "$3" "$tmp/err"; } &&
		! grep -q OUTSIDE "$tmp/out" "$tmp/err"; then
		ok "$1"
	else
		not_ok "$1 (exit $s, want $2 and '$3')"
	fi
}
fresh() { # a repository with the app in repo/app
	rm -rf "$tmp/repo"
	mkdir -p "$tmp/repo/.git"
	cp -R "$fixture" "$tmp/repo/app"
	app=$tmp/repo/app
}
gen() { timeout 20 "$dw" gen "$@" "$app" >"$tmp/out" 2>"$tmp/err"; s=$?; }

mkdir -p "$tmp/outside"
printf 'OUTSIDE-secret-3.3.6\n' >"$tmp/outside/ver"
printf 'OUTSIDE: [secret\n' >"$tmp/outside/dockwright.yml"
printf 'FROM alpine:3.20\nRUN echo OUTSIDE\n' >"$tmp/outside/Dockerfile"

# ---- files found in the app stay in it -----------------------------------------------
fresh
ln -s "$tmp/outside/ver" "$app/.ruby-version"
gen
expect "a .ruby-version symlinked out of the repository is not read" 2 "leads outside"

fresh
printf '3.3.6\n' >"$tmp/repo/.ruby-version"
ln -s ../.ruby-version "$app/.ruby-version"
gen
grep -q '3.3.6 (from .ruby-version)' "$tmp/out" || s=1
expect "a .ruby-version symlinked to the repository's top is read" 0 ""

fresh
ln -s "$tmp/outside/ver" "$app/.tool-versions"
gen
expect "a symlinked .tool-versions out of the repository is not read" 2 "leads outside"

fresh
printf 'source "https://rubygems.org"\nruby file: "../../outside/ver"\ngem "json"\n' \
	>"$app/Gemfile"
gen
expect "Gemfile's ruby file: outside the repository is not read" 2 "leads outside"

fresh
mv "$app/Gemfile.lock" "$tmp/outside/Gemfile.lock"
ln -s "$tmp/outside/Gemfile.lock" "$app/Gemfile.lock"
gen
expect "a Gemfile.lock symlinked out of the repository is not read" 2 "leads outside"

fresh
rm -f "$app/dockwright.yml"
ln -s "$tmp/outside/dockwright.yml" "$app/dockwright.yml"
gen
expect "a dockwright.yml symlinked out of the repository is not read" 2 "leads outside"
printf 'dockerfile:\n  auto_packages: false\n  handler: lib/function.handle\n' >"$tmp/outside/named.yml"
gen -c "$tmp/outside/named.yml"
expect "a config named with -c is read wherever it is" 0 ""

fresh
printf 'dockerfile:\n  custom: ../../outside/Dockerfile\n' >"$app/dockwright.yml"
gen
expect "gen: dockerfile.custom outside the repository is not read" 2 "leads outside"
SOURCE_DATE_EPOCH=1 DOCKWRIGHT_GIT_DISABLED=1 timeout 20 "$build" -n -b buildah "$app" \
	>"$tmp/out" 2>"$tmp/err"
s=$?
expect "dockwright-build: dockerfile.custom outside the repository is not read" 2 \
	"leads outside"

# ---- rule packs named by a found config ------------------------------------------------------
mkdir -p "$tmp/lrepo/.git"
printf 'FROM alpine:3.20\n' >"$tmp/lrepo/Dockerfile"
printf 'OUTSIDE: [not a pack\n' >"$tmp/outside/pack.yaml"
printf 'lint:\n  rules: [../outside/pack.yaml]\n' >"$tmp/lrepo/.dockwright.yml"
timeout 20 "$dw" lint --target generic "$tmp/lrepo/Dockerfile" >"$tmp/out" 2>"$tmp/err"
s=$?
expect "a rule pack outside the repository, named by its config, is not read" 2 \
	"leads outside"
printf 'rules: []\n' >"$tmp/outside/ok-pack.yaml"
printf 'lint:\n  rules: [../outside/ok-pack.yaml]\n' >"$tmp/lrepo/.dockwright.yml"
printf '{}\n' >"$tmp/empty.yml"
timeout 20 "$dw" lint --target generic -c "$tmp/empty.yml" --rules "$tmp/outside/ok-pack.yaml" \
	"$tmp/lrepo/Dockerfile" >"$tmp/out" 2>"$tmp/err"
s=$?
expect "a rule pack named with --rules is read wherever it is" 0 ""

# ---- FIFOs and size ------------------------------------------------------------------------
fresh
rm -f "$app/Gemfile.lock"
mkfifo "$app/Gemfile.lock"
gen
expect "a FIFO as Gemfile.lock is refused, without hanging" 2 "not a regular file"
mkfifo "$tmp/fifo"
timeout 20 "$dw" lint "$tmp/fifo" >"$tmp/out" 2>"$tmp/err"
s=$?
expect "lint FIFO is refused, without hanging" 2 "not a regular file"
timeout 20 "$dw" dump /dev/zero >"$tmp/out" 2>"$tmp/err"
s=$?
expect "a device is refused, without reading forever" 2 "not a regular file"
mkdir -p "$tmp/big"
{ echo 'FROM alpine:3.20'; head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' '#'; } \
	>"$tmp/big/Dockerfile"
timeout 20 "$dw" lint "$tmp/big/Dockerfile" >"$tmp/out" 2>"$tmp/err"
s=$?
expect "a file over 16 MiB is refused with a clear error" 2 "too large"

# ---- excerpts -----------------------------------------------------------------------------
fresh
{ printf 'jruby-'; head -c 2000 /dev/zero | tr '\0' 'A'; printf '\033[31mred\n'; } \
	>"$app/.ruby-version"
gen
if grep -q 'is not a Ruby version' "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err" &&
	[ "$(wc -c <"$tmp/err")" -lt 400 ]; then
	ok "a bad .ruby-version is quoted as a short escaped excerpt"
else
	not_ok "a bad .ruby-version is echoed: $(wc -c <"$tmp/err") bytes"
fi

# ---- lint DIR stays in the tree -------------------------------------------------------------
mkdir -p "$tmp/tree/sub"
printf 'FROM alpine:3.20\n' >"$tmp/tree/sub/Dockerfile"
ln -s "$tmp/outside" "$tmp/tree/out"
ln -s "$tmp/tree/sub" "$tmp/tree/in"
ln -s / "$tmp/tree/root"
timeout 60 "$dw" lint --format gnu "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
s=$?
if [ "$s" -ne 124 ] && ! grep -q "outside\|OUTSIDE\|tree/root" "$tmp/out" "$tmp/err"; then
	ok "lint DIR does not follow symlinks out of the tree (ln -s / x)"
else
	not_ok "lint DIR followed a symlink out of the tree (exit $s)"
fi

echo "1..$n"
