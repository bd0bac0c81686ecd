// SPDX-License-Identifier: BSD-3-Clause
/* Golden vectors for measurement blocks of a MeasurementRecord. */
#include <errno.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/cursor.h>
#include <spdm/messages.h>

struct block_row {
	const char *name;
	const char *hex;
	int expected;
	uint8_t index;
	uint8_t measurement_specification;
	uint16_t measurement_size;
	uint8_t dmtf_value_type;
	uint16_t dmtf_value_size;
	/* Bytes the reader moved past, and the block size when decoded. */
	size_t consumed;
};

static const struct block_row rows[] = {
	{ "SHA-256 digest of immutable ROM", "01 01 23 00 00 20 00 32x11", 0,
	  0x01, 0x01, 0x23, 0x00, 32, 39 },
	{ "SHA-512 digest of firmware config",
	  "04 01 43 00 03 40 00 64x22", 0, 0x04, 0x01, 0x43, 0x03, 64, 71 },
	{ "raw firmware SVN",
	  "10 01 0b 00 87 08 00 07 00 00 00 00 00 00 00", 0, 0x10, 0x01, 0x0b,
	  0x87, 8, 15 },
	{ "raw device mode", "fe 01 13 00 85 10 00 16x00", 0, 0xfe, 0x01,
	  0x13, 0x85, 16, 23 },
	{ "empty DMTF value", "03 01 03 00 00 00 00", 0, 0x03, 0x01, 0x03,
	  0x00, 0, 7 },
	{ "another specification", "05 02 02 00 aa bb", 0, 0x05, 0x02, 0x02,
	  0, 0, 6 },
	{ "another specification, empty", "06 80 00 00", 0, 0x06, 0x80, 0, 0,
	  0, 4 },
	{ "index 0", "00 01 23 00 00 20 00 32x11", -EPROTO, 0, 0, 0, 0, 0,
	  39 },
	{ "index 0xff", "ff 01 23 00 00 20 00 32x11", -EPROTO, 0, 0, 0, 0, 0,
	  39 },
	{ "no specification bit", "01 00 23 00 00 20 00 32x11", -EPROTO, 0,
	  0, 0, 0, 0, 39 },
	{ "two specification bits", "01 03 23 00 00 20 00 32x11", -EPROTO, 0,
	  0, 0, 0, 0, 39 },
	{ "DMTF value one byte short of MeasurementSize",
	  "01 01 24 00 00 20 00 33x11", -EPROTO, 0, 0, 0, 0, 0, 40 },
	{ "DMTF value past MeasurementSize", "01 01 22 00 00 20 00 31x11",
	  -EPROTO, 0, 0, 0, 0, 0, 38 },
	{ "DMTF MeasurementSize 2", "01 01 02 00 00 20", -EPROTO, 0, 0, 0, 0,
	  0, 6 },
	{ "DMTF MeasurementSize 0", "01 01 00 00", -EPROTO, 0, 0, 0, 0, 0, 4 },
	{ "MeasurementSize past the record", "01 01 23 00 00 20 00 31x11",
	  -EOVERFLOW, 0, 0, 0, 0, 0, 0 },
	{ "three header bytes", "01 01 23", -EOVERFLOW, 0, 0, 0, 0, 0, 0 },
	{ "empty record", "", -EOVERFLOW, 0, 0, 0, 0, 0, 0 },
};

static void check_block(const struct block_row *row,
			const struct spdm_measurement_block *block,
			const uint8_t *bytes)
{
	check_int(row->name, block->index, row->index);
	check_int(row->name, block->measurement_specification,
		  row->measurement_specification);
	check_int(row->name, block->measurement_size, row->measurement_size);
	check_ptr(row->name, block->raw, bytes);
	check_int(row->name, block->raw_size, row->consumed);
	check_int(row->name, block->dmtf_value_type, row->dmtf_value_type);
	check_int(row->name, block->dmtf_value_size, row->dmtf_value_size);
	if (row->measurement_specification == SPDM_MEAS_SPEC_DMTF)
		check_ptr(row->name, block->dmtf_value, bytes + 7);
	else
		check_ptr(row->name, block->dmtf_value, NULL);
}

static void measurement_block_rows(void **state)
{
	for (size_t i = 0; i < ROW_COUNT(rows); i++) {
		const struct block_row *row = &rows[i];
		struct spdm_measurement_block block;
		uint8_t bytes[256];
		struct spdm_reader r;
		size_t length;

		length = hex_to_bytes(row->hex, bytes, sizeof(bytes));
		spdm_reader_init(&r, bytes, length);
		check_int(row->name, spdm_decode_measurement_block(&block, &r),
			  row->expected);
		/* A block that fits is skipped even when it is invalid. */
		if (row->expected != -EOVERFLOW)
			check_int(row->name, r.offset, row->consumed);
		if (row->expected == 0)
			check_block(row, &block, bytes);
	}
}

/* The eight blocks of a recorded 1.2 MEASUREMENTS record, in order. */
static void measurement_block_walks_record(void **state)
{
	static const uint8_t indices[] = { 0x01, 0x02, 0x03, 0x04,
					   0x10, 0x11, 0xfd, 0xfe };
	static const uint8_t types[] = { 0x00, 0x01, 0x02, 0x03,
					 0x87, 0x08, 0x84, 0x85 };
	static const uint16_t value_sizes[] = { 32, 32, 32, 32, 8, 32, 128,
						16 };
	uint8_t record[512];
	struct spdm_reader r;
	size_t length;

	length = hex_to_bytes(
		"01 01 23 00 00 20 00 32x01 02 01 23 00 01 20 00 32x02"
		" 03 01 23 00 02 20 00 32x03 04 01 23 00 03 20 00 32x04"
		" 10 01 0b 00 87 08 00 07 00 00 00 00 00 00 00"
		" 11 01 23 00 08 20 00 32x11 fd 01 83 00 84 80 00 128xfd"
		" fe 01 13 00 85 10 00 3f 00 00 00 04 00 00 00 1f 00 00 00"
		" 11 00 00 00",
		record, sizeof(record));
	assert_int_equal(length, 0x170);

	spdm_reader_init(&r, record, length);
	for (size_t i = 0; i < sizeof(indices); i++) {
		struct spdm_measurement_block block;
		size_t start = r.offset;

		assert_int_equal(spdm_decode_measurement_block(&block, &r), 0);
		assert_int_equal(block.index, indices[i]);
		assert_int_equal(block.dmtf_value_type, types[i]);
		assert_int_equal(block.dmtf_value_size, value_sizes[i]);
		assert_ptr_equal(block.raw, record + start);
		assert_int_equal(block.raw_size, r.offset - start);
	}
	assert_int_equal(spdm_reader_finish(&r), 0);
}

static void measurement_block_invalid_arguments(void **state)
{
	struct spdm_measurement_block block;
	struct spdm_reader r;

	spdm_reader_init(&r, NULL, 0);
	assert_int_equal(spdm_decode_measurement_block(NULL, &r), -EINVAL);
	assert_int_equal(spdm_decode_measurement_block(&block, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(measurement_block_rows),
		cmocka_unit_test(measurement_block_walks_record),
		cmocka_unit_test(measurement_block_invalid_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
