// SPDX-License-Identifier: BSD-3-Clause
/* io.github.spdmd.Endpoint1: what an operator needs beyond the PDI view. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spdm/messages.h>

#include "dbus_objects.h"
#include "status.h"

static const char *algo_name(uint32_t bits, const char *(*name)(uint32_t))
{
	return bits ? name(bits) : "";
}

/* Returns the value of the string property named property. */
static const char *string_property(const struct endpoint *endpoint,
				   const char *property, char *buffer,
				   size_t size)
{
	const struct endpoint_status *status = &endpoint->status;

	if (strcmp(property, "Name") == 0)
		return endpoint->name;
	if (strcmp(property, "Transport") == 0)
		return link_transport_name(endpoint->transport);
	if (strcmp(property, "Link") == 0)
		return endpoint->link_spec;
	if (strcmp(property, "UUID") == 0)
		return endpoint->uuid;
	if (strcmp(property, "State") == 0)
		return endpoint_state_name(status->state);
	if (strcmp(property, "Reason") == 0)
		return spdm_reason_name(status->reason);
	if (strcmp(property, "Detail") == 0)
		return status->detail;
	if (strcmp(property, "BaseAsymAlgo") == 0)
		return algo_name(status->base_asym_algo, spdm_asym_algo_name);
	if (strcmp(property, "BaseHashAlgo") == 0)
		return algo_name(status->base_hash_algo, spdm_hash_algo_name);
	if (strcmp(property, "MeasurementHashAlgo") == 0)
		return algo_name(status->measurement_hash_algo,
				 spdm_measurement_hash_algo_name);
	if (strcmp(property, "TrustPolicy") == 0)
		return endpoint->daemon->config.trust_policy ==
			       TRUST_POLICY_TOFU
			   ? "tofu"
			   : "anchored";
	if (strcmp(property, "Version") == 0) {
		endpoint_version_string(endpoint, buffer, size);
		return buffer;
	}
	/* CertChainDigest: lowercase hex. */
	buffer[0] = '\0';
	for (size_t i = 0; i < status->chain_digest_size && 2 * i + 2 < size;
	     i++)
		snprintf(buffer + 2 * i, 3, "%02x", status->chain_digest[i]);
	return buffer;
}

static int get_string(sd_bus *bus, const char *path, const char *interface,
		      const char *property, sd_bus_message *reply,
		      void *userdata, sd_bus_error *error)
{
	char buffer[2 * SPDM_MAX_HASH_SIZE + 1];

	return sd_bus_message_append(
	    reply, "s",
	    string_property(userdata, property, buffer, sizeof(buffer)));
}

static int get_byte(sd_bus *bus, const char *path, const char *interface,
		    const char *property, sd_bus_message *reply, void *userdata,
		    sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	if (strcmp(property, "EID") == 0)
		return sd_bus_message_append(reply, "y", endpoint->eid);
	return sd_bus_message_append(reply, "y", endpoint->slot);
}

static int get_network(sd_bus *bus, const char *path, const char *interface,
		       const char *property, sd_bus_message *reply,
		       void *userdata, sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	return sd_bus_message_append(reply, "u", endpoint->network);
}

static int get_counter(sd_bus *bus, const char *path, const char *interface,
		       const char *property, sd_bus_message *reply,
		       void *userdata, sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;

	if (strcmp(property, "LastAttempt") == 0)
		return sd_bus_message_append(reply, "t",
					     endpoint->status.last_attempt_ms);
	return sd_bus_message_append(reply, "t",
				     endpoint->status.attestation_count);
}

static int append_block(sd_bus_message *reply,
			const struct published_block *block)
{
	int ret;

	ret = sd_bus_message_open_container(reply, 'r', "yyyay");
	if (ret >= 0)
		ret = sd_bus_message_append(reply, "yyy", block->index,
					    block->specification,
					    block->value_type);
	if (ret >= 0)
		ret = sd_bus_message_append_array(reply, 'y', block->value,
						  block->value_size);
	if (ret >= 0)
		ret = sd_bus_message_close_container(reply);
	return ret;
}

static int get_measurements(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;
	const struct endpoint_status *status = &endpoint->status;
	int ret;

	ret = sd_bus_message_open_container(reply, 'a', "(yyyay)");
	for (size_t i = 0; ret >= 0 && i < status->block_count; i++)
		ret = append_block(reply, &status->blocks[i]);
	if (ret >= 0)
		ret = sd_bus_message_close_container(reply);
	return ret;
}

static int method_attest(sd_bus_message *message, void *userdata,
			 sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;
	struct log_endpoint log_id;

	endpoint_log_identity(endpoint, &log_id);
	log_endpoint_message(LOG_INFO, &log_id,
			     "attestation requested over D-Bus");
	endpoint_request_attestation(endpoint);
	return sd_bus_reply_method_return(message, NULL);
}

#define EMITS SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE
#define CONST SD_BUS_VTABLE_PROPERTY_CONST

const sd_bus_vtable dbus_project_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Name", "s", get_string, 0, CONST),
    SD_BUS_PROPERTY("Network", "u", get_network, 0, CONST),
    SD_BUS_PROPERTY("EID", "y", get_byte, 0, CONST),
    SD_BUS_PROPERTY("Transport", "s", get_string, 0, CONST),
    SD_BUS_PROPERTY("Link", "s", get_string, 0, CONST),
    SD_BUS_PROPERTY("UUID", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("State", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("Reason", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("Detail", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("Version", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("BaseAsymAlgo", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("BaseHashAlgo", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("MeasurementHashAlgo", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("Slot", "y", get_byte, 0, CONST),
    SD_BUS_PROPERTY("CertChainDigest", "s", get_string, 0, EMITS),
    SD_BUS_PROPERTY("TrustPolicy", "s", get_string, 0, CONST),
    SD_BUS_PROPERTY("LastAttempt", "t", get_counter, 0, EMITS),
    SD_BUS_PROPERTY("AttestationCount", "t", get_counter, 0, EMITS),
    SD_BUS_PROPERTY("Measurements", "a(yyyay)", get_measurements, 0, EMITS),
    SD_BUS_METHOD("Attest", "", "", method_attest, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

void dbus_project_emit_changes(struct endpoint *endpoint, unsigned int changes)
{
	static char *result[] = {"State",
				 "Reason",
				 "Detail",
				 "Version",
				 "BaseAsymAlgo",
				 "BaseHashAlgo",
				 "MeasurementHashAlgo",
				 "CertChainDigest",
				 "AttestationCount",
				 "Measurements",
				 NULL};
	static char *state[] = {"State", "LastAttempt", NULL};
	static char *uuid[] = {"UUID", NULL};
	char **lists[] = {result, state, uuid};
	unsigned int bits[] = {ENDPOINT_CHANGED_RESULT, ENDPOINT_CHANGED_STATE,
			       ENDPOINT_CHANGED_UUID};

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		int ret;

		if (!(changes & bits[i]))
			continue;
		ret = sd_bus_emit_properties_changed_strv(
		    endpoint->daemon->bus, endpoint->path,
		    DBUS_PROJECT_ENDPOINT, lists[i]);
		if (ret < 0)
			log_message(LOG_DEBUG,
				    "%s: PropertiesChanged failed: %s",
				    endpoint->path, strerror(-ret));
	}
}
