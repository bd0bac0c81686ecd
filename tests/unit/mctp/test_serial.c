// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mctp/serial.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct fcs_vector {
	const char *name;
	uint8_t data[16];
	size_t length;
	uint16_t fcs;
};

/* CRC-16/MCRF4XX: reflected 0x8408, initial 0xFFFF, no final XOR. */
static const struct fcs_vector fcs_vectors[] = {
    {"empty", {0}, 0, 0xffff},
    {"check string", "123456789", 9, 0x6f91},
    {"GET_VERSION frame",
     {0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00},
     11,
     0xf925},
    {"escaped EIDs",
     {0x01, 0x09, 0x01, 0x7e, 0x7d, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00},
     11,
     0x866d},
};

struct frame_vector {
	const char *name;
	uint8_t packet[16];
	size_t packet_length;
	uint8_t frame[24];
	size_t frame_length;
};

static const struct frame_vector frame_vectors[] = {
    {"GET_VERSION 8 to 10",
     {0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00},
     9,
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00,
      0xf9, 0x25, 0x7e},
     15},
    {"flag and escape in packet",
     {0x01, 0x7e, 0x7d, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00},
     9,
     {0x7e, 0x01, 0x09, 0x01, 0x7d, 0x5e, 0x7d, 0x5d, 0xc8, 0x05, 0x10, 0x84,
      0x00, 0x00, 0x86, 0x6d, 0x7e},
     17},
    {"FCS high byte is a flag, sent raw",
     {0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0xb3},
     9,
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0xb3,
      0x7e, 0x35, 0x7e},
     15},
    {"FCS high byte is an escape, sent raw",
     {0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x80},
     9,
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x80,
      0x7d, 0x2d, 0x7e},
     15},
};

static void fcs_matches_vectors(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fcs_vectors); i++) {
		const struct fcs_vector *v = &fcs_vectors[i];

		print_message("%s\n", v->name);
		assert_int_equal(
		    mctp_serial_fcs(MCTP_SERIAL_FCS_INIT, v->data, v->length),
		    v->fcs);
	}
}

static void fcs_continues_in_pieces(void **state)
{
	const struct fcs_vector *v = &fcs_vectors[2];
	uint16_t fcs;

	fcs = mctp_serial_fcs(MCTP_SERIAL_FCS_INIT, v->data, 2);
	fcs = mctp_serial_fcs(fcs, v->data + 2, v->length - 2);
	assert_int_equal(fcs, v->fcs);
}

static void encode_matches_vectors(void **state)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(frame_vectors); i++) {
		const struct frame_vector *v = &frame_vectors[i];
		uint8_t frame[MCTP_SERIAL_MAX_FRAME];
		int length;

		print_message("%s\n", v->name);
		length = mctp_serial_encode(v->packet, v->packet_length, frame,
					    sizeof(frame));
		assert_int_equal(length, v->frame_length);
		assert_memory_equal(frame, v->frame, v->frame_length);
	}
}

static void encode_rejects_sizes(void **state)
{
	uint8_t packet[MCTP_SERIAL_TX_MAX_PACKET + 1] = {0};
	uint8_t frame[MCTP_SERIAL_MAX_FRAME];
	const struct frame_vector *v = &frame_vectors[1];

	assert_int_equal(mctp_serial_encode(packet, 0, frame, sizeof(frame)),
			 -EINVAL);
	assert_int_equal(
	    mctp_serial_encode(packet, sizeof(packet), frame, sizeof(frame)),
	    -EINVAL);
	assert_int_equal(mctp_serial_encode(packet, sizeof(packet) - 1, frame,
					    sizeof(frame)),
			 MCTP_SERIAL_TX_MAX_PACKET + 6);
	/* Escapes count against the capacity. */
	assert_int_equal(mctp_serial_encode(v->packet, v->packet_length, frame,
					    v->frame_length - 1),
			 -EOVERFLOW);
}

static void encode_all_escapes_fit(void **state)
{
	uint8_t packet[MCTP_SERIAL_TX_MAX_PACKET];
	uint8_t frame[MCTP_SERIAL_MAX_FRAME];

	memset(packet, MCTP_SERIAL_FLAG, sizeof(packet));
	assert_int_equal(
	    mctp_serial_encode(packet, sizeof(packet), frame, sizeof(frame)),
	    MCTP_SERIAL_MAX_FRAME);
	assert_int_equal(frame[2], MCTP_SERIAL_TX_MAX_PACKET);
	assert_int_equal(frame[3], 0x7d);
	assert_int_equal(frame[4], 0x5e);
}

/* Feeds bytes and counts completed packets, copying the last to *last. */
static int feed(struct mctp_serial_decoder *decoder, const uint8_t *bytes,
		size_t length, uint8_t *last, size_t *last_length)
{
	const uint8_t *packet;
	size_t packet_length;
	int packets = 0;
	size_t i;

	for (i = 0; i < length; i++) {
		if (mctp_serial_decoder_push(decoder, bytes[i], &packet,
					     &packet_length) != 1)
			continue;
		memcpy(last, packet, packet_length);
		*last_length = packet_length;
		packets++;
	}
	return packets;
}

static void decode_matches_vectors(void **state)
{
	struct mctp_serial_decoder decoder;
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	size_t length = 0;
	size_t i;

	mctp_serial_decoder_init(&decoder);
	for (i = 0; i < ARRAY_SIZE(frame_vectors); i++) {
		const struct frame_vector *v = &frame_vectors[i];

		print_message("%s\n", v->name);
		assert_int_equal(
		    feed(&decoder, v->frame, v->frame_length, packet, &length),
		    1);
		assert_int_equal(length, v->packet_length);
		assert_memory_equal(packet, v->packet, length);
	}
	assert_int_equal(decoder.stats.frames_received,
			 ARRAY_SIZE(frame_vectors));
	assert_int_equal(decoder.stats.frames_dropped, 0);
}

struct bad_frame_vector {
	const char *name;
	uint8_t frame[24];
	size_t length;
	uint64_t fcs_errors;
};

/* Each frame is dropped, and a good frame right after it still decodes. */
static const struct bad_frame_vector bad_frames[] = {
    {"FCS low bit flipped",
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00,
      0xf9, 0x24, 0x7e},
     15,
     1},
    {"packet byte flipped",
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x11, 0x84, 0x00, 0x00,
      0xf9, 0x25, 0x7e},
     15,
     1},
    {"FCS over the escaped bytes",
     {0x7e, 0x01, 0x09, 0x01, 0x7d, 0x5e, 0x7d, 0x5d, 0xc8, 0x05, 0x10, 0x84,
      0x00, 0x00, 0xf9, 0x25, 0x7e},
     17,
     1},
    {"revision 2",
     {0x7e, 0x02, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00,
      0xf9, 0x25, 0x7e},
     15,
     0},
    {"trailer not a flag",
     {0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05, 0x10, 0x84, 0x00, 0x00,
      0xf9, 0x25, 0x00, 0x7e},
     16,
     0},
    {"LEN 0", {0x7e, 0x01, 0x00, 0xff, 0xff, 0x7e}, 6, 0},
    {"LEN 75", {0x7e, 0x01, 0x4b, 0x01, 0x7e}, 5, 0},
};

static void decode_drops_bad_frames(void **state)
{
	const struct frame_vector *good = &frame_vectors[0];
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	struct mctp_serial_decoder decoder;
	size_t length = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_frames); i++) {
		const struct bad_frame_vector *v = &bad_frames[i];

		print_message("%s\n", v->name);
		mctp_serial_decoder_init(&decoder);
		assert_int_equal(
		    feed(&decoder, v->frame, v->length, packet, &length), 0);
		assert_int_equal(decoder.stats.frames_dropped, 1);
		assert_int_equal(decoder.stats.fcs_errors, v->fcs_errors);
		assert_int_equal(feed(&decoder, good->frame, good->frame_length,
				      packet, &length),
				 1);
		assert_memory_equal(packet, good->packet, good->packet_length);
	}
}

static void decode_noise_costs_next_frame(void **state)
{
	static const uint8_t noise[] = {0x00, 0x55, 0xaa};
	const struct frame_vector *good = &frame_vectors[0];
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	struct mctp_serial_decoder decoder;
	size_t length = 0;

	mctp_serial_decoder_init(&decoder);
	assert_int_equal(feed(&decoder, noise, sizeof(noise), packet, &length),
			 0);
	/* The error state eats the opening flag, so this frame is lost. */
	assert_int_equal(
	    feed(&decoder, good->frame, good->frame_length, packet, &length),
	    0);
	assert_int_equal(
	    feed(&decoder, good->frame, good->frame_length, packet, &length),
	    1);
	assert_int_equal(decoder.stats.frames_received, 1);
	/* One error for the noise run, one for the frame read from its 01. */
	assert_int_equal(decoder.stats.frames_dropped, 2);
}

static void decode_shared_flag_loses_frame(void **state)
{
	const struct frame_vector *good = &frame_vectors[0];
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	struct mctp_serial_decoder decoder;
	uint8_t stream[64];
	size_t length = 0;

	/* Two frames sharing one flag: Linux loses the second. */
	memcpy(stream, good->frame, good->frame_length);
	memcpy(stream + good->frame_length, good->frame + 1,
	       good->frame_length - 1);
	mctp_serial_decoder_init(&decoder);
	assert_int_equal(
	    feed(&decoder, stream, 2 * good->frame_length - 1, packet, &length),
	    1);
	assert_int_equal(decoder.stats.frames_received, 1);
	assert_int_equal(decoder.stats.frames_dropped, 1);
}

static void decode_max_length_frame(void **state)
{
	uint8_t packet[MCTP_SERIAL_RX_MAX_PACKET];
	uint8_t out[MCTP_SERIAL_RX_MAX_PACKET];
	struct mctp_serial_decoder decoder;
	uint8_t frame[6 + 2 * MCTP_SERIAL_RX_MAX_PACKET];
	uint8_t header[2] = {MCTP_SERIAL_REVISION, sizeof(packet)};
	size_t position = 0;
	size_t length = 0;
	uint16_t fcs;
	size_t i;

	/* A 74-byte packet is more than we send but what Linux accepts. */
	for (i = 0; i < sizeof(packet); i++)
		packet[i] = (uint8_t)(0x70 + i % 16);
	fcs = mctp_serial_fcs(MCTP_SERIAL_FCS_INIT, header, sizeof(header));
	fcs = mctp_serial_fcs(fcs, packet, sizeof(packet));
	frame[position++] = 0x7e;
	frame[position++] = header[0];
	frame[position++] = header[1];
	for (i = 0; i < sizeof(packet); i++) {
		if (packet[i] == 0x7e || packet[i] == 0x7d) {
			frame[position++] = 0x7d;
			frame[position++] = packet[i] ^ 0x20;
		} else {
			frame[position++] = packet[i];
		}
	}
	frame[position++] = (uint8_t)(fcs >> 8);
	frame[position++] = (uint8_t)fcs;
	frame[position++] = 0x7e;

	mctp_serial_decoder_init(&decoder);
	assert_int_equal(feed(&decoder, frame, position, out, &length), 1);
	assert_int_equal(length, sizeof(packet));
	assert_memory_equal(out, packet, sizeof(packet));
}

static void encode_decode_every_byte(void **state)
{
	uint8_t packet[MCTP_SERIAL_TX_MAX_PACKET];
	uint8_t out[MCTP_SERIAL_RX_MAX_PACKET];
	uint8_t frame[MCTP_SERIAL_MAX_FRAME];
	struct mctp_serial_decoder decoder;
	size_t length = 0;
	int frame_length;
	unsigned int start;
	size_t i;

	mctp_serial_decoder_init(&decoder);
	for (start = 0; start < 256; start += sizeof(packet)) {
		for (i = 0; i < sizeof(packet); i++)
			packet[i] = (uint8_t)(start + i);
		frame_length = mctp_serial_encode(packet, sizeof(packet), frame,
						  sizeof(frame));
		assert_true(frame_length > 0);
		assert_int_equal(
		    feed(&decoder, frame, (size_t)frame_length, out, &length),
		    1);
		assert_int_equal(length, sizeof(packet));
		assert_memory_equal(out, packet, sizeof(packet));
	}
	assert_int_equal(decoder.stats.frames_dropped, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fcs_matches_vectors),
	    cmocka_unit_test(fcs_continues_in_pieces),
	    cmocka_unit_test(encode_matches_vectors),
	    cmocka_unit_test(encode_rejects_sizes),
	    cmocka_unit_test(encode_all_escapes_fit),
	    cmocka_unit_test(decode_matches_vectors),
	    cmocka_unit_test(decode_drops_bad_frames),
	    cmocka_unit_test(decode_noise_costs_next_frame),
	    cmocka_unit_test(decode_shared_flag_loses_frame),
	    cmocka_unit_test(decode_max_length_frame),
	    cmocka_unit_test(encode_decode_every_byte),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
