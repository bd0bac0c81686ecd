// SPDX-License-Identifier: BSD-3-Clause
/*
 * Offline verification of the conversations recorded between DMTF's
 * reference requester and responder: each verifies against its trust
 * anchor, and each copy with one byte changed in a signature, a signed
 * message or a certificate is rejected with the matching reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/conversation.h>
#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "../crypto/testdata.h"
#include "script.h"

struct recording {
	const char *file;
	const char *key_set; /* folder of dmtf-sample-keys */
	uint8_t version;
	uint32_t hash;
};

static const struct recording recordings[] = {
	{ "spdm-1.0-p384.txt", "ecp384", 0x10, SPDM_HASH_SHA_384 },
	{ "spdm-1.1-p384.txt", "ecp384", 0x11, SPDM_HASH_SHA_384 },
	{ "spdm-1.1-rsapss3072.txt", "rsa3072", 0x11, SPDM_HASH_SHA_384 },
	{ "spdm-1.2-p256.txt", "ecp256", 0x12, SPDM_HASH_SHA_256 },
	{ "spdm-1.2-p384.txt", "ecp384", 0x12, SPDM_HASH_SHA_384 },
};

#define RECORDING_COUNT (sizeof(recordings) / sizeof(recordings[0]))

static void load(const struct recording *rec, struct spdm_evidence *evidence)
{
	char relative[128];
	char detail[256];

	memset(evidence, 0, sizeof(*evidence));
	snprintf(relative, sizeof(relative), "conversations/%s", rec->file);
	if (spdm_conversation_read_file(test_path("SPDM_TESTDATA", relative),
					NULL, evidence, detail, sizeof(detail)))
		fail_msg("%s: %s", rec->file, detail);
	assert_int_equal(evidence->count, 22);
}

static struct spdm_trust *trust_of(const char *key_set, const char *root)
{
	struct spdm_trust *trust;
	char relative[128];

	snprintf(relative, sizeof(relative), "dmtf-sample-keys/%s/%s",
		 key_set, root);
	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(
		spdm_trust_add_file(trust, test_path("SPDM_TESTDATA", relative)),
		0);
	return trust;
}

/* Verifies evidence against the recording's slot 0 root. */
static void verify(const struct recording *rec,
		   const struct spdm_evidence *evidence,
		   struct spdm_result *result)
{
	struct spdm_trust *trust = trust_of(rec->key_set, "ca.cert.der");

	memset(result, 0, sizeof(*result));
	assert_int_equal(spdm_verify_conversation(evidence, trust, 0, result),
			 0);
	spdm_trust_free(trust);
}

static void expect(const struct recording *rec,
		   const struct spdm_evidence *evidence,
		   enum spdm_reason reason)
{
	struct spdm_result result;

	verify(rec, evidence, &result);
	if (reason == SPDM_REASON_NONE) {
		if (!result.verified)
			fail_msg("%s: not verified: %s (%s)", rec->file,
				 spdm_reason_name(result.reason),
				 result.detail);
	} else {
		assert_reason(&result, reason);
	}
	spdm_result_clear(&result);
}

/* Returns the index of the n-th message (from 0) with this code. */
static size_t find(const struct spdm_evidence *evidence, uint8_t code,
		   unsigned int n)
{
	for (size_t i = 0; i < evidence->count; i++)
		if (evidence->messages[i].data[1] == code && n-- == 0)
			return i;
	fail_msg("no message 0x%02x", code);
	return 0;
}

static void flip(struct spdm_evidence *evidence, size_t index, size_t offset)
{
	assert_true(offset < evidence->messages[index].length);
	evidence->messages[index].data[offset] ^= 0x01;
}

static void recordings_verify(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		struct spdm_evidence evidence;
		struct spdm_result result;

		load(&recordings[i], &evidence);
		verify(&recordings[i], &evidence, &result);
		if (!result.verified)
			fail_msg("%s: %s (%s)", recordings[i].file,
				 spdm_reason_name(result.reason),
				 result.detail);
		assert_int_equal(result.reason, SPDM_REASON_NONE);
		assert_int_equal(result.version, recordings[i].version);
		assert_int_equal(result.base_hash_algo, recordings[i].hash);
		assert_true(result.challenge_verified);
		assert_true(result.measurements_signed);
		assert_true(result.chain_valid);
		assert_true(result.chain_anchored);
		assert_int_equal(result.slot_id, 0);
		assert_int_equal(result.slot_mask, 0x03);
		/* spdm-emu serves eight measurement blocks. */
		assert_int_equal(result.measurements.block_count, 8);
		assert_non_null(result.signed_measurements);
		assert_non_null(result.cert_chain);
		spdm_result_clear(&result);
		spdm_evidence_clear(&evidence);
	}
}

struct tamper_case {
	const char *name;
	uint8_t code;		/* message code */
	unsigned int occurrence; /* which message with that code */
	long offset;		/* negative: from the end */
	enum spdm_reason reason;
};

/* Offsets inside the signed messages that the parser does not reject. */
static const struct tamper_case tamper_cases[] = {
	{ "CHALLENGE_AUTH signature", SPDM_CHALLENGE_AUTH, 0, -1,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "MEASUREMENTS signature", SPDM_MEASUREMENTS, 0, -1,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "VERSION reserved byte", SPDM_VERSION, 0, 4,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "ALGORITHMS reserved byte", SPDM_ALGORITHMS, 0, 20,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "CHALLENGE nonce", SPDM_CHALLENGE, 0, 10,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "GET_MEASUREMENTS nonce", SPDM_GET_MEASUREMENTS, 0, 10,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "MEASUREMENTS record", SPDM_MEASUREMENTS, 0, 20,
	  SPDM_REASON_SIGNATURE_INVALID },
	{ "certificate of slot 0", SPDM_CERTIFICATE, 0, 300,
	  SPDM_REASON_DIGEST_MISMATCH },
	{ "certificate of slot 1", SPDM_CERTIFICATE, 1, 300,
	  SPDM_REASON_DIGEST_MISMATCH },
	{ "DIGESTS digest", SPDM_DIGESTS, 0, 10, SPDM_REASON_DIGEST_MISMATCH },
	{ "DIGESTS digest after CHALLENGE", SPDM_DIGESTS, 1, 10,
	  SPDM_REASON_DIGEST_MISMATCH },
	{ "DIGESTS digest before GET_MEASUREMENTS", SPDM_DIGESTS, 2, 10,
	  SPDM_REASON_DIGEST_MISMATCH },
	{ "CHALLENGE_AUTH CertChainHash", SPDM_CHALLENGE_AUTH, 0, 4,
	  SPDM_REASON_CERT_CHAIN_HASH_MISMATCH },
};

/* Offsets of the CHALLENGE_AUTH nonce depend on the hash size. */
static void tamper_challenge_auth_nonce(const struct recording *rec,
					struct spdm_evidence *evidence)
{
	size_t auth = find(evidence, SPDM_CHALLENGE_AUTH, 0);

	flip(evidence, auth, 4 + spdm_hash_size(rec->hash) + 5);
}

static void recordings_tampered(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		const struct recording *rec = &recordings[i];

		for (size_t j = 0;
		     j < sizeof(tamper_cases) / sizeof(tamper_cases[0]); j++) {
			const struct tamper_case *c = &tamper_cases[j];
			struct spdm_evidence evidence;
			size_t index;
			size_t offset;

			printf("%s: %s\n", rec->file, c->name);
			load(rec, &evidence);
			index = find(&evidence, c->code, c->occurrence);
			offset = c->offset >= 0 ?
					 (size_t)c->offset :
					 evidence.messages[index].length +
						 (size_t)c->offset;
			flip(&evidence, index, offset);
			expect(rec, &evidence, c->reason);
			spdm_evidence_clear(&evidence);
		}
	}
}

static void challenge_auth_nonce_tampered(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		struct spdm_evidence evidence;

		load(&recordings[i], &evidence);
		tamper_challenge_auth_nonce(&recordings[i], &evidence);
		expect(&recordings[i], &evidence,
		       SPDM_REASON_SIGNATURE_INVALID);
		spdm_evidence_clear(&evidence);
	}
}

/*
 * Changes a byte inside the slot 0 leaf certificate in both CERTIFICATE
 * responses of slot 0 and writes the new chain hash into every DIGESTS,
 * so only the certificate check can catch it.
 */
static void tamper_certificate_consistently(const struct recording *rec,
					    struct spdm_evidence *evidence)
{
	size_t hash_size = spdm_hash_size(rec->hash);
	size_t first = find(evidence, SPDM_CERTIFICATE, 0);
	size_t second = find(evidence, SPDM_CERTIFICATE, 2);
	struct spdm_evidence_message *cert = &evidence->messages[first];
	uint8_t digest[SPDM_MAX_HASH_SIZE];

	/* Slot 0 comes in one portion: 8-byte header, then the object. */
	assert_int_equal(cert->data[6] | cert->data[7] << 8, 0);
	flip(evidence, first, cert->length - 2);
	flip(evidence, second, cert->length - 2);
	assert_int_equal(spdm_hash(rec->hash, cert->data + 8, cert->length - 8,
				   digest),
			 0);
	for (unsigned int n = 0; n < 3; n++) {
		size_t index = find(evidence, SPDM_DIGESTS, n);

		memcpy(evidence->messages[index].data + 4, digest, hash_size);
	}
}

static void certificate_tampered(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		struct spdm_evidence evidence;

		load(&recordings[i], &evidence);
		tamper_certificate_consistently(&recordings[i], &evidence);
		expect(&recordings[i], &evidence, SPDM_REASON_CHAIN_INVALID);
		spdm_evidence_clear(&evidence);
	}
}

static void wrong_trust_anchor(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		struct spdm_trust *trust =
			trust_of(recordings[i].key_set, "ca1.cert.der");
		struct spdm_evidence evidence;
		struct spdm_result result = { 0 };

		load(&recordings[i], &evidence);
		assert_int_equal(spdm_verify_conversation(&evidence, trust, 0,
							  &result),
				 0);
		assert_reason(&result, SPDM_REASON_CHAIN_UNTRUSTED);
		/* What a trust-on-first-use caller may accept. */
		assert_true(result.chain_valid);
		assert_true(result.possession_proven);
		assert_false(result.chain_anchored);
		spdm_result_clear(&result);
		spdm_evidence_clear(&evidence);
		spdm_trust_free(trust);
	}
}

static void no_trust_anchor(void **state)
{
	struct spdm_evidence evidence;
	struct spdm_result result = { 0 };

	load(&recordings[4], &evidence);
	assert_int_equal(spdm_verify_conversation(&evidence, NULL, 0, &result),
			 0);
	assert_reason(&result, SPDM_REASON_CHAIN_UNTRUSTED);
	assert_true(result.chain_valid);
	assert_true(result.possession_proven);
	spdm_result_clear(&result);
	spdm_evidence_clear(&evidence);
}

static void checked_after_expiry(void **state)
{
	struct spdm_trust *trust = trust_of("ecp384", "ca.cert.der");
	struct spdm_evidence evidence;
	struct spdm_result result = { 0 };
	/* 2050-01-01: the sample certificates expire in 2033. */
	time_t check_time = 2524608000;

	load(&recordings[4], &evidence);
	assert_int_equal(spdm_verify_conversation(&evidence, trust, check_time,
						  &result),
			 0);
	assert_reason(&result, SPDM_REASON_CERT_EXPIRED);
	spdm_result_clear(&result);
	spdm_evidence_clear(&evidence);
	spdm_trust_free(trust);
}

/* Removes the pair that starts at index. */
static void drop_pair(struct spdm_evidence *evidence, size_t index)
{
	free(evidence->messages[index].data);
	free(evidence->messages[index + 1].data);
	memmove(&evidence->messages[index], &evidence->messages[index + 2],
		(evidence->count - index - 2) * sizeof(evidence->messages[0]));
	evidence->count -= 2;
}

static void measurements_alone_prove_possession(void **state)
{
	for (size_t i = 0; i < RECORDING_COUNT; i++) {
		struct spdm_evidence evidence;
		struct spdm_result result;

		load(&recordings[i], &evidence);
		drop_pair(&evidence, find(&evidence, SPDM_CHALLENGE, 0));
		verify(&recordings[i], &evidence, &result);
		assert_true(result.verified);
		assert_false(result.challenge_verified);
		assert_true(result.measurements_signed);
		spdm_result_clear(&result);
		spdm_evidence_clear(&evidence);
	}
}

static void vca_alone_not_verified(void **state)
{
	struct spdm_evidence evidence;

	load(&recordings[4], &evidence);
	while (evidence.count > 6)
		drop_pair(&evidence, 6);
	expect(&recordings[4], &evidence, SPDM_REASON_NO_PROOF_OF_POSSESSION);
	spdm_evidence_clear(&evidence);
}

static void unpaired_message_rejected(void **state)
{
	struct spdm_evidence evidence;

	load(&recordings[4], &evidence);
	free(evidence.messages[--evidence.count].data);
	expect(&recordings[4], &evidence, SPDM_REASON_MALFORMED_RESPONSE);
	spdm_evidence_clear(&evidence);
}

static void header_lines_not_needed(void **state)
{
	char relative[128];
	size_t size;
	uint8_t *text;
	char *stripped;
	size_t length = 0;
	struct spdm_evidence evidence = { 0 };
	char detail[256];

	snprintf(relative, sizeof(relative), "conversations/%s",
		 recordings[3].file);
	text = testdata_read(relative, &size);
	stripped = malloc(size + 1);
	/* Keep every line that does not start with '#'. */
	for (size_t i = 0; i < size;) {
		const uint8_t *end = memchr(text + i, '\n', size - i);
		size_t line = end ? (size_t)(end - (text + i)) + 1 : size - i;

		if (text[i] != '#') {
			memcpy(stripped + length, text + i, line);
			length += line;
		}
		i += line;
	}
	assert_int_equal(spdm_conversation_parse(stripped, length, NULL,
						 &evidence, detail,
						 sizeof(detail)),
			 0);
	assert_null(memchr(stripped, '#', length));
	expect(&recordings[3], &evidence, SPDM_REASON_NONE);
	spdm_evidence_clear(&evidence);
	free(stripped);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recordings_verify),
		cmocka_unit_test(recordings_tampered),
		cmocka_unit_test(challenge_auth_nonce_tampered),
		cmocka_unit_test(certificate_tampered),
		cmocka_unit_test(wrong_trust_anchor),
		cmocka_unit_test(no_trust_anchor),
		cmocka_unit_test(checked_after_expiry),
		cmocka_unit_test(measurements_alone_prove_possession),
		cmocka_unit_test(vca_alone_not_verified),
		cmocka_unit_test(unpaired_message_rejected),
		cmocka_unit_test(header_lines_not_needed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
