/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A scripted transport for the requester tests. A script is a table of
 * steps. Each step expects a request (by code, and optionally by exact
 * bytes), then delivers response bytes, a timeout or a lost link, or
 * passes the request to an in-process responder. A WAIT step expects the
 * requester to ask for a delay of at least some milliseconds. Anything
 * else the requester does fails the running test, so every error path is
 * deterministic.
 */
#ifndef REQUESTER_TEST_SCRIPT_H
#define REQUESTER_TEST_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/requester.h>
#include <spdm/responder.h>

enum script_kind {
	SCRIPT_RESPOND,	  /* deliver response_hex (or response bytes) */
	SCRIPT_FORWARD,	  /* pass the request to the responder */
	SCRIPT_TIMEOUT,	  /* report that no response came */
	SCRIPT_LINK_LOST, /* report that the link failed */
	SCRIPT_WAIT,	  /* expect WAIT of at least min_delay_ms */
};

struct script_step {
	enum script_kind kind;
	uint8_t request_code;	 /* 0: any request */
	const char *request_hex; /* exact request bytes, or NULL */
	const char *response_hex;
	/* Binary response, used when response_hex is NULL. */
	const uint8_t *response;
	size_t response_length;
	unsigned int min_delay_ms;
	/* Changes a forwarded response before it is delivered. */
	void (*edit)(uint8_t *response, size_t *length);
};

#define SCRIPT_MAX_REQUESTS 4096

struct script {
	const struct script_step *steps;
	size_t count;
	/* Optional device behind FORWARD steps. */
	struct spdm_responder *responder;
	/* After the last step, pass every request to the responder. */
	bool forward_rest;
	/*
	 * While forwarding, a request with fail_code (when not 0) gets
	 * fail_kind (SCRIPT_TIMEOUT or SCRIPT_LINK_LOST) instead.
	 */
	uint8_t fail_code;
	enum script_kind fail_kind;
	/* Changes the n-th response forwarded after the steps, when set. */
	void (*edit_rest)(size_t index, uint8_t *response, size_t *length);
	size_t forwarded;
	/* Advanced by each WAIT, for a responder that reads a clock. */
	uint64_t *clock_ms;

	/* Filled while running. */
	size_t position;
	size_t requests;
	uint8_t codes[SCRIPT_MAX_REQUESTS];
	unsigned int waits;
	unsigned int last_timeout_ms;
};

/* Runs req against the script until it is done; fails the test on a deviation. */
void script_run(struct script *script, struct spdm_requester *req);

/* Runs a script without a responder; returns the requester's result. */
const struct spdm_result *script_run_steps(struct spdm_requester *req,
					   const struct script_step *steps,
					   size_t count);

/* Creates a requester with config, or the defaults when config is NULL. */
struct spdm_requester *script_requester(
	const struct spdm_requester_config *config);

/* Asserts the attestation is done, not verified, with this reason. */
void assert_reason(const struct spdm_result *result, enum spdm_reason reason);

/* Decodes hex (blanks allowed) into out; returns the byte count. */
size_t script_hex(const char *hex, uint8_t *out, size_t capacity);

#endif /* REQUESTER_TEST_SCRIPT_H */
