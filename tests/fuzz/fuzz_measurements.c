// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the measurement record parser: a MEASUREMENTS response and the
 * blocks of its MeasurementRecord, as the requester walks them.
 *
 * Input: one selector byte, then the MEASUREMENTS message. Selector bits
 * 2:0 pick the signature size (0 for an unsigned response); bit 3 feeds
 * the rest of the input to the block parser as a bare record instead.
 */
#include <errno.h>
#include <stdlib.h>

#include <spdm/cursor.h>
#include <spdm/messages.h>

#include "fuzz_selectors.h"
#include "fuzz_common.h"

/* Returns the number of blocks the record holds, or -1 if it is invalid. */
static long walk_record(const uint8_t *record, size_t size)
{
	struct spdm_measurement_block block;
	struct spdm_reader r;
	long count = 0;
	int rc;

	spdm_reader_init(&r, record, size);
	while (spdm_reader_remaining(&r) > 0) {
		size_t before = spdm_reader_remaining(&r);

		rc = spdm_decode_measurement_block(&block, &r);
		if (rc == -EOVERFLOW)
			return -1;
		/* A block is at least its 4-byte header: the walk ends. */
		if (spdm_reader_remaining(&r) + 4 > before)
			abort();
		if (rc)
			continue;
		if (!fuzz_span_inside(record, size, block.raw, block.raw_size))
			abort();
		if (block.raw_size != 4u + block.measurement_size)
			abort();
		if (block.measurement_specification == SPDM_MEAS_SPEC_DMTF &&
		    !fuzz_span_inside(block.raw, block.raw_size,
				      block.dmtf_value, block.dmtf_value_size))
			abort();
		count++;
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdm_measurements meas;
	uint8_t selector;
	long count;

	if (size < 1)
		return 0;
	selector = data[0];
	data++;
	size--;

	if (selector & 0x08) {
		walk_record(data, size);
		return 0;
	}
	if (spdm_decode_measurements(
		&meas, data, size,
		fuzz_measurement_signatures[selector & 0x07]))
		return 0;
	if (!fuzz_span_inside(data, size, meas.record, meas.record_length) ||
	    !fuzz_span_inside(data, size, meas.opaque_data, meas.opaque_length))
		abort();
	count = walk_record(meas.record, meas.record_length);
	/*
	 * A decoded record holds exactly NumberOfBlocks blocks by their
	 * sizes (messages.h). Blocks with -EPROTO are not counted here.
	 */
	if (count > (long)meas.number_of_blocks)
		abort();
	return 0;
}
