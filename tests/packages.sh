#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/packages.sh - every Debian package name in rules/gems.yaml resolves
# on the Debian release gen would install it on.
#
# usage: packages.sh BUILDDIR SRCDIR          (make check-packages)
#
# For bookworm and trixie it downloads the real package indexes of the
# machine's Debian mirror into a private apt state (the host's apt state
# and dpkg database are not touched or consulted) and runs
# `apt-get -s install --no-install-recommends PKG` for each name, from an
# empty dpkg status, so the whole dependency closure has to resolve, as it
# does in a fresh ruby:*-slim build.  Speaks TAP: one point per
# (release, package).  Skips (1..0 # SKIP) without apt-get or a mirror.
# Knobs: DW_PKG_MIRROR (default: the first URIs of the apt sources),
# DW_PKG_ARCH (default amd64), DW_PKG_GEMMAP (another gem map, for testing
# this test).
set -uo pipefail

builddir=${1:-$(pwd)}
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

setup() { # RELEASE
	local r=$1 dir=$work/$1
	mkdir -p "$dir/state/lists/partial" "$dir/cache/archives/partial"
	: >"$dir/status"
	printf 'deb %s %s main\ndeb %s %s-updates main\n' "$mirror" "$r" "$mirror" "$r" \
		>"$dir/sources.list"
	apt_for "$r" update >"$dir/update.log" 2>&1
}

releases=()
for r in bookworm trixie; do
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
		apt_for "$r" -s install --no-install-recommends "${batch[@]}" >"$work/$r.all" 2>&1 &&
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
		elif apt_for "$r" -s install --no-install-recommends "$pkg" >"$work/out" 2>&1; then
			echo "ok $n - $r: $pkg ($why)"
		else
			failed=$((failed + 1))
			echo "not ok $n - $r: $pkg ($why)"
			grep -E '^E:|^ [^ ]' "$work/out" | head -n 5 | sed 's/^/#   /'
		fi
	done <"$work/$r.pkgs"
done
echo "1..$n"
[ "$failed" -eq 0 ]
