// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <string.h>

#include "attest.h"
#include "dbus_objects.h"
#include "endpoint.h"
#include "method.h"
#include "scheduler.h"

/* Starts the attestation of a dequeued endpoint, if its link is up. */
static void start_attestation(struct endpoint *endpoint)
{
	struct log_endpoint log_id;
	int ret;

	endpoint->attestation_requested = false;
	if (!dispatcher_is_up(endpoint->dispatcher)) {
		/* It is attested again when the link comes back. */
		attest_mark_link_down(endpoint);
		return;
	}
	ret = attest_start(endpoint);
	if (ret < 0) {
		endpoint_log_identity(endpoint, &log_id);
		log_endpoint_message(LOG_ERR, &log_id,
				     "failed to start an attestation: %s",
				     strerror(-ret));
	}
}

void scheduler_pump(struct spdmd *daemon)
{
	struct list_node *node = daemon->attest_queue.next;

	while (node != &daemon->attest_queue && !daemon->stopping &&
	       daemon->attestations_running < daemon->config.max_concurrent) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, queue_node);

		node = node->next;
		/* Busy with a method call: it keeps its place. */
		if (endpoint->job != ENDPOINT_JOB_NONE ||
		    !list_empty(&endpoint->method_calls))
			continue;
		list_remove(&endpoint->queue_node);
		start_attestation(endpoint);
	}
}

void endpoint_request_attestation(struct endpoint *endpoint)
{
	if (!endpoint->enabled || endpoint->daemon->stopping)
		return;
	endpoint->attestation_requested = true;
	if (!list_linked(&endpoint->queue_node))
		list_add_tail(&endpoint->daemon->attest_queue,
			      &endpoint->queue_node);
	if (endpoint->job == ENDPOINT_JOB_NONE &&
	    endpoint->status.state != ENDPOINT_ATTESTING) {
		endpoint->status.state = ENDPOINT_ATTESTING;
		dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_STATE);
	}
	scheduler_pump(endpoint->daemon);
}

void endpoint_run_next_job(struct endpoint *endpoint)
{
	if (endpoint->job == ENDPOINT_JOB_NONE && !endpoint->daemon->stopping)
		method_start_next(endpoint);
	scheduler_pump(endpoint->daemon);
}
