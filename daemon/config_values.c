// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <systemd/sd-bus.h>

#include <spdm/wire.h>

#include "config_values.h"

/* Unicast EIDs (DSP0236): 0 is the null EID, 1-7 are reserved, 255 broadcast.
 */
#define EID_MIN 8
#define EID_MAX 254

__attribute__((format(printf, 3, 4))) static int
invalid(char *error, size_t error_size, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(error, error_size, format, args);
	va_end(args);
	return -EINVAL;
}

static bool parse_decimal(const char *value, uint64_t *out)
{
	uint64_t number = 0;

	if (*value == '\0')
		return false;
	for (const char *p = value; *p; p++) {
		unsigned int digit;

		if (*p < '0' || *p > '9')
			return false;
		digit = (unsigned int)(*p - '0');
		if (number > (UINT64_MAX - digit) / 10)
			return false;
		number = number * 10 + digit;
	}
	*out = number;
	return true;
}

int config_parse_number(const char *key, const char *value, uint64_t min,
			uint64_t max, const char *unit, uint64_t *out,
			char *error, size_t error_size)
{
	uint64_t number;

	if (!parse_decimal(value, &number)) {
		snprintf(error, error_size, "%s: '%s' is not a number%s%s", key,
			 value, *unit ? " of " : "", unit);
		return -EINVAL;
	}
	if (number < min || number > max) {
		snprintf(error, error_size,
			 "%s: %s is out of range (%" PRIu64 "-%" PRIu64 ")",
			 key, value, min, max);
		return -EINVAL;
	}
	*out = number;
	return 0;
}

int config_parse_eid(const char *key, const char *value, uint8_t *out,
		     char *error, size_t error_size)
{
	uint64_t number;

	if (!parse_decimal(value, &number) || number < EID_MIN ||
	    number > EID_MAX) {
		snprintf(error, error_size, "%s: %s is not an EID (%d-%d)", key,
			 value, EID_MIN, EID_MAX);
		return -EINVAL;
	}
	*out = (uint8_t)number;
	return 0;
}

int config_parse_slot(const char *key, const char *value, uint8_t *out,
		      char *error, size_t error_size)
{
	uint64_t number;

	if (!parse_decimal(value, &number) || number >= SPDM_MAX_SLOTS) {
		snprintf(error, error_size, "%s: %s is not a slot (0-%d)", key,
			 value, SPDM_MAX_SLOTS - 1);
		return -EINVAL;
	}
	*out = (uint8_t)number;
	return 0;
}

int config_parse_bool(const char *key, const char *value, bool *out,
		      char *error, size_t error_size)
{
	if (strcmp(value, "yes") == 0) {
		*out = true;
		return 0;
	}
	if (strcmp(value, "no") == 0) {
		*out = false;
		return 0;
	}
	return invalid(error, error_size, "%s: '%s' is invalid (yes or no)",
		       key, value);
}

static int version_from_text(const char *text, size_t length)
{
	static const struct {
		const char *text;
		uint8_t version;
	} versions[] = {
	    {"1.0", SPDM_VERSION_10},
	    {"1.1", SPDM_VERSION_11},
	    {"1.2", SPDM_VERSION_12},
	};

	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
		if (strlen(versions[i].text) == length &&
		    memcmp(versions[i].text, text, length) == 0)
			return versions[i].version;
	return -1;
}

/* Collects the versions of a list as a bit mask over minor numbers 0-2. */
static int versions_to_mask(const char *key, const char *value,
			    unsigned int *mask, char *error, size_t error_size)
{
	const char *item = value;

	*mask = 0;
	for (;;) {
		size_t length = strcspn(item, ",");
		int version = version_from_text(item, length);

		if (version < 0) {
			snprintf(error, error_size,
				 "%s: '%.*s' is not a supported version "
				 "(1.0, 1.1, 1.2)",
				 key, (int)length, item);
			return -EINVAL;
		}
		*mask |= 1u << (version & 0x0f);
		if (item[length] == '\0')
			return 0;
		item += length + 1;
	}
}

int config_parse_versions(const char *key, const char *value,
			  uint8_t *min_version, uint8_t *max_version,
			  char *error, size_t error_size)
{
	unsigned int mask, low = 0, high = 0;
	int ret;

	ret = versions_to_mask(key, value, &mask, error, error_size);
	if (ret < 0)
		return ret;

	while (!(mask & (1u << low)))
		low++;
	high = low;
	while (mask & (1u << (high + 1)))
		high++;
	if (mask >> (high + 1)) {
		return invalid(error, error_size,
			       "%s: '%s' has a gap; list a range such as "
			       "1.1,1.2",
			       key, value);
	}
	*min_version = (uint8_t)(0x10 | low);
	*max_version = (uint8_t)(0x10 | high);
	return 0;
}

static int parse_emu_spec(const char *key, const char *value, const char *rest,
			  char *error, size_t error_size)
{
	const char *colon = strrchr(rest, ':');
	uint64_t port;

	if (!colon || colon == rest || !parse_decimal(colon + 1, &port) ||
	    port == 0 || port > 65535) {
		return invalid(error, error_size,
			       "%s: '%s' is invalid (emu:HOST:PORT, with a "
			       "port of 1-65535)",
			       key, value);
	}
	return 0;
}

static int parse_mctp_spec(const char *key, const char *value, const char *rest,
			   uint32_t *network, char *error, size_t error_size)
{
	uint64_t number;

	if (!parse_decimal(rest, &number) || number == 0 ||
	    number > UINT32_MAX) {
		return invalid(error, error_size,
			       "%s: '%s' is invalid (mctp:NET, with a network "
			       "of 1-4294967295)",
			       key, value);
	}
	*network = (uint32_t)number;
	return 0;
}

int config_parse_link(const char *key, const char *value,
		      enum link_transport *transport, uint32_t *network,
		      char *error, size_t error_size)
{
	*network = 0;
	if (strncmp(value, "serial:", 7) == 0 && value[7]) {
		*transport = LINK_TRANSPORT_SERIAL;
		return 0;
	}
	if (strncmp(value, "unix:", 5) == 0 && value[5]) {
		*transport = LINK_TRANSPORT_UNIX;
		return 0;
	}
	if (strncmp(value, "emu:", 4) == 0) {
		*transport = LINK_TRANSPORT_EMU;
		return parse_emu_spec(key, value, value + 4, error, error_size);
	}
	if (strncmp(value, "mctp:", 5) == 0) {
		*transport = LINK_TRANSPORT_AF_MCTP;
		return parse_mctp_spec(key, value, value + 5, network, error,
				       error_size);
	}
	return invalid(error, error_size,
		       "%s: '%s' is invalid (serial:PATH, unix:PATH, "
		       "emu:HOST:PORT or mctp:NET)",
		       key, value);
}

int config_parse_object_path(const char *key, const char *value, char *error,
			     size_t error_size)
{
	if (sd_bus_object_path_is_valid(value) <= 0) {
		return invalid(error, error_size,
			       "%s: '%s' is not a D-Bus object path", key,
			       value);
	}
	return 0;
}

int config_parse_networks(const char *key, const char *value,
			  uint32_t *networks, size_t *count, size_t max,
			  char *error, size_t error_size)
{
	const char *item = value;

	for (;;) {
		size_t length = strcspn(item, ",");
		char text[16];
		uint64_t number;

		if (length >= sizeof(text)) {
			snprintf(error, error_size,
				 "%s: '%.*s' is not a network id", key,
				 (int)length, item);
			return -EINVAL;
		}
		memcpy(text, item, length);
		text[length] = '\0';
		if (config_parse_number(key, text, 1, UINT32_MAX, "", &number,
					error, error_size) < 0)
			return -EINVAL;
		if (*count >= max) {
			snprintf(error, error_size,
				 "%s: more than %zu networks", key, max);
			return -EINVAL;
		}
		networks[(*count)++] = (uint32_t)number;
		item += strcspn(item, ",");
		if (*item == '\0')
			return 0;
		item++;
	}
}
