#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench: parser throughput and peak memory, on the real-world corpus
# and on generated Dockerfiles of 1x, 4x and 16x a base size.
#
# usage: bench.sh [BUILDDIR [SRCDIR]]
# BENCH_BASE_MB (default 3) sets the 1x size, so 16x is 48 MB.
# DOCKWRIGHT_SHARED overrides where the corpus is looked for (SRCDIR/../shared).
#
# Each measurement runs in a fresh process, so that the peak RSS it reports
# belongs to that input alone.
set -eu

builddir=${1:-$(pwd)}
srcdir=${2:-$(cd "$(dirname "$0")/.." && pwd)}
bp=$builddir/bench/bench_parse
shared=${DOCKWRIGHT_SHARED:-$srcdir/../shared}
base=${BENCH_BASE_MB:-3}

if [ ! -x "$bp" ]; then
	echo "bench.sh: $bp not found; run 'make bench'" >&2
	exit 2
fi

status=0
"$bp" --header

if [ -d "$shared/corpus" ]; then
	# README.md and SOURCES describe the corpus; everything else is input.
	set --
	list=$(find "$shared/corpus" -type f ! -name README.md ! -name SOURCES | LC_ALL=C sort)
	old_ifs=$IFS
	IFS='
'
	for f in $list; do
		set -- "$@" "$f"
	done
	IFS=$old_ifs
	if [ "$#" -gt 0 ]; then
		"$bp" --label "corpus ($# files)" -- "$@" || status=1
	else
		echo "corpus: skipped (no files in $shared/corpus)"
	fi
else
	echo "corpus: skipped ($shared/corpus not found)"
fi

for m in 1 4 16; do
	"$bp" --label "generated ${m}x" --generate "$((base * m))" || status=1
done
exit "$status"
