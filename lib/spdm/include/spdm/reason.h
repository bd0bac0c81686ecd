/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stable reason codes for the outcome of an attestation. The string form
 * ("signature-invalid", ...) is published on D-Bus, printed by spdmctl and
 * matched by tests: never rename one, only add.
 */
#ifndef SPDM_REASON_H
#define SPDM_REASON_H

enum spdm_reason {
	SPDM_REASON_NONE = 0,		/* "none": verified, nothing failed */
	SPDM_REASON_NO_COMMON_VERSION,	/* "no-common-version" */
	SPDM_REASON_MALFORMED_RESPONSE, /* "malformed-response": size, length field or layout */
	SPDM_REASON_UNEXPECTED_RESPONSE, /* "unexpected-response": wrong code or version byte */
	SPDM_REASON_PROTOCOL_VIOLATION, /* "protocol-violation": a value DSP0274 forbids */
	SPDM_REASON_ILLEGAL_CAPABILITIES, /* "illegal-capabilities" */
	SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION, /* "illegal-algorithm-selection" */
	SPDM_REASON_UNSUPPORTED_ALGORITHM, /* "unsupported-algorithm" */
	SPDM_REASON_NO_CERTIFICATE,	/* "no-certificate": slot empty or no CERT_CAP */
	SPDM_REASON_CERT_PORTION_INVALID, /* "cert-portion-invalid": no forward progress */
	SPDM_REASON_CHAIN_TOO_LARGE,	/* "chain-too-large" */
	SPDM_REASON_CHAIN_MALFORMED,	/* "chain-malformed" */
	SPDM_REASON_ROOT_HASH_MISMATCH, /* "root-hash-mismatch" */
	SPDM_REASON_DIGEST_MISMATCH,	/* "digest-mismatch" */
	SPDM_REASON_CHAIN_INVALID,	/* "chain-invalid": a certificate does not verify with its issuer */
	SPDM_REASON_CHAIN_UNTRUSTED,	/* "chain-untrusted": no trust anchor matches */
	SPDM_REASON_CERT_EXPIRED,	/* "cert-expired" */
	SPDM_REASON_CERT_NOT_YET_VALID, /* "cert-not-yet-valid" */
	SPDM_REASON_LEAF_WRONG_ROLE,	/* "leaf-wrong-role": requester-only EKU */
	SPDM_REASON_LEAF_KEY_MISMATCH,	/* "leaf-key-mismatch": key type is not the negotiated one */
	SPDM_REASON_LEAF_INVALID,	/* "leaf-invalid": key usage, CA flag or fields */
	SPDM_REASON_CERT_CHAIN_HASH_MISMATCH, /* "cert-chain-hash-mismatch": CHALLENGE_AUTH */
	SPDM_REASON_SIGNATURE_INVALID,	/* "signature-invalid" */
	SPDM_REASON_NONCE_INVALID,	/* "nonce-invalid": a nonce not echoed where it must be */
	SPDM_REASON_MEASUREMENTS_INVALID, /* "measurements-invalid": record or block */
	SPDM_REASON_NO_PROOF_OF_POSSESSION, /* "no-proof-of-possession" */
	SPDM_REASON_CHAIN_CHANGED,	/* "chain-changed": differs from the pinned one */
	SPDM_REASON_BUSY,		/* "busy": retries exhausted */
	SPDM_REASON_TIMEOUT,		/* "timeout" */
	SPDM_REASON_LINK_LOST,		/* "link-lost" */
	SPDM_REASON_DEVICE_ERROR,	/* "device-error": ERROR response, named in detail */
	SPDM_REASON_RESOURCE_LIMIT,	/* "resource-limit": a cap of ours was reached */
	SPDM_REASON_INTERNAL_ERROR,	/* "internal-error": out of memory or a crypto failure */
	SPDM_REASON_COUNT,
};

/* Returns the stable string of a reason, "internal-error" for unknown values. */
const char *spdm_reason_name(enum spdm_reason reason);
/* Returns the reason whose string is name, or -1. */
int spdm_reason_from_name(const char *name);
/* Returns the DSP0274 name of an ERROR code, e.g. "Busy", or "Reserved". */
const char *spdm_error_code_name(unsigned int code);
/* Returns the DSP0274 name of a request or response code, e.g. "GET_VERSION". */
const char *spdm_message_name(unsigned int code);

#endif /* SPDM_REASON_H */
