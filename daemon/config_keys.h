/* SPDX-License-Identifier: BSD-3-Clause */
/* Storing one "key = value" line of a section into the configuration. */
#ifndef SPDMD_CONFIG_KEYS_H
#define SPDMD_CONFIG_KEYS_H

#include <stddef.h>

#include "config.h"

/* Each returns 0, or a negative errno and "KEY: problem" in error. */
int config_set_global(struct spdmd_config *config, const char *key,
		      const char *value, unsigned int line, char *error,
		      size_t error_size);
int config_set_endpoint(struct spdmd_config *config,
			struct endpoint_config *endpoint, const char *key,
			const char *value, unsigned int line, char *error,
			size_t error_size);

#endif /* SPDMD_CONFIG_KEYS_H */
