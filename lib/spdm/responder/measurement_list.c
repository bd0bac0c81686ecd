// SPDX-License-Identifier: BSD-3-Clause
/*
 * The measurement blocks a device serves: the defaults of a typical device
 * and the text format of measurement files (docs/spdm-responder.md).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/hex.h>
#include <spdm/responder.h>

/* MeasurementRecordLength bound of ours, so a record fits one message. */
#define MAX_RECORD_SIZE 60000

struct default_block {
	uint8_t index;
	uint8_t value_type;
	enum spdm_measurement_form form;
	const char *content;
	size_t size;
};

/*
 * DSP0274 1.2 device mode (index 0xfe): OperationalModeCapabilities
 * (manufacturing, validation, normal, recovery), OperationalModeState
 * (normal), DeviceModeCapabilities (non-invasive and invasive debug) and
 * DeviceModeState (no debug), u32 little-endian each.
 */
static const char device_mode[16] = {0x0f, 0, 0, 0, 0x04, 0, 0, 0,
				     0x03, 0, 0, 0, 0,	  0, 0, 0};

static const struct default_block default_blocks[] = {
    {1, SPDM_DMTF_MEAS_IMMUTABLE_ROM, SPDM_MEASUREMENT_DIGEST,
     "spdm-responder immutable ROM", 28},
    {2, SPDM_DMTF_MEAS_MUTABLE_FIRMWARE, SPDM_MEASUREMENT_DIGEST,
     "spdm-responder firmware 1.4.2", 29},
    {3, SPDM_DMTF_MEAS_HARDWARE_CONFIG, SPDM_MEASUREMENT_DIGEST,
     "spdm-responder hardware configuration", 37},
    {4, SPDM_DMTF_MEAS_FIRMWARE_CONFIG, SPDM_MEASUREMENT_DIGEST,
     "spdm-responder firmware configuration", 37},
    {0x10, SPDM_DMTF_MEAS_FIRMWARE_VERSION, SPDM_MEASUREMENT_RAW, "1.4.2", 5},
    {0xfe, SPDM_DMTF_MEAS_DEVICE_MODE, SPDM_MEASUREMENT_RAW, device_mode,
     sizeof(device_mode)},
};

static int list_add(struct spdm_measurement_list *list, uint8_t index,
		    uint8_t value_type, enum spdm_measurement_form form,
		    const void *data, size_t size)
{
	struct spdm_measurement_def *block;

	if (list->count >= SPDM_RESPONDER_MAX_MEASUREMENTS)
		return -E2BIG;
	block = &list->blocks[list->count];
	block->data = malloc(size ? size : 1);
	if (!block->data)
		return -ENOMEM;
	if (size)
		memcpy(block->data, data, size);
	block->size = size;
	block->index = index;
	block->value_type = value_type;
	block->form = form;
	list->count++;
	return 0;
}

void spdm_measurement_list_clear(struct spdm_measurement_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->blocks[i].data);
	memset(list, 0, sizeof(*list));
}

int spdm_measurement_list_default(struct spdm_measurement_list *list)
{
	size_t count = sizeof(default_blocks) / sizeof(default_blocks[0]);

	memset(list, 0, sizeof(*list));
	for (size_t i = 0; i < count; i++) {
		const struct default_block *def = &default_blocks[i];
		int rc = list_add(list, def->index, def->value_type, def->form,
				  def->content, def->size);

		if (rc) {
			spdm_measurement_list_clear(list);
			return rc;
		}
	}
	return 0;
}

static int parse_error(char *error, size_t error_size, unsigned int line,
		       const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static int parse_error(char *error, size_t error_size, unsigned int line,
		       const char *format, ...)
{
	char message[160];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	if (error && error_size)
		snprintf(error, error_size, "line %u: %s", line, message);
	return -EINVAL;
}

/* Decodes hex digits, ignoring spaces, into out; returns the size or -1. */
static long decode_hex(const char *text, uint8_t *out, size_t cap)
{
	size_t size = 0;
	int high = -1;

	for (; *text; text++) {
		int digit;

		if (isspace((unsigned char)*text))
			continue;
		digit = spdm_hex_digit(*text);
		if (digit < 0)
			return -1;
		if (high < 0) {
			high = digit;
			continue;
		}
		if (size >= cap)
			return -1;
		out[size++] = (uint8_t)(high << 4 | digit);
		high = -1;
	}
	return high < 0 ? (long)size : -1;
}

static int parse_form(const char *word, enum spdm_measurement_form *form)
{
	if (!strcmp(word, "digest"))
		*form = SPDM_MEASUREMENT_DIGEST;
	else if (!strcmp(word, "raw"))
		*form = SPDM_MEASUREMENT_RAW;
	else if (!strcmp(word, "field"))
		*form = SPDM_MEASUREMENT_FIELD;
	else
		return -EINVAL;
	return 0;
}

static bool parse_number(const char *word, unsigned long max,
			 unsigned long *value)
{
	char *end;

	errno = 0;
	*value = strtoul(word, &end, 0);
	return !errno && end != word && !*end && *value <= max;
}

/* Reads "text:..." or "hex:..." into data; returns the size or -1. */
static long parse_data(const char *text, uint8_t *data, size_t cap)
{
	size_t length;

	if (!strncmp(text, "text:", 5)) {
		length = strlen(text + 5);
		if (length > cap)
			return -1;
		memcpy(data, text + 5, length);
		return (long)length;
	}
	if (!strncmp(text, "hex:", 4))
		return decode_hex(text + 4, data, cap);
	return -1;
}

struct parsed_line {
	unsigned long index;
	unsigned long type;
	enum spdm_measurement_form form;
	uint8_t data[SPDM_RESPONDER_MAX_MEASUREMENT_SIZE];
	long size;
};

static int parse_fields(char *line, struct parsed_line *out, char *error,
			size_t error_size, unsigned int number)
{
	char *save = NULL;
	char *index = strtok_r(line, " \t", &save);
	char *type = strtok_r(NULL, " \t", &save);
	char *form = strtok_r(NULL, " \t", &save);
	char *data = save;

	while (data && isspace((unsigned char)*data))
		data++;
	if (!index || !type || !form || !data || !*data)
		return parse_error(error, error_size, number,
				   "expected INDEX TYPE FORM DATA");
	if (!parse_number(index, 0xfe, &out->index) || out->index == 0)
		return parse_error(error, error_size, number,
				   "invalid index '%s' (1 to 0xfe)", index);
	if (parse_form(form, &out->form))
		return parse_error(error, error_size, number,
				   "invalid form '%s' (digest, raw, field)",
				   form);
	out->type = 0;
	if (strcmp(type, "-") && !parse_number(type, 0x7f, &out->type))
		return parse_error(error, error_size, number,
				   "invalid type '%s' (0 to 0x7f)", type);
	out->size = parse_data(data, out->data, sizeof(out->data));
	if (out->size < 0)
		return parse_error(error, error_size, number,
				   "invalid data (text:... or hex:..., at "
				   "most %u bytes)",
				   SPDM_RESPONDER_MAX_MEASUREMENT_SIZE);
	return 0;
}

static bool index_used(const struct spdm_measurement_list *list,
		       unsigned long index)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->blocks[i].index == index)
			return true;
	return false;
}

static int compare_index(const void *a, const void *b)
{
	const struct spdm_measurement_def *x = a;
	const struct spdm_measurement_def *y = b;

	return (int)x->index - (int)y->index;
}

static int parse_line(struct spdm_measurement_list *list, char *line,
		      unsigned int number, size_t *record_size, char *error,
		      size_t error_size)
{
	struct parsed_line *parsed;
	int rc;

	parsed = calloc(1, sizeof(*parsed));
	if (!parsed)
		return -ENOMEM;
	rc = parse_fields(line, parsed, error, error_size, number);
	if (!rc && index_used(list, parsed->index))
		rc = parse_error(error, error_size, number,
				 "index %lu given twice", parsed->index);
	/* Block header (4), DMTF header (3) and at most a SHA-512 digest. */
	*record_size += 7 + (size_t)parsed->size + 64;
	if (!rc && *record_size > MAX_RECORD_SIZE)
		rc = parse_error(error, error_size, number,
				 "measurements exceed %u bytes",
				 MAX_RECORD_SIZE);
	if (!rc)
		rc = list_add(list, (uint8_t)parsed->index,
			      (uint8_t)parsed->type, parsed->form, parsed->data,
			      (size_t)parsed->size);
	if (rc == -E2BIG)
		rc = parse_error(error, error_size, number,
				 "more than %u blocks",
				 SPDM_RESPONDER_MAX_MEASUREMENTS);
	free(parsed);
	return rc;
}

/* Strips the comment and surrounding blanks; returns NULL for empty lines. */
static char *trim_line(char *line)
{
	char *hash = strchr(line, '#');
	char *end;

	if (hash)
		*hash = '\0';
	while (isspace((unsigned char)*line))
		line++;
	end = line + strlen(line);
	while (end > line && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return *line ? line : NULL;
}

int spdm_measurement_list_parse(struct spdm_measurement_list *list,
				const char *text, size_t length, char *error,
				size_t error_size)
{
	char *copy = strndup(text, length);
	char *line = copy;
	size_t record_size = 0;
	unsigned int number = 0;
	int rc = 0;

	memset(list, 0, sizeof(*list));
	if (!copy)
		return -ENOMEM;
	while (line && rc == 0) {
		char *newline = strchr(line, '\n');
		char *content;

		if (newline)
			*newline = '\0';
		number++;
		content = trim_line(line);
		if (content)
			rc = parse_line(list, content, number, &record_size,
					error, error_size);
		line = newline ? newline + 1 : NULL;
	}
	free(copy);
	if (rc) {
		spdm_measurement_list_clear(list);
		return rc;
	}
	qsort(list->blocks, list->count, sizeof(list->blocks[0]),
	      compare_index);
	return 0;
}
