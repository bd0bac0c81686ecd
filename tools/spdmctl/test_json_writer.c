// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "json_writer.h"

struct escape_vector {
	const char *input;
	const char *expected;
};

static const struct escape_vector escape_vectors[] = {
	{ "plain", "plain" },
	{ "", "" },
	{ "quote \" backslash \\", "quote \\\" backslash \\\\" },
	{ "line\nfeed\ttab\rreturn", "line\\nfeed\\ttab\\rreturn" },
	{ "\b\f", "\\b\\f" },
	{ "\x01\x1f\x7f", "\\u0001\\u001f\\u007f" },
	{ "/slash", "/slash" },
	/* Valid UTF-8 passes through: U+00E9, U+20AC, U+1F600. */
	{ "caf\xc3\xa9", "caf\xc3\xa9" },
	{ "\xe2\x82\xac", "\xe2\x82\xac" },
	{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
	/* Invalid bytes become U+FFFD, one escape per rejected byte. */
	{ "\xff", "\\ufffd" },
	{ "a\x80z", "a\\ufffdz" },
	{ "\xc0\xaf", "\\ufffd\\ufffd" },		/* overlong '/' */
	{ "\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd" },	/* overlong */
	{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },	/* surrogate */
	{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" }, /* > U+10FFFF */
	{ "\xc3", "\\ufffd" },				/* truncated */
	{ "\xe2\x82", "\\ufffd\\ufffd" },		/* truncated */
};

static char *escape(const char *input)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	json_write_escaped(out, input);
	fclose(out);
	return text;
}

static void escape_table(void **state)
{
	size_t count = sizeof(escape_vectors) / sizeof(escape_vectors[0]);

	for (size_t i = 0; i < count; i++) {
		char *text = escape(escape_vectors[i].input);

		assert_string_equal(text, escape_vectors[i].expected);
		free(text);
	}
}

static void document_layout(void **state)
{
	static const uint8_t digest[] = { 0x00, 0xab, 0xff };
	static const char expected[] = "{\n"
				       "  \"name\": \"a\\\"b\",\n"
				       "  \"count\": 18446744073709551615,\n"
				       "  \"ok\": true,\n"
				       "  \"digest\": \"00abff\",\n"
				       "  \"empty\": [],\n"
				       "  \"none\": {},\n"
				       "  \"list\": [\n"
				       "    1,\n"
				       "    false,\n"
				       "    null,\n"
				       "    {\n"
				       "      \"k\": \"v\"\n"
				       "    }\n"
				       "  ]\n"
				       "}\n";
	struct json_writer writer;
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	json_writer_init(&writer, out);
	json_begin_object(&writer);
	json_member_string(&writer, "name", "a\"b");
	json_member_uint(&writer, "count", UINT64_MAX);
	json_member_bool(&writer, "ok", true);
	json_member_hex(&writer, "digest", digest, sizeof(digest));
	json_key(&writer, "empty");
	json_begin_array(&writer);
	json_end_array(&writer);
	json_key(&writer, "none");
	json_begin_object(&writer);
	json_end_object(&writer);
	json_key(&writer, "list");
	json_begin_array(&writer);
	json_uint(&writer, 1);
	json_bool(&writer, false);
	json_null(&writer);
	json_begin_object(&writer);
	json_member_string(&writer, "k", "v");
	json_end_object(&writer);
	json_end_array(&writer);
	json_end_object(&writer);
	json_writer_finish(&writer);
	fclose(out);

	assert_string_equal(text, expected);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_table),
		cmocka_unit_test(document_layout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
