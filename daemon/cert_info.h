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

#include <spdm/cert_chain.h>

#define CERT_INFO_NAME_SIZE  512
#define CERT_INFO_MAX_USAGES 16

/*
 * The facts a certificate object publishes, worked out once when the
 * chain is published. The PEM chain is not kept: cert_info_pem_chain()
 * writes it from the slot object's DER, which the object keeps anyway.
 */
struct cert_info {
	/* Offset and size of each certificate's DER, root first. */
	size_t cert_count;
	uint16_t der_offset[SPDM_MAX_CHAIN_CERTS];
	uint16_t der_size[SPDM_MAX_CHAIN_CERTS];
	char *public_key_pem;
	char *subject; /* "CN=...,O=..." */
	char *issuer;
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
/*
 * Returns the chain in PEM with the leaf first, from the slot object info
 * was made from, in memory the caller frees; NULL when out of memory.
 */
char *cert_info_pem_chain(const struct cert_info *info,
			  const uint8_t *slot_object);
void cert_info_clear(struct cert_info *info);

#endif /* SPDMD_CERT_INFO_H */
