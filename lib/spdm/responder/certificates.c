// SPDX-License-Identifier: BSD-3-Clause
/*
 * Certificate slots, GET_DIGESTS and GET_CERTIFICATE (DSP0274 1.2
 * GET_DIGESTS and GET_CERTIFICATE), with the chain faults.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/cert_chain.h>
#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "internal.h"

/* Builds the slot objects (header, RootHash, DER) with the negotiated hash. */
int slots_build(struct spdm_responder *resp)
{
	size_t hash_size = spdm_hash_size(resp->base_hash_algo);

	slots_free(resp);
	if (!responder_has_cap(resp, SPDM_CAP_CERT) || hash_size == 0)
		return 0;
	for (size_t slot = 0; slot < SPDM_MAX_SLOTS; slot++) {
		int rc;

		if (!resp->chain_der[slot])
			continue;
		rc = spdm_cert_chain_build(
		    resp->base_hash_algo, resp->chain_der[slot],
		    resp->chain_der_size[slot], &resp->slots[slot],
		    &resp->slot_sizes[slot]);
		if (rc)
			return rc;
		/* root-hash-mismatch: RootHash no longer hashes the root. */
		if (resp->plan.root_hash_mismatch)
			resp->slots[slot][SPDM_CERT_CHAIN_HEADER_SIZE] ^= 0xff;
	}
	return 0;
}

void slots_free(struct spdm_responder *resp)
{
	for (size_t slot = 0; slot < SPDM_MAX_SLOTS; slot++) {
		free(resp->slots[slot]);
		resp->slots[slot] = NULL;
		resp->slot_sizes[slot] = 0;
	}
}

uint8_t slot_mask(const struct spdm_responder *resp)
{
	uint8_t mask = 0;

	for (size_t slot = 0; slot < SPDM_MAX_SLOTS; slot++)
		if (resp->slots[slot])
			mask |= (uint8_t)(1u << slot);
	return mask;
}

/* The hash of a slot object, as DIGESTS and CHALLENGE_AUTH carry it. */
int slot_digest(const struct spdm_responder *resp, uint8_t slot,
		uint8_t *digest)
{
	if (slot >= SPDM_MAX_SLOTS || !resp->slots[slot])
		return -EINVAL;
	return spdm_hash(resp->base_hash_algo, resp->slots[slot],
			 resp->slot_sizes[slot], digest);
}

/* Checks shared by GET_DIGESTS and GET_CERTIFICATE, in libspdm's order. */
static bool certificate_request_allowed(struct spdm_responder *resp,
					const uint8_t *request,
					struct response_buffer *out, int *rc)
{
	if (request[0] != response_version(resp) || !resp->version) {
		*rc = response_error(resp, out, SPDM_ERROR_VERSION_MISMATCH, 0);
		return false;
	}
	if (resp->state < CONNECTION_NEGOTIATED) {
		*rc =
		    response_error(resp, out, SPDM_ERROR_UNEXPECTED_REQUEST, 0);
		return false;
	}
	if (!responder_has_cap(resp, SPDM_CAP_CERT)) {
		*rc = response_error(resp, out, SPDM_ERROR_UNSUPPORTED_REQUEST,
				     request[1]);
		return false;
	}
	return true;
}

static int build_digests(struct spdm_responder *resp, uint8_t *digests,
			 uint8_t *count)
{
	size_t hash_size = spdm_hash_size(resp->base_hash_algo);

	*count = 0;
	for (uint8_t slot = 0; slot < SPDM_MAX_SLOTS; slot++) {
		uint8_t *digest = digests + (size_t)*count * hash_size;

		if (!resp->slots[slot])
			continue;
		if (slot_digest(resp, slot, digest))
			return -EIO;
		/* digest-mismatch: the digest of a chain the slot does not
		 * hold. */
		if (resp->plan.digest_mismatch)
			digest[0] ^= 0xff;
		(*count)++;
	}
	return 0;
}

int handle_get_digests(struct spdm_responder *resp, const uint8_t *request,
		       size_t length, struct response_buffer *out)
{
	uint8_t digests[SPDM_MAX_SLOTS * SPDM_MAX_HASH_SIZE];
	struct spdm_digests rsp = {0};
	int rc = 0;

	if (!certificate_request_allowed(resp, request, out, &rc))
		return rc;
	transcript_reset_for_request(resp, SPDM_GET_DIGESTS);
	if (build_digests(resp, digests, &rsp.digest_count))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);

	/* DSP0274 1.2 DIGESTS: Param2 is the mask of provisioned slots. */
	rsp.header = (struct spdm_header){resp->version, SPDM_DIGESTS, 0,
					  slot_mask(resp)};
	rsp.digest_size = spdm_hash_size(resp->base_hash_algo);
	rsp.digests = digests;
	rc = spdm_encode_digests(&rsp, out->data, out->capacity, &out->length);
	if (rc)
		return rc;
	if (transcript_append(&resp->transcript.b, request, 4, out->data,
			      out->length))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	return 0;
}

/* The largest portion the device sends in one CERTIFICATE. */
static size_t max_portion_length(const struct spdm_responder *resp)
{
	size_t max = resp->profile.data_transfer_size;

	/* Without chunking the whole response fits both DataTransferSizes. */
	if (chunking_negotiated(resp))
		max = resp->profile.max_spdm_msg_size;
	else if (resp->requester_data_transfer_size &&
		 resp->requester_data_transfer_size < max)
		max = resp->requester_data_transfer_size;
	if (max > SPDM_RESPONDER_MAX_MESSAGE_SIZE)
		max = SPDM_RESPONDER_MAX_MESSAGE_SIZE;
	max -= 8;
	if (max > 0xffff)
		max = 0xffff;
	if (resp->plan.cert_portion && resp->plan.cert_portion < max)
		max = resp->plan.cert_portion;
	return max;
}

static void choose_portion(const struct spdm_responder *resp,
			   const struct spdm_get_certificate *req,
			   struct spdm_certificate *rsp, size_t total)
{
	size_t length = req->length;
	size_t remaining = total - req->offset;

	if (length > remaining)
		length = remaining;
	if (length > max_portion_length(resp))
		length = max_portion_length(resp);
	/* portion-zero: no data, and a remainder that never shrinks. */
	if (resp->plan.portion_zero)
		length = 0;
	rsp->portion_length = (uint16_t)length;
	rsp->remainder_length = (uint16_t)(remaining - length);
}

int handle_get_certificate(struct spdm_responder *resp, const uint8_t *request,
			   size_t length, struct response_buffer *out)
{
	struct spdm_get_certificate req;
	struct spdm_certificate rsp = {0};
	uint8_t slot;
	int rc = 0;

	if (!certificate_request_allowed(resp, request, out, &rc))
		return rc;
	if (spdm_decode_get_certificate(&req, request, length))
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	/* DSP0274 1.2 GET_CERTIFICATE: SlotID in Param1 bits 3:0. */
	slot = req.header.param1 & 0x0f;
	if (slot >= SPDM_MAX_SLOTS || !resp->slots[slot] ||
	    req.offset >= resp->slot_sizes[slot])
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	transcript_reset_for_request(resp, SPDM_GET_CERTIFICATE);

	choose_portion(resp, &req, &rsp, resp->slot_sizes[slot]);
	rsp.header =
	    (struct spdm_header){resp->version, SPDM_CERTIFICATE, slot, 0};
	rsp.portion = resp->slots[slot] + req.offset;
	rc = spdm_encode_certificate(&rsp, out->data, out->capacity,
				     &out->length);
	if (rc)
		return rc;
	if (transcript_append(&resp->transcript.b, request, req.size, out->data,
			      out->length))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	return 0;
}
