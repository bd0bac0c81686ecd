// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <systemd/sd-journal.h>

#include "log.h"

#define LOG_LINE_SIZE 1024

static bool log_to_stderr = true;
static bool log_debug;

/* Returns whether stderr is connected to journald (JOURNAL_STREAM). */
static bool stderr_is_journal(void)
{
	const char *stream = getenv("JOURNAL_STREAM");
	unsigned long long device, inode;
	struct stat status;
	char *end;

	/* "DEVICE:INODE" in decimal; strtoull reports overflow. */
	if (!stream || !isdigit((unsigned char)*stream))
		return false;
	errno = 0;
	device = strtoull(stream, &end, 10);
	if (errno || *end != ':' || !isdigit((unsigned char)end[1]))
		return false;
	inode = strtoull(end + 1, &end, 10);
	if (errno || *end)
		return false;
	if (fstat(STDERR_FILENO, &status) < 0)
		return false;
	return status.st_dev == device && status.st_ino == inode;
}

void log_setup(bool force_stderr, bool verbose)
{
	log_to_stderr = force_stderr || !stderr_is_journal();
	log_debug = verbose;
}

bool log_verbose(void)
{
	return log_debug;
}

static const char *priority_prefix(int priority)
{
	switch (priority) {
	case LOG_EMERG:
	case LOG_ALERT:
	case LOG_CRIT:
	case LOG_ERR:
		return "error: ";
	case LOG_WARNING:
		return "warning: ";
	case LOG_DEBUG:
		return "debug: ";
	default:
		return "";
	}
}

/*
 * Returns the length of the UTF-8 sequence at text (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or 0 when it is invalid.
 */
static size_t utf8_sequence_length(const unsigned char *text)
{
	unsigned char lead = text[0], low = 0x80, high = 0xbf;
	size_t length;

	if (lead < 0x80)
		return 1;
	if (lead >= 0xc2 && lead <= 0xdf)
		length = 2;
	else if (lead >= 0xe0 && lead <= 0xef)
		length = 3;
	else if (lead >= 0xf0 && lead <= 0xf4)
		length = 4;
	else
		return 0;
	if (lead == 0xe0)
		low = 0xa0;
	else if (lead == 0xed)
		high = 0x9f;
	else if (lead == 0xf0)
		low = 0x90;
	else if (lead == 0xf4)
		high = 0x8f;
	/* A NUL fails each check, so no read goes past the string's end. */
	if (text[1] < low || text[1] > high)
		return 0;
	for (size_t i = 2; i < length; i++)
		if (text[i] < 0x80 || text[i] > 0xbf)
			return 0;
	return length;
}

void log_sanitize(char *text)
{
	unsigned char *cursor = (unsigned char *)text;

	while (*cursor) {
		size_t length = utf8_sequence_length(cursor);

		if (length == 0 || *cursor < 0x20 || *cursor == 0x7f) {
			*cursor++ = '?';
			continue;
		}
		cursor += length;
	}
}

static void write_stderr(int priority, const char *line)
{
	if (log_to_stderr)
		fprintf(stderr, "spdmd: %s%s\n", priority_prefix(priority),
			line);
}

void log_message(int priority, const char *format, ...)
{
	char line[LOG_LINE_SIZE];
	va_list args;

	if (priority == LOG_DEBUG && !log_debug)
		return;
	va_start(args, format);
	vsnprintf(line, sizeof(line), format, args);
	va_end(args);
	log_sanitize(line);
	write_stderr(priority, line);
	sd_journal_send("MESSAGE=%s", line, "PRIORITY=%i", priority,
			"SYSLOG_IDENTIFIER=spdmd", NULL);
}

void log_endpoint_message(int priority, const struct log_endpoint *endpoint,
			  const char *format, ...)
{
	char line[LOG_LINE_SIZE], text[LOG_LINE_SIZE];
	va_list args;

	if (priority == LOG_DEBUG && !log_debug)
		return;
	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	/* A line too long is cut short; that is fine for a log. */
	if (snprintf(line, sizeof(line), "%s (network %" PRIu32 ", EID %u): %s",
		     endpoint->name, endpoint->network, endpoint->eid,
		     text) < 0)
		return;
	log_sanitize(line);
	write_stderr(priority, line);
	sd_journal_send("MESSAGE=%s", line, "PRIORITY=%i", priority,
			"SYSLOG_IDENTIFIER=spdmd", "SPDM_ENDPOINT=%s",
			endpoint->name, "SPDM_EID=%u", endpoint->eid,
			"SPDM_NETWORK=%" PRIu32, endpoint->network, NULL);
}

static const char *or_unknown(const char *text)
{
	return text && *text ? text : "unknown";
}

void log_attestation(const struct log_endpoint *endpoint,
		     const struct log_outcome *outcome)
{
	const char *result = outcome->passed ? "PASSED" : "FAILED";
	char line[LOG_LINE_SIZE];
	int priority = outcome->passed ? LOG_INFO : LOG_WARNING;

	if (snprintf(line, sizeof(line),
		     "%s (network %" PRIu32 ", EID %u): attestation %s, "
		     "SPDM %s, %s, %s, reason %s%s%s",
		     endpoint->name, endpoint->network, endpoint->eid, result,
		     or_unknown(outcome->version),
		     or_unknown(outcome->asym_algo),
		     or_unknown(outcome->hash_algo), outcome->reason,
		     outcome->detail && *outcome->detail ? ": " : "",
		     outcome->detail ? outcome->detail : "") < 0)
		return;
	log_sanitize(line);
	write_stderr(priority, line);
	sd_journal_send("MESSAGE=%s", line, "PRIORITY=%i", priority,
			"SYSLOG_IDENTIFIER=spdmd", "SPDM_ENDPOINT=%s",
			endpoint->name, "SPDM_EID=%u", endpoint->eid,
			"SPDM_NETWORK=%" PRIu32, endpoint->network,
			"SPDM_RESULT=%s", result, "SPDM_REASON=%s",
			outcome->reason, "SPDM_VERSION=%s",
			or_unknown(outcome->version), NULL);
}

bool log_ratelimit_allow(struct log_ratelimit *limit, uint64_t now_usec,
			 unsigned int *suppressed_before)
{
	*suppressed_before = 0;
	if (limit->window_start_usec == 0 ||
	    now_usec - limit->window_start_usec >=
		LOG_RATELIMIT_INTERVAL_USEC) {
		*suppressed_before = limit->suppressed;
		limit->window_start_usec = now_usec;
		limit->count = 0;
		limit->suppressed = 0;
	}
	if (limit->count < LOG_RATELIMIT_BURST) {
		limit->count++;
		return true;
	}
	limit->suppressed++;
	return false;
}
