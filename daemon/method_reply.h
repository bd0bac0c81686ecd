/* SPDX-License-Identifier: BSD-3-Clause */
/* The reply of SPDMGetSignedMeasurements, built from a requester result. */
#ifndef SPDMD_METHOD_REPLY_H
#define SPDMD_METHOD_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <systemd/sd-bus.h>

#include <spdm/requester.h>

#include "endpoint.h"

/*
 * Checks the result (slot provisioned, verdict passed, signed
 * measurements present), publishes a chain read on the way as the slot's
 * certificate object, and sends the method reply. Returns 0 when the
 * reply went out, or a negative errno and the text of the error reply.
 */
int method_reply_send(struct endpoint *endpoint, sd_bus_message *call,
		      uint8_t slot, bool pinned_flow,
		      const struct spdm_result *result, char *text,
		      size_t text_size);

#endif /* SPDMD_METHOD_REPLY_H */
