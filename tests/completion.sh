#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/completion.sh - the bash completions offer what the programs
# accept: every option of every command's --help, rule ids for the options
# that take one, and only values --help documents.  The zsh files are
# syntax-checked (when zsh is installed) and their option lists compared
# with --help.  Speaks TAP.
dw_test_name=completion
. "$(dirname "$0")/lib.sh"
build=$builddir/dockwright-build

n=0 failed=0
ok() { # DESCRIPTION COMMAND...
	local d=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok $n - $d"
	else
		echo "not ok $n - $d"
		failed=$((failed + 1))
		sed 's/^/# /' "$tmp/out" | tail -n 15
	fi
}

# shellcheck disable=SC1091
. "$srcdir/completions/dockwright"
# shellcheck disable=SC1091
. "$srcdir/completions/dockwright-build"

# complete FUNCTION WORD...: COMPREPLY for the command line WORD..., the
# last word being the one completed, one per line in $tmp/reply.
complete_line() {
	local fn=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn"
	printf '%s\n' "${COMPREPLY[@]}" >"$tmp/reply"
}
offers() { # WORD...: every word is in the reply
	local w
	for w in "$@"; do
		grep -qxF -- "$w" "$tmp/reply" || { echo "not offered: $w"; cat "$tmp/reply"; return 1; }
	done
}
# The options of a --help: the words of its option lines, not its prose.
options_of() { "$@" --help | grep -E '^[[:space:]]+-' | grep -oE -- '--[a-z][a-z-]*' | sort -u; }

# Commands: the ones `dockwright --help` lists.
complete_line _dockwright "$dw" ""
cmds=$("$dw" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$cmds" ] || cmds="dump gen lint rules version help"
# shellcheck disable=SC2086
ok "every command is offered" offers $cmds

for cmd in dump gen lint rules; do
	complete_line _dockwright "$dw" "$cmd" "--"
	# shellcheck disable=SC2046
	ok "every option of '$cmd --help' is offered" offers $(options_of "$dw" "$cmd")
done
complete_line _dockwright_build "$build" "--"
# shellcheck disable=SC2046
ok "every option of 'dockwright-build --help' is offered" offers $(options_of "$build")

# Rule ids and aliases where an option or `explain` takes one.
complete_line _dockwright "$dw" rules explain lambda-
ok "rules explain completes rule ids" offers lambda-root-user lambda-cmd-shell-form
complete_line _dockwright "$dw" lint --ignore DL30
ok "--ignore completes hadolint aliases" offers DL3008
complete_line _dockwright "$dw" lint --ignore ""
ok "--ignore offers every rule id" test "$(wc -l <"$tmp/reply")" -ge "$("$dw" rules | tail -n +2 | wc -l)"

# Values: each one offered must be one --help documents.
values_documented() { # HELP_TEXT_FILE: every reply word appears in it
	local w
	while read -r w; do
		[ -z "$w" ] || grep -qF -- "$w" "$1" || { echo "undocumented value: $w"; return 1; }
	done <"$tmp/reply"
	[ -s "$tmp/reply" ] || { echo "nothing offered"; return 1; }
}
"$dw" lint --help >"$tmp/lint.help"
"$dw" rules --help >"$tmp/rules.help"
"$build" --help >"$tmp/build.help"
complete_line _dockwright "$dw" lint --format ""
ok "lint --format values are documented" values_documented "$tmp/lint.help"
complete_line _dockwright "$dw" lint --target ""
ok "lint --target values are documented" values_documented "$tmp/lint.help"
complete_line _dockwright "$dw" lint --failure-threshold ""
ok "lint --failure-threshold values are documented" values_documented "$tmp/lint.help"
complete_line _dockwright "$dw" rules --format ""
ok "rules --format values are documented" values_documented "$tmp/rules.help"
complete_line _dockwright_build "$build" --builder ""
ok "dockwright-build --builder values are documented" values_documented "$tmp/build.help"
complete_line _dockwright_build "$build" --platform ""
ok "dockwright-build --platform values are documented" values_documented "$tmp/build.help"

# zsh: the files parse, say nothing stale, and list the options --help has.
zsh_lists() { # FILE PROG [CMD]: every long option of --help is in FILE
	local f=$1 o
	shift
	for o in $(options_of "$@"); do
		[ "$o" = --help ] && continue
		grep -qF -- "$o" "$f" || { echo "$f lacks $o"; return 1; }
	done
}
ok "_dockwright says nothing is unimplemented" sh -c "! grep -q 'not implemented' '$srcdir/completions/_dockwright'"
for cmd in dump gen lint rules; do
	ok "_dockwright lists the options of '$cmd --help'" zsh_lists "$srcdir/completions/_dockwright" "$dw" "$cmd"
done
ok "_dockwright-build lists the options of 'dockwright-build --help'" \
	zsh_lists "$srcdir/completions/_dockwright-build" "$build"
if command -v zsh >/dev/null 2>&1; then
	ok "_dockwright parses with zsh -n" zsh -n "$srcdir/completions/_dockwright"
	ok "_dockwright-build parses with zsh -n" zsh -n "$srcdir/completions/_dockwright-build"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
