// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes MCTP reassembly with an arbitrary sequence of packets.
 *
 * Input: one byte selecting the maximum message size (the link's
 * MCTP_LINK_MAX_MESSAGE, or a small one so the cap is reached often),
 * then packets, each a one-byte length and that many bytes.
 */
#include <stdlib.h>

#include <mctp/link.h>
#include <mctp/packet.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mctp_reassembler reassembler;
	struct mctp_message message;
	size_t max_message;
	size_t offset = 1;

	if (size < 1)
		return 0;
	max_message = (data[0] & 1) ? 200 : MCTP_LINK_MAX_MESSAGE;
	mctp_reassembler_init(&reassembler, max_message);

	while (offset < size) {
		size_t length = data[offset++];
		int rc;

		if (length > size - offset)
			length = size - offset;
		rc = mctp_reassembler_push(&reassembler, data + offset, length,
					   &message);
		offset += length;
		if (rc < 0)
			abort();
		if (rc == 1 &&
		    (message.length == 0 || message.length > max_message ||
		     message.tag > MCTP_PACKET_TAG_MASK || !message.data))
			abort();
	}
	mctp_reassembler_reset(&reassembler);
	return 0;
}
