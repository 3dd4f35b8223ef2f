#!/bin/sh
# SPDX-License-Identifier: MIT
# Generate ./configure from configure.ac and Makefile.in from Makefile.am.
set -e
cd "$(dirname "$0")"
autoreconf --install --force
