// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_test.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parses two hex digits at p into *byte; returns false if they are not. */
static bool parse_byte(const char *p, uint8_t *byte)
{
	int high = hex_digit(p[0]);
	int low = high < 0 ? -1 : hex_digit(p[1]);

	if (low < 0)
		return false;
	*byte = (uint8_t)(high << 4 | low);
	return true;
}

/* Parses one token ("HH" or "NxHH") of length token_length. */
static void parse_token(const char *token, size_t token_length,
			unsigned long *repeat, uint8_t *byte)
{
	const char *hex = token;
	char *end;

	*repeat = 1;
	if (token_length > 2) {
		*repeat = strtoul(token, &end, 10);
		if (*end != 'x' || end == token)
			fail_msg("malformed repeat token \"%.*s\"",
				 (int)token_length, token);
		hex = end + 1;
	}
	if (hex + 2 != token + token_length || !parse_byte(hex, byte))
		fail_msg("malformed hex token \"%.*s\"", (int)token_length,
			 token);
}

size_t hex_to_bytes(const char *hex, uint8_t *out, size_t cap)
{
	size_t length = 0;
	const char *p = hex;

	while (*p) {
		size_t token_length;
		unsigned long repeat;
		uint8_t byte = 0;

		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		token_length = strcspn(p, " \t\n");
		parse_token(p, token_length, &repeat, &byte);
		p += token_length;
		if (repeat > cap - length)
			fail_msg("hex row longer than %zu bytes", cap);
		memset(out + length, byte, repeat);
		length += repeat;
	}
	return length;
}

static void print_hex(const char *label, const uint8_t *bytes, size_t length)
{
	print_error("%s (%zu bytes):", label, length);
	for (size_t i = 0; i < length; i++)
		print_error("%s%02x", i % 32 ? " " : "\n  ", bytes[i]);
	print_error("\n");
}

void check_bytes(const char *row, const uint8_t *actual, size_t actual_length,
		 const uint8_t *expected, size_t expected_length)
{
	if (actual_length == expected_length &&
	    memcmp(actual, expected, actual_length) == 0)
		return;
	print_hex("actual", actual, actual_length);
	print_hex("expected", expected, expected_length);
	fail_msg("%s: bytes differ", row);
}
