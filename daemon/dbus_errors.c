// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>

#include "dbus_errors.h"

const char *dbus_error_name(int error)
{
	if (error == -EINVAL)
		return DBUS_ERROR_INVALID_ARGUMENT;
	return DBUS_ERROR_INTERNAL_FAILURE;
}

int dbus_reply_error(sd_bus_message *call, int error, const char *message)
{
	return sd_bus_reply_method_errorf(call, dbus_error_name(error), "%s",
					  message);
}
