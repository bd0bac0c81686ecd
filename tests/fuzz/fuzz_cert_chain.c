// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the certificate chain parser and validator.
 *
 * Input: one selector byte, then either a slot object or, with bit 7 set,
 * concatenated DER certificates that spdm_cert_chain_build() wraps into a
 * slot object with a correct RootHash first (so the fuzzer reaches the
 * certificate checks without solving a hash). The selector:
 *   bits 1:0  BaseHashAlgo SHA-256, SHA-384, SHA-512, or SHA-384 with
 *             the AliasCert model
 *   bits 5:2  BaseAsymAlgo, one of fuzz_chain_asym_algos (some invalid)
 *   bit 6     check against the DMTF sample roots (else integrity only)
 *   bit 7     build the slot object from DER
 */
#include <stdlib.h>
#include <string.h>

#include <spdm/cert_chain.h>
#include <spdm/wire.h>

#include "fuzz_common.h"
#include "fuzz_selectors.h"

static struct spdm_trust *trust;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	trust = fuzz_sample_trust();
	return 0;
}

static void validate(const uint8_t *slot_object, size_t size,
		     const struct spdm_chain_check *check)
{
	struct spdm_cert_chain chain;
	enum spdm_reason reason = SPDM_REASON_NONE;
	char detail[256];
	int rc;

	detail[0] = '\0';
	rc = spdm_cert_chain_validate(&chain, slot_object, size, check, &reason,
				      detail, sizeof(detail));
	if (!memchr(detail, 0, sizeof(detail)))
		abort();
	if (rc == 0 && (chain.cert_count == 0 || !chain.leaf_key))
		abort();
	if (chain.cert_count > SPDM_MAX_CHAIN_CERTS)
		abort();
	for (size_t i = 0; rc == 0 && i < chain.cert_count; i++)
		if (!fuzz_span_inside(slot_object, size,
				      slot_object + chain.der_offset[i],
				      chain.der_size[i]))
			abort();
	spdm_cert_chain_clear(&chain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdm_chain_check check;
	uint8_t *slot_object = NULL;
	size_t slot_size = 0;
	uint8_t selector;

	if (size < 1)
		return 0;
	selector = data[0];
	data++;
	size--;

	memset(&check, 0, sizeof(check));
	check.base_hash_algo = fuzz_chain_hash_algos[selector & 0x03];
	check.base_asym_algo = fuzz_chain_asym_algos[(selector >> 2) & 0x0f];
	check.alias_cert_model = (selector & 0x03) == 3;
	check.trust = (selector & 0x40) ? trust : NULL;
	check.check_time = FUZZ_CHECK_TIME;

	if (!(selector & 0x80)) {
		validate(data, size, &check);
		return 0;
	}
	if (spdm_cert_chain_build(check.base_hash_algo, data, size,
				  &slot_object, &slot_size))
		return 0;
	if (slot_size > SPDM_MAX_CERT_CHAIN_SIZE)
		abort();
	validate(slot_object, slot_size, &check);
	free(slot_object);
	return 0;
}
