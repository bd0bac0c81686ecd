// SPDX-License-Identifier: BSD-3-Clause
/*
 * MCTP over DSP0253 serial framing on a stream descriptor: a tty, a pty
 * or a Unix stream socket. Messages are fragmented into baseline-sized
 * packets, framed, and reassembled on the way in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mctp/packet.h>
#include <mctp/serial.h>

#include "link_internal.h"

#define EID_COUNT 256
#define TAG_COUNT 8
/* Frames are collected up to this size before one write. */
#define WRITE_CHUNK 4096

struct framed_state {
	struct mctp_serial_decoder decoder;
	struct mctp_reassembler reassembler;
	/* Bitmap of the EIDs this link accepts packets for. */
	uint8_t local_eids[EID_COUNT / 8];
	/* Requester: the next tag to try and the tags awaiting a response,
	 * one bit each, per peer EID. */
	uint8_t next_tag[EID_COUNT];
	uint8_t outstanding_tags[EID_COUNT];
	/* Packets for another EID. */
	uint64_t packets_dropped;
	/* Messages of another type, of the wrong role or unmatched. */
	uint64_t messages_dropped;
	/*
	 * Responder: the EID each request (peer, tag) was addressed to.
	 * Requester links, one per endpoint in spdmd, leave out these 2 KiB.
	 */
	uint8_t reply_source[][TAG_COUNT];
};

static size_t reply_source_size(const struct mctp_link *link)
{
	return link->role == MCTP_LINK_RESPONDER ? EID_COUNT * TAG_COUNT : 0;
}

static bool is_local_eid(const struct framed_state *framed, uint8_t eid)
{
	return framed->local_eids[eid / 8] & (1u << (eid % 8));
}

int framed_add_local_eid(struct mctp_link *link, uint8_t eid)
{
	link->framed->local_eids[eid / 8] |= (uint8_t)(1u << (eid % 8));
	return 0;
}

static void sync_stats(struct mctp_link *link)
{
	const struct framed_state *framed = link->framed;

	link->stats.frames_received = framed->decoder.stats.frames_received;
	link->stats.frames_dropped = framed->decoder.stats.frames_dropped;
	link->stats.packets_dropped =
	    framed->packets_dropped + framed->reassembler.stats.packets_dropped;
	link->stats.messages_dropped =
	    framed->messages_dropped +
	    framed->reassembler.stats.messages_dropped;
}

/* Picks the next tag for peer that is not awaiting a response, if any. */
static uint8_t pick_tag(struct framed_state *framed, uint8_t peer_eid)
{
	uint8_t tag = framed->next_tag[peer_eid];
	int i;

	for (i = 0; i < TAG_COUNT; i++) {
		uint8_t candidate = (uint8_t)((tag + i) % TAG_COUNT);

		if (!(framed->outstanding_tags[peer_eid] & (1u << candidate))) {
			tag = candidate;
			break;
		}
	}
	framed->next_tag[peer_eid] = (uint8_t)((tag + 1) % TAG_COUNT);
	return tag;
}

/* Fragments message, frames each packet and writes the frames. */
static int write_packets(struct mctp_link *link,
			 const struct mctp_packet_header *header,
			 const uint8_t *message, size_t length)
{
	struct mctp_fragmenter fragmenter;
	uint8_t packet[MCTP_PACKET_MAX_SIZE];
	uint8_t chunk[WRITE_CHUNK];
	size_t used = 0;
	int packet_length;
	int ret;

	ret = mctp_fragmenter_init(&fragmenter, header, message, length);
	if (ret < 0)
		return ret;

	while ((packet_length = mctp_fragmenter_next(&fragmenter, packet,
						     sizeof(packet))) > 0) {
		if (sizeof(chunk) - used < MCTP_SERIAL_MAX_FRAME) {
			ret = link_write_all(link, chunk, used);
			if (ret < 0)
				return ret;
			used = 0;
		}
		ret = mctp_serial_encode(packet, (size_t)packet_length,
					 chunk + used, sizeof(chunk) - used);
		if (ret < 0)
			return ret;
		used += (size_t)ret;
	}
	if (packet_length < 0)
		return packet_length;
	return link_write_all(link, chunk, used);
}

/*
 * Prefixes the MCTP message type and writes the message. The copy is
 * sized to the message, so an idle link keeps no 64 KiB buffer.
 */
static int write_message(struct mctp_link *link,
			 const struct mctp_packet_header *header,
			 const uint8_t *message, size_t length)
{
	uint8_t *typed = malloc(1 + length);
	int ret;

	if (!typed)
		return -ENOMEM;
	typed[0] = MCTP_MESSAGE_TYPE_SPDM;
	memcpy(typed + 1, message, length);
	ret = write_packets(link, header, typed, 1 + length);
	free(typed);
	return ret;
}

static int framed_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
		       const uint8_t *message, size_t length)
{
	struct framed_state *framed = link->framed;
	struct mctp_packet_header header = {
	    .destination_eid = peer_eid,
	    .source_eid = link->local_eid,
	};
	int ret;

	if (link->role == MCTP_LINK_REQUESTER) {
		header.tag_owner = true;
		header.tag = pick_tag(framed, peer_eid);
	} else {
		/* DSP0236: a response carries the request's tag with TO 0. */
		if (!tag || *tag >= TAG_COUNT)
			return -EINVAL;
		header.tag = *tag;
		header.source_eid = framed->reply_source[peer_eid][*tag];
	}

	ret = write_message(link, &header, message, length);
	if (ret < 0)
		return ret;

	if (link->role == MCTP_LINK_REQUESTER) {
		framed->outstanding_tags[peer_eid] |=
		    (uint8_t)(1u << header.tag);
		if (tag)
			*tag = header.tag;
	}
	link->stats.messages_sent++;
	return 0;
}

/* Checks the role and tag of a message. Returns whether to deliver it. */
static bool accept_message(struct mctp_link *link,
			   const struct mctp_message *message)
{
	struct framed_state *framed = link->framed;
	uint8_t bit = (uint8_t)(1u << message->tag);

	if (link->role == MCTP_LINK_RESPONDER) {
		if (!message->tag_owner)
			return false;
		framed->reply_source[message->source_eid][message->tag] =
		    message->destination_eid;
		return true;
	}

	if (message->tag_owner ||
	    !(framed->outstanding_tags[message->source_eid] & bit))
		return false;
	framed->outstanding_tags[message->source_eid] &= (uint8_t)~bit;
	return true;
}

static void deliver_message(struct mctp_link *link,
			    const struct mctp_message *message,
			    mctp_link_message_fn fn, void *userdata)
{
	/* SPDM over MCTP uses type 0x05 with the IC bit clear, and an SPDM
	 * message has at least a header. */
	if (message->length < 2 || message->data[0] != MCTP_MESSAGE_TYPE_SPDM ||
	    !accept_message(link, message)) {
		link->framed->messages_dropped++;
		sync_stats(link);
		return;
	}

	link->stats.messages_received++;
	sync_stats(link);
	link->last_destination = message->destination_eid;
	fn(userdata, message->source_eid, message->tag, message->data + 1,
	   message->length - 1);
}

static void handle_packet(struct mctp_link *link, const uint8_t *packet,
			  size_t length, mctp_link_message_fn fn,
			  void *userdata)
{
	struct framed_state *framed = link->framed;
	struct mctp_packet_header header;
	struct mctp_message message;

	/* Malformed headers are counted by the reassembler. */
	if (mctp_packet_header_decode(packet, length, &header) == 0 &&
	    !is_local_eid(framed, header.destination_eid)) {
		framed->packets_dropped++;
		return;
	}
	if (mctp_reassembler_push(&framed->reassembler, packet, length,
				  &message) == 1) {
		deliver_message(link, &message, fn, userdata);
		/* An idle link keeps no buffer of its last message. */
		mctp_reassembler_trim(&framed->reassembler);
	}
}

static int framed_consume(struct mctp_link *link, const uint8_t *data,
			  size_t length, mctp_link_message_fn fn,
			  void *userdata)
{
	struct framed_state *framed = link->framed;
	const uint8_t *packet;
	size_t packet_length;
	size_t i;

	for (i = 0; i < length; i++) {
		if (mctp_serial_decoder_push(&framed->decoder, data[i], &packet,
					     &packet_length) == 1)
			handle_packet(link, packet, packet_length, fn,
				      userdata);
	}
	sync_stats(link);
	return 0;
}

static void reset_replies(struct mctp_link *link)
{
	memset(link->framed->reply_source, link->local_eid,
	       reply_source_size(link));
}

/* Keeps the counters and discards partial frames, messages and tags. */
static void framed_reset_peer(struct mctp_link *link)
{
	struct framed_state *framed = link->framed;
	struct mctp_serial_stats stats = framed->decoder.stats;

	mctp_serial_decoder_init(&framed->decoder);
	framed->decoder.stats = stats;
	mctp_reassembler_reset(&framed->reassembler);
	memset(framed->outstanding_tags, 0, sizeof(framed->outstanding_tags));
	reset_replies(link);
}

static void framed_destroy(struct mctp_link *link)
{
	mctp_reassembler_reset(&link->framed->reassembler);
	free(link->framed);
	link->framed = NULL;
}

static const struct link_transport_ops framed_ops = {
    .send = framed_send,
    .consume = framed_consume,
    .reset_peer = framed_reset_peer,
    .destroy = framed_destroy,
};

int framed_init(struct mctp_link *link)
{
	struct framed_state *framed =
	    calloc(1, sizeof(*framed) + reply_source_size(link));

	if (!framed)
		return -ENOMEM;
	link->framed = framed;
	link->ops = &framed_ops;

	mctp_serial_decoder_init(&framed->decoder);
	/* The limit counts the MCTP message type byte too. */
	mctp_reassembler_init(&framed->reassembler, 1 + MCTP_LINK_MAX_MESSAGE);
	framed_add_local_eid(link, link->local_eid);
	reset_replies(link);
	return 0;
}
