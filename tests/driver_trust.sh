#!/bin/sh
# SPDX-License-Identifier: MIT
# dockwright-build's trust boundaries, with fake builders on PATH (the real
# ones run in tests/e2e/run.sh): no planted secret in any output of any
# path, no secret on disk, and signals stop the builder's process group,
# clean up and exit 128+N.  Speaks TAP.
set -u

dw_test_name=drvtrust; . "$(dirname "$0")/lib.sh"
build=$builddir/dockwright-build
fixtures=$srcdir/testdata/driver

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for f in "$@"; do [ -f "$f" ] && sed "s|^|# $(basename "$f"): |" "$f" | tail -n 20; done
}

# ---- fakes ----------------------------------------------------------------------
# FAKE_MODE: ok (default), fail (every command exits 1), hang (build waits
# for a signal with a child of its own, and records what it saw).
mkdir -p "$tmp/bin" "$tmp/log" "$tmp/t"
cat >"$tmp/bin/buildah" <<'EOF'
#!/bin/sh
log=$FAKE_LOG
case ${FAKE_MODE:-ok} in
fail) echo "fake buildah: $1 failed" >&2; exit 1 ;;
esac
# login reads its password, as the real one does (else aws gets SIGPIPE).
[ "$1" = login ] && cat >/dev/null
if [ "$1" = build ] || [ "$1" = bud ]; then
	# What anyone on the machine sees (ps), and a secret build arg that
	# arrives by the environment.
	echo "$*" >>"$log/argv"
	[ -n "${DB_PASSWORD:-}" ] && echo "$DB_PASSWORD" >"$log/dbpw"
	# No file under TMPDIR may hold a secret while the build runs.
	if grep -rqF -e "$FAKE_SECRET" "${TMPDIR:-/tmp}" 2>/dev/null; then
		echo leak >"$log/disk"
	else
		echo clean >"$log/disk"
	fi
	case ${DOCKWRIGHT_AWS_CREDENTIALS:-} in
	*"$FAKE_SECRET"*) echo yes >"$log/env" ;;
	*) echo no >"$log/env" ;;
	esac
fi
if [ "${FAKE_MODE:-ok}" = hang ] && [ "$1" = build ]; then
	trap 'echo TERM >"$log/term"; exit 143' TERM
	sleep 300 &
	echo $! >"$log/child"
	echo $$ >"$log/started"
	wait
	exit 0
fi
for a in "$@"; do
	case $prev in --digestfile) echo "sha256:$(printf '%064d' 7)" >"$a" ;; esac
	prev=$a
done
exit 0
EOF
cat >"$tmp/bin/aws" <<'EOF'
#!/bin/sh
echo "ecr-pass-s3cr3t-$FAKE_TAG"
EOF
chmod +x "$tmp/bin/buildah" "$tmp/bin/aws"
PATH=$tmp/bin:$PATH TMPDIR=$tmp/t FAKE_LOG=$tmp/log
SOURCE_DATE_EPOCH=1700000000 DOCKWRIGHT_GIT_DISABLED=1 DOCKWRIGHT_ENV=test
export PATH TMPDIR FAKE_LOG SOURCE_DATE_EPOCH DOCKWRIGHT_GIT_DISABLED DOCKWRIGHT_ENV
unset JETS_DOCKER_IMAGE DOCKWRIGHT_DOCKER_IMAGE REGISTRY_AUTH_FILE DOCKER_CONFIG \
	XDG_RUNTIME_DIR FAKE_MODE 2>/dev/null
for v in $(env | sed -n 's/^\(BUNDLE_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done

# ---- apps with planted secrets --------------------------------------------------
# Every value below that contains "s3cr3t" must never be printed.  PUBLIC_REV
# is named in build_args.public and must be printed as is.
cp -R "$fixtures/managed-plain" "$tmp/managed"
cp -R "$fixtures/custom" "$tmp/custom"
cat >>"$tmp/managed/dockwright.yml" <<'EOF'
  build_args:
    at_top:
      API_TOKEN: cfg-s3cr3t-token
      PLAIN_FROM_ENV: placeholder
      INNOCENT_NAME: AKIAS3CR3TS3CR3TABCD
      MIRROR_URL: https://user:cfg-s3cr3t-url@gems.example.com/
      PUBLIC_REV: placeholder
      BUNDLE_GEMS__EXAMPLE__COM: placeholder
    build_stage:
      DB_PASSWORD: cfg-s3cr3t-pw
    public: [PUBLIC_REV]
EOF
cat >"$tmp/custom/dockwright.yml" <<'EOF'
docker:
  show_build_command: true
dockerfile:
  custom: true
  build_args:
    at_top:
      BASE_IMAGE: localhost/dw-e2e-base:1
    build_stage:
      GREETING: env-s3cr3t-overrides-this
EOF
mkdir -p "$tmp/prebuilt"
printf 'docker:\n  image: localhost/base:1\n' >"$tmp/prebuilt/dockwright.yml"
mkdir -p "$tmp/broken"
printf 'dockerfile:\n  build_args:\n    at_top:\n      API_TOKEN: [cfg-s3cr3t-list]\n' \
	>"$tmp/broken/dockwright.yml"

FAKE_SECRET=AKIAS3CR3TKEYID00000
PLAIN_FROM_ENV=env-s3cr3t-plain API_TOKEN=env-s3cr3t-token GREETING=env-s3cr3t-greeting
PUBLIC_REV=rev-1234 BUNDLE_GEMS__EXAMPLE__COM=env-s3cr3t-bundle
BUNDLE_RUBYGEMS__PKG__GITHUB__COM=ghp_s3cr3ts3cr3ts3cr3t
AWS_ACCESS_KEY_ID=$FAKE_SECRET AWS_SECRET_ACCESS_KEY=env-s3cr3t-aws-secret-key
AWS_SESSION_TOKEN=env-s3cr3t-session
export FAKE_SECRET PLAIN_FROM_ENV API_TOKEN GREETING PUBLIC_REV BUNDLE_GEMS__EXAMPLE__COM \
	BUNDLE_RUBYGEMS__PKG__GITHUB__COM AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
	AWS_SESSION_TOKEN

# ---- 1. no secret in any output ---------------------------------------------------
ecr=123456789012.dkr.ecr.us-east-1.amazonaws.com/app
all=$tmp/all-output
: >"$all"
# run NAME WANT_STATUS [env assignments --] ARGS...: stdout and stderr are kept.
run() {
	name=$1 want=$2
	shift 2
	"$build" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	s=$?
	cat "$tmp/$name.out" "$tmp/$name.err" >>"$all"
	if [ "$s" -eq "$want" ]; then
		ok "secrets: $name exits $want"
	else
		not_ok "secrets: $name exits $s, want $want" "$tmp/$name.err"
	fi
}
run dry-run-managed 0 -b buildah -n -r localhost:5000/app "$tmp/managed"
run dry-run-aws-args 0 -b buildah -n --aws-creds-as-build-args "$tmp/managed"
run show-managed 0 -b buildah --show-build-command -r localhost:5000/app "$tmp/managed"
run show-config-custom 0 -b buildah "$tmp/custom"
FAKE_MODE=fail run fail-build 3 -b buildah "$tmp/managed"
FAKE_MODE=fail run fail-build-shown 3 -b buildah --show-build-command \
	--aws-creds-as-build-args "$tmp/managed"
FAKE_MODE=fail run fail-custom 3 -b buildah "$tmp/custom"
FAKE_MODE=fail run fail-prebuilt 3 -b buildah --pull "$tmp/prebuilt"
run dry-run-ecr 0 -b buildah -n -r "$ecr" "$tmp/prebuilt"
run ecr-login 0 -b buildah --show-build-command -r "$ecr" "$tmp/prebuilt"
run config-error 2 -b buildah --show-build-command "$tmp/broken"

leaked=
for v in cfg-s3cr3t-token env-s3cr3t-plain env-s3cr3t-token AKIAS3CR3TS3CR3TABCD \
	cfg-s3cr3t-url cfg-s3cr3t-pw env-s3cr3t-overrides-this env-s3cr3t-greeting \
	env-s3cr3t-bundle ghp_s3cr3ts3cr3ts3cr3t "$FAKE_SECRET" env-s3cr3t-aws-secret-key \
	env-s3cr3t-session ecr-pass-s3cr3t cfg-s3cr3t-list; do
	grep -qF -e "$v" "$all" && leaked="$leaked $v"
done
if [ -z "$leaked" ]; then
	ok "secrets: no planted secret in the output of any path"
else
	not_ok "secrets: printed:$leaked"
	grep -F -e s3cr3t -e "$FAKE_SECRET" "$all" | head -n 10 | sed 's/^/# /'
fi
if grep -qF -- '--build-arg API_TOKEN ' "$tmp/dry-run-managed.err" &&
	grep -qF -- '--build-arg PLAIN_FROM_ENV ' "$tmp/dry-run-managed.err" &&
	grep -qF -- '--secret id=bundle,env=DOCKWRIGHT_BUNDLE_SECRETS' "$tmp/dry-run-managed.err" &&
	! grep -qF -- 'BUNDLE_RUBYGEMS__PKG__GITHUB__COM' "$tmp/dry-run-managed.err" &&
	grep -qF -- '--build-arg DB_PASSWORD ' "$tmp/dry-run-managed.err" &&
	grep -qF -- 'PUBLIC_REV=rev-1234' "$tmp/dry-run-managed.err" &&
	grep -qF -- '--secret id=aws,env=DOCKWRIGHT_AWS_CREDENTIALS' "$tmp/dry-run-managed.err"; then
	ok "secrets: passed by name only, the public arg shown, AWS credentials by environment"
else
	not_ok "secrets: masked by name, the public arg shown" "$tmp/dry-run-managed.err"
fi

if [ -s "$tmp/log/argv" ] && ! grep -q -e s3cr3t -e "$FAKE_SECRET" "$tmp/log/argv" &&
	[ "$(cat "$tmp/log/dbpw" 2>/dev/null)" = cfg-s3cr3t-pw ]; then
	ok "secrets: no secret on a builder's command line; they arrive in its environment"
else
	not_ok "secrets: a secret was on a command line, or did not arrive" "$tmp/log/argv"
fi

# ---- 2. no secret on disk ------------------------------------------------------------
if [ "$(cat "$tmp/log/disk" 2>/dev/null)" = clean ] &&
	[ "$(cat "$tmp/log/env" 2>/dev/null)" = yes ]; then
	ok "disk: the AWS credentials reach the builder in its environment, in no file"
else
	not_ok "disk: a secret was in a file under TMPDIR during the build" "$tmp/log/disk"
fi
# A dry run keeps its temporary directory, named on stderr, so that its
# commands can be replayed: it holds the generated Dockerfile, no secret.
kept=$(sed -n 's/^dockwright-build: dry run: kept \([^ ]*\) for the commands above.*/\1/p' \
	"$tmp"/dry-run-*.err)
if [ -n "$kept" ] && [ -f "$(echo "$kept" | head -n 1)/Dockerfile" ] &&
	! grep -rqF -e s3cr3t -e "$FAKE_SECRET" $kept; then
	ok "disk: a dry run keeps its directory (the Dockerfile, no secret) and says where"
else
	not_ok "disk: a dry run's directory: '$kept'" "$tmp/dry-run-managed.err"
fi
rm -rf $kept
if [ -z "$(ls -A "$tmp/t")" ]; then
	ok "disk: nothing else is left in TMPDIR after the runs"
else
	not_ok "disk: left in TMPDIR: $(ls -A "$tmp/t")"
fi

# ---- 3. signals ------------------------------------------------------------------------
# Alive and not a zombie (init reaps the builder's orphans in its own time).
alive() {
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $st in Z*) return 1 ;; esac
	return 0
}
for sig in INT TERM HUP; do
	rm -f "$tmp/log/started" "$tmp/log/term" "$tmp/log/child"
	FAKE_MODE=hang "$build" -b buildah "$tmp/managed" >"$tmp/sig.out" 2>"$tmp/sig.err" &
	pid=$!
	i=0
	while [ ! -f "$tmp/log/started" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -"$sig" "$pid"
	wait "$pid"
	s=$?
	num=$(kill -l "$sig" 2>/dev/null || echo 0)
	case $sig in INT) num=2 ;; TERM) num=15 ;; HUP) num=1 ;; esac
	child=$(cat "$tmp/log/child" 2>/dev/null)
	sleep 0.1
	if [ "$s" -ne $((128 + num)) ]; then
		not_ok "signals: SIG$sig: exit $s, want $((128 + num))" "$tmp/sig.err"
	elif [ ! -f "$tmp/log/term" ]; then
		not_ok "signals: SIG$sig: the builder was not sent SIGTERM" "$tmp/sig.err"
	elif [ -n "$child" ] && alive "$child"; then
		kill "$child"
		not_ok "signals: SIG$sig: the builder's child outlived it (orphan)"
	elif [ -n "$(ls -A "$tmp/t")" ]; then
		not_ok "signals: SIG$sig: left in TMPDIR: $(ls -A "$tmp/t")"
	elif ! grep -q "stopped by signal $num" "$tmp/sig.err"; then
		not_ok "signals: SIG$sig: no message" "$tmp/sig.err"
	else
		ok "signals: SIG$sig stops the builder's group, cleans up, exits $((128 + num))"
	fi
done

# ---- 6. no option smuggled into a builder -------------------------------------------
mkdir -p "$tmp/smuggle"
printf 'docker:\n  image: --tls-verify=false\n' >"$tmp/smuggle/dockwright.yml"
"$build" -b buildah --pull -n "$tmp/smuggle" >"$tmp/sm.out" 2>"$tmp/sm.err"; s=$?
if [ "$s" -eq 2 ] && grep -q "not an image reference" "$tmp/sm.err" &&
	! grep -q "^+ " "$tmp/sm.err"; then
	ok "options: docker.image starting with '-' is rejected before any command"
else
	not_ok "options: docker.image: --tls-verify=false (exit $s)" "$tmp/sm.err"
fi
DOCKWRIGHT_DOCKER_IMAGE=-q "$build" -b buildah -n "$tmp/prebuilt" >"$tmp/sm.out" 2>"$tmp/sm.err"; s=$?
if [ "$s" -eq 2 ] && ! grep -q "^+ " "$tmp/sm.err"; then
	ok "options: DOCKWRIGHT_DOCKER_IMAGE starting with '-' is rejected"
else
	not_ok "options: DOCKWRIGHT_DOCKER_IMAGE=-q (exit $s)" "$tmp/sm.err"
fi
"$build" -b buildah -n -r --tls-verify=false "$tmp/prebuilt" >"$tmp/sm.out" 2>"$tmp/sm.err"; s=$?
if [ "$s" -eq 2 ] && grep -q "repository" "$tmp/sm.err"; then
	ok "options: a repository starting with '-' is a usage error"
else
	not_ok "options: -r --tls-verify=false (exit $s)" "$tmp/sm.err"
fi
"$build" -b buildah -n --pull -r localhost:5000/app "$tmp/prebuilt" >"$tmp/sm.out" 2>"$tmp/sm.err"
if grep -q '^+ buildah pull --platform linux/amd64 -- localhost/base:1$' "$tmp/sm.err" &&
	grep -q '^+ buildah tag -- localhost/base:1 ' "$tmp/sm.err" &&
	grep -q '^+ buildah push --format docker --digestfile [^ ]*/digest -- localhost:5000/app:' "$tmp/sm.err"; then
	ok "options: operands follow '--' in pull, tag and push"
else
	not_ok "options: operands follow '--'" "$tmp/sm.err"
fi

echo "1..$n"
