// SPDX-License-Identifier: BSD-3-Clause
#include <string.h>

#include <spdm/reason.h>
#include <spdm/wire.h>

#include "inspect.h"
#include "names.h"
#include "output.h"

static void write_algorithms(struct json_writer *writer,
			     const struct spdm_result *result)
{
	json_key(writer, "algorithms");
	json_begin_object(writer);
	json_member_string(writer, "base_asym_algo",
			   spdmctl_base_asym_name(result->base_asym_algo));
	json_member_string(writer, "base_hash_algo",
			   spdmctl_base_hash_name(result->base_hash_algo));
	json_member_string(
		writer, "measurement_hash_algo",
		spdmctl_measurement_hash_name(result->measurement_hash_algo));
	json_member_string(writer, "measurement_specification",
			   spdmctl_measurement_spec_name(
				   result->measurement_specification));
	json_end_object(writer);
}

static void write_capabilities(struct json_writer *writer,
			       const struct spdm_result *result)
{
	const char *names[SPDMCTL_MAX_CAPABILITY_NAMES];
	size_t count = spdmctl_capability_names(result->capabilities, names,
						SPDMCTL_MAX_CAPABILITY_NAMES);

	json_key(writer, "capabilities");
	json_begin_object(writer);
	json_member_uint(writer, "flags", result->capabilities);
	json_key(writer, "names");
	json_begin_array(writer);
	for (size_t i = 0; i < count; i++)
		json_string(writer, names[i]);
	json_end_array(writer);
	json_member_uint(writer, "ct_exponent", result->ct_exponent);
	json_end_object(writer);
}

static void write_chain(struct json_writer *writer,
			const struct spdm_result *result)
{
	struct chain_summary summary;

	json_key(writer, "certificate_chain");
	if (!result->cert_chain) {
		json_null(writer);
		return;
	}
	json_begin_object(writer);
	json_member_uint(writer, "slot", result->slot_id);
	json_member_uint(writer, "size", result->cert_chain_size);
	json_member_hex(writer, "digest", result->cert_chain_digest,
			spdmctl_hash_size(result->base_hash_algo));
	if (chain_summary_read(&summary, result->cert_chain,
			       result->cert_chain_size,
			       result->base_hash_algo) == 0) {
		json_member_uint(writer, "certificates", summary.cert_count);
		json_member_string(writer, "leaf_subject",
				   summary.leaf_subject);
		json_member_string(writer, "leaf_issuer", summary.leaf_issuer);
	}
	json_member_bool(writer, "valid", result->chain_valid);
	json_member_bool(writer, "anchored", result->chain_anchored);
	json_end_object(writer);
}

static void write_proof(struct json_writer *writer,
			const struct spdm_result *result)
{
	json_key(writer, "proof");
	json_begin_object(writer);
	json_member_bool(writer, "possession_proven",
			 result->possession_proven);
	json_member_bool(writer, "challenge_verified",
			 result->challenge_verified);
	json_member_bool(writer, "measurements_signed",
			 result->measurements_signed);
	json_end_object(writer);
}

static void write_block(struct json_writer *writer,
			const struct measurement_block *block)
{
	json_begin_object(writer);
	json_member_uint(writer, "index", block->index);
	json_member_uint(writer, "measurement_specification",
			 block->measurement_specification);
	if (block->dmtf) {
		json_member_uint(writer, "type", block->value_type);
		json_member_string(
			writer, "type_name",
			spdmctl_measurement_type_name(block->value_type));
		json_member_bool(writer, "raw_bit_stream",
				 block->value_type &
					 SPDM_DMTF_MEAS_RAW_BIT_STREAM);
	}
	json_member_uint(writer, "size", block->value_size);
	json_member_hex(writer, "value", block->value, block->value_size);
	if (measurement_block_is_text(block)) {
		char text[SPDMCTL_MAX_TEXT_VALUE + 1];

		memcpy(text, block->value, block->value_size);
		text[block->value_size] = '\0';
		json_member_string(writer, "text", text);
	}
	json_end_object(writer);
}

static void write_measurements(struct json_writer *writer,
			       const struct spdm_result *result)
{
	const struct spdm_measurement_record *record = &result->measurements;
	struct measurement_block block;
	struct spdm_reader reader;

	json_member_uint(writer, "measurement_count", record->block_count);
	json_key(writer, "measurements");
	json_begin_array(writer);
	spdm_reader_init(&reader, record->data, record->size);
	while (measurement_block_next(&reader, &block) > 0)
		write_block(writer, &block);
	json_end_array(writer);
}

void output_result_json(struct json_writer *writer,
			const struct spdm_result *result)
{
	char version[16];

	output_version_string(result, version, sizeof(version));
	json_member_string(writer, "verdict",
			   result->verified ? "verified" : "failed");
	json_member_bool(writer, "verified", result->verified);
	json_member_string(writer, "reason", spdm_reason_name(result->reason));
	json_member_string(writer, "detail", result->detail);
	json_key(writer, "version");
	if (result->version)
		json_string(writer, version);
	else
		json_null(writer);
	write_algorithms(writer, result);
	write_capabilities(writer, result);
	write_chain(writer, result);
	write_proof(writer, result);
	write_measurements(writer, result);
}
