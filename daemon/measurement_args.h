/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The arguments of MeasurementSet.SPDMGetSignedMeasurements, checked
 * before any message goes to the device.
 */
#ifndef SPDMD_MEASUREMENT_ARGS_H
#define SPDMD_MEASUREMENT_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/requester.h>
#include <spdm/wire.h>

#define MEASUREMENT_ARGS_MESSAGE_SIZE 128

struct measurement_args {
	/* Indices to request one by one; 0 means all (operation 0xff). */
	size_t index_count;
	uint8_t indices[SPDM_MAX_MEASUREMENT_INDICES];
	/* The caller passed "": spdmd draws a fresh random nonce. */
	bool fresh_nonce;
	uint8_t nonce[SPDM_NONCE_SIZE];
	uint8_t slot;
};

/*
 * Checks the method's arguments. Indices are 1-254 without repeats, the
 * single value 255, or none, and the last two both mean all. The nonce
 * is exactly 64 hex digits or "", and the slot is 0-7. Returns 0, or
 * -EINVAL and a message that names the argument and the problem.
 */
int measurement_args_parse(const size_t *indices, size_t index_count,
			   const char *nonce, size_t slot,
			   struct measurement_args *args, char *message,
			   size_t message_size);

#endif /* SPDMD_MEASUREMENT_ARGS_H */
