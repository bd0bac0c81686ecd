// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdm_cert_chain_validate_memo() accepts a chain again from the memo
 * only for the same bytes, trust store and settings, at a check time
 * inside every validity period. Anything else validates in full.
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

#define DETAIL_SIZE 256
/* 2040-01-01 00:00:00 UTC, after every DMTF sample certificate. */
#define AFTER_SAMPLES_TIME 2208988800

struct outcome {
	int ret;
	enum spdm_reason reason;
	char detail[DETAIL_SIZE];
	struct spdm_cert_chain chain;
};

struct fixture {
	struct spdm_chain_memo *memo;
	struct spdm_trust *trust;
	struct spdm_chain_check check;
	uint8_t *slot_object;
	size_t size;
};

static void add_anchor(struct spdm_trust *trust, const char *folder,
		       const char *name)
{
	size_t size;
	uint8_t *der = testdata_sample_file(folder, name, &size);

	assert_int_equal(spdm_trust_add_der(trust, der, size), 0);
	free(der);
}

/* The ECDSA P-384 sample chain, its own root as the only anchor. */
static int set_up(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t der_size;
	uint8_t *der;

	assert_non_null(f);
	assert_int_equal(spdm_chain_memo_new(&f->memo), 0);
	assert_int_equal(spdm_trust_new(&f->trust), 0);
	add_anchor(f->trust, "ecp384", "ca.cert.der");
	der = testdata_sample_file("ecp384", "bundle_responder.certchain.der",
				   &der_size);
	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_384, der,
					       der_size, &f->slot_object,
					       &f->size),
			 0);
	free(der);
	f->check.base_hash_algo = SPDM_HASH_SHA_384;
	f->check.base_asym_algo = SPDM_ASYM_ECDSA_P384;
	f->check.trust = f->trust;
	f->check.allow_unanchored = true;
	*state = f;
	return 0;
}

static int tear_down(void **state)
{
	struct fixture *f = *state;

	spdm_chain_memo_free(f->memo);
	spdm_trust_free(f->trust);
	free(f->slot_object);
	free(f);
	return 0;
}

static void validate(struct fixture *f, struct outcome *outcome)
{
	outcome->ret = spdm_cert_chain_validate_memo(
		f->memo, &outcome->chain, f->slot_object, f->size, &f->check,
		&outcome->reason, outcome->detail, sizeof(outcome->detail));
	print_message("ret %d, reason %s, %zu certificates parsed: %s\n",
		      outcome->ret, spdm_reason_name(outcome->reason),
		      outcome->chain.cert_count, outcome->detail);
}

/* Validates in full and expects the chain to be remembered. */
static void validate_first(struct fixture *f)
{
	struct outcome outcome;

	validate(f, &outcome);
	assert_int_equal(outcome.ret, 0);
	assert_int_equal(outcome.chain.cert_count, 3);
	assert_true(outcome.chain.anchored);
	spdm_cert_chain_clear(&outcome.chain);
}

/* Expects the outcome from the memo: nothing parsed. */
static void validate_remembered(struct fixture *f)
{
	struct outcome outcome;

	validate(f, &outcome);
	assert_int_equal(outcome.ret, 0);
	assert_int_equal(outcome.reason, SPDM_REASON_NONE);
	assert_string_equal(outcome.detail, "");
	assert_int_equal(outcome.chain.cert_count, 0);
	assert_true(outcome.chain.anchored);
	assert_non_null(outcome.chain.leaf_key);
	assert_true(spdm_key_matches_algo(outcome.chain.leaf_key,
					  SPDM_ASYM_ECDSA_P384));
	spdm_cert_chain_clear(&outcome.chain);
}

static void same_chain_is_remembered(void **state)
{
	struct fixture *f = *state;

	validate_first(f);
	assert_int_equal(spdm_chain_memo_hits(f->memo), 0);
	validate_remembered(f);
	validate_remembered(f);
	assert_int_equal(spdm_chain_memo_hits(f->memo), 2);
	assert_int_equal(spdm_chain_memo_hits(NULL), 0);
}

/* A changed byte is a different chain: its broken signature shows. */
static void changed_byte_validates_again(void **state)
{
	struct fixture *f = *state;
	struct outcome outcome;

	validate_first(f);
	f->slot_object[f->size - 1] ^= 0x01;
	validate(f, &outcome);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_INVALID);
	spdm_cert_chain_clear(&outcome.chain);

	/* A failure replaces nothing: the good chain is still remembered. */
	f->slot_object[f->size - 1] ^= 0x01;
	validate_remembered(f);
}

static void expired_time_validates_again(void **state)
{
	struct fixture *f = *state;
	struct outcome outcome;

	validate_first(f);
	f->check.check_time = AFTER_SAMPLES_TIME;
	validate(f, &outcome);
	assert_int_equal(outcome.ret, -EKEYEXPIRED);
	assert_int_equal(outcome.reason, SPDM_REASON_CERT_EXPIRED);
	spdm_cert_chain_clear(&outcome.chain);
}

static void settings_change_validates_again(void **state)
{
	struct fixture *f = *state;
	struct outcome outcome;

	validate_first(f);
	f->check.base_asym_algo = SPDM_ASYM_ECDSA_P256;
	validate(f, &outcome);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_LEAF_KEY_MISMATCH);
	spdm_cert_chain_clear(&outcome.chain);

	f->check.base_asym_algo = SPDM_ASYM_ECDSA_P384;
	validate_remembered(f);
	/* The sample leaf claims a hardware identity, which the AliasCert
	 * model forbids: a full validation finds it. */
	f->check.alias_cert_model = true;
	validate(f, &outcome);
	assert_int_equal(outcome.ret, -EKEYREJECTED);
	assert_int_equal(outcome.reason, SPDM_REASON_LEAF_INVALID);
	spdm_cert_chain_clear(&outcome.chain);
}

static void trust_change_validates_again(void **state)
{
	struct fixture *f = *state;
	struct spdm_trust *other;
	struct outcome outcome;

	validate_first(f);
	/* An anchor added to the same store. */
	add_anchor(f->trust, "ecp256", "ca.cert.der");
	validate_first(f);

	/* Another store with the same anchor. */
	assert_int_equal(spdm_trust_new(&other), 0);
	add_anchor(other, "ecp384", "ca.cert.der");
	f->check.trust = other;
	validate_first(f);

	/* No trust at all: integrity only, remembered as such. */
	f->check.trust = NULL;
	validate(f, &outcome);
	assert_int_equal(outcome.ret, 0);
	assert_int_equal(outcome.chain.cert_count, 3);
	assert_false(outcome.chain.anchored);
	spdm_cert_chain_clear(&outcome.chain);
	validate(f, &outcome);
	assert_int_equal(outcome.ret, 0);
	assert_int_equal(outcome.chain.cert_count, 0);
	assert_false(outcome.chain.anchored);
	spdm_cert_chain_clear(&outcome.chain);
	spdm_trust_free(other);
}

/* A chain that reaches no anchor is validated in full every time. */
static void unanchored_chain_is_not_remembered(void **state)
{
	struct fixture *f = *state;
	struct spdm_trust *other;
	struct outcome outcome;

	assert_int_equal(spdm_trust_new(&other), 0);
	add_anchor(other, "ecp256", "ca.cert.der");
	f->check.trust = other;
	for (int i = 0; i < 2; i++) {
		validate(f, &outcome);
		assert_int_equal(outcome.ret, 0);
		assert_int_equal(outcome.chain.cert_count, 3);
		assert_false(outcome.chain.anchored);
		assert_int_equal(outcome.reason, SPDM_REASON_CHAIN_UNTRUSTED);
		spdm_cert_chain_clear(&outcome.chain);
	}
	spdm_trust_free(other);
}

static void no_memo_validates_in_full(void **state)
{
	struct fixture *f = *state;
	struct outcome outcome;

	for (int i = 0; i < 2; i++) {
		outcome.ret = spdm_cert_chain_validate_memo(
			NULL, &outcome.chain, f->slot_object, f->size,
			&f->check, &outcome.reason, outcome.detail,
			sizeof(outcome.detail));
		assert_int_equal(outcome.ret, 0);
		assert_int_equal(outcome.chain.cert_count, 3);
		spdm_cert_chain_clear(&outcome.chain);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(same_chain_is_remembered,
						set_up, tear_down),
		cmocka_unit_test_setup_teardown(changed_byte_validates_again,
						set_up, tear_down),
		cmocka_unit_test_setup_teardown(expired_time_validates_again,
						set_up, tear_down),
		cmocka_unit_test_setup_teardown(
			settings_change_validates_again, set_up, tear_down),
		cmocka_unit_test_setup_teardown(trust_change_validates_again,
						set_up, tear_down),
		cmocka_unit_test_setup_teardown(
			unanchored_chain_is_not_remembered, set_up, tear_down),
		cmocka_unit_test_setup_teardown(no_memo_validates_in_full,
						set_up, tear_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
