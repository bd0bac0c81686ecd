// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "measurement_args.h"

#define NONCE_HEX                                                              \
	"00112233445566778899aabbccddeeff"                                     \
	"0123456789ABCDEFfedcba9876543210"

struct args_case {
	size_t indices[8];
	size_t index_count;
	const char *nonce;
	size_t slot;
	const char *message; /* NULL: accepted */
};

static const struct args_case cases[] = {
    /* Accepted. */
    {{0}, 0, "", 0, NULL},
    {{255}, 1, "", 7, NULL},
    {{1, 2, 254}, 3, NONCE_HEX, 0, NULL},
    {{5}, 1, NONCE_HEX, 3, NULL},
    /* MeasurementIndices. */
    {{0},
     1,
     "",
     0,
     "MeasurementIndices: index 0 is out of range (1-254, or 255 alone "
     "for all)"},
    {{256},
     1,
     "",
     0,
     "MeasurementIndices: index 256 is out of range (1-254, or 255 "
     "alone for all)"},
    {{1, 255},
     2,
     "",
     0,
     "MeasurementIndices: 255 (all measurements) must be the only "
     "index"},
    {{255, 255},
     2,
     "",
     0,
     "MeasurementIndices: 255 (all measurements) must be the only "
     "index"},
    {{3, 4, 3}, 3, "", 0, "MeasurementIndices: index 3 is given twice"},
    /* Nonce. */
    {{0},
     0,
     "00",
     0,
     "Nonce: must be empty or 64 hex digits, got 2 characters"},
    {{0},
     0,
     NONCE_HEX "0",
     0,
     "Nonce: must be empty or 64 hex digits, got 65 characters"},
    {{0},
     0,
     "0011223344556677889xaabbccddeeff"
     "0123456789abcdeffedcba9876543210",
     0,
     "Nonce: 'x' at position 20 is not a hex digit"},
    {{0},
     0,
     "0011223344556677889\taabbccddeeff"
     "0123456789abcdeffedcba9876543210",
     0,
     "Nonce: byte 0x09 at position 20 is not a hex digit"},
    {{0},
     0,
     " 011223344556677889aaabbccddeeff"
     "0123456789abcdeffedcba9876543210",
     0,
     "Nonce: ' ' at position 1 is not a hex digit"},
    /* SlotId. */
    {{0}, 0, "", 8, "SlotId: 8 is out of range (0-7)"},
    {{0}, 0, "", 15, "SlotId: 15 is out of range (0-7)"},
    /* Arguments are checked in order: indices first. */
    {{0},
     1,
     "bad",
     9,
     "MeasurementIndices: index 0 is out of range (1-254, or 255 alone "
     "for all)"},
    {{1},
     1,
     "bad",
     9,
     "Nonce: must be empty or 64 hex digits, got 3 characters"},
};

static void measurement_args_table(void **state)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct args_case *c = &cases[i];
		struct measurement_args args;
		char message[MEASUREMENT_ARGS_MESSAGE_SIZE] = "";
		int ret;

		print_message("case %zu\n", i);
		ret = measurement_args_parse(c->indices, c->index_count,
					     c->nonce, c->slot, &args, message,
					     sizeof(message));
		if (!c->message) {
			assert_int_equal(ret, 0);
			assert_string_equal(message, "");
			continue;
		}
		assert_int_equal(ret, -EINVAL);
		assert_string_equal(message, c->message);
	}
}

static void measurement_args_values(void **state)
{
	static const size_t indices[] = {7, 1, 254};
	static const uint8_t nonce[SPDM_NONCE_SIZE] = {
	    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
	    0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
	    0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
	};
	struct measurement_args args;
	char message[MEASUREMENT_ARGS_MESSAGE_SIZE] = "";

	assert_int_equal(measurement_args_parse(indices, 3, NONCE_HEX, 5, &args,
						message, sizeof(message)),
			 0);
	assert_int_equal(args.index_count, 3);
	assert_int_equal(args.indices[0], 7);
	assert_int_equal(args.indices[1], 1);
	assert_int_equal(args.indices[2], 254);
	assert_false(args.fresh_nonce);
	assert_memory_equal(args.nonce, nonce, sizeof(nonce));
	assert_int_equal(args.slot, 5);
}

static void measurement_args_all_forms(void **state)
{
	static const size_t all[] = {255};
	struct measurement_args args;
	char message[MEASUREMENT_ARGS_MESSAGE_SIZE] = "";

	assert_int_equal(measurement_args_parse(NULL, 0, "", 0, &args, message,
						sizeof(message)),
			 0);
	assert_int_equal(args.index_count, 0);
	assert_true(args.fresh_nonce);

	assert_int_equal(measurement_args_parse(all, 1, "", 0, &args, message,
						sizeof(message)),
			 0);
	assert_int_equal(args.index_count, 0);
}

static void measurement_args_too_many(void **state)
{
	size_t indices[300];
	struct measurement_args args;
	char message[MEASUREMENT_ARGS_MESSAGE_SIZE] = "";

	for (size_t i = 0; i < 300; i++)
		indices[i] = 1 + i % 254;
	assert_int_equal(measurement_args_parse(indices, 300, "", 0, &args,
						message, sizeof(message)),
			 -EINVAL);
	assert_string_equal(message, "MeasurementIndices: 300 indices given, "
				     "at most 254");

	/* Every index once is the most a caller can ask for. */
	assert_int_equal(measurement_args_parse(indices, 254, "", 0, &args,
						message, sizeof(message)),
			 0);
	assert_int_equal(args.index_count, 254);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(measurement_args_table),
	    cmocka_unit_test(measurement_args_values),
	    cmocka_unit_test(measurement_args_all_forms),
	    cmocka_unit_test(measurement_args_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
