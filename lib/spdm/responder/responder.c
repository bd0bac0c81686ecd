// SPDX-License-Identifier: BSD-3-Clause
/* Lifecycle of the responder and the helpers its handlers share. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "internal.h"

void spdm_responder_profile_default(struct spdm_responder_profile *profile)
{
	memset(profile, 0, sizeof(*profile));
	profile->versions[0] = 0x1000;
	profile->versions[1] = 0x1100;
	profile->versions[2] = 0x1200;
	profile->version_count = 3;
	profile->capabilities = SPDM_CAP_CERT | SPDM_CAP_CHAL |
				SPDM_CAP_MEAS_SIG | SPDM_CAP_MEAS_FRESH;
	profile->ct_exponent = 20;
	profile->base_hash_algo =
	    SPDM_HASH_SHA_256 | SPDM_HASH_SHA_384 | SPDM_HASH_SHA_512;
	profile->measurement_hash_algo = SPDM_MEAS_HASH_SHA_256 |
					 SPDM_MEAS_HASH_SHA_384 |
					 SPDM_MEAS_HASH_SHA_512;
	profile->other_params_support =
	    SPDM_OPAQUE_DATA_FMT0 | SPDM_OPAQUE_DATA_FMT1;
	profile->data_transfer_size = 4608;
	profile->max_spdm_msg_size = 4608;
}

EVP_PKEY *spdm_responder_generate_key_like(EVP_PKEY *key)
{
	char group[64];
	size_t group_length;

	switch (EVP_PKEY_get_base_id(key)) {
	case EVP_PKEY_RSA:
		return EVP_RSA_gen((unsigned int)EVP_PKEY_get_bits(key));
	case EVP_PKEY_EC:
		if (!EVP_PKEY_get_utf8_string_param(
			key, "group", group, sizeof(group), &group_length))
			return NULL;
		return EVP_EC_gen(group);
	case EVP_PKEY_ED25519:
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	case EVP_PKEY_ED448:
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED448");
	default:
		return NULL;
	}
}

static int check_profile(const struct spdm_responder_profile *profile)
{
	if (!profile->private_key || profile->version_count == 0 ||
	    profile->version_count > SPDM_RESPONDER_MAX_VERSIONS)
		return -EINVAL;
	if ((profile->capabilities & SPDM_CAP_CERT) && !profile->chains[0])
		return -EINVAL;
	if (profile->ct_exponent > SPDM_MAX_CT_EXPONENT)
		return -EINVAL;
	/* DSP0274 1.2 table 11: DataTransferSize >= 42 and <= MaxSPDMmsgSize.
	 */
	if (profile->data_transfer_size < SPDM_MIN_DATA_TRANSFER_SIZE_12 ||
	    profile->data_transfer_size > profile->max_spdm_msg_size)
		return -EINVAL;
	return 0;
}

static int copy_chains(struct spdm_responder *resp,
		       const struct spdm_responder_profile *profile)
{
	for (size_t slot = 0; slot < SPDM_MAX_SLOTS; slot++) {
		if (!profile->chains[slot])
			continue;
		if (profile->chain_sizes[slot] == 0 ||
		    profile->chain_sizes[slot] > SPDM_MAX_CERT_CHAIN_SIZE)
			return -EINVAL;
		resp->chain_der[slot] = malloc(profile->chain_sizes[slot]);
		if (!resp->chain_der[slot])
			return -ENOMEM;
		memcpy(resp->chain_der[slot], profile->chains[slot],
		       profile->chain_sizes[slot]);
		resp->chain_der_size[slot] = profile->chain_sizes[slot];
		resp->profile.chains[slot] = resp->chain_der[slot];
	}
	return 0;
}

static int copy_measurements(struct spdm_responder *resp,
			     const struct spdm_measurement_list *list)
{
	if (!list)
		return spdm_measurement_list_default(&resp->measurements);
	if (list->count > SPDM_RESPONDER_MAX_MEASUREMENTS)
		return -EINVAL;
	for (size_t i = 0; i < list->count; i++) {
		struct spdm_measurement_def *block =
		    &resp->measurements.blocks[i];

		*block = list->blocks[i];
		block->data = malloc(block->size ? block->size : 1);
		if (!block->data)
			return -ENOMEM;
		if (block->size)
			memcpy(block->data, list->blocks[i].data, block->size);
		resp->measurements.count = i + 1;
	}
	return 0;
}

/*
 * Takes the signing key, or for wrong-key the given wrong key or a fresh
 * one of the same type.
 */
static int setup_key(struct spdm_responder *resp, EVP_PKEY *key,
		     EVP_PKEY *wrong_key)
{
	uint32_t algos = spdm_key_algos(key);

	if (resp->profile.base_asym_algo)
		algos &= resp->profile.base_asym_algo;
	if (!algos)
		return -EINVAL;
	resp->key_algos = algos;
	if (resp->plan.wrong_key) {
		if (!wrong_key) {
			resp->key = spdm_responder_generate_key_like(key);
			return resp->key ? 0 : -ENOMEM;
		}
		key = wrong_key;
	}
	if (!EVP_PKEY_up_ref(key))
		return -ENOMEM;
	resp->key = key;
	return 0;
}

static void copy_plan(struct spdm_responder *resp,
		      const struct spdm_fault_plan *plan)
{
	if (!plan)
		return;
	resp->plan = *plan;
	resp->plan.chain_path = NULL;
	resp->plan.replay_path = NULL;
	resp->plan.measurements_path = NULL;
	/* chunk=SIZE: CHUNK_CAP with that DataTransferSize (1.2 only). */
	if (plan->chunk_size) {
		resp->profile.capabilities |= SPDM_CAP_CHUNK;
		resp->profile.data_transfer_size = plan->chunk_size;
		if (resp->profile.max_spdm_msg_size < plan->chunk_size)
			resp->profile.max_spdm_msg_size = plan->chunk_size;
	}
}

int spdm_responder_new(const struct spdm_responder_profile *profile,
		       const struct spdm_fault_plan *plan,
		       struct spdm_responder **out)
{
	struct spdm_responder *resp;
	int rc;

	if (!profile || !out)
		return -EINVAL;
	rc = check_profile(profile);
	if (rc)
		return rc;
	resp = calloc(1, sizeof(*resp));
	if (!resp)
		return -ENOMEM;
	resp->profile = *profile;
	resp->profile.measurements = NULL;
	copy_plan(resp, plan);
	spdm_transcript_init(&resp->transcript);
	rc = copy_chains(resp, profile);
	if (!rc)
		rc = copy_measurements(resp, profile->measurements);
	if (!rc)
		rc = setup_key(resp, profile->private_key,
			       profile->wrong_key);
	if (rc) {
		spdm_responder_free(resp);
		return rc;
	}
	resp->profile.private_key = NULL;
	*out = resp;
	return 0;
}

void spdm_responder_free(struct spdm_responder *resp)
{
	if (!resp)
		return;
	connection_reset(resp);
	spdm_transcript_free(&resp->transcript);
	for (size_t slot = 0; slot < SPDM_MAX_SLOTS; slot++)
		free(resp->chain_der[slot]);
	spdm_measurement_list_clear(&resp->measurements);
	EVP_PKEY_free(resp->key);
	free(resp->replay);
	free(resp);
}

int spdm_responder_set_replay(struct spdm_responder *resp,
			      const uint8_t *message, size_t length)
{
	uint8_t *copy;

	if (!resp || !message || length < 4 ||
	    length > SPDM_RESPONDER_MAX_MESSAGE_SIZE)
		return -EINVAL;
	copy = malloc(length);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, message, length);
	free(resp->replay);
	resp->replay = copy;
	resp->replay_size = length;
	return 0;
}

void spdm_responder_get_state(const struct spdm_responder *resp,
			      struct spdm_responder_state *state)
{
	memset(state, 0, sizeof(*state));
	state->version = resp->version;
	if (resp->state == CONNECTION_NEGOTIATED) {
		state->base_asym_algo = resp->base_asym_algo;
		state->base_hash_algo = resp->base_hash_algo;
		state->measurement_hash_algo = resp->measurement_hash_algo;
	}
	state->requester_capabilities = resp->requester_flags;
	state->requester_data_transfer_size =
	    resp->requester_data_transfer_size;
	state->requester_max_spdm_msg_size = resp->requester_max_spdm_msg_size;
	state->authenticated = resp->authenticated;
	state->answered = resp->answered;
}

/* Forgets the connection, as GET_VERSION and a reset do. */
void connection_reset(struct spdm_responder *resp)
{
	resp->state = CONNECTION_NOT_STARTED;
	resp->version = 0;
	resp->authenticated = false;
	resp->requester_flags = 0;
	resp->requester_data_transfer_size = 0;
	resp->requester_max_spdm_msg_size = 0;
	resp->base_asym_algo = 0;
	resp->base_hash_algo = 0;
	resp->measurement_hash_algo = 0;
	resp->measurement_specification = 0;
	resp->other_params = 0;
	spdm_transcript_reset(&resp->transcript);
	slots_free(resp);
	chunk_reset(resp);
	resp->deferred.pending = false;
}

/* ERROR carries the connection's version, or 1.0 before there is one. */
uint8_t response_version(const struct spdm_responder *resp)
{
	return resp->version ? resp->version : SPDM_VERSION_10;
}

int response_error_ext(struct spdm_responder *resp, struct response_buffer *out,
		       uint8_t code, uint8_t data, const uint8_t *ext,
		       size_t ext_length)
{
	struct spdm_error error = {
	    .header = {response_version(resp), SPDM_ERROR, code, data},
	    .ext_length = ext_length,
	};

	if (ext_length > sizeof(error.ext_data))
		return -EINVAL;
	if (ext_length)
		memcpy(error.ext_data, ext, ext_length);
	return spdm_encode_error(&error, out->data, out->capacity,
				 &out->length);
}

int response_error(struct spdm_responder *resp, struct response_buffer *out,
		   uint8_t code, uint8_t data)
{
	return response_error_ext(resp, out, code, data, NULL, 0);
}

/* DSP0274 tables 10 and 11: the flags each version defines. */
static uint32_t flags_of_version(uint8_t version)
{
	if (version <= SPDM_VERSION_10)
		return 0x3f;
	if (version == SPDM_VERSION_11)
		return 0x1ffff;
	return 0x3fffff;
}

/* The flags CAPABILITIES carries: the profile's, or caps=FLAGS. */
uint32_t responder_advertised_flags(const struct spdm_responder *resp)
{
	uint32_t flags = resp->profile.capabilities;

	if (resp->plan.caps_set)
		return resp->plan.caps;
	return flags & flags_of_version(resp->version);
}

/* Whether the device really has a capability in the connection's version. */
bool responder_has_cap(const struct spdm_responder *resp, uint32_t flag)
{
	uint32_t flags =
	    resp->profile.capabilities & flags_of_version(resp->version);

	if (flag == SPDM_CAP_MEAS_MASK)
		return (flags & SPDM_CAP_MEAS_MASK) != 0;
	if (flag == SPDM_CAP_MEAS_SIG)
		return (flags & SPDM_CAP_MEAS_MASK) == SPDM_CAP_MEAS_SIG;
	return (flags & flag) == flag;
}

/* DSP0274 1.2 CHUNK_GET: chunking needs CHUNK_CAP on both sides. */
bool chunking_negotiated(const struct spdm_responder *resp)
{
	return resp->version >= SPDM_VERSION_12 &&
	       responder_has_cap(resp, SPDM_CAP_CHUNK) &&
	       (resp->requester_flags & SPDM_CAP_CHUNK);
}

/*
 * DSP0274 1.2 section 15 as libspdm applies it: any request but
 * GET_MEASUREMENTS ends the measurement log M; GET_MEASUREMENTS before a
 * successful CHALLENGE drops B and C; GET_DIGESTS starts B afresh.
 */
void transcript_reset_for_request(struct spdm_responder *resp,
				  uint8_t request_code)
{
	if (request_code != SPDM_GET_MEASUREMENTS)
		spdm_buffer_reset(&resp->transcript.m);
	if (request_code == SPDM_GET_MEASUREMENTS && !resp->authenticated) {
		spdm_buffer_reset(&resp->transcript.b);
		spdm_buffer_reset(&resp->transcript.c);
	}
	if (request_code == SPDM_GET_DIGESTS)
		spdm_buffer_reset(&resp->transcript.b);
}

int transcript_append(struct spdm_buffer *buf, const uint8_t *request,
		      size_t request_size, const uint8_t *response,
		      size_t response_size)
{
	return spdm_transcript_add_pair(buf, request, request_size, response,
					response_size);
}

uint64_t responder_now_ms(const struct spdm_responder *resp)
{
	struct timespec now;

	if (resp->profile.clock_ms)
		return resp->profile.clock_ms(resp->profile.clock_data);
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

void disposition_note(struct spdm_disposition *disposition, const char *fault)
{
	size_t used = strlen(disposition->faults);
	size_t room = sizeof(disposition->faults) - used;

	if (used && room > 1) {
		disposition->faults[used++] = ' ';
		room--;
	}
	if (room > 1)
		snprintf(disposition->faults + used, room, "%s", fault);
}
