// SPDX-License-Identifier: BSD-3-Clause
/*
 * RFC 5280 path validation through OpenSSL's X509_STORE_CTX: the anchor
 * is the only trusted certificate and X509_V_FLAG_PARTIAL_CHAIN lets it
 * be an intermediate. OpenSSL then checks the signatures, basic
 * constraints, key usage, path length, critical extensions and validity
 * times at the given time.
 */
#include <errno.h>

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "cert_internal.h"

static enum spdm_reason reason_of(int error)
{
	switch (error) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return SPDM_REASON_CERT_EXPIRED;
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return SPDM_REASON_CERT_NOT_YET_VALID;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_CERT_UNTRUSTED:
		return SPDM_REASON_CHAIN_UNTRUSTED;
	default:
		return SPDM_REASON_CHAIN_INVALID;
	}
}

static int errno_of(enum spdm_reason reason)
{
	if (reason == SPDM_REASON_CERT_EXPIRED ||
	    reason == SPDM_REASON_CERT_NOT_YET_VALID)
		return -EKEYEXPIRED;
	return -EKEYREJECTED;
}

static bool is_external(const struct spdm_chain_report *report,
			const struct spdm_anchor *anchor)
{
	return anchor && anchor != report->first_anchor;
}

static int report_certificate(struct spdm_chain_report *report,
			      const struct spdm_anchor *anchor, size_t index,
			      int error)
{
	enum spdm_reason reason = reason_of(error);

	if (error != X509_V_ERR_CERT_SIGNATURE_FAILURE)
		return spdm_chain_fail_cert(report, index, reason,
					    errno_of(reason), "%s",
					    X509_verify_cert_error_string(error));
	/* The anchor picked by name did not sign the first certificate. */
	if (index == 0 && is_external(report, anchor))
		return spdm_chain_fail_untrusted(report);
	return spdm_chain_fail_cert(report, index, SPDM_REASON_CHAIN_INVALID,
				    -EKEYREJECTED,
				    "signature does not verify with the key "
				    "of certificate %zu",
				    index);
}

static int report_failure(struct spdm_chain_report *report,
			  const struct spdm_anchor *anchor,
			  X509_STORE_CTX *ctx)
{
	const struct spdm_cert_chain *chain = report->chain;
	int error = X509_STORE_CTX_get_error(ctx);
	X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	enum spdm_reason reason = reason_of(error);

	for (size_t i = 0; cert && i < chain->cert_count; i++) {
		if (X509_cmp(chain->certs[i], cert) == 0)
			return report_certificate(report, anchor, i, error);
	}
	return spdm_chain_fail(report, reason, errno_of(reason),
			       "trust anchor: %s",
			       X509_verify_cert_error_string(error));
}

/*
 * Whether OpenSSL's path has issuer right above cert. X509_verify_cert()
 * verifies the signature of each certificate of its path with the key of
 * the next one, except the last one, the trust anchor.
 */
static bool path_has_link(STACK_OF(X509) *path, size_t depth, X509 *cert,
			  X509 *issuer)
{
	size_t length = (size_t)sk_X509_num(path);

	return depth + 1 < length &&
	       X509_cmp(sk_X509_value(path, (int)depth), cert) == 0 &&
	       X509_cmp(sk_X509_value(path, (int)depth + 1), issuer) == 0;
}

/*
 * Verifies the signatures that OpenSSL's path left out, so every
 * certificate of the chain is checked against the one before it even
 * when OpenSSL found a shorter path (a certificate repeated, or the
 * leaf itself trusted).
 */
static int verify_links_off_path(struct spdm_chain_report *report,
				 const struct spdm_anchor *anchor,
				 STACK_OF(X509) *path)
{
	const struct spdm_cert_chain *chain = report->chain;
	size_t count = chain->cert_count;

	for (size_t i = 1; i < count; i++) {
		if (path_has_link(path, count - 1 - i, chain->certs[i],
				  chain->certs[i - 1]) ||
		    spdm_cert_signed_by(chain->certs[i], chain->certs[i - 1]))
			continue;
		return report_certificate(report, anchor, i,
					  X509_V_ERR_CERT_SIGNATURE_FAILURE);
	}
	if (!is_external(report, anchor) ||
	    path_has_link(path, count - 1, chain->certs[0], anchor->cert) ||
	    spdm_cert_signed_by(chain->certs[0], anchor->cert))
		return 0;
	return spdm_chain_fail_untrusted(report);
}

static int run_store_ctx(struct spdm_chain_report *report, X509_STORE *store,
			 const struct spdm_anchor *anchor,
			 STACK_OF(X509) *untrusted, time_t when)
{
	const struct spdm_cert_chain *chain = report->chain;
	X509 *leaf = chain->certs[chain->cert_count - 1];
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509_VERIFY_PARAM *param;
	int ret;

	if (!ctx || X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1) {
		X509_STORE_CTX_free(ctx);
		ERR_clear_error();
		return spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR,
				       -ENOMEM, "cannot set up X509_STORE_CTX");
	}
	param = X509_STORE_CTX_get0_param(ctx);
	X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
	X509_VERIFY_PARAM_set_time(param, when);

	if (X509_verify_cert(ctx) != 1)
		ret = report_failure(report, anchor, ctx);
	else
		ret = verify_links_off_path(report, anchor,
					    X509_STORE_CTX_get0_chain(ctx));
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
	return ret;
}

/* A store with the first certificate alone, which serves as the anchor. */
static X509_STORE *first_certificate_store(const struct spdm_cert_chain *chain)
{
	X509_STORE *store = X509_STORE_new();

	if (store && X509_STORE_add_cert(store, chain->certs[0]) == 1)
		return store;
	X509_STORE_free(store);
	return NULL;
}

int spdm_chain_check_path(struct spdm_chain_report *report,
			  const struct spdm_anchor *anchor, time_t when)
{
	const struct spdm_cert_chain *chain = report->chain;
	STACK_OF(X509) *untrusted = sk_X509_new_null();
	X509_STORE *own_store = NULL;
	X509_STORE *store;
	int ret = 0;

	if (anchor) {
		store = anchor->store;
	} else {
		own_store = first_certificate_store(chain);
		store = own_store;
	}
	if (!untrusted || !store)
		ret = -ENOMEM;
	/* The stack borrows the certificates, so sk_X509_free() frees it. */
	for (size_t i = 0; ret == 0 && i + 1 < chain->cert_count; i++) {
		if (sk_X509_push(untrusted, chain->certs[i]) <= 0)
			ret = -ENOMEM;
	}

	if (ret == 0)
		ret = run_store_ctx(report, store, anchor, untrusted, when);
	else
		ret = spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR, ret,
				      "out of memory for path validation");
	sk_X509_free(untrusted);
	X509_STORE_free(own_store);
	ERR_clear_error();
	return ret;
}
