// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "testdata.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Signature sizes of DSP0274 1.2 table 15. */
static size_t wire_signature_size(uint32_t base_asym_algo)
{
	switch (base_asym_algo) {
	case SPDM_ASYM_RSASSA_2048:
	case SPDM_ASYM_RSAPSS_2048:
		return 256;
	case SPDM_ASYM_RSASSA_3072:
	case SPDM_ASYM_RSAPSS_3072:
		return 384;
	case SPDM_ASYM_RSASSA_4096:
	case SPDM_ASYM_RSAPSS_4096:
		return 512;
	case SPDM_ASYM_ECDSA_P256:
	case SPDM_ASYM_EDDSA_ED25519:
		return 64;
	case SPDM_ASYM_ECDSA_P384:
		return 96;
	case SPDM_ASYM_ECDSA_P521:
		return 132;
	case SPDM_ASYM_EDDSA_ED448:
		return 114;
	}
	fail_msg("no signature size for 0x%x", base_asym_algo);
	return 0;
}

/* "dmtf-spdm-v1.2.*" four times: bytes 0 to 63 of every 1.2 prefix. */
#define VERSION_12_CHUNK "646d74662d7370646d2d76312e322e2a"
#define VERSION_12_STRINGS                                                   \
	VERSION_12_CHUNK VERSION_12_CHUNK VERSION_12_CHUNK VERSION_12_CHUNK

static const struct {
	enum spdm_signing_context context;
	const char *prefix;
} prefix_vectors[] = {
	/* 4 zero bytes, then "responder-challenge_auth signing". */
	{ SPDM_SIGN_CHALLENGE_AUTH,
	  VERSION_12_STRINGS "00000000"
			     "726573706f6e6465722d6368616c6c656e67655f6175"
			     "7468207369676e696e67" },
	/* 6 zero bytes, then "responder-measurements signing". */
	{ SPDM_SIGN_MEASUREMENTS,
	  VERSION_12_STRINGS "000000000000"
			     "726573706f6e6465722d6d6561737572656d656e7473"
			     "207369676e696e67" },
};

static void signing_prefix_golden_bytes(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(prefix_vectors); i++) {
		uint8_t expected[SPDM_SIGNING_PREFIX_SIZE];
		uint8_t prefix[SPDM_SIGNING_PREFIX_SIZE];

		assert_int_equal(test_hex(prefix_vectors[i].prefix, expected,
					  sizeof(expected)),
				 SPDM_SIGNING_PREFIX_SIZE);
		spdm_build_signing_prefix(SPDM_VERSION_12,
					  prefix_vectors[i].context, prefix);
		assert_memory_equal(prefix, expected, sizeof(prefix));
	}
}

static void signing_prefix_patches_version(void **state)
{
	uint8_t prefix[SPDM_SIGNING_PREFIX_SIZE];

	spdm_build_signing_prefix(0x13, SPDM_SIGN_MEASUREMENTS, prefix);
	for (int i = 0; i < 4; i++)
		assert_memory_equal(prefix + 16 * i, "dmtf-spdm-v1.3.*", 16);
	assert_memory_equal(prefix + 70, "responder-measurements signing",
			    30);
}

struct sample_key {
	const char *folder;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
};

/* Every BaseAsymAlgo family with the DMTF sample key that fits it. */
static const struct sample_key sample_keys[] = {
	{ "ecp256", SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256 },
	{ "ecp384", SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384 },
	/* Any hash goes with any curve. */
	{ "ecp384", SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_256 },
	{ "ecp521", SPDM_ASYM_ECDSA_P521, SPDM_HASH_SHA_512 },
	{ "rsa2048", SPDM_ASYM_RSASSA_2048, SPDM_HASH_SHA_256 },
	{ "rsa2048", SPDM_ASYM_RSAPSS_2048, SPDM_HASH_SHA_256 },
	{ "rsa3072", SPDM_ASYM_RSASSA_3072, SPDM_HASH_SHA_384 },
	{ "rsa3072", SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_384 },
	{ "rsa4096", SPDM_ASYM_RSASSA_4096, SPDM_HASH_SHA_512 },
	{ "rsa4096", SPDM_ASYM_RSAPSS_4096, SPDM_HASH_SHA_512 },
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA_512 },
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA3_256 },
};

static const uint8_t transcript[] = "GET_VERSION VERSION ... CHALLENGE_AUTH";

struct key_pair {
	EVP_PKEY *private_key;
	EVP_PKEY *public_key;
};

static void key_pair_load(struct key_pair *pair, const char *folder)
{
	char relative[256];

	snprintf(relative, sizeof(relative),
		 "dmtf-sample-keys/%s/end_responder.key", folder);
	pair->private_key =
		spdm_load_private_key(test_path("SPDM_TESTDATA", relative));
	assert_non_null(pair->private_key);
	snprintf(relative, sizeof(relative),
		 "dmtf-sample-keys/%s/end_responder.cert.der", folder);
	pair->public_key =
		test_load_cert_key(test_path("SPDM_TESTDATA", relative));
}

static void key_pair_free(struct key_pair *pair)
{
	EVP_PKEY_free(pair->private_key);
	EVP_PKEY_free(pair->public_key);
}

static int verify(const struct sample_key *sample, uint8_t version,
		  enum spdm_signing_context context, EVP_PKEY *key,
		  const uint8_t *signature, size_t size)
{
	return spdm_verify_signature(version, sample->base_asym_algo,
				     sample->base_hash_algo, context, key,
				     transcript, sizeof(transcript), signature,
				     size);
}

static void check_round_trip(const struct sample_key *sample,
			     const struct key_pair *pair, uint8_t version)
{
	uint8_t signature[SPDM_MAX_SIGNATURE_SIZE];
	size_t size = wire_signature_size(sample->base_asym_algo);

	print_message("%s 0x%x version 0x%02x\n", sample->folder,
		      sample->base_asym_algo, version);
	assert_int_equal(spdm_sign(version, sample->base_asym_algo,
				   sample->base_hash_algo,
				   SPDM_SIGN_CHALLENGE_AUTH, pair->private_key,
				   transcript, sizeof(transcript), signature,
				   size),
			 0);
	assert_int_equal(verify(sample, version, SPDM_SIGN_CHALLENGE_AUTH,
				pair->public_key, signature, size),
			 0);

	/* One flipped byte. */
	signature[size / 2] ^= 0x01;
	assert_int_equal(verify(sample, version, SPDM_SIGN_CHALLENGE_AUTH,
				pair->public_key, signature, size),
			 -EBADMSG);
	signature[size / 2] ^= 0x01;

	/* A signature of the wrong length. */
	assert_int_equal(verify(sample, version, SPDM_SIGN_CHALLENGE_AUTH,
				pair->public_key, signature, size - 1),
			 -EBADMSG);
}

static void sign_verify_round_trips(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_keys); i++) {
		const struct sample_key *sample = &sample_keys[i];
		struct key_pair pair;

		key_pair_load(&pair, sample->folder);
		if (sample->base_asym_algo != SPDM_ASYM_EDDSA_ED25519)
			check_round_trip(sample, &pair, SPDM_VERSION_11);
		check_round_trip(sample, &pair, SPDM_VERSION_12);
		key_pair_free(&pair);
	}
}

static void wrong_context_or_version_fails(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_keys); i++) {
		const struct sample_key *sample = &sample_keys[i];
		uint8_t signature[SPDM_MAX_SIGNATURE_SIZE];
		size_t size = wire_signature_size(sample->base_asym_algo);
		struct key_pair pair;

		key_pair_load(&pair, sample->folder);
		assert_int_equal(spdm_sign(SPDM_VERSION_12,
					   sample->base_asym_algo,
					   sample->base_hash_algo,
					   SPDM_SIGN_MEASUREMENTS,
					   pair.private_key, transcript,
					   sizeof(transcript), signature, size),
				 0);
		assert_int_equal(verify(sample, SPDM_VERSION_12,
					SPDM_SIGN_MEASUREMENTS, pair.public_key,
					signature, size),
				 0);
		assert_int_equal(verify(sample, SPDM_VERSION_12,
					SPDM_SIGN_CHALLENGE_AUTH,
					pair.public_key, signature, size),
				 -EBADMSG);
		assert_int_equal(verify(sample, 0x13, SPDM_SIGN_MEASUREMENTS,
					pair.public_key, signature, size),
				 -EBADMSG);
		if (sample->base_asym_algo != SPDM_ASYM_EDDSA_ED25519)
			assert_int_equal(verify(sample, SPDM_VERSION_11,
						SPDM_SIGN_MEASUREMENTS,
						pair.public_key, signature,
						size),
					 -EBADMSG);
		key_pair_free(&pair);
	}
}

/* Versions 1.0 and 1.1 sign the transcript alone, without a context. */
static void version_11_has_no_context(void **state)
{
	const struct sample_key *sample = &sample_keys[0];
	uint8_t signature[64];
	struct key_pair pair;

	key_pair_load(&pair, sample->folder);
	assert_int_equal(spdm_sign(SPDM_VERSION_11, sample->base_asym_algo,
				   sample->base_hash_algo,
				   SPDM_SIGN_MEASUREMENTS, pair.private_key,
				   transcript, sizeof(transcript), signature,
				   sizeof(signature)),
			 0);
	assert_int_equal(verify(sample, SPDM_VERSION_11,
				SPDM_SIGN_CHALLENGE_AUTH, pair.public_key,
				signature, sizeof(signature)),
			 0);
	assert_int_equal(verify(sample, SPDM_VERSION_10,
				SPDM_SIGN_CHALLENGE_AUTH, pair.public_key,
				signature, sizeof(signature)),
			 0);
	key_pair_free(&pair);
}

/*
 * Deterministic signatures over M = prefix || Hash("abc") for 1.2
 * CHALLENGE_AUTH, made outside this project: M built by a Python script
 * from DSP0274's rules, then signed with the openssl command line
 * ("pkeyutl -sign -rawin" for Ed25519, "dgst -sha256 -sign" for RSASSA).
 */
static const struct {
	const char *folder;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	const char *signature;
} deterministic_vectors[] = {
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA_512,
	  "b4adff104ce050a7e5b6367be816428286bd12f24ae937b84e5bb83403d9a739"
	  "fa9b0f3faa30d3e615dd6f589d21bffb1cdaa7268f24ff5e1ab116aa4990c90c" },
	{ "rsa2048", SPDM_ASYM_RSASSA_2048, SPDM_HASH_SHA_256,
	  "b8ff54f1a7f4bcb28f34cf6110de4993ad542ddf0324dee43f706d5a2a272ffe"
	  "c06a7283c69565fec8f255991a1dd317f32240df239e928a939eeb97e592f8c4"
	  "a584d803d8fbb1628b235e064308f280cf6ddcf69adc281c269662fe9e4353c4"
	  "06af50d0a8f08357839758547a69233319d5a9752326c158bb7d4fe950dccaef"
	  "765d6ffcb2564639a0fd38ef3d17f519b97c42b301896d8fbbe31f183b8543e6"
	  "0f1de0e0898de9eb851df14a8d0fe6088dfdc87f544cc6ddfa54c76ff7f6c54e"
	  "ef4047ac714cbfadbe8dcdb6acf760c487894838f8defc3fdfbf827e3bbefd70"
	  "0034081c10ce14caa2616bac61815be0f4aea7dba9e14e4df79918c9fd5348a4" },
};

static void deterministic_signature_known_answers(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(deterministic_vectors); i++) {
		uint8_t expected[SPDM_MAX_SIGNATURE_SIZE];
		uint8_t signature[SPDM_MAX_SIGNATURE_SIZE];
		uint32_t algo = deterministic_vectors[i].base_asym_algo;
		uint32_t hash = deterministic_vectors[i].base_hash_algo;
		size_t size = test_hex(deterministic_vectors[i].signature,
				       expected, sizeof(expected));
		struct key_pair pair;

		key_pair_load(&pair, deterministic_vectors[i].folder);
		assert_int_equal(size, wire_signature_size(algo));
		assert_int_equal(spdm_sign(SPDM_VERSION_12, algo, hash,
					   SPDM_SIGN_CHALLENGE_AUTH,
					   pair.private_key, "abc", 3,
					   signature, size),
				 0);
		assert_memory_equal(signature, expected, size);
		assert_int_equal(spdm_verify_signature(SPDM_VERSION_12, algo,
						       hash,
						       SPDM_SIGN_CHALLENGE_AUTH,
						       pair.public_key, "abc",
						       3, expected, size),
				 0);
		key_pair_free(&pair);
	}
}

struct recorded_conversation {
	const char *file;
	uint8_t version;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	const char *leaf_cert;
};

static const struct recorded_conversation conversations[] = {
	{ "conversations/spdm-1.0-p384.txt", SPDM_VERSION_10,
	  SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384,
	  "dmtf-sample-keys/ecp384/end_responder.cert.der" },
	{ "conversations/spdm-1.1-p384.txt", SPDM_VERSION_11,
	  SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384,
	  "dmtf-sample-keys/ecp384/end_responder.cert.der" },
	{ "conversations/spdm-1.1-rsapss3072.txt", SPDM_VERSION_11,
	  SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_384,
	  "dmtf-sample-keys/rsa3072/end_responder.cert.der" },
	{ "conversations/spdm-1.2-p256.txt", SPDM_VERSION_12,
	  SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256,
	  "dmtf-sample-keys/ecp256/end_responder.cert.der" },
	{ "conversations/spdm-1.2-p384.txt", SPDM_VERSION_12,
	  SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384,
	  "dmtf-sample-keys/ecp384/end_responder.cert.der" },
};

/* Appends messages [first, last] to buffer; the last loses its signature. */
static size_t concatenate(const struct conversation *conversation,
			  size_t first, size_t last, size_t signature_size,
			  uint8_t *buffer, size_t offset, size_t capacity)
{
	for (size_t i = first; i <= last; i++) {
		const struct conversation_message *message =
			&conversation->messages[i];
		size_t size = message->size;

		if (i == last)
			size -= signature_size;
		assert_true(offset + size <= capacity);
		memcpy(buffer + offset, message->data, size);
		offset += size;
	}
	return offset;
}

static int verify_recorded(const struct recorded_conversation *recorded,
			   enum spdm_signing_context context, EVP_PKEY *key,
			   const uint8_t *signed_data, size_t size,
			   const uint8_t *signature)
{
	return spdm_verify_signature(
		recorded->version, recorded->base_asym_algo,
		recorded->base_hash_algo, context, key, signed_data, size,
		signature,
		wire_signature_size(recorded->base_asym_algo));
}

/*
 * CHALLENGE_AUTH signs A || B || C: every message from GET_VERSION up to
 * CHALLENGE_AUTH without its signature (DSP0274 1.2 section 15).
 */
static void check_challenge_auth(const struct recorded_conversation *recorded,
				 const struct conversation *conversation,
				 EVP_PKEY *key, uint8_t *buffer,
				 size_t capacity)
{
	size_t signature_size = wire_signature_size(recorded->base_asym_algo);
	size_t auth = conversation_find(conversation, SPDM_CHALLENGE_AUTH, 0);
	const struct conversation_message *response =
		&conversation->messages[auth];
	const uint8_t *signature =
		response->data + response->size - signature_size;
	size_t size = concatenate(conversation, 0, auth, signature_size,
				  buffer, 0, capacity);

	assert_int_equal(verify_recorded(recorded, SPDM_SIGN_CHALLENGE_AUTH,
					 key, buffer, size, signature),
			 0);
	buffer[size - 1] ^= 0x01;
	assert_int_equal(verify_recorded(recorded, SPDM_SIGN_CHALLENGE_AUTH,
					 key, buffer, size, signature),
			 -EBADMSG);
}

/*
 * MEASUREMENTS signs M (1.0, 1.1) or A || M (1.2). GET_DIGESTS right
 * before GET_MEASUREMENTS cleared M, so M is the last pair alone.
 */
static void check_measurements(const struct recorded_conversation *recorded,
			       const struct conversation *conversation,
			       EVP_PKEY *key, uint8_t *buffer, size_t capacity)
{
	size_t signature_size = wire_signature_size(recorded->base_asym_algo);
	size_t request = conversation_find(conversation,
					   SPDM_GET_MEASUREMENTS, 0);
	const struct conversation_message *response =
		&conversation->messages[request + 1];
	const uint8_t *signature =
		response->data + response->size - signature_size;
	size_t size = 0;

	if (recorded->version >= SPDM_VERSION_12)
		size = concatenate(conversation, 0, 5, 0, buffer, 0, capacity);
	size = concatenate(conversation, request, request + 1, signature_size,
			   buffer, size, capacity);

	assert_int_equal(verify_recorded(recorded, SPDM_SIGN_MEASUREMENTS, key,
					 buffer, size, signature),
			 0);
	assert_int_equal(verify_recorded(recorded, SPDM_SIGN_CHALLENGE_AUTH,
					 key, buffer, size, signature),
			 recorded->version >= SPDM_VERSION_12 ? -EBADMSG : 0);
}

/* Signatures made by DMTF's libspdm responder emulator. */
static void recorded_signatures_verify(void **state)
{
	size_t capacity = 64 * 1024;
	uint8_t *buffer = malloc(capacity);

	assert_non_null(buffer);
	for (size_t i = 0; i < ARRAY_SIZE(conversations); i++) {
		const struct recorded_conversation *recorded =
			&conversations[i];
		struct conversation conversation;
		EVP_PKEY *key = test_load_cert_key(
			test_path("SPDM_TESTDATA", recorded->leaf_cert));

		print_message("%s\n", recorded->file);
		conversation_load(&conversation, recorded->file);
		check_challenge_auth(recorded, &conversation, key, buffer,
				     capacity);
		check_measurements(recorded, &conversation, key, buffer,
				   capacity);
		conversation_free(&conversation);
		EVP_PKEY_free(key);
	}
	free(buffer);
}

static void key_algorithm_mismatch_rejected(void **state)
{
	uint8_t signature[SPDM_MAX_SIGNATURE_SIZE] = { 0 };
	struct key_pair pair;

	key_pair_load(&pair, "ecp256");
	assert_int_equal(spdm_sign(SPDM_VERSION_12, SPDM_ASYM_ECDSA_P384,
				   SPDM_HASH_SHA_384, SPDM_SIGN_CHALLENGE_AUTH,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 96),
			 -EINVAL);
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_RSASSA_2048,
					       SPDM_HASH_SHA_256,
					       SPDM_SIGN_CHALLENGE_AUTH,
					       pair.public_key, transcript,
					       sizeof(transcript), signature,
					       256),
			 -EINVAL);
	key_pair_free(&pair);

	key_pair_load(&pair, "rsa3072");
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_RSASSA_2048,
					       SPDM_HASH_SHA_256,
					       SPDM_SIGN_CHALLENGE_AUTH,
					       pair.public_key, transcript,
					       sizeof(transcript), signature,
					       256),
			 -EINVAL);
	key_pair_free(&pair);
}

static void bad_arguments_rejected(void **state)
{
	uint8_t signature[SPDM_MAX_SIGNATURE_SIZE] = { 0 };
	struct key_pair pair;

	key_pair_load(&pair, "ed25519");
	/* EdDSA exists from SPDM 1.2 on. */
	assert_int_equal(spdm_sign(SPDM_VERSION_11, SPDM_ASYM_EDDSA_ED25519,
				   SPDM_HASH_SHA_256, SPDM_SIGN_CHALLENGE_AUTH,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 64),
			 -EINVAL);
	assert_int_equal(spdm_sign(SPDM_VERSION_12, SPDM_ASYM_EDDSA_ED25519,
				   SPDM_HASH_SHA_256, SPDM_SIGN_CHALLENGE_AUTH,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 63),
			 -EINVAL);
	assert_int_equal(spdm_sign(0x20, SPDM_ASYM_EDDSA_ED25519,
				   SPDM_HASH_SHA_256, SPDM_SIGN_CHALLENGE_AUTH,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 64),
			 -EINVAL);
	assert_int_equal(spdm_sign(SPDM_VERSION_12, SPDM_ASYM_EDDSA_ED25519,
				   0, SPDM_SIGN_CHALLENGE_AUTH,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 64),
			 -EINVAL);
	assert_int_equal(spdm_sign(SPDM_VERSION_12, SPDM_ASYM_EDDSA_ED25519,
				   SPDM_HASH_SHA_256,
				   (enum spdm_signing_context)7,
				   pair.private_key, transcript,
				   sizeof(transcript), signature, 64),
			 -EINVAL);
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_EDDSA_ED25519,
					       SPDM_HASH_SHA_256,
					       SPDM_SIGN_CHALLENGE_AUTH, NULL,
					       transcript, sizeof(transcript),
					       signature, 64),
			 -EINVAL);
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_SM2_P256,
					       SPDM_HASH_SHA_256,
					       SPDM_SIGN_CHALLENGE_AUTH,
					       pair.public_key, transcript,
					       sizeof(transcript), signature,
					       64),
			 -EINVAL);
	key_pair_free(&pair);
}

static void ecdsa_zero_signature_fails(void **state)
{
	uint8_t signature[96] = { 0 };
	struct key_pair pair;

	key_pair_load(&pair, "ecp384");
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_ECDSA_P384,
					       SPDM_HASH_SHA_384,
					       SPDM_SIGN_CHALLENGE_AUTH,
					       pair.public_key, transcript,
					       sizeof(transcript), signature,
					       sizeof(signature)),
			 -EBADMSG);
	memset(signature, 0xff, sizeof(signature));
	assert_int_equal(spdm_verify_signature(SPDM_VERSION_12,
					       SPDM_ASYM_ECDSA_P384,
					       SPDM_HASH_SHA_384,
					       SPDM_SIGN_CHALLENGE_AUTH,
					       pair.public_key, transcript,
					       sizeof(transcript), signature,
					       sizeof(signature)),
			 -EBADMSG);
	key_pair_free(&pair);
}

static const struct {
	const char *folder;
	uint32_t algos;
} key_algos_vectors[] = {
	{ "ecp256", SPDM_ASYM_ECDSA_P256 },
	{ "ecp384", SPDM_ASYM_ECDSA_P384 },
	{ "ecp521", SPDM_ASYM_ECDSA_P521 },
	{ "rsa2048", SPDM_ASYM_RSASSA_2048 | SPDM_ASYM_RSAPSS_2048 },
	{ "rsa3072", SPDM_ASYM_RSASSA_3072 | SPDM_ASYM_RSAPSS_3072 },
	{ "rsa4096", SPDM_ASYM_RSASSA_4096 | SPDM_ASYM_RSAPSS_4096 },
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519 },
};

static void key_algos_of_sample_keys(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(key_algos_vectors); i++) {
		struct key_pair pair;

		key_pair_load(&pair, key_algos_vectors[i].folder);
		assert_int_equal(spdm_key_algos(pair.private_key),
				 key_algos_vectors[i].algos);
		assert_int_equal(spdm_key_algos(pair.public_key),
				 key_algos_vectors[i].algos);
		assert_false(spdm_key_matches_algo(
			pair.public_key, key_algos_vectors[i].algos << 12));
		key_pair_free(&pair);
	}
	assert_int_equal(spdm_key_algos(NULL), 0);
}

static void load_private_key_errors(void **state)
{
	errno = 0;
	assert_null(spdm_load_private_key(
		test_path("SPDM_TESTDATA", "dmtf-sample-keys/no-such.key")));
	assert_int_equal(errno, ENOENT);

	errno = 0;
	assert_null(spdm_load_private_key(test_path(
		"SPDM_TESTDATA", "dmtf-sample-keys/ecp256/ca.cert.der")));
	assert_int_equal(errno, EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signing_prefix_golden_bytes),
		cmocka_unit_test(signing_prefix_patches_version),
		cmocka_unit_test(sign_verify_round_trips),
		cmocka_unit_test(wrong_context_or_version_fails),
		cmocka_unit_test(version_11_has_no_context),
		cmocka_unit_test(deterministic_signature_known_answers),
		cmocka_unit_test(recorded_signatures_verify),
		cmocka_unit_test(key_algorithm_mismatch_rejected),
		cmocka_unit_test(bad_arguments_rejected),
		cmocka_unit_test(ecdsa_zero_signature_fails),
		cmocka_unit_test(key_algos_of_sample_keys),
		cmocka_unit_test(load_private_key_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
