// SPDX-License-Identifier: BSD-3-Clause
/*
 * Certificate chain validation against trust anchors in one pass: the
 * anchored flag, allow_unanchored, the first certificate taken from the
 * trust store, and the order of integrity and anchoring failures.
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

#include <openssl/x509v3.h>

#include <spdm/cert_chain.h>
#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "../../../lib/spdm/crypto/cert_internal.h"
#include "testdata.h"

#define DETAIL_SIZE 256

struct outcome {
	int ret;
	enum spdm_reason reason;
	char detail[DETAIL_SIZE];
	struct spdm_cert_chain chain;
};

/* Concatenates sample certificates into DER, root first. */
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

static uint8_t *slot_object_of(const uint8_t *der, size_t der_size,
			       size_t *size)
{
	uint8_t *slot_object = NULL;

	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_384, der,
					       der_size, &slot_object, size),
			 0);
	return slot_object;
}

static uint8_t *p384_slot_object(size_t *size)
{
	size_t der_size;
	uint8_t *der = testdata_sample_file(
	    "ecp384", "bundle_responder.certchain.der", &der_size);
	uint8_t *slot_object = slot_object_of(der, der_size, size);

	free(der);
	return slot_object;
}

static struct spdm_trust *trust_of(const char *folder, const char *name)
{
	struct spdm_trust *trust;
	size_t size;
	uint8_t *der = testdata_sample_file(folder, name, &size);

	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_add_der(trust, der, size), 0);
	free(der);
	return trust;
}

static struct spdm_chain_check p384_check(const struct spdm_trust *trust,
					  bool allow_unanchored)
{
	struct spdm_chain_check check = {
		.base_hash_algo = SPDM_HASH_SHA_384,
		.base_asym_algo = SPDM_ASYM_ECDSA_P384,
		.trust = trust,
		.allow_unanchored = allow_unanchored,
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
	print_message("ret %d, reason %s: %s\n", outcome->ret,
		      spdm_reason_name(outcome->reason), outcome->detail);
}

static void anchored_with_own_root(void **state)
{
	struct spdm_trust *trust = trust_of("ecp384", "ca.cert.der");
	struct spdm_chain_check check = p384_check(trust, true);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = p384_slot_object(&size);

	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_int_equal(outcome.reason, SPDM_REASON_NONE);
	assert_string_equal(outcome.detail, "");
	assert_true(outcome.chain.anchored);
	assert_non_null(outcome.chain.leaf_key);
	spdm_cert_chain_clear(&outcome.chain);
	assert_false(outcome.chain.anchored);

	check.allow_unanchored = false;
	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_true(outcome.chain.anchored);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
}

static void unanchored_passes_when_allowed(void **state)
{
	struct spdm_trust *trust = trust_of("ecp256", "ca.cert.der");
	struct spdm_chain_check check = p384_check(trust, true);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = p384_slot_object(&size);

	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_false(outcome.chain.anchored);
	assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_UNTRUSTED);
	assert_string_equal(outcome.detail,
			    "certificate 1 of 3 (CN=DMTF libspdm ECP384 CA): "
			    "neither a trust anchor nor issued by one (trust "
			    "store of 1)");
	/* The chain is sound, so its leaf key is there to check signatures. */
	assert_non_null(outcome.chain.leaf_key);
	spdm_cert_chain_clear(&outcome.chain);

	check.allow_unanchored = false;
	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_UNTRUSTED);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
}

/* A broken leaf signature counts before the missing anchor. */
static void integrity_failure_comes_first(void **state)
{
	struct spdm_trust *trust = trust_of("ecp256", "ca.cert.der");
	struct outcome outcome;
	size_t der_size, size;
	uint8_t *der = testdata_sample_file(
	    "ecp384", "bundle_responder.certchain.der", &der_size);
	uint8_t *slot_object;

	der[der_size - 1] ^= 0x01;
	slot_object = slot_object_of(der, der_size, &size);
	for (int allow = 0; allow <= 1; allow++) {
		struct spdm_chain_check check = p384_check(trust, allow);

		validate(&outcome, slot_object, size, &check);
		assert_int_equal(outcome.ret, -EKEYREJECTED);
		assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_INVALID);
		assert_string_equal(
			outcome.detail,
			"certificate 3 of 3 (CN=DMTF libspdm ECP384 responder "
			"cert): signature does not verify with the key of "
			"certificate 2");
		spdm_cert_chain_clear(&outcome.chain);
	}
	spdm_trust_free(trust);
	free(slot_object);
	free(der);
}

/* A root that is a trust anchor, byte for byte, is not parsed again. */
static void first_certificate_is_the_anchor(void **state)
{
	struct spdm_trust *trust = trust_of("ecp384", "ca.cert.der");
	struct spdm_chain_check check = p384_check(trust, false);
	struct outcome outcome;
	size_t size;
	uint8_t *slot_object = p384_slot_object(&size);

	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_ptr_equal(outcome.chain.certs[0], spdm_trust_anchor(trust, 0));
	assert_ptr_not_equal(outcome.chain.certs[1],
			     spdm_trust_anchor(trust, 0));
	/* The chain holds its own reference: it outlives the trust store. */
	spdm_trust_free(trust);
	assert_int_equal(X509_check_ca(outcome.chain.certs[0]), 1);
	spdm_cert_chain_clear(&outcome.chain);
	free(slot_object);
}

/*
 * The self-signature of an anchor is checked when the anchor is added,
 * and a chain whose root is that anchor still fails on a bad one.
 */
static void anchor_with_bad_self_signature(void **state)
{
	struct spdm_trust *trust;
	struct outcome outcome;
	size_t root_size, der_size, size;
	uint8_t *root =
	    testdata_sample_file("ecp384", "ca.cert.der", &root_size);
	uint8_t *der = testdata_sample_file(
	    "ecp384", "bundle_responder.certchain.der", &der_size);
	uint8_t *slot_object;
	struct spdm_chain_check check;

	/* The last byte of the root's signature, in both copies. */
	root[root_size - 1] ^= 0x01;
	der[root_size - 1] ^= 0x01;
	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_add_der(trust, root, root_size), 0);
	slot_object = slot_object_of(der, der_size, &size);
	check = p384_check(trust, true);

	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_INVALID);
	assert_string_equal(outcome.detail,
			    "certificate 1 of 3 (CN=DMTF libspdm ECP384 CA): "
			    "self-signature does not verify");
	spdm_cert_chain_clear(&outcome.chain);

	/* Without trust the same root is parsed and checked on its own. */
	check.trust = NULL;
	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_INVALID);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
	free(root);
	free(der);
}

/*
 * The RSA sample roots share one subject name, and the intermediates name
 * no authority key identifier: another RSA root matches by name, but its
 * signature on the intermediate does not verify.
 */
static void same_name_anchor_did_not_sign(void **state)
{
	static const char *const names[] = { "inter.cert.der",
					     "end_responder.cert.der" };
	struct spdm_trust *trust = trust_of("rsa4096", "ca.cert.der");
	struct spdm_chain_check check = {
		.base_hash_algo = SPDM_HASH_SHA_384,
		.base_asym_algo = SPDM_ASYM_RSASSA_2048,
		.trust = trust,
	};
	struct outcome outcome;
	size_t der_size, size;
	uint8_t *der = sample_bundle("rsa2048", names, 2, &der_size);
	uint8_t *slot_object = slot_object_of(der, der_size, &size);

	for (int allow = 0; allow <= 1; allow++) {
		check.allow_unanchored = allow;
		validate(&outcome, slot_object, size, &check);
		assert_int_equal(outcome.ret, allow ? 0 : -EKEYREJECTED);
		assert_false(outcome.chain.anchored);
		assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_UNTRUSTED);
		assert_string_equal(
			outcome.detail,
			"certificate 1 of 2 (CN=DMTF libspdm RSA intermediate "
			"cert): neither a trust anchor nor issued by one "
			"(trust store of 1)");
		spdm_cert_chain_clear(&outcome.chain);
	}
	spdm_trust_free(trust);
	free(slot_object);
	free(der);
}

/* An anchor outside the chain: the chain is anchored through it. */
static void root_outside_chain_is_anchored(void **state)
{
	static const char *const names[] = { "inter.cert.der",
					     "end_responder.cert.der" };
	struct spdm_trust *trust = trust_of("ecp384", "ca.cert.der");
	struct spdm_chain_check check = p384_check(trust, true);
	struct outcome outcome;
	size_t der_size, root_size, size;
	uint8_t *der = sample_bundle("ecp384", names, 2, &der_size);
	uint8_t *root =
	    testdata_sample_file("ecp384", "ca.cert.der", &root_size);
	uint8_t *slot_object = slot_object_of(der, der_size, &size);

	/* RootHash names the intermediate, not the anchor. */
	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_false(outcome.chain.anchored);
	assert_int_equal(outcome.reason, SPDM_REASON_ROOT_HASH_MISMATCH);
	spdm_cert_chain_clear(&outcome.chain);

	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, root, root_size,
				   slot_object + 4),
			 0);
	validate(&outcome, slot_object, size, &check);
	assert_int_equal(outcome.ret, 0);
	assert_true(outcome.chain.anchored);
	assert_int_equal(outcome.reason, SPDM_REASON_NONE);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(trust);
	free(slot_object);
	free(root);
	free(der);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchored_with_own_root),
		cmocka_unit_test(unanchored_passes_when_allowed),
		cmocka_unit_test(integrity_failure_comes_first),
		cmocka_unit_test(first_certificate_is_the_anchor),
		cmocka_unit_test(anchor_with_bad_self_signature),
		cmocka_unit_test(same_name_anchor_did_not_sign),
		cmocka_unit_test(root_outside_chain_is_anchored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
