// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/hex.h>

#include "pins.h"

#define PINS_HEADER "spdmd-pins 1"
/* "KEY SLOT DIGEST\n" at its longest. */
#define PIN_LINE_MAX (PIN_MAX_KEY + 3 + 2 * PIN_DIGEST_SIZE + 2)

static bool key_chars_valid(const char *text, bool uuid)
{
	if (*text == '\0')
		return false;
	for (; *text; text++) {
		unsigned char c = (unsigned char)*text;

		if (uuid ? !(isxdigit(c) || c == '-')
			 : !(isalnum(c) || c == '_'))
			return false;
	}
	return true;
}

bool pin_key_is_valid(const char *key)
{
	if (strlen(key) > PIN_MAX_KEY)
		return false;
	if (strncmp(key, "uuid:", 5) == 0)
		return key_chars_valid(key + 5, true);
	if (strncmp(key, "name:", 5) == 0)
		return key_chars_valid(key + 5, false);
	return false;
}

/*
 * Parses exactly 2 * PIN_DIGEST_SIZE lowercase hex digits, as spdmd writes
 * them.
 */
static bool parse_digest(const char *text, uint8_t *digest)
{
	if (strpbrk(text, "ABCDEF"))
		return false;
	return spdm_hex_decode(text, strlen(text), digest, PIN_DIGEST_SIZE) ==
	       0;
}

/* Parses "KEY SLOT DIGEST" with single spaces. */
static bool parse_pin_line(char *line, struct pin *pin)
{
	char *slot = strchr(line, ' ');
	char *digest;

	if (!slot)
		return false;
	*slot++ = '\0';
	digest = strchr(slot, ' ');
	if (!digest)
		return false;
	*digest++ = '\0';

	if (!pin_key_is_valid(line) || strlen(slot) != 1 || slot[0] < '0' ||
	    slot[0] > '7')
		return false;
	memcpy(pin->key, line, strlen(line) + 1);
	pin->slot = (uint8_t)(slot[0] - '0');
	return parse_digest(digest, pin->digest);
}

/* Copies the line starting at offset into line; false if too long. */
static bool next_line(const char *text, size_t length, size_t *offset,
		      char *line, size_t capacity)
{
	const char *start = text + *offset;
	const char *newline = memchr(start, '\n', length - *offset);
	size_t line_length;

	if (!newline)
		return false; /* every line ends with a newline */
	line_length = (size_t)(newline - start);
	if (line_length >= capacity || memchr(start, '\0', line_length))
		return false;
	memcpy(line, start, line_length);
	line[line_length] = '\0';
	*offset += line_length + 1;
	return true;
}

static bool parse_end_line(const char *line, size_t count)
{
	char expected[32];

	snprintf(expected, sizeof(expected), "end %zu", count);
	return strcmp(line, expected) == 0;
}

int pins_parse(const char *text, size_t length, struct pin_list *list,
	       unsigned int *bad_line)
{
	char line[PIN_LINE_MAX + 1];
	size_t offset = 0;
	unsigned int number = 1;

	list->pins = NULL;
	list->count = 0;
	if (!next_line(text, length, &offset, line, sizeof(line)) ||
	    strcmp(line, PINS_HEADER) != 0)
		goto bad;
	for (;;) {
		struct pin pin;

		number++;
		if (!next_line(text, length, &offset, line, sizeof(line)))
			goto bad;
		if (strncmp(line, "end ", 4) == 0)
			break;
		if (list->count >= PIN_MAX_COUNT ||
		    !parse_pin_line(line, &pin) ||
		    pin_list_find(list, pin.key, pin.slot))
			goto bad;
		if (pin_list_add(list, pin.key, pin.slot, pin.digest) < 0) {
			pin_list_clear(list);
			return -ENOMEM;
		}
	}
	if (!parse_end_line(line, list->count))
		goto bad;
	if (offset != length) {
		number++;
		goto bad;
	}
	return 0;

bad:
	pin_list_clear(list);
	*bad_line = number;
	return -EBADMSG;
}

int pins_format(const struct pin_list *list, char **text, size_t *length)
{
	size_t capacity =
	    sizeof(PINS_HEADER) + 32 + list->count * (PIN_LINE_MAX + 1);
	char *buffer = malloc(capacity);
	size_t used;

	if (!buffer)
		return -ENOMEM;
	used = (size_t)snprintf(buffer, capacity, "%s\n", PINS_HEADER);
	for (size_t i = 0; i < list->count; i++) {
		const struct pin *pin = &list->pins[i];

		used += (size_t)snprintf(buffer + used, capacity - used,
					 "%s %u ", pin->key, pin->slot);
		for (size_t j = 0; j < PIN_DIGEST_SIZE; j++)
			used += (size_t)snprintf(buffer + used, capacity - used,
						 "%02x", pin->digest[j]);
		used += (size_t)snprintf(buffer + used, capacity - used, "\n");
	}
	used += (size_t)snprintf(buffer + used, capacity - used, "end %zu\n",
				 list->count);
	*text = buffer;
	*length = used;
	return 0;
}

void pin_list_clear(struct pin_list *list)
{
	free(list->pins);
	list->pins = NULL;
	list->count = 0;
}

const struct pin *pin_list_find(const struct pin_list *list, const char *key,
				uint8_t slot)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->pins[i].slot == slot &&
		    strcmp(list->pins[i].key, key) == 0)
			return &list->pins[i];
	return NULL;
}

int pin_list_add(struct pin_list *list, const char *key, uint8_t slot,
		 const uint8_t digest[PIN_DIGEST_SIZE])
{
	struct pin *pins;

	if (!pin_key_is_valid(key) || slot > 7)
		return -EINVAL;
	pins = realloc(list->pins, (list->count + 1) * sizeof(*pins));
	if (!pins)
		return -ENOMEM;
	list->pins = pins;
	memcpy(pins[list->count].key, key, strlen(key) + 1);
	pins[list->count].slot = slot;
	memcpy(pins[list->count].digest, digest, PIN_DIGEST_SIZE);
	list->count++;
	return 0;
}
