// SPDX-License-Identifier: BSD-3-Clause
/*
 * ECDSA signature encodings. SPDM carries r || s as fixed-width
 * big-endian integers (DSP0274 1.2 section 15, "ECDSA signatures");
 * OpenSSL works with the DER ECDSA-Sig-Value of RFC 3279.
 */
#include <errno.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>

#include "ecdsa.h"

int spdm_ecdsa_raw_to_der(const uint8_t *raw, size_t raw_size, uint8_t *der,
			  size_t *der_size)
{
	size_t half = raw_size / 2;
	ECDSA_SIG *sig;
	BIGNUM *r, *s;
	uint8_t *cursor = der;
	int length;

	if (raw_size == 0 || raw_size % 2 != 0)
		return -EBADMSG;

	sig = ECDSA_SIG_new();
	r = BN_bin2bn(raw, (int)half, NULL);
	s = BN_bin2bn(raw + half, (int)half, NULL);
	if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(sig);
		ERR_clear_error();
		return -EIO;
	}

	length = i2d_ECDSA_SIG(sig, NULL);
	if (length <= 0 || length > SPDM_ECDSA_DER_MAX_SIZE) {
		ECDSA_SIG_free(sig);
		ERR_clear_error();
		return -EIO;
	}
	i2d_ECDSA_SIG(sig, &cursor);
	ECDSA_SIG_free(sig);
	*der_size = (size_t)length;
	return 0;
}

int spdm_ecdsa_der_to_raw(const uint8_t *der, size_t der_size, uint8_t *raw,
			  size_t raw_size)
{
	const uint8_t *cursor = der;
	const BIGNUM *r, *s;
	ECDSA_SIG *sig;
	int half = (int)(raw_size / 2);
	int ret = 0;

	sig = d2i_ECDSA_SIG(NULL, &cursor, (long)der_size);
	if (!sig || cursor != der + der_size) {
		ECDSA_SIG_free(sig);
		ERR_clear_error();
		return -EBADMSG;
	}

	ECDSA_SIG_get0(sig, &r, &s);
	if (BN_bn2binpad(r, raw, half) != half ||
	    BN_bn2binpad(s, raw + half, half) != half)
		ret = -EBADMSG;
	ECDSA_SIG_free(sig);
	ERR_clear_error();
	return ret;
}
