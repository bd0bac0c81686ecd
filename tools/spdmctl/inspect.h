/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reads the parts of a result that spdmctl prints: the leaf certificate
 * of a slot object and the blocks of a measurement record. The requester
 * has validated both already, but these readers still check every length.
 */
#ifndef SPDMCTL_INSPECT_H
#define SPDMCTL_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/cursor.h>

#define SPDMCTL_NAME_SIZE 256

struct chain_summary {
	size_t cert_count;
	char leaf_subject[SPDMCTL_NAME_SIZE];
	char leaf_issuer[SPDMCTL_NAME_SIZE];
};

/*
 * Reads the certificates of a slot object (DSP0274 1.2 section 10.6.1:
 * Length, Reserved, RootHash of the negotiated hash size, then DER
 * certificates with the leaf last). Returns 0, or -EBADMSG when the
 * object does not parse.
 */
int chain_summary_read(struct chain_summary *summary,
		       const uint8_t *slot_object, size_t size,
		       uint32_t base_hash_algo);

/* One measurement block (DSP0274 1.2 table 44). */
struct measurement_block {
	uint8_t index;
	uint8_t measurement_specification;
	uint16_t measurement_size;
	/* The DMTF value header parsed. If not, value is the whole field. */
	bool dmtf;
	uint8_t value_type; /* DMTFSpecMeasurementValueType, bit 7 raw */
	const uint8_t *value;
	size_t value_size;
};

/* Maximum size of a raw value that measurement_block_is_text() accepts. */
#define SPDMCTL_MAX_TEXT_VALUE 256

/*
 * Returns whether a block is a raw bit stream of printable ASCII (a
 * version string, say) that spdmctl can also show as text.
 */
bool measurement_block_is_text(const struct measurement_block *block);

/*
 * Reads the next block of a MeasurementRecord. Returns 1 with block
 * filled, 0 at the end of the record, or -EOVERFLOW when a block runs
 * past the end.
 */
int measurement_block_next(struct spdm_reader *record,
			   struct measurement_block *block);

#endif /* SPDMCTL_INSPECT_H */
