// SPDX-License-Identifier: BSD-3-Clause
/*
 * The result of an attestation or of an offline verification, and the
 * verdict: a device is verified only when it proved possession of a key
 * whose chain is anchored, and nothing failed on the way.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/crypto.h>

#include "connection.h"

static int copy_bytes(uint8_t **out, size_t *out_size, const uint8_t *data,
		      size_t size)
{
	free(*out);
	*out = NULL;
	*out_size = 0;
	if (!size)
		return 0;
	*out = malloc(size);
	if (!*out)
		return -ENOMEM;
	memcpy(*out, data, size);
	*out_size = size;
	return 0;
}

static void copy_negotiated(const struct spdm_connection *conn,
			    struct spdm_result *result)
{
	result->version = conn->version;
	result->version_entry = conn->version_entry;
	result->ct_exponent = conn->ct_exponent;
	result->capabilities = conn->capabilities;
	result->base_asym_algo = conn->base_asym_algo;
	result->base_hash_algo = conn->base_hash_algo;
	result->measurement_hash_algo = conn->measurement_hash_algo;
	result->measurement_specification = conn->measurement_specification;
	result->slot_mask = conn->slot_mask;
}

static int copy_chain(const struct spdm_connection *conn, uint8_t slot_id,
		      struct spdm_result *result)
{
	const struct spdm_slot *slot = &conn->slots[slot_id];

	result->slot_id = slot_id;
	result->chain_valid = slot->valid;
	result->chain_anchored = slot->valid && slot->anchored;
	if (!slot->complete)
		return copy_bytes(&result->cert_chain,
				  &result->cert_chain_size, NULL, 0);
	memcpy(result->cert_chain_digest, slot->chain_digest,
	       sizeof(result->cert_chain_digest));
	return copy_bytes(&result->cert_chain, &result->cert_chain_size,
			  slot->chain.data, slot->chain.size);
}

static int copy_measurements(const struct spdm_connection *conn,
			     struct spdm_result *result)
{
	struct spdm_measurement_record *record = &result->measurements;
	int rc;

	record->block_count = (uint8_t)conn->measurement_block_count;
	if (conn->measurement_block_count > UINT8_MAX)
		record->block_count = UINT8_MAX;
	rc = copy_bytes(&record->data, &record->size,
			conn->measurement_record.data,
			conn->measurement_record.size);
	if (rc)
		return rc;
	memcpy(result->measurement_nonce, conn->measurement_nonce,
	       SPDM_NONCE_SIZE);
	return copy_bytes(&result->signed_measurements,
			  &result->signed_measurements_size,
			  conn->signed_measurements.data,
			  conn->signed_measurements.size);
}

/* Returns the first slot that proved possession without an anchored chain. */
static int unanchored_proof_slot(const struct spdm_connection *conn)
{
	for (int i = 0; i < SPDM_MAX_SLOTS; i++)
		if ((conn->proof_slot_mask & (1u << i)) &&
		    !conn->slots[i].anchored)
			return i;
	return -1;
}

static void set_reason(struct spdm_result *result, enum spdm_reason reason,
		       const char *detail)
{
	result->reason = reason;
	snprintf(result->detail, sizeof(result->detail), "%s", detail);
}

static void decide(const struct spdm_connection *conn,
		   struct spdm_result *result)
{
	int unanchored = unanchored_proof_slot(conn);
	const struct spdm_slot *slot = &conn->slots[result->slot_id];

	if (unanchored >= 0)
		result->chain_anchored = false;
	result->verified = conn->reason == SPDM_REASON_NONE &&
			   result->possession_proven && result->chain_anchored;
	if (result->verified)
		set_reason(result, SPDM_REASON_NONE, "");
	else if (conn->reason != SPDM_REASON_NONE)
		set_reason(result, conn->reason, conn->detail);
	else if (conn->soft_reason != SPDM_REASON_NONE)
		set_reason(result, conn->soft_reason, conn->soft_detail);
	else if (!result->possession_proven)
		set_reason(result, SPDM_REASON_NO_PROOF_OF_POSSESSION,
			   "no CHALLENGE_AUTH or signed MEASUREMENTS verified");
	else if (unanchored >= 0)
		set_reason(result, conn->slots[unanchored].anchor_reason,
			   conn->slots[unanchored].anchor_detail);
	else if (!slot->complete)
		set_reason(result, SPDM_REASON_NO_CERTIFICATE,
			   "no certificate chain was read");
	else
		set_reason(result, slot->anchor_reason, slot->anchor_detail);
	if (!result->verified && result->reason == SPDM_REASON_NONE)
		set_reason(result, SPDM_REASON_CHAIN_UNTRUSTED,
			   "the chain of the slot used is not anchored");
}

/*
 * A device that signs measurements (MEAS_CAP 10b) signs the last
 * MEASUREMENTS of every batch, and that signature covers the batch
 * (L1/L2, DSP0274 1.2 section 15). No signature covers the blocks after
 * the last signed response, so the result fails instead of reporting them.
 */
static void check_batch_signed(struct spdm_connection *conn)
{
	if (!conn->measurement_block_count || conn->measurement_batch_signed)
		return;
	if ((conn->capabilities & SPDM_CAP_MEAS_MASK) != SPDM_CAP_MEAS_SIG)
		return;
	spdm_connection_fail(conn, SPDM_REASON_MEASUREMENTS_INVALID,
			     "MEASUREMENTS: the last %u blocks are not covered "
			     "by a signature, but the device signs "
			     "measurements",
			     conn->measurement_block_count);
}

int spdm_connection_conclude(struct spdm_connection *conn,
			     uint8_t report_slot, struct spdm_result *result)
{
	int rc;

	check_batch_signed(conn);
	copy_negotiated(conn, result);
	rc = copy_chain(conn, report_slot, result);
	if (!rc)
		rc = copy_measurements(conn, result);
	if (rc)
		spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
				     "result: out of memory");
	result->challenge_verified = conn->challenge_verified;
	result->measurements_signed = conn->measurements_signed;
	result->possession_proven = conn->proof_slot_mask != 0;
	decide(conn, result);
	result->done = true;
	return rc;
}

void spdm_result_clear(struct spdm_result *result)
{
	if (!result)
		return;
	free(result->cert_chain);
	free(result->measurements.data);
	/* L1/L2 contains GET_MEASUREMENTS with our nonce. */
	spdm_wipe(result->signed_measurements,
		  result->signed_measurements_size);
	free(result->signed_measurements);
	spdm_evidence_clear(&result->evidence);
	spdm_wipe(result->measurement_nonce, sizeof(result->measurement_nonce));
	memset(result, 0, sizeof(*result));
}
