#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/release.sh - the release shape: every man page's .TH line carries
# the configured version (the one `dockwright --version` prints), in the
# build tree and in the tree `make dist` packs, and that tree is named by
# the version and holds what a build from it needs.  Speaks TAP.
dw_test_name=release
. "$(dirname "$0")/lib.sh"

version=$("$dw" --version | sed -n 's/^dockwright //p')
[ -n "$version" ] || { echo "Bail out! dockwright --version printed no version"; exit 1; }

# th_version FILE: the version in FILE's .TH line ("dockwright X.Y.Z").
th_version() {
	sed -n 's/^\.TH [^"]*"[^"]*" "dockwright \([^"]*\)".*/\1/p' "$1" | head -n 1
}

pages="man/dockwright.1 man/dockwright-gen.1 man/dockwright-lint.1 man/dockwright-build.1 man/dockwright.yml.5"
for p in $pages; do
	v=$(th_version "$builddir/$p")
	if [ "$v" = "$version" ]; then ok "$p: .TH says dockwright $version"
	else not_ok "$p: .TH says '$v', not '$version'"; fi
done

# No page source may hard-code a version: each is written by config.status.
bad=$(grep -l '^\.TH .*"dockwright [0-9]' "$srcdir"/man/*.in 2>/dev/null)
if [ -z "$bad" ] && [ -n "$(ls "$srcdir"/man/*.in 2>/dev/null)" ]; then
	ok "man/*.in take the version from configure"
else
	not_ok "a man page source hard-codes its version: $bad"
fi

# The installed pages (make install into a staging directory).
if ${MAKE:-make} -s -C "$builddir" install DESTDIR="$tmp/stage" >"$tmp/err" 2>&1; then
	missing=
	for p in $pages; do
		f=$(find "$tmp/stage" -path "*/man/man?/${p#man/}" | head -n 1)
		[ -n "$f" ] && [ "$(th_version "$f")" = "$version" ] || missing="$missing $p"
	done
	if [ -z "$missing" ]; then ok "make install installs the man pages with version $version"
	else not_ok "installed man pages without version $version:$missing"; fi
else
	not_ok "make install DESTDIR=... works"
fi

# The tarball `make dist` writes: named by the version, man pages with
# it, and every file configure, the build and the tests read (a file name
# too long for the tar format used to be dropped without an error).
# It is written in the build directory, as by `make dist`, and moved here.
dist=$builddir/dockwright-$version
if ${MAKE:-make} -s -C "$builddir" dist-gzip >"$tmp/err" 2>&1 &&
	mv "$dist.tar.gz" "$tmp/" && mkdir "$tmp/x" &&
	tar -C "$tmp/x" -xzf "$tmp/dockwright-$version.tar.gz"; then
	ok "make dist writes dockwright-$version.tar.gz"
	x=$tmp/x/dockwright-$version
	missing=
	for p in $pages; do
		[ "$(th_version "$x/$p")" = "$version" ] || missing="$missing $p"
	done
	for f in configure Makefile.in LICENSE README.md man/dockwright.1.in \
		completions/_dockwright; do
		[ -e "$x/$f" ] || missing="$missing $f"
	done
	(cd "$srcdir" && find examples testdata -type f) | sort >"$tmp/want"
	(cd "$x" && find examples testdata -type f) | sort >"$tmp/have"
	missing="$missing $(comm -23 "$tmp/want" "$tmp/have" | head -n 5 | tr '\n' ' ')"
	if [ -z "$(echo $missing)" ]; then ok "the tarball has the versioned man pages, examples and testdata"
	else echo "$missing" >"$tmp/err"; not_ok "the tarball lacks or has an unversioned:$missing"; fi
else
	not_ok "make dist writes dockwright-$version.tar.gz"
	n=$((n + 1)); echo "not ok $n - the tarball's contents (not made)"
fi
echo "1..$n"
