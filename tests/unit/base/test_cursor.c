// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <spdm/cursor.h>

static void reader_reads_little_endian(void **state)
{
	static const uint8_t bytes[] = { 0x01, 0x34, 0x12, 0x56, 0x34, 0x12,
					 0x78, 0x56, 0x34, 0x12 };
	struct spdm_reader r;

	spdm_reader_init(&r, bytes, sizeof(bytes));
	assert_int_equal(spdm_read_u8(&r), 0x01);
	assert_int_equal(spdm_read_u16(&r), 0x1234);
	assert_int_equal(spdm_read_u24(&r), 0x123456);
	assert_int_equal(spdm_read_u32(&r), 0x12345678);
	assert_int_equal(spdm_reader_finish(&r), 0);
}

static void reader_reads_big_endian(void **state)
{
	static const uint8_t bytes[] = { 0x12, 0x34, 0x00, 0x00, 0xde, 0xad };
	struct spdm_reader r;

	spdm_reader_init(&r, bytes, sizeof(bytes));
	assert_int_equal(spdm_read_u16_be(&r), 0x1234);
	assert_int_equal(spdm_read_u32_be(&r), 0xdead);
	assert_int_equal(spdm_reader_finish(&r), 0);
}

static void reader_overrun_sticks(void **state)
{
	static const uint8_t bytes[] = { 0xaa, 0xbb, 0xcc };
	struct spdm_reader r;

	spdm_reader_init(&r, bytes, sizeof(bytes));
	assert_int_equal(spdm_read_u32(&r), 0);
	assert_int_equal(spdm_reader_status(&r), -EOVERFLOW);
	/* A read that would fit on its own still fails after an overrun. */
	assert_int_equal(spdm_read_u8(&r), 0);
	assert_null(spdm_read_span(&r, 1));
	assert_int_equal(spdm_reader_remaining(&r), 0);
	assert_int_equal(spdm_reader_finish(&r), -EOVERFLOW);
}

static void reader_trailing_bytes(void **state)
{
	static const uint8_t bytes[] = { 0xaa, 0xbb };
	struct spdm_reader r;

	spdm_reader_init(&r, bytes, sizeof(bytes));
	spdm_read_u8(&r);
	assert_int_equal(spdm_reader_status(&r), 0);
	assert_int_equal(spdm_reader_remaining(&r), 1);
	assert_int_equal(spdm_reader_finish(&r), -EBADMSG);
}

static void reader_huge_length(void **state)
{
	static const uint8_t bytes[] = { 0xaa, 0xbb };
	struct spdm_reader r;

	spdm_reader_init(&r, bytes, sizeof(bytes));
	spdm_read_u8(&r);
	/* Must not wrap around when offset + length overflows size_t. */
	assert_null(spdm_read_span(&r, SIZE_MAX));
	assert_int_equal(spdm_reader_status(&r), -EOVERFLOW);
}

static void writer_writes_and_overruns(void **state)
{
	uint8_t buf[7];
	struct spdm_writer w;
	size_t length = 0;

	spdm_writer_init(&w, buf, sizeof(buf));
	spdm_write_u8(&w, 0x10);
	spdm_write_u16(&w, 0x1284);
	spdm_write_u32_be(&w, 0x01020304);
	assert_int_equal(spdm_writer_finish(&w, &length), 0);
	assert_int_equal(length, 7);
	assert_int_equal(buf[1], 0x84);
	assert_int_equal(buf[2], 0x12);
	assert_int_equal(buf[3], 0x01);
	assert_int_equal(buf[6], 0x04);

	spdm_write_u8(&w, 0xff);
	assert_int_equal(spdm_writer_finish(&w, &length), -EOVERFLOW);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reader_reads_little_endian),
		cmocka_unit_test(reader_reads_big_endian),
		cmocka_unit_test(reader_overrun_sticks),
		cmocka_unit_test(reader_trailing_bytes),
		cmocka_unit_test(reader_huge_length),
		cmocka_unit_test(writer_writes_and_overruns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
