#!/bin/sh
# SPDX-License-Identifier: MIT
# ShellCheck over RUN scripts with the real program: findings at the
# physical line and byte column (continuations, tabs, UTF-8, heredocs,
# ONBUILD), SC codes as rule ids, one shellcheck process per Dockerfile,
# and the switches that turn it off.  Skipped without shellcheck.
dw_test_name=shellcheck
. "$(dirname "$0")/lib.sh"

real=$(command -v shellcheck 2>/dev/null)
echo "1..7"
if [ -z "$real" ]; then
	for i in 1 2 3 4 5 6; do echo "ok $i # SKIP shellcheck is not installed"; done
	n=6
else
	# A shellcheck that counts its runs.
	mkdir -p "$tmp/bin"
	cat >"$tmp/bin/shellcheck" <<EOF
#!/bin/sh
echo run >>"$tmp/runs"
exec "$real" "\$@"
EOF
	chmod +x "$tmp/bin/shellcheck"
	DW_SHELLCHECK=$tmp/bin/shellcheck
	printf 'FROM debian:12\nARG lower=1\nRUN echo $undefined_a && \\\n    cd /tmp && \\\n\techo "\303\251" $HOME\nRUN <<EOF\necho $foo_b\nEOF\nRUN cat <<EOF > /x && echo $bar_c\nhello $baz_d\nEOF\nONBUILD RUN echo $e_f\nRUN ["sh", "-c", "echo $x"]\nSHELL ["pwsh", "-c"]\nRUN echo $pwsh_g\n' >"$tmp/Dockerfile"
	cat >"$tmp/want" <<'EOF'
3:10 SC2086
3:10 SC2154
5:12 SC2086
7:6 SC2086
7:6 SC2154
9:28 SC2086
9:28 SC2154
10:7 SC2154
12:18 SC2086
12:18 SC2154
EOF
	cd "$tmp" || exit 1
	"$dw" lint --target generic --format gnu Dockerfile >"$tmp/out" 2>"$tmp/err"
	sed -n 's/^Dockerfile:\([0-9]*:[0-9]*\): [a-z]*: .* \[\(SC[0-9]*\)\]$/\1 \2/p' "$tmp/out" >"$tmp/got"
	if diff -u "$tmp/want" "$tmp/got" >"$tmp/err" 2>&1; then
		ok "findings at their physical line:col with SC ids"
	else
		not_ok "findings at their physical line:col with SC ids"
	fi
	if [ "$(wc -l <"$tmp/runs")" -eq 1 ]; then
		ok "one shellcheck process for all the file's scripts"
	else
		not_ok "one shellcheck process for all the file's scripts"
	fi
	cp Dockerfile Dockerfile.two
	rm -f "$tmp/runs"
	"$dw" lint --format gnu Dockerfile Dockerfile.two >/dev/null 2>&1
	if [ "$(wc -l <"$tmp/runs")" -eq 2 ]; then
		ok "one shellcheck process per Dockerfile"
	else
		not_ok "one shellcheck process per Dockerfile"
	fi
	if grep -q 'warning: undefined_a is referenced but not assigned. \[SC2154\]' "$tmp/out"; then
		ok "ShellCheck's level becomes the severity"
	else
		not_ok "ShellCheck's level becomes the severity"
	fi
	"$dw" lint --target generic --format gnu --ignore SC2086 --severity SC2154=error Dockerfile >"$tmp/out" 2>&1
	if ! grep -q SC2086 "$tmp/out" && grep -q 'error: foo_b .*\[SC2154\]' "$tmp/out"; then
		ok "--ignore and --severity take SC codes"
	else
		not_ok "--ignore and --severity take SC codes"
	fi
	printf 'FROM debian:12\n# hadolint ignore=SC2154,SC2086\nRUN echo $a_b\n# dockwright ignore=shellcheck\nRUN echo $c_d\n' >Dockerfile.pragma
	rm -f "$tmp/runs"
	if "$dw" lint --target generic --format gnu Dockerfile.pragma >"$tmp/out" 2>&1 &&
		! grep -q SC "$tmp/out" && [ -f "$tmp/runs" ] &&
		{ "$dw" lint --target generic --format gnu --no-shellcheck Dockerfile >"$tmp/out" 2>&1; true; } &&
		! grep -q SC "$tmp/out"; then
		ok "pragmas and --no-shellcheck silence it"
	else
		not_ok "pragmas and --no-shellcheck silence it"
	fi
fi
DW_SHELLCHECK=$tmp/nowhere/shellcheck
"$dw" lint --shellcheck "$srcdir/testdata/lint/rules/shellcheck/pass.Dockerfile" >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q 'no program' "$tmp/err"; then
	ok "--shellcheck=always without the program is a usage error"
else
	not_ok "--shellcheck=always without the program is a usage error"
fi
