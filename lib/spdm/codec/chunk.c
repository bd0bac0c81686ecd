// SPDX-License-Identifier: BSD-3-Clause
/*
 * CHUNK_GET and CHUNK_RESPONSE, which DSP0274 1.2 added to carry a
 * response larger than the requester's DataTransferSize in pieces.
 */
#include <errno.h>

#include "header.h"

static int read_header_12(struct spdm_reader *r, struct spdm_header *header,
			  uint8_t code)
{
	int ret = spdm_codec_read_header(r, header, code);

	if (ret)
		return ret;
	if (header->version < SPDM_VERSION_12)
		return -EPROTO;
	return 0;
}

static int write_header_12(struct spdm_writer *w,
			   const struct spdm_header *header, uint8_t code)
{
	if (header->version < SPDM_VERSION_12)
		return -EINVAL;
	return spdm_codec_write_header(w, header, code);
}

int spdm_encode_chunk_get(const struct spdm_chunk_get *msg, uint8_t *buf,
			  size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (write_header_12(&w, &msg->header, SPDM_CHUNK_GET))
		return -EINVAL;
	spdm_write_u16(&w, msg->chunk_seq_no);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_chunk_get(struct spdm_chunk_get *msg, const uint8_t *buf,
			  size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = read_header_12(&r, &msg->header, SPDM_CHUNK_GET);
	if (ret)
		return ret;
	msg->chunk_seq_no = spdm_read_u16(&r);
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_encode_chunk_response(const struct spdm_chunk_response *msg,
			       uint8_t *buf, size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || (msg->chunk_size && !msg->chunk))
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (write_header_12(&w, &msg->header, SPDM_CHUNK_RESPONSE))
		return -EINVAL;
	spdm_write_u16(&w, msg->chunk_seq_no);
	spdm_write_u16(&w, 0);
	spdm_write_u32(&w, msg->chunk_size);
	/* DSP0274 1.2 CHUNK_RESPONSE: LargeMessageSize only in chunk 0. */
	if (msg->chunk_seq_no == 0)
		spdm_write_u32(&w, msg->large_message_size);
	spdm_write_bytes(&w, msg->chunk, msg->chunk_size);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_chunk_response(struct spdm_chunk_response *msg,
			       const uint8_t *buf, size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = read_header_12(&r, &msg->header, SPDM_CHUNK_RESPONSE);
	if (ret)
		return ret;

	msg->chunk_seq_no = spdm_read_u16(&r);
	spdm_read_skip(&r, 2);
	msg->chunk_size = spdm_read_u32(&r);
	msg->large_message_size = 0;
	if (msg->chunk_seq_no == 0)
		msg->large_message_size = spdm_read_u32(&r);
	msg->chunk = spdm_read_span(&r, msg->chunk_size);
	return spdm_codec_finish_decode(&r, &msg->size);
}
