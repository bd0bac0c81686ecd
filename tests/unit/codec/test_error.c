// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for ERROR, ResponseNotReady data and RESPOND_IF_READY. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct error_message_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t error_code;
	uint8_t error_data;
	size_t ext_length;
};

static const struct error_message_row rows[] = {
	{ "VersionMismatch before negotiation", "10 7f 41 00", 0x10, 0x41, 0,
	  0 },
	{ "VersionMismatch on a 1.2 connection", "12 7f 41 00", 0x12, 0x41, 0,
	  0 },
	{ "1.1 InvalidRequest", "11 7f 01 00", 0x11, 0x01, 0, 0 },
	{ "1.0 UnsupportedRequest of GET_MEASUREMENTS", "10 7f 07 e0", 0x10,
	  0x07, 0xe0, 0 },
	{ "1.2 ResponseNotReady for CHALLENGE", "12 7f 42 00 0a 83 05 04",
	  0x12, 0x42, 0, 4 },
	{ "1.2 ResponseTooLarge of 4660 bytes", "12 7f 0d 00 34 12 00 00",
	  0x12, 0x0d, 0, 4 },
	{ "1.2 LargeResponse handle 3", "12 7f 0f 00 03", 0x12, 0x0f, 0, 1 },
	{ "1.0 vendor error with 32 bytes", "10 7f ff 00 32x5c", 0x10, 0xff,
	  0, 32 },
};

static void error_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct error_message_row *row = &rows[i];
		uint8_t expected[64], buf[64];
		size_t expected_length, length = 0;
		struct spdm_error msg = {
			.header = { .version = row->version,
				    .param1 = row->error_code,
				    .param2 = row->error_data },
			.ext_length = row->ext_length,
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		memcpy(msg.ext_data, expected + 4, row->ext_length);
		check_int(row->name,
			  spdm_encode_error(&msg, buf, sizeof(buf), &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_error(&msg, buf, cap, &length),
				  -EOVERFLOW);
	}
}

static void check_error(const struct error_message_row *row,
			const struct spdm_error *msg, const uint8_t *bytes)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_ERROR);
	check_int(row->name, msg->header.param1, row->error_code);
	check_int(row->name, msg->header.param2, row->error_data);
	check_int(row->name, msg->ext_length, row->ext_length);
	check_bytes(row->name, msg->ext_data, msg->ext_length, bytes + 4,
		    row->ext_length);
	check_int(row->name, msg->size, 4 + row->ext_length);
}

static void error_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct error_message_row *row = &rows[i];
		uint8_t bytes[64];
		struct spdm_error msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(&msg, 0xee, sizeof(msg));
		check_int(row->name, spdm_decode_error(&msg, bytes, length), 0);
		check_error(row, &msg, bytes);

		/* Only the header is required: fewer bytes are too short. */
		for (size_t n = 0; n < 4; n++)
			check_int(row->name, spdm_decode_error(&msg, bytes, n),
				  -EOVERFLOW);
	}
}

/* Extended data beyond 32 bytes is dropped, and so is its size. */
static void error_decode_keeps_32_bytes(void **state)
{
	uint8_t bytes[128];
	struct spdm_error msg;
	size_t length;

	length = hex_to_bytes("12 7f ff 07 32x01 40x02", bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_error(&msg, bytes, length), 0);
	assert_int_equal(msg.header.param1, SPDM_ERROR_VENDOR_DEFINED);
	assert_int_equal(msg.header.param2, 0x07);
	assert_int_equal(msg.ext_length, SPDM_MAX_ERROR_EXT_DATA);
	assert_memory_equal(msg.ext_data, bytes + 4, SPDM_MAX_ERROR_EXT_DATA);
	assert_int_equal(msg.size, 4 + SPDM_MAX_ERROR_EXT_DATA);
}

static void error_decode_errors(void **state)
{
	static const uint8_t version_13[] = { 0x13, 0x7f, 0x41, 0x00 };
	static const uint8_t not_error[] = { 0x12, 0x04, 0x41, 0x00 };
	struct spdm_error msg;

	assert_int_equal(spdm_decode_error(&msg, version_13,
					   sizeof(version_13)),
			 -EPROTO);
	assert_int_equal(spdm_decode_error(&msg, not_error, sizeof(not_error)),
			 -EBADMSG);
	assert_int_equal(spdm_decode_error(NULL, not_error, sizeof(not_error)),
			 -EINVAL);
}

static void error_encode_invalid(void **state)
{
	struct spdm_error msg = {
		.header = { .version = SPDM_VERSION_12, .param1 = 0xff },
		.ext_length = SPDM_MAX_ERROR_EXT_DATA + 1,
	};
	uint8_t buf[64];
	size_t length;

	assert_int_equal(spdm_encode_error(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.ext_length = 0;
	msg.header.version = 0x13;
	assert_int_equal(spdm_encode_error(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_error(NULL, buf, sizeof(buf), &length),
			 -EINVAL);
}

struct not_ready_row {
	const char *name;
	const char *hex;
	int expected;
	struct spdm_response_not_ready fields;
};

static const struct not_ready_row not_ready_rows[] = {
	{ "CHALLENGE, token 5", "12 7f 42 00 0a 83 05 04", 0,
	  { 10, 0x83, 5, 4 } },
	{ "GET_MEASUREMENTS, largest exponent", "10 7f 42 00 1f e0 ff 02", 0,
	  { 31, 0xe0, 0xff, 2 } },
	{ "trailing data ignored", "11 7f 42 00 01 81 00 03 ee ee", 0,
	  { 1, 0x81, 0, 3 } },
	{ "three bytes of data", "12 7f 42 00 0a 83 05", -EBADMSG,
	  { 0, 0, 0, 0 } },
	{ "no data", "12 7f 42 00", -EBADMSG, { 0, 0, 0, 0 } },
	{ "Busy, not ResponseNotReady", "12 7f 03 00 0a 83 05 04", -EBADMSG,
	  { 0, 0, 0, 0 } },
};

static void response_not_ready_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(not_ready_rows); i++) {
		const struct not_ready_row *row = &not_ready_rows[i];
		struct spdm_response_not_ready rnr;
		uint8_t bytes[64];
		struct spdm_error msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name, spdm_decode_error(&msg, bytes, length), 0);
		check_int(row->name, spdm_decode_response_not_ready(&rnr, &msg),
			  row->expected);
		if (row->expected)
			continue;
		check_int(row->name, rnr.rdt_exponent,
			  row->fields.rdt_exponent);
		check_int(row->name, rnr.request_code,
			  row->fields.request_code);
		check_int(row->name, rnr.token, row->fields.token);
		check_int(row->name, rnr.rdtm, row->fields.rdtm);
	}
}

struct respond_if_ready_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t request_code;
	uint8_t token;
};

static const struct respond_if_ready_row ready_rows[] = {
	{ "1.0 after GET_DIGESTS", "10 ff 81 00", 0x10, 0x81, 0 },
	{ "1.1 after CHALLENGE", "11 ff 83 05", 0x11, 0x83, 5 },
	{ "1.2 after GET_MEASUREMENTS", "12 ff e0 ff", 0x12, 0xe0, 0xff },
};

static void respond_if_ready_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(ready_rows); i++) {
		const struct respond_if_ready_row *row = &ready_rows[i];
		uint8_t bytes[16], buf[16];
		size_t length, encoded_length = 0;
		struct spdm_respond_if_ready msg = {
			.header = { .version = row->version,
				    .param1 = row->request_code,
				    .param2 = row->token },
		};

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_encode_respond_if_ready(&msg, buf, sizeof(buf),
						       &encoded_length),
			  0);
		check_bytes(row->name, buf, encoded_length, bytes, length);
		for (size_t cap = 0; cap < length; cap++)
			check_int(row->name,
				  spdm_encode_respond_if_ready(&msg, buf, cap,
							       &encoded_length),
				  -EOVERFLOW);

		memset(&msg, 0xee, sizeof(msg));
		bytes[length] = 0x00;
		check_int(row->name,
			  spdm_decode_respond_if_ready(&msg, bytes, length + 1),
			  0);
		check_int(row->name, msg.header.version, row->version);
		check_int(row->name, msg.header.code, SPDM_RESPOND_IF_READY);
		check_int(row->name, msg.header.param1, row->request_code);
		check_int(row->name, msg.header.param2, row->token);
		check_int(row->name, msg.size, 4);
		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_respond_if_ready(&msg, bytes, n),
				  -EOVERFLOW);
	}
}

static void respond_if_ready_errors(void **state)
{
	static const uint8_t version_13[] = { 0x13, 0xff, 0x83, 0x05 };
	static const uint8_t not_ready[] = { 0x12, 0x7f, 0x83, 0x05 };
	struct spdm_respond_if_ready msg = { .header = { .version = 0x13 } };
	uint8_t buf[8];
	size_t length;

	assert_int_equal(spdm_encode_respond_if_ready(&msg, buf, sizeof(buf),
						      &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_respond_if_ready(&msg, version_13,
						      sizeof(version_13)),
			 -EPROTO);
	assert_int_equal(spdm_decode_respond_if_ready(&msg, not_ready,
						      sizeof(not_ready)),
			 -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_encode_rows),
		cmocka_unit_test(error_decode_rows),
		cmocka_unit_test(error_decode_keeps_32_bytes),
		cmocka_unit_test(error_decode_errors),
		cmocka_unit_test(error_encode_invalid),
		cmocka_unit_test(response_not_ready_rows),
		cmocka_unit_test(respond_if_ready_rows),
		cmocka_unit_test(respond_if_ready_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
