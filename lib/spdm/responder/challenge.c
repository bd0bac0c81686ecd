// SPDX-License-Identifier: BSD-3-Clause
/*
 * CHALLENGE (DSP0274 1.0-1.2): CHALLENGE_AUTH signed over
 * A || B || C, and the faults that break it.
 */
#include <errno.h>
#include <string.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "internal.h"

#define CHALLENGE_REQUEST_SIZE 36

/* Checks in libspdm's order; on failure writes the ERROR to out. */
static bool challenge_allowed(struct spdm_responder *resp,
			      const uint8_t *request,
			      struct response_buffer *out, int *rc)
{
	if (request[0] != response_version(resp) || !resp->version) {
		*rc = response_error(resp, out, SPDM_ERROR_VERSION_MISMATCH, 0);
		return false;
	}
	if (!responder_has_cap(resp, SPDM_CAP_CHAL)) {
		*rc = response_error(resp, out, SPDM_ERROR_UNSUPPORTED_REQUEST,
				     SPDM_CHALLENGE);
		return false;
	}
	if (resp->state < CONNECTION_NEGOTIATED) {
		*rc =
		    response_error(resp, out, SPDM_ERROR_UNEXPECTED_REQUEST, 0);
		return false;
	}
	return true;
}

/* DSP0274 1.2 CHALLENGE: a provisioned slot and a known summary type. */
static bool challenge_valid(const struct spdm_responder *resp,
			    const struct spdm_challenge *req)
{
	uint8_t slot = req->header.param1;
	uint8_t hash_type = req->header.param2;

	if (slot >= SPDM_MAX_SLOTS || !resp->slots[slot])
		return false;
	if (hash_type == SPDM_MEAS_SUMMARY_HASH_NONE)
		return true;
	if (!responder_has_cap(resp, SPDM_CAP_MEAS_MASK))
		return false;
	return hash_type == SPDM_MEAS_SUMMARY_HASH_TCB ||
	       hash_type == SPDM_MEAS_SUMMARY_HASH_ALL;
}

/* cert-chain-hash-wrong: the hash of the bare DER bundle, not the slot. */
static int chain_hash(struct spdm_responder *resp, uint8_t slot,
		      uint8_t *digest)
{
	if (resp->plan.cert_chain_hash_wrong)
		return spdm_hash(resp->base_hash_algo, resp->chain_der[slot],
				 resp->chain_der_size[slot], digest);
	return slot_digest(resp, slot, digest);
}

static int build_challenge_auth(struct spdm_responder *resp,
				const struct spdm_challenge *req,
				struct response_buffer *out,
				size_t *signature_size)
{
	uint8_t slot = req->header.param1;
	uint8_t cert_chain_hash[SPDM_MAX_HASH_SIZE];
	uint8_t summary[SPDM_MAX_HASH_SIZE];
	uint8_t nonce[SPDM_NONCE_SIZE];
	struct spdm_challenge_auth rsp = {0};
	int rc;

	if (chain_hash(resp, slot, cert_chain_hash) ||
	    spdm_random_bytes(nonce, sizeof(nonce)))
		return -EIO;
	if (req->header.param2 != SPDM_MEAS_SUMMARY_HASH_NONE) {
		if (measurement_summary_hash(resp, req->header.param2, summary))
			return -EIO;
		rsp.measurement_summary_hash = summary;
	}
	/*
	 * Param1 is the SlotID (1.0: the whole byte, 1.1+: bits 3:0, with
	 * BasicMutAuthReq clear); Param2 the mask of provisioned slots.
	 */
	rsp.header = (struct spdm_header){resp->version, SPDM_CHALLENGE_AUTH,
					  slot, slot_mask(resp)};
	rsp.hash_size = spdm_hash_size(resp->base_hash_algo);
	rsp.cert_chain_hash = cert_chain_hash;
	rsp.nonce = nonce;
	responder_opaque_data(resp, &rsp.opaque_length, &rsp.opaque_data);
	*signature_size = spdm_signature_size(resp->base_asym_algo);
	rsp.signature_size = *signature_size;
	rc = spdm_encode_challenge_auth(&rsp, out->data, out->capacity,
					&out->length);
	spdm_wipe(nonce, sizeof(nonce));
	return rc;
}

/* Adds the exchange to C, signs A || B || C and clears B and C. */
static int sign_challenge_auth(struct spdm_responder *resp,
			       const uint8_t *request,
			       struct response_buffer *out,
			       size_t signature_size)
{
	size_t signed_size = out->length - signature_size;
	struct spdm_buffer m1m2;
	int rc;

	rc = transcript_append(&resp->transcript.c, request,
			       CHALLENGE_REQUEST_SIZE, out->data, signed_size);
	if (!rc)
		rc = spdm_transcript_challenge_bytes(&resp->transcript, &m1m2);
	spdm_buffer_reset(&resp->transcript.b);
	spdm_buffer_reset(&resp->transcript.c);
	if (rc)
		return rc;
	rc = responder_sign(resp, SPDM_SIGN_CHALLENGE_AUTH, m1m2.data,
			    m1m2.size, out->data + signed_size, signature_size);
	spdm_buffer_free(&m1m2);
	return rc;
}

/*
 * replay-challenge-auth: sends the recorded CHALLENGE_AUTH instead. The
 * first one the device produced is recorded unless a file gave one.
 */
static int replay(struct spdm_responder *resp, struct response_buffer *out)
{
	if (!resp->replay)
		return spdm_responder_set_replay(resp, out->data, out->length);
	if (resp->replay_size > out->capacity)
		return -EOVERFLOW;
	memcpy(out->data, resp->replay, resp->replay_size);
	out->length = resp->replay_size;
	return 0;
}

int handle_challenge(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out)
{
	struct spdm_challenge req;
	size_t signature_size;
	int rc = 0;

	if (!challenge_allowed(resp, request, out, &rc))
		return rc;
	if (spdm_decode_challenge(&req, request, length) ||
	    !challenge_valid(resp, &req))
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	transcript_reset_for_request(resp, SPDM_CHALLENGE);
	rc = build_challenge_auth(resp, &req, out, &signature_size);
	if (!rc)
		rc = sign_challenge_auth(resp, request, out, signature_size);
	if (rc)
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	resp->authenticated = true;
	if (resp->plan.replay_challenge_auth)
		return replay(resp, out);
	return 0;
}
