// SPDX-License-Identifier: BSD-3-Clause
/*
 * One request in, one response out: the dispatcher and the faults that
 * act on whole exchanges (silence, Busy, RequestResynch, delays...).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spdm/messages.h>

#include "internal.h"

typedef int (*request_handler)(struct spdm_responder *resp,
			       const uint8_t *request, size_t length,
			       struct response_buffer *out);

static request_handler handler_for(uint8_t code)
{
	switch (code) {
	case SPDM_GET_VERSION:
		return handle_get_version;
	case SPDM_GET_CAPABILITIES:
		return handle_get_capabilities;
	case SPDM_NEGOTIATE_ALGORITHMS:
		return handle_negotiate_algorithms;
	case SPDM_GET_DIGESTS:
		return handle_get_digests;
	case SPDM_GET_CERTIFICATE:
		return handle_get_certificate;
	case SPDM_CHALLENGE:
		return handle_challenge;
	case SPDM_GET_MEASUREMENTS:
		return handle_get_measurements;
	case SPDM_CHUNK_GET:
		return handle_chunk_get;
	default:
		return NULL;
	}
}

int dispatch_request(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out)
{
	request_handler handler = handler_for(request[1]);
	int rc;

	/* A request other than CHUNK_GET abandons a large response. */
	if (request[1] != SPDM_CHUNK_GET)
		chunk_reset(resp);
	/* DSP0274 1.2 table 58: UnsupportedRequest names the request code. */
	if (!handler)
		return response_error(resp, out, SPDM_ERROR_UNSUPPORTED_REQUEST,
				      request[1]);
	rc = handler(resp, request, length, out);
	if (rc)
		return rc;
	if (request[1] == SPDM_CHUNK_GET)
		return 0;
	return chunk_large_response(resp, out);
}

static bool rule_matches(const struct spdm_fault_rule *rule, uint8_t code)
{
	return rule->request_code == SPDM_FAULT_ANY_REQUEST ||
	       rule->request_code == code;
}

/* busy=N and busy-at=CODE:N: Busy N times before each real response. */
static bool answer_busy(struct spdm_responder *resp, uint8_t code,
			struct response_buffer *out, int *rc)
{
	for (size_t i = 0; i < resp->plan.busy_count; i++) {
		const struct spdm_fault_rule *rule = &resp->plan.busy[i];

		if (!rule_matches(rule, code))
			continue;
		if (resp->busy_given[i] < rule->count) {
			if (rule->count != SPDM_FAULT_FOREVER)
				resp->busy_given[i]++;
			*rc = response_error(resp, out, SPDM_ERROR_BUSY, 0);
			return true;
		}
		resp->busy_given[i] = 0;
	}
	return false;
}

/* resynch-at=CODE: RequestResynch once, then a reset connection. */
static bool answer_resynch(struct spdm_responder *resp, uint8_t code,
			   struct response_buffer *out, int *rc)
{
	if (!resp->plan.resynch_at || resp->plan.resynch_at != code ||
	    resp->resynch_done)
		return false;
	resp->resynch_done = true;
	*rc = response_error(resp, out, SPDM_ERROR_REQUEST_RESYNCH, 0);
	connection_reset(resp);
	return true;
}

static unsigned int delay_for(const struct spdm_responder *resp, uint8_t code)
{
	unsigned int delay = resp->plan.delay_ms;

	for (size_t i = 0; i < resp->plan.delay_at_count; i++)
		if (rule_matches(&resp->plan.delay_at[i], code))
			delay = resp->plan.delay_at[i].delay_ms;
	return delay;
}

/* Faults that keep the device from responding at all. */
static bool answer_nothing(struct spdm_responder *resp,
			   struct spdm_disposition *disposition)
{
	const struct spdm_fault_plan *plan = &resp->plan;

	if (plan->no_spdm || plan->silent) {
		disposition->action = SPDM_DISPOSITION_DROP;
		disposition_note(disposition,
				 plan->no_spdm ? "no-spdm" : "silent");
		return true;
	}
	if (plan->hang_up_after_set && resp->answered >= plan->hang_up_after) {
		disposition->action = SPDM_DISPOSITION_CLOSE;
		disposition_note(disposition, "hang-up-after");
		return true;
	}
	if (plan->stop_after_set && resp->answered >= plan->stop_after) {
		disposition->action = SPDM_DISPOSITION_DROP;
		disposition_note(disposition, "stop-after");
		return true;
	}
	return false;
}

/* Runs the request through the faults that replace the real response. */
static int answer(struct spdm_responder *resp, const uint8_t *request,
		  size_t length, struct response_buffer *out,
		  struct spdm_disposition *disposition)
{
	uint8_t code = request[1];
	int rc = 0;

	if (answer_busy(resp, code, out, &rc)) {
		disposition_note(disposition, "busy");
		return rc;
	}
	if (answer_resynch(resp, code, out, &rc)) {
		disposition_note(disposition, "resynch-at");
		return rc;
	}
	if (code == SPDM_RESPOND_IF_READY)
		return handle_respond_if_ready(resp, request, length, out,
					       disposition);
	resp->deferred.pending = false;
	if (not_ready_applies(resp, request, length)) {
		disposition_note(disposition, "not-ready");
		return not_ready_defer(resp, request, length, out);
	}
	return dispatch_request(resp, request, length, out);
}

/* Names the faults that changed the content of a response. */
static void note_message_faults(const struct spdm_responder *resp,
				uint8_t response_code,
				struct spdm_disposition *disposition)
{
	const struct spdm_fault_plan *plan = &resp->plan;
	const struct {
		uint8_t code;
		bool active;
		const char *name;
	} faults[] = {
	    {SPDM_VERSION, plan->version_count > 0, "versions"},
	    {SPDM_CAPABILITIES, plan->caps_set, "caps"},
	    {SPDM_CAPABILITIES, plan->chunk_size > 0, "chunk"},
	    {SPDM_ALGORITHMS, plan->alg_select_set, "alg-select"},
	    {SPDM_DIGESTS, plan->digest_mismatch, "digest-mismatch"},
	    {SPDM_CERTIFICATE, plan->root_hash_mismatch, "root-hash-mismatch"},
	    {SPDM_CERTIFICATE, plan->cert_portion > 0, "cert-portion"},
	    {SPDM_CERTIFICATE, plan->portion_zero, "portion-zero"},
	    {SPDM_CHALLENGE_AUTH, plan->cert_chain_hash_wrong,
	     "cert-chain-hash-wrong"},
	    {SPDM_CHALLENGE_AUTH, plan->replay_challenge_auth,
	     "replay-challenge-auth"},
	    {SPDM_CHALLENGE_AUTH, plan->wrong_key, "wrong-key"},
	    {SPDM_MEASUREMENTS, plan->wrong_key, "wrong-key"},
	    {SPDM_CHALLENGE_AUTH, plan->prefix != SPDM_PREFIX_CORRECT,
	     "prefix"},
	    {SPDM_MEASUREMENTS, plan->prefix != SPDM_PREFIX_CORRECT, "prefix"},
	};

	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (faults[i].code == response_code && faults[i].active)
			disposition_note(disposition, faults[i].name);
}

/* late-duplicate and delay faults, decided once the response is built. */
static void apply_timing(struct spdm_responder *resp, uint8_t code,
			 struct spdm_disposition *disposition)
{
	disposition->delay_ms = delay_for(resp, code);
	if (disposition->delay_ms)
		disposition_note(disposition, "delay");
	if (resp->plan.late_duplicate &&
	    (resp->plan.late_duplicate_code == SPDM_FAULT_ANY_REQUEST ||
	     resp->plan.late_duplicate_code == code)) {
		disposition->repeat = true;
		disposition_note(disposition, "late-duplicate");
	}
}

int spdm_responder_handle(struct spdm_responder *resp, const uint8_t *request,
			  size_t length, uint8_t *response, size_t cap,
			  size_t *response_length,
			  struct spdm_disposition *disposition)
{
	struct response_buffer out = {response, cap, 0};
	int rc;

	if (!resp || !request || !response || !response_length || !disposition)
		return -EINVAL;
	memset(disposition, 0, sizeof(*disposition));
	*response_length = 0;
	if (answer_nothing(resp, disposition))
		return 0;
	/* DSP0274: every message starts with a 4-byte header. */
	if (length < 4)
		rc = response_error(resp, &out, SPDM_ERROR_INVALID_REQUEST, 0);
	else
		rc = answer(resp, request, length, &out, disposition);
	if (rc)
		return rc;
	if (out.length >= 2)
		note_message_faults(resp, out.data[1], disposition);
	if (length >= 2)
		apply_timing(resp, request[1], disposition);
	resp->answered++;
	*response_length = out.length;
	return 0;
}
