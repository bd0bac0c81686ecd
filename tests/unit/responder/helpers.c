// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "helpers.h"

static uint64_t test_clock(void *data)
{
	const struct device *dev = data;

	return dev->clock_ms;
}

static void load_identity(struct device *dev, const char *algorithm)
{
	char path[256];

	snprintf(path, sizeof(path), "dmtf-sample-keys/%s/end_responder.key",
		 algorithm);
	dev->key = spdm_load_private_key(test_path("SPDM_TESTDATA", path));
	assert_non_null(dev->key);
	snprintf(path, sizeof(path),
		 "dmtf-sample-keys/%s/bundle_responder.certchain.der",
		 algorithm);
	dev->chain[0] = testdata_read(path, &dev->chain_size[0]);
	snprintf(path, sizeof(path),
		 "dmtf-sample-keys/%s/bundle_responder.certchain1.der",
		 algorithm);
	dev->chain[1] = testdata_read(path, &dev->chain_size[1]);
}

static void load_faults(struct spdm_fault_plan *plan, const char *const *faults)
{
	char error[256];

	for (size_t i = 0; faults && faults[i]; i++)
		if (spdm_fault_plan_add(plan, faults[i], error, sizeof(error)))
			fail_msg("fault '%s': %s", faults[i], error);
}

void device_open(struct device *dev, const char *algorithm,
		 void (*adjust)(struct spdm_responder_profile *profile),
		 const char *const *faults)
{
	struct spdm_responder_profile profile;
	struct spdm_fault_plan plan = {0};

	memset(dev, 0, sizeof(*dev));
	load_identity(dev, algorithm);
	spdm_responder_profile_default(&profile);
	profile.private_key = dev->key;
	for (size_t slot = 0; slot < 2; slot++) {
		profile.chains[slot] = dev->chain[slot];
		profile.chain_sizes[slot] = dev->chain_size[slot];
	}
	profile.clock_ms = test_clock;
	profile.clock_data = dev;
	if (adjust)
		adjust(&profile);
	load_faults(&plan, faults);
	assert_int_equal(spdm_responder_new(&profile, &plan, &dev->resp), 0);
	spdm_fault_plan_clear(&plan);
	spdm_transcript_init(&dev->transcript);
}

void device_close(struct device *dev)
{
	spdm_responder_free(dev->resp);
	EVP_PKEY_free(dev->key);
	free(dev->chain[0]);
	free(dev->chain[1]);
	spdm_transcript_free(&dev->transcript);
}

size_t device_send(struct device *dev, const uint8_t *request, size_t length)
{
	assert_int_equal(
	    spdm_responder_handle(dev->resp, request, length, dev->response,
				  sizeof(dev->response), &dev->response_length,
				  &dev->disposition),
	    0);
	return dev->response_length;
}

void record_pair(struct spdm_buffer *buf, const uint8_t *request,
		 size_t request_size, const uint8_t *response,
		 size_t response_size)
{
	assert_int_equal(spdm_transcript_add_pair(buf, request, request_size,
						  response, response_size),
			 0);
}

void assert_error(const struct device *dev, uint8_t version, uint8_t code,
		  uint8_t data)
{
	assert_true(dev->response_length >= 4);
	assert_int_equal(dev->response[0], version);
	assert_int_equal(dev->response[1], SPDM_ERROR);
	assert_int_equal(dev->response[2], code);
	assert_int_equal(dev->response[3], data);
}

static void exchange_into_a(struct device *dev, const uint8_t *request,
			    size_t length, uint8_t expected_code)
{
	device_send(dev, request, length);
	assert_int_equal(dev->response[1], expected_code);
	record_pair(&dev->transcript.a, request, length, dev->response,
		    dev->response_length);
}

void device_negotiate(struct device *dev, uint8_t version, uint32_t asym,
		      uint32_t hash)
{
	uint8_t get_version[] = {0x10, 0x84, 0, 0};
	uint8_t get_caps[20] = {version, 0xe1};
	uint8_t negotiate[32] = {version, 0xe3, 0, 0, 32, 0, 1};
	size_t caps_size = 20;

	/* GET_CAPABILITIES is 4 bytes in 1.0, 12 in 1.1 and 20 in 1.2. */
	if (version == SPDM_VERSION_10)
		caps_size = 4;
	else if (version == SPDM_VERSION_11)
		caps_size = 12;
	spdm_transcript_reset(&dev->transcript);
	exchange_into_a(dev, get_version, sizeof(get_version), SPDM_VERSION);
	/* Flags 0; DataTransferSize and MaxSPDMmsgSize 4096 in 1.2. */
	get_caps[13] = 0x10;
	get_caps[17] = 0x10;
	exchange_into_a(dev, get_caps, caps_size, SPDM_CAPABILITIES);
	memcpy(negotiate + 8, &(uint32_t){asym}, 4);
	memcpy(negotiate + 12, &(uint32_t){hash}, 4);
	exchange_into_a(dev, negotiate, sizeof(negotiate), SPDM_ALGORITHMS);
}

void device_read_certificate(struct device *dev, uint8_t slot, uint16_t portion,
			     uint8_t **object, size_t *size)
{
	struct spdm_responder_state state;
	uint8_t *data = NULL;
	uint16_t offset = 0;
	uint16_t remainder;

	spdm_responder_get_state(dev->resp, &state);
	do {
		uint8_t request[8] = {state.version,
				      0x82,
				      slot,
				      0,
				      (uint8_t)offset,
				      (uint8_t)(offset >> 8),
				      (uint8_t)portion,
				      (uint8_t)(portion >> 8)};
		uint16_t length;

		device_send(dev, request, sizeof(request));
		assert_int_equal(dev->response[1], SPDM_CERTIFICATE);
		length = (uint16_t)(dev->response[4] | dev->response[5] << 8);
		remainder =
		    (uint16_t)(dev->response[6] | dev->response[7] << 8);
		assert_true(length > 0);
		data = realloc(data, (size_t)offset + length);
		assert_non_null(data);
		memcpy(data + offset, dev->response + 8, length);
		record_pair(&dev->transcript.b, request, sizeof(request),
			    dev->response, dev->response_length);
		offset = (uint16_t)(offset + length);
	} while (remainder);
	*object = data;
	*size = offset;
}

int verify_device_signature(EVP_PKEY *key, uint8_t version, uint32_t asym,
			    uint32_t hash, bool challenge,
			    const struct spdm_buffer *transcript,
			    const uint8_t *signature, size_t signature_size)
{
	return spdm_verify_signature(
	    version, asym, hash,
	    challenge ? SPDM_SIGN_CHALLENGE_AUTH : SPDM_SIGN_MEASUREMENTS, key,
	    transcript->data, transcript->size, signature, signature_size);
}
