/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Parsers for the value types of the configuration file. Each returns 0,
 * or -EINVAL and writes "KEY: problem" to error.
 */
#ifndef SPDMD_CONFIG_VALUES_H
#define SPDMD_CONFIG_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

/* Parses a decimal number without sign, in [min, max]. */
int config_parse_number(const char *key, const char *value, uint64_t min,
			uint64_t max, const char *unit, uint64_t *out,
			char *error, size_t error_size);
int config_parse_eid(const char *key, const char *value, uint8_t *out,
		     char *error, size_t error_size);
int config_parse_slot(const char *key, const char *value, uint8_t *out,
		      char *error, size_t error_size);
int config_parse_bool(const char *key, const char *value, bool *out,
		      char *error, size_t error_size);
/* Parses "1.0,1.1,1.2" into the lowest and highest SPDMVersion bytes. */
int config_parse_versions(const char *key, const char *value,
			  uint8_t *min_version, uint8_t *max_version,
			  char *error, size_t error_size);
/* Checks a link spec and extracts its transport and AF_MCTP network. */
int config_parse_link(const char *key, const char *value,
		      enum link_transport *transport, uint32_t *network,
		      char *error, size_t error_size);
int config_parse_object_path(const char *key, const char *value, char *error,
			     size_t error_size);
/* Appends comma-separated network ids to networks (at most max). */
int config_parse_networks(const char *key, const char *value,
			  uint32_t *networks, size_t *count, size_t max,
			  char *error, size_t error_size);

#endif /* SPDMD_CONFIG_VALUES_H */
