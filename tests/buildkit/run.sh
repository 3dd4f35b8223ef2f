#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# dockwright-build --builder buildkit against a real BuildKit daemon: a
# buildkitd on 127.0.0.1 over TCP (the "remote" build service, a process of
# its own with its own state directory) and a registry on 127.0.0.1.  The
# images go from the daemon straight to the registry; skopeo checks them.
#
# usage: run.sh BUILDDIR SRCDIR        (make check-buildkit passes both)
# Speaks TAP.  Skips (1..0 # SKIP) when ../shared/buildkit (BuildKit's
# binaries, read from DOCKWRIGHT_SHARED, never copied into the project) is
# absent.  Knobs: DW_BK_KEEP=1 keeps the work directory, DW_BK_REG_PORT
# (default 5031) and DW_BK_PORT (default 5032).
set -euo pipefail

builddir=${1:-$(pwd)}
srcdir=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
build=$builddir/dockwright-build
dw=$builddir/dockwright
reg=127.0.0.1:${DW_BK_REG_PORT:-5031}
bkport=${DW_BK_PORT:-5032}
addr=tcp://127.0.0.1:$bkport
fixtures=$srcdir/testdata/driver
shared=${DOCKWRIGHT_SHARED:-$srcdir/../shared}
tarball=$shared/buildkit/buildkit-v0.11.6-linux-amd64.tar.xz
t0=$(date +%s)

[ -x "$build" ] || { echo "Bail out! $build not built"; exit 1; }
[ -f "$tarball" ] || { echo "1..0 # SKIP no BuildKit binaries at $tarball"; exit 0; }

ct_name=buildkit ct_keep=${DW_BK_KEEP:-0}
. "$srcdir/tests/containers.sh"
ct_install skopeo:skopeo docker-registry:docker-registry runc:runc curl:curl \
	/bin/busybox:busybox-static xz:xz-utils
ct_setup "$reg"

# ---- the daemon and the registry --------------------------------------------------
# Unpacked under $WORK: nothing of BuildKit lands in the source tree.
mkdir -p "$WORK/bin"
tar -xJf "$tarball" -C "$WORK/bin" buildkitd buildctl
export PATH=$WORK/bin:$PATH
# The oci worker with runc and the host's network, so RUN reaches the
# registry on 127.0.0.1; the registry spoken to over plain HTTP.
cat >"$WORK/buildkitd.toml" <<EOF
[worker.oci]
  enabled = true
  networkMode = "host"
[worker.containerd]
  enabled = false
[registry."$reg"]
  http = true
  insecure = true
EOF
ct_registry
ct_bg "$WORK/buildkitd.log" buildkitd --config "$WORK/buildkitd.toml" --root "$WORK/bk" --addr "$addr"
bkd_pid=${ct_pids[-1]}
for _ in $(seq 100); do
	buildctl --addr "$addr" debug workers >/dev/null 2>&1 && break
	sleep 0.1
done
bctl() { buildctl --addr "$addr" "$@"; }
ok "buildkitd answers on $addr (oci worker)" bctl debug workers

# The stand-in base image (busybox and the fake package tools), built by the
# daemon itself and pushed: the daemon reads base images from the registry.
ct_base_context "$WORK/base" "$fixtures/base"
bctl build --progress plain --frontend dockerfile.v0 --local context="$WORK/base" \
	--local dockerfile="$WORK/base" --output "type=image,name=$reg/dw-e2e-base:1,push=true" \
	>"$WORK/base.log" 2>&1 ||
	{ echo "Bail out! cannot build the base image on buildkitd"; sed 's/^/# /' "$WORK/base.log"; exit 1; }

# Fixtures are copied, and name the base image in the registry.
copy_app() { # copy_app FIXTURE NAME
	cp -R "$fixtures/$1" "$WORK/$2"
	sed -i "s#localhost/dw-e2e-base:1#$reg/dw-e2e-base:1#" "$WORK/$2/dockwright.yml"
}
tag=e2e-2023-11-14T22-13-20Z
# Each value has 13 bytes, as the custom Dockerfile checks.
secret_key=bk0-not-a-key
secret_bundle=bk-bundle-s3cret-4711

# ---- custom Dockerfile ---------------------------------------------------------------
copy_app custom custom
build_custom() {
	AWS_ACCESS_KEY_ID=$secret_key BUNDLE_GEMS__EXAMPLE__COM=$secret_bundle \
		"$build" --builder buildkit --buildkit-addr "$addr" --show-build-command \
		-r "$reg/custom" "$WORK/custom" >"$WORK/custom.out" 2>"$WORK/custom.err" ||
		{ cat "$WORK/custom.err"; return 1; }
}
ok "custom: dockwright-build --builder buildkit builds and pushes" build_custom
custom_ref=$(tail -n 1 "$WORK/custom.out")
ok "custom: the last stdout line is REPO:TAG@sha256:..." \
	grep -qE "^$reg/custom:$tag@sha256:[0-9a-f]{64}\$" "$WORK/custom.out"
ok "custom: the printed digest is the registry's" bash -c \
	"skopeo inspect --tls-verify=false --format '{{.Digest}}' docker://$reg/custom:$tag |
	 grep -qx \"\${1#*@}\"" _ "$custom_ref"
ok "custom: buildctl with the Dockerfile frontend, the address, push=true" bash -c \
	"grep -qF 'buildctl --addr $addr build --progress plain --frontend dockerfile.v0' '$WORK/custom.err' &&
	 grep -qF -- '--output=type=image,name=$reg/custom:$tag,push=true' '$WORK/custom.err'"
ok "custom: credentials go as secrets, shown by id only" bash -c \
	"grep -qF -- '--secret id=aws_access_key_id,env=AWS_ACCESS_KEY_ID' '$WORK/custom.err' &&
	 grep -qF -- '--secret id=bundle,env=DOCKWRIGHT_BUNDLE_SECRETS' '$WORK/custom.err' &&
	 ! grep -q 'build-arg:BUNDLE' '$WORK/custom.err' &&
	 ! grep -qE '$secret_key|$secret_bundle' '$WORK/custom.err' '$WORK/custom.out'"
config_of "$reg/custom:$tag" >"$WORK/custom.json" || true
ok "custom: User" contains "$WORK/custom.json" '"User":"deploy:deploy"'
ok "custom: Entrypoint" contains "$WORK/custom.json" '"Entrypoint":["/usr/local/bin/aws_lambda_ric"]'
ok "custom: Cmd" contains "$WORK/custom.json" '"Cmd":["handlers/controller.lambda_handler"]'
ok "custom: built for linux/amd64 (docker.platform)" contains "$WORK/custom.json" '"architecture":"amd64"'

ok "custom: --no-push keeps the image in the daemon, prints REPO:TAG" bash -c \
	"AWS_ACCESS_KEY_ID=$secret_key '$build' -b buildkit --buildkit-addr '$addr' --no-push --tag kept -r $reg/kept '$WORK/custom' \
	   >'$WORK/kept.out' 2>'$WORK/kept.err' && test \"\$(tail -n 1 '$WORK/kept.out')\" = $reg/kept:kept &&
	 ! skopeo inspect --tls-verify=false docker://$reg/kept:kept >/dev/null 2>&1"

# ---- a generated Dockerfile, with the registry cache ----------------------------------
copy_app managed-plain plain
printf 'docker:\n  cache: %s/cache:plain\n' "$reg" >>"$WORK/plain/dockwright.yml"
ok "managed: gen writes no '# syntax=' line (nothing to pull before the build)" bash -c \
	"'$dw' gen -q '$WORK/plain' >'$WORK/plain.df' && grep -q '^FROM ' '$WORK/plain.df' &&
	 ! grep -q '^# syntax=' '$WORK/plain.df'"
build_plain() { # build_plain N
	BUNDLE_GEMS__EXAMPLE__COM=$secret_bundle "$build" -b buildkit --buildkit-addr "$addr" --show-build-command -r "$reg/plain" \
		"$WORK/plain" >"$WORK/plain$1.out" 2>"$WORK/plain$1.err" ||
		{ cat "$WORK/plain$1.err"; return 1; }
}
ok "managed: builds and pushes, exporting the cache (docker.cache)" build_plain 1
ok "managed: --export-cache type=registry,ref=...,mode=max and --import-cache" bash -c \
	"grep -qF -- '--import-cache type=registry,ref=$reg/cache:plain ' '$WORK/plain1.err' &&
	 grep -qF -- '--export-cache type=registry,ref=$reg/cache:plain,mode=max ' '$WORK/plain1.err'"
config_of "$reg/plain:$tag" >"$WORK/plain.json" || true
while read -r w; do
	ok "managed: image config has $w" contains "$WORK/plain.json" "$w"
done <"$fixtures/managed-plain/expect-config"
ok "managed: Entrypoint is the runtime client" contains "$WORK/plain.json" '"Entrypoint":["/usr/local/bundle/bin/aws_lambda_ric"]'
# The gem server credential reached bundle install (the stand-in records
# its length), through the build secret "bundle", not a build arg.
ok "managed: BUNDLE_* reach bundle install as the secret 'bundle', no build arg" bash -c \
	"grep -qF -- '--secret id=bundle,env=DOCKWRIGHT_BUNDLE_SECRETS' '$WORK/plain1.err' &&
	 ! grep -q 'build-arg:BUNDLE' '$WORK/plain1.err' &&
	 skopeo copy -q --src-tls-verify=false docker://$reg/plain:$tag dir:$WORK/plain-img &&
	 for f in $WORK/plain-img/*; do gzip -dc \"\$f\" 2>/dev/null | tar -xOf - usr/local/bundle/.dw-credential-bytes 2>/dev/null; done |
	 grep -qx ${#secret_bundle}"
ok "managed: the printed digest is the registry's" bash -c \
	"d=\$(skopeo inspect --tls-verify=false --format '{{.Digest}}' docker://$reg/plain:$tag) &&
	 test \"\$(tail -n 1 '$WORK/plain1.out')\" = '$reg/plain:$tag@'\$d"
# The second build runs on a daemon whose local cache is gone, as another
# machine's would be: every layer it reuses came from the registry.
bctl prune --all >/dev/null 2>&1 || true
ok "managed: rebuilt after 'buildctl prune --all'" build_plain 2
cached1=$(grep -c ' CACHED$' "$WORK/plain1.err" || true)
cached2=$(grep -c ' CACHED$' "$WORK/plain2.err" || true)
echo "# registry cache: CACHED steps: first build $cached1, second build $cached2"
# The daemon's build records count the cache hits of each build too.
timeout 3 buildctl --addr "$addr" debug monitor --completed 2>/dev/null |
	awk '/^  cache:/ { printf "%s%s", s, $2; s = ", " } END { print "" }' |
	sed 's/^/# build records, cached\/steps: /' || true
ok "managed: the second build reuses the registry cache (more CACHED steps)" \
	test "$cached2" -gt "$cached1"
ok "managed: same image both times" bash -c \
	"test \"\$(tail -n 1 '$WORK/plain1.out')\" = \"\$(tail -n 1 '$WORK/plain2.out')\""

# ---- the # syntax= line: built-in frontend, or one a mirror serves ----------------------
# BuildKit 0.11's built-in frontend is Dockerfile 1.5: COPY --link builds
# without the line.
copy_app managed-plain link
sed -i 's#^dockerfile:$#dockerfile:\n  syntax: none\n  features:\n    copy_link: true#' "$WORK/link/dockwright.yml"
ok "syntax none: COPY --link builds with the daemon's built-in frontend" bash -c \
	"'$build' -b buildkit --buildkit-addr '$addr' --show-build-command -r $reg/link '$WORK/link' \
	   >'$WORK/link.out' 2>'$WORK/link.err' && grep -q 'COPY --link' '$WORK/link.err'"
# A frontend image on the registry (the dockerfile-frontend binary with
# upstream's labels), named by dockerfile.syntax: what an air-gapped
# mirror does for docker/dockerfile:1.
mkdir -p "$WORK/fe"
tar -xJf "$tarball" -C "$WORK/fe" dockerfile-frontend
cat >"$WORK/fe/Dockerfile" <<'EOF'
FROM scratch
COPY dockerfile-frontend /bin/dockerfile-frontend
LABEL moby.buildkit.frontend.network.none="true"
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts"
ENTRYPOINT ["/bin/dockerfile-frontend"]
EOF
bctl build --frontend dockerfile.v0 --local context="$WORK/fe" --local dockerfile="$WORK/fe" \
	--output "type=image,name=$reg/docker/dockerfile:1,push=true" >"$WORK/fe.log" 2>&1 || true
copy_app managed-plain mirror
sed -i "s#^dockerfile:\$#dockerfile:\n  syntax: $reg/docker/dockerfile:1#" "$WORK/mirror/dockwright.yml"
ok "syntax IMAGE: the frontend image from the registry parses the file" bash -c \
	"'$build' -b buildkit --buildkit-addr '$addr' -r $reg/mirror '$WORK/mirror' \
	   >'$WORK/mirror.out' 2>'$WORK/mirror.err' &&
	 grep -qF 'resolve image config for $reg/docker/dockerfile:1' '$WORK/mirror.err'"

# ---- a daemon that is down or refuses ----------------------------------------------------
ok "a daemon that is down: exit 3, a clear message, nothing on stdout" bash -c \
	"rc=0; '$build' -b buildkit --buildkit-addr tcp://127.0.0.1:1 -r $reg/down '$WORK/custom' \
	   >'$WORK/down.out' 2>'$WORK/down.err' || rc=\$?; test \$rc -eq 3 &&
	 grep -qF 'cannot reach the BuildKit daemon at tcp://127.0.0.1:1' '$WORK/down.err' &&
	 test ! -s '$WORK/down.out'"
ok "an address that answers but is no BuildKit (the registry): exit 3" bash -c \
	"rc=0; BUILDKIT_HOST=tcp://$reg '$build' -b buildkit -r $reg/down '$WORK/custom' \
	   >'$WORK/down2.out' 2>'$WORK/down2.err' || rc=\$?; test \$rc -eq 3 &&
	 grep -qF 'cannot reach the BuildKit daemon at tcp://$reg' '$WORK/down2.err'"
ok "a failing build exits 3 and names buildctl" bash -c \
	"printf 'FROM $reg/dw-e2e-base:1\nRUN exit 42\n' >'$WORK/custom/Dockerfile.bad' &&
	 printf 'dockerfile:\n  custom: Dockerfile.bad\n' >'$WORK/custom/bad.yml' &&
	 rc=0; '$build' -b buildkit --buildkit-addr '$addr' --no-lint -c '$WORK/custom/bad.yml' \
	   -r $reg/bad '$WORK/custom' >'$WORK/bad.out' 2>'$WORK/bad.err' || rc=\$?; test \$rc -eq 3 &&
	 grep -q 'command failed with exit status [0-9]*: buildctl' '$WORK/bad.err' &&
	 test ! -s '$WORK/bad.out'"

# ---- secrets: not in the image, not in the daemon's history ---------------------------------
mkdir -p "$WORK/img"
skopeo copy -q --src-tls-verify=false "docker://$reg/custom:$tag" "dir:$WORK/img" >/dev/null 2>&1 || true
image_clean() {
	local f
	[ -s "$WORK/img/manifest.json" ] || { echo "no image copied"; return 1; }
	for f in "$WORK"/img/*; do
		case $(head -c 2 "$f" | od -An -tx1 | tr -d ' ') in
		1f8b) gzip -dc "$f" ;;
		*) cat "$f" ;;
		esac
	done >"$WORK/img.all"
	if grep -aqE "$secret_key|$secret_bundle" "$WORK/img.all"; then
		echo "a secret value is in the image"
		return 1
	fi
}
ok "secrets: neither value is in the pushed image (config, history, layers)" image_clean
history_clean() {
	local r n=0
	# The monitor streams until stopped: an open stream would also hold
	# up buildkitd's graceful stop.
	timeout 3 buildctl --addr "$addr" debug monitor --completed >"$WORK/history" 2>&1 || true
	for r in $(sed -n 's/^event: COMPLETE ref:\([a-z0-9]*\).*/\1/p' "$WORK/history"); do
		bctl debug logs --progress plain "$r" >>"$WORK/history" 2>&1 || true
		n=$((n + 1))
	done
	echo "# $n build records read" >&2
	[ "$n" -gt 0 ] || return 1
	! grep -aqE "$secret_key|$secret_bundle" "$WORK/history" &&
		! grep -raqE "$secret_key|$secret_bundle" "$WORK/bk"
}
ok "secrets: not in the daemon's build records, logs or state directory" history_clean
# The control: a value given as a build arg is in the daemon's state, so
# the check above would see a credential passed that way.
control=bk-control-v4lue-$$
bctl build --progress plain --frontend dockerfile.v0 --local context="$WORK/base" \
	--local dockerfile="$WORK/base" --opt "build-arg:DW_CONTROL=$control" >/dev/null 2>&1 || true
ok "control: a build arg's value is in the daemon's state directory" grep -raqF "$control" "$WORK/bk"

# ---- stop everything by pid ----------------------------------------------------------------
stop_daemon() {
	kill "$bkd_pid" 2>/dev/null || return 0
	for _ in $(seq 100); do
		kill -0 "$bkd_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$bkd_pid" 2>/dev/null && echo "# buildkitd needed SIGKILL"
	wait "$bkd_pid" 2>/dev/null || true
}
stop_daemon
ct_forget "$bkd_pid"
ok "buildkitd stopped, no mount left under the work directory" bash -c \
	"! kill -0 $bkd_pid 2>/dev/null && ! grep -qF ' $WORK/' /proc/mounts"

echo "# time check-buildkit $(($(date +%s) - t0)) s"
echo "1..$n"
[ "$failed" -eq 0 ]
