# SPDX-License-Identifier: MIT
# tests/containers.sh - sourced by the container tests (tests/e2e/run.sh,
# tests/real/run.sh): tools installed with apt-get when missing, private
# containers/storage/registries configuration under one work directory, a
# loopback registry, background servers stopped by pid, cleanup of every
# container, mount and file on exit, and TAP helpers.
#
#   ct_name=e2e; . "$srcdir/tests/containers.sh"
#   ct_install CMD:PACKAGE...      # or skips the whole test
#   ct_setup 127.0.0.1:5000        # $WORK, the configuration, the exports
#   ct_registry                    # the registry on that address
#   ct_base_context DIR FIXTURES   # the stand-in base image's build context
#   ct_bg LOG CMD...               # any other server, stopped on exit
#   ct_pids+=(PID) / ct_forget PID # a process started by hand, stopped on exit
#   ok "description" COMMAND...    # one TAP test point
#
# Knobs (read by ct_setup): ct_keep=1 keeps $WORK, ct_storage_driver
# (overlay|vfs), ct_host_net=1 makes podman build and run use the host's
# network namespace, so that containers reach servers on 127.0.0.1.

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

# ct_install CMD:PACKAGE...: install the packages whose command is missing.
# A path instead of a command name is tested for being executable.
ct_install() {
	local t need=()

	for t in "$@"; do
		case ${t%%:*} in
		/*) [ -x "${t%%:*}" ] || need+=("${t#*:}") ;;
		*) command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}") ;;
		esac
	done
	[ "${#need[@]}" -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
		skip_all "missing ${need[*]}; installing them needs root and apt-get"
	fi
	echo "# installing ${need[*]}" >&2
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2; then
		DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >&2 ||
			skip_all "cannot install ${need[*]} with apt-get"
	fi
}

ct_pids=()
WORK=

# Stops what ct_bg started, then removes containers, working containers and
# mounts of the private storage, and $WORK.  set +e: under set -e, wait on
# a killed pid (status 143) would end the trap and leave mounts behind.
ct_cleanup() {
	local p

	set +e
	for p in "${ct_pids[@]}"; do
		# A job started under set -m leads a process group of its own:
		# stop the whole group (a build and its builder), else the pid.
		kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -n "$WORK" ] || return 0
	podman rm -af >/dev/null 2>&1
	buildah rm --all >/dev/null 2>&1
	buildah umount --all >/dev/null 2>&1
	# Anything still mounted under $WORK, deepest first.
	awk -v w="$WORK" '$2 ~ "^" w { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	if [ "${ct_keep:-0}" = 1 ]; then
		echo "# kept $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}

# ct_setup REGISTRY_ADDR: the work directory and the private configuration.
ct_setup() {
	local reg=$1 nofile netns=

	[ "$(id -u)" -eq 0 ] || skip_all "buildah and podman need root here (no rootless setup)"
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/dw-${ct_name:-ct}.XXXXXX")
	trap ct_cleanup EXIT
	trap 'exit 1' HUP INT TERM
	nofile=$(ulimit -Hn)
	[ "$nofile" = unlimited ] || [ "$nofile" -gt 16384 ] && nofile=16384
	[ "${ct_host_net:-0}" = 1 ] && netns='netns = "host"'
	cat >"$WORK/storage.conf" <<EOF
[storage]
driver = "${ct_storage_driver:-overlay}"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
EOF
	cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=8192:8192"]
$netns
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
	cat >"$WORK/registries.conf" <<EOF
unqualified-search-registries = []
[[registry]]
location = "$reg"
insecure = true
EOF
	cat >"$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry-data
  delete:
    enabled: true
http:
  addr: $reg
EOF
	ct_reg=$reg
	echo '{"auths":{}}' >"$WORK/auth.json"
	export CONTAINERS_STORAGE_CONF=$WORK/storage.conf CONTAINERS_CONF=$WORK/containers.conf \
		CONTAINERS_REGISTRIES_CONF=$WORK/registries.conf REGISTRY_AUTH_FILE=$WORK/auth.json \
		BUILDAH_ISOLATION=chroot TMPDIR=$WORK
	# A reproducible tag, no git tokens from whatever checkout runs the
	# test, and no credentials or Bundler settings of the caller's.
	export SOURCE_DATE_EPOCH=1700000000 DOCKWRIGHT_ENV=e2e DOCKWRIGHT_GIT_DISABLED=1
	unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN JETS_DOCKER_IMAGE \
		DOCKWRIGHT_DOCKER_IMAGE DOCKER_HOST DOCKWRIGHT_DATADIR
	while read -r v; do unset "$v"; done < <(env | sed -n 's/^\(BUNDLE_[A-Za-z0-9_]*\)=.*/\1/p')
}

# ct_bg LOG CMD...: start a server in the background; ct_cleanup stops it.
ct_bg() {
	local log=$1

	shift
	"$@" >"$log" 2>&1 &
	ct_pids+=($!)
}

# ct_forget PID: a server started by hand (its pid added to ct_pids) that
# has been waited for; cleanup must not kill whatever reuses the pid.
ct_forget() {
	local p keep=()

	for p in "${ct_pids[@]}"; do
		[ "$p" = "$1" ] || keep+=("$p")
	done
	ct_pids=("${keep[@]}")
}

# ct_wait_url URL: up to 10 s for URL to answer.
ct_wait_url() {
	for _ in $(seq 100); do
		curl -fsS "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	curl -fsS "$1" >/dev/null 2>&1
}

# The registry treats every REGISTRY_* variable as a configuration
# override, and dies on REGISTRY_AUTH_FILE: start it without.
ct_registry() {
	ct_bg "$WORK/registry.log" env -u REGISTRY_AUTH_FILE docker-registry serve "$WORK/registry.yml"
	ct_wait_url "http://$ct_reg/v2/" ||
		{ echo "Bail out! the registry did not start on $ct_reg"; sed 's/^/# /' "$WORK/registry.log"; exit 1; }
}

# ct_base_context DIR FIXTURES: the build context of the stand-in base image
# (busybox and the fake package tools of testdata/driver/base), so that
# generated Dockerfiles build offline.
ct_base_context() {
	mkdir -p "$1"
	cp /bin/busybox "$1/busybox"
	cp "$2"/apt-get "$2"/gem "$2"/bundle "$2"/groupadd "$2"/useradd "$1/"
	cat >"$1/Dockerfile" <<'EOF'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -p /tmp /etc /root /usr/bin /usr/local/bin && chmod 1777 /tmp && \
    echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group
COPY apt-get gem bundle groupadd useradd /usr/local/bin/
ENV PATH=/usr/local/bundle/bin:/usr/local/bin:/usr/bin:/bin
CMD ["/bin/sh"]
EOF
}

# ---- TAP helpers -----------------------------------------------------------
n=0
failed=0
ok() { # ok DESCRIPTION COMMAND...
	local desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$WORK/out" 2>"$WORK/err"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=$((failed + 1))
		sed 's/^/# /' "$WORK/out" "$WORK/err" | tail -n 30
	fi
}
skip() { # skip DESCRIPTION REASON: a test point that did not run
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }
equals() { [ "$1" = "$2" ] || { echo "got '$1', want '$2'"; return 1; }; }
# The image config, as one line without blanks.
config_of() { skopeo inspect --config --tls-verify=false "docker://$1" | tr -d ' \n'; }
