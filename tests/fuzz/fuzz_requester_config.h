/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The requester configuration that the first byte of a fuzz_requester
 * input selects; the seed generator builds its inputs with the same one.
 */
#ifndef SPDM_FUZZ_REQUESTER_CONFIG_H
#define SPDM_FUZZ_REQUESTER_CONFIG_H

#include <stdint.h>

#include <spdm/requester.h>

#define FUZZ_REQ_VERSIONS_MASK	     0x03
#define FUZZ_REQ_VERSIONS_ALL	     0x00
#define FUZZ_REQ_VERSIONS_10	     0x01
#define FUZZ_REQ_VERSIONS_11	     0x02
#define FUZZ_REQ_VERSIONS_12	     0x03
#define FUZZ_REQ_SIGNED_MEASUREMENTS 0x04
#define FUZZ_REQ_NO_MEASUREMENTS     0x08
#define FUZZ_REQ_TRUST		     0x10
#define FUZZ_REQ_SLOT_1		     0x20
#define FUZZ_REQ_INDICES	     0x40
#define FUZZ_REQ_SMALL_TRANSFER	     0x80

/* Fills config for selector; trust is used when the selector asks. */
void fuzz_requester_config(struct spdm_requester_config *config,
			   uint8_t selector, const struct spdm_trust *trust);

#endif /* SPDM_FUZZ_REQUESTER_CONFIG_H */
