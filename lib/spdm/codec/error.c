// SPDX-License-Identifier: BSD-3-Clause
/*
 * ERROR, its ResponseNotReady extended data, and RESPOND_IF_READY, of
 * DSP0274 1.0, 1.1 and 1.2.
 */
#include <errno.h>
#include <string.h>

#include "header.h"

int spdm_encode_error(const struct spdm_error *msg, uint8_t *buf, size_t cap,
		      size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || msg->ext_length > SPDM_MAX_ERROR_EXT_DATA)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_ERROR))
		return -EINVAL;
	spdm_write_bytes(&w, msg->ext_data, msg->ext_length);
	return spdm_writer_finish(&w, length);
}

/*
 * Keeps at most SPDM_MAX_ERROR_EXT_DATA bytes of ExtendedErrorData, the
 * largest any error code of DSP0274 1.2 defines, and ignores the rest.
 */
int spdm_decode_error(struct spdm_error *msg, const uint8_t *buf,
		      size_t length)
{
	struct spdm_reader r;
	size_t remaining;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_ERROR);
	if (ret)
		return ret;

	remaining = spdm_reader_remaining(&r);
	msg->ext_length = remaining < SPDM_MAX_ERROR_EXT_DATA ?
				  remaining : SPDM_MAX_ERROR_EXT_DATA;
	memset(msg->ext_data, 0, sizeof(msg->ext_data));
	spdm_read_bytes(&r, msg->ext_data, msg->ext_length);
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_decode_response_not_ready(struct spdm_response_not_ready *rnr,
				   const struct spdm_error *err)
{
	struct spdm_reader r;

	if (!rnr || !err)
		return -EINVAL;
	if (err->header.param1 != SPDM_ERROR_RESPONSE_NOT_READY)
		return -EBADMSG;

	/*
	 * DSP0274 1.2 ResponseNotReady extended data: RDTExponent,
	 * RequestCode, Token and RDTM, one byte each.
	 */
	spdm_reader_init(&r, err->ext_data, err->ext_length);
	rnr->rdt_exponent = spdm_read_u8(&r);
	rnr->request_code = spdm_read_u8(&r);
	rnr->token = spdm_read_u8(&r);
	rnr->rdtm = spdm_read_u8(&r);
	if (spdm_reader_status(&r))
		return -EBADMSG;
	return 0;
}

int spdm_encode_respond_if_ready(const struct spdm_respond_if_ready *msg,
				 uint8_t *buf, size_t cap, size_t *length)
{
	if (!msg)
		return -EINVAL;
	return spdm_codec_encode_header_only(
		&msg->header, SPDM_RESPOND_IF_READY, buf, cap, length);
}

int spdm_decode_respond_if_ready(struct spdm_respond_if_ready *msg,
				 const uint8_t *buf, size_t length)
{
	if (!msg)
		return -EINVAL;
	return spdm_codec_decode_header_only(&msg->header, &msg->size,
					     SPDM_RESPOND_IF_READY, buf,
					     length);
}
