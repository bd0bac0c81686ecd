// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "testdata.h"

struct hash_vector {
	uint32_t algo;
	size_t size;
	const char *digest_of_abc;
};

/* FIPS 180-4, FIPS 202 and GB/T 32905 example digests of "abc". */
static const struct hash_vector base_hash_vectors[] = {
	{ SPDM_HASH_SHA_256, 32,
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ SPDM_HASH_SHA_384, 48,
	  "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
	  "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
	{ SPDM_HASH_SHA_512, 64,
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ SPDM_HASH_SHA3_256, 32,
	  "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532" },
	{ SPDM_HASH_SHA3_384, 48,
	  "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c25"
	  "96da7cf0e49be4b298d88cea927ac7f539f1edf228376d25" },
	{ SPDM_HASH_SHA3_512, 64,
	  "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
	  "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0" },
	{ SPDM_HASH_SM3_256, 32,
	  "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" },
};

/* The same digests reached through MeasurementHashAlgo bits. */
static const struct {
	uint32_t measurement_algo;
	uint32_t base_algo;
} measurement_equivalents[] = {
	{ SPDM_MEAS_HASH_SHA_256, SPDM_HASH_SHA_256 },
	{ SPDM_MEAS_HASH_SHA_384, SPDM_HASH_SHA_384 },
	{ SPDM_MEAS_HASH_SHA_512, SPDM_HASH_SHA_512 },
	{ SPDM_MEAS_HASH_SHA3_256, SPDM_HASH_SHA3_256 },
	{ SPDM_MEAS_HASH_SHA3_384, SPDM_HASH_SHA3_384 },
	{ SPDM_MEAS_HASH_SHA3_512, SPDM_HASH_SHA3_512 },
	{ SPDM_MEAS_HASH_SM3_256, SPDM_HASH_SM3_256 },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct hash_vector *vector_of(uint32_t algo)
{
	for (size_t i = 0; i < ARRAY_SIZE(base_hash_vectors); i++) {
		if (base_hash_vectors[i].algo == algo)
			return &base_hash_vectors[i];
	}
	fail_msg("no vector for hash 0x%x", algo);
	return NULL;
}

static void hash_abc_known_answers(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(base_hash_vectors); i++) {
		const struct hash_vector *vector = &base_hash_vectors[i];
		uint8_t expected[SPDM_MAX_HASH_SIZE];
		uint8_t digest[SPDM_MAX_HASH_SIZE];

		assert_int_equal(test_hex(vector->digest_of_abc, expected,
					  sizeof(expected)),
				 vector->size);
		assert_int_equal(spdm_hash(vector->algo, "abc", 3, digest), 0);
		assert_memory_equal(digest, expected, vector->size);
	}
}

static void measurement_hash_known_answers(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(measurement_equivalents); i++) {
		const struct hash_vector *vector =
			vector_of(measurement_equivalents[i].base_algo);
		uint8_t expected[SPDM_MAX_HASH_SIZE];
		uint8_t digest[SPDM_MAX_HASH_SIZE];

		test_hex(vector->digest_of_abc, expected, sizeof(expected));
		assert_int_equal(
			spdm_measurement_hash(
				measurement_equivalents[i].measurement_algo,
				"abc", 3, digest),
			0);
		assert_memory_equal(digest, expected, vector->size);
	}
}

static void hash_empty_message(void **state)
{
	static const char empty_sha256[] =
		"e3b0c44298fc1c149afbf4c8996fb924"
		"27ae41e4649b934ca495991b7852b855";
	uint8_t expected[32];
	uint8_t digest[32];

	test_hex(empty_sha256, expected, sizeof(expected));
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_256, NULL, 0, digest), 0);
	assert_memory_equal(digest, expected, sizeof(expected));
}

static void hash_streaming_matches_one_shot(void **state)
{
	static const char sha256_of_ab[] =
		"fb8e20fc2e4c3f248c60c39bd652f3c1"
		"347298bb977b8b4d5903b85055620603";
	struct spdm_hash_ctx *ctx;
	struct spdm_hash_ctx *copy;
	uint8_t expected_abc[32];
	uint8_t expected_ab[32];
	uint8_t digest[32];

	test_hex(vector_of(SPDM_HASH_SHA_256)->digest_of_abc, expected_abc,
		 sizeof(expected_abc));
	test_hex(sha256_of_ab, expected_ab, sizeof(expected_ab));

	assert_int_equal(spdm_hash_ctx_new(SPDM_HASH_SHA_256, &ctx), 0);
	assert_int_equal(spdm_hash_update(ctx, "a", 1), 0);
	assert_int_equal(spdm_hash_ctx_dup(ctx, &copy), 0);

	/* The copy goes on to "abc", the original to "ab". */
	assert_int_equal(spdm_hash_update(copy, "bc", 2), 0);
	assert_int_equal(spdm_hash_final(copy, digest), 0);
	assert_memory_equal(digest, expected_abc, sizeof(digest));

	assert_int_equal(spdm_hash_update(ctx, "b", 1), 0);
	assert_int_equal(spdm_hash_final(ctx, digest), 0);
	assert_memory_equal(digest, expected_ab, sizeof(digest));

	spdm_hash_ctx_free(copy);
	spdm_hash_ctx_free(ctx);
}

static void hash_rejects_bad_algorithms(void **state)
{
	struct spdm_hash_ctx *ctx = NULL;
	uint8_t digest[SPDM_MAX_HASH_SIZE];

	assert_int_equal(spdm_hash(0, "abc", 3, digest), -EINVAL);
	/* Two bits at once are not one algorithm. */
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_256 | SPDM_HASH_SHA_384,
				   "abc", 3, digest),
			 -EINVAL);
	assert_int_equal(spdm_hash(1u << 7, "abc", 3, digest), -EINVAL);
	assert_int_equal(spdm_hash_ctx_new(0, &ctx), -EINVAL);
	assert_null(ctx);
	/* A raw bit stream has no digest. */
	assert_int_equal(spdm_measurement_hash(SPDM_MEAS_HASH_RAW_BIT_STREAM,
					       "abc", 3, digest),
			 -EINVAL);
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_256, NULL, 3, digest),
			 -EINVAL);
}

static void random_bytes_fill_buffer(void **state)
{
	uint8_t first[64] = { 0 };
	uint8_t second[64] = { 0 };

	assert_int_equal(spdm_random_bytes(first, sizeof(first)), 0);
	assert_int_equal(spdm_random_bytes(second, sizeof(second)), 0);
	/* Two 512-bit draws collide with probability 2^-512. */
	assert_memory_not_equal(first, second, sizeof(first));
	assert_int_equal(spdm_random_bytes(NULL, 1), -EINVAL);
	assert_int_equal(spdm_random_bytes(NULL, 0), 0);
}

static void wipe_clears_buffer(void **state)
{
	uint8_t secret[32];
	uint8_t zeroes[32] = { 0 };

	memset(secret, 0xa5, sizeof(secret));
	spdm_wipe(secret, sizeof(secret));
	assert_memory_equal(secret, zeroes, sizeof(secret));
	spdm_wipe(NULL, 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hash_abc_known_answers),
		cmocka_unit_test(measurement_hash_known_answers),
		cmocka_unit_test(hash_empty_message),
		cmocka_unit_test(hash_streaming_matches_one_shot),
		cmocka_unit_test(hash_rejects_bad_algorithms),
		cmocka_unit_test(random_bytes_fill_buffer),
		cmocka_unit_test(wipe_clears_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
