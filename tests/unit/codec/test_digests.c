// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for GET_DIGESTS and DIGESTS in 1.0, 1.1 and 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct digests_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t slot_mask;
	size_t digest_size;
	uint8_t digest_count;
};

static const struct digests_row rows[] = {
	{ "1.2 recorded P-256 slots 0 and 1",
	  "12 01 00 03 a0 57 50 30 5d 36 9c 58 af 23 41 ed ed f5 f4 c7 7b 91"
	  " 52 89 e0 3b 1e 96 3f e5 6e 9d 75 3b 73 71 1b 2d 1c ff e1 d6 6a 76"
	  " 6a f9 72 6d 17 52 2f 12 4a 8b 39 1e 15 a5 90 ec 38 82 a5 93 cc c8"
	  " d3 20",
	  0x12, 0x03, 32, 2 },
	{ "1.0 slot 0 SHA-384", "10 01 00 01 48xab", 0x10, 0x01, 48, 1 },
	{ "1.1 slots 0 and 7 SHA-512", "11 01 00 81 64x11 64x77", 0x11, 0x81,
	  64, 2 },
	{ "1.2 all eight slots SHA-256",
	  "12 01 00 ff 32x00 32x01 32x02 32x03 32x04 32x05 32x06 32x07", 0x12,
	  0xff, 32, 8 },
	{ "1.2 slot 5 only", "12 01 00 20 32x55", 0x12, 0x20, 32, 1 },
	{ "1.2 empty SlotMask", "12 01 00 00", 0x12, 0x00, 48, 0 },
};

static void digests_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct digests_row *row = &rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_digests msg = {
			.header = { .version = row->version,
				    .param2 = row->slot_mask },
			.digest_count = row->digest_count,
			.digest_size = row->digest_size,
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		msg.digests = expected + 4;
		check_int(row->name,
			  spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_digests(&msg, buf, cap, &length),
				  -EOVERFLOW);
	}
}

static void check_fields(const struct digests_row *row,
			 const struct spdm_digests *msg, const uint8_t *bytes,
			 size_t size)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_DIGESTS);
	check_int(row->name, msg->header.param2, row->slot_mask);
	check_int(row->name, msg->digest_count, row->digest_count);
	check_int(row->name, msg->digest_size, row->digest_size);
	check_ptr(row->name, msg->digests, bytes + 4);
	check_int(row->name, msg->size, size);
}

static void digests_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct digests_row *row = &rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_digests msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_digests(&msg, bytes, length,
					      row->digest_size),
			  0);
		check_fields(row, &msg, bytes, length);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_digests(&msg, bytes, n,
						      row->digest_size),
				  -EOVERFLOW);

		/* Trailing bytes are ignored: size stays 4 + count * H. */
		memset(bytes + length, 0xcc, 20);
		check_int(row->name,
			  spdm_decode_digests(&msg, bytes, length + 20,
					      row->digest_size),
			  0);
		check_fields(row, &msg, bytes, length);
	}
}

struct error_row {
	const char *name;
	const char *hex;
	size_t digest_size;
	int expected;
};

static const struct error_row error_rows[] = {
	{ "SHA-256 digests read as SHA-384", "12 01 00 03 64x01", 48,
	  -EOVERFLOW },
	{ "SlotMask with a slot more than present", "12 01 00 07 64x01", 32,
	  -EOVERFLOW },
	{ "header only with slot 0 set", "12 01 00 01", 32, -EOVERFLOW },
	{ "digest size 0", "12 01 00 01 32x01", 0, -EINVAL },
	{ "digest size 65", "12 01 00 01 65x01", 65, -EINVAL },
	{ "version 1.3", "13 01 00 01 32x01", 32, -EPROTO },
	{ "GET_DIGESTS in place of DIGESTS", "12 81 00 01 32x01", 32,
	  -EBADMSG },
	{ "CERTIFICATE in place of DIGESTS", "12 02 00 01 32x01", 32,
	  -EBADMSG },
};

static void digests_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(error_rows); i++) {
		const struct error_row *row = &error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_digests msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_digests(&msg, bytes, length,
					      row->digest_size),
			  row->expected);
	}
}

static void digests_encode_invalid(void **state)
{
	static const uint8_t digest[64];
	struct spdm_digests msg = {
		.header = { .version = SPDM_VERSION_12, .param2 = 0x03 },
		.digest_count = 1,
		.digest_size = 32,
		.digests = digest,
	};
	uint8_t buf[256];
	size_t length;

	/* digest_count must match the SlotMask. */
	assert_int_equal(spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.digest_count = 2;
	msg.digests = NULL;
	assert_int_equal(spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.digests = digest;
	msg.digest_size = 0;
	assert_int_equal(spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.digest_size = SPDM_MAX_HASH_SIZE + 1;
	assert_int_equal(spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	msg.digest_size = 32;
	msg.header.version = 0x20;
	assert_int_equal(spdm_encode_digests(&msg, buf, sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_digests(NULL, buf, sizeof(buf), 32),
			 -EINVAL);
}

struct get_digests_row {
	const char *name;
	const char *hex;
	uint8_t version;
};

static const struct get_digests_row get_rows[] = {
	{ "1.0 request", "10 81 00 00", 0x10 },
	{ "1.1 request", "11 81 00 00", 0x11 },
	{ "1.2 request", "12 81 00 00", 0x12 },
};

static void get_digests_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(get_rows); i++) {
		const struct get_digests_row *row = &get_rows[i];
		uint8_t expected[16], buf[16];
		size_t expected_length, length = 0;
		struct spdm_get_digests msg = {
			.header = { .version = row->version },
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		check_int(row->name,
			  spdm_encode_get_digests(&msg, buf, sizeof(buf),
						  &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);

		memset(&msg, 0xee, sizeof(msg));
		expected[expected_length] = 0x99;
		check_int(row->name,
			  spdm_decode_get_digests(&msg, expected,
						  expected_length + 1),
			  0);
		check_int(row->name, msg.header.version, row->version);
		check_int(row->name, msg.header.code, SPDM_GET_DIGESTS);
		check_int(row->name, msg.header.param1, 0);
		check_int(row->name, msg.header.param2, 0);
		check_int(row->name, msg.size, 4);

		for (size_t n = 0; n < expected_length; n++)
			check_int(row->name,
				  spdm_decode_get_digests(&msg, expected, n),
				  -EOVERFLOW);
		msg.header.version = row->version;
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_get_digests(&msg, buf, cap,
							  &length),
				  -EOVERFLOW);
	}
}

static void get_digests_decode_errors(void **state)
{
	static const uint8_t version_13[] = { 0x13, 0x81, 0x00, 0x00 };
	static const uint8_t digests[] = { 0x12, 0x01, 0x00, 0x00 };
	struct spdm_get_digests msg;

	assert_int_equal(spdm_decode_get_digests(&msg, version_13,
						 sizeof(version_13)),
			 -EPROTO);
	assert_int_equal(spdm_decode_get_digests(&msg, digests,
						 sizeof(digests)),
			 -EBADMSG);
	assert_int_equal(spdm_decode_get_digests(NULL, digests,
						 sizeof(digests)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(digests_encode_rows),
		cmocka_unit_test(digests_decode_rows),
		cmocka_unit_test(digests_decode_errors),
		cmocka_unit_test(digests_encode_invalid),
		cmocka_unit_test(get_digests_rows),
		cmocka_unit_test(get_digests_decode_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
