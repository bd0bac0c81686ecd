// SPDX-License-Identifier: BSD-3-Clause
/* The opaque data and signature that end CHALLENGE_AUTH and MEASUREMENTS. */
#include <errno.h>

#include <spdm/messages.h>

#include "opaque.h"

bool spdm_codec_opaque_valid(uint16_t opaque_length,
			     const uint8_t *opaque_data)
{
	/*
	 * DSP0274 1.2 CHALLENGE_AUTH and MEASUREMENTS: OpaqueLength is at
	 * most 1024. libspdm applies the bound to 1.0 and 1.1 as well.
	 */
	if (opaque_length > SPDM_MAX_OPAQUE_SIZE)
		return false;
	return !opaque_length || opaque_data;
}

void spdm_codec_write_opaque_and_signature(struct spdm_writer *w,
					   uint16_t opaque_length,
					   const uint8_t *opaque_data,
					   const uint8_t *signature,
					   size_t signature_size)
{
	spdm_write_u16(w, opaque_length);
	spdm_write_bytes(w, opaque_data, opaque_length);
	if (signature)
		spdm_write_bytes(w, signature, signature_size);
	else
		spdm_write_zeroes(w, signature_size);
}

int spdm_codec_read_opaque(struct spdm_reader *r, uint16_t *opaque_length,
			   const uint8_t **opaque_data)
{
	*opaque_length = spdm_read_u16(r);
	if (spdm_reader_status(r))
		return -EOVERFLOW;
	if (*opaque_length > SPDM_MAX_OPAQUE_SIZE)
		return -EPROTO;

	*opaque_data = spdm_read_span(r, *opaque_length);
	return 0;
}
