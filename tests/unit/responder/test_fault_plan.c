// SPDX-License-Identifier: BSD-3-Clause
/* The fault syntax, the name parsers and the measurement file format. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/responder.h>

static struct spdm_fault_plan parse_ok(const char *spec)
{
	struct spdm_fault_plan plan = {0};
	char error[160] = "";

	if (spdm_fault_plan_add(&plan, spec, error, sizeof(error)))
		fail_msg("fault '%s' rejected: %s", spec, error);
	return plan;
}

static void flags_and_numbers(void **state)
{
	struct spdm_fault_plan plan;

	plan = parse_ok("wrong-key");
	assert_true(plan.wrong_key);
	plan = parse_ok("stop-after=3");
	assert_true(plan.stop_after_set);
	assert_int_equal(plan.stop_after, 3);
	plan = parse_ok("stop-after=0");
	assert_true(plan.stop_after_set);
	assert_int_equal(plan.stop_after, 0);
	plan = parse_ok("hang-up-after=7");
	assert_int_equal(plan.hang_up_after, 7);
	plan = parse_ok("cert-portion=0x40");
	assert_int_equal(plan.cert_portion, 64);
	plan = parse_ok("chunk=42");
	assert_int_equal(plan.chunk_size, 42);
	plan = parse_ok("delay=250");
	assert_int_equal(plan.delay_ms, 250);
	plan = parse_ok("opaque=1024");
	assert_int_equal(plan.opaque_size, 1024);
	plan = parse_ok("prefix=none");
	assert_int_equal(plan.prefix, SPDM_PREFIX_NONE);
	plan = parse_ok("prefix=always");
	assert_int_equal(plan.prefix, SPDM_PREFIX_ALWAYS);
}

static void rules_with_codes(void **state)
{
	struct spdm_fault_plan plan = {0};

	assert_int_equal(spdm_fault_plan_add(&plan, "busy=2", NULL, 0), 0);
	assert_int_equal(
	    spdm_fault_plan_add(&plan, "busy-at=CHALLENGE:forever", NULL, 0),
	    0);
	assert_int_equal(
	    spdm_fault_plan_add(&plan, "delay-at=0xe0:1500", NULL, 0), 0);
	assert_int_equal(plan.busy_count, 2);
	assert_int_equal(plan.busy[0].request_code, SPDM_FAULT_ANY_REQUEST);
	assert_int_equal(plan.busy[0].count, 2);
	assert_int_equal(plan.busy[1].request_code, 0x83);
	assert_int_equal(plan.busy[1].count, SPDM_FAULT_FOREVER);
	assert_int_equal(plan.delay_at[0].request_code, 0xe0);
	assert_int_equal(plan.delay_at[0].delay_ms, 1500);

	plan = parse_ok("busy=forever");
	assert_int_equal(plan.busy[0].count, SPDM_FAULT_FOREVER);
	plan = parse_ok("not-ready=100");
	assert_true(plan.not_ready_set);
	assert_int_equal(plan.not_ready_ms, 100);
	assert_int_equal(plan.not_ready_count, SPDM_FAULT_FOREVER);
	plan = parse_ok("not-ready=100,2");
	assert_int_equal(plan.not_ready_count, 2);
	plan = parse_ok("resynch-at=get_measurements");
	assert_int_equal(plan.resynch_at, 0xe0);
	plan = parse_ok("late-duplicate");
	assert_true(plan.late_duplicate);
	assert_int_equal(plan.late_duplicate_code, SPDM_FAULT_ANY_REQUEST);
}

static void values_with_names(void **state)
{
	struct spdm_fault_plan plan;

	plan = parse_ok("versions=1.1,1.2.3,0.9");
	assert_int_equal(plan.version_count, 3);
	assert_int_equal(plan.versions[0], 0x1100);
	assert_int_equal(plan.versions[1], 0x1230);
	assert_int_equal(plan.versions[2], 0x0900);
	plan = parse_ok("alg-select=0x90");
	assert_true(plan.alg_select_set);
	assert_int_equal(plan.alg_select, 0x90);
	plan = parse_ok("alg-select=ECDSA_P384+RSASSA_2048");
	assert_int_equal(plan.alg_select, 0x81);
	plan = parse_ok("caps=CERT|CHAL_CAP|meas_sig");
	assert_true(plan.caps_set);
	assert_int_equal(plan.caps, 0x16);
	plan = parse_ok("caps=0x18");
	assert_int_equal(plan.caps, 0x18);
}

static void file_faults_keep_paths(void **state)
{
	struct spdm_fault_plan plan = {0};

	assert_int_equal(
	    spdm_fault_plan_add(&plan, "chain=/tmp/a.der", NULL, 0), 0);
	assert_int_equal(
	    spdm_fault_plan_add(&plan, "measurements=m.txt", NULL, 0), 0);
	assert_int_equal(
	    spdm_fault_plan_add(&plan, "replay-file=r.bin", NULL, 0), 0);
	assert_string_equal(plan.chain_path, "/tmp/a.der");
	assert_string_equal(plan.measurements_path, "m.txt");
	assert_string_equal(plan.replay_path, "r.bin");
	assert_true(plan.replay_challenge_auth);
	spdm_fault_plan_clear(&plan);
	assert_null(plan.chain_path);
}

static void invalid_faults_rejected(void **state)
{
	static const struct {
		const char *spec;
		const char *error;
	} cases[] = {
	    {"no-such-fault", "unknown fault 'no-such-fault' or missing "
			      "'=VALUE'"},
	    {"wrong-key=1", "unknown fault 'wrong-key'"},
	    {"stop-after", "unknown fault 'stop-after' or missing "
			   "'=VALUE'"},
	    {"stop-after=-1", "invalid number '-1' in fault stop-after"},
	    {"cert-portion=0", "cert-portion must be at least 1"},
	    {"opaque=1025", "opaque must be at most 1024 bytes"},
	    {"busy=often", "invalid busy count 'often' (N or forever)"},
	    {"busy-at=GET_THINGS:1",
	     "invalid value 'GET_THINGS:1' in fault busy-at (CODE:N)"},
	    {"delay-at=0x82:forever",
	     "invalid value '0x82:forever' in fault delay-at (CODE:MS)"},
	    {"resynch-at=0x04",
	     "invalid request code '0x04' in fault resynch-at (a name "
	     "such as GET_CERTIFICATE or hex)"},
	    {"not-ready=,2", "invalid not-ready value ',2' (MS[,N])"},
	    {"versions=1", "invalid versions '1' (e.g. 1.1,1.2)"},
	    {"versions=1.16", "invalid versions '1.16' (e.g. 1.1,1.2)"},
	    {"prefix=sometimes", "invalid prefix 'sometimes' (none or always)"},
	    {"caps=CERT|BOGUS", "invalid capability flags 'CERT|BOGUS' in "
				"fault caps (hex or names)"},
	    {"alg-select=P384", "invalid BaseAsym bits 'P384' in fault "
				"alg-select (hex or names)"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spdm_fault_plan plan = {0};
		char error[160] = "";

		assert_int_equal(spdm_fault_plan_add(&plan, cases[i].spec,
						     error, sizeof(error)),
				 -EINVAL);
		assert_string_equal(error, cases[i].error);
		spdm_fault_plan_clear(&plan);
	}
}

static void request_codes_by_name_or_hex(void **state)
{
	assert_int_equal(spdm_request_code_parse("GET_CERTIFICATE"), 0x82);
	assert_int_equal(spdm_request_code_parse("challenge"), 0x83);
	assert_int_equal(spdm_request_code_parse("0x82"), 0x82);
	assert_int_equal(spdm_request_code_parse("RESPOND_IF_READY"), 0xff);
	assert_int_equal(spdm_request_code_parse("0x100"), -EINVAL);
	assert_int_equal(spdm_request_code_parse("CERTIFICATE"), -EINVAL);
	assert_int_equal(spdm_request_code_parse(""), -EINVAL);
}

static void algorithm_lists(void **state)
{
	uint32_t bits;

	assert_int_equal(spdm_algorithms_parse(SPDM_ALGORITHM_HASH,
					       "SHA_256,SHA_512", &bits),
			 0);
	assert_int_equal(bits, 0x05);
	assert_int_equal(
	    spdm_algorithms_parse(SPDM_ALGORITHM_ASYM, "eddsa_ed25519", &bits),
	    0);
	assert_int_equal(bits, 0x400);
	assert_int_equal(spdm_algorithms_parse(SPDM_ALGORITHM_MEASUREMENT_HASH,
					       "RAW_BIT_STREAM|SHA_384", &bits),
			 0);
	assert_int_equal(bits, 0x05);
	assert_int_equal(
	    spdm_algorithms_parse(SPDM_ALGORITHM_HASH, "MD5", &bits), -EINVAL);
}

static const char measurement_file[] =
    "# index type form data\n"
    "\n"
    "0x10 6 raw text:2.0.1\n"
    "  1  0 digest   hex:00 01 02 03  # ROM image\n"
    "0xfd - field hex:84 02 00 aa bb\n";

static void measurement_file_parsed(void **state)
{
	struct spdm_measurement_list list;
	char error[128] = "";

	assert_int_equal(spdm_measurement_list_parse(&list, measurement_file,
						     strlen(measurement_file),
						     error, sizeof(error)),
			 0);
	assert_int_equal(list.count, 3);
	/* Sorted by index. */
	assert_int_equal(list.blocks[0].index, 1);
	assert_int_equal(list.blocks[0].form, SPDM_MEASUREMENT_DIGEST);
	assert_int_equal(list.blocks[0].value_type, 0);
	assert_int_equal(list.blocks[0].size, 4);
	assert_memory_equal(list.blocks[0].data, "\x00\x01\x02\x03", 4);
	assert_int_equal(list.blocks[1].index, 0x10);
	assert_int_equal(list.blocks[1].form, SPDM_MEASUREMENT_RAW);
	assert_int_equal(list.blocks[1].value_type, 6);
	assert_memory_equal(list.blocks[1].data, "2.0.1", 5);
	assert_int_equal(list.blocks[2].index, 0xfd);
	assert_int_equal(list.blocks[2].form, SPDM_MEASUREMENT_FIELD);
	assert_int_equal(list.blocks[2].size, 5);
	spdm_measurement_list_clear(&list);
}

static void measurement_file_errors(void **state)
{
	static const struct {
		const char *text;
		const char *error;
	} cases[] = {
	    {"1 0 digest\n", "line 1: expected INDEX TYPE FORM DATA"},
	    {"\n0 0 raw text:x\n", "line 2: invalid index '0' (1 to 0xfe)"},
	    {"0xff 0 raw text:x\n", "line 1: invalid index '0xff' (1 to 0xfe)"},
	    {"1 0x80 raw text:x\n", "line 1: invalid type '0x80' (0 to 0x7f)"},
	    {"1 0 hashed text:x\n",
	     "line 1: invalid form 'hashed' (digest, raw, field)"},
	    {"1 0 raw hex:123\n",
	     "line 1: invalid data (text:... or hex:..., at most 4096 "
	     "bytes)"},
	    {"1 0 raw text:a\n1 1 raw text:b\n", "line 2: index 1 given twice"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct spdm_measurement_list list;
		char error[128] = "";

		assert_int_equal(
		    spdm_measurement_list_parse(&list, cases[i].text,
						strlen(cases[i].text), error,
						sizeof(error)),
		    -EINVAL);
		assert_string_equal(error, cases[i].error);
		assert_int_equal(list.count, 0);
	}
}

static void default_measurements(void **state)
{
	static const uint8_t indices[] = {1, 2, 3, 4, 0x10, 0xfe};
	struct spdm_measurement_list list;

	assert_int_equal(spdm_measurement_list_default(&list), 0);
	assert_int_equal(list.count, sizeof(indices));
	for (size_t i = 0; i < sizeof(indices); i++)
		assert_int_equal(list.blocks[i].index, indices[i]);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(list.blocks[i].form, SPDM_MEASUREMENT_DIGEST);
		assert_int_equal(list.blocks[i].value_type, i);
	}
	assert_int_equal(list.blocks[5].size, 16);
	spdm_measurement_list_clear(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(flags_and_numbers),
	    cmocka_unit_test(rules_with_codes),
	    cmocka_unit_test(values_with_names),
	    cmocka_unit_test(file_faults_keep_paths),
	    cmocka_unit_test(invalid_faults_rejected),
	    cmocka_unit_test(request_codes_by_name_or_hex),
	    cmocka_unit_test(algorithm_lists),
	    cmocka_unit_test(measurement_file_parsed),
	    cmocka_unit_test(measurement_file_errors),
	    cmocka_unit_test(default_measurements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
