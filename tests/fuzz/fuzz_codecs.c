// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes every SPDM message decoder, and re-encodes what decodes: the
 * encoder must accept a decoded message and write no more than its
 * defined size.
 *
 * Input: one selector byte, then one message. Selector bits 4:0 pick the
 * decoder (modulo the table); bits 7:5 pick the negotiated hash and
 * signature sizes that the decoders of DIGESTS, CHALLENGE_AUTH and
 * MEASUREMENTS take.
 */
#include <stdlib.h>
#include <string.h>

#include <spdm/messages.h>

#include "fuzz_selectors.h"
#include "fuzz_common.h"

#define BUFFER_SIZE 70000

static uint8_t encoded[BUFFER_SIZE];

static void check_encoded(int rc, size_t length, size_t defined_size)
{
	if (rc == 0 && length != defined_size)
		abort();
}

static void fuzz_version(const uint8_t *data, size_t size)
{
	struct spdm_version msg;
	size_t length;
	int rc;

	if (spdm_decode_version(&msg, data, size))
		return;
	if (msg.size > size)
		abort();
	rc = spdm_encode_version(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_get_capabilities(const uint8_t *data, size_t size)
{
	struct spdm_capabilities msg;
	size_t length;
	int rc;

	if (spdm_decode_get_capabilities(&msg, data, size))
		return;
	rc = spdm_encode_get_capabilities(&msg, encoded, sizeof(encoded),
					  &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_capabilities(const uint8_t *data, size_t size)
{
	struct spdm_capabilities msg;
	size_t length;
	int rc;

	if (spdm_decode_capabilities(&msg, data, size))
		return;
	rc = spdm_encode_capabilities(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_negotiate_algorithms(const uint8_t *data, size_t size)
{
	struct spdm_negotiate_algorithms msg;
	size_t length;

	if (spdm_decode_negotiate_algorithms(&msg, data, size))
		return;
	if (msg.size > size || msg.alg_struct_count > SPDM_MAX_ALG_STRUCTS)
		abort();
	/* The encoder takes no extended algorithms (messages.h). */
	msg.ext_asym_count = 0;
	msg.ext_hash_count = 0;
	spdm_encode_negotiate_algorithms(&msg, encoded, sizeof(encoded),
					 &length);
}

static void fuzz_algorithms(const uint8_t *data, size_t size)
{
	struct spdm_algorithms msg;
	size_t length;

	if (spdm_decode_algorithms(&msg, data, size))
		return;
	if (msg.size > size || msg.alg_struct_count > SPDM_MAX_ALG_STRUCTS)
		abort();
	msg.ext_asym_sel_count = 0;
	msg.ext_hash_sel_count = 0;
	spdm_encode_algorithms(&msg, encoded, sizeof(encoded), &length);
}

static void fuzz_digests(const uint8_t *data, size_t size,
			 const struct fuzz_codec_sizes *sizes)
{
	struct spdm_digests msg;
	size_t length;
	int rc;

	if (spdm_decode_digests(&msg, data, size, sizes->hash))
		return;
	if (msg.size > size ||
	    !fuzz_span_inside(data, size, msg.digests,
			      msg.digest_count * msg.digest_size))
		abort();
	rc = spdm_encode_digests(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_certificate(const uint8_t *data, size_t size)
{
	struct spdm_certificate msg;
	size_t length;
	int rc;

	if (spdm_decode_certificate(&msg, data, size))
		return;
	if (msg.size > size ||
	    !fuzz_span_inside(data, size, msg.portion, msg.portion_length))
		abort();
	rc = spdm_encode_certificate(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_challenge_auth(const uint8_t *data, size_t size,
				const struct fuzz_codec_sizes *sizes,
				bool summary)
{
	struct spdm_challenge_auth msg;
	size_t length;
	int rc;

	if (spdm_decode_challenge_auth(&msg, data, size, sizes->hash, summary,
				       sizes->signature))
		return;
	if (msg.size > size || msg.signed_size > msg.size ||
	    !fuzz_span_inside(data, size, msg.signature, msg.signature_size))
		abort();
	rc =
	    spdm_encode_challenge_auth(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_measurements(const uint8_t *data, size_t size,
			      const struct fuzz_codec_sizes *sizes)
{
	struct spdm_measurements msg;
	size_t length;
	int rc;

	if (spdm_decode_measurements(&msg, data, size, sizes->signature))
		return;
	if (msg.size > size || msg.signed_size > msg.size ||
	    !fuzz_span_inside(data, size, msg.record, msg.record_length))
		abort();
	rc = spdm_encode_measurements(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_error(const uint8_t *data, size_t size)
{
	struct spdm_response_not_ready rnr;
	struct spdm_error msg;
	size_t length;
	int rc;

	if (spdm_decode_error(&msg, data, size))
		return;
	if (msg.ext_length > SPDM_MAX_ERROR_EXT_DATA)
		abort();
	spdm_decode_response_not_ready(&rnr, &msg);
	rc = spdm_encode_error(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

static void fuzz_chunk_response(const uint8_t *data, size_t size)
{
	struct spdm_chunk_response msg;
	size_t length;
	int rc;

	if (spdm_decode_chunk_response(&msg, data, size))
		return;
	if (msg.size > size ||
	    !fuzz_span_inside(data, size, msg.chunk, msg.chunk_size))
		abort();
	rc =
	    spdm_encode_chunk_response(&msg, encoded, sizeof(encoded), &length);
	check_encoded(rc, length, msg.size);
}

/* Requests, as a responder decodes them. */
static void fuzz_requests(const uint8_t *data, size_t size)
{
	struct spdm_get_version get_version;
	struct spdm_get_digests get_digests;
	struct spdm_get_certificate get_certificate;
	struct spdm_challenge challenge;
	struct spdm_get_measurements get_measurements;
	struct spdm_respond_if_ready respond_if_ready;
	struct spdm_chunk_get chunk_get;
	struct spdm_header header;
	size_t length;

	spdm_decode_header(&header, data, size);
	if (!spdm_decode_get_version(&get_version, data, size))
		spdm_encode_get_version(&get_version, encoded, sizeof(encoded),
					&length);
	if (!spdm_decode_get_digests(&get_digests, data, size))
		spdm_encode_get_digests(&get_digests, encoded, sizeof(encoded),
					&length);
	if (!spdm_decode_get_certificate(&get_certificate, data, size))
		spdm_encode_get_certificate(&get_certificate, encoded,
					    sizeof(encoded), &length);
	if (!spdm_decode_challenge(&challenge, data, size))
		spdm_encode_challenge(&challenge, encoded, sizeof(encoded),
				      &length);
	if (!spdm_decode_get_measurements(&get_measurements, data, size))
		spdm_encode_get_measurements(&get_measurements, encoded,
					     sizeof(encoded), &length);
	if (!spdm_decode_respond_if_ready(&respond_if_ready, data, size))
		spdm_encode_respond_if_ready(&respond_if_ready, encoded,
					     sizeof(encoded), &length);
	if (!spdm_decode_chunk_get(&chunk_get, data, size))
		spdm_encode_chunk_get(&chunk_get, encoded, sizeof(encoded),
				      &length);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_codec_sizes *sizes;
	uint8_t selector;

	if (size < 1)
		return 0;
	selector = data[0];
	sizes = &fuzz_codec_sizes[selector >> 5];
	data++;
	size--;

	switch ((selector & 0x1f) % FUZZ_CODEC_COUNT) {
	case FUZZ_CODEC_VERSION:
		fuzz_version(data, size);
		break;
	case FUZZ_CODEC_GET_CAPABILITIES:
		fuzz_get_capabilities(data, size);
		break;
	case FUZZ_CODEC_CAPABILITIES:
		fuzz_capabilities(data, size);
		break;
	case FUZZ_CODEC_NEGOTIATE_ALGORITHMS:
		fuzz_negotiate_algorithms(data, size);
		break;
	case FUZZ_CODEC_ALGORITHMS:
		fuzz_algorithms(data, size);
		break;
	case FUZZ_CODEC_DIGESTS:
		fuzz_digests(data, size, sizes);
		break;
	case FUZZ_CODEC_CERTIFICATE:
		fuzz_certificate(data, size);
		break;
	case FUZZ_CODEC_CHALLENGE_AUTH:
		fuzz_challenge_auth(data, size, sizes, false);
		break;
	case FUZZ_CODEC_CHALLENGE_AUTH_SUMMARY:
		fuzz_challenge_auth(data, size, sizes, true);
		break;
	case FUZZ_CODEC_MEASUREMENTS:
		fuzz_measurements(data, size, sizes);
		break;
	case FUZZ_CODEC_ERROR_OR_CHUNK:
		fuzz_error(data, size);
		fuzz_chunk_response(data, size);
		break;
	default:
		fuzz_requests(data, size);
		break;
	}
	return 0;
}
