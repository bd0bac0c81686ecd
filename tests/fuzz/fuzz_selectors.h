/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the selector bytes of the fuzz_codecs, fuzz_measurements and
 * fuzz_cert_chain inputs select, shared with the seed generator.
 */
#ifndef SPDM_FUZZ_SELECTORS_H
#define SPDM_FUZZ_SELECTORS_H

#include <stddef.h>
#include <stdint.h>

/* Decoders of fuzz_codecs, selector bits 4:0 (modulo FUZZ_CODEC_COUNT). */
enum fuzz_codec {
	FUZZ_CODEC_VERSION,
	FUZZ_CODEC_GET_CAPABILITIES,
	FUZZ_CODEC_CAPABILITIES,
	FUZZ_CODEC_NEGOTIATE_ALGORITHMS,
	FUZZ_CODEC_ALGORITHMS,
	FUZZ_CODEC_DIGESTS,
	FUZZ_CODEC_CERTIFICATE,
	FUZZ_CODEC_CHALLENGE_AUTH,
	FUZZ_CODEC_CHALLENGE_AUTH_SUMMARY,
	FUZZ_CODEC_MEASUREMENTS,
	FUZZ_CODEC_ERROR_OR_CHUNK,
	FUZZ_CODEC_REQUESTS,
	FUZZ_CODEC_COUNT,
};

/* Negotiated hash and signature sizes, selector bits 7:5. */
struct fuzz_codec_sizes {
	size_t hash;
	size_t signature;
};

#define FUZZ_CODEC_SIZES 8
extern const struct fuzz_codec_sizes fuzz_codec_sizes[FUZZ_CODEC_SIZES];

/* Signature sizes of fuzz_measurements, selector bits 2:0. */
#define FUZZ_MEASUREMENT_SIGNATURES 8
extern const size_t fuzz_measurement_signatures[FUZZ_MEASUREMENT_SIGNATURES];

/* BaseHashAlgo and BaseAsymAlgo of fuzz_cert_chain, bits 1:0 and 5:2. */
extern const uint32_t fuzz_chain_hash_algos[4];
extern const uint32_t fuzz_chain_asym_algos[16];

#endif /* SPDM_FUZZ_SELECTORS_H */
