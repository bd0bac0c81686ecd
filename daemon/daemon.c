// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attest.h"
#include "daemon.h"
#include "endpoint.h"

uint64_t spdmd_now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000;
}

static void on_link_state(struct dispatcher *dispatcher, bool up,
			  void *userdata)
{
	struct spdmd *daemon = userdata;

	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next) {
		struct endpoint *endpoint =
		    container_of(node, struct endpoint, node);

		if (endpoint->dispatcher != dispatcher)
			continue;
		if (up)
			endpoint_request_attestation(endpoint);
		else if (endpoint->job == ENDPOINT_JOB_NONE)
			attest_mark_link_down(endpoint);
	}
}

static struct dispatcher *find_dispatcher(struct spdmd *daemon,
					  const char *spec)
{
	for (struct list_node *node = daemon->dispatchers.next;
	     node != &daemon->dispatchers; node = node->next) {
		struct dispatcher *dispatcher =
		    container_of(node, struct dispatcher, node);

		if (strcmp(dispatcher->spec, spec) == 0)
			return dispatcher;
	}
	return NULL;
}

int spdmd_get_dispatcher(struct spdmd *daemon, const char *spec,
			 uint8_t local_eid, struct dispatcher **out)
{
	struct dispatcher_config config = {
	    .spec = spec,
	    .local_eid = local_eid,
	    .ops = daemon->link_ops,
	    .socket_ops = daemon->socket_ops,
	    .on_state = on_link_state,
	    .userdata = daemon,
	};
	struct dispatcher *dispatcher = find_dispatcher(daemon, spec);
	int ret;

	if (!dispatcher) {
		ret = dispatcher_new(daemon->event, &config, &dispatcher);
		if (ret < 0)
			return ret;
		list_add_tail(&daemon->dispatchers, &dispatcher->node);
	}
	dispatcher->users++;
	*out = dispatcher;
	return 0;
}

void spdmd_release_dispatcher(struct spdmd *daemon,
			      struct dispatcher *dispatcher)
{
	if (--dispatcher->users == 0)
		dispatcher_free(dispatcher);
}
