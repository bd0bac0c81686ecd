// SPDX-License-Identifier: BSD-3-Clause
/* Writing evidence as conversation text (see spdm/conversation.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/conversation.h>
#include <spdm/wire.h>

#define BYTES_PER_LINE 32

struct name_entry {
	uint32_t bit;
	const char *name;
};

/* Short names as in the recorded conversations and DMTF's emulators. */
static const struct name_entry asym_names[] = {
	{ SPDM_ASYM_RSASSA_2048, "RSASSA_2048" },
	{ SPDM_ASYM_RSAPSS_2048, "RSAPSS_2048" },
	{ SPDM_ASYM_RSASSA_3072, "RSASSA_3072" },
	{ SPDM_ASYM_RSAPSS_3072, "RSAPSS_3072" },
	{ SPDM_ASYM_ECDSA_P256, "ECDSA_P256" },
	{ SPDM_ASYM_RSASSA_4096, "RSASSA_4096" },
	{ SPDM_ASYM_RSAPSS_4096, "RSAPSS_4096" },
	{ SPDM_ASYM_ECDSA_P384, "ECDSA_P384" },
	{ SPDM_ASYM_ECDSA_P521, "ECDSA_P521" },
	{ SPDM_ASYM_SM2_P256, "SM2_P256" },
	{ SPDM_ASYM_EDDSA_ED25519, "EDDSA_25519" },
	{ SPDM_ASYM_EDDSA_ED448, "EDDSA_448" },
	{ 0, NULL },
};

static const struct name_entry hash_names[] = {
	{ SPDM_HASH_SHA_256, "SHA_256" },   { SPDM_HASH_SHA_384, "SHA_384" },
	{ SPDM_HASH_SHA_512, "SHA_512" },   { SPDM_HASH_SHA3_256, "SHA3_256" },
	{ SPDM_HASH_SHA3_384, "SHA3_384" }, { SPDM_HASH_SHA3_512, "SHA3_512" },
	{ SPDM_HASH_SM3_256, "SM3_256" },   { 0, NULL },
};

static const struct name_entry measurement_hash_names[] = {
	{ SPDM_MEAS_HASH_RAW_BIT_STREAM, "RAW_BIT" },
	{ SPDM_MEAS_HASH_SHA_256, "SHA_256" },
	{ SPDM_MEAS_HASH_SHA_384, "SHA_384" },
	{ SPDM_MEAS_HASH_SHA_512, "SHA_512" },
	{ SPDM_MEAS_HASH_SHA3_256, "SHA3_256" },
	{ SPDM_MEAS_HASH_SHA3_384, "SHA3_384" },
	{ SPDM_MEAS_HASH_SHA3_512, "SHA3_512" },
	{ SPDM_MEAS_HASH_SM3_256, "SM3_256" },
	{ 0, NULL },
};

static const char *lookup(const struct name_entry *table, uint32_t bit)
{
	for (; table->name; table++)
		if (table->bit == bit)
			return table->name;
	return "none";
}

/* Returns an upper bound of the text size, so one allocation suffices. */
static size_t text_bound(const struct spdm_evidence *evidence)
{
	size_t bound = 1024;

	for (size_t i = 0; i < evidence->count; i++) {
		size_t lines = evidence->messages[i].length / BYTES_PER_LINE + 1;

		bound += 3 * evidence->messages[i].length + 3 * lines;
	}
	return bound;
}

static size_t write_headers(char *out, size_t size,
			    const struct spdm_result *result,
			    const char *produced_by)
{
	if (!result)
		return (size_t)snprintf(out, size, "# produced-by: %s\n#\n",
					produced_by);
	return (size_t)snprintf(
		out, size,
		"# SPDM conversation\n"
		"# version: %u.%u\n# base-asym: %s\n# base-hash: %s\n"
		"# measurement-hash: %s\n# slot: %u\n# produced-by: %s\n"
		"# verified: %s\n# reason: %s\n#\n",
		result->version >> 4, result->version & 0x0f,
		lookup(asym_names, result->base_asym_algo),
		lookup(hash_names, result->base_hash_algo),
		lookup(measurement_hash_names, result->measurement_hash_algo),
		result->slot_id, produced_by,
		result->verified ? "yes" : "no",
		spdm_reason_name(result->reason));
}

static size_t write_message(char *out, const struct spdm_evidence_message *m)
{
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;

	out[pos++] = m->is_request ? '>' : '<';
	for (size_t i = 0; i < m->length; i++) {
		if (i && i % BYTES_PER_LINE == 0) {
			memcpy(out + pos, "\n ", 2);
			pos += 2;
		}
		out[pos++] = ' ';
		out[pos++] = hex[m->data[i] >> 4];
		out[pos++] = hex[m->data[i] & 0x0f];
	}
	out[pos++] = '\n';
	return pos;
}

int spdm_conversation_format(const struct spdm_evidence *evidence,
			     const struct spdm_result *result,
			     const char *produced_by, char **text,
			     size_t *length)
{
	size_t bound;
	size_t pos;
	char *out;

	if (!evidence || !text || !length)
		return -EINVAL;
	if (!produced_by)
		produced_by = "spdmd";
	bound = text_bound(evidence) + strlen(produced_by);
	out = malloc(bound);
	if (!out)
		return -ENOMEM;

	pos = write_headers(out, bound, result, produced_by);
	for (size_t i = 0; i < evidence->count; i++)
		pos += write_message(out + pos, &evidence->messages[i]);
	out[pos] = '\0';
	*text = out;
	*length = pos;
	return 0;
}

int spdm_conversation_write_file(const char *path,
				 const struct spdm_evidence *evidence,
				 const struct spdm_result *result,
				 const char *produced_by)
{
	FILE *file;
	char *text;
	size_t length;
	int rc;

	if (!path)
		return -EINVAL;
	rc = spdm_conversation_format(evidence, result, produced_by, &text,
				      &length);
	if (rc)
		return rc;
	file = fopen(path, "w");
	if (!file) {
		rc = -errno;
		free(text);
		return rc;
	}
	if (fwrite(text, 1, length, file) != length)
		rc = -EIO;
	if (fclose(file) && !rc)
		rc = -EIO;
	free(text);
	return rc;
}
