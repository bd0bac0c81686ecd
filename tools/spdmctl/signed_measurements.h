/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offline verification of the SignedMeasurements that spdmd's
 * SPDMGetSignedMeasurements returns: the bytes a MEASUREMENTS signature
 * covers (L1/L2, DSP0274 1.2 section 15) followed by the signature. From
 * SPDM 1.2 on these are the VCA messages (GET_VERSION to ALGORITHMS) and
 * then the GET_MEASUREMENTS requests and MEASUREMENTS responses. In 1.0
 * and 1.1 only the measurement messages are covered.
 */
#ifndef SPDMCTL_SIGNED_MEASUREMENTS_H
#define SPDMCTL_SIGNED_MEASUREMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include <spdm/requester.h>
#include <spdm/wire.h>

/* Messages one blob may hold: 6 VCA messages and 254 measurement pairs. */
#define SIGNED_MEASUREMENTS_MAX_MESSAGES (6 + 2 * 254)

/* One message inside the blob. */
struct signed_message {
	size_t offset;
	size_t length;
	bool is_request;
};

struct signed_measurements_check {
	uint8_t version; /* SPDMVersion byte the blob must use, e.g. 0x12 */
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	EVP_PKEY *key;
	/* The nonce the last GET_MEASUREMENTS must carry; NULL skips it. */
	const uint8_t *nonce;
};

struct signed_measurements_report {
	struct signed_message messages[SIGNED_MEASUREMENTS_MAX_MESSAGES];
	size_t message_count;
	bool layout_valid;
	bool nonce_matches;
	bool signature_valid;
	/* The MeasurementRecord of the signed MEASUREMENTS response. */
	const uint8_t *record;
	size_t record_length;
	uint8_t block_count;
	char detail[SPDM_DETAIL_SIZE];
};

/*
 * Splits blob into its messages, checks that the last GET_MEASUREMENTS
 * asked for a signature with check->nonce and that the signature at the
 * end verifies with check->key. Returns 0 when everything verified,
 * -EBADMSG when the layout is wrong, -EPROTO for a nonce mismatch,
 * -EKEYREJECTED for a bad signature and -EINVAL for a bad argument;
 * report->detail names the failed check.
 */
int signed_measurements_verify(const uint8_t *blob, size_t size,
			       const struct signed_measurements_check *check,
			       struct signed_measurements_report *report);

/*
 * Decodes standard Base64 (RFC 4648, with padding) into a new buffer.
 * Returns 0, -EBADMSG for invalid input or -ENOMEM.
 */
int base64_decode(const char *text, uint8_t **data, size_t *size);

/* Returns the BaseAsymAlgo bit DSP0274 names name, or 0. */
uint32_t asym_algo_from_name(const char *name);
/* Returns the BaseHashAlgo bit DSP0274 names name, or 0. */
uint32_t hash_algo_from_name(const char *name);
/* Parses "1.2" into the SPDMVersion byte 0x12; returns 0 or -EINVAL. */
int spdm_version_from_text(const char *text, uint8_t *version);

#endif /* SPDMCTL_SIGNED_MEASUREMENTS_H */
