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

/* Destination of a validation failure: reason and detail line. */
struct spdm_chain_report {
	const struct spdm_cert_chain *chain;
	enum spdm_reason *reason;
	char *detail;
	size_t detail_size;
};

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

/* Each certificate must be issued and signed by the one before it. */
int spdm_chain_check_signatures(struct spdm_chain_report *report);
/*
 * Finds the trust anchor the first certificate is or was issued by. When
 * that anchor is a root outside the chain, RootHash must be its hash.
 */
int spdm_chain_find_anchor(struct spdm_chain_report *report,
			   const struct spdm_chain_check *check,
			   const uint8_t *root_hash, X509 **anchor);
/* Every certificate in the chain must be valid at the time when. */
int spdm_chain_check_times(struct spdm_chain_report *report, time_t when);
/*
 * Runs OpenSSL's path validation from anchor to the leaf: basic
 * constraints, key usage, path length and validity times.
 */
int spdm_chain_check_path(struct spdm_chain_report *report, X509 *anchor,
			  time_t when);
/* Checks the leaf certificate and stores its key in chain->leaf_key. */
int spdm_chain_check_leaf(struct spdm_chain_report *report,
			  struct spdm_cert_chain *chain,
			  const struct spdm_chain_check *check);

#endif /* SPDM_CRYPTO_CERT_INTERNAL_H */
