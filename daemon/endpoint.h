/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One attested endpoint: its identity and link, the state published on
 * D-Bus, and the jobs running on it. One job runs at a time per endpoint
 * (an attestation or a SPDMGetSignedMeasurements call), because a new
 * GET_VERSION resets the device's SPDM connection.
 */
#ifndef SPDMD_ENDPOINT_H
#define SPDMD_ENDPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <spdm/reason.h>
#include <spdm/requester.h>
#include <spdm/wire.h>

#include "cert_info.h"
#include "config.h"
#include "daemon.h"
#include "exchange.h"
#include "list.h"

enum endpoint_state {
	ENDPOINT_ATTESTING, /* queued or running */
	ENDPOINT_VERIFIED,
	ENDPOINT_FAILED,
	ENDPOINT_UNREACHABLE, /* timeout or link lost */
};

enum verification_status {
	VERIFICATION_UNKNOWN,
	VERIFICATION_SUCCESS,
	VERIFICATION_FAILED,
};

/* One measurement block as published: the DMTF value, or raw bytes. */
struct published_block {
	uint8_t index;
	uint8_t specification;
	uint8_t value_type;
	const uint8_t *value; /* points into endpoint_status.record */
	size_t value_size;
};

/* The state the endpoint object publishes. */
struct endpoint_status {
	enum endpoint_state state;
	enum verification_status verification;
	bool ever_verified;
	enum spdm_reason reason;
	char detail[SPDM_DETAIL_SIZE];

	/* The last negotiated values; kept when a later attempt failed early.
	 */
	uint16_t version_entry;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint32_t measurement_hash_algo;
	/* DIGESTS SlotMask; 0 until a device reported it. */
	uint8_t slot_mask;

	/* Digest of the published chain, in base_hash_algo. */
	uint8_t chain_digest[SPDM_MAX_HASH_SIZE];
	size_t chain_digest_size;

	uint64_t last_updated_ms;
	uint64_t last_attempt_ms;
	uint64_t attestation_count;

	/* Measurement blocks of the last attestation, when it passed. */
	uint8_t *record;
	size_t record_size;
	struct published_block *blocks;
	size_t block_count;
};

/* A certificate object, /xyz/openbmc_project/certs/devices/<id>/slot<N>. */
struct cert_object {
	char *path;
	uint8_t *slot_object; /* as read from the device */
	size_t size;
	uint32_t base_hash_algo;
	/* Parsed from slot_object once, when it was published. */
	struct cert_info info;
	sd_bus_slot *vtable_slot;
};

struct method_call;

enum endpoint_job {
	ENDPOINT_JOB_NONE,
	ENDPOINT_JOB_ATTEST,
	ENDPOINT_JOB_METHOD,
};

struct endpoint {
	struct list_node node; /* in the daemon's list */
	struct spdmd *daemon;

	char *name;
	char *path;
	char *link_spec;
	enum link_transport transport;
	uint32_t network;
	uint8_t eid;
	uint8_t local_eid;
	uint8_t slot;
	char *uuid; /* "" when unknown */
	char *inventory;
	char *trusted_component;
	bool configured;  /* from an [endpoint] section */
	char *mctpd_path; /* the mctpd object it came from, or NULL */
	unsigned int discovery_generation;
	bool enabled;

	struct dispatcher *dispatcher;
	enum endpoint_job job;
	struct exchange *exchange;
	/* Waiting in the daemon's attestation queue. */
	struct list_node queue_node;
	bool attestation_requested;
	struct list_node method_calls;
	struct method_call *active_call;
	sd_event_source *reattest_timer;

	struct endpoint_status status;
	/* The chain validated last, not parsed or verified again if unchanged. */
	struct spdm_chain_memo *chain_memo;
	struct cert_object *certs[SPDM_MAX_SLOTS];
	sd_bus_slot *vtable_slots[5];
	bool exported;
};

/* Identity of a new endpoint, from the configuration or from mctpd. */
struct endpoint_identity {
	const char *name;
	const char *link_spec;
	enum link_transport transport;
	uint32_t network;
	uint8_t eid;
	uint8_t local_eid;
	uint8_t slot;
	const char *uuid;
	const char *inventory;
	const char *trusted_component;
	bool configured;
};

/*
 * Creates an endpoint, attaches it to its link's dispatcher and exports
 * its object. It is not attested until endpoint_request_attestation().
 */
int endpoint_new(struct spdmd *daemon, const struct endpoint_identity *id,
		 struct endpoint **out);
/*
 * Removes an endpoint: Enabled turns false, pending calls fail, the
 * objects go away (InterfacesRemoved) and the memory is freed.
 */
void endpoint_remove(struct endpoint *endpoint);
struct endpoint *endpoint_find(struct spdmd *daemon, const char *name);
struct endpoint *endpoint_find_mctp(struct spdmd *daemon, uint32_t network,
				    uint8_t eid);

/* Queues an attestation; a running one is followed by another. */
void endpoint_request_attestation(struct endpoint *endpoint);
/* Starts the next job when the endpoint is idle. */
void endpoint_run_next_job(struct endpoint *endpoint);
/* Sets the UUID (from mctpd) and announces the change. */
void endpoint_set_uuid(struct endpoint *endpoint, const char *uuid);
void endpoint_set_enabled(struct endpoint *endpoint, bool enabled);
/* Fills a log identity for the endpoint. */
void endpoint_log_identity(const struct endpoint *endpoint,
			   struct log_endpoint *log_id);

/* Names as published, e.g. "verified" and "1.2.0". */
const char *endpoint_state_name(enum endpoint_state state);
const char *verification_status_name(enum verification_status status);
/* Writes "major.minor.update" of the negotiated version, or "". */
void endpoint_version_string(const struct endpoint *endpoint, char *buf,
			     size_t size);

#endif /* SPDMD_ENDPOINT_H */
