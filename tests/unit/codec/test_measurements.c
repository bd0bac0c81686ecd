// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for GET_MEASUREMENTS and MEASUREMENTS in 1.0 to 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct get_measurements_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t attributes;
	uint8_t operation;
	bool nonce_present;
	uint8_t slot_id_param;
	size_t size;
};

static const struct get_measurements_row get_rows[] = {
	{ "1.0 count query", "10 e0 00 00", 0x10, 0x00, 0x00, false, 0, 4 },
	{ "1.1 unsigned index 3", "11 e0 00 03", 0x11, 0x00, 0x03, false, 0,
	  4 },
	{ "1.2 unsigned raw bit stream, all", "12 e0 02 ff", 0x12, 0x02, 0xff,
	  false, 0, 4 },
	{ "1.0 signed all", "10 e0 01 ff 32xab", 0x10, 0x01, 0xff, true, 0,
	  36 },
	{ "1.1 signed all, slot 0", "11 e0 01 ff 32xcd 00", 0x11, 0x01, 0xff,
	  true, 0, 37 },
	{ "1.2 recorded signed all, slot 0",
	  "12 e0 01 ff c1 b5 49 5f f9 17 04 3f d5 d9 b3 f5 af 0c 5a 35 40 7b"
	  " ab 43 16 a7 21 44 7d d1 27 f9 fe e9 7d b6 00",
	  0x12, 0x01, 0xff, true, 0, 37 },
	{ "1.2 signed index 1 with provisioned key",
	  "12 e0 01 01 32x9c 0f", 0x12, 0x01, 0x01, true, 0x0f, 37 },
	{ "1.2 signed raw bit stream, slot 3", "12 e0 03 fe 32x01 03", 0x12,
	  0x03, 0xfe, true, 0x03, 37 },
};

static void get_measurements_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(get_rows); i++) {
		const struct get_measurements_row *row = &get_rows[i];
		uint8_t expected[64], buf[64];
		size_t expected_length, length = 0;
		struct spdm_get_measurements msg = {
			.header = { .version = row->version,
				    .param1 = row->attributes,
				    .param2 = row->operation },
			.slot_id_param = row->slot_id_param,
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		check_int(row->name, expected_length, row->size);
		if (row->nonce_present)
			memcpy(msg.nonce, expected + 4, SPDM_NONCE_SIZE);
		check_int(row->name,
			  spdm_encode_get_measurements(&msg, buf, sizeof(buf),
						       &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_get_measurements(&msg, buf, cap,
							       &length),
				  -EOVERFLOW);
	}
}

static void check_get_fields(const struct get_measurements_row *row,
			     const struct spdm_get_measurements *msg,
			     const uint8_t *bytes)
{
	static const uint8_t zero_nonce[SPDM_NONCE_SIZE];

	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_GET_MEASUREMENTS);
	check_int(row->name, msg->header.param1, row->attributes);
	check_int(row->name, msg->header.param2, row->operation);
	check_bytes(row->name, msg->nonce, SPDM_NONCE_SIZE,
		    row->nonce_present ? bytes + 4 : zero_nonce,
		    SPDM_NONCE_SIZE);
	check_int(row->name, msg->slot_id_param, row->slot_id_param);
	check_int(row->name, msg->size, row->size);
}

static void get_measurements_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(get_rows); i++) {
		const struct get_measurements_row *row = &get_rows[i];
		uint8_t bytes[128];
		struct spdm_get_measurements msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(&msg, 0xee, sizeof(msg));
		check_int(row->name,
			  spdm_decode_get_measurements(&msg, bytes, length), 0);
		check_get_fields(row, &msg, bytes);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_get_measurements(&msg, bytes, n),
				  -EOVERFLOW);

		/*
		 * Trailing bytes, even a nonce after an unsigned request or a
		 * SlotIDParam after a 1.0 one, stay out of the message.
		 */
		memset(bytes + length, 0x0f, 40);
		memset(&msg, 0xee, sizeof(msg));
		check_int(row->name,
			  spdm_decode_get_measurements(&msg, bytes,
						       length + 40),
			  0);
		check_get_fields(row, &msg, bytes);
	}
}

static void get_measurements_errors(void **state)
{
	uint8_t bytes[64], buf[64];
	struct spdm_get_measurements msg = { .header = { .version = 0x13 } };
	size_t length;

	assert_int_equal(spdm_encode_get_measurements(&msg, buf, sizeof(buf),
						      &length),
			 -EINVAL);
	length = hex_to_bytes("13 e0 00 00", bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_get_measurements(&msg, bytes, length),
			 -EPROTO);
	length = hex_to_bytes("12 60 00 00", bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_get_measurements(&msg, bytes, length),
			 -EBADMSG);
	assert_int_equal(spdm_decode_get_measurements(NULL, bytes, length),
			 -EINVAL);
}

struct measurements_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t param1;
	uint8_t param2;
	uint8_t number_of_blocks;
	uint32_t record_length;
	uint16_t opaque_length;
	size_t signature_size;
};

/* A DMTF SHA-256 digest block and a DMTF raw device mode block. */
#define DIGEST_BLOCK "01 01 23 00 00 20 00 32x11"
#define DEVICE_MODE_BLOCK "fe 01 13 00 85 10 00 16x22"

static const struct measurements_row rows[] = {
	{ "1.0 count query", "10 60 08 00 00 00 00 00 32xaa 00 00", 0x10, 8,
	  0, 0, 0, 0, 0 },
	{ "1.2 count query", "12 60 08 00 00 00 00 00 32xbb 00 00", 0x12, 8,
	  0, 0, 0, 0, 0 },
	{ "1.2 recorded P-256, all blocks, signed",
	  "12 60 00 20 08 70 01 00 01 01 23 00 00 20 00 c8 be d0 af 54 73 e9"
	  " 56 f3 8c 0d ef 7c 0b 50 47 ff 75 6a 6a 7e 66 6f 5f 3f b9 56 c5 c1"
	  " 65 2b 1e 02 01 23 00 01 20 00 c6 f3 92 71 1f ff ab be a5 98 6f 8e"
	  " 2c ef 7f 6b ad 3b c4 bd a1 66 42 59 40 6e 46 75 fc 66 ed 8e 03 01"
	  " 23 00 02 20 00 c3 be 3a ad 7a 60 e5 3c 9b aa 8f 52 21 9c ef 64 2c"
	  " 32 08 5a d8 d4 2f b4 2c 62 d6 cf 78 75 d4 41 04 01 23 00 03 20 00"
	  " 94 69 01 53 2c ec 8b 44 73 3b 6b e2 46 18 c3 ba f9 40 e3 ec 23 19"
	  " 16 93 fa 19 32 ac 2e 62 41 c5 10 01 0b 00 87 08 00 07 00 00 00 00"
	  " 00 00 00 11 01 23 00 08 20 00 6b 3c a4 09 35 31 a5 2f 19 ea a3 18"
	  " 0b c3 41 6c 90 ee 96 bf b3 32 42 9a 6d ca f3 b4 a0 ec 22 8a fd 01"
	  " 83 00 84 80 00 128xfd fe 01 13 00 85 10 00 3f 00 00 00 04 00 00 00"
	  " 1f 00 00 00 11 00 00 00 73 cf ca 56 8a b1 92 2e 82 28 92 ad 95 59"
	  " 62 04 12 b3 44 c3 08 51 d9 60 f8 96 8c 45 47 2b cd 8c 00 00 43 6b"
	  " 97 f7 34 0c d8 1b a6 8c b8 38 f2 23 2a 4c 0a e4 a6 e4 f7 55 15 3b"
	  " 6f 8d 4a 4f 5d 50 6b 39 a7 8d db 18 0e ed e7 fe b9 bf 37 57 61 17"
	  " 64 59 1c ea 8b 97 af 8c b6 00 58 c4 38 a2 c8 83 bc 93",
	  0x12, 0, 0x20, 8, 0x170, 0, 64 },
	{ "1.1 signed single index P-384",
	  "11 60 00 00 01 27 00 00 " DIGEST_BLOCK " 32xcc 00 00 96xdd", 0x11,
	  0, 0, 1, 0x27, 0, 96 },
	{ "1.2 unsigned two blocks with opaque data",
	  "12 60 00 00 02 3e 00 00 " DIGEST_BLOCK " " DEVICE_MODE_BLOCK
	  " 32xee 04 00 01 02 03 04",
	  0x12, 0, 0, 2, 0x3e, 4, 0 },
	{ "1.0 unsigned block of another specification",
	  "10 60 00 00 01 06 00 00 05 02 02 00 aa bb 32x01 00 00", 0x10, 0, 0,
	  1, 6, 0, 0 },
	{ "1.2 Ed448 signed with largest opaque data",
	  "12 60 00 20 01 17 00 00 " DEVICE_MODE_BLOCK
	  " 32x02 00 04 1024x03 114x04",
	  0x12, 0, 0x20, 1, 0x17, 1024, 114 },
};

struct measurements_layout {
	size_t record;
	size_t nonce;
	size_t opaque;
	size_t signature;
	size_t size;
};

static struct measurements_layout
measurements_layout(const struct measurements_row *row)
{
	struct measurements_layout layout;

	layout.record = 8;
	layout.nonce = layout.record + row->record_length;
	layout.opaque = layout.nonce + SPDM_NONCE_SIZE + 2;
	layout.signature = layout.opaque + row->opaque_length;
	layout.size = layout.signature + row->signature_size;
	return layout;
}

static void build_measurements(const struct measurements_row *row,
			       const uint8_t *bytes,
			       struct spdm_measurements *msg)
{
	struct measurements_layout layout = measurements_layout(row);

	memset(msg, 0, sizeof(*msg));
	msg->header.version = row->version;
	msg->header.param1 = row->param1;
	msg->header.param2 = row->param2;
	msg->number_of_blocks = row->number_of_blocks;
	msg->record_length = row->record_length;
	msg->record = bytes + layout.record;
	msg->nonce = bytes + layout.nonce;
	msg->opaque_length = row->opaque_length;
	msg->opaque_data = bytes + layout.opaque;
	msg->signature_size = row->signature_size;
	if (row->signature_size)
		msg->signature = bytes + layout.signature;
}

static void measurements_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct measurements_row *row = &rows[i];
		struct measurements_layout layout = measurements_layout(row);
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_measurements msg;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		check_int(row->name, expected_length, layout.size);
		build_measurements(row, expected, &msg);
		check_int(row->name,
			  spdm_encode_measurements(&msg, buf, sizeof(buf),
						   &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_measurements(&msg, buf, cap,
							   &length),
				  -EOVERFLOW);

		/* With no signature the encoder writes zeroes in its place. */
		msg.signature = NULL;
		memset(expected + layout.signature, 0, row->signature_size);
		memset(buf, 0xee, sizeof(buf));
		check_int(row->name,
			  spdm_encode_measurements(&msg, buf, sizeof(buf),
						   &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
	}
}

static void check_measurements(const struct measurements_row *row,
			       const struct spdm_measurements *msg,
			       const uint8_t *bytes)
{
	struct measurements_layout layout = measurements_layout(row);

	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_MEASUREMENTS);
	check_int(row->name, msg->header.param1, row->param1);
	check_int(row->name, msg->header.param2, row->param2);
	check_int(row->name, msg->number_of_blocks, row->number_of_blocks);
	check_int(row->name, msg->record_length, row->record_length);
	check_ptr(row->name, msg->record, bytes + layout.record);
	check_ptr(row->name, msg->nonce, bytes + layout.nonce);
	check_int(row->name, msg->opaque_length, row->opaque_length);
	check_ptr(row->name, msg->opaque_data, bytes + layout.opaque);
	check_ptr(row->name, msg->signature,
		  row->signature_size ? bytes + layout.signature : NULL);
	check_int(row->name, msg->signature_size, row->signature_size);
	check_int(row->name, msg->signed_size, layout.signature);
	check_int(row->name, msg->size, layout.size);
}

static void measurements_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct measurements_row *row = &rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_measurements msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_measurements(&msg, bytes, length,
						   row->signature_size),
			  0);
		check_measurements(row, &msg, bytes);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_measurements(&msg, bytes, n,
							   row->signature_size),
				  -EOVERFLOW);

		memset(bytes + length, 0x00, 5);
		check_int(row->name,
			  spdm_decode_measurements(&msg, bytes, length + 5,
						   row->signature_size),
			  0);
		check_measurements(row, &msg, bytes);
	}
}

/*
 * Read as unsigned, a signed response ends before its signature, which
 * then counts as trailing bytes: the caller must pass the right size.
 */
static void measurements_decode_signed_as_unsigned(void **state)
{
	const struct measurements_row *row = &rows[2];
	struct measurements_layout layout = measurements_layout(row);
	uint8_t bytes[TEST_MESSAGE_MAX];
	struct spdm_measurements msg;
	size_t length;

	length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_measurements(&msg, bytes, length, 0), 0);
	assert_null(msg.signature);
	assert_int_equal(msg.signature_size, 0);
	assert_int_equal(msg.signed_size, layout.signature);
	assert_int_equal(msg.size, layout.signature);
}

struct error_row {
	const char *name;
	const char *hex;
	size_t signature_size;
	int expected;
};

static const struct error_row error_rows[] = {
	{ "NumberOfBlocks 2 with one block",
	  "12 60 00 00 02 27 00 00 " DIGEST_BLOCK " 32x01 00 00", 0, -EBADMSG },
	{ "NumberOfBlocks 1 with two blocks",
	  "12 60 00 00 01 3e 00 00 " DIGEST_BLOCK " " DEVICE_MODE_BLOCK
	  " 32x01 00 00", 0, -EBADMSG },
	{ "NumberOfBlocks 0 with a record",
	  "12 60 00 00 00 27 00 00 " DIGEST_BLOCK " 32x01 00 00", 0, -EBADMSG },
	{ "NumberOfBlocks 1 without a record",
	  "12 60 00 00 01 00 00 00 32x01 00 00", 0, -EBADMSG },
	{ "MeasurementSize past the record",
	  "12 60 00 00 01 26 00 00 01 01 23 00 00 20 00 31x11 32x01 00 00", 0,
	  -EBADMSG },
	{ "partial block header after the last block",
	  "12 60 00 00 01 2a 00 00 " DIGEST_BLOCK " 02 01 23 32x01 00 00", 0,
	  -EBADMSG },
	{ "record length past the end", "12 60 00 00 01 ff ff ff 01 01 03 00",
	  0, -EOVERFLOW },
	{ "no nonce", "12 60 00 00 00 00 00 00", 0, -EOVERFLOW },
	{ "nonce without OpaqueLength", "12 60 00 00 00 00 00 00 32x01", 0,
	  -EOVERFLOW },
	{ "OpaqueLength 1025",
	  "12 60 00 00 00 00 00 00 32x01 01 04 1025x00", 0, -EPROTO },
	{ "OpaqueLength past the end", "12 60 00 00 00 00 00 00 32x01 04 00",
	  0, -EOVERFLOW },
	{ "signature one byte short",
	  "12 60 00 00 00 00 00 00 32x01 00 00 63x02", 64, -EOVERFLOW },
	{ "signature size 513",
	  "12 60 00 00 00 00 00 00 32x01 00 00 513x02", 513, -EINVAL },
	{ "version 1.3", "13 60 00 00 00 00 00 00 32x01 00 00", 0, -EPROTO },
	{ "GET_MEASUREMENTS in place of MEASUREMENTS",
	  "12 e0 00 00 00 00 00 00 32x01 00 00", 0, -EBADMSG },
};

static void measurements_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(error_rows); i++) {
		const struct error_row *row = &error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_measurements msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_measurements(&msg, bytes, length,
						   row->signature_size),
			  row->expected);
	}
}

static void measurements_encode_invalid(void **state)
{
	const struct measurements_row *row = &rows[3];
	uint8_t bytes[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
	struct spdm_measurements msg;
	size_t length;

	hex_to_bytes(row->hex, bytes, sizeof(bytes));
	build_measurements(row, bytes, &msg);
	msg.nonce = NULL;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.record = NULL;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.record_length = 0x1000000;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.opaque_length = SPDM_MAX_OPAQUE_SIZE + 1;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.opaque_length = 2;
	msg.opaque_data = NULL;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.signature_size = SPDM_MAX_SIGNATURE_SIZE + 1;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	build_measurements(row, bytes, &msg);
	msg.header.version = 0x21;
	assert_int_equal(spdm_encode_measurements(&msg, buf, sizeof(buf),
						  &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_measurements(NULL, bytes, 8, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(get_measurements_encode_rows),
		cmocka_unit_test(get_measurements_decode_rows),
		cmocka_unit_test(get_measurements_errors),
		cmocka_unit_test(measurements_encode_rows),
		cmocka_unit_test(measurements_decode_rows),
		cmocka_unit_test(measurements_decode_signed_as_unsigned),
		cmocka_unit_test(measurements_decode_errors),
		cmocka_unit_test(measurements_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
