// SPDX-License-Identifier: BSD-3-Clause
/* Evidence: the messages of an attestation, as exchanged. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/crypto.h>
#include <spdm/requester.h>

static int grow(struct spdm_evidence *evidence)
{
	size_t capacity = evidence->capacity ? 2 * evidence->capacity : 32;
	struct spdm_evidence_message *grown;

	if (capacity > SPDM_EVIDENCE_MAX_MESSAGES)
		capacity = SPDM_EVIDENCE_MAX_MESSAGES;
	grown = realloc(evidence->messages, capacity * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	evidence->messages = grown;
	evidence->capacity = capacity;
	return 0;
}

int spdm_evidence_append(struct spdm_evidence *evidence, bool is_request,
			 const uint8_t *data, size_t length)
{
	struct spdm_evidence_message *message;
	uint8_t *copy;
	int rc;

	if (!evidence || (!data && length))
		return -EINVAL;
	if (evidence->count >= SPDM_EVIDENCE_MAX_MESSAGES ||
	    length > SPDM_EVIDENCE_MAX_MESSAGE_SIZE ||
	    length > SPDM_EVIDENCE_MAX_TOTAL_SIZE - evidence->total_bytes)
		return -E2BIG;
	if (evidence->count == evidence->capacity) {
		rc = grow(evidence);
		if (rc)
			return rc;
	}

	copy = malloc(length ? length : 1);
	if (!copy)
		return -ENOMEM;
	if (length)
		memcpy(copy, data, length);
	message = &evidence->messages[evidence->count++];
	message->is_request = is_request;
	message->data = copy;
	message->length = length;
	evidence->total_bytes += length;
	return 0;
}

void spdm_evidence_clear(struct spdm_evidence *evidence)
{
	if (!evidence)
		return;
	/* CHALLENGE and GET_MEASUREMENTS requests carry our nonces. */
	for (size_t i = 0; i < evidence->count; i++) {
		spdm_wipe(evidence->messages[i].data,
			  evidence->messages[i].length);
		free(evidence->messages[i].data);
	}
	free(evidence->messages);
	memset(evidence, 0, sizeof(*evidence));
}
