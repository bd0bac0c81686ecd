// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <spdm/cert_chain.h>
#include <spdm/messages.h>
#include <spdm/wire.h>

#include "cert_info.h"

struct usage_name {
	uint32_t bit;
	const char *name;
};

/* X.509 key usage bits and the Redfish KeyUsage names for them. */
static const struct usage_name key_usages[] = {
    {KU_DIGITAL_SIGNATURE, "DigitalSignature"},
    {KU_NON_REPUDIATION, "NonRepudiation"},
    {KU_KEY_ENCIPHERMENT, "KeyEncipherment"},
    {KU_DATA_ENCIPHERMENT, "DataEncipherment"},
    {KU_KEY_AGREEMENT, "KeyAgreement"},
    {KU_KEY_CERT_SIGN, "KeyCertSign"},
    {KU_CRL_SIGN, "CRLSigning"},
    {KU_ENCIPHER_ONLY, "EncipherOnly"},
    {KU_DECIPHER_ONLY, "DecipherOnly"},
};

static const struct usage_name extended_usages[] = {
    {XKU_SSL_SERVER, "ServerAuthentication"},
    {XKU_SSL_CLIENT, "ClientAuthentication"},
    {XKU_CODE_SIGN, "CodeSigning"},
    {XKU_SMIME, "EmailProtection"},
    {XKU_TIMESTAMP, "Timestamping"},
    {XKU_OCSP_SIGN, "OCSPSigning"},
};

static void add_usages(struct cert_info *info, uint32_t bits,
		       const struct usage_name *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if ((bits & names[i].bit) &&
		    info->key_usage_count < CERT_INFO_MAX_USAGES)
			info->key_usage[info->key_usage_count++] =
			    names[i].name;
	info->key_usage[info->key_usage_count] = NULL;
}

static uint64_t asn1_time_seconds(const ASN1_TIME *time)
{
	struct tm tm;
	time_t seconds;

	if (!time || !ASN1_TIME_to_tm(time, &tm))
		return 0;
	seconds = timegm(&tm);
	/* The property is unsigned: a date before 1970 is published as 0. */
	return seconds < 0 ? 0 : (uint64_t)seconds;
}

static char *bio_to_string(BIO *bio)
{
	char *data, *text;
	long length = BIO_get_mem_data(bio, &data);

	if (length < 0)
		return NULL;
	text = malloc((size_t)length + 1);
	if (!text)
		return NULL;
	memcpy(text, data, (size_t)length);
	text[length] = '\0';
	return text;
}

static char *name_string(const X509_NAME *name)
{
	char text[CERT_INFO_NAME_SIZE];

	spdm_x509_name_string(name, text, sizeof(text));
	return strdup(text);
}

static int describe_leaf(X509 *leaf, struct cert_info *info)
{
	EVP_PKEY *key = X509_get0_pubkey(leaf);
	uint32_t usage = X509_get_key_usage(leaf);
	BIO *bio;

	info->subject = name_string(X509_get_subject_name(leaf));
	info->issuer = name_string(X509_get_issuer_name(leaf));
	if (!info->subject || !info->issuer)
		return -ENOMEM;
	/* UINT32_MAX: the extension is absent, so every usage is allowed. */
	if (usage != UINT32_MAX)
		add_usages(info, usage, key_usages,
			   sizeof(key_usages) / sizeof(key_usages[0]));
	if (X509_get_extension_flags(leaf) & EXFLAG_XKUSAGE)
		add_usages(
		    info, X509_get_extended_key_usage(leaf), extended_usages,
		    sizeof(extended_usages) / sizeof(extended_usages[0]));
	info->not_before = asn1_time_seconds(X509_get0_notBefore(leaf));
	info->not_after = asn1_time_seconds(X509_get0_notAfter(leaf));

	bio = BIO_new(BIO_s_mem());
	if (!bio)
		return -ENOMEM;
	if (key && PEM_write_bio_PUBKEY(bio, key))
		info->public_key_pem = bio_to_string(bio);
	BIO_free(bio);
	return info->public_key_pem ? 0 : -ENOMEM;
}

/*
 * Parses the DER certificates that start at offset of the slot object;
 * certs[0] is the root, the last the leaf. Records where each lies.
 */
static int parse_certificates(const uint8_t *slot_object, size_t offset,
			      size_t size, X509 **certs, struct cert_info *info)
{
	const uint8_t *der = slot_object + offset;

	info->cert_count = 0;
	while (offset < size) {
		const uint8_t *cursor = der;
		X509 *cert;

		/* A slot object has at most 0xffff bytes (16-bit Length). */
		if (info->cert_count == SPDM_MAX_CHAIN_CERTS ||
		    size > UINT16_MAX)
			return -EBADMSG;
		cert = d2i_X509(NULL, &cursor, (long)(size - offset));
		if (!cert) {
			ERR_clear_error();
			return -EBADMSG;
		}
		certs[info->cert_count] = cert;
		info->der_offset[info->cert_count] = (uint16_t)offset;
		info->der_size[info->cert_count] = (uint16_t)(cursor - der);
		info->cert_count++;
		offset += (size_t)(cursor - der);
		der = cursor;
	}
	return info->cert_count ? 0 : -EBADMSG;
}

char *cert_info_pem_chain(const struct cert_info *info,
			  const uint8_t *slot_object)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *text = NULL;
	size_t i;

	if (!bio)
		return NULL;
	/* PEM of the DER as it is: the certificates need no parsing. */
	for (i = info->cert_count; i-- > 0;) {
		if (!PEM_write_bio(bio, PEM_STRING_X509, "",
				   slot_object + info->der_offset[i],
				   info->der_size[i]))
			break;
	}
	if (i == (size_t)-1)
		text = bio_to_string(bio);
	BIO_free(bio);
	ERR_clear_error();
	return text;
}

int cert_info_from_slot_object(const uint8_t *slot_object, size_t size,
			       uint32_t base_hash_algo, struct cert_info *info)
{
	size_t skip =
	    SPDM_CERT_CHAIN_HEADER_SIZE + spdm_hash_size(base_hash_algo);
	X509 *certs[SPDM_MAX_CHAIN_CERTS] = { 0 };
	int ret;

	memset(info, 0, sizeof(*info));
	if (!slot_object || size <= skip || spdm_hash_size(base_hash_algo) == 0)
		return -EBADMSG;
	ret = parse_certificates(slot_object, skip, size, certs, info);
	if (ret == 0)
		ret = describe_leaf(certs[info->cert_count - 1], info);
	for (size_t i = 0; i < info->cert_count; i++)
		X509_free(certs[i]);
	if (ret < 0)
		cert_info_clear(info);
	return ret;
}

void cert_info_clear(struct cert_info *info)
{
	free(info->public_key_pem);
	free(info->subject);
	free(info->issuer);
	memset(info, 0, sizeof(*info));
}
