/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The attestation queue: endpoints wait in order, and at most
 * max-concurrent attestations run at once. A slow device takes one slot
 * and delays no other endpoint.
 */
#ifndef SPDMD_SCHEDULER_H
#define SPDMD_SCHEDULER_H

#include "daemon.h"

/* Starts queued attestations while slots are free. */
void scheduler_pump(struct spdmd *daemon);

#endif /* SPDMD_SCHEDULER_H */
