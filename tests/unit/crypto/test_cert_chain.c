// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/cert_chain.h>
#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "testdata.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DETAIL_SIZE 256

/* 2023-04-03 12:00:00 UTC, when the rsa3072_Expiration chain was valid. */
#define EXPIRATION_CHAIN_VALID_TIME 1680523200
/* 2020-01-01 00:00:00 UTC, before every DMTF sample certificate. */
#define BEFORE_SAMPLES_TIME 1577836800
/* 2040-01-01 00:00:00 UTC, after every DMTF sample certificate. */
#define AFTER_SAMPLES_TIME 2208988800

struct sample_chain {
	const char *folder;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	size_t hash_size;
};

static const struct sample_chain sample_chains[] = {
	{ "ecp256", SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256, 32 },
	{ "ecp384", SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384, 48 },
	{ "ecp521", SPDM_ASYM_ECDSA_P521, SPDM_HASH_SHA_512, 64 },
	{ "rsa2048", SPDM_ASYM_RSASSA_2048, SPDM_HASH_SHA_256, 32 },
	{ "rsa3072", SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_384, 48 },
	{ "rsa4096", SPDM_ASYM_RSASSA_4096, SPDM_HASH_SHA_512, 64 },
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA_384, 48 },
};

static const struct sample_chain expiration_chain = {
	"rsa3072_Expiration", SPDM_ASYM_RSASSA_3072, SPDM_HASH_SHA_384, 48
};

struct outcome {
	int ret;
	enum spdm_reason reason;
	char detail[DETAIL_SIZE];
	struct spdm_cert_chain chain;
};

/* Wraps DER certificates into a slot object. */
static uint8_t *build_slot_object(uint32_t base_hash_algo, const uint8_t *der,
				  size_t der_size, size_t *size)
{
	uint8_t *slot_object = NULL;

	assert_int_equal(spdm_cert_chain_build(base_hash_algo, der, der_size,
					       &slot_object, size),
			 0);
	return slot_object;
}

static uint8_t *sample_slot_object(const struct sample_chain *sample,
				   const char *bundle, size_t *size)
{
	size_t der_size;
	uint8_t *der = testdata_sample_file(sample->folder, bundle, &der_size);
	uint8_t *slot_object =
		build_slot_object(sample->base_hash_algo, der, der_size, size);

	free(der);
	return slot_object;
}

static struct spdm_trust *sample_trust(const char *folder, const char *name)
{
	char relative[256];
	struct spdm_trust *trust;

	snprintf(relative, sizeof(relative), "dmtf-sample-keys/%s/%s", folder,
		 name);
	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_add_file(
				 trust, test_path("SPDM_TESTDATA", relative)),
			 0);
	return trust;
}

static struct spdm_chain_check
sample_check(const struct sample_chain *sample, const struct spdm_trust *trust)
{
	struct spdm_chain_check check = {
		.base_hash_algo = sample->base_hash_algo,
		.base_asym_algo = sample->base_asym_algo,
		.trust = trust,
	};

	return check;
}

static void validate(struct outcome *outcome, const uint8_t *slot_object,
		     size_t size, const struct spdm_chain_check *check)
{
	outcome->ret = spdm_cert_chain_validate(&outcome->chain, slot_object,
						size, check, &outcome->reason,
						outcome->detail,
						sizeof(outcome->detail));
	print_message("  -> %d %s: %s\n", outcome->ret,
		      spdm_reason_name(outcome->reason), outcome->detail);
}

static void expect_failure(struct outcome *outcome, int ret,
			   enum spdm_reason reason)
{
	assert_string_equal(spdm_reason_name(outcome->reason),
			    spdm_reason_name(reason));
	assert_int_equal(outcome->ret, ret);
	assert_true(strlen(outcome->detail) > 0);
	assert_null(strchr(outcome->detail, '\n'));
	spdm_cert_chain_clear(&outcome->chain);
}

static void expect_success(struct outcome *outcome)
{
	assert_string_equal(spdm_reason_name(outcome->reason), "none");
	assert_int_equal(outcome->ret, 0);
	assert_string_equal(outcome->detail, "");
}

/* Validates sample's bundle against a trust file, expecting ret/reason. */
static void check_sample(const struct sample_chain *sample,
			 const char *bundle, const char *trust_folder,
			 const char *trust_file, int ret,
			 enum spdm_reason reason)
{
	struct spdm_trust *trust = sample_trust(trust_folder, trust_file);
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = sample_slot_object(sample, bundle, &size);

	print_message("%s/%s against %s/%s\n", sample->folder, bundle,
		      trust_folder, trust_file);
	validate(&outcome, slot_object, size, &check);
	if (ret == 0)
		expect_success(&outcome);
	else
		expect_failure(&outcome, ret, reason);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
}

static void sample_chains_pass_with_own_ca(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		check_sample(&sample_chains[i],
			     "bundle_responder.certchain.der",
			     sample_chains[i].folder, "ca.cert.der", 0,
			     SPDM_REASON_NONE);
		check_sample(&sample_chains[i],
			     "bundle_responder.certchain1.der",
			     sample_chains[i].folder, "ca1.cert.der", 0,
			     SPDM_REASON_NONE);
	}
}

static void sample_chain_parsed_fields(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		const struct sample_chain *sample = &sample_chains[i];
		struct spdm_trust *trust = sample_trust(sample->folder,
							"ca.cert.der");
		struct spdm_chain_check check = sample_check(sample, trust);
		size_t size, leaf_size;
		uint8_t *slot_object = sample_slot_object(
			sample, "bundle_responder.certchain.der", &size);
		uint8_t *leaf = testdata_sample_file(
		    sample->folder, "end_responder.cert.der", &leaf_size);
		struct outcome outcome;

		validate(&outcome, slot_object, size, &check);
		expect_success(&outcome);
		assert_int_equal(outcome.chain.cert_count, 3);
		assert_int_equal(outcome.chain.der_offset[0],
				 4 + sample->hash_size);
		assert_int_equal(outcome.chain.der_offset[2] +
					 outcome.chain.der_size[2],
				 size);
		assert_int_equal(outcome.chain.der_size[2], leaf_size);
		assert_memory_equal(slot_object + outcome.chain.der_offset[2],
				    leaf, leaf_size);
		assert_non_null(outcome.chain.leaf_key);
		assert_true(spdm_key_matches_algo(outcome.chain.leaf_key,
						  sample->base_asym_algo));

		spdm_cert_chain_clear(&outcome.chain);
		assert_int_equal(outcome.chain.cert_count, 0);
		assert_null(outcome.chain.leaf_key);
		spdm_trust_free(trust);
		free(leaf);
		free(slot_object);
	}
}

static void sample_chains_pass_without_trust(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		struct spdm_chain_check check =
			sample_check(&sample_chains[i], NULL);
		struct outcome outcome;
		size_t size;
		uint8_t *slot_object = sample_slot_object(
			&sample_chains[i], "bundle_responder.certchain.der",
			&size);

		validate(&outcome, slot_object, size, &check);
		expect_success(&outcome);
		spdm_cert_chain_clear(&outcome.chain);
		free(slot_object);
	}
}

static void other_ca_is_untrusted(void **state)
{
	/* The RSA sample roots share one subject name but not their keys. */
	static const struct {
		size_t chain;
		const char *trust_folder;
		const char *trust_file;
	} cases[] = {
		{ 0, "ecp384", "ca.cert.der" },
		{ 1, "ecp256", "ca.cert.der" },
		{ 2, "rsa4096", "ca.cert.der" },
		{ 3, "rsa3072", "ca.cert.der" },
		{ 4, "rsa2048", "ca.cert.der" },
		{ 5, "rsa3072", "ca.cert.der" },
		{ 6, "ecp256", "ca.cert.der" },
		/* Slot 1 has its own root. */
		{ 1, "ecp384", "ca1.cert.der" },
		/* An anchor below the first certificate does not count. */
		{ 1, "ecp384", "inter.cert.der" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		check_sample(&sample_chains[cases[i].chain],
			     "bundle_responder.certchain.der",
			     cases[i].trust_folder, cases[i].trust_file,
			     -EKEYREJECTED, SPDM_REASON_CHAIN_UNTRUSTED);
}

static void untrusted_detail_names_root(void **state)
{
	struct spdm_trust *trust = sample_trust("ecp384", "ca.cert.der");
	struct spdm_chain_check check = sample_check(&sample_chains[0], trust);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		&sample_chains[0], "bundle_responder.certchain.der", &size);

	validate(&outcome, slot_object, size, &check);
	assert_string_equal(outcome.detail,
			    "certificate 1 of 3 (CN=DMTF libspdm ECP256 CA): "
			    "neither a trust anchor nor issued by one (trust "
			    "store of 1)");
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
}

static void expired_chain_is_rejected(void **state)
{
	check_sample(&expiration_chain, "bundle_responder.certchain.der",
		     "rsa3072_Expiration", "ca.cert.der", -EKEYEXPIRED,
		     SPDM_REASON_CERT_EXPIRED);
}

static void check_at_time(const struct sample_chain *sample, time_t when,
			  const struct spdm_trust *trust, int ret,
			  enum spdm_reason reason)
{
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		sample, "bundle_responder.certchain.der", &size);

	check.check_time = when;
	validate(&outcome, slot_object, size, &check);
	if (ret == 0)
		expect_success(&outcome);
	else
		expect_failure(&outcome, ret, reason);
	spdm_cert_chain_clear(&outcome.chain);
	free(slot_object);
}

static void check_time_selects_validity(void **state)
{
	struct spdm_trust *trust = sample_trust("rsa3072_Expiration",
						"ca.cert.der");

	check_at_time(&expiration_chain, EXPIRATION_CHAIN_VALID_TIME, trust, 0,
		      SPDM_REASON_NONE);
	check_at_time(&expiration_chain, EXPIRATION_CHAIN_VALID_TIME, NULL, 0,
		      SPDM_REASON_NONE);
	/* Without trust anchors the validity times are still checked. */
	check_at_time(&expiration_chain, 0, NULL, -EKEYEXPIRED,
		      SPDM_REASON_CERT_EXPIRED);
	spdm_trust_free(trust);

	trust = sample_trust("ecp256", "ca.cert.der");
	check_at_time(&sample_chains[0], BEFORE_SAMPLES_TIME, trust,
		      -EKEYEXPIRED, SPDM_REASON_CERT_NOT_YET_VALID);
	check_at_time(&sample_chains[0], AFTER_SAMPLES_TIME, trust,
		      -EKEYEXPIRED, SPDM_REASON_CERT_EXPIRED);
	check_at_time(&sample_chains[0], BEFORE_SAMPLES_TIME, NULL,
		      -EKEYEXPIRED, SPDM_REASON_CERT_NOT_YET_VALID);
	spdm_trust_free(trust);
}

/* Concatenates sample files of one folder into a DER bundle. */
static uint8_t *sample_bundle(const char *folder, const char *const *names,
			      size_t count, size_t *size)
{
	uint8_t *bundle = NULL;

	*size = 0;
	for (size_t i = 0; i < count; i++) {
		size_t part_size;
		uint8_t *part =
		    testdata_sample_file(folder, names[i], &part_size);

		bundle = realloc(bundle, *size + part_size);
		assert_non_null(bundle);
		memcpy(bundle + *size, part, part_size);
		*size += part_size;
		free(part);
	}
	return bundle;
}

static void requester_leaf_has_wrong_role(void **state)
{
	static const char *const names[] = {
		"ca.cert.der", "inter.cert.der",
		"end_responder_with_spdm_req_eku.cert.der"
	};

	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		const struct sample_chain *sample = &sample_chains[i];
		struct spdm_trust *trust =
			sample_trust(sample->folder, "ca.cert.der");
		struct spdm_chain_check check = sample_check(sample, trust);
		struct outcome outcome;
		size_t der_size, size;
		uint8_t *der = sample_bundle(sample->folder, names, 3,
					     &der_size);
		uint8_t *slot_object = build_slot_object(
			sample->base_hash_algo, der, der_size, &size);

		validate(&outcome, slot_object, size, &check);
		expect_failure(&outcome, -EKEYREJECTED,
			       SPDM_REASON_LEAF_WRONG_ROLE);
		spdm_trust_free(trust);
		free(slot_object);
		free(der);
	}
}

static void wrong_role_detail_names_leaf(void **state)
{
	static const char *const names[] = {
		"ca.cert.der", "inter.cert.der",
		"end_responder_with_spdm_req_eku.cert.der"
	};
	struct spdm_chain_check check = sample_check(&sample_chains[0], NULL);
	struct outcome outcome;
	size_t der_size, size;
	uint8_t *der = sample_bundle("ecp256", names, 3, &der_size);
	uint8_t *slot_object =
		build_slot_object(SPDM_HASH_SHA_256, der, der_size, &size);

	validate(&outcome, slot_object, size, &check);
	assert_string_equal(outcome.detail,
			    "certificate 3 of 3 (CN=DMTF libspdm ECP256 "
			    "responder cert): extendedKeyUsage allows the "
			    "requester role only");
	spdm_cert_chain_clear(&outcome.chain);
	free(slot_object);
	free(der);
}

/* Flips one byte of the DER bundle at offset, then builds and validates. */
static void check_flipped_der_byte(const struct sample_chain *sample,
				   size_t offset, uint8_t mask, int ret,
				   enum spdm_reason reason)
{
	struct spdm_trust *trust = sample_trust(sample->folder, "ca.cert.der");
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;
	size_t der_size, size;
	uint8_t *der = testdata_sample_file(
	    sample->folder, "bundle_responder.certchain.der", &der_size);
	uint8_t *slot_object;

	assert_true(offset < der_size);
	der[offset] ^= mask;
	slot_object =
		build_slot_object(sample->base_hash_algo, der, der_size, &size);
	print_message("%s: byte %zu ^ 0x%02x\n", sample->folder, offset, mask);
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, ret, reason);
	spdm_trust_free(trust);
	free(slot_object);
	free(der);
}

static void flipped_certificate_byte_fails(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		const struct sample_chain *sample = &sample_chains[i];
		size_t root_size, der_size;
		uint8_t *root = testdata_sample_file(sample->folder,
						     "ca.cert.der", &root_size);
		uint8_t *der = testdata_sample_file(
		    sample->folder, "bundle_responder.certchain.der",
		    &der_size);

		/* The last byte of the leaf's signature. */
		check_flipped_der_byte(sample, der_size - 1, 0x01,
				       -EKEYREJECTED,
				       SPDM_REASON_CHAIN_INVALID);
		/* A byte of the root's subject key, before RootHash is made. */
		check_flipped_der_byte(sample, root_size / 2, 0x01,
				       -EKEYREJECTED,
				       SPDM_REASON_CHAIN_INVALID);
		/* The outer SEQUENCE tag of the intermediate. */
		check_flipped_der_byte(sample, root_size, 0x01, -EBADMSG,
				       SPDM_REASON_CHAIN_MALFORMED);
		free(root);
		free(der);
	}
}

static void check_slot_object(const struct sample_chain *sample,
			      const uint8_t *slot_object, size_t size,
			      int ret, enum spdm_reason reason)
{
	struct spdm_trust *trust = sample_trust(sample->folder, "ca.cert.der");
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;

	validate(&outcome, slot_object, size, &check);
	if (ret == 0)
		expect_success(&outcome);
	else
		expect_failure(&outcome, ret, reason);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
}

static void wrong_root_hash_fails(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(sample_chains); i++) {
		const struct sample_chain *sample = &sample_chains[i];
		size_t size, root_size;
		uint8_t *slot_object = sample_slot_object(
			sample, "bundle_responder.certchain.der", &size);
		uint8_t *root = testdata_sample_file(sample->folder,
						     "ca.cert.der", &root_size);

		slot_object[4 + sample->hash_size - 1] ^= 0x80;
		check_slot_object(sample, slot_object, size, -EBADMSG,
				  SPDM_REASON_ROOT_HASH_MISMATCH);
		slot_object[4 + sample->hash_size - 1] ^= 0x80;

		/* The root's last signature byte, flipped after RootHash. */
		slot_object[4 + sample->hash_size + root_size - 1] ^= 0x01;
		check_slot_object(sample, slot_object, size, -EBADMSG,
				  SPDM_REASON_ROOT_HASH_MISMATCH);
		free(root);
		free(slot_object);
	}
}

static void leaf_key_mismatch_fails(void **state)
{
	static const struct {
		size_t chain;
		uint32_t base_asym_algo;
	} cases[] = {
		{ 0, SPDM_ASYM_ECDSA_P384 },   { 1, SPDM_ASYM_ECDSA_P256 },
		{ 2, SPDM_ASYM_ECDSA_P384 },   { 3, SPDM_ASYM_RSASSA_3072 },
		{ 3, SPDM_ASYM_ECDSA_P256 },   { 4, SPDM_ASYM_RSAPSS_2048 },
		{ 5, SPDM_ASYM_RSAPSS_3072 },  { 6, SPDM_ASYM_EDDSA_ED448 },
		{ 6, SPDM_ASYM_ECDSA_P256 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sample_chain sample = sample_chains[cases[i].chain];
		size_t size;
		uint8_t *slot_object = sample_slot_object(
			&sample, "bundle_responder.certchain.der", &size);

		sample.base_asym_algo = cases[i].base_asym_algo;
		check_slot_object(&sample, slot_object, size, -EKEYREJECTED,
				  SPDM_REASON_LEAF_KEY_MISMATCH);
		free(slot_object);
	}
}

static void put_u16(uint8_t *data, uint16_t value)
{
	data[0] = (uint8_t)value;
	data[1] = (uint8_t)(value >> 8);
}

static void length_field_errors(void **state)
{
	const struct sample_chain *sample = &sample_chains[1];
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		sample, "bundle_responder.certchain.der", &size);

	check_slot_object(sample, slot_object, size, 0, SPDM_REASON_NONE);

	/* Truncated by one byte, Length unchanged. */
	check_slot_object(sample, slot_object, size - 1, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	/* Length claims one byte more and one byte less than there is. */
	put_u16(slot_object, (uint16_t)(size + 1));
	check_slot_object(sample, slot_object, size, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	put_u16(slot_object, (uint16_t)(size - 1));
	check_slot_object(sample, slot_object, size, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	/* Length and size agree, but the leaf is cut short. */
	check_slot_object(sample, slot_object, size - 1, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	/* Header and RootHash only, and less than that. */
	put_u16(slot_object, (uint16_t)(4 + sample->hash_size));
	check_slot_object(sample, slot_object, 4 + sample->hash_size,
			  -EBADMSG, SPDM_REASON_CHAIN_MALFORMED);
	put_u16(slot_object, 3);
	check_slot_object(sample, slot_object, 3, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	put_u16(slot_object, (uint16_t)size);

	/* Reserved must be 0. */
	slot_object[3] = 0x01;
	check_slot_object(sample, slot_object, size, -EPROTO,
			  SPDM_REASON_CHAIN_MALFORMED);
	free(slot_object);
}

static void trailing_byte_is_malformed(void **state)
{
	const struct sample_chain *sample = &sample_chains[0];
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		sample, "bundle_responder.certchain.der", &size);
	uint8_t *longer = malloc(size + 1);

	assert_non_null(longer);
	memcpy(longer, slot_object, size);
	longer[size] = 0x30;
	put_u16(longer, (uint16_t)(size + 1));
	check_slot_object(sample, longer, size + 1, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	free(longer);
	free(slot_object);
}

/* A certificate whose DER length runs past the end of the object. */
static void lying_der_length_is_malformed(void **state)
{
	const struct sample_chain *sample = &sample_chains[0];
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		sample, "bundle_responder.certchain.der", &size);
	size_t first = 4 + sample->hash_size;

	/* 30 82 xx yy: raise the root's length far past the end. */
	assert_int_equal(slot_object[first], 0x30);
	assert_int_equal(slot_object[first + 1], 0x82);
	slot_object[first + 2] = 0x7f;
	check_slot_object(sample, slot_object, size, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	/* Indefinite length, which DER forbids. */
	slot_object[first + 1] = 0x80;
	check_slot_object(sample, slot_object, size, -EBADMSG,
			  SPDM_REASON_CHAIN_MALFORMED);
	free(slot_object);
}

static void too_many_certificates(void **state)
{
	const struct sample_chain *sample = &sample_chains[0];
	size_t leaf_size, der_size = 0, size;
	uint8_t *leaf = testdata_sample_file(
	    sample->folder, "end_responder.cert.der", &leaf_size);
	uint8_t *der = malloc(leaf_size * (SPDM_MAX_CHAIN_CERTS + 1));
	uint8_t *slot_object;
	struct outcome outcome;
	struct spdm_chain_check check = sample_check(sample, NULL);

	assert_non_null(der);
	for (int i = 0; i < SPDM_MAX_CHAIN_CERTS + 1; i++) {
		memcpy(der + der_size, leaf, leaf_size);
		der_size += leaf_size;
	}
	slot_object =
		build_slot_object(sample->base_hash_algo, der, der_size, &size);
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, -EBADMSG, SPDM_REASON_CHAIN_MALFORMED);
	assert_non_null(strstr(outcome.detail, "more than 16 certificates"));
	free(slot_object);
	free(der);
	free(leaf);
}

static void alias_model_rejects_hardware_identity(void **state)
{
	const struct sample_chain *sample = &sample_chains[0];
	struct spdm_chain_check check = sample_check(sample, NULL);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		sample, "bundle_responder.certchain.der", &size);

	check.alias_cert_model = true;
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, -EKEYREJECTED, SPDM_REASON_LEAF_INVALID);
	assert_non_null(strstr(outcome.detail, "hardware identity"));
	free(slot_object);
}

/* A chain that starts below the root; RootHash names the root. */
static void chain_without_root(void **state)
{
	static const char *const names[] = { "inter.cert.der",
					      "end_responder.cert.der" };
	const struct sample_chain *sample = &sample_chains[1];
	struct spdm_trust *trust = sample_trust(sample->folder, "ca.cert.der");
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;
	size_t der_size, root_size, size;
	uint8_t *der = sample_bundle(sample->folder, names, 2, &der_size);
	uint8_t *root =
	    testdata_sample_file(sample->folder, "ca.cert.der", &root_size);
	uint8_t *slot_object =
		build_slot_object(sample->base_hash_algo, der, der_size, &size);

	/* spdm_cert_chain_build() hashed the intermediate. */
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, -EBADMSG, SPDM_REASON_ROOT_HASH_MISMATCH);

	assert_int_equal(spdm_hash(sample->base_hash_algo, root, root_size,
				   slot_object + 4),
			 0);
	validate(&outcome, slot_object, size, &check);
	expect_success(&outcome);
	assert_int_equal(outcome.chain.cert_count, 2);
	spdm_cert_chain_clear(&outcome.chain);

	/* Without trust there is nothing to compare RootHash with. */
	check.trust = NULL;
	validate(&outcome, slot_object, size, &check);
	expect_success(&outcome);
	spdm_cert_chain_clear(&outcome.chain);

	spdm_trust_free(trust);
	free(slot_object);
	free(root);
	free(der);
}

/* An intermediate as the only anchor (X509_V_FLAG_PARTIAL_CHAIN). */
static void intermediate_anchor_for_leaf(void **state)
{
	static const char *const names[] = { "end_responder.cert.der" };
	const struct sample_chain *sample = &sample_chains[1];
	struct spdm_trust *trust =
		sample_trust(sample->folder, "inter.cert.der");
	struct spdm_chain_check check = sample_check(sample, trust);
	struct outcome outcome;
	size_t der_size, size;
	uint8_t *der = sample_bundle(sample->folder, names, 1, &der_size);
	uint8_t *slot_object =
		build_slot_object(sample->base_hash_algo, der, der_size, &size);

	validate(&outcome, slot_object, size, &check);
	expect_success(&outcome);
	assert_int_equal(outcome.chain.cert_count, 1);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
	free(der);
}

static void unknown_algorithms_rejected(void **state)
{
	struct spdm_chain_check check = sample_check(&sample_chains[0], NULL);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		&sample_chains[0], "bundle_responder.certchain.der", &size);

	check.base_hash_algo = 0;
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, -EINVAL, SPDM_REASON_UNSUPPORTED_ALGORITHM);

	check.base_hash_algo = SPDM_HASH_SHA_256;
	check.base_asym_algo = SPDM_ASYM_SM2_P256;
	validate(&outcome, slot_object, size, &check);
	expect_failure(&outcome, -EINVAL, SPDM_REASON_UNSUPPORTED_ALGORITHM);
	free(slot_object);

	assert_int_equal(spdm_cert_chain_validate(NULL, NULL, 0, &check,
						  &outcome.reason, NULL, 0),
			 -EINVAL);
}

/*
 * The slot object libspdm's responder sent for slot 0 in a recorded
 * conversation: header, RootHash and DER are what spdm_cert_chain_build()
 * makes from the same certificates, and DIGESTS carries its SHA-384.
 */
static void build_matches_recorded_slot_object(void **state)
{
	struct conversation conversation;
	uint8_t recorded[4096];
	size_t recorded_size = 0;
	uint8_t digest[48];
	size_t size;
	uint8_t *slot_object = sample_slot_object(
		&sample_chains[1], "bundle_responder.certchain.der", &size);
	size_t digests, index;

	conversation_load(&conversation, "conversations/spdm-1.2-p384.txt");
	digests = conversation_find(&conversation, SPDM_DIGESTS, 0);
	/* Slot 0's portions follow the first GET_CERTIFICATE for slot 0. */
	index = conversation_find(&conversation, SPDM_CERTIFICATE, digests);
	while (index < conversation.count &&
	       conversation.messages[index].data[1] == SPDM_CERTIFICATE &&
	       conversation.messages[index].data[2] == 0) {
		const struct conversation_message *portion =
			&conversation.messages[index];
		size_t portion_length = portion->data[4] |
					(size_t)portion->data[5] << 8;

		assert_true(recorded_size + portion_length <= sizeof(recorded));
		memcpy(recorded + recorded_size, portion->data + 8,
		       portion_length);
		recorded_size += portion_length;
		index += 2;
	}

	assert_int_equal(recorded_size, size);
	assert_memory_equal(slot_object, recorded, size);
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, slot_object, size,
				   digest),
			 0);
	assert_memory_equal(digest, conversation.messages[digests].data + 4,
			    sizeof(digest));
	conversation_free(&conversation);
	free(slot_object);
}

static void build_rejects_bad_input(void **state)
{
	static const uint8_t not_der[] = { 0x31, 0x03, 0x02, 0x01, 0x00 };
	size_t leaf_size, size;
	uint8_t *leaf = testdata_sample_file("ecp256", "end_responder.cert.der",
					     &leaf_size);
	size_t count = 0xffff / leaf_size + 1;
	uint8_t *big = malloc(leaf_size * count);
	uint8_t *slot_object = NULL;

	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_256, not_der,
					       sizeof(not_der), &slot_object,
					       &size),
			 -EBADMSG);
	assert_int_equal(spdm_cert_chain_build(0, leaf, leaf_size,
					       &slot_object, &size),
			 -EINVAL);
	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_256, leaf, 0,
					       &slot_object, &size),
			 -EINVAL);

	assert_non_null(big);
	for (size_t i = 0; i < count; i++)
		memcpy(big + i * leaf_size, leaf, leaf_size);
	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_256, big,
					       leaf_size * count, &slot_object,
					       &size),
			 -E2BIG);
	/* Exactly 0xffff bytes still fit. */
	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_256, big,
					       0xffff - 4 - 32, &slot_object,
					       &size),
			 0);
	assert_int_equal(size, 0xffff);
	assert_int_equal(slot_object[0], 0xff);
	assert_int_equal(slot_object[1], 0xff);
	free(slot_object);
	free(big);
	free(leaf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_chains_pass_with_own_ca),
		cmocka_unit_test(sample_chain_parsed_fields),
		cmocka_unit_test(sample_chains_pass_without_trust),
		cmocka_unit_test(other_ca_is_untrusted),
		cmocka_unit_test(untrusted_detail_names_root),
		cmocka_unit_test(expired_chain_is_rejected),
		cmocka_unit_test(check_time_selects_validity),
		cmocka_unit_test(requester_leaf_has_wrong_role),
		cmocka_unit_test(wrong_role_detail_names_leaf),
		cmocka_unit_test(flipped_certificate_byte_fails),
		cmocka_unit_test(wrong_root_hash_fails),
		cmocka_unit_test(leaf_key_mismatch_fails),
		cmocka_unit_test(length_field_errors),
		cmocka_unit_test(trailing_byte_is_malformed),
		cmocka_unit_test(lying_der_length_is_malformed),
		cmocka_unit_test(too_many_certificates),
		cmocka_unit_test(alias_model_rejects_hardware_identity),
		cmocka_unit_test(chain_without_root),
		cmocka_unit_test(intermediate_anchor_for_leaf),
		cmocka_unit_test(unknown_algorithms_rejected),
		cmocka_unit_test(build_matches_recorded_slot_object),
		cmocka_unit_test(build_rejects_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
