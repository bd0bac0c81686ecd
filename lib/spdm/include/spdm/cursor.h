/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bounded cursors over byte buffers, for every wire format in the project.
 *
 * A reader or writer that would run past its buffer becomes invalid and
 * stays invalid: later calls do nothing and read zeroes, so a codec can
 * run all its steps and check the cursor once at the end. All integers
 * are little-endian unless the function name says _be.
 */
#ifndef SPDM_CURSOR_H
#define SPDM_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct spdm_reader {
	const uint8_t *data;
	size_t length;
	size_t offset;
	bool overrun;
};

struct spdm_writer {
	uint8_t *data;
	size_t capacity;
	size_t offset;
	bool overrun;
};

void spdm_reader_init(struct spdm_reader *r, const void *data, size_t length);
uint8_t spdm_read_u8(struct spdm_reader *r);
uint16_t spdm_read_u16(struct spdm_reader *r);
uint32_t spdm_read_u24(struct spdm_reader *r);
uint32_t spdm_read_u32(struct spdm_reader *r);
uint16_t spdm_read_u16_be(struct spdm_reader *r);
uint32_t spdm_read_u32_be(struct spdm_reader *r);
/* Copies length bytes out; on overrun fills out with zeroes. */
void spdm_read_bytes(struct spdm_reader *r, void *out, size_t length);
/* Returns a pointer to the next length bytes and skips them, or NULL. */
const uint8_t *spdm_read_span(struct spdm_reader *r, size_t length);
void spdm_read_skip(struct spdm_reader *r, size_t length);
size_t spdm_reader_remaining(const struct spdm_reader *r);
/*
 * Returns 0 when every read fitted and nothing is left, -EOVERFLOW when a
 * read ran past the end, and -EBADMSG when bytes are left over.
 */
int spdm_reader_finish(const struct spdm_reader *r);
/* Returns 0 when every read fitted (trailing bytes allowed), else -EOVERFLOW. */
int spdm_reader_status(const struct spdm_reader *r);

void spdm_writer_init(struct spdm_writer *w, void *data, size_t capacity);
void spdm_write_u8(struct spdm_writer *w, uint8_t value);
void spdm_write_u16(struct spdm_writer *w, uint16_t value);
void spdm_write_u24(struct spdm_writer *w, uint32_t value);
void spdm_write_u32(struct spdm_writer *w, uint32_t value);
void spdm_write_u16_be(struct spdm_writer *w, uint16_t value);
void spdm_write_u32_be(struct spdm_writer *w, uint32_t value);
void spdm_write_bytes(struct spdm_writer *w, const void *data, size_t length);
void spdm_write_zeroes(struct spdm_writer *w, size_t length);
/* Returns a pointer to the next length bytes for the caller to fill, or NULL. */
uint8_t *spdm_write_reserve(struct spdm_writer *w, size_t length);
/* Returns 0 and stores the bytes written in *length, or -EOVERFLOW. */
int spdm_writer_finish(const struct spdm_writer *w, size_t *length);

#endif /* SPDM_CURSOR_H */
