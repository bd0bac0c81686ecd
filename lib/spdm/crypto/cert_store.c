// SPDX-License-Identifier: BSD-3-Clause
/*
 * RFC 5280 path validation through OpenSSL's X509_STORE_CTX: the anchor
 * is the only trusted certificate and X509_V_FLAG_PARTIAL_CHAIN lets it
 * be an intermediate. OpenSSL then checks basic constraints, key usage,
 * path length, critical extensions and validity times at the given time.
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

static int report_failure(struct spdm_chain_report *report,
			  X509_STORE_CTX *ctx)
{
	const struct spdm_cert_chain *chain = report->chain;
	int error = X509_STORE_CTX_get_error(ctx);
	const char *message = X509_verify_cert_error_string(error);
	X509 *cert = X509_STORE_CTX_get_current_cert(ctx);
	enum spdm_reason reason = reason_of(error);

	for (size_t i = 0; cert && i < chain->cert_count; i++) {
		if (X509_cmp(chain->certs[i], cert) == 0)
			return spdm_chain_fail_cert(report, i, reason,
						    errno_of(reason), "%s",
						    message);
	}
	return spdm_chain_fail(report, reason, errno_of(reason),
			       "trust anchor: %s", message);
}

static int run_store_ctx(struct spdm_chain_report *report, X509_STORE *store,
			 STACK_OF(X509) *untrusted, time_t when)
{
	const struct spdm_cert_chain *chain = report->chain;
	X509 *leaf = chain->certs[chain->cert_count - 1];
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509_VERIFY_PARAM *param;
	int ret = 0;

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
		ret = report_failure(report, ctx);
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
	return ret;
}

int spdm_chain_check_path(struct spdm_chain_report *report, X509 *anchor,
			  time_t when)
{
	const struct spdm_cert_chain *chain = report->chain;
	STACK_OF(X509) *untrusted = sk_X509_new_null();
	X509_STORE *store = X509_STORE_new();
	int ret = 0;

	if (!untrusted || !store || X509_STORE_add_cert(store, anchor) != 1)
		ret = -ENOMEM;
	/* The stack borrows the certificates, so sk_X509_free() frees it. */
	for (size_t i = 0; ret == 0 && i + 1 < chain->cert_count; i++) {
		if (sk_X509_push(untrusted, chain->certs[i]) <= 0)
			ret = -ENOMEM;
	}

	if (ret == 0)
		ret = run_store_ctx(report, store, untrusted, when);
	else
		ret = spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR, ret,
				      "out of memory for path validation");
	sk_X509_free(untrusted);
	X509_STORE_free(store);
	ERR_clear_error();
	return ret;
}
