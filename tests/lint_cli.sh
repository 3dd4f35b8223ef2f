#!/bin/sh
# SPDX-License-Identifier: MIT
# `dockwright lint` cases that need files made at run time: configuration
# discovery up to a .git marker (which git cannot hold inside the
# repository), the user's config, .hadolint.yaml, symlink loops, --output,
# determinism and the shape of the machine-readable reports.  Speaks TAP.
#
# The fixture's Dockerfile trips practice-from-latest (DL3007) and
# syntax-expose-proto-casing, both warnings.
set -u

dw_test_name=lintcli; . "$(dirname "$0")/lib.sh"
# No user configuration leaks in, unless a case sets its own: these
# directories stay empty ($tmp/xdg is a case's own).
XDG_CONFIG_HOME=$tmp/no-xdg
HOME=$tmp/no-home
unset NO_COLOR

n=0
fail=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
	[ -f "$tmp/out" ] && sed 's/^/# out: /' "$tmp/out"
	[ -f "$tmp/err" ] && sed 's/^/# err: /' "$tmp/err"
}
# check DESC STATUS WANT_STATUS [grep args for out]...
expect() {
	desc=$1 status=$2 want=$3
	shift 3
	if [ "$status" != "$want" ]; then
		echo "# exit status $status, expected $want"
		not_ok "$desc"
		return
	fi
	for pat in "$@"; do
		case $pat in
		!*)
			if grep -q -e "${pat#!}" "$tmp/out"; then
				echo "# output matches '${pat#!}'"
				not_ok "$desc"
				return
			fi ;;
		*)
			if ! grep -q -e "$pat" "$tmp/out"; then
				echo "# output does not match '$pat'"
				not_ok "$desc"
				return
			fi ;;
		esac
	done
	ok "$desc"
}
lint() {
	"$dw" lint --target generic "$@" >"$tmp/out" 2>"$tmp/err"
}

df='FROM alpine:latest
EXPOSE 80/TCP
'

# ---- configuration discovery ----
r=$tmp/outer/repo
mkdir -p "$r/.git" "$r/a/b" "$tmp/outer/x"
printf '%s' "$df" >"$r/a/b/Dockerfile"
printf 'lint:\n  ignore: [syntax-expose-proto-casing]\n' >"$tmp/outer/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
expect "config above the repository root is not read" "$s" 1 \
	'practice-from-latest' 'syntax-expose-proto-casing'

printf 'lint:\n  ignore: [DL3007]\n' >"$r/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
expect "config two levels up, at the repository root, applies" "$s" 1 \
	'!practice-from-latest' 'syntax-expose-proto-casing'

(cd "$r/a" && "$dw" lint --target generic b/Dockerfile >"$tmp/out" 2>"$tmp/err"); s=$?
expect "walk from a relative path" "$s" 1 '!practice-from-latest' '^b/Dockerfile:2:'

printf 'lint:\n  ignore: [syntax-expose-proto-casing]\n' >"$r/a/dockwright.yaml"
lint "$r/a/b/Dockerfile"; s=$?
expect "the nearest dockwright.yaml wins" "$s" 1 \
	'practice-from-latest' '!syntax-expose-proto-casing'
rm "$r/a/dockwright.yaml"

lint --config "$tmp/outer/.dockwright.yml" "$r/a/b/Dockerfile"; s=$?
expect "--config replaces the walk" "$s" 1 \
	'practice-from-latest' '!syntax-expose-proto-casing'

lint --ignore syntax-expose-proto-casing "$r/a/b/Dockerfile"; s=$?
expect "--ignore adds to the configured list" "$s" 0 \
	'!practice-from-latest' '!syntax-expose-proto-casing'

rm "$r/.dockwright.yml"
printf 'ignored:\n  - DL3007\nfailure-threshold: error\n' >"$r/a/.hadolint.yaml"
lint "$r/a/b/Dockerfile"; s=$?
expect ".hadolint.yaml: ignored and failure-threshold" "$s" 0 \
	'!practice-from-latest' 'syntax-expose-proto-casing'

printf 'lint:\n  failure_threshold: warning\n' >"$r/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
expect "dockwright.yml overrides .hadolint.yaml" "$s" 1 '!practice-from-latest'

printf 'override:\n  error: [syntax-expose-proto-casing]\n' >"$r/a/.hadolint.yaml"
lint "$r/a/b/Dockerfile"; s=$?
expect ".hadolint.yaml override" "$s" 1 'Dockerfile:2:[0-9]*: error: .*syntax-expose-proto-casing'
rm "$r/a/.hadolint.yaml" "$r/.dockwright.yml"

mkdir -p "$tmp/xdg/dockwright"
printf 'lint:\n  ignore: [practice-from-latest]\n' >"$tmp/xdg/dockwright/config.yml"
XDG_CONFIG_HOME=$tmp/xdg lint "$r/a/b/Dockerfile"; s=$?
expect "\$XDG_CONFIG_HOME/dockwright/config.yml" "$s" 1 '!practice-from-latest'

printf 'lint:\n  ignore: [a\n' >"$r/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
if [ "$s" = 2 ] && grep -q '\.dockwright\.yml:[0-9]*:[0-9]*: error' "$tmp/err"; then
	ok "a broken config is an error at file:line:col"
else
	not_ok "a broken config is an error at file:line:col (exit $s)"
fi
printf 'lint:\n  failure_threshold: loud\n' >"$r/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
expect "a bad value in the config is an error" "$s" 2
printf 'ignored: {a: b}\n' >"$r/.hadolint.yml"
rm "$r/.dockwright.yml"
lint "$r/a/b/Dockerfile"; s=$?
if [ "$s" = 2 ] && grep -q '\.hadolint\.yml:1:[0-9]*: error' "$tmp/err"; then
	ok "a broken .hadolint.yml is an error"
else
	not_ok "a broken .hadolint.yml is an error (exit $s)"
fi
rm "$r/.hadolint.yml"

# ---- inputs ----
t=$tmp/tree
mkdir -p "$t/sub/deeper" "$t/node_modules/m" "$t/.git" "$t/other" "$tmp/empty" \
	"$t/vendor/gem" "$t/tpl"
for f in Dockerfile sub/x.Dockerfile sub/deeper/Containerfile sub/Dockerfile.prod \
	node_modules/m/Dockerfile .git/Dockerfile other/notes.txt sub/Dockerfile.dockerignore \
	vendor/gem/Dockerfile tpl/Dockerfile-web tpl/dockerfile tpl/Dockerfile.j2 \
	tpl/Dockerfile.erb tpl/Dockerfile.tmpl tpl/Dockerfile.template tpl/Dockerfile-x.in \
	../empty/notes.txt; do
	printf '%s' "$df" >"$t/$f"
done
ln -s .. "$t/sub/loop"
ln -s "$t/sub" "$t/other/again"
lint "$t"; s=$?
cut -d: -f1 "$tmp/out" | sort -u >"$tmp/files"
printf '%s\n' "$t/Dockerfile" "$t/sub/Dockerfile.prod" "$t/sub/deeper/Containerfile" \
	"$t/sub/x.Dockerfile" "$t/tpl/Dockerfile-web" "$t/tpl/dockerfile" | sort >"$tmp/want"
if [ "$s" = 1 ] && diff "$tmp/want" "$tmp/files" >/dev/null; then
	ok "directory recursion: names, skips (templates, vendor), symlink loops end, no duplicates"
else
	diff "$tmp/want" "$tmp/files" | sed 's/^/# /'
	not_ok "directory recursion (exit $s)"
fi

(cd "$t" && "$dw" lint --target generic >"$tmp/out" 2>"$tmp/err"); s=$?
expect "no PATH lints the current directory" "$s" 1 '^Dockerfile:1:' '^sub/x.Dockerfile:1:' '!other/again'

lint "$tmp/empty"; s=$?
expect "a directory without Dockerfiles is an error" "$s" 2

# ---- output ----
lint -f json "$t" && :
cp "$tmp/out" "$tmp/run1"
lint -f json "$t" && :
if cmp -s "$tmp/run1" "$tmp/out"; then ok "output is byte-identical across runs"; else not_ok "determinism"; fi

lint -f sarif -o "$tmp/report.sarif" "$t/Dockerfile"; s=$?
if [ "$s" = 1 ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/report.sarif" ]; then
	ok "--output writes the report to the file"
else
	not_ok "--output (exit $s)"
fi
cp "$tmp/report.sarif" "$tmp/out"
expect "sarif shape" 1 1 '"\$schema": "https://json.schemastore.org/sarif-2.1.0.json"' \
	'"version": "2.1.0"' '"name": "dockwright"' '"informationUri": ' \
	'"id": "practice-from-latest"' '"shortDescription": {' '"fullDescription": {' \
	'"defaultConfiguration": {' '"category": "practice"' '"DL3007"' \
	'"ruleId": "practice-from-latest"' '"ruleIndex": [0-9]' '"level": "warning"' \
	'"uri": ".*/tree/Dockerfile"' '"startLine": 1' '"startColumn": [0-9]' '"endLine": 1' '"endColumn": [0-9]'

lint -f sarif -o "$tmp/nodir/x.sarif" "$t/Dockerfile"; s=$?
expect "--output into a missing directory is an I/O error" "$s" 2

printf 'FROM alpine:latest\nRUN echo "\001\033[31m\377"\n' >"$tmp/ctl.Dockerfile"
lint -f json "$tmp/ctl.Dockerfile" && :
if LC_ALL=C grep -q "$(printf '[\001\033\377]')" "$tmp/out"; then
	not_ok "json output escapes control bytes and invalid UTF-8"
else
	ok "json output escapes control bytes and invalid UTF-8"
fi
lint -f checkstyle "$tmp/ctl.Dockerfile" && :
if LC_ALL=C grep -q "$(printf '[\001\033\377]')" "$tmp/out"; then
	not_ok "checkstyle output has no raw control bytes"
else
	ok "checkstyle output has no raw control bytes"
fi
lint -f tty --color "$t/Dockerfile"; s=$?
expect "tty --color colours the output" "$s" 1 "$(printf '\033\\[1;35mwarning:')" '\^'
NO_COLOR=1 "$dw" lint --target generic -f tty "$t/Dockerfile" >"$tmp/out" 2>&1
expect "NO_COLOR (no terminal either): no escapes" 1 1 "!$(printf '\033')"

# ---- hadolint's everyday flags, colour ----
lint -t error "$t/Dockerfile"; s=$?
expect "-t error: warnings do not fail" "$s" 0 'practice-from-latest'
lint --error DL3007 -t error "$t/Dockerfile"; s=$?
expect "--error ID (an alias) makes the rule an error" "$s" 1 'error: .*practice-from-latest'
lint --style practice-from-latest --info syntax-expose-proto-casing "$t/Dockerfile"; s=$?
expect "--style and --info lower rules below the threshold" "$s" 0 \
	'style: .*practice-from-latest' 'info: .*syntax-expose-proto-casing'
lint -f gitlab_codeclimate "$t/Dockerfile"; s=$?
expect "-f gitlab_codeclimate" "$s" 1 '"check_name": "practice-from-latest"' '"fingerprint": "[0-9a-f]\{64\}"'
lint --color=always -f tty "$t/Dockerfile"; s=$?
expect "--color=always colours even without a terminal" "$s" 1 "$(printf '\033')"
TERM=dumb "$dw" lint --target generic --color=auto -f tty "$t/Dockerfile" >"$tmp/out" 2>&1; s=$?
expect "TERM=dumb: no escapes" "$s" 1 "!$(printf '\033')"
lint --color=sometimes "$t/Dockerfile"; s=$?
expect "--color with a bad value is a usage error" "$s" 2

echo "1..$n"
exit 0
