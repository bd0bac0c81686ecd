// SPDX-License-Identifier: BSD-3-Clause
/*
 * The phosphor-dbus-interfaces side of an endpoint object:
 * ComponentIntegrity, IdentityAuthentication, MeasurementSet and
 * Association.Definitions.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "dbus_objects.h"
#include "method.h"
#include "status.h"

#define SECURITY_TYPE_SPDM                                                     \
	"xyz.openbmc_project.Attestation.ComponentIntegrity."                  \
	"SecurityTechnologyType.SPDM"

static int get_enabled(sd_bus *bus, const char *path, const char *interface,
		       const char *property, sd_bus_message *reply,
		       void *userdata, sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	return sd_bus_message_append(reply, "b", endpoint->enabled);
}

static int get_type(sd_bus *bus, const char *path, const char *interface,
		    const char *property, sd_bus_message *reply, void *userdata,
		    sd_bus_error *error)
{
	return sd_bus_message_append(reply, "s", SECURITY_TYPE_SPDM);
}

static int get_type_version(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	char version[16];

	endpoint_version_string(userdata, version, sizeof(version));
	return sd_bus_message_append(reply, "s", version);
}

static int get_last_updated(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	return sd_bus_message_append(reply, "t",
				     endpoint->status.last_updated_ms);
}

static int get_verification(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	return sd_bus_message_append(
	    reply, "s",
	    verification_status_name(endpoint->status.verification));
}

static int append_association(sd_bus_message *reply, const char *forward,
			      const char *reverse, const char *path)
{
	if (!path || !*path)
		return 0;
	return sd_bus_message_append(reply, "(sss)", forward, reverse, path);
}

static int get_associations(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;
	const struct cert_object *cert = endpoint->certs[endpoint->slot];
	int ret;

	ret = sd_bus_message_open_container(reply, 'a', "(sss)");
	if (ret >= 0)
		ret =
		    append_association(reply, "authenticating",
				       "authenticated_by", endpoint->inventory);
	if (ret >= 0)
		ret = append_association(reply, "reporting", "reported_by",
					 endpoint->trusted_component);
	if (ret >= 0 && cert)
		ret = append_association(reply, "responder_identified_by",
					 "identifying_responder", cert->path);
	if (ret >= 0)
		ret = sd_bus_message_close_container(reply);
	return ret;
}

#define EMITS SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE
#define CONST SD_BUS_VTABLE_PROPERTY_CONST

static const sd_bus_vtable component_integrity_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Enabled", "b", get_enabled, 0, EMITS),
    SD_BUS_PROPERTY("Type", "s", get_type, 0, CONST),
    SD_BUS_PROPERTY("TypeVersion", "s", get_type_version, 0, EMITS),
    SD_BUS_PROPERTY("LastUpdated", "t", get_last_updated, 0, EMITS),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable identity_authentication_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("ResponderVerificationStatus", "s", get_verification, 0,
		    EMITS),
    SD_BUS_VTABLE_END,
};

/* PDI declares the indices and slot as size: the width follows size_t. */
#define MEASUREMENT_IN_SIGNATURE (sizeof(size_t) == 8 ? "atst" : "ausu")

static const sd_bus_vtable measurement_set_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD_WITH_NAMES(
	"SPDMGetSignedMeasurements", MEASUREMENT_IN_SIGNATURE,
	"MeasurementIndices\0Nonce\0SlotId\0", "osssss",
	"Certificate\0HashingAlgorithm\0PublicKey\0"
	"SignedMeasurements\0SigningAlgorithm\0"
	"Version\0",
	method_get_signed_measurements, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable associations_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Associations", "a(sss)", get_associations, 0, EMITS),
    SD_BUS_VTABLE_END,
};

static const struct {
	const char *interface;
	const sd_bus_vtable *vtable;
} endpoint_interfaces[] = {
    {DBUS_COMPONENT_INTEGRITY, component_integrity_vtable},
    {DBUS_IDENTITY_AUTHENTICATION, identity_authentication_vtable},
    {DBUS_MEASUREMENT_SET, measurement_set_vtable},
    {DBUS_ASSOCIATIONS, associations_vtable},
    {DBUS_PROJECT_ENDPOINT, dbus_project_vtable},
};

int dbus_endpoint_export(struct endpoint *endpoint)
{
	sd_bus *bus = endpoint->daemon->bus;
	size_t count =
	    sizeof(endpoint_interfaces) / sizeof(endpoint_interfaces[0]);
	int ret;

	for (size_t i = 0; i < count; i++) {
		ret = sd_bus_add_object_vtable(
		    bus, &endpoint->vtable_slots[i], endpoint->path,
		    endpoint_interfaces[i].interface,
		    endpoint_interfaces[i].vtable, endpoint);
		if (ret < 0) {
			dbus_endpoint_unexport(endpoint);
			return ret;
		}
	}
	endpoint->exported = true;
	if (endpoint->daemon->running)
		sd_bus_emit_object_added(bus, endpoint->path);
	return 0;
}

void dbus_endpoint_unexport(struct endpoint *endpoint)
{
	size_t count =
	    sizeof(endpoint->vtable_slots) / sizeof(endpoint->vtable_slots[0]);

	if (endpoint->exported && !endpoint->daemon->stopping)
		sd_bus_emit_object_removed(endpoint->daemon->bus,
					   endpoint->path);
	for (size_t i = 0; i < count; i++)
		endpoint->vtable_slots[i] =
		    sd_bus_slot_unref(endpoint->vtable_slots[i]);
	endpoint->exported = false;
}

static void emit(struct endpoint *endpoint, const char *interface, char **names)
{
	int ret;

	ret = sd_bus_emit_properties_changed_strv(
	    endpoint->daemon->bus, endpoint->path, interface, names);
	if (ret < 0)
		log_message(LOG_DEBUG, "%s: PropertiesChanged on %s failed: %s",
			    endpoint->path, interface, strerror(-ret));
}

void dbus_endpoint_emit_changes(struct endpoint *endpoint, unsigned int changes)
{
	static char *integrity[] = {"Enabled", "TypeVersion", "LastUpdated",
				    NULL};
	static char *identity[] = {"ResponderVerificationStatus", NULL};
	static char *associations[] = {"Associations", NULL};
	static char *enabled[] = {"Enabled", NULL};

	/* At exit sd-bus has already closed the connection. */
	if (!endpoint->exported || endpoint->daemon->stopping)
		return;
	if (changes & ENDPOINT_CHANGED_RESULT) {
		emit(endpoint, DBUS_COMPONENT_INTEGRITY, integrity);
		emit(endpoint, DBUS_IDENTITY_AUTHENTICATION, identity);
	} else if (changes & ENDPOINT_CHANGED_ENABLED) {
		emit(endpoint, DBUS_COMPONENT_INTEGRITY, enabled);
	}
	if (changes & ENDPOINT_CHANGED_CERTS)
		emit(endpoint, DBUS_ASSOCIATIONS, associations);
	dbus_project_emit_changes(endpoint, changes);
}
