// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <openssl/x509.h>

#include <spdm/cert_chain.h>
#include <spdm/wire.h>

#include "inspect.h"
#include "names.h"

static void copy_name(const X509_NAME *name, char *buf, size_t size)
{
	int ret = spdm_x509_name_string(name, buf, size);

	/* -EOVERFLOW leaves the name cut to fit, which is still useful. */
	if (ret < 0 && ret != -EOVERFLOW)
		snprintf(buf, size, "(unreadable)");
}

int chain_summary_read(struct chain_summary *summary,
		       const uint8_t *slot_object, size_t size,
		       uint32_t base_hash_algo)
{
	size_t header = SPDM_CERT_CHAIN_HEADER_SIZE +
			spdmctl_hash_size(base_hash_algo);
	const uint8_t *cursor = slot_object + header;
	X509 *leaf = NULL;

	memset(summary, 0, sizeof(*summary));
	if (!slot_object || size <= header || size - header > LONG_MAX)
		return -EBADMSG;

	while (cursor < slot_object + size &&
	       summary->cert_count < SPDM_MAX_CHAIN_CERTS) {
		long remaining = (long)(slot_object + size - cursor);
		X509 *cert = d2i_X509(NULL, &cursor, remaining);

		if (!cert)
			break;
		X509_free(leaf);
		leaf = cert;
		summary->cert_count++;
	}
	if (!leaf || cursor != slot_object + size) {
		X509_free(leaf);
		return -EBADMSG;
	}

	copy_name(X509_get_subject_name(leaf), summary->leaf_subject,
		  sizeof(summary->leaf_subject));
	copy_name(X509_get_issuer_name(leaf), summary->leaf_issuer,
		  sizeof(summary->leaf_issuer));
	X509_free(leaf);
	return 0;
}

/* Splits a DMTF measurement (DSP0274 1.2 table 45) into type and value. */
static void read_dmtf_value(struct measurement_block *block,
			    const uint8_t *measurement)
{
	struct spdm_reader reader;
	uint16_t value_size;

	spdm_reader_init(&reader, measurement, block->measurement_size);
	block->value_type = spdm_read_u8(&reader);
	value_size = spdm_read_u16(&reader);
	block->value = spdm_read_span(&reader, value_size);
	if (block->value && spdm_reader_finish(&reader) == 0) {
		block->dmtf = true;
		block->value_size = value_size;
		return;
	}
	block->value = measurement;
	block->value_size = block->measurement_size;
}

bool measurement_block_is_text(const struct measurement_block *block)
{
	bool raw = block->value_type & SPDM_DMTF_MEAS_RAW_BIT_STREAM;

	if (!block->dmtf || !raw)
		return false;
	if (block->value_size == 0 ||
	    block->value_size > SPDMCTL_MAX_TEXT_VALUE)
		return false;
	for (size_t i = 0; i < block->value_size; i++)
		if (block->value[i] < 0x20 || block->value[i] > 0x7e)
			return false;
	return true;
}

int measurement_block_next(struct spdm_reader *record,
			   struct measurement_block *block)
{
	const uint8_t *measurement;

	if (spdm_reader_remaining(record) == 0)
		return 0;

	memset(block, 0, sizeof(*block));
	block->index = spdm_read_u8(record);
	block->measurement_specification = spdm_read_u8(record);
	block->measurement_size = spdm_read_u16(record);
	measurement = spdm_read_span(record, block->measurement_size);
	if (spdm_reader_status(record) < 0 || !measurement)
		return -EOVERFLOW;

	block->value = measurement;
	block->value_size = block->measurement_size;
	if (block->measurement_specification == SPDM_MEAS_SPEC_DMTF)
		read_dmtf_value(block, measurement);
	return 1;
}
