// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "signed_measurements.h"

/* A parse position inside the blob, with the report it fills. */
struct blob_walk {
	const uint8_t *blob;
	size_t size; /* without the trailing signature */
	size_t offset;
	uint8_t version;
	struct signed_measurements_report *report;
};

static int fail(struct signed_measurements_report *report, int error,
		const char *format, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct signed_measurements_report *report, int error,
		const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(report->detail, sizeof(report->detail), format, args);
	va_end(args);
	return error;
}

/* Records the message of length bytes at the walk's offset and moves on. */
static int take_message(struct blob_walk *walk, size_t length, bool is_request)
{
	struct signed_measurements_report *report = walk->report;
	struct signed_message *message;

	if (report->message_count == SIGNED_MEASUREMENTS_MAX_MESSAGES)
		return fail(report, -EBADMSG, "more than %d messages",
			    SIGNED_MEASUREMENTS_MAX_MESSAGES);
	message = &report->messages[report->message_count++];
	message->offset = walk->offset;
	message->length = length;
	message->is_request = is_request;
	walk->offset += length;
	return 0;
}

static const uint8_t *walk_position(const struct blob_walk *walk)
{
	return walk->blob + walk->offset;
}

static size_t walk_remaining(const struct blob_walk *walk)
{
	return walk->size - walk->offset;
}

/*
 * Checks one decoded message: the decoder's result, and the SPDMVersion
 * byte, which must be the negotiated one after GET_VERSION and VERSION.
 */
static int check_decoded(struct blob_walk *walk, int ret,
			 const struct spdm_header *header, const char *name,
			 bool version_fixed)
{
	if (ret < 0)
		return fail(walk->report, -EBADMSG,
			    "%s at byte %zu does not decode: %s", name,
			    walk->offset, strerror(-ret));
	if (version_fixed && header->version != walk->version)
		return fail(walk->report, -EBADMSG,
			    "%s at byte %zu has SPDMVersion 0x%02x, expected "
			    "0x%02x",
			    name, walk->offset, header->version, walk->version);
	return 0;
}

/* Walks GET_VERSION to ALGORITHMS, which 1.2 puts first (VCA, "A"). */
static int walk_vca(struct blob_walk *walk)
{
	struct spdm_get_version get_version;
	struct spdm_version version;
	struct spdm_capabilities capabilities;
	struct spdm_negotiate_algorithms negotiate;
	struct spdm_algorithms algorithms;
	int ret;

	ret = spdm_decode_get_version(&get_version, walk_position(walk),
				      walk_remaining(walk));
	ret =
	    check_decoded(walk, ret, &get_version.header, "GET_VERSION", false);
	if (ret == 0)
		ret = take_message(walk, get_version.size, true);
	if (ret < 0)
		return ret;

	ret = spdm_decode_version(&version, walk_position(walk),
				  walk_remaining(walk));
	ret = check_decoded(walk, ret, &version.header, "VERSION", false);
	if (ret == 0)
		ret = take_message(walk, version.size, false);
	if (ret < 0)
		return ret;

	ret = spdm_decode_get_capabilities(&capabilities, walk_position(walk),
					   walk_remaining(walk));
	ret = check_decoded(walk, ret, &capabilities.header, "GET_CAPABILITIES",
			    true);
	if (ret == 0)
		ret = take_message(walk, capabilities.size, true);
	if (ret < 0)
		return ret;

	ret = spdm_decode_capabilities(&capabilities, walk_position(walk),
				       walk_remaining(walk));
	ret = check_decoded(walk, ret, &capabilities.header, "CAPABILITIES",
			    true);
	if (ret == 0)
		ret = take_message(walk, capabilities.size, false);
	if (ret < 0)
		return ret;

	ret = spdm_decode_negotiate_algorithms(&negotiate, walk_position(walk),
					       walk_remaining(walk));
	ret = check_decoded(walk, ret, &negotiate.header,
			    "NEGOTIATE_ALGORITHMS", true);
	if (ret == 0)
		ret = take_message(walk, negotiate.size, true);
	if (ret < 0)
		return ret;

	ret = spdm_decode_algorithms(&algorithms, walk_position(walk),
				     walk_remaining(walk));
	ret = check_decoded(walk, ret, &algorithms.header, "ALGORITHMS", true);
	if (ret == 0)
		ret = take_message(walk, algorithms.size, false);
	return ret;
}

/*
 * Walks one GET_MEASUREMENTS and its MEASUREMENTS. *signed_pair is set
 * when the request asked for a signature, which ends the blob.
 */
static int walk_measurement_pair(struct blob_walk *walk, size_t signature_size,
				 const struct signed_measurements_check *check,
				 bool *signed_pair)
{
	struct signed_measurements_report *report = walk->report;
	struct spdm_get_measurements request;
	struct spdm_measurements response;
	int ret;

	ret = spdm_decode_get_measurements(&request, walk_position(walk),
					   walk_remaining(walk));
	ret =
	    check_decoded(walk, ret, &request.header, "GET_MEASUREMENTS", true);
	if (ret == 0)
		ret = take_message(walk, request.size, true);
	if (ret < 0)
		return ret;

	*signed_pair =
	    request.header.param1 & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED;
	if (*signed_pair)
		report->nonce_matches =
		    !check->nonce ||
		    memcmp(request.nonce, check->nonce, SPDM_NONCE_SIZE) == 0;

	/*
	 * The signature was cut off the blob, so the signed response is
	 * decoded without one.
	 */
	ret = spdm_decode_measurements(&response, walk_position(walk),
				       walk_remaining(walk), 0);
	ret = check_decoded(walk, ret, &response.header, "MEASUREMENTS", true);
	if (ret == 0)
		ret = take_message(walk, response.size, false);
	if (ret < 0)
		return ret;

	report->record = response.record;
	report->record_length = response.record_length;
	report->block_count = response.number_of_blocks;
	if (*signed_pair)
		report->messages[report->message_count - 1].length +=
		    signature_size;
	return 0;
}

static int walk_blob(struct blob_walk *walk, size_t signature_size,
		     const struct signed_measurements_check *check)
{
	bool signed_pair = false;
	int ret;

	/* DSP0274 1.2 section 15: L1/L2 starts with A only from 1.2 on. */
	if (walk->version >= SPDM_VERSION_12) {
		ret = walk_vca(walk);
		if (ret < 0)
			return ret;
	}
	while (!signed_pair && walk_remaining(walk) > 0) {
		ret = walk_measurement_pair(walk, signature_size, check,
					    &signed_pair);
		if (ret < 0)
			return ret;
	}
	if (!signed_pair)
		return fail(walk->report, -EBADMSG,
			    "no GET_MEASUREMENTS that requests a signature");
	if (walk_remaining(walk) != 0)
		return fail(walk->report, -EBADMSG,
			    "%zu bytes after the signed MEASUREMENTS",
			    walk_remaining(walk));
	return 0;
}

static int verify_signature(const uint8_t *blob, size_t size,
			    size_t signature_size,
			    const struct signed_measurements_check *check,
			    struct signed_measurements_report *report)
{
	size_t covered = size - signature_size;
	int ret;

	ret = spdm_verify_signature(check->version, check->base_asym_algo,
				    check->base_hash_algo,
				    SPDM_SIGN_MEASUREMENTS, check->key, blob,
				    covered, blob + covered, signature_size);
	if (ret == -EBADMSG)
		return fail(report, -EKEYREJECTED,
			    "the MEASUREMENTS signature does not verify with "
			    "the public key");
	if (ret < 0)
		return fail(report, -EINVAL,
			    "the signature cannot be checked: %s "
			    "(key and algorithm %s do not match?)",
			    strerror(-ret),
			    spdm_asym_algo_name(check->base_asym_algo));
	report->signature_valid = true;
	return 0;
}

int signed_measurements_verify(const uint8_t *blob, size_t size,
			       const struct signed_measurements_check *check,
			       struct signed_measurements_report *report)
{
	size_t signature_size = spdm_signature_size(check->base_asym_algo);
	struct blob_walk walk = {
	    .blob = blob,
	    .version = check->version,
	    .report = report,
	};
	int ret;

	memset(report, 0, sizeof(*report));
	if (signature_size == 0 || spdm_hash_size(check->base_hash_algo) == 0)
		return fail(report, -EINVAL, "unknown algorithm");
	if (size <= signature_size)
		return fail(report, -EBADMSG,
			    "%zu bytes cannot hold a %zu-byte signature", size,
			    signature_size);
	walk.size = size - signature_size;

	ret = walk_blob(&walk, signature_size, check);
	if (ret < 0)
		return ret;
	report->layout_valid = true;
	if (!report->nonce_matches)
		return fail(report, -EPROTO,
			    "the signed GET_MEASUREMENTS carries another nonce "
			    "than the one sent");
	return verify_signature(blob, size, signature_size, check, report);
}

int base64_decode(const char *text, uint8_t **data, size_t *size)
{
	size_t length = strlen(text);
	size_t padding = 0;
	uint8_t *buffer;
	int decoded;

	if (length % 4 != 0 || length > (size_t)INT32_MAX)
		return -EBADMSG;
	for (size_t i = length; i > 0 && text[i - 1] == '=' && padding < 2; i--)
		padding++;

	buffer = malloc(length / 4 * 3 + 1);
	if (!buffer)
		return -ENOMEM;
	/* EVP_DecodeBlock rejects characters outside the alphabet. */
	decoded =
	    EVP_DecodeBlock(buffer, (const unsigned char *)text, (int)length);
	if (decoded < 0 || (size_t)decoded < padding) {
		free(buffer);
		return -EBADMSG;
	}
	*data = buffer;
	*size = (size_t)decoded - padding;
	return 0;
}

uint32_t asym_algo_from_name(const char *name)
{
	/* Every bit without a name is "unknown", so that name matches none. */
	if (strcmp(name, "unknown") == 0)
		return 0;
	for (unsigned int bit = 0; bit < 32; bit++) {
		if (strcmp(spdm_asym_algo_name(1u << bit), name) == 0)
			return 1u << bit;
	}
	return 0;
}

uint32_t hash_algo_from_name(const char *name)
{
	/* Every bit without a name is "unknown", so that name matches none. */
	if (strcmp(name, "unknown") == 0)
		return 0;
	for (unsigned int bit = 0; bit < 32; bit++) {
		if (strcmp(spdm_hash_algo_name(1u << bit), name) == 0)
			return 1u << bit;
	}
	return 0;
}

int spdm_version_from_text(const char *text, uint8_t *version)
{
	if (strlen(text) != 3 || text[1] != '.' || text[0] < '1' ||
	    text[0] > '9' || text[2] < '0' || text[2] > '9')
		return -EINVAL;
	*version = (uint8_t)((text[0] - '0') << 4 | (text[2] - '0'));
	return 0;
}
