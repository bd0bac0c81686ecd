// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <mctp/serial.h>

/* x^16 + x^12 + x^5 + 1, bit-reversed for LSB-first processing. */
#define FCS_POLYNOMIAL_REFLECTED 0x8408

uint16_t mctp_serial_fcs(uint16_t fcs, const uint8_t *data, size_t length)
{
	size_t i;
	int bit;

	for (i = 0; i < length; i++) {
		fcs ^= data[i];
		for (bit = 0; bit < 8; bit++) {
			if (fcs & 1)
				fcs = (fcs >> 1) ^ FCS_POLYNOMIAL_REFLECTED;
			else
				fcs >>= 1;
		}
	}
	return fcs;
}

static bool needs_escape(uint8_t byte)
{
	return byte == MCTP_SERIAL_FLAG || byte == MCTP_SERIAL_ESCAPE;
}

static size_t escaped_length(const uint8_t *packet, size_t length)
{
	size_t total = length;
	size_t i;

	for (i = 0; i < length; i++) {
		if (needs_escape(packet[i]))
			total++;
	}
	return total;
}

int mctp_serial_encode(const uint8_t *packet, size_t length, uint8_t *frame,
		       size_t capacity)
{
	uint8_t header[2] = {MCTP_SERIAL_REVISION, (uint8_t)length};
	size_t position = 0;
	uint16_t fcs;
	size_t i;

	if (length == 0 || length > MCTP_SERIAL_TX_MAX_PACKET)
		return -EINVAL;
	/* Flag, revision, LEN, packet, two FCS bytes, flag. */
	if (capacity < escaped_length(packet, length) + 6)
		return -EOVERFLOW;

	fcs = mctp_serial_fcs(MCTP_SERIAL_FCS_INIT, header, sizeof(header));
	fcs = mctp_serial_fcs(fcs, packet, length);

	frame[position++] = MCTP_SERIAL_FLAG;
	frame[position++] = header[0];
	frame[position++] = header[1];
	for (i = 0; i < length; i++) {
		if (needs_escape(packet[i])) {
			frame[position++] = MCTP_SERIAL_ESCAPE;
			frame[position++] = packet[i] ^ MCTP_SERIAL_ESCAPE_XOR;
		} else {
			frame[position++] = packet[i];
		}
	}
	frame[position++] = (uint8_t)(fcs >> 8);
	frame[position++] = (uint8_t)(fcs & 0xff);
	frame[position++] = MCTP_SERIAL_FLAG;
	return (int)position;
}

void mctp_serial_decoder_init(struct mctp_serial_decoder *decoder)
{
	memset(decoder, 0, sizeof(*decoder));
	decoder->state = MCTP_SERIAL_RX_IDLE;
}

static void enter_error(struct mctp_serial_decoder *decoder)
{
	decoder->stats.frames_dropped++;
	decoder->state = MCTP_SERIAL_RX_ERROR;
}

/* Opening flag, revision and LEN, with position counting header bytes. */
static void push_header(struct mctp_serial_decoder *decoder, uint8_t byte)
{
	switch (decoder->position) {
	case 0:
		if (byte != MCTP_SERIAL_FLAG) {
			enter_error(decoder);
			return;
		}
		break;
	case 1:
		if (byte != MCTP_SERIAL_REVISION) {
			enter_error(decoder);
			return;
		}
		decoder->fcs = mctp_serial_fcs(MCTP_SERIAL_FCS_INIT, &byte, 1);
		break;
	default:
		/* LEN 0 can never complete a frame, so it is rejected too. */
		if (byte == 0 || byte > MCTP_SERIAL_RX_MAX_PACKET) {
			enter_error(decoder);
			return;
		}
		decoder->fcs = mctp_serial_fcs(decoder->fcs, &byte, 1);
		decoder->length = byte;
		decoder->position = 0;
		decoder->state = MCTP_SERIAL_RX_DATA;
		return;
	}
	decoder->position++;
}

/* Packet bytes. As in Linux, a raw 7E inside the packet is taken as data. */
static void push_data(struct mctp_serial_decoder *decoder, uint8_t byte)
{
	if (decoder->state == MCTP_SERIAL_RX_DATA &&
	    byte == MCTP_SERIAL_ESCAPE) {
		decoder->state = MCTP_SERIAL_RX_ESCAPE;
		return;
	}
	if (decoder->state == MCTP_SERIAL_RX_ESCAPE)
		byte |= MCTP_SERIAL_ESCAPE_XOR;

	decoder->fcs = mctp_serial_fcs(decoder->fcs, &byte, 1);
	decoder->packet[decoder->position++] = byte;
	decoder->state = MCTP_SERIAL_RX_DATA;
	if (decoder->position == decoder->length) {
		decoder->position = 0;
		decoder->state = MCTP_SERIAL_RX_TRAILER;
	}
}

/* FCS high, FCS low (both raw) and the closing flag. */
static int push_trailer(struct mctp_serial_decoder *decoder, uint8_t byte)
{
	switch (decoder->position++) {
	case 0:
		decoder->fcs_received = (uint16_t)(byte << 8);
		return 0;
	case 1:
		decoder->fcs_received |= byte;
		return 0;
	default:
		break;
	}

	if (byte != MCTP_SERIAL_FLAG) {
		enter_error(decoder);
		return 0;
	}
	decoder->state = MCTP_SERIAL_RX_IDLE;
	decoder->position = 0;
	if (decoder->fcs_received != decoder->fcs) {
		decoder->stats.frames_dropped++;
		decoder->stats.fcs_errors++;
		return 0;
	}
	decoder->stats.frames_received++;
	return 1;
}

int mctp_serial_decoder_push(struct mctp_serial_decoder *decoder, uint8_t byte,
			     const uint8_t **packet, size_t *length)
{
	switch (decoder->state) {
	case MCTP_SERIAL_RX_IDLE:
		decoder->state = MCTP_SERIAL_RX_HEADER;
		decoder->position = 0;
		push_header(decoder, byte);
		return 0;
	case MCTP_SERIAL_RX_HEADER:
		push_header(decoder, byte);
		return 0;
	case MCTP_SERIAL_RX_DATA:
	case MCTP_SERIAL_RX_ESCAPE:
		push_data(decoder, byte);
		return 0;
	case MCTP_SERIAL_RX_TRAILER:
		if (push_trailer(decoder, byte) == 0)
			return 0;
		*packet = decoder->packet;
		*length = decoder->length;
		return 1;
	case MCTP_SERIAL_RX_ERROR:
		if (byte == MCTP_SERIAL_FLAG)
			decoder->state = MCTP_SERIAL_RX_IDLE;
		return 0;
	}
	return 0;
}
