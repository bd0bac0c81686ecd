// SPDX-License-Identifier: BSD-3-Clause
/* GET_CAPABILITIES and CAPABILITIES of DSP0274 1.0, 1.1 and 1.2. */
#include <errno.h>

#include "header.h"

/*
 * Writes or reads the body after the header. The 1.0 request has none,
 * the 1.0 response and 1.1 both directions stop after Flags, and 1.2 adds
 * DataTransferSize and MaxSPDMmsgSize.
 */
static void write_body(struct spdm_writer *w,
		       const struct spdm_capabilities *msg, bool request)
{
	uint8_t version = msg->header.version;

	if (request && version == SPDM_VERSION_10)
		return;

	spdm_write_u8(w, 0);
	spdm_write_u8(w, msg->ct_exponent);
	spdm_write_u16(w, 0);
	spdm_write_u32(w, msg->flags);
	if (version >= SPDM_VERSION_12) {
		spdm_write_u32(w, msg->data_transfer_size);
		spdm_write_u32(w, msg->max_spdm_msg_size);
	}
}

static void read_body(struct spdm_reader *r, struct spdm_capabilities *msg,
		      bool request)
{
	uint8_t version = msg->header.version;

	msg->ct_exponent = 0;
	msg->flags = 0;
	msg->data_transfer_size = 0;
	msg->max_spdm_msg_size = 0;
	if (request && version == SPDM_VERSION_10)
		return;

	spdm_read_skip(r, 1);
	msg->ct_exponent = spdm_read_u8(r);
	spdm_read_skip(r, 2);
	msg->flags = spdm_read_u32(r);
	if (version >= SPDM_VERSION_12) {
		msg->data_transfer_size = spdm_read_u32(r);
		msg->max_spdm_msg_size = spdm_read_u32(r);
	}
}

static int encode(const struct spdm_capabilities *msg, uint8_t *buf,
		  size_t cap, size_t *length, uint8_t code)
{
	struct spdm_writer w;

	if (!msg || !length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, code))
		return -EINVAL;
	write_body(&w, msg, code == SPDM_GET_CAPABILITIES);
	return spdm_writer_finish(&w, length);
}

static int decode(struct spdm_capabilities *msg, const uint8_t *buf,
		  size_t length, uint8_t code)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, code);
	if (ret)
		return ret;
	read_body(&r, msg, code == SPDM_GET_CAPABILITIES);
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_encode_get_capabilities(const struct spdm_capabilities *msg,
				 uint8_t *buf, size_t cap, size_t *length)
{
	return encode(msg, buf, cap, length, SPDM_GET_CAPABILITIES);
}

int spdm_decode_get_capabilities(struct spdm_capabilities *msg,
				 const uint8_t *buf, size_t length)
{
	return decode(msg, buf, length, SPDM_GET_CAPABILITIES);
}

int spdm_encode_capabilities(const struct spdm_capabilities *msg, uint8_t *buf,
			     size_t cap, size_t *length)
{
	return encode(msg, buf, cap, length, SPDM_CAPABILITIES);
}

int spdm_decode_capabilities(struct spdm_capabilities *msg, const uint8_t *buf,
			     size_t length)
{
	return decode(msg, buf, length, SPDM_CAPABILITIES);
}
