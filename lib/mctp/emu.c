// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <mctp/emu.h>

static void put_u32_be(uint8_t *out, uint32_t value)
{
	out[0] = (uint8_t)(value >> 24);
	out[1] = (uint8_t)(value >> 16);
	out[2] = (uint8_t)(value >> 8);
	out[3] = (uint8_t)value;
}

static uint32_t get_u32_be(const uint8_t *in)
{
	return (uint32_t)in[0] << 24 | (uint32_t)in[1] << 16 |
	       (uint32_t)in[2] << 8 | in[3];
}

int mctp_emu_encode(uint32_t command, uint32_t transport_type,
		    const uint8_t *payload, size_t payload_size, uint8_t *frame,
		    size_t capacity)
{
	struct mctp_emu_header header = {
	    .command = command,
	    .transport_type = transport_type,
	    .payload_size = (uint32_t)payload_size,
	};

	if (payload_size > (size_t)INT_MAX - MCTP_EMU_HEADER_SIZE)
		return -EINVAL;
	if (capacity < MCTP_EMU_HEADER_SIZE + payload_size)
		return -EOVERFLOW;

	mctp_emu_header_encode(&header, frame, capacity);
	if (payload_size)
		memcpy(frame + MCTP_EMU_HEADER_SIZE, payload, payload_size);
	return (int)(MCTP_EMU_HEADER_SIZE + payload_size);
}

int mctp_emu_header_encode(const struct mctp_emu_header *header, uint8_t *out,
			   size_t capacity)
{
	if (capacity < MCTP_EMU_HEADER_SIZE)
		return -EOVERFLOW;

	put_u32_be(out, header->command);
	put_u32_be(out + 4, header->transport_type);
	put_u32_be(out + 8, header->payload_size);
	return 0;
}

int mctp_emu_header_decode(const uint8_t *bytes, size_t length,
			   struct mctp_emu_header *header)
{
	if (length < MCTP_EMU_HEADER_SIZE)
		return -EBADMSG;

	header->command = get_u32_be(bytes);
	header->transport_type = get_u32_be(bytes + 4);
	header->payload_size = get_u32_be(bytes + 8);
	return 0;
}

void mctp_emu_decoder_init(struct mctp_emu_decoder *decoder, uint8_t *buffer,
			   size_t capacity)
{
	memset(decoder, 0, sizeof(*decoder));
	decoder->payload = buffer;
	decoder->capacity = capacity;
}

static size_t copy_up_to(uint8_t *out, size_t wanted, const uint8_t *data,
			 size_t length)
{
	size_t count = wanted < length ? wanted : length;

	if (count)
		memcpy(out, data, count);
	return count;
}

int mctp_emu_decoder_feed(struct mctp_emu_decoder *decoder, const uint8_t *data,
			  size_t length, size_t *consumed)
{
	struct mctp_emu_header *header = &decoder->header;
	size_t header_used = 0;
	size_t payload_used;

	*consumed = 0;
	if (decoder->complete) {
		decoder->header_fill = 0;
		decoder->payload_fill = 0;
		decoder->complete = false;
	}

	if (decoder->header_fill < MCTP_EMU_HEADER_SIZE) {
		header_used = copy_up_to(
		    decoder->header_bytes + decoder->header_fill,
		    MCTP_EMU_HEADER_SIZE - decoder->header_fill, data, length);
		decoder->header_fill += header_used;
		*consumed = header_used;
		if (decoder->header_fill < MCTP_EMU_HEADER_SIZE)
			return 0;
		mctp_emu_header_decode(decoder->header_bytes,
				       MCTP_EMU_HEADER_SIZE, header);
	}
	/* Checked on every call, so the error sticks. */
	if (header->payload_size > decoder->capacity)
		return -EMSGSIZE;

	payload_used = copy_up_to(decoder->payload + decoder->payload_fill,
				  header->payload_size - decoder->payload_fill,
				  data + header_used, length - header_used);
	decoder->payload_fill += payload_used;
	*consumed = header_used + payload_used;
	if (decoder->payload_fill < header->payload_size)
		return 0;
	decoder->complete = true;
	return 1;
}
