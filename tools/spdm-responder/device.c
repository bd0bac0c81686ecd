// SPDX-License-Identifier: BSD-3-Clause
/* Builds an emulated device from its settings: keys, chains, files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <spdm/crypto.h>

#include "responder_tool.h"

/* Largest file the device reads: a chain is at most 64 KiB. */
#define MAX_FILE_SIZE (1024 * 1024)

/* Reads a whole file; logs and returns NULL on failure. */
static uint8_t *read_file(const char *path, const char *what, size_t *size)
{
	FILE *file = fopen(path, "rb");
	uint8_t *data = NULL;
	long length;

	if (!file) {
		log_error("cannot open %s %s: %s", what, path, strerror(errno));
		return NULL;
	}
	if (fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
	    length <= MAX_FILE_SIZE && fseek(file, 0, SEEK_SET) == 0) {
		data = malloc((size_t)length + 1);
		if (data &&
		    fread(data, 1, (size_t)length, file) != (size_t)length) {
			free(data);
			data = NULL;
		}
		*size = (size_t)length;
	}
	if (!data)
		log_error("cannot read %s %s (at most %d bytes)", what, path,
			  MAX_FILE_SIZE);
	fclose(file);
	return data;
}

static int load_measurements(struct spdm_measurement_list *list,
			     const char *path)
{
	char error[256];
	size_t size;
	char *text = (char *)read_file(path, "measurement file", &size);
	int rc;

	if (!text)
		return -1;
	rc =
	    spdm_measurement_list_parse(list, text, size, error, sizeof(error));
	free(text);
	if (rc) {
		log_error("%s: %s", path, error);
		return -1;
	}
	return 0;
}

static void apply_settings(struct spdm_responder_profile *profile,
			   const struct device_settings *s)
{
	if (s->version_count) {
		memcpy(profile->versions, s->versions, sizeof(s->versions));
		profile->version_count = s->version_count;
	}
	if (s->asym)
		profile->base_asym_algo = s->asym;
	if (s->hash)
		profile->base_hash_algo = s->hash;
	if (s->measurement_hash)
		profile->measurement_hash_algo = s->measurement_hash;
	if (s->caps_set)
		profile->capabilities = s->caps;
	if (s->ct_exponent_set)
		profile->ct_exponent = s->ct_exponent;
	if (s->data_transfer_size) {
		profile->data_transfer_size = s->data_transfer_size;
		if (!s->max_spdm_msg_size)
			profile->max_spdm_msg_size = s->data_transfer_size;
	}
	if (s->max_spdm_msg_size)
		profile->max_spdm_msg_size = s->max_spdm_msg_size;
}

/* Files a device reads, freed once the responder has copied them. */
struct device_files {
	EVP_PKEY *key;
	uint8_t *chain[2];
	size_t chain_size[2];
	struct spdm_measurement_list measurements;
	bool has_measurements;
	uint8_t *replay;
	size_t replay_size;
};

static int load_files(struct device_files *files,
		      const struct device_settings *s)
{
	const char *chain0 =
	    s->plan.chain_path ? s->plan.chain_path : s->chain_path[0];
	const char *measurements = s->plan.measurements_path
				       ? s->plan.measurements_path
				       : s->measurements_path;

	files->key = spdm_load_private_key(s->key_path);
	if (!files->key) {
		log_error("cannot load private key %s: %s (a PEM key is "
			  "expected)",
			  s->key_path, strerror(errno));
		return -1;
	}
	if (chain0 && !(files->chain[0] =
			    read_file(chain0, "chain", &files->chain_size[0])))
		return -1;
	if (s->chain_path[1] &&
	    !(files->chain[1] =
		  read_file(s->chain_path[1], "chain", &files->chain_size[1])))
		return -1;
	if (measurements) {
		if (load_measurements(&files->measurements, measurements))
			return -1;
		files->has_measurements = true;
	}
	if (s->plan.replay_path &&
	    !(files->replay = read_file(s->plan.replay_path, "replay file",
					&files->replay_size)))
		return -1;
	return 0;
}

static void free_files(struct device_files *files)
{
	EVP_PKEY_free(files->key);
	free(files->chain[0]);
	free(files->chain[1]);
	if (files->has_measurements)
		spdm_measurement_list_clear(&files->measurements);
	free(files->replay);
}

static int make_responder(struct device *device, struct device_files *files,
			  const struct device_settings *s)
{
	struct spdm_responder_profile profile;
	int rc;

	spdm_responder_profile_default(&profile);
	apply_settings(&profile, s);
	profile.private_key = files->key;
	for (size_t slot = 0; slot < 2; slot++) {
		profile.chains[slot] = files->chain[slot];
		profile.chain_sizes[slot] = files->chain_size[slot];
	}
	if (files->has_measurements)
		profile.measurements = &files->measurements;
	rc = spdm_responder_new(&profile, &s->plan, &device->resp);
	if (rc == -EINVAL) {
		log_error("invalid device settings in %s: a chain in slot 0 "
			  "with CERT_CAP, a key for one of the --asym "
			  "algorithms, DataTransferSize 42 to MaxSPDMmsgSize",
			  s->source);
		return -1;
	}
	if (rc) {
		log_error("cannot create the device of %s: %s", s->source,
			  strerror(-rc));
		return -1;
	}
	if (files->replay &&
	    spdm_responder_set_replay(device->resp, files->replay,
				      files->replay_size)) {
		log_error("invalid replay file %s (4 to 65536 bytes)",
			  s->plan.replay_path);
		return -1;
	}
	return 0;
}

int device_create(struct device *device, const struct device_settings *s)
{
	struct device_files files = {0};
	int rc;

	memset(device, 0, sizeof(*device));
	device->eid = s->eid;
	device->no_spdm = s->plan.no_spdm;
	rc = load_files(&files, s);
	if (!rc)
		rc = make_responder(device, &files, s);
	free_files(&files);
	return rc;
}

void device_destroy(struct device *device)
{
	device_flush_fault_log(device);
	spdm_responder_free(device->resp);
	free(device->repeat);
	memset(device, 0, sizeof(*device));
}
