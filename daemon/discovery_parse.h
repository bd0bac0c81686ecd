/* SPDX-License-Identifier: BSD-3-Clause */
/* Reading mctpd's endpoint objects out of ObjectManager messages. */
#ifndef SPDMD_DISCOVERY_PARSE_H
#define SPDMD_DISCOVERY_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-bus.h>

#define MCTP_ENDPOINT_INTERFACE "xyz.openbmc_project.MCTP.Endpoint"
#define MCTP_UUID_INTERFACE	"xyz.openbmc_project.Common.UUID"
#define MCTP_UUID_SIZE		64

/* The properties of one mctpd object that spdmd uses. */
struct mctp_object {
	bool has_endpoint; /* the object has the Endpoint interface */
	bool has_network;
	uint32_t network;
	bool has_eid;
	uint8_t eid;
	bool spdm; /* SupportedMessageTypes includes 0x05 */
	bool has_uuid;
	char uuid[MCTP_UUID_SIZE];
};

/*
 * Reads an a{sa{sv}} (interfaces and their properties) at the message's
 * read position into object. Unknown interfaces and properties, and
 * properties of an unexpected type, are skipped.
 */
int discovery_read_interfaces(sd_bus_message *message,
			      struct mctp_object *object);

#endif /* SPDMD_DISCOVERY_PARSE_H */
