// SPDX-License-Identifier: BSD-3-Clause
/*
 * SPDM signatures (DSP0274 1.2 section 15). Versions 1.0 and 1.1 sign the
 * transcript itself. Version 1.2 and later sign M = the 100-byte signing
 * prefix || Hash(transcript). RSA and ECDSA hash the message again with
 * BaseHashAlgo, and EdDSA signs it as it is (pure EdDSA, RFC 8032).
 *
 * NOTE: Ed448 signs with an empty context. libspdm means to pass the
 * signing context string, but OpenSSL 3.0 ignores that parameter for
 * Ed448, so libspdm builds on OpenSSL 3.0 use an empty context too.
 */
#include <errno.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/rsa.h>

#include <spdm/crypto.h>
#include <spdm/wire.h>

#include "algorithms.h"
#include "ecdsa.h"

/* The bytes the asymmetric algorithm is applied to. */
struct signed_message {
	const uint8_t *data;
	size_t size;
	uint8_t combined[SPDM_SIGNING_PREFIX_SIZE + SPDM_MAX_HASH_SIZE];
};

static int check_arguments(uint8_t version, const struct spdm_asym_info *info,
			   uint32_t base_hash_algo,
			   enum spdm_signing_context context, EVP_PKEY *key,
			   const void *transcript, size_t transcript_length)
{
	if (!info || !spdm_hash_algo_md_name(base_hash_algo))
		return -EINVAL;
	/* The prefix has one digit each for major and minor version. */
	if (version >> 4 != 1 || (version & 0x0f) > 9)
		return -EINVAL;
	if (version < info->min_version)
		return -EINVAL;
	if (!spdm_signing_context_string(context))
		return -EINVAL;
	if (!spdm_key_matches_algo(key, info->algo))
		return -EINVAL;
	if (!transcript && transcript_length)
		return -EINVAL;
	return 0;
}

static int build_signed_message(uint8_t version, uint32_t base_hash_algo,
				enum spdm_signing_context context,
				const void *transcript,
				size_t transcript_length,
				struct signed_message *message)
{
	int ret;

	if (version < SPDM_VERSION_12) {
		message->data = transcript;
		message->size = transcript_length;
		return 0;
	}

	spdm_build_signing_prefix(version, context, message->combined);
	ret = spdm_hash(base_hash_algo, transcript, transcript_length,
			message->combined + SPDM_SIGNING_PREFIX_SIZE);
	if (ret < 0)
		return ret;
	message->data = message->combined;
	message->size = SPDM_SIGNING_PREFIX_SIZE +
			spdm_hash_algo_size(base_hash_algo);
	return 0;
}

/* RSASSA-PSS uses MGF1 with the same hash and a salt as long as the hash. */
static int set_rsa_padding(EVP_PKEY_CTX *pkey_ctx,
			   const struct spdm_asym_info *info,
			   const char *md_name)
{
	if (info->family == SPDM_ASYM_FAMILY_RSASSA)
		return EVP_PKEY_CTX_set_rsa_padding(pkey_ctx,
						    RSA_PKCS1_PADDING) == 1;
	if (info->family != SPDM_ASYM_FAMILY_RSAPSS)
		return 1;
	return EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PSS_PADDING) ==
		       1 &&
	       EVP_PKEY_CTX_set_rsa_mgf1_md_name(pkey_ctx, md_name, NULL) ==
		       1 &&
	       EVP_PKEY_CTX_set_rsa_pss_saltlen(pkey_ctx,
						RSA_PSS_SALTLEN_DIGEST) == 1;
}

static EVP_MD_CTX *new_digest_ctx(bool sign, const struct spdm_asym_info *info,
				  uint32_t base_hash_algo, EVP_PKEY *key)
{
	const char *md_name = spdm_hash_algo_md_name(base_hash_algo);
	/* Pure EdDSA takes no digest. */
	const char *init_md =
		info->family == SPDM_ASYM_FAMILY_EDDSA ? NULL : md_name;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pkey_ctx = NULL;
	int ok;

	if (!ctx)
		return NULL;
	if (sign)
		ok = EVP_DigestSignInit_ex(ctx, &pkey_ctx, init_md, NULL, NULL,
					   key, NULL);
	else
		ok = EVP_DigestVerifyInit_ex(ctx, &pkey_ctx, init_md, NULL,
					     NULL, key, NULL);
	if (ok != 1 || !set_rsa_padding(pkey_ctx, info, md_name)) {
		EVP_MD_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static int verify_message(const struct spdm_asym_info *info,
			  uint32_t base_hash_algo, EVP_PKEY *key,
			  const struct signed_message *message,
			  const uint8_t *signature, size_t signature_length)
{
	uint8_t der[SPDM_ECDSA_DER_MAX_SIZE];
	EVP_MD_CTX *ctx;
	int ret;

	if (info->family == SPDM_ASYM_FAMILY_ECDSA) {
		ret = spdm_ecdsa_raw_to_der(signature, signature_length, der,
					    &signature_length);
		if (ret < 0)
			return ret;
		signature = der;
	}

	ctx = new_digest_ctx(false, info, base_hash_algo, key);
	if (!ctx) {
		ERR_clear_error();
		return -EIO;
	}
	if (EVP_DigestVerify(ctx, signature, signature_length, message->data,
			     message->size) == 1)
		ret = 0;
	else
		ret = -EBADMSG;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ret;
}

int spdm_verify_signature(uint8_t version, uint32_t base_asym_algo,
			  uint32_t base_hash_algo,
			  enum spdm_signing_context context, EVP_PKEY *key,
			  const void *transcript, size_t transcript_length,
			  const uint8_t *signature, size_t signature_length)
{
	const struct spdm_asym_info *info = spdm_asym_algo_info(base_asym_algo);
	struct signed_message message;
	int ret;

	ret = check_arguments(version, info, base_hash_algo, context, key,
			      transcript, transcript_length);
	if (ret < 0)
		return ret;
	if (!signature)
		return -EINVAL;
	if (signature_length != info->signature_size)
		return -EBADMSG;

	ret = build_signed_message(version, base_hash_algo, context,
				   transcript, transcript_length, &message);
	if (ret < 0)
		return ret;
	return verify_message(info, base_hash_algo, key, &message, signature,
			      signature_length);
}

static int sign_message(const struct spdm_asym_info *info,
			uint32_t base_hash_algo, EVP_PKEY *key,
			const struct signed_message *message,
			uint8_t *signature)
{
	uint8_t der[SPDM_ECDSA_DER_MAX_SIZE];
	bool ecdsa = info->family == SPDM_ASYM_FAMILY_ECDSA;
	uint8_t *out = ecdsa ? der : signature;
	size_t out_size = ecdsa ? sizeof(der) : info->signature_size;
	EVP_MD_CTX *ctx;
	int ret = 0;

	ctx = new_digest_ctx(true, info, base_hash_algo, key);
	if (!ctx) {
		ERR_clear_error();
		return -EIO;
	}
	if (EVP_DigestSign(ctx, out, &out_size, message->data,
			   message->size) != 1)
		ret = -EIO;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	if (ret < 0)
		return ret;

	if (!ecdsa) {
		/* RSA and EdDSA signatures have exactly the wire size. */
		return out_size == info->signature_size ? 0 : -EIO;
	}
	ret = spdm_ecdsa_der_to_raw(der, out_size, signature,
				    info->signature_size);
	return ret < 0 ? -EIO : 0;
}

int spdm_sign(uint8_t version, uint32_t base_asym_algo, uint32_t base_hash_algo,
	      enum spdm_signing_context context, EVP_PKEY *key,
	      const void *transcript, size_t transcript_length,
	      uint8_t *signature, size_t signature_length)
{
	const struct spdm_asym_info *info = spdm_asym_algo_info(base_asym_algo);
	struct signed_message message;
	int ret;

	ret = check_arguments(version, info, base_hash_algo, context, key,
			      transcript, transcript_length);
	if (ret < 0)
		return ret;
	if (!signature || signature_length != info->signature_size)
		return -EINVAL;

	ret = build_signed_message(version, base_hash_algo, context,
				   transcript, transcript_length, &message);
	if (ret < 0)
		return ret;
	return sign_message(info, base_hash_algo, key, &message, signature);
}
