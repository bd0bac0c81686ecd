// SPDX-License-Identifier: BSD-3-Clause
/* Each fault of the plan, shown by its effect on the device's responses. */
#include <errno.h>
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

#define FAULTS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const uint8_t get_version[] = {0x10, 0x84, 0, 0};
static const uint8_t get_digests[] = {0x12, 0x81, 0, 0};

static size_t fetch_chunks(struct device *dev, uint8_t handle, uint8_t *buf,
			   size_t cap);

static void open_negotiated(struct device *dev, const char *const *faults)
{
	device_open(dev, "ecp384", NULL, faults);
	device_negotiate(dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
}

/*
 * Sends CHALLENGE slot 0 and returns whether its signature verifies with
 * the signing rules of version (the connection's own, unless a test
 * checks a prefix fault).
 */
static int challenge_verifies_as(struct device *dev, uint8_t version)
{
	struct spdm_responder_state connection;
	uint8_t request[36] = {0, SPDM_CHALLENGE, 0, 0};
	size_t signature_size = 96;
	struct spdm_buffer m1m2;
	int rc;

	spdm_responder_get_state(dev->resp, &connection);
	request[0] = connection.version;
	device_send(dev, request, sizeof(request));
	/* With chunk=SIZE the response comes through CHUNK_GET. */
	if (dev->response[1] == SPDM_ERROR &&
	    dev->response[2] == SPDM_ERROR_LARGE_RESPONSE) {
		uint8_t large[1024];

		dev->response_length =
		    fetch_chunks(dev, dev->response[4], large, sizeof(large));
		memcpy(dev->response, large, dev->response_length);
	}
	assert_int_equal(dev->response[1], SPDM_CHALLENGE_AUTH);
	record_pair(&dev->transcript.c, request, sizeof(request), dev->response,
		    dev->response_length - signature_size);
	assert_int_equal(
	    spdm_transcript_challenge_bytes(&dev->transcript, &m1m2), 0);
	rc = verify_device_signature(
	    dev->key, version, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384, true,
	    &m1m2, dev->response + dev->response_length - signature_size,
	    signature_size);
	spdm_buffer_free(&m1m2);
	/* Both sides clear B and C after CHALLENGE_AUTH. */
	spdm_buffer_reset(&dev->transcript.b);
	spdm_buffer_reset(&dev->transcript.c);
	return rc;
}

static void wrong_key_signature_fails(void **state)
{
	struct device dev;

	open_negotiated(&dev, NULL);
	assert_int_equal(challenge_verifies_as(&dev, 0x12), 0);
	device_close(&dev);

	open_negotiated(&dev, FAULTS("wrong-key"));
	assert_int_equal(challenge_verifies_as(&dev, 0x12), -EBADMSG);
	assert_string_equal(dev.disposition.faults, "wrong-key");
	device_close(&dev);
}

static EVP_PKEY *given_wrong_key;

static void use_given_wrong_key(struct spdm_responder_profile *profile)
{
	profile->wrong_key = given_wrong_key;
}

/* A wrong key in the profile is used as it is, not generated. */
static void wrong_key_from_profile(void **state)
{
	struct device dev;
	EVP_PKEY *real_key;

	given_wrong_key = EVP_EC_gen("P-384");
	assert_non_null(given_wrong_key);
	device_open(&dev, "ecp384", use_given_wrong_key, FAULTS("wrong-key"));
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	real_key = dev.key;
	dev.key = given_wrong_key;
	assert_int_equal(challenge_verifies_as(&dev, 0x12), 0);
	dev.key = real_key;
	assert_int_equal(challenge_verifies_as(&dev, 0x12), -EBADMSG);
	device_close(&dev);
	EVP_PKEY_free(given_wrong_key);
}

static void silent_and_no_spdm_drop_everything(void **state)
{
	static const char *const plans[] = {"silent", "no-spdm"};

	for (size_t i = 0; i < 2; i++) {
		struct device dev;

		device_open(&dev, "ecp256", NULL, FAULTS(plans[i]));
		assert_int_equal(
		    device_send(&dev, get_version, sizeof(get_version)), 0);
		assert_int_equal(dev.disposition.action, SPDM_DISPOSITION_DROP);
		assert_string_equal(dev.disposition.faults, plans[i]);
		device_close(&dev);
	}
}

static void stop_after_goes_silent(void **state)
{
	struct device dev;

	device_open(&dev, "ecp256", NULL, FAULTS("stop-after=2"));
	for (int i = 0; i < 2; i++) {
		assert_int_not_equal(
		    device_send(&dev, get_version, sizeof(get_version)), 0);
		assert_int_equal(dev.disposition.action, SPDM_DISPOSITION_SEND);
	}
	assert_int_equal(device_send(&dev, get_version, sizeof(get_version)),
			 0);
	assert_int_equal(dev.disposition.action, SPDM_DISPOSITION_DROP);
	device_close(&dev);
}

static void hang_up_after_closes(void **state)
{
	struct device dev;

	device_open(&dev, "ecp256", NULL, FAULTS("hang-up-after=1"));
	device_send(&dev, get_version, sizeof(get_version));
	assert_int_equal(dev.disposition.action, SPDM_DISPOSITION_SEND);
	assert_int_equal(device_send(&dev, get_version, sizeof(get_version)),
			 0);
	assert_int_equal(dev.disposition.action, SPDM_DISPOSITION_CLOSE);
	device_close(&dev);
}

static void versions_advertised_as_given(void **state)
{
	static const struct {
		const char *fault;
		const char *version;
	} cases[] = {
	    {"versions=1.1", "10 04 00 00 00 01 00 11"},
	    {"versions=1.3", "10 04 00 00 00 01 00 13"},
	    {"versions=0.9,1.2.1", "10 04 00 00 00 02 00 09 10 12"},
	};
	static const uint8_t caps_12[20] = {0x12,
					    0xe1, [13] = 0x10, [17] = 0x10};
	static const uint8_t caps_13[20] = {0x13,
					    0xe1, [13] = 0x10, [17] = 0x10};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t expected[16];
		size_t size =
		    test_hex(cases[i].version, expected, sizeof(expected));
		struct device dev;

		device_open(&dev, "ecp256", NULL, FAULTS(cases[i].fault));
		device_send(&dev, get_version, sizeof(get_version));
		assert_int_equal(dev.response_length, size);
		assert_memory_equal(dev.response, expected, size);
		device_close(&dev);
	}

	/* Only advertised versions that the device implements are accepted. */
	{
		struct device dev;

		device_open(&dev, "ecp256", NULL, FAULTS("versions=1.1,1.3"));
		device_send(&dev, get_version, sizeof(get_version));
		device_send(&dev, caps_12, sizeof(caps_12));
		assert_error(&dev, 0x10, SPDM_ERROR_VERSION_MISMATCH, 0);
		device_send(&dev, caps_13, sizeof(caps_13));
		assert_error(&dev, 0x10, SPDM_ERROR_VERSION_MISMATCH, 0);
		device_close(&dev);
	}
}

static void cert_portion_limits_portions(void **state)
{
	uint8_t *object;
	size_t size;
	struct device dev;

	open_negotiated(&dev, FAULTS("cert-portion=100"));
	device_read_certificate(&dev, 0, 0xffff, &object, &size);
	/* The last portion read was at most 100 bytes, and so were all. */
	assert_true(dev.response_length <= 108);
	assert_int_equal(size, 4 + 48 + dev.chain_size[0]);
	assert_int_equal(dev.transcript.b.size, (size + 99) / 100 * 16 + size);
	free(object);
	device_close(&dev);
}

static void root_hash_mismatch_breaks_root_hash(void **state)
{
	uint8_t root_hash[48];
	uint8_t *object;
	size_t size;
	size_t root_size;
	struct device dev;

	open_negotiated(&dev, FAULTS("root-hash-mismatch"));
	device_read_certificate(&dev, 0, 0xffff, &object, &size);
	root_size = 4 + ((size_t)dev.chain[0][2] << 8 | dev.chain[0][3]);
	assert_int_equal(
	    spdm_hash(SPDM_HASH_SHA_384, dev.chain[0], root_size, root_hash),
	    0);
	assert_memory_not_equal(object + 4, root_hash, 48);
	/* The certificates themselves are intact. */
	assert_memory_equal(object + 52, dev.chain[0], dev.chain_size[0]);
	free(object);
	device_close(&dev);
}

static void digest_and_chain_hash_faults(void **state)
{
	static const struct {
		const char *fault;
		bool digest_matches;
		bool challenge_matches;
	} cases[] = {
	    {"portion-zero", true, true}, /* no chain fault at all */
	    {"digest-mismatch", false, true},
	    {"cert-chain-hash-wrong", true, false},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t challenge[36] = {0x12, 0x83, 0, 0};
		struct spdm_responder_state state_now;
		uint8_t expected[48];
		uint8_t slot_object[4096];
		size_t size = 0;
		struct device dev;

		open_negotiated(&dev, FAULTS(cases[i].fault));
		spdm_responder_get_state(dev.resp, &state_now);
		/* The slot object: header, RootHash, DER (SHA-384). */
		slot_object[0] = (uint8_t)(4 + 48 + dev.chain_size[0]);
		slot_object[1] = (uint8_t)((4 + 48 + dev.chain_size[0]) >> 8);
		slot_object[2] = slot_object[3] = 0;
		assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, dev.chain[0],
					   4 + ((size_t)dev.chain[0][2] << 8 |
						dev.chain[0][3]),
					   slot_object + 4),
				 0);
		memcpy(slot_object + 52, dev.chain[0], dev.chain_size[0]);
		size = 52 + dev.chain_size[0];
		assert_int_equal(
		    spdm_hash(SPDM_HASH_SHA_384, slot_object, size, expected),
		    0);

		device_send(&dev, get_digests, sizeof(get_digests));
		assert_int_equal(memcmp(dev.response + 4, expected, 48) == 0,
				 cases[i].digest_matches);
		device_send(&dev, challenge, sizeof(challenge));
		assert_int_equal(memcmp(dev.response + 4, expected, 48) == 0,
				 cases[i].challenge_matches);
		device_close(&dev);
	}
}

static void portion_zero_never_progresses(void **state)
{
	static const uint8_t request[] = {0x12, 0x82, 0, 0, 0x10, 0, 0, 2};
	struct device dev;

	open_negotiated(&dev, FAULTS("portion-zero"));
	for (int i = 0; i < 3; i++) {
		device_send(&dev, request, sizeof(request));
		assert_int_equal(dev.response_length, 8);
		assert_int_equal(dev.response[4] | dev.response[5] << 8, 0);
		assert_int_equal(dev.response[6] | dev.response[7] << 8,
				 4 + 48 + dev.chain_size[0] - 0x10);
	}
	device_close(&dev);
}

static void replay_returns_first_challenge_auth(void **state)
{
	uint8_t first[512];
	size_t first_size;
	uint8_t challenge[36] = {0x12, 0x83, 0, 0};
	struct device dev;

	open_negotiated(&dev, FAULTS("replay-challenge-auth"));
	device_send(&dev, challenge, sizeof(challenge));
	first_size = dev.response_length;
	memcpy(first, dev.response, first_size);
	challenge[4] = 0x55; /* a new nonce */
	device_send(&dev, challenge, sizeof(challenge));
	assert_int_equal(dev.response_length, first_size);
	assert_memory_equal(dev.response, first, first_size);
	/* It survives a restart, as a recorded message would. */
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, challenge, sizeof(challenge));
	assert_memory_equal(dev.response, first, first_size);
	device_close(&dev);
}

static void replay_sends_given_message(void **state)
{
	static const uint8_t recorded[] = {0x12, 0x03, 0x00, 0x01, 0xaa};
	uint8_t challenge[36] = {0x12, 0x83, 0, 0};
	struct device dev;

	open_negotiated(&dev, FAULTS("replay-challenge-auth"));
	assert_int_equal(
	    spdm_responder_set_replay(dev.resp, recorded, sizeof(recorded)), 0);
	device_send(&dev, challenge, sizeof(challenge));
	assert_int_equal(dev.response_length, sizeof(recorded));
	assert_memory_equal(dev.response, recorded, sizeof(recorded));
	device_close(&dev);
}

/* prefix=none: a 1.2 signature over the bare transcript. */
static void prefix_none_signs_like_1_1(void **state)
{
	struct device dev;

	open_negotiated(&dev, FAULTS("prefix=none"));
	assert_int_equal(challenge_verifies_as(&dev, 0x12), -EBADMSG);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	/* Checking it as 1.1 (no prefix) succeeds. */
	assert_int_equal(challenge_verifies_as(&dev, 0x11), 0);
	device_close(&dev);
}

/* prefix=always: a 1.1 signature over prefix || Hash(transcript). */
static void prefix_always_adds_prefix(void **state)
{
	uint8_t challenge[36] = {0x11, 0x83, 0, 0};
	uint8_t message[100 + 48];
	struct spdm_buffer m1m2;
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("prefix=always"));
	device_negotiate(&dev, 0x11, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, challenge, sizeof(challenge));
	record_pair(&dev.transcript.c, challenge, sizeof(challenge),
		    dev.response, dev.response_length - 96);
	assert_int_equal(
	    spdm_transcript_challenge_bytes(&dev.transcript, &m1m2), 0);
	assert_int_equal(
	    spdm_verify_signature(0x11, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384,
				  SPDM_SIGN_CHALLENGE_AUTH, dev.key, m1m2.data,
				  m1m2.size,
				  dev.response + dev.response_length - 96, 96),
	    -EBADMSG);
	spdm_build_signing_prefix(0x11, SPDM_SIGN_CHALLENGE_AUTH, message);
	assert_int_equal(
	    spdm_hash(SPDM_HASH_SHA_384, m1m2.data, m1m2.size, message + 100),
	    0);
	assert_int_equal(
	    spdm_verify_signature(0x10, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384,
				  SPDM_SIGN_CHALLENGE_AUTH, dev.key, message,
				  sizeof(message),
				  dev.response + dev.response_length - 96, 96),
	    0);
	spdm_buffer_free(&m1m2);
	device_close(&dev);
}

static void busy_before_each_response(void **state)
{
	struct device dev;

	device_open(&dev, "ecp256", NULL, FAULTS("busy=2"));
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 2; i++) {
			device_send(&dev, get_version, sizeof(get_version));
			assert_error(&dev, 0x10, SPDM_ERROR_BUSY, 0);
			assert_string_equal(dev.disposition.faults, "busy");
		}
		device_send(&dev, get_version, sizeof(get_version));
		assert_int_equal(dev.response[1], SPDM_VERSION);
	}
	device_close(&dev);
}

static void busy_forever_and_busy_at(void **state)
{
	static const uint8_t get_certificate[] = {0x12, 0x82, 0, 0, 0, 0, 0, 1};
	struct device dev;

	device_open(&dev, "ecp256", NULL, FAULTS("busy-at=GET_CERTIFICATE:1"));
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	device_send(&dev, get_certificate, sizeof(get_certificate));
	assert_error(&dev, 0x12, SPDM_ERROR_BUSY, 0);
	device_send(&dev, get_certificate, sizeof(get_certificate));
	assert_int_equal(dev.response[1], SPDM_CERTIFICATE);
	device_close(&dev);

	device_open(&dev, "ecp256", NULL, FAULTS("busy-at=0x84:forever"));
	for (int i = 0; i < 5; i++) {
		device_send(&dev, get_version, sizeof(get_version));
		assert_error(&dev, 0x10, SPDM_ERROR_BUSY, 0);
	}
	device_close(&dev);
}

static void not_ready_then_respond_if_ready(void **state)
{
	uint8_t respond_if_ready[4] = {0x12, 0xff, 0x81, 0};
	struct device dev;

	open_negotiated(&dev, FAULTS("not-ready=50"));
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_error(&dev, 0x12, SPDM_ERROR_RESPONSE_NOT_READY, 0);
	assert_int_equal(dev.response_length, 8);
	/* RDTExponent 16: 2^16 us is the first power of two >= 50 ms. */
	assert_int_equal(dev.response[4], 16);
	assert_int_equal(dev.response[5], 0x81);
	assert_true(dev.response[7] >= 2);
	respond_if_ready[3] = dev.response[6];

	/* Too early: ResponseNotReady again, with the same token. */
	dev.clock_ms += 49;
	device_send(&dev, respond_if_ready, sizeof(respond_if_ready));
	assert_error(&dev, 0x12, SPDM_ERROR_RESPONSE_NOT_READY, 0);
	assert_int_equal(dev.response[6], respond_if_ready[3]);
	dev.clock_ms += 1;
	device_send(&dev, respond_if_ready, sizeof(respond_if_ready));
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	/* Nothing is pending any more. */
	device_send(&dev, respond_if_ready, sizeof(respond_if_ready));
	assert_error(&dev, 0x12, SPDM_ERROR_UNEXPECTED_REQUEST, 0);
	device_close(&dev);
}

static void not_ready_count_and_checks(void **state)
{
	uint8_t respond_if_ready[4] = {0x12, 0xff, 0x81, 0};
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("not-ready=10,1"));
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_error(&dev, 0x12, SPDM_ERROR_RESPONSE_NOT_READY, 0);
	/* A wrong token is rejected. */
	respond_if_ready[3] = (uint8_t)(dev.response[6] + 1);
	dev.clock_ms += 10;
	device_send(&dev, respond_if_ready, sizeof(respond_if_ready));
	assert_error(&dev, 0x12, SPDM_ERROR_INVALID_REQUEST, 0);
	respond_if_ready[3]--;
	device_send(&dev, respond_if_ready, sizeof(respond_if_ready));
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	/* Only one request gets it. */
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	device_close(&dev);
}

static void resynch_once_then_reset(void **state)
{
	struct device dev;

	open_negotiated(&dev, FAULTS("resynch-at=GET_DIGESTS"));
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_error(&dev, 0x12, SPDM_ERROR_REQUEST_RESYNCH, 0);
	/* The device forgot the connection. */
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_error(&dev, 0x10, SPDM_ERROR_VERSION_MISMATCH, 0);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	device_close(&dev);
}

static void delays_in_disposition(void **state)
{
	uint8_t challenge[36] = {0x12, 0x83, 0, 0};
	struct device dev;

	open_negotiated(&dev, FAULTS("delay=30", "delay-at=CHALLENGE:500"));
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_int_equal(dev.disposition.delay_ms, 30);
	device_send(&dev, challenge, sizeof(challenge));
	assert_int_equal(dev.disposition.delay_ms, 500);
	assert_string_equal(dev.disposition.faults, "delay");
	device_close(&dev);
}

static void late_duplicate_marks_repeat(void **state)
{
	struct device dev;

	open_negotiated(&dev, FAULTS("late-duplicate=GET_DIGESTS"));
	assert_false(dev.disposition.repeat);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_true(dev.disposition.repeat);
	device_close(&dev);
}

static void alg_select_and_caps_advertised(void **state)
{
	uint32_t value;
	struct device dev;

	device_open(&dev, "ecp384", NULL,
		    FAULTS("alg-select=ECDSA_P256|ECDSA_P384", "caps=0x18"));
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	/* A: GET_VERSION (4), VERSION (12), GET_CAPABILITIES (20), then
	 * CAPABILITIES with its Flags at offset 8. */
	memcpy(&value, dev.transcript.a.data + 4 + 12 + 20 + 8, 4);
	assert_int_equal(value, 0x18);
	assert_int_equal(dev.response[1], SPDM_ALGORITHMS);
	memcpy(&value, dev.response + 12, 4);
	assert_int_equal(value, SPDM_ASYM_ECDSA_P256 | SPDM_ASYM_ECDSA_P384);
	device_close(&dev);
}

static void requester_with_chunk_cap(struct device *dev)
{
	static const char *const exchanges[] = {
	    "10 84 00 00",
	    /* CHUNK_CAP (bit 17), DataTransferSize 4096, max 65536. */
	    "12 e1 00 00 00 00 00 00 00 00 02 00 00 10 00 00 00 00 01 00",
	    "12 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00"
	    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	};

	for (size_t i = 0; i < 3; i++) {
		uint8_t request[64];
		size_t size = test_hex(exchanges[i], request, sizeof(request));

		device_send(dev, request, size);
		record_pair(&dev->transcript.a, request, size, dev->response,
			    dev->response_length);
	}
}

/* Fetches a large response with CHUNK_GET; returns it in buf. */
static size_t fetch_chunks(struct device *dev, uint8_t handle, uint8_t *buf,
			   size_t cap)
{
	size_t total = 0;
	size_t expected = 0;
	uint16_t sequence = 0;
	bool last = false;

	while (!last) {
		uint8_t chunk_get[8] = {0x12,
					0x86,
					0,
					handle,
					(uint8_t)sequence,
					(uint8_t)(sequence >> 8)};
		size_t header = sequence == 0 ? 16 : 12;
		uint32_t chunk_size;

		device_send(dev, chunk_get, sizeof(chunk_get));
		assert_int_equal(dev->response[1], SPDM_CHUNK_RESPONSE);
		assert_true(dev->response_length <= 64);
		memcpy(&chunk_size, dev->response + 8, 4);
		if (sequence == 0)
			memcpy(&expected, dev->response + 12, 4);
		assert_int_equal(dev->response_length, header + chunk_size);
		assert_true(total + chunk_size <= cap);
		memcpy(buf + total, dev->response + header, chunk_size);
		total += chunk_size;
		last = dev->response[2] & 1;
		sequence++;
	}
	assert_int_equal(total, expected);
	return total;
}

static void chunk_serves_large_responses(void **state)
{
	static const uint8_t get_certificate[] = {0x12, 0x82, 0,    0,
						  0,	0,    0xff, 0xff};
	uint8_t large[8192];
	size_t size;
	uint8_t handle;
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("chunk=64"));
	requester_with_chunk_cap(&dev);
	/* CAPABILITIES: CHUNK_CAP set, DataTransferSize 64. */
	assert_true(dev.transcript.a.data[4 + 12 + 20 + 10] & 0x02);
	assert_int_equal(dev.transcript.a.data[4 + 12 + 20 + 12], 64);

	device_send(&dev, get_certificate, sizeof(get_certificate));
	assert_error(&dev, 0x12, SPDM_ERROR_LARGE_RESPONSE, 0);
	assert_int_equal(dev.response_length, 5);
	handle = dev.response[4];
	size = fetch_chunks(&dev, handle, large, sizeof(large));
	assert_int_equal(large[1], SPDM_CERTIFICATE);
	assert_int_equal(size, 8 + 4 + 48 + dev.chain_size[0]);
	/* The whole CERTIFICATE entered B, so CHALLENGE verifies. */
	record_pair(&dev.transcript.b, get_certificate, sizeof(get_certificate),
		    large, size);
	assert_int_equal(challenge_verifies_as(&dev, 0x12), 0);
	device_close(&dev);
}

static void chunk_get_errors(void **state)
{
	static const uint8_t get_certificate[] = {0x12, 0x82, 0,    0,
						  0,	0,    0xff, 0xff};
	uint8_t chunk_get[8] = {0x12, 0x86, 0, 0, 0, 0};
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("chunk=64"));
	requester_with_chunk_cap(&dev);
	device_send(&dev, chunk_get, sizeof(chunk_get));
	assert_error(&dev, 0x12, SPDM_ERROR_UNEXPECTED_REQUEST, 0);
	device_send(&dev, get_certificate, sizeof(get_certificate));
	chunk_get[3] = (uint8_t)(dev.response[4] + 1);
	device_send(&dev, chunk_get, sizeof(chunk_get));
	assert_error(&dev, 0x12, SPDM_ERROR_INVALID_REQUEST, 0);
	chunk_get[3]--;
	chunk_get[4] = 1;
	device_send(&dev, chunk_get, sizeof(chunk_get));
	assert_error(&dev, 0x12, SPDM_ERROR_INVALID_REQUEST, 0);
	device_close(&dev);

	/* In 1.1 CHUNK_GET does not exist. */
	device_open(&dev, "ecp384", NULL, FAULTS("chunk=64"));
	device_negotiate(&dev, 0x11, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	chunk_get[0] = 0x11;
	device_send(&dev, chunk_get, sizeof(chunk_get));
	assert_error(&dev, 0x11, SPDM_ERROR_UNSUPPORTED_REQUEST, 0x86);
	device_close(&dev);
}

/* Without the requester's CHUNK_CAP, portions fit DataTransferSize. */
static void chunk_without_requester_cap(void **state)
{
	static const uint8_t get_certificate[] = {0x12, 0x82, 0,    0,
						  0,	0,    0xff, 0xff};
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("chunk=64"));
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, get_certificate, sizeof(get_certificate));
	assert_int_equal(dev.response[1], SPDM_CERTIFICATE);
	assert_int_equal(dev.response_length, 64);
	device_close(&dev);
}

static void too_large_for_requester(void **state)
{
	static const char *const exchanges[] = {
	    "10 84 00 00",
	    /* CHUNK_CAP, DataTransferSize 64 and MaxSPDMmsgSize 100. */
	    "12 e1 00 00 00 00 00 00 00 00 02 00 40 00 00 00 64 00 00 00",
	    "12 e3 00 00 20 00 01 00 80 00 00 00 02 00 00 00"
	    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	    "12 e0 00 ff",
	};
	static const uint8_t too_large[] = {0x12, 0x7f, 0x0d, 0x00};
	struct device dev;

	device_open(&dev, "ecp384", NULL, FAULTS("chunk=64"));
	for (size_t i = 0; i < 4; i++) {
		uint8_t request[64];
		size_t size = test_hex(exchanges[i], request, sizeof(request));

		device_send(&dev, request, size);
	}
	assert_int_equal(dev.response_length, 8);
	assert_memory_equal(dev.response, too_large, sizeof(too_large));
	device_close(&dev);
}

/* opaque=N: CHALLENGE_AUTH and MEASUREMENTS carry N bytes of opaque data. */
static void opaque_fills_signed_responses(void **state)
{
	static const uint8_t challenge[36] = {0x12, SPDM_CHALLENGE, 0, 0};
	/* Signature requested, all blocks, slot 0. */
	static const uint8_t get_measurements[37] = {
	    0x12, SPDM_GET_MEASUREMENTS, 0x01, 0xff};
	struct spdm_challenge_auth auth;
	struct spdm_measurements measurements;
	struct device dev;

	open_negotiated(&dev, FAULTS("opaque=1024"));
	device_send(&dev, challenge, sizeof(challenge));
	assert_int_equal(dev.response[1], SPDM_CHALLENGE_AUTH);
	assert_int_equal(spdm_decode_challenge_auth(&auth, dev.response,
						    dev.response_length, 48,
						    false, 96),
			 0);
	assert_int_equal(auth.opaque_length, 1024);

	device_send(&dev, get_measurements, sizeof(get_measurements));
	assert_int_equal(dev.response[1], SPDM_MEASUREMENTS);
	assert_int_equal(spdm_decode_measurements(&measurements, dev.response,
						  dev.response_length, 96),
			 0);
	assert_int_equal(measurements.opaque_length, 1024);
	device_close(&dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wrong_key_signature_fails),
	    cmocka_unit_test(wrong_key_from_profile),
	    cmocka_unit_test(silent_and_no_spdm_drop_everything),
	    cmocka_unit_test(stop_after_goes_silent),
	    cmocka_unit_test(hang_up_after_closes),
	    cmocka_unit_test(versions_advertised_as_given),
	    cmocka_unit_test(cert_portion_limits_portions),
	    cmocka_unit_test(root_hash_mismatch_breaks_root_hash),
	    cmocka_unit_test(digest_and_chain_hash_faults),
	    cmocka_unit_test(portion_zero_never_progresses),
	    cmocka_unit_test(replay_returns_first_challenge_auth),
	    cmocka_unit_test(replay_sends_given_message),
	    cmocka_unit_test(prefix_none_signs_like_1_1),
	    cmocka_unit_test(prefix_always_adds_prefix),
	    cmocka_unit_test(busy_before_each_response),
	    cmocka_unit_test(busy_forever_and_busy_at),
	    cmocka_unit_test(not_ready_then_respond_if_ready),
	    cmocka_unit_test(not_ready_count_and_checks),
	    cmocka_unit_test(resynch_once_then_reset),
	    cmocka_unit_test(delays_in_disposition),
	    cmocka_unit_test(late_duplicate_marks_repeat),
	    cmocka_unit_test(alg_select_and_caps_advertised),
	    cmocka_unit_test(chunk_serves_large_responses),
	    cmocka_unit_test(chunk_get_errors),
	    cmocka_unit_test(chunk_without_requester_cap),
	    cmocka_unit_test(too_large_for_requester),
	    cmocka_unit_test(opaque_fills_signed_responses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
