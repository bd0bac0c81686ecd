/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small streaming JSON writer (RFC 8259) for spdmctl's --json output.
 *
 * The writer inserts commas and indentation itself, so callers only open
 * and close containers and write keys and values. Strings are escaped and
 * bytes that are not valid UTF-8 are written as U+FFFD, so any C string
 * (a certificate subject, a device's detail text) gives valid JSON.
 */
#ifndef SPDMCTL_JSON_WRITER_H
#define SPDMCTL_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Maximum nesting depth. Going deeper is a caller bug caught by assert. */
#define JSON_WRITER_MAX_DEPTH 16

struct json_writer {
	FILE *out;
	unsigned int depth;
	/* Whether the container at each depth already has a member. */
	bool has_member[JSON_WRITER_MAX_DEPTH];
	/* A key was written and its value is next. */
	bool after_key;
};

void json_writer_init(struct json_writer *writer, FILE *out);
/* Ends the document with a newline. */
void json_writer_finish(struct json_writer *writer);

void json_begin_object(struct json_writer *writer);
void json_end_object(struct json_writer *writer);
void json_begin_array(struct json_writer *writer);
void json_end_array(struct json_writer *writer);
void json_key(struct json_writer *writer, const char *key);

void json_string(struct json_writer *writer, const char *value);
void json_uint(struct json_writer *writer, uint64_t value);
void json_bool(struct json_writer *writer, bool value);
void json_null(struct json_writer *writer);
/* Writes bytes as a string of lowercase hex digits. */
void json_hex(struct json_writer *writer, const uint8_t *data, size_t length);

/* Writes "key": value members of the current object. */
void json_member_string(struct json_writer *writer, const char *key,
			const char *value);
void json_member_uint(struct json_writer *writer, const char *key,
		      uint64_t value);
void json_member_bool(struct json_writer *writer, const char *key, bool value);
void json_member_hex(struct json_writer *writer, const char *key,
		     const uint8_t *data, size_t length);

/* Writes value escaped as a JSON string body, without the quotes. */
void json_write_escaped(FILE *out, const char *value);

#endif /* SPDMCTL_JSON_WRITER_H */
