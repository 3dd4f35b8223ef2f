#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real builds: generated Dockerfiles built with real apt and real gems, run
# the way Lambda runs them, invoked through the real runtime interface
# client.  No stand-ins but the network: a Ruby image made from Debian
# packages (mmdebstrap), a gem source on 127.0.0.1 (Debian's gems
# repackaged, aws_lambda_ric and pg built from their sources in ../shared),
# a registry on 127.0.0.1, and the Runtime API emulator (tests/lambda-emu).
#
# usage: run.sh BUILDDIR SRCDIR        (make check-real passes both)
#
# Speaks TAP.  Skips (1..0 # SKIP) only when the tools are missing and
# cannot be installed, or when ../shared/ric is absent.  Knobs:
#   DW_REAL_CACHE   cache of the base rootfs and the gem index, keyed by
#                   their inputs (default /var/cache/dockwright-real)
#   DOCKWRIGHT_SHARED  the shared material (default SRCDIR/../shared), as
#                   for the other tests that read it
#   DW_REAL_APPS    the fixture apps to run (default: all five; empty: none)
#   DW_REAL_RELOCK=1  rewrite each app's Gemfile.lock with `bundle lock`
#                   against the loopback gem source (see testdata/realbuild/README.md)
#   DW_REAL_KEEP=1  keep the work directory
#   DW_REAL_REG_PORT (default 5078), DW_REAL_GEMS_PORT (default 8809)
set -euo pipefail

builddir=${1:-$(pwd)}
srcdir=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
dw=$builddir/dockwright
build=$builddir/dockwright-build
emu=$builddir/tests/lambda-emu
here=$srcdir/tests/real
fixtures=$srcdir/testdata/realbuild
shared=${DOCKWRIGHT_SHARED:-$srcdir/../shared}
cache=${DW_REAL_CACHE:-/var/cache/dockwright-real}
reg=127.0.0.1:${DW_REAL_REG_PORT:-5078}
gems=127.0.0.1:${DW_REAL_GEMS_PORT:-8809}
base_image=localhost/dw-real-ruby:3.1
tag=e2e-2023-11-14T22-13-20Z
# The Debian packages whose gems the fixture apps' locks use.
debian_gems="rack sinatra rack-protection mustermann ruby2_keywords tilt"

[ -x "$build" ] || { echo "Bail out! $build not built"; exit 1; }
[ -x "$emu" ] || { echo "Bail out! $emu not built (make tests/lambda-emu)"; exit 1; }

# Timing of each phase, as TAP comments.
t_start=$(date +%s.%N)
t_last=$t_start
phase() {
	local now
	now=$(date +%s.%N)
	awk -v p="$1" -v a="$t_last" -v b="$now" -v s="$t_start" \
		'BEGIN { printf "# time %-34s %6.1f s (total %6.1f s)\n", p, b - a, b - s }'
	t_last=$now
}

ct_name=real ct_keep=${DW_REAL_KEEP:-0} ct_host_net=1
. "$srcdir/tests/containers.sh"
[ -f "$shared/ric/aws_lambda_ric.gemspec" ] ||
	skip_all "$shared/ric (the runtime interface client's source) is absent"
ct_install buildah:buildah podman:podman skopeo:skopeo docker-registry:docker-registry \
	runc:runc curl:curl /bin/busybox:busybox-static mmdebstrap:mmdebstrap \
	eatmydata:eatmydata ruby:ruby
ct_setup "$reg"
trap 'ct_cleanup; phase cleanup' EXIT
# Every build runs every step; only the negative proof reuses the pg
# build's layers (see negative_pg).
export BUILDAH_LAYERS=false
phase "tools and configuration"

# ---- 1. the base image: Debian's Ruby, shaped like the official ruby images
tarball=$("$here/base.sh" "$cache" 2>"$WORK/base.log") ||
	{ echo "Bail out! mmdebstrap failed"; tail -n 30 "$WORK/base.log" | sed 's/^/# /'; exit 1; }
phase "base rootfs (mmdebstrap, cached)"
import_base() {
	local ctr mnt

	ctr=$(buildah from scratch)
	mnt=$(buildah mount "$ctr")
	tar --numeric-owner -C "$mnt" -xf "$tarball"
	install -d -m 1777 "$mnt/usr/local/bundle"
	# The loopback gem source stands in for rubygems.org, for RubyGems
	# (Debian's system gemrc is /etc/gemrc) and for Bundler (a mirror in
	# root's user config: the key holds ':' and '/', which no environment
	# variable can carry).  Apps keep source "https://rubygems.org".
	printf -- '---\n:sources:\n- http://%s/\ninstall: --no-document\nupdate: --no-document\n' \
		"$gems" >"$mnt/etc/gemrc"
	mkdir -p "$mnt/root/.bundle"
	printf -- '---\nBUNDLE_MIRROR__HTTPS://RUBYGEMS__ORG/: "http://%s/"\n' "$gems" \
		>"$mnt/root/.bundle/config"
	buildah umount "$ctr" >/dev/null
	buildah config --env LANG=C.UTF-8 --env GEM_HOME=/usr/local/bundle \
		--env BUNDLE_SILENCE_ROOT_WARNING=1 --env BUNDLE_APP_CONFIG=/usr/local/bundle \
		--env PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--cmd irb "$ctr"
	buildah commit -q --rm --format docker "$ctr" "$base_image" >/dev/null
}
import_base >"$WORK/import.log" 2>&1 ||
	{ echo "Bail out! cannot import the base image"; sed 's/^/# /' "$WORK/import.log"; exit 1; }
phase "base image import"

# ---- 2. the gem source: .gem files and a static index, cached ----------------
tree_hash() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16; }
pg_src=$shared/gems/pg
[ -f "$pg_src/pg.gemspec" ] || pg_src=
gem_key=$({
	basename "$tarball"
	echo "$debian_gems"
	cat "$here/mkgems.rb" "$here/git"
	tree_hash "$shared/ric"
	[ -z "$pg_src" ] || tree_hash "$pg_src"
} | sha256sum | cut -c1-16)
gemdir=$cache/gems-$gem_key
make_gems() {
	local tmp=$cache/.gems-$gem_key.$$

	rm -rf "$tmp"
	mkdir -p "$tmp/gems"
	# In the base image, so the host needs no Ruby for it.  The sources are
	# read-only: each is copied to the container's /tmp before gem build.
	podman run --rm -v "$here:/tools:ro" -v "$shared/ric:/src/ric:ro" \
		${pg_src:+-v "$pg_src:/src/pg:ro"} -v "$tmp:/out" "$base_image" sh -ec '
		apt-get update -qq
		pkgs=
		for g in $0; do pkgs="$pkgs ruby-$(echo "$g" | tr _ -)"; done
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
		mkdir -p /tmp/bin /tmp/src && cp /tools/git /tmp/bin/git && export PATH=/tmp/bin:$PATH
		cp -R /src/. /tmp/src/
		ruby /tools/mkgems.rb /out/gems --debian $0 --src /tmp/src/*
		gem generate_index --quiet -d /out' "$debian_gems" || { rm -rf "$tmp"; return 1; }
	mv "$tmp" "$gemdir"
}
if [ ! -f "$gemdir/specs.4.8.gz" ]; then
	make_gems >"$WORK/gems.log" 2>&1 ||
		{ echo "Bail out! cannot make the gem source"; tail -n 30 "$WORK/gems.log" | sed 's/^/# /'; exit 1; }
fi
echo "# gems: $(cd "$gemdir/gems" && echo *.gem)"
ct_bg "$WORK/httpd.log" busybox httpd -f -p "$gems" -h "$gemdir"
ct_wait_url "http://$gems/specs.4.8.gz" ||
	{ echo "Bail out! the gem source did not start on $gems"; exit 1; }
ct_registry
phase "gem source and registry"

# ---- 3. the apps ---------------------------------------------------------------
if [ "${DW_REAL_RELOCK:-0}" = 1 ]; then
	for app in "$fixtures"/*/Gemfile; do
		d=$(dirname "$app")
		podman run --rm -v "$d:/app" -w /app "$base_image" \
			sh -ec 'rm -f Gemfile.lock; bundle lock >/dev/null' ||
			{ echo "Bail out! bundle lock failed in $d"; exit 1; }
		echo "# relocked $d/Gemfile.lock"
	done
fi

# Each app: gen -> lint -> dockwright-build (buildah) -> push -> run the image
# as Lambda does, through the emulator, with the events of its expect file.
# The builds run in two lanes at once, since each mostly keeps one core
# busy (dpkg, a C compiler); the checks then take the apps in order.
gen_app() { (cd "$1" && "$dw" gen -o Dockerfile.gen .); }
# No error and no warning: lint's default failure threshold is warning.
lint_app() { "$dw" lint --format gnu --context "$1" "$1/Dockerfile.gen"; }

# build_app NAME DIR [VAR=VALUE...]: dockwright-build with those variables;
# leaves NAME.build.out, NAME.build.err and NAME.built ("STATUS SECONDS").
build_app() {
	local name=$1 dir=$2 t0 rc=0

	shift 2
	t0=$(date +%s.%N)
	env "$@" "$build" --builder buildah --show-build-command -r "$reg/$name" "$dir" \
		>"$WORK/$name.build.out" 2>"$WORK/$name.build.err" || rc=$?
	awk -v rc="$rc" -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%d %.1f\n", rc, b - a }' \
		>"$WORK/$name.built.tmp"
	mv "$WORK/$name.built.tmp" "$WORK/$name.built"
}
# lane JOB...: build one job after the other; a job is the words of
# build_app's arguments (no blanks inside: $WORK comes from mktemp).
lane() {
	local job

	for job in "$@"; do
		# shellcheck disable=SC2086
		build_app $job
	done
}
lane_pids=()
# start_lane JOB...: one lane in the background, in a process group of its
# own (set -m), so that cleanup stops the builds in it too.
start_lane() {
	[ "$#" -gt 0 ] || return 0
	set -m
	lane "$@" >/dev/null 2>&1 &
	lane_pids+=($!)
	ct_pids+=($!)
	set +m
}
# wait_built NAME: until NAME's build has a result, or no lane is left.
wait_built() {
	local p alive

	while [ ! -f "$WORK/$1.built" ]; do
		alive=0
		for p in "${lane_pids[@]}"; do
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ "$alive" = 1 ] || break
		sleep 1
	done
	[ -f "$WORK/$1.built" ] && echo "# $1 build and push: $(cut -d' ' -f2 "$WORK/$1.built") s"
	return 0
}
build_ok() { # build_ok NAME
	local st

	read -r st _ <"$WORK/$1.built" 2>/dev/null || { echo "no build result"; return 1; }
	[ "$st" = 0 ] || { tail -n 40 "$WORK/$1.build.err"; return 1; }
}
# The build really ran apt-get, Bundler in deployment mode and RubyGems.
built_for_real() { # built_for_real NAME DIR
	local log=$WORK/$1.build.err

	contains "$log" "Setting up build-essential" &&
		contains "$log" "Successfully installed aws_lambda_ric-" || return 1
	# An app without a Gemfile has no bundle step at all.
	if [ ! -f "$2/Gemfile" ]; then
		! grep -q 'bundle install' "$2/Dockerfile.gen" || { echo "bundle install without a Gemfile"; return 1; }
		return 0
	fi
	contains "$log" "Bundle complete!" &&
		contains "$2/Dockerfile.gen" 'BUNDLE_DEPLOYMENT="1"' &&
		grep -q "^Fetching .* from http://$gems/\|^Fetching gem metadata from http://$gems/\|^Fetching source index from http://$gems/" "$log"
}
pushed() { # pushed NAME: the printed digest is the registry's
	local ref

	ref=$(tail -n 1 "$WORK/$1.build.out")
	[[ $ref == "$reg/$1@sha256:"* ]] || { echo "printed '$ref'"; return 1; }
	equals "$(skopeo inspect --tls-verify=false --format '{{.Digest}}' "docker://$reg/$1:$tag")" "${ref#*@}"
}

# invoke OUT IMAGE HANDLER EVENT...: one container, as Lambda starts it (any
# uid, read-only root, only /tmp writable, _HANDLER from the image's CMD),
# against the emulator; its exit status is left in $OUT/status.
invoke() {
	local out=$1 image=$2 handler=$3 epid api uid gid rc=0

	shift 3
	mkdir -p "$out"
	"$emu" -t 90 127.0.0.1:0 "$out" "$@" >"$out/emu.log" 2>&1 &
	epid=$!
	ct_pids+=("$epid")
	for _ in $(seq 100); do
		[ -s "$out/ready" ] && break
		sleep 0.1
	done
	api=$(cat "$out/ready" 2>/dev/null) || { kill "$epid"; wait "$epid" || true; echo "emulator not ready"; return 1; }
	uid=$((20000 + RANDOM % 40000)) gid=$((20000 + RANDOM % 40000))
	echo "# $(basename "$out"): uid $uid, gid $gid, _HANDLER=$handler, runtime API $api"
	timeout 120 podman run --rm --name "dw-real-$(basename "$out")" --read-only --read-only-tmpfs=false \
		--tmpfs /tmp:rw,size=512m --user "$uid:$gid" \
		-e AWS_LAMBDA_RUNTIME_API="$api" -e _HANDLER="$handler" \
		-e AWS_LAMBDA_FUNCTION_NAME=dw-real -e AWS_LAMBDA_FUNCTION_VERSION='$LATEST' \
		-e AWS_LAMBDA_FUNCTION_MEMORY_SIZE=512 -e AWS_REGION=us-east-1 -e TZ=:UTC \
		"$image" >"$out/runtime.log" 2>&1 || true
	wait "$epid" || rc=$?
	ct_forget "$epid"
	echo "$rc" >"$out/status"
}
emu_status() { equals "$(cat "$1/status" 2>/dev/null)" "$2" || { tail -n 20 "$1/runtime.log" "$1/emu.log"; return 1; }; }
expect() { ruby "$here/expect.rb" "$@"; }

# The events and checks of an app: each line of DIR/expect is an event name
# (testdata/realbuild/events/NAME.json) and the checks of expect.rb on the
# response, quoted like shell words.
invoke_events() { # invoke_events NAME DIR IMAGE HANDLER
	local name=$1 dir=$2 image=$3 handler=$4 i=0 line words events=()

	while read -r line; do
		[ -n "$line" ] && [[ $line != "#"* ]] && events+=("$fixtures/events/${line%% *}.json")
	done <"$dir/expect"
	invoke "$WORK/emu-$name" "$image" "$handler" "${events[@]}"
	ok "$name: the emulator saw every event answered (ro root, random uid)" emu_status "$WORK/emu-$name" 0
	while read -r line; do
		[ -n "$line" ] && [[ $line != "#"* ]] || continue
		mapfile -t words < <(xargs -n1 printf '%s\n' <<<"${line#* }")
		ok "$name: ${line%% *} event: ${words[*]}" expect "$WORK/emu-$name/$i.response" "${words[@]}"
		i=$((i + 1))
	done <"$dir/expect"
}

# prepare_app APP: copy, gen, lint; fails when the app is skipped.
prepare_app() {
	local app=$1 d=$WORK/$1

	cp -R "$fixtures/$app" "$d"
	if [ "$app" = pg ] && [ -z "$pg_src" ]; then
		skip "$app: gen, lint, build, push, invoke" "$shared/gems/pg (the pg gem's source) is absent"
		return 1
	fi
	# Until gen has its Rack adapter (issue 9), a Rack app has no handler.
	if [ -f "$d/config.ru" ] && [[ $("$dw" gen --plan "$d" 2>/dev/null) != *'"handler_source"'* ]]; then
		skip "$app: gen, lint, build, push, invoke" "needs gen's Rack adapter (issue 9)"
		return 1
	fi
	ok "$app: dockwright gen writes the Dockerfile" gen_app "$d"
	ok "$app: dockwright lint --context finds no error or warning" lint_app "$d"
}

# check_app APP: once its build is done, the build, the push, the image,
# and its invocations.
check_app() {
	local app=$1 d=$WORK/$1 image=$reg/$1:$tag handler

	wait_built "$app"
	ok "$app: dockwright-build --builder buildah builds and pushes" build_ok "$app"
	ok "$app: the build ran apt-get install, bundle install (deployment, with a Gemfile) and gem install" \
		built_for_real "$app" "$d"
	ok "$app: the registry has the printed digest" pushed "$app"
	echo "# $app image: $(podman image inspect --format '{{.Size}}' "$image" 2>/dev/null |
		awk '{ printf "%.1f MB", $1 / 1e6 }')"
	config_of "$image" >"$WORK/$app.config.json" 2>/dev/null || true
	handler=$(ruby -rjson -e 'puts JSON.parse(File.read(ARGV[0]))["config"]["Cmd"].last' \
		"$WORK/$app.config.json" 2>/dev/null) || handler=
	ok "$app: the image's ENTRYPOINT is the runtime interface client" \
		contains "$WORK/$app.config.json" '"Entrypoint":["/usr/local/bundle/bin/aws_lambda_ric"]'
	invoke_events "$app" "$d" "$image" "$handler"
	if declare -F "check_${app//-/_}" >/dev/null; then
		"check_${app//-/_}" "$image"
	fi
	phase "$app (waiting for its build) checks"
}

# ---- app-specific checks -------------------------------------------------------
# pg: compiled against libpq-dev in the build stage; the final stage has
# libpq5 and nothing else of PostgreSQL, and no compiler (Jets #104).
only_libpq5() {
	podman run --rm --entrypoint sh "$1" -c \
		"dpkg-query -W -f '\${Package} \${Status}\n' | grep -E '^(libpq|postgresql)' | grep ' installed\$'" |
		awk '{ print $1 }' >"$WORK/pg.pkgs"
	equals "$(tr '\n' ' ' <"$WORK/pg.pkgs")" "libpq5 "
}
no_compiler() { podman run --rm --entrypoint sh "$1" -c '! command -v gcc && ! command -v cc && ! test -e /usr/include/postgresql'; }
pg_ext_links_libpq() {
	podman run --rm --entrypoint sh "$1" -c \
		'ldd $(find /usr/local/bundle -name pg_ext.so | head -n 1)' >"$WORK/pg.ldd" &&
		grep 'libpq\.so\.5 => /' "$WORK/pg.ldd"
}
check_pg() {
	ok "pg: the final stage has libpq5 and no other libpq or postgresql package" only_libpq5 "$1"
	ok "pg: the final stage has no compiler and no PostgreSQL headers" no_compiler "$1"
	ok "pg: pg_ext.so, compiled in the build stage, resolves libpq.so.5" pg_ext_links_libpq "$1"
}

# own-handler: a handler that raises is a function error; a handler whose
# file cannot load is an init error.  The image is the same: Lambda's
# ImageConfig command override changes only _HANDLER.
check_own_handler() {
	local e=$fixtures/events/apigw-v2.json

	invoke "$WORK/emu-raises" "$1" errors/raises.handler "$e"
	ok "own-handler: a raising handler is a function error" bash -c \
		"grep -qix 'lambda-runtime-function-error-type: Function<ArgumentError>' '$WORK/emu-raises/0.error.headers'"
	ok "own-handler: the function error names the exception" \
		expect "$WORK/emu-raises/0.error" errorType=Function\<ArgumentError\> \
		'errorMessage=raised on purpose by errors/raises.rb'
	invoke "$WORK/emu-broken" "$1" errors/broken.handler "$e"
	ok "own-handler: a handler file that cannot load is an init error (emulator exit 3)" \
		emu_status "$WORK/emu-broken" 3
	ok "own-handler: the init error is the LoadError" expect "$WORK/emu-broken/init.error" \
		'errorType=Init<LoadError>' 'errorMessage~a_library_that_is_not_installed'
}

# ---- 4. negative proof: a gem map that forgets libpq5 ------------------------------
# With a copy of the data whose pg rule has no runtime package, gen's output
# still passes every template-level check and builds; only running the
# image shows the missing library, and lint --context with the shipped map
# reports it before any build.
map_without_libpq5() {
	mkdir -p "$WORK/data"
	cp -R "$srcdir/rules" "$srcdir/templates" "$WORK/data/"
	sed -i 's/^\(    apt: { build: \[libpq-dev\]\), runtime: \[libpq5\] }$/\1 }/' "$WORK/data/rules/gems.yaml"
	! grep -q 'runtime: \[libpq5\]' "$WORK/data/rules/gems.yaml" &&
		grep -q 'apt: { build: \[libpq-dev\] }' "$WORK/data/rules/gems.yaml"
}
prepare_negative() {
	local d=$WORK/pg-nolibpq

	cp -R "$fixtures/pg" "$d"
	ok "pg-nolibpq: a copy of the gem map without libpq5" map_without_libpq5
	ok "pg-nolibpq: gen with it leaves libpq5 out, keeps libpq-dev" bash -c \
		"DOCKWRIGHT_DATADIR='$WORK/data' '$dw' gen -o '$d/Dockerfile.gen' '$d' &&
		 ! grep -q libpq5 '$d/Dockerfile.gen' && grep -q libpq-dev '$d/Dockerfile.gen'"
	ok "pg-nolibpq: lint --context with the shipped map reports it before the build" bash -c \
		"rc=0; '$dw' lint --format gnu --context '$d' '$d/Dockerfile.gen' >'$WORK/neg.lint' || rc=\$?
		 cat '$WORK/neg.lint'; test \$rc = 1 &&
		 grep -q 'needs libpq5 at run time.*lambda-runtime-package-missing' '$WORK/neg.lint'"
}
check_negative() {
	wait_built pg-nolibpq
	ok "pg-nolibpq: the image builds and pushes all the same" build_ok pg-nolibpq
	invoke "$WORK/emu-nolibpq" "$reg/pg-nolibpq:$tag" handlers/controller.lambda_handler \
		"$fixtures/events/apigw-v1.json"
	ok "pg-nolibpq: the first invocation fails at init (emulator exit 3)" emu_status "$WORK/emu-nolibpq" 3
	ok "pg-nolibpq: the init error is the missing libpq.so.5" expect "$WORK/emu-nolibpq/init.error" \
		'errorType=Init<LoadError>' 'errorMessage~libpq\.so\.5: cannot open shared object file'
	phase "pg-nolibpq (waiting for its build) checks"
}

apps=()
for app in ${DW_REAL_APPS-rack sinatra pg own-handler stdlib}; do
	prepare_app "$app" && apps+=("$app")
done
negative=0
[[ " ${apps[*]} " == *" pg "* ]] && negative=1
[ "$negative" = 0 ] || prepare_negative
phase "gen and lint"

# Lane 1: pg, then the negative proof, whose build stage is pg's step for
# step: with buildah's layer cache (BUILDAH_LAYERS=true for both) it reuses
# apt-get, gem install and the compiling bundle install.  Lane 2: the rest.
lane1=() lane2=()
for app in "${apps[@]}"; do
	if [ "$app" = pg ]; then
		lane1+=("pg $WORK/pg BUILDAH_LAYERS=true")
	else
		lane2+=("$app $WORK/$app BUILDAH_LAYERS=false")
	fi
done
[ "$negative" = 0 ] ||
	lane1+=("pg-nolibpq $WORK/pg-nolibpq BUILDAH_LAYERS=true DOCKWRIGHT_DATADIR=$WORK/data")
start_lane "${lane1[@]}"
start_lane "${lane2[@]}"

for app in "${apps[@]}"; do
	check_app "$app"
done
[ "$negative" = 0 ] || check_negative
for p in "${lane_pids[@]}"; do
	wait "$p" || true
	ct_forget "$p"
done

echo "1..$n"
[ "$failed" -eq 0 ]
