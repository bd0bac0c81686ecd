// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <mctp/packet.h>

#define MAX_PACKETS 8

struct header_vector {
	struct mctp_packet_header header;
	uint8_t bytes[MCTP_PACKET_HEADER_SIZE];
};

/* Fields per DSP0236: SOM bit 7, EOM bit 6, sequence [5:4], TO bit 3. */
static const struct header_vector header_vectors[] = {
    {{0x0a, 0x08, true, true, 0, true, 0}, {0x01, 0x0a, 0x08, 0xc8}},
    {{0x08, 0x0a, true, true, 0, false, 0}, {0x01, 0x08, 0x0a, 0xc0}},
    {{0x0a, 0x08, true, false, 0, true, 3}, {0x01, 0x0a, 0x08, 0x8b}},
    {{0x0a, 0x08, false, false, 1, true, 7}, {0x01, 0x0a, 0x08, 0x1f}},
    {{0x09, 0x0b, false, true, 2, false, 5}, {0x01, 0x09, 0x0b, 0x65}},
    {{0xff, 0x00, false, true, 3, true, 0}, {0x01, 0xff, 0x00, 0x78}},
};

static void assert_header_equal(const struct mctp_packet_header *actual,
				const struct mctp_packet_header *expected)
{
	assert_int_equal(actual->destination_eid, expected->destination_eid);
	assert_int_equal(actual->source_eid, expected->source_eid);
	assert_int_equal(actual->start_of_message, expected->start_of_message);
	assert_int_equal(actual->end_of_message, expected->end_of_message);
	assert_int_equal(actual->sequence, expected->sequence);
	assert_int_equal(actual->tag_owner, expected->tag_owner);
	assert_int_equal(actual->tag, expected->tag);
}

static void header_encodes_vectors(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(header_vectors) / sizeof(header_vectors[0]);
	     i++) {
		const struct header_vector *v = &header_vectors[i];
		uint8_t out[MCTP_PACKET_HEADER_SIZE];

		assert_int_equal(
		    mctp_packet_header_encode(&v->header, out, sizeof(out)), 0);
		assert_memory_equal(out, v->bytes, sizeof(out));
	}
}

static void header_decodes_vectors(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(header_vectors) / sizeof(header_vectors[0]);
	     i++) {
		const struct header_vector *v = &header_vectors[i];
		struct mctp_packet_header header;

		assert_int_equal(mctp_packet_header_decode(
				     v->bytes, sizeof(v->bytes), &header),
				 0);
		assert_header_equal(&header, &v->header);
	}
}

static void header_encode_rejects_fields(void **state)
{
	struct mctp_packet_header header = {0x0a, 0x08, true, true, 0, true, 0};
	uint8_t out[MCTP_PACKET_HEADER_SIZE];

	header.sequence = 4;
	assert_int_equal(mctp_packet_header_encode(&header, out, sizeof(out)),
			 -EINVAL);
	header.sequence = 0;
	header.tag = 8;
	assert_int_equal(mctp_packet_header_encode(&header, out, sizeof(out)),
			 -EINVAL);
	header.tag = 0;
	assert_int_equal(mctp_packet_header_encode(&header, out, 3),
			 -EOVERFLOW);
}

static void header_decode_checks_version(void **state)
{
	static const uint8_t short_packet[] = {0x01, 0x0a, 0x08};
	static const uint8_t version_0[] = {0x00, 0x0a, 0x08, 0xc8};
	static const uint8_t version_2[] = {0x02, 0x0a, 0x08, 0xc8};
	/* Reserved bits [7:4] set: only the low nibble is the version. */
	static const uint8_t reserved_set[] = {0x11, 0x0a, 0x08, 0xc8};
	struct mctp_packet_header header;

	assert_int_equal(mctp_packet_header_decode(
			     short_packet, sizeof(short_packet), &header),
			 -EBADMSG);
	assert_int_equal(
	    mctp_packet_header_decode(version_0, sizeof(version_0), &header),
	    -EPROTO);
	assert_int_equal(
	    mctp_packet_header_decode(version_2, sizeof(version_2), &header),
	    -EPROTO);
	assert_int_equal(mctp_packet_header_decode(
			     reserved_set, sizeof(reserved_set), &header),
			 0);
	assert_int_equal(header.destination_eid, 0x0a);
}

static void fill_pattern(uint8_t *buffer, size_t length, uint8_t seed)
{
	size_t i;

	for (i = 0; i < length; i++)
		buffer[i] = (uint8_t)(seed + i * 7);
}

struct packet_list {
	uint8_t bytes[MAX_PACKETS][MCTP_PACKET_MAX_SIZE];
	size_t lengths[MAX_PACKETS];
	size_t count;
};

static void fragment(const struct mctp_packet_header *header,
		     const uint8_t *message, size_t length,
		     struct packet_list *list)
{
	struct mctp_fragmenter fragmenter;
	int ret;

	assert_int_equal(
	    mctp_fragmenter_init(&fragmenter, header, message, length), 0);
	list->count = 0;
	for (;;) {
		assert_true(list->count < MAX_PACKETS);
		ret =
		    mctp_fragmenter_next(&fragmenter, list->bytes[list->count],
					 MCTP_PACKET_MAX_SIZE);
		assert_true(ret >= 0);
		if (ret == 0)
			break;
		list->lengths[list->count++] = (size_t)ret;
	}
}

static const struct mctp_packet_header request_header = {
    .destination_eid = 0x0a,
    .source_eid = 0x08,
    .tag_owner = true,
    .tag = 2,
};

static void fragment_150_bytes(void **state)
{
	static const uint8_t headers[3][MCTP_PACKET_HEADER_SIZE] = {
	    {0x01, 0x0a, 0x08, 0x8a}, /* SOM, seq 0, TO, tag 2 */
	    {0x01, 0x0a, 0x08, 0x1a}, /* seq 1 */
	    {0x01, 0x0a, 0x08, 0x6a}, /* EOM, seq 2 */
	};
	static const size_t lengths[3] = {68, 68, 26};
	uint8_t message[150];
	struct packet_list list;
	size_t i;

	fill_pattern(message, sizeof(message), 0x05);
	fragment(&request_header, message, sizeof(message), &list);

	assert_int_equal(list.count, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(list.lengths[i], lengths[i]);
		assert_memory_equal(list.bytes[i], headers[i],
				    MCTP_PACKET_HEADER_SIZE);
		assert_memory_equal(list.bytes[i] + MCTP_PACKET_HEADER_SIZE,
				    message + i * MCTP_BASELINE_PAYLOAD,
				    lengths[i] - MCTP_PACKET_HEADER_SIZE);
	}
}

struct fragment_count_vector {
	size_t length;
	size_t packets;
	size_t last_length;
	uint8_t last_flags;
};

static void fragment_counts_and_sequence(void **state)
{
	static const struct fragment_count_vector vectors[] = {
	    {1, 1, 5, 0xca},	/* SOM, EOM, seq 0 */
	    {64, 1, 68, 0xca},	/* exactly one baseline unit */
	    {65, 2, 5, 0x5a},	/* EOM, seq 1 */
	    {128, 2, 68, 0x5a}, /* last packet full */
	    {300, 5, 48, 0x4a}, /* sequence wraps to 0 */
	};
	uint8_t message[300];
	struct packet_list list;
	size_t i;

	fill_pattern(message, sizeof(message), 0x05);
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct fragment_count_vector *v = &vectors[i];

		fragment(&request_header, message, v->length, &list);
		assert_int_equal(list.count, v->packets);
		assert_int_equal(list.lengths[list.count - 1], v->last_length);
		assert_int_equal(list.bytes[list.count - 1][3], v->last_flags);
	}
}

static void fragment_rejects_arguments(void **state)
{
	struct mctp_packet_header header = request_header;
	struct mctp_fragmenter fragmenter;
	uint8_t message[100] = {0x05};
	uint8_t out[MCTP_PACKET_MAX_SIZE];

	assert_int_equal(mctp_fragmenter_init(&fragmenter, &header, message, 0),
			 -EINVAL);
	header.tag = 8;
	assert_int_equal(mctp_fragmenter_init(&fragmenter, &header, message,
					      sizeof(message)),
			 -EINVAL);

	assert_int_equal(mctp_fragmenter_init(&fragmenter, &request_header,
					      message, sizeof(message)),
			 0);
	assert_int_equal(mctp_fragmenter_next(&fragmenter, out, 67),
			 -EOVERFLOW);
	/* A failed call does not advance: the next packet is still the SOM. */
	assert_int_equal(mctp_fragmenter_next(&fragmenter, out, sizeof(out)),
			 68);
	assert_int_equal(out[3], 0x8a);
}

static int reassembler_setup(void **state)
{
	static struct mctp_reassembler reassembler;

	mctp_reassembler_init(&reassembler, 150);
	*state = &reassembler;
	return 0;
}

static int reassembler_cleanup(void **state)
{
	mctp_reassembler_reset(*state);
	return 0;
}

static int push(struct mctp_reassembler *reassembler,
		const struct packet_list *list, size_t index,
		struct mctp_message *message)
{
	return mctp_reassembler_push(reassembler, list->bytes[index],
				     list->lengths[index], message);
}

static void reassemble_in_order(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;
	struct packet_list list;
	uint8_t original[150];

	fill_pattern(original, sizeof(original), 0x05);
	fragment(&request_header, original, sizeof(original), &list);

	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(push(reassembler, &list, 2, &message), 1);
	assert_int_equal(message.source_eid, 0x08);
	assert_int_equal(message.destination_eid, 0x0a);
	assert_true(message.tag_owner);
	assert_int_equal(message.tag, 2);
	assert_int_equal(message.length, sizeof(original));
	assert_memory_equal(message.data, original, sizeof(original));
	assert_int_equal(reassembler->stats.packets_dropped, 0);
	assert_int_equal(reassembler->stats.messages_dropped, 0);
}

static void reassemble_single_packet(void **state)
{
	static const uint8_t packet[] = {0x01, 0x0a, 0x08, 0xc8, 0x05,
					 0x10, 0x84, 0x00, 0x00};
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;

	assert_int_equal(mctp_reassembler_push(reassembler, packet,
					       sizeof(packet), &message),
			 1);
	assert_int_equal(message.length, 5);
	assert_memory_equal(message.data, packet + 4, 5);
	assert_int_equal(message.tag, 0);
}

static void reassemble_out_of_sequence(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;
	struct packet_list list;
	uint8_t original[150];

	fill_pattern(original, sizeof(original), 0x05);
	fragment(&request_header, original, sizeof(original), &list);

	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 2, &message), 0);
	assert_int_equal(reassembler->stats.packets_dropped, 1);
	assert_int_equal(reassembler->stats.messages_dropped, 1);
	/* The message is gone: the late middle packet has no context. */
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(reassembler->stats.packets_dropped, 2);
}

static void reassemble_first_sequence_any(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;
	struct packet_list list;
	uint8_t original[150];
	size_t i;

	fill_pattern(original, sizeof(original), 0x05);
	fragment(&request_header, original, sizeof(original), &list);
	/* Renumber as 2, 3, 0: the sequence does not restart at SOM. */
	for (i = 0; i < list.count; i++)
		list.bytes[i][3] =
		    (uint8_t)((list.bytes[i][3] & 0xcf) | ((i + 2) & 3) << 4);

	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(push(reassembler, &list, 2, &message), 1);
	assert_int_equal(message.length, sizeof(original));
	assert_memory_equal(message.data, original, sizeof(original));
}

static void reassemble_second_som_restarts(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct packet_list first, second;
	struct mctp_message message;
	uint8_t a[150], b[150];

	fill_pattern(a, sizeof(a), 0x11);
	fill_pattern(b, sizeof(b), 0x22);
	fragment(&request_header, a, sizeof(a), &first);
	fragment(&request_header, b, sizeof(b), &second);

	assert_int_equal(push(reassembler, &first, 0, &message), 0);
	assert_int_equal(push(reassembler, &first, 1, &message), 0);
	assert_int_equal(push(reassembler, &second, 0, &message), 0);
	assert_int_equal(reassembler->stats.messages_dropped, 1);
	assert_int_equal(push(reassembler, &second, 1, &message), 0);
	assert_int_equal(push(reassembler, &second, 2, &message), 1);
	assert_int_equal(message.length, sizeof(b));
	assert_memory_equal(message.data, b, sizeof(b));
}

/* Trimming frees finished buffers and keeps a message in progress. */
static void reassemble_trim_keeps_partial(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct packet_list first, second;
	struct mctp_message message;
	struct mctp_packet_header other = request_header;
	uint8_t a[150], b[150];
	size_t buffers = 0;

	other.tag = 3;
	fill_pattern(a, sizeof(a), 0x33);
	fill_pattern(b, sizeof(b), 0x44);
	fragment(&request_header, a, sizeof(a), &first);
	fragment(&other, b, sizeof(b), &second);

	assert_int_equal(push(reassembler, &first, 0, &message), 0);
	assert_int_equal(push(reassembler, &second, 0, &message), 0);
	assert_int_equal(push(reassembler, &first, 1, &message), 0);
	assert_int_equal(push(reassembler, &first, 2, &message), 1);
	mctp_reassembler_trim(reassembler);
	for (size_t i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++)
		buffers += reassembler->contexts[i].data != NULL;
	assert_int_equal(buffers, 1);

	assert_int_equal(push(reassembler, &second, 1, &message), 0);
	assert_int_equal(push(reassembler, &second, 2, &message), 1);
	assert_int_equal(message.length, sizeof(b));
	assert_memory_equal(message.data, b, sizeof(b));
	mctp_reassembler_trim(reassembler);
	for (size_t i = 0; i < MCTP_REASSEMBLY_CONTEXTS; i++)
		assert_null(reassembler->contexts[i].data);
}

static void reassemble_oversize_dropped(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;
	struct packet_list list;
	uint8_t original[151];

	/* The reassembler limit is 150 bytes. */
	fill_pattern(original, sizeof(original), 0x05);
	fragment(&request_header, original, sizeof(original), &list);

	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(push(reassembler, &list, 2, &message), 0);
	assert_int_equal(reassembler->stats.messages_dropped, 1);
	assert_int_equal(reassembler->stats.packets_dropped, 0);

	/* One byte less fits exactly. */
	fragment(&request_header, original, sizeof(original) - 1, &list);
	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(push(reassembler, &list, 2, &message), 1);
	assert_int_equal(message.length, 150);
}

static void reassemble_interleaved_tags(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_packet_header header_b = request_header;
	struct mctp_packet_header header_c = request_header;
	struct packet_list a, b, c;
	struct mctp_message message;
	uint8_t data_a[150], data_b[150], data_c[100];
	size_t i;

	header_b.tag = 3;
	/* Same tag as a, but TO clear: a different message. */
	header_c.tag_owner = false;
	fill_pattern(data_a, sizeof(data_a), 0x11);
	fill_pattern(data_b, sizeof(data_b), 0x22);
	fill_pattern(data_c, sizeof(data_c), 0x33);
	fragment(&request_header, data_a, sizeof(data_a), &a);
	fragment(&header_b, data_b, sizeof(data_b), &b);
	fragment(&header_c, data_c, sizeof(data_c), &c);

	assert_int_equal(push(reassembler, &a, 0, &message), 0);
	assert_int_equal(push(reassembler, &b, 0, &message), 0);
	assert_int_equal(push(reassembler, &c, 0, &message), 0);
	for (i = 1; i < 2; i++) {
		assert_int_equal(push(reassembler, &a, i, &message), 0);
		assert_int_equal(push(reassembler, &b, i, &message), 0);
	}
	assert_int_equal(push(reassembler, &c, 1, &message), 1);
	assert_false(message.tag_owner);
	assert_memory_equal(message.data, data_c, sizeof(data_c));
	assert_int_equal(push(reassembler, &b, 2, &message), 1);
	assert_int_equal(message.tag, 3);
	assert_memory_equal(message.data, data_b, sizeof(data_b));
	assert_int_equal(push(reassembler, &a, 2, &message), 1);
	assert_int_equal(message.tag, 2);
	assert_memory_equal(message.data, data_a, sizeof(data_a));
	assert_int_equal(reassembler->stats.messages_dropped, 0);
}

static void reassemble_sources_separate(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_packet_header other = request_header;
	struct packet_list a, b;
	struct mctp_message message;
	uint8_t data_a[100], data_b[100];

	other.source_eid = 0x09;
	fill_pattern(data_a, sizeof(data_a), 0x11);
	fill_pattern(data_b, sizeof(data_b), 0x22);
	fragment(&request_header, data_a, sizeof(data_a), &a);
	fragment(&other, data_b, sizeof(data_b), &b);

	assert_int_equal(push(reassembler, &a, 0, &message), 0);
	assert_int_equal(push(reassembler, &b, 0, &message), 0);
	assert_int_equal(push(reassembler, &a, 1, &message), 1);
	assert_int_equal(message.source_eid, 0x08);
	assert_memory_equal(message.data, data_a, sizeof(data_a));
	assert_int_equal(push(reassembler, &b, 1, &message), 1);
	assert_int_equal(message.source_eid, 0x09);
	assert_memory_equal(message.data, data_b, sizeof(data_b));
}

static void reassemble_missing_eom(void **state)
{
	static const uint8_t single[] = {0x01, 0x0a, 0x08, 0xca, 0x05,
					 0x10, 0x84, 0x00, 0x00};
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;
	struct packet_list list;
	uint8_t original[150];

	fill_pattern(original, sizeof(original), 0x05);
	fragment(&request_header, original, sizeof(original), &list);

	/* The last packet never comes, and the next message uses the same tag.
	 */
	assert_int_equal(push(reassembler, &list, 0, &message), 0);
	assert_int_equal(push(reassembler, &list, 1, &message), 0);
	assert_int_equal(mctp_reassembler_push(reassembler, single,
					       sizeof(single), &message),
			 1);
	assert_int_equal(message.length, 5);
	assert_memory_equal(message.data, single + 4, 5);
	assert_int_equal(reassembler->stats.messages_dropped, 1);
}

static void reassemble_evicts_oldest(void **state)
{
	struct mctp_reassembler *reassembler = *state;
	struct mctp_packet_header header = request_header;
	struct packet_list lists[MCTP_REASSEMBLY_CONTEXTS + 1];
	struct mctp_message message;
	uint8_t original[100];
	size_t i;

	fill_pattern(original, sizeof(original), 0x05);
	for (i = 0; i <= MCTP_REASSEMBLY_CONTEXTS; i++) {
		header.source_eid = (uint8_t)(0x10 + i);
		fragment(&header, original, sizeof(original), &lists[i]);
		assert_int_equal(push(reassembler, &lists[i], 0, &message), 0);
	}
	assert_int_equal(reassembler->stats.messages_dropped, 1);

	/* The first partial message was evicted, the second one survives. */
	assert_int_equal(push(reassembler, &lists[0], 1, &message), 0);
	assert_int_equal(reassembler->stats.packets_dropped, 1);
	assert_int_equal(push(reassembler, &lists[1], 1, &message), 1);
	assert_int_equal(message.source_eid, 0x11);
	assert_int_equal(
	    push(reassembler, &lists[MCTP_REASSEMBLY_CONTEXTS], 1, &message),
	    1);
	assert_int_equal(message.source_eid, 0x10 + MCTP_REASSEMBLY_CONTEXTS);
}

static void reassemble_drops_bad_packets(void **state)
{
	static const uint8_t short_packet[] = {0x01, 0x0a, 0x08};
	static const uint8_t header_only[] = {0x01, 0x0a, 0x08, 0xc8};
	static const uint8_t bad_version[] = {0x02, 0x0a, 0x08, 0xc8, 0x05};
	/* A middle packet for a message that never started. */
	static const uint8_t stray[] = {0x01, 0x0a, 0x08, 0x18, 0x05};
	struct mctp_reassembler *reassembler = *state;
	struct mctp_message message;

	assert_int_equal(mctp_reassembler_push(reassembler, short_packet,
					       sizeof(short_packet), &message),
			 0);
	assert_int_equal(reassembler->stats.packets_dropped, 1);
	assert_int_equal(mctp_reassembler_push(reassembler, header_only,
					       sizeof(header_only), &message),
			 0);
	assert_int_equal(reassembler->stats.packets_dropped, 2);
	assert_int_equal(mctp_reassembler_push(reassembler, bad_version,
					       sizeof(bad_version), &message),
			 0);
	assert_int_equal(reassembler->stats.packets_dropped, 3);
	assert_int_equal(
	    mctp_reassembler_push(reassembler, stray, sizeof(stray), &message),
	    0);
	assert_int_equal(reassembler->stats.packets_dropped, 4);
	assert_int_equal(reassembler->stats.messages_dropped, 0);
}

#define REASSEMBLER_TEST(name)                                                 \
	cmocka_unit_test_setup_teardown(name, reassembler_setup,               \
					reassembler_cleanup)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(header_encodes_vectors),
	    cmocka_unit_test(header_decodes_vectors),
	    cmocka_unit_test(header_encode_rejects_fields),
	    cmocka_unit_test(header_decode_checks_version),
	    cmocka_unit_test(fragment_150_bytes),
	    cmocka_unit_test(fragment_counts_and_sequence),
	    cmocka_unit_test(fragment_rejects_arguments),
	    REASSEMBLER_TEST(reassemble_in_order),
	    REASSEMBLER_TEST(reassemble_single_packet),
	    REASSEMBLER_TEST(reassemble_out_of_sequence),
	    REASSEMBLER_TEST(reassemble_first_sequence_any),
	    REASSEMBLER_TEST(reassemble_second_som_restarts),
	    REASSEMBLER_TEST(reassemble_oversize_dropped),
	    REASSEMBLER_TEST(reassemble_trim_keeps_partial),
	    REASSEMBLER_TEST(reassemble_interleaved_tags),
	    REASSEMBLER_TEST(reassemble_sources_separate),
	    REASSEMBLER_TEST(reassemble_missing_eom),
	    REASSEMBLER_TEST(reassemble_evicts_oldest),
	    REASSEMBLER_TEST(reassemble_drops_bad_packets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
