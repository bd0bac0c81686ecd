// SPDX-License-Identifier: BSD-3-Clause
/*
 * Interoperability with DMTF's libspdm: the requests of the recorded
 * conversations are replayed against a device configured like the
 * recorded spdm-emu responder (same keys, chains, flags and measurement
 * blocks). Every response must equal the recorded one byte for byte,
 * except nonces and signatures; those signatures must verify over the
 * transcripts the requester keeps.
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
#include <spdm/reason.h>

#include "helpers.h"

/* The recorded device: libspdm's spdm-emu with its default flags. */
#define EMU_FLAGS	       0x001afbf7u
#define EMU_DATA_TRANSFER_SIZE 0x1200u
#define EMU_MAX_SPDM_MSG_SIZE  0x28000u

struct recorded_device {
	const struct conversation *conversation;
	struct spdm_measurement_list blocks;
	uint16_t version_entry;
	uint8_t ct_exponent;
	uint32_t measurement_hash_algo;
};

static struct recorded_device recorded;

static const struct conversation_message *
find_response(const struct conversation *conversation, uint8_t code)
{
	return &conversation
		    ->messages[conversation_find(conversation, code, 0)];
}

/* Reads the blocks of the recorded MEASUREMENTS as whole fields. */
static void load_recorded_blocks(const struct conversation *conversation)
{
	const struct conversation_message *m =
	    find_response(conversation, SPDM_MEASUREMENTS);
	size_t length = m->data[5] | m->data[6] << 8 | m->data[7] << 16;
	size_t offset = 8;

	memset(&recorded.blocks, 0, sizeof(recorded.blocks));
	while (offset < 8 + length) {
		struct spdm_measurement_def *def =
		    &recorded.blocks.blocks[recorded.blocks.count++];
		size_t size = m->data[offset + 2] | m->data[offset + 3] << 8;

		def->index = m->data[offset];
		def->form = SPDM_MEASUREMENT_FIELD;
		def->data = malloc(size);
		assert_non_null(def->data);
		memcpy(def->data, m->data + offset + 4, size);
		def->size = size;
		offset += 4 + size;
	}
	assert_int_equal(offset, 8 + length);
}

static void adjust_profile(struct spdm_responder_profile *profile)
{
	profile->versions[0] = recorded.version_entry;
	profile->version_count = 1;
	profile->capabilities = EMU_FLAGS;
	profile->ct_exponent = recorded.ct_exponent;
	profile->measurement_hash_algo = recorded.measurement_hash_algo;
	profile->data_transfer_size = EMU_DATA_TRANSFER_SIZE;
	profile->max_spdm_msg_size = EMU_MAX_SPDM_MSG_SIZE;
	profile->measurements = &recorded.blocks;
}

static const char *key_folder(uint32_t asym)
{
	switch (asym) {
	case SPDM_ASYM_ECDSA_P256:
		return "ecp256";
	case SPDM_ASYM_ECDSA_P384:
		return "ecp384";
	case SPDM_ASYM_RSAPSS_3072:
		return "rsa3072";
	default:
		fail_msg("no sample key for BaseAsymSel 0x%x", asym);
		return NULL;
	}
}

static uint32_t read_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Requester-side transcripts, kept by DSP0274's rules for this flow. */
struct requester_side {
	struct spdm_transcript transcript;
	uint32_t asym;
	uint32_t hash;
	uint8_t version;
	bool challenge_checked;
	bool measurements_checked;
};

static void check_challenge_auth(struct device *dev,
				 struct requester_side *side,
				 const struct conversation_message *request,
				 const struct conversation_message *expected)
{
	size_t hash_size = spdm_hash_size(side->hash);
	size_t signature_size = spdm_signature_size(side->asym);
	size_t signed_size = dev->response_length - signature_size;
	size_t summary = 4 + hash_size + SPDM_NONCE_SIZE;
	struct spdm_buffer m1m2;

	if (dev->response[1] == SPDM_ERROR)
		fail_msg("CHALLENGE answered with ERROR 0x%02x",
			 dev->response[2]);
	assert_int_equal(dev->response_length, expected->size);
	/* Header and CertChainHash, then MeasurementSummaryHash and opaque. */
	assert_memory_equal(dev->response, expected->data, 4 + hash_size);
	assert_memory_equal(dev->response + summary, expected->data + summary,
			    signed_size - summary);
	record_pair(&side->transcript.c, request->data, request->size,
		    dev->response, signed_size);
	assert_int_equal(
	    spdm_transcript_challenge_bytes(&side->transcript, &m1m2), 0);
	assert_int_equal(verify_device_signature(
			     dev->key, side->version, side->asym, side->hash,
			     true, &m1m2, dev->response + signed_size,
			     signature_size),
			 0);
	spdm_buffer_free(&m1m2);
	spdm_buffer_reset(&side->transcript.b);
	spdm_buffer_reset(&side->transcript.c);
	side->challenge_checked = true;
}

static void check_measurements(struct device *dev, struct requester_side *side,
			       const struct conversation_message *request,
			       const struct conversation_message *expected)
{
	size_t signature_size = spdm_signature_size(side->asym);
	size_t signed_size = dev->response_length - signature_size;
	size_t record_end = 8 + (expected->data[5] | expected->data[6] << 8 |
				 expected->data[7] << 16);
	struct spdm_buffer l1l2;

	if (dev->response[1] == SPDM_ERROR)
		fail_msg("GET_MEASUREMENTS answered with ERROR 0x%02x",
			 dev->response[2]);
	assert_int_equal(dev->response_length, expected->size);
	assert_memory_equal(dev->response, expected->data, record_end);
	/* OpaqueLength after the nonce. */
	assert_memory_equal(dev->response + record_end + SPDM_NONCE_SIZE,
			    expected->data + record_end + SPDM_NONCE_SIZE,
			    signed_size - record_end - SPDM_NONCE_SIZE);
	record_pair(&side->transcript.m, request->data, request->size,
		    dev->response, signed_size);
	assert_int_equal(spdm_transcript_measurement_bytes(
			     &side->transcript, side->version, &l1l2),
			 0);
	assert_int_equal(verify_device_signature(
			     dev->key, side->version, side->asym, side->hash,
			     false, &l1l2, dev->response + signed_size,
			     signature_size),
			 0);
	spdm_buffer_free(&l1l2);
	side->measurements_checked = true;
}

/* Compares a response that has no nonce and records the pair. */
static void check_exact(struct device *dev, struct requester_side *side,
			const struct conversation_message *request,
			const struct conversation_message *expected)
{
	uint8_t code = request->data[1];

	if (dev->response_length != expected->size ||
	    memcmp(dev->response, expected->data, expected->size))
		fail_msg("response to %s differs from libspdm's",
			 spdm_message_name(code));
	if (code == SPDM_GET_VERSION || code == SPDM_GET_CAPABILITIES ||
	    code == SPDM_NEGOTIATE_ALGORITHMS)
		record_pair(&side->transcript.a, request->data, request->size,
			    dev->response, dev->response_length);
	if (code == SPDM_GET_DIGESTS)
		spdm_buffer_reset(&side->transcript.b);
	if (code == SPDM_GET_DIGESTS || code == SPDM_GET_CERTIFICATE)
		record_pair(&side->transcript.b, request->data, request->size,
			    dev->response, dev->response_length);
	if (code == SPDM_NEGOTIATE_ALGORITHMS) {
		side->asym = read_u32(dev->response + 12);
		side->hash = read_u32(dev->response + 16);
	}
}

static void replay(struct device *dev, const struct conversation *conversation)
{
	struct requester_side side = {.version =
					  conversation->messages[2].data[0]};

	spdm_transcript_init(&side.transcript);
	for (size_t i = 0; i + 1 < conversation->count; i += 2) {
		const struct conversation_message *request =
		    &conversation->messages[i];
		const struct conversation_message *expected =
		    &conversation->messages[i + 1];

		assert_true(request->request);
		if (request->data[1] != SPDM_GET_MEASUREMENTS)
			spdm_buffer_reset(&side.transcript.m);
		device_send(dev, request->data, request->size);
		if (request->data[1] == SPDM_CHALLENGE)
			check_challenge_auth(dev, &side, request, expected);
		else if (request->data[1] == SPDM_GET_MEASUREMENTS)
			check_measurements(dev, &side, request, expected);
		else
			check_exact(dev, &side, request, expected);
	}
	assert_true(side.challenge_checked);
	assert_true(side.measurements_checked);
	spdm_transcript_free(&side.transcript);
}

static void replay_conversation(void **state)
{
	const char *file = *state;
	struct conversation conversation;
	const struct conversation_message *algorithms;
	const struct conversation_message *version;
	const struct conversation_message *capabilities;
	struct device dev;

	conversation_load(&conversation, file);
	algorithms = find_response(&conversation, SPDM_ALGORITHMS);
	version = find_response(&conversation, SPDM_VERSION);
	capabilities = find_response(&conversation, SPDM_CAPABILITIES);
	recorded.version_entry =
	    (uint16_t)(version->data[6] | version->data[7] << 8);
	recorded.ct_exponent = capabilities->data[5];
	recorded.measurement_hash_algo = read_u32(algorithms->data + 8);
	load_recorded_blocks(&conversation);

	device_open(&dev, key_folder(read_u32(algorithms->data + 12)),
		    adjust_profile, NULL);
	replay(&dev, &conversation);
	device_close(&dev);
	spdm_measurement_list_clear(&recorded.blocks);
	conversation_free(&conversation);
}

#define CONVERSATION_TEST(file)                                                \
	{                                                                      \
		.name = "replay " file, .test_func = replay_conversation,      \
		.initial_state = (void *)"conversations/" file,                \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    CONVERSATION_TEST("spdm-1.0-p384.txt"),
	    CONVERSATION_TEST("spdm-1.1-p384.txt"),
	    CONVERSATION_TEST("spdm-1.1-rsapss3072.txt"),
	    CONVERSATION_TEST("spdm-1.2-p256.txt"),
	    CONVERSATION_TEST("spdm-1.2-p384.txt"),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
