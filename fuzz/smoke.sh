#!/bin/sh
# SPDX-License-Identifier: MIT
# smoke.sh - the body of `make fuzz-smoke` (see mk/fuzz.mk, fuzz/README.md).
#
#   smoke.sh --probe CC
#       Exit 0 when CC builds and runs a libFuzzer program with ASan and
#       UBSan; else print why fuzz-smoke is skipped and exit 1.
#   smoke.sh --run SRCDIR SECONDS NAME=SEEDS...
#       Run ./fuzz/fuzz_NAME (built in the current directory) for SECONDS
#       seconds each, from a seed corpus of the files under SRCDIR that the
#       shell globs SEEDS match (copied to a temporary directory: the
#       fuzzer adds to its corpus, and the source tree stays untouched).
#       Prints the executions per harness; fails on any crash, leak,
#       timeout or undefined behaviour, naming the input that caused it.
set -u

probe() {
	cc=$1
	hint="Debian: apt-get install clang libclang-rt-14-dev"
	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "fuzz-smoke: SKIP: '$cc' not found ($hint; or make FUZZ_CC=...)"
		return 1
	fi
	t=$(mktemp -d "${TMPDIR:-/tmp}/dw-fuzz-probe.XXXXXX") || return 1
	cat >"$t/p.c" <<'C'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
C
	if ! "$cc" -fsanitize=fuzzer,address,undefined "$t/p.c" -o "$t/p" \
		>"$t/log" 2>&1 || ! "$t/p" -runs=1 >>"$t/log" 2>&1; then
		echo "fuzz-smoke: SKIP: '$cc' cannot build or run a libFuzzer program ($hint):"
		sed 's/^/    /' "$t/log" | tail -n 5
		rm -rf "$t"
		return 1
	fi
	rm -rf "$t"
	return 0
}

run_one() {
	srcdir=$1 secs=$2 name=$3 seeds=$4
	prog=./fuzz/fuzz_$name
	log=fuzz/logs/$name.log
	corpus=$tmp/$name
	mkdir -p "$corpus" fuzz/logs fuzz/artifacts

	# Expand the globs inside SRCDIR; flatten each match's path into a
	# unique corpus file name.
	nseeds=0
	for f in $(cd "$srcdir" && for g in $seeds; do
		for m in $g; do [ -f "$m" ] && echo "$m"; done
	done); do
		cp "$srcdir/$f" "$corpus/$(echo "$f" | tr '/' '_')"
		nseeds=$((nseeds + 1))
	done
	dict=
	[ -f "$srcdir/fuzz/$name.dict" ] && dict=-dict=$srcdir/fuzz/$name.dict
	# libFuzzer's default cap of 4 KB (or the largest seed) never reaches
	# deep nesting: 50,000 `[` in a deploy.rb are 100 KB.  The structural
	# harnesses get 256 KB.
	case $name in
	parse | yaml | config | lockfile | pack) maxlen=-max_len=262144 ;;
	*) maxlen= ;;
	esac

	"$prog" -max_total_time="$secs" -print_final_stats=1 -timeout=25 \
		-rss_limit_mb=2560 -artifact_prefix="fuzz/artifacts/$name-" \
		${dict:+"$dict"} ${maxlen:+"$maxlen"} "$corpus" >"$log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	ncorpus=$(ls "$corpus" | wc -l)
	if [ "$status" -ne 0 ]; then
		echo "fuzz-smoke: $name: FAILED (status $status) after ${execs:-?} executions; log: $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*check failed|artifact_prefix|Test unit written)' "$log" |
			head -n 20 | sed 's/^/    /'
		echo "    reproduce: $prog fuzz/artifacts/$name-*"
		return 1
	fi
	echo "fuzz-smoke: $name: ${execs:-?} executions in ${secs} s ($nseeds seeds, corpus grew to $ncorpus)"
	return 0
}

case ${1:-} in
--probe)
	probe "$2"
	;;
--run)
	srcdir=$2 secs=$3
	shift 3
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/dw-fuzz.XXXXXX") || exit 2
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 1' HUP INT TERM
	fail=0
	for spec in "$@"; do
		run_one "$srcdir" "$secs" "${spec%%=*}" "${spec#*=}" || fail=1
	done
	exit "$fail"
	;;
*)
	echo "usage: smoke.sh --probe CC | --run SRCDIR SECONDS NAME=SEEDS..." >&2
	exit 2
	;;
esac
