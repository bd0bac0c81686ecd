// SPDX-License-Identifier: BSD-3-Clause
/*
 * Parsing the configuration file with libinih. spdmd feeds inih one line
 * at a time through its own reader. The reader counts lines for the error
 * messages and strips indentation, so that inih never takes an indented
 * line as the continuation of the previous value. It also handles the
 * [section] headers itself, so that an empty [endpoint] section counts.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "config_check.h"
#include "config_keys.h"

enum section_kind {
	SECTION_NONE,
	SECTION_GLOBAL,
	SECTION_ENDPOINT,
};

struct parser {
	struct spdmd_config *config;
	const char *text;
	size_t length;
	size_t offset;
	unsigned int line;
	enum section_kind section;
	struct endpoint_config *endpoint;
	bool global_seen;
	unsigned int error_line; /* 0: no error */
	char error[CONFIG_ERROR_SIZE];
};

static void parser_error(struct parser *parser, const char *message)
{
	if (parser->error_line)
		return;
	parser->error_line = parser->line;
	snprintf(parser->error, sizeof(parser->error), "%s", message);
}

bool config_name_is_valid(const char *name)
{
	size_t length = strlen(name);

	if (length == 0 || length > CONFIG_MAX_NAME ||
	    !isalnum((unsigned char)name[0]))
		return false;
	for (size_t i = 0; i < length; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return false;
	return true;
}

static struct endpoint_config *find_endpoint(struct spdmd_config *config,
					     const char *name)
{
	for (size_t i = 0; i < config->endpoint_count; i++)
		if (strcmp(config->endpoints[i].name, name) == 0)
			return &config->endpoints[i];
	return NULL;
}

static int add_endpoint(struct parser *parser, const char *name)
{
	struct spdmd_config *config = parser->config;
	struct endpoint_config *endpoints, *endpoint;
	char message[CONFIG_ERROR_SIZE];

	if (!config_name_is_valid(name)) {
		snprintf(message, sizeof(message),
			 "endpoint name '%s' is invalid: use up to %d letters, "
			 "digits and '_', starting with a letter or digit",
			 name, CONFIG_MAX_NAME);
		parser_error(parser, message);
		return -EINVAL;
	}
	endpoint = find_endpoint(config, name);
	if (endpoint) {
		snprintf(message, sizeof(message),
			 "duplicate endpoint '%s' (first at line %u)", name,
			 endpoint->line);
		parser_error(parser, message);
		return -EINVAL;
	}
	if (config->endpoint_count >= CONFIG_MAX_ENDPOINTS) {
		snprintf(message, sizeof(message), "more than %d endpoints",
			 CONFIG_MAX_ENDPOINTS);
		parser_error(parser, message);
		return -EINVAL;
	}

	endpoints = realloc(config->endpoints,
			    (config->endpoint_count + 1) * sizeof(*endpoints));
	if (!endpoints) {
		parser_error(parser, "out of memory");
		return -ENOMEM;
	}
	config->endpoints = endpoints;
	endpoint = &endpoints[config->endpoint_count];
	memset(endpoint, 0, sizeof(*endpoint));
	endpoint->name = strdup(name);
	if (!endpoint->name) {
		parser_error(parser, "out of memory");
		return -ENOMEM;
	}
	endpoint->line = parser->line;
	config->endpoint_count++;
	parser->endpoint = endpoint;
	return 0;
}

/* Handles a "[...]" line; header is the text between the brackets. */
static void enter_section(struct parser *parser, char *header)
{
	char message[CONFIG_ERROR_SIZE];

	if (strcmp(header, "global") == 0) {
		if (parser->global_seen) {
			parser_error(parser, "duplicate section [global]");
			return;
		}
		parser->global_seen = true;
		parser->section = SECTION_GLOBAL;
		return;
	}
	if (strncmp(header, "endpoint", 8) == 0 &&
	    isspace((unsigned char)header[8])) {
		char *name = header + 8;

		char *end = name + strlen(name);

		while (isspace((unsigned char)*name))
			name++;
		while (end > name && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (add_endpoint(parser, name) == 0)
			parser->section = SECTION_ENDPOINT;
		return;
	}
	snprintf(message, sizeof(message),
		 "unknown section [%s] (expected [global] or "
		 "[endpoint NAME])",
		 header);
	parser_error(parser, message);
}

/* Turns a "[...]" line into a section change; returns false if malformed. */
static bool parse_section_line(struct parser *parser, char *line)
{
	char *end = strchr(line, ']');
	char *rest;

	if (!end)
		return false;
	*end = '\0';
	for (rest = end + 1; *rest; rest++) {
		if (*rest == '#' || *rest == ';')
			break;
		if (!isspace((unsigned char)*rest))
			return false;
	}
	enter_section(parser, line + 1);
	return true;
}

/*
 * The ini_reader: copies the next line into buffer. A section header is
 * handled here and replaced by an empty line. Returns NULL at the end of
 * the text or after the first error, which stops inih.
 */
static char *read_line(char *buffer, int capacity, void *stream)
{
	struct parser *parser = stream;
	const char *start = parser->text + parser->offset;
	size_t remaining = parser->length - parser->offset;
	const char *newline = memchr(start, '\n', remaining);
	size_t length = newline ? (size_t)(newline - start) : remaining;
	size_t max_line = (size_t)capacity - 3;
	size_t skip = 0;

	if (parser->error_line || remaining == 0)
		return NULL;
	parser->line++;
	parser->offset += length + (newline ? 1 : 0);

	if (max_line > CONFIG_MAX_LINE)
		max_line = CONFIG_MAX_LINE;
	if (length > 0 && start[length - 1] == '\r')
		length--;
	if (length > max_line) {
		char message[64];

		snprintf(message, sizeof(message),
			 "line is longer than %zu characters", max_line);
		parser_error(parser, message);
		return NULL;
	}
	if (memchr(start, '\0', length)) {
		parser_error(parser, "line contains a NUL byte");
		return NULL;
	}

	while (skip < length && isspace((unsigned char)start[skip]))
		skip++;
	memcpy(buffer, start + skip, length - skip);
	buffer[length - skip] = '\0';
	if (buffer[0] == '[') {
		if (!parse_section_line(parser, buffer))
			parser_error(parser, "malformed section header");
		buffer[0] = '\0';
	}
	strcat(buffer, "\n");
	return parser->error_line ? NULL : buffer;
}

/* The ini_handler; inih's section argument is unused (see read_line). */
static int handle_key(void *user, const char *section, const char *key,
		      const char *value)
{
	struct parser *parser = user;
	char message[CONFIG_ERROR_SIZE];
	int ret;

	switch (parser->section) {
	case SECTION_GLOBAL:
		ret = config_set_global(parser->config, key, value,
					parser->line, message, sizeof(message));
		break;
	case SECTION_ENDPOINT:
		ret = config_set_endpoint(parser->config, parser->endpoint, key,
					  value, parser->line, message,
					  sizeof(message));
		break;
	default:
		snprintf(message, sizeof(message),
			 "%s: key outside a section (add [global] above it)",
			 key);
		ret = -EINVAL;
		break;
	}
	if (ret < 0)
		parser_error(parser, message);
	return ret == 0;
}

static void format_error(const struct spdmd_config *config, unsigned int line,
			 const char *message, char *error, size_t error_size)
{
	if (line)
		snprintf(error, error_size, "%s:%u: %s", config->file, line,
			 message);
	else
		snprintf(error, error_size, "%s: %s", config->file, message);
}

static int set_file_name(struct spdmd_config *config, const char *file)
{
	char *copy;

	free(config->file);
	free(config->base_dir);
	config->file = strdup(file);
	copy = strdup(file);
	if (!config->file || !copy) {
		free(copy);
		return -ENOMEM;
	}
	config->base_dir = strdup(dirname(copy));
	free(copy);
	return config->base_dir ? 0 : -ENOMEM;
}

int config_parse_text(struct spdmd_config *config, const char *file,
		      const char *text, size_t length, char *error,
		      size_t error_size)
{
	struct parser parser = {
	    .config = config,
	    .text = text,
	    .length = length,
	};
	struct config_problem problem;
	int syntax_line;

	if (set_file_name(config, file) < 0) {
		snprintf(error, error_size, "%s: out of memory", file);
		return -ENOMEM;
	}

	syntax_line = ini_parse_stream(read_line, &parser, handle_key, &parser);
	if (syntax_line > 0 &&
	    (!parser.error_line ||
	     (unsigned int)syntax_line < parser.error_line)) {
		format_error(config, (unsigned int)syntax_line,
			     "syntax error: expected 'key = value' or a "
			     "[section] header",
			     error, error_size);
		return -EINVAL;
	}
	if (parser.error_line) {
		format_error(config, parser.error_line, parser.error, error,
			     error_size);
		return -EINVAL;
	}
	if (syntax_line < 0) {
		format_error(config, 0, "out of memory", error, error_size);
		return -ENOMEM;
	}

	if (config_check(config, &problem) < 0) {
		format_error(config, problem.line, problem.message, error,
			     error_size);
		return -EINVAL;
	}
	return 0;
}
