// SPDX-License-Identifier: BSD-3-Clause
/*
 * A memo of one successful certificate chain validation, so that a device
 * that presents the same chain again is not parsed and verified again.
 *
 * Validation is a function of the slot object bytes, the trust anchors,
 * BaseHashAlgo, BaseAsymAlgo, the AliasCert model and the check time. The
 * check time matters only through the validity periods of the chain's
 * certificates and of the anchor used: path validation runs without CRLs
 * or any other input. So the memo is keyed by the exact bytes, the trust
 * store's serial and the settings, and it applies only while the check
 * time lies strictly inside every one of those validity periods.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "cert_internal.h"

struct spdm_chain_memo {
	bool valid;
	uint8_t *slot_object;
	size_t size;
	uint64_t trust_serial;
	uint32_t base_hash_algo;
	uint32_t base_asym_algo;
	bool alias_cert_model;
	/* The latest notBefore and the earliest notAfter of the chain. */
	time_t not_before;
	time_t not_after;
	EVP_PKEY *leaf_key;
	bool anchored;
	/* Validations served from the memo, counted across chains. */
	uint64_t hits;
};

int spdm_chain_memo_new(struct spdm_chain_memo **out)
{
	if (!out)
		return -EINVAL;
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : -ENOMEM;
}

static void forget(struct spdm_chain_memo *memo)
{
	uint64_t hits = memo->hits;

	free(memo->slot_object);
	EVP_PKEY_free(memo->leaf_key);
	memset(memo, 0, sizeof(*memo));
	memo->hits = hits;
}

uint64_t spdm_chain_memo_hits(const struct spdm_chain_memo *memo)
{
	return memo ? memo->hits : 0;
}

void spdm_chain_memo_free(struct spdm_chain_memo *memo)
{
	if (!memo)
		return;
	forget(memo);
	free(memo);
}

static bool matches(const struct spdm_chain_memo *memo,
		    const uint8_t *slot_object, size_t size,
		    const struct spdm_chain_check *check, time_t when)
{
	return memo->valid && size > 0 && memo->size == size &&
	       memo->trust_serial == spdm_trust_serial(check->trust) &&
	       memo->base_hash_algo == check->base_hash_algo &&
	       memo->base_asym_algo == check->base_asym_algo &&
	       memo->alias_cert_model == check->alias_cert_model &&
	       memo->not_before < when && when < memo->not_after &&
	       memcmp(memo->slot_object, slot_object, size) == 0;
}

static bool asn1_seconds(const ASN1_TIME *time, time_t *seconds)
{
	struct tm tm;

	if (!time || ASN1_TIME_to_tm(time, &tm) != 1) {
		ERR_clear_error();
		return false;
	}
	*seconds = timegm(&tm);
	return true;
}

/* Narrows the memo's validity window to the validity of cert. */
static bool narrow_window(struct spdm_chain_memo *memo, X509 *cert)
{
	time_t not_before;
	time_t not_after;

	if (!asn1_seconds(X509_get0_notBefore(cert), &not_before) ||
	    !asn1_seconds(X509_get0_notAfter(cert), &not_after))
		return false;
	if (not_before > memo->not_before)
		memo->not_before = not_before;
	if (not_after < memo->not_after)
		memo->not_after = not_after;
	return true;
}

static bool set_window(struct spdm_chain_memo *memo,
		       const struct spdm_cert_chain *chain, X509 *anchor)
{
	memo->not_before = (time_t)INT64_MIN;
	memo->not_after = (time_t)INT64_MAX;
	for (size_t i = 0; i < chain->cert_count; i++)
		if (!narrow_window(memo, chain->certs[i]))
			return false;
	return !anchor || narrow_window(memo, anchor);
}

static void remember(struct spdm_chain_memo *memo,
		     const struct spdm_cert_chain *chain,
		     const uint8_t *slot_object, size_t size,
		     const struct spdm_chain_check *check, X509 *anchor)
{
	forget(memo);
	if (!set_window(memo, chain, anchor))
		return;
	memo->slot_object = malloc(size);
	if (!memo->slot_object || EVP_PKEY_up_ref(chain->leaf_key) != 1) {
		forget(memo);
		return;
	}
	memcpy(memo->slot_object, slot_object, size);
	memo->size = size;
	memo->trust_serial = spdm_trust_serial(check->trust);
	memo->base_hash_algo = check->base_hash_algo;
	memo->base_asym_algo = check->base_asym_algo;
	memo->alias_cert_model = check->alias_cert_model;
	memo->leaf_key = chain->leaf_key;
	memo->anchored = chain->anchored;
	memo->valid = true;
}

static int recall(struct spdm_chain_memo *memo,
		  struct spdm_cert_chain *chain, enum spdm_reason *reason,
		  char *detail, size_t detail_size)
{
	memset(chain, 0, sizeof(*chain));
	if (EVP_PKEY_up_ref(memo->leaf_key) != 1)
		return -ENOMEM;
	chain->leaf_key = memo->leaf_key;
	chain->anchored = memo->anchored;
	memo->hits++;
	*reason = SPDM_REASON_NONE;
	if (detail && detail_size)
		detail[0] = '\0';
	return 0;
}

int spdm_cert_chain_validate_memo(struct spdm_chain_memo *memo,
				  struct spdm_cert_chain *chain,
				  const uint8_t *slot_object, size_t size,
				  const struct spdm_chain_check *check,
				  enum spdm_reason *reason, char *detail,
				  size_t detail_size)
{
	time_t when;
	X509 *anchor = NULL;
	int ret;

	if (!memo || !chain || !check || !reason || (!slot_object && size))
		return spdm_cert_chain_validate(chain, slot_object, size,
						check, reason, detail,
						detail_size);
	when = check->check_time ? check->check_time : time(NULL);
	if (matches(memo, slot_object, size, check, when) &&
	    recall(memo, chain, reason, detail, detail_size) == 0)
		return 0;

	ret = spdm_chain_validate_with_anchor(chain, slot_object, size, check,
					      reason, detail, detail_size,
					      &anchor);
	/* A chain that reaches no anchor is checked afresh every time. */
	if (ret == 0 && size > 0 && (chain->anchored || !check->trust))
		remember(memo, chain, slot_object, size, check, anchor);
	return ret;
}
