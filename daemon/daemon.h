/* SPDX-License-Identifier: BSD-3-Clause */
/* The daemon's state: event loop, bus, configuration and endpoints. */
#ifndef SPDMD_DAEMON_H
#define SPDMD_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "config.h"
#include "dispatcher.h"
#include "list.h"
#include "trust.h"

#define SPDMD_BUS_NAME	      "xyz.openbmc_project.spdmd"
#define SPDMD_ROOT_PATH	      "/xyz/openbmc_project/component_integrity"
#define SPDMD_CERTS_ROOT_PATH "/xyz/openbmc_project/certs"
#define SPDMD_CERTS_PATH      "/xyz/openbmc_project/certs/devices"
/* Endpoints at once, configured and discovered together. */
#define SPDMD_MAX_ENDPOINTS 1024
/* The one link of every AF_MCTP endpoint, whatever its network. */
#define SPDMD_AF_MCTP_LINK "mctp:"

struct discovery;

struct spdmd {
	sd_event *event;
	sd_bus *bus;
	struct spdmd_config config;
	const char *state_dir;
	struct trust trust;
	/* The link seam; tests replace the socket calls of mctp: links. */
	const struct link_ops *link_ops;
	const struct mctp_socket_ops *socket_ops;

	struct list_node endpoints;
	size_t endpoint_count;
	struct list_node dispatchers;

	/* Endpoints that wait for an attestation slot, in order. */
	struct list_node attest_queue;
	unsigned int attestations_running;

	struct discovery *discovery;
	sd_bus_slot *manager_slot;
	sd_bus_slot *certs_manager_slot;
	/* Set once the start-up objects are exported: later ones announce. */
	bool running;
	bool stopping;
};

/* Returns the time in milliseconds since the Unix epoch. */
uint64_t spdmd_now_ms(void);

/*
 * Returns the dispatcher of a link spec, creating it on first use. Each
 * call takes a reference that spdmd_release_dispatcher() drops.
 */
int spdmd_get_dispatcher(struct spdmd *daemon, const char *spec,
			 uint8_t local_eid, struct dispatcher **out);
void spdmd_release_dispatcher(struct spdmd *daemon,
			      struct dispatcher *dispatcher);

#endif /* SPDMD_DAEMON_H */
