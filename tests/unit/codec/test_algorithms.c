// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for NEGOTIATE_ALGORITHMS and ALGORITHMS in 1.0 to 1.2. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/messages.h>

/* The fixed part after the header fields both tables below spell out. */
#define RESERVED_12 "12x00"

struct negotiate_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t measurement_specification;
	uint8_t other_params_support;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint8_t ext_asym_count;
	uint8_t ext_hash_count;
	uint8_t alg_struct_count;
	struct spdm_alg_struct alg_structs[SPDM_MAX_ALG_STRUCTS];
};

/* DHE, AEAD and KeySchedule as libspdm's emulator offers them. */
#define OFFERED_DHE_AEAD_KS                                                  \
	{ { 2, 0, 0x1b }, { 3, 0, 0x06 }, { 5, 0, 0x01 } }

static const struct negotiate_row negotiate_rows[] = {
	{ "1.0 emulator request",
	  "10 e3 00 00 20 00 01 00 90 00 00 00 03 00 00 00 16x00",
	  0x10, 1, 0, 0x90, 0x03, 0, 0, 0, { { 0 } } },
	{ "1.0 recorded request",
	  "10 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00 16x00",
	  0x10, 1, 0, 0x80, 0x02, 0, 0, 0, { { 0 } } },
	{ "1.1 recorded request P-384",
	  "11 e3 03 00 2c 00 01 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 1b 00 03 20 06 00 05 20 01 00",
	  0x11, 1, 0, 0x80, 0x02, 0, 0, 3, OFFERED_DHE_AEAD_KS },
	{ "1.1 recorded request RSAPSS-3072",
	  "11 e3 03 00 2c 00 01 00 08 00 00 00 02 00 00 00 16x00"
	  " 02 20 1b 00 03 20 06 00 05 20 01 00",
	  0x11, 1, 0, 0x08, 0x02, 0, 0, 3, OFFERED_DHE_AEAD_KS },
	{ "1.2 recorded request P-384",
	  "12 e3 03 00 2c 00 01 02 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 1b 00 03 20 06 00 05 20 01 00",
	  0x12, 1, 0x02, 0x80, 0x02, 0, 0, 3, OFFERED_DHE_AEAD_KS },
	{ "1.2 recorded request P-256",
	  "12 e3 03 00 2c 00 01 02 10 00 00 00 01 00 00 00 16x00"
	  " 02 20 1b 00 03 20 06 00 05 20 01 00",
	  0x12, 1, 0x02, 0x10, 0x01, 0, 0, 3, OFFERED_DHE_AEAD_KS },
	{ "1.2 request without AlgStructs",
	  "12 e3 00 00 20 00 01 02 90 00 00 00 03 00 00 00 16x00",
	  0x12, 1, 0x02, 0x90, 0x03, 0, 0, 0, { { 0 } } },
	{ "1.2 request with four AlgStructs",
	  "12 e3 04 00 30 00 01 02 90 00 00 00 03 00 00 00 16x00"
	  " 02 20 1b 00 03 20 06 00 04 20 0f 00 05 20 01 00",
	  0x12, 1, 0x02, 0x90, 0x03, 0, 0, 4,
	  { { 2, 0, 0x1b }, { 3, 0, 0x06 }, { 4, 0, 0x0f }, { 5, 0, 0x01 } } },
	{ "1.1 request without measurements",
	  "11 e3 00 00 20 00 00 00 ff 0f 00 00 7f 00 00 00 16x00",
	  0x11, 0, 0, 0xfff, 0x7f, 0, 0, 0, { { 0 } } },
};

/*
 * Requests with extended algorithm entries: the encoder does not write
 * them, so these rows are decoded only.
 */
static const struct negotiate_row negotiate_decode_only_rows[] = {
	{ "1.1 request with ExtAsym, ExtHash and AlgExternal",
	  "11 e3 02 00 34 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 01 01 00 00 00 00 01 00 00 00 02 00"
	  " 02 21 1b 00 03 00 05 00 03 20 06 00",
	  0x11, 1, 0, 0x80, 0x02, 1, 1, 2,
	  { { 2, 1, 0x1b }, { 3, 0, 0x06 } } },
	{ "1.0 request with eight ExtAsym entries",
	  "10 e3 00 00 40 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 08 00 00 00 32x01",
	  0x10, 1, 0, 0x80, 0x02, 8, 0, 0, { { 0 } } },
	{ "1.1 request with twenty extended entries",
	  "11 e3 01 00 74 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 0a 09 00 00 76x02 02 21 1b 00 4x03",
	  0x11, 1, 0, 0x80, 0x02, 10, 9, 1, { { 2, 1, 0x1b } } },
	{ "1.0 request ignores reserved Param1",
	  "10 e3 03 00 20 00 01 00 80 00 00 00 02 00 00 00 16x00",
	  0x10, 1, 0, 0x80, 0x02, 0, 0, 0, { { 0 } } },
	{ "1.1 request ignores reserved OtherParamsSupport",
	  "11 e3 00 00 20 00 01 02 80 00 00 00 02 00 00 00 16x00",
	  0x11, 1, 0, 0x80, 0x02, 0, 0, 0, { { 0 } } },
};

struct algorithms_row {
	const char *name;
	const char *hex;
	uint8_t version;
	uint8_t measurement_specification_sel;
	uint8_t other_params_selection;
	uint32_t measurement_hash_algo;
	uint32_t base_asym_sel;
	uint32_t base_hash_sel;
	uint8_t ext_asym_sel_count;
	uint8_t ext_hash_sel_count;
	uint8_t alg_struct_count;
	struct spdm_alg_struct alg_structs[SPDM_MAX_ALG_STRUCTS];
};

#define SELECTED_DHE_AEAD_KS                                                 \
	{ { 2, 0, 0x10 }, { 3, 0, 0x02 }, { 5, 0, 0x01 } }

static const struct algorithms_row algorithms_rows[] = {
	{ "1.0 emulator response",
	  "10 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  0x10, 1, 0, 0x08, 0x80, 0x02, 0, 0, 0, { { 0 } } },
	{ "1.0 recorded response",
	  "10 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  0x10, 1, 0, 0x04, 0x80, 0x02, 0, 0, 0, { { 0 } } },
	{ "1.1 recorded response P-384",
	  "11 63 03 00 30 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00",
	  0x11, 1, 0, 0x04, 0x80, 0x02, 0, 0, 3, SELECTED_DHE_AEAD_KS },
	{ "1.1 recorded response RSAPSS-3072",
	  "11 63 03 00 30 00 01 00 04 00 00 00 08 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00",
	  0x11, 1, 0, 0x04, 0x08, 0x02, 0, 0, 3, SELECTED_DHE_AEAD_KS },
	{ "1.2 recorded response P-384",
	  "12 63 03 00 30 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00",
	  0x12, 1, 0x02, 0x04, 0x80, 0x02, 0, 0, 3, SELECTED_DHE_AEAD_KS },
	{ "1.2 recorded response P-256",
	  "12 63 03 00 30 00 01 02 02 00 00 00 10 00 00 00 01 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00",
	  0x12, 1, 0x02, 0x02, 0x10, 0x01, 0, 0, 3, SELECTED_DHE_AEAD_KS },
	{ "1.2 response without AlgStructs",
	  "12 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  0x12, 1, 0, 0x08, 0x80, 0x02, 0, 0, 0, { { 0 } } },
	{ "1.2 response to four AlgStructs",
	  "12 63 04 00 34 00 01 02 08 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 04 20 08 00 05 20 01 00",
	  0x12, 1, 0x02, 0x08, 0x80, 0x02, 0, 0, 4,
	  { { 2, 0, 0x10 }, { 3, 0, 0x02 }, { 4, 0, 0x08 }, { 5, 0, 0x01 } } },
	{ "1.2 response selecting nothing",
	  "12 63 00 00 24 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 16x00",
	  0x12, 0, 0, 0, 0, 0, 0, 0, 0, { { 0 } } },
};

static const struct algorithms_row algorithms_decode_only_rows[] = {
	{ "1.2 response with ExtAsymSel, ExtHashSel and AlgExternal",
	  "12 63 01 00 34 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 "
	  RESERVED_12 " 01 01 00 00 00 00 01 00 00 00 02 00 02 21 10 00"
	  " 03 00 05 00",
	  0x12, 1, 0, 0x08, 0x80, 0x02, 1, 1, 1, { { 2, 1, 0x10 } } },
	{ "1.0 response ignores reserved Param1 and OtherParams",
	  "10 63 02 00 24 00 01 02 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  0x10, 1, 0, 0x08, 0x80, 0x02, 0, 0, 0, { { 0 } } },
};

static void build_negotiate(const struct negotiate_row *row,
			    struct spdm_negotiate_algorithms *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->header.version = row->version;
	msg->measurement_specification = row->measurement_specification;
	msg->other_params_support = row->other_params_support;
	msg->base_asym_algo = row->base_asym_algo;
	msg->base_hash_algo = row->base_hash_algo;
	msg->alg_struct_count = row->alg_struct_count;
	memcpy(msg->alg_structs, row->alg_structs, sizeof(msg->alg_structs));
}

static void build_algorithms(const struct algorithms_row *row,
			     struct spdm_algorithms *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->header.version = row->version;
	msg->measurement_specification_sel = row->measurement_specification_sel;
	msg->other_params_selection = row->other_params_selection;
	msg->measurement_hash_algo = row->measurement_hash_algo;
	msg->base_asym_sel = row->base_asym_sel;
	msg->base_hash_sel = row->base_hash_sel;
	msg->alg_struct_count = row->alg_struct_count;
	memcpy(msg->alg_structs, row->alg_structs, sizeof(msg->alg_structs));
}

static void check_alg_structs(const char *row,
			      const struct spdm_alg_struct *actual,
			      const struct spdm_alg_struct *expected,
			      unsigned int count)
{
	for (unsigned int i = 0; i < count; i++) {
		check_int(row, actual[i].alg_type, expected[i].alg_type);
		check_int(row, actual[i].ext_alg_count,
			  expected[i].ext_alg_count);
		check_int(row, actual[i].alg_supported,
			  expected[i].alg_supported);
	}
}

static void check_negotiate(const struct negotiate_row *row,
			    const struct spdm_negotiate_algorithms *msg,
			    size_t size)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_NEGOTIATE_ALGORITHMS);
	check_int(row->name, msg->length, size);
	check_int(row->name, msg->measurement_specification,
		  row->measurement_specification);
	check_int(row->name, msg->other_params_support,
		  row->other_params_support);
	check_int(row->name, msg->base_asym_algo, row->base_asym_algo);
	check_int(row->name, msg->base_hash_algo, row->base_hash_algo);
	check_int(row->name, msg->ext_asym_count, row->ext_asym_count);
	check_int(row->name, msg->ext_hash_count, row->ext_hash_count);
	check_int(row->name, msg->alg_struct_count, row->alg_struct_count);
	check_alg_structs(row->name, msg->alg_structs, row->alg_structs,
			  row->alg_struct_count);
	check_int(row->name, msg->size, size);
}

static void check_algorithms(const struct algorithms_row *row,
			     const struct spdm_algorithms *msg, size_t size)
{
	check_int(row->name, msg->header.version, row->version);
	check_int(row->name, msg->header.code, SPDM_ALGORITHMS);
	check_int(row->name, msg->length, size);
	check_int(row->name, msg->measurement_specification_sel,
		  row->measurement_specification_sel);
	check_int(row->name, msg->other_params_selection,
		  row->other_params_selection);
	check_int(row->name, msg->measurement_hash_algo,
		  row->measurement_hash_algo);
	check_int(row->name, msg->base_asym_sel, row->base_asym_sel);
	check_int(row->name, msg->base_hash_sel, row->base_hash_sel);
	check_int(row->name, msg->ext_asym_sel_count, row->ext_asym_sel_count);
	check_int(row->name, msg->ext_hash_sel_count, row->ext_hash_sel_count);
	check_int(row->name, msg->alg_struct_count, row->alg_struct_count);
	check_alg_structs(row->name, msg->alg_structs, row->alg_structs,
			  row->alg_struct_count);
	check_int(row->name, msg->size, size);
}

static void negotiate_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(negotiate_rows); i++) {
		const struct negotiate_row *row = &negotiate_rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		struct spdm_negotiate_algorithms msg;
		size_t expected_length, length = 0;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		build_negotiate(row, &msg);
		/* Length and Param1 come from the content, not these. */
		msg.length = 999;
		msg.header.param1 = 7;
		check_int(row->name,
			  spdm_encode_negotiate_algorithms(&msg, buf,
							   sizeof(buf),
							   &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_negotiate_algorithms(&msg, buf,
								   cap,
								   &length),
				  -EOVERFLOW);
	}
}

static void negotiate_decode_table(const struct negotiate_row *rows,
				   size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct negotiate_row *row = &rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_negotiate_algorithms msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(&msg, 0xee, sizeof(msg));
		check_int(row->name,
			  spdm_decode_negotiate_algorithms(&msg, bytes, length),
			  0);
		check_negotiate(row, &msg, length);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_negotiate_algorithms(&msg, bytes,
								   n),
				  -EOVERFLOW);
	}
}

static void negotiate_decode_rows(void **state)
{
	negotiate_decode_table(negotiate_rows, ROW_COUNT(negotiate_rows));
	negotiate_decode_table(negotiate_decode_only_rows,
			       ROW_COUNT(negotiate_decode_only_rows));
}

/*
 * A request whose Length counts trailing bytes is inconsistent, but bytes
 * beyond Length are ignored.
 */
static void negotiate_decode_trailing(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(negotiate_rows); i++) {
		const struct negotiate_row *row = &negotiate_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_negotiate_algorithms msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(bytes + length, 0, 8);
		check_int(row->name,
			  spdm_decode_negotiate_algorithms(&msg, bytes,
							   length + 8),
			  0);
		check_negotiate(row, &msg, length);

		bytes[4] = (uint8_t)(length + 8);
		check_int(row->name,
			  spdm_decode_negotiate_algorithms(&msg, bytes,
							   length + 8),
			  -EBADMSG);
	}
}

static void algorithms_encode_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(algorithms_rows); i++) {
		const struct algorithms_row *row = &algorithms_rows[i];
		uint8_t expected[TEST_MESSAGE_MAX], buf[TEST_MESSAGE_MAX];
		size_t expected_length, length = 0;
		struct spdm_algorithms msg;

		expected_length = hex_to_bytes(row->hex, expected,
					       sizeof(expected));
		build_algorithms(row, &msg);
		msg.length = 1;
		msg.header.param1 = 9;
		check_int(row->name,
			  spdm_encode_algorithms(&msg, buf, sizeof(buf),
						 &length),
			  0);
		check_bytes(row->name, buf, length, expected, expected_length);
		for (size_t cap = 0; cap < expected_length; cap++)
			check_int(row->name,
				  spdm_encode_algorithms(&msg, buf, cap,
							 &length),
				  -EOVERFLOW);
	}
}

static void algorithms_decode_table(const struct algorithms_row *rows,
				    size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct algorithms_row *row = &rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_algorithms msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		memset(&msg, 0xee, sizeof(msg));
		check_int(row->name,
			  spdm_decode_algorithms(&msg, bytes, length), 0);
		check_algorithms(row, &msg, length);

		for (size_t n = 0; n < length; n++)
			check_int(row->name,
				  spdm_decode_algorithms(&msg, bytes, n),
				  -EOVERFLOW);

		/* Trailing bytes are ignored: size stays Length. */
		memset(bytes + length, 0xff, 4);
		check_int(row->name,
			  spdm_decode_algorithms(&msg, bytes, length + 4), 0);
		check_algorithms(row, &msg, length);
	}
}

static void algorithms_decode_rows(void **state)
{
	algorithms_decode_table(algorithms_rows, ROW_COUNT(algorithms_rows));
	algorithms_decode_table(algorithms_decode_only_rows,
				ROW_COUNT(algorithms_decode_only_rows));
}

struct error_row {
	const char *name;
	const char *hex;
	int expected;
};

#define REQUEST_12_STRUCTS " 02 20 1b 00 03 20 06 00 05 20 01 00"

static const struct error_row negotiate_error_rows[] = {
	{ "Length short of the AlgStructs",
	  "12 e3 03 00 28 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS, -EBADMSG },
	{ "Length below the fixed part",
	  "12 e3 00 00 10 00 01 02 80 00 00 00 02 00 00 00 16x00", -EBADMSG },
	{ "Length zero",
	  "12 e3 00 00 00 00 01 02 80 00 00 00 02 00 00 00 16x00",
	  -EBADMSG },
	{ "Length past the end",
	  "12 e3 03 00 30 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS, -EOVERFLOW },
	{ "Length counting trailing bytes",
	  "12 e3 03 00 30 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS " 00 00 00 00", -EBADMSG },
	{ "Param1 counting a trailing AlgStruct",
	  "12 e3 04 00 2c 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS " 04 20 0f 00", -EBADMSG },
	{ "Param1 one more than present without slack",
	  "12 e3 04 00 2c 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS, -EOVERFLOW },
	{ "five AlgStructs",
	  "12 e3 05 00 34 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS " 04 20 0f 00 06 20 01 00",
	  -EPROTO },
	{ "Param1 of 255",
	  "12 e3 ff 00 2c 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS, -EPROTO },
	{ "FixedAlgCount 3",
	  "12 e3 01 00 24 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00 02 30 1b 00", -EPROTO },
	{ "FixedAlgCount 0",
	  "12 e3 01 00 24 00 01 02 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00 02 00 1b 00", -EPROTO },
	{ "1.0 with nine ExtAsym entries",
	  "10 e3 00 00 44 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 09 00 00 00 36x01", -EPROTO },
	{ "1.0 with ExtAsym and ExtHash totalling nine",
	  "10 e3 00 00 44 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 05 04 00 00 36x01", -EPROTO },
	{ "1.1 with twenty-one extended entries",
	  "11 e3 01 00 78 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 0a 0a 00 00 80x02 02 21 1b 00 4x03", -EPROTO },
	{ "1.1 ExtAsymCount 255 without entries",
	  "11 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " ff 00 00 00", -EPROTO },
	{ "AlgExternal past the end",
	  "11 e3 01 00 28 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00 02 22 1b 00 00 00 01 00", -EOVERFLOW },
	{ "1.0 with AlgStructs counted in Length",
	  "10 e3 03 00 2c 00 01 00 80 00 00 00 02 00 00 00 " RESERVED_12
	  " 00 00 00 00" REQUEST_12_STRUCTS, -EBADMSG },
	{ "version 1.3",
	  "13 e3 00 00 20 00 01 02 80 00 00 00 02 00 00 00 16x00", -EPROTO },
	{ "ALGORITHMS in place of the request",
	  "12 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  -EBADMSG },
};

static const struct error_row algorithms_error_rows[] = {
	{ "ExtAsymSelCount 2",
	  "12 63 00 00 2c 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 "
	  RESERVED_12 " 02 00 00 00 8x01", -EPROTO },
	{ "ExtHashSelCount 2",
	  "12 63 00 00 2c 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 "
	  RESERVED_12 " 00 02 00 00 8x01", -EPROTO },
	{ "Length short by one AlgStruct",
	  "12 63 03 00 2c 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00", -EBADMSG },
	{ "Length past the end",
	  "12 63 03 00 34 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 05 20 01 00", -EOVERFLOW },
	{ "Length below the fixed part",
	  "12 63 00 00 20 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  -EBADMSG },
	{ "1.0 response with AlgStructs counted in Length",
	  "10 63 01 00 28 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00", -EBADMSG },
	{ "FixedAlgCount 1",
	  "12 63 01 00 28 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 10 10 00", -EPROTO },
	{ "five AlgStructs",
	  "12 63 05 00 38 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00"
	  " 02 20 10 00 03 20 02 00 04 20 08 00 05 20 01 00 06 20 01 00",
	  -EPROTO },
	{ "fixed part only 32 bytes",
	  "12 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 12x00",
	  -EOVERFLOW },
	{ "version 0.1",
	  "01 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  -EPROTO },
	{ "NEGOTIATE_ALGORITHMS in place of the response",
	  "12 e3 00 00 24 00 01 00 08 00 00 00 80 00 00 00 02 00 00 00 16x00",
	  -EBADMSG },
};

static void negotiate_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(negotiate_error_rows); i++) {
		const struct error_row *row = &negotiate_error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_negotiate_algorithms msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_negotiate_algorithms(&msg, bytes, length),
			  row->expected);
	}
}

static void algorithms_decode_errors(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(algorithms_error_rows); i++) {
		const struct error_row *row = &algorithms_error_rows[i];
		uint8_t bytes[TEST_MESSAGE_MAX];
		struct spdm_algorithms msg;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		check_int(row->name,
			  spdm_decode_algorithms(&msg, bytes, length),
			  row->expected);
	}
}

static void negotiate_encode_invalid(void **state)
{
	struct spdm_negotiate_algorithms msg;
	uint8_t buf[256];
	size_t length;

	build_negotiate(&negotiate_rows[4], &msg);
	msg.ext_asym_count = 1;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	build_negotiate(&negotiate_rows[4], &msg);
	msg.ext_hash_count = 1;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	build_negotiate(&negotiate_rows[4], &msg);
	msg.alg_structs[1].ext_alg_count = 1;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	build_negotiate(&negotiate_rows[4], &msg);
	msg.alg_struct_count = SPDM_MAX_ALG_STRUCTS + 1;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	build_negotiate(&negotiate_rows[4], &msg);
	msg.header.version = SPDM_VERSION_10;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	build_negotiate(&negotiate_rows[4], &msg);
	msg.header.version = 0x13;
	assert_int_equal(spdm_encode_negotiate_algorithms(&msg, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_encode_negotiate_algorithms(NULL, buf,
							  sizeof(buf), &length),
			 -EINVAL);
	assert_int_equal(spdm_decode_negotiate_algorithms(NULL, buf,
							  sizeof(buf)),
			 -EINVAL);
}

static void algorithms_encode_invalid(void **state)
{
	struct spdm_algorithms msg;
	uint8_t buf[256];
	size_t length;

	build_algorithms(&algorithms_rows[4], &msg);
	msg.ext_asym_sel_count = 1;
	assert_int_equal(spdm_encode_algorithms(&msg, buf, sizeof(buf),
						&length),
			 -EINVAL);
	build_algorithms(&algorithms_rows[4], &msg);
	msg.ext_hash_sel_count = 1;
	assert_int_equal(spdm_encode_algorithms(&msg, buf, sizeof(buf),
						&length),
			 -EINVAL);
	build_algorithms(&algorithms_rows[4], &msg);
	msg.alg_structs[0].ext_alg_count = 2;
	assert_int_equal(spdm_encode_algorithms(&msg, buf, sizeof(buf),
						&length),
			 -EINVAL);
	build_algorithms(&algorithms_rows[4], &msg);
	msg.alg_struct_count = SPDM_MAX_ALG_STRUCTS + 1;
	assert_int_equal(spdm_encode_algorithms(&msg, buf, sizeof(buf),
						&length),
			 -EINVAL);
	build_algorithms(&algorithms_rows[4], &msg);
	msg.header.version = SPDM_VERSION_10;
	assert_int_equal(spdm_encode_algorithms(&msg, buf, sizeof(buf),
						&length),
			 -EINVAL);
	assert_int_equal(spdm_decode_algorithms(NULL, buf, sizeof(buf)),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(negotiate_encode_rows),
		cmocka_unit_test(negotiate_decode_rows),
		cmocka_unit_test(negotiate_decode_trailing),
		cmocka_unit_test(negotiate_decode_errors),
		cmocka_unit_test(negotiate_encode_invalid),
		cmocka_unit_test(algorithms_encode_rows),
		cmocka_unit_test(algorithms_decode_rows),
		cmocka_unit_test(algorithms_decode_errors),
		cmocka_unit_test(algorithms_encode_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
