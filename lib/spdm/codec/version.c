// SPDX-License-Identifier: BSD-3-Clause
/* GET_VERSION and VERSION, identical in DSP0274 1.0, 1.1 and 1.2. */
#include <errno.h>

#include "header.h"

int spdm_encode_get_version(const struct spdm_get_version *msg, uint8_t *buf,
			    size_t cap, size_t *length)
{
	if (!msg || msg->header.version != SPDM_VERSION_10)
		return -EINVAL;
	return spdm_codec_encode_header_only(&msg->header, SPDM_GET_VERSION,
					     buf, cap, length);
}

int spdm_decode_get_version(struct spdm_get_version *msg, const uint8_t *buf,
			    size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_version_header(&r, &msg->header,
					     SPDM_GET_VERSION);
	if (ret)
		return ret;
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_encode_version(const struct spdm_version *msg, uint8_t *buf,
			size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || msg->header.version != SPDM_VERSION_10)
		return -EINVAL;
	if (msg->entry_count == 0 ||
	    msg->entry_count > SPDM_MAX_VERSION_ENTRIES)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	spdm_codec_write_header(&w, &msg->header, SPDM_VERSION);
	spdm_write_u8(&w, 0);
	spdm_write_u8(&w, msg->entry_count);
	for (unsigned int i = 0; i < msg->entry_count; i++)
		spdm_write_u16(&w, msg->entries[i]);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_version(struct spdm_version *msg, const uint8_t *buf,
			size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_version_header(&r, &msg->header, SPDM_VERSION);
	if (ret)
		return ret;

	spdm_read_skip(&r, 1);
	msg->entry_count = spdm_read_u8(&r);
	if (spdm_reader_status(&r))
		return -EOVERFLOW;
	/* DSP0274 1.2 VERSION table: VersionNumberEntryCount is at least 1. */
	if (msg->entry_count == 0)
		return -EPROTO;
	if (msg->entry_count > SPDM_MAX_VERSION_ENTRIES)
		return -EOVERFLOW;

	for (unsigned int i = 0; i < msg->entry_count; i++)
		msg->entries[i] = spdm_read_u16(&r);
	return spdm_codec_finish_decode(&r, &msg->size);
}
