/* SPDX-License-Identifier: BSD-3-Clause */
/* Turning mctpd's endpoint objects into spdmd endpoints and back. */
#ifndef SPDMD_DISCOVERY_ENDPOINTS_H
#define SPDMD_DISCOVERY_ENDPOINTS_H

#include <systemd/sd-bus.h>

#include "daemon.h"
#include "discovery_parse.h"

#define DISCOVERY_SERVICE_COUNT 2

struct mctpd_service {
	const char *name;   /* well-known bus name */
	const char *root;   /* ObjectManager path */
	const char *prefix; /* its endpoint objects start with this */
};

struct discovery_service {
	struct spdmd *daemon;
	const struct mctpd_service *config;
	/* The unique name of the current owner, or "" when unknown. */
	char owner[256];
	/* Counts GetManagedObjects replies, to find endpoints that went. */
	unsigned int generation;
	sd_bus_slot *added;
	sd_bus_slot *removed;
	sd_bus_slot *owner_changed;
	sd_bus_slot *call;
};

/* Adds or refreshes the endpoint of an mctpd object that speaks SPDM. */
void discovery_object_added(struct discovery_service *service, const char *path,
			    const struct mctp_object *object);
/* Removes the endpoint of an mctpd object (configured ones stay). */
void discovery_object_removed(struct discovery_service *service,
			      const char *path);
/* Removes endpoints of the service that its last catch-up did not list. */
void discovery_remove_stale(struct discovery_service *service);

#endif /* SPDMD_DISCOVERY_ENDPOINTS_H */
