// SPDX-License-Identifier: BSD-3-Clause
/*
 * CHALLENGE and CHALLENGE_AUTH: the responder signs A || B || C with the
 * leaf key of the challenged slot (DSP0274 1.0 to 1.2, M1/M2).
 */
#include <errno.h>
#include <string.h>

#include "connection.h"

/* CHALLENGE_AUTH Param1 bit 7: BasicMutAuthReq (1.1), deprecated in 1.2. */
#define CHALLENGE_AUTH_BASIC_MUT_AUTH_REQ 0x80

static int check_attributes(struct spdm_connection *conn,
			    const struct spdm_challenge_auth *auth,
			    uint8_t slot_id)
{
	/*
	 * decode_pair() filled auth: every failure path returns -EPROTO,
	 * which the analyzer cannot see across files.
	 */
	// NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Assign)
	uint8_t param1 = auth->header.param1;

	/* DSP0274 1.0: Param1 is the SlotID of the request. */
	if (conn->version == SPDM_VERSION_10 && param1 != slot_id)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHALLENGE_AUTH: Param1 0x%02x is not SlotID %u",
			param1, slot_id);
	/* DSP0274 1.1 and 1.2: bits 3:0 SlotID, bit 7 BasicMutAuthReq. */
	if ((param1 & 0x0f) != slot_id)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHALLENGE_AUTH: SlotID %u in response to slot %u",
			param1 & 0x0f, slot_id);
	if ((param1 & CHALLENGE_AUTH_BASIC_MUT_AUTH_REQ) &&
	    !(conn->requester_flags & SPDM_CAP_MUT_AUTH))
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHALLENGE_AUTH: BasicMutAuthReq set but we did not "
			"advertise MUT_AUTH_CAP");
	/* Param2 is the SlotMask of provisioned slots. */
	if (!(auth->header.param2 & (1u << slot_id)))
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHALLENGE_AUTH: SlotMask 0x%02x lacks slot %u",
			auth->header.param2, slot_id);
	return 0;
}

static int check_chain(struct spdm_connection *conn,
		       const struct spdm_challenge_auth *auth, uint8_t slot_id)
{
	const struct spdm_slot *slot = &conn->slots[slot_id];

	if (!slot->complete || !slot->valid)
		return spdm_connection_fail(
			conn, SPDM_REASON_NO_CERTIFICATE,
			"CHALLENGE_AUTH: no certificate chain of slot %u was "
			"read and validated",
			slot_id);
	/* CertChainHash is Hash(slot object), as in DIGESTS. */
	if (memcmp(auth->cert_chain_hash, slot->chain_digest,
		   conn->hash_size) != 0)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_CHAIN_HASH_MISMATCH,
			"CHALLENGE_AUTH: CertChainHash differs from the hash "
			"of the slot %u chain",
			slot_id);
	return spdm_connection_check_opaque(conn, auth->opaque_length,
					    "CHALLENGE_AUTH");
}

static int decode_pair(struct spdm_connection *conn,
		       struct spdm_challenge *challenge,
		       struct spdm_challenge_auth *auth,
		       const uint8_t *request, size_t request_length,
		       const uint8_t *response, size_t response_length)
{
	int rc;

	rc = spdm_decode_challenge(challenge, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc, "CHALLENGE");
	if (challenge->header.param1 >= SPDM_MAX_SLOTS)
		return spdm_connection_fail(
			conn, SPDM_REASON_NO_CERTIFICATE,
			"CHALLENGE: SlotID 0x%02x, only slots 0 to 7 are "
			"supported",
			challenge->header.param1);
	if (!conn->hash_size || !conn->signature_size)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"CHALLENGE: no signature algorithm was negotiated");

	/* MeasurementSummaryHash is present iff Param2 is not 0. */
	rc = spdm_decode_challenge_auth(auth, response, response_length,
					conn->hash_size,
					challenge->header.param2 != 0,
					conn->signature_size);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "CHALLENGE_AUTH",
						   response_length);
	return 0;
}

/* Verifies the signature over A || B || C, then clears B and C. */
static int verify_auth(struct spdm_connection *conn,
		       const struct spdm_challenge_auth *auth, uint8_t slot_id)
{
	struct spdm_buffer signed_bytes;
	int rc;

	rc = spdm_transcript_challenge_bytes(&conn->transcript, &signed_bytes);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "CHALLENGE_AUTH: %s",
					    strerror(-rc));
	rc = spdm_connection_verify_signature(conn, slot_id,
					      SPDM_SIGN_CHALLENGE_AUTH,
					      &signed_bytes, auth->signature,
					      auth->signature_size,
					      "CHALLENGE_AUTH");
	spdm_buffer_free(&signed_bytes);

	/* DSP0274 1.2 section 15: B and C end with each CHALLENGE_AUTH. */
	spdm_buffer_reset(&conn->transcript.b);
	spdm_buffer_reset(&conn->transcript.c);
	return rc;
}

int spdm_exchange_challenge(struct spdm_connection *conn,
			    const uint8_t *request, size_t request_length,
			    const uint8_t *response, size_t response_length)
{
	struct spdm_challenge challenge;
	struct spdm_challenge_auth auth;
	uint8_t slot_id;
	int rc;

	rc = decode_pair(conn, &challenge, &auth, request, request_length,
			 response, response_length);
	if (rc)
		return rc;
	slot_id = challenge.header.param1;
	rc = check_attributes(conn, &auth, slot_id);
	if (!rc)
		rc = check_chain(conn, &auth, slot_id);
	if (rc)
		return rc;

	/* C is CHALLENGE and CHALLENGE_AUTH without its Signature field. */
	rc = spdm_connection_record(conn, &conn->transcript.c, request,
				    challenge.size, response, auth.signed_size);
	if (!rc)
		rc = verify_auth(conn, &auth, slot_id);
	if (rc)
		return rc;

	conn->authenticated = true;
	conn->challenge_verified = true;
	conn->challenge_slot = slot_id;
	conn->measurement_summary_hash_present =
		auth.measurement_summary_hash != NULL;
	if (auth.measurement_summary_hash)
		memcpy(conn->measurement_summary_hash,
		       auth.measurement_summary_hash, conn->hash_size);
	return 0;
}
