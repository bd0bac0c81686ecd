// SPDX-License-Identifier: BSD-3-Clause
/*
 * NEGOTIATE_ALGORITHMS and ALGORITHMS of DSP0274 1.0, 1.1 and 1.2. Both
 * carry a Length field that must equal the size of what they contain.
 */
#include <errno.h>

#include "alg_struct.h"
#include "header.h"

#define NEGOTIATE_FIXED_SIZE 32
#define ALGORITHMS_FIXED_SIZE 36

/* Returns the AlgStruct count: Param1 from 1.1 on, reserved in 1.0. */
static uint8_t alg_struct_count(const struct spdm_header *header)
{
	return header->version == SPDM_VERSION_10 ? 0 : header->param1;
}

/*
 * Reads what follows the fixed part: ext_count extended entries, then the
 * AlgStructs, and checks the Length field against the bytes read.
 */
static int read_tail(struct spdm_reader *r, const struct spdm_header *header,
		     uint16_t length_field, unsigned int ext_count,
		     struct spdm_alg_struct *structs, uint8_t *struct_count)
{
	int ret;

	if (length_field > r->length)
		return -EOVERFLOW;
	if (ext_count > spdm_codec_max_ext_algs(header->version))
		return -EPROTO;
	spdm_read_skip(r, (size_t)ext_count * SPDM_EXT_ALG_SIZE);

	/*
	 * DSP0274 1.2 defines four AlgTypes and allows each at most once, so
	 * more entries are invalid. Order and duplicates are the caller's.
	 */
	*struct_count = alg_struct_count(header);
	if (*struct_count > SPDM_MAX_ALG_STRUCTS)
		return -EPROTO;
	ret = spdm_codec_read_alg_structs(r, header->version, structs,
					  *struct_count, &ext_count);
	if (ret)
		return ret;
	if (r->offset != length_field)
		return -EBADMSG;
	return 0;
}

/* Returns whether a message to encode may carry count AlgStructs. */
static bool alg_struct_count_valid(const struct spdm_header *header,
				   uint8_t count)
{
	if (header->version == SPDM_VERSION_10)
		return count == 0;
	return count <= SPDM_MAX_ALG_STRUCTS;
}

/*
 * Returns OtherParamsSupport or OtherParamsSelection as the version
 * defines it: DSP0274 1.2 added the field, and before it the byte is
 * reserved.
 */
static uint8_t other_params(const struct spdm_header *header, uint8_t value)
{
	return header->version >= SPDM_VERSION_12 ? value : 0;
}

/* Writes the header with the AlgStruct count in Param1. */
static int write_header(struct spdm_writer *w,
			const struct spdm_header *header, uint8_t code,
			uint8_t alg_struct_count)
{
	struct spdm_header counted = *header;

	if (!alg_struct_count_valid(header, alg_struct_count))
		return -EINVAL;
	counted.param1 = alg_struct_count;
	return spdm_codec_write_header(w, &counted, code);
}

/*
 * Writes what follows the base algorithm fields: 12 reserved bytes, both
 * extended algorithm counts as 0 because extended algorithms are not
 * encoded, 2 reserved bytes and the AlgStructs.
 */
static int write_tail(struct spdm_writer *w,
		      const struct spdm_alg_struct *structs, uint8_t count)
{
	spdm_write_zeroes(w, 12);
	spdm_write_u8(w, 0);
	spdm_write_u8(w, 0);
	spdm_write_zeroes(w, 2);
	return spdm_codec_write_alg_structs(w, structs, count);
}

/*
 * Reads the last fields of the fixed part: 12 reserved bytes, the two
 * extended algorithm counts and 2 reserved bytes. Returns -EOVERFLOW if
 * the fixed part is cut short.
 */
static int read_ext_counts(struct spdm_reader *r, uint8_t *ext_asym_count,
			   uint8_t *ext_hash_count)
{
	spdm_read_skip(r, 12);
	*ext_asym_count = spdm_read_u8(r);
	*ext_hash_count = spdm_read_u8(r);
	spdm_read_skip(r, 2);
	if (spdm_reader_status(r))
		return -EOVERFLOW;
	return 0;
}

int spdm_encode_negotiate_algorithms(
	const struct spdm_negotiate_algorithms *msg, uint8_t *buf, size_t cap,
	size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || msg->ext_asym_count || msg->ext_hash_count)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (write_header(&w, &msg->header, SPDM_NEGOTIATE_ALGORITHMS,
			 msg->alg_struct_count))
		return -EINVAL;
	spdm_write_u16(&w, NEGOTIATE_FIXED_SIZE + 4 * msg->alg_struct_count);
	spdm_write_u8(&w, msg->measurement_specification);
	spdm_write_u8(&w,
		      other_params(&msg->header, msg->other_params_support));
	spdm_write_u32(&w, msg->base_asym_algo);
	spdm_write_u32(&w, msg->base_hash_algo);
	if (write_tail(&w, msg->alg_structs, msg->alg_struct_count))
		return -EINVAL;
	return spdm_writer_finish(&w, length);
}

int spdm_decode_negotiate_algorithms(struct spdm_negotiate_algorithms *msg,
				     const uint8_t *buf, size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header,
				     SPDM_NEGOTIATE_ALGORITHMS);
	if (ret)
		return ret;

	msg->length = spdm_read_u16(&r);
	msg->measurement_specification = spdm_read_u8(&r);
	msg->other_params_support = other_params(&msg->header,
						 spdm_read_u8(&r));
	msg->base_asym_algo = spdm_read_u32(&r);
	msg->base_hash_algo = spdm_read_u32(&r);
	ret = read_ext_counts(&r, &msg->ext_asym_count, &msg->ext_hash_count);
	if (ret)
		return ret;

	ret = read_tail(&r, &msg->header, msg->length,
			msg->ext_asym_count + msg->ext_hash_count,
			msg->alg_structs, &msg->alg_struct_count);
	if (ret)
		return ret;
	return spdm_codec_finish_decode(&r, &msg->size);
}

int spdm_encode_algorithms(const struct spdm_algorithms *msg, uint8_t *buf,
			   size_t cap, size_t *length)
{
	struct spdm_writer w;

	if (!msg || !length || msg->ext_asym_sel_count ||
	    msg->ext_hash_sel_count)
		return -EINVAL;

	spdm_writer_init(&w, buf, cap);
	if (write_header(&w, &msg->header, SPDM_ALGORITHMS,
			 msg->alg_struct_count))
		return -EINVAL;
	spdm_write_u16(&w, ALGORITHMS_FIXED_SIZE + 4 * msg->alg_struct_count);
	spdm_write_u8(&w, msg->measurement_specification_sel);
	spdm_write_u8(&w,
		      other_params(&msg->header, msg->other_params_selection));
	spdm_write_u32(&w, msg->measurement_hash_algo);
	spdm_write_u32(&w, msg->base_asym_sel);
	spdm_write_u32(&w, msg->base_hash_sel);
	if (write_tail(&w, msg->alg_structs, msg->alg_struct_count))
		return -EINVAL;
	return spdm_writer_finish(&w, length);
}

int spdm_decode_algorithms(struct spdm_algorithms *msg, const uint8_t *buf,
			   size_t length)
{
	struct spdm_reader r;
	int ret;

	if (!msg)
		return -EINVAL;

	spdm_reader_init(&r, buf, length);
	ret = spdm_codec_read_header(&r, &msg->header, SPDM_ALGORITHMS);
	if (ret)
		return ret;

	msg->length = spdm_read_u16(&r);
	msg->measurement_specification_sel = spdm_read_u8(&r);
	msg->other_params_selection = other_params(&msg->header,
						   spdm_read_u8(&r));
	msg->measurement_hash_algo = spdm_read_u32(&r);
	msg->base_asym_sel = spdm_read_u32(&r);
	msg->base_hash_sel = spdm_read_u32(&r);
	ret = read_ext_counts(&r, &msg->ext_asym_sel_count,
			      &msg->ext_hash_sel_count);
	if (ret)
		return ret;

	/* DSP0274 1.2 ALGORITHMS: each ext selection count is 0 or 1. */
	if (msg->ext_asym_sel_count > 1 || msg->ext_hash_sel_count > 1)
		return -EPROTO;
	ret = read_tail(&r, &msg->header, msg->length,
			msg->ext_asym_sel_count + msg->ext_hash_sel_count,
			msg->alg_structs, &msg->alg_struct_count);
	if (ret)
		return ret;
	return spdm_codec_finish_decode(&r, &msg->size);
}
