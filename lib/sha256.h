/* SPDX-License-Identifier: MIT */
/*
 * sha256.h - SHA-256 (FIPS 180-4), for the content hash of every file gen
 * writes: --plan lists it so that another build system can verify the
 * file it copies is the one gen meant.
 */
#ifndef DW_SHA256_H
#define DW_SHA256_H

#include <stddef.h>

/* The digest of data as 64 lowercase hex digits and a NUL. */
void dw_sha256_hex(const void *data, size_t len, char out[65]);

#endif
