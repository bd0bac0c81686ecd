// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include <spdm/transcript.h>
#include <spdm/wire.h>

void spdm_buffer_init(struct spdm_buffer *buf, size_t max_size)
{
	memset(buf, 0, sizeof(*buf));
	buf->max_size = max_size;
}

int spdm_buffer_append(struct spdm_buffer *buf, const void *data,
		       size_t length)
{
	size_t needed;
	size_t capacity;
	uint8_t *grown;

	if (!data && length)
		return -EINVAL;
	if (length == 0)
		return 0;
	if (length > buf->max_size - buf->size)
		return -E2BIG;
	needed = buf->size + length;
	if (needed > buf->capacity || !buf->data) {
		capacity = buf->capacity ? buf->capacity : 256;
		while (capacity < needed)
			capacity *= 2;
		if (capacity > buf->max_size)
			capacity = buf->max_size;
		/*
		 * Not realloc: it would free the old block with the nonces
		 * of the transcript still in it.
		 */
		grown = malloc(capacity);
		if (!grown)
			return -ENOMEM;
		if (buf->data) {
			memcpy(grown, buf->data, buf->size);
			OPENSSL_cleanse(buf->data, buf->size);
			free(buf->data);
		}
		buf->data = grown;
		buf->capacity = capacity;
	}
	memcpy(buf->data + buf->size, data, length);
	buf->size = needed;
	return 0;
}

void spdm_buffer_reset(struct spdm_buffer *buf)
{
	if (buf->data)
		OPENSSL_cleanse(buf->data, buf->size);
	buf->size = 0;
}

void spdm_buffer_free(struct spdm_buffer *buf)
{
	spdm_buffer_reset(buf);
	free(buf->data);
	buf->data = NULL;
	buf->capacity = 0;
}

void spdm_transcript_init(struct spdm_transcript *t)
{
	spdm_buffer_init(&t->a, SPDM_TRANSCRIPT_MAX_SIZE);
	spdm_buffer_init(&t->b, SPDM_TRANSCRIPT_MAX_SIZE);
	spdm_buffer_init(&t->c, SPDM_TRANSCRIPT_MAX_SIZE);
	spdm_buffer_init(&t->m, SPDM_TRANSCRIPT_MAX_SIZE);
}

void spdm_transcript_reset(struct spdm_transcript *t)
{
	spdm_buffer_reset(&t->a);
	spdm_buffer_reset(&t->b);
	spdm_buffer_reset(&t->c);
	spdm_buffer_reset(&t->m);
}

void spdm_transcript_free(struct spdm_transcript *t)
{
	spdm_buffer_free(&t->a);
	spdm_buffer_free(&t->b);
	spdm_buffer_free(&t->c);
	spdm_buffer_free(&t->m);
}

int spdm_transcript_add_pair(struct spdm_buffer *buf, const uint8_t *request,
			     size_t request_size, const uint8_t *response,
			     size_t response_size)
{
	int rc = spdm_buffer_append(buf, request, request_size);

	if (rc)
		return rc;
	return spdm_buffer_append(buf, response, response_size);
}

/* Concatenates up to three buffers into out, a fresh buffer. */
static int concat(struct spdm_buffer *out, const struct spdm_buffer *first,
		  const struct spdm_buffer *second,
		  const struct spdm_buffer *third)
{
	const struct spdm_buffer *parts[] = { first, second, third };
	int rc = 0;

	spdm_buffer_init(out, 4 * (size_t)SPDM_TRANSCRIPT_MAX_SIZE);
	for (size_t i = 0; i < 3 && rc == 0; i++)
		if (parts[i] && parts[i]->size)
			rc = spdm_buffer_append(out, parts[i]->data,
						parts[i]->size);
	if (rc)
		spdm_buffer_free(out);
	return rc;
}

int spdm_transcript_challenge_bytes(const struct spdm_transcript *t,
				    struct spdm_buffer *out)
{
	/* DSP0274 1.0-1.2: M1/M2 = A || B || C in every version. */
	return concat(out, &t->a, &t->b, &t->c);
}

int spdm_transcript_measurement_bytes(const struct spdm_transcript *t,
				      uint8_t version, struct spdm_buffer *out)
{
	/* DSP0274 1.2 section 15: L1/L2 starts with A only from 1.2 on. */
	if (version >= SPDM_VERSION_12)
		return concat(out, &t->a, &t->m, NULL);
	return concat(out, &t->m, NULL, NULL);
}
