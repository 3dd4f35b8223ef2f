#!/bin/sh
# SPDX-License-Identifier: MIT
# Output that cannot be written is an error (a full disk: /dev/full), and
# `gen -o` writes files as a careful tool does: the umask for new files, no
# setuid/setgid kept, no temp file left, which lint never mistakes for a
# Dockerfile.  Speaks TAP.
set -u

dw_test_name=writeerr; . "$(dirname "$0")/lib.sh"
build=$builddir/dockwright-build
app=$srcdir/testdata/driver/managed-plain
df=$srcdir/testdata/driver/custom/Dockerfile


# ---- stdout on a full disk ---------------------------------------------------------
if [ -w /dev/full ]; then
	full() { # DESC COMMAND...: must exit non-zero with a message
		desc=$1
		shift
		"$@" >/dev/full 2>"$tmp/err"
		s=$?
		if [ "$s" -ne 0 ] && grep -q "cannot write" "$tmp/err"; then
			ok "/dev/full: $desc exits $s with a message"
		else
			not_ok "/dev/full: $desc exits $s"
		fi
	}
	full "gen" "$dw" gen "$app"
	full "gen --plan" "$dw" gen --plan "$app"
	full "gen --print-config" "$dw" gen --print-config "$app"
	full "dump" "$dw" dump "$df"
	full "rules" "$dw" rules
	full "lint --format json" "$dw" lint --format json "$df"
	full "help" "$dw" help
	full "dockwright-build's last line" env SOURCE_DATE_EPOCH=1 DOCKWRIGHT_GIT_DISABLED=1 \
		"$build" -n -b buildah "$srcdir/testdata/driver/prebuilt"
else
	n=$((n + 1))
	echo "ok $n # SKIP /dev/full is not writable here"
fi

# ---- gen -o: modes and leftovers ----------------------------------------------------
out=$tmp/o
mkdir -p "$out"
# new_mode UMASK WANT: gen -o makes a new file with mode WANT.
new_mode() {
	rm -f "$out/Dockerfile"
	(umask "$1" && "$dw" gen -o "$out/Dockerfile" "$app" 2>"$tmp/err")
	mode=$(stat -c %a "$out/Dockerfile" 2>/dev/null)
	if [ "$mode" = "$2" ]; then
		ok "gen -o: a new file follows the umask ($1: $2)"
	else
		not_ok "gen -o: umask $1 gave mode $mode, want $2"
	fi
}
new_mode 077 600
new_mode 022 644
echo old >"$out/Dockerfile"
chmod 6755 "$out/Dockerfile"
"$dw" gen -o "$out/Dockerfile" "$app" 2>"$tmp/err"
mode=$(stat -c %a "$out/Dockerfile" 2>/dev/null)
if [ "$mode" = 755 ]; then
	ok "gen -o: setuid and setgid are dropped, the rest kept (6755: 755)"
else
	not_ok "gen -o: 6755 became $mode, want 755"
fi
if [ -z "$(find "$out" -name '*.tmp.*')" ]; then
	ok "gen -o: no temp file is left"
else
	not_ok "gen -o: left $(find "$out" -name '*.tmp.*')"
fi

# ---- lint skips leftovers -------------------------------------------------------------
mkdir -p "$tmp/repo"
printf 'FROM alpine:3.20\nRUN true\n' >"$tmp/repo/Dockerfile"
printf 'FROM alpine:latest\nRUNN broken\n' >"$tmp/repo/Dockerfile.tmp.Ab12Cd"
"$dw" lint --format gnu "$tmp/repo" >"$tmp/out" 2>"$tmp/err"
if ! grep -q 'tmp\.Ab12Cd' "$tmp/out" "$tmp/err"; then
	ok "lint DIR skips a *.tmp.* leftover of an atomic write"
else
	not_ok "lint DIR read Dockerfile.tmp.Ab12Cd"
fi

echo "1..$n"
