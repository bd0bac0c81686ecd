// SPDX-License-Identifier: BSD-3-Clause
/*
 * Reassembly of a large response read with CHUNK_GET (DSP0274 1.2): the
 * chunks are concatenated up to LargeMessageSize and the result is
 * processed as the response to the original request.
 */
#include <errno.h>
#include <string.h>

#include "requester_state.h"

static int chunk_fail(struct spdm_requester *req, const char *rule,
		      unsigned int value)
{
	spdm_requester_fail(req, SPDM_REASON_PROTOCOL_VIOLATION,
			    "CHUNK_RESPONSE %u: %s %u", req->chunk_seq_no,
			    rule, value);
	return -EPROTO;
}

static int check_header(struct spdm_requester *req,
			const struct spdm_chunk_response *chunk)
{
	if (chunk->header.param2 != req->chunk_handle)
		return chunk_fail(req, "Handle", chunk->header.param2);
	if (chunk->chunk_seq_no != req->chunk_seq_no)
		return chunk_fail(req, "ChunkSeqNo", chunk->chunk_seq_no);
	if (chunk->chunk_size == 0)
		return chunk_fail(req, "ChunkSize", 0);
	return 0;
}

/* Chunk 0 announces the size of the whole response; we bound it. */
static int check_size(struct spdm_requester *req,
		      const struct spdm_chunk_response *chunk)
{
	if (chunk->chunk_seq_no == 0) {
		if (chunk->large_message_size >
		    req->config.max_spdm_msg_size) {
			spdm_requester_fail(
				req, SPDM_REASON_RESOURCE_LIMIT,
				"CHUNK_RESPONSE: LargeMessageSize %u above our "
				"MaxSPDMmsgSize %u",
				chunk->large_message_size,
				req->config.max_spdm_msg_size);
			return -EPROTO;
		}
		req->chunk_total = chunk->large_message_size;
	}
	if (chunk->chunk_size >
	    req->chunk_total - req->chunk_message.size)
		return chunk_fail(req, "ChunkSize beyond LargeMessageSize",
				  chunk->chunk_size);
	return 0;
}

static int decode_chunk(struct spdm_requester *req,
			struct spdm_chunk_response *chunk,
			const uint8_t *response, size_t length)
{
	int rc = spdm_connection_check_response(&req->conn, req->wire,
						response, length);

	if (rc) {
		spdm_requester_finish(req);
		return rc;
	}
	rc = spdm_decode_chunk_response(chunk, response, length);
	if (rc) {
		spdm_connection_fail_decode(&req->conn, rc, "CHUNK_RESPONSE",
					    length);
		spdm_requester_finish(req);
		return rc;
	}
	return 0;
}

void spdm_requester_handle_chunk(struct spdm_requester *req,
				 const uint8_t *response, size_t length)
{
	struct spdm_chunk_response chunk;
	bool last;

	if (decode_chunk(req, &chunk, response, length) ||
	    check_header(req, &chunk) || check_size(req, &chunk))
		return;
	if (spdm_buffer_append(&req->chunk_message, chunk.chunk,
			       chunk.chunk_size)) {
		spdm_requester_fail(req, SPDM_REASON_RESOURCE_LIMIT,
				    "CHUNK_RESPONSE: message above %zu bytes",
				    req->chunk_message.max_size);
		return;
	}

	last = chunk.header.param1 & SPDM_CHUNK_RESPONSE_LAST_CHUNK;
	if (last != (req->chunk_message.size == req->chunk_total)) {
		chunk_fail(req, last ? "LastChunk with bytes missing, total" :
				       "no LastChunk at the end, total",
			   (unsigned int)req->chunk_message.size);
		return;
	}
	if (!last) {
		if (req->chunk_seq_no == UINT16_MAX) {
			chunk_fail(req, "ChunkSeqNo wraps at", UINT16_MAX);
			return;
		}
		req->chunk_seq_no++;
		req->not_ready_retries = 0;
		req->busy_retries = 0;
		spdm_requester_send_chunk_get(req);
		return;
	}
	req->chunk_active = false;
	spdm_requester_complete_exchange(req, req->chunk_message.data,
					 req->chunk_message.size);
}
