// SPDX-License-Identifier: BSD-3-Clause
#include <string.h>

#include <spdm/reason.h>
#include <spdm/wire.h>

#include "inspect.h"
#include "names.h"
#include "output.h"

void output_version_string(const struct spdm_result *result, char *buf,
			   size_t size)
{
	uint16_t entry = result->version_entry;

	if (result->version == 0) {
		snprintf(buf, size, "none");
		return;
	}
	/* Without the device's entry only the SPDMVersion byte is known. */
	if (SPDM_VERSION_ENTRY_MAJOR_MINOR(entry) != result->version)
		entry = (uint16_t)(result->version << 8);
	snprintf(buf, size, "%u.%u.%u", entry >> 12, (entry >> 8) & 0x0f,
		 SPDM_VERSION_ENTRY_UPDATE(entry));
}

/* Bytes of hex on one line of text output: 64 digits fit 80 columns. */
#define HEX_BYTES_PER_LINE 32
/* Width the capability list wraps at. */
#define TEXT_WIDTH 78

static void print_hex(FILE *out, const uint8_t *data, size_t length)
{
	for (size_t i = 0; i < length; i++)
		fprintf(out, "%02x", data[i]);
}

/* Prints hex lines of HEX_BYTES_PER_LINE bytes, each after indent. */
static void print_hex_lines(FILE *out, const char *indent,
			    const uint8_t *data, size_t length)
{
	for (size_t start = 0; start < length; start += HEX_BYTES_PER_LINE) {
		size_t count = length - start < HEX_BYTES_PER_LINE
				       ? length - start
				       : HEX_BYTES_PER_LINE;

		fputs(indent, out);
		print_hex(out, data + start, count);
		fputc('\n', out);
	}
}

static void print_algorithms(FILE *out, const struct spdm_result *result)
{
	fprintf(out, "Algorithms:\n");
	fprintf(out, "  BaseAsymAlgo:             %s\n",
		spdmctl_base_asym_name(result->base_asym_algo));
	fprintf(out, "  BaseHashAlgo:             %s\n",
		spdmctl_base_hash_name(result->base_hash_algo));
	fprintf(out, "  MeasurementHashAlgo:      %s\n",
		spdmctl_measurement_hash_name(result->measurement_hash_algo));
	fprintf(out, "  MeasurementSpecification: %s\n",
		spdmctl_measurement_spec_name(
			result->measurement_specification));
}

static void print_capabilities(FILE *out, const struct spdm_result *result)
{
	const char *names[SPDMCTL_MAX_CAPABILITY_NAMES];
	size_t count = spdmctl_capability_names(result->capabilities, names,
						SPDMCTL_MAX_CAPABILITY_NAMES);

	size_t column = 0;

	fprintf(out, "Capabilities: 0x%08x, CTExponent %u\n",
		result->capabilities, result->ct_exponent);
	for (size_t i = 0; i < count; i++) {
		size_t width = 1 + strlen(names[i]);

		if (column > 0 && column + width > TEXT_WIDTH) {
			fputc('\n', out);
			column = 0;
		}
		if (column == 0) {
			fputs(" ", out);
			column = 1;
		}
		fprintf(out, " %s", names[i]);
		column += width;
	}
	if (column > 0)
		fputc('\n', out);
}

static void print_chain(FILE *out, const struct spdm_result *result)
{
	size_t digest_size = spdmctl_hash_size(result->base_hash_algo);
	struct chain_summary summary;

	if (!result->cert_chain) {
		fprintf(out, "Certificate chain: none\n");
		return;
	}
	fprintf(out, "Certificate chain: slot %u, %zu bytes\n",
		result->slot_id, result->cert_chain_size);
	if (chain_summary_read(&summary, result->cert_chain,
			       result->cert_chain_size,
			       result->base_hash_algo) == 0) {
		fprintf(out, "  Certificates: %zu\n", summary.cert_count);
		fprintf(out, "  Leaf subject: %s\n", summary.leaf_subject);
		fprintf(out, "  Leaf issuer:  %s\n", summary.leaf_issuer);
	} else {
		fprintf(out, "  Certificates: unreadable\n");
	}
	fprintf(out, "  Digest:\n");
	print_hex_lines(out, "    ", result->cert_chain_digest, digest_size);
	fprintf(out, "  Valid: %s, anchored to a trust anchor: %s\n",
		result->chain_valid ? "yes" : "no",
		result->chain_anchored ? "yes" : "no");
}

static void print_proof(FILE *out, const struct spdm_result *result)
{
	fprintf(out, "Proof of possession: %s\n",
		result->possession_proven ? "yes" : "no");
	fprintf(out, "  CHALLENGE_AUTH signature verified: %s\n",
		result->challenge_verified ? "yes" : "no");
	fprintf(out, "  MEASUREMENTS signature verified:   %s\n",
		result->measurements_signed ? "yes" : "no");
}

static void print_block(FILE *out, const struct measurement_block *block)
{
	fprintf(out, "  Index %u: ", block->index);
	if (block->dmtf)
		fprintf(out, "type 0x%02x %s (%s), ", block->value_type,
			spdmctl_measurement_type_name(block->value_type),
			block->value_type & SPDM_DMTF_MEAS_RAW_BIT_STREAM
				? "raw bit stream"
				: "digest");
	else
		fprintf(out, "specification 0x%02x, ",
			block->measurement_specification);
	fprintf(out, "%zu bytes\n", block->value_size);
	print_hex_lines(out, "    ", block->value, block->value_size);
	if (measurement_block_is_text(block))
		fprintf(out, "    \"%.*s\"\n", (int)block->value_size,
			(const char *)block->value);
}

static void print_measurements(FILE *out, const struct spdm_result *result)
{
	const struct spdm_measurement_record *record = &result->measurements;
	struct measurement_block block;
	struct spdm_reader reader;
	int ret;

	fprintf(out, "Measurements: %u blocks\n", record->block_count);
	spdm_reader_init(&reader, record->data, record->size);
	while ((ret = measurement_block_next(&reader, &block)) > 0)
		print_block(out, &block);
	if (ret < 0)
		fprintf(out, "  (the record ends inside a block)\n");
}

void output_verdict_text(FILE *out, const struct spdm_result *result)
{
	if (result->verified) {
		fprintf(out, "Verdict: verified\n");
		return;
	}
	fprintf(out, "Verdict: failed, reason %s\n",
		spdm_reason_name(result->reason));
	if (result->detail[0])
		fprintf(out, "  %s\n", result->detail);
}

void output_result_text(FILE *out, const struct spdm_result *result)
{
	char version[16];

	output_version_string(result, version, sizeof(version));
	fprintf(out, "SPDM version: %s\n", version);
	print_algorithms(out, result);
	print_capabilities(out, result);
	print_chain(out, result);
	print_proof(out, result);
	print_measurements(out, result);
}
