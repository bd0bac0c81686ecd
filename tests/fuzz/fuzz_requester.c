// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the requester with an arbitrary sequence of responses.
 *
 * Input: one configuration byte, then records (fuzz_common.h). Each SEND
 * action takes the next record as the response; a timeout mark reports a
 * timeout and the end of the input a lost link. The configuration byte:
 *   bits 1:0  versions: 1.0-1.2, 1.0 only, up to 1.1, 1.2 only
 *   bit 2     FLOW_SIGNED_MEASUREMENTS instead of FLOW_ATTEST
 *   bit 3     no measurements
 *   bit 4     trust anchors (the DMTF sample roots) instead of none
 *   bit 5     slot 1
 *   bit 6     measurement indices 1, 2 and 0x10 instead of all
 *   bit 7     DataTransferSize 42 and MaxSPDMmsgSize 4096 (chunking)
 */
#include <stdlib.h>
#include <string.h>

#include <spdm/requester.h>

#include "fuzz_common.h"
#include "fuzz_requester_config.h"

/* Actions one input may cause; far more than its records allow. */
#define MAX_ACTIONS 100000

static struct spdm_trust *trust;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	trust = fuzz_sample_trust();
	return 0;
}

static void check_result(const struct spdm_result *result)
{
	/* requester.h: verified exactly when the reason is "none". */
	if (!result->done)
		abort();
	if (result->verified != (result->reason == SPDM_REASON_NONE))
		abort();
	if (result->verified &&
	    !(result->chain_anchored && result->possession_proven))
		abort();
	if (result->cert_chain_size > SPDM_MAX_CERT_CHAIN_SIZE)
		abort();
	if (result->evidence.count > SPDM_EVIDENCE_MAX_MESSAGES ||
	    result->evidence.total_bytes > SPDM_EVIDENCE_MAX_TOTAL_SIZE)
		abort();
	if (strnlen(result->detail, SPDM_DETAIL_SIZE) == SPDM_DETAIL_SIZE)
		abort();
}

static void deliver(struct spdm_requester *req, struct fuzz_input *input)
{
	const uint8_t *response = NULL;
	size_t length = 0;

	switch (fuzz_input_record(input, &response, &length)) {
	case FUZZ_RECORD_MESSAGE:
		spdm_requester_handle_response(req, response, length);
		break;
	case FUZZ_RECORD_TIMEOUT_MARK:
		spdm_requester_handle_timeout(req);
		break;
	case FUZZ_RECORD_END:
		spdm_requester_handle_link_lost(req);
		break;
	}
}

static void run(struct spdm_requester *req, struct fuzz_input *input)
{
	struct spdm_action action;

	for (unsigned int i = 0; i < MAX_ACTIONS; i++) {
		spdm_requester_next(req, &action);
		if (action.type == SPDM_ACTION_DONE) {
			check_result(spdm_requester_result(req));
			return;
		}
		if (action.type == SPDM_ACTION_SEND) {
			if (!action.request || !action.request_length)
				abort();
			deliver(req, input);
		}
	}
	/* The retry bounds must end every attestation. */
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdm_requester_config config;
	struct spdm_requester *req;
	struct spdm_result result;
	struct fuzz_input input;
	uint8_t selector = 0;

	fuzz_random_reset();
	fuzz_input_init(&input, data, size);
	fuzz_input_byte(&input, &selector);
	fuzz_requester_config(&config, selector, trust);
	if (spdm_requester_new(&config, &req))
		abort();
	run(req, &input);
	spdm_requester_take_result(req, &result);
	spdm_requester_free(req);
	spdm_result_clear(&result);
	return 0;
}
