// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the responder with an arbitrary sequence of requests.
 *
 * Input: one configuration byte, then records (fuzz_common.h), each one
 * request. The configuration byte:
 *   bits 2:0  the DMTF sample key and chain (fuzz_sample_keys, modulo)
 *   bit 3     a second chain in slot 1
 *   bits 6:4  one of the fault sets below
 *   bit 7     MaxSPDMmsgSize and DataTransferSize of 4096 (more chunks)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/responder.h>

#include "fuzz_common.h"

struct sample_device {
	EVP_PKEY *key;
	/*
	 * The key of the wrong-key fault, generated at its first use and
	 * kept, because an RSA 4096 key takes seconds to generate: once per
	 * input, it ran into libFuzzer's 10 s timeout.
	 */
	EVP_PKEY *wrong_key;
	uint32_t base_asym_algo;
	uint8_t *chains[2];
	size_t chain_sizes[2];
};

static struct sample_device devices[8];
static size_t device_count;
static uint64_t clock_now_ms;
static uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];

/* Fault sets, written as on spdm-responder's command line. */
static const char *const fault_sets[8][4] = {
    {NULL},
    {"cert-portion=17", NULL},
    {"busy-at=GET_DIGESTS:1", "not-ready=5,2", NULL},
    {"chunk=64", NULL},
    {"versions=1.1,1.2", "prefix=always", NULL},
    {"resynch-at=CHALLENGE", "late-duplicate", NULL},
    {"digest-mismatch", "root-hash-mismatch", "cert-chain-hash-wrong", NULL},
    {"wrong-key", "portion-zero", NULL},
};

static void load_device(const struct fuzz_sample_key *sample)
{
	struct sample_device *device = &devices[device_count];

	device->key = fuzz_sample_private_key(sample->folder);
	device->chains[0] =
	    fuzz_sample_chain(sample->folder, 0, &device->chain_sizes[0]);
	device->chains[1] =
	    fuzz_sample_chain(sample->folder, 1, &device->chain_sizes[1]);
	device->base_asym_algo = sample->base_asym_algo;
	if (device->key && device->chains[0] && device->chains[1])
		device_count++;
}

static int build_plan(struct spdm_fault_plan *plan, unsigned int set)
{
	char error[256];

	memset(plan, 0, sizeof(*plan));
	for (size_t i = 0; fault_sets[set][i]; i++) {
		if (spdm_fault_plan_add(plan, fault_sets[set][i], error,
					sizeof(error))) {
			fprintf(stderr, "fuzz_responder: fault '%s': %s\n",
				fault_sets[set][i], error);
			spdm_fault_plan_clear(plan);
			return -1;
		}
	}
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct spdm_fault_plan plan;

	(void)argc;
	(void)argv;
	for (size_t i = 0; i < fuzz_sample_key_count; i++)
		load_device(&fuzz_sample_keys[i]);
	if (!device_count) {
		fprintf(stderr, "fuzz_responder: no sample keys under %s\n",
			fuzz_testdata_path(""));
		abort();
	}
	for (unsigned int set = 0; set < 8; set++) {
		if (build_plan(&plan, set))
			abort();
		spdm_fault_plan_clear(&plan);
	}
	return 0;
}

static uint64_t fuzz_clock(void *data)
{
	(void)data;
	return clock_now_ms;
}

static struct sample_device *selected_device(uint8_t selector)
{
	return &devices[selector % 8 % device_count];
}

static EVP_PKEY *wrong_key_of(struct sample_device *device)
{
	if (!device->wrong_key)
		device->wrong_key =
		    spdm_responder_generate_key_like(device->key);
	return device->wrong_key;
}

static void make_profile(struct spdm_responder_profile *profile,
			 uint8_t selector)
{
	const struct sample_device *device = selected_device(selector);

	spdm_responder_profile_default(profile);
	profile->private_key = device->key;
	profile->chains[0] = device->chains[0];
	profile->chain_sizes[0] = device->chain_sizes[0];
	if (selector & 0x08) {
		profile->chains[1] = device->chains[1];
		profile->chain_sizes[1] = device->chain_sizes[1];
	}
	if (selector & 0x80) {
		profile->capabilities |= SPDM_CAP_CHUNK;
		profile->data_transfer_size = 4096;
		profile->max_spdm_msg_size = 4096;
	}
	profile->clock_ms = fuzz_clock;
}

static void answer(struct spdm_responder *resp, const uint8_t *request,
		   size_t length)
{
	struct spdm_disposition disposition;
	size_t response_length = 0;
	int rc;

	clock_now_ms += 7;
	rc = spdm_responder_handle(resp, request, length, response,
				   sizeof(response), &response_length,
				   &disposition);
	if (rc)
		return;
	if (response_length > sizeof(response))
		abort();
	if (disposition.action == SPDM_DISPOSITION_SEND && response_length < 4)
		abort();
	if (!memchr(disposition.faults, 0, sizeof(disposition.faults)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdm_responder_profile profile;
	struct spdm_fault_plan plan;
	struct spdm_responder *resp;
	struct fuzz_input input;
	const uint8_t *request;
	uint8_t selector = 0;
	size_t length;

	fuzz_random_reset();
	clock_now_ms = 1000;
	fuzz_input_init(&input, data, size);
	fuzz_input_byte(&input, &selector);
	make_profile(&profile, selector);
	if (build_plan(&plan, (selector >> 4) & 0x07))
		abort();
	if (plan.wrong_key)
		profile.wrong_key = wrong_key_of(selected_device(selector));
	if (spdm_responder_new(&profile, &plan, &resp)) {
		spdm_fault_plan_clear(&plan);
		return 0;
	}
	for (;;) {
		enum fuzz_record_kind kind =
		    fuzz_input_record(&input, &request, &length);

		if (kind == FUZZ_RECORD_END)
			break;
		if (kind == FUZZ_RECORD_MESSAGE)
			answer(resp, request, length);
		else
			clock_now_ms += 1000;
	}
	spdm_responder_free(resp);
	spdm_fault_plan_clear(&plan);
	return 0;
}
