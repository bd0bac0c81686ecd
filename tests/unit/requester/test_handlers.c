// SPDX-License-Identifier: BSD-3-Clause
/*
 * Direct tests of the exchange handlers behind the requester and the
 * verifier: the MEASUREMENTS record rules, opaque data, the order of
 * requests and the transcript reset rules, on a connection negotiated
 * with the golden VCA messages (SPDM 1.2, ECDSA P-384, SHA-384).
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

#include "../../../lib/spdm/requester/connection.h"
#include "script.h"
#include "vectors.h"

#define GET_MEASUREMENTS_ALL "12 e0 00 ff"
#define GET_MEASUREMENTS_ONE "12 e0 00 01"
#define GET_MEASUREMENTS_COUNT "12 e0 00 00"
/* An 11-byte raw firmware version block: DMTF, size 7, type 0x86. */
#define BLOCK(index) index " 01 07 00 86 04 00 31 2e 32 33"
#define NONCE                                                            \
	"00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 " \
	"15 16 17 18 19 1a 1b 1c 1d 1e 1f"

struct handler_test {
	struct spdm_connection conn;
};

static void exchange_hex(struct spdm_connection *conn, const char *request,
			 const char *response, int expected)
{
	uint8_t req[256];
	uint8_t rsp[1024];
	size_t req_length = script_hex(request, req, sizeof(req));
	size_t rsp_length = script_hex(response, rsp, sizeof(rsp));
	int rc = spdm_connection_exchange(conn, req, req_length, rsp,
					  rsp_length);

	if (rc != expected)
		fail_msg("%s -> %d (%s: %s), expected %d", request, rc,
			 spdm_reason_name(conn->reason), conn->detail,
			 expected);
}

static void negotiate(struct spdm_connection *conn, const char *algorithms)
{
	exchange_hex(conn, GET_VERSION_HEX, VERSION_12_HEX, 0);
	exchange_hex(conn, GET_CAPABILITIES_12_HEX, CAPABILITIES_12_HEX, 0);
	exchange_hex(conn, NEGOTIATE_12_HEX, algorithms, 0);
}

static int handler_setup(void **state)
{
	struct handler_test *t = calloc(1, sizeof(*t));

	spdm_connection_init(&t->conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
	negotiate(&t->conn, ALGORITHMS_12_HEX);
	*state = t;
	return 0;
}

static int handler_teardown(void **state)
{
	struct handler_test *t = *state;

	spdm_connection_free(&t->conn);
	free(t);
	return 0;
}

static void assert_failed(const struct spdm_connection *conn,
			  enum spdm_reason reason, const char *detail)
{
	if (conn->reason != reason)
		fail_msg("reason %s (%s), expected %s",
			 spdm_reason_name(conn->reason), conn->detail,
			 spdm_reason_name(reason));
	if (!strstr(conn->detail, detail))
		fail_msg("detail '%s' lacks '%s'", conn->detail, detail);
}

static void negotiated_state(void **state)
{
	struct handler_test *t = *state;

	assert_int_equal(t->conn.stage, SPDM_STAGE_NEGOTIATED);
	assert_int_equal(t->conn.version, 0x12);
	assert_int_equal(t->conn.hash_size, 48);
	assert_int_equal(t->conn.signature_size, 96);
	assert_int_equal(t->conn.opaque_data_format, SPDM_OPAQUE_DATA_FMT1);
	/* A contains the three VCA pairs at their defined sizes. */
	assert_int_equal(t->conn.transcript.a.size,
			 4 + 8 + 20 + 20 + 32 + 36);
}

struct measurements_case {
	const char *name;
	const char *request;
	const char *response;
	enum spdm_reason reason; /* SPDM_REASON_NONE: accepted */
	const char *detail;
};

static const struct measurements_case measurements_cases[] = {
	{ "all blocks", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 02 16 00 00 " BLOCK("01") " " BLOCK("02") " " NONCE
	  " 00 00",
	  SPDM_REASON_NONE, "" },
	{ "one index", GET_MEASUREMENTS_ONE,
	  "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE " 00 00",
	  SPDM_REASON_NONE, "" },
	{ "count only", GET_MEASUREMENTS_COUNT,
	  "12 60 08 00 00 00 00 00 " NONCE " 00 00", SPDM_REASON_NONE, "" },
	{ "opaque data in the selected format", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE
	  " 04 00 01 00 00 00",
	  SPDM_REASON_NONE, "" },
	{ "blocks for a count query", GET_MEASUREMENTS_COUNT,
	  "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "NumberOfBlocks 1 for a count" },
	{ "no block for all", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 00 00 00 00 " NONCE " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "NumberOfBlocks 0" },
	{ "other index", GET_MEASUREMENTS_ONE,
	  "12 60 00 00 01 0b 00 00 " BLOCK("02") " " NONCE " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "block index 2 for index 1" },
	{ "two blocks for one index", GET_MEASUREMENTS_ONE,
	  "12 60 00 00 02 16 00 00 " BLOCK("01") " " BLOCK("01") " " NONCE
	  " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "NumberOfBlocks 2 for index 1" },
	{ "count above the record", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 02 0b 00 00 " BLOCK("01") " " NONCE " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "NumberOfBlocks 2" },
	{ "other specification", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 0b 00 00 01 02 07 00 86 04 00 31 2e 32 33 " NONCE
	  " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "specification 0x02" },
	{ "index 0", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 0b 00 00 " BLOCK("00") " " NONCE " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "block 0 at offset 0" },
	{ "DMTF size inconsistent", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 0b 00 00 01 01 07 00 86 05 00 31 2e 32 33 " NONCE
	  " 00 00",
	  SPDM_REASON_MEASUREMENTS_INVALID, "is invalid" },
	{ "record past the end", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 ff 00 00 " BLOCK("01"),
	  SPDM_REASON_MALFORMED_RESPONSE, "MEASUREMENTS" },
	{ "nonce missing", GET_MEASUREMENTS_ALL,
	  "12 60 00 00 01 0b 00 00 " BLOCK("01") " 00 00",
	  SPDM_REASON_MALFORMED_RESPONSE, "MEASUREMENTS" },
};

static void measurements_rules(void **state)
{
	for (size_t i = 0;
	     i < sizeof(measurements_cases) / sizeof(measurements_cases[0]);
	     i++) {
		const struct measurements_case *c = &measurements_cases[i];
		struct spdm_connection conn;

		printf("measurements: %s\n", c->name);
		spdm_connection_init(&conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
		negotiate(&conn, ALGORITHMS_12_HEX);
		exchange_hex(&conn, c->request, c->response,
			     c->reason == SPDM_REASON_NONE ? 0 : -EPROTO);
		if (c->reason != SPDM_REASON_NONE)
			assert_failed(&conn, c->reason, c->detail);
		spdm_connection_free(&conn);
	}
}

static void opaque_data_without_format(void **state)
{
	struct spdm_connection conn;

	spdm_connection_init(&conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
	/* ALGORITHMS_12 with OtherParamsSelection 0. */
	negotiate(&conn, "12 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 "
			 "02 00 00 00 " ZEROES_12 " 00 00 00 00");
	assert_int_equal(conn.opaque_data_format, 0);
	exchange_hex(&conn, GET_MEASUREMENTS_ALL,
		     "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE
		     " 04 00 01 00 00 00",
		     -EPROTO);
	assert_failed(&conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "OpaqueLength 4 but no opaque data format");
	spdm_connection_free(&conn);
}

static void unsigned_exchanges_accumulate(void **state)
{
	struct handler_test *t = *state;
	const char *response = "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE
			       " 00 00";
	size_t pair = 4 + 8 + 11 + 32 + 2;

	exchange_hex(&t->conn, GET_MEASUREMENTS_ONE, response, 0);
	exchange_hex(&t->conn, GET_MEASUREMENTS_ONE, response, 0);
	/* Unsigned pairs enter M whole; the record gathers both blocks. */
	assert_int_equal(t->conn.transcript.m.size, 2 * pair);
	assert_int_equal(t->conn.measurement_block_count, 2);
	assert_int_equal(t->conn.measurement_record.size, 22);

	/* Any other request ends the run of measurement exchanges. */
	exchange_hex(&t->conn, GET_DIGESTS_12_HEX, DIGESTS_12_HEX, 0);
	assert_int_equal(t->conn.transcript.m.size, 0);
	assert_int_equal(t->conn.measurement_record.size, 22);
	exchange_hex(&t->conn, GET_MEASUREMENTS_ONE, response, 0);
	assert_int_equal(t->conn.transcript.m.size, pair);
	assert_int_equal(t->conn.measurement_block_count, 1);
}

static void error_resets_measurement_transcript(void **state)
{
	struct handler_test *t = *state;
	const char *response = "12 60 00 00 01 0b 00 00 " BLOCK("01") " " NONCE
			       " 00 00";
	const uint8_t request[] = { 0x12, 0xe0, 0x00, 0x01 };

	exchange_hex(&t->conn, GET_MEASUREMENTS_ONE, response, 0);
	/* ResponseNotReady keeps M: the response is only deferred. */
	spdm_connection_error_response(&t->conn, request, sizeof(request),
				       SPDM_ERROR_RESPONSE_NOT_READY);
	assert_int_not_equal(t->conn.transcript.m.size, 0);
	spdm_connection_error_response(&t->conn, request, sizeof(request),
				       SPDM_ERROR_BUSY);
	assert_int_equal(t->conn.transcript.m.size, 0);
}

static void measurements_before_challenge_reset_b(void **state)
{
	struct handler_test *t = *state;

	exchange_hex(&t->conn, GET_DIGESTS_12_HEX, DIGESTS_12_HEX, 0);
	assert_int_equal(t->conn.transcript.b.size, 4 + 52);
	exchange_hex(&t->conn, GET_MEASUREMENTS_COUNT,
		     "12 60 08 00 00 00 00 00 " NONCE " 00 00", 0);
	assert_int_equal(t->conn.transcript.b.size, 0);
}

static void digests_restart_b(void **state)
{
	struct handler_test *t = *state;

	exchange_hex(&t->conn, GET_DIGESTS_12_HEX, DIGESTS_12_HEX, 0);
	exchange_hex(&t->conn, GET_DIGESTS_12_HEX, DIGESTS_12_HEX, 0);
	assert_int_equal(t->conn.transcript.b.size, 4 + 52);
	assert_int_equal(t->conn.slot_mask, 1);
	assert_true(t->conn.slots[0].digest_known);
	assert_false(t->conn.slots[1].digest_known);
}

static void requests_out_of_order(void **state)
{
	struct spdm_connection conn;

	spdm_connection_init(&conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
	exchange_hex(&conn, GET_DIGESTS_12_HEX, DIGESTS_12_HEX, -EPROTO);
	assert_failed(&conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "GET_DIGESTS out of order");
	spdm_connection_free(&conn);

	spdm_connection_init(&conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
	negotiate(&conn, ALGORITHMS_12_HEX);
	exchange_hex(&conn, GET_CAPABILITIES_12_HEX, CAPABILITIES_12_HEX,
		     -EPROTO);
	assert_failed(&conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "GET_CAPABILITIES out of order");
	spdm_connection_free(&conn);

	/* A version VERSION did not list is rejected in GET_CAPABILITIES. */
	spdm_connection_init(&conn, NULL, 0, SPDM_MAX_CERT_CHAIN_SIZE);
	exchange_hex(&conn, GET_VERSION_HEX, VERSION_11_HEX, 0);
	exchange_hex(&conn, GET_CAPABILITIES_12_HEX, CAPABILITIES_12_HEX,
		     -EPROTO);
	assert_failed(&conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "version 1.2 was not in VERSION");
	spdm_connection_free(&conn);
}

static void foreign_request_rejected(void **state)
{
	struct handler_test *t = *state;

	/* KEY_EXCHANGE is not part of an attestation. */
	exchange_hex(&t->conn, "12 e4 00 00", "12 64 00 00", -EPROTO);
	assert_failed(&t->conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "is not part of an attestation");
}

static void challenge_without_chain(void **state)
{
	struct handler_test *t = *state;
	char request[256];
	char response[1024];

	snprintf(request, sizeof(request), "12 83 00 ff %s", NONCE);
	/* CertChainHash, nonce, summary hash, OpaqueLength, signature. */
	snprintf(response, sizeof(response),
		 "12 03 00 01 %s %s %s %s %s %s 00 00 %s %s %s", AA_16, AA_16,
		 AA_16, NONCE, AA_16, AA_16 " " AA_16, AA_16 " " AA_16,
		 AA_16 " " AA_16, AA_16 " " AA_16);
	exchange_hex(&t->conn, request, response, -EPROTO);
	assert_failed(&t->conn, SPDM_REASON_NO_CERTIFICATE,
		      "no certificate chain of slot 0");
}

static void challenge_provisioned_key_rejected(void **state)
{
	struct handler_test *t = *state;
	char request[256];

	snprintf(request, sizeof(request), "12 83 ff 00 %s", NONCE);
	exchange_hex(&t->conn, request, "12 03 0f 00", -EPROTO);
	assert_failed(&t->conn, SPDM_REASON_NO_CERTIFICATE, "SlotID 0xff");
}

static void signed_measurements_without_chain(void **state)
{
	struct handler_test *t = *state;
	char request[256];
	char response[1024];

	snprintf(request, sizeof(request), "12 e0 01 ff %s 00", NONCE);
	snprintf(response, sizeof(response),
		 "12 60 00 00 01 0b 00 00 %s %s 00 00 %s %s %s %s %s %s",
		 BLOCK("01"), NONCE, AA_16, AA_16, AA_16, AA_16, AA_16, AA_16);
	exchange_hex(&t->conn, request, response, 0);
	/* The exchange goes on, but nothing was proven. */
	assert_int_equal(t->conn.reason, SPDM_REASON_NONE);
	assert_int_equal(t->conn.soft_reason, SPDM_REASON_NO_CERTIFICATE);
	assert_false(t->conn.measurements_signed);
	assert_int_equal(t->conn.proof_slot_mask, 0);
	/* A || M without the signature, then the 96-byte signature. */
	assert_int_equal(t->conn.signed_measurements.size,
			 t->conn.transcript.a.size + 37 + 8 + 11 + 32 + 2 +
				 96);
	/* A signed MEASUREMENTS ends M. */
	assert_int_equal(t->conn.transcript.m.size, 0);
}

static void measurements_slot_echo(void **state)
{
	struct handler_test *t = *state;
	char request[256];
	char response[1024];

	snprintf(request, sizeof(request), "12 e0 01 ff %s 00", NONCE);
	snprintf(response, sizeof(response),
		 "12 60 00 01 01 0b 00 00 %s %s 00 00 %s %s %s %s %s %s",
		 BLOCK("01"), NONCE, AA_16, AA_16, AA_16, AA_16, AA_16, AA_16);
	exchange_hex(&t->conn, request, response, -EPROTO);
	assert_failed(&t->conn, SPDM_REASON_PROTOCOL_VIOLATION,
		      "SlotID 1 in response to slot 0");
}

static void version_selection_table(void **state)
{
	const struct {
		uint16_t entries[4];
		size_t count;
		uint8_t min;
		uint8_t max;
		int rc;
		uint8_t version;
		uint16_t entry;
	} cases[] = {
		{ { 0x1000, 0x1100, 0x1200 }, 3, 0x10, 0x12, 0, 0x12, 0x1200 },
		{ { 0x1201, 0x1200 }, 2, 0x10, 0x12, 0, 0x12, 0x1201 },
		{ { 0x1300, 0x1400 }, 2, 0x10, 0x12, -ENOENT, 0, 0 },
		{ { 0x1000 }, 1, 0x11, 0x12, -ENOENT, 0, 0 },
		{ { 0x1200, 0x1100 }, 2, 0x10, 0x11, 0, 0x11, 0x1100 },
		{ { 0x0f00, 0x1000 }, 2, 0x10, 0x12, 0, 0x10, 0x1000 },
		{ { 0 }, 0, 0x10, 0x12, -ENOENT, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t version = 0;
		uint16_t entry = 0;

		assert_int_equal(spdm_select_version(cases[i].entries,
						     cases[i].count,
						     cases[i].min, cases[i].max,
						     &version, &entry),
				 cases[i].rc);
		if (cases[i].rc)
			continue;
		assert_int_equal(version, cases[i].version);
		assert_int_equal(entry, cases[i].entry);
	}
}

#define HANDLER_TEST(name) \
	cmocka_unit_test_setup_teardown(name, handler_setup, handler_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		HANDLER_TEST(negotiated_state),
		cmocka_unit_test(measurements_rules),
		cmocka_unit_test(opaque_data_without_format),
		HANDLER_TEST(unsigned_exchanges_accumulate),
		HANDLER_TEST(error_resets_measurement_transcript),
		HANDLER_TEST(measurements_before_challenge_reset_b),
		HANDLER_TEST(digests_restart_b),
		cmocka_unit_test(requests_out_of_order),
		HANDLER_TEST(foreign_request_rejected),
		HANDLER_TEST(challenge_without_chain),
		HANDLER_TEST(challenge_provisioned_key_rejected),
		HANDLER_TEST(signed_measurements_without_chain),
		HANDLER_TEST(measurements_slot_echo),
		cmocka_unit_test(version_selection_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
