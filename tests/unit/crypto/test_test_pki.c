// SPDX-License-Identifier: BSD-3-Clause
/*
 * Validates the chains that scripts/gen-test-pki.sh writes into the build
 * folder ($SPDM_TEST_PKI), one folder per algorithm.
 */
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

struct family {
	const char *folder;
	const char *label;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	size_t signature_size;
};

/* The algorithms that gen-test-pki.sh makes by default. */
static const struct family families[] = {
	{ "ecp256", "ECP256", SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256, 64 },
	{ "ecp384", "ECP384", SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384, 96 },
	{ "ecp521", "ECP521", SPDM_ASYM_ECDSA_P521, SPDM_HASH_SHA_512, 132 },
	{ "rsa2048", "RSA2048", SPDM_ASYM_RSAPSS_2048, SPDM_HASH_SHA_256,
	  256 },
	{ "rsa3072", "RSA3072", SPDM_ASYM_RSASSA_3072, SPDM_HASH_SHA_384,
	  384 },
	{ "ed25519", "ED25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA_256,
	  64 },
	{ "ed448", "ED448", SPDM_ASYM_EDDSA_ED448, SPDM_HASH_SHA_512, 114 },
};

struct outcome {
	int ret;
	enum spdm_reason reason;
	char detail[256];
	struct spdm_cert_chain chain;
	size_t size;
};

static const char *pki_path(const struct family *family, const char *name)
{
	char relative[256];

	snprintf(relative, sizeof(relative), "%s/%s", family->folder, name);
	return test_path("SPDM_TEST_PKI", relative);
}

static struct spdm_trust *pki_trust(const struct family *family,
				    const char *name)
{
	struct spdm_trust *trust;

	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_add_file(trust, pki_path(family, name)), 0);
	return trust;
}

/* Validates a bundle of family against the anchor file trust_name. */
static void validate_bundle(struct outcome *outcome,
			    const struct family *family, const char *bundle,
			    const char *trust_name, bool alias_cert_model)
{
	struct spdm_trust *trust =
		trust_name ? pki_trust(family, trust_name) : NULL;
	struct spdm_chain_check check = {
		.base_hash_algo = family->base_hash_algo,
		.base_asym_algo = family->base_asym_algo,
		.trust = trust,
		.alias_cert_model = alias_cert_model,
	};
	size_t der_size;
	uint8_t *der = test_read_file(pki_path(family, bundle), &der_size);
	uint8_t *slot_object = NULL;

	assert_int_equal(spdm_cert_chain_build(family->base_hash_algo, der,
					       der_size, &slot_object,
					       &outcome->size),
			 0);
	outcome->ret = spdm_cert_chain_validate(
		&outcome->chain, slot_object, outcome->size, &check,
		&outcome->reason, outcome->detail, sizeof(outcome->detail));
	print_message("%s/%s: %d %s: %s\n", family->folder, bundle,
		      outcome->ret, spdm_reason_name(outcome->reason),
		      outcome->detail);
	spdm_trust_free(trust);
	free(slot_object);
	free(der);
}

static void expect(const struct family *family, const char *bundle,
		   const char *trust_name, int ret, enum spdm_reason reason)
{
	struct outcome outcome;

	validate_bundle(&outcome, family, bundle, trust_name, false);
	assert_string_equal(spdm_reason_name(outcome.reason),
			    spdm_reason_name(reason));
	assert_int_equal(outcome.ret, ret);
	spdm_cert_chain_clear(&outcome.chain);
}

static void main_chain_passes(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		struct outcome outcome;
		char expected[128];
		char subject[128];
		X509 *leaf;

		validate_bundle(&outcome, family,
				"bundle_responder.certchain.der", "ca.cert.der",
				false);
		assert_int_equal(outcome.ret, 0);
		assert_int_equal(outcome.chain.cert_count, 3);

		leaf = outcome.chain.certs[2];
		assert_int_equal(spdm_x509_name_string(
					 X509_get_subject_name(leaf), subject,
					 sizeof(subject)),
				 0);
		snprintf(expected, sizeof(expected),
			 "CN=spdmd test %s device,O=spdmd test", family->label);
		assert_string_equal(subject, expected);
		spdm_cert_chain_clear(&outcome.chain);
	}
}

/* The validated leaf key verifies a signature of end_responder.key. */
static void leaf_key_matches_private_key(void **state)
{
	static const uint8_t transcript[] = "A B C";

	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		uint8_t signature[SPDM_MAX_SIGNATURE_SIZE];
		struct outcome outcome;
		EVP_PKEY *key = spdm_load_private_key(
			pki_path(family, "end_responder.key"));

		assert_non_null(key);
		validate_bundle(&outcome, family,
				"bundle_responder.certchain.der", "ca.cert.der",
				false);
		assert_int_equal(outcome.ret, 0);
		assert_int_equal(spdm_sign(SPDM_VERSION_12,
					   family->base_asym_algo,
					   family->base_hash_algo,
					   SPDM_SIGN_CHALLENGE_AUTH, key,
					   transcript, sizeof(transcript),
					   signature, family->signature_size),
				 0);
		assert_int_equal(spdm_verify_signature(
					 SPDM_VERSION_12,
					 family->base_asym_algo,
					 family->base_hash_algo,
					 SPDM_SIGN_CHALLENGE_AUTH,
					 outcome.chain.leaf_key, transcript,
					 sizeof(transcript), signature,
					 family->signature_size),
				 0);
		spdm_cert_chain_clear(&outcome.chain);
		EVP_PKEY_free(key);
	}
}

static void leaf_variants_fail(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];

		expect(family, "bundle_responder_req_eku.certchain.der",
		       "ca.cert.der", -EKEYREJECTED,
		       SPDM_REASON_LEAF_WRONG_ROLE);
		expect(family, "bundle_responder_expired.certchain.der",
		       "ca.cert.der", -EKEYEXPIRED, SPDM_REASON_CERT_EXPIRED);
		expect(family, "bundle_responder_not_yet_valid.certchain.der",
		       "ca.cert.der", -EKEYEXPIRED,
		       SPDM_REASON_CERT_NOT_YET_VALID);
		expect(family,
		       "bundle_responder_no_digital_signature.certchain.der",
		       "ca.cert.der", -EKEYREJECTED, SPDM_REASON_LEAF_INVALID);
		expect(family, "bundle_responder_leaf_ca.certchain.der",
		       "ca.cert.der", -EKEYREJECTED, SPDM_REASON_LEAF_INVALID);
		/* Integrity-only mode checks validity times as well. */
		expect(family, "bundle_responder_expired.certchain.der", NULL,
		       -EKEYEXPIRED, SPDM_REASON_CERT_EXPIRED);
	}
}

static void untrusted_root_fails(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];

		expect(family, "bundle_responder_untrusted.certchain.der",
		       "ca.cert.der", -EKEYREJECTED,
		       SPDM_REASON_CHAIN_UNTRUSTED);
		expect(family, "bundle_responder_untrusted.certchain.der",
		       "ca_untrusted.cert.der", 0, SPDM_REASON_NONE);
		expect(family, "bundle_responder.certchain.der",
		       "ca_untrusted.cert.der", -EKEYREJECTED,
		       SPDM_REASON_CHAIN_UNTRUSTED);
	}
}

static void long_chain_passes(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		struct outcome outcome;

		validate_bundle(&outcome, family,
				"bundle_responder_long.certchain.der",
				"ca.cert.der", false);
		assert_int_equal(outcome.ret, 0);
		assert_int_equal(outcome.chain.cert_count, 5);
		assert_true(outcome.size > 4096);
		spdm_cert_chain_clear(&outcome.chain);
	}
}

/* Only OpenSSL's path validation checks the path length constraint. */
static void path_length_violation_fails(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		struct outcome outcome;

		validate_bundle(&outcome, family,
				"bundle_responder_long_pathlen.certchain.der",
				"ca.cert.der", false);
		assert_string_equal(spdm_reason_name(outcome.reason),
				    "chain-invalid");
		assert_int_equal(outcome.ret, -EKEYREJECTED);
		assert_non_null(strstr(outcome.detail, "path length"));
		spdm_cert_chain_clear(&outcome.chain);
	}
}

static void alias_model_leaves(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		struct outcome outcome;

		validate_bundle(&outcome, family,
				"bundle_responder_alias.certchain.der",
				"ca.cert.der", true);
		assert_int_equal(outcome.ret, 0);
		spdm_cert_chain_clear(&outcome.chain);

		validate_bundle(&outcome, family,
				"bundle_responder.certchain.der", "ca.cert.der",
				true);
		assert_string_equal(spdm_reason_name(outcome.reason),
				    "leaf-invalid");
		assert_int_equal(outcome.ret, -EKEYREJECTED);
		spdm_cert_chain_clear(&outcome.chain);
	}
}

/* Signs a copy of ca.cert.der with a new notBefore: the same root key. */
static struct spdm_trust *reissued_root(const struct family *family)
{
	X509 *root = test_load_cert(pki_path(family, "ca.cert.der"));
	EVP_PKEY *key = spdm_load_private_key(pki_path(family, "ca.key"));
	const EVP_MD *md = EVP_sha256();
	ASN1_TIME *not_before = ASN1_TIME_set(NULL, 1700000000);
	struct spdm_trust *trust;
	uint8_t *der = NULL;
	int der_size;

	/* EdDSA signs without a separate digest. */
	if (family->base_asym_algo &
	    (SPDM_ASYM_EDDSA_ED25519 | SPDM_ASYM_EDDSA_ED448))
		md = NULL;
	assert_non_null(key);
	assert_non_null(not_before);
	assert_int_equal(X509_set1_notBefore(root, not_before), 1);
	assert_true(X509_sign(root, key, md) > 0);
	der_size = i2d_X509(root, &der);
	assert_true(der_size > 0);

	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_add_der(trust, der, (size_t)der_size), 0);
	OPENSSL_free(der);
	ASN1_TIME_free(not_before);
	EVP_PKEY_free(key);
	X509_free(root);
	return trust;
}

/*
 * The chain carries the root while the trust store has a re-issued copy
 * (same name and key, other DER): the chain's root is issued by it.
 */
static void reissued_root_anchor_passes(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(families); i++) {
		const struct family *family = &families[i];
		struct spdm_trust *trust = reissued_root(family);
		struct spdm_chain_check check = {
			.base_hash_algo = family->base_hash_algo,
			.base_asym_algo = family->base_asym_algo,
			.trust = trust,
		};
		struct outcome outcome;
		size_t der_size;
		uint8_t *der = test_read_file(
			pki_path(family, "bundle_responder.certchain.der"),
			&der_size);
		uint8_t *slot_object = NULL;

		assert_int_equal(spdm_cert_chain_build(family->base_hash_algo,
						       der, der_size,
						       &slot_object,
						       &outcome.size),
				 0);
		outcome.ret = spdm_cert_chain_validate(
			&outcome.chain, slot_object, outcome.size, &check,
			&outcome.reason, outcome.detail,
			sizeof(outcome.detail));
		print_message("%s: %d %s\n", family->folder, outcome.ret,
			      outcome.detail);
		assert_string_equal(spdm_reason_name(outcome.reason), "none");
		assert_int_equal(outcome.ret, 0);
		spdm_cert_chain_clear(&outcome.chain);
		spdm_trust_free(trust);
		free(slot_object);
		free(der);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(main_chain_passes),
		cmocka_unit_test(leaf_key_matches_private_key),
		cmocka_unit_test(leaf_variants_fail),
		cmocka_unit_test(untrusted_root_fails),
		cmocka_unit_test(long_chain_passes),
		cmocka_unit_test(path_length_violation_fails),
		cmocka_unit_test(alias_model_leaves),
		cmocka_unit_test(reissued_root_anchor_passes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
