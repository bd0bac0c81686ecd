/* SPDX-License-Identifier: BSD-3-Clause */
/* The one place where internal errors become D-Bus errors. */
#ifndef SPDMD_DBUS_ERRORS_H
#define SPDMD_DBUS_ERRORS_H

#include <systemd/sd-bus.h>

#define DBUS_ERROR_INVALID_ARGUMENT                                            \
	"xyz.openbmc_project.Common.Error.InvalidArgument"
#define DBUS_ERROR_INTERNAL_FAILURE                                            \
	"xyz.openbmc_project.Common.Error.InternalFailure"

/* Returns the D-Bus error name for a negative errno. */
const char *dbus_error_name(int error);

/*
 * Replies to call with the D-Bus error for a negative errno. -EINVAL is
 * InvalidArgument, a caller's mistake. Every other errno is
 * InternalFailure, including a device that failed or did not respond.
 * message is the text the caller receives. Returns what sd-bus returned.
 */
int dbus_reply_error(sd_bus_message *call, int error, const char *message);

#endif /* SPDMD_DBUS_ERRORS_H */
