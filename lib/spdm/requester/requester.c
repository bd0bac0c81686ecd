// SPDX-License-Identifier: BSD-3-Clause
/*
 * The requester state machine over byte buffers (see spdm/requester.h):
 * it hands out requests and takes responses, timeouts and link losses.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/crypto.h>

#include "requester_state.h"

/* Algorithms we can verify (spdm_verify_signature) and hash. */
#define SUPPORTED_ASYM_ALGOS                                                  \
	(SPDM_ASYM_RSASSA_2048 | SPDM_ASYM_RSAPSS_2048 |                      \
	 SPDM_ASYM_RSASSA_3072 | SPDM_ASYM_RSAPSS_3072 |                      \
	 SPDM_ASYM_RSASSA_4096 | SPDM_ASYM_RSAPSS_4096 |                      \
	 SPDM_ASYM_ECDSA_P256 | SPDM_ASYM_ECDSA_P384 | SPDM_ASYM_ECDSA_P521 | \
	 SPDM_ASYM_EDDSA_ED25519)
#define SUPPORTED_HASH_ALGOS \
	(SPDM_HASH_SHA_256 | SPDM_HASH_SHA_384 | SPDM_HASH_SHA_512)

void spdm_requester_config_default(struct spdm_requester_config *config)
{
	memset(config, 0, sizeof(*config));
	config->flow = SPDM_FLOW_ATTEST;
	config->max_version = SPDM_VERSION_12;
	config->min_version = SPDM_VERSION_10;
	config->base_asym_algo = SUPPORTED_ASYM_ALGOS;
	config->base_hash_algo = SUPPORTED_HASH_ALGOS;
	config->slot_id = 0;
	config->measurements = true;
	config->data_transfer_size = 4096;
	/* Linux MCTP reassembles messages up to 64 KiB. */
	config->max_spdm_msg_size = 65536;
	config->busy_retry_max = 5;
	config->busy_retry_delay_ms = 100;
	config->not_ready_retry_max = 5;
	config->timeout_floor_ms = 1000;
	config->timeout_cap_ms = 10000;
	config->max_restarts = 2;
	config->max_cert_chain_size = SPDM_MAX_CERT_CHAIN_SIZE;
	config->max_total_wait_ms = 300000;
}

static bool versions_valid(const struct spdm_requester_config *config)
{
	return config->min_version >= SPDM_VERSION_10 &&
	       config->max_version <= SPDM_VERSION_12 &&
	       config->min_version <= config->max_version;
}

static bool sizes_valid(const struct spdm_requester_config *config)
{
	if (config->max_version >= SPDM_VERSION_12 &&
	    (config->data_transfer_size < SPDM_MIN_DATA_TRANSFER_SIZE_12 ||
	     config->data_transfer_size > config->max_spdm_msg_size))
		return false;
	return config->max_spdm_msg_size <= SPDM_EVIDENCE_MAX_MESSAGE_SIZE &&
	       config->max_cert_chain_size <= SPDM_MAX_CERT_CHAIN_SIZE &&
	       config->timeout_floor_ms <= config->timeout_cap_ms;
}

static bool indices_valid(const struct spdm_requester_config *config)
{
	if (config->measurement_index_count > SPDM_MAX_MEASUREMENT_INDICES)
		return false;
	/* Indices 0 and 0xff are operations, not blocks. */
	for (size_t i = 0; i < config->measurement_index_count; i++)
		if (config->measurement_indices[i] == 0 ||
		    config->measurement_indices[i] == 0xff)
			return false;
	return true;
}

static bool config_valid(const struct spdm_requester_config *config)
{
	return versions_valid(config) && sizes_valid(config) &&
	       indices_valid(config) && config->slot_id < SPDM_MAX_SLOTS &&
	       config->base_asym_algo && config->base_hash_algo &&
	       (config->flow == SPDM_FLOW_ATTEST ||
		config->flow == SPDM_FLOW_SIGNED_MEASUREMENTS);
}

int spdm_requester_new(const struct spdm_requester_config *config,
		       struct spdm_requester **out)
{
	struct spdm_requester *req;

	if (!config || !out || !config_valid(config))
		return -EINVAL;
	req = calloc(1, sizeof(*req));
	if (!req)
		return -ENOMEM;
	req->config = *config;
	if (config->measurement_nonce)
		memcpy(req->measurement_nonce, config->measurement_nonce,
		       SPDM_NONCE_SIZE);
	spdm_connection_init(&req->conn, config->trust, config->check_time,
			     config->max_cert_chain_size);
	req->conn.chain_memo = config->chain_memo;
	spdm_buffer_init(&req->chunk_message, config->max_spdm_msg_size);
	req->step = SPDM_STEP_VERSION;
	req->state = SPDM_STATE_BUILD;
	*out = req;
	return 0;
}

static void wipe_nonces(struct spdm_requester *req)
{
	spdm_wipe(req->challenge_nonce, sizeof(req->challenge_nonce));
	spdm_wipe(req->measurement_nonce, sizeof(req->measurement_nonce));
	spdm_wipe(req->request, sizeof(req->request));
	spdm_wipe(req->wire, sizeof(req->wire));
}

void spdm_requester_free(struct spdm_requester *req)
{
	if (!req)
		return;
	wipe_nonces(req);
	spdm_connection_free(&req->conn);
	spdm_buffer_free(&req->chunk_message);
	spdm_result_clear(&req->result);
	free(req);
}

void spdm_requester_finish(struct spdm_requester *req)
{
	if (req->state == SPDM_STATE_DONE)
		return;
	spdm_connection_conclude(&req->conn, req->config.slot_id,
				 &req->result);
	wipe_nonces(req);
	req->state = SPDM_STATE_DONE;
}

void spdm_requester_fail(struct spdm_requester *req, enum spdm_reason reason,
			 const char *format, ...)
{
	char detail[SPDM_DETAIL_SIZE];
	va_list args;

	va_start(args, format);
	vsnprintf(detail, sizeof(detail), format, args);
	va_end(args);
	spdm_connection_fail(&req->conn, reason, "%s", detail);
	spdm_requester_finish(req);
}

void spdm_requester_send(struct spdm_requester *req, const uint8_t *message,
			 size_t length, unsigned int delay_ms)
{
	if (message != req->wire)
		memcpy(req->wire, message, length);
	req->wire_length = length;
	req->delay_ms = delay_ms;
	req->state = delay_ms ? SPDM_STATE_WAIT : SPDM_STATE_SEND;
}

int spdm_requester_record(struct spdm_requester *req, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length)
{
	struct spdm_evidence *evidence = &req->result.evidence;
	int rc;

	if (req->config.discard_evidence)
		return 0;
	rc = spdm_evidence_append(evidence, true, request, request_length);
	if (!rc)
		rc = spdm_evidence_append(evidence, false, response,
					  response_length);
	if (rc == -E2BIG)
		spdm_requester_fail(req, SPDM_REASON_RESOURCE_LIMIT,
				    "evidence above %zu messages or %u bytes",
				    (size_t)SPDM_EVIDENCE_MAX_MESSAGES,
				    SPDM_EVIDENCE_MAX_TOTAL_SIZE);
	else if (rc)
		spdm_requester_fail(req, SPDM_REASON_INTERNAL_ERROR,
				    "evidence: %s", strerror(-rc));
	return rc;
}

void spdm_requester_complete_exchange(struct spdm_requester *req,
				      const uint8_t *response, size_t length)
{
	if (spdm_requester_record(req, req->request, req->request_length,
				  response, length))
		return;
	if (spdm_connection_exchange(&req->conn, req->request,
				     req->request_length, response, length)) {
		spdm_requester_finish(req);
		return;
	}
	req->busy_retries = 0;
	req->not_ready_retries = 0;
	req->state = SPDM_STATE_BUILD;
	spdm_requester_advance(req);
}

static void build_next(struct spdm_requester *req)
{
	int rc = spdm_requester_build_request(req);

	if (rc) {
		spdm_requester_fail(req, SPDM_REASON_INTERNAL_ERROR,
				    "building %s failed (%s)",
				    spdm_message_name(req->request[1]),
				    strerror(-rc));
		return;
	}
	spdm_requester_send(req, req->request, req->request_length, 0);
}

/*
 * Counts a timeout or delay against max_total_wait_ms. Returns false, and
 * fails the attestation, when it would go over.
 */
static bool grant_wait(struct spdm_requester *req, unsigned int wait_ms)
{
	unsigned int budget = req->config.max_total_wait_ms;

	if (budget && wait_ms > budget - req->granted_wait_ms) {
		spdm_requester_fail(req, SPDM_REASON_RESOURCE_LIMIT,
				    "%s: waits would exceed the %u ms this "
				    "attestation may take",
				    spdm_message_name(req->wire[1]), budget);
		return false;
	}
	req->granted_wait_ms += wait_ms;
	return true;
}

void spdm_requester_next(struct spdm_requester *req, struct spdm_action *action)
{
	memset(action, 0, sizeof(*action));
	if (req->state == SPDM_STATE_BUILD)
		build_next(req);

	switch (req->state) {
	case SPDM_STATE_WAIT:
		if (!grant_wait(req, req->delay_ms))
			break;
		req->state = SPDM_STATE_SEND;
		action->type = SPDM_ACTION_WAIT;
		action->delay_ms = req->delay_ms;
		return;
	case SPDM_STATE_SEND:
	case SPDM_STATE_AWAIT:
		/* Called again before a response: the same request again. */
		req->timeout_ms = spdm_requester_timeout(req, req->wire[1]);
		if (!grant_wait(req, req->timeout_ms))
			break;
		req->state = SPDM_STATE_AWAIT;
		action->type = SPDM_ACTION_SEND;
		action->request = req->wire;
		action->request_length = req->wire_length;
		action->timeout_ms = req->timeout_ms;
		return;
	default:
		break;
	}
	action->type = SPDM_ACTION_DONE;
}

void spdm_requester_handle_response(struct spdm_requester *req,
				    const uint8_t *response, size_t length)
{
	/* A response that is not awaited (late or stray) is dropped. */
	if (req->state != SPDM_STATE_AWAIT)
		return;
	if (!response)
		length = 0;
	req->state = SPDM_STATE_BUILD;

	if (length >= 2 && response[1] == SPDM_ERROR)
		spdm_requester_handle_error(req, response, length);
	else if (req->chunk_active)
		spdm_requester_handle_chunk(req, response, length);
	else
		spdm_requester_complete_exchange(req, response, length);
}

void spdm_requester_handle_timeout(struct spdm_requester *req)
{
	if (req->state != SPDM_STATE_AWAIT)
		return;
	spdm_requester_fail(req, SPDM_REASON_TIMEOUT,
			    "no response to %s within %u ms",
			    spdm_message_name(req->wire[1]), req->timeout_ms);
}

void spdm_requester_handle_link_lost(struct spdm_requester *req)
{
	if (req->state == SPDM_STATE_DONE)
		return;
	if (!req->wire_length)
		spdm_requester_fail(req, SPDM_REASON_LINK_LOST,
				    "link lost before the first request");
	else
		spdm_requester_fail(req, SPDM_REASON_LINK_LOST,
				    "link lost during %s",
				    spdm_message_name(req->wire[1]));
}

const struct spdm_result *spdm_requester_result(const struct spdm_requester *req)
{
	return &req->result;
}

void spdm_requester_take_result(struct spdm_requester *req,
				struct spdm_result *out)
{
	*out = req->result;
	memset(&req->result, 0, sizeof(req->result));
}
