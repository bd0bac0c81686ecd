// SPDX-License-Identifier: BSD-3-Clause
/*
 * Golden exchanges of version, capabilities and algorithms negotiation,
 * and the errors for requests out of order or with the wrong version.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/messages.h>

#include "helpers.h"

struct step {
	const char *request;
	const char *response;
};

struct script {
	const char *name;
	const char *algorithm;
	struct step steps[8];
};

#define VERSION_EXCHANGE                                                       \
	{                                                                      \
		"10 84 00 00", "10 04 00 00 00 03 00 10 00 11 00 12"           \
	}
#define CAPS_12_REQUEST                                                        \
	"12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 10 00 00"
/* CTExponent 20, CERT|CHAL|MEAS_SIG|MEAS_FRESH, 4608 and 4608. */
#define CAPS_12_RESPONSE                                                       \
	"12 61 00 00 00 14 00 00 36 00 00 00 00 12 00 00 00 12 00 00"
#define ALGORITHMS_12_P384                                                     \
	{                                                                      \
		"12 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00"              \
		" 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",            \
		    "12 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00"          \
		    " 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"         \
		    " 00 00 00 00"                                             \
	}

static const struct script scripts[] = {
    {"version 1.0 capabilities and algorithms",
     "ecp384",
     {VERSION_EXCHANGE,
      {"10 e1 00 00", "10 61 00 00 00 14 00 00 36 00 00 00"},
      /* DMTF's 1.0 example: P-256|P-384 and SHA-256|SHA-384 offered. */
      {"10 e3 00 00 20 00 01 00 90 00 00 00 03 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
       "10 63 00 00 24 00 01 00 08 00 00 00 80 00 00 00"
       " 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
       " 00 00 00 00"}}},
    {"version 1.1 with AlgStructs",
     "ecp256",
     {VERSION_EXCHANGE,
      {"11 e1 00 00 00 00 00 00 06 00 00 00",
       "11 61 00 00 00 14 00 00 36 00 00 00"},
      {"11 e3 04 00 30 00 01 00 90 00 00 00 07 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
       " 02 20 1b 00 03 20 06 00 04 20 0f 00 05 20 01 00",
       "11 63 04 00 34 00 01 00 08 00 00 00 10 00 00 00"
       " 04 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
       " 00 00 00 00 02 20 10 00 03 20 02 00 04 20 08 00"
       " 05 20 01 00"}}},
    {"version 1.2 selects opaque format 1",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      {"12 e3 00 00 20 00 01 03 80 00 00 00 02 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
       "12 63 00 00 24 00 01 02 08 00 00 00 80 00 00 00"
       " 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
       " 00 00 00 00"}}},
    {"GET_VERSION with version 1.1",
     "ecp384",
     {{"11 84 00 00", "10 7f 41 00"}}},
    {"GET_CAPABILITIES before GET_VERSION",
     "ecp384",
     {{"12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 10 00 00",
       "10 7f 04 00"}}},
    {"GET_CAPABILITIES with unknown version",
     "ecp384",
     {VERSION_EXCHANGE, {"15 e1 00 00", "10 7f 41 00"}}},
    {"GET_DIGESTS right after VERSION",
     "ecp384",
     {VERSION_EXCHANGE, {"10 81 00 00", "10 7f 41 00"}}},
    {"NEGOTIATE_ALGORITHMS before CAPABILITIES",
     "ecp384",
     {VERSION_EXCHANGE,
      {"12 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
       "10 7f 04 00"}}},
    {"GET_DIGESTS before ALGORITHMS",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      {"12 81 00 00", "12 7f 04 00"}}},
    {"GET_CAPABILITIES twice",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      {CAPS_12_REQUEST, "12 7f 04 00"}}},
    {"request with another version",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      ALGORITHMS_12_P384,
      {"11 81 00 00", "12 7f 41 00"},
      {"12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 10 00 00",
       "12 7f 04 00"}}},
    {"unknown request code",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      ALGORITHMS_12_P384,
      {"12 e5 00 00", "12 7f 07 e5"},
      {"12 05 00 00", "12 7f 07 05"}}},
    {"no common asymmetric algorithm",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      {"12 e3 00 00 20 00 01 00 10 00 00 00 02 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
       "12 7f 01 00"}}},
    {"NEGOTIATE_ALGORITHMS with a wrong Length",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      {"12 e3 00 00 24 00 01 00 80 00 00 00 02 00 00 00"
       " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
       "12 7f 01 00"}}},
    {"1.2 capabilities without CHUNK_CAP and DTS below max",
     "ecp384",
     {VERSION_EXCHANGE,
      {"12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 20 00 00",
       "12 7f 01 00"}}},
    {"GET_VERSION restarts the connection",
     "ecp384",
     {VERSION_EXCHANGE,
      {CAPS_12_REQUEST, CAPS_12_RESPONSE},
      ALGORITHMS_12_P384,
      VERSION_EXCHANGE,
      {"12 81 00 00", "10 7f 41 00"}}},
    {"request shorter than a header", "ecp384", {{"10 84", "10 7f 01 00"}}},
};

static void run_script(void **state)
{
	const struct script *script = *state;
	struct device dev;

	device_open(&dev, script->algorithm, NULL, NULL);
	for (size_t i = 0; i < 8 && script->steps[i].request; i++) {
		uint8_t request[128];
		uint8_t expected[128];
		size_t request_size = test_hex(script->steps[i].request,
					       request, sizeof(request));
		size_t expected_size = test_hex(script->steps[i].response,
						expected, sizeof(expected));

		device_send(&dev, request, request_size);
		if (dev.response_length != expected_size ||
		    memcmp(dev.response, expected, expected_size))
			fail_msg("%s, step %zu: response differs", script->name,
				 i + 1);
	}
	device_close(&dev);
}

static void profile_versions_with_update(struct spdm_responder_profile *p)
{
	p->versions[0] = 0x1210;
	p->versions[1] = 0x1120;
	p->version_count = 2;
}

static void version_entries_keep_update_numbers(void **state)
{
	static const uint8_t get_version[] = {0x10, 0x84, 0, 0};
	static const uint8_t expected[] = {0x10, 0x04, 0,    0,	   0,
					   2,	 0x10, 0x12, 0x20, 0x11};
	struct device dev;

	device_open(&dev, "ecp256", profile_versions_with_update, NULL);
	device_send(&dev, get_version, sizeof(get_version));
	assert_int_equal(dev.response_length, sizeof(expected));
	assert_memory_equal(dev.response, expected, sizeof(expected));
	device_close(&dev);
}

/* DSP0274: CAPABILITIES is 12 bytes in 1.0 and 1.1, 20 in 1.2. */
static void capabilities_sizes_per_version(void **state)
{
	static const size_t request_size[] = {4, 12, 20};
	static const size_t response_size[] = {12, 12, 20};

	for (uint8_t minor = 0; minor < 3; minor++) {
		uint8_t get_version[] = {0x10, 0x84, 0, 0};
		uint8_t get_caps[20] = {(uint8_t)(0x10 + minor), 0xe1};
		struct device dev;

		get_caps[13] = 0x10;
		get_caps[17] = 0x10;
		device_open(&dev, "ecp256", NULL, NULL);
		device_send(&dev, get_version, sizeof(get_version));
		device_send(&dev, get_caps, request_size[minor]);
		assert_int_equal(dev.response_length, response_size[minor]);
		assert_int_equal(dev.response[0], 0x10 + minor);
		assert_int_equal(dev.response[1], SPDM_CAPABILITIES);
		device_close(&dev);
	}
}

int main(void)
{
	struct CMUnitTest tests[sizeof(scripts) / sizeof(scripts[0]) + 2];
	size_t count = 0;

	for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		tests[count] = (struct CMUnitTest)cmocka_unit_test(run_script);
		tests[count].name = scripts[i].name;
		tests[count].initial_state = (void *)&scripts[i];
		count++;
	}
	tests[count++] = (struct CMUnitTest)cmocka_unit_test(
	    version_entries_keep_update_numbers);
	tests[count++] =
	    (struct CMUnitTest)cmocka_unit_test(capabilities_sizes_per_version);
	return _cmocka_run_group_tests("responder-vca", tests, count, NULL,
				       NULL);
}
