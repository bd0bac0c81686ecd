// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mctp/packet.h>

/* First allocation of a context buffer, which doubles up to max_message. */
#define INITIAL_CAPACITY 256

void mctp_reassembler_init(struct mctp_reassembler *reassembler,
			   size_t max_message)
{
	memset(reassembler, 0, sizeof(*reassembler));
	reassembler->max_message = max_message;
}

void mctp_reassembler_reset(struct mctp_reassembler *reassembler)
{
	size_t i;

	for (i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++) {
		struct mctp_reassembly_context *context =
		    &reassembler->contexts[i];

		free(context->data);
		memset(context, 0, sizeof(*context));
	}
}

void mctp_reassembler_trim(struct mctp_reassembler *reassembler)
{
	for (size_t i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++) {
		struct mctp_reassembly_context *context =
		    &reassembler->contexts[i];

		if (context->active)
			continue;
		free(context->data);
		context->data = NULL;
		context->length = 0;
		context->capacity = 0;
	}
}

static bool context_matches(const struct mctp_reassembly_context *context,
			    const struct mctp_packet_header *header)
{
	return context->active && context->source_eid == header->source_eid &&
	       context->destination_eid == header->destination_eid &&
	       context->tag_owner == header->tag_owner &&
	       context->tag == header->tag;
}

static struct mctp_reassembly_context *
find_context(struct mctp_reassembler *reassembler,
	     const struct mctp_packet_header *header)
{
	size_t i;

	for (i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++) {
		if (context_matches(&reassembler->contexts[i], header))
			return &reassembler->contexts[i];
	}
	return NULL;
}

/* Returns a free context, evicting the least recently used partial one. */
static struct mctp_reassembly_context *
claim_context(struct mctp_reassembler *reassembler)
{
	struct mctp_reassembly_context *oldest = &reassembler->contexts[0];
	size_t i;

	for (i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++) {
		struct mctp_reassembly_context *context =
		    &reassembler->contexts[i];

		if (!context->active)
			return context;
		if (context->last_used < oldest->last_used)
			oldest = context;
	}
	reassembler->stats.messages_dropped++;
	oldest->active = false;
	return oldest;
}

static void start_context(struct mctp_reassembly_context *context,
			  const struct mctp_packet_header *header)
{
	context->active = true;
	context->source_eid = header->source_eid;
	context->destination_eid = header->destination_eid;
	context->tag_owner = header->tag_owner;
	context->tag = header->tag;
	/* Linux takes the first sequence number as is, because libmctp
	 * senders do not restart it at 0 for each message. */
	context->next_sequence = header->sequence;
	context->length = 0;
}

static int reserve(struct mctp_reassembly_context *context, size_t needed)
{
	size_t capacity =
	    context->capacity ? context->capacity : INITIAL_CAPACITY;
	uint8_t *data;

	if (needed <= context->capacity)
		return 0;
	while (capacity < needed)
		capacity *= 2;
	data = realloc(context->data, capacity);
	if (!data)
		return -ENOMEM;
	context->data = data;
	context->capacity = capacity;
	return 0;
}

/* Appends the payload, or drops the message on a sequence gap or oversize. */
static int append_payload(struct mctp_reassembler *reassembler,
			  struct mctp_reassembly_context *context,
			  uint8_t sequence, const uint8_t *payload,
			  size_t length)
{
	int ret;

	if (sequence != context->next_sequence) {
		reassembler->stats.packets_dropped++;
		reassembler->stats.messages_dropped++;
		context->active = false;
		return 0;
	}
	if (length > reassembler->max_message - context->length) {
		reassembler->stats.messages_dropped++;
		context->active = false;
		return 0;
	}

	ret = reserve(context, context->length + length);
	if (ret < 0) {
		reassembler->stats.messages_dropped++;
		context->active = false;
		return ret;
	}
	memcpy(context->data + context->length, payload, length);
	context->length += length;
	context->next_sequence = (sequence + 1) & MCTP_PACKET_SEQUENCE_MASK;
	return 1;
}

static void complete_message(struct mctp_reassembly_context *context,
			     struct mctp_message *message)
{
	context->active = false;
	message->source_eid = context->source_eid;
	message->destination_eid = context->destination_eid;
	message->tag_owner = context->tag_owner;
	message->tag = context->tag;
	message->data = context->data;
	message->length = context->length;
}

/* Finds the context for header, starting a new message on SOM. */
static struct mctp_reassembly_context *
context_for_packet(struct mctp_reassembler *reassembler,
		   const struct mctp_packet_header *header)
{
	struct mctp_reassembly_context *context;

	context = find_context(reassembler, header);
	if (!header->start_of_message)
		return context;

	/* A second SOM for a message in progress restarts it (libmctp). */
	if (context)
		reassembler->stats.messages_dropped++;
	else
		context = claim_context(reassembler);
	start_context(context, header);
	return context;
}

int mctp_reassembler_push(struct mctp_reassembler *reassembler,
			  const uint8_t *packet, size_t length,
			  struct mctp_message *message)
{
	struct mctp_reassembly_context *context;
	struct mctp_packet_header header;
	int ret;

	/* Every packet carries at least one payload byte, and the first
	 * one carries the message type. */
	if (mctp_packet_header_decode(packet, length, &header) < 0 ||
	    length == MCTP_PACKET_HEADER_SIZE) {
		reassembler->stats.packets_dropped++;
		return 0;
	}

	context = context_for_packet(reassembler, &header);
	if (!context) {
		reassembler->stats.packets_dropped++;
		return 0;
	}
	context->last_used = ++reassembler->clock;

	ret = append_payload(reassembler, context, header.sequence,
			     packet + MCTP_PACKET_HEADER_SIZE,
			     length - MCTP_PACKET_HEADER_SIZE);
	if (ret <= 0)
		return ret;
	if (!header.end_of_message)
		return 0;

	complete_message(context, message);
	return 1;
}
