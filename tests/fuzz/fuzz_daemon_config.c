// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the spdmd configuration parser with arbitrary file contents.
 * A configuration it accepts must respect its documented limits.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz_common.h"

static void check_config(const struct spdmd_config *config)
{
	if (config->endpoint_count > CONFIG_MAX_ENDPOINTS ||
	    config->anchor_count > CONFIG_MAX_PATHS ||
	    config->anchor_dir_count > CONFIG_MAX_PATHS ||
	    config->network_count > CONFIG_MAX_NETWORKS)
		abort();
	for (size_t i = 0; i < config->endpoint_count; i++) {
		const struct endpoint_config *endpoint = &config->endpoints[i];

		if (!endpoint->name || !config_name_is_valid(endpoint->name) ||
		    strlen(endpoint->name) > CONFIG_MAX_NAME || !endpoint->link)
			abort();
		if (endpoint_config_slot(config, endpoint) >= 8)
			abort();
	}
	if (config->min_version > config->max_version)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE];
	int rc;

	if (size > CONFIG_MAX_FILE_SIZE)
		return 0;
	error[0] = '\0';
	config_init(&config);
	rc = config_parse_text(&config, "fuzz.conf", (const char *)data, size,
			       error, sizeof(error));
	if (!memchr(error, 0, sizeof(error)))
		abort();
	if (rc == 0)
		check_config(&config);
	else if (!error[0])
		abort();
	config_free(&config);
	return 0;
}
