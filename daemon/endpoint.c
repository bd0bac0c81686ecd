// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbus_objects.h"
#include "endpoint.h"
#include "method.h"
#include "scheduler.h"
#include "status.h"

static char *strdup_or_empty(const char *text)
{
	return strdup(text ? text : "");
}

static char *strdup_optional(const char *text)
{
	return text ? strdup(text) : NULL;
}

static void endpoint_free(struct endpoint *endpoint)
{
	status_clear_measurements(&endpoint->status);
	spdm_chain_memo_free(endpoint->chain_memo);
	free(endpoint->name);
	free(endpoint->path);
	free(endpoint->link_spec);
	free(endpoint->uuid);
	free(endpoint->inventory);
	free(endpoint->trusted_component);
	free(endpoint->mctpd_path);
	free(endpoint);
}

static int copy_identity(struct endpoint *endpoint,
			 const struct endpoint_identity *id)
{
	endpoint->name = strdup(id->name);
	endpoint->link_spec = strdup(id->link_spec);
	endpoint->uuid = strdup_or_empty(id->uuid);
	endpoint->inventory = strdup_optional(id->inventory);
	endpoint->trusted_component = strdup_optional(id->trusted_component);
	if (asprintf(&endpoint->path, "%s/%s", SPDMD_ROOT_PATH, id->name) < 0)
		endpoint->path = NULL;
	if (!endpoint->name || !endpoint->link_spec || !endpoint->uuid ||
	    !endpoint->path || (id->inventory && !endpoint->inventory) ||
	    (id->trusted_component && !endpoint->trusted_component))
		return -ENOMEM;
	endpoint->transport = id->transport;
	endpoint->network = id->network;
	endpoint->eid = id->eid;
	endpoint->local_eid = id->local_eid;
	endpoint->slot = id->slot;
	endpoint->configured = id->configured;
	return 0;
}

/*
 * Returns the link an endpoint's requests go through. The AF_MCTP
 * endpoints of every network share one mctp: socket, and each request
 * names its network.
 */
static const char *dispatcher_spec(const struct endpoint *endpoint)
{
	if (endpoint->transport == LINK_TRANSPORT_AF_MCTP)
		return SPDMD_AF_MCTP_LINK;
	return endpoint->link_spec;
}

int endpoint_new(struct spdmd *daemon, const struct endpoint_identity *id,
		 struct endpoint **out)
{
	struct endpoint *endpoint;
	int ret;

	if (!config_name_is_valid(id->name))
		return -EINVAL;
	if (endpoint_find(daemon, id->name))
		return -EEXIST;
	if (daemon->endpoint_count >= SPDMD_MAX_ENDPOINTS)
		return -E2BIG;
	endpoint = calloc(1, sizeof(*endpoint));
	if (!endpoint)
		return -ENOMEM;
	endpoint->daemon = daemon;
	list_init(&endpoint->node);
	list_init(&endpoint->queue_node);
	list_init(&endpoint->method_calls);
	ret = copy_identity(endpoint, id);
	if (ret == 0)
		ret = spdm_chain_memo_new(&endpoint->chain_memo);
	if (ret == 0)
		ret = spdmd_get_dispatcher(daemon, dispatcher_spec(endpoint),
					   endpoint->local_eid,
					   &endpoint->dispatcher);
	if (ret < 0) {
		endpoint_free(endpoint);
		return ret;
	}
	endpoint->enabled = true;
	ret = dbus_endpoint_export(endpoint);
	if (ret < 0) {
		spdmd_release_dispatcher(daemon, endpoint->dispatcher);
		endpoint_free(endpoint);
		return ret;
	}
	list_add_tail(&daemon->endpoints, &endpoint->node);
	daemon->endpoint_count++;
	*out = endpoint;
	return 0;
}

/* Stops whatever runs on the endpoint, without publishing an outcome. */
static void stop_jobs(struct endpoint *endpoint, const char *reason)
{
	method_fail_all(endpoint, reason);
	if (endpoint->job == ENDPOINT_JOB_ATTEST) {
		exchange_free(endpoint->exchange);
		endpoint->exchange = NULL;
		endpoint->daemon->attestations_running--;
	}
	endpoint->job = ENDPOINT_JOB_NONE;
	list_remove(&endpoint->queue_node);
	endpoint->attestation_requested = false;
	endpoint->reattest_timer =
	    sd_event_source_disable_unref(endpoint->reattest_timer);
}

void endpoint_remove(struct endpoint *endpoint)
{
	struct spdmd *daemon = endpoint->daemon;

	endpoint_set_enabled(endpoint, false);
	stop_jobs(endpoint, "the endpoint was removed");
	dbus_cert_remove_all(endpoint);
	dbus_endpoint_unexport(endpoint);
	list_remove(&endpoint->node);
	daemon->endpoint_count--;
	spdmd_release_dispatcher(daemon, endpoint->dispatcher);
	endpoint_free(endpoint);
	scheduler_pump(daemon);
}

struct endpoint *endpoint_find(struct spdmd *daemon, const char *name)
{
	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, node);

		if (strcmp(endpoint->name, name) == 0)
			return endpoint;
	}
	return NULL;
}

struct endpoint *endpoint_find_mctp(struct spdmd *daemon, uint32_t network,
				    uint8_t eid)
{
	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, node);

		if (endpoint->transport == LINK_TRANSPORT_AF_MCTP &&
		    endpoint->network == network && endpoint->eid == eid)
			return endpoint;
	}
	return NULL;
}

void endpoint_set_uuid(struct endpoint *endpoint, const char *uuid)
{
	char *copy;

	if (strcmp(endpoint->uuid, uuid) == 0)
		return;
	copy = strdup(uuid);
	if (!copy)
		return;
	free(endpoint->uuid);
	endpoint->uuid = copy;
	dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_UUID);
}

void endpoint_set_enabled(struct endpoint *endpoint, bool enabled)
{
	if (endpoint->enabled == enabled)
		return;
	endpoint->enabled = enabled;
	dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_ENABLED);
}

void endpoint_log_identity(const struct endpoint *endpoint,
			   struct log_endpoint *log_id)
{
	log_id->name = endpoint->name;
	log_id->network = endpoint->network;
	log_id->eid = endpoint->eid;
}
