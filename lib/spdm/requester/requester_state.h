/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * State of the live requester: where the flow is, the request in flight
 * and the bounded retries. Private to lib/spdm/requester.
 */
#ifndef SPDM_REQUESTER_STATE_H
#define SPDM_REQUESTER_STATE_H

#include <spdm/requester.h>
#include <spdm/transcript.h>

#include "connection.h"

/* Largest request we send: a 1.1+ signed GET_MEASUREMENTS is 37 bytes. */
#define SPDM_REQUEST_MAX_SIZE 64
/* GET_CERTIFICATE Length before 1.2, where no DataTransferSize exists. */
#define SPDM_CERT_PORTION_DEFAULT 1024

enum spdm_requester_step {
	SPDM_STEP_VERSION,
	SPDM_STEP_CAPABILITIES,
	SPDM_STEP_ALGORITHMS,
	SPDM_STEP_DIGESTS,
	SPDM_STEP_CERTIFICATE,
	SPDM_STEP_CHALLENGE,
	SPDM_STEP_MEASUREMENTS,
};

enum spdm_requester_state {
	SPDM_STATE_BUILD, /* the next request of the flow is to be built */
	SPDM_STATE_SEND,  /* wire contains a request to send */
	SPDM_STATE_AWAIT, /* wire was sent, a response is awaited */
	SPDM_STATE_WAIT,  /* wait delay_ms, then send wire */
	SPDM_STATE_DONE,
};

struct spdm_requester {
	struct spdm_requester_config config;
	struct spdm_connection conn;
	struct spdm_result result;

	enum spdm_requester_step step;
	enum spdm_requester_state state;
	uint8_t version; /* selected from VERSION */

	/* The request of the current exchange, as it enters transcripts. */
	uint8_t request[SPDM_REQUEST_MAX_SIZE];
	size_t request_length;
	/* What is sent: the request, RESPOND_IF_READY or CHUNK_GET. */
	uint8_t wire[SPDM_REQUEST_MAX_SIZE];
	size_t wire_length;
	unsigned int timeout_ms;
	unsigned int delay_ms;

	/* Per exchange, reset when it completes. */
	unsigned int busy_retries;
	unsigned int not_ready_retries;
	/* Per attestation. */
	unsigned int restarts;
	/* Timeouts and delays handed out, against max_total_wait_ms. */
	unsigned int granted_wait_ms;

	/* LargeResponse reassembly (DSP0274 1.2 CHUNK_GET). */
	bool chunk_active;
	uint8_t chunk_handle;
	uint16_t chunk_seq_no;
	size_t chunk_total;
	struct spdm_buffer chunk_message;

	size_t measurement_position;
	uint8_t challenge_nonce[SPDM_NONCE_SIZE];
	uint8_t measurement_nonce[SPDM_NONCE_SIZE];
};

/* flow.c */
int spdm_requester_build_request(struct spdm_requester *req);
void spdm_requester_advance(struct spdm_requester *req);
unsigned int spdm_requester_timeout(const struct spdm_requester *req,
				    uint8_t code);

/* requester.c */
void spdm_requester_finish(struct spdm_requester *req);
void spdm_requester_fail(struct spdm_requester *req, enum spdm_reason reason,
			 const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* Processes the complete response to the current request. */
void spdm_requester_complete_exchange(struct spdm_requester *req,
				      const uint8_t *response, size_t length);
/* Adds a pair to the evidence; returns 0 or fails the attestation. */
int spdm_requester_record(struct spdm_requester *req, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length);
/* Sets wire to a message of length bytes and schedules it. */
void spdm_requester_send(struct spdm_requester *req, const uint8_t *message,
			 size_t length, unsigned int delay_ms);

/* errors.c */
void spdm_requester_handle_error(struct spdm_requester *req,
				 const uint8_t *response, size_t length);
/* Sends CHUNK_GET for the current handle and sequence number. */
void spdm_requester_send_chunk_get(struct spdm_requester *req);
void spdm_requester_handle_chunk(struct spdm_requester *req,
				 const uint8_t *response, size_t length);

#endif /* SPDM_REQUESTER_STATE_H */
