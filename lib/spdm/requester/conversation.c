// SPDX-License-Identifier: BSD-3-Clause
/* Reading and writing conversations as text (see spdm/conversation.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <spdm/conversation.h>
#include <spdm/hex.h>
#include <spdm/transcript.h>


struct parser {
	const struct spdm_conversation_limits *limits;
	struct spdm_evidence *evidence;
	struct spdm_buffer message;
	bool in_message;
	bool is_request;
	size_t line_number;
	char *detail;
	size_t detail_size;
};

void spdm_conversation_limits_default(struct spdm_conversation_limits *limits)
{
	limits->max_message_size = SPDM_EVIDENCE_MAX_MESSAGE_SIZE;
	limits->max_messages = SPDM_EVIDENCE_MAX_MESSAGES;
	limits->max_file_size = SPDM_CONVERSATION_MAX_FILE_SIZE;
}

static int parse_error(struct parser *p, int rc, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static int parse_error(struct parser *p, int rc, const char *format, ...)
{
	char reason[160];
	va_list args;

	va_start(args, format);
	vsnprintf(reason, sizeof(reason), format, args);
	va_end(args);
	if (p->detail && p->detail_size)
		snprintf(p->detail, p->detail_size, "line %zu: %s",
			 p->line_number, reason);
	return rc;
}

/*
 * Appends the hex bytes of text (separated by blanks or not); text starts
 * at column first_column of its line.
 */
static int parse_hex(struct parser *p, const char *text, size_t length,
		     size_t first_column)
{
	size_t i = 0;

	while (i < length) {
		int high;
		int low;
		uint8_t byte;

		if (text[i] == ' ' || text[i] == '\t') {
			i++;
			continue;
		}
		high = spdm_hex_digit(text[i]);
		low = i + 1 < length ? spdm_hex_digit(text[i + 1]) : -1;
		if (high < 0 || low < 0)
			return parse_error(p, -EBADMSG,
					   "invalid hex byte at column %zu",
					   first_column + i);
		byte = (uint8_t)(high << 4 | low);
		if (p->message.size >= p->limits->max_message_size)
			return parse_error(p, -E2BIG,
					   "message above %zu bytes",
					   p->limits->max_message_size);
		if (spdm_buffer_append(&p->message, &byte, 1))
			return parse_error(p, -ENOMEM, "out of memory");
		i += 2;
	}
	return 0;
}

/* Moves the message being parsed into the evidence. */
static int end_message(struct parser *p)
{
	int rc;

	if (!p->in_message)
		return 0;
	p->in_message = false;
	if (!p->message.size)
		return parse_error(p, -EBADMSG, "empty message");
	if (p->evidence->count >= p->limits->max_messages)
		return parse_error(p, -E2BIG, "more than %zu messages",
				   p->limits->max_messages);
	rc = spdm_evidence_append(p->evidence, p->is_request, p->message.data,
				  p->message.size);
	spdm_buffer_reset(&p->message);
	if (rc)
		return parse_error(p, rc, "message not stored (%s)",
				   strerror(-rc));
	return 0;
}

static int parse_line(struct parser *p, const char *line, size_t length)
{
	int rc;

	while (length && (line[length - 1] == '\r' ||
			  line[length - 1] == ' ' || line[length - 1] == '\t'))
		length--;
	if (!length || line[0] == '#')
		return 0;
	if (line[0] == '>' || line[0] == '<') {
		rc = end_message(p);
		if (rc)
			return rc;
		p->in_message = true;
		p->is_request = line[0] == '>';
		return parse_hex(p, line + 1, length - 1, 2);
	}
	if (length >= 2 && line[0] == ' ' && line[1] == ' ') {
		if (!p->in_message)
			return parse_error(p, -EBADMSG,
					   "continuation without a message");
		return parse_hex(p, line + 2, length - 2, 3);
	}
	return parse_error(p, -EBADMSG,
			   "expected '#', '>', '<' or two spaces");
}

int spdm_conversation_parse(const char *text, size_t length,
			    const struct spdm_conversation_limits *limits,
			    struct spdm_evidence *evidence, char *detail,
			    size_t detail_size)
{
	struct spdm_conversation_limits defaults;
	struct parser p = { .evidence = evidence, .detail = detail,
			    .detail_size = detail_size };
	size_t start = 0;
	int rc = 0;

	if (!evidence || (!text && length))
		return -EINVAL;
	if (!limits) {
		spdm_conversation_limits_default(&defaults);
		limits = &defaults;
	}
	p.limits = limits;
	if (detail && detail_size)
		detail[0] = '\0';
	if (length > limits->max_file_size)
		return parse_error(&p, -EFBIG, "text above %zu bytes",
				   limits->max_file_size);

	spdm_buffer_init(&p.message, limits->max_message_size);
	while (start < length && !rc) {
		const char *newline = memchr(text + start, '\n', length - start);
		size_t end = newline ? (size_t)(newline - text) : length;

		p.line_number++;
		rc = parse_line(&p, text + start, end - start);
		start = end + 1;
	}
	if (!rc)
		rc = end_message(&p);
	spdm_buffer_free(&p.message);
	return rc;
}

/* Reads a whole file of at most max_size bytes, growing the buffer. */
static int read_stream(FILE *file, size_t max_size, char **text,
		       size_t *length)
{
	size_t capacity = 0;
	size_t size = 0;
	char *data = NULL;

	for (;;) {
		char *grown;
		size_t got;

		if (size == capacity) {
			capacity = capacity ? 2 * capacity : 64 * 1024;
			if (capacity > max_size + 1)
				capacity = max_size + 1;
			grown = realloc(data, capacity);
			if (!grown) {
				free(data);
				return -ENOMEM;
			}
			data = grown;
		}
		got = fread(data + size, 1, capacity - size, file);
		size += got;
		if (size > max_size || !got)
			break;
	}
	if (ferror(file)) {
		free(data);
		return -EIO;
	}
	*text = data;
	*length = size;
	return 0;
}

static int read_text(const char *path, size_t max_size, char **text,
		     size_t *length)
{
	FILE *file = fopen(path, "rb");
	struct stat status;
	int rc;

	if (!file)
		return -errno;
	/* fopen() opens a folder too, and reading it fails with EIO. */
	if (fstat(fileno(file), &status) == 0 && S_ISDIR(status.st_mode)) {
		fclose(file);
		return -EISDIR;
	}
	rc = read_stream(file, max_size, text, length);
	fclose(file);
	return rc;
}

int spdm_conversation_read_file(const char *path,
				const struct spdm_conversation_limits *limits,
				struct spdm_evidence *evidence, char *detail,
				size_t detail_size)
{
	struct spdm_conversation_limits defaults;
	char *text = NULL;
	size_t length = 0;
	int rc;

	if (!path || !evidence)
		return -EINVAL;
	if (!limits) {
		spdm_conversation_limits_default(&defaults);
		limits = &defaults;
	}
	rc = read_text(path, limits->max_file_size, &text, &length);
	if (rc) {
		if (detail && detail_size)
			snprintf(detail, detail_size, "%s: %s", path,
				 strerror(-rc));
		return rc;
	}
	rc = spdm_conversation_parse(text, length, limits, evidence, detail,
				     detail_size);
	free(text);
	return rc;
}
