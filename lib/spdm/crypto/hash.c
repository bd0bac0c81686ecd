// SPDX-License-Identifier: BSD-3-Clause
/* Hashes by BaseHashAlgo and MeasurementHashAlgo bit, through EVP. */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include <spdm/crypto.h>

#include "algorithms.h"

struct spdm_hash_ctx {
	EVP_MD_CTX *md_ctx;
};

/*
 * Digests fetched once and kept for the life of the process, so hashing
 * does not look the algorithm up in the provider store every time.
 */
static struct {
	const char *name;
	_Atomic(EVP_MD *) md;
} fetched_mds[] = {
	{ "SHA2-256", NULL }, { "SHA2-384", NULL }, { "SHA2-512", NULL },
	{ "SHA3-256", NULL }, { "SHA3-384", NULL }, { "SHA3-512", NULL },
	{ "SM3", NULL },
};

/* Returns the digest named md_name, fetched once; NULL when unknown. */
static EVP_MD *fetch_md(const char *md_name)
{
	size_t count = sizeof(fetched_mds) / sizeof(fetched_mds[0]);
	EVP_MD *expected = NULL;
	EVP_MD *md;

	for (size_t i = 0; i < count; i++) {
		if (strcmp(fetched_mds[i].name, md_name) != 0)
			continue;
		md = atomic_load(&fetched_mds[i].md);
		if (md)
			return md;
		md = EVP_MD_fetch(NULL, md_name, NULL);
		if (!md)
			return NULL;
		/* Another thread may have fetched it meanwhile. */
		if (!atomic_compare_exchange_strong(&fetched_mds[i].md,
						    &expected, md)) {
			EVP_MD_free(md);
			md = expected;
		}
		return md;
	}
	return NULL;
}

static int hash_ctx_new_by_name(const char *md_name,
				struct spdm_hash_ctx **out)
{
	struct spdm_hash_ctx *ctx;
	EVP_MD *md;
	int ret = -EIO;

	md = fetch_md(md_name);
	if (!md) {
		/* Known to SPDM but missing from this OpenSSL build. */
		ERR_clear_error();
		return -EINVAL;
	}

	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->md_ctx = EVP_MD_CTX_new();
	if (ctx->md_ctx && EVP_DigestInit_ex2(ctx->md_ctx, md, NULL) == 1)
		ret = 0;

	if (ret < 0) {
		ERR_clear_error();
		spdm_hash_ctx_free(ctx);
		return ret;
	}
	*out = ctx;
	return 0;
}

int spdm_hash_ctx_new(uint32_t base_hash_algo, struct spdm_hash_ctx **out)
{
	const char *md_name = spdm_hash_algo_md_name(base_hash_algo);

	if (!md_name || !out)
		return -EINVAL;
	return hash_ctx_new_by_name(md_name, out);
}

int spdm_hash_update(struct spdm_hash_ctx *ctx, const void *data, size_t length)
{
	if (!ctx || (!data && length))
		return -EINVAL;
	if (EVP_DigestUpdate(ctx->md_ctx, data, length) != 1) {
		ERR_clear_error();
		return -EIO;
	}
	return 0;
}

int spdm_hash_ctx_dup(const struct spdm_hash_ctx *ctx,
		      struct spdm_hash_ctx **out)
{
	struct spdm_hash_ctx *copy;

	if (!ctx || !out)
		return -EINVAL;
	copy = calloc(1, sizeof(*copy));
	if (!copy)
		return -ENOMEM;
	copy->md_ctx = EVP_MD_CTX_new();
	if (!copy->md_ctx ||
	    EVP_MD_CTX_copy_ex(copy->md_ctx, ctx->md_ctx) != 1) {
		ERR_clear_error();
		spdm_hash_ctx_free(copy);
		return -ENOMEM;
	}
	*out = copy;
	return 0;
}

int spdm_hash_final(struct spdm_hash_ctx *ctx, uint8_t *digest)
{
	if (!ctx || !digest)
		return -EINVAL;
	if (EVP_DigestFinal_ex(ctx->md_ctx, digest, NULL) != 1) {
		ERR_clear_error();
		return -EIO;
	}
	return 0;
}

void spdm_hash_ctx_free(struct spdm_hash_ctx *ctx)
{
	if (!ctx)
		return;
	EVP_MD_CTX_free(ctx->md_ctx);
	free(ctx);
}

static int hash_by_name(const char *md_name, const void *data, size_t length,
			uint8_t *digest)
{
	struct spdm_hash_ctx *ctx;
	int ret;

	if (!md_name || !digest || (!data && length))
		return -EINVAL;
	ret = hash_ctx_new_by_name(md_name, &ctx);
	if (ret < 0)
		return ret;
	ret = spdm_hash_update(ctx, data, length);
	if (ret == 0)
		ret = spdm_hash_final(ctx, digest);
	spdm_hash_ctx_free(ctx);
	return ret;
}

int spdm_hash(uint32_t base_hash_algo, const void *data, size_t length,
	      uint8_t *digest)
{
	return hash_by_name(spdm_hash_algo_md_name(base_hash_algo), data,
			    length, digest);
}

int spdm_measurement_hash(uint32_t measurement_hash_algo, const void *data,
			  size_t length, uint8_t *digest)
{
	return hash_by_name(
		spdm_measurement_hash_algo_md_name(measurement_hash_algo), data,
		length, digest);
}
