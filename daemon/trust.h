/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What decides whether an endpoint is verified: the trust anchors under
 * trust-policy=anchored, or the pin store under trust-policy=tofu.
 */
#ifndef SPDMD_TRUST_H
#define SPDMD_TRUST_H

#include <stdbool.h>
#include <stddef.h>

#include <spdm/cert_chain.h>
#include <spdm/requester.h>

#include "config.h"
#include "pin_store.h"

struct trust {
	enum trust_policy policy;
	struct spdm_trust *anchors;
	struct pin_store pins;
	bool pins_open;
};

/*
 * Loads every trust-anchor and trust-anchor-dir of config. On failure
 * returns a negative errno and "FILE:LINE: KEY: PATH: problem" in error.
 */
int trust_load_anchors(struct trust *trust, const struct spdmd_config *config,
		       char *error, size_t error_size);
/* Opens the pin store of state_dir for tofu and logs what it found. */
int trust_open_pins(struct trust *trust, const char *state_dir);
void trust_clear(struct trust *trust);

/* Returns the anchors a requester checks chains against (NULL in tofu). */
const struct spdm_trust *trust_requester_anchors(const struct trust *trust);

struct verdict {
	bool passed;
	enum spdm_reason reason;
	char detail[SPDM_DETAIL_SIZE];
	bool pinned_now; /* tofu: this attestation recorded the pin */
};

/*
 * Decides an attestation's outcome from the requester's result. Under
 * tofu, pin_key and the result's slot select the pin.
 */
void trust_decide(struct trust *trust, const char *pin_key,
		  const struct spdm_result *result, struct verdict *verdict);

/* Writes "uuid:UUID" when uuid is usable, else "name:NAME", into key. */
void trust_pin_key(const char *name, const char *uuid, char *key,
		   size_t key_size);
/* Computes the SHA-384 of the chain's DER certificates (the pin). */
int trust_chain_digest(const struct spdm_result *result,
		       uint8_t digest[PIN_DIGEST_SIZE]);

#endif /* SPDMD_TRUST_H */
