// SPDX-License-Identifier: BSD-3-Clause
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/x509.h>

#include "testdata.h"

const char *test_path(const char *environment_variable, const char *relative)
{
	static char path[4096];
	const char *root = getenv(environment_variable);

	if (!root)
		fail_msg("%s is not set; run the tests with meson test",
			 environment_variable);
	snprintf(path, sizeof(path), "%s/%s", root, relative);
	return path;
}

size_t test_hex(const char *hex, uint8_t *out, size_t capacity)
{
	size_t count = 0;
	unsigned int byte;
	int consumed;

	while (sscanf(hex, " %2x%n", &byte, &consumed) == 1) {
		assert_true(count < capacity);
		out[count++] = (uint8_t)byte;
		hex += consumed;
	}
	return count;
}

uint8_t *test_read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	uint8_t *data;
	long length;

	if (!file)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(file, 0, SEEK_END), 0);
	length = ftell(file);
	assert_true(length >= 0);
	rewind(file);

	data = malloc((size_t)length + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)length, file), (size_t)length);
	fclose(file);
	*size = (size_t)length;
	return data;
}

uint8_t *testdata_read(const char *relative, size_t *size)
{
	return test_read_file(test_path("SPDM_TESTDATA", relative), size);
}

uint8_t *testdata_sample_file(const char *folder, const char *name,
			      size_t *size)
{
	char relative[256];

	snprintf(relative, sizeof(relative), "dmtf-sample-keys/%s/%s", folder,
		 name);
	return testdata_read(relative, size);
}

X509 *test_load_cert(const char *path)
{
	size_t size;
	uint8_t *der = test_read_file(path, &size);
	const uint8_t *cursor = der;
	X509 *cert = d2i_X509(NULL, &cursor, (long)size);

	if (!cert)
		fail_msg("%s is not a DER certificate", path);
	free(der);
	return cert;
}

EVP_PKEY *test_load_cert_key(const char *path)
{
	X509 *cert = test_load_cert(path);
	EVP_PKEY *key = X509_get_pubkey(cert);

	assert_non_null(key);
	X509_free(cert);
	return key;
}

static void append_hex(struct conversation_message *message, const char *hex)
{
	unsigned int byte;
	int consumed;

	while (sscanf(hex, " %2x%n", &byte, &consumed) == 1) {
		uint8_t *grown = realloc(message->data, message->size + 1);

		assert_non_null(grown);
		message->data = grown;
		message->data[message->size++] = (uint8_t)byte;
		hex += consumed;
	}
}

void conversation_load(struct conversation *conversation,
		       const char *relative)
{
	FILE *file = fopen(test_path("SPDM_TESTDATA", relative), "r");
	char line[1024];

	if (!file)
		fail_msg("cannot open conversation %s", relative);
	memset(conversation, 0, sizeof(*conversation));

	while (fgets(line, sizeof(line), file)) {
		struct conversation_message *message;

		if (line[0] == '>' || line[0] == '<') {
			assert_true(conversation->count <
				    CONVERSATION_MAX_MESSAGES);
			message = &conversation->messages[conversation->count];
			conversation->count++;
			message->request = line[0] == '>';
			append_hex(message, line + 1);
		} else if (line[0] == ' ' && conversation->count > 0) {
			message = &conversation->messages[conversation->count -
							  1];
			append_hex(message, line);
		}
	}
	fclose(file);
}

void conversation_free(struct conversation *conversation)
{
	for (size_t i = 0; i < conversation->count; i++)
		free(conversation->messages[i].data);
	conversation->count = 0;
}

size_t conversation_find(const struct conversation *conversation,
			 uint8_t code, size_t start)
{
	for (size_t i = start; i < conversation->count; i++) {
		const struct conversation_message *message =
			&conversation->messages[i];

		if (message->size >= 2 && message->data[1] == code)
			return i;
	}
	fail_msg("no message with code 0x%02x after %zu", code, start);
	return 0;
}
