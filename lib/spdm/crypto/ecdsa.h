/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/spdm/crypto: ECDSA signatures between the SPDM wire form
 * (r || s, each big-endian and left-padded with zeroes to the field size)
 * and the DER ECDSA-Sig-Value that OpenSSL signs and verifies.
 */
#ifndef SPDM_CRYPTO_ECDSA_H
#define SPDM_CRYPTO_ECDSA_H

#include <stddef.h>
#include <stdint.h>

/* Largest DER ECDSA-Sig-Value for P-521: two 67-byte INTEGERs. */
#define SPDM_ECDSA_DER_MAX_SIZE 160

/*
 * Converts raw r || s (raw_size bytes, even) to DER in der (capacity
 * SPDM_ECDSA_DER_MAX_SIZE). Returns 0, -EBADMSG for an odd size or -EIO.
 */
int spdm_ecdsa_raw_to_der(const uint8_t *raw, size_t raw_size, uint8_t *der,
			  size_t *der_size);
/*
 * Converts DER to raw r || s of exactly raw_size bytes. Returns 0,
 * -EBADMSG when the DER does not parse or r or s does not fit, or -EIO.
 */
int spdm_ecdsa_der_to_raw(const uint8_t *der, size_t der_size, uint8_t *raw,
			  size_t raw_size);

#endif /* SPDM_CRYPTO_ECDSA_H */
