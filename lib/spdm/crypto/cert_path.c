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

bool spdm_cert_signed_by(X509 *cert, X509 *issuer)
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
	return 0;
}

/*
 * A first certificate that is a trust anchor had its self-signature
 * verified when the anchor was added, on the same bytes.
 */
static bool first_self_signature_valid(struct spdm_chain_report *report)
{
	X509 *first = report->chain->certs[0];

	if (report->first_anchor)
		return report->first_anchor->self_signature_valid;
	return spdm_cert_signed_by(first, first);
}

int spdm_chain_check_links(struct spdm_chain_report *report)
{
	const struct spdm_cert_chain *chain = report->chain;
	int ret;

	if (spdm_cert_is_self_issued(chain->certs[0]) &&
	    !first_self_signature_valid(report))
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

static bool issued_by_anchor(X509 *cert, const struct spdm_anchor *anchor)
{
	bool issued = X509_check_issued(anchor->cert, cert) == X509_V_OK;

	ERR_clear_error();
	return issued;
}

/* RootHash is the hash of the root certificate (DSP0274 1.2 10.6.1). */
int spdm_chain_check_anchor_root_hash(struct spdm_chain_report *report,
				      const struct spdm_chain_check *check,
				      const uint8_t *root_hash,
				      const struct spdm_anchor *anchor)
{
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	size_t hash_size = spdm_hash_algo_size(check->base_hash_algo);
	int ret;

	/* A root in the chain was already checked against RootHash. */
	if (anchor == report->first_anchor ||
	    spdm_cert_is_self_issued(report->chain->certs[0]))
		return 0;
	/* An intermediate anchor does not fix the root's hash. */
	if (!spdm_cert_is_self_issued(anchor->cert))
		return 0;
	ret = spdm_hash(check->base_hash_algo, anchor->der, anchor->der_size,
			digest);
	if (ret < 0)
		return spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR, ret,
				       "cannot hash the trust anchor");
	if (memcmp(digest, root_hash, hash_size) != 0)
		return spdm_chain_fail_cert(
			report, 0, SPDM_REASON_ROOT_HASH_MISMATCH, -EBADMSG,
			"RootHash is not the hash of the issuing root anchor");
	return 0;
}

/*
 * Returns the only anchor that issued cert by name and key identifier,
 * whose signature on cert path validation then checks. When several
 * match, the first whose signature verifies is taken.
 * NOTE: only then is the first certificate's signature verified twice,
 * here and in path validation.
 */
static const struct spdm_anchor *issuing_anchor(const struct spdm_trust *trust,
						X509 *cert)
{
	const struct spdm_anchor *found = NULL;
	const struct spdm_anchor *candidate;
	size_t matches = 0;

	for (size_t i = 0; (candidate = spdm_trust_entry(trust, i)); i++) {
		if (issued_by_anchor(cert, candidate)) {
			found = found ? found : candidate;
			matches++;
		}
	}
	if (matches <= 1)
		return found;
	for (size_t i = 0; (candidate = spdm_trust_entry(trust, i)); i++) {
		if (issued_by_anchor(cert, candidate) &&
		    spdm_cert_signed_by(cert, candidate->cert))
			return candidate;
	}
	return NULL;
}

int spdm_chain_fail_untrusted(struct spdm_chain_report *report)
{
	return spdm_chain_fail_cert(report, 0, SPDM_REASON_CHAIN_UNTRUSTED,
				    -EKEYREJECTED,
				    "neither a trust anchor nor issued by one "
				    "(trust store of %zu)",
				    spdm_trust_count(report->trust));
}

int spdm_chain_find_anchor(struct spdm_chain_report *report,
			   const struct spdm_chain_check *check,
			   const struct spdm_anchor **anchor)
{
	X509 *first = report->chain->certs[0];
	const struct spdm_anchor *issuer;

	/* The first certificate is itself an anchor (same DER). */
	if (report->first_anchor) {
		*anchor = report->first_anchor;
		return 0;
	}

	issuer = issuing_anchor(check->trust, first);
	if (!issuer)
		return spdm_chain_fail_untrusted(report);
	*anchor = issuer;
	return 0;
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
