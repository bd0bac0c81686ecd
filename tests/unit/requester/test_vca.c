// SPDX-License-Identifier: BSD-3-Clause
/*
 * Requester tests of GET_VERSION, GET_CAPABILITIES and
 * NEGOTIATE_ALGORITHMS against scripted responses: the exact requests,
 * version selection, and every capability and algorithm rule.
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

static void vca_golden_requests_12(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req,
		RESPOND(SPDM_GET_VERSION, GET_VERSION_HEX, VERSION_12_HEX),
		RESPOND(SPDM_GET_CAPABILITIES, GET_CAPABILITIES_12_HEX,
			CAPABILITIES_12_HEX),
		RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NEGOTIATE_12_HEX,
			ALGORITHMS_12_HEX),
		{ .kind = SCRIPT_TIMEOUT, .request_code = SPDM_GET_DIGESTS,
		  .request_hex = GET_DIGESTS_12_HEX });

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x12);
	assert_int_equal(result->version_entry, 0x1200);
	assert_int_equal(result->ct_exponent, 12);
	assert_int_equal(result->capabilities, 0x36);
	assert_int_equal(result->base_asym_algo, SPDM_ASYM_ECDSA_P384);
	assert_int_equal(result->base_hash_algo, SPDM_HASH_SHA_384);
	assert_int_equal(result->measurement_hash_algo, SPDM_MEAS_HASH_SHA_384);
	assert_int_equal(result->measurement_specification, SPDM_MEAS_SPEC_DMTF);
	assert_non_null(strstr(result->detail, "GET_DIGESTS"));
	/* Three pairs entered transcripts and the evidence. */
	assert_int_equal(result->evidence.count, 6);
	spdm_requester_free(req);
}

static void vca_golden_requests_10_11(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, GET_VERSION_HEX, VERSION_10_HEX),
		RESPOND(SPDM_GET_CAPABILITIES, GET_CAPABILITIES_10_HEX,
			CAPABILITIES_10_HEX),
		RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NEGOTIATE_10_HEX,
			ALGORITHMS_10_HEX),
		TIMEOUT(SPDM_GET_DIGESTS));

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x10);
	spdm_requester_free(req);

	req = script_requester(NULL);
	result = RUN(req,
		     RESPOND(SPDM_GET_VERSION, GET_VERSION_HEX, VERSION_11_HEX),
		     RESPOND(SPDM_GET_CAPABILITIES, GET_CAPABILITIES_11_HEX,
			     CAPABILITIES_11_HEX),
		     RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NEGOTIATE_11_HEX,
			     ALGORITHMS_11_HEX),
		     TIMEOUT(SPDM_GET_DIGESTS));
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x11);
	spdm_requester_free(req);
}

struct version_case {
	const char *version_response;
	uint8_t min_version;
	uint8_t max_version;
	uint8_t expected; /* 0: no common version */
	uint16_t expected_entry;
};

static const struct version_case version_cases[] = {
	{ "10 04 00 00 00 03 00 10 00 11 00 12", 0x10, 0x12, 0x12, 0x1200 },
	{ "10 04 00 00 00 02 00 12 00 10", 0x10, 0x12, 0x12, 0x1200 },
	{ "10 04 00 00 00 02 00 13 00 11", 0x10, 0x12, 0x11, 0x1100 },
	/* The update nibble is ignored but reported. */
	{ "10 04 00 00 00 01 10 12", 0x10, 0x12, 0x12, 0x1210 },
	/* Duplicates are tolerated; the first entry is kept. */
	{ "10 04 00 00 00 03 20 11 30 11 00 10", 0x10, 0x12, 0x11, 0x1120 },
	{ "10 04 00 00 00 01 00 12", 0x10, 0x11, 0, 0 },
	{ "10 04 00 00 00 01 00 10", 0x11, 0x12, 0, 0 },
	{ "10 04 00 00 00 02 00 13 00 14", 0x10, 0x12, 0, 0 },
	{ "10 04 00 00 00 01 00 20", 0x10, 0x12, 0, 0 },
};

static const char *const capabilities_requests[] = {
	GET_CAPABILITIES_10_HEX, GET_CAPABILITIES_11_HEX,
	GET_CAPABILITIES_12_HEX
};
static const char *const capabilities_responses[] = {
	CAPABILITIES_10_HEX, CAPABILITIES_11_HEX, CAPABILITIES_12_HEX
};
static const char *const algorithms_responses[] = {
	ALGORITHMS_10_HEX, ALGORITHMS_11_HEX, ALGORITHMS_12_HEX
};

static void run_version_case(const struct version_case *c)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	const struct spdm_result *result;
	int minor = c->expected & 0x0f;

	spdm_requester_config_default(&config);
	config.min_version = c->min_version;
	config.max_version = c->max_version;
	assert_int_equal(spdm_requester_new(&config, &req), 0);

	if (!c->expected) {
		/* Nothing is sent after GET_VERSION. */
		result = RUN(req, RESPOND(SPDM_GET_VERSION, GET_VERSION_HEX,
					  c->version_response));
		assert_reason(result, SPDM_REASON_NO_COMMON_VERSION);
		spdm_requester_free(req);
		return;
	}
	result = RUN(req,
		     RESPOND(SPDM_GET_VERSION, GET_VERSION_HEX,
			     c->version_response),
		     RESPOND(SPDM_GET_CAPABILITIES,
			     capabilities_requests[minor],
			     capabilities_responses[minor]),
		     RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NULL,
			     algorithms_responses[minor]),
		     TIMEOUT(SPDM_GET_DIGESTS));
	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, c->expected);
	assert_int_equal(result->version_entry, c->expected_entry);
	spdm_requester_free(req);
}

static void vca_version_selection(void **state)
{
	for (size_t i = 0; i < sizeof(version_cases) / sizeof(version_cases[0]);
	     i++) {
		printf("version case %zu\n", i);
		run_version_case(&version_cases[i]);
	}
}

struct capabilities_case {
	const char *name;
	uint8_t version;
	uint8_t ct_exponent;
	uint32_t flags;
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
	bool legal;
};

#define CERT SPDM_CAP_CERT
#define CHAL SPDM_CAP_CHAL
#define MEAS_SIG SPDM_CAP_MEAS_SIG
#define BASE (CERT | CHAL | MEAS_SIG)

static const struct capabilities_case capabilities_cases[] = {
	{ "typical 1.2", 0x12, 12, BASE | SPDM_CAP_MEAS_FRESH, 4608, 4608, true },
	{ "DMTF emulator", 0x12, 0, 0x1afbf7, 0x1200, 0x28000, true },
	{ "chunking", 0x12, 0, BASE | SPDM_CAP_CHUNK, 1024, 8192, true },
	{ "signed measurements only", 0x12, 0, CERT | MEAS_SIG, 4608, 4608,
	  true },
	{ "1.0 typical", 0x10, 0, BASE, 0, 0, true },
	{ "1.0 measurements only", 0x10, 0, SPDM_CAP_MEAS_NO_SIG, 0, 0, true },
	{ "MEAS_CAP 11b", 0x12, 0, CERT | CHAL | SPDM_CAP_MEAS_MASK, 4608,
	  4608, false },
	{ "MEAS_FRESH without MEAS", 0x12, 0, CERT | CHAL | SPDM_CAP_MEAS_FRESH,
	  4608, 4608, false },
	{ "1.0 CERT without CHAL", 0x10, 0, CERT, 0, 0, false },
	{ "1.0 CHAL without CERT", 0x10, 0, CHAL, 0, 0, false },
	{ "1.0 signed without CERT", 0x10, 0, MEAS_SIG, 0, 0, false },
	{ "PSK_CAP 11b", 0x12, 0, BASE | SPDM_CAP_PSK_MASK | SPDM_CAP_MAC,
	  4608, 4608, false },
	{ "KEY_EX without MAC", 0x12, 0, BASE | SPDM_CAP_KEY_EX, 4608, 4608,
	  false },
	{ "MAC without KEY_EX", 0x12, 0, BASE | SPDM_CAP_MAC, 4608, 4608,
	  false },
	{ "HANDSHAKE_IN_THE_CLEAR with PSK", 0x12, 0,
	  BASE | (1u << 10) | SPDM_CAP_MAC | SPDM_CAP_HANDSHAKE_IN_THE_CLEAR,
	  4608, 4608, false },
	{ "CERT with PUB_KEY_ID", 0x12, 0, BASE | SPDM_CAP_PUB_KEY_ID, 4608,
	  4608, false },
	{ "CERT without a key use", 0x12, 0, CERT, 4608, 4608, false },
	{ "CHAL without a key", 0x12, 0, CHAL, 4608, 4608, false },
	{ "signed measurements without a key", 0x11, 0, MEAS_SIG, 0, 0,
	  false },
	{ "MUT_AUTH without CHAL or KEY_EX", 0x12, 0,
	  CERT | MEAS_SIG | SPDM_CAP_MUT_AUTH, 4608, 4608, false },
	{ "1.1 MUT_AUTH without ENCAP", 0x11, 0, BASE | SPDM_CAP_MUT_AUTH, 0,
	  0, false },
	{ "ALIAS_CERT without CERT", 0x12, 0,
	  CHAL | SPDM_CAP_PUB_KEY_ID | SPDM_CAP_ALIAS_CERT, 4608, 4608,
	  false },
	{ "CSR without SET_CERT", 0x12, 0, BASE | SPDM_CAP_CSR, 4608, 4608,
	  false },
	{ "CERT_INSTALL_RESET alone", 0x12, 0,
	  BASE | SPDM_CAP_CERT_INSTALL_RESET, 4608, 4608, false },
	{ "DataTransferSize 41", 0x12, 0, BASE, 41, 41, false },
	{ "DataTransferSize above max", 0x12, 0, BASE | SPDM_CAP_CHUNK, 4096,
	  2048, false },
	{ "sizes differ without CHUNK", 0x12, 0, BASE, 2048, 4096, false },
	{ "CTExponent 32", 0x12, 32, BASE, 4608, 4608, false },
};

/* Formats a CAPABILITIES response of a case as hex. */
static void capabilities_hex(const struct capabilities_case *c, char *hex,
			     size_t size)
{
	int n = snprintf(hex, size, "%02x 61 00 00 00 %02x 00 00 %02x %02x %02x %02x",
			 c->version, c->ct_exponent, c->flags & 0xff,
			 (c->flags >> 8) & 0xff, (c->flags >> 16) & 0xff,
			 c->flags >> 24);

	if (c->version < 0x12)
		return;
	snprintf(hex + n, size - (size_t)n,
		 " %02x %02x %02x %02x %02x %02x %02x %02x",
		 c->data_transfer_size & 0xff,
		 (c->data_transfer_size >> 8) & 0xff,
		 (c->data_transfer_size >> 16) & 0xff,
		 c->data_transfer_size >> 24, c->max_spdm_msg_size & 0xff,
		 (c->max_spdm_msg_size >> 8) & 0xff,
		 (c->max_spdm_msg_size >> 16) & 0xff,
		 c->max_spdm_msg_size >> 24);
}

static void run_capabilities_case(const struct capabilities_case *c)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result;
	const char *versions[] = { VERSION_10_HEX, VERSION_11_HEX,
				   VERSION_12_HEX };
	char caps[128];
	int minor = c->version & 0x0f;

	capabilities_hex(c, caps, sizeof(caps));
	if (c->legal)
		result = RUN(req,
			     RESPOND(SPDM_GET_VERSION, NULL, versions[minor]),
			     RESPOND(SPDM_GET_CAPABILITIES, NULL, caps),
			     TIMEOUT(SPDM_NEGOTIATE_ALGORITHMS));
	else
		result = RUN(req,
			     RESPOND(SPDM_GET_VERSION, NULL, versions[minor]),
			     RESPOND(SPDM_GET_CAPABILITIES, NULL, caps));
	assert_reason(result, c->legal ? SPDM_REASON_TIMEOUT :
					 SPDM_REASON_ILLEGAL_CAPABILITIES);
	assert_non_null(strstr(result->detail,
			       c->legal ? "NEGOTIATE_ALGORITHMS" :
					  "CAPABILITIES"));
	spdm_requester_free(req);
}

static void vca_capability_rules(void **state)
{
	for (size_t i = 0;
	     i < sizeof(capabilities_cases) / sizeof(capabilities_cases[0]);
	     i++) {
		printf("capabilities: %s\n", capabilities_cases[i].name);
		run_capabilities_case(&capabilities_cases[i]);
	}
}

struct algorithms_case {
	const char *name;
	const char *response;
	enum spdm_reason reason;
};

#define ALG_HEAD "12 63 00 00 24 00 01 02 "
#define ALG_TAIL " " ZEROES_12 " 00 00 00 00"

static const struct algorithms_case algorithms_cases[] = {
	{ "two asymmetric bits",
	  ALG_HEAD "04 00 00 00 90 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "asymmetric not offered",
	  ALG_HEAD "04 00 00 00 00 02 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "no asymmetric algorithm",
	  ALG_HEAD "04 00 00 00 00 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "two hashes",
	  ALG_HEAD "04 00 00 00 80 00 00 00 03 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "hash not offered",
	  ALG_HEAD "04 00 00 00 80 00 00 00 08 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "no hash", ALG_HEAD "04 00 00 00 80 00 00 00 00 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "two measurement hashes",
	  ALG_HEAD "06 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "no measurement hash",
	  ALG_HEAD "00 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "measurement specification not offered",
	  "12 63 00 00 24 00 02 02 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "no measurement specification",
	  "12 63 00 00 24 00 00 02 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "opaque format not offered",
	  "12 63 00 00 24 00 01 01 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "AlgStruct not requested",
	  "12 63 01 00 28 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL
	  " 02 20 10 00",
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "extended asymmetric selected",
	  "12 63 00 00 28 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 " ZEROES_12
	  " 01 00 00 00 00 00 01 00",
	  SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION },
	{ "Length too large",
	  "12 63 00 00 25 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL
	  " 00",
	  SPDM_REASON_MALFORMED_RESPONSE },
	{ "Length too small",
	  "12 63 00 00 23 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00" ALG_TAIL,
	  SPDM_REASON_MALFORMED_RESPONSE },
};

static void vca_algorithm_selection(void **state)
{
	for (size_t i = 0;
	     i < sizeof(algorithms_cases) / sizeof(algorithms_cases[0]); i++) {
		const struct algorithms_case *c = &algorithms_cases[i];
		struct spdm_requester *req = script_requester(NULL);
		const struct spdm_result *result;

		printf("algorithms: %s\n", c->name);
		result = RUN(req,
			     RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
			     RESPOND(SPDM_GET_CAPABILITIES, NULL,
				     CAPABILITIES_12_HEX),
			     RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NULL,
				     c->response));
		assert_reason(result, c->reason);
		assert_non_null(strstr(result->detail, "ALGORITHMS"));
		spdm_requester_free(req);
	}
}

static void vca_wrong_response_code(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, CAPABILITIES_12_HEX));

	assert_reason(result, SPDM_REASON_UNEXPECTED_RESPONSE);
	assert_non_null(strstr(result->detail, "CAPABILITIES"));
	spdm_requester_free(req);
}

static void vca_wrong_version_byte(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		RESPOND(SPDM_GET_CAPABILITIES, NULL,
			"11 61 00 00 00 0c 00 00 36 00 00 00"));

	assert_reason(result, SPDM_REASON_UNEXPECTED_RESPONSE);
	assert_non_null(strstr(result->detail, "SPDMVersion 0x11"));
	spdm_requester_free(req);
}

/* Delivers every proper prefix of the response of step failing. */
static void run_truncations(const char *const *responses, size_t failing)
{
	uint8_t full[256];
	size_t length = script_hex(responses[failing], full, sizeof(full));

	for (size_t cut = 0; cut < length; cut++) {
		struct spdm_requester *req = script_requester(NULL);
		struct script_step steps[4];
		const struct spdm_result *result;
		const uint8_t code[] = { SPDM_GET_VERSION,
					 SPDM_GET_CAPABILITIES,
					 SPDM_NEGOTIATE_ALGORITHMS };

		for (size_t i = 0; i <= failing; i++)
			steps[i] = (struct script_step){
				.kind = SCRIPT_RESPOND,
				.request_code = code[i],
				.response_hex = responses[i],
			};
		steps[failing].response_hex = NULL;
		steps[failing].response = full;
		steps[failing].response_length = cut;
		result = script_run_steps(req, steps, failing + 1);
		assert_reason(result, SPDM_REASON_MALFORMED_RESPONSE);
		spdm_requester_free(req);
	}
}

static void vca_truncated_at_every_length(void **state)
{
	const char *const responses[] = { VERSION_12_HEX, CAPABILITIES_12_HEX,
					  ALGORITHMS_12_HEX };

	for (size_t failing = 0; failing < 3; failing++)
		run_truncations(responses, failing);
}

static void vca_trailing_bytes_accepted(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req,
		RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX " ff ee"),
		RESPOND(SPDM_GET_CAPABILITIES, NULL,
			CAPABILITIES_12_HEX " 00 00 00 00"),
		RESPOND(SPDM_NEGOTIATE_ALGORITHMS, NULL,
			ALGORITHMS_12_HEX " 01"),
		TIMEOUT(SPDM_GET_DIGESTS));

	assert_reason(result, SPDM_REASON_TIMEOUT);
	assert_int_equal(result->version, 0x12);
	/* The evidence keeps the responses exactly as received. */
	assert_int_equal(result->evidence.messages[1].length, 10);
	spdm_requester_free(req);
}

static void vca_not_ready_rejected(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	const struct spdm_result *result = RUN(
		req, RESPOND(SPDM_GET_VERSION, NULL, "10 7f 42 00 01 84 01 02"));

	assert_reason(result, SPDM_REASON_PROTOCOL_VIOLATION);
	assert_non_null(strstr(result->detail, "ResponseNotReady"));
	spdm_requester_free(req);

	req = script_requester(NULL);
	result = RUN(req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		     RESPOND(SPDM_GET_CAPABILITIES, NULL,
			     "12 7f 42 00 01 e1 01 02"));
	assert_reason(result, SPDM_REASON_PROTOCOL_VIOLATION);
	spdm_requester_free(req);
}

static void vca_timeouts_and_link_loss(void **state)
{
	struct spdm_requester *req = script_requester(NULL);
	struct script script = {
		.steps = STEPS(TIMEOUT(SPDM_GET_VERSION)),
		.count = 1,
	};
	const struct spdm_result *result;

	script_run(&script, req);
	result = spdm_requester_result(req);
	assert_reason(result, SPDM_REASON_TIMEOUT);
	/* ST1 (100 ms) plus the 1000 ms floor. */
	assert_int_equal(script.last_timeout_ms, 1100);
	spdm_requester_free(req);

	req = script_requester(NULL);
	result = RUN(req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		     TIMEOUT(SPDM_GET_CAPABILITIES));
	assert_reason(result, SPDM_REASON_TIMEOUT);
	spdm_requester_free(req);

	req = script_requester(NULL);
	result = RUN(req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		     RESPOND(SPDM_GET_CAPABILITIES, NULL, CAPABILITIES_12_HEX),
		     TIMEOUT(SPDM_NEGOTIATE_ALGORITHMS));
	assert_reason(result, SPDM_REASON_TIMEOUT);
	spdm_requester_free(req);

	req = script_requester(NULL);
	result = RUN(req, RESPOND(SPDM_GET_VERSION, NULL, VERSION_12_HEX),
		     { .kind = SCRIPT_LINK_LOST,
		       .request_code = SPDM_GET_CAPABILITIES });
	assert_reason(result, SPDM_REASON_LINK_LOST);
	spdm_requester_free(req);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vca_golden_requests_12),
		cmocka_unit_test(vca_golden_requests_10_11),
		cmocka_unit_test(vca_version_selection),
		cmocka_unit_test(vca_capability_rules),
		cmocka_unit_test(vca_algorithm_selection),
		cmocka_unit_test(vca_wrong_response_code),
		cmocka_unit_test(vca_wrong_version_byte),
		cmocka_unit_test(vca_truncated_at_every_length),
		cmocka_unit_test(vca_trailing_bytes_accepted),
		cmocka_unit_test(vca_not_ready_rejected),
		cmocka_unit_test(vca_timeouts_and_link_loss),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
