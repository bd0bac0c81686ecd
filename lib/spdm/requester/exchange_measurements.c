// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_MEASUREMENTS and MEASUREMENTS. Unsigned exchanges accumulate in M;
 * a signed MEASUREMENTS signs L1/L2, which is M in 1.0 and 1.1 and A || M
 * from 1.2 on (DSP0274 1.2 section 15).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <spdm/cursor.h>

#include "connection.h"

static int invalid(struct spdm_connection *conn, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static int invalid(struct spdm_connection *conn, const char *format, ...)
{
	char rule[SPDM_DETAIL_SIZE];
	va_list args;

	va_start(args, format);
	vsnprintf(rule, sizeof(rule), format, args);
	va_end(args);
	return spdm_connection_fail(conn, SPDM_REASON_MEASUREMENTS_INVALID,
				    "MEASUREMENTS: %s", rule);
}

/* Checks the block count against the operation (DSP0274 1.2 Param2). */
static int check_block_count(struct spdm_connection *conn, uint8_t operation,
			     uint8_t number_of_blocks)
{
	if (operation == SPDM_MEAS_OPERATION_COUNT && number_of_blocks)
		return invalid(conn, "NumberOfBlocks %u for a count query",
			       number_of_blocks);
	if (operation == SPDM_MEAS_OPERATION_ALL && !number_of_blocks)
		return invalid(conn, "NumberOfBlocks 0 for all measurements");
	if (operation != SPDM_MEAS_OPERATION_ALL &&
	    operation != SPDM_MEAS_OPERATION_COUNT && number_of_blocks != 1)
		return invalid(conn, "NumberOfBlocks %u for index %u",
			       number_of_blocks, operation);
	return 0;
}

/*
 * Parses every block of the record: sizes in bounds, the negotiated
 * MeasurementSpecification and, for one index, that index.
 */
static int check_blocks(struct spdm_connection *conn, uint8_t operation,
			const struct spdm_measurements *meas)
{
	struct spdm_measurement_block block;
	struct spdm_reader r;
	unsigned int count = 0;
	int rc;

	rc = check_block_count(conn, operation, meas->number_of_blocks);
	if (rc)
		return rc;
	spdm_reader_init(&r, meas->record, meas->record_length);
	while (spdm_reader_remaining(&r) > 0) {
		size_t offset = r.offset;

		if (spdm_decode_measurement_block(&block, &r))
			return invalid(conn, "block %u at offset %zu is invalid",
				       count, offset);
		if (block.measurement_specification !=
		    conn->measurement_specification)
			return invalid(conn,
				       "block index %u has specification 0x%02x",
				       block.index,
				       block.measurement_specification);
		if (operation != SPDM_MEAS_OPERATION_ALL &&
		    block.index != operation)
			return invalid(conn, "block index %u for index %u",
				       block.index, operation);
		count++;
	}
	if (count != meas->number_of_blocks)
		return invalid(conn, "NumberOfBlocks %u, record contains %u",
			       meas->number_of_blocks, count);
	return 0;
}

static int decode_pair(struct spdm_connection *conn,
		       struct spdm_get_measurements *get,
		       struct spdm_measurements *meas, const uint8_t *request,
		       size_t request_length, const uint8_t *response,
		       size_t response_length)
{
	size_t signature_size = 0;
	int rc;

	rc = spdm_decode_get_measurements(get, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc,
						    "GET_MEASUREMENTS");
	if (get->header.param1 & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED) {
		signature_size = conn->signature_size;
		if (!signature_size)
			return spdm_connection_fail(
				conn, SPDM_REASON_PROTOCOL_VIOLATION,
				"GET_MEASUREMENTS: signature requested but "
				"no signature algorithm was negotiated");
	}
	rc = spdm_decode_measurements(meas, response, response_length,
				      signature_size);
	if (rc == -EBADMSG)
		return invalid(conn, "NumberOfBlocks %u does not match the "
				     "record of %u bytes",
			       meas->number_of_blocks, meas->record_length);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "MEASUREMENTS",
						   response_length);
	return 0;
}

/* Returns the slot whose key signs: SlotIDParam from 1.1 on, else 0. */
static uint8_t signing_slot(const struct spdm_connection *conn,
			    const struct spdm_get_measurements *get)
{
	if (conn->version >= SPDM_VERSION_11)
		return get->slot_id_param & 0x0f;
	return 0;
}

static int check_response(struct spdm_connection *conn,
			  const struct spdm_get_measurements *get,
			  const struct spdm_measurements *meas)
{
	/*
	 * decode_pair() filled meas: every failure path returns -EPROTO,
	 * which the analyzer cannot see across files.
	 */
	// NOLINTNEXTLINE(clang-analyzer-core.UndefinedBinaryOperatorResult)
	bool signed_request = meas->signature != NULL;
	uint8_t slot_id = signing_slot(conn, get);
	int rc;

	rc = check_blocks(conn, get->header.param2, meas);
	if (rc)
		return rc;
	/* DSP0274 1.1 and 1.2: Param2 bits 3:0 echo the signing slot. */
	if (signed_request && conn->version >= SPDM_VERSION_11 &&
	    (meas->header.param2 & 0x0f) != slot_id)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"MEASUREMENTS: SlotID %u in response to slot %u",
			meas->header.param2 & 0x0f, slot_id);
	if (signed_request && slot_id >= SPDM_MAX_SLOTS)
		return spdm_connection_fail(
			conn, SPDM_REASON_NO_CERTIFICATE,
			"GET_MEASUREMENTS: SlotIDParam 0x%x, only slots 0 to "
			"7 are supported",
			slot_id);
	return spdm_connection_check_opaque(conn, meas->opaque_length,
					    "MEASUREMENTS");
}

/* Adds the blocks to the record of the current measurement batch. */
static int keep_record(struct spdm_connection *conn,
		       const struct spdm_measurements *meas)
{
	int rc;

	if (!conn->measurement_batch_open) {
		spdm_buffer_reset(&conn->measurement_record);
		conn->measurement_block_count = 0;
		conn->measurements_signed = false;
		conn->measurement_batch_signed = false;
		conn->measurement_batch_open = true;
	}
	rc = spdm_buffer_append(&conn->measurement_record, meas->record,
				meas->record_length);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_RESOURCE_LIMIT,
					    "MEASUREMENTS: record above %zu "
					    "bytes",
					    conn->measurement_record.max_size);
	conn->measurement_block_count += meas->number_of_blocks;
	return 0;
}

/* Builds L1/L2 followed by the signature: SignedMeasurements on D-Bus. */
static int keep_signed_bytes(struct spdm_connection *conn,
			     const struct spdm_buffer *signed_bytes,
			     const struct spdm_measurements *meas)
{
	struct spdm_buffer *out = &conn->signed_measurements;
	int rc;

	spdm_buffer_reset(out);
	rc = spdm_buffer_append(out, signed_bytes->data, signed_bytes->size);
	if (!rc)
		rc = spdm_buffer_append(out, meas->signature,
					meas->signature_size);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "MEASUREMENTS: %s", strerror(-rc));
	return 0;
}

static int verify_measurements(struct spdm_connection *conn,
			       const struct spdm_get_measurements *get,
			       const struct spdm_measurements *meas)
{
	uint8_t slot_id = signing_slot(conn, get);
	struct spdm_buffer signed_bytes;
	int rc;

	memcpy(conn->measurement_nonce, get->nonce, SPDM_NONCE_SIZE);
	rc = spdm_transcript_measurement_bytes(&conn->transcript,
					       conn->version, &signed_bytes);
	if (rc)
		return spdm_connection_fail(conn, SPDM_REASON_INTERNAL_ERROR,
					    "MEASUREMENTS: %s", strerror(-rc));
	rc = keep_signed_bytes(conn, &signed_bytes, meas);
	if (!rc && !conn->slots[slot_id].valid)
		spdm_connection_soft_fail(
			conn, SPDM_REASON_NO_CERTIFICATE,
			"MEASUREMENTS: no certificate chain of slot %u to "
			"verify the signature with",
			slot_id);
	else if (!rc)
		rc = spdm_connection_verify_signature(
			conn, slot_id, SPDM_SIGN_MEASUREMENTS, &signed_bytes,
			meas->signature, meas->signature_size, "MEASUREMENTS");
	spdm_buffer_free(&signed_bytes);
	if (!rc && conn->slots[slot_id].valid)
		conn->measurements_signed = true;
	return rc;
}

int spdm_exchange_measurements(struct spdm_connection *conn,
			       const uint8_t *request, size_t request_length,
			       const uint8_t *response, size_t response_length)
{
	struct spdm_get_measurements get;
	struct spdm_measurements meas;
	int rc;

	rc = decode_pair(conn, &get, &meas, request, request_length,
			 response, response_length);
	if (!rc)
		rc = check_response(conn, &get, &meas);
	if (!rc)
		rc = keep_record(conn, &meas);
	if (rc)
		return rc;

	if (!meas.signature)
		return spdm_connection_record(conn, &conn->transcript.m,
					      request, get.size, response,
					      meas.size);

	/* The signed response enters M without its Signature field. */
	conn->measurement_batch_signed = true;
	rc = spdm_connection_record(conn, &conn->transcript.m, request,
				    get.size, response, meas.signed_size);
	if (!rc)
		rc = verify_measurements(conn, &get, &meas);
	/* DSP0274 1.2 section 15: a signed MEASUREMENTS ends L1/L2. */
	spdm_buffer_reset(&conn->transcript.m);
	conn->measurement_batch_open = false;
	return rc;
}
