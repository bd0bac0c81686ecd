// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spdm/wire.h>

#include "discovery_parse.h"

/*
 * Enters a variant that contains type. Returns 1 when entered, 0 when the
 * variant contains another type (it is skipped), or a negative errno.
 */
static int enter_variant(sd_bus_message *message, const char *type)
{
	const char *contents;
	int ret;

	ret = sd_bus_message_peek_type(message, NULL, &contents);
	if (ret < 0)
		return ret;
	if (strcmp(contents, type) != 0) {
		ret = sd_bus_message_skip(message, "v");
		return ret < 0 ? ret : 0;
	}
	ret = sd_bus_message_enter_container(message, 'v', type);
	return ret < 0 ? ret : 1;
}

static int read_message_types(sd_bus_message *message,
			      struct mctp_object *object)
{
	const void *types;
	size_t count;
	int ret;

	ret = enter_variant(message, "ay");
	if (ret <= 0)
		return ret;
	ret = sd_bus_message_read_array(message, 'y', &types, &count);
	if (ret < 0)
		return ret;
	object->spdm = memchr(types, MCTP_MSG_TYPE_SPDM, count) != NULL;
	return sd_bus_message_exit_container(message);
}

static int read_basic_variant(sd_bus_message *message, char type, void *value,
			      bool *present)
{
	const char signature[2] = {type, '\0'};
	int ret;

	ret = enter_variant(message, signature);
	if (ret <= 0)
		return ret;
	ret = sd_bus_message_read_basic(message, type, value);
	if (ret < 0)
		return ret;
	*present = true;
	return sd_bus_message_exit_container(message);
}

static int read_uuid(sd_bus_message *message, struct mctp_object *object)
{
	const char *uuid = NULL;
	bool present = false;
	int ret;

	ret = read_basic_variant(message, 's', &uuid, &present);
	if (ret < 0 || !present)
		return ret;
	/* An oversized UUID is not one: treat it as absent. */
	if (strlen(uuid) >= sizeof(object->uuid))
		return 0;
	snprintf(object->uuid, sizeof(object->uuid), "%s", uuid);
	object->has_uuid = true;
	return 0;
}

static int read_property(sd_bus_message *message, const char *interface,
			 const char *name, struct mctp_object *object)
{
	if (strcmp(interface, MCTP_ENDPOINT_INTERFACE) == 0) {
		if (strcmp(name, "NetworkId") == 0)
			return read_basic_variant(message, 'u',
						  &object->network,
						  &object->has_network);
		if (strcmp(name, "EID") == 0)
			return read_basic_variant(message, 'y', &object->eid,
						  &object->has_eid);
		if (strcmp(name, "SupportedMessageTypes") == 0)
			return read_message_types(message, object);
	}
	if (strcmp(interface, MCTP_UUID_INTERFACE) == 0 &&
	    strcmp(name, "UUID") == 0)
		return read_uuid(message, object);
	return sd_bus_message_skip(message, "v");
}

/* Reads one a{sv} of the named interface. */
static int read_properties(sd_bus_message *message, const char *interface,
			   struct mctp_object *object)
{
	int ret;

	ret = sd_bus_message_enter_container(message, 'a', "{sv}");
	if (ret < 0)
		return ret;
	for (;;) {
		const char *name;

		ret = sd_bus_message_enter_container(message, 'e', "sv");
		if (ret <= 0)
			break;
		ret = sd_bus_message_read_basic(message, 's', &name);
		if (ret >= 0)
			ret = read_property(message, interface, name, object);
		if (ret >= 0)
			ret = sd_bus_message_exit_container(message);
		if (ret < 0)
			return ret;
	}
	if (ret < 0)
		return ret;
	return sd_bus_message_exit_container(message);
}

int discovery_read_interfaces(sd_bus_message *message,
			      struct mctp_object *object)
{
	int ret;

	memset(object, 0, sizeof(*object));
	ret = sd_bus_message_enter_container(message, 'a', "{sa{sv}}");
	if (ret < 0)
		return ret;
	for (;;) {
		const char *interface;

		ret = sd_bus_message_enter_container(message, 'e', "sa{sv}");
		if (ret <= 0)
			break;
		ret = sd_bus_message_read_basic(message, 's', &interface);
		if (ret >= 0 && strcmp(interface, MCTP_ENDPOINT_INTERFACE) == 0)
			object->has_endpoint = true;
		if (ret >= 0)
			ret = read_properties(message, interface, object);
		if (ret >= 0)
			ret = sd_bus_message_exit_container(message);
		if (ret < 0)
			return ret;
	}
	if (ret < 0)
		return ret;
	return sd_bus_message_exit_container(message);
}
