// SPDX-License-Identifier: BSD-3-Clause
/* Signatures of the device (prefix faults) and its opaque data. */
#include <errno.h>
#include <string.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "internal.h"

/* DSP0274 1.2 section 15: the combined prefix is 100 bytes. */
#define SIGNING_PREFIX_SIZE 100

/*
 * prefix=always: signs prefix || Hash(transcript) as a 1.2 device does,
 * with the prefix naming the connection's version (1.0 or 1.1).
 */
static int sign_with_prefix(struct spdm_responder *resp,
			    enum spdm_signing_context context,
			    const uint8_t *data, size_t length,
			    uint8_t *signature, size_t signature_size)
{
	uint8_t message[SIGNING_PREFIX_SIZE + SPDM_MAX_HASH_SIZE];
	size_t hash_size = spdm_hash_size(resp->base_hash_algo);
	int rc;

	spdm_build_signing_prefix(resp->version, context, message);
	rc = spdm_hash(resp->base_hash_algo, data, length,
		       message + SIGNING_PREFIX_SIZE);
	if (rc)
		return rc;
	return spdm_sign(SPDM_VERSION_10, resp->base_asym_algo,
			 resp->base_hash_algo, context, resp->key, message,
			 SIGNING_PREFIX_SIZE + hash_size, signature,
			 signature_size);
}

void responder_opaque_data(const struct spdm_responder *resp,
			   uint16_t *length, const uint8_t **data)
{
	static const uint8_t filler[SPDM_MAX_OPAQUE_SIZE];

	*length = resp->plan.opaque_size;
	*data = *length ? filler : NULL;
}

int responder_sign(struct spdm_responder *resp,
		   enum spdm_signing_context context, const uint8_t *data,
		   size_t length, uint8_t *signature, size_t signature_size)
{
	uint8_t version = resp->version;

	if (resp->plan.prefix == SPDM_PREFIX_ALWAYS &&
	    version < SPDM_VERSION_12)
		return sign_with_prefix(resp, context, data, length, signature,
					signature_size);
	/* prefix=none: a 1.2 signature over the bare transcript, as in 1.1. */
	if (resp->plan.prefix == SPDM_PREFIX_NONE && version >= SPDM_VERSION_12)
		version = SPDM_VERSION_11;
	return spdm_sign(version, resp->base_asym_algo, resp->base_hash_algo,
			 context, resp->key, data, length, signature,
			 signature_size);
}
