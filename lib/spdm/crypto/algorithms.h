/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/spdm/crypto: what each BaseHashAlgo, MeasurementHashAlgo
 * and BaseAsymAlgo bit means to OpenSSL.
 */
#ifndef SPDM_CRYPTO_ALGORITHMS_H
#define SPDM_CRYPTO_ALGORITHMS_H

#include <stddef.h>
#include <stdint.h>

enum spdm_asym_family {
	SPDM_ASYM_FAMILY_RSASSA,
	SPDM_ASYM_FAMILY_RSAPSS,
	SPDM_ASYM_FAMILY_ECDSA,
	SPDM_ASYM_FAMILY_EDDSA,
};

struct spdm_asym_info {
	uint32_t algo;
	enum spdm_asym_family family;
	/* OpenSSL key type name: "RSA", "EC", "ED25519" or "ED448". */
	const char *key_type;
	/* RSA modulus size or EC field size in bits; 0 for EdDSA. */
	unsigned int key_bits;
	/* OpenSSL group name of an EC key, NULL otherwise. */
	const char *group;
	/* Signature size on the wire (DSP0274 1.2 table 15). */
	size_t signature_size;
	/* SPDM 1.2 added EdDSA, so it signs only with the 1.2 prefix. */
	uint8_t min_version;
};

/* Returns the OpenSSL digest name of one BaseHashAlgo bit, or NULL. */
const char *spdm_hash_algo_md_name(uint32_t base_hash_algo);
/* Returns the OpenSSL digest name of one MeasurementHashAlgo bit, or NULL. */
const char *spdm_measurement_hash_algo_md_name(uint32_t measurement_hash_algo);
/* Returns the digest size of one BaseHashAlgo bit, or 0 if unknown. */
size_t spdm_hash_algo_size(uint32_t base_hash_algo);
/* Returns the description of one BaseAsymAlgo bit, or NULL if unsupported. */
const struct spdm_asym_info *spdm_asym_algo_info(uint32_t base_asym_algo);
/* Returns every row of the BaseAsymAlgo table; *count receives its size. */
const struct spdm_asym_info *spdm_asym_algo_table(size_t *count);

#endif /* SPDM_CRYPTO_ALGORITHMS_H */
