/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * spdmd's D-Bus objects as spdmctl reads them: the endpoint objects below
 * the ObjectManager at /xyz/openbmc_project/component_integrity, with the
 * properties of the phosphor-dbus-interfaces Attestation interfaces and
 * of io.github.spdmd.Endpoint1 (docs/dbus-api.md).
 */
#ifndef SPDMCTL_BUS_H
#define SPDMCTL_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <systemd/sd-bus.h>

#define SPDMD_SERVICE	"xyz.openbmc_project.spdmd"
#define SPDMD_ROOT_PATH "/xyz/openbmc_project/component_integrity"

#define COMPONENT_INTEGRITY_INTERFACE                                          \
	"xyz.openbmc_project.Attestation.ComponentIntegrity"
#define IDENTITY_AUTHENTICATION_INTERFACE                                      \
	"xyz.openbmc_project.Attestation.IdentityAuthentication"
#define MEASUREMENT_SET_INTERFACE                                              \
	"xyz.openbmc_project.Attestation.MeasurementSet"
#define ASSOCIATION_INTERFACE	 "xyz.openbmc_project.Association.Definitions"
#define CERTIFICATE_INTERFACE	 "xyz.openbmc_project.Certs.Certificate"
#define SPDMD_ENDPOINT_INTERFACE "io.github.spdmd.Endpoint1"

/* One entry of Associations a(sss). */
struct spdmd_association {
	char *forward;
	char *reverse;
	char *endpoint;
};

/*
 * One endpoint object. Strings are NULL and numbers 0 when the object
 * lacks the property; the has_ flags tell which interfaces it has.
 */
struct spdmd_endpoint {
	char *path;
	char *id; /* the last element of path */

	bool has_component_integrity;
	bool enabled;
	char *type;
	char *type_version;
	uint64_t last_updated; /* ms since the Unix epoch */

	bool has_identity_authentication;
	char *verification_status;

	bool has_measurement_set;

	struct spdmd_association *associations;
	size_t association_count;

	bool has_endpoint_interface;
	char *name;
	uint32_t network;
	uint8_t eid;
	char *transport;
	char *link;
	char *uuid;
	char *state;
	char *reason;
	char *detail;
	char *version;
	char *base_asym_algo;
	char *base_hash_algo;
	char *measurement_hash_algo;
	uint8_t slot;
	char *cert_chain_digest;
	char *trust_policy;
	uint64_t last_attempt; /* ms since the Unix epoch */
	uint64_t attestation_count;
};

struct spdmd_endpoint_list {
	struct spdmd_endpoint *endpoints;
	size_t count;
};

/*
 * Connects to the bus at address, or to the system bus when address is
 * NULL (DBUS_SYSTEM_BUS_ADDRESS may point it elsewhere). Returns 0 or a
 * negative errno.
 */
int spdmctl_bus_open(const char *address, sd_bus **bus);

/*
 * Reads every endpoint object spdmd publishes (objects with the
 * ComponentIntegrity interface), sorted by id. Returns 0 or a negative
 * errno; a D-Bus error reply is stored in error.
 */
int spdmd_read_endpoints(sd_bus *bus, struct spdmd_endpoint_list *list,
			 sd_bus_error *error);
void spdmd_endpoint_list_clear(struct spdmd_endpoint_list *list);

/*
 * Connects to the bus at address (as spdmctl_bus_open()), reads spdmd's
 * endpoint objects into list for the caller to clear, and disconnects.
 * Returns 0, or prints what failed for command and returns
 * SPDMCTL_EXIT_FAILED.
 */
int spdmctl_fetch_endpoints(const char *command, const char *address,
			    struct spdmd_endpoint_list *list);

/* Returns the endpoint with this id, or NULL. */
const struct spdmd_endpoint *
spdmd_find_endpoint(const struct spdmd_endpoint_list *list, const char *id);

/*
 * Returns the last dot-separated element of an enum string, e.g.
 * "Success" for "...VerificationStatus.Success"; "" for NULL.
 */
const char *spdmd_enum_value(const char *value);

/*
 * Formats milliseconds since the Unix epoch as ISO 8601 in UTC with
 * milliseconds, e.g. "2025-03-01T12:00:05.123+00:00". A buffer of
 * SPDMCTL_TIME_TEXT_SIZE bytes fits every result.
 */
void spdmctl_format_time_ms(uint64_t ms, char *buf, size_t size);
#define SPDMCTL_TIME_TEXT_SIZE 40

/*
 * Prints "spdmctl COMMAND: failed to ACTION: REASON" for an sd-bus call
 * that failed with the negative errno r, using error's message when the
 * bus returned one. Returns SPDMCTL_EXIT_FAILED.
 */
int spdmctl_bus_error(const char *command, const char *action, int r,
		      const sd_bus_error *error);

#endif /* SPDMCTL_BUS_H */
