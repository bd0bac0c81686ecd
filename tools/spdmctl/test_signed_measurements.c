// SPDX-License-Identifier: BSD-3-Clause
/*
 * Tests of the SignedMeasurements verifier with blobs cut from real
 * conversations recorded between DMTF's libspdm requester and responder.
 * A blob holds what the signature covers: for 1.2 the VCA messages and
 * the signed GET_MEASUREMENTS pair, for 1.0 and 1.1 the pair alone.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/x509.h>

#include <spdm/wire.h>

#include "signed_measurements.h"

#define MAX_MESSAGES	 64
#define MAX_MESSAGE_SIZE 8192

struct recorded_conversation {
	const char *file;
	const char *key_folder;
	uint8_t version;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
};

static const struct recorded_conversation conversations[] = {
    {"spdm-1.0-p384.txt", "ecp384", SPDM_VERSION_10, SPDM_ASYM_ECDSA_P384,
     SPDM_HASH_SHA_384},
    {"spdm-1.1-p384.txt", "ecp384", SPDM_VERSION_11, SPDM_ASYM_ECDSA_P384,
     SPDM_HASH_SHA_384},
    {"spdm-1.1-rsapss3072.txt", "rsa3072", SPDM_VERSION_11,
     SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_384},
    {"spdm-1.2-p256.txt", "ecp256", SPDM_VERSION_12, SPDM_ASYM_ECDSA_P256,
     SPDM_HASH_SHA_256},
    {"spdm-1.2-p384.txt", "ecp384", SPDM_VERSION_12, SPDM_ASYM_ECDSA_P384,
     SPDM_HASH_SHA_384},
};

#define CONVERSATION_COUNT (sizeof(conversations) / sizeof(conversations[0]))

struct message {
	uint8_t data[MAX_MESSAGE_SIZE];
	size_t length;
};

/* A blob built from one conversation, with what verifies it. */
struct fixture {
	uint8_t blob[4 * MAX_MESSAGE_SIZE];
	size_t size;
	uint8_t nonce[SPDM_NONCE_SIZE];
	struct signed_measurements_check check;
	struct signed_measurements_report report;
	size_t vca_size;
};

static const char *testdata_dir(void)
{
	const char *dir = getenv("SPDM_TESTDATA");

	return dir ? dir : "../shared/testdata";
}

static void append_hex_line(struct message *message, const char *hex)
{
	unsigned int byte;
	int consumed;

	while (sscanf(hex, " %2x%n", &byte, &consumed) == 1) {
		assert_true(message->length < MAX_MESSAGE_SIZE);
		message->data[message->length++] = (uint8_t)byte;
		hex += consumed;
	}
}

/* Reads the "> " and "< " messages of a conversation file. */
static size_t read_conversation(const char *file, struct message *messages)
{
	char path[512];
	char line[256];
	size_t count = 0;
	FILE *in;

	snprintf(path, sizeof(path), "%s/conversations/%s", testdata_dir(),
		 file);
	in = fopen(path, "r");
	assert_non_null(in);
	while (fgets(line, sizeof(line), in)) {
		if (line[0] == '>' || line[0] == '<') {
			assert_true(count < MAX_MESSAGES);
			messages[count].length = 0;
			append_hex_line(&messages[count++], line + 1);
		} else if (line[0] == ' ' && count > 0) {
			append_hex_line(&messages[count - 1], line);
		}
	}
	fclose(in);
	return count;
}

static EVP_PKEY *load_leaf_key(const char *key_folder)
{
	char path[512];
	X509 *leaf;
	EVP_PKEY *key;
	FILE *in;

	snprintf(path, sizeof(path),
		 "%s/dmtf-sample-keys/%s/end_responder.cert.der",
		 testdata_dir(), key_folder);
	in = fopen(path, "rb");
	assert_non_null(in);
	leaf = d2i_X509_fp(in, NULL);
	fclose(in);
	assert_non_null(leaf);
	key = X509_get_pubkey(leaf);
	X509_free(leaf);
	assert_non_null(key);
	return key;
}

static void append_message(struct fixture *f, const struct message *message)
{
	assert_true(f->size + message->length <= sizeof(f->blob));
	memcpy(f->blob + f->size, message->data, message->length);
	f->size += message->length;
}

/*
 * Builds the blob: from 1.2 on the first six messages (VCA), then the
 * last request and response, which are the signed GET_MEASUREMENTS pair.
 */
static void build_fixture(struct fixture *f,
			  const struct recorded_conversation *conversation)
{
	static struct message messages[MAX_MESSAGES];
	size_t count = read_conversation(conversation->file, messages);

	memset(f, 0, sizeof(*f));
	assert_true(count >= 8);
	if (conversation->version >= SPDM_VERSION_12) {
		for (size_t i = 0; i < 6; i++)
			append_message(f, &messages[i]);
	}
	f->vca_size = f->size;
	append_message(f, &messages[count - 2]);
	append_message(f, &messages[count - 1]);

	/* GET_MEASUREMENTS: header (4 bytes), then Nonce. */
	memcpy(f->nonce, messages[count - 2].data + 4, SPDM_NONCE_SIZE);
	f->check.version = conversation->version;
	f->check.base_asym_algo = conversation->base_asym_algo;
	f->check.base_hash_algo = conversation->base_hash_algo;
	f->check.key = load_leaf_key(conversation->key_folder);
	f->check.nonce = f->nonce;
}

static void free_fixture(struct fixture *f)
{
	EVP_PKEY_free(f->check.key);
}

static void test_recorded_blobs_verify(void **state)
{
	static struct fixture f;

	for (size_t i = 0; i < CONVERSATION_COUNT; i++) {
		build_fixture(&f, &conversations[i]);
		assert_int_equal(signed_measurements_verify(
				     f.blob, f.size, &f.check, &f.report),
				 0);
		assert_true(f.report.layout_valid);
		assert_true(f.report.nonce_matches);
		assert_true(f.report.signature_valid);
		assert_int_equal(
		    f.report.message_count,
		    conversations[i].version >= SPDM_VERSION_12 ? 8 : 2);
		assert_true(f.report.block_count > 0);
		free_fixture(&f);
	}
}

static void test_flipped_signature_byte_rejected(void **state)
{
	static struct fixture f;

	for (size_t i = 0; i < CONVERSATION_COUNT; i++) {
		build_fixture(&f, &conversations[i]);
		f.blob[f.size - 1] ^= 0x01;
		assert_int_equal(signed_measurements_verify(
				     f.blob, f.size, &f.check, &f.report),
				 -EKEYREJECTED);
		assert_true(f.report.layout_valid);
		assert_false(f.report.signature_valid);
		free_fixture(&f);
	}
}

/* The last byte of ALGORITHMS: the layout parses, the signature fails. */
static void test_flipped_vca_byte_rejected(void **state)
{
	static struct fixture f;

	build_fixture(&f, &conversations[CONVERSATION_COUNT - 1]);
	f.blob[f.vca_size - 1] ^= 0x01;
	assert_int_equal(
	    signed_measurements_verify(f.blob, f.size, &f.check, &f.report),
	    -EKEYREJECTED);
	free_fixture(&f);
}

static void test_other_nonce_rejected(void **state)
{
	static struct fixture f;

	build_fixture(&f, &conversations[CONVERSATION_COUNT - 1]);
	f.nonce[0] ^= 0x01;
	assert_int_equal(
	    signed_measurements_verify(f.blob, f.size, &f.check, &f.report),
	    -EPROTO);
	assert_false(f.report.nonce_matches);
	assert_false(f.report.signature_valid);
	free_fixture(&f);
}

static void test_wrong_key_rejected(void **state)
{
	static struct fixture f;
	EVP_PKEY *other = load_leaf_key("ecp384");

	build_fixture(&f, &conversations[3]); /* P-256 */
	EVP_PKEY_free(f.check.key);
	f.check.key = other;
	assert_int_not_equal(
	    signed_measurements_verify(f.blob, f.size, &f.check, &f.report), 0);
	assert_false(f.report.signature_valid);
	free_fixture(&f);
}

static void test_truncated_blob_rejected(void **state)
{
	static struct fixture f;

	build_fixture(&f, &conversations[CONVERSATION_COUNT - 1]);
	assert_int_equal(signed_measurements_verify(f.blob, f.size - 97,
						    &f.check, &f.report),
			 -EBADMSG);
	assert_false(f.report.layout_valid);
	assert_int_equal(
	    signed_measurements_verify(f.blob, 50, &f.check, &f.report),
	    -EBADMSG);
	free_fixture(&f);
}

static void test_trailing_byte_rejected(void **state)
{
	static struct fixture f;

	build_fixture(&f, &conversations[CONVERSATION_COUNT - 1]);
	f.blob[f.size++] = 0x00;
	assert_int_equal(
	    signed_measurements_verify(f.blob, f.size, &f.check, &f.report),
	    -EBADMSG);
	assert_false(f.report.layout_valid);
	free_fixture(&f);
}

/* 1.2 evidence checked as 1.1 lacks the version the VCA messages carry. */
static void test_wrong_version_rejected(void **state)
{
	static struct fixture f;

	build_fixture(&f, &conversations[CONVERSATION_COUNT - 1]);
	f.check.version = SPDM_VERSION_11;
	assert_int_equal(
	    signed_measurements_verify(f.blob, f.size, &f.check, &f.report),
	    -EBADMSG);
	free_fixture(&f);
}

struct base64_vector {
	const char *text;
	const char *decoded; /* NULL: invalid */
};

static const struct base64_vector base64_vectors[] = {
    {"", ""},	     {"Zg==", "f"},	     {"Zm8=", "fo"},
    {"Zm9v", "foo"}, {"Zm9vYmFy", "foobar"}, {"Zm9vYg==", "foob"},
    {"Zm9", NULL},   {"Zm9v!A==", NULL},     {"Zm 9v", NULL},
};

static void test_base64_vectors(void **state)
{
	for (size_t i = 0;
	     i < sizeof(base64_vectors) / sizeof(base64_vectors[0]); i++) {
		const struct base64_vector *v = &base64_vectors[i];
		uint8_t *data = NULL;
		size_t size = 0;
		int ret = base64_decode(v->text, &data, &size);

		if (!v->decoded) {
			assert_int_equal(ret, -EBADMSG);
			continue;
		}
		assert_int_equal(ret, 0);
		assert_int_equal(size, strlen(v->decoded));
		assert_memory_equal(data, v->decoded, size);
		free(data);
	}
}

static void test_algorithm_names(void **state)
{
	assert_int_equal(asym_algo_from_name("TPM_ALG_ECDSA_ECC_NIST_P384"),
			 SPDM_ASYM_ECDSA_P384);
	assert_int_equal(asym_algo_from_name("TPM_ALG_RSAPSS_3072"),
			 SPDM_ASYM_RSAPSS_3072);
	assert_int_equal(asym_algo_from_name("EdDSA ed25519"),
			 SPDM_ASYM_EDDSA_ED25519);
	assert_int_equal(asym_algo_from_name("unknown"), 0);
	assert_int_equal(asym_algo_from_name("ECDSA"), 0);
	assert_int_equal(hash_algo_from_name("TPM_ALG_SHA_256"),
			 SPDM_HASH_SHA_256);
	assert_int_equal(hash_algo_from_name("TPM_ALG_SHA_512"),
			 SPDM_HASH_SHA_512);
	assert_int_equal(hash_algo_from_name("unknown"), 0);
}

static void test_version_text(void **state)
{
	uint8_t version = 0;

	assert_int_equal(spdm_version_from_text("1.2", &version), 0);
	assert_int_equal(version, SPDM_VERSION_12);
	assert_int_equal(spdm_version_from_text("1.0", &version), 0);
	assert_int_equal(version, SPDM_VERSION_10);
	assert_int_equal(spdm_version_from_text("1.2.0", &version), -EINVAL);
	assert_int_equal(spdm_version_from_text("12", &version), -EINVAL);
	assert_int_equal(spdm_version_from_text("", &version), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_recorded_blobs_verify),
	    cmocka_unit_test(test_flipped_signature_byte_rejected),
	    cmocka_unit_test(test_flipped_vca_byte_rejected),
	    cmocka_unit_test(test_other_nonce_rejected),
	    cmocka_unit_test(test_wrong_key_rejected),
	    cmocka_unit_test(test_truncated_blob_rejected),
	    cmocka_unit_test(test_trailing_byte_rejected),
	    cmocka_unit_test(test_wrong_version_rejected),
	    cmocka_unit_test(test_base64_vectors),
	    cmocka_unit_test(test_algorithm_names),
	    cmocka_unit_test(test_version_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
