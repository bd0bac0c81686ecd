// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discovery.h"
#include "discovery_endpoints.h"
#include "discovery_parse.h"
#include "log.h"

#define OBJECT_MANAGER "org.freedesktop.DBus.ObjectManager"

/* The two ways mctpd appears on D-Bus. */
static const struct mctpd_service mctpd_services[DISCOVERY_SERVICE_COUNT] = {
    {
	.name = "au.com.codeconstruct.MCTP1",
	.root = "/au/com/codeconstruct/mctp1",
	.prefix = "/au/com/codeconstruct/mctp1/",
    },
    {
	.name = "xyz.openbmc_project.MCTP",
	.root = "/xyz/openbmc_project/mctp",
	.prefix = "/xyz/openbmc_project/mctp/",
    },
};

struct discovery {
	struct spdmd *daemon;
	struct discovery_service services[DISCOVERY_SERVICE_COUNT];
};

static bool from_owner(const struct discovery_service *service,
		       sd_bus_message *message)
{
	const char *sender = sd_bus_message_get_sender(message);

	/* Until the owner is known, trust the path match. */
	return !service->owner[0] || !sender ||
	       strcmp(sender, service->owner) == 0;
}

static int on_interfaces_added(sd_bus_message *message, void *userdata,
			       sd_bus_error *error)
{
	struct discovery_service *service = userdata;
	struct mctp_object object;
	const char *path;
	int ret;

	if (!from_owner(service, message))
		return 0;
	ret = sd_bus_message_read_basic(message, 'o', &path);
	if (ret >= 0)
		ret = discovery_read_interfaces(message, &object);
	if (ret < 0) {
		log_message(LOG_WARNING, "%s: malformed InterfacesAdded: %s",
			    service->config->name, strerror(-ret));
		return 0;
	}
	discovery_object_added(service, path, &object);
	return 0;
}

static int on_interfaces_removed(sd_bus_message *message, void *userdata,
				 sd_bus_error *error)
{
	struct discovery_service *service = userdata;
	const char *path;
	char **interfaces = NULL;
	int ret;

	if (!from_owner(service, message))
		return 0;
	ret = sd_bus_message_read_basic(message, 'o', &path);
	if (ret >= 0)
		ret = sd_bus_message_read_strv(message, &interfaces);
	if (ret < 0) {
		log_message(LOG_WARNING, "%s: malformed InterfacesRemoved: %s",
			    service->config->name, strerror(-ret));
		return 0;
	}
	for (char **name = interfaces; *name; name++)
		if (strcmp(*name, MCTP_ENDPOINT_INTERFACE) == 0)
			discovery_object_removed(service, path);
	for (char **name = interfaces; *name; name++)
		free(*name);
	free(interfaces);
	return 0;
}

/* Reads the a{oa{sa{sv}}} of GetManagedObjects. */
static int read_managed_objects(struct discovery_service *service,
				sd_bus_message *reply)
{
	int ret;

	ret = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	while (ret >= 0) {
		struct mctp_object object;
		const char *path;

		ret = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}");
		if (ret <= 0)
			break;
		ret = sd_bus_message_read_basic(reply, 'o', &path);
		if (ret >= 0)
			ret = discovery_read_interfaces(reply, &object);
		if (ret >= 0)
			ret = sd_bus_message_exit_container(reply);
		if (ret >= 0)
			discovery_object_added(service, path, &object);
	}
	return ret;
}

static int on_managed_objects(sd_bus_message *reply, void *userdata,
			      sd_bus_error *error)
{
	struct discovery_service *service = userdata;
	const sd_bus_error *call_error = sd_bus_message_get_error(reply);
	const char *sender = sd_bus_message_get_sender(reply);
	int ret;

	service->call = sd_bus_slot_unref(service->call);
	if (call_error) {
		/* Usually ServiceUnknown: mctpd is not running (yet). */
		log_message(LOG_DEBUG, "%s: GetManagedObjects failed: %s",
			    service->config->name, call_error->message);
		return 0;
	}
	if (sender)
		snprintf(service->owner, sizeof(service->owner), "%s", sender);
	service->generation++;
	ret = read_managed_objects(service, reply);
	if (ret < 0) {
		log_message(LOG_WARNING,
			    "%s: malformed GetManagedObjects reply: %s",
			    service->config->name, strerror(-ret));
		return 0;
	}
	log_message(LOG_INFO, "%s: read the endpoints of %s",
		    service->config->name, service->owner);
	discovery_remove_stale(service);
	return 0;
}

static void catch_up(struct discovery_service *service)
{
	int ret;

	service->call = sd_bus_slot_unref(service->call);
	ret = sd_bus_call_method_async(
	    service->daemon->bus, &service->call, service->config->name,
	    service->config->root, OBJECT_MANAGER, "GetManagedObjects",
	    on_managed_objects, service, NULL);
	if (ret < 0)
		log_message(LOG_WARNING,
			    "%s: failed to call GetManagedObjects: "
			    "%s",
			    service->config->name, strerror(-ret));
}

static int on_owner_changed(sd_bus_message *message, void *userdata,
			    sd_bus_error *error)
{
	struct discovery_service *service = userdata;
	const char *name, *old_owner, *new_owner;

	if (sd_bus_message_read(message, "sss", &name, &old_owner, &new_owner) <
	    0)
		return 0;
	if (!*new_owner) {
		log_message(LOG_NOTICE,
			    "%s left the bus; its endpoints stay until it "
			    "returns",
			    service->config->name);
		service->owner[0] = '\0';
		return 0;
	}
	log_message(LOG_INFO, "%s is on the bus as %s", service->config->name,
		    new_owner);
	snprintf(service->owner, sizeof(service->owner), "%s", new_owner);
	catch_up(service);
	return 0;
}

static int add_match(struct discovery_service *service, sd_bus_slot **slot,
		     const char *rule, sd_bus_message_handler_t handler)
{
	int ret;

	ret = sd_bus_add_match(service->daemon->bus, slot, rule, handler,
			       service);
	if (ret < 0)
		log_message(LOG_ERR, "failed to add the D-Bus match %s: %s",
			    rule, strerror(-ret));
	return ret;
}

/* Subscribes to one mctpd service; the matches do not name a sender. */
static int watch_service(struct discovery_service *service)
{
	const struct mctpd_service *config = service->config;
	char rule[512];
	int ret;

	snprintf(rule, sizeof(rule),
		 "type='signal',interface='" OBJECT_MANAGER "',"
		 "member='InterfacesAdded',arg0path='%s'",
		 config->prefix);
	ret = add_match(service, &service->added, rule, on_interfaces_added);
	if (ret < 0)
		return ret;
	snprintf(rule, sizeof(rule),
		 "type='signal',interface='" OBJECT_MANAGER "',"
		 "member='InterfacesRemoved',arg0path='%s'",
		 config->prefix);
	ret =
	    add_match(service, &service->removed, rule, on_interfaces_removed);
	if (ret < 0)
		return ret;
	snprintf(rule, sizeof(rule),
		 "type='signal',sender='org.freedesktop.DBus',"
		 "path='/org/freedesktop/DBus',"
		 "interface='org.freedesktop.DBus',member='NameOwnerChanged',"
		 "arg0='%s'",
		 config->name);
	ret =
	    add_match(service, &service->owner_changed, rule, on_owner_changed);
	if (ret < 0)
		return ret;
	catch_up(service);
	return 0;
}

int discovery_start(struct spdmd *daemon, struct discovery **out)
{
	struct discovery *discovery = calloc(1, sizeof(*discovery));
	int ret = 0;

	if (!discovery)
		return -ENOMEM;
	discovery->daemon = daemon;
	for (size_t i = 0; i < DISCOVERY_SERVICE_COUNT && ret == 0; i++) {
		discovery->services[i].daemon = daemon;
		discovery->services[i].config = &mctpd_services[i];
		ret = watch_service(&discovery->services[i]);
	}
	if (ret < 0) {
		discovery_free(discovery);
		return ret;
	}
	*out = discovery;
	return 0;
}

void discovery_free(struct discovery *discovery)
{
	if (!discovery)
		return;
	for (size_t i = 0; i < DISCOVERY_SERVICE_COUNT; i++) {
		struct discovery_service *service = &discovery->services[i];

		sd_bus_slot_unref(service->added);
		sd_bus_slot_unref(service->removed);
		sd_bus_slot_unref(service->owner_changed);
		sd_bus_slot_unref(service->call);
	}
	free(discovery);
}
