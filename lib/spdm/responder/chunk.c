// SPDX-License-Identifier: BSD-3-Clause
/*
 * Large responses (DSP0274 1.2, CHUNK_GET): the device keeps a response
 * larger than either side's DataTransferSize and sends ERROR
 * LargeResponse instead, so the requester fetches it with CHUNK_GET.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/messages.h>

#include "internal.h"

/* CHUNK_RESPONSE header (12 bytes) and LargeMessageSize in chunk 0 (4). */
#define CHUNK_RESPONSE_HEADER_SIZE 12
#define LARGE_MESSAGE_SIZE_FIELD   4

void chunk_reset(struct spdm_responder *resp)
{
	free(resp->chunk.message);
	resp->chunk.message = NULL;
	resp->chunk.size = 0;
	resp->chunk.sent = 0;
	resp->chunk.sequence = 0;
	resp->chunk.in_use = false;
}

static uint32_t transfer_size(const struct spdm_responder *resp)
{
	uint32_t size = resp->profile.data_transfer_size;

	if (resp->requester_data_transfer_size &&
	    resp->requester_data_transfer_size < size)
		size = resp->requester_data_transfer_size;
	return size;
}

static int keep_large_response(struct spdm_responder *resp,
			       struct response_buffer *out)
{
	uint8_t *copy = malloc(out->length);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, out->data, out->length);
	chunk_reset(resp);
	resp->chunk.message = copy;
	resp->chunk.size = out->length;
	resp->chunk.in_use = true;
	/* The handle changes with every large response, as libspdm does. */
	resp->chunk.handle++;
	return response_error_ext(resp, out, SPDM_ERROR_LARGE_RESPONSE, 0,
				  &resp->chunk.handle, 1);
}

int chunk_large_response(struct spdm_responder *resp,
			 struct response_buffer *out)
{
	uint32_t size = (uint32_t)out->length;
	uint8_t actual[4];

	if (resp->version < SPDM_VERSION_12 || out->data[1] == SPDM_ERROR)
		return 0;
	/* DSP0274 1.2 table 58: ResponseTooLarge carries the actual size. */
	if (resp->requester_max_spdm_msg_size &&
	    size > resp->requester_max_spdm_msg_size) {
		actual[0] = (uint8_t)size;
		actual[1] = (uint8_t)(size >> 8);
		actual[2] = (uint8_t)(size >> 16);
		actual[3] = (uint8_t)(size >> 24);
		return response_error_ext(resp, out,
					  SPDM_ERROR_RESPONSE_TOO_LARGE, 0,
					  actual, sizeof(actual));
	}
	if (size <= transfer_size(resp) || !chunking_negotiated(resp))
		return 0;
	return keep_large_response(resp, out);
}

/* Checks in libspdm's order; on failure writes the ERROR to out. */
static bool chunk_get_allowed(struct spdm_responder *resp,
			      const struct spdm_chunk_get *req, bool decoded,
			      const uint8_t *request,
			      struct response_buffer *out, int *rc)
{
	uint8_t code = 0;
	uint8_t data = 0;

	if (resp->version < SPDM_VERSION_12 || request[0] < SPDM_VERSION_12) {
		code = SPDM_ERROR_UNSUPPORTED_REQUEST;
		data = SPDM_CHUNK_GET;
	} else if (!chunking_negotiated(resp) ||
		   resp->state < CONNECTION_AFTER_CAPABILITIES)
		code = SPDM_ERROR_UNEXPECTED_REQUEST;
	else if (!decoded)
		code = SPDM_ERROR_INVALID_REQUEST;
	else if (request[0] != resp->version)
		code = SPDM_ERROR_VERSION_MISMATCH;
	else if (!resp->chunk.in_use)
		code = SPDM_ERROR_UNEXPECTED_REQUEST;
	else if (req->header.param2 != resp->chunk.handle ||
		 req->chunk_seq_no != resp->chunk.sequence)
		code = SPDM_ERROR_INVALID_REQUEST;
	if (!code)
		return true;
	*rc = response_error(resp, out, code, data);
	return false;
}

int handle_chunk_get(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out)
{
	struct spdm_chunk_get req;
	struct spdm_chunk_response rsp = {0};
	size_t overhead = CHUNK_RESPONSE_HEADER_SIZE;
	size_t left = resp->chunk.size - resp->chunk.sent;
	bool decoded = spdm_decode_chunk_get(&req, request, length) == 0;
	size_t room;
	int rc = 0;

	if (!chunk_get_allowed(resp, &req, decoded, request, out, &rc))
		return rc;
	if (resp->chunk.sequence == 0) {
		overhead += LARGE_MESSAGE_SIZE_FIELD;
		rsp.large_message_size = (uint32_t)resp->chunk.size;
	}
	/* chunk=SIZE may set a DataTransferSize below the chunk overhead. */
	room =
	    transfer_size(resp) > overhead ? transfer_size(resp) - overhead : 1;
	rsp.chunk_size = (uint32_t)(left < room ? left : room);
	rsp.chunk_seq_no = resp->chunk.sequence;
	rsp.chunk = resp->chunk.message + resp->chunk.sent;
	rsp.header = (struct spdm_header){resp->version, SPDM_CHUNK_RESPONSE, 0,
					  resp->chunk.handle};
	if (rsp.chunk_size == left)
		rsp.header.param1 = SPDM_CHUNK_RESPONSE_LAST_CHUNK;
	rc = spdm_encode_chunk_response(&rsp, out->data, out->capacity,
					&out->length);
	if (rc)
		return rc;
	resp->chunk.sent += rsp.chunk_size;
	resp->chunk.sequence++;
	if (resp->chunk.sent == resp->chunk.size)
		chunk_reset(resp);
	return 0;
}
