#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/lambda_emu.sh - the Runtime API emulator speaks the protocol the
# runtime interface client expects, records what it is sent, and exits with
# the status the test harnesses read.  Talks HTTP through bash's /dev/tcp,
# so it needs no client program.  Speaks TAP.
dw_test_name=lambda-emu
. "$(dirname "$0")/lib.sh"
emu=$builddir/tests/lambda-emu
[ -x "$emu" ] || { echo "Bail out! $emu not built"; exit 1; }

n=0 failed=0
ok() { # DESCRIPTION COMMAND...
	local d=$1; shift; n=$((n + 1))
	if "$@"; then echo "ok $n - $d"; else echo "not ok $n - $d"; failed=$((failed + 1)); fi
}
# http METHOD PATH [BODY [EXTRA_HEADER]]: the raw response on stdout.
http() {
	local body=${3-} extra=${4-}
	exec 3<>"/dev/tcp/${addr%:*}/${addr#*:}" || return 1
	printf '%s %s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n%s\r\n%s' \
		"$1" "$2" "${#body}" "${extra:+$extra$'\r\n'}" "$body" >&3
	cat <&3
	exec 3<&-
}
# start OUTDIR EVENT...: runs the emulator in the background, waits for ready.
start() {
	local out=$1; shift
	mkdir -p "$out"
	"$emu" -t 20 127.0.0.1:0 "$out" "$@" 2>"$out/stderr" & pid=$!
	for _ in $(seq 100); do [ -s "$out/ready" ] && break; sleep 0.05; done
	addr=$(tr -d '\n' <"$out/ready")
}
# Not in $(...): a subshell cannot collect a child that already exited.
status_of() { wait "$pid"; st=$?; }

api=/2018-06-01/runtime
printf '{"n":1}' >"$tmp/e1.json"
printf '{"n":2}' >"$tmp/e2.json"

# Two events, one answered with a response and one with an error.
start "$tmp/a" "$tmp/e1.json" "$tmp/e2.json"
ok "ready names a real port" grep -Eq '^127\.0\.0\.1:[1-9][0-9]*$' "$tmp/a/ready"
r1=$(http GET $api/invocation/next)
ok "next hands out the first event" grep -q '{"n":1}$' <<<"$r1"
id1=$(sed -n 's/^Lambda-Runtime-Aws-Request-Id: \([^\r]*\)\r$/\1/p' <<<"$r1")
ok "next gives a request id" test -n "$id1"
ok "next gives a deadline in ms" grep -Eq '^Lambda-Runtime-Deadline-Ms: [0-9]{13}' <<<"$r1"
ok "next gives the function ARN" grep -q '^Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:' <<<"$r1"
ok "next gives a trace id" grep -q '^Lambda-Runtime-Trace-Id: Root=1-' <<<"$r1"
r=$(http POST "$api/invocation/nope/response" '{}')
ok "an unknown request id is refused" grep -q '^HTTP/1.1 400' <<<"$r"
r=$(http POST "$api/invocation/$id1/response" '{"statusCode":200}' 'Content-Type: application/json')
ok "a response is accepted" grep -q '^HTTP/1.1 202' <<<"$r"
r=$(http POST "$api/invocation/$id1/response" '{}')
ok "a second answer to one id is refused" grep -q '^HTTP/1.1 400' <<<"$r"
r2=$(http GET $api/invocation/next)
id2=$(sed -n 's/^Lambda-Runtime-Aws-Request-Id: \([^\r]*\)\r$/\1/p' <<<"$r2")
ok "the second event has its own id" test -n "$id2" -a "$id2" != "$id1"
http POST "$api/invocation/$id2/error" '{"errorType":"RuntimeError"}' \
	'Lambda-Runtime-Function-Error-Type: Function<RuntimeError>' >/dev/null
status_of
ok "exit 0 once every event is answered" test "$st" = 0
ok "the response body is recorded" test "$(cat "$tmp/a/0.response")" = '{"statusCode":200}'
ok "its headers are recorded, names in lower case" grep -qx 'content-type: application/json' "$tmp/a/0.response.headers"
ok "the error body is recorded" test "$(cat "$tmp/a/1.error")" = '{"errorType":"RuntimeError"}'
ok "the error type header is recorded" \
	grep -qx 'lambda-runtime-function-error-type: Function<RuntimeError>' "$tmp/a/1.error.headers"

# An init error stops it with status 3.
start "$tmp/b" "$tmp/e1.json"
http POST $api/init/error '{"errorType":"Init<LoadError>"}' >/dev/null
status_of
ok "exit 3 after an init error" test "$st" = 3
ok "the init error is recorded" grep -q 'Init<LoadError>' "$tmp/b/init.error"

# Unknown paths get 404; nobody calling ends in status 4.
mkdir -p "$tmp/c"
"$emu" -t 1 127.0.0.1:0 "$tmp/c" "$tmp/e1.json" 2>"$tmp/c/stderr" & pid=$!
for _ in $(seq 100); do [ -s "$tmp/c/ready" ] && break; sleep 0.05; done
addr=$(tr -d '\n' <"$tmp/c/ready")
r=$(http GET /2018-06-01/nothing)
ok "an unknown path is 404" grep -q '^HTTP/1.1 404' <<<"$r"
status_of
ok "exit 4 on the deadline" test "$st" = 4
ok "the timeout is explained" grep -q 'timed out after 1 s: 0 of 1 events answered' "$tmp/c/stderr"

# Usage errors are status 2 with a message.
"$emu" 127.0.0.1:0 "$tmp" 2>"$tmp/u.err"
ok "too few arguments is status 2" test $? = 2
ok "usage is printed" grep -q '^lambda-emu: usage:' "$tmp/u.err"
"$emu" localhost:x "$tmp" "$tmp/e1.json" 2>"$tmp/u.err"
ok "a bad address is status 2" test $? = 2

echo "1..$n"
[ "$failed" -eq 0 ]
