/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cryptography for SPDM through OpenSSL 3 libcrypto: hashes by BaseHashAlgo
 * bit, signatures by BaseAsymAlgo bit in the SPDM wire encodings (ECDSA as
 * raw big-endian r||s, RSA as the PKCS#1 octet string, EdDSA as RFC 8032),
 * and the SPDM 1.2 signing prefix (DSP0274 1.2 section 15).
 *
 * Functions return 0 or a negative errno: -EINVAL for an unknown algorithm
 * or bad argument, -EBADMSG for a signature that does not verify, -ENOMEM,
 * -EIO for any other OpenSSL failure.
 */
#ifndef SPDM_CRYPTO_H
#define SPDM_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

/* Streaming hash of a BaseHashAlgo. */
struct spdm_hash_ctx;
int spdm_hash_ctx_new(uint32_t base_hash_algo, struct spdm_hash_ctx **out);
int spdm_hash_update(struct spdm_hash_ctx *ctx, const void *data, size_t length);
/* Copies the context, so a running transcript hash can be read mid-way. */
int spdm_hash_ctx_dup(const struct spdm_hash_ctx *ctx,
		      struct spdm_hash_ctx **out);
int spdm_hash_final(struct spdm_hash_ctx *ctx, uint8_t *digest);
void spdm_hash_ctx_free(struct spdm_hash_ctx *ctx);

/* One-shot hash; digest must hold spdm_hash_size(base_hash_algo) bytes. */
int spdm_hash(uint32_t base_hash_algo, const void *data, size_t length,
	      uint8_t *digest);
/* Hash of a MeasurementHashAlgo bit (for measurement digests). */
int spdm_measurement_hash(uint32_t measurement_hash_algo, const void *data,
			  size_t length, uint8_t *digest);

/* Fills buf with cryptographically secure random bytes. */
int spdm_random_bytes(void *buf, size_t length);
/* Wipes a secret (nonce, key material) so the compiler cannot drop it. */
void spdm_wipe(void *buf, size_t length);

enum spdm_signing_context {
	SPDM_SIGN_CHALLENGE_AUTH,	/* "responder-challenge_auth signing" */
	SPDM_SIGN_MEASUREMENTS,		/* "responder-measurements signing" */
};

/*
 * Verifies an SPDM signature over a transcript.
 *
 * For version 0x10 and 0x11 the signed message is the transcript itself;
 * for 0x12 and later it is the 100-byte signing prefix for the version and
 * context followed by Hash(transcript). The public key must match
 * base_asym_algo (-EINVAL otherwise). Returns 0 when valid, -EBADMSG when
 * not, including a signature whose length is not the algorithm's
 * signature size. EdDSA exists only from version 0x12 on (-EINVAL before).
 */
int spdm_verify_signature(uint8_t version, uint32_t base_asym_algo,
			  uint32_t base_hash_algo,
			  enum spdm_signing_context context, EVP_PKEY *key,
			  const void *transcript, size_t transcript_length,
			  const uint8_t *signature, size_t signature_length);

/*
 * Signs like spdm_verify_signature verifies; for the responder emulator.
 * signature_length must be the algorithm's signature size (-EINVAL).
 */
int spdm_sign(uint8_t version, uint32_t base_asym_algo, uint32_t base_hash_algo,
	      enum spdm_signing_context context, EVP_PKEY *key,
	      const void *transcript, size_t transcript_length,
	      uint8_t *signature, size_t signature_length);

/* Size of the SPDM 1.2 signing prefix (DSP0274 1.2 section 15). */
#define SPDM_SIGNING_PREFIX_SIZE 100

/* Builds the 1.2 signing prefix (100 bytes) for a version and context. */
void spdm_build_signing_prefix(uint8_t version,
			       enum spdm_signing_context context,
			       uint8_t prefix[SPDM_SIGNING_PREFIX_SIZE]);
/* Returns the context string of a signing context, or NULL if unknown. */
const char *spdm_signing_context_string(enum spdm_signing_context context);

/* Returns true when key is of the type and size base_asym_algo names. */
bool spdm_key_matches_algo(EVP_PKEY *key, uint32_t base_asym_algo);
/* Returns the BaseAsymAlgo bits that can use key (RSA keys fit SSA and PSS). */
uint32_t spdm_key_algos(EVP_PKEY *key);

/*
 * Loads an unencrypted private key in PEM. Returns NULL and sets errno on
 * failure: the fopen() error, or EBADMSG when the file contains no such key.
 */
EVP_PKEY *spdm_load_private_key(const char *path);

#endif /* SPDM_CRYPTO_H */
