// SPDX-License-Identifier: BSD-3-Clause
/*
 * GET_DIGESTS and DIGESTS of DSP0274 1.0, 1.1 and 1.2. DIGESTS carries one
 * digest per bit of its SlotMask (Param2), in ascending slot order.
 */
#include <errno.h>

#include "header.h"

int spdm_encode_get_digests(const struct spdm_get_digests *msg, uint8_t *buf,
			    size_t cap, size_t *length)
{
	if (!msg)
		return -EINVAL;
	return spdm_codec_encode_header_only(&msg->header, SPDM_GET_DIGESTS,
					     buf, cap, length);
}

int spdm_decode_get_digests(struct spdm_get_digests *msg, const uint8_t *buf,
			    size_t length)
{
	if (!msg)
		return -EINVAL;
	return spdm_codec_decode_header_only(&msg->header, &msg->size,
					     SPDM_GET_DIGESTS, buf, length);
}

static bool digest_size_valid(size_t digest_size)
{
	return digest_size > 0 && digest_size <= SPDM_MAX_HASH_SIZE;
}

int spdm_encode_digests(const struct spdm_digests *msg, uint8_t *buf,
			size_t cap, size_t *length)
{
	struct spdm_writer w;
	size_t digests_size;

	if (!msg || !length || !digest_size_valid(msg->digest_size))
		return -EINVAL;
	if (msg->digest_count != spdm_codec_popcount(msg->header.param2))
		return -EINVAL;
	if (msg->digest_count && !msg->digests)
		return -EINVAL;

	digests_size = msg->digest_count * msg->digest_size;
	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_DIGESTS))
		return -EINVAL;
	spdm_write_bytes(&w, msg->digests, digests_size);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_digests(struct spdm_digests *msg, const uint8_t *buf,
			size_t length, size_t digest_size)
{
	struct spdm_reader r;
	int ret;

	if (!msg || !digest_size_valid(digest_size))
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_DIGESTS);
	if (ret)
		return ret;

	msg->digest_count = (uint8_t)spdm_codec_popcount(msg->header.param2);
	msg->digest_size = digest_size;
	msg->digests = spdm_read_span(&r, msg->digest_count * digest_size);
	return spdm_codec_finish_decode(&r, &msg->size);
}
