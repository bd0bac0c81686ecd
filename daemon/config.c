// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fileio.h"

int config_load(struct spdmd_config *config, const char *file, char *error,
		size_t error_size)
{
	char *text = NULL;
	size_t length = 0;
	int ret;

	ret = file_read(file, CONFIG_MAX_FILE_SIZE, &text, &length);
	if (ret == -EFBIG) {
		snprintf(error, error_size, "%s: file is larger than %d bytes",
			 file, CONFIG_MAX_FILE_SIZE);
		return ret;
	}
	if (ret < 0) {
		snprintf(error, error_size, "%s: failed to read: %s", file,
			 strerror(-ret));
		return ret;
	}
	ret = config_parse_text(config, file, text, length, error, error_size);
	free(text);
	return ret;
}

void config_init(struct spdmd_config *config)
{
	memset(config, 0, sizeof(*config));
	config->trust_policy = TRUST_POLICY_ANCHORED;
	config->reattest_interval_s = 3600;
	config->max_concurrent = 8;
	config->busy_retries = 3;
	config->busy_retry_delay_ms = 100;
	config->timeout_floor_ms = 1000;
	config->timeout_cap_ms = 5000;
	config->slot = 0;
	config->min_version = 0x10;
	config->max_version = 0x12;
	config->measurements = true;
	config->local_eid = 8;
	config->mctpd_discovery = true;
}

static void endpoint_config_free(struct endpoint_config *endpoint)
{
	free(endpoint->name);
	free(endpoint->link);
	free(endpoint->inventory);
	free(endpoint->trusted_component);
}

void config_free(struct spdmd_config *config)
{
	for (size_t i = 0; i < config->anchor_count; i++)
		free(config->anchors[i].path);
	for (size_t i = 0; i < config->anchor_dir_count; i++)
		free(config->anchor_dirs[i].path);
	for (size_t i = 0; i < config->endpoint_count; i++)
		endpoint_config_free(&config->endpoints[i]);
	free(config->endpoints);
	free(config->file);
	free(config->base_dir);
	memset(config, 0, sizeof(*config));
}

const char *link_transport_name(enum link_transport transport)
{
	switch (transport) {
	case LINK_TRANSPORT_SERIAL:
		return "serial";
	case LINK_TRANSPORT_UNIX:
		return "unix";
	case LINK_TRANSPORT_EMU:
		return "emu";
	case LINK_TRANSPORT_AF_MCTP:
		return "af-mctp";
	}
	return "unknown";
}

uint8_t endpoint_config_slot(const struct spdmd_config *config,
			     const struct endpoint_config *endpoint)
{
	return endpoint->has_slot ? endpoint->slot : config->slot;
}

uint8_t endpoint_config_local_eid(const struct spdmd_config *config,
				  const struct endpoint_config *endpoint)
{
	return endpoint->has_local_eid ? endpoint->local_eid
				       : config->local_eid;
}
