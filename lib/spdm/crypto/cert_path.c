// SPDX-License-Identifier: BSD-3-Clause
/*
 * Certificate path checks (DSP0274 1.2 section 10.6.1): each certificate
 * is signed by the one before it, the first one leads to a trust anchor,
 * and OpenSSL's RFC 5280 path validation passes from that anchor to the
 * leaf.
 */
#include <errno.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "algorithms.h"
#include "cert_internal.h"

/* Self-issued means subject and issuer names match (RFC 5280 3.2). */
bool spdm_cert_is_self_issued(X509 *cert)
{
	return X509_NAME_cmp(X509_get_subject_name(cert),
			     X509_get_issuer_name(cert)) == 0;
}

static bool signed_by(X509 *cert, X509 *issuer)
{
	EVP_PKEY *key = X509_get0_pubkey(issuer);
	bool valid = key && X509_verify(cert, key) == 1;

	ERR_clear_error();
	return valid;
}

static int check_issuer(struct spdm_chain_report *report, size_t index)
{
	X509 *cert = report->chain->certs[index];
	X509 *issuer = report->chain->certs[index - 1];
	int error = X509_check_issued(issuer, cert);

	if (error != X509_V_OK)
		return spdm_chain_fail_cert(
			report, index, SPDM_REASON_CHAIN_INVALID, -EKEYREJECTED,
			"not issued by certificate %zu: %s", index,
			X509_verify_cert_error_string(error));
	if (X509_check_ca(issuer) == 0)
		return spdm_chain_fail_cert(
			report, index, SPDM_REASON_CHAIN_INVALID, -EKEYREJECTED,
			"issuer certificate %zu is not a CA", index);
	if (!signed_by(cert, issuer))
		return spdm_chain_fail_cert(
			report, index, SPDM_REASON_CHAIN_INVALID, -EKEYREJECTED,
			"signature does not verify with the key of "
			"certificate %zu",
			index);
	return 0;
}

int spdm_chain_check_signatures(struct spdm_chain_report *report)
{
	const struct spdm_cert_chain *chain = report->chain;
	int ret;

	if (spdm_cert_is_self_issued(chain->certs[0]) &&
	    !signed_by(chain->certs[0], chain->certs[0]))
		return spdm_chain_fail_cert(report, 0,
					    SPDM_REASON_CHAIN_INVALID,
					    -EKEYREJECTED,
					    "self-signature does not verify");

	for (size_t i = 1; i < chain->cert_count; i++) {
		ret = check_issuer(report, i);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static bool issued_by_anchor(X509 *cert, X509 *anchor)
{
	bool issued = X509_check_issued(anchor, cert) == X509_V_OK;

	ERR_clear_error();
	return issued && signed_by(cert, anchor);
}

/* RootHash is the hash of the root certificate (DSP0274 1.2 10.6.1). */
static int check_anchor_root_hash(struct spdm_chain_report *report,
				  const struct spdm_chain_check *check,
				  const uint8_t *root_hash, X509 *anchor)
{
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	size_t hash_size = spdm_hash_algo_size(check->base_hash_algo);
	uint8_t *der = NULL;
	int der_size;
	int ret;

	/* An intermediate anchor does not fix the root's hash. */
	if (!spdm_cert_is_self_issued(anchor))
		return 0;
	der_size = i2d_X509(anchor, &der);
	if (der_size <= 0) {
		ERR_clear_error();
		return spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR,
				       -EIO, "cannot encode the trust anchor");
	}
	ret = spdm_hash(check->base_hash_algo, der, (size_t)der_size, digest);
	OPENSSL_free(der);
	if (ret < 0)
		return spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR, ret,
				       "cannot hash the trust anchor");
	if (memcmp(digest, root_hash, hash_size) != 0)
		return spdm_chain_fail_cert(
			report, 0, SPDM_REASON_ROOT_HASH_MISMATCH, -EBADMSG,
			"RootHash is not the hash of the issuing root anchor");
	return 0;
}

int spdm_chain_find_anchor(struct spdm_chain_report *report,
			   const struct spdm_chain_check *check,
			   const uint8_t *root_hash, X509 **anchor)
{
	X509 *first = report->chain->certs[0];
	X509 *candidate;

	/* The first certificate is itself an anchor (same DER). */
	for (size_t i = 0; (candidate = spdm_trust_anchor(check->trust, i));
	     i++) {
		if (X509_cmp(candidate, first) == 0) {
			*anchor = candidate;
			return 0;
		}
	}

	for (size_t i = 0; (candidate = spdm_trust_anchor(check->trust, i));
	     i++) {
		if (!issued_by_anchor(first, candidate))
			continue;
		*anchor = candidate;
		/* A root in the chain was already checked against RootHash. */
		if (spdm_cert_is_self_issued(first))
			return 0;
		return check_anchor_root_hash(report, check, root_hash,
					      candidate);
	}

	return spdm_chain_fail_cert(report, 0, SPDM_REASON_CHAIN_UNTRUSTED,
				    -EKEYREJECTED,
				    "neither a trust anchor nor issued by one "
				    "(trust store of %zu)",
				    spdm_trust_count(check->trust));
}

/* X509_cmp_time() returns 0 for a time it cannot read, -1 or 1 otherwise. */
static int check_time(struct spdm_chain_report *report, size_t index,
		      time_t when)
{
	X509 *cert = report->chain->certs[index];
	int not_before = X509_cmp_time(X509_get0_notBefore(cert), &when);
	int not_after = X509_cmp_time(X509_get0_notAfter(cert), &when);

	ERR_clear_error();
	if (not_before == 0 || not_after == 0)
		return spdm_chain_fail_cert(report, index,
					    SPDM_REASON_CHAIN_MALFORMED,
					    -EBADMSG, "validity is not a time");
	if (not_before > 0)
		return spdm_chain_fail_cert(report, index,
					    SPDM_REASON_CERT_NOT_YET_VALID,
					    -EKEYEXPIRED,
					    "notBefore is after the check "
					    "time");
	if (not_after < 0)
		return spdm_chain_fail_cert(report, index,
					    SPDM_REASON_CERT_EXPIRED,
					    -EKEYEXPIRED,
					    "notAfter is before the check "
					    "time");
	return 0;
}

int spdm_chain_check_times(struct spdm_chain_report *report, time_t when)
{
	int ret;

	for (size_t i = 0; i < report->chain->cert_count; i++) {
		ret = check_time(report, i, when);
		if (ret < 0)
			return ret;
	}
	return 0;
}
