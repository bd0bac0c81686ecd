// SPDX-License-Identifier: BSD-3-Clause
/*
 * Offline verification: a recorded conversation is replayed pair by pair
 * through the same exchange handlers the live requester uses.
 */
#include <errno.h>
#include <string.h>

#include <spdm/conversation.h>

#include "connection.h"

struct replay {
	struct spdm_connection conn;
	/* The request that got ResponseNotReady, for RESPOND_IF_READY. */
	const struct spdm_evidence_message *deferred;
};

static bool is_error(const struct spdm_evidence_message *response)
{
	return response->length >= 2 && response->data[1] == SPDM_ERROR;
}

/* Applies an ERROR's transcript rule; the pair itself enters nothing. */
static void replay_error(struct replay *replay,
			 const struct spdm_evidence_message *request,
			 const struct spdm_evidence_message *response)
{
	uint8_t code = response->length >= 3 ? response->data[2] : 0;

	if (request->data[1] == SPDM_RESPOND_IF_READY && replay->deferred)
		request = replay->deferred;
	if (code == SPDM_ERROR_RESPONSE_NOT_READY) {
		replay->deferred = request;
		return;
	}
	replay->deferred = NULL;
	spdm_connection_error_response(&replay->conn, request->data,
				       request->length, code);
}

static int replay_pair(struct replay *replay,
		       const struct spdm_evidence_message *request,
		       const struct spdm_evidence_message *response)
{
	struct spdm_connection *conn = &replay->conn;

	if (request->length < 4)
		return spdm_connection_fail(conn,
					    SPDM_REASON_PROTOCOL_VIOLATION,
					    "request of %zu bytes, shorter "
					    "than the 4-byte header",
					    request->length);
	if (is_error(response)) {
		replay_error(replay, request, response);
		return 0;
	}
	/* DSP0274 1.2: RESPOND_IF_READY returns the deferred response. */
	if (request->data[1] == SPDM_RESPOND_IF_READY) {
		if (!replay->deferred)
			return spdm_connection_fail(
				conn, SPDM_REASON_PROTOCOL_VIOLATION,
				"RESPOND_IF_READY without ResponseNotReady");
		request = replay->deferred;
	}
	if (request->data[1] == SPDM_CHUNK_GET)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHUNK_GET in a conversation is not supported; record "
			"the reassembled response instead");
	replay->deferred = NULL;
	return spdm_connection_exchange(conn, request->data, request->length,
					response->data, response->length);
}

static int replay_all(struct replay *replay,
		      const struct spdm_evidence *evidence)
{
	const struct spdm_evidence_message *messages = evidence->messages;
	size_t i;

	for (i = 0; i + 1 < evidence->count; i += 2) {
		if (!messages[i].is_request || messages[i + 1].is_request)
			break;
		if (replay_pair(replay, &messages[i], &messages[i + 1]))
			return -EPROTO;
	}
	if (i == evidence->count)
		return 0;
	return spdm_connection_fail(&replay->conn,
				    SPDM_REASON_MALFORMED_RESPONSE,
				    "conversation message %zu: expected a %s",
				    i + (messages[i].is_request ? 1 : 0),
				    messages[i].is_request ? "response" :
							     "request");
}

/* Returns the lowest slot whose key verified a signature, else 0. */
static uint8_t report_slot(const struct spdm_connection *conn)
{
	for (uint8_t slot_id = 0; slot_id < SPDM_MAX_SLOTS; slot_id++)
		if (conn->proof_slot_mask & (1u << slot_id))
			return slot_id;
	return 0;
}

int spdm_verify_conversation(const struct spdm_evidence *evidence,
			     const struct spdm_trust *trust, time_t check_time,
			     struct spdm_result *result)
{
	struct replay replay = { .deferred = NULL };

	if (!evidence || !result)
		return -EINVAL;
	spdm_connection_init(&replay.conn, trust, check_time,
			     SPDM_MAX_CERT_CHAIN_SIZE);
	replay_all(&replay, evidence);
	spdm_connection_conclude(&replay.conn, report_slot(&replay.conn),
				 result);
	spdm_connection_free(&replay.conn);
	return 0;
}
