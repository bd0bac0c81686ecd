// SPDX-License-Identifier: BSD-3-Clause
#include <assert.h>

#include "json_writer.h"

#define JSON_INDENT 2

void json_writer_init(struct json_writer *writer, FILE *out)
{
	*writer = (struct json_writer){ .out = out };
}

void json_writer_finish(struct json_writer *writer)
{
	assert(writer->depth == 0);
	fputc('\n', writer->out);
	fflush(writer->out);
}

static void write_indent(struct json_writer *writer)
{
	fputc('\n', writer->out);
	for (unsigned int i = 0; i < writer->depth * JSON_INDENT; i++)
		fputc(' ', writer->out);
}

/* Writes the comma and line break that come before any value or key. */
static void begin_value(struct json_writer *writer)
{
	if (writer->after_key) {
		writer->after_key = false;
		return;
	}
	if (writer->depth == 0)
		return;
	if (writer->has_member[writer->depth - 1])
		fputc(',', writer->out);
	writer->has_member[writer->depth - 1] = true;
	write_indent(writer);
}

static void begin_container(struct json_writer *writer, char open)
{
	assert(writer->depth < JSON_WRITER_MAX_DEPTH);
	if (writer->depth >= JSON_WRITER_MAX_DEPTH)
		return;
	begin_value(writer);
	fputc(open, writer->out);
	writer->has_member[writer->depth] = false;
	writer->depth++;
}

static void end_container(struct json_writer *writer, char close)
{
	assert(writer->depth > 0);
	writer->depth--;
	if (writer->has_member[writer->depth])
		write_indent(writer);
	fputc(close, writer->out);
}

void json_begin_object(struct json_writer *writer)
{
	begin_container(writer, '{');
}

void json_end_object(struct json_writer *writer)
{
	end_container(writer, '}');
}

void json_begin_array(struct json_writer *writer)
{
	begin_container(writer, '[');
}

void json_end_array(struct json_writer *writer)
{
	end_container(writer, ']');
}

/*
 * Returns the length of the valid UTF-8 sequence at text (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0.
 */
static size_t utf8_sequence_length(const unsigned char *text)
{
	unsigned char lead = text[0];
	unsigned char min = 0x80, max = 0xbf;
	size_t length;

	if (lead >= 0xc2 && lead <= 0xdf) {
		length = 2;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		length = 3;
		if (lead == 0xe0)
			min = 0xa0;
		else if (lead == 0xed)
			max = 0x9f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		length = 4;
		if (lead == 0xf0)
			min = 0x90;
		else if (lead == 0xf4)
			max = 0x8f;
	} else {
		return 0;
	}

	/* The first continuation byte has the tighter range. */
	if (text[1] < min || text[1] > max)
		return 0;
	for (size_t i = 2; i < length; i++)
		if (text[i] < 0x80 || text[i] > 0xbf)
			return 0;
	return length;
}

static void write_escaped_char(FILE *out, unsigned char c)
{
	switch (c) {
	case '"':
		fputs("\\\"", out);
		break;
	case '\\':
		fputs("\\\\", out);
		break;
	case '\b':
		fputs("\\b", out);
		break;
	case '\f':
		fputs("\\f", out);
		break;
	case '\n':
		fputs("\\n", out);
		break;
	case '\r':
		fputs("\\r", out);
		break;
	case '\t':
		fputs("\\t", out);
		break;
	default:
		if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
}

void json_write_escaped(FILE *out, const char *value)
{
	const unsigned char *text = (const unsigned char *)value;

	while (*text) {
		size_t length;

		if (*text < 0x80) {
			write_escaped_char(out, *text++);
			continue;
		}
		length = utf8_sequence_length(text);
		if (length == 0) {
			fputs("\\ufffd", out);
			text++;
			continue;
		}
		fwrite(text, 1, length, out);
		text += length;
	}
}

void json_key(struct json_writer *writer, const char *key)
{
	assert(!writer->after_key);
	begin_value(writer);
	fputc('"', writer->out);
	json_write_escaped(writer->out, key);
	fputs("\": ", writer->out);
	writer->after_key = true;
}

void json_string(struct json_writer *writer, const char *value)
{
	begin_value(writer);
	fputc('"', writer->out);
	json_write_escaped(writer->out, value);
	fputc('"', writer->out);
}

void json_uint(struct json_writer *writer, uint64_t value)
{
	begin_value(writer);
	fprintf(writer->out, "%llu", (unsigned long long)value);
}

void json_bool(struct json_writer *writer, bool value)
{
	begin_value(writer);
	fputs(value ? "true" : "false", writer->out);
}

void json_null(struct json_writer *writer)
{
	begin_value(writer);
	fputs("null", writer->out);
}

void json_hex(struct json_writer *writer, const uint8_t *data, size_t length)
{
	begin_value(writer);
	fputc('"', writer->out);
	for (size_t i = 0; i < length; i++)
		fprintf(writer->out, "%02x", data[i]);
	fputc('"', writer->out);
}

void json_member_string(struct json_writer *writer, const char *key,
			const char *value)
{
	json_key(writer, key);
	json_string(writer, value);
}

void json_member_uint(struct json_writer *writer, const char *key,
		      uint64_t value)
{
	json_key(writer, key);
	json_uint(writer, value);
}

void json_member_bool(struct json_writer *writer, const char *key, bool value)
{
	json_key(writer, key);
	json_bool(writer, value);
}

void json_member_hex(struct json_writer *writer, const char *key,
		     const uint8_t *data, size_t length)
{
	json_key(writer, key);
	json_hex(writer, data, length);
}
