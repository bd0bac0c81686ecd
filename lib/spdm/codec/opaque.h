/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * OpaqueLength, OpaqueData and Signature: the fields that end both
 * CHALLENGE_AUTH and MEASUREMENTS in DSP0274 1.0, 1.1 and 1.2. Private to
 * lib/spdm/codec.
 */
#ifndef SPDM_CODEC_OPAQUE_H
#define SPDM_CODEC_OPAQUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/cursor.h>

/*
 * Returns whether OpaqueLength and OpaqueData of a message to encode are
 * valid: at most SPDM_MAX_OPAQUE_SIZE bytes, with data unless empty.
 */
bool spdm_codec_opaque_valid(uint16_t opaque_length,
			     const uint8_t *opaque_data);

/*
 * Writes OpaqueLength, OpaqueData and Signature. A NULL signature writes
 * signature_size zeroes for the caller to sign in place.
 */
void spdm_codec_write_opaque_and_signature(struct spdm_writer *w,
					   uint16_t opaque_length,
					   const uint8_t *opaque_data,
					   const uint8_t *signature,
					   size_t signature_size);

/*
 * Reads OpaqueLength and points *opaque_data at OpaqueData. Returns 0,
 * -EOVERFLOW when OpaqueLength or an earlier field ran past the buffer,
 * or -EPROTO when OpaqueLength is over SPDM_MAX_OPAQUE_SIZE.
 */
int spdm_codec_read_opaque(struct spdm_reader *r, uint16_t *opaque_length,
			   const uint8_t **opaque_data);

#endif /* SPDM_CODEC_OPAQUE_H */
