// SPDX-License-Identifier: BSD-3-Clause
/* Random bytes for nonces, and wiping of secrets. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <spdm/crypto.h>

int spdm_random_bytes(void *buf, size_t length)
{
	uint8_t *out = buf;

	if (!buf && length)
		return -EINVAL;
	/* RAND_bytes takes an int length, so a huge request goes in parts. */
	while (length > 0) {
		int part = length > INT_MAX ? INT_MAX : (int)length;

		if (RAND_bytes(out, part) != 1) {
			ERR_clear_error();
			return -EIO;
		}
		out += part;
		length -= (size_t)part;
	}
	return 0;
}

void spdm_wipe(void *buf, size_t length)
{
	if (buf && length)
		OPENSSL_cleanse(buf, length);
}
