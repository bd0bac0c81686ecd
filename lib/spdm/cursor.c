// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <string.h>

#include <spdm/cursor.h>

void spdm_reader_init(struct spdm_reader *r, const void *data, size_t length)
{
	r->data = data;
	r->length = data ? length : 0;
	r->offset = 0;
	r->overrun = false;
}

/* Returns the next length bytes, or NULL after marking the reader overrun. */
static const uint8_t *reader_take(struct spdm_reader *r, size_t length)
{
	const uint8_t *p;

	if (r->overrun || length > r->length - r->offset) {
		r->overrun = true;
		return NULL;
	}
	p = r->data + r->offset;
	r->offset += length;
	return p;
}

uint8_t spdm_read_u8(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 1);

	return p ? p[0] : 0;
}

uint16_t spdm_read_u16(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 2);

	return p ? (uint16_t)(p[0] | p[1] << 8) : 0;
}

uint32_t spdm_read_u24(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 3);

	return p ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
		 : 0;
}

uint32_t spdm_read_u32(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 4);

	if (!p)
		return 0;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint16_t spdm_read_u16_be(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 2);

	return p ? (uint16_t)(p[0] << 8 | p[1]) : 0;
}

uint32_t spdm_read_u32_be(struct spdm_reader *r)
{
	const uint8_t *p = reader_take(r, 4);

	if (!p)
		return 0;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void spdm_read_bytes(struct spdm_reader *r, void *out, size_t length)
{
	const uint8_t *p = reader_take(r, length);

	if (p)
		memcpy(out, p, length);
	else if (length)
		memset(out, 0, length);
}

const uint8_t *spdm_read_span(struct spdm_reader *r, size_t length)
{
	return reader_take(r, length);
}

void spdm_read_skip(struct spdm_reader *r, size_t length)
{
	reader_take(r, length);
}

size_t spdm_reader_remaining(const struct spdm_reader *r)
{
	return r->overrun ? 0 : r->length - r->offset;
}

int spdm_reader_status(const struct spdm_reader *r)
{
	return r->overrun ? -EOVERFLOW : 0;
}

int spdm_reader_finish(const struct spdm_reader *r)
{
	if (r->overrun)
		return -EOVERFLOW;
	if (r->offset != r->length)
		return -EBADMSG;
	return 0;
}

void spdm_writer_init(struct spdm_writer *w, void *data, size_t capacity)
{
	w->data = data;
	w->capacity = data ? capacity : 0;
	w->offset = 0;
	w->overrun = false;
}

uint8_t *spdm_write_reserve(struct spdm_writer *w, size_t length)
{
	uint8_t *p;

	if (w->overrun || length > w->capacity - w->offset) {
		w->overrun = true;
		return NULL;
	}
	p = w->data + w->offset;
	w->offset += length;
	return p;
}

void spdm_write_u8(struct spdm_writer *w, uint8_t value)
{
	uint8_t *p = spdm_write_reserve(w, 1);

	if (p)
		p[0] = value;
}

void spdm_write_u16(struct spdm_writer *w, uint16_t value)
{
	uint8_t *p = spdm_write_reserve(w, 2);

	if (p) {
		p[0] = (uint8_t)value;
		p[1] = (uint8_t)(value >> 8);
	}
}

void spdm_write_u24(struct spdm_writer *w, uint32_t value)
{
	uint8_t *p = spdm_write_reserve(w, 3);

	if (p) {
		p[0] = (uint8_t)value;
		p[1] = (uint8_t)(value >> 8);
		p[2] = (uint8_t)(value >> 16);
	}
}

void spdm_write_u32(struct spdm_writer *w, uint32_t value)
{
	uint8_t *p = spdm_write_reserve(w, 4);

	if (p) {
		p[0] = (uint8_t)value;
		p[1] = (uint8_t)(value >> 8);
		p[2] = (uint8_t)(value >> 16);
		p[3] = (uint8_t)(value >> 24);
	}
}

void spdm_write_u16_be(struct spdm_writer *w, uint16_t value)
{
	uint8_t *p = spdm_write_reserve(w, 2);

	if (p) {
		p[0] = (uint8_t)(value >> 8);
		p[1] = (uint8_t)value;
	}
}

void spdm_write_u32_be(struct spdm_writer *w, uint32_t value)
{
	uint8_t *p = spdm_write_reserve(w, 4);

	if (p) {
		p[0] = (uint8_t)(value >> 24);
		p[1] = (uint8_t)(value >> 16);
		p[2] = (uint8_t)(value >> 8);
		p[3] = (uint8_t)value;
	}
}

void spdm_write_bytes(struct spdm_writer *w, const void *data, size_t length)
{
	uint8_t *p = spdm_write_reserve(w, length);

	if (p && length)
		memcpy(p, data, length);
}

void spdm_write_zeroes(struct spdm_writer *w, size_t length)
{
	uint8_t *p = spdm_write_reserve(w, length);

	if (p && length)
		memset(p, 0, length);
}

int spdm_writer_finish(const struct spdm_writer *w, size_t *length)
{
	if (w->overrun)
		return -EOVERFLOW;
	*length = w->offset;
	return 0;
}
