// SPDX-License-Identifier: BSD-3-Clause
#include <dirent.h>
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

#include "fileio.h"
#include "pin_store.h"
#include "pins.h"

#define DIGEST_A                                                               \
	"000102030405060708090a0b0c0d0e0f101112131415161718191a1b"             \
	"1c1d1e1f202122232425262728292a2b2c2d2e2f"
#define DIGEST_B                                                               \
	"ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b"             \
	"1c1d1e1f202122232425262728292a2b2c2d2e2f"

static const char good_text[] =
    "spdmd-pins 1\n"
    "name:GPU_0 0 " DIGEST_A "\n"
    "uuid:8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7 3 " DIGEST_B "\n"
    "end 2\n";

static void digest_fill(uint8_t *digest, uint8_t first)
{
	for (size_t i = 0; i < PIN_DIGEST_SIZE; i++)
		digest[i] = (uint8_t)i;
	digest[0] = first;
}

static void pins_parse_good(void **state)
{
	struct pin_list list;
	unsigned int bad_line = 0;
	uint8_t digest[PIN_DIGEST_SIZE];

	assert_int_equal(
	    pins_parse(good_text, strlen(good_text), &list, &bad_line), 0);
	assert_int_equal(list.count, 2);
	assert_string_equal(list.pins[0].key, "name:GPU_0");
	assert_int_equal(list.pins[0].slot, 0);
	digest_fill(digest, 0);
	assert_memory_equal(list.pins[0].digest, digest, PIN_DIGEST_SIZE);
	assert_string_equal(list.pins[1].key,
			    "uuid:8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7");
	assert_int_equal(list.pins[1].slot, 3);
	digest_fill(digest, 0xff);
	assert_memory_equal(list.pins[1].digest, digest, PIN_DIGEST_SIZE);
	pin_list_clear(&list);
}

static void pins_format_round_trip(void **state)
{
	struct pin_list list, parsed;
	unsigned int bad_line = 0;
	char *text;
	size_t length;

	assert_int_equal(
	    pins_parse(good_text, strlen(good_text), &list, &bad_line), 0);
	assert_int_equal(pins_format(&list, &text, &length), 0);
	assert_int_equal(length, strlen(good_text));
	assert_string_equal(text, good_text);
	assert_int_equal(pins_parse(text, length, &parsed, &bad_line), 0);
	assert_int_equal(parsed.count, 2);
	free(text);
	pin_list_clear(&list);
	pin_list_clear(&parsed);
}

static void pins_format_empty(void **state)
{
	struct pin_list list = {0};
	char *text;
	size_t length;

	assert_int_equal(pins_format(&list, &text, &length), 0);
	assert_string_equal(text, "spdmd-pins 1\nend 0\n");
	free(text);
}

struct bad_text {
	const char *text;
	unsigned int line;
};

static const struct bad_text bad_texts[] = {
    {"", 1},
    {"spdmd-pins 2\nend 0\n", 1},
    {"spdmd-pins 1\n", 2},
    {"spdmd-pins 1\nend 0", 2},
    {"spdmd-pins 1\nend 1\n", 2},
    {"spdmd-pins 1\nend 0\nextra\n", 3},
    {"spdmd-pins 1\nname:a 0 00\nend 1\n", 2},
    {"spdmd-pins 1\nname:a 8 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nname:a 10 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nserial:a 0 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nname:a-b 0 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nuuid:xyz 0 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nname: 0 " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nname:a 0 " DIGEST_A "0\nend 1\n", 2},
    {"spdmd-pins 1\nname:a 0  " DIGEST_A "\nend 1\n", 2},
    {"spdmd-pins 1\nname:a 0 " DIGEST_A "\nname:a 0 " DIGEST_B "\nend 2\n", 3},
    {"spdmd-pins 1\nname:a 0 " DIGEST_A "\nend 2\n", 3},
    {"spdmd-pins 1\nname:a 0 "
     "000102030405060708090A0B0C0D0E0F101112131415161718191A1B"
     "1C1D1E1F202122232425262728292A2B2C2D2E2F\nend 1\n",
     2},
    {"spdmd-pins 1\nname:a 0 " DIGEST_A, 2},
};

static void pins_parse_bad(void **state)
{
	for (size_t i = 0; i < sizeof(bad_texts) / sizeof(bad_texts[0]); i++) {
		struct pin_list list;
		unsigned int bad_line = 0;
		const char *text = bad_texts[i].text;

		print_message("case %zu\n", i);
		assert_int_equal(
		    pins_parse(text, strlen(text), &list, &bad_line), -EBADMSG);
		assert_int_equal(bad_line, bad_texts[i].line);
		assert_null(list.pins);
	}
}

static void pin_keys(void **state)
{
	assert_true(pin_key_is_valid("name:GPU_0"));
	assert_true(
	    pin_key_is_valid("uuid:8c1f2b34-5a6d-4e7f-8091-a2b3c4d5e6f7"));
	assert_false(pin_key_is_valid("name:"));
	assert_false(pin_key_is_valid("name:a b"));
	assert_false(pin_key_is_valid("uuid:g"));
	assert_false(pin_key_is_valid("GPU_0"));
}

/* A fresh state directory per test. */
static int make_dir(void **state)
{
	char *dir = strdup("/tmp/spdmd-pins-XXXXXX");

	if (!dir || !mkdtemp(dir))
		return -1;
	*state = dir;
	return 0;
}

static int remove_dir(void **state)
{
	char *dir = *state;
	DIR *stream = opendir(dir);
	struct dirent *entry;
	char path[512];

	while (stream && (entry = readdir(stream))) {
		if (entry->d_name[0] == '.' &&
		    (entry->d_name[1] == '\0' || entry->d_name[1] == '.'))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		unlink(path);
	}
	if (stream)
		closedir(stream);
	rmdir(dir);
	free(dir);
	return 0;
}

static void write_text(const char *dir, const char *name, const char *text)
{
	assert_int_equal(file_replace(dir, name, text, strlen(text)), 0);
}

static char *read_text(const char *dir, const char *name)
{
	char path[512];
	char *text = NULL;
	size_t length;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (file_read(path, 1 << 20, &text, &length) < 0)
		return NULL;
	return text;
}

/* Returns the number of entries in dir whose name starts with prefix. */
static int count_files(const char *dir, const char *prefix)
{
	DIR *stream = opendir(dir);
	struct dirent *entry;
	int count = 0;

	assert_non_null(stream);
	while ((entry = readdir(stream)))
		if (strncmp(entry->d_name, prefix, strlen(prefix)) == 0)
			count++;
	closedir(stream);
	return count;
}

static void store_first_start(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];
	char *text;

	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_null(report.loaded_from);
	assert_int_equal(report.corrupt_line, 0);
	assert_int_equal(report.error, 0);
	assert_true(store.usable);

	digest_fill(digest, 0);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_FIRST_USE);
	assert_int_equal(pin_store_record(&store, "name:GPU_0", 0, digest), 0);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_MATCH);

	text = read_text(dir, "pins");
	assert_non_null(text);
	assert_string_equal(text,
			    "spdmd-pins 1\nname:GPU_0 0 " DIGEST_A "\nend 1\n");
	free(text);
	/* No backup before the first replacement, no temporary left. */
	assert_int_equal(count_files(dir, "pins.bak"), 0);
	assert_int_equal(count_files(dir, ".pins"), 0);
	pin_store_close(&store);
}

static void store_backup_before_replace(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];
	char *text;

	write_text(dir, "pins", good_text);
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_string_equal(report.loaded_from, "pins");
	digest_fill(digest, 0x42);
	assert_int_equal(pin_store_record(&store, "name:NIC_0", 1, digest), 0);

	text = read_text(dir, "pins.bak");
	assert_non_null(text);
	assert_string_equal(text, good_text);
	free(text);
	text = read_text(dir, "pins");
	assert_non_null(strstr(text, "name:NIC_0 1 42"));
	assert_non_null(strstr(text, "end 3\n"));
	free(text);
	assert_int_equal(count_files(dir, ".pins"), 0);
	pin_store_close(&store);

	/* The new pin survives a restart. */
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_int_equal(pin_store_check(&store, "name:NIC_0", 1, digest),
			 PIN_MATCH);
	pin_store_close(&store);
}

static void store_chain_changed(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];
	char *before, *after;

	write_text(dir, "pins", good_text);
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	digest_fill(digest, 0x01);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_CHANGED);
	/* Another slot of the same key is a separate pin. */
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 1, digest),
			 PIN_FIRST_USE);

	/* A changed chain is never re-pinned. */
	before = read_text(dir, "pins");
	assert_int_equal(pin_store_record(&store, "name:GPU_0", 0, digest),
			 -EEXIST);
	after = read_text(dir, "pins");
	assert_string_equal(before, after);
	digest_fill(digest, 0x00);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_MATCH);
	free(before);
	free(after);
	pin_store_close(&store);
}

static void store_corrupt_uses_backup(void **state)
{
	const char *dir = *state;
	static const char corrupt[] = "spdmd-pins 1\nname:GPU_0 0 0001\n";
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];
	char *text;

	write_text(dir, "pins", corrupt);
	write_text(dir, "pins.bak", good_text);
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_int_equal(report.corrupt_line, 2);
	assert_string_equal(report.loaded_from, "pins.bak");
	assert_int_equal(report.error, 0);
	assert_true(store.usable);

	/* The corrupt file is kept under its new name, unchanged. */
	assert_int_equal(count_files(dir, "pins.corrupt-"), 1);
	assert_non_null(strstr(report.corrupt_copy, "/pins.corrupt-"));
	text = read_text(dir, strrchr(report.corrupt_copy, '/') + 1);
	assert_string_equal(text, corrupt);
	free(text);

	/* pins contains the recovered pins again. */
	text = read_text(dir, "pins");
	assert_string_equal(text, good_text);
	free(text);
	digest_fill(digest, 0);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_MATCH);
	pin_store_close(&store);
}

static void store_corrupt_without_backup(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];

	write_text(dir, "pins", "garbage\n");
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_int_equal(report.corrupt_line, 1);
	assert_null(report.loaded_from);
	assert_false(store.usable);
	assert_int_equal(count_files(dir, "pins.corrupt-"), 1);
	assert_int_equal(count_files(dir, "pins"), 1);

	/* Nothing is trusted and nothing is pinned in this state. */
	digest_fill(digest, 0);
	assert_int_equal(pin_store_check(&store, "name:GPU_0", 0, digest),
			 PIN_UNAVAILABLE);
	assert_int_equal(pin_store_record(&store, "name:GPU_0", 0, digest),
			 -EIO);
	assert_null(read_text(dir, "pins"));
	pin_store_close(&store);
}

static void store_missing_uses_backup(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	uint8_t digest[PIN_DIGEST_SIZE];

	write_text(dir, "pins.bak", good_text);
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_string_equal(report.loaded_from, "pins.bak");
	assert_int_equal(report.corrupt_line, 0);
	digest_fill(digest, 0xff);
	assert_int_equal(pin_store_check(&store,
					 "uuid:8c1f2b34-5a6d-4e7f-8091-"
					 "a2b3c4d5e6f7",
					 3, digest),
			 PIN_MATCH);
	pin_store_close(&store);
}

static void store_both_corrupt(void **state)
{
	const char *dir = *state;
	struct pin_store store;
	struct pin_store_report report;
	char *text;

	write_text(dir, "pins", "spdmd-pins 1\n");
	write_text(dir, "pins.bak", "spdmd-pins 1\nend 5\n");
	assert_int_equal(pin_store_open(&store, dir, &report), 0);
	assert_int_equal(report.corrupt_line, 2);
	assert_int_equal(report.backup_corrupt_line, 2);
	assert_false(store.usable);
	/* The corrupt backup is left in place for the operator. */
	text = read_text(dir, "pins.bak");
	assert_string_equal(text, "spdmd-pins 1\nend 5\n");
	free(text);
	pin_store_close(&store);
}

static void file_replace_atomic(void **state)
{
	const char *dir = *state;
	char *text;

	write_text(dir, "state", "old\n");
	write_text(dir, "state", "new\n");
	text = read_text(dir, "state");
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(count_files(dir, ".state"), 0);
	assert_int_equal(file_replace("/nonexistent-dir", "state", "x", 1),
			 -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pins_parse_good),
	    cmocka_unit_test(pins_format_round_trip),
	    cmocka_unit_test(pins_format_empty),
	    cmocka_unit_test(pins_parse_bad),
	    cmocka_unit_test(pin_keys),
	    cmocka_unit_test_setup_teardown(store_first_start, make_dir,
					    remove_dir),
	    cmocka_unit_test_setup_teardown(store_backup_before_replace,
					    make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(store_chain_changed, make_dir,
					    remove_dir),
	    cmocka_unit_test_setup_teardown(store_corrupt_uses_backup, make_dir,
					    remove_dir),
	    cmocka_unit_test_setup_teardown(store_corrupt_without_backup,
					    make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(store_missing_uses_backup, make_dir,
					    remove_dir),
	    cmocka_unit_test_setup_teardown(store_both_corrupt, make_dir,
					    remove_dir),
	    cmocka_unit_test_setup_teardown(file_replace_atomic, make_dir,
					    remove_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
