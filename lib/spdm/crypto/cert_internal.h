/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private to lib/spdm/crypto: the steps of certificate chain validation
 * and the helpers they share.
 */
#ifndef SPDM_CRYPTO_CERT_INTERNAL_H
#define SPDM_CRYPTO_CERT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

#include <spdm/cert_chain.h>
#include <spdm/cursor.h>

/*
 * A trust anchor, prepared once when it is added: its DER encoding (a
 * chain certificate with the same bytes is the anchor and is not parsed
 * again), whether it is self-issued with a self-signature that verifies,
 * and an X509_STORE that contains this anchor alone for path validation.
 */
struct spdm_anchor {
	X509 *cert;
	uint8_t *der;
	size_t der_size;
	bool self_signature_valid;
	X509_STORE *store;
};

/* Takes ownership of cert on success. Returns 0 or -ENOMEM. */
int spdm_anchor_init(struct spdm_anchor *anchor, X509 *cert);
void spdm_anchor_clear(struct spdm_anchor *anchor);
bool spdm_anchor_has_der(const struct spdm_anchor *anchor, const uint8_t *der,
			 size_t der_size);

/* Returns the anchor at index, or NULL past the end. */
const struct spdm_anchor *spdm_trust_entry(const struct spdm_trust *trust,
					   size_t index);
/*
 * Returns a number that identifies the trust store and its anchors: it
 * changes whenever an anchor is added and differs between stores. 0 for
 * NULL.
 */
uint64_t spdm_trust_serial(const struct spdm_trust *trust);
/* Returns the anchor whose DER is exactly der, or NULL. */
const struct spdm_anchor *spdm_trust_find_der(const struct spdm_trust *trust,
					      const uint8_t *der,
					      size_t der_size);

/* Destination of a validation failure: reason and detail line. */
struct spdm_chain_report {
	const struct spdm_cert_chain *chain;
	enum spdm_reason *reason;
	char *detail;
	size_t detail_size;
	/* The anchors checked against, or NULL. */
	const struct spdm_trust *trust;
	/* The trust anchor that the first certificate is, byte for byte. */
	const struct spdm_anchor *first_anchor;
	/* The anchor the chain was validated from, once it is anchored. */
	const struct spdm_anchor *anchor_used;
};

/*
 * Validates as spdm_cert_chain_validate() does and points *anchor at the
 * trust anchor the chain was validated from (NULL when it is not
 * anchored). anchor may be NULL.
 */
int spdm_chain_validate_with_anchor(struct spdm_cert_chain *chain,
				    const uint8_t *slot_object, size_t size,
				    const struct spdm_chain_check *check,
				    enum spdm_reason *reason, char *detail,
				    size_t detail_size, X509 **anchor);

/*
 * Stores reason and a detail line made from format, then returns error.
 * spdm_chain_fail_cert() starts the line with "certificate I of N
 * (subject): " for the certificate at index.
 */
int spdm_chain_fail(struct spdm_chain_report *report, enum spdm_reason reason,
		    int error, const char *format, ...)
	__attribute__((format(printf, 4, 5)));
int spdm_chain_fail_cert(struct spdm_chain_report *report, size_t index,
			 enum spdm_reason reason, int error,
			 const char *format, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Reads one DER SEQUENCE with a definite length through r and points der
 * at its whole encoding (tag, length and contents). Returns 0 or -EBADMSG.
 */
int spdm_der_read_sequence(struct spdm_reader *r, const uint8_t **der,
			   size_t *size);

/* Returns the trust anchor at index, or NULL past the end. */
X509 *spdm_trust_anchor(const struct spdm_trust *trust, size_t index);

/* Returns true when cert names itself as issuer (a root candidate). */
bool spdm_cert_is_self_issued(X509 *cert);
/* Returns true when cert's signature verifies with the key of issuer. */
bool spdm_cert_signed_by(X509 *cert, X509 *issuer);

/*
 * Each certificate must be issued by the one before it, which is a CA,
 * and a self-issued first certificate must carry a valid self-signature.
 * The other signatures are left to spdm_chain_check_path().
 */
int spdm_chain_check_links(struct spdm_chain_report *report);
/*
 * Finds the trust anchor the first certificate is, or was issued by
 * according to names and key identifiers. Path validation then checks
 * the anchor's signature on it.
 */
int spdm_chain_find_anchor(struct spdm_chain_report *report,
			   const struct spdm_chain_check *check,
			   const struct spdm_anchor **anchor);
/* When anchor is a root outside the chain, RootHash must be its hash. */
int spdm_chain_check_anchor_root_hash(struct spdm_chain_report *report,
				      const struct spdm_chain_check *check,
				      const uint8_t *root_hash,
				      const struct spdm_anchor *anchor);
/* Fails with chain-untrusted: no anchor is or issued the first certificate. */
int spdm_chain_fail_untrusted(struct spdm_chain_report *report);
/* Every certificate in the chain must be valid at the time when. */
int spdm_chain_check_times(struct spdm_chain_report *report, time_t when);
/*
 * Runs OpenSSL's path validation from anchor (NULL: from the first
 * certificate) to the leaf: signatures, basic constraints, key usage,
 * path length and validity times. Each certificate's signature by the
 * one before it (the first one's by an anchor outside the chain) is
 * verified once, by OpenSSL or, for a link its path left out, here.
 */
int spdm_chain_check_path(struct spdm_chain_report *report,
			  const struct spdm_anchor *anchor, time_t when);
/* Checks the leaf certificate and stores its key in chain->leaf_key. */
int spdm_chain_check_leaf(struct spdm_chain_report *report,
			  struct spdm_cert_chain *chain,
			  const struct spdm_chain_check *check);

#endif /* SPDM_CRYPTO_CERT_INTERNAL_H */
