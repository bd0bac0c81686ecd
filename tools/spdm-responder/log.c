// SPDX-License-Identifier: BSD-3-Clause
/* Logging to stderr: info and errors always, debug with -v. */
#include <stdarg.h>
#include <stdio.h>

#include <spdm/reason.h>

#include "responder_tool.h"

/* Bytes of a message shown in a debug line; longer ones end in "...". */
#define LOG_HEX_BYTES 64

static int verbosity;

void log_set_verbose(int verbose)
{
	verbosity = verbose;
}

bool log_debug_enabled(void)
{
	return verbosity > 0;
}

static void log_line(const char *level, const char *format, va_list args)
{
	fprintf(stderr, "spdm-responder: %s", level);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

void log_info(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	log_line("", format, args);
	va_end(args);
}

void log_error(const char *format, ...)
{
	va_list args;

	va_start(args, format);
	log_line("error: ", format, args);
	va_end(args);
}

void log_debug(const char *format, ...)
{
	va_list args;

	if (!log_debug_enabled())
		return;
	va_start(args, format);
	log_line("debug: ", format, args);
	va_end(args);
}

void log_message(uint8_t eid, const char *direction, const uint8_t *message,
		 size_t length)
{
	char hex[LOG_HEX_BYTES * 3 + 4];
	size_t shown = length < LOG_HEX_BYTES ? length : LOG_HEX_BYTES;
	size_t used = 0;

	if (!log_debug_enabled())
		return;
	for (size_t i = 0; i < shown; i++)
		used += (size_t)snprintf(hex + used, sizeof(hex) - used,
					 i ? " %02x" : "%02x", message[i]);
	if (shown < length)
		snprintf(hex + used, sizeof(hex) - used, " ...");
	log_debug("eid %u %s %s (%zu bytes): %s", eid, direction,
		  length >= 2 ? spdm_message_name(message[1]) : "?", length,
		  hex);
}
