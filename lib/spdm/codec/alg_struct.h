/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AlgStruct tables of NEGOTIATE_ALGORITHMS and ALGORITHMS (1.1+), and the
 * extended algorithm entries before them. Private to lib/spdm/codec.
 */
#ifndef SPDM_CODEC_ALG_STRUCT_H
#define SPDM_CODEC_ALG_STRUCT_H

#include <stdint.h>

#include <spdm/cursor.h>
#include <spdm/messages.h>

/* Size of one extended algorithm entry: RegistryID, reserved, AlgorithmID. */
#define SPDM_EXT_ALG_SIZE 4

/* Returns the maximum number of extended algorithm entries in a message. */
unsigned int spdm_codec_max_ext_algs(uint8_t version);

/*
 * Reads count AlgStructs into structs and skips their AlgExternal entries,
 * adding how many there were to *ext_total. Returns 0, -EOVERFLOW or
 * -EPROTO for a FixedAlgCount other than 2 or more extended entries than
 * spdm_codec_max_ext_algs() allows.
 */
int spdm_codec_read_alg_structs(struct spdm_reader *r, uint8_t version,
				struct spdm_alg_struct *structs, uint8_t count,
				unsigned int *ext_total);

/* Writes count AlgStructs; -EINVAL if one has AlgExternal entries. */
int spdm_codec_write_alg_structs(struct spdm_writer *w,
				 const struct spdm_alg_struct *structs,
				 uint8_t count);

#endif /* SPDM_CODEC_ALG_STRUCT_H */
