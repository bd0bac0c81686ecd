// SPDX-License-Identifier: BSD-3-Clause
/*
 * Digest and signature sizes and DSP0274 names of the BaseHashAlgo,
 * BaseAsymAlgo and MeasurementHashAlgo bits (DSP0274 1.2 NEGOTIATE_ALGORITHMS
 * and ALGORITHMS tables). A value with no bit or several bits set names no
 * algorithm, so its size is 0 and its name "unknown".
 */
#include <stddef.h>

#include <spdm/messages.h>

struct algo_info {
	uint32_t bit;
	size_t size;
	const char *name;
};

static const struct algo_info hash_algos[] = {
	{ SPDM_HASH_SHA_256, 32, "TPM_ALG_SHA_256" },
	{ SPDM_HASH_SHA_384, 48, "TPM_ALG_SHA_384" },
	{ SPDM_HASH_SHA_512, 64, "TPM_ALG_SHA_512" },
	{ SPDM_HASH_SHA3_256, 32, "TPM_ALG_SHA3_256" },
	{ SPDM_HASH_SHA3_384, 48, "TPM_ALG_SHA3_384" },
	{ SPDM_HASH_SHA3_512, 64, "TPM_ALG_SHA3_512" },
	{ SPDM_HASH_SM3_256, 32, "TPM_ALG_SM3_256" },
};

/* Raw bit streams have no digest, so their size is 0. */
static const struct algo_info measurement_hash_algos[] = {
	{ SPDM_MEAS_HASH_RAW_BIT_STREAM, 0, "RawBitStream" },
	{ SPDM_MEAS_HASH_SHA_256, 32, "TPM_ALG_SHA_256" },
	{ SPDM_MEAS_HASH_SHA_384, 48, "TPM_ALG_SHA_384" },
	{ SPDM_MEAS_HASH_SHA_512, 64, "TPM_ALG_SHA_512" },
	{ SPDM_MEAS_HASH_SHA3_256, 32, "TPM_ALG_SHA3_256" },
	{ SPDM_MEAS_HASH_SHA3_384, 48, "TPM_ALG_SHA3_384" },
	{ SPDM_MEAS_HASH_SHA3_512, 64, "TPM_ALG_SHA3_512" },
	{ SPDM_MEAS_HASH_SM3_256, 32, "TPM_ALG_SM3_256" },
};

/*
 * Signature sizes: RSA the modulus, ECDSA and SM2 r || s at the field size,
 * EdDSA the RFC 8032 encoding.
 */
static const struct algo_info asym_algos[] = {
	{ SPDM_ASYM_RSASSA_2048, 256, "TPM_ALG_RSASSA_2048" },
	{ SPDM_ASYM_RSAPSS_2048, 256, "TPM_ALG_RSAPSS_2048" },
	{ SPDM_ASYM_RSASSA_3072, 384, "TPM_ALG_RSASSA_3072" },
	{ SPDM_ASYM_RSAPSS_3072, 384, "TPM_ALG_RSAPSS_3072" },
	{ SPDM_ASYM_ECDSA_P256, 64, "TPM_ALG_ECDSA_ECC_NIST_P256" },
	{ SPDM_ASYM_RSASSA_4096, 512, "TPM_ALG_RSASSA_4096" },
	{ SPDM_ASYM_RSAPSS_4096, 512, "TPM_ALG_RSAPSS_4096" },
	{ SPDM_ASYM_ECDSA_P384, 96, "TPM_ALG_ECDSA_ECC_NIST_P384" },
	{ SPDM_ASYM_ECDSA_P521, 132, "TPM_ALG_ECDSA_ECC_NIST_P521" },
	{ SPDM_ASYM_SM2_P256, 64, "TPM_ALG_SM2_ECC_SM2_P256" },
	{ SPDM_ASYM_EDDSA_ED25519, 64, "EdDSA ed25519" },
	{ SPDM_ASYM_EDDSA_ED448, 114, "EdDSA ed448" },
};

#define UNKNOWN_NAME "unknown"

static const struct algo_info *find_algo(const struct algo_info *table,
					 size_t count, uint32_t bit)
{
	for (size_t i = 0; i < count; i++)
		if (table[i].bit == bit)
			return &table[i];
	return NULL;
}

#define FIND_ALGO(table, bit) \
	find_algo(table, sizeof(table) / sizeof((table)[0]), bit)

size_t spdm_hash_size(uint32_t base_hash_algo)
{
	const struct algo_info *info = FIND_ALGO(hash_algos, base_hash_algo);

	return info ? info->size : 0;
}

size_t spdm_measurement_hash_size(uint32_t measurement_hash_algo)
{
	const struct algo_info *info =
		FIND_ALGO(measurement_hash_algos, measurement_hash_algo);

	return info ? info->size : 0;
}

size_t spdm_signature_size(uint32_t base_asym_algo)
{
	const struct algo_info *info = FIND_ALGO(asym_algos, base_asym_algo);

	return info ? info->size : 0;
}

const char *spdm_asym_algo_name(uint32_t base_asym_algo)
{
	const struct algo_info *info = FIND_ALGO(asym_algos, base_asym_algo);

	return info ? info->name : UNKNOWN_NAME;
}

const char *spdm_hash_algo_name(uint32_t base_hash_algo)
{
	const struct algo_info *info = FIND_ALGO(hash_algos, base_hash_algo);

	return info ? info->name : UNKNOWN_NAME;
}

const char *spdm_measurement_hash_algo_name(uint32_t measurement_hash_algo)
{
	const struct algo_info *info =
		FIND_ALGO(measurement_hash_algos, measurement_hash_algo);

	return info ? info->name : UNKNOWN_NAME;
}
