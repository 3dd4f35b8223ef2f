#!/bin/sh
# SPDX-License-Identifier: MIT
# Streamed reports (tty, gnu and json to standard output, written as the
# findings come) are complete and byte-identical to the same report
# written whole with --output, for a file with 100,000 findings and for
# several files.  (Memory is measured by make bench-lint, not here.)
dw_test_name=lint-stream
. "$(dirname "$0")/lib.sh"

echo "1..5"
# 20,000 RUN lines, five findings each.
awk 'BEGIN { print "FROM debian:12"; print "RUN true"; for (i = 0; i < 20000; i++) print "RUN apt-get install curl" }' \
	>"$tmp/big.Dockerfile"
"$dw" lint --target generic --format gnu --no-fail "$tmp/big.Dockerfile" >"$tmp/stream.gnu" 2>"$tmp/err"
"$dw" lint --target generic --format gnu --no-fail -o "$tmp/whole.gnu" "$tmp/big.Dockerfile" 2>>"$tmp/err"
lines=$(wc -l <"$tmp/stream.gnu" | tr -d ' ')
if [ "$lines" -eq 100000 ] && cmp -s "$tmp/stream.gnu" "$tmp/whole.gnu"; then
	ok "gnu: 100000 findings streamed, the same as the whole report"
else
	echo "# $lines lines" >>"$tmp/err"
	not_ok "gnu: 100000 findings streamed, the same as the whole report"
fi
for f in json tty; do
	"$dw" lint --target generic --format $f --no-color --no-fail "$tmp/big.Dockerfile" >"$tmp/stream.$f" 2>"$tmp/err"
	"$dw" lint --target generic --format $f --no-fail -o "$tmp/whole.$f" "$tmp/big.Dockerfile" 2>>"$tmp/err"
	if cmp -s "$tmp/stream.$f" "$tmp/whole.$f" && [ -s "$tmp/stream.$f" ]; then
		ok "$f: streamed report is the whole report"
	else
		not_ok "$f: streamed report is the whole report"
	fi
done
# Several files, one with a parse error: order, exit status and content
# as the whole report has them.
mkdir -p "$tmp/dir/a" "$tmp/dir/b"
printf 'FROM debian:12\nRUN apt-get install curl\n' >"$tmp/dir/a/Dockerfile"
printf 'FROM debian:12\nRUN <<EOF\n' >"$tmp/dir/b/Dockerfile"
printf 'FROM alpine:latest\n' >"$tmp/dir/Dockerfile"
"$dw" lint --format json "$tmp/dir" >"$tmp/stream.dir" 2>"$tmp/err"
s1=$?
"$dw" lint --format json -o "$tmp/whole.dir" "$tmp/dir" 2>>"$tmp/err"
s2=$?
if [ "$s1" -eq "$s2" ] && [ "$s1" -eq 2 ] && cmp -s "$tmp/stream.dir" "$tmp/whole.dir"; then
	ok "several files: same report and exit status streamed or whole"
else
	echo "# exit $s1 and $s2" >>"$tmp/err"
	not_ok "several files: same report and exit status streamed or whole"
fi
printf 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\nUSER 1000\n' >"$tmp/clean.Dockerfile"
"$dw" lint --target generic --format gnu "$tmp/big.Dockerfile" >/dev/null 2>&1
s1=$?
"$dw" lint --target generic --format gnu "$tmp/clean.Dockerfile" >"$tmp/out" 2>"$tmp/err"
s2=$?
if [ "$s1" -eq 1 ] && [ "$s2" -eq 0 ] && [ ! -s "$tmp/out" ]; then
	ok "streamed: exit 1 with findings at the threshold, 0 without"
else
	echo "# exit $s1 and $s2" >>"$tmp/err"
	not_ok "streamed: exit 1 with findings at the threshold, 0 without"
fi
