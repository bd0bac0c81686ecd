/* SPDX-License-Identifier: BSD-3-Clause */
/* The published state of an endpoint, updated from attestation results. */
#ifndef SPDMD_STATUS_H
#define SPDMD_STATUS_H

#include <stdint.h>

#include <spdm/requester.h>

#include "endpoint.h"
#include "trust.h"

/*
 * Records the outcome of one attestation. The negotiated version and
 * algorithms are kept from earlier attempts when this one did not get as
 * far, and measurements are published only when the verdict passed.
 */
void status_apply(struct endpoint_status *status,
		  const struct spdm_result *result,
		  const struct verdict *verdict, uint64_t now_ms);
/* Copies and decodes a MeasurementRecord; stops at the first bad block. */
int status_set_measurements(struct endpoint_status *status,
			    const struct spdm_measurement_record *record);
void status_clear_measurements(struct endpoint_status *status);

#endif /* SPDMD_STATUS_H */
