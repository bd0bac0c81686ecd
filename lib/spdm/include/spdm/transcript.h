/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPDM transcripts (DSP0274 1.2 section 15): the message buffers A (VCA),
 * B (digests and certificates), C (challenge) and M (measurements) that
 * signatures cover. Requester and responder keep them by the same rules,
 * so the code is shared.
 *
 * The callers apply the reset rules, which follow libspdm:
 * - GET_VERSION clears every buffer.
 * - GET_DIGESTS clears B before its pair is added.
 * - B and C are cleared after a CHALLENGE_AUTH signature is made or checked.
 * - M is cleared by any other request, after a signed MEASUREMENTS, and
 *   when GET_MEASUREMENTS gets an ERROR other than ResponseNotReady.
 */
#ifndef SPDM_TRANSCRIPT_H
#define SPDM_TRANSCRIPT_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer with a hard cap. */
struct spdm_buffer {
	uint8_t *data;
	size_t size;
	size_t capacity;
	size_t max_size;
};

void spdm_buffer_init(struct spdm_buffer *buf, size_t max_size);
/*
 * Appends; returns 0, -EINVAL for NULL data with a length, -E2BIG past
 * max_size or -ENOMEM.
 */
int spdm_buffer_append(struct spdm_buffer *buf, const void *data,
		       size_t length);
void spdm_buffer_reset(struct spdm_buffer *buf);
/* Frees the memory after wiping it. */
void spdm_buffer_free(struct spdm_buffer *buf);

struct spdm_transcript {
	struct spdm_buffer a;
	struct spdm_buffer b;
	struct spdm_buffer c;
	struct spdm_buffer m;
};

/* Cap of each buffer, documented in docs/limits.md. */
#define SPDM_TRANSCRIPT_MAX_SIZE (512u * 1024u)

void spdm_transcript_init(struct spdm_transcript *t);
void spdm_transcript_reset(struct spdm_transcript *t);
void spdm_transcript_free(struct spdm_transcript *t);

/* Appends a request and its response (each at its defined size) to buf. */
int spdm_transcript_add_pair(struct spdm_buffer *buf, const uint8_t *request,
			     size_t request_size, const uint8_t *response,
			     size_t response_size);

/*
 * Builds the bytes a CHALLENGE_AUTH signature covers: A || B || C, where C
 * is the CHALLENGE request followed by CHALLENGE_AUTH without its
 * signature (the caller adds them to t->c first). The result is a new
 * buffer the caller frees.
 */
int spdm_transcript_challenge_bytes(const struct spdm_transcript *t,
				    struct spdm_buffer *out);
/*
 * Builds the bytes a MEASUREMENTS signature covers: A || M from 1.2 on,
 * M alone in 1.0 and 1.1.
 */
int spdm_transcript_measurement_bytes(const struct spdm_transcript *t,
				      uint8_t version, struct spdm_buffer *out);

#endif /* SPDM_TRANSCRIPT_H */
