// SPDX-License-Identifier: BSD-3-Clause
/*
 * Algorithm bits of NEGOTIATE_ALGORITHMS (DSP0274 1.2 tables 15 and 18)
 * mapped to OpenSSL digest names, key types and signature sizes.
 */
#include "algorithms.h"

#include <spdm/wire.h>

struct hash_name {
	uint32_t algo;
	const char *md_name;
	size_t size;
};

/* BaseHashAlgo, DSP0274 1.2 table 15. */
static const struct hash_name base_hashes[] = {
	{ SPDM_HASH_SHA_256, "SHA2-256", 32 },
	{ SPDM_HASH_SHA_384, "SHA2-384", 48 },
	{ SPDM_HASH_SHA_512, "SHA2-512", 64 },
	{ SPDM_HASH_SHA3_256, "SHA3-256", 32 },
	{ SPDM_HASH_SHA3_384, "SHA3-384", 48 },
	{ SPDM_HASH_SHA3_512, "SHA3-512", 64 },
	{ SPDM_HASH_SM3_256, "SM3", 32 },
};

/* MeasurementHashAlgo, DSP0274 1.2 table 18 (raw bit stream has no hash). */
static const struct hash_name measurement_hashes[] = {
	{ SPDM_MEAS_HASH_SHA_256, "SHA2-256", 32 },
	{ SPDM_MEAS_HASH_SHA_384, "SHA2-384", 48 },
	{ SPDM_MEAS_HASH_SHA_512, "SHA2-512", 64 },
	{ SPDM_MEAS_HASH_SHA3_256, "SHA3-256", 32 },
	{ SPDM_MEAS_HASH_SHA3_384, "SHA3-384", 48 },
	{ SPDM_MEAS_HASH_SHA3_512, "SHA3-512", 64 },
	{ SPDM_MEAS_HASH_SM3_256, "SM3", 32 },
};

/*
 * BaseAsymAlgo, DSP0274 1.2 table 15. SM2 is left out: its signing ID
 * for SPDM is not settled between implementations, so it is reported as
 * unsupported.
 */
static const struct spdm_asym_info asym_algos[] = {
	{ SPDM_ASYM_RSASSA_2048, SPDM_ASYM_FAMILY_RSASSA, "RSA", 2048, NULL,
	  256, SPDM_VERSION_10 },
	{ SPDM_ASYM_RSAPSS_2048, SPDM_ASYM_FAMILY_RSAPSS, "RSA", 2048, NULL,
	  256, SPDM_VERSION_10 },
	{ SPDM_ASYM_RSASSA_3072, SPDM_ASYM_FAMILY_RSASSA, "RSA", 3072, NULL,
	  384, SPDM_VERSION_10 },
	{ SPDM_ASYM_RSAPSS_3072, SPDM_ASYM_FAMILY_RSAPSS, "RSA", 3072, NULL,
	  384, SPDM_VERSION_10 },
	{ SPDM_ASYM_ECDSA_P256, SPDM_ASYM_FAMILY_ECDSA, "EC", 256,
	  "prime256v1", 64, SPDM_VERSION_10 },
	{ SPDM_ASYM_RSASSA_4096, SPDM_ASYM_FAMILY_RSASSA, "RSA", 4096, NULL,
	  512, SPDM_VERSION_10 },
	{ SPDM_ASYM_RSAPSS_4096, SPDM_ASYM_FAMILY_RSAPSS, "RSA", 4096, NULL,
	  512, SPDM_VERSION_10 },
	{ SPDM_ASYM_ECDSA_P384, SPDM_ASYM_FAMILY_ECDSA, "EC", 384, "secp384r1",
	  96, SPDM_VERSION_10 },
	{ SPDM_ASYM_ECDSA_P521, SPDM_ASYM_FAMILY_ECDSA, "EC", 521, "secp521r1",
	  132, SPDM_VERSION_10 },
	{ SPDM_ASYM_EDDSA_ED25519, SPDM_ASYM_FAMILY_EDDSA, "ED25519", 0, NULL,
	  64, SPDM_VERSION_12 },
	{ SPDM_ASYM_EDDSA_ED448, SPDM_ASYM_FAMILY_EDDSA, "ED448", 0, NULL, 114,
	  SPDM_VERSION_12 },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct hash_name *find_hash(const struct hash_name *table,
					 size_t count, uint32_t algo)
{
	for (size_t i = 0; i < count; i++) {
		if (table[i].algo == algo)
			return &table[i];
	}
	return NULL;
}

const char *spdm_hash_algo_md_name(uint32_t base_hash_algo)
{
	const struct hash_name *hash =
		find_hash(base_hashes, ARRAY_SIZE(base_hashes), base_hash_algo);

	return hash ? hash->md_name : NULL;
}

const char *spdm_measurement_hash_algo_md_name(uint32_t measurement_hash_algo)
{
	const struct hash_name *hash =
		find_hash(measurement_hashes, ARRAY_SIZE(measurement_hashes),
			  measurement_hash_algo);

	return hash ? hash->md_name : NULL;
}

size_t spdm_hash_algo_size(uint32_t base_hash_algo)
{
	const struct hash_name *hash =
		find_hash(base_hashes, ARRAY_SIZE(base_hashes), base_hash_algo);

	return hash ? hash->size : 0;
}

const struct spdm_asym_info *spdm_asym_algo_info(uint32_t base_asym_algo)
{
	for (size_t i = 0; i < ARRAY_SIZE(asym_algos); i++) {
		if (asym_algos[i].algo == base_asym_algo)
			return &asym_algos[i];
	}
	return NULL;
}

const struct spdm_asym_info *spdm_asym_algo_table(size_t *count)
{
	*count = ARRAY_SIZE(asym_algos);
	return asym_algos;
}
