/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The requester's view of one SPDM connection: negotiated state, the
 * certificate chains of the slots read, the transcripts and what the
 * signatures proved. Private to lib/spdm/requester.
 *
 * Every exchange has one handler that takes the exact request and
 * response bytes, decodes both, checks the response against the request
 * and the negotiated state, appends the pair to its transcript and stores
 * the result. The live requester calls spdm_connection_exchange() after
 * each response; the offline verifier calls it for each recorded pair.
 *
 * A handler returns 0 or -EPROTO. On -EPROTO the connection stores the
 * first failure in reason and detail ("hard" failures: the attestation
 * stops). Failures that leave the rest of the evidence worth collecting
 * (an unanchored chain, a signature that cannot be checked for want of a
 * chain) are kept per slot or in soft_reason.
 */
#ifndef SPDM_REQUESTER_CONNECTION_H
#define SPDM_REQUESTER_CONNECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <spdm/cert_chain.h>
#include <spdm/crypto.h>
#include <spdm/messages.h>
#include <spdm/reason.h>
#include <spdm/requester.h>
#include <spdm/transcript.h>

enum spdm_connection_stage {
	SPDM_STAGE_NONE,	 /* before VERSION */
	SPDM_STAGE_VERSION,	 /* VERSION received */
	SPDM_STAGE_CAPABILITIES, /* CAPABILITIES received */
	SPDM_STAGE_NEGOTIATED,	 /* ALGORITHMS received */
};

struct spdm_slot {
	/* The slot object as assembled from CERTIFICATE portions. */
	struct spdm_buffer chain;
	size_t total;	  /* PortionLength + RemainderLength of portion 0 */
	size_t remainder; /* RemainderLength of the last portion */
	unsigned int portions; /* CERTIFICATE responses of this chain */
	bool complete;
	/* Hash of the complete slot object, by the negotiated BaseHashAlgo. */
	uint8_t chain_digest[SPDM_MAX_HASH_SIZE];
	/* Digest of this slot from the last DIGESTS. */
	bool digest_known;
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	/* Integrity checked: certificates verify, leaf fits the algorithm. */
	bool valid;
	/*
	 * The leaf's public key, the only part of the validated chain kept:
	 * the parsed certificates are freed as soon as it validated.
	 */
	EVP_PKEY *leaf_key;
	/* Validated against the trust anchors, or pinned by the caller. */
	bool anchored;
	enum spdm_reason anchor_reason;
	char anchor_detail[SPDM_DETAIL_SIZE];
};

struct spdm_connection {
	/* Caller policy. */
	const struct spdm_trust *trust;
	time_t check_time;
	size_t max_cert_chain_size;
	struct spdm_chain_memo *chain_memo; /* NULL: validate in full */

	enum spdm_connection_stage stage;

	/* VERSION */
	uint16_t version_entries[SPDM_MAX_VERSION_ENTRIES];
	uint8_t version_entry_count;

	/* GET_CAPABILITIES and CAPABILITIES */
	uint8_t version;
	uint16_t version_entry;
	uint32_t requester_flags;
	uint32_t requester_data_transfer_size;
	uint8_t ct_exponent;
	uint32_t capabilities;
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;

	/* NEGOTIATE_ALGORITHMS and ALGORITHMS */
	uint8_t measurement_specification;
	uint8_t opaque_data_format;
	uint32_t measurement_hash_algo;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	size_t hash_size;
	size_t signature_size;

	/* DIGESTS and CERTIFICATE */
	uint8_t slot_mask;
	struct spdm_slot slots[SPDM_MAX_SLOTS];

	/* CHALLENGE_AUTH: a signature verified since GET_VERSION. */
	bool authenticated;
	bool challenge_verified;
	uint8_t challenge_slot;
	uint8_t measurement_summary_hash[SPDM_MAX_HASH_SIZE];
	bool measurement_summary_hash_present;

	/* MEASUREMENTS of the current batch (unsigned ones, then signed). */
	bool measurement_batch_open;
	struct spdm_buffer measurement_record;
	unsigned int measurement_block_count;
	bool measurements_signed;
	/* The batch ended with a MEASUREMENTS that carries a signature. */
	bool measurement_batch_signed;
	uint8_t measurement_nonce[SPDM_NONCE_SIZE];
	struct spdm_buffer signed_measurements;

	/* Slots whose leaf key verified a signature. */
	uint8_t proof_slot_mask;
	unsigned int signatures_verified;

	struct spdm_transcript transcript;

	/* First hard failure; SPDM_REASON_NONE while all is well. */
	enum spdm_reason reason;
	char detail[SPDM_DETAIL_SIZE];
	/* First failure that did not stop the exchange. */
	enum spdm_reason soft_reason;
	char soft_detail[SPDM_DETAIL_SIZE];
};

void spdm_connection_init(struct spdm_connection *conn,
			  const struct spdm_trust *trust, time_t check_time,
			  size_t max_cert_chain_size);
/* Forgets everything negotiated, as GET_VERSION does (DSP0274 1.2 10.3). */
void spdm_connection_reset(struct spdm_connection *conn);
void spdm_connection_free(struct spdm_connection *conn);

/* Processes one request and its response; returns 0 or -EPROTO. */
int spdm_connection_exchange(struct spdm_connection *conn,
			     const uint8_t *request, size_t request_length,
			     const uint8_t *response, size_t response_length);
/*
 * Applies the transcript rules for an ERROR response to request: an
 * ERROR other than ResponseNotReady to GET_MEASUREMENTS clears M.
 */
void spdm_connection_error_response(struct spdm_connection *conn,
				    const uint8_t *request,
				    size_t request_length, uint8_t error_code);

/*
 * Installs a slot object the caller already trusts (a pinned chain) as
 * the complete chain of a slot, validating it. Returns 0 or -EPROTO.
 */
int spdm_connection_set_chain(struct spdm_connection *conn, uint8_t slot_id,
			      const uint8_t *chain, size_t size, bool pinned);

/*
 * Fills result with the negotiated state, the chain of report_slot and the
 * verdict: verified needs no hard failure, a proven possession and every
 * slot that proved it anchored. Copies the buffers (-ENOMEM).
 */
int spdm_connection_conclude(struct spdm_connection *conn,
			     uint8_t report_slot, struct spdm_result *result);

/* Records a hard failure (the first one wins) and returns -EPROTO. */
int spdm_connection_fail(struct spdm_connection *conn,
			 enum spdm_reason reason, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Records a failure that lets the exchange go on (the first one wins). */
void spdm_connection_soft_fail(struct spdm_connection *conn,
			       enum spdm_reason reason, const char *format,
			       ...) __attribute__((format(printf, 3, 4)));
/* Maps a codec error for a response named name to a failure. */
int spdm_connection_fail_decode(struct spdm_connection *conn, int rc,
				const char *name, size_t length);

/*
 * Checks the header of a response to request: the SPDMVersion must equal
 * the request's and the code must be the request's with bit 7 cleared.
 */
int spdm_connection_check_response(struct spdm_connection *conn,
				   const uint8_t *request,
				   const uint8_t *response, size_t length);

/* Maps a codec error for a request named name to a failure. */
int spdm_connection_fail_request(struct spdm_connection *conn, int rc,
				 const char *name);
/* Appends a pair to a transcript buffer; a full buffer is a failure. */
int spdm_connection_record(struct spdm_connection *conn,
			   struct spdm_buffer *buf, const uint8_t *request,
			   size_t request_size, const uint8_t *response,
			   size_t response_size);
/* Checks OpaqueLength against the negotiated opaque data format. */
int spdm_connection_check_opaque(struct spdm_connection *conn,
				 uint16_t opaque_length, const char *name);

/* Forgets a slot's chain before its first portion; keeps its digest. */
void spdm_slot_start_chain(struct spdm_slot *slot);
/* Completes a slot's chain: Length, DIGESTS digest, integrity, anchors. */
int spdm_connection_finish_chain(struct spdm_connection *conn, uint8_t slot_id);
/*
 * Verifies a signature of the responder with the leaf key of a slot over
 * transcript; a bad signature is reason signature-invalid.
 */
int spdm_connection_verify_signature(struct spdm_connection *conn,
				     uint8_t slot_id,
				     enum spdm_signing_context context,
				     const struct spdm_buffer *transcript,
				     const uint8_t *signature,
				     size_t signature_size, const char *name);

/* Handlers, one per exchange (exchange_*.c). */
int spdm_exchange_version(struct spdm_connection *conn, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length);
int spdm_exchange_capabilities(struct spdm_connection *conn,
			       const uint8_t *request, size_t request_length,
			       const uint8_t *response, size_t response_length);
int spdm_exchange_algorithms(struct spdm_connection *conn,
			     const uint8_t *request, size_t request_length,
			     const uint8_t *response, size_t response_length);
int spdm_exchange_digests(struct spdm_connection *conn, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length);
int spdm_exchange_certificate(struct spdm_connection *conn,
			      const uint8_t *request, size_t request_length,
			      const uint8_t *response, size_t response_length);
int spdm_exchange_challenge(struct spdm_connection *conn,
			    const uint8_t *request, size_t request_length,
			    const uint8_t *response, size_t response_length);
int spdm_exchange_measurements(struct spdm_connection *conn,
			       const uint8_t *request, size_t request_length,
			       const uint8_t *response, size_t response_length);

/*
 * Picks the highest major.minor present in entries and within [min, max]
 * among the versions we implement. Returns 0, or -ENOENT when none is
 * common.
 */
int spdm_select_version(const uint16_t *entries, size_t count,
			uint8_t min_version, uint8_t max_version,
			uint8_t *version, uint16_t *entry);

/* Checks a responder's CAPABILITIES flags and sizes for a version. */
int spdm_check_responder_capabilities(struct spdm_connection *conn,
				      uint8_t version,
				      const struct spdm_capabilities *caps);

#endif /* SPDM_REQUESTER_CONNECTION_H */
