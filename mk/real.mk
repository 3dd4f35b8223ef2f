# SPDX-License-Identifier: MIT
## mk/real.mk - included by Makefile.am; owned by the real-build work (issue 13).

# ---- real builds: real apt, real gems, the real runtime client --------------
# Not part of `make check`: it needs root, installs its tools with apt-get
# when they are missing, builds a Debian Ruby image with mmdebstrap (cached
# in DW_REAL_CACHE, default /var/cache/dockwright-real) and reads the runtime
# interface client's and pg's sources from ../shared (DOCKWRIGHT_SHARED).
# It skips with one `1..0 # SKIP` line where it cannot run.  TAP on stdout.
check-real: dockwright dockwright-build tests/lambda-emu$(EXEEXT)
	$(SHELL) $(top_srcdir)/tests/real/run.sh '$(abs_top_builddir)' '$(abs_top_srcdir)'
.PHONY: check-real
EXTRA_DIST += tests/real testdata/realbuild
