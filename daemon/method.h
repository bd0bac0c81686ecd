/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MeasurementSet.SPDMGetSignedMeasurements. The arguments are checked at
 * once. Then a fresh requester runs on the event loop, never blocking it,
 * and the reply is sent when it ends. A timer fails the call
 * METHOD_DEADLINE_MS after it arrived if the device has not finished.
 */
#ifndef SPDMD_METHOD_H
#define SPDMD_METHOD_H

#include <stdbool.h>

#include <systemd/sd-bus.h>

#include "endpoint.h"

/*
 * The reply goes out this long after the call at the latest. sd-bus
 * callers time out after 25 s by default and bmcweb waits for the reply,
 * so 18 s leaves room for a queue in front of the device.
 */
#define METHOD_DEADLINE_MS 18000
/*
 * Calls that may wait for one endpoint behind the running one; more are
 * rejected at once, so a client that floods an endpoint cannot make
 * spdmd hold memory and timers without bound (docs/limits.md). A device
 * answers a few calls a second, so a longer queue would only end in
 * METHOD_DEADLINE_MS errors.
 */
#define METHOD_MAX_WAITING 64

int method_get_signed_measurements(sd_bus_message *message, void *userdata,
				   sd_bus_error *error);
/* Starts the endpoint's oldest waiting call; returns false if none. */
bool method_start_next(struct endpoint *endpoint);
/* Fails every call of the endpoint, running or waiting, with reason. */
void method_fail_all(struct endpoint *endpoint, const char *reason);

#endif /* SPDMD_METHOD_H */
