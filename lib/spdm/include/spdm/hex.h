/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hex text: how measurement files, saved conversations, pin files and
 * callers' nonces carry bytes.
 */
#ifndef SPDM_HEX_H
#define SPDM_HEX_H

#include <stddef.h>
#include <stdint.h>

/* Returns the value of one hex digit (0-9, a-f or A-F), or -1. */
int spdm_hex_digit(char c);

/*
 * Decodes text, exactly 2 * size hex digits with no separators, into out.
 * Returns 0, or -EINVAL when text has another length or a character that
 * is not a hex digit; out is then unspecified.
 */
int spdm_hex_decode(const char *text, size_t length, uint8_t *out, size_t size);

#endif /* SPDM_HEX_H */
