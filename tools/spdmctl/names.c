// SPDX-License-Identifier: BSD-3-Clause
#include <spdm/wire.h>

#include "names.h"

struct bit_name {
	uint32_t bit;
	const char *name;
};

/* BaseAsymAlgo, DSP0274 1.2 table 15. */
static const struct bit_name base_asym_names[] = {
	{ SPDM_ASYM_RSASSA_2048, "TPM_ALG_RSASSA_2048" },
	{ SPDM_ASYM_RSAPSS_2048, "TPM_ALG_RSAPSS_2048" },
	{ SPDM_ASYM_RSASSA_3072, "TPM_ALG_RSASSA_3072" },
	{ SPDM_ASYM_RSAPSS_3072, "TPM_ALG_RSAPSS_3072" },
	{ SPDM_ASYM_ECDSA_P256, "TPM_ALG_ECDSA_ECC_NIST_P256" },
	{ SPDM_ASYM_RSASSA_4096, "TPM_ALG_RSASSA_4096" },
	{ SPDM_ASYM_RSAPSS_4096, "TPM_ALG_RSAPSS_4096" },
	{ SPDM_ASYM_ECDSA_P384, "TPM_ALG_ECDSA_ECC_NIST_P384" },
	{ SPDM_ASYM_ECDSA_P521, "TPM_ALG_ECDSA_ECC_NIST_P521" },
	{ SPDM_ASYM_SM2_P256, "TPM_ALG_SM2_ECC_SM2_P256" },
	{ SPDM_ASYM_EDDSA_ED25519, "EdDSA ed25519" },
	{ SPDM_ASYM_EDDSA_ED448, "EdDSA ed448" },
};

/* BaseHashAlgo, DSP0274 1.2 table 15. */
static const struct bit_name base_hash_names[] = {
	{ SPDM_HASH_SHA_256, "TPM_ALG_SHA_256" },
	{ SPDM_HASH_SHA_384, "TPM_ALG_SHA_384" },
	{ SPDM_HASH_SHA_512, "TPM_ALG_SHA_512" },
	{ SPDM_HASH_SHA3_256, "TPM_ALG_SHA3_256" },
	{ SPDM_HASH_SHA3_384, "TPM_ALG_SHA3_384" },
	{ SPDM_HASH_SHA3_512, "TPM_ALG_SHA3_512" },
	{ SPDM_HASH_SM3_256, "TPM_ALG_SM3_256" },
};

/* MeasurementHashAlgo, DSP0274 1.2 table 18. */
static const struct bit_name measurement_hash_names[] = {
	{ SPDM_MEAS_HASH_RAW_BIT_STREAM, "Raw Bit Stream Only" },
	{ SPDM_MEAS_HASH_SHA_256, "TPM_ALG_SHA_256" },
	{ SPDM_MEAS_HASH_SHA_384, "TPM_ALG_SHA_384" },
	{ SPDM_MEAS_HASH_SHA_512, "TPM_ALG_SHA_512" },
	{ SPDM_MEAS_HASH_SHA3_256, "TPM_ALG_SHA3_256" },
	{ SPDM_MEAS_HASH_SHA3_384, "TPM_ALG_SHA3_384" },
	{ SPDM_MEAS_HASH_SHA3_512, "TPM_ALG_SHA3_512" },
	{ SPDM_MEAS_HASH_SM3_256, "TPM_ALG_SM3_256" },
};

/* Single-bit responder capability flags, DSP0274 1.2 table 11. */
static const struct bit_name capability_names[] = {
	{ SPDM_CAP_CACHE, "CACHE_CAP" },
	{ SPDM_CAP_CERT, "CERT_CAP" },
	{ SPDM_CAP_CHAL, "CHAL_CAP" },
	{ SPDM_CAP_MEAS_FRESH, "MEAS_FRESH_CAP" },
	{ SPDM_CAP_ENCRYPT, "ENCRYPT_CAP" },
	{ SPDM_CAP_MAC, "MAC_CAP" },
	{ SPDM_CAP_MUT_AUTH, "MUT_AUTH_CAP" },
	{ SPDM_CAP_KEY_EX, "KEY_EX_CAP" },
	{ SPDM_CAP_ENCAP, "ENCAP_CAP" },
	{ SPDM_CAP_HBEAT, "HBEAT_CAP" },
	{ SPDM_CAP_KEY_UPD, "KEY_UPD_CAP" },
	{ SPDM_CAP_HANDSHAKE_IN_THE_CLEAR, "HANDSHAKE_IN_THE_CLEAR_CAP" },
	{ SPDM_CAP_PUB_KEY_ID, "PUB_KEY_ID_CAP" },
	{ SPDM_CAP_CHUNK, "CHUNK_CAP" },
	{ SPDM_CAP_ALIAS_CERT, "ALIAS_CERT_CAP" },
	{ SPDM_CAP_SET_CERT, "SET_CERT_CAP" },
	{ SPDM_CAP_CSR, "CSR_CAP" },
	{ SPDM_CAP_CERT_INSTALL_RESET, "CERT_INSTALL_RESET_CAP" },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *bit_to_name(const struct bit_name *table, size_t count,
			       uint32_t value)
{
	if (value == 0)
		return "none";
	for (size_t i = 0; i < count; i++)
		if (table[i].bit == value)
			return table[i].name;
	return "unknown";
}

const char *spdmctl_base_asym_name(uint32_t base_asym_algo)
{
	return bit_to_name(base_asym_names, ARRAY_SIZE(base_asym_names),
			   base_asym_algo);
}

const char *spdmctl_base_hash_name(uint32_t base_hash_algo)
{
	return bit_to_name(base_hash_names, ARRAY_SIZE(base_hash_names),
			   base_hash_algo);
}

const char *spdmctl_measurement_hash_name(uint32_t measurement_hash_algo)
{
	return bit_to_name(measurement_hash_names,
			   ARRAY_SIZE(measurement_hash_names),
			   measurement_hash_algo);
}

const char *spdmctl_measurement_spec_name(uint8_t measurement_specification)
{
	if (measurement_specification == 0)
		return "none";
	if (measurement_specification == SPDM_MEAS_SPEC_DMTF)
		return "DMTF";
	return "unknown";
}

size_t spdmctl_hash_size(uint32_t base_hash_algo)
{
	switch (base_hash_algo) {
	case SPDM_HASH_SHA_256:
	case SPDM_HASH_SHA3_256:
	case SPDM_HASH_SM3_256:
		return 32;
	case SPDM_HASH_SHA_384:
	case SPDM_HASH_SHA3_384:
		return 48;
	case SPDM_HASH_SHA_512:
	case SPDM_HASH_SHA3_512:
		return 64;
	default:
		return 0;
	}
}

static size_t add_name(const char **names, size_t count, size_t max,
		       const char *name)
{
	if (count < max)
		names[count] = name;
	return count + 1;
}

size_t spdmctl_capability_names(uint32_t flags, const char **names,
				size_t max)
{
	/* MEAS_CAP (bits 4:3) and PSK_CAP (bits 11:10) are two-bit fields. */
	static const char *const meas_cap[] = {
		NULL, "MEAS_CAP_NO_SIG", "MEAS_CAP_SIG", "MEAS_CAP_RESERVED"
	};
	static const char *const psk_cap[] = {
		NULL, "PSK_CAP_RESPONDER", "PSK_CAP_RESPONDER_WITH_CONTEXT",
		"PSK_CAP_RESERVED"
	};
	unsigned int meas = (flags & SPDM_CAP_MEAS_MASK) >> 3;
	unsigned int psk = (flags & SPDM_CAP_PSK_MASK) >> 10;
	size_t count = 0;

	for (size_t i = 0; i < ARRAY_SIZE(capability_names); i++)
		if (flags & capability_names[i].bit)
			count = add_name(names, count, max,
					 capability_names[i].name);
	if (meas_cap[meas])
		count = add_name(names, count, max, meas_cap[meas]);
	if (psk_cap[psk])
		count = add_name(names, count, max, psk_cap[psk]);
	return count < max ? count : max;
}

const char *spdmctl_measurement_type_name(uint8_t value_type)
{
	/*
	 * DMTFSpecMeasurementValueType bits 6:0, DSP0274 1.2 table 45;
	 * DSP0274 1.3 adds types 8 to 10.
	 */
	static const char *const names[] = {
		"immutable ROM",
		"mutable firmware",
		"hardware configuration",
		"firmware configuration",
		"measurement manifest",
		"device mode",
		"mutable firmware version number",
		"mutable firmware security version number",
		"hash-extended measurement",
		"informational",
		"structured measurement manifest",
	};
	uint8_t type = value_type & 0x7f;

	if (type < ARRAY_SIZE(names))
		return names[type];
	return "reserved";
}
