#!/bin/sh
# SPDX-License-Identifier: MIT
# Inputs built to exhaust the stack or the CPU: bounded, with a clear
# message, never a crash.  Speaks TAP.
set -u

dw_test_name=deep; . "$(dirname "$0")/lib.sh"

# ---- 5,000 chained stages on a 128 KB stack ----------------------------------------------
# The stage walk used to recurse once per stage (200,000 overflow the
# default 8 MB stack); a small stack shows the same with fewer stages.
awk 'BEGIN { print "FROM alpine:3.20 AS s0"; for (i = 1; i < 5000; i++) printf "FROM s%d AS s%d\n", i - 1, i }' \
	>"$tmp/chain.Dockerfile"
(ulimit -s 128 && exec "$dw" lint "$tmp/chain.Dockerfile") >"$tmp/out" 2>"$tmp/err"
s=$?
if [ "$s" -le 2 ]; then
	ok "5,000 chained stages lint without recursion (exit $s)"
else
	not_ok "5,000 chained stages: exit $s (crash)"
fi

# ---- a pattern that backtracks without end ------------------------------------------------
cat >"$tmp/pack.yaml" <<'YAML'
rules:
  - id: pack-backtrack
    category: practice
    severity: warning
    message: catastrophic pattern
    instruction: run
    match: command
    pattern: '^(a|aa)+$'
    mode: must-not-match
YAML
{
	echo 'FROM alpine:3.20'
	printf 'RUN %sb\n' "$(head -c 60 /dev/zero | tr '\0' a)"
	echo 'RUN aa'
} >"$tmp/bt.Dockerfile"
timeout 60 "$dw" lint --rules "$tmp/pack.yaml" --format gnu "$tmp/bt.Dockerfile" \
	>"$tmp/out" 2>"$tmp/err"
s=$?
if [ "$s" -ne 124 ] && grep -q "bt.Dockerfile:2:.*matching budget.*pack-backtrack" "$tmp/out" &&
	! grep -q "bt.Dockerfile:3:.*pack-backtrack" "$tmp/out"; then
	ok "a pattern out of steps is a finding, and spends the rule's budget for the file"
else
	not_ok "a pattern out of steps: exit $s"
	sed 's/^/# out: /' "$tmp/out" | head -n 5
fi

echo "1..$n"
