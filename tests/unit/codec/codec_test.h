/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers for the codec golden-vector tests: hex rows to bytes, and checks
 * that name the table row in their failure message.
 */
#ifndef CODEC_TEST_H
#define CODEC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define ROW_COUNT(rows) (sizeof(rows) / sizeof((rows)[0]))

/* Large enough for every message of the recorded conversations. */
#define TEST_MESSAGE_MAX 8192

/*
 * Converts whitespace-separated hex bytes to binary. A token "NxHH"
 * stands for N (decimal) copies of byte HH, so "32xaa" is a 32-byte nonce.
 * Fails the test on a malformed token or when cap is too small.
 */
size_t hex_to_bytes(const char *hex, uint8_t *out, size_t cap);

/* Fails unless actual equals expected, naming the row and both bytes. */
void check_bytes(const char *row, const uint8_t *actual, size_t actual_length,
		 const uint8_t *expected, size_t expected_length);

#define check_int(row, actual, expected)                                     \
	do {                                                                 \
		long long actual_value_ = (long long)(actual);               \
		long long expected_value_ = (long long)(expected);           \
		if (actual_value_ != expected_value_)                        \
			fail_msg("%s: %s is %lld (%#llx), expected %lld "    \
				 "(%#llx)",                                  \
				 row, #actual, actual_value_, actual_value_, \
				 expected_value_, expected_value_);          \
	} while (0)

#define check_ptr(row, actual, expected)                                     \
	do {                                                                 \
		if ((const void *)(actual) != (const void *)(expected))      \
			fail_msg("%s: %s points to %p, expected %p", row,    \
				 #actual, (const void *)(actual),            \
				 (const void *)(expected));                  \
	} while (0)

#endif /* CODEC_TEST_H */
