// SPDX-License-Identifier: BSD-3-Clause
/*
 * SPDM certificate chain slot objects (DSP0274 1.2 section 10.6.1):
 * Length (2 bytes), Reserved (2), RootHash (H), then DER X.509
 * certificates, root first and leaf last.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "algorithms.h"
#include "cert_internal.h"

/* A first certificate that is a trust anchor, byte for byte, or NULL. */
static X509 *first_as_anchor(struct spdm_chain_report *report,
			     const uint8_t *der, size_t der_size)
{
	const struct spdm_anchor *anchor;

	if (!report->trust)
		return NULL;
	anchor = spdm_trust_find_der(report->trust, der, der_size);
	if (!anchor || X509_up_ref(anchor->cert) != 1)
		return NULL;
	report->first_anchor = anchor;
	return anchor->cert;
}

static int parse_certificate(struct spdm_chain_report *report,
			     struct spdm_cert_chain *chain,
			     const uint8_t *slot_object, const uint8_t *der,
			     size_t der_size)
{
	size_t index = chain->cert_count;
	const uint8_t *cursor = der + der_size;
	X509 *cert = NULL;

	if (index == 0)
		cert = first_as_anchor(report, der, der_size);
	if (!cert) {
		cursor = der;
		cert = d2i_X509(NULL, &cursor, (long)der_size);
		ERR_clear_error();
	}
	if (!cert || cursor != der + der_size) {
		X509_free(cert);
		return spdm_chain_fail(report, SPDM_REASON_CHAIN_MALFORMED,
				       -EBADMSG,
				       "certificate %zu at offset %zu is not "
				       "X.509 DER",
				       index + 1, (size_t)(der - slot_object));
	}
	chain->certs[index] = cert;
	chain->der_offset[index] = (size_t)(der - slot_object);
	chain->der_size[index] = der_size;
	chain->cert_count++;
	return 0;
}

/* Splits the certificates by walking their outer SEQUENCE lengths. */
static int split_certificates(struct spdm_chain_report *report,
			      struct spdm_cert_chain *chain,
			      const uint8_t *slot_object,
			      struct spdm_reader *r)
{
	const uint8_t *der;
	size_t der_size;
	int ret;

	while (spdm_reader_remaining(r) > 0) {
		if (chain->cert_count == SPDM_MAX_CHAIN_CERTS)
			return spdm_chain_fail(
				report, SPDM_REASON_CHAIN_MALFORMED, -EBADMSG,
				"more than %d certificates",
				SPDM_MAX_CHAIN_CERTS);
		if (spdm_der_read_sequence(r, &der, &der_size) < 0)
			return spdm_chain_fail(
				report, SPDM_REASON_CHAIN_MALFORMED, -EBADMSG,
				"certificate %zu at offset %zu has no valid "
				"DER SEQUENCE header or runs past the end",
				chain->cert_count + 1, r->offset);
		ret = parse_certificate(report, chain, slot_object, der,
					der_size);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int parse_slot_object(struct spdm_chain_report *report,
			     struct spdm_cert_chain *chain,
			     const uint8_t *slot_object, size_t size,
			     size_t hash_size, const uint8_t **root_hash)
{
	struct spdm_reader r;
	uint16_t length;
	uint16_t reserved;

	spdm_reader_init(&r, slot_object, size);
	length = spdm_read_u16(&r);
	reserved = spdm_read_u16(&r);
	*root_hash = spdm_read_span(&r, hash_size);

	if (size <= SPDM_CERT_CHAIN_HEADER_SIZE + hash_size)
		return spdm_chain_fail(report, SPDM_REASON_CHAIN_MALFORMED,
				       -EBADMSG,
				       "slot object of %zu bytes has no room "
				       "for certificates after a %zu-byte "
				       "RootHash",
				       size, hash_size);
	if (length != size)
		return spdm_chain_fail(report, SPDM_REASON_CHAIN_MALFORMED,
				       -EBADMSG,
				       "slot object Length field is %u but "
				       "%zu bytes were received",
				       length, size);
	if (reserved != 0)
		return spdm_chain_fail(report, SPDM_REASON_CHAIN_MALFORMED,
				       -EPROTO,
				       "slot object Reserved field is 0x%04x",
				       reserved);
	return split_certificates(report, chain, slot_object, &r);
}

/*
 * A self-issued first certificate is the root, so RootHash must be its
 * hash (DSP0274 1.2 section 10.6.1).
 */
static int check_root_hash(struct spdm_chain_report *report,
			   const struct spdm_cert_chain *chain,
			   const uint8_t *slot_object, uint32_t base_hash_algo,
			   const uint8_t *root_hash)
{
	uint8_t digest[SPDM_MAX_HASH_SIZE];
	int ret;

	if (!spdm_cert_is_self_issued(chain->certs[0]))
		return 0;
	ret = spdm_hash(base_hash_algo, slot_object + chain->der_offset[0],
			chain->der_size[0], digest);
	if (ret < 0)
		return spdm_chain_fail(report, SPDM_REASON_INTERNAL_ERROR, ret,
				       "cannot hash the root certificate");
	if (memcmp(digest, root_hash, spdm_hash_algo_size(base_hash_algo)))
		return spdm_chain_fail_cert(
			report, 0, SPDM_REASON_ROOT_HASH_MISMATCH, -EBADMSG,
			"RootHash is not the hash of this root certificate");
	return 0;
}

static int check_arguments(struct spdm_chain_report *report,
			   const struct spdm_chain_check *check)
{
	if (!spdm_hash_algo_size(check->base_hash_algo))
		return spdm_chain_fail(report,
				       SPDM_REASON_UNSUPPORTED_ALGORITHM,
				       -EINVAL, "BaseHashAlgo 0x%x",
				       check->base_hash_algo);
	if (!spdm_asym_algo_info(check->base_asym_algo))
		return spdm_chain_fail(report,
				       SPDM_REASON_UNSUPPORTED_ALGORITHM,
				       -EINVAL, "BaseAsymAlgo 0x%x",
				       check->base_asym_algo);
	return 0;
}

/* Without an anchor, the first certificate serves as the anchor. */
static int check_integrity(struct spdm_chain_report *report, time_t when)
{
	int ret = spdm_chain_check_times(report, when);

	if (ret == 0)
		ret = spdm_chain_check_path(report, NULL, when);
	return ret;
}

/* The failure to reach an anchor, reported once integrity is known. */
struct anchor_failure {
	int error;
	enum spdm_reason reason;
	char detail[256];
};

static void save_failure(const struct spdm_chain_report *report, int error,
			 struct anchor_failure *failure)
{
	failure->error = error;
	failure->reason = *report->reason;
	snprintf(failure->detail, sizeof(failure->detail), "%s",
		 report->detail ? report->detail : "");
}

/*
 * Validates the path from the trust anchor. Returns 1 when the chain is
 * anchored, 0 when it is sound but reaches no anchor (failure stores the
 * reason), or the integrity failure.
 */
static int validate_anchored(struct spdm_chain_report *report,
			     const struct spdm_chain_check *check,
			     const uint8_t *root_hash, time_t when,
			     struct anchor_failure *failure)
{
	const struct spdm_anchor *anchor = NULL;
	int ret;

	ret = spdm_chain_find_anchor(report, check, &anchor);
	if (ret == 0) {
		ret = spdm_chain_check_times(report, when);
		if (ret < 0)
			return ret;
		ret = spdm_chain_check_path(report, anchor, when);
		/* The path from the first certificate is the same path. */
		if (ret < 0 && anchor == report->first_anchor)
			return ret;
	}
	if (ret == 0)
		ret = spdm_chain_check_anchor_root_hash(report, check,
							root_hash, anchor);
	if (ret == 0) {
		report->anchor_used = anchor;
		return 1;
	}

	save_failure(report, ret, failure);
	ret = check_integrity(report, when);
	return ret < 0 ? ret : 0;
}

static int validate_path(struct spdm_chain_report *report,
			 struct spdm_cert_chain *chain,
			 const struct spdm_chain_check *check,
			 const uint8_t *root_hash,
			 struct anchor_failure *failure)
{
	time_t when = check->check_time ? check->check_time : time(NULL);
	int ret;

	if (!check->trust)
		return check_integrity(report, when);
	ret = validate_anchored(report, check, root_hash, when, failure);
	if (ret < 0)
		return ret;
	chain->anchored = ret == 1;
	return 0;
}

/* Reports why a sound chain reaches no anchor, as allowed or as failure. */
static int report_unanchored(struct spdm_chain_report *report,
			     const struct spdm_chain_check *check,
			     const struct anchor_failure *failure)
{
	int ret = spdm_chain_fail(report, failure->reason, failure->error,
				  "%s", failure->detail);

	return check->allow_unanchored ? 0 : ret;
}

int spdm_chain_validate_with_anchor(struct spdm_cert_chain *chain,
				    const uint8_t *slot_object, size_t size,
				    const struct spdm_chain_check *check,
				    enum spdm_reason *reason, char *detail,
				    size_t detail_size, X509 **anchor)
{
	struct spdm_chain_report report = {
		.chain = chain,
		.reason = reason,
		.detail = detail,
		.detail_size = detail_size,
	};
	/* Filled by validate_path() whenever the chain is not anchored. */
	struct anchor_failure failure = { 0 };
	const uint8_t *root_hash;
	int ret;

	if (!chain || !check || !reason || (!slot_object && size))
		return -EINVAL;
	memset(chain, 0, sizeof(*chain));
	*reason = SPDM_REASON_NONE;
	if (detail && detail_size)
		detail[0] = '\0';
	report.trust = check->trust;

	ret = check_arguments(&report, check);
	if (ret == 0)
		ret = parse_slot_object(&report, chain, slot_object, size,
					spdm_hash_algo_size(
						check->base_hash_algo),
					&root_hash);
	if (ret == 0)
		ret = check_root_hash(&report, chain, slot_object,
				      check->base_hash_algo, root_hash);
	if (ret == 0)
		ret = spdm_chain_check_links(&report);
	if (ret == 0)
		ret = validate_path(&report, chain, check, root_hash, &failure);
	if (ret == 0)
		ret = spdm_chain_check_leaf(&report, chain, check);
	if (ret == 0 && check->trust && !chain->anchored)
		ret = report_unanchored(&report, check, &failure);
	if (anchor)
		*anchor = ret == 0 && report.anchor_used
				  ? report.anchor_used->cert
				  : NULL;
	return ret;
}

int spdm_cert_chain_validate(struct spdm_cert_chain *chain,
			     const uint8_t *slot_object, size_t size,
			     const struct spdm_chain_check *check,
			     enum spdm_reason *reason, char *detail,
			     size_t detail_size)
{
	return spdm_chain_validate_with_anchor(chain, slot_object, size, check,
					       reason, detail, detail_size,
					       NULL);
}

void spdm_cert_chain_clear(struct spdm_cert_chain *chain)
{
	if (!chain)
		return;
	for (size_t i = 0; i < chain->cert_count; i++)
		X509_free(chain->certs[i]);
	EVP_PKEY_free(chain->leaf_key);
	memset(chain, 0, sizeof(*chain));
}

int spdm_cert_chain_build(uint32_t base_hash_algo, const uint8_t *der,
			  size_t der_size, uint8_t **slot_object, size_t *size)
{
	size_t hash_size = spdm_hash_algo_size(base_hash_algo);
	const uint8_t *first;
	size_t first_size;
	struct spdm_reader r;
	struct spdm_writer w;
	size_t total;
	uint8_t *buffer;
	int ret;

	if (!hash_size || !der || der_size == 0 || !slot_object || !size)
		return -EINVAL;
	spdm_reader_init(&r, der, der_size);
	if (spdm_der_read_sequence(&r, &first, &first_size) < 0)
		return -EBADMSG;
	if (der_size > SPDM_MAX_CERT_CHAIN_SIZE ||
	    SPDM_CERT_CHAIN_HEADER_SIZE + hash_size + der_size >
		    SPDM_MAX_CERT_CHAIN_SIZE)
		return -E2BIG;
	total = SPDM_CERT_CHAIN_HEADER_SIZE + hash_size + der_size;

	buffer = malloc(total);
	if (!buffer)
		return -ENOMEM;
	spdm_writer_init(&w, buffer, total);
	spdm_write_u16(&w, (uint16_t)total);
	spdm_write_u16(&w, 0);
	ret = spdm_hash(base_hash_algo, first, first_size,
			spdm_write_reserve(&w, hash_size));
	spdm_write_bytes(&w, der, der_size);
	if (ret == 0)
		ret = spdm_writer_finish(&w, &total);
	if (ret < 0) {
		free(buffer);
		return ret;
	}
	*slot_object = buffer;
	*size = total;
	return 0;
}
