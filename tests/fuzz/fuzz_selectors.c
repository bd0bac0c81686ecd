// SPDX-License-Identifier: BSD-3-Clause
/* The size tables behind the selector bytes (see fuzz_selectors.h). */
#include <spdm/wire.h>

#include "fuzz_selectors.h"

/* ECDSA P-256, P-384, P-521, RSA 2048, 3072, 4096, then odd pairs. */
const struct fuzz_codec_sizes fuzz_codec_sizes[FUZZ_CODEC_SIZES] = {
    {32, 64},  {48, 96},  {64, 132}, {32, 256},
    {48, 384}, {64, 512}, {32, 0},   {0, 0},
};

const size_t fuzz_measurement_signatures[FUZZ_MEASUREMENT_SIGNATURES] = {
    0, 64, 96, 132, 256, 384, 512, 0,
};

/* The last hash entry goes with the AliasCert model. */
const uint32_t fuzz_chain_hash_algos[4] = {
    SPDM_HASH_SHA_256,
    SPDM_HASH_SHA_384,
    SPDM_HASH_SHA_512,
    SPDM_HASH_SHA_384,
};

/* The algorithms we verify, then some we do not and invalid masks. */
const uint32_t fuzz_chain_asym_algos[16] = {
    SPDM_ASYM_ECDSA_P256,
    SPDM_ASYM_ECDSA_P384,
    SPDM_ASYM_ECDSA_P521,
    SPDM_ASYM_RSASSA_2048,
    SPDM_ASYM_RSAPSS_2048,
    SPDM_ASYM_RSASSA_3072,
    SPDM_ASYM_RSAPSS_3072,
    SPDM_ASYM_RSASSA_4096,
    SPDM_ASYM_RSAPSS_4096,
    SPDM_ASYM_EDDSA_ED25519,
    SPDM_ASYM_EDDSA_ED448,
    SPDM_ASYM_SM2_P256,
    SPDM_ASYM_ECDSA_P256 | SPDM_ASYM_ECDSA_P384,
    0,
    1u << 20,
    SPDM_ASYM_ECDSA_P384,
};
