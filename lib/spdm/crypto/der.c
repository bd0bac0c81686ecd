// SPDX-License-Identifier: BSD-3-Clause
/*
 * Splitting concatenated DER certificates by their outer SEQUENCE length
 * (ITU-T X.690 section 8.1.3), before any of them is parsed.
 */
#include <errno.h>

#include "cert_internal.h"

#define DER_TAG_SEQUENCE 0x30
#define DER_LENGTH_LONG_FORM 0x80
/* Four length bytes already describe far more than a 64 KiB slot object. */
#define DER_MAX_LENGTH_BYTES 4

static int read_length(struct spdm_reader *r, size_t *length)
{
	uint8_t first = spdm_read_u8(r);
	size_t count = first & ~DER_LENGTH_LONG_FORM;
	size_t value = 0;

	if (!(first & DER_LENGTH_LONG_FORM)) {
		*length = first;
		return spdm_reader_status(r) ? -EBADMSG : 0;
	}
	/* 0x80 is the indefinite length, which DER forbids. */
	if (count == 0 || count > DER_MAX_LENGTH_BYTES)
		return -EBADMSG;
	for (size_t i = 0; i < count; i++)
		value = value << 8 | spdm_read_u8(r);
	if (spdm_reader_status(r))
		return -EBADMSG;
	/* DER uses the fewest length bytes possible. */
	if (value < DER_LENGTH_LONG_FORM || value >> (8 * (count - 1)) == 0)
		return -EBADMSG;
	*length = value;
	return 0;
}

int spdm_der_read_sequence(struct spdm_reader *r, const uint8_t **der,
			   size_t *size)
{
	size_t start = r->offset;
	size_t length;

	if (spdm_read_u8(r) != DER_TAG_SEQUENCE || spdm_reader_status(r))
		return -EBADMSG;
	if (read_length(r, &length) < 0)
		return -EBADMSG;
	if (!spdm_read_span(r, length))
		return -EBADMSG;

	*der = r->data + start;
	*size = r->offset - start;
	return 0;
}
