// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bus.h"
#include "spdmctl.h"

/* One property spdmctl reads, and where it goes in spdmd_endpoint. */
struct property_field {
	const char *interface;
	const char *name;
	const char *signature; /* "s", "b", "t", "u" or "y" */
	size_t offset;
};

#define FIELD(iface, prop, sig, member)                                        \
	{                                                                      \
		iface, prop, sig, offsetof(struct spdmd_endpoint, member)      \
	}

static const struct property_field property_fields[] = {
    FIELD(COMPONENT_INTEGRITY_INTERFACE, "Enabled", "b", enabled),
    FIELD(COMPONENT_INTEGRITY_INTERFACE, "Type", "s", type),
    FIELD(COMPONENT_INTEGRITY_INTERFACE, "TypeVersion", "s", type_version),
    FIELD(COMPONENT_INTEGRITY_INTERFACE, "LastUpdated", "t", last_updated),
    FIELD(IDENTITY_AUTHENTICATION_INTERFACE, "ResponderVerificationStatus", "s",
	  verification_status),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Name", "s", name),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Network", "u", network),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "EID", "y", eid),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Transport", "s", transport),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Link", "s", link),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "UUID", "s", uuid),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "State", "s", state),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Reason", "s", reason),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Detail", "s", detail),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Version", "s", version),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "BaseAsymAlgo", "s", base_asym_algo),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "BaseHashAlgo", "s", base_hash_algo),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "MeasurementHashAlgo", "s",
	  measurement_hash_algo),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "Slot", "y", slot),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "CertChainDigest", "s", cert_chain_digest),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "TrustPolicy", "s", trust_policy),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "LastAttempt", "t", last_attempt),
    FIELD(SPDMD_ENDPOINT_INTERFACE, "AttestationCount", "t", attestation_count),
};

#define FIELD_COUNT (sizeof(property_fields) / sizeof(property_fields[0]))

int spdmctl_bus_open(const char *address, sd_bus **bus)
{
	int r;

	if (!address)
		return sd_bus_open_system(bus);

	r = sd_bus_new(bus);
	if (r < 0)
		return r;
	r = sd_bus_set_address(*bus, address);
	if (r >= 0)
		r = sd_bus_set_bus_client(*bus, 1);
	if (r >= 0)
		r = sd_bus_start(*bus);
	if (r < 0)
		*bus = sd_bus_unref(*bus);
	return r;
}

static const struct property_field *find_field(const char *interface,
					       const char *name)
{
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		if (strcmp(property_fields[i].interface, interface) == 0 &&
		    strcmp(property_fields[i].name, name) == 0)
			return &property_fields[i];
	}
	return NULL;
}

/* Reads the basic value of type field->signature into the endpoint. */
static int read_basic_value(sd_bus_message *m,
			    const struct property_field *field,
			    struct spdmd_endpoint *ep)
{
	void *target = (char *)ep + field->offset;
	const char *text;
	int boolean;
	int r;

	switch (field->signature[0]) {
	case 's':
		r = sd_bus_message_read_basic(m, 's', &text);
		if (r < 0)
			return r;
		free(*(char **)target);
		*(char **)target = strdup(text);
		return *(char **)target ? 0 : -ENOMEM;
	case 'b':
		r = sd_bus_message_read_basic(m, 'b', &boolean);
		if (r >= 0)
			*(bool *)target = boolean != 0;
		return r;
	default:
		return sd_bus_message_read_basic(m, field->signature[0],
						 target);
	}
}

static void clear_associations(struct spdmd_endpoint *ep)
{
	for (size_t i = 0; i < ep->association_count; i++) {
		free(ep->associations[i].forward);
		free(ep->associations[i].reverse);
		free(ep->associations[i].endpoint);
	}
	free(ep->associations);
	ep->associations = NULL;
	ep->association_count = 0;
}

static int append_association(struct spdmd_endpoint *ep, const char *forward,
			      const char *reverse, const char *endpoint)
{
	struct spdmd_association *grown;
	struct spdmd_association *entry;

	grown = realloc(ep->associations,
			(ep->association_count + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	ep->associations = grown;
	entry = &grown[ep->association_count];
	entry->forward = strdup(forward);
	entry->reverse = strdup(reverse);
	entry->endpoint = strdup(endpoint);
	ep->association_count++;
	if (!entry->forward || !entry->reverse || !entry->endpoint)
		return -ENOMEM;
	return 0;
}

/* Reads the a(sss) inside the variant of Associations. */
static int read_associations(sd_bus_message *m, struct spdmd_endpoint *ep)
{
	const char *forward, *reverse, *endpoint;
	int r;

	clear_associations(ep);
	r = sd_bus_message_enter_container(m, 'a', "(sss)");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_read(m, "(sss)", &forward, &reverse,
					&endpoint)) > 0) {
		r = append_association(ep, forward, reverse, endpoint);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

/*
 * Reads one {sv} entry of an interface's property dictionary. Properties
 * spdmctl does not use, and those whose type differs from the documented
 * one, are skipped.
 */
static int read_property(sd_bus_message *m, const char *interface,
			 struct spdmd_endpoint *ep)
{
	const struct property_field *field;
	const char *name;
	const char *contents;
	bool associations;
	int r;

	r = sd_bus_message_read_basic(m, 's', &name);
	if (r < 0)
		return r;
	r = sd_bus_message_peek_type(m, NULL, &contents);
	if (r < 0)
		return r;

	field = find_field(interface, name);
	associations = strcmp(interface, ASSOCIATION_INTERFACE) == 0 &&
		       strcmp(name, "Associations") == 0 &&
		       strcmp(contents, "a(sss)") == 0;
	if (!associations && (!field || strcmp(contents, field->signature)))
		return sd_bus_message_skip(m, "v");

	r = sd_bus_message_enter_container(m, 'v', contents);
	if (r < 0)
		return r;
	if (associations)
		r = read_associations(m, ep);
	else
		r = read_basic_value(m, field, ep);
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

static void note_interface(struct spdmd_endpoint *ep, const char *interface)
{
	if (strcmp(interface, COMPONENT_INTEGRITY_INTERFACE) == 0)
		ep->has_component_integrity = true;
	else if (strcmp(interface, IDENTITY_AUTHENTICATION_INTERFACE) == 0)
		ep->has_identity_authentication = true;
	else if (strcmp(interface, MEASUREMENT_SET_INTERFACE) == 0)
		ep->has_measurement_set = true;
	else if (strcmp(interface, SPDMD_ENDPOINT_INTERFACE) == 0)
		ep->has_endpoint_interface = true;
}

/* Reads the a{sa{sv}} of one object. */
static int read_interfaces(sd_bus_message *m, struct spdmd_endpoint *ep)
{
	const char *interface;
	int r;

	r = sd_bus_message_enter_container(m, 'a', "{sa{sv}}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(m, 'e', "sa{sv}")) > 0) {
		r = sd_bus_message_read_basic(m, 's', &interface);
		if (r < 0)
			return r;
		note_interface(ep, interface);

		r = sd_bus_message_enter_container(m, 'a', "{sv}");
		if (r < 0)
			return r;
		while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
			r = read_property(m, interface, ep);
			if (r >= 0)
				r = sd_bus_message_exit_container(m);
			if (r < 0)
				return r;
		}
		if (r < 0)
			return r;
		r = sd_bus_message_exit_container(m); /* a{sv} */
		if (r >= 0)
			r = sd_bus_message_exit_container(m); /* {sa{sv}} */
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(m);
}

static void clear_endpoint(struct spdmd_endpoint *ep)
{
	free(ep->path);
	free(ep->id);
	for (size_t i = 0; i < FIELD_COUNT; i++) {
		if (property_fields[i].signature[0] == 's')
			free(
			    *(char **)((char *)ep + property_fields[i].offset));
	}
	clear_associations(ep);
	memset(ep, 0, sizeof(*ep));
}

/* Reads one {oa{sa{sv}}} entry into a new element of list. */
static int read_object(sd_bus_message *m, struct spdmd_endpoint_list *list)
{
	struct spdmd_endpoint ep = {0};
	const char *path;
	const char *slash;
	int r;

	r = sd_bus_message_read_basic(m, 'o', &path);
	if (r < 0)
		return r;
	r = read_interfaces(m, &ep);
	if (r < 0 || !ep.has_component_integrity) {
		clear_endpoint(&ep);
		return r;
	}

	slash = strrchr(path, '/');
	ep.path = strdup(path);
	ep.id = strdup(slash ? slash + 1 : path);
	if (!ep.path || !ep.id) {
		clear_endpoint(&ep);
		return -ENOMEM;
	}
	list->endpoints[list->count++] = ep;
	return 0;
}

static int compare_endpoint_ids(const void *a, const void *b)
{
	const struct spdmd_endpoint *left = a;
	const struct spdmd_endpoint *right = b;

	return strcmp(left->id, right->id);
}

/* Counts the objects of a GetManagedObjects reply, then rewinds it. */
static int count_objects(sd_bus_message *reply, size_t *count)
{
	int r;

	*count = 0;
	r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_skip(reply, "{oa{sa{sv}}}")) > 0)
		(*count)++;
	if (r < 0)
		return r;
	return sd_bus_message_rewind(reply, true);
}

static int parse_managed_objects(sd_bus_message *reply,
				 struct spdmd_endpoint_list *list)
{
	size_t capacity;
	int r;

	r = count_objects(reply, &capacity);
	if (r < 0)
		return r;
	list->endpoints =
	    calloc(capacity ? capacity : 1, sizeof(*list->endpoints));
	if (!list->endpoints)
		return -ENOMEM;

	r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	if (r < 0)
		return r;
	while ((r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) >
	       0) {
		r = read_object(reply, list);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	return sd_bus_message_exit_container(reply);
}

int spdmd_read_endpoints(sd_bus *bus, struct spdmd_endpoint_list *list,
			 sd_bus_error *error)
{
	sd_bus_message *reply = NULL;
	int r;

	list->endpoints = NULL;
	list->count = 0;
	r = sd_bus_call_method(bus, SPDMD_SERVICE, SPDMD_ROOT_PATH,
			       "org.freedesktop.DBus.ObjectManager",
			       "GetManagedObjects", error, &reply, "");
	if (r < 0)
		return r;

	r = parse_managed_objects(reply, list);
	sd_bus_message_unref(reply);
	if (r < 0) {
		spdmd_endpoint_list_clear(list);
		return r;
	}
	qsort(list->endpoints, list->count, sizeof(*list->endpoints),
	      compare_endpoint_ids);
	return 0;
}

int spdmctl_fetch_endpoints(const char *command, const char *address,
			    struct spdmd_endpoint_list *list)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus *bus = NULL;
	int r;

	r = spdmctl_bus_open(address, &bus);
	if (r < 0)
		return spdmctl_bus_error(command, "connect to D-Bus", r, NULL);
	r = spdmd_read_endpoints(bus, list, &error);
	if (r < 0)
		spdmctl_bus_error(command, "read spdmd's objects", r, &error);
	sd_bus_error_free(&error);
	sd_bus_flush_close_unref(bus);
	return r < 0 ? SPDMCTL_EXIT_FAILED : 0;
}

void spdmd_endpoint_list_clear(struct spdmd_endpoint_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		clear_endpoint(&list->endpoints[i]);
	free(list->endpoints);
	list->endpoints = NULL;
	list->count = 0;
}

const struct spdmd_endpoint *
spdmd_find_endpoint(const struct spdmd_endpoint_list *list, const char *id)
{
	for (size_t i = 0; i < list->count; i++) {
		if (strcmp(list->endpoints[i].id, id) == 0)
			return &list->endpoints[i];
	}
	return NULL;
}

const char *spdmd_enum_value(const char *value)
{
	const char *dot;

	if (!value)
		return "";
	dot = strrchr(value, '.');
	return dot ? dot + 1 : value;
}

void spdmctl_format_time_ms(uint64_t ms, char *buf, size_t size)
{
	time_t seconds = (time_t)(ms / 1000);
	struct tm tm;
	char date[32];

	if (!gmtime_r(&seconds, &tm)) {
		snprintf(buf, size, "invalid time %llu ms",
			 (unsigned long long)ms);
		return;
	}
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s.%03u+00:00", date, (unsigned int)(ms % 1000));
}

int spdmctl_bus_error(const char *command, const char *action, int r,
		      const sd_bus_error *error)
{
	if (error && sd_bus_error_is_set(error))
		fprintf(stderr, "spdmctl %s: failed to %s: %s (%s)\n", command,
			action, error->message ? error->message : "no message",
			error->name);
	else
		fprintf(stderr, "spdmctl %s: failed to %s: %s\n", command,
			action, strerror(-r));
	return SPDMCTL_EXIT_FAILED;
}
