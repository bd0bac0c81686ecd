// SPDX-License-Identifier: BSD-3-Clause
/*
 * Measurement blocks of a MeasurementRecord and the DMTF measurement
 * format inside them (DSP0274 1.2 measurement block and DMTF measurement
 * specification format tables).
 */
#include <errno.h>

#include "header.h"

#define BLOCK_HEADER_SIZE 4

/*
 * Reads the DMTF header of a measurement. The value must fill the
 * measurement exactly: MeasurementSize = 3 + DMTFSpecMeasurementValueSize.
 */
static int read_dmtf_measurement(struct spdm_measurement_block *block,
				 const uint8_t *measurement)
{
	struct spdm_reader r;

	spdm_reader_init(&r, measurement, block->measurement_size);
	block->dmtf_value_type = spdm_read_u8(&r);
	block->dmtf_value_size = spdm_read_u16(&r);
	block->dmtf_value = spdm_read_span(&r, block->dmtf_value_size);
	if (spdm_reader_finish(&r))
		return -EPROTO;
	return 0;
}

int spdm_decode_measurement_block(struct spdm_measurement_block *block,
				  struct spdm_reader *r)
{
	const uint8_t *measurement;
	size_t start;

	if (!block || !r)
		return -EINVAL;

	start = r->offset;
	block->index = spdm_read_u8(r);
	block->measurement_specification = spdm_read_u8(r);
	block->measurement_size = spdm_read_u16(r);
	measurement = spdm_read_span(r, block->measurement_size);
	if (spdm_reader_status(r))
		return -EOVERFLOW;

	block->raw = r->data + start;
	block->raw_size = BLOCK_HEADER_SIZE + block->measurement_size;
	block->dmtf_value_type = 0;
	block->dmtf_value_size = 0;
	block->dmtf_value = NULL;

	/* DSP0274 1.2: indices 0 and 0xff never name a block. */
	if (block->index == 0 || block->index == 0xff)
		return -EPROTO;
	/* DSP0274 1.2: MeasurementSpecification has exactly one bit set. */
	if (spdm_codec_popcount(block->measurement_specification) != 1)
		return -EPROTO;
	if (block->measurement_specification != SPDM_MEAS_SPEC_DMTF)
		return 0;
	return read_dmtf_measurement(block, measurement);
}
