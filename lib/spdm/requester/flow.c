// SPDX-License-Identifier: BSD-3-Clause
/*
 * The attestation flow: which request comes next, how it is built, and
 * the policy decisions between exchanges.
 */
#include <errno.h>
#include <string.h>

#include <spdm/crypto.h>

#include "requester_state.h"

static uint32_t measurement_capability(const struct spdm_requester *req)
{
	return req->conn.capabilities & SPDM_CAP_MEAS_MASK;
}

static bool device_signs_measurements(const struct spdm_requester *req)
{
	return measurement_capability(req) == SPDM_CAP_MEAS_SIG;
}

static size_t measurement_request_count(const struct spdm_requester *req)
{
	return req->config.measurement_index_count ?
		       req->config.measurement_index_count :
		       1;
}

static int build_version(struct spdm_requester *req)
{
	/* DSP0274 1.2 section 10.3: GET_VERSION always carries 0x10. */
	struct spdm_get_version msg = { .header.version = SPDM_VERSION_10 };

	return spdm_encode_get_version(&msg, req->request,
				       sizeof(req->request),
				       &req->request_length);
}

static int build_capabilities(struct spdm_requester *req)
{
	struct spdm_capabilities msg = { .header.version = req->version };

	/*
	 * DSP0274 1.2 table 10: we only verify, so we advertise no flags
	 * except CHUNK_CAP in 1.2, to receive responses above our
	 * DataTransferSize through CHUNK_GET.
	 */
	if (req->version >= SPDM_VERSION_12) {
		msg.flags = SPDM_CAP_CHUNK;
		msg.data_transfer_size = req->config.data_transfer_size;
		msg.max_spdm_msg_size = req->config.max_spdm_msg_size;
	}
	return spdm_encode_get_capabilities(&msg, req->request,
					    sizeof(req->request),
					    &req->request_length);
}

static int build_algorithms(struct spdm_requester *req)
{
	struct spdm_negotiate_algorithms msg = {
		.header.version = req->version,
		.measurement_specification = SPDM_MEAS_SPEC_DMTF,
		.base_asym_algo = req->config.base_asym_algo,
		.base_hash_algo = req->config.base_hash_algo,
	};

	/* DSP0274 1.2: offer the general opaque data format (Fmt1). */
	if (req->version >= SPDM_VERSION_12)
		msg.other_params_support = SPDM_OPAQUE_DATA_FMT1;
	/* SM2 and EdDSA exist from DSP0274 1.2 on (table 15). */
	else
		msg.base_asym_algo &= ~(SPDM_ASYM_SM2_P256 |
					SPDM_ASYM_EDDSA_ED25519 |
					SPDM_ASYM_EDDSA_ED448);
	return spdm_encode_negotiate_algorithms(&msg, req->request,
						sizeof(req->request),
						&req->request_length);
}

static int build_digests(struct spdm_requester *req)
{
	struct spdm_get_digests msg = { .header.version = req->version };

	return spdm_encode_get_digests(&msg, req->request,
				       sizeof(req->request),
				       &req->request_length);
}

/*
 * Returns the GET_CERTIFICATE Length. In 1.2 it is what fits in both
 * sides' DataTransferSize after the 8-byte CERTIFICATE header, and before
 * 1.2 a fixed default. It is never more than is left of the chain.
 */
static uint16_t certificate_portion_length(const struct spdm_requester *req)
{
	const struct spdm_slot *slot = &req->conn.slots[req->config.slot_id];
	size_t length = SPDM_CERT_PORTION_DEFAULT;
	uint32_t transfer = req->config.data_transfer_size;

	if (req->version >= SPDM_VERSION_12) {
		if (req->conn.data_transfer_size < transfer)
			transfer = req->conn.data_transfer_size;
		length = transfer - 8;
	}
	if (length > 0xffff)
		length = 0xffff;
	if (slot->total && slot->remainder < length)
		length = slot->remainder;
	return (uint16_t)length;
}

static int build_certificate(struct spdm_requester *req)
{
	const struct spdm_slot *slot = &req->conn.slots[req->config.slot_id];
	struct spdm_get_certificate msg = {
		.header.version = req->version,
		.header.param1 = req->config.slot_id,
		.offset = (uint16_t)slot->chain.size,
		.length = certificate_portion_length(req),
	};

	return spdm_encode_get_certificate(&msg, req->request,
					   sizeof(req->request),
					   &req->request_length);
}

static int build_challenge(struct spdm_requester *req)
{
	struct spdm_challenge msg = {
		.header.version = req->version,
		.header.param1 = req->config.slot_id,
	};
	int rc;

	/* DSP0274 1.2 CHALLENGE: HashType 0 unless the device measures. */
	if (measurement_capability(req) != SPDM_CAP_MEAS_NONE)
		msg.header.param2 = SPDM_MEAS_SUMMARY_HASH_ALL;
	rc = spdm_random_bytes(req->challenge_nonce, SPDM_NONCE_SIZE);
	if (rc)
		return rc;
	memcpy(msg.nonce, req->challenge_nonce, SPDM_NONCE_SIZE);
	rc = spdm_encode_challenge(&msg, req->request, sizeof(req->request),
				   &req->request_length);
	spdm_wipe(msg.nonce, sizeof(msg.nonce));
	return rc;
}

static int measurement_nonce(struct spdm_requester *req, uint8_t *nonce)
{
	if (req->config.measurement_nonce) {
		memcpy(nonce, req->measurement_nonce, SPDM_NONCE_SIZE);
		return 0;
	}
	return spdm_random_bytes(nonce, SPDM_NONCE_SIZE);
}

static int build_measurements(struct spdm_requester *req)
{
	bool last = req->measurement_position + 1 ==
		    measurement_request_count(req);
	struct spdm_get_measurements msg = {
		.header.version = req->version,
		.header.param2 = SPDM_MEAS_OPERATION_ALL,
		.slot_id_param = req->config.slot_id,
	};
	int rc = 0;

	if (req->config.measurement_index_count)
		msg.header.param2 = req->config.measurement_indices
					    [req->measurement_position];
	/* Only the last request is signed: its signature covers them all. */
	if (last && device_signs_measurements(req)) {
		msg.header.param1 = SPDM_MEAS_ATTR_SIGNATURE_REQUESTED;
		rc = measurement_nonce(req, msg.nonce);
	}
	if (!rc)
		rc = spdm_encode_get_measurements(&msg, req->request,
						  sizeof(req->request),
						  &req->request_length);
	spdm_wipe(msg.nonce, sizeof(msg.nonce));
	return rc;
}

int spdm_requester_build_request(struct spdm_requester *req)
{
	switch (req->step) {
	case SPDM_STEP_VERSION:
		return build_version(req);
	case SPDM_STEP_CAPABILITIES:
		return build_capabilities(req);
	case SPDM_STEP_ALGORITHMS:
		return build_algorithms(req);
	case SPDM_STEP_DIGESTS:
		return build_digests(req);
	case SPDM_STEP_CERTIFICATE:
		return build_certificate(req);
	case SPDM_STEP_CHALLENGE:
		return build_challenge(req);
	case SPDM_STEP_MEASUREMENTS:
		return build_measurements(req);
	}
	return -EINVAL;
}

static bool crypto_request(uint8_t code)
{
	switch (code) {
	case SPDM_GET_DIGESTS:
	case SPDM_GET_CERTIFICATE:
	case SPDM_CHALLENGE:
	case SPDM_GET_MEASUREMENTS:
	case SPDM_RESPOND_IF_READY:
		return true;
	default:
		return false;
	}
}

unsigned int spdm_requester_timeout(const struct spdm_requester *req,
				    uint8_t code)
{
	/* DSP0274 1.2 table 8: ST1 without crypto, CT = 2^CTExponent us. */
	uint64_t us = SPDM_ST1_US;
	uint64_t ms;

	if (crypto_request(code))
		us = 1ull << req->conn.ct_exponent;
	ms = req->config.timeout_floor_ms + (us + 999) / 1000;
	if (ms > req->config.timeout_cap_ms)
		ms = req->config.timeout_cap_ms;
	return (unsigned int)ms;
}

static void start_measurements_or_finish(struct spdm_requester *req)
{
	bool proof_needed = !req->conn.challenge_verified &&
			    device_signs_measurements(req);

	/*
	 * Measurements are read when asked for, and a device without
	 * CHAL_CAP that signs measurements proves possession that way.
	 */
	if (measurement_capability(req) == SPDM_CAP_MEAS_NONE ||
	    !(req->config.measurements || proof_needed)) {
		spdm_requester_finish(req);
		return;
	}
	req->measurement_position = 0;
	req->step = SPDM_STEP_MEASUREMENTS;
}

static void after_version(struct spdm_requester *req)
{
	const struct spdm_connection *conn = &req->conn;
	uint16_t entry;

	if (spdm_select_version(conn->version_entries,
				conn->version_entry_count,
				req->config.min_version,
				req->config.max_version, &req->version,
				&entry)) {
		spdm_requester_fail(req, SPDM_REASON_NO_COMMON_VERSION,
				    "VERSION: none of the %u entries is "
				    "within %u.%u to %u.%u",
				    conn->version_entry_count,
				    req->config.min_version >> 4,
				    req->config.min_version & 0x0f,
				    req->config.max_version >> 4,
				    req->config.max_version & 0x0f);
		return;
	}
	req->step = SPDM_STEP_CAPABILITIES;
}

static void after_algorithms_signed_flow(struct spdm_requester *req)
{
	const struct spdm_requester_config *config = &req->config;

	if (!device_signs_measurements(req)) {
		spdm_requester_fail(req, SPDM_REASON_NO_PROOF_OF_POSSESSION,
				    "CAPABILITIES: MEAS_CAP %u, the device "
				    "does not sign measurements",
				    measurement_capability(req) >> 3);
		return;
	}
	if (config->pinned_cert_chain &&
	    spdm_connection_set_chain(&req->conn, config->slot_id,
				      config->pinned_cert_chain,
				      config->pinned_cert_chain_size,
				      config->trust == NULL)) {
		spdm_requester_finish(req);
		return;
	}
	if (config->expected_chain_digest || config->pinned_cert_chain)
		req->step = SPDM_STEP_DIGESTS;
	else
		start_measurements_or_finish(req);
}

static void after_algorithms(struct spdm_requester *req)
{
	bool has_cert = req->conn.capabilities & SPDM_CAP_CERT;

	if (req->config.flow == SPDM_FLOW_SIGNED_MEASUREMENTS) {
		after_algorithms_signed_flow(req);
		return;
	}
	/*
	 * DSP0274 1.2 section 10.3: only CHALLENGE_AUTH and signed
	 * MEASUREMENTS carry a signature, so a device with neither CHAL_CAP
	 * nor MEAS_CAP 10b can never prove possession of a key.
	 */
	if (!(req->conn.capabilities & SPDM_CAP_CHAL) &&
	    !device_signs_measurements(req)) {
		spdm_requester_fail(req, SPDM_REASON_NO_PROOF_OF_POSSESSION,
				    "CAPABILITIES: no CHAL_CAP and MEAS_CAP %u, "
				    "the device signs nothing",
				    measurement_capability(req) >> 3);
		return;
	}
	if (!has_cert) {
		spdm_requester_fail(req, SPDM_REASON_NO_CERTIFICATE,
				    "CAPABILITIES: no CERT_CAP, the device "
				    "has no certificate chain");
		return;
	}
	req->step = SPDM_STEP_DIGESTS;
}

/* Compares the slot digest with what the caller expects of it. */
static void check_expected_digest(struct spdm_requester *req)
{
	const struct spdm_slot *slot = &req->conn.slots[req->config.slot_id];
	const uint8_t *expected = req->config.expected_chain_digest;
	size_t size = req->conn.hash_size;

	if (expected && memcmp(expected, slot->digest, size) != 0) {
		spdm_requester_fail(req, SPDM_REASON_DIGEST_MISMATCH,
				    "DIGESTS: slot %u digest differs from the "
				    "expected chain digest",
				    req->config.slot_id);
		return;
	}
	if (req->config.pinned_cert_chain &&
	    memcmp(slot->chain_digest, slot->digest, size) != 0) {
		spdm_requester_fail(req, SPDM_REASON_DIGEST_MISMATCH,
				    "DIGESTS: slot %u digest differs from the "
				    "hash of the pinned chain",
				    req->config.slot_id);
		return;
	}
	start_measurements_or_finish(req);
}

static void after_digests(struct spdm_requester *req)
{
	uint8_t slot_id = req->config.slot_id;

	if (!(req->conn.slot_mask & (1u << slot_id))) {
		spdm_requester_fail(req, SPDM_REASON_NO_CERTIFICATE,
				    "DIGESTS: SlotMask 0x%02x lacks slot %u",
				    req->conn.slot_mask, slot_id);
		return;
	}
	if (req->config.flow == SPDM_FLOW_SIGNED_MEASUREMENTS)
		check_expected_digest(req);
	else
		req->step = SPDM_STEP_CERTIFICATE;
}

static void after_certificate(struct spdm_requester *req)
{
	if (!req->conn.slots[req->config.slot_id].complete)
		return;
	/* Nothing comes between the chain and CHALLENGE (B must hold). */
	if (req->conn.capabilities & SPDM_CAP_CHAL)
		req->step = SPDM_STEP_CHALLENGE;
	else
		start_measurements_or_finish(req);
}

static void after_measurements(struct spdm_requester *req)
{
	req->measurement_position++;
	if (req->measurement_position >= measurement_request_count(req))
		spdm_requester_finish(req);
}

void spdm_requester_advance(struct spdm_requester *req)
{
	switch (req->step) {
	case SPDM_STEP_VERSION:
		after_version(req);
		break;
	case SPDM_STEP_CAPABILITIES:
		req->step = SPDM_STEP_ALGORITHMS;
		break;
	case SPDM_STEP_ALGORITHMS:
		after_algorithms(req);
		break;
	case SPDM_STEP_DIGESTS:
		after_digests(req);
		break;
	case SPDM_STEP_CERTIFICATE:
		after_certificate(req);
		break;
	case SPDM_STEP_CHALLENGE:
		start_measurements_or_finish(req);
		break;
	case SPDM_STEP_MEASUREMENTS:
		after_measurements(req);
		break;
	}
}
