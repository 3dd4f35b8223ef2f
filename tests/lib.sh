# SPDX-License-Identifier: MIT
# tests/lib.sh - sourced by the shell tests: where the tree and the program
# are, a private temporary directory removed on exit, and no configuration
# of the developer's own.  Set dw_test_name before sourcing it:
#   dw_test_name=golden; . "$(dirname "$0")/lib.sh"
srcdir=${DW_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${DW_BUILDDIR:-$(pwd)}
dw=$builddir/dockwright

if [ ! -x "$dw" ]; then
	echo "Bail out! $dw not found: build it first (make)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dw-$dw_test_name.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
XDG_CONFIG_HOME=$tmp/xdg HOME=$tmp/home
export XDG_CONFIG_HOME HOME
mkdir -p "$HOME"
# Reports must not depend on whether ShellCheck is installed: lint runs it
# only where a test asks (tests/shellcheck.sh sets DW_SHELLCHECK itself).
DW_SHELLCHECK=$tmp/no-shellcheck
export DW_SHELLCHECK
# TAP helpers a test may use (or define its own): ok DESC, not_ok DESC
# (which shows the first lines of $tmp/err); $n counts the cases.
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	[ -f "$tmp/err" ] && sed 's/^/# err: /' "$tmp/err" | head -n 5
}
