// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "log.h"

struct sanitize_case {
	const char *input;
	const char *expected;
};

/* Valid UTF-8 passes; control characters and invalid bytes become '?'. */
static const struct sanitize_case sanitize_cases[] = {
    {"plain ASCII", "plain ASCII"},
    {"", ""},
    {"line\nbreak\ttab\x7f", "line?break?tab?"},
    {"caf\xc3\xa9", "caf\xc3\xa9"},	      /* U+00E9 */
    {"\xe2\x82\xac 5", "\xe2\x82\xac 5"},     /* U+20AC */
    {"\xf0\x9f\x94\x92", "\xf0\x9f\x94\x92"}, /* U+1F512 */
    {"\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"}, /* U+10FFFF */
    {"10\xff", "10?"},			      /* never in UTF-8 */
    {"a\xe9z", "a?z"},			      /* Latin-1 e-acute */
    {"/a\xc0\xafz", "/a??z"},		      /* overlong '/' */
    {"\xe0\x80\xaf", "???"},		      /* overlong, 3 bytes */
    {"\xed\xa0\x80", "???"},		      /* surrogate U+D800 */
    {"\xf4\x90\x80\x80", "????"},	      /* above U+10FFFF */
    {"\xf5\x80\x80\x80", "????"},	      /* invalid lead */
    {"cut \xe2\x82", "cut ??"},		      /* truncated at end */
    {"\xc3", "?"},			      /* lead alone */
    {"\x80\xbf", "??"},			      /* continuations */
    {"\xc3\n", "??"},			      /* lead, control */
};

static void sanitize_table(void **state)
{
	(void)state;
	for (size_t i = 0;
	     i < sizeof(sanitize_cases) / sizeof(sanitize_cases[0]); i++) {
		char text[64];

		strcpy(text, sanitize_cases[i].input);
		log_sanitize(text);
		assert_string_equal(text, sanitize_cases[i].expected);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sanitize_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
