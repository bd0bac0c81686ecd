// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/wire.h>

#include "names.h"
#include "spdmctl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct uint_vector {
	const char *text;
	unsigned long min, max;
	int expected_ret;
	unsigned long expected_value;
};

static const struct uint_vector uint_vectors[] = {
	{ "0", 0, 254, 0, 0 },
	{ "254", 0, 254, 0, 254 },
	{ "0x1d", 0, 254, 0, 0x1d },
	{ "0XFE", 0, 254, 0, 0xfe },
	{ "255", 0, 254, -EINVAL, 0 },
	{ "0", 1, 10, -EINVAL, 0 },
	{ "", 0, 254, -EINVAL, 0 },
	{ "0x", 0, 254, -EINVAL, 0 },
	{ "-1", 0, 254, -EINVAL, 0 },
	{ "+1", 0, 254, -EINVAL, 0 },
	{ " 1", 0, 254, -EINVAL, 0 },
	{ "1 ", 0, 254, -EINVAL, 0 },
	{ "12abc", 0, 254, -EINVAL, 0 },
	{ "abc", 0, 254, -EINVAL, 0 },
	{ "99999999999999999999999", 0, 254, -EINVAL, 0 },
};

static void parse_uint_table(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(uint_vectors); i++) {
		const struct uint_vector *v = &uint_vectors[i];
		unsigned long value = 12345;
		int ret = spdmctl_parse_uint(v->text, v->min, v->max, &value);

		assert_int_equal(ret, v->expected_ret);
		if (ret == 0)
			assert_int_equal(value, v->expected_value);
		else
			assert_int_equal(value, 12345);
	}
}

struct versions_vector {
	const char *text;
	int expected_ret;
	uint8_t expected_min, expected_max;
};

static const struct versions_vector versions_vectors[] = {
	{ "1.0,1.1,1.2", 0, 0x10, 0x12 },
	{ "1.2", 0, 0x12, 0x12 },
	{ "1.0", 0, 0x10, 0x10 },
	{ "1.2,1.1", 0, 0x11, 0x12 },
	{ "1.1,1.1", 0, 0x11, 0x11 },
	{ "1.0,1.2", -EINVAL, 0, 0 },
	{ "1.3", -EINVAL, 0, 0 },
	{ "1.2,", -EINVAL, 0, 0 },
	{ ",1.2", -EINVAL, 0, 0 },
	{ "1.2,,1.1", -EINVAL, 0, 0 },
	{ "", -EINVAL, 0, 0 },
	{ "1.20", -EINVAL, 0, 0 },
	{ "12", -EINVAL, 0, 0 },
};

static void parse_versions_table(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(versions_vectors); i++) {
		const struct versions_vector *v = &versions_vectors[i];
		uint8_t min = 0, max = 0;
		int ret = spdmctl_parse_versions(v->text, &min, &max);

		assert_int_equal(ret, v->expected_ret);
		assert_int_equal(min, v->expected_min);
		assert_int_equal(max, v->expected_max);
	}
}

static void algorithm_names(void **state)
{
	assert_string_equal(spdmctl_base_asym_name(SPDM_ASYM_ECDSA_P384),
			    "TPM_ALG_ECDSA_ECC_NIST_P384");
	assert_string_equal(spdmctl_base_asym_name(SPDM_ASYM_RSAPSS_2048),
			    "TPM_ALG_RSAPSS_2048");
	assert_string_equal(spdmctl_base_asym_name(SPDM_ASYM_EDDSA_ED25519),
			    "EdDSA ed25519");
	assert_string_equal(spdmctl_base_asym_name(0), "none");
	assert_string_equal(spdmctl_base_asym_name(SPDM_ASYM_ECDSA_P256 |
						   SPDM_ASYM_ECDSA_P384),
			    "unknown");
	assert_string_equal(spdmctl_base_asym_name(1u << 20), "unknown");
	assert_string_equal(spdmctl_base_hash_name(SPDM_HASH_SHA_256),
			    "TPM_ALG_SHA_256");
	assert_string_equal(spdmctl_measurement_hash_name(
				    SPDM_MEAS_HASH_SHA_512),
			    "TPM_ALG_SHA_512");
	assert_string_equal(spdmctl_measurement_hash_name(
				    SPDM_MEAS_HASH_RAW_BIT_STREAM),
			    "Raw Bit Stream Only");
	assert_string_equal(spdmctl_measurement_spec_name(SPDM_MEAS_SPEC_DMTF),
			    "DMTF");
}

static void hash_sizes(void **state)
{
	assert_int_equal(spdmctl_hash_size(SPDM_HASH_SHA_256), 32);
	assert_int_equal(spdmctl_hash_size(SPDM_HASH_SHA_384), 48);
	assert_int_equal(spdmctl_hash_size(SPDM_HASH_SHA_512), 64);
	assert_int_equal(spdmctl_hash_size(SPDM_HASH_SHA3_384), 48);
	assert_int_equal(spdmctl_hash_size(0), 0);
	assert_int_equal(spdmctl_hash_size(SPDM_HASH_SHA_256 |
					   SPDM_HASH_SHA_384),
			 0);
}

static void capability_names(void **state)
{
	/* The flags libspdm's responder emulator sends in 1.2: 0x001afbf7. */
	static const char *const expected[] = {
		"CACHE_CAP",
		"CERT_CAP",
		"CHAL_CAP",
		"MEAS_FRESH_CAP",
		"ENCRYPT_CAP",
		"MAC_CAP",
		"MUT_AUTH_CAP",
		"KEY_EX_CAP",
		"ENCAP_CAP",
		"HBEAT_CAP",
		"KEY_UPD_CAP",
		"HANDSHAKE_IN_THE_CLEAR_CAP",
		"CHUNK_CAP",
		"SET_CERT_CAP",
		"CSR_CAP",
		"MEAS_CAP_SIG",
		"PSK_CAP_RESPONDER_WITH_CONTEXT",
	};
	const char *names[SPDMCTL_MAX_CAPABILITY_NAMES];
	size_t count = spdmctl_capability_names(0x001afbf7, names,
						ARRAY_SIZE(names));

	assert_int_equal(count, ARRAY_SIZE(expected));
	for (size_t i = 0; i < count; i++)
		assert_string_equal(names[i], expected[i]);
}

static void capability_names_truncated(void **state)
{
	const char *names[2];
	size_t count = spdmctl_capability_names(SPDM_CAP_CACHE | SPDM_CAP_CERT |
							SPDM_CAP_CHAL,
						names, ARRAY_SIZE(names));

	assert_int_equal(count, 2);
	assert_string_equal(names[0], "CACHE_CAP");
	assert_string_equal(names[1], "CERT_CAP");
	assert_int_equal(spdmctl_capability_names(0, names, 2), 0);
}

static void measurement_type_names(void **state)
{
	assert_string_equal(spdmctl_measurement_type_name(0x00),
			    "immutable ROM");
	assert_string_equal(spdmctl_measurement_type_name(0x87),
			    "mutable firmware security version number");
	assert_string_equal(spdmctl_measurement_type_name(0x0a),
			    "structured measurement manifest");
	assert_string_equal(spdmctl_measurement_type_name(0x7f), "reserved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_uint_table),
		cmocka_unit_test(parse_versions_table),
		cmocka_unit_test(algorithm_names),
		cmocka_unit_test(hash_sizes),
		cmocka_unit_test(capability_names),
		cmocka_unit_test(capability_names_truncated),
		cmocka_unit_test(measurement_type_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
