// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_CERTIFICATE and CERTIFICATE, identical in DSP0274 1.0, 1.1 and 1.2.
 * CERTIFICATE carries PortionLength bytes of the slot's chain.
 */
#include <errno.h>

#include "header.h"

int spdm_encode_get_certificate(const struct spdm_get_certificate *msg,
				uint8_t *buf, size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_GET_CERTIFICATE))
		return -EINVAL;
	spdm_write_u16(&w, msg->offset);
	spdm_write_u16(&w, msg->length);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_get_certificate(struct spdm_get_certificate *msg,
				const uint8_t *buf, size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_GET_CERTIFICATE);
	if (ret)
		return ret;
	msg->offset = spdm_read_u16(&r);
	msg->length = spdm_read_u16(&r);
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_encode_certificate(const struct spdm_certificate *msg, uint8_t *buf,
			    size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || (msg->portion_length && !msg->portion))
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_CERTIFICATE))
		return -EINVAL;
	spdm_write_u16(&w, msg->portion_length);
	spdm_write_u16(&w, msg->remainder_length);
	spdm_write_bytes(&w, msg->portion, msg->portion_length);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_certificate(struct spdm_certificate *msg, const uint8_t *buf,
			    size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_CERTIFICATE);
	if (ret)
		return ret;
	msg->portion_length = spdm_read_u16(&r);
	msg->remainder_length = spdm_read_u16(&r);
	msg->portion = spdm_read_span(&r, msg->portion_length);
	return spdm_codec_finish_decode(&r, &msg->size);
}
