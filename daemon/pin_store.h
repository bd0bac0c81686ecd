/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pins file in the state directory: loading with recovery from a
 * corrupt file, lookups, and crash-safe updates that keep the previous
 * version as pins.bak.
 */
#ifndef SPDMD_PIN_STORE_H
#define SPDMD_PIN_STORE_H

#include <limits.h>
#include <stdbool.h>

#include "pins.h"

#define PIN_STORE_FILE	   "pins"
#define PIN_STORE_BACKUP   "pins.bak"
#define PIN_STORE_MAX_SIZE (16 * 1024 * 1024)

struct pin_store {
	char *dir;
	struct pin_list list;
	/* The text of the current good file; it becomes pins.bak. */
	char *text;
	size_t text_length;
	/*
	 * False when pins was corrupt and no good pins.bak existed: then no
	 * pin can be trusted and none is recorded until an operator repairs
	 * the state directory and restarts spdmd.
	 */
	bool usable;
};

/* The outcome of pin_store_open(), for the daemon's log. */
struct pin_store_report {
	const char *loaded_from;     /* "pins", "pins.bak" or NULL (none yet) */
	unsigned int corrupt_line;   /* first bad line of pins, 0 if fine */
	char corrupt_copy[PATH_MAX]; /* where the corrupt pins file went */
	unsigned int backup_corrupt_line; /* same for pins.bak */
	int error; /* a read or rename error, 0 if none */
	const char *error_file; /* its file in dir, or "" for dir itself */
};

/*
 * Loads dir/pins. A pins file that does not parse is renamed to
 * pins.corrupt-<unix time> and pins.bak is used instead, which also
 * happens when pins is missing. Returns 0 (see report for what happened)
 * or -ENOMEM.
 */
int pin_store_open(struct pin_store *store, const char *dir,
		   struct pin_store_report *report);
void pin_store_close(struct pin_store *store);

enum pin_verdict {
	PIN_FIRST_USE,	 /* no pin for this key and slot yet */
	PIN_MATCH,	 /* the pinned digest */
	PIN_CHANGED,	 /* a different digest is pinned */
	PIN_UNAVAILABLE, /* the store is not usable */
};

enum pin_verdict pin_store_check(const struct pin_store *store, const char *key,
				 uint8_t slot,
				 const uint8_t digest[PIN_DIGEST_SIZE]);
/* Adds a pin and rewrites the file. Returns 0 or a negative errno. */
int pin_store_record(struct pin_store *store, const char *key, uint8_t slot,
		     const uint8_t digest[PIN_DIGEST_SIZE]);

#endif /* SPDMD_PIN_STORE_H */
