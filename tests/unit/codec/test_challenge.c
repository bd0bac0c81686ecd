// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for CHALLENGE and CHALLENGE_AUTH in 1.0, 1.1 and 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

struct challenge_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t slot_id;
	uint8_t summary_hash_type;
};

static const struct challenge_row challenge_rows[] = {
	{ "1.2 recorded slot 0, all measurements",
	  "12 83 00 ff c4 11 43 d1 19 db 9a 8c d1 87 82 ff 65 59 15 c3 be 75"
	  " 93 ad 5a 28 aa 07 c8 b0 94 cc 7e 2c 56 19",
	  0x12, 0, 0xff },
	{ "1.0 slot 1, no summary hash", "10 83 01 00 32x5a", 0x10, 1, 0x00 },
	{ "1.1 provisioned key, TCB summary", "11 83 ff 01 32xa5", 0x11, 0xff,
	  0x01 },
};

static void challenge_rows_both_ways(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(challenge_rows); i++) {
		const struct challenge_row *row = &challenge_rows[i];
		uint8_t bytes[64], buf[64];
		size_t length, encoded_length = 0;
		struct spdm_challenge msg = {
			.header = { .version = row->version,
				    .param1 = row->slot_id,
				    .param2 = row->summary_hash_type },
		};

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memcpy(msg.nonce, bytes + 4, SPDM_NONCE_SIZE);
		check_int(row->name,
			  spdm_encode_challenge(&msg, buf, sizeof(buf),
						&encoded_length),
			  0);
		check_bytes(row->name, buf, encoded_length, bytes, length);
		for (size_t cap = 0; cap < length; cap++)
			check_int(row->name,
				  spdm_encode_challenge(&msg, buf, cap,
							&encoded_length),
				  -EOVERFLOW);

		memset(&msg, 0xee, sizeof(msg));
		memset(bytes + length, 0x77, 8);
		check_int(row->name,
			  spdm_decode_challenge(&msg, bytes, length + 8), 0);
		check_int(row->name, msg.header.version, row->version);
		check_int(row->name, msg.header.code, SPDM_CHALLENGE);
		check_int(row->name, msg.header.param1, row->slot_id);
		check_int(row->name, msg.header.param2, row->summary_hash_type);
		check_bytes(row->name, msg.nonce, SPDM_NONCE_SIZE, bytes + 4,
			    SPDM_NONCE_SIZE);
		check_int(row->name, msg.size, 36);
		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_challenge(&msg, bytes, n),
				  -EOVERFLOW);
	}
}

static void challenge_decode_errors(void **state)
{
	uint8_t bytes[64];
	struct spdm_challenge msg;
	size_t length;

	length = hex_to_bytes("13 83 00 00 32x01", bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_challenge(&msg, bytes, length), -EPROTO);
	length = hex_to_bytes("12 03 00 00 32x01", bytes, sizeof(bytes));
	assert_int_equal(spdm_decode_challenge(&msg, bytes, length), -EBADMSG);
	assert_int_equal(spdm_decode_challenge(NULL, bytes, length), -EINVAL);
}

struct challenge_auth_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t param1;
	uint8_t slot_mask;
	size_t hash_size;
	bool summary_hash_present;
	uint16_t opaque_length;
	size_t signature_size;
};

static const struct challenge_auth_row auth_rows[] = {
	{ "1.2 recorded P-256 with summary hash",
	  "12 03 00 03 a0 57 50 30 5d 36 9c 58 af 23 41 ed ed f5 f4 c7 7b 91"
	  " 52 89 e0 3b 1e 96 3f e5 6e 9d 75 3b 73 71 fa c3 4a fb 77 6f 30 b4"
	  " 2f 81 56 b6 48 f6 62 6a 79 48 7a ce 69 f1 29 ff 5c 78 25 53 44 83"
	  " 96 8e 30 79 25 6b 44 a4 44 f6 a2 74 c3 ba e0 f7 72 14 a3 11 44 6e"
	  " 99 48 f9 6d 0e 6e 51 ed be bb 66 39 00 00 26 16 73 5a 6f 59 1d 77"
	  " 0a 74 8c 27 90 ea 0b 07 ec 09 1d d9 74 d6 14 40 d1 b1 9c a4 c4 b0"
	  " 51 98 e6 f0 c7 cf 31 b5 6c 1a 35 ad 3b 21 15 00 11 fe 98 94 71 95"
	  " e0 db 80 41 99 2e b2 0b 7f a0 64 3e",
	  0x12, 0x00, 0x03, 32, true, 0, 64 },
	{ "1.0 P-384 without summary hash",
	  "10 03 01 03 48x11 32x22 00 00 96x33", 0x10, 0x01, 0x03, 48, false,
	  0, 96 },
	{ "1.1 RSA-2048 with opaque data",
	  "11 03 00 01 32x11 32x22 32x44 08 00 8x55 256x66", 0x11, 0x00, 0x01,
	  32, true, 8, 256 },
	{ "1.2 P-521 SHA-512 with BasicMutAuthReq",
	  "12 03 82 04 64x11 32x22 64x44 00 00 132x66", 0x12, 0x82, 0x04, 64,
	  true, 0, 132 },
	{ "1.2 largest opaque data",
	  "12 03 00 01 48x11 32x22 00 04 1024x55 96x66", 0x12, 0x00, 0x01, 48,
	  false, 1024, 96 },
};

/* Byte offsets of the variable fields of a row. */
struct auth_layout {
	size_t nonce;
	size_t summary;
	size_t opaque;
	size_t signature;
	size_t size;
};

static struct auth_layout auth_layout(const struct challenge_auth_row *row)
{
	struct auth_layout layout;

	layout.nonce = 4 + row->hash_size;
	layout.summary = layout.nonce + SPDM_NONCE_SIZE;
	layout.opaque = layout.summary +
			(row->summary_hash_present ? row->hash_size : 0) + 2;
	layout.signature = layout.opaque + row->opaque_length;
	layout.size = layout.signature + row->signature_size;
	return layout;
}

static void build_auth(const struct challenge_auth_row *row,
		       const uint8_t *bytes, struct spdm_challenge_auth *msg)
{
	struct auth_layout layout = auth_layout(row);

	memset(msg, 0, sizeof(*msg));
	msg->header.version = row->version;
	msg->header.param1 = row->param1;
	msg->header.param2 = row->slot_mask;
	msg->hash_size = row->hash_size;
	msg->cert_chain_hash = bytes + 4;
	msg->nonce = bytes + layout.nonce;
	if (row->summary_hash_present)
		msg->measurement_summary_hash = bytes + layout.summary;
	msg->opaque_length = row->opaque_length;
	msg->opaque_data = bytes + layout.opaque;
	msg->signature = bytes + layout.signature;
	msg->signature_size = row->signature_size;
}

static void challenge_auth_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(auth_rows); i++) {
		const struct challenge_auth_row *row = &auth_rows[i];
		struct auth_layout layout = auth_layout(row);
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		struct spdm_challenge_auth msg;
		size_t expected_length, length = 0;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		check_int(row->name, expected_length, layout.size);
		build_auth(row, expected, &msg);
		check_int(row->name,
			  spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						     &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_challenge_auth(&msg, buf, cap,
							     &length),
				  -EOVERFLOW);

		/* With no signature the encoder writes zeroes in its place. */
		msg.signature = NULL;
		memset(buf, 0xee, sizeof(buf));
		memset(expected + layout.signature, 0, row->signature_size);
		check_int(row->name,
			  spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						     &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
	}
}

static void check_auth(const struct challenge_auth_row *row,
		       const struct spdm_challenge_auth *msg,
		       const uint8_t *bytes)
{
	struct auth_layout layout = auth_layout(row);

	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_CHALLENGE_AUTH);
	check_int(row->name, msg->header.param1, row->param1);
	check_int(row->name, msg->header.param2, row->slot_mask);
	check_int(row->name, msg->hash_size, row->hash_size);
	check_ptr(row->name, msg->cert_chain_hash, bytes + 4);
	check_ptr(row->name, msg->nonce, bytes + layout.nonce);
	check_ptr(row->name, msg->measurement_summary_hash,
		  row->summary_hash_present ? bytes + layout.summary : NULL);
	check_int(row->name, msg->opaque_length, row->opaque_length);
	check_ptr(row->name, msg->opaque_data, bytes + layout.opaque);
	check_ptr(row->name, msg->signature, bytes + layout.signature);
	check_int(row->name, msg->signature_size, row->signature_size);
	check_int(row->name, msg->signed_size, layout.signature);
	check_int(row->name, msg->size, layout.size);
}

static void challenge_auth_decode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(auth_rows); i++) {
		const struct challenge_auth_row *row = &auth_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_challenge_auth msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_challenge_auth(&msg, bytes, length,
						     row->hash_size,
						     row->summary_hash_present,
						     row->signature_size),
			  0);
		check_auth(row, &msg, bytes);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_challenge_auth(
					  &msg, bytes, n, row->hash_size,
					  row->summary_hash_present,
					  row->signature_size),
				  -EOVERFLOW);

		/* Trailing bytes are ignored and stay out of size. */
		memset(bytes + length, 0x01, 16);
		check_int(row->name,
			  spdm_decode_challenge_auth(&msg, bytes, length + 16,
						     row->hash_size,
						     row->summary_hash_present,
						     row->signature_size),
			  0);
		check_auth(row, &msg, bytes);
	}
}

struct auth_error_row {
	const char *name;
	const char *hex;
	size_t hash_size;
	bool summary_hash_present;
	size_t signature_size;
	int expected;
};

static const struct auth_error_row auth_error_rows[] = {
	{ "OpaqueLength 1025",
	  "12 03 00 01 48x11 32x22 01 04 1025x55 96x66", 48, false, 96,
	  -EPROTO },
	{ "OpaqueLength 65535 without data",
	  "12 03 00 01 48x11 32x22 ff ff", 48, false, 96, -EPROTO },
	{ "OpaqueLength past the end", "12 03 00 01 48x11 32x22 10 00 8x55",
	  48, false, 96, -EOVERFLOW },
	{ "signature one byte short", "12 03 00 01 48x11 32x22 00 00 95x66",
	  48, false, 96, -EOVERFLOW },
	{ "summary hash expected but absent",
	  "12 03 00 01 48x11 32x22 00 00", 48, true, 96, -EOVERFLOW },
	{ "hash size 0", "12 03 00 01 32x22 00 00 96x66", 0, false, 96,
	  -EINVAL },
	{ "hash size 65", "12 03 00 01 65x11 32x22 00 00 96x66", 65, false,
	  96, -EINVAL },
	{ "signature size 0", "12 03 00 01 48x11 32x22 00 00", 48, false, 0,
	  -EINVAL },
	{ "signature size 513", "12 03 00 01 48x11 32x22 00 00 513x66", 48,
	  false, 513, -EINVAL },
	{ "version 1.3", "13 03 00 01 48x11 32x22 00 00 96x66", 48, false, 96,
	  -EPROTO },
	{ "CHALLENGE in place of CHALLENGE_AUTH",
	  "12 83 00 01 48x11 32x22 00 00 96x66", 48, false, 96, -EBADMSG },
};

static void challenge_auth_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(auth_error_rows); i++) {
		const struct auth_error_row *row = &auth_error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_challenge_auth msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_challenge_auth(&msg, bytes, length,
						     row->hash_size,
						     row->summary_hash_present,
						     row->signature_size),
			  row->expected);
	}
}

static void challenge_auth_encode_invalid(void **state)
{
	const struct challenge_auth_row *row = &auth_rows[1];
	uint8_t bytes[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
	struct spdm_challenge_auth msg;
	size_t length;

	hex_to_bytes(row->hex, bytes, sizeof(bytes));
	build_auth(row, bytes, &msg);
	msg.hash_size = 0;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.signature_size = 0;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.cert_chain_hash = NULL;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.nonce = NULL;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.opaque_length = SPDM_MAX_OPAQUE_SIZE + 1;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.opaque_length = 4;
	msg.opaque_data = NULL;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	build_auth(row, bytes, &msg);
	msg.header.version = 0x09;
	assert_int_equal(spdm_encode_challenge_auth(&msg, buf, sizeof(buf),
						    &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_challenge_auth(NULL, bytes, 182, 48, false,
						    96),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(challenge_rows_both_ways),
		cmocka_unit_test(challenge_decode_errors),
		cmocka_unit_test(challenge_auth_encode_rows),
		cmocka_unit_test(challenge_auth_decode_rows),
		cmocka_unit_test(challenge_auth_decode_errors),
		cmocka_unit_test(challenge_auth_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
