/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The TCP socket protocol between DMTF spdm-emu's spdm_requester_emu and
 * spdm_responder_emu. Every frame is a 12-byte header of three big-endian
 * 32-bit fields (command, transport type, payload size) and the payload.
 * With the MCTP transport the payload of a NORMAL frame is the MCTP message
 * type byte and the SPDM message, without MCTP packet headers.
 */
#ifndef MCTP_EMU_H
#define MCTP_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MCTP_EMU_HEADER_SIZE 12
/* spdm-emu's port for the MCTP, PCI DOE and NONE transports. */
#define MCTP_EMU_DEFAULT_PORT	2323
#define MCTP_EMU_TRANSPORT_NONE 0
#define MCTP_EMU_TRANSPORT_MCTP 1

enum mctp_emu_command {
	/* Payload: one transport message. */
	MCTP_EMU_COMMAND_NORMAL = 0x0001,
	/* Hello exchange after connecting. */
	MCTP_EMU_COMMAND_TEST = 0xdead,
	/* Close this connection, keep state and accept the next one. */
	MCTP_EMU_COMMAND_CONTINUE = 0xfffd,
	/* Close the connection and stop the responder. */
	MCTP_EMU_COMMAND_SHUTDOWN = 0xfffe,
	/* The reply to a command the receiver does not recognise. */
	MCTP_EMU_COMMAND_UNKNOWN = 0xffff,
};

struct mctp_emu_header {
	uint32_t command;
	uint32_t transport_type;
	uint32_t payload_size;
};

/*
 * Writes a whole frame (header and payload) to frame. Returns the frame
 * length, -EINVAL when the payload is too large for the header field or
 * the return value, or -EOVERFLOW when capacity is short.
 */
int mctp_emu_encode(uint32_t command, uint32_t transport_type,
		    const uint8_t *payload, size_t payload_size, uint8_t *frame,
		    size_t capacity);

/* Writes a 12-byte header. Returns 0, or -EOVERFLOW when capacity is short. */
int mctp_emu_header_encode(const struct mctp_emu_header *header, uint8_t *out,
			   size_t capacity);

/* Parses a 12-byte header. Returns 0 or -EBADMSG when length is short. */
int mctp_emu_header_decode(const uint8_t *bytes, size_t length,
			   struct mctp_emu_header *header);

/* Incremental decoder for a TCP byte stream into frames. */
struct mctp_emu_decoder {
	uint8_t header_bytes[MCTP_EMU_HEADER_SIZE];
	size_t header_fill;
	struct mctp_emu_header header;
	uint8_t *payload;
	size_t capacity;
	size_t payload_fill;
	/* Set once a frame has been returned, so the next call starts anew. */
	bool complete;
};

/* Frames whose payload exceeds capacity bytes are rejected. */
void mctp_emu_decoder_init(struct mctp_emu_decoder *decoder, uint8_t *buffer,
			   size_t capacity);

/*
 * Consumes bytes from data up to the end of one frame and stores the
 * number used in *consumed. Returns 1 when a frame is complete (header in
 * decoder->header, payload in decoder->payload, valid until the next
 * call), 0 when more bytes are needed, or -EMSGSIZE when the announced
 * payload size exceeds the capacity. The stream cannot be resynchronised
 * after -EMSGSIZE, so the caller closes the connection.
 */
int mctp_emu_decoder_feed(struct mctp_emu_decoder *decoder, const uint8_t *data,
			  size_t length, size_t *consumed);

#endif /* MCTP_EMU_H */
