// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for GET_CERTIFICATE and CERTIFICATE in 1.0, 1.1, 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct get_certificate_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t param1;
	uint16_t offset;
	uint16_t length;
};

static const struct get_certificate_row get_rows[] = {
	{ "1.2 recorded slot 0", "12 82 00 00 00 00 f8 11", 0x12, 0, 0,
	  4600 },
	{ "1.0 recorded slot 1", "10 82 01 00 00 00 f8 11", 0x10, 1, 0,
	  4600 },
	{ "1.1 second 600-byte portion", "11 82 00 00 58 02 58 02", 0x11, 0,
	  600, 600 },
	{ "1.2 slot 7, largest offset and length", "12 82 07 00 ff ff ff ff",
	  0x12, 7, 0xffff, 0xffff },
};

static void get_certificate_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(get_rows); i++) {
		const struct get_certificate_row *row = &get_rows[i];
		uint8_t bytes[32], buf[32];
		size_t length, encoded_length = 0;
		struct spdm_get_certificate msg = {
			.header = { .version = row->version,
				    .param1 = row->param1 },
			.offset = row->offset,
			.length = row->length,
		};

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_encode_get_certificate(&msg, buf, sizeof(buf),
						      &encoded_length),
			  0);
		check_bytes(row->name, buf, encoded_length, bytes, length);

		memset(&msg, 0xee, sizeof(msg));
		memset(bytes + length, 0x42, 4);
		check_int(row->name,
			  spdm_decode_get_certificate(&msg, bytes, length + 4),
			  0);
		check_int(row->name, msg.header.version, row->version);
		check_int(row->name, msg.header.code, SPDM_GET_CERTIFICATE);
		check_int(row->name, msg.header.param1, row->param1);
		check_int(row->name, msg.offset, row->offset);
		check_int(row->name, msg.length, row->length);
		check_int(row->name, msg.size, 8);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_get_certificate(&msg, bytes, n),
				  -EOVERFLOW);
		msg.header.version = row->version;
		for (size_t cap = 0; cap < length; cap++)
			check_int(row->name,
				  spdm_encode_get_certificate(&msg, buf, cap,
							      &encoded_length),
				  -EOVERFLOW);
	}
}

struct certificate_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t param1;
	uint16_t portion_length;
	uint16_t remainder_length;
};

static const struct certificate_row rows[] = {
	{ "1.2 first 4 bytes of a 1591-byte chain",
	  "12 02 00 00 04 00 33 06 37 06 00 00", 0x12, 0, 4, 0x633 },
	{ "1.1 600-byte middle portion", "11 02 00 00 58 02 df 03 600xab",
	  0x11, 0, 600, 0x3df },
	{ "1.0 last portion of slot 1", "10 02 01 00 05 00 00 00 5x30", 0x10,
	  1, 5, 0 },
	{ "1.2 empty portion", "12 02 03 00 00 00 00 00", 0x12, 3, 0, 0 },
};

static void certificate_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct certificate_row *row = &rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_certificate msg = {
			.header = { .version = row->version,
				    .param1 = row->param1 },
			.portion_length = row->portion_length,
			.remainder_length = row->remainder_length,
		};

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		msg.portion = expected + 8;
		check_int(row->name,
			  spdm_encode_certificate(&msg, buf, sizeof(buf),
						  &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_certificate(&msg, buf, cap,
							  &length),
				  -EOVERFLOW);
	}
}

static void check_fields(const struct certificate_row *row,
			 const struct spdm_certificate *msg,
			 const uint8_t *bytes, size_t size)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_CERTIFICATE);
	check_int(row->name, msg->header.param1, row->param1);
	check_int(row->name, msg->portion_length, row->portion_length);
	check_int(row->name, msg->remainder_length, row->remainder_length);
	check_ptr(row->name, msg->portion, bytes + 8);
	check_int(row->name, msg->size, size);
}

static void certificate_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct certificate_row *row = &rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_certificate msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_certificate(&msg, bytes, length), 0);
		check_fields(row, &msg, bytes, length);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_certificate(&msg, bytes, n),
				  -EOVERFLOW);

		/* Trailing bytes are ignored: size stays 8 + PortionLength. */
		memset(bytes + length, 0x30, 9);
		check_int(row->name,
			  spdm_decode_certificate(&msg, bytes, length + 9), 0);
		check_fields(row, &msg, bytes, length);
	}
}

struct error_row {
	const char *name;
	const char *hex;
	int expected;
};

static const struct error_row error_rows[] = {
	{ "PortionLength one past the end", "12 02 00 00 05 00 00 00 4x30",
	  -EOVERFLOW },
	{ "PortionLength 65535 with 4 bytes", "12 02 00 00 ff ff 00 00 4x30",
	  -EOVERFLOW },
	{ "header only", "12 02 00 00", -EOVERFLOW },
	{ "version 1.3", "13 02 00 00 01 00 00 00 30", -EPROTO },
	{ "GET_CERTIFICATE in place of CERTIFICATE",
	  "12 82 00 00 01 00 00 00 30", -EBADMSG },
	{ "ERROR in place of CERTIFICATE", "12 7f 01 00 01 00 00 00 30",
	  -EBADMSG },
};

static void certificate_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(error_rows); i++) {
		const struct error_row *row = &error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_certificate msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_certificate(&msg, bytes, length),
			  row->expected);
	}
}

static void certificate_invalid_arguments(void **state)
{
	struct spdm_certificate msg = {
		.header = { .version = SPDM_VERSION_12 },
		.portion_length = 4,
	};
	struct spdm_get_certificate request = {
		.header = { .version = 0x30 },
	};
	uint8_t buf[64];
	size_t length;

	/* A portion length without portion bytes. */
	assert_int_equal(spdm_encode_certificate(&msg, buf, sizeof(buf),
						 &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_get_certificate(&request, buf,
						     sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_certificate(NULL, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(spdm_decode_get_certificate(NULL, buf, sizeof(buf)),
			 -EINVAL);
}

static void get_certificate_decode_errors(void **state)
{
	static const uint8_t wrong_code[] = { 0x12, 0x02, 0x00, 0x00,
					      0x00, 0x00, 0xf8, 0x11 };
	static const uint8_t version_14[] = { 0x14, 0x82, 0x00, 0x00,
					      0x00, 0x00, 0xf8, 0x11 };
	struct spdm_get_certificate msg;

	assert_int_equal(spdm_decode_get_certificate(&msg, wrong_code,
						     sizeof(wrong_code)),
			 -EBADMSG);
	assert_int_equal(spdm_decode_get_certificate(&msg, version_14,
						     sizeof(version_14)),
			 -EPROTO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(get_certificate_rows),
		cmocka_unit_test(get_certificate_decode_errors),
		cmocka_unit_test(certificate_encode_rows),
		cmocka_unit_test(certificate_decode_rows),
		cmocka_unit_test(certificate_decode_errors),
		cmocka_unit_test(certificate_invalid_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
