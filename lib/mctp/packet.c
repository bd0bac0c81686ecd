// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <string.h>

#include <mctp/packet.h>

/* DSP0236 transport header, byte 3: SOM, EOM, sequence [5:4], TO, tag. */
#define FLAG_START_OF_MESSAGE 0x80
#define FLAG_END_OF_MESSAGE   0x40
#define SEQUENCE_SHIFT	      4
#define FLAG_TAG_OWNER	      0x08

int mctp_packet_header_encode(const struct mctp_packet_header *header,
			      uint8_t *out, size_t capacity)
{
	uint8_t flags;

	if (header->sequence > MCTP_PACKET_SEQUENCE_MASK ||
	    header->tag > MCTP_PACKET_TAG_MASK)
		return -EINVAL;
	if (capacity < MCTP_PACKET_HEADER_SIZE)
		return -EOVERFLOW;

	flags = (uint8_t)(header->sequence << SEQUENCE_SHIFT) | header->tag;
	if (header->start_of_message)
		flags |= FLAG_START_OF_MESSAGE;
	if (header->end_of_message)
		flags |= FLAG_END_OF_MESSAGE;
	if (header->tag_owner)
		flags |= FLAG_TAG_OWNER;

	out[0] = MCTP_HEADER_VERSION;
	out[1] = header->destination_eid;
	out[2] = header->source_eid;
	out[3] = flags;
	return 0;
}

int mctp_packet_header_decode(const uint8_t *packet, size_t length,
			      struct mctp_packet_header *header)
{
	uint8_t flags;

	if (length < MCTP_PACKET_HEADER_SIZE)
		return -EBADMSG;
	/* Bits [7:4] of byte 0 are reserved; only the version is checked. */
	if ((packet[0] & 0x0f) != MCTP_HEADER_VERSION)
		return -EPROTO;

	flags = packet[3];
	header->destination_eid = packet[1];
	header->source_eid = packet[2];
	header->start_of_message = flags & FLAG_START_OF_MESSAGE;
	header->end_of_message = flags & FLAG_END_OF_MESSAGE;
	header->sequence =
	    (flags >> SEQUENCE_SHIFT) & MCTP_PACKET_SEQUENCE_MASK;
	header->tag_owner = flags & FLAG_TAG_OWNER;
	header->tag = flags & MCTP_PACKET_TAG_MASK;
	return 0;
}

int mctp_fragmenter_init(struct mctp_fragmenter *fragmenter,
			 const struct mctp_packet_header *header,
			 const uint8_t *message, size_t length)
{
	if (!message || length == 0 || header->tag > MCTP_PACKET_TAG_MASK)
		return -EINVAL;

	fragmenter->header = *header;
	fragmenter->header.sequence = 0;
	fragmenter->message = message;
	fragmenter->length = length;
	fragmenter->offset = 0;
	return 0;
}

int mctp_fragmenter_next(struct mctp_fragmenter *fragmenter, uint8_t *out,
			 size_t capacity)
{
	struct mctp_packet_header *header = &fragmenter->header;
	size_t remaining = fragmenter->length - fragmenter->offset;
	size_t payload = remaining;
	int ret;

	if (remaining == 0)
		return 0;
	if (payload > MCTP_BASELINE_PAYLOAD)
		payload = MCTP_BASELINE_PAYLOAD;
	if (capacity < MCTP_PACKET_HEADER_SIZE + payload)
		return -EOVERFLOW;

	header->start_of_message = fragmenter->offset == 0;
	header->end_of_message = payload == remaining;
	ret = mctp_packet_header_encode(header, out, capacity);
	if (ret < 0)
		return ret;
	memcpy(out + MCTP_PACKET_HEADER_SIZE,
	       fragmenter->message + fragmenter->offset, payload);

	/* DSP0236: the sequence number counts packets modulo 4. */
	fragmenter->offset += payload;
	header->sequence = (header->sequence + 1) & MCTP_PACKET_SEQUENCE_MASK;
	return (int)(MCTP_PACKET_HEADER_SIZE + payload);
}
