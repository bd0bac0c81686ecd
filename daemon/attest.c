// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spdm/messages.h>

#include "attest.h"
#include "dbus_objects.h"
#include "status.h"

void attest_requester_config(const struct endpoint *endpoint,
			     struct spdm_requester_config *config)
{
	const struct spdmd_config *daemon_config = &endpoint->daemon->config;

	spdm_requester_config_default(config);
	config->flow = SPDM_FLOW_ATTEST;
	config->min_version = daemon_config->min_version;
	config->max_version = daemon_config->max_version;
	config->slot_id = endpoint->slot;
	config->measurements = daemon_config->measurements;
	config->trust = trust_requester_anchors(&endpoint->daemon->trust);
	config->chain_memo = endpoint->chain_memo;
	/* spdmd publishes no evidence, so it keeps none. */
	config->discard_evidence = true;
	config->busy_retry_max = daemon_config->busy_retries;
	config->busy_retry_delay_ms = daemon_config->busy_retry_delay_ms;
	config->timeout_floor_ms = daemon_config->timeout_floor_ms;
	config->timeout_cap_ms = daemon_config->timeout_cap_ms;
}

static void log_outcome(const struct endpoint *endpoint,
			const struct verdict *verdict)
{
	const struct endpoint_status *status = &endpoint->status;
	struct log_endpoint log_id;
	struct log_outcome outcome = {
	    .passed = verdict->passed,
	    .reason = spdm_reason_name(verdict->reason),
	    .detail = verdict->detail,
	};
	char version[16];

	endpoint_version_string(endpoint, version, sizeof(version));
	outcome.version = version;
	if (status->base_asym_algo)
		outcome.asym_algo = spdm_asym_algo_name(status->base_asym_algo);
	if (status->base_hash_algo)
		outcome.hash_algo = spdm_hash_algo_name(status->base_hash_algo);
	endpoint_log_identity(endpoint, &log_id);
	log_attestation(&log_id, &outcome);
}

/* Publishes the chain read for the attested slot as its certificate. */
static unsigned int publish_chain(struct endpoint *endpoint,
				  const struct spdm_result *result)
{
	struct log_endpoint log_id;
	int ret;

	if (!result->cert_chain || result->slot_id != endpoint->slot)
		return 0;
	ret =
	    dbus_cert_publish(endpoint, endpoint->slot, result->cert_chain,
			      result->cert_chain_size, result->base_hash_algo);
	if (ret < 0) {
		endpoint_log_identity(endpoint, &log_id);
		log_endpoint_message(LOG_WARNING, &log_id,
				     "slot %u chain not published: its "
				     "certificates do not parse",
				     endpoint->slot);
	}
	return ret == 1 ? ENDPOINT_CHANGED_CERTS : 0;
}

static void conclude(struct endpoint *endpoint, struct spdm_result *result)
{
	struct verdict verdict;
	char pin_key[PIN_MAX_KEY + 1];
	unsigned int changes;

	trust_pin_key(endpoint->name, endpoint->uuid, pin_key, sizeof(pin_key));
	trust_decide(&endpoint->daemon->trust, pin_key, result, &verdict);
	if (verdict.pinned_now) {
		struct log_endpoint log_id;

		endpoint_log_identity(endpoint, &log_id);
		log_endpoint_message(LOG_NOTICE, &log_id,
				     "trust on first use: pinned the slot %u "
				     "chain as %s",
				     result->slot_id, pin_key);
	}
	status_apply(&endpoint->status, result, &verdict, spdmd_now_ms());
	changes = ENDPOINT_CHANGED_RESULT | ENDPOINT_CHANGED_STATE |
		  publish_chain(endpoint, result);
	log_outcome(endpoint, &verdict);
	dbus_endpoint_emit_changes(endpoint, changes);
}

static int on_reattest(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct endpoint *endpoint = userdata;

	endpoint->reattest_timer =
	    sd_event_source_disable_unref(endpoint->reattest_timer);
	endpoint_request_attestation(endpoint);
	return 0;
}

static void schedule_reattestation(struct endpoint *endpoint)
{
	unsigned int interval = endpoint->daemon->config.reattest_interval_s;

	endpoint->reattest_timer =
	    sd_event_source_disable_unref(endpoint->reattest_timer);
	if (interval == 0)
		return;
	if (sd_event_add_time_relative(endpoint->daemon->event,
				       &endpoint->reattest_timer,
				       CLOCK_MONOTONIC, interval * 1000000ull,
				       0, on_reattest, endpoint) < 0)
		log_message(LOG_ERR,
			    "%s: failed to arm the reattestation "
			    "timer",
			    endpoint->name);
}

static void on_attestation_done(struct exchange *exchange, void *userdata)
{
	struct endpoint *endpoint = userdata;
	struct spdm_result result;

	memset(&result, 0, sizeof(result));
	exchange_take_result(exchange, &result);
	exchange_free(exchange);
	endpoint->exchange = NULL;
	endpoint->job = ENDPOINT_JOB_NONE;
	endpoint->daemon->attestations_running--;

	conclude(endpoint, &result);
	spdm_result_clear(&result);
	schedule_reattestation(endpoint);
	endpoint_run_next_job(endpoint);
}

int attest_start(struct endpoint *endpoint)
{
	struct spdm_requester_config config;
	int ret;

	attest_requester_config(endpoint, &config);
	ret =
	    exchange_start(endpoint->daemon->event, endpoint->dispatcher,
			   endpoint->network, endpoint->eid, &config,
			   on_attestation_done, endpoint, &endpoint->exchange);
	if (ret < 0)
		return ret;
	endpoint->job = ENDPOINT_JOB_ATTEST;
	endpoint->daemon->attestations_running++;
	endpoint->status.state = ENDPOINT_ATTESTING;
	endpoint->status.last_attempt_ms = spdmd_now_ms();
	dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_STATE);
	return 0;
}

void attest_mark_link_down(struct endpoint *endpoint)
{
	struct endpoint_status *status = &endpoint->status;

	status->state = ENDPOINT_UNREACHABLE;
	status->reason = SPDM_REASON_LINK_LOST;
	snprintf(status->detail, sizeof(status->detail), "link %s is down",
		 endpoint->link_spec);
	status->verification =
	    status->ever_verified ? VERIFICATION_FAILED : VERIFICATION_UNKNOWN;
	status_clear_measurements(status);
	dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_RESULT |
						 ENDPOINT_CHANGED_STATE);
}
