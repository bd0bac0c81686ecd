// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_MEASUREMENTS and MEASUREMENTS of DSP0274 1.0, 1.1 and 1.2 (the 1.3
 * RequesterContext is absent from both).
 */
#include <errno.h>
#include <string.h>

#include "header.h"
#include "opaque.h"

/* MeasurementRecordLength is a 24-bit field. */
#define MAX_RECORD_LENGTH 0xffffffu

/* DSP0274 1.2 GET_MEASUREMENTS: the nonce is present only when signed. */
static bool signature_requested(const struct spdm_header *header)
{
	return header->param1 & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED;
}

int spdm_encode_get_measurements(const struct spdm_get_measurements *msg,
				 uint8_t *buf, size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_GET_MEASUREMENTS))
		return -EINVAL;
	if (signature_requested(&msg->header)) {
		spdm_write_bytes(&w, msg->nonce, SPDM_NONCE_SIZE);
		/* SlotIDParam exists from DSP0274 1.1 on. */
		if (msg->header.version >= SPDM_VERSION_11)
			spdm_write_u8(&w, msg->slot_id_param);
	}
	return spdm_writer_finish(&w, length);
}

int spdm_decode_get_measurements(struct spdm_get_measurements *msg,
				 const uint8_t *buf, size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_GET_MEASUREMENTS);
	if (ret)
		return ret;

	memset(msg->nonce, 0, sizeof(msg->nonce));
	msg->slot_id_param = 0;
	if (signature_requested(&msg->header)) {
		spdm_read_bytes(&r, msg->nonce, SPDM_NONCE_SIZE);
		if (msg->header.version >= SPDM_VERSION_11)
			msg->slot_id_param = spdm_read_u8(&r);
	}
	return spdm_codec_finish_decode(&r, &msg->size);
}

static bool measurements_valid(const struct spdm_measurements *msg)
{
	if (msg->record_length > MAX_RECORD_LENGTH ||
	    (msg->record_length && !msg->record))
		return false;
	if (!msg->nonce || msg->signature_size > SPDM_MAX_SIGNATURE_SIZE)
		return false;
	return spdm_codec_opaque_valid(msg->opaque_length, msg->opaque_data);
}

int spdm_encode_measurements(const struct spdm_measurements *msg,
			     uint8_t *buf, size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || !measurements_valid(msg))
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_MEASUREMENTS))
		return -EINVAL;
	spdm_write_u8(&w, msg->number_of_blocks);
	spdm_write_u24(&w, msg->record_length);
	spdm_write_bytes(&w, msg->record, msg->record_length);
	spdm_write_bytes(&w, msg->nonce, SPDM_NONCE_SIZE);
	spdm_codec_write_opaque_and_signature(&w, msg->opaque_length,
					      msg->opaque_data, msg->signature,
					      msg->signature_size);
	return spdm_writer_finish(&w, length);
}

/*
 * Checks that the record is exactly number_of_blocks blocks, each a 4-byte
 * header and MeasurementSize bytes (DSP0274 1.2 measurement block table).
 */
static int check_record(const uint8_t *record, size_t record_length,
			uint8_t number_of_blocks)
{
	struct spdm_reader r;
	unsigned int blocks = 0;

	spdm_reader_init(&r, record, record_length);
	while (spdm_reader_remaining(&r) > 0) {
		spdm_read_skip(&r, 2);
		spdm_read_skip(&r, spdm_read_u16(&r));
		blocks++;
	}
	if (spdm_reader_status(&r) || blocks != number_of_blocks)
		return -EBADMSG;
	return 0;
}

int spdm_decode_measurements(struct spdm_measurements *msg,
			     const uint8_t *buf, size_t length,
			     size_t signature_size)
{
	struct spdm_reader r;
	int ret;

	if (!msg || signature_size > SPDM_MAX_SIGNATURE_SIZE)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_MEASUREMENTS);
	if (ret)
		return ret;

	msg->number_of_blocks = spdm_read_u8(&r);
	msg->record_length = spdm_read_u24(&r);
	msg->record = spdm_read_span(&r, msg->record_length);
	msg->nonce = spdm_read_span(&r, SPDM_NONCE_SIZE);
	ret = spdm_codec_read_opaque(&r, &msg->opaque_length,
				     &msg->opaque_data);
	if (ret)
		return ret;

	msg->signed_size = r.offset;
	msg->signature_size = signature_size;
	msg->signature = NULL;
	if (signature_size)
		msg->signature = spdm_read_span(&r, signature_size);
	ret = spdm_codec_finish_decode(&r, &msg->size);
	if (ret)
		return ret;
	return check_record(msg->record, msg->record_length,
			    msg->number_of_blocks);
}
