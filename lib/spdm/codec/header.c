// SPDX-License-Identifier: BSD-3-Clause
/* The 4-byte SPDM message header, shared by every codec. */
#include <errno.h>

#include "header.h"

bool spdm_codec_version_known(uint8_t version)
{
	return version == SPDM_VERSION_10 || version == SPDM_VERSION_11 ||
	       version == SPDM_VERSION_12;
}

static int read_header_fields(struct spdm_reader *r, struct spdm_header *header,
			      uint8_t code)
{
	header->version = spdm_read_u8(r);
	header->code = spdm_read_u8(r);
	header->param1 = spdm_read_u8(r);
	header->param2 = spdm_read_u8(r);

	if (spdm_reader_status(r))
		return -EOVERFLOW;
	if (header->code != code)
		return -EBADMSG;
	return 0;
}

int spdm_codec_read_header(struct spdm_reader *r, struct spdm_header *header,
			   uint8_t code)
{
	int ret = read_header_fields(r, header, code);

	if (ret)
		return ret;
	if (!spdm_codec_version_known(header->version))
		return -EPROTO;
	return 0;
}

int spdm_codec_read_version_header(struct spdm_reader *r,
				   struct spdm_header *header, uint8_t code)
{
	int ret = read_header_fields(r, header, code);

	if (ret)
		return ret;
	/* DSP0274 1.0-1.2: GET_VERSION and VERSION always carry version 1.0. */
	if (header->version != SPDM_VERSION_10)
		return -EPROTO;
	return 0;
}

int spdm_codec_write_header(struct spdm_writer *w,
			    const struct spdm_header *header, uint8_t code)
{
	if (!spdm_codec_version_known(header->version))
		return -EINVAL;

	spdm_write_u8(w, header->version);
	spdm_write_u8(w, code);
	spdm_write_u8(w, header->param1);
	spdm_write_u8(w, header->param2);
	return 0;
}

int spdm_codec_encode_header_only(const struct spdm_header *header,
				  uint8_t code, uint8_t *buf, size_t cap,
				  size_t *length)
{
	struct spdm_writer w;

	if (!length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, header, code))
		return -EINVAL;
	return spdm_writer_finish(&w, length);
}

int spdm_codec_decode_header_only(struct spdm_header *header, size_t *size,
				  uint8_t code, const uint8_t *buf,
				  size_t length)
{
	struct spdm_reader r;
	int ret;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, header, code);
	if (ret)
		return ret;
	return spdm_codec_finish_decode(&r, size);
}

int spdm_codec_finish_decode(const struct spdm_reader *r, size_t *size)
{
	if (spdm_reader_status(r))
		return -EOVERFLOW;
	*size = r->offset;
	return 0;
}

unsigned int spdm_codec_popcount(uint32_t value)
{
	return (unsigned int)__builtin_popcount(value);
}

int spdm_decode_header(struct spdm_header *header, const uint8_t *buf,
		       size_t length)
{
	struct spdm_reader r;

	if (!header)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	header->version = spdm_read_u8(&r);
	header->code = spdm_read_u8(&r);
	header->param1 = spdm_read_u8(&r);
	header->param2 = spdm_read_u8(&r);
	return spdm_reader_status(&r);
}
