#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench (gen part): `dockwright gen` on generated apps with 100, 400
# and 1600 gems in Gemfile.lock.  Prints the median wall time of 31 runs
# and, when valgrind is installed, the instruction count of one run
# (callgrind: repeatable, unlike time), to show linear growth.
#
# usage: bench_gen.sh BUILDDIR
set -eu

builddir=${1:-$(pwd)}
dw=$builddir/dockwright
[ -x "$dw" ] || { echo "bench_gen.sh: $dw not found" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dw-bench-gen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# An app whose lockfile has N gems, each depending on the next two, with a
# few native gems among them so that package detection has work to do.
make_app() {
	n=$1 dir=$2
	mkdir -p "$dir"
	awk -v n="$n" 'BEGIN {
		print "GEM"; print "  remote: https://rubygems.org/"; print "  specs:"
		for (i = 1; i <= n; i++) {
			name = sprintf("gem%04d", i)
			if (i % 50 == 1) name = (i % 100 == 1) ? "pg" sprintf("%04d", i) : "nokogiri" sprintf("%04d", i)
			printf "    %s (1.%d.0)\n", name, i
			if (i + 1 <= n) printf "      gem%04d (>= 1.0)\n", i + 1
			if (i + 2 <= n) printf "      gem%04d (~> 1.%d)\n", i + 2, i
		}
		print "    pg (1.5.9)"; print "    rails (7.2.2)"
		print ""; print "PLATFORMS"; print "  ruby"; print "  x86_64-linux"; print ""
		print "DEPENDENCIES"; print "  pg"; print "  rails"
		for (i = 1; i <= n; i += 10) printf "  gem%04d\n", i
		print ""; print "BUNDLED WITH"; print "   2.5.22"
	}' >"$dir/Gemfile.lock"
	printf 'source "https://rubygems.org"\ngem "rails"\ngem "pg"\n' >"$dir/Gemfile"
}

now_ns() { date +%s%N; }

printf '%-10s %12s %16s %14s\n' gems "median ms" instructions "instr/gem"
for n in 100 400 1600; do
	app=$tmp/app$n
	make_app "$n" "$app"
	"$dw" gen -q "$app" >/dev/null
	times=""
	i=0
	while [ $i -lt 31 ]; do
		t0=$(now_ns); "$dw" gen -q "$app" >/dev/null; t1=$(now_ns)
		times="$times $(( (t1 - t0) / 1000 ))"
		i=$((i + 1))
	done
	median=$(printf '%s\n' $times | sort -n | sed -n 16p)
	ins=-
	if command -v valgrind >/dev/null 2>&1; then
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$dw" gen -q "$app" \
			>/dev/null 2>"$tmp/cg.err" || true
		ins=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.err")
		[ -n "$ins" ] || ins=-
	fi
	per=-
	[ "$ins" != - ] && per=$((ins / n))
	printf '%-10s %12s %16s %14s\n' "$n" "$(awk -v us="$median" 'BEGIN { printf "%.2f", us / 1000 }')" "$ins" "$per"
done
