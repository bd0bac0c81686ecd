/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Rendering of an SPDM result as text for people and as JSON members for
 * scripts. Both show the same facts: version, algorithms, capabilities,
 * the certificate chain, measurement blocks and the verdict.
 */
#ifndef SPDMCTL_OUTPUT_H
#define SPDMCTL_OUTPUT_H

#include <stdio.h>

#include <spdm/requester.h>

#include "json_writer.h"

/* Formats the negotiated version as "major.minor.update", or "none". */
void output_version_string(const struct spdm_result *result, char *buf,
			   size_t size);

/* Prints every section of result except the verdict. */
void output_result_text(FILE *out, const struct spdm_result *result);
/* Prints the verdict, with the reason and detail of a failure. */
void output_verdict_text(FILE *out, const struct spdm_result *result);

/*
 * Writes the members of result into the JSON object the caller opened:
 * verdict, verified, reason, detail, version, algorithms, capabilities,
 * certificate_chain, proof and measurements.
 */
void output_result_json(struct json_writer *writer,
			const struct spdm_result *result);

#endif /* SPDMCTL_OUTPUT_H */
