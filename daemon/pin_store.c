// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "fileio.h"
#include "pin_store.h"

/* Reads and parses dir/name. Returns 0, -ENOENT, -EBADMSG or an errno. */
static int load_file(struct pin_store *store, const char *name,
		     unsigned int *bad_line)
{
	char path[PATH_MAX];
	char *text;
	size_t length;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", store->dir, name);
	ret = file_read(path, PIN_STORE_MAX_SIZE, &text, &length);
	if (ret == -EFBIG) {
		*bad_line = 0;
		return -EBADMSG;
	}
	if (ret < 0)
		return ret;
	ret = pins_parse(text, length, &store->list, bad_line);
	if (ret < 0) {
		free(text);
		return ret;
	}
	store->text = text;
	store->text_length = length;
	return 0;
}

static void set_error(struct pin_store_report *report, int error,
		      const char *file)
{
	if (report->error)
		return;
	report->error = error;
	report->error_file = file;
}

/* Moves a corrupt pins file aside, where the operator finds it. */
static void keep_corrupt_file(struct pin_store *store,
			      struct pin_store_report *report)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", store->dir, PIN_STORE_FILE);
	snprintf(report->corrupt_copy, sizeof(report->corrupt_copy),
		 "%s/%s.corrupt-%lld", store->dir, PIN_STORE_FILE,
		 (long long)time(NULL));
	if (rename(path, report->corrupt_copy) < 0) {
		/* Writing a new pins file now would destroy the evidence. */
		set_error(report, -errno, PIN_STORE_FILE);
		report->corrupt_copy[0] = '\0';
		store->usable = false;
	}
}

static void load_backup(struct pin_store *store,
			struct pin_store_report *report, bool pins_was_corrupt)
{
	int ret =
	    load_file(store, PIN_STORE_BACKUP, &report->backup_corrupt_line);

	if (ret == 0) {
		report->loaded_from = PIN_STORE_BACKUP;
		return;
	}
	if (ret == -EBADMSG) {
		if (report->backup_corrupt_line == 0)
			report->backup_corrupt_line = 1;
		store->usable = false;
		return;
	}
	if (ret != -ENOENT) {
		set_error(report, ret, PIN_STORE_BACKUP);
		store->usable = false;
		return;
	}
	/* No backup: fine on a first start, not after losing a pins file. */
	if (pins_was_corrupt)
		store->usable = false;
}

int pin_store_open(struct pin_store *store, const char *dir,
		   struct pin_store_report *report)
{
	int ret;

	memset(store, 0, sizeof(*store));
	memset(report, 0, sizeof(*report));
	store->usable = true;
	store->dir = strdup(dir);
	if (!store->dir)
		return -ENOMEM;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		set_error(report, -errno, "");

	ret = load_file(store, PIN_STORE_FILE, &report->corrupt_line);
	if (ret == 0) {
		report->loaded_from = PIN_STORE_FILE;
		return 0;
	}
	if (ret == -ENOMEM)
		return ret;
	if (ret == -EBADMSG) {
		if (report->corrupt_line == 0)
			report->corrupt_line = 1;
		keep_corrupt_file(store, report);
	} else if (ret != -ENOENT) {
		/* Unreadable but maybe fine: trust nothing, change nothing. */
		set_error(report, ret, PIN_STORE_FILE);
		store->usable = false;
		return 0;
	}
	load_backup(store, report, ret == -EBADMSG);
	if (store->usable && report->loaded_from && ret == -EBADMSG) {
		/* Put the recovered pins back in place. */
		ret = file_replace(store->dir, PIN_STORE_FILE, store->text,
				   store->text_length);
		if (ret < 0)
			set_error(report, ret, PIN_STORE_FILE);
	}
	return 0;
}

void pin_store_close(struct pin_store *store)
{
	pin_list_clear(&store->list);
	free(store->text);
	free(store->dir);
	memset(store, 0, sizeof(*store));
}

enum pin_verdict pin_store_check(const struct pin_store *store, const char *key,
				 uint8_t slot,
				 const uint8_t digest[PIN_DIGEST_SIZE])
{
	const struct pin *pin;

	if (!store->usable)
		return PIN_UNAVAILABLE;
	pin = pin_list_find(&store->list, key, slot);
	if (!pin)
		return PIN_FIRST_USE;
	if (memcmp(pin->digest, digest, PIN_DIGEST_SIZE) != 0)
		return PIN_CHANGED;
	return PIN_MATCH;
}

int pin_store_record(struct pin_store *store, const char *key, uint8_t slot,
		     const uint8_t digest[PIN_DIGEST_SIZE])
{
	char *text = NULL;
	size_t length;
	int ret;

	if (!store->usable)
		return -EIO;
	if (pin_list_find(&store->list, key, slot))
		return -EEXIST;
	ret = pin_list_add(&store->list, key, slot, digest);
	if (ret < 0)
		return ret;
	ret = pins_format(&store->list, &text, &length);
	if (ret == 0 && store->text)
		ret = file_replace(store->dir, PIN_STORE_BACKUP, store->text,
				   store->text_length);
	if (ret == 0)
		ret = file_replace(store->dir, PIN_STORE_FILE, text, length);
	if (ret < 0) {
		/* Not on disk: forget it, so memory matches the file. */
		store->list.count--;
		free(text);
		return ret;
	}
	free(store->text);
	store->text = text;
	store->text_length = length;
	return 0;
}
