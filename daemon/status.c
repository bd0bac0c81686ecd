// SPDX-License-Identifier: BSD-3-Clause
/* Turning a requester result and the trust verdict into published state. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/cursor.h>
#include <spdm/messages.h>

#include "status.h"

const char *endpoint_state_name(enum endpoint_state state)
{
	switch (state) {
	case ENDPOINT_ATTESTING:
		return "attesting";
	case ENDPOINT_VERIFIED:
		return "verified";
	case ENDPOINT_FAILED:
		return "failed";
	case ENDPOINT_UNREACHABLE:
		return "unreachable";
	}
	return "failed";
}

const char *verification_status_name(enum verification_status status)
{
	switch (status) {
	case VERIFICATION_SUCCESS:
		return "xyz.openbmc_project.Attestation.IdentityAuthentication."
		       "VerificationStatus.Success";
	case VERIFICATION_FAILED:
		return "xyz.openbmc_project.Attestation.IdentityAuthentication."
		       "VerificationStatus.Failed";
	case VERIFICATION_UNKNOWN:
		break;
	}
	return "xyz.openbmc_project.Attestation.IdentityAuthentication."
	       "VerificationStatus.Unknown";
}

void endpoint_version_string(const struct endpoint *endpoint, char *buf,
			     size_t size)
{
	uint16_t entry = endpoint->status.version_entry;

	if (!entry) {
		snprintf(buf, size, "%s", "");
		return;
	}
	/* VersionNumberEntry (DSP0274 1.2 section 10.3): major, minor, update.
	 */
	snprintf(buf, size, "%u.%u.%u", entry >> 12, (entry >> 8) & 0x0f,
		 SPDM_VERSION_ENTRY_UPDATE(entry));
}

void status_clear_measurements(struct endpoint_status *status)
{
	free(status->record);
	free(status->blocks);
	status->record = NULL;
	status->record_size = 0;
	status->blocks = NULL;
	status->block_count = 0;
}

static void publish_block(const struct spdm_measurement_block *block,
			  const uint8_t *record, const uint8_t *copy,
			  struct published_block *out)
{
	out->index = block->index;
	out->specification = block->measurement_specification;
	if (block->measurement_specification == SPDM_MEAS_SPEC_DMTF) {
		out->value_type = block->dmtf_value_type;
		out->value = copy + (block->dmtf_value - record);
		out->value_size = block->dmtf_value_size;
		return;
	}
	/* Not DMTF: the bytes after the 4-byte block header, untyped. */
	out->value_type = 0;
	out->value = copy + (block->raw - record) + 4;
	out->value_size = block->measurement_size;
}

int status_set_measurements(struct endpoint_status *status,
			    const struct spdm_measurement_record *record)
{
	struct published_block *blocks;
	struct spdm_reader reader;
	uint8_t *copy;
	size_t count = 0;

	status_clear_measurements(status);
	if (!record->data || record->size == 0)
		return 0;
	copy = malloc(record->size);
	/* A block takes at least 4 bytes, which bounds the count. */
	blocks = calloc(record->size / 4 + 1, sizeof(*blocks));
	if (!copy || !blocks) {
		free(copy);
		free(blocks);
		return -ENOMEM;
	}
	memcpy(copy, record->data, record->size);

	spdm_reader_init(&reader, record->data, record->size);
	while (spdm_reader_remaining(&reader) > 0) {
		struct spdm_measurement_block block;

		if (spdm_decode_measurement_block(&block, &reader) < 0)
			break;
		publish_block(&block, record->data, copy, &blocks[count++]);
	}
	status->record = copy;
	status->record_size = record->size;
	status->blocks = blocks;
	status->block_count = count;
	return 0;
}

static enum endpoint_state state_of(const struct verdict *verdict)
{
	if (verdict->passed)
		return ENDPOINT_VERIFIED;
	if (verdict->reason == SPDM_REASON_TIMEOUT ||
	    verdict->reason == SPDM_REASON_LINK_LOST)
		return ENDPOINT_UNREACHABLE;
	return ENDPOINT_FAILED;
}

static void keep_negotiated(struct endpoint_status *status,
			    const struct spdm_result *result)
{
	if (result->version_entry)
		status->version_entry = result->version_entry;
	if (result->base_asym_algo)
		status->base_asym_algo = result->base_asym_algo;
	if (result->base_hash_algo)
		status->base_hash_algo = result->base_hash_algo;
	if (result->measurement_hash_algo)
		status->measurement_hash_algo = result->measurement_hash_algo;
	if (result->slot_mask)
		status->slot_mask = result->slot_mask;
	if (result->cert_chain) {
		status->chain_digest_size =
		    spdm_hash_size(result->base_hash_algo);
		memcpy(status->chain_digest, result->cert_chain_digest,
		       status->chain_digest_size);
	}
}

void status_apply(struct endpoint_status *status,
		  const struct spdm_result *result,
		  const struct verdict *verdict, uint64_t now_ms)
{
	status->state = state_of(verdict);
	status->reason = verdict->reason;
	snprintf(status->detail, sizeof(status->detail), "%s", verdict->detail);
	keep_negotiated(status, result);
	if (verdict->passed) {
		status->verification = VERIFICATION_SUCCESS;
		status->ever_verified = true;
	} else if (status->state == ENDPOINT_UNREACHABLE &&
		   !status->ever_verified) {
		status->verification = VERIFICATION_UNKNOWN;
	} else {
		status->verification = VERIFICATION_FAILED;
	}
	/* Measurements are only published from a verified device. */
	if (!verdict->passed ||
	    status_set_measurements(status, &result->measurements) < 0)
		status_clear_measurements(status);
	status->last_updated_ms = now_ms;
	status->attestation_count++;
}
