// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mctp/emu.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct emu_vector {
	const char *name;
	uint32_t command;
	uint8_t payload[24];
	size_t payload_size;
	uint8_t frame[40];
	size_t frame_size;
};

/* Frames as spdm_requester_emu and spdm_responder_emu exchange them. */
static const struct emu_vector vectors[] = {
    {"client hello",
     MCTP_EMU_COMMAND_TEST,
     "Client Hello!",
     14,
     {0x00, 0x00, 0xde, 0xad, 0x00, 0x00, 0x00, 0x01, 0x00,
      0x00, 0x00, 0x0e, 0x43, 0x6c, 0x69, 0x65, 0x6e, 0x74,
      0x20, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0x00},
     26},
    {"GET_VERSION",
     MCTP_EMU_COMMAND_NORMAL,
     {0x05, 0x10, 0x84, 0x00, 0x00},
     5,
     {0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05,
      0x05, 0x10, 0x84, 0x00, 0x00},
     17},
    {"VERSION",
     MCTP_EMU_COMMAND_NORMAL,
     {0x05, 0x10, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x10, 0x00, 0x11, 0x00,
      0x12, 0x00, 0x13, 0x00, 0x14},
     17,
     {0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
      0x00, 0x11, 0x05, 0x10, 0x04, 0x00, 0x00, 0x00, 0x05, 0x00,
      0x10, 0x00, 0x11, 0x00, 0x12, 0x00, 0x13, 0x00, 0x14},
     29},
    {"shutdown",
     MCTP_EMU_COMMAND_SHUTDOWN,
     {0},
     0,
     {0x00, 0x00, 0xff, 0xfe, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},
     12},
    {"continue",
     MCTP_EMU_COMMAND_CONTINUE,
     {0},
     0,
     {0x00, 0x00, 0xff, 0xfd, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},
     12},
    {"unknown",
     MCTP_EMU_COMMAND_UNKNOWN,
     {0},
     0,
     {0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00},
     12},
};

static void encode_matches_vectors(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vectors); i++) {
		const struct emu_vector *v = &vectors[i];
		uint8_t frame[64];

		print_message("%s\n", v->name);
		assert_int_equal(mctp_emu_encode(v->command,
						 MCTP_EMU_TRANSPORT_MCTP,
						 v->payload, v->payload_size,
						 frame, sizeof(frame)),
				 v->frame_size);
		assert_memory_equal(frame, v->frame, v->frame_size);
	}
}

static void encode_checks_capacity(void **state)
{
	const struct emu_vector *v = &vectors[1];
	uint8_t frame[64];

	assert_int_equal(mctp_emu_encode(v->command, MCTP_EMU_TRANSPORT_MCTP,
					 v->payload, v->payload_size, frame,
					 v->frame_size - 1),
			 -EOVERFLOW);
	assert_int_equal(mctp_emu_encode(v->command, MCTP_EMU_TRANSPORT_MCTP,
					 v->payload, v->payload_size, frame,
					 v->frame_size),
			 v->frame_size);
}

static void header_decodes_fields(void **state)
{
	static const uint8_t bytes[] = {0x00, 0x00, 0xde, 0xad, 0x00, 0x00,
					0x00, 0x02, 0x01, 0x02, 0x03, 0x04};
	struct mctp_emu_header header;

	assert_int_equal(mctp_emu_header_decode(bytes, sizeof(bytes), &header),
			 0);
	assert_int_equal(header.command, MCTP_EMU_COMMAND_TEST);
	assert_int_equal(header.transport_type, 2);
	assert_int_equal(header.payload_size, 0x01020304);
	assert_int_equal(mctp_emu_header_decode(bytes, 11, &header), -EBADMSG);
}

static void header_encodes_fields(void **state)
{
	static const uint8_t expected[] = {0x00, 0x00, 0xff, 0xfe, 0x00, 0x00,
					   0x00, 0x01, 0x00, 0x01, 0x00, 0x01};
	struct mctp_emu_header header = {
	    .command = MCTP_EMU_COMMAND_SHUTDOWN,
	    .transport_type = MCTP_EMU_TRANSPORT_MCTP,
	    .payload_size = 0x10001,
	};
	uint8_t out[MCTP_EMU_HEADER_SIZE];

	assert_int_equal(mctp_emu_header_encode(&header, out, sizeof(out)), 0);
	assert_memory_equal(out, expected, sizeof(expected));
	assert_int_equal(mctp_emu_header_encode(&header, out, 11), -EOVERFLOW);
}

/* The frames of all vectors back to back, as one TCP stream. */
static size_t build_stream(uint8_t *stream, size_t capacity)
{
	size_t length = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vectors); i++) {
		assert_true(length + vectors[i].frame_size <= capacity);
		memcpy(stream + length, vectors[i].frame,
		       vectors[i].frame_size);
		length += vectors[i].frame_size;
	}
	return length;
}

static void assert_frame(const struct mctp_emu_decoder *decoder,
			 const struct emu_vector *v)
{
	assert_int_equal(decoder->header.command, v->command);
	assert_int_equal(decoder->header.transport_type,
			 MCTP_EMU_TRANSPORT_MCTP);
	assert_int_equal(decoder->header.payload_size, v->payload_size);
	assert_memory_equal(decoder->payload, v->payload, v->payload_size);
}

/* Feeds the stream in chunks of chunk bytes and checks every frame. */
static void decode_in_chunks(size_t chunk)
{
	struct mctp_emu_decoder decoder;
	uint8_t buffer[32];
	uint8_t stream[256];
	size_t length = build_stream(stream, sizeof(stream));
	size_t offset = 0;
	size_t frames = 0;

	mctp_emu_decoder_init(&decoder, buffer, sizeof(buffer));
	while (offset < length) {
		size_t piece =
		    length - offset < chunk ? length - offset : chunk;
		size_t consumed = 0;
		int ret;

		ret = mctp_emu_decoder_feed(&decoder, stream + offset, piece,
					    &consumed);
		assert_true(ret >= 0);
		assert_true(consumed <= piece);
		offset += consumed;
		if (ret == 1)
			assert_frame(&decoder, &vectors[frames++]);
		else
			assert_int_equal(consumed, piece);
	}
	assert_int_equal(frames, ARRAY_SIZE(vectors));
}

static void decode_whole_stream(void **state)
{
	decode_in_chunks(SIZE_MAX);
}

static void decode_byte_at_a_time(void **state)
{
	decode_in_chunks(1);
}

static void decode_every_chunk_size(void **state)
{
	size_t chunk;

	for (chunk = 2; chunk < 40; chunk++)
		decode_in_chunks(chunk);
}

static void decode_rejects_oversize(void **state)
{
	/* Payload size 33 with a 32-byte buffer. */
	static const uint8_t header[] = {0x00, 0x00, 0x00, 0x01, 0x00,
					 0x00, 0x00, 0x01, 0x00, 0x00,
					 0x00, 0x21, 0x05};
	struct mctp_emu_decoder decoder;
	uint8_t buffer[32];
	size_t consumed = 0;

	mctp_emu_decoder_init(&decoder, buffer, sizeof(buffer));
	assert_int_equal(
	    mctp_emu_decoder_feed(&decoder, header, sizeof(header), &consumed),
	    -EMSGSIZE);
	assert_int_equal(consumed, MCTP_EMU_HEADER_SIZE);
	/* The error sticks: nothing more is copied into the buffer. */
	assert_int_equal(
	    mctp_emu_decoder_feed(&decoder, header + 12, 1, &consumed),
	    -EMSGSIZE);
	assert_int_equal(consumed, 0);
}

static void decode_exact_capacity(void **state)
{
	const struct emu_vector *v = &vectors[2];
	struct mctp_emu_decoder decoder;
	uint8_t buffer[17];
	size_t consumed = 0;

	mctp_emu_decoder_init(&decoder, buffer, v->payload_size);
	assert_int_equal(
	    mctp_emu_decoder_feed(&decoder, v->frame, v->frame_size, &consumed),
	    1);
	assert_int_equal(consumed, v->frame_size);
	assert_frame(&decoder, v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(encode_matches_vectors),
	    cmocka_unit_test(encode_checks_capacity),
	    cmocka_unit_test(header_encodes_fields),
	    cmocka_unit_test(header_decodes_fields),
	    cmocka_unit_test(decode_whole_stream),
	    cmocka_unit_test(decode_byte_at_a_time),
	    cmocka_unit_test(decode_every_chunk_size),
	    cmocka_unit_test(decode_rejects_oversize),
	    cmocka_unit_test(decode_exact_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
