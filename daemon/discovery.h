/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Discovery of SPDM endpoints from mctpd on D-Bus, for both mctpd 2.x
 * (au.com.codeconstruct.MCTP1) and older releases
 * (xyz.openbmc_project.MCTP). spdmd subscribes to InterfacesAdded and
 * InterfacesRemoved first, then reads the current objects with
 * GetManagedObjects, and reads them again whenever the service gets a new
 * owner, so mctpd may start after spdmd or restart.
 */
#ifndef SPDMD_DISCOVERY_H
#define SPDMD_DISCOVERY_H

#include "daemon.h"

int discovery_start(struct spdmd *daemon, struct discovery **out);
void discovery_free(struct discovery *discovery);

#endif /* SPDMD_DISCOVERY_H */
