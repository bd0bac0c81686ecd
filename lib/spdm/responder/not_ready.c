// SPDX-License-Identifier: BSD-3-Clause
/*
 * The not-ready=MS[,N] fault: ERROR ResponseNotReady, then the real
 * response to RESPOND_IF_READY once MS milliseconds have passed
 * (DSP0274 1.2, ERROR ResponseNotReady and RESPOND_IF_READY).
 */
#include <errno.h>
#include <string.h>

#include <spdm/messages.h>

#include "internal.h"

/* DSP0274 1.2 ResponseNotReady: RDTM "shall be greater than 1". */
#define NOT_READY_RDTM 2

bool not_ready_applies(const struct spdm_responder *resp,
		       const uint8_t *request, size_t length)
{
	const struct spdm_fault_plan *plan = &resp->plan;

	if (!plan->not_ready_set ||
	    resp->deferred.given >= plan->not_ready_count)
		return false;
	if (resp->state != CONNECTION_NEGOTIATED ||
	    request[0] != resp->version ||
	    length > sizeof(resp->deferred.request))
		return false;
	/* DSP0274 1.2: never for GET_VERSION, GET_CAPABILITIES or
	 * NEGOTIATE_ALGORITHMS. */
	switch (request[1]) {
	case SPDM_GET_DIGESTS:
	case SPDM_GET_CERTIFICATE:
	case SPDM_CHALLENGE:
	case SPDM_GET_MEASUREMENTS:
		return true;
	default:
		return false;
	}
}

/* RDTExponent: the smallest e with 2^e microseconds >= the delay. */
static uint8_t rdt_exponent(unsigned int delay_ms)
{
	uint64_t delay_us = (uint64_t)delay_ms * 1000u;
	uint8_t exponent = 0;

	while (exponent < SPDM_MAX_CT_EXPONENT &&
	       (UINT64_C(1) << exponent) < delay_us)
		exponent++;
	return exponent;
}

static int answer_not_ready(struct spdm_responder *resp,
			    struct response_buffer *out)
{
	const struct deferred_request *deferred = &resp->deferred;
	uint8_t ext[4] = {
	    rdt_exponent(resp->plan.not_ready_ms),
	    deferred->request[1],
	    deferred->token,
	    NOT_READY_RDTM,
	};

	return response_error_ext(resp, out, SPDM_ERROR_RESPONSE_NOT_READY, 0,
				  ext, sizeof(ext));
}

int not_ready_defer(struct spdm_responder *resp, const uint8_t *request,
		    size_t length, struct response_buffer *out)
{
	struct deferred_request *deferred = &resp->deferred;

	memcpy(deferred->request, request, length);
	deferred->length = length;
	deferred->pending = true;
	deferred->token++;
	deferred->ready_at_ms =
	    responder_now_ms(resp) + resp->plan.not_ready_ms;
	if (resp->plan.not_ready_count != SPDM_FAULT_FOREVER)
		deferred->given++;
	return answer_not_ready(resp, out);
}

int handle_respond_if_ready(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out,
			    struct spdm_disposition *disposition)
{
	struct deferred_request *deferred = &resp->deferred;
	struct spdm_respond_if_ready req;

	if (request[0] != response_version(resp) || !resp->version)
		return response_error(resp, out, SPDM_ERROR_VERSION_MISMATCH,
				      0);
	if (!deferred->pending)
		return response_error(resp, out, SPDM_ERROR_UNEXPECTED_REQUEST,
				      0);
	/* DSP0274 1.2 RESPOND_IF_READY: the original code and the token. */
	if (spdm_decode_respond_if_ready(&req, request, length) ||
	    req.header.param1 != deferred->request[1] ||
	    req.header.param2 != deferred->token)
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	if (responder_now_ms(resp) < deferred->ready_at_ms) {
		disposition_note(disposition, "not-ready");
		return answer_not_ready(resp, out);
	}
	deferred->pending = false;
	return dispatch_request(resp, deferred->request, deferred->length, out);
}
