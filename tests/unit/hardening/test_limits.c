// SPDX-License-Identifier: BSD-3-Clause
/*
 * The requester's caps on what a device controls: the total of timeouts
 * and delays of one attestation (max_total_wait_ms) and the number of
 * CERTIFICATE portions of one chain (SPDM_MAX_CERT_PORTIONS).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/requester.h>
#include <spdm/responder.h>

/* What one run handed out and sent. */
struct run_totals {
	unsigned long long granted_ms;
	unsigned int requests;
	unsigned int certificate_requests;
};

static uint8_t *read_testdata(const char *relative, size_t *size)
{
	const char *root = getenv("SPDM_TESTDATA");
	char path[4096];
	uint8_t *data;
	FILE *file;
	long length;

	assert_non_null(root);
	snprintf(path, sizeof(path), "%s/%s", root, relative);
	file = fopen(path, "rb");
	assert_non_null(file);
	assert_int_equal(fseek(file, 0, SEEK_END), 0);
	length = ftell(file);
	assert_true(length > 0);
	rewind(file);
	data = malloc((size_t)length);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)length, file), (size_t)length);
	fclose(file);
	*size = (size_t)length;
	return data;
}

/*
 * Runs req against resp, or sends response back for every request when
 * resp is NULL, and adds up what the requester handed out.
 */
static void run(struct spdm_requester *req, struct spdm_responder *resp,
		const uint8_t *response, size_t response_length,
		struct run_totals *totals)
{
	static uint8_t answer[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	struct spdm_disposition disposition;
	struct spdm_action action;
	size_t length;

	memset(totals, 0, sizeof(*totals));
	for (unsigned int i = 0; i < 100000; i++) {
		spdm_requester_next(req, &action);
		if (action.type == SPDM_ACTION_DONE)
			return;
		if (action.type == SPDM_ACTION_WAIT) {
			totals->granted_ms += action.delay_ms;
			continue;
		}
		totals->granted_ms += action.timeout_ms;
		totals->requests++;
		if (action.request[1] == SPDM_GET_CERTIFICATE)
			totals->certificate_requests++;
		if (!resp) {
			spdm_requester_handle_response(req, response,
						       response_length);
			continue;
		}
		assert_int_equal(spdm_responder_handle(resp, action.request,
						       action.request_length,
						       answer, sizeof(answer),
						       &length, &disposition),
				 0);
		spdm_requester_handle_response(req, answer, length);
	}
	fail_msg("the requester did not finish in 100000 actions");
}

/* A device that is always Busy, with retries that never run out. */
static void test_wait_budget_stops_busy_device(void **state)
{
	static const uint8_t busy[] = {0x10, SPDM_ERROR, SPDM_ERROR_BUSY, 0};
	struct spdm_requester_config config;
	const struct spdm_result *result;
	struct spdm_requester *req;
	struct run_totals totals;

	(void)state;
	spdm_requester_config_default(&config);
	config.busy_retry_max = 1000000;
	config.max_total_wait_ms = 20000;
	assert_int_equal(spdm_requester_new(&config, &req), 0);
	run(req, NULL, busy, sizeof(busy), &totals);
	result = spdm_requester_result(req);

	assert_true(result->done);
	assert_int_equal(result->reason, SPDM_REASON_RESOURCE_LIMIT);
	assert_true(totals.granted_ms <= config.max_total_wait_ms);
	/* It went close to the budget: each step is at most 1100 ms. */
	assert_true(totals.granted_ms + 1100 > config.max_total_wait_ms);
	assert_true(totals.requests > 10);
	spdm_requester_free(req);
}

static void test_wait_budget_default(void **state)
{
	struct spdm_requester_config config;

	(void)state;
	spdm_requester_config_default(&config);
	assert_int_equal(config.max_total_wait_ms, 300000);
}

/* 1-byte portions of a chain longer than SPDM_MAX_CERT_PORTIONS bytes. */
static void test_portion_cap(void **state)
{
	struct spdm_requester_config config;
	struct spdm_responder_profile profile;
	const struct spdm_result *result;
	struct spdm_fault_plan plan = {0};
	struct spdm_requester *req;
	struct spdm_responder *resp;
	struct run_totals totals;
	char error[128];
	size_t chain_size;
	uint8_t *chain;
	char path[4096];

	(void)state;
	chain = read_testdata("dmtf-sample-keys/rsa4096/"
			      "bundle_responder.certchain.der",
			      &chain_size);
	assert_true(chain_size > SPDM_MAX_CERT_PORTIONS);
	spdm_responder_profile_default(&profile);
	snprintf(path, sizeof(path),
		 "%s/dmtf-sample-keys/rsa4096/end_responder.key",
		 getenv("SPDM_TESTDATA"));
	profile.private_key = spdm_load_private_key(path);
	assert_non_null(profile.private_key);
	profile.chains[0] = chain;
	profile.chain_sizes[0] = chain_size;
	assert_int_equal(
	    spdm_fault_plan_add(&plan, "cert-portion=1", error, sizeof(error)),
	    0);
	assert_int_equal(spdm_responder_new(&profile, &plan, &resp), 0);

	spdm_requester_config_default(&config);
	/* Only the portion cap may stop this run. */
	config.max_total_wait_ms = 0;
	assert_int_equal(spdm_requester_new(&config, &req), 0);
	run(req, resp, NULL, 0, &totals);
	result = spdm_requester_result(req);

	assert_true(result->done);
	assert_int_equal(result->reason, SPDM_REASON_RESOURCE_LIMIT);
	assert_int_equal(totals.certificate_requests,
			 SPDM_MAX_CERT_PORTIONS + 1);
	assert_non_null(strstr(result->detail, "portions"));

	spdm_requester_free(req);
	spdm_responder_free(resp);
	spdm_fault_plan_clear(&plan);
	EVP_PKEY_free(profile.private_key);
	free(chain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wait_budget_stops_busy_device),
	    cmocka_unit_test(test_wait_budget_default),
	    cmocka_unit_test(test_portion_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
