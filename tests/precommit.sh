#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/precommit.sh - the hooks of .pre-commit-hooks.yaml, run by the real
# pre-commit in a demo repository: a bad Dockerfile and a stale generated
# one block `git commit`; good ones go through.  Speaks TAP; skips without
# pre-commit or git (scripts/install-deps installs both).
dw_test_name=precommit
. "$(dirname "$0")/lib.sh"

for t in pre-commit git; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "1..0 # SKIP $t is not installed (scripts/install-deps installs it)"
		exit 0
	fi
done

n=0 failed=0
ok() { # DESCRIPTION COMMAND...
	d=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/out" 2>&1; then
		[ "$1" = said ] || cp "$tmp/out" "$tmp/last"
		echo "ok $n - $d"
	else
		echo "not ok $n - $d"
		failed=$((failed + 1))
		sed 's/^/# /' "$tmp/out" | tail -n 20
	fi
}
# Checks on the output of the last command that passed (not a check).
said() { grep -q -- "$1" "$tmp/last" || { cat "$tmp/last"; false; }; }
fails() { ! "$@"; }

# No identity, hooks or settings of the caller's; pre-commit's cache in tmp.
export GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME="$tmp/pc" PRE_COMMIT_COLOR=never
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid
export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid
PATH=$builddir:$PATH
export PATH

# The hooks file under test, in a repository of its own, as pre-commit
# clones it from a URL.
mkdir "$tmp/hooks"
cp "$srcdir/.pre-commit-hooks.yaml" "$tmp/hooks/"
git -C "$tmp/hooks" init -q
git -C "$tmp/hooks" add .pre-commit-hooks.yaml
git -C "$tmp/hooks" commit -qm hooks
rev=$(git -C "$tmp/hooks" rev-parse HEAD)

# The demo app: a fixture of gen's tests, with the Dockerfile gen writes.
app=$tmp/app
cp -R "$srcdir/testdata/gen/sinatra" "$app"
rm -f "$app"/expected.* "$app"/exit
git -C "$app" init -q
printf 'repos:\n  - repo: file://%s\n    rev: %s\n    hooks:\n      - id: dockwright-lint\n      - id: dockwright-gen-check\n' \
	"$tmp/hooks" "$rev" >"$app/.pre-commit-config.yaml"
commit() { (cd "$app" && git add -A && git commit -qm "$1"); }

ok "pre-commit install" sh -c "cd '$app' && pre-commit install"
ok "the generated Dockerfile is written" dockwright gen -q -o "$app/Dockerfile" "$app"
ok "a fresh, clean app commits" commit "first"

# A Lambda Dockerfile (it sets _HANDLER) lint rejects: no runtime
# interface client, a root user.
mkdir "$app/tools"
printf 'FROM ruby:3.3-slim\nENV _HANDLER=app.handler\nCMD ["ruby", "x.rb"]\n' >"$app/tools/Dockerfile"
ok "a bad Dockerfile blocks the commit" fails commit "bad"
ok "the lint hook failed, naming the rule" said 'lambda-ric-entrypoint\|lambda-'
ok "the lint hook named the file" said 'tools/Dockerfile:1:1'

# The same file without anything that says Lambda is an ordinary image:
# --target auto leaves out the Lambda rules.
printf 'FROM ruby:3.3-slim\nCMD ["ruby", "x.rb"]\n' >"$app/tools/Dockerfile"
ok "an ordinary Dockerfile beside the app commits" commit "tools"
rm -r "$app/tools"

# The Dockerfile no longer matches what gen writes.
cp "$app/Dockerfile" "$tmp/Dockerfile.good"
sed 's/^FROM .* AS base$/FROM ruby:3.0.0-slim AS base/' "$tmp/Dockerfile.good" >"$app/Dockerfile"
ok "a stale generated Dockerfile blocks the commit" fails commit "stale"
ok "the gen hook showed the diff" said '^-FROM ruby:3.0.0-slim AS base'
dockwright gen -q -o "$app/Dockerfile" "$app"
echo "# demo" >"$app/README.md"
ok "after gen -o the commit goes through" commit "regenerated"

echo "1..$n"
[ "$failed" -eq 0 ]
