// SPDX-License-Identifier: BSD-3-Clause
/*
 * CHALLENGE_AUTH and MEASUREMENTS signatures, verified over transcripts
 * the test builds itself from the messages exchanged, for every version
 * and key type, and the transcript reset rules of DSP0274 1.2 section 15
 * as libspdm applies them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "helpers.h"

/* One request and its response, as exchanged. */
struct exchange {
	uint8_t request[64];
	size_t request_size;
	uint8_t *response;
	size_t response_size;
};

struct session {
	struct device dev;
	uint8_t version;
	uint32_t asym;
	uint32_t hash;
	struct exchange log[16];
	size_t count;
};

static struct exchange *send_request(struct session *s, const uint8_t *request,
				     size_t size)
{
	struct exchange *e = &s->log[s->count++];

	assert_true(s->count <= 16);
	assert_true(size <= sizeof(e->request));
	memcpy(e->request, request, size);
	e->request_size = size;
	device_send(&s->dev, request, size);
	e->response = malloc(s->dev.response_length);
	assert_non_null(e->response);
	memcpy(e->response, s->dev.response, s->dev.response_length);
	e->response_size = s->dev.response_length;
	return e;
}

static void session_open(struct session *s, const char *algorithm,
			 uint8_t version, uint32_t asym, uint32_t hash)
{
	memset(s, 0, sizeof(*s));
	device_open(&s->dev, algorithm, NULL, NULL);
	device_negotiate(&s->dev, version, asym, hash);
	s->version = version;
	s->asym = asym;
	s->hash = hash;
}

static void session_close(struct session *s)
{
	for (size_t i = 0; i < s->count; i++)
		free(s->log[i].response);
	device_close(&s->dev);
}

static struct exchange *get_digests(struct session *s)
{
	uint8_t request[4] = {s->version, SPDM_GET_DIGESTS};
	struct exchange *e = send_request(s, request, sizeof(request));

	assert_int_equal(e->response[1], SPDM_DIGESTS);
	return e;
}

static struct exchange *get_certificate(struct session *s, uint16_t offset,
					uint16_t length)
{
	uint8_t request[8] = {s->version,
			      SPDM_GET_CERTIFICATE,
			      0,
			      0,
			      (uint8_t)offset,
			      (uint8_t)(offset >> 8),
			      (uint8_t)length,
			      (uint8_t)(length >> 8)};
	struct exchange *e = send_request(s, request, sizeof(request));

	assert_int_equal(e->response[1], SPDM_CERTIFICATE);
	return e;
}

static struct exchange *challenge(struct session *s, uint8_t hash_type)
{
	uint8_t request[36] = {s->version, SPDM_CHALLENGE, 0, hash_type};
	struct exchange *e;

	assert_int_equal(spdm_random_bytes(request + 4, 32), 0);
	e = send_request(s, request, sizeof(request));
	assert_int_equal(e->response[1], SPDM_CHALLENGE_AUTH);
	return e;
}

static struct exchange *get_measurements(struct session *s, uint8_t index,
					 bool sign)
{
	uint8_t request[37] = {s->version, SPDM_GET_MEASUREMENTS, sign ? 1 : 0,
			       index};
	size_t size = 4;

	if (sign) {
		assert_int_equal(spdm_random_bytes(request + 4, 32), 0);
		size = s->version == SPDM_VERSION_10 ? 36 : 37;
	}
	return send_request(s, request, size);
}

/* Appends exchanges to buf; the last one without its signature. */
static void add(struct spdm_buffer *buf, const struct exchange *e,
		size_t signature_size)
{
	record_pair(buf, e->request, e->request_size, e->response,
		    e->response_size - signature_size);
}

/* Verifies the signature at the end of last over A (if with_a) || parts. */
static int verify_over(struct session *s, bool challenge_context, bool with_a,
		       const struct exchange *const *parts, size_t count)
{
	const struct exchange *last = parts[count - 1];
	size_t signature_size = spdm_signature_size(s->asym);
	struct spdm_buffer buf;
	int rc;

	spdm_buffer_init(&buf, 1u << 20);
	if (with_a)
		assert_int_equal(spdm_buffer_append(&buf,
						    s->dev.transcript.a.data,
						    s->dev.transcript.a.size),
				 0);
	for (size_t i = 0; i < count; i++)
		add(&buf, parts[i], i + 1 == count ? signature_size : 0);
	rc = verify_device_signature(
	    s->dev.key, s->version, s->asym, s->hash, challenge_context, &buf,
	    last->response + last->response_size - signature_size,
	    signature_size);
	spdm_buffer_free(&buf);
	return rc;
}

struct key_case {
	const char *algorithm;
	uint32_t asym;
	uint32_t hash;
	uint8_t min_version;
};

static const struct key_case key_cases[] = {
    {"ecp256", SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256, 0x10},
    {"ecp384", SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384, 0x10},
    {"ecp521", SPDM_ASYM_ECDSA_P521, SPDM_HASH_SHA_512, 0x10},
    {"rsa2048", SPDM_ASYM_RSASSA_2048, SPDM_HASH_SHA_256, 0x10},
    {"rsa3072", SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_384, 0x10},
    {"rsa4096", SPDM_ASYM_RSAPSS_4096, SPDM_HASH_SHA_512, 0x10},
    {"ed25519", SPDM_ASYM_EDDSA_ED25519, SPDM_HASH_SHA_384, 0x12},
};

/* The full flow: chain in portions, CHALLENGE, then signed measurements. */
static void check_flow(const struct key_case *key, uint8_t version)
{
	const struct exchange *m1[5];
	const struct exchange *l1[2];
	struct session s;

	session_open(&s, key->algorithm, version, key->asym, key->hash);
	m1[0] = get_digests(&s);
	m1[1] = get_certificate(&s, 0, 400);
	m1[2] = get_certificate(&s, 400, 400);
	m1[3] = get_certificate(&s, 800, 0xffff);
	m1[4] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_ALL);
	assert_int_equal(verify_over(&s, true, true, m1, 5), 0);
	/* From 1.2 on the signing context binds it to CHALLENGE_AUTH. */
	if (version >= SPDM_VERSION_12)
		assert_int_not_equal(verify_over(&s, false, true, m1, 5), 0);

	l1[0] = get_measurements(&s, 1, false);
	l1[1] = get_measurements(&s, SPDM_MEAS_OPERATION_ALL, true);
	assert_int_equal(l1[1]->response[1], SPDM_MEASUREMENTS);
	/* DSP0274 1.2 section 15: L1/L2 starts with A only from 1.2 on. */
	assert_int_equal(
	    verify_over(&s, false, version >= SPDM_VERSION_12, l1, 2), 0);
	session_close(&s);
}

static void signatures_all_keys_and_versions(void **state)
{
	for (size_t i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++) {
		for (uint8_t v = key_cases[i].min_version; v <= 0x12; v++) {
			print_message("%s, version %x.%x\n",
				      key_cases[i].algorithm, v >> 4, v & 0xf);
			check_flow(&key_cases[i], v);
		}
	}
}

static void rsassa_selected_when_only_offered(void **state)
{
	struct session s;
	const struct exchange *m1[1];

	session_open(&s, "rsa3072", 0x12, SPDM_ASYM_RSASSA_3072,
		     SPDM_HASH_SHA_256);
	m1[0] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	assert_int_equal(verify_over(&s, true, true, m1, 1), 0);
	session_close(&s);
}

/* Two CHALLENGEs back to back: the second signs A || C only. */
static void second_challenge_signs_a_and_c(void **state)
{
	const struct exchange *parts[3];
	struct session s;

	session_open(&s, "ecp384", 0x12, SPDM_ASYM_ECDSA_P384,
		     SPDM_HASH_SHA_384);
	parts[0] = get_digests(&s);
	parts[1] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	assert_int_equal(verify_over(&s, true, true, parts, 2), 0);
	parts[2] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	assert_int_equal(verify_over(&s, true, true, &parts[2], 1), 0);
	session_close(&s);
}

/* GET_DIGESTS restarts B: CERTIFICATE, DIGESTS, CHALLENGE signs DIGESTS. */
static void digests_restart_b(void **state)
{
	const struct exchange *parts[3];
	struct session s;

	session_open(&s, "ecp256", 0x11, SPDM_ASYM_ECDSA_P256,
		     SPDM_HASH_SHA_256);
	get_certificate(&s, 0, 0xffff);
	parts[0] = get_digests(&s);
	parts[1] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_TCB);
	assert_int_equal(verify_over(&s, true, true, parts, 2), 0);
	session_close(&s);
}

/* Before a CHALLENGE, GET_MEASUREMENTS drops B and C. */
static void measurements_before_challenge_drop_b(void **state)
{
	const struct exchange *parts[1];
	struct session s;

	session_open(&s, "ecp256", 0x12, SPDM_ASYM_ECDSA_P256,
		     SPDM_HASH_SHA_256);
	get_digests(&s);
	get_certificate(&s, 0, 0xffff);
	get_measurements(&s, 1, false);
	parts[0] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	assert_int_equal(verify_over(&s, true, true, parts, 1), 0);
	session_close(&s);
}

/* After a CHALLENGE, GET_MEASUREMENTS leaves B alone. */
static void measurements_after_challenge_keep_b(void **state)
{
	const struct exchange *parts[2];
	struct session s;

	session_open(&s, "ecp256", 0x12, SPDM_ASYM_ECDSA_P256,
		     SPDM_HASH_SHA_256);
	challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	parts[0] = get_certificate(&s, 0, 0xffff);
	get_measurements(&s, 1, false);
	parts[1] = challenge(&s, SPDM_MEAS_SUMMARY_HASH_NONE);
	assert_int_equal(verify_over(&s, true, true, parts, 2), 0);
	session_close(&s);
}

/* Unsigned exchanges pile up in M until another request clears it. */
static void unsigned_measurements_accumulate(void **state)
{
	const struct exchange *parts[2];
	struct session s;

	session_open(&s, "ecp384", 0x12, SPDM_ASYM_ECDSA_P384,
		     SPDM_HASH_SHA_384);
	get_measurements(&s, 1, false);
	get_measurements(&s, 2, false);
	get_digests(&s);
	parts[0] = get_measurements(&s, 3, false);
	parts[1] = get_measurements(&s, 4, true);
	assert_int_equal(verify_over(&s, false, true, parts, 2), 0);
	session_close(&s);
}

/* An ERROR to GET_MEASUREMENTS clears M on both sides. */
static void measurement_error_clears_m(void **state)
{
	const struct exchange *parts[1];
	struct exchange *error;
	struct session s;

	session_open(&s, "ecp384", 0x11, SPDM_ASYM_ECDSA_P384,
		     SPDM_HASH_SHA_384);
	get_measurements(&s, 1, false);
	error = get_measurements(&s, 0x77, false);
	assert_int_equal(error->response[1], SPDM_ERROR);
	assert_int_equal(error->response[2], SPDM_ERROR_INVALID_REQUEST);
	parts[0] = get_measurements(&s, 2, true);
	assert_int_equal(verify_over(&s, false, false, parts, 1), 0);
	session_close(&s);
}

/* A signed MEASUREMENTS ends M: the next one signs only itself. */
static void signed_measurements_reset_m(void **state)
{
	const struct exchange *parts[1];
	struct session s;

	session_open(&s, "ecp384", 0x10, SPDM_ASYM_ECDSA_P384,
		     SPDM_HASH_SHA_384);
	get_measurements(&s, 1, true);
	parts[0] = get_measurements(&s, 2, true);
	assert_int_equal(verify_over(&s, false, false, parts, 1), 0);
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(signatures_all_keys_and_versions),
	    cmocka_unit_test(rsassa_selected_when_only_offered),
	    cmocka_unit_test(second_challenge_signs_a_and_c),
	    cmocka_unit_test(digests_restart_b),
	    cmocka_unit_test(measurements_before_challenge_drop_b),
	    cmocka_unit_test(measurements_after_challenge_keep_b),
	    cmocka_unit_test(unsigned_measurements_accumulate),
	    cmocka_unit_test(measurement_error_clears_m),
	    cmocka_unit_test(signed_measurements_reset_m),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
