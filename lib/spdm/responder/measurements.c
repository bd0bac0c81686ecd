// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_MEASUREMENTS (DSP0274 1.2) and the DMTF measurement blocks that
 * it and CHALLENGE_AUTH's
 * MeasurementSummaryHash are built from.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/crypto.h>
#include <spdm/cursor.h>
#include <spdm/messages.h>

#include "internal.h"

/* DSP0274 1.2 MEASUREMENTS: ContentChanged "no change detected". */
#define CONTENT_NO_CHANGE_DETECTED 0x20
/* SlotIDParam 0xf: the provisioned public key instead of a slot. */
#define SLOT_ID_PUBLIC_KEY 0x0f

static uint8_t block_type(const struct spdm_measurement_def *def)
{
	if (def->form == SPDM_MEASUREMENT_FIELD)
		return def->size ? def->data[0] & 0x7f : 0;
	return def->value_type;
}

/* Writes the DMTF Measurement field of a digest or raw block. */
static int write_value(struct spdm_responder *resp,
		       const struct spdm_measurement_def *def, bool raw,
		       struct spdm_writer *w)
{
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	size_t digest_size;

	/* RAW_BIT_STREAM_ONLY (DSP0274 1.2 table 18): every value raw. */
	digest_size = spdm_measurement_hash_size(resp->measurement_hash_algo);
	if (raw || def->form == SPDM_MEASUREMENT_RAW || digest_size == 0) {
		spdm_write_u8(w,
			      def->value_type | SPDM_DMTF_MEAS_RAW_BIT_STREAM);
		spdm_write_u16(w, (uint16_t)def->size);
		spdm_write_bytes(w, def->data, def->size);
		return 0;
	}
	if (spdm_measurement_hash(resp->measurement_hash_algo, def->data,
				  def->size, digest))
		return -EIO;
	spdm_write_u8(w, def->value_type);
	spdm_write_u16(w, (uint16_t)digest_size);
	spdm_write_bytes(w, digest, digest_size);
	return 0;
}

/* Writes one block: Index, MeasurementSpecification, size, Measurement. */
static int write_block(struct spdm_responder *resp,
		       const struct spdm_measurement_def *def, bool raw,
		       struct spdm_writer *w)
{
	uint8_t *size_field;
	size_t start;
	int rc = 0;

	spdm_write_u8(w, def->index);
	spdm_write_u8(w, SPDM_MEAS_SPEC_DMTF);
	size_field = spdm_write_reserve(w, 2);
	start = w->offset;
	if (def->form == SPDM_MEASUREMENT_FIELD)
		spdm_write_bytes(w, def->data, def->size);
	else
		rc = write_value(resp, def, raw, w);
	if (rc || !size_field)
		return rc ? rc : -EOVERFLOW;
	size_field[0] = (uint8_t)(w->offset - start);
	size_field[1] = (uint8_t)((w->offset - start) >> 8);
	return 0;
}

/*
 * Writes the blocks that match to w: index 0xff selects all, a type filter
 * of 0 to 0x7f selects blocks of that DMTF type (-1 for any).
 */
static int write_record(struct spdm_responder *resp, uint8_t index,
			int type_filter, bool raw, struct spdm_writer *w,
			uint8_t *count)
{
	*count = 0;
	for (size_t i = 0; i < resp->measurements.count; i++) {
		const struct spdm_measurement_def *def =
		    &resp->measurements.blocks[i];
		int rc;

		if (index != SPDM_MEAS_OPERATION_ALL && def->index != index)
			continue;
		if (type_filter >= 0 && block_type(def) != type_filter)
			continue;
		rc = write_block(resp, def, raw, w);
		if (rc)
			return rc;
		(*count)++;
	}
	return spdm_writer_finish(w, &(size_t){0});
}

/*
 * DSP0274 1.2 CHALLENGE_AUTH MeasurementSummaryHash: the BaseHash of the
 * blocks, all for 0xff and the TCB for 0x01 (this device counts its
 * immutable ROM blocks, type 0, as the TCB).
 */
int measurement_summary_hash(struct spdm_responder *resp, uint8_t hash_type,
			     uint8_t *digest)
{
	uint8_t *record = malloc(SPDM_RESPONDER_MAX_MESSAGE_SIZE);
	struct spdm_writer w;
	uint8_t count;
	int rc;

	if (!record)
		return -ENOMEM;
	spdm_writer_init(&w, record, SPDM_RESPONDER_MAX_MESSAGE_SIZE);
	rc = write_record(resp, SPDM_MEAS_OPERATION_ALL,
			  hash_type == SPDM_MEAS_SUMMARY_HASH_TCB
			      ? SPDM_DMTF_MEAS_IMMUTABLE_ROM
			      : -1,
			  false, &w, &count);
	if (!rc)
		rc = spdm_hash(resp->base_hash_algo, record, w.offset, digest);
	free(record);
	return rc;
}

static bool index_exists(const struct spdm_responder *resp, uint8_t index)
{
	for (size_t i = 0; i < resp->measurements.count; i++)
		if (resp->measurements.blocks[i].index == index)
			return true;
	return false;
}

/* libspdm clears M on every GET_MEASUREMENTS it rejects. */
static int measurements_error(struct spdm_responder *resp,
			      struct response_buffer *out, uint8_t code,
			      uint8_t data)
{
	spdm_buffer_reset(&resp->transcript.m);
	return response_error(resp, out, code, data);
}

/* Checks in libspdm's order; on failure writes the ERROR to out. */
static bool measurements_allowed(struct spdm_responder *resp,
				 const uint8_t *request,
				 struct response_buffer *out, int *rc)
{
	uint8_t code = 0;
	uint8_t data = 0;

	if (request[0] != response_version(resp) || !resp->version)
		code = SPDM_ERROR_VERSION_MISMATCH;
	else if (!responder_has_cap(resp, SPDM_CAP_MEAS_MASK)) {
		code = SPDM_ERROR_UNSUPPORTED_REQUEST;
		data = SPDM_GET_MEASUREMENTS;
	} else if (resp->state < CONNECTION_NEGOTIATED ||
		   !resp->measurement_specification ||
		   !resp->measurement_hash_algo)
		code = SPDM_ERROR_UNEXPECTED_REQUEST;
	if (!code)
		return true;
	*rc = measurements_error(resp, out, code, data);
	return false;
}

/* DSP0274 1.1+ GET_MEASUREMENTS: SlotIDParam of a signed request. */
static bool slot_param_valid(const struct spdm_responder *resp,
			     const struct spdm_get_measurements *req)
{
	uint8_t slot = req->slot_id_param & 0x0f;

	if (resp->version < SPDM_VERSION_11)
		return true;
	if (slot == SLOT_ID_PUBLIC_KEY || slot >= SPDM_MAX_SLOTS)
		return false;
	return resp->slots[slot] != NULL;
}

static bool request_valid(const struct spdm_responder *resp,
			  const struct spdm_get_measurements *req, bool sign)
{
	uint8_t operation = req->header.param2;

	if (sign && (!responder_has_cap(resp, SPDM_CAP_MEAS_SIG) ||
		     !slot_param_valid(resp, req)))
		return false;
	if (operation != SPDM_MEAS_OPERATION_COUNT &&
	    operation != SPDM_MEAS_OPERATION_ALL &&
	    !index_exists(resp, operation))
		return false;
	return true;
}

/* Param2: 1.1 adds the slot, 1.2 ContentChanged, for signed responses. */
static uint8_t response_param2(const struct spdm_responder *resp,
			       const struct spdm_get_measurements *req,
			       bool sign)
{
	uint8_t param2;

	if (!sign || resp->version < SPDM_VERSION_11)
		return 0;
	param2 = req->slot_id_param & 0x0f;
	if (resp->version >= SPDM_VERSION_12)
		param2 |= CONTENT_NO_CHANGE_DETECTED;
	return param2;
}

static int build_measurements(struct spdm_responder *resp,
			      const struct spdm_get_measurements *req,
			      bool sign, uint8_t *record,
			      struct response_buffer *out,
			      size_t *signature_size)
{
	uint8_t operation = req->header.param2;
	bool raw =
	    resp->version >= SPDM_VERSION_12 &&
	    (req->header.param1 & SPDM_MEAS_ATTR_RAW_BIT_STREAM_REQUESTED);
	uint8_t nonce[SPDM_NONCE_SIZE];
	struct spdm_measurements rsp = {0};
	struct spdm_writer w;
	int rc;

	spdm_writer_init(&w, record, SPDM_RESPONDER_MAX_MESSAGE_SIZE);
	if (operation != SPDM_MEAS_OPERATION_COUNT) {
		rc = write_record(resp, operation, -1, raw, &w,
				  &rsp.number_of_blocks);
		if (rc)
			return rc;
	}
	if (spdm_random_bytes(nonce, sizeof(nonce)))
		return -EIO;
	rsp.header =
	    (struct spdm_header){resp->version, SPDM_MEASUREMENTS,
				 operation == SPDM_MEAS_OPERATION_COUNT
				     ? (uint8_t)resp->measurements.count
				     : 0,
				 response_param2(resp, req, sign)};
	rsp.record_length = (uint32_t)w.offset;
	rsp.record = record;
	rsp.nonce = nonce;
	responder_opaque_data(resp, &rsp.opaque_length, &rsp.opaque_data);
	*signature_size = sign ? spdm_signature_size(resp->base_asym_algo) : 0;
	rsp.signature_size = *signature_size;
	rc = spdm_encode_measurements(&rsp, out->data, out->capacity,
				      &out->length);
	spdm_wipe(nonce, sizeof(nonce));
	return rc;
}

/* Appends the exchange to M and, when asked, signs A || M (1.2) or M. */
static int finish_measurements(struct spdm_responder *resp,
			       const uint8_t *request,
			       const struct spdm_get_measurements *req,
			       struct response_buffer *out,
			       size_t signature_size)
{
	size_t signed_size = out->length - signature_size;
	struct spdm_buffer l1l2;
	int rc;

	transcript_reset_for_request(resp, SPDM_GET_MEASUREMENTS);
	rc = transcript_append(&resp->transcript.m, request, req->size,
			       out->data, signed_size);
	if (rc || signature_size == 0)
		return rc;
	rc = spdm_transcript_measurement_bytes(&resp->transcript, resp->version,
					       &l1l2);
	spdm_buffer_reset(&resp->transcript.m);
	if (rc)
		return rc;
	rc = responder_sign(resp, SPDM_SIGN_MEASUREMENTS, l1l2.data, l1l2.size,
			    out->data + signed_size, signature_size);
	spdm_buffer_free(&l1l2);
	return rc;
}

int handle_get_measurements(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out)
{
	struct spdm_get_measurements req;
	size_t signature_size;
	uint8_t *record;
	bool sign;
	int rc = 0;

	if (!measurements_allowed(resp, request, out, &rc))
		return rc;
	if (spdm_decode_get_measurements(&req, request, length))
		return measurements_error(resp, out, SPDM_ERROR_INVALID_REQUEST,
					  0);
	sign = req.header.param1 & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED;
	if (!request_valid(resp, &req, sign))
		return measurements_error(resp, out, SPDM_ERROR_INVALID_REQUEST,
					  0);
	record = malloc(SPDM_RESPONDER_MAX_MESSAGE_SIZE);
	if (!record)
		return -ENOMEM;
	rc = build_measurements(resp, &req, sign, record, out, &signature_size);
	free(record);
	if (!rc)
		rc = finish_measurements(resp, request, &req, out,
					 signature_size);
	if (rc)
		return measurements_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	return 0;
}
