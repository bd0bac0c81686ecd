// SPDX-License-Identifier: BSD-3-Clause
/* Writes the seed files of the generator (see seeds.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <spdm/cert_chain.h>
#include <spdm/conversation.h>
#include <spdm/messages.h>

#include "fuzz_common.h"
#include "fuzz_selectors.h"
#include "seeds.h"

static const char *const harnesses[] = {
    "requester",    "responder",  "codecs",
    "measurements", "cert_chain", "conversation",
};

void seed_buffer_append(struct seed_buffer *buffer, const void *data,
			size_t size)
{
	uint8_t *grown;

	if (buffer->failed)
		return;
	grown = realloc(buffer->data, buffer->size + size + 1);
	if (!grown) {
		buffer->failed = true;
		return;
	}
	memcpy(grown + buffer->size, data, size);
	buffer->data = grown;
	buffer->size += size;
}

void seed_buffer_record(struct seed_buffer *buffer, const uint8_t *data,
			size_t size)
{
	uint8_t length[2];

	/* Longer messages cannot be framed; FUZZ_RECORD_TIMEOUT is taken. */
	if (size >= FUZZ_RECORD_TIMEOUT)
		size = FUZZ_RECORD_TIMEOUT - 1;
	length[0] = (uint8_t)size;
	length[1] = (uint8_t)(size >> 8);
	seed_buffer_append(buffer, length, sizeof(length));
	seed_buffer_append(buffer, data, size);
}

void seed_buffer_free(struct seed_buffer *buffer)
{
	free(buffer->data);
	memset(buffer, 0, sizeof(*buffer));
}

static int make_directory(const char *path)
{
	if (mkdir(path, 0755) && errno != EEXIST) {
		fprintf(stderr, "fuzz_seeds: cannot create %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

int seeds_prepare(const char *out)
{
	char path[4096];

	if (make_directory(out))
		return -1;
	for (size_t i = 0; i < sizeof(harnesses) / sizeof(harnesses[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", out, harnesses[i]);
		if (make_directory(path))
			return -1;
	}
	return 0;
}

int seeds_write_file(const char *out, const char *harness, const char *name,
		     const void *data, size_t size)
{
	char path[4096];
	FILE *file;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s/%s", out, harness, name);
	file = fopen(path, "wb");
	if (!file || fwrite(data, 1, size, file) != size)
		rc = -1;
	if (file && fclose(file))
		rc = -1;
	if (rc)
		fprintf(stderr, "fuzz_seeds: cannot write %s\n", path);
	return rc;
}

/* Writes selector and message as one seed. */
static int write_selected(const char *out, const char *harness,
			  const char *name, uint8_t selector,
			  const uint8_t *message, size_t size)
{
	struct seed_buffer buffer = {0};
	int rc;

	seed_buffer_append(&buffer, &selector, 1);
	seed_buffer_append(&buffer, message, size);
	rc = buffer.failed ? -1
			   : seeds_write_file(out, harness, name, buffer.data,
					      buffer.size);
	seed_buffer_free(&buffer);
	return rc;
}

static unsigned int size_selector(const struct spdm_result *result)
{
	size_t hash = spdm_hash_size(result->base_hash_algo);
	size_t signature = spdm_signature_size(result->base_asym_algo);

	for (unsigned int i = 0; i < FUZZ_CODEC_SIZES; i++)
		if (fuzz_codec_sizes[i].hash == hash &&
		    fuzz_codec_sizes[i].signature == signature)
			return i;
	return 0;
}

static enum fuzz_codec codec_of(const struct spdm_evidence *evidence,
				size_t index)
{
	const struct spdm_evidence_message *message =
	    &evidence->messages[index];
	uint8_t code = message->length > 1 ? message->data[1] : 0;
	const struct spdm_evidence_message *request =
	    index > 0 ? &evidence->messages[index - 1] : NULL;

	switch (code) {
	case SPDM_VERSION:
		return FUZZ_CODEC_VERSION;
	case SPDM_GET_CAPABILITIES:
		return FUZZ_CODEC_GET_CAPABILITIES;
	case SPDM_CAPABILITIES:
		return FUZZ_CODEC_CAPABILITIES;
	case SPDM_NEGOTIATE_ALGORITHMS:
		return FUZZ_CODEC_NEGOTIATE_ALGORITHMS;
	case SPDM_ALGORITHMS:
		return FUZZ_CODEC_ALGORITHMS;
	case SPDM_DIGESTS:
		return FUZZ_CODEC_DIGESTS;
	case SPDM_CERTIFICATE:
		return FUZZ_CODEC_CERTIFICATE;
	case SPDM_CHALLENGE_AUTH:
		/* A non-zero CHALLENGE Param2 requests a summary hash. */
		if (request && request->length > 3 && request->data[3])
			return FUZZ_CODEC_CHALLENGE_AUTH_SUMMARY;
		return FUZZ_CODEC_CHALLENGE_AUTH;
	case SPDM_MEASUREMENTS:
		return FUZZ_CODEC_MEASUREMENTS;
	case SPDM_ERROR:
	case SPDM_CHUNK_RESPONSE:
		return FUZZ_CODEC_ERROR_OR_CHUNK;
	default:
		return FUZZ_CODEC_REQUESTS;
	}
}

static unsigned int measurement_selector(const struct spdm_evidence *evidence,
					 size_t index,
					 const struct spdm_result *result)
{
	const struct spdm_evidence_message *request =
	    index > 0 ? &evidence->messages[index - 1] : NULL;
	size_t signature = spdm_signature_size(result->base_asym_algo);

	if (!request || request->length < 3 ||
	    !(request->data[2] & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED))
		return 0;
	for (unsigned int i = 1; i < FUZZ_MEASUREMENT_SIGNATURES; i++)
		if (fuzz_measurement_signatures[i] == signature)
			return i;
	return 0;
}

static int write_messages(const char *out, const struct seed_run *run)
{
	const struct spdm_evidence *evidence = &run->result.evidence;
	unsigned int sizes = size_selector(&run->result);
	char name[192];
	int rc = 0;

	for (size_t i = 0; i < evidence->count; i++) {
		const struct spdm_evidence_message *message =
		    &evidence->messages[i];
		enum fuzz_codec codec = codec_of(evidence, i);

		snprintf(name, sizeof(name), "%s-%03zu", run->name, i);
		if (write_selected(out, "codecs", name,
				   (uint8_t)(codec | sizes << 5), message->data,
				   message->length))
			rc = -1;
		if (codec == FUZZ_CODEC_MEASUREMENTS &&
		    write_selected(out, "measurements", name,
				   (uint8_t)measurement_selector(evidence, i,
								 &run->result),
				   message->data, message->length))
			rc = -1;
	}
	return rc;
}

static int write_conversation(const char *out, const struct seed_run *run)
{
	size_t length;
	char *text;
	int rc;

	if (spdm_conversation_format(&run->result.evidence, &run->result,
				     "fuzz_seeds", &text, &length))
		return -1;
	/* Selector 0x02: default caps, the sample roots as anchors. */
	rc = write_selected(out, "conversation", run->name, 0x02,
			    (const uint8_t *)text, length);
	free(text);
	return rc;
}

int seeds_write_run(const char *out, const struct seed_run *run)
{
	int rc = 0;

	if (run->responses.failed || run->requests.failed)
		return -1;
	if (seeds_write_file(out, "requester", run->name, run->responses.data,
			     run->responses.size) ||
	    seeds_write_file(out, "responder", run->name, run->requests.data,
			     run->requests.size))
		rc = -1;
	if (write_messages(out, run) || write_conversation(out, run))
		rc = -1;
	return rc;
}

/* The index of an algorithm in one of the fuzz_cert_chain tables. */
static unsigned int chain_index(const uint32_t *table, size_t count,
				uint32_t algo)
{
	for (unsigned int i = 0; i < count; i++)
		if (table[i] == algo)
			return i;
	return 0;
}

static int write_chain_seeds(const char *out, const struct fuzz_sample_key *key,
			     unsigned int slot)
{
	unsigned int asym =
	    chain_index(fuzz_chain_asym_algos, 16, key->base_asym_algo);
	uint8_t *slot_object;
	size_t der_size = 0;
	size_t size;
	char name[128];
	uint8_t *der = fuzz_sample_chain(key->folder, slot, &der_size);
	int rc = 0;

	if (!der)
		return -1;
	for (unsigned int hash = 0; hash < 3; hash++) {
		uint8_t selector = (uint8_t)(hash | asym << 2 | 0x40);

		if (spdm_cert_chain_build(fuzz_chain_hash_algos[hash], der,
					  der_size, &slot_object, &size)) {
			rc = -1;
			continue;
		}
		snprintf(name, sizeof(name), "gen-%s-slot%u-hash%u",
			 key->folder, slot, hash);
		if (write_selected(out, "cert_chain", name, selector,
				   slot_object, size))
			rc = -1;
		free(slot_object);
	}
	snprintf(name, sizeof(name), "gen-%s-slot%u-der", key->folder, slot);
	if (write_selected(out, "cert_chain", name,
			   (uint8_t)(1 | asym << 2 | 0x40 | 0x80), der,
			   der_size))
		rc = -1;
	free(der);
	return rc;
}

static int write_recorded_conversations(const char *out)
{
	const char *folder = fuzz_testdata_path("conversations");
	char directory[4096];
	char path[4096 + 256];
	struct dirent *entry;
	uint8_t *text;
	size_t size;
	DIR *dir;
	int rc = 0;

	snprintf(directory, sizeof(directory), "%s", folder);
	dir = opendir(directory);
	if (!dir) {
		fprintf(stderr, "fuzz_seeds: cannot open %s\n", directory);
		return -1;
	}
	while ((entry = readdir(dir))) {
		if (!strstr(entry->d_name, ".txt"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", directory, entry->d_name);
		text = fuzz_read_file(path, &size);
		if (!text || write_selected(out, "conversation", entry->d_name,
					    0x02, text, size))
			rc = -1;
		free(text);
	}
	closedir(dir);
	return rc;
}

int seeds_write_static(const char *out)
{
	int rc = 0;

	for (size_t i = 0; i < fuzz_sample_key_count; i++)
		for (unsigned int slot = 0; slot < 2; slot++)
			if (write_chain_seeds(out, &fuzz_sample_keys[i], slot))
				rc = -1;
	if (write_recorded_conversations(out))
		rc = -1;
	return rc;
}
