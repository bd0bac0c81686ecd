/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the message codecs: the 4-byte SPDM header and the
 * version checks every codec makes. Private to lib/spdm/codec.
 */
#ifndef SPDM_CODEC_HEADER_H
#define SPDM_CODEC_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/cursor.h>
#include <spdm/messages.h>

/* Returns true for the SPDMVersion bytes whose layouts we know (1.0-1.2). */
bool spdm_codec_version_known(uint8_t version);

/*
 * Reads the header of a message that must have the given code. Returns 0,
 * -EOVERFLOW when fewer than 4 bytes are present, -EBADMSG for another
 * code and -EPROTO for a version byte we have no layout for.
 */
int spdm_codec_read_header(struct spdm_reader *r, struct spdm_header *header,
			   uint8_t code);

/* As spdm_codec_read_header(), for GET_VERSION and VERSION (always 0x10). */
int spdm_codec_read_version_header(struct spdm_reader *r,
				   struct spdm_header *header, uint8_t code);

/* Writes the header with the given code; -EINVAL for an unknown version. */
int spdm_codec_write_header(struct spdm_writer *w,
			    const struct spdm_header *header, uint8_t code);

/*
 * Encodes a message that is only the header, such as GET_DIGESTS. Returns
 * 0, -EINVAL for a NULL length or an unknown version, or -EOVERFLOW.
 */
int spdm_codec_encode_header_only(const struct spdm_header *header,
				  uint8_t code, uint8_t *buf, size_t cap,
				  size_t *length);

/*
 * Decodes a message that is only the header, with the results of
 * spdm_codec_read_header(), and stores its size (4) in *size.
 */
int spdm_codec_decode_header_only(struct spdm_header *header, size_t *size,
				  uint8_t code, const uint8_t *buf,
				  size_t length);

/*
 * Ends a decode: -EOVERFLOW if a read ran past the buffer, else stores the
 * bytes read in *size. Bytes after them are ignored, because a message
 * enters a transcript at its defined size.
 */
int spdm_codec_finish_decode(const struct spdm_reader *r, size_t *size);

/* Returns the number of bits set in value. */
unsigned int spdm_codec_popcount(uint32_t value);

#endif /* SPDM_CODEC_HEADER_H */
