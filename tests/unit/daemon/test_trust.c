// SPDX-License-Identifier: BSD-3-Clause
/*
 * The verdict of an attestation under each trust policy, the pin key and
 * digest, and the state published from a verdict. Chains come from the
 * DMTF sample keys in SPDM_TESTDATA.
 */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <spdm/wire.h>

#include "fileio.h"
#include "status.h"
#include "trust.h"

/* openssl dgst -sha384 of the two DER bundles. */
static const char chain0_sha384[] =
    "7068f622f35be7e62cbcbc1931b669aaef0f6e76c248aafe02262164493bc720"
    "1930c38f8c27ece27ba54dfa5f32cf58";
static const char chain1_sha384[] =
    "093312cd604f10438915f1670118654a4164f88477708b773ec3e2a3605e674b"
    "229b2d3686915b291acfb564fb31f178";

struct chains {
	uint8_t *slot_object[2];
	size_t size[2];
	char dir[64];
};

static void load_chain(const char *file, uint8_t **slot_object, size_t *size)
{
	const char *testdata = getenv("SPDM_TESTDATA");
	char path[512];
	char *der;
	size_t length;

	assert_non_null(testdata);
	snprintf(path, sizeof(path), "%s/dmtf-sample-keys/ecp384/%s", testdata,
		 file);
	assert_int_equal(file_read(path, 1 << 20, &der, &length), 0);
	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_384,
					       (const uint8_t *)der, length,
					       slot_object, size),
			 0);
	free(der);
}

static int setup(void **state)
{
	struct chains *chains = calloc(1, sizeof(*chains));

	if (!chains)
		return -1;
	load_chain("bundle_responder.certchain.der", &chains->slot_object[0],
		   &chains->size[0]);
	load_chain("bundle_responder.certchain1.der", &chains->slot_object[1],
		   &chains->size[1]);
	snprintf(chains->dir, sizeof(chains->dir), "/tmp/spdmd-trust-XXXXXX");
	if (!mkdtemp(chains->dir))
		return -1;
	*state = chains;
	return 0;
}

static int teardown(void **state)
{
	struct chains *chains = *state;
	DIR *stream = opendir(chains->dir);
	struct dirent *entry;
	char path[512];

	while (stream && (entry = readdir(stream))) {
		if (entry->d_name[0] == '.' &&
		    (entry->d_name[1] == '\0' || entry->d_name[1] == '.'))
			continue;
		snprintf(path, sizeof(path), "%s/%s", chains->dir,
			 entry->d_name);
		unlink(path);
	}
	if (stream)
		closedir(stream);
	rmdir(chains->dir);
	free(chains->slot_object[0]);
	free(chains->slot_object[1]);
	free(chains);
	return 0;
}

/* A result as the requester gives it when only the anchor is missing. */
static void result_unanchored(struct spdm_result *result, uint8_t *chain,
			      size_t size)
{
	memset(result, 0, sizeof(*result));
	result->done = true;
	result->reason = SPDM_REASON_CHAIN_UNTRUSTED;
	snprintf(result->detail, sizeof(result->detail),
		 "slot 0 chain: no trust anchor configured");
	result->version = SPDM_VERSION_12;
	result->version_entry = 0x1200;
	result->base_asym_algo = SPDM_ASYM_ECDSA_P384;
	result->base_hash_algo = SPDM_HASH_SHA_384;
	result->measurement_hash_algo = SPDM_MEAS_HASH_SHA_384;
	result->slot_mask = 0x01;
	result->cert_chain = chain;
	result->cert_chain_size = size;
	result->chain_valid = true;
	result->challenge_verified = true;
	result->possession_proven = true;
}

static void hex(const uint8_t *bytes, size_t size, char *out)
{
	for (size_t i = 0; i < size; i++)
		sprintf(out + 2 * i, "%02x", bytes[i]);
}

static void chain_digest_known_answer(void **state)
{
	struct chains *chains = *state;
	struct spdm_result result;
	uint8_t digest[PIN_DIGEST_SIZE];
	char text[2 * PIN_DIGEST_SIZE + 1];

	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	assert_int_equal(trust_chain_digest(&result, digest), 0);
	hex(digest, sizeof(digest), text);
	assert_string_equal(text, chain0_sha384);

	result_unanchored(&result, chains->slot_object[1], chains->size[1]);
	assert_int_equal(trust_chain_digest(&result, digest), 0);
	hex(digest, sizeof(digest), text);
	assert_string_equal(text, chain1_sha384);

	result.cert_chain = NULL;
	assert_int_equal(trust_chain_digest(&result, digest), -EINVAL);
}

static void pin_key_prefers_uuid(void **state)
{
	char key[PIN_MAX_KEY + 1];

	trust_pin_key("GPU_0", "8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7", key,
		      sizeof(key));
	assert_string_equal(key, "uuid:8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7");
	trust_pin_key("GPU_0", "", key, sizeof(key));
	assert_string_equal(key, "name:GPU_0");
	trust_pin_key("GPU_0", NULL, key, sizeof(key));
	assert_string_equal(key, "name:GPU_0");
	/* Not a UUID: the name is the key. */
	trust_pin_key("GPU_0", "not a uuid", key, sizeof(key));
	assert_string_equal(key, "name:GPU_0");
}

static void tofu_pins_then_detects_change(void **state)
{
	struct chains *chains = *state;
	struct trust trust = {.policy = TRUST_POLICY_TOFU};
	struct spdm_result result;
	struct verdict verdict;
	char *text;
	size_t length;
	char path[128];

	assert_int_equal(trust_open_pins(&trust, chains->dir), 0);
	assert_null(trust_requester_anchors(&trust));

	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_true(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_NONE);
	assert_true(verdict.pinned_now);

	snprintf(path, sizeof(path), "%s/pins", chains->dir);
	assert_int_equal(file_read(path, 4096, &text, &length), 0);
	assert_non_null(strstr(text, "name:dev 0 "));
	assert_non_null(strstr(text, chain0_sha384));
	free(text);

	/* The same chain again passes without a new pin. */
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_true(verdict.passed);
	assert_false(verdict.pinned_now);

	/* Another chain for the same key is never pinned over the first. */
	result_unanchored(&result, chains->slot_object[1], chains->size[1]);
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_CHAIN_CHANGED);
	assert_non_null(strstr(verdict.detail, "name:dev"));
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_int_equal(verdict.reason, SPDM_REASON_CHAIN_CHANGED);

	/* Another endpoint may present it. */
	trust_decide(&trust, "name:other", &result, &verdict);
	assert_true(verdict.passed);
	trust_clear(&trust);
}

static void tofu_needs_possession(void **state)
{
	struct chains *chains = *state;
	struct trust trust = {.policy = TRUST_POLICY_TOFU};
	struct spdm_result result;
	struct verdict verdict;

	assert_int_equal(trust_open_pins(&trust, chains->dir), 0);
	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	result.possession_proven = false;
	result.reason = SPDM_REASON_SIGNATURE_INVALID;
	snprintf(result.detail, sizeof(result.detail), "CHALLENGE_AUTH: bad");
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_SIGNATURE_INVALID);
	assert_string_equal(verdict.detail, "CHALLENGE_AUTH: bad");
	assert_false(verdict.pinned_now);
	/* Nothing was pinned, so a later good attestation pins. */
	assert_int_equal(trust.pins.list.count, 0);

	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	result.chain_valid = false;
	result.reason = SPDM_REASON_CHAIN_INVALID;
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_CHAIN_INVALID);
	assert_int_equal(trust.pins.list.count, 0);
	trust_clear(&trust);
}

static void tofu_unusable_store_fails(void **state)
{
	struct chains *chains = *state;
	struct trust trust = {.policy = TRUST_POLICY_TOFU};
	struct spdm_result result;
	struct verdict verdict;

	assert_int_equal(file_replace(chains->dir, "pins", "garbage\n", 8), 0);
	assert_int_equal(trust_open_pins(&trust, chains->dir), 0);
	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_INTERNAL_ERROR);
	trust_clear(&trust);
}

static void anchored_follows_requester(void **state)
{
	struct chains *chains = *state;
	struct trust trust = {.policy = TRUST_POLICY_ANCHORED};
	struct spdm_result result;
	struct verdict verdict;

	/* Without an anchor the requester's chain-untrusted is kept. */
	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_CHAIN_UNTRUSTED);

	result.verified = true;
	result.chain_anchored = true;
	result.reason = SPDM_REASON_NONE;
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_true(verdict.passed);
	assert_false(verdict.pinned_now);

	/* A verified flag without its grounds fails closed. */
	result.chain_anchored = false;
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_INTERNAL_ERROR);
	result.chain_anchored = true;
	result.possession_proven = false;
	trust_decide(&trust, "name:dev", &result, &verdict);
	assert_false(verdict.passed);
	assert_int_equal(verdict.reason, SPDM_REASON_INTERNAL_ERROR);
}

static void set_verdict(struct verdict *verdict, bool passed,
			enum spdm_reason reason)
{
	memset(verdict, 0, sizeof(*verdict));
	verdict->passed = passed;
	verdict->reason = reason;
}

static void status_verification_rules(void **state)
{
	struct chains *chains = *state;
	struct endpoint_status status = {0};
	struct spdm_result result, early;
	struct verdict verdict;

	assert_int_equal(status.verification, VERIFICATION_UNKNOWN);

	/* Unreachable before any success: Unknown. */
	memset(&early, 0, sizeof(early));
	set_verdict(&verdict, false, SPDM_REASON_TIMEOUT);
	status_apply(&status, &early, &verdict, 1000);
	assert_int_equal(status.state, ENDPOINT_UNREACHABLE);
	assert_int_equal(status.verification, VERIFICATION_UNKNOWN);
	assert_int_equal(status.last_updated_ms, 1000);
	assert_int_equal(status.attestation_count, 1);

	result_unanchored(&result, chains->slot_object[0], chains->size[0]);
	set_verdict(&verdict, true, SPDM_REASON_NONE);
	status_apply(&status, &result, &verdict, 2000);
	assert_int_equal(status.state, ENDPOINT_VERIFIED);
	assert_int_equal(status.verification, VERIFICATION_SUCCESS);
	assert_int_equal(status.version_entry, 0x1200);
	assert_int_equal(status.chain_digest_size, 48);

	/* Unreachable after a success: Failed, negotiated values kept. */
	set_verdict(&verdict, false, SPDM_REASON_LINK_LOST);
	status_apply(&status, &early, &verdict, 3000);
	assert_int_equal(status.state, ENDPOINT_UNREACHABLE);
	assert_int_equal(status.verification, VERIFICATION_FAILED);
	assert_int_equal(status.version_entry, 0x1200);
	assert_int_equal(status.base_hash_algo, SPDM_HASH_SHA_384);
	assert_int_equal(status.attestation_count, 3);

	set_verdict(&verdict, false, SPDM_REASON_SIGNATURE_INVALID);
	status_apply(&status, &result, &verdict, 4000);
	assert_int_equal(status.state, ENDPOINT_FAILED);
	assert_int_equal(status.verification, VERIFICATION_FAILED);
	assert_int_equal(status.reason, SPDM_REASON_SIGNATURE_INVALID);
	status_clear_measurements(&status);
}

static void status_measurements_only_when_passed(void **state)
{
	/* Two DMTF blocks: index 1 (type 0x00) and index 2 (raw, 0x81). */
	static uint8_t record[] = {
	    0x01, 0x01, 0x07, 0x00, 0x00, 0x04, 0x00, 0xaa, 0xbb, 0xcc,
	    0xdd, 0x02, 0x01, 0x05, 0x00, 0x81, 0x02, 0x00, 0x11, 0x22,
	};
	struct endpoint_status status = {0};
	struct spdm_result result;
	struct verdict verdict;

	memset(&result, 0, sizeof(result));
	result.measurements.data = record;
	result.measurements.size = sizeof(record);
	result.measurements.block_count = 2;

	set_verdict(&verdict, false, SPDM_REASON_CHAIN_UNTRUSTED);
	status_apply(&status, &result, &verdict, 1);
	assert_int_equal(status.block_count, 0);

	set_verdict(&verdict, true, SPDM_REASON_NONE);
	status_apply(&status, &result, &verdict, 2);
	assert_int_equal(status.block_count, 2);
	assert_int_equal(status.blocks[0].index, 1);
	assert_int_equal(status.blocks[0].specification, 1);
	assert_int_equal(status.blocks[0].value_type, 0x00);
	assert_int_equal(status.blocks[0].value_size, 4);
	assert_memory_equal(status.blocks[0].value, &record[7], 4);
	assert_int_equal(status.blocks[1].index, 2);
	assert_int_equal(status.blocks[1].value_type, 0x81);
	assert_int_equal(status.blocks[1].value_size, 2);
	assert_memory_equal(status.blocks[1].value, &record[18], 2);
	/* The published copy does not depend on the result's buffer. */
	assert_ptr_not_equal(status.blocks[0].value, &record[7]);

	set_verdict(&verdict, false, SPDM_REASON_TIMEOUT);
	status_apply(&status, &result, &verdict, 3);
	assert_int_equal(status.block_count, 0);
	status_clear_measurements(&status);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(chain_digest_known_answer, setup,
					    teardown),
	    cmocka_unit_test(pin_key_prefers_uuid),
	    cmocka_unit_test_setup_teardown(tofu_pins_then_detects_change,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(tofu_needs_possession, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(tofu_unusable_store_fails, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(anchored_follows_requester, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(status_verification_rules, setup,
					    teardown),
	    cmocka_unit_test(status_measurements_only_when_passed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
