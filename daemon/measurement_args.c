// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <spdm/hex.h>

#include "measurement_args.h"

/*
 * GET_MEASUREMENTS Param2 (DSP0274 1.2): 0 requests the count, 1-0xfe
 * one block and 0xff all blocks.
 */
#define INDEX_MIN 1
#define INDEX_MAX 0xfe

static int parse_indices(const size_t *indices, size_t count,
			 struct measurement_args *args, char *message,
			 size_t message_size)
{
	bool seen[INDEX_MAX + 1] = {false};

	args->index_count = 0;
	if (count == 1 && indices[0] == SPDM_MEAS_OPERATION_ALL)
		return 0;
	if (count > SPDM_MAX_MEASUREMENT_INDICES) {
		snprintf(message, message_size,
			 "MeasurementIndices: %zu indices given, at most %d",
			 count, SPDM_MAX_MEASUREMENT_INDICES);
		return -EINVAL;
	}
	for (size_t i = 0; i < count; i++) {
		size_t index = indices[i];

		if (index == SPDM_MEAS_OPERATION_ALL) {
			snprintf(message, message_size,
				 "MeasurementIndices: 255 (all measurements) "
				 "must be the only index");
			return -EINVAL;
		}
		if (index < INDEX_MIN || index > INDEX_MAX) {
			snprintf(message, message_size,
				 "MeasurementIndices: index %zu is out of "
				 "range (1-254, or 255 alone for all)",
				 index);
			return -EINVAL;
		}
		if (seen[index]) {
			snprintf(message, message_size,
				 "MeasurementIndices: index %zu is given twice",
				 index);
			return -EINVAL;
		}
		seen[index] = true;
		args->indices[args->index_count++] = (uint8_t)index;
	}
	return 0;
}

static int parse_nonce(const char *nonce, struct measurement_args *args,
		       char *message, size_t message_size)
{
	size_t length = strlen(nonce);

	args->fresh_nonce = length == 0;
	if (args->fresh_nonce)
		return 0;
	if (length != 2 * SPDM_NONCE_SIZE) {
		snprintf(message, message_size,
			 "Nonce: must be empty or %d hex digits, got %zu "
			 "characters",
			 2 * SPDM_NONCE_SIZE, length);
		return -EINVAL;
	}
	for (size_t i = 0; i < length; i++) {
		unsigned char c = (unsigned char)nonce[i];

		if (spdm_hex_digit((char)c) >= 0)
			continue;
		if (isprint(c))
			snprintf(message, message_size,
				 "Nonce: '%c' at position %zu is not a hex "
				 "digit",
				 c, i + 1);
		else
			snprintf(message, message_size,
				 "Nonce: byte 0x%02x at position %zu is not a "
				 "hex digit",
				 c, i + 1);
		return -EINVAL;
	}
	return spdm_hex_decode(nonce, length, args->nonce, SPDM_NONCE_SIZE);
}

int measurement_args_parse(const size_t *indices, size_t index_count,
			   const char *nonce, size_t slot,
			   struct measurement_args *args, char *message,
			   size_t message_size)
{
	int ret;

	memset(args, 0, sizeof(*args));
	ret = parse_indices(indices, index_count, args, message, message_size);
	if (ret < 0)
		return ret;
	ret = parse_nonce(nonce, args, message, message_size);
	if (ret < 0)
		return ret;
	if (slot >= SPDM_MAX_SLOTS) {
		snprintf(message, message_size,
			 "SlotId: %zu is out of range (0-%d)", slot,
			 SPDM_MAX_SLOTS - 1);
		return -EINVAL;
	}
	args->slot = (uint8_t)slot;
	return 0;
}
