// SPDX-License-Identifier: BSD-3-Clause
/*
 * Checks of the leaf certificate of a responder's chain (DSP0274 1.2
 * section 10.6.1 and the DMTF OIDs under 1.3.6.1.4.1.412.274). The leaf
 * is X.509 v3 with digitalSignature and is not a CA. Its DMTF extended key
 * usages allow the responder role, it claims no hardware identity in the
 * AliasCert model, and its key fits the negotiated BaseAsymAlgo.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "algorithms.h"
#include "cert_internal.h"

/* DER contents of the arc 1.3.6.1.4.1.412.274 (DMTF SPDM OIDs). */
static const uint8_t dmtf_spdm_arc[] = { 0x2b, 0x06, 0x01, 0x04, 0x01,
					 0x83, 0x1c, 0x82, 0x12 };

enum dmtf_spdm_oid {
	DMTF_OID_NONE = 0,
	DMTF_OID_DEVICE_INFO = 1,
	DMTF_OID_HARDWARE_IDENTITY = 2,
	DMTF_OID_EKU_RESPONDER_AUTH = 3,
	DMTF_OID_EKU_REQUESTER_AUTH = 4,
	DMTF_OID_MUTABLE_CERTIFICATE = 5,
	DMTF_OID_SPDM_EXTENSION = 6,
};

/* Returns the last arc of an OID below 1.3.6.1.4.1.412.274, or 0. */
static enum dmtf_spdm_oid dmtf_oid_of(const ASN1_OBJECT *object)
{
	const unsigned char *data = OBJ_get0_data(object);
	size_t length = OBJ_length(object);

	if (!data || length != sizeof(dmtf_spdm_arc) + 1 ||
	    memcmp(data, dmtf_spdm_arc, sizeof(dmtf_spdm_arc)) != 0)
		return DMTF_OID_NONE;
	return (enum dmtf_spdm_oid)data[length - 1];
}

static int check_structure(struct spdm_chain_report *report, size_t leaf,
			   X509 *cert)
{
	uint32_t flags = X509_get_extension_flags(cert);

	if (X509_get_version(cert) != X509_VERSION_3)
		return spdm_chain_fail_cert(report, leaf,
					    SPDM_REASON_LEAF_INVALID,
					    -EKEYREJECTED, "not X.509 v3");
	if (flags & EXFLAG_INVALID)
		return spdm_chain_fail_cert(
			report, leaf, SPDM_REASON_LEAF_INVALID, -EKEYREJECTED,
			"an extension is malformed");
	if ((flags & EXFLAG_BCONS) && (flags & EXFLAG_CA))
		return spdm_chain_fail_cert(report, leaf,
					    SPDM_REASON_LEAF_INVALID,
					    -EKEYREJECTED,
					    "basicConstraints has cA TRUE");
	if ((flags & EXFLAG_KUSAGE) &&
	    !(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE))
		return spdm_chain_fail_cert(report, leaf,
					    SPDM_REASON_LEAF_INVALID,
					    -EKEYREJECTED,
					    "keyUsage lacks digitalSignature");
	return 0;
}

/*
 * A leaf whose extended key usages name the requester role but not the
 * responder role cannot authenticate a responder (DSP0274 1.2,
 * id-DMTF-eku-requester-auth and id-DMTF-eku-responder-auth).
 */
static int check_role(struct spdm_chain_report *report, size_t leaf,
		      X509 *cert)
{
	bool requester = false;
	bool responder = false;
	EXTENDED_KEY_USAGE *usages;
	int critical;

	/* NULL means absent, because check_structure() rejected a bad one. */
	usages = X509_get_ext_d2i(cert, NID_ext_key_usage, &critical, NULL);
	ERR_clear_error();
	if (!usages)
		return 0;

	for (int i = 0; i < sk_ASN1_OBJECT_num(usages); i++) {
		enum dmtf_spdm_oid oid =
			dmtf_oid_of(sk_ASN1_OBJECT_value(usages, i));

		requester |= oid == DMTF_OID_EKU_REQUESTER_AUTH;
		responder |= oid == DMTF_OID_EKU_RESPONDER_AUTH;
	}
	EXTENDED_KEY_USAGE_free(usages);

	if (requester && !responder)
		return spdm_chain_fail_cert(
			report, leaf, SPDM_REASON_LEAF_WRONG_ROLE,
			-EKEYREJECTED,
			"extendedKeyUsage allows the requester role only");
	return 0;
}

/* Returns the first OID of a SEQUENCE { OID, ... } element, or NONE. */
static enum dmtf_spdm_oid element_oid(const ASN1_TYPE *element, bool *valid)
{
	const unsigned char *cursor;
	STACK_OF(ASN1_TYPE) *fields;
	enum dmtf_spdm_oid oid = DMTF_OID_NONE;
	ASN1_TYPE *first;

	*valid = false;
	if (ASN1_TYPE_get(element) != V_ASN1_SEQUENCE)
		return oid;
	cursor = ASN1_STRING_get0_data(element->value.sequence);
	fields = d2i_ASN1_SEQUENCE_ANY(
		NULL, &cursor, ASN1_STRING_length(element->value.sequence));
	if (!fields)
		return oid;

	first = sk_ASN1_TYPE_value(fields, 0);
	if (first && ASN1_TYPE_get(first) == V_ASN1_OBJECT) {
		*valid = true;
		oid = dmtf_oid_of(first->value.object);
	}
	sk_ASN1_TYPE_pop_free(fields, ASN1_TYPE_free);
	return oid;
}

/*
 * Looks for id-DMTF-hardware-identity in the SPDM extension, whose value
 * is SEQUENCE OF SEQUENCE { OID, ... }. Returns 1 found, 0 not, -EBADMSG.
 */
static int find_hardware_identity(X509_EXTENSION *extension)
{
	const ASN1_OCTET_STRING *value = X509_EXTENSION_get_data(extension);
	const unsigned char *cursor = ASN1_STRING_get0_data(value);
	STACK_OF(ASN1_TYPE) *elements;
	bool valid = true;
	int found = 0;

	elements = d2i_ASN1_SEQUENCE_ANY(NULL, &cursor,
					 ASN1_STRING_length(value));
	if (!elements) {
		ERR_clear_error();
		return -EBADMSG;
	}
	for (int i = 0; valid && i < sk_ASN1_TYPE_num(elements); i++) {
		if (element_oid(sk_ASN1_TYPE_value(elements, i), &valid) ==
		    DMTF_OID_HARDWARE_IDENTITY)
			found = 1;
	}
	sk_ASN1_TYPE_pop_free(elements, ASN1_TYPE_free);
	ERR_clear_error();
	return valid ? found : -EBADMSG;
}

/*
 * In the AliasCert model the leaf is an alias certificate, which must not
 * claim the hardware identity of the DeviceCert (DSP0274 1.2).
 */
static int check_alias_model(struct spdm_chain_report *report, size_t leaf,
			     X509 *cert)
{
	for (int i = 0; i < X509_get_ext_count(cert); i++) {
		X509_EXTENSION *extension = X509_get_ext(cert, i);
		int found;

		if (dmtf_oid_of(X509_EXTENSION_get_object(extension)) !=
		    DMTF_OID_SPDM_EXTENSION)
			continue;
		found = find_hardware_identity(extension);
		if (found < 0)
			return spdm_chain_fail_cert(
				report, leaf, SPDM_REASON_LEAF_INVALID,
				-EKEYREJECTED,
				"SPDM extension is not a SEQUENCE OF OIDs");
		if (found)
			return spdm_chain_fail_cert(
				report, leaf, SPDM_REASON_LEAF_INVALID,
				-EKEYREJECTED,
				"alias certificate claims hardware identity");
	}
	return 0;
}

static void describe_key(EVP_PKEY *key, char *text, size_t size)
{
	const char *type = EVP_PKEY_get0_type_name(key);
	char group[64];

	if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					   group, sizeof(group), NULL) == 1)
		snprintf(text, size, "%s %s", type, group);
	else if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS"))
		snprintf(text, size, "%s-%d", type, EVP_PKEY_get_bits(key));
	else
		snprintf(text, size, "%s", type ? type : "of unknown type");
	ERR_clear_error();
}

static int check_key(struct spdm_chain_report *report, size_t leaf,
		     EVP_PKEY *key, uint32_t base_asym_algo)
{
	char text[96];

	if (!key)
		return spdm_chain_fail_cert(report, leaf,
					    SPDM_REASON_LEAF_INVALID,
					    -EKEYREJECTED,
					    "public key does not parse");
	if (spdm_key_matches_algo(key, base_asym_algo))
		return 0;
	describe_key(key, text, sizeof(text));
	return spdm_chain_fail_cert(report, leaf,
				    SPDM_REASON_LEAF_KEY_MISMATCH,
				    -EKEYREJECTED,
				    "key %s does not fit BaseAsymAlgo 0x%x",
				    text, base_asym_algo);
}

int spdm_chain_check_leaf(struct spdm_chain_report *report,
			  struct spdm_cert_chain *chain,
			  const struct spdm_chain_check *check)
{
	size_t leaf = chain->cert_count - 1;
	X509 *cert = chain->certs[leaf];
	int ret;

	ret = check_structure(report, leaf, cert);
	if (ret == 0)
		ret = check_role(report, leaf, cert);
	if (ret == 0 && check->alias_cert_model)
		ret = check_alias_model(report, leaf, cert);
	if (ret < 0)
		return ret;

	chain->leaf_key = X509_get_pubkey(cert);
	ERR_clear_error();
	return check_key(report, leaf, chain->leaf_key, check->base_asym_algo);
}
