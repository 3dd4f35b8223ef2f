#!/bin/sh
# SPDX-License-Identifier: MIT
# docs/rules.md is generated from the rule table: fail when the committed
# copy differs from `dockwright rules --format markdown` (fix: make rules-doc).
set -u
srcdir=${DW_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${DW_BUILDDIR:-$(pwd)}
echo "1..1"
if "$builddir/dockwright" rules --format markdown | diff -u "$srcdir/docs/rules.md" - >"${TMPDIR:-/tmp}/dw-rules-doc.$$" 2>&1; then
	echo "ok 1 - docs/rules.md is up to date"
else
	echo "not ok 1 - docs/rules.md is stale: run 'make rules-doc'"
	head -40 "${TMPDIR:-/tmp}/dw-rules-doc.$$" | sed 's/^/# /'
fi
rm -f "${TMPDIR:-/tmp}/dw-rules-doc.$$"
