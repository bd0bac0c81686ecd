/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The facts a certificate object publishes about a slot's chain: the
 * chain in PEM with the leaf first, and the leaf's names, key usage,
 * validity and public key.
 */
#ifndef SPDMD_CERT_INFO_H
#define SPDMD_CERT_INFO_H

#include <stddef.h>
#include <stdint.h>

#define CERT_INFO_NAME_SIZE  512
#define CERT_INFO_MAX_USAGES 16

struct cert_info {
	char *pem_chain; /* leaf first */
	char *public_key_pem;
	char subject[CERT_INFO_NAME_SIZE]; /* "CN=...,O=..." */
	char issuer[CERT_INFO_NAME_SIZE];
	/* Redfish KeyUsage names, e.g. "DigitalSignature". */
	const char *key_usage[CERT_INFO_MAX_USAGES + 1];
	size_t key_usage_count;
	uint64_t not_before; /* seconds since the epoch */
	uint64_t not_after;
};

/*
 * Parses a slot object (Length, Reserved, RootHash, then DER certificates
 * root first). Returns 0, -EBADMSG for bytes that are not certificates,
 * or -ENOMEM.
 */
int cert_info_from_slot_object(const uint8_t *slot_object, size_t size,
			       uint32_t base_hash_algo, struct cert_info *info);
void cert_info_clear(struct cert_info *info);

#endif /* SPDMD_CERT_INFO_H */
