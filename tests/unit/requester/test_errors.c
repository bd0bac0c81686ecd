// SPDX-License-Identifier: BSD-3-Clause
/*
 * Requester tests of ERROR responses: Busy and ResponseNotReady retries,
 * RequestResynch restarts, LargeResponse with CHUNK_GET, and the errors
 * that end an attestation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/requester.h>

#include "script.h"
#include "vectors.h"

#define BUSY_12 "12 7f 03 00"
/* ResponseNotReady to GET_DIGESTS: RDTExponent 10, token 7, RDTM 3. */
#define NOT_READY_DIGESTS "12 7f 42 00 0a 81 07 03"
#define RESPOND_IF_READY_DIGESTS "12 ff 81 07"

static void busy_three_then_ok(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct script_step busy = RESPOND(
		SPDM_GET_CAPABILITIES, GET_CAPABILITIES_12_HEX, BUSY_12);
	const struct script_step wait = WAIT(100);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX), busy,
		wait, busy, wait, busy, wait,
		RESPOND(SPDM_GET_CAPABILITIES, GET_CAPABILITIES_12_HEX,
			CAPABILITIES_12_HEX),
		RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NULL, ALGORITHMS_12_HEX),
		TIMEOUT(SPDM_GET_DIGESTS));

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x12);
	/* VERSION, three Busy, CAPABILITIES and ALGORITHMS pairs. */
	assert_int_equal(result->evidence.count, 12);
	assert_int_equal(result->evidence.messages[3].data[1], SPDM_ERROR);
	spdm_requester_free(req);
}

static void busy_forever(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct script_step busy =
		RESPOND(SPDM_GET_CAPABILITIES, NULL, BUSY_12);
	const struct script_step wait = WAIT(100);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX), busy,
		wait, busy, wait, busy, wait, busy, wait, busy, wait, busy);

	assert_reason(result, SPDM_REASON_BUSY);
	assert_non_null(strstr(result->detail, "GET_CAPABILITIES"));
	spdm_requester_free(req);
}

static void not_ready_then_ready(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	struct script script = {
		.steps = STEPS(VCA_12_STEPS,
			       RESPOND(SPDM_GET_DIGESTS, GET_DIGESTS_12_HEX,
				       NOT_READY_DIGESTS),
			       WAIT(2),
			       RESPOND(SPDM_RESPOND_IF_READY,
				       RESPOND_IF_READY_DIGESTS,
				       DIGESTS_12_HEX),
			       TIMEOUT(SPDM_GET_CERTIFICATE)),
		.count = 7,
	};
	const struct spdm_result *result;

	script_run(&script, req);
	result = spdm_requester_result(req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_non_null(strstr(result->detail, "GET_CERTIFICATE"));
	/* The DIGESTS is recorded as the response to GET_DIGESTS. */
	assert_int_equal(result->evidence.count, 8);
	assert_int_equal(result->evidence.messages[6].data[1],
			 SPDM_GET_DIGESTS);
	assert_int_equal(result->evidence.messages[7].data[1], SPDM_DIGESTS);
	assert_int_equal(result->slot_mask, 1);
	spdm_requester_free(req);
}

struct not_ready_case {
	const char *name;
	const char *error;
	enum spdm_reason reason;
};

static const struct not_ready_case not_ready_cases[] = {
	{ "RDTM 1", "12 7f 42 00 0a 81 07 01", SPDM_REASON_PROTOCOL_VIOLATION },
	{ "RDTM 0", "12 7f 42 00 0a 81 07 00", SPDM_REASON_PROTOCOL_VIOLATION },
	{ "other RequestCode", "12 7f 42 00 0a 82 07 03",
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "RDTExponent 32", "12 7f 42 00 20 81 07 03",
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "no extended data", "12 7f 42 00", SPDM_REASON_MALFORMED_RESPONSE },
};

static void not_ready_invalid(void **state)
{
	for (size_t i = 0;
	     i < sizeof(not_ready_cases) / sizeof(not_ready_cases[0]); i++) {
		const struct not_ready_case *c = &not_ready_cases[i];
		struct spdm_requester *req = script_requester(NULL);
		const struct spdm_result *result;

		printf("ResponseNotReady: %s\n", c->name);
		result = RUN(req, VCA_12_STEPS,
			     RESPOND(SPDM_GET_DIGESTS, NULL, c->error));
		assert_reason(result, c->reason);
		assert_non_null(strstr(result->detail, "ResponseNotReady"));
		spdm_requester_free(req);
	}
}

static void not_ready_exhausted(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct script_step again = RESPOND(
		SPDM_RESPOND_IF_READY, RESPOND_IF_READY_DIGESTS,
		NOT_READY_DIGESTS);
	const struct spdm_result *result = RUN(
		req, VCA_12_STEPS,
		RESPOND(SPDM_GET_DIGESTS, NULL, NOT_READY_DIGESTS), WAIT(2),
		again, WAIT(2), again, WAIT(2), again, WAIT(2), again, WAIT(2),
		again);

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_non_null(strstr(result->detail, "RESPOND_IF_READY"));
	spdm_requester_free(req);
}

static void not_ready_wait_capped(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	struct script script = {
		.steps = STEPS(VCA_12_STEPS,
			       RESPOND(SPDM_GET_DIGESTS, NULL,
				       "12 7f 42 00 1f 81 07 03"),
			       WAIT(10000),
			       RESPOND(SPDM_RESPOND_IF_READY, NULL,
				       DIGESTS_12_HEX),
			       TIMEOUT(SPDM_GET_CERTIFICATE)),
		.count = 7,
	};

	script_run(&script, req);
	assert_reason(spdm_requester_result(req), SPDM_REASON_TIMEOUT);
	/* CT = 2^12 us rounds up to 5 ms, plus the 1000 ms floor. */
	assert_int_equal(script.last_timeout_ms, 1005);
	spdm_requester_free(req);
}

static void resynch_restarts(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		RESPOND(SPDM_GET_CAPABILITIES, NULL, "12 7f 43 00"),
		VCA_12_STEPS, TIMEOUT(SPDM_GET_DIGESTS));

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x12);
	assert_int_equal(result->capabilities, 0x36);
	spdm_requester_free(req);
}

static void resynch_exhausted(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct script_step version =
		RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX);
	const struct script_step resynch =
		RESPOND(SPDM_GET_CAPABILITIES, NULL, "12 7f 43 00");
	const struct spdm_result *result =
		RUN(req, version, resynch, version, resynch, version, resynch);

	assert_reason(result, SPDM_REASON_DEVICE_ERROR);
	assert_non_null(strstr(result->detail, "RequestResynch"));
	spdm_requester_free(req);
}

struct device_error_case {
	const char *error;
	const char *name;
};

static const struct device_error_case device_error_cases[] = {
	{ "12 7f 01 00", "InvalidRequest" },
	{ "12 7f 04 00", "UnexpectedRequest" },
	{ "12 7f 05 00", "Unspecified" },
	{ "12 7f 07 81", "UnsupportedRequest" },
	{ "10 7f 41 00", "VersionMismatch" },
	{ "12 7f 0c 00", "ResetRequired" },
	{ "12 7f ff 00 01 02", "Vendor" },
	/* LargeResponse without CHUNK_CAP on the device. */
	{ "12 7f 0f 00 01", "LargeResponse" },
};

static void other_errors_end_attestation(void **state)
{
	for (size_t i = 0;
	     i < sizeof(device_error_cases) / sizeof(device_error_cases[0]);
	     i++) {
		const struct device_error_case *c = &device_error_cases[i];
		struct spdm_requester *req = script_requester(NULL);
		const struct spdm_result *result;

		result = RUN(req, VCA_12_STEPS,
			     RESPOND(SPDM_GET_DIGESTS, NULL, c->error));
		assert_reason(result, SPDM_REASON_DEVICE_ERROR);
		if (!strstr(result->detail, c->name))
			fail_msg("detail '%s' lacks %s", result->detail,
				 c->name);
		spdm_requester_free(req);
	}
}

static void error_wrong_version(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, VCA_12_STEPS, RESPOND(SPDM_GET_DIGESTS, NULL, "11 7f 03 00"));

	assert_reason(result, SPDM_REASON_UNEXPECTED_RESPONSE);
	spdm_requester_free(req);
}

/* CHUNK_CAP, DataTransferSize 1024 and MaxSPDMmsgSize 65536. */
#define CAPABILITIES_CHUNK_HEX \
	"12 61 00 00 00 0c 00 00 36 00 02 00 00 04 00 00 00 00 01 00"
#define CHUNK_GET(seq) "12 86 00 05 " seq " 00"
#define CHUNK_0 \
	"12 06 00 05 00 00 00 00 14 00 00 00 34 00 00 00 12 01 00 01 " AA_16
#define CHUNK_1 "12 06 00 05 01 00 00 00 14 00 00 00 " AA_16 " aa aa aa aa"
#define CHUNK_2 \
	"12 06 01 05 02 00 00 00 0c 00 00 00 aa aa aa aa aa aa aa aa aa aa aa aa"

#define CHUNK_VCA_STEPS                                                \
	RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),                \
		RESPOND(SPDM_GET_CAPABILITIES, NULL,                    \
			CAPABILITIES_CHUNK_HEX),                        \
		RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NULL, ALGORITHMS_12_HEX), \
		RESPOND(SPDM_GET_DIGESTS, NULL, "12 7f 0f 00 05")

static void large_response_in_chunks(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	struct script script = {
		.steps = STEPS(CHUNK_VCA_STEPS,
			       RESPOND(SPDM_CHUNK_GET, CHUNK_GET("00"), CHUNK_0),
			       RESPOND(SPDM_CHUNK_GET, CHUNK_GET("01"), CHUNK_1),
			       RESPOND(SPDM_CHUNK_GET, CHUNK_GET("02"), CHUNK_2),
			       TIMEOUT(SPDM_GET_CERTIFICATE)),
		.count = 8,
	};
	const struct spdm_result *result;
	uint8_t digests[64];

	script_run(&script, req);
	result = spdm_requester_result(req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->slot_mask, 1);
	/* GET_DIGESTS and the reassembled DIGESTS form one pair. */
	assert_int_equal(result->evidence.count, 8);
	assert_int_equal(result->evidence.messages[7].length, 52);
	assert_int_equal(script_hex(DIGESTS_12_HEX, digests, sizeof(digests)),
			 52);
	assert_memory_equal(result->evidence.messages[7].data, digests, 52);
	spdm_requester_free(req);
}

struct chunk_case {
	const char *name;
	const char *chunk;
	enum spdm_reason reason;
};

static const struct chunk_case chunk_cases[] = {
	{ "wrong handle",
	  "12 06 00 06 00 00 00 00 14 00 00 00 34 00 00 00 12 01 00 01 " AA_16,
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "wrong sequence number",
	  "12 06 00 05 01 00 00 00 14 00 00 00 34 00 00 00 12 01 00 01 " AA_16,
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "empty chunk", "12 06 00 05 00 00 00 00 00 00 00 00 34 00 00 00",
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "chunk beyond the message",
	  "12 06 00 05 00 00 00 00 14 00 00 00 10 00 00 00 12 01 00 01 " AA_16,
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "last chunk too early",
	  "12 06 01 05 00 00 00 00 14 00 00 00 34 00 00 00 12 01 00 01 " AA_16,
	  SPDM_REASON_PROTOCOL_VIOLATION },
	{ "message above our maximum",
	  "12 06 00 05 00 00 00 00 14 00 00 00 01 00 01 00 12 01 00 01 " AA_16,
	  SPDM_REASON_RESOURCE_LIMIT },
	{ "wrong version", "11 06 00 05 00 00 00 00 14 00 00 00 34 00 00 00",
	  SPDM_REASON_UNEXPECTED_RESPONSE },
	{ "truncated", "12 06 00 05 00 00 00 00 14 00 00 00 34 00 00 00 12",
	  SPDM_REASON_MALFORMED_RESPONSE },
};

static void large_response_invalid_chunks(void **state)
{
	for (size_t i = 0; i < sizeof(chunk_cases) / sizeof(chunk_cases[0]);
	     i++) {
		struct spdm_requester *req = script_requester(NULL);
		const struct spdm_result *result;

		printf("chunk: %s\n", chunk_cases[i].name);
		result = RUN(req, CHUNK_VCA_STEPS,
			     RESPOND(SPDM_CHUNK_GET, CHUNK_GET("00"),
				     chunk_cases[i].chunk));
		assert_reason(result, chunk_cases[i].reason);
		spdm_requester_free(req);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(busy_three_then_ok),
		cmocka_unit_test(busy_forever),
		cmocka_unit_test(not_ready_then_ready),
		cmocka_unit_test(not_ready_invalid),
		cmocka_unit_test(not_ready_exhausted),
		cmocka_unit_test(not_ready_wait_capped),
		cmocka_unit_test(resynch_restarts),
		cmocka_unit_test(resynch_exhausted),
		cmocka_unit_test(other_errors_end_attestation),
		cmocka_unit_test(error_wrong_version),
		cmocka_unit_test(large_response_in_chunks),
		cmocka_unit_test(large_response_invalid_chunks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
