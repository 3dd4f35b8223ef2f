#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/packages.sh - every Debian package name in rules/gems.yaml resolves
# on the Debian release gen would install it on.
#
# usage: packages.sh BUILDDIR SRCDIR          (make check-packages)
#
# For bookworm, trixie and bullseye it downloads the real package indexes of the
# machine's Debian mirror into a private apt state (the host's apt state
# and dpkg database are not touched or consulted) and runs
# `apt-get -s install --no-install-recommends PKG` for each name, from an
# empty dpkg status, so the whole dependency closure has to resolve, as it
# does in a fresh ruby:*-slim build.  Then the package sets of whole apps'
# plans, each in one simulated install.  Speaks TAP: one point per
# (release, package) and per (app, package set).  Skips (1..0 # SKIP) without apt-get or a mirror.
# Knobs: DW_PKG_MIRROR (default: the first URIs of the apt sources),
# DW_PKG_ARCH (default amd64), DW_PKG_GEMMAP (another gem map, for testing
# this test).
set -uo pipefail

builddir=${1:-$(pwd)}
srcdir=${2:-$(cd "$(dirname "$0")/.." && pwd)}
list=$builddir/tests/gemmap_list
[ -x "$list" ] || { echo "Bail out! $list not built"; exit 1; }
command -v apt-get >/dev/null 2>&1 || { echo "1..0 # SKIP apt-get not found"; exit 0; }

mirror=${DW_PKG_MIRROR:-}
if [ -z "$mirror" ]; then
	mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null)
	[ -n "$mirror" ] ||
		mirror=$(awk '$1 == "deb" && $2 !~ /^\[/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
fi
[ -n "$mirror" ] || { echo "1..0 # SKIP no Debian mirror in the apt sources"; exit 0; }
arch=${DW_PKG_ARCH:-amd64}

work=$(mktemp -d "${TMPDIR:-/tmp}/dw-packages.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# apt_for RELEASE ARGS...: apt-get with a private state for one release.
apt_for() {
	local r=$1 dir=$work/$1
	shift
	apt-get -q -o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
		-o "Dir::State=$dir/state" -o "Dir::State::status=$dir/status" \
		-o "Dir::Cache=$dir/cache" -o "APT::Architecture=$arch" \
		-o APT::Architectures::="$arch" -o Acquire::Languages=none \
		-o Debug::NoLocking=1 "$@"
}

# resolves OUT RELEASE PKG...: one simulated install of the packages on
# an empty system, as in a fresh ruby:*-slim build; apt's output in OUT.
resolves() {
	local out=$1 r=$2
	shift 2
	apt_for "$r" -s install --no-install-recommends "$@" >"$out" 2>&1
}

# not_resolved DESC: a failing point, with the reasons apt gave in $work/out.
not_resolved() {
	failed=$((failed + 1))
	echo "not ok $n - $1"
	grep -E '^E:|^ [^ ]' "$work/out" | head -n 5 | sed 's/^/#   /'
}

setup() { # RELEASE
	local r=$1 dir=$work/$1
	mkdir -p "$dir/state/lists/partial" "$dir/cache/archives/partial"
	: >"$dir/status"
	printf 'deb %s %s main\ndeb %s %s-updates main\n' "$mirror" "$r" "$mirror" "$r" \
		>"$dir/sources.list"
	apt_for "$r" update >"$dir/update.log" 2>&1
}

releases=()
for r in bookworm trixie bullseye; do
	if setup "$r"; then
		releases+=("$r")
	else
		echo "# $r: apt-get update failed:" >&2
		tail -n 5 "$work/$r/update.log" | sed 's/^/#   /' >&2
	fi
done
[ "${#releases[@]}" -gt 0 ] || { echo "1..0 # SKIP cannot download the package indexes from $mirror"; exit 0; }

"$list" ${DW_PKG_GEMMAP:+"$DW_PKG_GEMMAP"} >"$work/names" || { echo "Bail out! gemmap_list failed"; exit 1; }
n=0 failed=0
for r in "${releases[@]}"; do
	# One point per package, with the rules that use it.
	awk -v r="$r" '$1 == r { rules[$3] = rules[$3] (rules[$3] ? ", " : "") $2 " " $4 }
		END { for (p in rules) print p "\t" rules[p] }' "$work/names" | sort >"$work/$r.pkgs"
	# One simulated install of them all, which must also be what a build
	# with every gem at once would do; each package must be in its plan.
	# When it fails, the packages apt names are set aside and the rest is
	# tried again; those set aside are tried one by one.
	mapfile -t batch < <(cut -f1 "$work/$r.pkgs")
	all=1
	for _ in 1 2 3 4 5 6 7 8; do
		[ "${#batch[@]}" -gt 0 ] || break
		resolves "$work/$r.all" "$r" "${batch[@]}" &&
			{ all=0; break; }
		named=$(sed -n -e 's/^E: Unable to locate package \(.*\)$/\1/p' \
			-e "s/^E: Package '\([^']*\)' has no installation candidate/\1/p" \
			-e 's/^ \([^ ]*\) : .*/\1/p' "$work/$r.all" | sort -u)
		[ -n "$named" ] || break
		mapfile -t batch < <(printf '%s\n' "${batch[@]}" | grep -vxF "$named")
	done
	while IFS=$'\t' read -r pkg why; do
		n=$((n + 1))
		if [ "$all" -eq 0 ] && grep -q "^Inst $pkg " "$work/$r.all"; then
			echo "ok $n - $r: $pkg ($why)"
		elif resolves "$work/out" "$r" "$pkg"; then
			echo "ok $n - $r: $pkg ($why)"
		else
			not_resolved "$r: $pkg ($why)"
		fi
	done <"$work/$r.pkgs"
done

# ---- whole apps: each plan's package sets install together ---------------
# The points above prove each name; these prove the sets gen puts in one
# RUN line resolve together on the release gen chose (a conflict between
# two gems' packages shows only here).  Apps: the real Gemfile.locks of
# ../shared/apps (when present) and the fixture apps of testdata/gen.  An
# app gen refuses is a skipped point that says why; a plan that is not
# apt, or names a release not downloaded, is not tried.
shared=${DOCKWRIGHT_SHARED:-$srcdir/../shared}
dw=$builddir/dockwright

# plan_sets PLAN: print "distro D", "build PKG" and "deployment PKG"
# lines from gen's --plan (its JSON is pretty-printed, one key a line).
plan_sets() {
	awk '
		/^  "distro": / { gsub(/[",]/, "", $2); print "distro", $2 }
		/^  "package_manager": / { gsub(/[",]/, "", $2); print "pm", $2 }
		/^  "packages": \{/ { inp = 1; next }
		inp && /^  }/ { inp = 0 }
		inp && /^    "[a-z_]+": \[/ { set = $1; gsub(/[":]/, "", set) }
		inp && /"name": / { v = $2; gsub(/[",]/, "", v); print set, v }
	' "$1"
}

# try_app NAME DIR: gen --plan on a copy, then one simulated install per
# package set.
try_app() {
	local name=$1 src=$2 app=$work/app err distro pm set
	rm -rf "$app" && cp -R "$src" "$app" || return
	# The real apps come without code; a Rack app's config.ru stands for
	# it, since a missing handler is not what this test is about.
	[ -e "$app/config.ru" ] || [ -e "$app/dockwright.yml" ] ||
		printf 'run ->(env) { [200, {}, ["ok"]] }\n' >"$app/config.ru"
	if ! "$dw" gen --plan "$app" >"$work/plan" 2>"$work/gen.err"; then
		err=$(grep -m1 'error: ' "$work/gen.err" | sed 's/.*error: //' | cut -c1-120)
		n=$((n + 1))
		if [ -n "$err" ]; then
			echo "ok $n - app $name # SKIP gen refuses it: $err"
		else
			failed=$((failed + 1))
			echo "not ok $n - app $name: gen failed without an error message"
		fi
		return
	fi
	plan_sets "$work/plan" >"$work/sets"
	distro=$(awk '$1 == "distro" { print $2 }' "$work/sets")
	pm=$(awk '$1 == "pm" { print $2 }' "$work/sets")
	[ "$pm" = apt ] && printf '%s\n' "${releases[@]}" | grep -qxF "$distro" || return
	for set in build deployment; do
		mapfile -t pkgs < <(awk -v s="$set" '$1 == s { print $2 }' "$work/sets")
		[ "${#pkgs[@]}" -gt 0 ] || continue
		n=$((n + 1))
		if resolves "$work/out" "$distro" "${pkgs[@]}"; then
			echo "ok $n - app $name: $distro $set set resolves (${#pkgs[@]} packages)"
		else
			not_resolved "app $name: $distro $set set: ${pkgs[*]}"
		fi
	done
}

for dir in "$shared"/apps/*/ "$srcdir"/testdata/gen/*/; do
	[ -f "$dir/Gemfile.lock" ] || continue
	try_app "$(basename "$(dirname "$dir")")/$(basename "$dir")" "$dir"
done
echo "1..$n"
[ "$failed" -eq 0 ]
