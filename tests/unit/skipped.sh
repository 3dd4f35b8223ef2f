#!/bin/sh
# SPDX-License-Identifier: MIT
# Stands in for the cmocka unit tests when configure did not find cmocka, so
# the summary says why they did not run instead of silently dropping them.
echo "1..0 # SKIP cmocka not installed (Debian package: libcmocka-dev)"
