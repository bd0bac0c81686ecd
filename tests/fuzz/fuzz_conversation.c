// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the conversation (evidence) file reader, the offline verifier
 * on what it reads, and the writer: formatting parsed evidence and
 * parsing the text again must give the same messages.
 *
 * Input: one selector byte, then conversation text. Selector bit 0 uses
 * small caps (64-byte messages, 32 messages, 8 KiB of text) instead of
 * the defaults; bit 1 verifies against the DMTF sample roots.
 */
#include <stdlib.h>
#include <string.h>

#include <spdm/conversation.h>

#include "fuzz_common.h"

static struct spdm_trust *trust;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	trust = fuzz_sample_trust();
	return 0;
}

static void check_round_trip(const struct spdm_evidence *evidence,
			     const struct spdm_result *result)
{
	struct spdm_evidence again = {0};
	char detail[256] = "";
	size_t length;
	char *text;

	if (spdm_conversation_format(evidence, result, "fuzz", &text, &length))
		return;
	if (strlen(text) != length)
		abort();
	if (spdm_conversation_parse(text, length, NULL, &again, detail,
				    sizeof(detail)))
		abort();
	if (again.count != evidence->count)
		abort();
	for (size_t i = 0; i < again.count; i++) {
		const struct spdm_evidence_message *a = &again.messages[i];
		const struct spdm_evidence_message *b = &evidence->messages[i];

		if (a->is_request != b->is_request || a->length != b->length ||
		    memcmp(a->data, b->data, a->length))
			abort();
	}
	spdm_evidence_clear(&again);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct spdm_conversation_limits limits;
	struct spdm_evidence evidence = {0};
	struct spdm_result result;
	char detail[256];
	uint8_t selector;
	int rc;

	if (size < 1)
		return 0;
	selector = data[0];
	data++;
	size--;

	fuzz_random_reset();
	detail[0] = '\0';
	spdm_conversation_limits_default(&limits);
	if (selector & 0x01) {
		limits.max_message_size = 64;
		limits.max_messages = 32;
		limits.max_file_size = 8192;
	}
	rc = spdm_conversation_parse((const char *)data, size, &limits,
				     &evidence, detail, sizeof(detail));
	if (!memchr(detail, 0, sizeof(detail)))
		abort();
	if (evidence.count > limits.max_messages)
		abort();
	for (size_t i = 0; i < evidence.count; i++)
		if (evidence.messages[i].length > limits.max_message_size)
			abort();
	if (rc == 0) {
		memset(&result, 0, sizeof(result));
		spdm_verify_conversation(&evidence,
					 (selector & 0x02) ? trust : NULL,
					 FUZZ_CHECK_TIME, &result);
		check_round_trip(&evidence, &result);
		spdm_result_clear(&result);
	}
	spdm_evidence_clear(&evidence);
	return 0;
}
