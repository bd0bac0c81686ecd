// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_DIGESTS and GET_CERTIFICATE: the slot digests and the certificate
 * chains, read in portions. Each pair enters transcript B.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "connection.h"

/* Size of the CERTIFICATE fields before the portion. */
#define CERTIFICATE_HEADER_SIZE 8

int spdm_exchange_digests(struct spdm_connection *conn, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length)
{
	struct spdm_get_digests get;
	struct spdm_digests digests;
	size_t next = 0;
	int rc;

	rc = spdm_decode_get_digests(&get, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc, "GET_DIGESTS");
	if (!conn->hash_size)
		return spdm_connection_fail(conn,
					    SPDM_REASON_PROTOCOL_VIOLATION,
					    "GET_DIGESTS: no hash algorithm "
					    "was negotiated");
	rc = spdm_decode_digests(&digests, response, response_length,
				 conn->hash_size);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "DIGESTS",
						   response_length);

	/* DSP0274 1.2 section 15: GET_DIGESTS starts B afresh. */
	spdm_buffer_reset(&conn->transcript.b);
	rc = spdm_connection_record(conn, &conn->transcript.b, request,
				    get.size, response, digests.size);
	if (rc)
		return rc;

	/* Param2 is the SlotMask; digests follow in ascending slot order. */
	conn->slot_mask = digests.header.param2;
	for (uint8_t slot_id = 0; slot_id < SPDM_MAX_SLOTS; slot_id++) {
		struct spdm_slot *slot = &conn->slots[slot_id];

		slot->digest_known = conn->slot_mask & (1u << slot_id);
		if (!slot->digest_known)
			continue;
		memcpy(slot->digest, digests.digests + next * conn->hash_size,
		       conn->hash_size);
		next++;
		/* A chain read earlier must still be the one in the slot. */
		if (slot->complete && memcmp(slot->digest, slot->chain_digest,
					     conn->hash_size) != 0)
			return spdm_connection_fail(
				conn, SPDM_REASON_DIGEST_MISMATCH,
				"DIGESTS: slot %u digest differs from the "
				"chain read earlier",
				slot_id);
	}
	return 0;
}

/*
 * Checks a portion against the request and the portions before it
 * (DSP0274 1.2 GET_CERTIFICATE: PortionLength bytes from Offset, then
 * RemainderLength bytes still to read).
 */
static int check_portion(struct spdm_connection *conn, struct spdm_slot *slot,
			 const struct spdm_get_certificate *get,
			 const struct spdm_certificate *cert)
{
	size_t limit = conn->max_cert_chain_size;
	size_t total;

	if (cert->portion_length == 0)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: PortionLength 0 at offset %u",
			get->offset);
	if (cert->portion_length > get->length)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: PortionLength %u above the %u requested "
			"at offset %u",
			cert->portion_length, get->length, get->offset);
	if (get->offset == 0) {
		total = (size_t)cert->portion_length + cert->remainder_length;
		if (limit > SPDM_MAX_CERT_CHAIN_SIZE)
			limit = SPDM_MAX_CERT_CHAIN_SIZE;
		if (total > limit)
			return spdm_connection_fail(
				conn, SPDM_REASON_CHAIN_TOO_LARGE,
				"CERTIFICATE: chain of %zu bytes exceeds the "
				"%zu-byte limit",
				total, limit);
		slot->total = total;
		return 0;
	}
	if (cert->remainder_length >= slot->remainder)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: RemainderLength %u at offset %u did not "
			"shrink from %zu",
			cert->remainder_length, get->offset, slot->remainder);
	if ((size_t)get->offset + cert->portion_length +
		    cert->remainder_length !=
	    slot->total)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: Offset %u + PortionLength %u + "
			"RemainderLength %u differs from the total %zu",
			get->offset, cert->portion_length,
			cert->remainder_length, slot->total);
	return 0;
}

/* Checks that a request continues the chain of its slot where it stopped. */
static int check_offset(struct spdm_connection *conn, struct spdm_slot *slot,
			const struct spdm_get_certificate *get, uint8_t slot_id)
{
	if (get->offset == 0) {
		spdm_slot_start_chain(slot);
		return 0;
	}
	if (slot->total && !slot->complete && get->offset == slot->chain.size)
		return 0;
	return spdm_connection_fail(
		conn, SPDM_REASON_CERT_PORTION_INVALID,
		"GET_CERTIFICATE: Offset %u does not continue slot %u at %zu",
		get->offset, slot_id, slot->chain.size);
}

static int decode_certificate(struct spdm_connection *conn,
			      struct spdm_certificate *cert,
			      const uint8_t *response, size_t length)
{
	int rc = spdm_decode_certificate(cert, response, length);

	if (rc == -EOVERFLOW && length >= CERTIFICATE_HEADER_SIZE)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: PortionLength %u but %zu bytes follow",
			response[4] | response[5] << 8,
			length - CERTIFICATE_HEADER_SIZE);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "CERTIFICATE",
						   length);
	return 0;
}

int spdm_exchange_certificate(struct spdm_connection *conn,
			      const uint8_t *request, size_t request_length,
			      const uint8_t *response, size_t response_length)
{
	struct spdm_get_certificate get;
	struct spdm_certificate cert;
	struct spdm_slot *slot;
	uint8_t slot_id;
	int rc;

	rc = spdm_decode_get_certificate(&get, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc,
						    "GET_CERTIFICATE");
	/* Param1 bits 3:0 are the SlotID, 0 to 7. */
	slot_id = get.header.param1 & 0x0f;
	if (slot_id >= SPDM_MAX_SLOTS)
		return spdm_connection_fail(conn,
					    SPDM_REASON_PROTOCOL_VIOLATION,
					    "GET_CERTIFICATE: SlotID %u",
					    slot_id);
	slot = &conn->slots[slot_id];
	rc = check_offset(conn, slot, &get, slot_id);
	if (!rc)
		rc = decode_certificate(conn, &cert, response,
					response_length);
	if (rc)
		return rc;

	if ((cert.header.param1 & 0x0f) != slot_id)
		return spdm_connection_fail(
			conn, SPDM_REASON_CERT_PORTION_INVALID,
			"CERTIFICATE: SlotID %u in response to slot %u",
			cert.header.param1 & 0x0f, slot_id);
	rc = check_portion(conn, slot, &get, &cert);
	if (rc)
		return rc;
	if (++slot->portions > SPDM_MAX_CERT_PORTIONS)
		return spdm_connection_fail(
			conn, SPDM_REASON_RESOURCE_LIMIT,
			"CERTIFICATE: slot %u chain not complete after %u "
			"portions",
			slot_id, SPDM_MAX_CERT_PORTIONS);

	rc = spdm_connection_record(conn, &conn->transcript.b, request,
				    get.size, response, cert.size);
	if (rc)
		return rc;
	rc = spdm_buffer_append(&slot->chain, cert.portion,
				cert.portion_length);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "CERTIFICATE: %s", strerror(-rc));
	slot->remainder = cert.remainder_length;
	if (slot->remainder == 0)
		return spdm_connection_finish_chain(conn, slot_id);
	return 0;
}
