/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trust-on-first-use pins: the SHA-384 digest of an endpoint's certificate
 * chain, keyed by "uuid:UUID" or "name:NAME" and slot, in
 * <state-dir>/pins. The file format is in docs/spdmd-config.md.
 */
#ifndef SPDMD_PINS_H
#define SPDMD_PINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIN_DIGEST_SIZE 48
#define PIN_MAX_KEY	128
/* More pins than this make the file invalid. */
#define PIN_MAX_COUNT 65536

struct pin {
	char key[PIN_MAX_KEY + 1];
	uint8_t slot;
	uint8_t digest[PIN_DIGEST_SIZE];
};

struct pin_list {
	struct pin *pins;
	size_t count;
};

/*
 * Parses the text of a pins file. Returns 0, or -EBADMSG and the number
 * of the first bad line in *bad_line.
 */
int pins_parse(const char *text, size_t length, struct pin_list *list,
	       unsigned int *bad_line);
/* Formats list as the text of a pins file (malloc'ed, NUL-terminated). */
int pins_format(const struct pin_list *list, char **text, size_t *length);
/* Returns whether key is "uuid:" or "name:" and characters of those. */
bool pin_key_is_valid(const char *key);
void pin_list_clear(struct pin_list *list);
/* Returns the pin for key and slot, or NULL. */
const struct pin *pin_list_find(const struct pin_list *list, const char *key,
				uint8_t slot);
int pin_list_add(struct pin_list *list, const char *key, uint8_t slot,
		 const uint8_t digest[PIN_DIGEST_SIZE]);

#endif /* SPDMD_PINS_H */
