#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/real/base.sh - the root filesystem of the real-build base image: Debian
# bookworm minbase with Debian's Ruby, RubyGems and Bundler, and no compilers
# (like the docker-library ruby:*-slim images; the generated Dockerfile
# installs build-essential in its build stage, as it must for users).
#
# usage: base.sh CACHEDIR      prints the path of CACHEDIR/base-KEY.tar
#
# KEY is a hash of the whole mmdebstrap command (suite, packages, options,
# mirrors), so a change of any of them builds a new tarball and an unchanged
# command reuses the cached one.  mmdebstrap writes the tar itself and needs
# no mounts; it is written to a temporary name and renamed when complete.
set -euo pipefail
cache=$1

sources=/etc/apt/sources.list.d/debian.sources
if [ -f "$sources" ]; then
	mirror=$(awk '/^URIs:/ { print $2; exit }' "$sources")
	secmirror=$(awk '/^URIs:/ { u = $2 } END { print u }' "$sources")
else
	mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list)
	secmirror=$(awk '$1 == "deb" && $3 ~ /security/ { print $2; exit }' /etc/apt/sources.list)
fi
mirror=${mirror:-http://deb.debian.org/debian}
secmirror=${secmirror:-http://deb.debian.org/debian-security}

opts=(--quiet --variant=minbase --include=ruby,ruby-dev,ruby-bundler
	--aptopt='Acquire::Languages "none"'
	--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
	--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
	--dpkgopt='path-exclude=/usr/share/locale/*')
mirrors=("deb $mirror bookworm main" "deb $mirror bookworm-updates main"
	"deb $secmirror bookworm-security main")
# eatmydata skips dpkg's fsyncs: a third of the time on a busy disk.
hooks=()
[ -d /usr/share/mmdebstrap/hooks/eatmydata ] && command -v eatmydata >/dev/null 2>&1 &&
	hooks=(--hook-dir=/usr/share/mmdebstrap/hooks/eatmydata)

key=$(printf '%s\n' "${opts[@]}" bookworm "${mirrors[@]}" | sha256sum | cut -c1-16)
tarball=$cache/base-$key.tar
if [ ! -s "$tarball" ]; then
	mkdir -p "$cache"
	tmp=$tarball.tmp.$$
	trap 'rm -f "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	mmdebstrap --format=tar "${hooks[@]}" "${opts[@]}" bookworm "$tmp" "${mirrors[@]}" >&2
	mv "$tmp" "$tarball"
	trap - EXIT
fi
echo "$tarball"
