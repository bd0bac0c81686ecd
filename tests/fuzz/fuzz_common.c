// SPDX-License-Identifier: BSD-3-Clause
/* Helpers shared by the fuzz harnesses (see fuzz_common.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "fuzz_common.h"

#ifndef FUZZ_TESTDATA_DIR
#error "meson defines FUZZ_TESTDATA_DIR as the source tree's test data"
#endif

#define FUZZ_MAX_FILE_SIZE (16u * 1024u * 1024u)

void fuzz_input_init(struct fuzz_input *input, const uint8_t *data, size_t size)
{
	input->data = data;
	input->size = size;
	input->offset = 0;
}

bool fuzz_input_byte(struct fuzz_input *input, uint8_t *byte)
{
	if (input->offset >= input->size)
		return false;
	*byte = input->data[input->offset++];
	return true;
}

enum fuzz_record_kind fuzz_input_record(struct fuzz_input *input,
					const uint8_t **message, size_t *length)
{
	size_t left = input->size - input->offset;
	size_t record_length;

	if (left < 2)
		return FUZZ_RECORD_END;
	record_length = input->data[input->offset] |
			(size_t)input->data[input->offset + 1] << 8;
	input->offset += 2;
	left -= 2;
	if (record_length == FUZZ_RECORD_TIMEOUT)
		return FUZZ_RECORD_TIMEOUT_MARK;
	if (record_length > left)
		record_length = left;
	*message = input->data + input->offset;
	*length = record_length;
	input->offset += record_length;
	return FUZZ_RECORD_MESSAGE;
}

bool fuzz_span_inside(const uint8_t *base, size_t size, const uint8_t *span,
		      size_t length)
{
	size_t offset;

	if (!length)
		return true;
	if (!span || span < base)
		return false;
	offset = (size_t)(span - base);
	return offset <= size && length <= size - offset;
}

/*
 * splitmix64, one state per stream: deterministic, and good enough for
 * nonces that only have to differ from each other.
 */
static uint64_t random_state[FUZZ_RANDOM_STREAMS];
static enum fuzz_random_stream random_stream = FUZZ_RANDOM_MAIN;

void fuzz_random_reset(void)
{
	for (size_t i = 0; i < FUZZ_RANDOM_STREAMS; i++)
		random_state[i] = 0x5350444d00000000ull + i;
	random_stream = FUZZ_RANDOM_MAIN;
}

void fuzz_random_select(enum fuzz_random_stream stream)
{
	random_stream = stream;
}

static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Replaces spdm_random_bytes() through the linker's --wrap option. */
int __wrap_spdm_random_bytes(void *buf, size_t length);

int __wrap_spdm_random_bytes(void *buf, size_t length)
{
	uint8_t *out = buf;

	if (!buf && length)
		return -EINVAL;
	for (size_t i = 0; i < length; i++) {
		if (i % 8 == 0) {
			uint64_t value =
			    next_random(&random_state[random_stream]);

			memcpy(out + i, &value,
			       length - i < 8 ? length - i : 8);
		}
	}
	return 0;
}

const char *fuzz_testdata_path(const char *relative)
{
	static char path[4096];
	const char *root = getenv("SPDM_TESTDATA");

	if (!root || !*root)
		root = FUZZ_TESTDATA_DIR;
	snprintf(path, sizeof(path), "%s/%s", root, relative);
	return path;
}

uint8_t *fuzz_read_file(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	uint8_t *data = NULL;
	long length;

	if (!file)
		return NULL;
	if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
	    (unsigned long)length <= FUZZ_MAX_FILE_SIZE &&
	    fseek(file, 0, SEEK_SET) == 0) {
		data = malloc(length ? (size_t)length : 1);
		if (data &&
		    fread(data, 1, (size_t)length, file) != (size_t)length) {
			free(data);
			data = NULL;
		}
		*size = (size_t)length;
	}
	fclose(file);
	return data;
}

const struct fuzz_sample_key fuzz_sample_keys[] = {
    {"ecp256", SPDM_ASYM_ECDSA_P256},	  {"ecp384", SPDM_ASYM_ECDSA_P384},
    {"ecp521", SPDM_ASYM_ECDSA_P521},	  {"rsa2048", SPDM_ASYM_RSASSA_2048},
    {"rsa3072", SPDM_ASYM_RSAPSS_3072},	  {"rsa4096", SPDM_ASYM_RSASSA_4096},
    {"ed25519", SPDM_ASYM_EDDSA_ED25519},
};

const size_t fuzz_sample_key_count =
    sizeof(fuzz_sample_keys) / sizeof(fuzz_sample_keys[0]);

struct spdm_trust *fuzz_sample_trust(void)
{
	struct spdm_trust *trust;
	char relative[128];

	if (spdm_trust_new(&trust))
		return NULL;
	for (size_t i = 0; i < fuzz_sample_key_count; i++) {
		snprintf(relative, sizeof(relative),
			 "dmtf-sample-keys/%s/ca.cert.der",
			 fuzz_sample_keys[i].folder);
		spdm_trust_add_file(trust, fuzz_testdata_path(relative));
		snprintf(relative, sizeof(relative),
			 "dmtf-sample-keys/%s/ca1.cert.der",
			 fuzz_sample_keys[i].folder);
		spdm_trust_add_file(trust, fuzz_testdata_path(relative));
	}
	if (spdm_trust_count(trust) == 0) {
		spdm_trust_free(trust);
		return NULL;
	}
	return trust;
}

EVP_PKEY *fuzz_sample_private_key(const char *folder)
{
	char relative[128];

	snprintf(relative, sizeof(relative),
		 "dmtf-sample-keys/%s/end_responder.key", folder);
	return spdm_load_private_key(fuzz_testdata_path(relative));
}

uint8_t *fuzz_sample_chain(const char *folder, unsigned int slot, size_t *size)
{
	char relative[128];

	snprintf(relative, sizeof(relative),
		 "dmtf-sample-keys/%s/bundle_responder.certchain%s.der", folder,
		 slot ? "1" : "");
	return fuzz_read_file(fuzz_testdata_path(relative), size);
}
