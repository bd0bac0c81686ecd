/* SPDX-License-Identifier: BSD-3-Clause */
/* Private state of the SPDM responder, shared by its source files. */
#ifndef SPDM_RESPONDER_INTERNAL_H
#define SPDM_RESPONDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/crypto.h>
#include <spdm/responder.h>
#include <spdm/transcript.h>

/* Connection states, from GET_VERSION to NEGOTIATE_ALGORITHMS. */
enum responder_connection_state {
	CONNECTION_NOT_STARTED,
	CONNECTION_AFTER_VERSION,
	CONNECTION_AFTER_CAPABILITIES,
	CONNECTION_NEGOTIATED,
};

/* A response being built: the output buffer and its length. */
struct response_buffer {
	uint8_t *data;
	size_t capacity;
	size_t length;
};

/* A large response served through CHUNK_GET (DSP0274 1.2). */
struct chunk_state {
	bool in_use;
	uint8_t handle;
	uint16_t sequence;
	uint8_t *message;
	size_t size;
	size_t sent;
};

/* A request deferred with ERROR ResponseNotReady (DSP0274 1.2). */
struct deferred_request {
	bool pending;
	uint8_t request[256]; /* every deferrable request is shorter */
	size_t length;
	uint8_t token;
	uint64_t ready_at_ms;
	unsigned int given;
};

struct spdm_responder {
	struct spdm_responder_profile profile;
	struct spdm_fault_plan plan; /* without its path strings */
	uint8_t *chain_der[SPDM_MAX_SLOTS];
	size_t chain_der_size[SPDM_MAX_SLOTS];
	EVP_PKEY *key;	    /* signs; a fresh key with wrong-key */
	uint32_t key_algos; /* BaseAsymAlgo bits the device can use */
	struct spdm_measurement_list measurements;

	enum responder_connection_state state;
	uint8_t version; /* 0 until GET_CAPABILITIES fixed it */
	bool authenticated;
	uint32_t requester_flags;
	uint32_t requester_data_transfer_size;
	uint32_t requester_max_spdm_msg_size;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint32_t measurement_hash_algo;
	uint8_t measurement_specification;
	uint8_t other_params;
	/* Slot objects built with the negotiated hash. */
	uint8_t *slots[SPDM_MAX_SLOTS];
	size_t slot_sizes[SPDM_MAX_SLOTS];
	struct spdm_transcript transcript;

	struct chunk_state chunk;
	struct deferred_request deferred;

	unsigned int answered;
	unsigned int busy_given[SPDM_RESPONDER_MAX_FAULT_RULES];
	bool resynch_done;
	uint8_t *replay;
	size_t replay_size;
};

/* Adds a fault name to the disposition's list for the log. */
void disposition_note(struct spdm_disposition *disposition, const char *fault);

/* Response building (responder.c). */
int response_error(struct spdm_responder *resp, struct response_buffer *out,
		   uint8_t code, uint8_t data);
int response_error_ext(struct spdm_responder *resp, struct response_buffer *out,
		       uint8_t code, uint8_t data, const uint8_t *ext,
		       size_t ext_length);
uint8_t response_version(const struct spdm_responder *resp);
uint32_t responder_advertised_flags(const struct spdm_responder *resp);
bool responder_has_cap(const struct spdm_responder *resp, uint32_t flag);
bool chunking_negotiated(const struct spdm_responder *resp);
void connection_reset(struct spdm_responder *resp);
/* Clears transcripts as libspdm does before responding to request_code. */
void transcript_reset_for_request(struct spdm_responder *resp,
				  uint8_t request_code);
int transcript_append(struct spdm_buffer *buf, const uint8_t *request,
		      size_t request_size, const uint8_t *response,
		      size_t response_size);

/* Handlers, one per request. Each writes a response or an ERROR. */
int handle_get_version(struct spdm_responder *resp, const uint8_t *request,
		       size_t length, struct response_buffer *out);
int handle_get_capabilities(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out);
int handle_negotiate_algorithms(struct spdm_responder *resp,
				const uint8_t *request, size_t length,
				struct response_buffer *out);
int handle_get_digests(struct spdm_responder *resp, const uint8_t *request,
		       size_t length, struct response_buffer *out);
int handle_get_certificate(struct spdm_responder *resp, const uint8_t *request,
			   size_t length, struct response_buffer *out);
int handle_challenge(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out);
int handle_get_measurements(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out);
int handle_chunk_get(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out);

/* Certificate slots (certificates.c). */
int slots_build(struct spdm_responder *resp);
void slots_free(struct spdm_responder *resp);
uint8_t slot_mask(const struct spdm_responder *resp);
int slot_digest(const struct spdm_responder *resp, uint8_t slot,
		uint8_t *digest);

/* Measurements (measurements.c). */
int measurement_summary_hash(struct spdm_responder *resp, uint8_t hash_type,
			     uint8_t *digest);

/*
 * Sets the opaque data of CHALLENGE_AUTH and MEASUREMENTS: none, or as
 * many zero bytes as the opaque=N fault sets (signing.c).
 */
void responder_opaque_data(const struct spdm_responder *resp,
			   uint16_t *length, const uint8_t **data);

/* Signatures with the prefix fault applied (signing.c). */
int responder_sign(struct spdm_responder *resp,
		   enum spdm_signing_context context, const uint8_t *data,
		   size_t length, uint8_t *signature, size_t signature_size);

/*
 * Turns a response too large for one transfer into ERROR LargeResponse
 * (or ResponseTooLarge) and keeps it for CHUNK_GET (chunk.c).
 */
int chunk_large_response(struct spdm_responder *resp,
			 struct response_buffer *out);
void chunk_reset(struct spdm_responder *resp);

/* ResponseNotReady and RESPOND_IF_READY (not_ready.c). */
bool not_ready_applies(const struct spdm_responder *resp,
		       const uint8_t *request, size_t length);
int not_ready_defer(struct spdm_responder *resp, const uint8_t *request,
		    size_t length, struct response_buffer *out);
int handle_respond_if_ready(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out,
			    struct spdm_disposition *disposition);
uint64_t responder_now_ms(const struct spdm_responder *resp);

/* Answers a request with the handler for its code (responder.c). */
int dispatch_request(struct spdm_responder *resp, const uint8_t *request,
		     size_t length, struct response_buffer *out);

#endif /* SPDM_RESPONDER_INTERNAL_H */
