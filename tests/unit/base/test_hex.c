// SPDX-License-Identifier: BSD-3-Clause
/* Hex digits and fixed-size hex strings. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/hex.h>

static void digit_values(void **state)
{
	static const struct {
		char c;
		int value;
	} cases[] = {
	    {'0', 0},  {'9', 9},  {'a', 10}, {'f', 15}, {'A', 10},
	    {'F', 15}, {'g', -1}, {'G', -1}, {' ', -1}, {'\0', -1},
	    {'/', -1}, {':', -1}, {'@', -1}, {'`', -1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(spdm_hex_digit(cases[i].c), cases[i].value);
}

static void decode_exact_size(void **state)
{
	static const uint8_t expected[] = {0x00, 0x1f, 0xa5, 0xff};
	uint8_t out[4];

	(void)state;
	assert_int_equal(spdm_hex_decode("001fA5ff", 8, out, sizeof(out)), 0);
	assert_memory_equal(out, expected, sizeof(expected));
	assert_int_equal(spdm_hex_decode("", 0, out, 0), 0);
}

static void decode_rejects_bad_text(void **state)
{
	static const struct {
		const char *text;
		size_t size;
	} cases[] = {
	    {"001fa5f", 4},    /* one digit short */
	    {"001fa5ff00", 4}, /* one byte long */
	    {"001fa5fg", 4},   /* not a digit */
	    {"00 1fa5f", 4},   /* a separator */
	    {"0x1fa5ff", 4},   /* a prefix */
	};
	uint8_t out[4];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(spdm_hex_decode(cases[i].text,
						 strlen(cases[i].text), out,
						 cases[i].size),
				 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(digit_values),
	    cmocka_unit_test(decode_exact_size),
	    cmocka_unit_test(decode_rejects_bad_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
