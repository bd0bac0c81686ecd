// SPDX-License-Identifier: BSD-3-Clause
/*
 * The requester against the in-process responder core, with no I/O: SPDM
 * 1.0, 1.1 and 1.2 with each DMTF sample key family, the signed
 * measurement flow, faults of the device's fault plan, and the evidence of
 * each attestation verified again offline.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/conversation.h>
#include <spdm/crypto.h>
#include <spdm/responder.h>

#include "../crypto/testdata.h"
#include "script.h"

struct device {
	struct spdm_responder *responder;
	EVP_PKEY *key;
	uint8_t *chain[2];
	size_t chain_size[2];
	uint64_t clock_ms;
	struct spdm_trust *trust;
};

static uint64_t device_clock(void *data)
{
	const struct device *dev = data;

	return dev->clock_ms;
}

static void load_identity(struct device *dev, const char *key_set)
{
	char path[256];

	snprintf(path, sizeof(path), "dmtf-sample-keys/%s/end_responder.key",
		 key_set);
	dev->key = spdm_load_private_key(test_path("SPDM_TESTDATA", path));
	assert_non_null(dev->key);
	snprintf(path, sizeof(path),
		 "dmtf-sample-keys/%s/bundle_responder.certchain.der",
		 key_set);
	dev->chain[0] = testdata_read(path, &dev->chain_size[0]);
	snprintf(path, sizeof(path),
		 "dmtf-sample-keys/%s/bundle_responder.certchain1.der",
		 key_set);
	dev->chain[1] = testdata_read(path, &dev->chain_size[1]);
	snprintf(path, sizeof(path), "dmtf-sample-keys/%s/ca.cert.der",
		 key_set);
	assert_int_equal(spdm_trust_new(&dev->trust), 0);
	assert_int_equal(spdm_trust_add_file(dev->trust,
					     test_path("SPDM_TESTDATA", path)),
			 0);
}

/*
 * Creates a device of a key set that speaks only version_entry (0: the
 * default versions), with the faults of a NULL-terminated list.
 */
static void device_open(struct device *dev, const char *key_set,
			uint16_t version_entry, const char *const *faults)
{
	struct spdm_responder_profile profile;
	struct spdm_fault_plan plan = { 0 };
	char error[256];

	memset(dev, 0, sizeof(*dev));
	load_identity(dev, key_set);
	spdm_responder_profile_default(&profile);
	profile.private_key = dev->key;
	for (size_t slot = 0; slot < 2; slot++) {
		profile.chains[slot] = dev->chain[slot];
		profile.chain_sizes[slot] = dev->chain_size[slot];
	}
	if (version_entry) {
		profile.versions[0] = version_entry;
		profile.version_count = 1;
	}
	profile.clock_ms = device_clock;
	profile.clock_data = dev;
	for (size_t i = 0; faults && faults[i]; i++)
		if (spdm_fault_plan_add(&plan, faults[i], error, sizeof(error)))
			fail_msg("fault '%s': %s", faults[i], error);
	assert_int_equal(spdm_responder_new(&profile, &plan, &dev->responder),
			 0);
	spdm_fault_plan_clear(&plan);
}

static void device_close(struct device *dev)
{
	spdm_responder_free(dev->responder);
	EVP_PKEY_free(dev->key);
	free(dev->chain[0]);
	free(dev->chain[1]);
	spdm_trust_free(dev->trust);
}

/* Runs an attestation of config against the device. */
static struct spdm_requester *attest(struct device *dev,
				     const struct spdm_requester_config *config)
{
	struct spdm_requester *req = script_requester(config);
	struct script script = {
		.responder = dev->responder,
		.forward_rest = true,
		.clock_ms = &dev->clock_ms,
	};

	script_run(&script, req);
	return req;
}

static void default_config(struct spdm_requester_config *config,
			   const struct device *dev)
{
	spdm_requester_config_default(config);
	config->trust = dev->trust;
}

static void assert_verified(const struct spdm_result *result)
{
	assert_true(result->done);
	if (!result->verified)
		fail_msg("not verified: %s (%s)",
			 spdm_reason_name(result->reason), result->detail);
	assert_int_equal(result->reason, SPDM_REASON_NONE);
	assert_true(result->chain_valid);
	assert_true(result->chain_anchored);
	assert_true(result->possession_proven);
}

/*
 * Returns true for reasons the evidence alone shows. Retries exhausted,
 * silence, a lost link, an ERROR and our version range leave no trace a
 * verifier could judge, so offline they become no-proof-of-possession.
 */
static bool reason_in_evidence(enum spdm_reason reason)
{
	switch (reason) {
	case SPDM_REASON_BUSY:
	case SPDM_REASON_TIMEOUT:
	case SPDM_REASON_LINK_LOST:
	case SPDM_REASON_DEVICE_ERROR:
	case SPDM_REASON_NO_COMMON_VERSION:
		return false;
	default:
		return true;
	}
}

/* Verifies the evidence of result offline, directly and as text. */
static void assert_reverifies(const struct spdm_result *result,
			      const struct spdm_trust *trust)
{
	struct spdm_result offline = { 0 };
	struct spdm_evidence parsed = { 0 };
	char detail[256];
	char *text;
	size_t length;

	assert_int_equal(spdm_verify_conversation(&result->evidence, trust, 0,
						  &offline),
			 0);
	assert_int_equal(offline.verified, result->verified);
	if (reason_in_evidence(result->reason)) {
		assert_int_equal(offline.reason, result->reason);
		assert_int_equal(offline.measurements.size,
				 result->measurements.size);
	} else {
		assert_int_equal(offline.reason,
				 SPDM_REASON_NO_PROOF_OF_POSSESSION);
	}
	assert_int_equal(offline.version, result->version);
	spdm_result_clear(&offline);

	assert_int_equal(spdm_conversation_format(&result->evidence, result,
						  "spdmctl", &text, &length),
			 0);
	assert_int_equal(spdm_conversation_parse(text, length, NULL, &parsed,
						 detail, sizeof(detail)),
			 0);
	assert_int_equal(spdm_verify_conversation(&parsed, trust, 0, &offline),
			 0);
	assert_int_equal(offline.verified, result->verified);
	spdm_result_clear(&offline);
	spdm_evidence_clear(&parsed);
	free(text);
}

struct family {
	const char *key_set;
	uint32_t asym; /* the algorithms its key can use */
	bool needs_12;
};

static const struct family families[] = {
	{ "ecp256", SPDM_ASYM_ECDSA_P256, false },
	{ "ecp384", SPDM_ASYM_ECDSA_P384, false },
	{ "ecp521", SPDM_ASYM_ECDSA_P521, false },
	{ "rsa2048", SPDM_ASYM_RSASSA_2048 | SPDM_ASYM_RSAPSS_2048, false },
	{ "rsa3072", SPDM_ASYM_RSASSA_3072 | SPDM_ASYM_RSAPSS_3072, false },
	{ "rsa4096", SPDM_ASYM_RSASSA_4096 | SPDM_ASYM_RSAPSS_4096, false },
	{ "ed25519", SPDM_ASYM_EDDSA_ED25519, true },
};

static void attest_family(const struct family *family, uint8_t version)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;

	printf("%s, SPDM %u.%u\n", family->key_set, version >> 4,
	       version & 0x0f);
	device_open(&dev, family->key_set, (uint16_t)(version << 8), NULL);
	default_config(&config, &dev);
	req = attest(&dev, &config);
	result = spdm_requester_result(req);

	assert_verified(result);
	assert_int_equal(result->version, version);
	assert_true(result->base_asym_algo & family->asym);
	assert_true(result->challenge_verified);
	assert_true(result->measurements_signed);
	assert_true(result->measurements.block_count > 0);
	assert_true(result->signed_measurements_size >
		    result->measurements.size);
	assert_reverifies(result, dev.trust);
	spdm_requester_free(req);
	device_close(&dev);
}

static void loop_every_version_and_family(void **state)
{
	const uint8_t versions[] = { 0x10, 0x11, 0x12 };

	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (size_t v = 0; v < sizeof(versions); v++)
			if (!families[i].needs_12 || versions[v] >= 0x12)
				attest_family(&families[i], versions[v]);
}

/* Reads the chain and its digest the way spdmd does before a remote check. */
static void first_attestation(struct device *dev, uint8_t **chain,
			      size_t *chain_size, uint8_t *digest)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	struct spdm_result result;

	default_config(&config, dev);
	req = attest(dev, &config);
	spdm_requester_take_result(req, &result);
	assert_verified(&result);
	*chain = result.cert_chain;
	*chain_size = result.cert_chain_size;
	result.cert_chain = NULL;
	memcpy(digest, result.cert_chain_digest, SPDM_MAX_HASH_SIZE);
	spdm_result_clear(&result);
	spdm_requester_free(req);
}

static void loop_signed_measurements_flow(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	uint8_t nonce[SPDM_NONCE_SIZE];
	uint8_t *chain;
	size_t chain_size;
	struct device dev;
	struct script script = { 0 };

	device_open(&dev, "ecp384", 0, NULL);
	first_attestation(&dev, &chain, &chain_size, digest);
	memset(nonce, 0x5a, sizeof(nonce));

	default_config(&config, &dev);
	config.flow = SPDM_FLOW_SIGNED_MEASUREMENTS;
	config.measurement_nonce = nonce;
	config.expected_chain_digest = digest;
	config.pinned_cert_chain = chain;
	config.pinned_cert_chain_size = chain_size;
	req = script_requester(&config);
	script.responder = dev.responder;
	script.forward_rest = true;
	script_run(&script, req);
	result = spdm_requester_result(req);

	assert_verified(result);
	assert_false(result->challenge_verified);
	assert_true(result->measurements_signed);
	assert_memory_equal(result->measurement_nonce, nonce, sizeof(nonce));
	/* VCA, GET_DIGESTS and one signed GET_MEASUREMENTS: no chain read. */
	assert_int_equal(script.requests, 5);
	assert_int_equal(script.codes[3], SPDM_GET_DIGESTS);
	assert_int_equal(script.codes[4], SPDM_GET_MEASUREMENTS);
	/* SignedMeasurements: A || M of 1.2, then the signature. */
	assert_int_equal(result->version, 0x12);
	assert_true(result->signed_measurements_size >
		    result->measurements.size + 96);
	spdm_requester_free(req);

	/* A different expected digest is a digest mismatch. */
	digest[0] ^= 1;
	req = attest(&dev, &config);
	assert_reason(spdm_requester_result(req), SPDM_REASON_DIGEST_MISMATCH);
	spdm_requester_free(req);

	free(chain);
	device_close(&dev);
}

static void loop_signed_flow_without_chain(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;

	device_open(&dev, "ecp256", 0, NULL);
	default_config(&config, &dev);
	config.flow = SPDM_FLOW_SIGNED_MEASUREMENTS;
	req = attest(&dev, &config);
	result = spdm_requester_result(req);

	/* The signature is kept for a remote verifier but not checked here. */
	assert_reason(result, SPDM_REASON_NO_CERTIFICATE);
	assert_false(result->measurements_signed);
	assert_non_null(result->signed_measurements);
	assert_true(result->measurements.block_count > 0);
	spdm_requester_free(req);
	device_close(&dev);
}

static void loop_measurement_indices(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;
	struct script script = { 0 };

	device_open(&dev, "ecp384", 0x1100, NULL);
	default_config(&config, &dev);
	config.measurement_index_count = 3;
	config.measurement_indices[0] = 1;
	config.measurement_indices[1] = 2;
	config.measurement_indices[2] = 0x10;
	req = script_requester(&config);
	script.responder = dev.responder;
	script.forward_rest = true;
	script_run(&script, req);
	result = spdm_requester_result(req);

	assert_verified(result);
	assert_int_equal(result->measurements.block_count, 3);
	assert_int_equal(result->measurements.data[0], 1);
	assert_int_equal(script.codes[script.requests - 1],
			 SPDM_GET_MEASUREMENTS);
	assert_int_equal(script.codes[script.requests - 3],
			 SPDM_GET_MEASUREMENTS);
	assert_reverifies(result, dev.trust);
	spdm_requester_free(req);
	device_close(&dev);
}

static void loop_measurements_off(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;
	struct script script = { 0 };

	device_open(&dev, "ecp384", 0x1200, NULL);
	default_config(&config, &dev);
	config.measurements = false;
	req = script_requester(&config);
	script.responder = dev.responder;
	script.forward_rest = true;
	script_run(&script, req);
	result = spdm_requester_result(req);

	/* CHALLENGE_AUTH alone proves possession; no GET_MEASUREMENTS. */
	assert_verified(result);
	assert_true(result->challenge_verified);
	assert_int_equal(result->measurements.block_count, 0);
	assert_int_equal(script.codes[script.requests - 1], SPDM_CHALLENGE);
	spdm_requester_free(req);
	device_close(&dev);

	/* Without CHAL_CAP a signed GET_MEASUREMENTS is still sent. */
	{
		const char *faults[] = { "caps=CERT|MEAS_SIG", NULL };

		device_open(&dev, "ecp384", 0x1200, faults);
	}
	config.trust = dev.trust;
	req = attest(&dev, &config);
	result = spdm_requester_result(req);
	assert_verified(result);
	assert_false(result->challenge_verified);
	assert_true(result->measurements_signed);
	spdm_requester_free(req);
	device_close(&dev);
}

/*
 * A memo of the chain: the second attestation of the same device takes
 * the chain from it, and a device with another chain is validated in full
 * (and must verify against its own anchors).
 */
static void loop_chain_memo(void **state)
{
	struct spdm_requester_config config;
	struct spdm_chain_memo *memo;
	struct spdm_requester *req;
	struct device dev;

	assert_int_equal(spdm_chain_memo_new(&memo), 0);
	device_open(&dev, "ecp384", 0x1200, NULL);
	default_config(&config, &dev);
	config.chain_memo = memo;
	for (uint64_t i = 0; i < 2; i++) {
		req = attest(&dev, &config);
		assert_verified(spdm_requester_result(req));
		assert_int_equal(spdm_chain_memo_hits(memo), i);
		spdm_requester_free(req);
	}
	device_close(&dev);

	device_open(&dev, "ecp256", 0x1200, NULL);
	config.trust = dev.trust;
	req = attest(&dev, &config);
	assert_verified(spdm_requester_result(req));
	assert_int_equal(spdm_chain_memo_hits(memo), 1);
	spdm_requester_free(req);

	/* The same chain without anchors: not taken from the memo. */
	config.trust = NULL;
	req = attest(&dev, &config);
	assert_false(spdm_requester_result(req)->verified);
	assert_int_equal(spdm_requester_result(req)->reason,
			 SPDM_REASON_CHAIN_UNTRUSTED);
	assert_true(spdm_requester_result(req)->chain_valid);
	assert_int_equal(spdm_chain_memo_hits(memo), 1);
	spdm_requester_free(req);
	device_close(&dev);
	spdm_chain_memo_free(memo);
}

static void loop_discard_evidence(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;

	device_open(&dev, "ecp384", 0x1200, NULL);
	default_config(&config, &dev);
	config.discard_evidence = true;
	req = attest(&dev, &config);
	result = spdm_requester_result(req);
	assert_verified(result);
	assert_int_equal(result->evidence.count, 0);
	assert_null(result->evidence.messages);
	assert_int_equal(result->evidence.total_bytes, 0);
	spdm_requester_free(req);

	config.discard_evidence = false;
	req = attest(&dev, &config);
	assert_true(spdm_requester_result(req)->evidence.count > 0);
	spdm_requester_free(req);
	device_close(&dev);
}

static void loop_trust_on_first_use(void **state)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	struct device dev;
	struct device other;

	device_open(&dev, "ecp384", 0, NULL);
	device_open(&other, "rsa2048", 0, NULL);
	default_config(&config, &dev);
	config.trust = NULL;
	req = attest(&dev, &config);
	result = spdm_requester_result(req);
	/* Integrity and possession hold; only the anchor is missing. */
	assert_reason(result, SPDM_REASON_CHAIN_UNTRUSTED);
	assert_true(result->chain_valid);
	assert_true(result->possession_proven);
	assert_false(result->chain_anchored);
	spdm_requester_free(req);

	config.trust = other.trust;
	req = attest(&dev, &config);
	assert_reason(spdm_requester_result(req), SPDM_REASON_CHAIN_UNTRUSTED);
	spdm_requester_free(req);
	device_close(&other);
	device_close(&dev);
}

struct fault_case {
	const char *fault;
	const char *second_fault;
	enum spdm_reason reason; /* SPDM_REASON_NONE: verified */
};

static const struct fault_case fault_cases[] = {
	{ "busy=3", NULL, SPDM_REASON_NONE },
	{ "busy-at=GET_MEASUREMENTS:2", NULL, SPDM_REASON_NONE },
	{ "busy=forever", NULL, SPDM_REASON_BUSY },
	{ "not-ready=5,3", NULL, SPDM_REASON_NONE },
	{ "resynch-at=CHALLENGE", NULL, SPDM_REASON_NONE },
	{ "cert-portion=100", NULL, SPDM_REASON_NONE },
	{ "chunk=100", NULL, SPDM_REASON_NONE },
	{ "wrong-key", NULL, SPDM_REASON_SIGNATURE_INVALID },
	{ "prefix=none", NULL, SPDM_REASON_SIGNATURE_INVALID },
	{ "digest-mismatch", NULL, SPDM_REASON_DIGEST_MISMATCH },
	{ "root-hash-mismatch", NULL, SPDM_REASON_ROOT_HASH_MISMATCH },
	{ "cert-chain-hash-wrong", NULL, SPDM_REASON_CERT_CHAIN_HASH_MISMATCH },
	{ "portion-zero", NULL, SPDM_REASON_CERT_PORTION_INVALID },
	{ "alg-select=ECDSA_P256|ECDSA_P384", NULL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "caps=CERT", NULL, SPDM_REASON_ILLEGAL_CAPABILITIES },
	/* Unsigned measurements and no CHALLENGE: nothing proves the key. */
	{ "caps=CERT|KEY_EX|MAC|MEAS_NO_SIG", NULL,
	  SPDM_REASON_NO_PROOF_OF_POSSESSION },
	/* Signed measurements without CHALLENGE prove it. */
	{ "caps=CERT|MEAS_SIG", NULL, SPDM_REASON_NONE },
	{ "versions=1.3", NULL, SPDM_REASON_NO_COMMON_VERSION },
	{ "silent", NULL, SPDM_REASON_TIMEOUT },
	{ "stop-after=4", NULL, SPDM_REASON_TIMEOUT },
	{ "hang-up-after=4", NULL, SPDM_REASON_LINK_LOST },
};

static void loop_device_faults(void **state)
{
	for (size_t i = 0; i < sizeof(fault_cases) / sizeof(fault_cases[0]);
	     i++) {
		const struct fault_case *c = &fault_cases[i];
		const char *faults[] = { c->fault, c->second_fault, NULL };
		struct spdm_requester_config config;
		struct spdm_requester *req;
		const struct spdm_result *result;
		struct device dev;

		printf("fault %s\n", c->fault);
		device_open(&dev, "ecp384", 0x1200, faults);
		default_config(&config, &dev);
		req = attest(&dev, &config);
		result = spdm_requester_result(req);
		if (c->reason == SPDM_REASON_NONE)
			assert_verified(result);
		else
			assert_reason(result, c->reason);
		/* Whatever happened, the evidence leads to the same verdict. */
		assert_reverifies(result, dev.trust);
		spdm_requester_free(req);
		device_close(&dev);
	}
}

static void loop_timeout_and_link_loss_at_each_step(void **state)
{
	const uint8_t codes[] = { SPDM_GET_VERSION, SPDM_GET_CAPABILITIES,
				  SPDM_NEGOTIATE_ALGORITHMS, SPDM_GET_DIGESTS,
				  SPDM_GET_CERTIFICATE, SPDM_CHALLENGE,
				  SPDM_GET_MEASUREMENTS };

	for (size_t i = 0; i < sizeof(codes); i++) {
		for (int lost = 0; lost < 2; lost++) {
			struct spdm_requester_config config;
			struct spdm_requester *req;
			struct device dev;
			struct script script = { 0 };

			device_open(&dev, "ecp256", 0, NULL);
			default_config(&config, &dev);
			req = script_requester(&config);
			script.responder = dev.responder;
			script.forward_rest = true;
			script.fail_code = codes[i];
			script.fail_kind = lost ? SCRIPT_LINK_LOST :
						  SCRIPT_TIMEOUT;
			script_run(&script, req);
			assert_reason(spdm_requester_result(req),
				      lost ? SPDM_REASON_LINK_LOST :
					     SPDM_REASON_TIMEOUT);
			assert_int_equal(script.codes[script.requests - 1],
					 codes[i]);
			/* CT of the device is 2^20 us: 1049 ms + 1000 ms. */
			if (i >= 3)
				assert_int_equal(script.last_timeout_ms, 2049);
			else
				assert_int_equal(script.last_timeout_ms, 1100);
			spdm_requester_free(req);
			device_close(&dev);
		}
	}
}

/* Which byte of which forwarded response the edit hook changes. */
static size_t flip_response;
static size_t flip_offset;
static size_t response_sizes[64];
static size_t response_count;

static void flip_byte(size_t index, uint8_t *response, size_t *length)
{
	if (index < 64)
		response_sizes[index] = *length;
	response_count = index + 1;
	if (index == flip_response && flip_offset < *length)
		response[flip_offset] ^= 0x01;
}

static const struct spdm_result *attest_flipped(struct device *dev,
						struct spdm_requester **req)
{
	struct spdm_requester_config config;
	struct script script = { 0 };

	default_config(&config, dev);
	*req = script_requester(&config);
	script.responder = dev->responder;
	script.forward_rest = true;
	script.edit_rest = flip_byte;
	script_run(&script, *req);
	return spdm_requester_result(*req);
}

/*
 * Every byte of every response enters a transcript or is checked, so one
 * flipped bit anywhere must leave the device unverified, and the
 * requester must finish cleanly whatever the byte was.
 */
static void loop_every_response_byte_flipped(void **state)
{
	struct spdm_requester *req;
	size_t responses;
	size_t sizes[64];

	flip_response = SIZE_MAX;
	{
		struct device dev;

		device_open(&dev, "ecp256", 0x1200, NULL);
		assert_verified(attest_flipped(&dev, &req));
		spdm_requester_free(req);
		device_close(&dev);
	}
	responses = response_count;
	memcpy(sizes, response_sizes, sizeof(sizes));
	/* VCA, DIGESTS, CERTIFICATE, CHALLENGE_AUTH and MEASUREMENTS. */
	assert_true(responses >= 7);

	for (flip_response = 0; flip_response < responses; flip_response++) {
		for (flip_offset = 0; flip_offset < sizes[flip_response];
		     flip_offset++) {
			const struct spdm_result *result;
			struct device dev;

			device_open(&dev, "ecp256", 0x1200, NULL);
			result = attest_flipped(&dev, &req);
			if (result->verified)
				fail_msg("verified with response %zu byte %zu "
					 "flipped",
					 flip_response, flip_offset);
			assert_int_not_equal(result->reason, SPDM_REASON_NONE);
			spdm_requester_free(req);
			device_close(&dev);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loop_every_version_and_family),
		cmocka_unit_test(loop_signed_measurements_flow),
		cmocka_unit_test(loop_signed_flow_without_chain),
		cmocka_unit_test(loop_measurement_indices),
		cmocka_unit_test(loop_measurements_off),
		cmocka_unit_test(loop_trust_on_first_use),
		cmocka_unit_test(loop_chain_memo),
		cmocka_unit_test(loop_discard_evidence),
		cmocka_unit_test(loop_device_faults),
		cmocka_unit_test(loop_timeout_and_link_loss_at_each_step),
		cmocka_unit_test(loop_every_response_byte_flipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
