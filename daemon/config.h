/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The spdmd configuration file (docs/spdmd-config.md): a [global] section
 * and one [endpoint NAME] section per statically configured endpoint.
 */
#ifndef SPDMD_CONFIG_H
#define SPDMD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CONFIG_DEFAULT_FILE "/etc/spdmd/spdmd.conf"
/* Limits documented in docs/spdmd-config.md. */
#define CONFIG_MAX_FILE_SIZE (1024 * 1024)
#define CONFIG_MAX_LINE	     196
#define CONFIG_MAX_ENDPOINTS 1024
#define CONFIG_MAX_NAME	     64
#define CONFIG_MAX_PATHS     64
#define CONFIG_MAX_NETWORKS  64
#define CONFIG_ERROR_SIZE    512

enum trust_policy {
	TRUST_POLICY_ANCHORED,
	TRUST_POLICY_TOFU,
};

enum link_transport {
	LINK_TRANSPORT_SERIAL,
	LINK_TRANSPORT_UNIX,
	LINK_TRANSPORT_EMU,
	LINK_TRANSPORT_AF_MCTP,
};

/* A path from the file with the line it came from, for later errors. */
struct config_path {
	char *path;
	unsigned int line;
};

struct endpoint_config {
	char *name;
	unsigned int line; /* of the section header */
	char *link;	   /* spec as mctp_link_open() takes it */
	enum link_transport transport;
	uint32_t network; /* AF_MCTP network; 0 for user-space links */
	bool has_eid;
	uint8_t eid;
	bool has_local_eid;
	uint8_t local_eid;
	bool has_slot;
	uint8_t slot;
	char *inventory;
	char *trusted_component;
	uint32_t keys_seen; /* bit per key, to reject duplicates */
};

struct spdmd_config {
	char *file;	/* as given on the command line, for messages */
	char *base_dir; /* relative paths are taken from here */

	struct config_path anchors[CONFIG_MAX_PATHS];
	size_t anchor_count;
	struct config_path anchor_dirs[CONFIG_MAX_PATHS];
	size_t anchor_dir_count;
	enum trust_policy trust_policy;

	unsigned int reattest_interval_s; /* 0: never */
	unsigned int max_concurrent;
	unsigned int busy_retries;
	unsigned int busy_retry_delay_ms;
	unsigned int timeout_floor_ms;
	unsigned int timeout_cap_ms;
	unsigned int timeout_floor_line; /* 0 when not in the file */
	uint8_t slot;
	uint8_t min_version; /* SPDMVersion bytes, e.g. 0x10 */
	uint8_t max_version;
	bool measurements;
	uint8_t local_eid;
	bool mctpd_discovery;
	uint32_t networks[CONFIG_MAX_NETWORKS]; /* none: every network */
	size_t network_count;
	uint32_t keys_seen;

	struct endpoint_config *endpoints;
	size_t endpoint_count;
};

/* Fills config with the documented defaults and no endpoints. */
void config_init(struct spdmd_config *config);
void config_free(struct spdmd_config *config);

/*
 * Reads and validates a configuration file. On failure returns a negative
 * errno and writes one line "FILE:LINE: problem" (or "FILE: problem")
 * to error. Trust anchor files are checked later, by trust_load().
 */
int config_load(struct spdmd_config *config, const char *file, char *error,
		size_t error_size);
/* Parses text as if it were the file named file (tests use it). */
int config_parse_text(struct spdmd_config *config, const char *file,
		      const char *text, size_t length, char *error,
		      size_t error_size);

/* Returns whether name is a valid endpoint id: [A-Za-z0-9][A-Za-z0-9_]*. */
bool config_name_is_valid(const char *name);
/* Returns the name of a transport as published on D-Bus, e.g. "af-mctp". */
const char *link_transport_name(enum link_transport transport);

/* Returns the slot and local EID of an endpoint after global defaults. */
uint8_t endpoint_config_slot(const struct spdmd_config *config,
			     const struct endpoint_config *endpoint);
uint8_t endpoint_config_local_eid(const struct spdmd_config *config,
				  const struct endpoint_config *endpoint);

#endif /* SPDMD_CONFIG_H */
