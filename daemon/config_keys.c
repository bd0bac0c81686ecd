// SPDX-License-Identifier: BSD-3-Clause
/*
 * The keys of the [global] and [endpoint NAME] sections, each with the
 * function that checks and stores its value.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_keys.h"
#include "config_values.h"

struct key_context {
	struct spdmd_config *config;
	struct endpoint_config *endpoint; /* NULL in [global] */
	const char *key;
	const char *value;
	unsigned int line;
	char *error;
	size_t error_size;
};

struct config_key {
	const char *name;
	bool repeatable;
	int (*set)(struct key_context *context);
};

static int out_of_memory(struct key_context *context)
{
	snprintf(context->error, context->error_size, "%s: out of memory",
		 context->key);
	return -ENOMEM;
}

/* Returns value, or value taken relative to the configuration's folder. */
static char *resolve_path(const struct spdmd_config *config, const char *value)
{
	char *path;

	if (value[0] == '/' || !config->base_dir)
		return strdup(value);
	if (asprintf(&path, "%s/%s", config->base_dir, value) < 0)
		return NULL;
	return path;
}

static int set_number(struct key_context *context, uint64_t min, uint64_t max,
		      const char *unit, unsigned int *out)
{
	uint64_t number;
	int ret;

	ret = config_parse_number(context->key, context->value, min, max, unit,
				  &number, context->error, context->error_size);
	if (ret == 0)
		*out = (unsigned int)number;
	return ret;
}

static int add_path(struct key_context *context, struct config_path *paths,
		    size_t *count)
{
	char *path;

	if (*count >= CONFIG_MAX_PATHS) {
		snprintf(context->error, context->error_size,
			 "%s: more than %d entries", context->key,
			 CONFIG_MAX_PATHS);
		return -EINVAL;
	}
	path = resolve_path(context->config, context->value);
	if (!path)
		return out_of_memory(context);
	paths[*count].path = path;
	paths[*count].line = context->line;
	(*count)++;
	return 0;
}

static int set_trust_anchor(struct key_context *context)
{
	struct spdmd_config *config = context->config;

	return add_path(context, config->anchors, &config->anchor_count);
}

static int set_trust_anchor_dir(struct key_context *context)
{
	struct spdmd_config *config = context->config;

	return add_path(context, config->anchor_dirs,
			&config->anchor_dir_count);
}

static int set_trust_policy(struct key_context *context)
{
	if (strcmp(context->value, "anchored") == 0) {
		context->config->trust_policy = TRUST_POLICY_ANCHORED;
		return 0;
	}
	if (strcmp(context->value, "tofu") == 0) {
		context->config->trust_policy = TRUST_POLICY_TOFU;
		return 0;
	}
	snprintf(context->error, context->error_size,
		 "%s: '%s' is invalid (anchored or tofu)", context->key,
		 context->value);
	return -EINVAL;
}

static int set_reattest_interval(struct key_context *context)
{
	return set_number(context, 0, 2592000, "seconds",
			  &context->config->reattest_interval_s);
}

static int set_max_concurrent(struct key_context *context)
{
	return set_number(context, 1, 256, "",
			  &context->config->max_concurrent);
}

static int set_busy_retries(struct key_context *context)
{
	return set_number(context, 0, 100, "", &context->config->busy_retries);
}

static int set_busy_retry_delay(struct key_context *context)
{
	return set_number(context, 1, 10000, "milliseconds",
			  &context->config->busy_retry_delay_ms);
}

static int set_timeout_floor(struct key_context *context)
{
	context->config->timeout_floor_line = context->line;
	return set_number(context, 10, 60000, "milliseconds",
			  &context->config->timeout_floor_ms);
}

static int set_timeout_cap(struct key_context *context)
{
	return set_number(context, 100, 60000, "milliseconds",
			  &context->config->timeout_cap_ms);
}

static int set_global_slot(struct key_context *context)
{
	return config_parse_slot(context->key, context->value,
				 &context->config->slot, context->error,
				 context->error_size);
}

static int set_versions(struct key_context *context)
{
	return config_parse_versions(
	    context->key, context->value, &context->config->min_version,
	    &context->config->max_version, context->error, context->error_size);
}

static int set_measurements(struct key_context *context)
{
	return config_parse_bool(context->key, context->value,
				 &context->config->measurements, context->error,
				 context->error_size);
}

static int set_global_local_eid(struct key_context *context)
{
	return config_parse_eid(context->key, context->value,
				&context->config->local_eid, context->error,
				context->error_size);
}

static int set_mctpd_discovery(struct key_context *context)
{
	return config_parse_bool(context->key, context->value,
				 &context->config->mctpd_discovery,
				 context->error, context->error_size);
}

static int set_networks(struct key_context *context)
{
	struct spdmd_config *config = context->config;

	return config_parse_networks(context->key, context->value,
				     config->networks, &config->network_count,
				     CONFIG_MAX_NETWORKS, context->error,
				     context->error_size);
}

static const struct config_key global_keys[] = {
    {"trust-anchor", true, set_trust_anchor},
    {"trust-anchor-dir", true, set_trust_anchor_dir},
    {"trust-policy", false, set_trust_policy},
    {"reattest-interval", false, set_reattest_interval},
    {"max-concurrent", false, set_max_concurrent},
    {"busy-retries", false, set_busy_retries},
    {"busy-retry-delay-ms", false, set_busy_retry_delay},
    {"timeout-floor-ms", false, set_timeout_floor},
    {"timeout-cap-ms", false, set_timeout_cap},
    {"slot", false, set_global_slot},
    {"versions", false, set_versions},
    {"measurements", false, set_measurements},
    {"local-eid", false, set_global_local_eid},
    {"mctpd-discovery", false, set_mctpd_discovery},
    {"af-mctp-network", true, set_networks},
};

static int set_link(struct key_context *context)
{
	struct endpoint_config *endpoint = context->endpoint;
	const char *value = context->value;
	const char *colon = strchr(value, ':');
	char *link;
	int ret;

	ret = config_parse_link(context->key, value, &endpoint->transport,
				&endpoint->network, context->error,
				context->error_size);
	if (ret < 0)
		return ret;

	/* serial:PATH and unix:PATH may be relative to the file's folder. */
	if ((endpoint->transport == LINK_TRANSPORT_SERIAL ||
	     endpoint->transport == LINK_TRANSPORT_UNIX) &&
	    colon && colon[1] != '/' && context->config->base_dir) {
		if (asprintf(&link, "%.*s%s/%s", (int)(colon - value + 1),
			     value, context->config->base_dir, colon + 1) < 0)
			link = NULL;
	} else {
		link = strdup(value);
	}
	if (!link)
		return out_of_memory(context);
	endpoint->link = link;
	return 0;
}

static int set_eid(struct key_context *context)
{
	context->endpoint->has_eid = true;
	return config_parse_eid(context->key, context->value,
				&context->endpoint->eid, context->error,
				context->error_size);
}

static int set_local_eid(struct key_context *context)
{
	context->endpoint->has_local_eid = true;
	return config_parse_eid(context->key, context->value,
				&context->endpoint->local_eid, context->error,
				context->error_size);
}

static int set_slot(struct key_context *context)
{
	context->endpoint->has_slot = true;
	return config_parse_slot(context->key, context->value,
				 &context->endpoint->slot, context->error,
				 context->error_size);
}

static int set_object_path(struct key_context *context, char **out)
{
	int ret;

	ret = config_parse_object_path(context->key, context->value,
				       context->error, context->error_size);
	if (ret < 0)
		return ret;
	*out = strdup(context->value);
	if (!*out)
		return out_of_memory(context);
	return 0;
}

static int set_inventory(struct key_context *context)
{
	return set_object_path(context, &context->endpoint->inventory);
}

static int set_trusted_component(struct key_context *context)
{
	return set_object_path(context, &context->endpoint->trusted_component);
}

static const struct config_key endpoint_keys[] = {
    {"link", false, set_link},
    {"eid", false, set_eid},
    {"local-eid", false, set_local_eid},
    {"slot", false, set_slot},
    {"inventory", false, set_inventory},
    {"trusted-component", false, set_trusted_component},
};

static int set_key(struct key_context *context, const struct config_key *keys,
		   size_t key_count, uint32_t *keys_seen, const char *section)
{
	for (size_t i = 0; i < key_count; i++) {
		if (strcmp(keys[i].name, context->key) != 0)
			continue;
		if (!keys[i].repeatable && (*keys_seen & (1u << i))) {
			snprintf(context->error, context->error_size,
				 "%s: duplicate key in %s", context->key,
				 section);
			return -EINVAL;
		}
		*keys_seen |= 1u << i;
		return keys[i].set(context);
	}
	snprintf(context->error, context->error_size, "unknown key '%s' in %s",
		 context->key, section);
	return -EINVAL;
}

int config_set_global(struct spdmd_config *config, const char *key,
		      const char *value, unsigned int line, char *error,
		      size_t error_size)
{
	struct key_context context = {
	    .config = config,
	    .key = key,
	    .value = value,
	    .line = line,
	    .error = error,
	    .error_size = error_size,
	};

	return set_key(&context, global_keys,
		       sizeof(global_keys) / sizeof(global_keys[0]),
		       &config->keys_seen, "[global]");
}

int config_set_endpoint(struct spdmd_config *config,
			struct endpoint_config *endpoint, const char *key,
			const char *value, unsigned int line, char *error,
			size_t error_size)
{
	struct key_context context = {
	    .config = config,
	    .endpoint = endpoint,
	    .key = key,
	    .value = value,
	    .line = line,
	    .error = error,
	    .error_size = error_size,
	};
	char section[CONFIG_MAX_NAME + 16];

	snprintf(section, sizeof(section), "[endpoint %s]", endpoint->name);
	return set_key(&context, endpoint_keys,
		       sizeof(endpoint_keys) / sizeof(endpoint_keys[0]),
		       &endpoint->keys_seen, section);
}
