// SPDX-License-Identifier: BSD-3-Clause
/* AlgStruct tables of DSP0274 1.1 and 1.2 NEGOTIATE_ALGORITHMS/ALGORITHMS. */
#include <errno.h>

#include "alg_struct.h"

/* AlgCount bits 7:4: the size of AlgSupported, always 2 in 1.1 and 1.2. */
#define FIXED_ALG_COUNT 2
#define EXT_ALG_COUNT_MASK 0x0f

unsigned int spdm_codec_max_ext_algs(uint8_t version)
{
	/* DSP0274 1.0 NEGOTIATE_ALGORITHMS allows 8 entries, 1.1 and 1.2 20. */
	return version == SPDM_VERSION_10 ? 8 : SPDM_MAX_EXT_ALGS;
}

int spdm_codec_read_alg_structs(struct spdm_reader *r, uint8_t version,
				struct spdm_alg_struct *structs, uint8_t count,
				unsigned int *ext_total)
{
	for (unsigned int i = 0; i < count; i++) {
		struct spdm_alg_struct *alg = &structs[i];
		uint8_t alg_count;

		alg->alg_type = spdm_read_u8(r);
		alg_count = spdm_read_u8(r);
		alg->alg_supported = spdm_read_u16(r);
		if (spdm_reader_status(r))
			return -EOVERFLOW;
		if (alg_count >> 4 != FIXED_ALG_COUNT)
			return -EPROTO;

		alg->ext_alg_count = alg_count & EXT_ALG_COUNT_MASK;
		*ext_total += alg->ext_alg_count;
		if (*ext_total > spdm_codec_max_ext_algs(version))
			return -EPROTO;
		spdm_read_skip(r,
			       (size_t)alg->ext_alg_count * SPDM_EXT_ALG_SIZE);
	}
	return spdm_reader_status(r);
}

int spdm_codec_write_alg_structs(struct spdm_writer *w,
				 const struct spdm_alg_struct *structs,
				 uint8_t count)
{
	for (unsigned int i = 0; i < count; i++) {
		if (structs[i].ext_alg_count)
			return -EINVAL;
		spdm_write_u8(w, structs[i].alg_type);
		spdm_write_u8(w, FIXED_ALG_COUNT << 4);
		spdm_write_u16(w, structs[i].alg_supported);
	}
	return 0;
}
