// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery_endpoints.h"
#include "endpoint.h"
#include "log.h"

/* The unicast EIDs, as for configured endpoints. */
#define DISCOVERY_EID_MIN 8
#define DISCOVERY_EID_MAX 254

static bool network_allowed(const struct spdmd_config *config, uint32_t network)
{
	if (config->network_count == 0)
		return true;
	for (size_t i = 0; i < config->network_count; i++)
		if (config->networks[i] == network)
			return true;
	return false;
}

static bool belongs_to(const struct endpoint *endpoint,
		       const struct discovery_service *service)
{
	const char *prefix = service->config->prefix;

	return endpoint->mctpd_path &&
	       strncmp(endpoint->mctpd_path, prefix, strlen(prefix)) == 0;
}

static struct endpoint *find_by_path(struct spdmd *daemon, const char *path)
{
	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, node);

		if (endpoint->mctpd_path &&
		    strcmp(endpoint->mctpd_path, path) == 0)
			return endpoint;
	}
	return NULL;
}

static int set_mctpd_path(struct endpoint *endpoint, const char *path)
{
	char *copy = strdup(path);

	if (!copy)
		return -ENOMEM;
	free(endpoint->mctpd_path);
	endpoint->mctpd_path = copy;
	return 0;
}

static int create_endpoint(struct discovery_service *service, const char *path,
			   const struct mctp_object *object)
{
	struct spdmd *daemon = service->daemon;
	struct endpoint_identity id = {
	    .transport = LINK_TRANSPORT_AF_MCTP,
	    .network = object->network,
	    .eid = object->eid,
	    .slot = daemon->config.slot,
	    .uuid = object->has_uuid ? object->uuid : "",
	};
	char name[32], link[32];
	struct endpoint *endpoint;
	int ret;

	snprintf(name, sizeof(name), "mctp_%u_%u", object->network,
		 object->eid);
	snprintf(link, sizeof(link), "mctp:%u", object->network);
	id.name = name;
	id.link_spec = link;
	ret = endpoint_new(daemon, &id, &endpoint);
	if (ret < 0) {
		log_message(LOG_ERR, "%s: failed to add endpoint %s: %s",
			    service->config->name, name, strerror(-ret));
		return ret;
	}
	ret = set_mctpd_path(endpoint, path);
	if (ret < 0) {
		endpoint_remove(endpoint);
		return ret;
	}
	endpoint->discovery_generation = service->generation;
	log_message(LOG_INFO, "%s: endpoint %s appeared (network %u, EID %u)",
		    service->config->name, name, object->network, object->eid);
	endpoint_request_attestation(endpoint);
	return 0;
}

/* Takes an mctpd object for a configured endpoint, or one already seen. */
static void refresh_endpoint(struct discovery_service *service,
			     struct endpoint *endpoint, const char *path,
			     const struct mctp_object *object)
{
	bool reappeared =
	    !endpoint->mctpd_path || strcmp(endpoint->mctpd_path, path) != 0;

	endpoint->discovery_generation = service->generation;
	if (object->has_uuid)
		endpoint_set_uuid(endpoint, object->uuid);
	if (!reappeared)
		return;
	set_mctpd_path(endpoint, path);
	endpoint_set_enabled(endpoint, true);
	log_message(LOG_INFO, "%s: endpoint %s is published at %s",
		    service->config->name, endpoint->name, path);
	endpoint_request_attestation(endpoint);
}

void discovery_object_added(struct discovery_service *service, const char *path,
			    const struct mctp_object *object)
{
	struct spdmd *daemon = service->daemon;
	struct endpoint *endpoint;

	if (strncmp(path, service->config->prefix,
		    strlen(service->config->prefix)) != 0)
		return;
	if (!object->has_endpoint) {
		/* A UUID interface added on its own to a known object. */
		endpoint = find_by_path(daemon, path);
		if (endpoint && object->has_uuid)
			endpoint_set_uuid(endpoint, object->uuid);
		return;
	}
	if (!object->has_network || !object->has_eid || !object->spdm) {
		log_message(LOG_DEBUG, "%s: %s does not speak SPDM; ignored",
			    service->config->name, path);
		return;
	}
	/*
	 * DSP0236: EID 0 is the null EID, 1-7 are reserved and 255 is the
	 * broadcast EID, which reaches every endpoint of the network.
	 */
	if (object->eid < DISCOVERY_EID_MIN ||
	    object->eid > DISCOVERY_EID_MAX) {
		log_message(LOG_WARNING,
			    "%s: %s has EID %u, which is not an endpoint EID "
			    "(%u-%u); ignored",
			    service->config->name, path, object->eid,
			    DISCOVERY_EID_MIN, DISCOVERY_EID_MAX);
		return;
	}
	if (!network_allowed(&daemon->config, object->network)) {
		log_message(LOG_DEBUG,
			    "%s: %s is on network %u, which "
			    "af-mctp-network excludes",
			    service->config->name, path, object->network);
		return;
	}
	endpoint = endpoint_find_mctp(daemon, object->network, object->eid);
	if (endpoint)
		refresh_endpoint(service, endpoint, path, object);
	else
		create_endpoint(service, path, object);
}

static void forget_endpoint(struct discovery_service *service,
			    struct endpoint *endpoint)
{
	log_message(LOG_INFO, "%s: endpoint %s was removed",
		    service->config->name, endpoint->name);
	if (endpoint->configured) {
		/* Configured endpoints stay, and return when published. */
		free(endpoint->mctpd_path);
		endpoint->mctpd_path = NULL;
		return;
	}
	endpoint_remove(endpoint);
}

void discovery_object_removed(struct discovery_service *service,
			      const char *path)
{
	struct endpoint *endpoint = find_by_path(service->daemon, path);

	if (endpoint)
		forget_endpoint(service, endpoint);
}

void discovery_remove_stale(struct discovery_service *service)
{
	struct spdmd *daemon = service->daemon;
	struct list_node *node = daemon->endpoints.next;

	while (node != &daemon->endpoints) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, node);

		node = node->next;
		if (belongs_to(endpoint, service) &&
		    endpoint->discovery_generation != service->generation)
			forget_endpoint(service, endpoint);
	}
}
