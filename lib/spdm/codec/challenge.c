// SPDX-License-Identifier: BSD-3-Clause
/*
 * CHALLENGE and CHALLENGE_AUTH of DSP0274 1.0, 1.1 and 1.2 (the 1.3
 * RequesterContext is absent from both).
 */
#include <errno.h>

#include "header.h"
#include "opaque.h"

static bool hash_size_valid(size_t hash_size)
{
	return hash_size > 0 && hash_size <= SPDM_MAX_HASH_SIZE;
}

static bool signature_size_valid(size_t signature_size)
{
	return signature_size > 0 && signature_size <= SPDM_MAX_SIGNATURE_SIZE;
}

int spdm_encode_challenge(const struct spdm_challenge *msg, uint8_t *buf,
			  size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_CHALLENGE))
		return -EINVAL;
	spdm_write_bytes(&w, msg->nonce, SPDM_NONCE_SIZE);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_challenge(struct spdm_challenge *msg, const uint8_t *buf,
			  size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_CHALLENGE);
	if (ret)
		return ret;
	spdm_read_bytes(&r, msg->nonce, SPDM_NONCE_SIZE);
	return spdm_codec_finish_decode(&r, &msg->size);
}

static bool challenge_auth_valid(const struct spdm_challenge_auth *msg)
{
	if (!hash_size_valid(msg->hash_size) ||
	    !signature_size_valid(msg->signature_size))
		return false;
	if (!msg->cert_chain_hash || !msg->nonce)
		return false;
	return spdm_codec_opaque_valid(msg->opaque_length, msg->opaque_data);
}

int spdm_encode_challenge_auth(const struct spdm_challenge_auth *msg,
			       uint8_t *buf, size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || !challenge_auth_valid(msg))
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (spdm_codec_write_header(&w, &msg->header, SPDM_CHALLENGE_AUTH))
		return -EINVAL;
	spdm_write_bytes(&w, msg->cert_chain_hash, msg->hash_size);
	spdm_write_bytes(&w, msg->nonce, SPDM_NONCE_SIZE);
	if (msg->measurement_summary_hash)
		spdm_write_bytes(&w, msg->measurement_summary_hash,
				 msg->hash_size);
	spdm_codec_write_opaque_and_signature(&w, msg->opaque_length,
					      msg->opaque_data, msg->signature,
					      msg->signature_size);
	return spdm_writer_finish(&w, length);
}

int spdm_decode_challenge_auth(struct spdm_challenge_auth *msg,
			       const uint8_t *buf, size_t length,
			       size_t hash_size, bool summary_hash_present,
			       size_t signature_size)
{
	struct spdm_reader r;
	int ret;

	if (!msg || !hash_size_valid(hash_size) ||
	    !signature_size_valid(signature_size))
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_CHALLENGE_AUTH);
	if (ret)
		return ret;

	msg->hash_size = hash_size;
	msg->cert_chain_hash = spdm_read_span(&r, hash_size);
	msg->nonce = spdm_read_span(&r, SPDM_NONCE_SIZE);
	msg->measurement_summary_hash = NULL;
	if (summary_hash_present)
		msg->measurement_summary_hash = spdm_read_span(&r, hash_size);
	ret = spdm_codec_read_opaque(&r, &msg->opaque_length,
				     &msg->opaque_data);
	if (ret)
		return ret;

	msg->signed_size = r.offset;
	msg->signature_size = signature_size;
	msg->signature = spdm_read_span(&r, signature_size);
	return spdm_codec_finish_decode(&r, &msg->size);
}
