// SPDX-License-Identifier: BSD-3-Clause
/*
 * Parsers for what the emulator's options and profile files name:
 * versions, request codes, capability flags and algorithm lists.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <spdm/reason.h>
#include <spdm/responder.h>

struct flag_name {
	const char *name;
	uint32_t value;
};

/* DSP0274 1.2 table 11 responder flags; MEAS_CAP is a 2-bit field. */
static const struct flag_name capability_names[] = {
    {"CACHE", SPDM_CAP_CACHE},
    {"CERT", SPDM_CAP_CERT},
    {"CHAL", SPDM_CAP_CHAL},
    {"MEAS_NO_SIG", SPDM_CAP_MEAS_NO_SIG},
    {"MEAS_SIG", SPDM_CAP_MEAS_SIG},
    {"MEAS_FRESH", SPDM_CAP_MEAS_FRESH},
    {"ENCRYPT", SPDM_CAP_ENCRYPT},
    {"MAC", SPDM_CAP_MAC},
    {"MUT_AUTH", SPDM_CAP_MUT_AUTH},
    {"KEY_EX", SPDM_CAP_KEY_EX},
    {"PSK", 1u << 10},
    {"PSK_WITH_CONTEXT", 2u << 10},
    {"ENCAP", SPDM_CAP_ENCAP},
    {"HBEAT", SPDM_CAP_HBEAT},
    {"KEY_UPD", SPDM_CAP_KEY_UPD},
    {"HANDSHAKE_IN_THE_CLEAR", SPDM_CAP_HANDSHAKE_IN_THE_CLEAR},
    {"PUB_KEY_ID", SPDM_CAP_PUB_KEY_ID},
    {"CHUNK", SPDM_CAP_CHUNK},
    {"ALIAS_CERT", SPDM_CAP_ALIAS_CERT},
    {"SET_CERT", SPDM_CAP_SET_CERT},
    {"CSR", SPDM_CAP_CSR},
    {"CERT_INSTALL_RESET", SPDM_CAP_CERT_INSTALL_RESET},
    {NULL, 0},
};

static const struct flag_name asym_names[] = {
    {"RSASSA_2048", SPDM_ASYM_RSASSA_2048},
    {"RSAPSS_2048", SPDM_ASYM_RSAPSS_2048},
    {"RSASSA_3072", SPDM_ASYM_RSASSA_3072},
    {"RSAPSS_3072", SPDM_ASYM_RSAPSS_3072},
    {"ECDSA_P256", SPDM_ASYM_ECDSA_P256},
    {"RSASSA_4096", SPDM_ASYM_RSASSA_4096},
    {"RSAPSS_4096", SPDM_ASYM_RSAPSS_4096},
    {"ECDSA_P384", SPDM_ASYM_ECDSA_P384},
    {"ECDSA_P521", SPDM_ASYM_ECDSA_P521},
    {"SM2_P256", SPDM_ASYM_SM2_P256},
    {"EDDSA_ED25519", SPDM_ASYM_EDDSA_ED25519},
    {"EDDSA_ED448", SPDM_ASYM_EDDSA_ED448},
    {NULL, 0},
};

static const struct flag_name hash_names[] = {
    {"SHA_256", SPDM_HASH_SHA_256},   {"SHA_384", SPDM_HASH_SHA_384},
    {"SHA_512", SPDM_HASH_SHA_512},   {"SHA3_256", SPDM_HASH_SHA3_256},
    {"SHA3_384", SPDM_HASH_SHA3_384}, {"SHA3_512", SPDM_HASH_SHA3_512},
    {"SM3_256", SPDM_HASH_SM3_256},   {NULL, 0},
};

static const struct flag_name measurement_hash_names[] = {
    {"RAW_BIT_STREAM", SPDM_MEAS_HASH_RAW_BIT_STREAM},
    {"SHA_256", SPDM_MEAS_HASH_SHA_256},
    {"SHA_384", SPDM_MEAS_HASH_SHA_384},
    {"SHA_512", SPDM_MEAS_HASH_SHA_512},
    {"SHA3_256", SPDM_MEAS_HASH_SHA3_256},
    {"SHA3_384", SPDM_MEAS_HASH_SHA3_384},
    {"SHA3_512", SPDM_MEAS_HASH_SHA3_512},
    {"SM3_256", SPDM_MEAS_HASH_SM3_256},
    {NULL, 0},
};

/* Compares a name, ignoring case and an optional suffix such as "_CAP". */
static bool name_matches(const char *word, size_t length, const char *name,
			 const char *suffix)
{
	size_t name_length = strlen(name);

	if (length == name_length)
		return strncasecmp(word, name, length) == 0;
	if (suffix && length == name_length + strlen(suffix))
		return strncasecmp(word, name, name_length) == 0 &&
		       strncasecmp(word + name_length, suffix,
				   strlen(suffix)) == 0;
	return false;
}

static bool parse_hex_number(const char *text, uint32_t *value)
{
	unsigned long number;
	char *end;

	errno = 0;
	number = strtoul(text, &end, 0);
	if (errno || end == text || *end || number > UINT32_MAX)
		return false;
	*value = (uint32_t)number;
	return true;
}

/* Parses a number or names joined by '|', ',' or '+' against table. */
static int parse_flag_list(const char *text, const struct flag_name *table,
			   const char *suffix, uint32_t *bits)
{
	uint32_t value = 0;

	if (!text || !*text)
		return -EINVAL;
	if (isdigit((unsigned char)text[0]))
		return parse_hex_number(text, bits) ? 0 : -EINVAL;
	while (*text) {
		size_t length = strcspn(text, "|,+");
		const struct flag_name *entry;

		for (entry = table; entry->name; entry++)
			if (name_matches(text, length, entry->name, suffix))
				break;
		if (!entry->name)
			return -EINVAL;
		value |= entry->value;
		text += length;
		if (*text)
			text++;
	}
	*bits = value;
	return 0;
}

int spdm_capabilities_parse(const char *text, uint32_t *flags)
{
	return parse_flag_list(text, capability_names, "_CAP", flags);
}

int spdm_algorithms_parse(enum spdm_algorithm_kind kind, const char *text,
			  uint32_t *bits)
{
	switch (kind) {
	case SPDM_ALGORITHM_ASYM:
		return parse_flag_list(text, asym_names, NULL, bits);
	case SPDM_ALGORITHM_HASH:
		return parse_flag_list(text, hash_names, NULL, bits);
	case SPDM_ALGORITHM_MEASUREMENT_HASH:
		return parse_flag_list(text, measurement_hash_names, NULL,
				       bits);
	}
	return -EINVAL;
}

int spdm_request_code_parse(const char *text)
{
	uint32_t value;

	if (!text || !*text)
		return -EINVAL;
	if (isdigit((unsigned char)text[0])) {
		if (!parse_hex_number(text, &value) || value > 0xff)
			return -EINVAL;
		return (int)value;
	}
	/* Request codes have bit 7 set (DSP0274 1.2 table 4). */
	for (unsigned int code = 0x80; code <= 0xff; code++)
		if (strcasecmp(text, spdm_message_name(code)) == 0)
			return (int)code;
	return -EINVAL;
}

/*
 * Reads one decimal version part of 0 to 15 and returns the text after
 * it, or NULL. strtoul reports overflow, which sscanf's %u would not.
 */
static const char *parse_version_part(const char *text, unsigned int *value)
{
	unsigned long number;
	char *end;

	if (!isdigit((unsigned char)*text))
		return NULL;
	errno = 0;
	number = strtoul(text, &end, 10);
	if (errno || number > 15)
		return NULL;
	*value = (unsigned int)number;
	return end;
}

/* Reads "M.N" or "M.N.U" (update number) into a VersionNumberEntry. */
static int parse_version(const char *text, size_t length, uint16_t *entry)
{
	unsigned int major, minor, update = 0;
	const char *rest;
	char buf[16];

	if (length == 0 || length >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, text, length);
	buf[length] = '\0';
	rest = buf;
	while (isspace((unsigned char)*rest))
		rest++;
	rest = parse_version_part(rest, &major);
	if (!rest || *rest != '.')
		return -EINVAL;
	rest = parse_version_part(rest + 1, &minor);
	if (rest && *rest == '.')
		rest = parse_version_part(rest + 1, &update);
	if (!rest || *rest)
		return -EINVAL;
	*entry = (uint16_t)(major << 12 | minor << 8 | update << 4);
	return 0;
}

int spdm_versions_parse(const char *text, uint16_t *entries, size_t max,
			size_t *count)
{
	*count = 0;
	if (!text || !*text)
		return -EINVAL;
	while (*text) {
		size_t length = strcspn(text, ",");

		if (*count >= max ||
		    parse_version(text, length, &entries[*count]))
			return -EINVAL;
		(*count)++;
		text += length;
		if (*text)
			text++;
	}
	return 0;
}
