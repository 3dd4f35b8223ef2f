#!/bin/sh
# SPDX-License-Identifier: MIT
# dockwright-build's choice of builder and its BuildKit options, with dry
# runs and a fake buildctl (the real daemon runs in tests/buildkit/run.sh):
# the address from the flag, BUILDKIT_HOST or docker.buildkit.addr, auto
# picking buildkit, the registry cache from docker.cache, the platform
# default, the buildx builder, and the usage errors.  Speaks TAP.
set -u

dw_test_name=drvbk; . "$(dirname "$0")/lib.sh"
build=$builddir/dockwright-build

unset BUILDKIT_HOST BUILDX_BUILDER DOCKWRIGHT_DOCKER_IMAGE JETS_DOCKER_IMAGE \
	AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
export SOURCE_DATE_EPOCH=1700000000 DOCKWRIGHT_GIT_DISABLED=1 DOCKWRIGHT_ENV=t TMPDIR=$tmp
cp -R "$srcdir/testdata/driver/custom" "$tmp/app"
mkdir -p "$tmp/bin"
# A buildctl that reaches no daemon: auto must find it, the probe fails.
printf '#!/bin/sh\necho "fake buildctl: connection refused" >&2\nexit 1\n' >"$tmp/bin/buildctl"
chmod +x "$tmp/bin/buildctl"

check() { # check DESC STATUS PATTERN... -- ARGS...: run, want STATUS and every PATTERN in stderr
	desc=$1 want=$2
	shift 2
	pats=
	while [ "$1" != -- ]; do
		pats="$pats$1
"
		shift
	done
	shift
	rc=0
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	bad=
	[ "$rc" = "$want" ] || bad="exit $rc, want $want"
	printf '%s' "$pats" | while IFS= read -r p; do
		grep -qF -- "$p" "$tmp/err" || { echo "missing: $p" >>"$tmp/err"; echo x; }
	done | grep -q x && bad="${bad:-pattern missing}"
	if [ -z "$bad" ]; then ok "$desc"; else echo "# $bad"; not_ok "$desc"; fi
}

check "buildkit dry run: buildctl on the flag's address, Dockerfile frontend, push=true" 0 \
	"+ buildctl --addr tcp://bk.example:1234 build --progress plain --frontend dockerfile.v0" \
	"--local=context=$tmp/app --local=dockerfile=$tmp/app --opt=filename=Dockerfile" \
	"--output=type=image,name=reg.example/app:t-2023-11-14T22-13-20Z,push=true --metadata-file=" -- \
	"$build" -b buildkit --buildkit-addr tcp://bk.example:1234 -n -r reg.example/app "$tmp/app"
check "buildkit: BUILDKIT_HOST when no flag; the TLS options pass through" 0 \
	"+ buildctl --addr unix:///run/bk.sock --tlscacert ca.pem --tlscert c.pem --tlskey k.pem --tlsservername bk build" -- \
	env BUILDKIT_HOST=unix:///run/bk.sock "$build" -b buildkit -n --tlscacert ca.pem \
	--tlscert c.pem --tlskey k.pem --tlsservername bk "$tmp/app"
printf 'docker:\n  buildkit:\n    addr: tcp://cfg.example:1\n  cache: reg.example/app:cache\n' \
	>>"$tmp/app/dockwright.yml"
check "buildkit: docker.buildkit.addr and docker.cache (import, export mode=max)" 0 \
	"+ buildctl --addr tcp://cfg.example:1 build" \
	"--import-cache type=registry,ref=reg.example/app:cache --export-cache type=registry,ref=reg.example/app:cache,mode=max" -- \
	"$build" -b buildkit -n "$tmp/app"
check "buildkit: --cache-from/--cache-to override docker.cache; --target" 0 \
	"--opt=target=build" \
	"--import-cache type=local,src=/c --export-cache type=registry,ref=r.example/x,mode=max" -- \
	"$build" -b buildkit -n --target build --cache-from type=local,src=/c \
	--cache-to r.example/x "$tmp/app"
check "auto picks buildkit when an address is configured and buildctl is on PATH" 0 \
	"+ buildctl --addr tcp://cfg.example:1 build" -- \
	env PATH="$tmp/bin:$PATH" "$build" -n "$tmp/app"
check "a daemon that does not answer: exit 3, named" 3 \
	"cannot reach the BuildKit daemon at tcp://127.0.0.1:1" -- \
	env PATH="$tmp/bin:$PATH" "$build" -b buildkit --buildkit-addr tcp://127.0.0.1:1 "$tmp/app"
check "docker: the cache specs, a buildx builder, the default platform" 0 \
	"+ docker buildx build --provenance=false --sbom=false --load --builder shared --cache-from type=registry,ref=reg.example/app:cache --cache-to type=registry,ref=reg.example/app:cache,mode=max --platform linux/amd64 -f" -- \
	"$build" -b docker -n --buildx-builder shared "$tmp/app"
printf 'docker:\n  platform: linux/arm64\n' >"$tmp/arm.yml"
check "docker.platform is the default --platform" 0 \
	"+ buildah build --format docker --platform linux/arm64 -f" -- \
	"$build" -b buildah -n -c "$tmp/arm.yml" "$tmp/app"
check "--cache-from with buildah: usage error" 2 "take BuildKit cache specs" -- \
	"$build" -b buildah -n --cache-from r.example/x "$tmp/app"
check "--buildkit-addr without a scheme: usage error" 2 "--buildkit-addr must be an address" -- \
	"$build" -b buildkit -n --buildkit-addr bk.example:1234 "$tmp/app"
check "a prebuilt image with buildkit: usage error" 2 "--builder buildkit only builds" -- \
	env DOCKWRIGHT_DOCKER_IMAGE=reg.example/app:v1 "$build" -b buildkit -n "$tmp/app"
check "an unknown builder names buildkit among the choices" 2 \
	"--builder must be docker, podman, buildah, buildkit or auto" -- \
	"$build" -b kaniko -n "$tmp/app"

check "buildkit: an ECR repository without docker credentials is named" 0 \
	"warning: docker's config.json has no credentials or helper for 123456789012.dkr.ecr.us-east-1.amazonaws.com" -- \
	"$build" -b buildkit -n -r 123456789012.dkr.ecr.us-east-1.amazonaws.com/app "$tmp/app"

# ---- dry runs that can be replayed, findings, docker's digest -------------------------
cp -R "$srcdir/testdata/driver/managed-plain" "$tmp/managed"
check "dry run: the generated Dockerfile and the digest file are kept where it says" 0 \
	"dockwright-build: dry run: kept $tmp/dockwright-build." \
	"--digestfile $tmp/dockwright-build." -- \
	"$build" -b buildah -n -r reg.example/app "$tmp/managed"
kept=$(sed -n 's/^dockwright-build: dry run: kept \([^ ]*\) .*/\1/p' "$tmp/err")
if [ -f "$kept/Dockerfile" ] && grep -qF -- "-f $kept/Dockerfile " "$tmp/err" &&
	grep -qF -- "--digestfile $kept/digest -- " "$tmp/err"; then
	ok "dry run: the printed commands name the kept files"
else
	not_ok "dry run: the printed commands name the kept files"
fi
if ! grep -q ': info: \|: style: ' "$tmp/err" && "$dw" lint --format gnu "$kept/Dockerfile" 2>&1 |
	grep -q ': info: '; then
	ok "a build does not print gen's own info findings (lint does)"
else
	not_ok "a build does not print gen's own info findings (lint does)"
fi
mkdir -p "$tmp/dbin"
cat >"$tmp/dbin/docker" <<'EOF'
#!/bin/sh
case "$1 $2" in
"image inspect")
	printf 'other.example/app@sha256:%064d\nreg.example/app@sha256:%064d\n' 1 7 ;;
esac
exit 0
EOF
chmod +x "$tmp/dbin/docker"
check "docker: the pushed digest from RepoDigests" 0 "+ docker push -- reg.example/app:" -- \
	env PATH="$tmp/dbin:$PATH" "$build" -b docker --show-build-command -r reg.example/app "$tmp/app"
if [ "$(tail -n 1 "$tmp/out")" = "reg.example/app@sha256:$(printf '%064d' 7)" ]; then
	ok "docker: the last line is REPO@sha256:..."
else
	not_ok "docker: the last line is REPO@sha256:... (got $(tail -n 1 "$tmp/out"))"
fi

echo "1..$n"
