// SPDX-License-Identifier: BSD-3-Clause
/* Sizes and DSP0274 names of the hash and signature algorithm bits. */
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct algo_row {
	uint32_t bit;
	size_t size;
	const char *name;
};

static const struct algo_row hash_rows[] = {
	{ SPDM_HASH_SHA_256, 32, "TPM_ALG_SHA_256" },
	{ SPDM_HASH_SHA_384, 48, "TPM_ALG_SHA_384" },
	{ SPDM_HASH_SHA_512, 64, "TPM_ALG_SHA_512" },
	{ SPDM_HASH_SHA3_256, 32, "TPM_ALG_SHA3_256" },
	{ SPDM_HASH_SHA3_384, 48, "TPM_ALG_SHA3_384" },
	{ SPDM_HASH_SHA3_512, 64, "TPM_ALG_SHA3_512" },
	{ SPDM_HASH_SM3_256, 32, "TPM_ALG_SM3_256" },
	{ 0, 0, "unknown" },
	{ SPDM_HASH_SHA_256 | SPDM_HASH_SHA_384, 0, "unknown" },
	{ 1u << 7, 0, "unknown" },
	{ 1u << 31, 0, "unknown" },
};

static const struct algo_row measurement_hash_rows[] = {
	{ SPDM_MEAS_HASH_RAW_BIT_STREAM, 0, "RawBitStream" },
	{ SPDM_MEAS_HASH_SHA_256, 32, "TPM_ALG_SHA_256" },
	{ SPDM_MEAS_HASH_SHA_384, 48, "TPM_ALG_SHA_384" },
	{ SPDM_MEAS_HASH_SHA_512, 64, "TPM_ALG_SHA_512" },
	{ SPDM_MEAS_HASH_SHA3_256, 32, "TPM_ALG_SHA3_256" },
	{ SPDM_MEAS_HASH_SHA3_384, 48, "TPM_ALG_SHA3_384" },
	{ SPDM_MEAS_HASH_SHA3_512, 64, "TPM_ALG_SHA3_512" },
	{ SPDM_MEAS_HASH_SM3_256, 32, "TPM_ALG_SM3_256" },
	{ 0, 0, "unknown" },
	{ SPDM_MEAS_HASH_SHA_384 | SPDM_MEAS_HASH_SHA_512, 0, "unknown" },
	{ 1u << 8, 0, "unknown" },
};

static const struct algo_row asym_rows[] = {
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
	{ 0, 0, "unknown" },
	{ SPDM_ASYM_ECDSA_P256 | SPDM_ASYM_ECDSA_P384, 0, "unknown" },
	{ 1u << 12, 0, "unknown" },
};

static void check_name(uint32_t bit, const char *actual, const char *expected)
{
	if (strcmp(actual, expected) != 0)
		fail_msg("bit %#x: name \"%s\", expected \"%s\"", bit, actual,
			 expected);
}

static void hash_sizes_and_names(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(hash_rows); i++) {
		const struct algo_row *row = &hash_rows[i];

		check_int(row->name, spdm_hash_size(row->bit), row->size);
		check_name(row->bit, spdm_hash_algo_name(row->bit), row->name);
	}
}

static void measurement_hash_sizes_and_names(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(measurement_hash_rows); i++) {
		const struct algo_row *row = &measurement_hash_rows[i];

		check_int(row->name, spdm_measurement_hash_size(row->bit),
			  row->size);
		check_name(row->bit, spdm_measurement_hash_algo_name(row->bit),
			   row->name);
	}
}

static void signature_sizes_and_names(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(asym_rows); i++) {
		const struct algo_row *row = &asym_rows[i];

		check_int(row->name, spdm_signature_size(row->bit), row->size);
		check_name(row->bit, spdm_asym_algo_name(row->bit), row->name);
	}
}

/* Every known size fits the buffers sized by wire.h. */
static void sizes_within_bounds(void **state)
{
	for (unsigned int bit = 0; bit < 32; bit++) {
		assert_true(spdm_hash_size(1u << bit) <= SPDM_MAX_HASH_SIZE);
		assert_true(spdm_measurement_hash_size(1u << bit) <=
			    SPDM_MAX_HASH_SIZE);
		assert_true(spdm_signature_size(1u << bit) <=
			    SPDM_MAX_SIGNATURE_SIZE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_sizes_and_names),
		cmocka_unit_test(measurement_hash_sizes_and_names),
		cmocka_unit_test(signature_sizes_and_names),
		cmocka_unit_test(sizes_within_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
