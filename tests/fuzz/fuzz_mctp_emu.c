// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the spdm-emu TCP stream decoder. The input is cut into reads of
 * varying sizes (the first byte seeds the cut sizes), as a socket would
 * deliver it, and decoded into frames.
 */
#include <stdlib.h>

#include <mctp/emu.h>
#include <mctp/link.h>

#include "fuzz_common.h"

static uint8_t payload[MCTP_LINK_MAX_MESSAGE + 1];

static int feed(struct mctp_emu_decoder *decoder, const uint8_t *data,
		size_t size)
{
	while (size > 0) {
		size_t consumed = 0;
		int rc = mctp_emu_decoder_feed(decoder, data, size, &consumed);

		if (rc < 0)
			return rc;
		if (consumed > size || (rc == 0 && consumed != size))
			abort();
		if (rc == 1 && (decoder->header.payload_size > sizeof(payload)))
			abort();
		data += consumed;
		size -= consumed;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mctp_emu_decoder decoder;
	unsigned int cut;

	if (size < 1)
		return 0;
	cut = data[0] % 17 + 1;
	data++;
	size--;

	mctp_emu_decoder_init(&decoder, payload, sizeof(payload));
	while (size > 0) {
		size_t part = size < cut ? size : cut;

		if (feed(&decoder, data, part) < 0)
			return 0;
		data += part;
		size -= part;
		cut = cut * 5 % 23 + 1;
	}
	return 0;
}
