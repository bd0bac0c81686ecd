/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPDM requester: a state machine over byte buffers that does no I/O.
 *
 * The caller loops:
 *
 *	spdm_requester_next(req, &action);
 *	SEND: transmit action.request, then call
 *	      spdm_requester_handle_response() with the response, or
 *	      spdm_requester_handle_timeout() when action.timeout_ms passed,
 *	      or spdm_requester_handle_link_lost() when the link failed;
 *	WAIT: call spdm_requester_next() again after action.delay_ms;
 *	DONE: read spdm_requester_result().
 *
 * The flow is GET_VERSION, GET_CAPABILITIES, NEGOTIATE_ALGORITHMS,
 * GET_DIGESTS, GET_CERTIFICATE (all portions), CHALLENGE and
 * GET_MEASUREMENTS, with the checks of DSP0274 1.0 to 1.2. A device is
 * verified only when its chain verified against a trust anchor and it
 * proved possession of its key, by CHALLENGE_AUTH or by a signed
 * MEASUREMENTS.
 */
#ifndef SPDM_REQUESTER_H
#define SPDM_REQUESTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <spdm/cert_chain.h>
#include <spdm/reason.h>
#include <spdm/wire.h>

#define SPDM_DETAIL_SIZE 256
/* Indices a caller can ask for in one measurement flow. */
#define SPDM_MAX_MEASUREMENT_INDICES 254
/*
 * CERTIFICATE responses one chain may take (docs/limits.md). The largest
 * chain in the smallest 1.2 portions (DataTransferSize 42) takes 1928.
 */
#define SPDM_MAX_CERT_PORTIONS 2048

enum spdm_requester_flow {
	/* The full attestation: VCA, chain, CHALLENGE, measurements. */
	SPDM_FLOW_ATTEST,
	/*
	 * VCA, then signed GET_MEASUREMENTS only, for a remote verifier
	 * (SPDMGetSignedMeasurements). The chain is not fetched: its
	 * digest from an earlier attestation is checked with GET_DIGESTS
	 * only when expected_chain_digest is set.
	 */
	SPDM_FLOW_SIGNED_MEASUREMENTS,
};

struct spdm_requester_config {
	enum spdm_requester_flow flow;
	/* Highest and lowest SPDMVersion we accept, e.g. 0x12 and 0x10. */
	uint8_t max_version;
	uint8_t min_version;
	/* Offered algorithms: BaseAsymAlgo and BaseHashAlgo bit masks. */
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint8_t slot_id;
	/* Ask for measurements (all blocks unless indices are given). */
	bool measurements;
	size_t measurement_index_count; /* 0: all (operation 0xff) */
	uint8_t measurement_indices[SPDM_MAX_MEASUREMENT_INDICES];
	/* Nonce for the signed GET_MEASUREMENTS; random when NULL. */
	const uint8_t *measurement_nonce;
	/* Trust anchors; NULL checks chain integrity only (see result). */
	const struct spdm_trust *trust;
	/* Expected chain digest in FLOW_SIGNED_MEASUREMENTS, or NULL. */
	const uint8_t *expected_chain_digest;
	/*
	 * The slot object of slot_id from an earlier attestation, for
	 * FLOW_SIGNED_MEASUREMENTS: its leaf key verifies the MEASUREMENTS
	 * signature. It is validated like a chain read from the device and
	 * counts as pinned by the caller (chain_anchored) when trust is
	 * NULL. When it is set, GET_DIGESTS must report its hash for the
	 * slot (digest-mismatch otherwise). NULL: the signature is recorded
	 * but not checked, and the result is not verified.
	 */
	const uint8_t *pinned_cert_chain;
	size_t pinned_cert_chain_size;
	/* Certificates are checked for validity at this time; 0 is now. */
	time_t check_time;
	/* Our DataTransferSize and MaxSPDMmsgSize for 1.2. */
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
	/* Bounds on Busy retries, ResponseNotReady retries and timeouts. */
	unsigned int busy_retry_max;
	unsigned int busy_retry_delay_ms;
	unsigned int not_ready_retry_max;
	unsigned int timeout_floor_ms; /* transport allowance per wait */
	unsigned int timeout_cap_ms;   /* maximum wait for one response */
	unsigned int max_restarts;     /* RequestResynch restarts */
	size_t max_cert_chain_size;
	/*
	 * Sum of every timeout and delay one attestation hands out, in
	 * milliseconds, so no device can make it last longer; 0 means no
	 * limit. Reaching it fails the attestation with resource-limit.
	 */
	unsigned int max_total_wait_ms;
	/*
	 * The caller's memo of the chain validated last, or NULL. A chain
	 * that it applies to is not parsed and verified again (see
	 * spdm_cert_chain_validate_memo()). The requester updates it, so
	 * requesters that run at the same time must not share one.
	 */
	struct spdm_chain_memo *chain_memo;
	/*
	 * Do not keep the evidence (result.evidence stays empty), for a
	 * caller that never reads it. The other caps still bound the
	 * attestation.
	 */
	bool discard_evidence;
};

/*
 * Fills config with the defaults documented in docs/limits.md. The flow
 * is ATTEST over versions 1.0 to 1.2 with every asymmetric algorithm we
 * verify (RSASSA and RSAPSS 2048/3072/4096, ECDSA P-256/P-384/P-521,
 * Ed25519) and SHA-256/384/512, on slot 0, reading all measurements.
 * DataTransferSize is 4096 and MaxSPDMmsgSize 65536. Busy is retried 5
 * times after 100 ms and ResponseNotReady 5 times. Timeouts add a
 * 1000 ms floor to the SPDM time and stop at 10000 ms. RequestResynch
 * restarts at most twice, and chains may have up to 0xffff bytes. The
 * timeouts and delays of one attestation add up to 300000 ms at most.
 */
void spdm_requester_config_default(struct spdm_requester_config *config);

enum spdm_action_type {
	SPDM_ACTION_SEND,
	SPDM_ACTION_WAIT,
	SPDM_ACTION_DONE,
};

struct spdm_action {
	enum spdm_action_type type;
	const uint8_t *request; /* valid until the next call */
	size_t request_length;
	unsigned int timeout_ms;
	unsigned int delay_ms;
};

/*
 * Timeouts: action.timeout_ms = min(timeout_cap_ms, timeout_floor_ms +
 * ceil(T / 1000)) where T in microseconds is ST1 (100000) for the VCA
 * requests and CHUNK_GET, and CT = 2^CTExponent of the responder for
 * GET_DIGESTS, GET_CERTIFICATE, CHALLENGE, GET_MEASUREMENTS and
 * RESPOND_IF_READY (DSP0274 1.2 table 8). The floor is the transport's
 * allowance, because devices such as DMTF's emulator advertise CT = 1 us.
 * A ResponseNotReady wait is min(timeout_cap_ms, ceil(2^RDTExponent /
 * 1000)) ms.
 */

/* One message of the evidence, exactly as exchanged. */
struct spdm_evidence_message {
	bool is_request;
	uint8_t *data;
	size_t length;
};

/*
 * The evidence of an attestation: each request and the response to it,
 * in order. A response that arrived through ResponseNotReady or in chunks
 * is recorded as the complete response to the original request (no
 * RESPOND_IF_READY, CHUNK_GET or their ERRORs). Other ERROR responses
 * are recorded with their request, because an ERROR to GET_MEASUREMENTS
 * restarts transcript M. It replays through spdm_verify_conversation().
 */
/* Caps on evidence, documented in docs/limits.md. */
#define SPDM_EVIDENCE_MAX_MESSAGES 16384
#define SPDM_EVIDENCE_MAX_MESSAGE_SIZE (1024u * 1024u)
#define SPDM_EVIDENCE_MAX_TOTAL_SIZE (16u * 1024u * 1024u)

struct spdm_evidence {
	struct spdm_evidence_message *messages;
	size_t count;
	size_t capacity;
	size_t total_bytes;
};

struct spdm_measurement_record {
	uint8_t *data; /* MeasurementRecord bytes, owned */
	size_t size;
	uint8_t block_count;
};

/*
 * The outcome. verified = chain_anchored && possession_proven, with no
 * failure on the way; reason is "none" exactly when verified. A caller
 * with trust-on-first-use (no anchor, or an unknown root) may accept
 * chain_valid && possession_proven with reason chain-untrusted, and must
 * then pin cert_chain_digest.
 */
struct spdm_result {
	bool done;
	/* Chain anchored (or pinned by the caller) and possession proven. */
	bool verified;
	enum spdm_reason reason;
	char detail[SPDM_DETAIL_SIZE];

	/* Negotiated state; 0 before it was reached. */
	uint8_t version;	/* SPDMVersion byte, e.g. 0x12 */
	uint16_t version_entry; /* the device's entry incl. update nibble */
	uint8_t ct_exponent;
	uint32_t capabilities;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint32_t measurement_hash_algo;
	uint8_t measurement_specification;

	/* Certificate chain of the slot used. */
	uint8_t slot_id;
	uint8_t slot_mask;
	uint8_t *cert_chain; /* slot object, owned */
	size_t cert_chain_size;
	uint8_t cert_chain_digest[SPDM_MAX_HASH_SIZE];
	/* The chain's certificates verify and the leaf fits the algorithm. */
	bool chain_valid;
	/* chain_valid and it leads to a configured trust anchor. */
	bool chain_anchored;
	bool challenge_verified;
	bool measurements_signed;
	bool possession_proven;

	struct spdm_measurement_record measurements;
	/*
	 * Bytes the measurement signature covers, followed by the signature,
	 * as published in SignedMeasurements on D-Bus. From 1.2 on they start
	 * with the VCA messages; in 1.0 and 1.1 only the measurement
	 * exchanges are covered.
	 */
	uint8_t *signed_measurements;
	size_t signed_measurements_size;
	uint8_t measurement_nonce[SPDM_NONCE_SIZE];

	struct spdm_evidence evidence;
};

struct spdm_requester;

int spdm_requester_new(const struct spdm_requester_config *config,
		       struct spdm_requester **out);
void spdm_requester_free(struct spdm_requester *req);

void spdm_requester_next(struct spdm_requester *req, struct spdm_action *action);
void spdm_requester_handle_response(struct spdm_requester *req,
				    const uint8_t *response, size_t length);
void spdm_requester_handle_timeout(struct spdm_requester *req);
void spdm_requester_handle_link_lost(struct spdm_requester *req);

/* Returns the result; valid until spdm_requester_free(). */
const struct spdm_result *spdm_requester_result(const struct spdm_requester *req);
/* Moves the result out (the caller frees it with spdm_result_clear()). */
void spdm_requester_take_result(struct spdm_requester *req,
				struct spdm_result *out);
void spdm_result_clear(struct spdm_result *result);

/* Appends a message to evidence (copying it); returns 0 or -ENOMEM/-E2BIG. */
int spdm_evidence_append(struct spdm_evidence *evidence, bool is_request,
			 const uint8_t *data, size_t length);
void spdm_evidence_clear(struct spdm_evidence *evidence);

#endif /* SPDM_REQUESTER_H */
