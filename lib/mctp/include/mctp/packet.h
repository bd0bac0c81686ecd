/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MCTP packets (DSP0236, the MCTP base specification): the 4-byte transport
 * header, fragmentation of a message into packets and reassembly of
 * packets into messages. Pure functions without I/O.
 *
 * A message here is an MCTP message: the message type byte followed by the
 * message body (for SPDM, 0x05 and the SPDM message).
 */
#ifndef MCTP_PACKET_H
#define MCTP_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* DSP0236 transport header: header version 0001b in bits [3:0] of byte 0. */
#define MCTP_HEADER_VERSION	0x01
#define MCTP_PACKET_HEADER_SIZE 4
/* DSP0236 baseline transmission unit: payload bytes every link carries. */
#define MCTP_BASELINE_PAYLOAD	  64
#define MCTP_PACKET_MAX_SIZE	  (MCTP_PACKET_HEADER_SIZE + MCTP_BASELINE_PAYLOAD)
#define MCTP_PACKET_SEQUENCE_MASK 0x03
#define MCTP_PACKET_TAG_MASK	  0x07

/* DSP0239 message type codes, carried in the first message byte. */
#define MCTP_MESSAGE_TYPE_SPDM	  0x05
#define MCTP_MESSAGE_TYPE_SECURED 0x06
/* DSP0236: bit 7 of the type byte is IC (integrity check present). */
#define MCTP_MESSAGE_TYPE_IC 0x80

/* Partial messages a reassembler keeps at once. */
#define MCTP_REASSEMBLY_CONTEXTS 16

struct mctp_packet_header {
	uint8_t destination_eid;
	uint8_t source_eid;
	bool start_of_message;
	bool end_of_message;
	uint8_t sequence; /* packet sequence number, 0-3 */
	bool tag_owner;
	uint8_t tag; /* message tag, 0-7 */
};

/*
 * Writes the 4-byte header to out. Returns 0, -EINVAL for a sequence
 * number above 3 or a tag above 7, or -EOVERFLOW when capacity is short.
 */
int mctp_packet_header_encode(const struct mctp_packet_header *header,
			      uint8_t *out, size_t capacity);

/*
 * Parses the header at the start of packet. Returns 0, -EBADMSG when the
 * packet is shorter than a header, or -EPROTO for a header version other
 * than 1 (only bits [3:0] are compared, as newer Linux kernels do).
 */
int mctp_packet_header_decode(const uint8_t *packet, size_t length,
			      struct mctp_packet_header *header);

/* Splits one message into packets of at most MCTP_BASELINE_PAYLOAD bytes. */
struct mctp_fragmenter {
	struct mctp_packet_header header;
	const uint8_t *message;
	size_t length;
	size_t offset;
};

/*
 * Prepares to fragment message, which must stay valid until the last
 * packet is written. The addresses, tag owner bit and tag come from
 * header; SOM, EOM and the sequence number are set per packet, starting at
 * sequence 0. Returns 0, or -EINVAL for an empty message or a bad tag.
 */
int mctp_fragmenter_init(struct mctp_fragmenter *fragmenter,
			 const struct mctp_packet_header *header,
			 const uint8_t *message, size_t length);

/*
 * Writes the next packet to out. Every packet except the last carries
 * exactly MCTP_BASELINE_PAYLOAD bytes. Returns the packet length, 0 when
 * the whole message has been written, or -EOVERFLOW when capacity is
 * short (the fragmenter does not advance).
 */
int mctp_fragmenter_next(struct mctp_fragmenter *fragmenter, uint8_t *out,
			 size_t capacity);

/* A reassembled message. data stays valid until the next reassembler call. */
struct mctp_message {
	uint8_t source_eid;
	uint8_t destination_eid;
	bool tag_owner;
	uint8_t tag;
	const uint8_t *data;
	size_t length;
};

struct mctp_reassembly_context {
	bool active;
	uint8_t source_eid;
	uint8_t destination_eid;
	bool tag_owner;
	uint8_t tag;
	uint8_t next_sequence;
	uint64_t last_used;
	uint8_t *data;
	size_t length;
	size_t capacity;
};

struct mctp_reassembler_stats {
	/* Malformed packets and packets that fit no message in progress. */
	uint64_t packets_dropped;
	/* Partial messages given up: sequence gap, restart, oversize, evicted.
	 */
	uint64_t messages_dropped;
};

/*
 * Reassembles messages keyed by source EID, destination EID, tag owner bit
 * and tag, as Linux does. The first packet's sequence number is taken as
 * is and each next one must be one more modulo 4, else the message is
 * dropped. A new SOM for a key restarts that message. When all contexts
 * are busy, a new message evicts the least recently used one.
 */
struct mctp_reassembler {
	struct mctp_reassembly_context contexts[MCTP_REASSEMBLY_CONTEXTS];
	size_t max_message;
	uint64_t clock;
	struct mctp_reassembler_stats stats;
};

/* Messages longer than max_message bytes (type byte included) are dropped. */
void mctp_reassembler_init(struct mctp_reassembler *reassembler,
			   size_t max_message);
/* Drops every partial message and frees the buffers. */
void mctp_reassembler_reset(struct mctp_reassembler *reassembler);
/*
 * Frees the buffers of contexts with no message in progress, which also
 * ends the life of the last message returned. Partial messages stay.
 */
void mctp_reassembler_trim(struct mctp_reassembler *reassembler);

/*
 * Adds one packet. Returns 1 and fills *message when the packet completes
 * a message, 0 when the message is still partial or the packet was
 * dropped (counted in stats), or -ENOMEM.
 */
int mctp_reassembler_push(struct mctp_reassembler *reassembler,
			  const uint8_t *packet, size_t length,
			  struct mctp_message *message);

#endif /* MCTP_PACKET_H */
