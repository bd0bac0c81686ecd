/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device end of an MCTP serial link, for tests that check what the
 * Linux mctp-serial driver sends. It decodes every frame and reassembles
 * the packets, so a test sees the MCTP header and the whole message,
 * message type byte included.
 */
#ifndef UML_SERIAL_PEER_H
#define UML_SERIAL_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mctp/packet.h>
#include <mctp/serial.h>

/* Largest message a test sends or reassembles, type byte included. */
#define PEER_MAX_MESSAGE 4096

struct serial_peer {
	int fd;
	uint8_t eid;
	struct mctp_serial_decoder decoder;
};

/* An MCTP message as it crossed the wire: type byte, then the body. */
struct peer_message {
	struct mctp_packet_header header; /* of the first packet */
	size_t packet_count;
	size_t length;
	uint8_t data[PEER_MAX_MESSAGE];
};

/* Opens the pty slave at path in raw mode, as the device with eid. */
int serial_peer_open(struct serial_peer *peer, const char *path, uint8_t eid);
void serial_peer_close(struct serial_peer *peer);

/*
 * Reads one whole message (SOM to EOM, in sequence) within timeout_ms.
 * Returns 0, -ETIMEDOUT, or -EPROTO when the packets do not form one
 * message.
 */
int serial_peer_read_message(struct serial_peer *peer,
			     struct peer_message *message, int timeout_ms);

/*
 * Sends data (type byte included) to destination as one message, split
 * into packets of MCTP_BASELINE_PAYLOAD bytes. tag_owner is false for a
 * response. Returns 0 or a negative errno.
 */
int serial_peer_send(struct serial_peer *peer, uint8_t destination,
		     bool tag_owner, uint8_t tag, const uint8_t *data,
		     size_t length);

#endif /* UML_SERIAL_PEER_H */
