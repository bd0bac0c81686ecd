// SPDX-License-Identifier: BSD-3-Clause
/*
 * Requester tests of GET_DIGESTS and GET_CERTIFICATE with the DMTF
 * ECDSA P-384 sample chain: reading in portions, every portion rule, the
 * chain size cap, the slot digest and the chain validation.
 */
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
#include <spdm/requester.h>

#include "../crypto/testdata.h"
#include "script.h"
#include "vectors.h"

/* Our DataTransferSize in these tests, so a chain takes four portions. */
#define TRANSFER_SIZE 512
#define PORTION (TRANSFER_SIZE - 8)
#define MAX_STEPS 32

/* A 1.2 device with CERT_CAP and signed measurements but no CHAL_CAP. */
#define CAPABILITIES_NO_CHAL_HEX \
	"12 61 00 00 00 0c 00 00 12 00 00 00 00 12 00 00 00 12 00 00"

struct chain_test {
	uint8_t *object; /* the slot object */
	size_t size;
	uint8_t digest[48];
	uint8_t digests[4 + 48];
	/* Responses built for the steps, freed at the end. */
	uint8_t *responses[MAX_STEPS];
	size_t response_count;
	struct script_step steps[MAX_STEPS];
	size_t step_count;
	struct spdm_requester_config config;
};

static int chain_setup(void **state)
{
	struct chain_test *t = calloc(1, sizeof(*t));
	size_t der_size;
	uint8_t *der = testdata_read(
		"dmtf-sample-keys/ecp384/bundle_responder.certchain.der",
		&der_size);

	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_384, der,
					       der_size, &t->object, &t->size),
			 0);
	free(der);
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, t->object, t->size,
				   t->digest),
			 0);
	memcpy(t->digests, "\x12\x01\x00\x01", 4);
	memcpy(t->digests + 4, t->digest, 48);
	spdm_requester_config_default(&t->config);
	t->config.data_transfer_size = TRANSFER_SIZE;
	*state = t;
	return 0;
}

static int chain_teardown(void **state)
{
	struct chain_test *t = *state;

	for (size_t i = 0; i < t->response_count; i++)
		free(t->responses[i]);
	free(t->object);
	free(t);
	return 0;
}

static void add_step(struct chain_test *t, struct script_step step)
{
	assert_true(t->step_count < MAX_STEPS);
	t->steps[t->step_count++] = step;
}

static void add_vca(struct chain_test *t, const char *capabilities)
{
	add_step(t, (struct script_step)RESPOND(SPDM_GET_VERSION, NULL,
						VERSION_12_HEX));
	add_step(t, (struct script_step)RESPOND(SPDM_GET_CAPABILITIES, NULL,
						capabilities));
	add_step(t, (struct script_step)RESPOND(SPDM_NEGOTIATE_ALGORITHMS,
						NULL, ALGORITHMS_12_HEX));
}

static void add_binary(struct chain_test *t, uint8_t code,
		       const uint8_t *response, size_t length)
{
	uint8_t *copy = malloc(length + 1);

	assert_true(t->response_count < MAX_STEPS);
	memcpy(copy, response, length);
	t->responses[t->response_count++] = copy;
	add_step(t, (struct script_step){ .kind = SCRIPT_RESPOND,
					  .request_code = code,
					  .response = copy,
					  .response_length = length });
}

/* Adds a CERTIFICATE response with these fields and portion bytes. */
static void add_portion(struct chain_test *t, uint8_t slot,
			uint16_t portion_length, uint16_t remainder,
			const uint8_t *data, size_t data_length)
{
	uint8_t response[8 + 0x10000];

	response[0] = 0x12;
	response[1] = SPDM_CERTIFICATE;
	response[2] = slot;
	response[3] = 0;
	response[4] = (uint8_t)portion_length;
	response[5] = (uint8_t)(portion_length >> 8);
	response[6] = (uint8_t)remainder;
	response[7] = (uint8_t)(remainder >> 8);
	memcpy(response + 8, data, data_length);
	add_binary(t, SPDM_GET_CERTIFICATE, response, 8 + data_length);
}

/* Adds the portions of object from offset on, as a correct device would. */
static void add_portions(struct chain_test *t, const uint8_t *object,
			 size_t size, size_t offset)
{
	while (offset < size) {
		size_t length = size - offset < PORTION ? size - offset :
							  PORTION;

		add_portion(t, 0, (uint16_t)length,
			    (uint16_t)(size - offset - length), object + offset,
			    length);
		offset += length;
	}
}

static const struct spdm_result *run(struct chain_test *t,
				     struct spdm_requester **req)
{
	*req = script_requester(&t->config);
	return script_run_steps(*req, t->steps, t->step_count);
}

static void chain_read_in_portions(void **state)
{
	struct chain_test *t = *state;
	struct spdm_requester *req;
	const struct spdm_result *result;

	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	add_step(t, (struct script_step)TIMEOUT(SPDM_CHALLENGE));
	/* The first request is for DataTransferSize - 8 bytes. */
	t->steps[4].request_hex = "12 82 00 00 00 00 f8 01";
	t->steps[5].request_hex = "12 82 00 00 f8 01 f8 01";
	assert_int_equal(t->size, 1591);
	/* The last request is only for what is left: 1591 - 3 * 504. */
	t->steps[7].request_hex = "12 82 00 00 e8 05 4f 00";

	result = run(t, &req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_non_null(strstr(result->detail, "CHALLENGE"));
	assert_true(result->chain_valid);
	assert_false(result->chain_anchored);
	assert_int_equal(result->cert_chain_size, t->size);
	assert_memory_equal(result->cert_chain, t->object, t->size);
	assert_memory_equal(result->cert_chain_digest, t->digest, 48);
	spdm_requester_free(req);
}

static void chain_anchored_with_trust(void **state)
{
	struct chain_test *t = *state;
	struct spdm_requester *req;
	struct spdm_trust *trust;
	const struct spdm_result *result;

	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(
		spdm_trust_add_file(trust,
				    test_path("SPDM_TESTDATA",
					      "dmtf-sample-keys/ecp384/"
					      "ca.cert.der")),
		0);
	t->config.trust = trust;
	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	add_step(t, (struct script_step)TIMEOUT(SPDM_CHALLENGE));

	result = run(t, &req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_true(result->chain_valid);
	assert_true(result->chain_anchored);
	spdm_requester_free(req);
	spdm_trust_free(trust);
}

static void measurements_without_challenge(void **state)
{
	struct chain_test *t = *state;
	struct spdm_requester *req;
	const struct spdm_result *result;

	add_vca(t, CAPABILITIES_NO_CHAL_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	/* Without CHAL_CAP the signed GET_MEASUREMENTS proves possession. */
	add_step(t, (struct script_step)TIMEOUT(SPDM_GET_MEASUREMENTS));

	result = run(t, &req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_non_null(strstr(result->detail, "GET_MEASUREMENTS"));
	spdm_requester_free(req);
}

static void first_portion(struct chain_test *t, uint16_t portion_length,
			  uint16_t remainder, size_t data_length)
{
	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portion(t, 0, portion_length, remainder, t->object, data_length);
}

static void expect_reason(struct chain_test *t, enum spdm_reason reason,
			  const char *detail)
{
	struct spdm_requester *req;
	const struct spdm_result *result = run(t, &req);

	assert_reason(result, reason);
	if (detail && !strstr(result->detail, detail))
		fail_msg("detail '%s' lacks '%s'", result->detail, detail);
	spdm_requester_free(req);
}

static void portion_zero(void **state)
{
	struct chain_test *t = *state;

	first_portion(t, 0, 1591, 0);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "CERTIFICATE: PortionLength 0 at offset 0");
}

static void portion_above_request(void **state)
{
	struct chain_test *t = *state;

	first_portion(t, PORTION + 1, 1591 - PORTION - 1, PORTION + 1);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "PortionLength 505 above the 504 requested");
}

static void portion_beyond_bytes(void **state)
{
	struct chain_test *t = *state;

	first_portion(t, PORTION, 1591 - PORTION, 100);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "PortionLength 504 but 100 bytes follow");
}

static void remainder_not_shrinking(void **state)
{
	struct chain_test *t = *state;

	first_portion(t, PORTION, 1591 - PORTION, PORTION);
	add_portion(t, 0, PORTION, 1591 - PORTION, t->object + PORTION,
		    PORTION);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "RemainderLength 1087 at offset 504 did not shrink");
}

static void total_inconsistent(void **state)
{
	struct chain_test *t = *state;

	first_portion(t, PORTION, 1591 - PORTION, PORTION);
	add_portion(t, 0, PORTION, 100, t->object + PORTION, PORTION);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "differs from the total 1591");
}

static void slot_not_echoed(void **state)
{
	struct chain_test *t = *state;

	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portion(t, 1, PORTION, 1591 - PORTION, t->object, PORTION);
	expect_reason(t, SPDM_REASON_CERT_PORTION_INVALID,
		      "SlotID 1 in response to slot 0");
}

static void chain_above_cap(void **state)
{
	struct chain_test *t = *state;

	t->config.max_cert_chain_size = 1000;
	first_portion(t, PORTION, 1591 - PORTION, PORTION);
	expect_reason(t, SPDM_REASON_CHAIN_TOO_LARGE,
		      "chain of 1591 bytes exceeds the 1000-byte limit");
}

static void digests_without_slot(void **state)
{
	struct chain_test *t = *state;

	add_vca(t, CAPABILITIES_12_HEX);
	t->digests[3] = 0x02;
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	expect_reason(t, SPDM_REASON_NO_CERTIFICATE,
		      "SlotMask 0x02 lacks slot 0");
}

static void digest_mismatch(void **state)
{
	struct chain_test *t = *state;

	add_vca(t, CAPABILITIES_12_HEX);
	t->digests[10] ^= 1;
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	expect_reason(t, SPDM_REASON_DIGEST_MISMATCH, "slot 0");
}

/* Changes one byte of the object and gives DIGESTS its new hash. */
static void tamper(struct chain_test *t, size_t offset)
{
	t->object[offset] ^= 0x01;
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, t->object, t->size,
				   t->digests + 4),
			 0);
}

static void chain_length_field_wrong(void **state)
{
	struct chain_test *t = *state;

	tamper(t, 0);
	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	expect_reason(t, SPDM_REASON_CHAIN_MALFORMED, "Length field 1590, 1591 bytes read");
}

static void chain_signature_broken(void **state)
{
	struct chain_test *t = *state;

	/* The last byte is inside the leaf certificate's signature. */
	tamper(t, t->size - 2);
	add_vca(t, CAPABILITIES_12_HEX);
	add_binary(t, SPDM_GET_DIGESTS, t->digests, sizeof(t->digests));
	add_portions(t, t->object, t->size, 0);
	expect_reason(t, SPDM_REASON_CHAIN_INVALID, "slot 0 chain");
}

static void unsigned_measurements_only(void **state)
{
	struct chain_test *t = *state;

	/* MEAS_CAP 01b and no CHAL_CAP: the device signs nothing. */
	add_vca(t,
		"12 61 00 00 00 0c 00 00 08 00 00 00 00 12 00 00 00 12 00 00");
	expect_reason(t, SPDM_REASON_NO_PROOF_OF_POSSESSION, "signs nothing");
}

static void no_certificate_capability(void **state)
{
	struct chain_test *t = *state;

	/* CHAL_CAP with PUB_KEY_ID_CAP: a key but no certificate chain. */
	add_vca(t,
		"12 61 00 00 00 0c 00 00 04 00 01 00 00 12 00 00 00 12 00 00");
	expect_reason(t, SPDM_REASON_NO_CERTIFICATE, "CERT_CAP");
}

static void truncated_digests_and_portions(void **state)
{
	struct chain_test *base = *state;

	for (size_t cut = 0; cut < sizeof(base->digests); cut++) {
		struct chain_test t = { .config = base->config };

		add_vca(&t, CAPABILITIES_12_HEX);
		add_binary(&t, SPDM_GET_DIGESTS, base->digests, cut);
		expect_reason(&t, SPDM_REASON_MALFORMED_RESPONSE, "DIGESTS");
		for (size_t i = 0; i < t.response_count; i++)
			free(t.responses[i]);
	}
	for (size_t cut = 0; cut < 8; cut++) {
		struct chain_test t = { .config = base->config };
		uint8_t header[8] = { 0x12, 0x02, 0, 0, 0xf8, 0x01, 0x73, 0x04 };

		add_vca(&t, CAPABILITIES_12_HEX);
		add_binary(&t, SPDM_GET_DIGESTS, base->digests,
			   sizeof(base->digests));
		add_binary(&t, SPDM_GET_CERTIFICATE, header, cut);
		expect_reason(&t, SPDM_REASON_MALFORMED_RESPONSE,
			      "CERTIFICATE");
		for (size_t i = 0; i < t.response_count; i++)
			free(t.responses[i]);
	}
}

#define CHAIN_TEST(name) \
	cmocka_unit_test_setup_teardown(name, chain_setup, chain_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CHAIN_TEST(chain_read_in_portions),
		CHAIN_TEST(chain_anchored_with_trust),
		CHAIN_TEST(measurements_without_challenge),
		CHAIN_TEST(portion_zero),
		CHAIN_TEST(portion_above_request),
		CHAIN_TEST(portion_beyond_bytes),
		CHAIN_TEST(remainder_not_shrinking),
		CHAIN_TEST(total_inconsistent),
		CHAIN_TEST(slot_not_echoed),
		CHAIN_TEST(chain_above_cap),
		CHAIN_TEST(digests_without_slot),
		CHAIN_TEST(digest_mismatch),
		CHAIN_TEST(chain_length_field_wrong),
		CHAIN_TEST(chain_signature_broken),
		CHAIN_TEST(unsigned_measurements_only),
		CHAIN_TEST(no_certificate_capability),
		CHAIN_TEST(truncated_digests_and_portions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
