// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the MCTP serial deframer with an arbitrary byte stream. Every
 * packet it accepts must fit the receive limit, and framing that packet
 * again and deframing it must give the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <mctp/serial.h>

#include "fuzz_common.h"

static void check_reframe(const uint8_t *packet, size_t length)
{
	struct mctp_serial_decoder decoder;
	uint8_t frame[MCTP_SERIAL_MAX_FRAME];
	const uint8_t *again = NULL;
	size_t again_length = 0;
	int frame_length;
	int found = 0;

	/* Packets above the transmit size are accepted but never sent. */
	if (length > MCTP_SERIAL_TX_MAX_PACKET)
		return;
	frame_length = mctp_serial_encode(packet, length, frame, sizeof(frame));
	if (frame_length <= 0 || (size_t)frame_length > sizeof(frame))
		abort();
	mctp_serial_decoder_init(&decoder);
	for (int i = 0; i < frame_length; i++)
		found += mctp_serial_decoder_push(&decoder, frame[i], &again,
						  &again_length);
	if (found != 1 || again_length != length ||
	    memcmp(again, packet, length))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mctp_serial_decoder decoder;
	uint8_t copy[MCTP_SERIAL_RX_MAX_PACKET];
	const uint8_t *packet;
	size_t length;

	mctp_serial_decoder_init(&decoder);
	for (size_t i = 0; i < size; i++) {
		if (mctp_serial_decoder_push(&decoder, data[i], &packet,
					     &length) != 1)
			continue;
		if (length == 0 || length > MCTP_SERIAL_RX_MAX_PACKET)
			abort();
		/* The packet lives in the decoder, which the check reuses. */
		memcpy(copy, packet, length);
		check_reframe(copy, length);
	}
	if (decoder.stats.fcs_errors > decoder.stats.frames_dropped)
		abort();
	return 0;
}
