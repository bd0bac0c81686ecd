// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for GET_CAPABILITIES and CAPABILITIES in 1.0, 1.1, 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct capabilities_row {
	const char *name;
	bool request;
	const char *hex;
	uint8_t version;
	uint8_t ct_exponent;
	uint32_t flags;
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
};

static const struct capabilities_row rows[] = {
	{ "1.0 request", true, "10 e1 00 00", 0x10, 0, 0, 0, 0 },
	{ "1.1 recorded request", true, "11 e1 00 00 00 00 00 00 06 00 00 00",
	  0x11, 0, 0x06, 0, 0 },
	{ "1.1 request with CTExponent 20", true,
	  "11 e1 00 00 00 14 00 00 06 00 00 00", 0x11, 20, 0x06, 0, 0 },
	{ "1.2 request, flags 0, 4096/4096", true,
	  "12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 10 00 00",
	  0x12, 0, 0, 4096, 4096 },
	{ "1.2 recorded request", true,
	  "12 e1 00 00 00 00 00 00 06 00 00 00 00 12 00 00 00 12 00 00",
	  0x12, 0, 0x06, 0x1200, 0x1200 },
	{ "1.0 emulator response", false,
	  "10 61 00 00 00 00 00 00 37 00 00 00", 0x10, 0, 0x37, 0, 0 },
	{ "1.1 recorded response", false,
	  "11 61 00 00 00 00 00 00 f7 fb 00 00", 0x11, 0, 0xfbf7, 0, 0 },
	{ "1.2 emulator response", false,
	  "12 61 00 00 00 00 00 00 f7 fb 1a 00 00 12 00 00 00 12 00 00",
	  0x12, 0, 0x1afbf7, 0x1200, 0x1200 },
	{ "1.2 recorded response", false,
	  "12 61 00 00 00 00 00 00 f7 fb 1a 00 00 12 00 00 00 80 02 00",
	  0x12, 0, 0x1afbf7, 0x1200, 0x28000 },
	{ "1.2 response with CTExponent 31", false,
	  "12 61 00 00 00 1f 00 00 06 00 00 00 2a 00 00 00 ff ff ff ff",
	  0x12, 31, 0x06, 42, 0xffffffff },
};

static int encode(const struct capabilities_row *row,
		  const struct spdm_capabilities *msg, uint8_t *buf, size_t cap,
		  size_t *length)
{
	if (row->request)
		return spdm_encode_get_capabilities(msg, buf, cap, length);
	return spdm_encode_capabilities(msg, buf, cap, length);
}

static int decode(const struct capabilities_row *row,
		  struct spdm_capabilities *msg, const uint8_t *buf,
		  size_t length)
{
	if (row->request)
		return spdm_decode_get_capabilities(msg, buf, length);
	return spdm_decode_capabilities(msg, buf, length);
}

static void build(const struct capabilities_row *row,
		  struct spdm_capabilities *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->header.version = row->version;
	msg->ct_exponent = row->ct_exponent;
	msg->flags = row->flags;
	msg->data_transfer_size = row->data_transfer_size;
	msg->max_spdm_msg_size = row->max_spdm_msg_size;
}

static void capabilities_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_capabilities msg;

		expected_length = hex_to_bytes(rows[i].hex, expected,
					       sizeof(expected));
		build(&rows[i], &msg);
		check_int(rows[i].name,
			  encode(&rows[i], &msg, buf, sizeof(buf), &length), 0);
		check_bytes(rows[i].name, buf, length, expected,
			    expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(rows[i].name,
				  encode(&rows[i], &msg, buf, cap, &length),
				  -EOVERFLOW);
	}
}

static void check_fields(const struct capabilities_row *row,
			 const struct spdm_capabilities *msg, size_t size)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code,
		  row->request ? SPDM_GET_CAPABILITIES : SPDM_CAPABILITIES);
	check_int(row->name, msg->ct_exponent, row->ct_exponent);
	check_int(row->name, msg->flags, row->flags);
	check_int(row->name, msg->data_transfer_size, row->data_transfer_size);
	check_int(row->name, msg->max_spdm_msg_size, row->max_spdm_msg_size);
	check_int(row->name, msg->size, size);
}

static void capabilities_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_capabilities msg;
		size_t length;

		length = hex_to_bytes(rows[i].hex, bytes, sizeof(bytes));
		memset(&msg, 0xee, sizeof(msg));
		check_int(rows[i].name, decode(&rows[i], &msg, bytes, length),
			  0);
		check_fields(&rows[i], &msg, length);
	}
}

static void capabilities_decode_truncated(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_capabilities msg;
		size_t length;

		length = hex_to_bytes(rows[i].hex, bytes, sizeof(bytes));
		for (size_t n = 0; n < length; n++)
			check_int(rows[i].name,
				  decode(&rows[i], &msg, bytes, n), -EOVERFLOW);
	}
}

/*
 * Trailing bytes, even ones that look like the next version's fields, are
 * ignored: the size stays 4/12/20 for requests and 12/12/20 for responses.
 */
static void capabilities_decode_trailing(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_capabilities msg;
		size_t length;

		length = hex_to_bytes(rows[i].hex, bytes, sizeof(bytes));
		memset(bytes + length, 0x5a, 16);
		memset(&msg, 0xee, sizeof(msg));
		check_int(rows[i].name,
			  decode(&rows[i], &msg, bytes, length + 16), 0);
		check_fields(&rows[i], &msg, length);
	}
}

struct error_row {
	const char *name;
	bool request;
	const char *hex;
	int expected;
};

static const struct error_row error_rows[] = {
	{ "1.1 request of 1.0 size", true, "11 e1 00 00", -EOVERFLOW },
	{ "1.2 request of 1.1 size", true,
	  "12 e1 00 00 00 00 00 00 06 00 00 00", -EOVERFLOW },
	{ "1.2 response of 1.1 size", false,
	  "12 61 00 00 00 00 00 00 f7 fb 00 00", -EOVERFLOW },
	{ "1.0 response of 1.0 request size", false, "10 61 00 00",
	  -EOVERFLOW },
	{ "request version 1.3", true,
	  "13 e1 00 00 00 00 00 00 06 00 00 00 00 12 00 00 00 12 00 00",
	  -EPROTO },
	{ "response version 2.0", false,
	  "20 61 00 00 00 00 00 00 f7 fb 1a 00 00 12 00 00 00 12 00 00",
	  -EPROTO },
	{ "request version 0.9", true, "09 e1 00 00", -EPROTO },
	{ "CAPABILITIES as the request", true,
	  "12 61 00 00 00 00 00 00 f7 fb 1a 00 00 12 00 00 00 12 00 00",
	  -EBADMSG },
	{ "GET_CAPABILITIES as the response", false,
	  "12 e1 00 00 00 00 00 00 06 00 00 00 00 12 00 00 00 12 00 00",
	  -EBADMSG },
	{ "ERROR as the response", false, "12 7f 41 00 00 00 00 00 00 00 00 00",
	  -EBADMSG },
};

static void capabilities_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(error_rows); i++) {
		const struct error_row *row = &error_rows[i];
		const struct capabilities_row kind = {
			.request = row->request,
		};
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_capabilities msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name, decode(&kind, &msg, bytes, length),
			  row->expected);
	}
}

/* A field the version lacks is not written, whatever the struct holds. */
static void capabilities_encode_drops_absent(void **state)
{
	struct spdm_capabilities msg = {
		.header = { .version = SPDM_VERSION_11 },
		.ct_exponent = 3,
		.flags = 0x06,
		.data_transfer_size = 0x1200,
		.max_spdm_msg_size = 0x1200,
	};
	uint8_t expected[32], buf[32];
	size_t expected_length, length = 0;

	expected_length = hex_to_bytes("11 61 00 00 00 03 00 00 06 00 00 00",
				       expected, sizeof(expected));
	assert_int_equal(spdm_encode_capabilities(&msg, buf, sizeof(buf),
						  &length),
			 0);
	check_bytes("1.1 response", buf, length, expected, expected_length);

	msg.header.version = SPDM_VERSION_10;
	assert_int_equal(spdm_encode_get_capabilities(&msg, buf, sizeof(buf),
						      &length),
			 0);
	assert_int_equal(length, 4);
}

static void capabilities_encode_invalid(void **state)
{
	struct spdm_capabilities msg = { .header = { .version = 0x13 } };
	uint8_t buf[32];
	size_t length;

	assert_int_equal(spdm_encode_capabilities(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_get_capabilities(&msg, buf, sizeof(buf),
						      &length),
			 -EINVAL);
	msg.header.version = SPDM_VERSION_12;
	assert_int_equal(spdm_encode_capabilities(NULL, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_capabilities(&msg, buf, sizeof(buf), NULL),
			 -EINVAL);
	assert_int_equal(spdm_decode_capabilities(NULL, buf, sizeof(buf)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capabilities_encode_rows),
		cmocka_unit_test(capabilities_decode_rows),
		cmocka_unit_test(capabilities_decode_truncated),
		cmocka_unit_test(capabilities_decode_trailing),
		cmocka_unit_test(capabilities_decode_errors),
		cmocka_unit_test(capabilities_encode_drops_absent),
		cmocka_unit_test(capabilities_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
