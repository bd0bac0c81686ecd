/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers for the crypto unit tests: files under $SPDM_TESTDATA (the DMTF
 * sample keys and recorded conversations) and under $SPDM_TEST_PKI (the
 * PKI that scripts/gen-test-pki.sh writes into the build folder). A
 * missing file fails the running test.
 */
#ifndef SPDM_TEST_CRYPTO_TESTDATA_H
#define SPDM_TEST_CRYPTO_TESTDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

/* Returns "$environment_variable/relative" in a static buffer. */
const char *test_path(const char *environment_variable, const char *relative);
/* Decodes a hex string (spaces allowed) into out and returns the size. */
size_t test_hex(const char *hex, uint8_t *out, size_t capacity);
/* Reads a whole file into memory that the caller frees. */
uint8_t *test_read_file(const char *path, size_t *size);
/* Reads a file under $SPDM_TESTDATA. */
uint8_t *testdata_read(const char *relative, size_t *size);
/* Reads the file NAME of one DMTF sample identity, e.g. "ecp384". */
uint8_t *testdata_sample_file(const char *folder, const char *name,
			      size_t *size);
/* Parses a DER certificate file. */
X509 *test_load_cert(const char *path);
/* Returns the public key of a DER certificate file. */
EVP_PKEY *test_load_cert_key(const char *path);

#define CONVERSATION_MAX_MESSAGES 64

struct conversation_message {
	bool request;
	uint8_t *data;
	size_t size;
};

/* One recorded conversation file of $SPDM_TESTDATA/conversations. */
struct conversation {
	struct conversation_message messages[CONVERSATION_MAX_MESSAGES];
	size_t count;
};

void conversation_load(struct conversation *conversation,
		       const char *relative);
void conversation_free(struct conversation *conversation);
/* Returns the index of the first message with this code at or after start. */
size_t conversation_find(const struct conversation *conversation,
			 uint8_t code, size_t start);

#endif /* SPDM_TEST_CRYPTO_TESTDATA_H */
