// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for GET_VERSION and VERSION. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct version_row {
	const char *name;
	const char *hex;
	uint8_t entry_count;
	uint16_t entries[SPDM_MAX_VERSION_ENTRIES];
};

static const struct version_row version_rows[] = {
	{ "emulator offering 1.0 to 1.4",
	  "10 04 00 00 00 05 00 10 00 11 00 12 00 13 00 14",
	  5, { 0x1000, 0x1100, 0x1200, 0x1300, 0x1400 } },
	{ "emulator offering 1.2 only", "10 04 00 00 00 01 00 12",
	  1, { 0x1200 } },
	{ "recorded 1.0 responder", "10 04 00 00 00 01 00 10", 1, { 0x1000 } },
	{ "update and alpha nibbles", "10 04 00 00 00 02 00 10 21 12",
	  2, { 0x1000, 0x1221 } },
	{ "sixteen entries",
	  "10 04 00 00 00 10 00 10 01 10 02 10 03 10 04 10 05 10 06 10 07 10"
	  " 08 10 09 10 0a 10 0b 10 0c 10 0d 10 0e 10 0f 10",
	  16, { 0x1000, 0x1001, 0x1002, 0x1003, 0x1004, 0x1005, 0x1006,
		0x1007, 0x1008, 0x1009, 0x100a, 0x100b, 0x100c, 0x100d,
		0x100e, 0x100f } },
};

static void build_version(const struct version_row *row,
			  struct spdm_version *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->header.version = SPDM_VERSION_10;
	msg->header.code = SPDM_VERSION;
	msg->entry_count = row->entry_count;
	memcpy(msg->entries, row->entries, sizeof(msg->entries));
}

static void version_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_rows); i++) {
		const struct version_row *row = &version_rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_version msg;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		build_version(row, &msg);
		check_int(row->name,
			  spdm_encode_version(&msg, buf, sizeof(buf), &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
	}
}

static void version_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_rows); i++) {
		const struct version_row *row = &version_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_version msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name, spdm_decode_version(&msg, bytes, length),
			  0);
		check_int(row->name, msg.header.version, SPDM_VERSION_10);
		check_int(row->name, msg.header.code, SPDM_VERSION);
		check_int(row->name, msg.entry_count, row->entry_count);
		for (unsigned int e = 0; e < row->entry_count; e++)
			check_int(row->name, msg.entries[e], row->entries[e]);
		check_int(row->name, msg.size, length);
	}
}

/* Every prefix shorter than the message lacks bytes the count promises. */
static void version_decode_truncated(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_rows); i++) {
		const struct version_row *row = &version_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_version msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_version(&msg, bytes, n),
				  -EOVERFLOW);
	}
}

/* Trailing bytes are ignored: size is 6 + 2 * count. */
static void version_decode_trailing(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_rows); i++) {
		const struct version_row *row = &version_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_version msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(bytes + length, 0xa5, 3);
		check_int(row->name,
			  spdm_decode_version(&msg, bytes, length + 3), 0);
		check_int(row->name, msg.size, length);
		check_int(row->name, msg.entry_count, row->entry_count);
	}
}

static void version_encode_short_buffer(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_rows); i++) {
		const struct version_row *row = &version_rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length;
		struct spdm_version msg;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		build_version(row, &msg);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_version(&msg, buf, cap, &length),
				  -EOVERFLOW);
	}
}

struct error_row {
	const char *name;
	const char *hex;
	int expected;
};

static const struct error_row version_error_rows[] = {
	{ "zero entries", "10 04 00 00 00 00", -EPROTO },
	{ "zero entries with trailing bytes", "10 04 00 00 00 00 00 12",
	  -EPROTO },
	{ "count beyond the entries present", "10 04 00 00 00 02 00 12",
	  -EOVERFLOW },
	{ "count 255 with one entry", "10 04 00 00 00 ff 00 12", -EOVERFLOW },
	{ "seventeen entries",
	  "10 04 00 00 00 11 00 10 01 10 02 10 03 10 04 10 05 10 06 10 07 10"
	  " 08 10 09 10 0a 10 0b 10 0c 10 0d 10 0e 10 0f 10 10 10",
	  -EOVERFLOW },
	{ "header version 1.1", "11 04 00 00 00 01 00 11", -EPROTO },
	{ "header version 1.2", "12 04 00 00 00 01 00 12", -EPROTO },
	{ "ERROR in place of VERSION", "10 7f 41 00 00 01 00 12", -EBADMSG },
	{ "GET_VERSION in place of VERSION", "10 84 00 00 00 01 00 12",
	  -EBADMSG },
};

static void version_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(version_error_rows); i++) {
		const struct error_row *row = &version_error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_version msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name, spdm_decode_version(&msg, bytes, length),
			  row->expected);
	}
}

static void version_encode_invalid(void **state)
{
	uint8_t buf[64];
	struct spdm_version msg;
	size_t length;

	build_version(&version_rows[0], &msg);
	msg.entry_count = 0;
	assert_int_equal(spdm_encode_version(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.entry_count = SPDM_MAX_VERSION_ENTRIES + 1;
	assert_int_equal(spdm_encode_version(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	build_version(&version_rows[0], &msg);
	msg.header.version = SPDM_VERSION_12;
	assert_int_equal(spdm_encode_version(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_version(NULL, buf, sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_version(NULL, buf, sizeof(buf)), -EINVAL);
}

static void get_version_round_trip(void **state)
{
	static const uint8_t expected[] = { 0x10, 0x84, 0x00, 0x00 };
	struct spdm_get_version msg = { .header = { .version = 0x10 } };
	uint8_t buf[8];
	size_t length = 0;

	assert_int_equal(spdm_encode_get_version(&msg, buf, sizeof(buf),
						 &length),
			 0);
	assert_int_equal(length, sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));

	memset(&msg, 0xff, sizeof(msg));
	assert_int_equal(spdm_decode_get_version(&msg, expected,
						 sizeof(expected)),
			 0);
	assert_int_equal(msg.header.version, SPDM_VERSION_10);
	assert_int_equal(msg.header.code, SPDM_GET_VERSION);
	assert_int_equal(msg.header.param1, 0);
	assert_int_equal(msg.header.param2, 0);
	assert_int_equal(msg.size, 4);
}

static void get_version_decode_errors(void **state)
{
	static const uint8_t trailing[] = { 0x10, 0x84, 0x00, 0x00, 0xee };
	static const uint8_t version_12[] = { 0x12, 0x84, 0x00, 0x00 };
	static const uint8_t wrong_code[] = { 0x10, 0x81, 0x00, 0x00 };
	struct spdm_get_version msg;

	for (size_t n = 0; n < 4; n++)
		assert_int_equal(spdm_decode_get_version(&msg, trailing, n),
				 -EOVERFLOW);
	assert_int_equal(spdm_decode_get_version(&msg, trailing,
						 sizeof(trailing)),
			 0);
	assert_int_equal(msg.size, 4);
	/* DSP0274 1.2: a GET_VERSION carrying 1.2 gets VersionMismatch. */
	assert_int_equal(spdm_decode_get_version(&msg, version_12,
						 sizeof(version_12)),
			 -EPROTO);
	assert_int_equal(spdm_decode_get_version(&msg, wrong_code,
						 sizeof(wrong_code)),
			 -EBADMSG);
}

static void get_version_encode_invalid(void **state)
{
	struct spdm_get_version msg = { .header = { .version = 0x11 } };
	uint8_t buf[8];
	size_t length;

	assert_int_equal(spdm_encode_get_version(&msg, buf, sizeof(buf),
						 &length),
			 -EINVAL);
	msg.header.version = SPDM_VERSION_10;
	for (size_t cap = 0; cap < 4; cap++)
		assert_int_equal(spdm_encode_get_version(&msg, buf, cap,
							 &length),
				 -EOVERFLOW);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(version_encode_rows),
		cmocka_unit_test(version_decode_rows),
		cmocka_unit_test(version_decode_truncated),
		cmocka_unit_test(version_decode_trailing),
		cmocka_unit_test(version_encode_short_buffer),
		cmocka_unit_test(version_decode_errors),
		cmocka_unit_test(version_encode_invalid),
		cmocka_unit_test(get_version_round_trip),
		cmocka_unit_test(get_version_decode_errors),
		cmocka_unit_test(get_version_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
