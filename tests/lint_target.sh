#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/lint_target.sh - `dockwright lint --target auto`, the default: the
# Lambda rules only where the Dockerfile or its folder says Lambda, the
# decision in --verbose, lint.paths, and the tty report's closing line.
# Speaks TAP.
set -u
dw_test_name=linttarget
. "$(dirname "$0")/lib.sh"
unset NO_COLOR

fail=0
not_ok() {
	n=$((n + 1))
	fail=1
	echo "not ok $n - $1"
	sed 's/^/# out: /' "$tmp/out" | head -n 8
	sed 's/^/# err: /' "$tmp/err" | head -n 8
}
# run ARGS...: lint from $tmp/r, out and err kept, status in $st.
run() {
	(cd "$tmp/r" && "$dw" lint "$@") >"$tmp/out" 2>"$tmp/err"
	st=$?
}
# expect DESC WANT_STATUS [PATTERN | !PATTERN]... (patterns over out+err)
expect() {
	desc=$1 want=$2
	shift 2
	cat "$tmp/out" "$tmp/err" >"$tmp/all"
	[ "$st" = "$want" ] || { echo "# exit status $st, expected $want"; not_ok "$desc"; return; }
	for pat in "$@"; do
		case $pat in
		!*) if grep -q -e "${pat#!}" "$tmp/all"; then
			echo "# matches '${pat#!}'"; not_ok "$desc"; return; fi ;;
		*) if ! grep -q -e "$pat" "$tmp/all"; then
			echo "# does not match '$pat'"; not_ok "$desc"; return; fi ;;
		esac
	done
	ok "$desc"
}

r=$tmp/r
mkdir -p "$r/.git" "$r/plain" "$r/base" "$r/ric" "$r/handler" "$r/app" \
	"$r/jets/config/jets" "$r/lambda/fn" "$r/svc" "$r/hub"
ordinary='FROM debian:12.5\nCMD ["/bin/true"]\n'
printf "$ordinary" >"$r/plain/Dockerfile"
printf 'FROM public.ecr.aws/lambda/ruby:3.3\nCOPY app.rb ./\nCMD ["app.handler"]\n' >"$r/base/Dockerfile"
printf 'FROM ruby:3.3-slim\nRUN gem install aws_lambda_ric\nCMD ["app.handler"]\n' >"$r/ric/Dockerfile"
printf 'FROM ruby:3.3-slim\nENV _HANDLER=app.handler\n' >"$r/handler/Dockerfile"
printf "$ordinary" >"$r/app/Dockerfile"
: >"$r/app/dockwright.yml"
printf "$ordinary" >"$r/jets/Dockerfile"
printf "$ordinary" >"$r/lambda/fn/Dockerfile"
cp "$r/base/Dockerfile" "$r/svc/Dockerfile"
printf 'FROM --platform=linux/arm64 docker.io/amazon/aws-lambda-ruby:3.3\nCOPY app.rb ./\nCMD ["app.handler"]\n' \
	>"$r/hub/Dockerfile"

run -v plain/Dockerfile
expect "an ordinary Dockerfile gets no Lambda rules" 0 '!lambda-' \
	'plain/Dockerfile: target generic (auto: no Lambda base image'
run plain/Dockerfile --target lambda
expect "--target lambda still applies them" 1 'lambda-no-runtime-client'
run -v base/Dockerfile
expect "a Lambda base image means lambda" 0 'lambda-root-user' \
	'target lambda (auto: line 1 names a Lambda base image, public.ecr.aws/lambda/ruby:3.3)'
run -v hub/Dockerfile
expect "the same image on Docker Hub, after a flag, means lambda" 0 'lambda-root-user' \
	'target lambda (auto: line 1 names a Lambda base image, docker.io/amazon/aws-lambda-ruby:3.3)'
run --verbose ric/Dockerfile
expect "aws_lambda_ric in RUN means lambda" 1 'target lambda (auto: line 2 runs the runtime interface client'
run -v handler/Dockerfile
expect "_HANDLER means lambda" 1 'lambda-no-runtime-client' 'target lambda (auto: line 2 sets _HANDLER)'
run -v app/Dockerfile
expect "a dockwright.yml beside it means lambda" 1 'target lambda (auto: dockwright.yml beside it)'
run -v jets/Dockerfile
expect "config/jets/ beside it means lambda" 1 'target lambda (auto: config/jets/ beside it)'
# One run over several folders: what a folder holds is asked once, and
# each file gets its own folder's answer.
printf "$ordinary" >"$r/app/Dockerfile.web"
printf "$ordinary" >"$r/plain/Dockerfile.dev"
run -v app jets plain
expect "one run, several folders: each file gets its folder's target" 1 \
	'app/Dockerfile: target lambda (auto: dockwright.yml beside it)' \
	'app/Dockerfile.web: target lambda (auto: dockwright.yml beside it)' \
	'jets/Dockerfile: target lambda (auto: config/jets/ beside it)' \
	'plain/Dockerfile: target generic' 'plain/Dockerfile.dev: target generic'
rm "$r/app/Dockerfile.web" "$r/plain/Dockerfile.dev"
run -v --target auto - <"$r/base/Dockerfile"
expect "standard input is looked at too" 0 '<stdin>: target lambda (--target auto: line 1'
run --target generic base/Dockerfile
expect "--target generic leaves them out" 0 '!lambda-'
run --target bogus plain/Dockerfile
expect "an unknown target is a usage error" 2 "unknown target 'bogus' (auto, lambda or generic)"

# lint.paths, relative to the config file, first match wins.
printf 'lint:\n  target: generic\n  paths:\n    "lambda/**": lambda\n    svc: generic\n' >"$r/dockwright.yml"
run -v lambda/fn/Dockerfile svc/Dockerfile
expect "lint.paths gives a folder the Lambda rules" 1 'lambda/fn/Dockerfile:1:1: .*lambda-no-runtime-client' \
	"lambda/fn/Dockerfile: target lambda (lint.paths 'lambda/\*\*' lambda in dockwright.yml)"
expect "lint.paths takes them from another" 1 '!svc/Dockerfile.*lambda-' \
	"svc/Dockerfile: target generic (lint.paths 'svc' generic in dockwright.yml)"
(cd "$r/lambda/fn" && "$dw" lint -v Dockerfile) >"$tmp/out" 2>"$tmp/err"; st=$?
expect "lint.paths matches from any working directory" 1 "target lambda (lint.paths 'lambda/\*\*'"
run -v plain/Dockerfile
expect "lint.target applies where no pattern matches" 0 'target generic (lint.target generic in dockwright.yml)'
run -v --target auto lambda/fn/Dockerfile
expect "--target wins over lint.paths" 0 'target generic (--target auto: no Lambda'
printf 'lint:\n  paths: {"lambda/**": lamda}\n' >"$r/dockwright.yml"
run plain/Dockerfile
expect "a bad lint.paths target is an error at its place" 2 \
	'dockwright.yml:2:.*auto, lambda or generic'
rm "$r/dockwright.yml"

# gen's output is a Lambda Dockerfile wherever it is linted.
"$dw" gen -q "$srcdir/examples/rails-app" >"$r/plain/Dockerfile.gen" 2>"$tmp/err"
run -v plain/Dockerfile.gen
expect "gen's output is linted as lambda" 0 'target lambda (auto: line'

# The tty report ends with one pointer to `rules explain`.
run -f tty --color=never base/Dockerfile
last=$(tail -n 1 "$tmp/out")
case $last in
"see \`dockwright rules explain ID\`"*"lambda-root-user"*)
	[ "$(grep -c 'rules explain' "$tmp/out")" = 1 ] &&
		ok "tty output ends with one 'see dockwright rules explain ID' line" ||
		not_ok "tty output ends with one 'see dockwright rules explain ID' line" ;;
*) not_ok "tty output ends with one 'see dockwright rules explain ID' line" ;;
esac
for f in gnu json sarif checkstyle junit codeclimate gitlab_codeclimate; do
	run -f "$f" base/Dockerfile
	grep -q 'rules explain' "$tmp/out" && { not_ok "no pointer in $f output"; continue; }
	ok "no pointer in $f output"
done
run -f tty plain/Dockerfile
expect "no pointer without findings" 0 '!rules explain'

echo "1..$n"
[ "$fail" -eq 0 ]
