/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers of the responder tests: the DMTF sample keys and chains from
 * SPDM_TESTDATA, a device built from them, and a requester side that
 * keeps its own transcripts to check the device's signatures.
 */
#ifndef RESPONDER_TEST_HELPERS_H
#define RESPONDER_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/responder.h>
#include <spdm/transcript.h>

#include "../crypto/testdata.h"

/* A device under test and the requester side of the conversation. */
struct device {
	struct spdm_responder *resp;
	EVP_PKEY *key;
	uint8_t *chain[2];
	size_t chain_size[2];
	/* The requester's transcripts, kept by the rules of DSP0274. */
	struct spdm_transcript transcript;
	uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	size_t response_length;
	struct spdm_disposition disposition;
	uint64_t clock_ms;
};

/*
 * Creates a device with the sample key set algorithm (e.g. "ecp384"),
 * chains in slots 0 and 1, the given profile changes and faults (each
 * NULL-terminated array may be NULL).
 */
void device_open(struct device *dev, const char *algorithm,
		 void (*adjust)(struct spdm_responder_profile *profile),
		 const char *const *faults);
void device_close(struct device *dev);

/* Sends a request; returns the response length (0 when dropped). */
size_t device_send(struct device *dev, const uint8_t *request, size_t length);

/* Runs GET_VERSION, GET_CAPABILITIES, NEGOTIATE_ALGORITHMS at version. */
void device_negotiate(struct device *dev, uint8_t version, uint32_t asym,
		      uint32_t hash);

/* Asserts the response is ERROR with this version, code and data. */
void assert_error(const struct device *dev, uint8_t version, uint8_t code,
		  uint8_t data);

/* Reads every portion of a slot's chain; appends the pairs to B. */
void device_read_certificate(struct device *dev, uint8_t slot, uint16_t portion,
			     uint8_t **object, size_t *size);

/* Records a request and its response in one of the transcripts. */
void record_pair(struct spdm_buffer *buf, const uint8_t *request,
		 size_t request_size, const uint8_t *response,
		 size_t response_size);

/* Verifies a signature made by the device's key (or another key). */
int verify_device_signature(EVP_PKEY *key, uint8_t version, uint32_t asym,
			    uint32_t hash, bool challenge,
			    const struct spdm_buffer *transcript,
			    const uint8_t *signature, size_t signature_size);

#endif /* RESPONDER_TEST_HELPERS_H */
