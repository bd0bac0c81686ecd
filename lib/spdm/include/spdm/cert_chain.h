/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPDM certificate chains (DSP0274 1.2 section 10.6.1): the slot object
 * Length(2) Reserved(2) RootHash(H) followed by DER certificates, root
 * first and leaf last; and trust anchors to verify them against.
 */
#ifndef SPDM_CERT_CHAIN_H
#define SPDM_CERT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

#include <spdm/reason.h>

/* Maximum certificates in one chain; documented in docs/limits.md. */
#define SPDM_MAX_CHAIN_CERTS 16

/* A set of trusted root (or intermediate) certificates. */
struct spdm_trust;

int spdm_trust_new(struct spdm_trust **out);
void spdm_trust_free(struct spdm_trust *trust);
/*
 * Adds one certificate file, DER or PEM (a PEM file may hold several).
 * Returns 0, the open or read error (-ENOENT, -EISDIR, ...), -EFBIG above
 * 1 MiB or -EBADMSG when the file contains no certificate. Duplicates are
 * dropped.
 */
int spdm_trust_add_file(struct spdm_trust *trust, const char *path);
/*
 * Adds every *.der, *.pem and *.crt file of a directory, in name order.
 * Stops at the first file that fails and returns its error. Anchors from
 * the files before it stay added. A directory of more than 1024 entries,
 * of any name, fails with -E2BIG.
 */
int spdm_trust_add_directory(struct spdm_trust *trust, const char *path);
/*
 * Adds a directory as spdm_trust_add_directory() does. When a file in it
 * fails, its path (directory/name) is copied to failed_file; when the
 * directory itself fails, failed_file is empty. failed_file may be NULL.
 */
int spdm_trust_add_directory_report(struct spdm_trust *trust,
				    const char *path, char *failed_file,
				    size_t failed_file_size);
/* Adds one DER certificate from memory. Returns 0, -EINVAL or -EBADMSG. */
int spdm_trust_add_der(struct spdm_trust *trust, const uint8_t *der,
		       size_t size);
size_t spdm_trust_count(const struct spdm_trust *trust);

struct spdm_cert_chain {
	/* The certificates in wire order, each parsed once. */
	X509 *certs[SPDM_MAX_CHAIN_CERTS];
	size_t cert_count;
	/* Where each certificate's DER starts inside the slot object. */
	size_t der_offset[SPDM_MAX_CHAIN_CERTS];
	size_t der_size[SPDM_MAX_CHAIN_CERTS];
	EVP_PKEY *leaf_key; /* owned reference */
	/* The chain leads to an anchor of spdm_chain_check.trust. */
	bool anchored;
};

struct spdm_chain_check {
	uint32_t base_hash_algo;
	uint32_t base_asym_algo; /* the leaf key must match it */
	/* NULL: check integrity only (trust-on-first-use decides elsewhere). */
	const struct spdm_trust *trust;
	/* Validity is checked at this time; 0 means now. */
	time_t check_time;
	/* The device advertised ALIAS_CERT_CAP (AliasCert model). */
	bool alias_cert_model;
	/*
	 * With trust: a chain that leads to no anchor is validated as with
	 * no trust, and on success 0 is returned with chain->anchored false
	 * and the reason it is not anchored (chain-untrusted,
	 * root-hash-mismatch, cert-expired, ...) stored as on failure.
	 */
	bool allow_unanchored;
};

/*
 * Parses and validates a slot object. On failure returns a negative errno
 * and stores the reason (chain-malformed, root-hash-mismatch,
 * chain-invalid, chain-untrusted, cert-expired, cert-not-yet-valid,
 * leaf-wrong-role, leaf-key-mismatch, leaf-invalid) and a one-line detail
 * naming the certificate (by position and subject) and the check. On
 * success chain holds the parsed certificates; free it with
 * spdm_cert_chain_clear() in either case. chain is overwritten without
 * being freed first.
 *
 * Errors: -EINVAL bad argument (reason unsupported-algorithm for an
 * unknown hash or asymmetric algorithm), -EBADMSG malformed object or
 * RootHash mismatch, -EPROTO non-zero Reserved field, -EKEYEXPIRED a
 * certificate outside its validity, -EKEYREJECTED any other failed
 * check, -ENOMEM or -EIO (reason internal-error).
 *
 * The checks, in order:
 * - Length equals size and exceeds 4 + H, and Reserved is 0.
 * - The certificates split by their DER lengths, at most
 *   SPDM_MAX_CHAIN_CERTS of them.
 * - A self-issued first certificate has RootHash equal to its hash.
 * - Every certificate is issued by the one before it, which is a CA, and
 *   a self-issued first certificate has a valid self-signature.
 * - With check->trust, the first certificate is an anchor or is issued
 *   by one. When that anchor is a root outside the chain, RootHash is
 *   its hash.
 * - Every certificate is valid at check_time.
 * - OpenSSL path validation passes from the anchor (without trust, from
 *   the first certificate) to the leaf. It verifies the signature of
 *   every certificate below the anchor; one it skips is verified apart.
 *
 * Each signature is verified once. The self-signature of a first
 * certificate that is a trust anchor (the same DER) was verified when the
 * anchor was added, and that certificate is not parsed again. A failed
 * integrity check is reported before a failure to reach an anchor.
 * - The leaf is X.509 v3, has digitalSignature if keyUsage is present,
 *   is not a CA, is not for the requester role only, has no hardware
 *   identity in the AliasCert model, and has a key of base_asym_algo.
 */
int spdm_cert_chain_validate(struct spdm_cert_chain *chain,
			     const uint8_t *slot_object, size_t size,
			     const struct spdm_chain_check *check,
			     enum spdm_reason *reason, char *detail,
			     size_t detail_size);
void spdm_cert_chain_clear(struct spdm_cert_chain *chain);

/*
 * A memo of the last chain that validated, to accept the same chain again
 * without parsing it or verifying its signatures. It applies only to the
 * same slot object bytes, the same trust store with the same anchors
 * (spdm_trust_add_*() after the memo was made invalidates it), the same
 * BaseHashAlgo, BaseAsymAlgo and AliasCert model, and a check time
 * strictly inside the validity of every certificate of the chain and of
 * the anchor it was validated from. Validation depends on nothing else,
 * so the outcome is the one a full validation would give.
 */
struct spdm_chain_memo;

int spdm_chain_memo_new(struct spdm_chain_memo **out);
void spdm_chain_memo_free(struct spdm_chain_memo *memo);
/* Returns how many validations the memo served so far (0 for NULL). */
uint64_t spdm_chain_memo_hits(const struct spdm_chain_memo *memo);

/*
 * Validates like spdm_cert_chain_validate(), but returns the remembered
 * outcome when memo applies to this chain, and remembers a chain that
 * validated and is anchored (or was checked without trust). A remembered
 * outcome fills only chain->leaf_key and chain->anchored: cert_count is
 * 0 and no certificate is parsed. memo NULL validates in full.
 */
int spdm_cert_chain_validate_memo(struct spdm_chain_memo *memo,
				  struct spdm_cert_chain *chain,
				  const uint8_t *slot_object, size_t size,
				  const struct spdm_chain_check *check,
				  enum spdm_reason *reason, char *detail,
				  size_t detail_size);

/*
 * Builds a slot object from concatenated DER certificates (root first):
 * Length, Reserved 0, RootHash = hash of the first certificate, the DER.
 * *slot_object is allocated; free() it. Returns 0, -EINVAL, -EBADMSG when
 * der does not start with a DER SEQUENCE, -E2BIG above 0xffff bytes, or
 * -ENOMEM.
 */
int spdm_cert_chain_build(uint32_t base_hash_algo, const uint8_t *der,
			  size_t der_size, uint8_t **slot_object,
			  size_t *size);

/*
 * Writes an X.509 name as "CN=...,O=..." (RFC 2253 order and escaping,
 * bytes outside printable ASCII as \XX) into buf. Returns 0, -EINVAL, or
 * -EOVERFLOW when the name was cut to fit (buf still contains a string).
 */
int spdm_x509_name_string(const X509_NAME *name, char *buf, size_t size);

#endif /* SPDM_CERT_CHAIN_H */
