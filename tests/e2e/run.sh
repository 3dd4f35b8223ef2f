#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end test of dockwright-build: real builds with buildah, pushes to a
# registry on 127.0.0.1, checks with skopeo and podman.  No daemon, no
# network beyond the Debian archive (see the recipe in the README).
#
# usage: run.sh BUILDDIR SRCDIR        (make check-e2e passes both)
# Speaks TAP.  Skips (1..0 # SKIP) only when the tools are missing and
# cannot be installed.  Knobs: DW_E2E_KEEP=1 keeps the work directory,
# DW_E2E_REG_PORT (default 5000), DW_E2E_STORAGE_DRIVER (overlay|vfs).
set -euo pipefail

builddir=${1:-$(pwd)}
srcdir=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
build=$builddir/dockwright-build
dw=$builddir/dockwright
port=${DW_E2E_REG_PORT:-5000}
reg=127.0.0.1:$port
fixtures=$srcdir/testdata/driver

[ -x "$build" ] || { echo "Bail out! $build not built"; exit 1; }

# Tools, private configuration, cleanup by pid, TAP helpers.
ct_name=e2e ct_keep=${DW_E2E_KEEP:-0} ct_storage_driver=${DW_E2E_STORAGE_DRIVER:-overlay}
. "$srcdir/tests/containers.sh"
ct_install buildah:buildah podman:podman skopeo:skopeo docker-registry:docker-registry \
	runc:runc curl:curl /bin/busybox:busybox-static
ct_setup "$reg"

# ---- base image (busybox) and registry ---------------------------------------------
ct_base_context "$WORK/base" "$fixtures/base"
buildah bud -q --isolation chroot -t localhost/dw-e2e-base:1 "$WORK/base" >/dev/null 2>"$WORK/base.log" ||
	{ echo "Bail out! cannot build the busybox base image"; sed 's/^/# /' "$WORK/base.log"; exit 1; }

ct_registry

# ---- custom Dockerfile ---------------------------------------------------------------
# Fixtures are copied: builds must not write into the source tree.
cp -R "$fixtures/custom" "$WORK/custom"
tag=e2e-2023-11-14T22-13-20Z
custom_ref=
build_custom() {
	AWS_ACCESS_KEY_ID=e2e-not-a-key "$build" --builder buildah --show-build-command \
		-r "$reg/custom" "$WORK/custom" >"$WORK/custom.out" 2>"$WORK/custom.err" || {
		cat "$WORK/custom.err"
		return 1
	}
	custom_ref=$(tail -n 1 "$WORK/custom.out")
}
ok "custom: dockwright-build builds and pushes with buildah" build_custom
ok "custom: the last stdout line is REPO@sha256:..." \
	grep -qE "^$reg/custom@sha256:[0-9a-f]{64}\$" "$WORK/custom.out"
ok "custom: the printed digest is the registry's" bash -c \
	"skopeo inspect --tls-verify=false --format '{{.Digest}}' docker://$reg/custom:$tag |
	 grep -qx \"\${1#*@}\"" _ "$custom_ref"
ok "custom: the command lines are shown, the secret only by name" bash -c \
	"grep -qF -- '--secret id=aws_access_key_id,env=AWS_ACCESS_KEY_ID' '$WORK/custom.err' &&
	 grep -qF -- '--secret id=aws,env=DOCKWRIGHT_AWS_CREDENTIALS' '$WORK/custom.err' &&
	 ! grep -q e2e-not-a-key '$WORK/custom.err'"
config_of "$reg/custom:$tag" >"$WORK/custom.json" || true
ok "custom: User" contains "$WORK/custom.json" '"User":"deploy:deploy"'
ok "custom: Entrypoint" contains "$WORK/custom.json" '"Entrypoint":["/usr/local/bin/aws_lambda_ric"]'
ok "custom: Cmd" contains "$WORK/custom.json" '"Cmd":["handlers/controller.lambda_handler"]'
ok "custom: WorkingDir" contains "$WORK/custom.json" '"WorkingDir":"/app"'
ok "custom: Env" contains "$WORK/custom.json" '"APP_ENV=production"'
ok "custom: the secret is not in the image config or history" lacks "$WORK/custom.json" e2e-not-a-key
ok "custom: runs as the deploy uid" bash -c \
	"test \"\$(podman run --rm --entrypoint id $reg/custom:$tag -u)\" = 1000"
ok "custom: the handler is readable by an arbitrary uid" \
	podman run --rm --user 12345 --entrypoint cat "$reg/custom:$tag" /app/handlers/controller.rb
ok "custom: the build arg from dockwright.yml reached the build" bash -c \
	"test \"\$(podman run --rm --entrypoint cat $reg/custom:$tag /app/greeting)\" = hello-from-config"
ok "custom: the entrypoint runs the handler" bash -c \
	"podman run --rm $reg/custom:$tag | grep -qx handler=handlers/controller.lambda_handler"
# A build arg from the environment is secret: it goes by name, and the
# builder reads its value from its environment.
ok "custom: a build arg from the environment reaches the build by name" bash -c \
	"GREETING=hello-from-env AWS_ACCESS_KEY_ID=e2e-not-a-key '$build' --builder buildah \
	   --show-build-command --no-push \
	   --tag env-arg '$WORK/custom' >'$WORK/envarg.out' 2>'$WORK/envarg.err' &&
	 grep -qF -- '--build-arg GREETING ' '$WORK/envarg.err' &&
	 ! grep -q hello-from-env '$WORK/envarg.err' &&
	 test \"\$(podman run --rm --entrypoint cat localhost/custom:env-arg /app/greeting)\" = hello-from-env"

# ---- prebuilt image: re-tag and push ------------------------------------------------------
cp -R "$fixtures/prebuilt" "$WORK/prebuilt"
ok "prebuilt: docker.image is re-tagged and pushed, nothing built" bash -c \
	"'$build' -b buildah -r $reg/prebuilt '$WORK/prebuilt' >'$WORK/pre.out' 2>'$WORK/pre.err' &&
	 grep -qE '^$reg/prebuilt@sha256:' '$WORK/pre.out' &&
	 skopeo inspect --tls-verify=false docker://$reg/prebuilt:prebuilt-e2e >/dev/null"
ok "prebuilt: DOCKWRIGHT_DOCKER_IMAGE wins, --pull fetches it, --tag names it" bash -c \
	"DOCKWRIGHT_DOCKER_IMAGE=$reg/custom:$tag '$build' -b buildah --pull --tag v1 \
	   --show-build-command -r $reg/prebuilt '$WORK/prebuilt' >'$WORK/pre2.out' 2>'$WORK/pre2.err' &&
	 grep -qF 'buildah pull --platform linux/amd64 -- $reg/custom:$tag' '$WORK/pre2.err' &&
	 ! grep -q 'buildah build' '$WORK/pre2.err'"
config_of "$reg/prebuilt:v1" >"$WORK/pre.json" || true
ok "prebuilt: the pushed image is the custom one" contains "$WORK/pre.json" '"User":"deploy:deploy"'

# ---- dry run, masking, failures --------------------------------------------------------------
ok "dry-run: prints the commands, masks secrets, runs nothing" bash -c \
	"BUNDLE_GEMS__EXAMPLE__COM=tok-123 AWS_ACCESS_KEY_ID=e2e-not-a-key \
	 '$build' -b buildah -n --aws-creds-as-build-args --tag dry -r $reg/dry '$WORK/custom' \
	   >'$WORK/dry.out' 2>'$WORK/dry.err' &&
	 grep -qF -- '--secret id=bundle,env=DOCKWRIGHT_BUNDLE_SECRETS' '$WORK/dry.err' &&
	 ! grep -qF -- 'BUNDLE_GEMS__EXAMPLE__COM' '$WORK/dry.err' &&
	 grep -qF -- '--build-arg AWS_ACCESS_KEY_ID ' '$WORK/dry.err' &&
	 ! grep -qE 'tok-123|e2e-not-a-key' '$WORK/dry.err' '$WORK/dry.out' &&
	 grep -qx '$reg/dry:dry' '$WORK/dry.out' &&
	 ! skopeo inspect --tls-verify=false docker://$reg/dry:dry >/dev/null 2>&1"
ok "dry-run: --network MODE reaches the builder" bash -c \
	"'$build' -b docker -n --network host --tag dry -r $reg/dry '$WORK/custom' \
	   >'$WORK/net.out' 2>'$WORK/net.err' &&
	 grep -qF 'docker buildx build --provenance=false --sbom=false --load --platform linux/amd64 --network host -f' '$WORK/net.err'"
ok "a failing build exits 3 and names the command" bash -c \
	"printf 'FROM localhost/dw-e2e-base:1\nRUN exit 42\n' >'$WORK/custom/Dockerfile.bad' &&
	 printf 'dockerfile:\n  custom: Dockerfile.bad\n' >'$WORK/custom/bad.yml' &&
	 rc=0; '$build' -b buildah --no-lint -c '$WORK/custom/bad.yml' --tag bad '$WORK/custom' \
	   >'$WORK/bad.out' 2>'$WORK/bad.err' || rc=\$?; test \$rc -eq 3 &&
	 grep -q 'command failed with exit status [0-9]*: buildah build' '$WORK/bad.err' &&
	 test ! -s '$WORK/bad.out'"

# Shell-form ENTRYPOINT and CMD: errors whatever the base image is.
ok "lint errors stop the build: exit 1, nothing run" bash -c \
	"printf 'FROM localhost/dw-e2e-base:1\nENTRYPOINT aws_lambda_ric\nCMD app.handler\n' \
	   >'$WORK/custom/Dockerfile.lint' &&
	 printf 'dockerfile:\n  custom: Dockerfile.lint\n' >'$WORK/custom/lint.yml' &&
	 rc=0; '$build' -b buildah --show-build-command -c '$WORK/custom/lint.yml' --tag bad '$WORK/custom' \
	   >'$WORK/lint.out' 2>'$WORK/lint.err' || rc=\$?; test \$rc -eq 1 &&
	 grep -q 'lint found errors' '$WORK/lint.err' && ! grep -q '^+ ' '$WORK/lint.err' &&
	 test ! -s '$WORK/lint.out'"

# ---- managed: gen -> lint -> build -> push ------------------------------------------------------
for app in "$fixtures"/managed-*/; do
	[ -d "$app" ] || continue
	name=$(basename "$app")
	cp -R "$app" "$WORK/$name"
	ok "$name: dockwright gen writes the Dockerfile" bash -c \
		"cd '$WORK/$name' && '$dw' gen -o Dockerfile.gen ."
	ok "$name: dockwright lint passes the generated Dockerfile" bash -c \
		"cd '$WORK/$name' && '$dw' lint Dockerfile.gen"
	ok "$name: dockwright-build builds and pushes it" bash -c \
		"'$build' -b buildah -r $reg/$name '$WORK/$name' >'$WORK/$name.out' 2>'$WORK/$name.err' ||
		 { cat '$WORK/$name.err'; exit 1; }"
	config_of "$reg/$name:$tag" >"$WORK/$name.json" || true
	while read -r w; do
		ok "$name: image config has $w" contains "$WORK/$name.json" "$w"
	done <"$app/expect-config"
	uid=$(cat "$app/expect-uid")
	ok "$name: runs as the deploy uid $uid" bash -c \
		"test \"\$(podman run --rm --entrypoint id $reg/$name:$tag -u)\" = $uid"
	handler_file=$(cat "$app/expect-handler")
	ok "$name: $handler_file is readable by an arbitrary uid" \
		podman run --rm --user 12345 --entrypoint cat "$reg/$name:$tag" "$handler_file"
done

# ---- base image names on stock tools ---------------------------------------------
# Debian's podman and buildah define no unqualified-search registries, so a
# short name they must pull ("ruby:3.3-slim") is refused; gen writes Docker
# Hub names in full.  docker.io is served here by the loopback registry (a
# registries.conf mirror, as a company mirror would be), so both the name gen
# writes by default and a long private name are pulled for real.
printf '[[registry]]\nprefix = "docker.io"\nlocation = "%s"\ninsecure = true\n' "$reg" \
	>>"$WORK/registries.conf"
cp -R "$fixtures/managed-rack" "$WORK/names"
printf 'dockerfile:\n  auto_packages: false\n  install:\n    awscli: false\n' \
	>"$WORK/names/dockwright.yml"
ver=$("$dw" gen --plan "$WORK/names" 2>/dev/null | sed -n 's/^  "ruby_version": "\(.*\)",$/\1/p')
ok "names: the stand-in base is served as docker.io/library/ruby:$ver-slim and $reg/base/ruby" \
	bash -c "for ref in library/ruby base/ruby; do
	   skopeo copy -q --dest-tls-verify=false containers-storage:localhost/dw-e2e-base:1 \
	     docker://$reg/\$ref:$ver-slim || exit 1
	 done"
ok "names: a short name that must be pulled is refused (exit 3)" bash -c \
	"printf 'FROM ruby:$ver-slim\nENTRYPOINT [\"aws_lambda_ric\"]\nCMD [\"app.handler\"]\n' \
	   >'$WORK/names/Dockerfile.short' &&
	 printf 'dockerfile:\n  custom: Dockerfile.short\n' >'$WORK/names/short.yml' &&
	 rc=0; '$build' -b buildah --no-lint --no-push -c '$WORK/names/short.yml' --tag short \
	   '$WORK/names' >'$WORK/short.out' 2>'$WORK/short.err' || rc=\$?; test \$rc -eq 3 &&
	 grep -q 'short-name' '$WORK/short.err'"
ok "names: gen's default base is docker.io/library/ruby:$ver-slim" bash -c \
	"cd '$WORK/names' && '$dw' gen -o Dockerfile . 2>/dev/null &&
	 grep -qx 'FROM docker.io/library/ruby:$ver-slim AS base' Dockerfile"
ok "names: dockwright-build pulls it by that name and builds" bash -c \
	"'$build' -b buildah -r $reg/names-long '$WORK/names' >'$WORK/long.out' 2>'$WORK/long.err' ||
	 { cat '$WORK/long.err'; exit 1; }"
ok "names: image_name with a private registry is kept as written" bash -c \
	"printf '  image_package:\n    from_base:\n      image_name: $reg/base/ruby\n' \
	   >>'$WORK/names/dockwright.yml' &&
	 cd '$WORK/names' && '$dw' gen -o Dockerfile . 2>/dev/null &&
	 grep -qx 'FROM $reg/base/ruby:$ver-slim AS base' Dockerfile"
ok "names: dockwright-build pulls the private name and builds" bash -c \
	"'$build' -b buildah -r $reg/names-private '$WORK/names' >'$WORK/priv.out' 2>'$WORK/priv.err' ||
	 { cat '$WORK/priv.err'; exit 1; }"
config_of "$reg/names-private:$tag" >"$WORK/names.json" || true
ok "names: the image on the pulled base has the client as entrypoint" \
	contains "$WORK/names.json" '"Entrypoint":["/usr/local/bundle/bin/aws_lambda_ric"]'

echo "1..$n"
[ "$failed" -eq 0 ]
