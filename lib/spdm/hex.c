// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>

#include <spdm/hex.h>

int spdm_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int spdm_hex_decode(const char *text, size_t length, uint8_t *out, size_t size)
{
	if (length != 2 * size)
		return -EINVAL;
	for (size_t i = 0; i < size; i++) {
		int high = spdm_hex_digit(text[2 * i]);
		int low = spdm_hex_digit(text[2 * i + 1]);

		if (high < 0 || low < 0)
			return -EINVAL;
		out[i] = (uint8_t)(high << 4 | low);
	}
	return 0;
}
