// SPDX-License-Identifier: BSD-3-Clause
/*
 * Connection state of the requester: lifecycle, failure recording and the
 * dispatcher that applies the transcript reset rules before each handler.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <spdm/crypto.h>

#include "connection.h"

static void slot_init(struct spdm_slot *slot)
{
	memset(slot, 0, sizeof(*slot));
	spdm_buffer_init(&slot->chain, SPDM_MAX_CERT_CHAIN_SIZE);
}

static void slot_free(struct spdm_slot *slot)
{
	spdm_buffer_free(&slot->chain);
	EVP_PKEY_free(slot->leaf_key);
	slot_init(slot);
}

void spdm_connection_init(struct spdm_connection *conn,
			  const struct spdm_trust *trust, time_t check_time,
			  size_t max_cert_chain_size)
{
	memset(conn, 0, sizeof(*conn));
	conn->trust = trust;
	conn->check_time = check_time;
	conn->max_cert_chain_size = max_cert_chain_size;
	for (size_t i = 0; i < SPDM_MAX_SLOTS; i++)
		slot_init(&conn->slots[i]);
	spdm_transcript_init(&conn->transcript);
	spdm_buffer_init(&conn->measurement_record,
			 SPDM_EVIDENCE_MAX_MESSAGE_SIZE);
	spdm_buffer_init(&conn->signed_measurements,
			 2 * (size_t)SPDM_TRANSCRIPT_MAX_SIZE);
}

void spdm_connection_free(struct spdm_connection *conn)
{
	for (size_t i = 0; i < SPDM_MAX_SLOTS; i++)
		slot_free(&conn->slots[i]);
	spdm_transcript_free(&conn->transcript);
	spdm_buffer_free(&conn->measurement_record);
	spdm_buffer_free(&conn->signed_measurements);
	spdm_wipe(conn->measurement_nonce, sizeof(conn->measurement_nonce));
}

void spdm_connection_reset(struct spdm_connection *conn)
{
	const struct spdm_trust *trust = conn->trust;
	time_t check_time = conn->check_time;
	size_t max_cert_chain_size = conn->max_cert_chain_size;
	struct spdm_chain_memo *chain_memo = conn->chain_memo;
	enum spdm_reason reason = conn->reason;
	enum spdm_reason soft_reason = conn->soft_reason;
	char detail[SPDM_DETAIL_SIZE];
	char soft_detail[SPDM_DETAIL_SIZE];

	memcpy(detail, conn->detail, sizeof(detail));
	memcpy(soft_detail, conn->soft_detail, sizeof(soft_detail));
	spdm_connection_free(conn);
	spdm_connection_init(conn, trust, check_time, max_cert_chain_size);
	conn->chain_memo = chain_memo;
	conn->reason = reason;
	conn->soft_reason = soft_reason;
	memcpy(conn->detail, detail, sizeof(detail));
	memcpy(conn->soft_detail, soft_detail, sizeof(soft_detail));
}

int spdm_connection_fail(struct spdm_connection *conn,
			 enum spdm_reason reason, const char *format, ...)
{
	va_list args;

	if (conn->reason != SPDM_REASON_NONE)
		return -EPROTO;
	conn->reason = reason;
	va_start(args, format);
	vsnprintf(conn->detail, sizeof(conn->detail), format, args);
	va_end(args);
	return -EPROTO;
}

void spdm_connection_soft_fail(struct spdm_connection *conn,
			       enum spdm_reason reason, const char *format,
			       ...)
{
	va_list args;

	if (conn->soft_reason != SPDM_REASON_NONE)
		return;
	conn->soft_reason = reason;
	va_start(args, format);
	vsnprintf(conn->soft_detail, sizeof(conn->soft_detail), format, args);
	va_end(args);
}

int spdm_connection_fail_decode(struct spdm_connection *conn, int rc,
				const char *name, size_t length)
{
	switch (rc) {
	case -EOVERFLOW:
		return spdm_connection_fail(
			conn, SPDM_REASON_MALFORMED_RESPONSE,
			"%s: %zu bytes, too short for its fields", name,
			length);
	case -EBADMSG:
		return spdm_connection_fail(
			conn, SPDM_REASON_MALFORMED_RESPONSE,
			"%s: a length field does not match the %zu bytes",
			name, length);
	case -EPROTO:
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"%s: a field has a value DSP0274 forbids", name);
	default:
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "%s: decoding failed (%s)", name,
					    strerror(-rc));
	}
}

int spdm_connection_fail_request(struct spdm_connection *conn, int rc,
				 const char *name)
{
	return spdm_connection_fail(conn, SPDM_REASON_PROTOCOL_VIOLATION,
				    "%s request: invalid (%s)", name,
				    strerror(-rc));
}

int spdm_connection_record(struct spdm_connection *conn,
			   struct spdm_buffer *buf, const uint8_t *request,
			   size_t request_size, const uint8_t *response,
			   size_t response_size)
{
	int rc = spdm_transcript_add_pair(buf, request, request_size, response,
					  response_size);

	if (rc == -E2BIG)
		return spdm_connection_fail(
			conn, SPDM_REASON_RESOURCE_LIMIT,
			"%s: transcript above its %u-byte limit",
			spdm_message_name(response[1]),
			SPDM_TRANSCRIPT_MAX_SIZE);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "%s: %s",
					    spdm_message_name(response[1]),
					    strerror(-rc));
	return 0;
}

int spdm_connection_check_opaque(struct spdm_connection *conn,
				 uint16_t opaque_length, const char *name)
{
	/*
	 * DSP0274 1.2 NEGOTIATE_ALGORITHMS: without a selected opaque data
	 * format the responder sends no opaque data.
	 */
	if (conn->version >= SPDM_VERSION_12 && !conn->opaque_data_format &&
	    opaque_length)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"%s: OpaqueLength %u but no opaque data format was "
			"selected",
			name, opaque_length);
	return 0;
}

int spdm_connection_check_response(struct spdm_connection *conn,
				   const uint8_t *request,
				   const uint8_t *response, size_t length)
{
	uint8_t expected = request[1] & 0x7f;

	/* DSP0274 1.2 generic SPDM message format: a 4-byte header. */
	if (length < 4)
		return spdm_connection_fail(
			conn, SPDM_REASON_MALFORMED_RESPONSE,
			"%s: %zu bytes, shorter than the 4-byte header",
			spdm_message_name(expected), length);
	/* DSP0274 1.2: a response carries the SPDMVersion of its request. */
	if (response[0] != request[0])
		return spdm_connection_fail(
			conn, SPDM_REASON_UNEXPECTED_RESPONSE,
			"%s: SPDMVersion 0x%02x, the request used 0x%02x",
			spdm_message_name(response[1]), response[0],
			request[0]);
	if (response[1] != expected)
		return spdm_connection_fail(
			conn, SPDM_REASON_UNEXPECTED_RESPONSE,
			"%s (0x%02x) in response to %s, expected %s",
			spdm_message_name(response[1]), response[1],
			spdm_message_name(request[1]),
			spdm_message_name(expected));
	return 0;
}

/* Returns the stage of the connection that a request needs. */
static enum spdm_connection_stage required_stage(uint8_t code)
{
	switch (code) {
	case SPDM_GET_VERSION:
		return SPDM_STAGE_NONE;
	case SPDM_GET_CAPABILITIES:
		return SPDM_STAGE_VERSION;
	case SPDM_NEGOTIATE_ALGORITHMS:
		return SPDM_STAGE_CAPABILITIES;
	default:
		return SPDM_STAGE_NEGOTIATED;
	}
}

static int check_order(struct spdm_connection *conn, uint8_t code)
{
	enum spdm_connection_stage needed = required_stage(code);

	if (needed == SPDM_STAGE_NONE)
		return 0;
	/*
	 * GET_CAPABILITIES comes right after VERSION, NEGOTIATE_ALGORITHMS
	 * right after CAPABILITIES, and the rest only after ALGORITHMS
	 * (DSP0274 1.2, connection behavior of the VCA messages).
	 */
	if (conn->stage == needed)
		return 0;
	return spdm_connection_fail(conn, SPDM_REASON_PROTOCOL_VIOLATION,
				    "%s out of order in the connection",
				    spdm_message_name(code));
}

/*
 * Applies the reset rules that depend only on the request code, before
 * its pair is added (DSP0274 1.2 section 15, transcript definitions).
 */
static void apply_reset_rules(struct spdm_connection *conn, uint8_t code)
{
	if (code != SPDM_GET_MEASUREMENTS) {
		/* L1/L2 covers consecutive measurement exchanges only. */
		spdm_buffer_reset(&conn->transcript.m);
		conn->measurement_batch_open = false;
		return;
	}
	/*
	 * GET_MEASUREMENTS before any CHALLENGE_AUTH verified ends the
	 * authentication exchanges in progress, so B and C restart. DMTF
	 * libspdm 3.x does this on both sides; our own flow never sends
	 * GET_MEASUREMENTS between GET_DIGESTS and CHALLENGE.
	 */
	if (!conn->authenticated) {
		spdm_buffer_reset(&conn->transcript.b);
		spdm_buffer_reset(&conn->transcript.c);
	}
}

typedef int (*spdm_handler)(struct spdm_connection *conn,
			    const uint8_t *request, size_t request_length,
			    const uint8_t *response, size_t response_length);

static spdm_handler handler_for(uint8_t code)
{
	switch (code) {
	case SPDM_GET_VERSION:
		return spdm_exchange_version;
	case SPDM_GET_CAPABILITIES:
		return spdm_exchange_capabilities;
	case SPDM_NEGOTIATE_ALGORITHMS:
		return spdm_exchange_algorithms;
	case SPDM_GET_DIGESTS:
		return spdm_exchange_digests;
	case SPDM_GET_CERTIFICATE:
		return spdm_exchange_certificate;
	case SPDM_CHALLENGE:
		return spdm_exchange_challenge;
	case SPDM_GET_MEASUREMENTS:
		return spdm_exchange_measurements;
	default:
		return NULL;
	}
}

int spdm_connection_exchange(struct spdm_connection *conn,
			     const uint8_t *request, size_t request_length,
			     const uint8_t *response, size_t response_length)
{
	spdm_handler handler;
	int rc;

	if (conn->reason != SPDM_REASON_NONE)
		return -EPROTO;
	if (request_length < 4)
		return spdm_connection_fail(conn,
					    SPDM_REASON_PROTOCOL_VIOLATION,
					    "request of %zu bytes, shorter "
					    "than the 4-byte header",
					    request_length);

	handler = handler_for(request[1]);
	if (!handler)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"%s (0x%02x) is not part of an attestation",
			spdm_message_name(request[1]), request[1]);
	rc = check_order(conn, request[1]);
	if (rc)
		return rc;
	apply_reset_rules(conn, request[1]);

	rc = spdm_connection_check_response(conn, request, response,
					    response_length);
	if (rc)
		return rc;
	return handler(conn, request, request_length, response,
		       response_length);
}

void spdm_connection_error_response(struct spdm_connection *conn,
				    const uint8_t *request,
				    size_t request_length, uint8_t error_code)
{
	if (request_length < 2 || error_code == SPDM_ERROR_RESPONSE_NOT_READY)
		return;
	/*
	 * An ERROR ends a measurement sequence and both sides start M again
	 * (DSP0274 1.2 section 15, L1/L2 covers one uninterrupted run of
	 * GET_MEASUREMENTS exchanges).
	 */
	if (request[1] == SPDM_GET_MEASUREMENTS) {
		spdm_buffer_reset(&conn->transcript.m);
		conn->measurement_batch_open = false;
	}
}
