// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/reason.h>

static void reason_names_round_trip(void **state)
{
	for (int i = 0; i < SPDM_REASON_COUNT; i++) {
		const char *name = spdm_reason_name((enum spdm_reason)i);

		assert_non_null(name);
		assert_int_equal(spdm_reason_from_name(name), i);
	}
}

static void reason_stable_strings(void **state)
{
	assert_string_equal(spdm_reason_name(SPDM_REASON_SIGNATURE_INVALID),
			    "signature-invalid");
	assert_string_equal(spdm_reason_name(SPDM_REASON_NO_COMMON_VERSION),
			    "no-common-version");
	assert_string_equal(spdm_reason_name(SPDM_REASON_CHAIN_UNTRUSTED),
			    "chain-untrusted");
	assert_string_equal(spdm_reason_name(SPDM_REASON_TIMEOUT), "timeout");
	assert_string_equal(spdm_reason_name(SPDM_REASON_COUNT),
			    "internal-error");
	assert_int_equal(spdm_reason_from_name("no-such-reason"), -1);
}

static void error_code_names(void **state)
{
	assert_string_equal(spdm_error_code_name(0x03), "Busy");
	assert_string_equal(spdm_error_code_name(0x42), "ResponseNotReady");
	assert_string_equal(spdm_error_code_name(0x43), "RequestResynch");
	assert_string_equal(spdm_error_code_name(0x99), "Reserved");
	assert_string_equal(spdm_message_name(0x84), "GET_VERSION");
	assert_string_equal(spdm_message_name(0x60), "MEASUREMENTS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reason_names_round_trip),
		cmocka_unit_test(reason_stable_strings),
		cmocka_unit_test(error_code_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
