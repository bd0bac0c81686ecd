// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPDM 1.2 signing prefix (DSP0274 1.2 section 15, "Signature
 * generation"): the version string "dmtf-spdm-v1.2.*" four times, zero
 * padding to 36 bytes minus the context length, then the context string.
 */
#include <string.h>

#include <spdm/crypto.h>

#define VERSION_STRING "dmtf-spdm-v1.2.*"
#define VERSION_STRING_SIZE 16
#define VERSION_STRING_COUNT 4
/* Offsets of the major and minor digit inside VERSION_STRING. */
#define MAJOR_DIGIT_OFFSET 11
#define MINOR_DIGIT_OFFSET 13
/* The context string and its zero padding fill the last 36 bytes. */
#define CONTEXT_FIELD_SIZE 36

const char *spdm_signing_context_string(enum spdm_signing_context context)
{
	switch (context) {
	case SPDM_SIGN_CHALLENGE_AUTH:
		return "responder-challenge_auth signing";
	case SPDM_SIGN_MEASUREMENTS:
		return "responder-measurements signing";
	}
	return NULL;
}

void spdm_build_signing_prefix(uint8_t version,
			       enum spdm_signing_context context,
			       uint8_t prefix[SPDM_SIGNING_PREFIX_SIZE])
{
	const char *context_string = spdm_signing_context_string(context);
	size_t context_size = context_string ? strlen(context_string) : 0;
	uint8_t *field = prefix + VERSION_STRING_COUNT * VERSION_STRING_SIZE;

	for (int i = 0; i < VERSION_STRING_COUNT; i++) {
		uint8_t *chunk = prefix + i * VERSION_STRING_SIZE;

		memcpy(chunk, VERSION_STRING, VERSION_STRING_SIZE);
		chunk[MAJOR_DIGIT_OFFSET] = (uint8_t)('0' + (version >> 4));
		chunk[MINOR_DIGIT_OFFSET] = (uint8_t)('0' + (version & 0x0f));
	}

	memset(field, 0, CONTEXT_FIELD_SIZE);
	if (context_string)
		memcpy(field + CONTEXT_FIELD_SIZE - context_size,
		       context_string, context_size);
}
