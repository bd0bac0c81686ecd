// SPDX-License-Identifier: BSD-3-Clause
/*
 * Tests of the conversation text format: parsing with its caps and
 * errors, and writing evidence that parses back to the same messages.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <spdm/conversation.h>

static int parse(const char *text, struct spdm_evidence *evidence,
		 const struct spdm_conversation_limits *limits, char *detail)
{
	memset(evidence, 0, sizeof(*evidence));
	return spdm_conversation_parse(text, strlen(text), limits, evidence,
				       detail, 256);
}

static void parse_messages_and_continuations(void **state)
{
	const char *text = "# version: 1.2\n"
			   "#\n"
			   "> 10 84 00 00\n"
			   "\n"
			   "< 10 04 00 00 00 01\n"
			   "  00 12\r\n"
			   ">12810000\n"
			   "<\t12 01 00 00\n";
	struct spdm_evidence evidence;
	char detail[256];
	const uint8_t version[] = { 0x10, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00,
				    0x12 };

	assert_int_equal(parse(text, &evidence, NULL, detail), 0);
	assert_int_equal(evidence.count, 4);
	assert_true(evidence.messages[0].is_request);
	assert_false(evidence.messages[1].is_request);
	assert_int_equal(evidence.messages[1].length, sizeof(version));
	assert_memory_equal(evidence.messages[1].data, version,
			    sizeof(version));
	assert_int_equal(evidence.messages[2].length, 4);
	assert_int_equal(evidence.messages[2].data[1], 0x81);
	assert_int_equal(evidence.messages[3].length, 4);
	assert_int_equal(evidence.total_bytes, 20);
	spdm_evidence_clear(&evidence);
}

struct parse_error_case {
	const char *text;
	int rc;
	const char *detail;
};

static const struct parse_error_case parse_error_cases[] = {
	{ "> 10 84 0g 00\n", -EBADMSG, "line 1: invalid hex byte at column 9" },
	{ "> 10 84 0\n", -EBADMSG, "line 1: invalid hex byte" },
	{ "# header\n  10 84\n", -EBADMSG,
	  "line 2: continuation without a message" },
	{ "> 10 84 00 00\n<\n", -EBADMSG, "line 2: empty message" },
	{ "> 10 84 00 00\nx 10\n", -EBADMSG, "line 2: expected '#', '>'" },
	{ " 10 84\n", -EBADMSG, "line 1: expected" },
};

static void parse_errors_name_the_line(void **state)
{
	for (size_t i = 0;
	     i < sizeof(parse_error_cases) / sizeof(parse_error_cases[0]);
	     i++) {
		const struct parse_error_case *c = &parse_error_cases[i];
		struct spdm_evidence evidence;
		char detail[256];

		assert_int_equal(parse(c->text, &evidence, NULL, detail),
				 c->rc);
		if (!strstr(detail, c->detail))
			fail_msg("'%s': detail '%s' lacks '%s'", c->text,
				 detail, c->detail);
		spdm_evidence_clear(&evidence);
	}
}

static void parse_caps(void **state)
{
	struct spdm_conversation_limits limits;
	struct spdm_evidence evidence;
	char detail[256];

	spdm_conversation_limits_default(&limits);
	assert_int_equal(limits.max_message_size,
			 SPDM_EVIDENCE_MAX_MESSAGE_SIZE);
	assert_int_equal(limits.max_messages, SPDM_EVIDENCE_MAX_MESSAGES);
	assert_int_equal(limits.max_file_size,
			 SPDM_CONVERSATION_MAX_FILE_SIZE);

	limits.max_message_size = 4;
	assert_int_equal(parse("> 10 84 00 00\n< 10 04 00 00 00\n", &evidence,
			       &limits, detail),
			 -E2BIG);
	assert_non_null(strstr(detail, "line 2: message above 4 bytes"));
	spdm_evidence_clear(&evidence);

	spdm_conversation_limits_default(&limits);
	limits.max_messages = 2;
	assert_int_equal(parse("> 10 84 00 00\n< 10 04 00 00\n> 12 81 00 00\n",
			       &evidence, &limits, detail),
			 -E2BIG);
	assert_non_null(strstr(detail, "more than 2 messages"));
	spdm_evidence_clear(&evidence);

	spdm_conversation_limits_default(&limits);
	limits.max_file_size = 10;
	assert_int_equal(parse("> 10 84 00 00\n", &evidence, &limits, detail),
			 -EFBIG);
	assert_int_equal(evidence.count, 0);
	spdm_evidence_clear(&evidence);
}

static void evidence_caps(void **state)
{
	struct spdm_evidence evidence = { 0 };
	uint8_t *big = calloc(1, SPDM_EVIDENCE_MAX_MESSAGE_SIZE + 1);

	assert_int_equal(spdm_evidence_append(&evidence, true, big,
					      SPDM_EVIDENCE_MAX_MESSAGE_SIZE + 1),
			 -E2BIG);
	assert_int_equal(spdm_evidence_append(&evidence, true, big,
					      SPDM_EVIDENCE_MAX_MESSAGE_SIZE),
			 0);
	assert_int_equal(evidence.total_bytes, SPDM_EVIDENCE_MAX_MESSAGE_SIZE);
	assert_int_equal(spdm_evidence_append(&evidence, true, NULL, 3),
			 -EINVAL);
	spdm_evidence_clear(&evidence);
	assert_int_equal(evidence.count, 0);
	free(big);
}

static void build_evidence(struct spdm_evidence *evidence)
{
	uint8_t message[100];

	memset(evidence, 0, sizeof(*evidence));
	for (size_t i = 0; i < sizeof(message); i++)
		message[i] = (uint8_t)(i * 7);
	assert_int_equal(spdm_evidence_append(evidence, true, message, 4), 0);
	assert_int_equal(spdm_evidence_append(evidence, false, message,
					      sizeof(message)),
			 0);
	assert_int_equal(spdm_evidence_append(evidence, true, message, 32), 0);
	assert_int_equal(spdm_evidence_append(evidence, false, message, 33),
			 0);
}

static void assert_same_evidence(const struct spdm_evidence *a,
				 const struct spdm_evidence *b)
{
	assert_int_equal(a->count, b->count);
	for (size_t i = 0; i < a->count; i++) {
		assert_int_equal(a->messages[i].is_request,
				 b->messages[i].is_request);
		assert_int_equal(a->messages[i].length, b->messages[i].length);
		assert_memory_equal(a->messages[i].data, b->messages[i].data,
				    a->messages[i].length);
	}
}

static void format_round_trip(void **state)
{
	struct spdm_evidence evidence;
	struct spdm_evidence parsed = { 0 };
	char *text;
	size_t length;
	char detail[256];

	build_evidence(&evidence);
	assert_int_equal(spdm_conversation_format(&evidence, NULL, "test",
						  &text, &length),
			 0);
	assert_int_equal(strlen(text), length);
	assert_non_null(strstr(text, "# produced-by: test\n"));
	/* 32 bytes a line: the 100-byte message takes four lines. */
	assert_non_null(strstr(text, "\n  "));
	assert_int_equal(spdm_conversation_parse(text, length, NULL, &parsed,
						 detail, sizeof(detail)),
			 0);
	assert_same_evidence(&evidence, &parsed);
	free(text);
	spdm_evidence_clear(&parsed);
	spdm_evidence_clear(&evidence);
}

static void format_headers_from_result(void **state)
{
	struct spdm_evidence evidence;
	struct spdm_result result = {
		.version = 0x12,
		.base_asym_algo = SPDM_ASYM_ECDSA_P384,
		.base_hash_algo = SPDM_HASH_SHA_384,
		.measurement_hash_algo = SPDM_MEAS_HASH_SHA_512,
		.slot_id = 1,
		.verified = true,
	};
	char *text;
	size_t length;
	const char *const headers[] = {
		"# version: 1.2\n",	   "# base-asym: ECDSA_P384\n",
		"# base-hash: SHA_384\n", "# measurement-hash: SHA_512\n",
		"# slot: 1\n",		   "# produced-by: spdmctl\n",
		"# verified: yes\n",	   "# reason: none\n",
	};

	build_evidence(&evidence);
	assert_int_equal(spdm_conversation_format(&evidence, &result,
						  "spdmctl", &text, &length),
			 0);
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		if (!strstr(text, headers[i]))
			fail_msg("missing header %s", headers[i]);
	free(text);
	spdm_evidence_clear(&evidence);
}

static void file_round_trip(void **state)
{
	char path[] = "/tmp/spdm-conversation-XXXXXX";
	struct spdm_evidence evidence;
	struct spdm_evidence read_back = { 0 };
	char detail[256];
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	build_evidence(&evidence);
	assert_int_equal(spdm_conversation_write_file(path, &evidence, NULL,
						      "test"),
			 0);
	assert_int_equal(spdm_conversation_read_file(path, NULL, &read_back,
						     detail, sizeof(detail)),
			 0);
	assert_same_evidence(&evidence, &read_back);
	unlink(path);
	assert_int_equal(spdm_conversation_read_file(path, NULL, &read_back,
						     detail, sizeof(detail)),
			 -ENOENT);
	assert_non_null(strstr(detail, path));
	spdm_evidence_clear(&read_back);
	spdm_evidence_clear(&evidence);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_messages_and_continuations),
		cmocka_unit_test(parse_errors_name_the_line),
		cmocka_unit_test(parse_caps),
		cmocka_unit_test(evidence_caps),
		cmocka_unit_test(format_round_trip),
		cmocka_unit_test(format_headers_from_result),
		cmocka_unit_test(file_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
