// SPDX-License-Identifier: BSD-3-Clause
/*
 * Generates seed corpora from the DMTF sample keys and recorded
 * conversations, so no copy of them is kept in the repository.
 *
 * Usage: fuzz_seeds OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/responder.h>

#include "fuzz_common.h"
#include "fuzz_requester_config.h"
#include "seeds.h"

/* A variation of the requester and the device it talks to. */
struct variant {
	const char *name;
	uint8_t requester_selector;
	const char *faults[3];
	bool chunk;
};

static const struct variant variants[] = {
    {.name = "all",
     .requester_selector = FUZZ_REQ_VERSIONS_ALL | FUZZ_REQ_TRUST},
    {.name = "v10",
     .requester_selector = FUZZ_REQ_VERSIONS_10 | FUZZ_REQ_TRUST},
    {.name = "v11",
     .requester_selector = FUZZ_REQ_VERSIONS_11 | FUZZ_REQ_TRUST},
    {.name = "v12",
     .requester_selector = FUZZ_REQ_VERSIONS_12 | FUZZ_REQ_TRUST},
    {.name = "untrusted", .requester_selector = FUZZ_REQ_VERSIONS_ALL},
    {.name = "signed",
     .requester_selector = FUZZ_REQ_SIGNED_MEASUREMENTS | FUZZ_REQ_TRUST},
    {.name = "slot1-indices",
     .requester_selector = FUZZ_REQ_SLOT_1 | FUZZ_REQ_INDICES | FUZZ_REQ_TRUST},
    {.name = "no-measurements",
     .requester_selector = FUZZ_REQ_NO_MEASUREMENTS | FUZZ_REQ_TRUST},
    {.name = "chunk",
     .requester_selector =
	 FUZZ_REQ_VERSIONS_12 | FUZZ_REQ_SMALL_TRANSFER | FUZZ_REQ_TRUST,
     .chunk = true},
    {.name = "busy",
     .requester_selector = FUZZ_REQ_TRUST,
     .faults = {"busy-at=GET_CERTIFICATE:2"}},
    {.name = "not-ready",
     .requester_selector = FUZZ_REQ_TRUST,
     .faults = {"not-ready=3,2"}},
    {.name = "portions",
     .requester_selector = FUZZ_REQ_TRUST,
     .faults = {"cert-portion=100"}},
    {.name = "resynch",
     .requester_selector = FUZZ_REQ_TRUST,
     .faults = {"resynch-at=CHALLENGE"}},
};

static uint64_t clock_now_ms;

static uint64_t seed_clock(void *data)
{
	(void)data;
	return clock_now_ms;
}

static int make_responder(const struct fuzz_sample_key *key,
			  const struct variant *variant,
			  struct spdm_responder **resp)
{
	struct spdm_responder_profile profile;
	struct spdm_fault_plan plan;
	uint8_t *chains[2];
	size_t sizes[2];
	char error[256];
	int rc = -1;

	memset(&plan, 0, sizeof(plan));
	spdm_responder_profile_default(&profile);
	profile.private_key = fuzz_sample_private_key(key->folder);
	chains[0] = fuzz_sample_chain(key->folder, 0, &sizes[0]);
	chains[1] = fuzz_sample_chain(key->folder, 1, &sizes[1]);
	for (size_t i = 0; i < 2; i++) {
		profile.chains[i] = chains[i];
		profile.chain_sizes[i] = sizes[i];
	}
	profile.clock_ms = seed_clock;
	if (variant->chunk)
		profile.capabilities |= SPDM_CAP_CHUNK;
	for (size_t i = 0; variant->faults[i]; i++)
		if (spdm_fault_plan_add(&plan, variant->faults[i], error,
					sizeof(error)))
			fprintf(stderr, "fuzz_seeds: fault %s: %s\n",
				variant->faults[i], error);
	if (profile.private_key && chains[0] && chains[1])
		rc = spdm_responder_new(&profile, &plan, resp);
	spdm_fault_plan_clear(&plan);
	EVP_PKEY_free(profile.private_key);
	free(chains[0]);
	free(chains[1]);
	return rc;
}

/* Passes one request to the responder and its response to the requester. */
static bool exchange(struct spdm_requester *req, struct spdm_responder *resp,
		     const struct spdm_action *action, struct seed_run *run)
{
	static uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	struct spdm_disposition disposition;
	size_t length = 0;
	int rc;

	seed_buffer_record(&run->requests, action->request,
			   action->request_length);
	fuzz_random_select(FUZZ_RANDOM_PEER);
	rc = spdm_responder_handle(resp, action->request,
				   action->request_length, response,
				   sizeof(response), &length, &disposition);
	fuzz_random_select(FUZZ_RANDOM_MAIN);
	if (rc || disposition.action == SPDM_DISPOSITION_CLOSE) {
		spdm_requester_handle_link_lost(req);
		return false;
	}
	if (disposition.action == SPDM_DISPOSITION_DROP) {
		uint8_t mark[2] = {0xff, 0xff};

		seed_buffer_append(&run->responses, mark, sizeof(mark));
		spdm_requester_handle_timeout(req);
		return true;
	}
	seed_buffer_record(&run->responses, response, length);
	spdm_requester_handle_response(req, response, length);
	return true;
}

static void converse(struct spdm_requester *req, struct spdm_responder *resp,
		     struct seed_run *run)
{
	struct spdm_action action;

	for (unsigned int i = 0; i < 10000; i++) {
		spdm_requester_next(req, &action);
		if (action.type == SPDM_ACTION_DONE)
			return;
		if (action.type == SPDM_ACTION_WAIT)
			clock_now_ms += action.delay_ms;
		else if (!exchange(req, resp, &action, run))
			return;
	}
}

static int run_variant(const char *out, struct spdm_trust *trust,
		       size_t key_index, const struct variant *variant)
{
	const struct fuzz_sample_key *key = &fuzz_sample_keys[key_index];
	struct spdm_requester_config config;
	struct spdm_responder *resp;
	struct spdm_requester *req;
	struct seed_run run = {0};
	char name[128];
	int rc;

	if (key->base_asym_algo == SPDM_ASYM_EDDSA_ED25519 &&
	    (variant->requester_selector & FUZZ_REQ_VERSIONS_MASK) !=
		FUZZ_REQ_VERSIONS_12)
		return 0;
	fuzz_random_reset();
	clock_now_ms = 1000;
	fuzz_requester_config(&config, variant->requester_selector, trust);
	if (make_responder(key, variant, &resp) ||
	    spdm_requester_new(&config, &req)) {
		fprintf(stderr, "fuzz_seeds: cannot set up %s %s\n",
			key->folder, variant->name);
		return -1;
	}
	snprintf(name, sizeof(name), "gen-%s-%s", key->folder, variant->name);
	run.name = name;
	run.requester_selector = variant->requester_selector;
	/* fuzz_responder: the key index, with slot 1 and chunking. */
	run.responder_selector =
	    (uint8_t)(key_index | 0x08 | (variant->chunk ? 0x80 : 0));
	seed_buffer_append(&run.responses, &run.requester_selector, 1);
	seed_buffer_append(&run.requests, &run.responder_selector, 1);
	converse(req, resp, &run);
	spdm_requester_take_result(req, &run.result);
	printf("%s: %s\n", name,
	       run.result.verified ? "verified"
				   : spdm_reason_name(run.result.reason));
	rc = seeds_write_run(out, &run);
	spdm_result_clear(&run.result);
	seed_buffer_free(&run.responses);
	seed_buffer_free(&run.requests);
	spdm_requester_free(req);
	spdm_responder_free(resp);
	return rc;
}

int main(int argc, char **argv)
{
	struct spdm_trust *trust;
	int failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: fuzz_seeds OUT\n");
		return 2;
	}
	trust = fuzz_sample_trust();
	if (!trust) {
		fprintf(stderr, "fuzz_seeds: no sample keys under %s\n",
			fuzz_testdata_path(""));
		return 1;
	}
	if (seeds_prepare(argv[1]))
		return 1;
	for (size_t k = 0; k < fuzz_sample_key_count; k++)
		for (size_t v = 0; v < sizeof(variants) / sizeof(variants[0]);
		     v++)
			if (run_variant(argv[1], trust, k, &variants[v]))
				failed = 1;
	if (seeds_write_static(argv[1]))
		failed = 1;
	spdm_trust_free(trust);
	return failed;
}
