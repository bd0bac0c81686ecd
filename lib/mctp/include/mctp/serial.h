/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MCTP serial framing (DSP0253) byte for byte as the Linux mctp-serial
 * driver and libmctp send and accept it:
 *
 *   7E | revision 01 | LEN | packet, escaped | FCS high | FCS low | 7E
 *
 * LEN counts the unescaped packet bytes. Only packet bytes are escaped
 * (7E as 7D 5E, 7D as 7D 5D); revision, LEN and FCS are sent raw. The FCS
 * is CRC-16 with the reflected polynomial 0x8408, initial value 0xFFFF and
 * no final complement, over revision, LEN and the unescaped packet, sent
 * most significant byte first.
 */
#ifndef MCTP_SERIAL_H
#define MCTP_SERIAL_H

#include <stddef.h>
#include <stdint.h>

#define MCTP_SERIAL_REVISION 0x01
#define MCTP_SERIAL_FLAG     0x7e
#define MCTP_SERIAL_ESCAPE   0x7d
/* An escaped byte is sent as 7D followed by the byte XOR 0x20. */
#define MCTP_SERIAL_ESCAPE_XOR 0x20
#define MCTP_SERIAL_FCS_INIT   0xffff
/* Largest packet sent: the 64-byte baseline unit plus the MCTP header. */
#define MCTP_SERIAL_TX_MAX_PACKET 68
/* Largest LEN accepted, as in Linux (MCTP_SERIAL_FRAME_MTU). */
#define MCTP_SERIAL_RX_MAX_PACKET 74
/* Worst case on the wire: every packet byte escaped. */
#define MCTP_SERIAL_MAX_FRAME (6 + 2 * MCTP_SERIAL_TX_MAX_PACKET)

/* Continues the FCS over data. The first call passes MCTP_SERIAL_FCS_INIT. */
uint16_t mctp_serial_fcs(uint16_t fcs, const uint8_t *data, size_t length);

/*
 * Frames one packet of 1 to MCTP_SERIAL_TX_MAX_PACKET bytes. Returns the
 * frame length, -EINVAL for a packet of another size, or -EOVERFLOW when
 * capacity is short (MCTP_SERIAL_MAX_FRAME always suffices).
 */
int mctp_serial_encode(const uint8_t *packet, size_t length, uint8_t *frame,
		       size_t capacity);

enum mctp_serial_rx_state {
	MCTP_SERIAL_RX_IDLE,
	MCTP_SERIAL_RX_HEADER,
	MCTP_SERIAL_RX_DATA,
	MCTP_SERIAL_RX_ESCAPE,
	MCTP_SERIAL_RX_TRAILER,
	/* Discards bytes until a 7E, which it consumes. */
	MCTP_SERIAL_RX_ERROR,
};

struct mctp_serial_stats {
	uint64_t frames_received;
	/* Bad FCS, revision, LEN or trailer, and runs of bytes between frames.
	 */
	uint64_t frames_dropped;
	/* The subset of frames_dropped with a bad FCS. */
	uint64_t fcs_errors;
};

/*
 * Receive state machine fed one byte at a time. As in Linux, any byte but
 * 7E between frames enters the error state, whose closing 7E is the flag
 * that would have opened the next frame, so noise costs that frame.
 */
struct mctp_serial_decoder {
	enum mctp_serial_rx_state state;
	size_t position;
	size_t length;
	uint16_t fcs;
	uint16_t fcs_received;
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	struct mctp_serial_stats stats;
};

void mctp_serial_decoder_init(struct mctp_serial_decoder *decoder);

/*
 * Feeds one byte. Returns 1 and points *packet and *length at the packet
 * when byte closes a valid frame, else 0. The packet stays valid until the
 * next call.
 */
int mctp_serial_decoder_push(struct mctp_serial_decoder *decoder, uint8_t byte,
			     const uint8_t **packet, size_t *length);

#endif /* MCTP_SERIAL_H */
