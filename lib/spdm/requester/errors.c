// SPDX-License-Identifier: BSD-3-Clause
/*
 * ERROR responses (DSP0274 1.2 table 58): Busy and ResponseNotReady are
 * retried within bounds, RequestResynch restarts the connection,
 * LargeResponse is read with CHUNK_GET, anything else ends the
 * attestation with reason device-error. No ERROR, RESPOND_IF_READY or
 * CHUNK_GET ever enters a transcript.
 */
#include <errno.h>
#include <string.h>

#include "requester_state.h"

static const char *request_name(const struct spdm_requester *req)
{
	return spdm_message_name(req->request[1]);
}

/* The request code a ResponseNotReady must name: the one on the wire. */
static uint8_t inflight_code(const struct spdm_requester *req)
{
	return req->chunk_active ? SPDM_CHUNK_GET : req->request[1];
}

static bool vca_request(uint8_t code)
{
	return code == SPDM_GET_VERSION || code == SPDM_GET_CAPABILITIES ||
	       code == SPDM_NEGOTIATE_ALGORITHMS;
}

/* Records the ERROR with its request, as spdm_evidence describes. */
static int record_error(struct spdm_requester *req,
			const struct spdm_error *err, const uint8_t *response)
{
	spdm_connection_error_response(&req->conn, req->request,
				       req->request_length,
				       err->header.param1);
	return spdm_requester_record(req, req->request, req->request_length,
				     response, err->size);
}

static void retry_busy(struct spdm_requester *req)
{
	/* DSP0274 1.2 table 58, Busy: send the identical request later. */
	if (req->busy_retries >= req->config.busy_retry_max) {
		spdm_requester_fail(req, SPDM_REASON_BUSY,
				    "ERROR Busy to %s, %u retries exhausted",
				    request_name(req), req->busy_retries);
		return;
	}
	req->busy_retries++;
	spdm_requester_send(req, req->wire, req->wire_length,
			    req->config.busy_retry_delay_ms);
}

static int check_not_ready(struct spdm_requester *req,
			   const struct spdm_response_not_ready *rnr)
{
	/* DSP0274 1.2: no VCA request may get ResponseNotReady. */
	if (vca_request(inflight_code(req)))
		return spdm_connection_fail(
			&req->conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"ERROR ResponseNotReady to %s",
			spdm_message_name(inflight_code(req)));
	/* DSP0274 1.2 table 60: RequestCode, RDTM > 1, RDTExponent. */
	if (rnr->request_code != inflight_code(req))
		return spdm_connection_fail(
			&req->conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"ERROR ResponseNotReady: RequestCode 0x%02x, sent %s",
			rnr->request_code,
			spdm_message_name(inflight_code(req)));
	if (rnr->rdtm <= 1)
		return spdm_connection_fail(
			&req->conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"ERROR ResponseNotReady: RDTM %u, must be above 1",
			rnr->rdtm);
	if (rnr->rdt_exponent > SPDM_MAX_CT_EXPONENT)
		return spdm_connection_fail(
			&req->conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"ERROR ResponseNotReady: RDTExponent %u above %u",
			rnr->rdt_exponent, SPDM_MAX_CT_EXPONENT);
	return 0;
}

static void respond_if_ready(struct spdm_requester *req,
			     const struct spdm_error *err)
{
	struct spdm_response_not_ready rnr;
	struct spdm_respond_if_ready msg = { .header.version = req->wire[0] };
	uint8_t wire[SPDM_REQUEST_MAX_SIZE];
	uint64_t delay_ms;
	size_t length;

	if (spdm_decode_response_not_ready(&rnr, err)) {
		spdm_requester_fail(req, SPDM_REASON_MALFORMED_RESPONSE,
				    "ERROR ResponseNotReady to %s without its "
				    "4 bytes of extended data",
				    request_name(req));
		return;
	}
	if (check_not_ready(req, &rnr)) {
		spdm_requester_finish(req);
		return;
	}
	if (req->not_ready_retries >= req->config.not_ready_retry_max) {
		spdm_requester_fail(req, SPDM_REASON_TIMEOUT,
				    "ERROR ResponseNotReady to %s, %u "
				    "RESPOND_IF_READY exhausted",
				    request_name(req), req->not_ready_retries);
		return;
	}
	req->not_ready_retries++;

	/* Wait RDT = 2^RDTExponent us, then ask with the code and token. */
	delay_ms = ((1ull << rnr.rdt_exponent) + 999) / 1000;
	if (delay_ms > req->config.timeout_cap_ms)
		delay_ms = req->config.timeout_cap_ms;
	msg.header.param1 = rnr.request_code;
	msg.header.param2 = rnr.token;
	if (spdm_encode_respond_if_ready(&msg, wire, sizeof(wire), &length)) {
		spdm_requester_fail(req, SPDM_REASON_INTERNAL_ERROR,
				    "RESPOND_IF_READY: encoding failed");
		return;
	}
	spdm_requester_send(req, wire, length, (unsigned int)delay_ms);
}

static void restart(struct spdm_requester *req)
{
	/* DSP0274 1.2 table 58, RequestResynch: start again at VCA. */
	if (req->restarts >= req->config.max_restarts) {
		spdm_requester_fail(req, SPDM_REASON_DEVICE_ERROR,
				    "ERROR RequestResynch to %s after %u "
				    "restarts",
				    request_name(req), req->restarts);
		return;
	}
	req->restarts++;
	req->busy_retries = 0;
	req->not_ready_retries = 0;
	req->chunk_active = false;
	spdm_connection_reset(&req->conn);
	req->step = SPDM_STEP_VERSION;
	req->state = SPDM_STATE_BUILD;
}

void spdm_requester_send_chunk_get(struct spdm_requester *req)
{
	struct spdm_chunk_get msg = {
		.header.version = req->request[0],
		.header.param2 = req->chunk_handle,
		.chunk_seq_no = req->chunk_seq_no,
	};
	uint8_t wire[SPDM_REQUEST_MAX_SIZE];
	size_t length;

	if (spdm_encode_chunk_get(&msg, wire, sizeof(wire), &length)) {
		spdm_requester_fail(req, SPDM_REASON_INTERNAL_ERROR,
				    "CHUNK_GET: encoding failed");
		return;
	}
	spdm_requester_send(req, wire, length, 0);
}

static void start_chunks(struct spdm_requester *req,
			 const struct spdm_error *err)
{
	/* DSP0274 1.2 table 58, LargeResponse: 1 byte of data, the Handle. */
	if (err->ext_length < 1) {
		spdm_requester_fail(req, SPDM_REASON_MALFORMED_RESPONSE,
				    "ERROR LargeResponse to %s without a "
				    "Handle",
				    request_name(req));
		return;
	}
	req->chunk_active = true;
	req->chunk_handle = err->ext_data[0];
	req->chunk_seq_no = 0;
	req->chunk_total = 0;
	spdm_buffer_reset(&req->chunk_message);
	spdm_requester_send_chunk_get(req);
}

static bool chunks_negotiated(const struct spdm_requester *req)
{
	return req->conn.version >= SPDM_VERSION_12 &&
	       (req->conn.requester_flags & SPDM_CAP_CHUNK) &&
	       (req->conn.capabilities & SPDM_CAP_CHUNK) && !req->chunk_active;
}

static void device_error(struct spdm_requester *req,
			 const struct spdm_error *err)
{
	spdm_requester_fail(req, SPDM_REASON_DEVICE_ERROR,
			    "ERROR %s (0x%02x) to %s, ErrorData 0x%02x",
			    spdm_error_code_name(err->header.param1),
			    err->header.param1,
			    spdm_message_name(req->wire[1]), err->header.param2);
}

static int decode_error(struct spdm_requester *req, struct spdm_error *err,
			const uint8_t *response, size_t length)
{
	int rc = spdm_decode_error(err, response, length);

	if (rc) {
		spdm_requester_fail(req, SPDM_REASON_MALFORMED_RESPONSE,
				    "ERROR to %s: %zu bytes, invalid",
				    spdm_message_name(req->wire[1]), length);
		return rc;
	}
	/*
	 * An ERROR carries the version of the request, or 0x10 when the
	 * responder rejects the version itself (VersionMismatch).
	 */
	if (err->header.version != req->wire[0] &&
	    err->header.version != SPDM_VERSION_10) {
		spdm_requester_fail(req, SPDM_REASON_UNEXPECTED_RESPONSE,
				    "ERROR: SPDMVersion 0x%02x, the request "
				    "used 0x%02x",
				    err->header.version, req->wire[0]);
		return -EPROTO;
	}
	return 0;
}

void spdm_requester_handle_error(struct spdm_requester *req,
				 const uint8_t *response, size_t length)
{
	struct spdm_error err;
	uint8_t code;

	if (decode_error(req, &err, response, length))
		return;
	code = err.header.param1;
	if (code == SPDM_ERROR_RESPONSE_NOT_READY) {
		respond_if_ready(req, &err);
		return;
	}
	if (code == SPDM_ERROR_LARGE_RESPONSE && chunks_negotiated(req)) {
		start_chunks(req, &err);
		return;
	}
	if (record_error(req, &err, response))
		return;
	if (code == SPDM_ERROR_BUSY)
		retry_busy(req);
	else if (code == SPDM_ERROR_REQUEST_RESYNCH)
		restart(req);
	else
		device_error(req, &err);
}
