// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for the 1.2 CHUNK_GET and CHUNK_RESPONSE messages. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct chunk_get_row {
	const char *name;
	const char *hex;
	uint8_t handle;
	uint16_t chunk_seq_no;
};

static const struct chunk_get_row get_rows[] = {
	{ "first chunk of handle 0", "12 86 00 00 00 00", 0, 0 },
	{ "chunk 2 of handle 7", "12 86 00 07 02 00", 7, 2 },
	{ "last sequence number", "12 86 00 ff ff ff", 0xff, 0xffff },
};

static void chunk_get_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(get_rows); i++) {
		const struct chunk_get_row *row = &get_rows[i];
		uint8_t bytes[16], buf[16];
		size_t length, encoded_length = 0;
		struct spdm_chunk_get msg = {
			.header = { .version = SPDM_VERSION_12,
				    .param2 = row->handle },
			.chunk_seq_no = row->chunk_seq_no,
		};

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_encode_chunk_get(&msg, buf, sizeof(buf),
						&encoded_length),
			  0);
		check_bytes(row->name, buf, encoded_length, bytes, length);
		for (size_t cap = 0; cap < length; cap++)
			check_int(row->name,
				  spdm_encode_chunk_get(&msg, buf, cap,
							&encoded_length),
				  -EOVERFLOW);

		memset(&msg, 0xee, sizeof(msg));
		memset(bytes + length, 0, 2);
		check_int(row->name,
			  spdm_decode_chunk_get(&msg, bytes, length + 2), 0);
		check_int(row->name, msg.header.version, SPDM_VERSION_12);
		check_int(row->name, msg.header.code, SPDM_CHUNK_GET);
		check_int(row->name, msg.header.param2, row->handle);
		check_int(row->name, msg.chunk_seq_no, row->chunk_seq_no);
		check_int(row->name, msg.size, 6);
		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_chunk_get(&msg, bytes, n),
				  -EOVERFLOW);
	}
}

struct chunk_response_row {
	const char *name;
	const char *hex;
	uint8_t attributes;
	uint8_t handle;
	uint16_t chunk_seq_no;
	uint32_t chunk_size;
	uint32_t large_message_size;
	size_t chunk_offset;
};

static const struct chunk_response_row rows[] = {
	{ "first chunk of a 4660-byte response",
	  "12 06 00 03 00 00 00 00 1a 00 00 00 34 12 00 00 26x5a", 0x00, 3, 0,
	  26, 0x1234, 16 },
	{ "middle chunk", "12 06 00 03 01 00 00 00 1e 00 00 00 30x5b", 0x00,
	  3, 1, 30, 0, 12 },
	{ "last chunk", "12 06 01 03 b3 00 00 00 04 00 00 00 4x5c", 0x01, 3,
	  0xb3, 4, 0, 12 },
	{ "empty middle chunk", "12 06 00 09 02 00 00 00 00 00 00 00", 0x00, 9,
	  2, 0, 0, 12 },
};

static void chunk_response_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct chunk_response_row *row = &rows[i];
		uint8_t expected[128], buf[128];
		size_t expected_length, length = 0;
		struct spdm_chunk_response msg = {
			.header = { .version = SPDM_VERSION_12,
				    .param1 = row->attributes,
				    .param2 = row->handle },
			.chunk_seq_no = row->chunk_seq_no,
			.chunk_size = row->chunk_size,
			.large_message_size = row->large_message_size,
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		msg.chunk = expected + row->chunk_offset;
		check_int(row->name,
			  spdm_encode_chunk_response(&msg, buf, sizeof(buf),
						     &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_chunk_response(&msg, buf, cap,
							     &length),
				  -EOVERFLOW);
	}
}

static void check_response(const struct chunk_response_row *row,
			   const struct spdm_chunk_response *msg,
			   const uint8_t *bytes)
{
	check_int(row->name, msg->header.version, SPDM_VERSION_12);
	check_int(row->name, msg->header.code, SPDM_CHUNK_RESPONSE);
	check_int(row->name, msg->header.param1, row->attributes);
	check_int(row->name, msg->header.param2, row->handle);
	check_int(row->name, msg->chunk_seq_no, row->chunk_seq_no);
	check_int(row->name, msg->chunk_size, row->chunk_size);
	check_int(row->name, msg->large_message_size, row->large_message_size);
	check_ptr(row->name, msg->chunk, bytes + row->chunk_offset);
	check_int(row->name, msg->size, row->chunk_offset + row->chunk_size);
}

static void chunk_response_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct chunk_response_row *row = &rows[i];
		struct spdm_chunk_response msg;
		uint8_t bytes[128];
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_chunk_response(&msg, bytes, length), 0);
		check_response(row, &msg, bytes);
		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_chunk_response(&msg, bytes, n),
				  -EOVERFLOW);

		memset(bytes + length, 0x5d, 7);
		check_int(row->name,
			  spdm_decode_chunk_response(&msg, bytes, length + 7),
			  0);
		check_response(row, &msg, bytes);
	}
}

struct error_row {
	const char *name;
	const char *hex;
	bool request;
	int expected;
};

static const struct error_row error_rows[] = {
	{ "CHUNK_GET in 1.1", "11 86 00 00 00 00", true, -EPROTO },
	{ "CHUNK_GET in 1.0", "10 86 00 00 00 00", true, -EPROTO },
	{ "CHUNK_GET in 1.3", "13 86 00 00 00 00", true, -EPROTO },
	{ "CHUNK_SEND in place of CHUNK_GET", "12 85 00 00 00 00", true,
	  -EBADMSG },
	{ "CHUNK_RESPONSE in 1.1", "11 06 00 00 01 00 00 00 00 00 00 00",
	  false, -EPROTO },
	{ "ChunkSize past the end", "12 06 00 00 01 00 00 00 05 00 00 00 4x00",
	  false, -EOVERFLOW },
	{ "ChunkSize 4 GiB", "12 06 00 00 01 00 00 00 ff ff ff ff 4x00", false,
	  -EOVERFLOW },
	{ "chunk 0 without LargeMessageSize",
	  "12 06 00 00 00 00 00 00 00 00 00 00", false, -EOVERFLOW },
	{ "CHUNK_SEND_ACK in place of CHUNK_RESPONSE",
	  "12 05 00 00 01 00 00 00 00 00 00 00", false, -EBADMSG },
};

static void chunk_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(error_rows); i++) {
		const struct error_row *row = &error_rows[i];
		struct spdm_chunk_response response;
		struct spdm_chunk_get request;
		uint8_t bytes[64];
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		if (row->request)
			check_int(row->name,
				  spdm_decode_chunk_get(&request, bytes,
							length),
				  row->expected);
		else
			check_int(row->name,
				  spdm_decode_chunk_response(&response, bytes,
							     length),
				  row->expected);
	}
}

static void chunk_encode_invalid(void **state)
{
	struct spdm_chunk_get request = { .header = { .version = 0x11 } };
	struct spdm_chunk_response response = {
		.header = { .version = SPDM_VERSION_12 },
		.chunk_size = 4,
	};
	uint8_t buf[64];
	size_t length;

	assert_int_equal(spdm_encode_chunk_get(&request, buf, sizeof(buf),
					       &length),
			 -EINVAL);
	/* A chunk size without chunk bytes. */
	assert_int_equal(spdm_encode_chunk_response(&response, buf,
						    sizeof(buf), &length),
			 -EINVAL);
	response.chunk_size = 0;
	response.header.version = SPDM_VERSION_11;
	assert_int_equal(spdm_encode_chunk_response(&response, buf,
						    sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_chunk_get(NULL, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(spdm_decode_chunk_response(NULL, buf, sizeof(buf)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chunk_get_rows),
		cmocka_unit_test(chunk_response_encode_rows),
		cmocka_unit_test(chunk_response_decode_rows),
		cmocka_unit_test(chunk_decode_errors),
		cmocka_unit_test(chunk_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
