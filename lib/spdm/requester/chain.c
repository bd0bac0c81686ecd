// SPDX-License-Identifier: BSD-3-Clause
/*
 * Certificate chains of the slots: completing a chain read in portions,
 * validating it, and verifying signatures with its leaf key.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "connection.h"

/* Clears what a slot knows about its chain, keeping its DIGESTS digest. */
static void slot_forget_chain(struct spdm_slot *slot)
{
	spdm_buffer_reset(&slot->chain);
	EVP_PKEY_free(slot->leaf_key);
	slot->leaf_key = NULL;
	slot->total = 0;
	slot->remainder = 0;
	slot->portions = 0;
	slot->complete = false;
	slot->valid = false;
	slot->anchored = false;
	slot->anchor_reason = SPDM_REASON_NONE;
	slot->anchor_detail[0] = '\0';
}

void spdm_slot_start_chain(struct spdm_slot *slot)
{
	slot_forget_chain(slot);
}

static void chain_check_init(const struct spdm_connection *conn,
			     struct spdm_chain_check *check)
{
	memset(check, 0, sizeof(*check));
	check->base_hash_algo = conn->base_hash_algo;
	check->base_asym_algo = conn->base_asym_algo;
	check->check_time = conn->check_time;
	/* DSP0274 1.2 table 11: ALIAS_CERT_CAP selects the AliasCert model. */
	check->alias_cert_model = conn->capabilities & SPDM_CAP_ALIAS_CERT;
}

/* Records whether the chain is anchored; a miss is kept per slot. */
static void anchor_chain(struct spdm_connection *conn, uint8_t slot_id,
			 bool pinned, bool anchored, enum spdm_reason reason,
			 const char *detail)
{
	struct spdm_slot *slot = &conn->slots[slot_id];

	if (pinned) {
		slot->anchored = true;
		return;
	}
	if (!conn->trust) {
		slot->anchor_reason = SPDM_REASON_CHAIN_UNTRUSTED;
		snprintf(slot->anchor_detail, sizeof(slot->anchor_detail),
			 "slot %u chain: no trust anchor configured", slot_id);
		return;
	}
	slot->anchored = anchored;
	if (slot->anchored)
		return;
	slot->anchor_reason = reason != SPDM_REASON_NONE
				      ? reason
				      : SPDM_REASON_CHAIN_UNTRUSTED;
	snprintf(slot->anchor_detail, sizeof(slot->anchor_detail), "%s",
		 detail);
}

/*
 * Validates a complete chain in one pass. Its integrity (every
 * certificate verifies with its issuer and the leaf key fits the
 * negotiated algorithm) decides whether the attestation goes on. Whether
 * it reaches a trust anchor is kept for the verdict.
 */
static int validate_chain(struct spdm_connection *conn, uint8_t slot_id,
			  bool pinned)
{
	struct spdm_slot *slot = &conn->slots[slot_id];
	struct spdm_chain_check check;
	struct spdm_cert_chain parsed;
	bool anchored;
	enum spdm_reason reason = SPDM_REASON_CHAIN_INVALID;
	char detail[SPDM_DETAIL_SIZE] = "";
	int rc;

	chain_check_init(conn, &check);
	/* A chain pinned by the caller needs no anchor. */
	check.trust = pinned ? NULL : conn->trust;
	check.allow_unanchored = true;
	rc = spdm_cert_chain_validate_memo(conn->chain_memo, &parsed,
					   slot->chain.data, slot->chain.size,
					   &check, &reason, detail,
					   sizeof(detail));
	if (rc) {
		spdm_cert_chain_clear(&parsed);
		if (reason == SPDM_REASON_NONE)
			reason = SPDM_REASON_CHAIN_INVALID;
		return spdm_connection_fail(conn, reason, "slot %u chain: %s",
					    slot_id, detail);
	}
	/* Keep the leaf key; the certificates are not needed any more. */
	anchored = parsed.anchored;
	slot->leaf_key = parsed.leaf_key;
	parsed.leaf_key = NULL;
	spdm_cert_chain_clear(&parsed);
	slot->valid = true;
	anchor_chain(conn, slot_id, pinned, anchored, reason, detail);
	return 0;
}

/*
 * Checks the slot object header (DSP0274 1.2 section 10.6.1: Length is the
 * size of the whole object, RootHash follows) and hashes the object.
 */
static int check_chain_object(struct spdm_connection *conn, uint8_t slot_id)
{
	struct spdm_slot *slot = &conn->slots[slot_id];
	size_t length_field;
	int rc;

	if (slot->chain.size < SPDM_CERT_CHAIN_HEADER_SIZE + conn->hash_size)
		return spdm_connection_fail(
			conn, SPDM_REASON_CHAIN_MALFORMED,
			"slot %u chain: %zu bytes, shorter than its header",
			slot_id, slot->chain.size);
	length_field = slot->chain.data[0] | (size_t)slot->chain.data[1] << 8;
	if (length_field != slot->chain.size)
		return spdm_connection_fail(
			conn, SPDM_REASON_CHAIN_MALFORMED,
			"slot %u chain: Length field %zu, %zu bytes read",
			slot_id, length_field, slot->chain.size);

	rc = spdm_hash(conn->base_hash_algo, slot->chain.data,
		       slot->chain.size, slot->chain_digest);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "slot %u chain: hashing failed",
					    slot_id);
	return 0;
}

int spdm_connection_finish_chain(struct spdm_connection *conn, uint8_t slot_id)
{
	struct spdm_slot *slot = &conn->slots[slot_id];
	int rc;

	slot->complete = true;
	rc = check_chain_object(conn, slot_id);
	if (rc)
		return rc;
	/* DIGESTS carries Hash(slot object) for each slot in SlotMask. */
	if (slot->digest_known &&
	    memcmp(slot->digest, slot->chain_digest, conn->hash_size) != 0)
		return spdm_connection_fail(
			conn, SPDM_REASON_DIGEST_MISMATCH,
			"slot %u: DIGESTS digest differs from the hash of "
			"the chain read",
			slot_id);
	return validate_chain(conn, slot_id, false);
}

int spdm_connection_set_chain(struct spdm_connection *conn, uint8_t slot_id,
			      const uint8_t *chain, size_t size, bool pinned)
{
	struct spdm_slot *slot = &conn->slots[slot_id];
	int rc;

	slot_forget_chain(slot);
	if (size > conn->max_cert_chain_size)
		return spdm_connection_fail(
			conn, SPDM_REASON_CHAIN_TOO_LARGE,
			"slot %u chain of %zu bytes exceeds the %zu-byte limit",
			slot_id, size, conn->max_cert_chain_size);
	rc = spdm_buffer_append(&slot->chain, chain, size);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "slot %u chain: %s", slot_id,
					    strerror(-rc));
	slot->total = size;
	slot->complete = true;
	rc = check_chain_object(conn, slot_id);
	if (rc)
		return rc;
	return validate_chain(conn, slot_id, pinned);
}

int spdm_connection_verify_signature(struct spdm_connection *conn,
				     uint8_t slot_id,
				     enum spdm_signing_context context,
				     const struct spdm_buffer *transcript,
				     const uint8_t *signature,
				     size_t signature_size, const char *name)
{
	struct spdm_slot *slot = &conn->slots[slot_id];
	int rc;

	rc = spdm_verify_signature(conn->version, conn->base_asym_algo,
				   conn->base_hash_algo, context,
				   slot->leaf_key, transcript->data,
				   transcript->size, signature, signature_size);
	if (rc == -EBADMSG)
		return spdm_connection_fail(
			conn, SPDM_REASON_SIGNATURE_INVALID,
			"%s: signature does not verify with the slot %u leaf "
			"key",
			name, slot_id);
	if (rc == -EINVAL)
		return spdm_connection_fail(
			conn, SPDM_REASON_UNSUPPORTED_ALGORITHM,
			"%s: cannot verify a %s signature", name,
			spdm_asym_algo_name(conn->base_asym_algo));
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "%s: signature check failed (%s)",
					    name, strerror(-rc));

	conn->proof_slot_mask |= (uint8_t)(1u << slot_id);
	conn->signatures_verified++;
	return 0;
}
