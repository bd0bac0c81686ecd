// SPDX-License-Identifier: BSD-3-Clause
/*
 * Decodes every message of the conversations recorded between DMTF's
 * requester and responder emulators, checks that each decodes at its full
 * length and no shorter, and re-encodes it byte for byte.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_test.h"

#include <spdm/cursor.h>
#include <spdm/messages.h>

/* Negotiated state the decoders of later messages need. */
struct conversation {
	char row[320];
	size_t hash_size;
	size_t signature_size;
	struct spdm_header request;
	unsigned int messages;
	bool seen[256];
};

/*
 * Checks one decoder result: the full message decodes to its defined
 * size, and one byte less is too short.
 */
static void check_decode(struct conversation *conv, int full, int short_by_one,
			 size_t size, size_t length)
{
	check_int(conv->row, full, 0);
	check_int(conv->row, size, length);
	check_int(conv->row, short_by_one, -EOVERFLOW);
}

static void check_encode(struct conversation *conv, int ret,
			 const uint8_t *encoded, size_t encoded_length,
			 const uint8_t *bytes, size_t length)
{
	check_int(conv->row, ret, 0);
	check_bytes(conv->row, encoded, encoded_length, bytes, length);
}

static void round_trip_version(struct conversation *conv, const uint8_t *bytes,
			       size_t length, uint8_t *out, size_t cap)
{
	struct spdm_get_version request;
	struct spdm_version response;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_GET_VERSION) {
		shorter = spdm_decode_get_version(&request, bytes, length - 1);
		full = spdm_decode_get_version(&request, bytes, length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_get_version(&request, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_version(&response, bytes, length - 1);
	full = spdm_decode_version(&response, bytes, length);
	check_decode(conv, full, shorter, response.size, length);
	ret = spdm_encode_version(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

static void round_trip_capabilities(struct conversation *conv,
				    const uint8_t *bytes, size_t length,
				    uint8_t *out, size_t cap)
{
	struct spdm_capabilities msg;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_GET_CAPABILITIES) {
		shorter = spdm_decode_get_capabilities(&msg, bytes, length - 1);
		full = spdm_decode_get_capabilities(&msg, bytes, length);
		check_decode(conv, full, shorter, msg.size, length);
		ret = spdm_encode_get_capabilities(&msg, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_capabilities(&msg, bytes, length - 1);
	full = spdm_decode_capabilities(&msg, bytes, length);
	check_decode(conv, full, shorter, msg.size, length);
	ret = spdm_encode_capabilities(&msg, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

static void round_trip_algorithms(struct conversation *conv,
				  const uint8_t *bytes, size_t length,
				  uint8_t *out, size_t cap)
{
	struct spdm_negotiate_algorithms request;
	struct spdm_algorithms response;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_NEGOTIATE_ALGORITHMS) {
		shorter = spdm_decode_negotiate_algorithms(&request, bytes,
							   length - 1);
		full = spdm_decode_negotiate_algorithms(&request, bytes,
							length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_negotiate_algorithms(&request, out, cap,
						       &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_algorithms(&response, bytes, length - 1);
	full = spdm_decode_algorithms(&response, bytes, length);
	check_decode(conv, full, shorter, response.size, length);
	ret = spdm_encode_algorithms(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);

	conv->hash_size = spdm_hash_size(response.base_hash_sel);
	conv->signature_size = spdm_signature_size(response.base_asym_sel);
	check_int(conv->row, conv->hash_size > 0, true);
	check_int(conv->row, conv->signature_size > 0, true);
}

static void round_trip_digests(struct conversation *conv, const uint8_t *bytes,
			       size_t length, uint8_t *out, size_t cap)
{
	struct spdm_get_digests request;
	struct spdm_digests response;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_GET_DIGESTS) {
		shorter = spdm_decode_get_digests(&request, bytes, length - 1);
		full = spdm_decode_get_digests(&request, bytes, length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_get_digests(&request, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_digests(&response, bytes, length - 1,
				      conv->hash_size);
	full = spdm_decode_digests(&response, bytes, length, conv->hash_size);
	check_decode(conv, full, shorter, response.size, length);
	ret = spdm_encode_digests(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

static void round_trip_certificate(struct conversation *conv,
				   const uint8_t *bytes, size_t length,
				   uint8_t *out, size_t cap)
{
	struct spdm_get_certificate request;
	struct spdm_certificate response;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_GET_CERTIFICATE) {
		shorter = spdm_decode_get_certificate(&request, bytes,
						      length - 1);
		full = spdm_decode_get_certificate(&request, bytes, length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_get_certificate(&request, out, cap,
						  &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_certificate(&response, bytes, length - 1);
	full = spdm_decode_certificate(&response, bytes, length);
	check_decode(conv, full, shorter, response.size, length);
	check_int(conv->row, response.remainder_length, 0);
	ret = spdm_encode_certificate(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

static void round_trip_challenge(struct conversation *conv,
				 const uint8_t *bytes, size_t length,
				 uint8_t *out, size_t cap)
{
	bool summary = conv->request.param2 != SPDM_MEAS_SUMMARY_HASH_NONE;
	struct spdm_challenge_auth response;
	struct spdm_challenge request;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_CHALLENGE) {
		shorter = spdm_decode_challenge(&request, bytes, length - 1);
		full = spdm_decode_challenge(&request, bytes, length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_challenge(&request, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	shorter = spdm_decode_challenge_auth(&response, bytes, length - 1,
					     conv->hash_size, summary,
					     conv->signature_size);
	full = spdm_decode_challenge_auth(&response, bytes, length,
					  conv->hash_size, summary,
					  conv->signature_size);
	check_decode(conv, full, shorter, response.size, length);
	check_int(conv->row, response.signed_size,
		  length - conv->signature_size);
	ret = spdm_encode_challenge_auth(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

/* Walks the record: every block must decode and the count must match. */
static void check_record(struct conversation *conv,
			 const struct spdm_measurements *msg)
{
	struct spdm_reader r;
	unsigned int blocks = 0;

	spdm_reader_init(&r, msg->record, msg->record_length);
	while (spdm_reader_remaining(&r) > 0) {
		struct spdm_measurement_block block;

		check_int(conv->row, spdm_decode_measurement_block(&block, &r),
			  0);
		blocks++;
	}
	check_int(conv->row, blocks, msg->number_of_blocks);
}

static void round_trip_measurements(struct conversation *conv,
				    const uint8_t *bytes, size_t length,
				    uint8_t *out, size_t cap)
{
	struct spdm_get_measurements request;
	struct spdm_measurements response;
	size_t signature_size = 0;
	size_t out_length = 0;
	int full, shorter, ret;

	if (bytes[1] == SPDM_GET_MEASUREMENTS) {
		shorter = spdm_decode_get_measurements(&request, bytes,
						       length - 1);
		full = spdm_decode_get_measurements(&request, bytes, length);
		check_decode(conv, full, shorter, request.size, length);
		ret = spdm_encode_get_measurements(&request, out, cap,
						   &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
		return;
	}
	if (conv->request.param1 & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED)
		signature_size = conv->signature_size;
	shorter = spdm_decode_measurements(&response, bytes, length - 1,
					   signature_size);
	full = spdm_decode_measurements(&response, bytes, length,
					signature_size);
	check_decode(conv, full, shorter, response.size, length);
	check_record(conv, &response);
	ret = spdm_encode_measurements(&response, out, cap, &out_length);
		check_encode(conv, ret, out, out_length, bytes, length);
}

typedef void (*round_trip_fn)(struct conversation *conv, const uint8_t *bytes,
			      size_t length, uint8_t *out, size_t cap);

/* Returns the round trip for a request or response code. */
static round_trip_fn find_round_trip(uint8_t code)
{
	switch (code & 0x7f) {
	case SPDM_VERSION:
		return round_trip_version;
	case SPDM_CAPABILITIES:
		return round_trip_capabilities;
	case SPDM_ALGORITHMS:
		return round_trip_algorithms;
	case SPDM_DIGESTS:
		return round_trip_digests;
	case SPDM_CERTIFICATE:
		return round_trip_certificate;
	case SPDM_CHALLENGE_AUTH:
		return round_trip_challenge;
	case SPDM_MEASUREMENTS:
		return round_trip_measurements;
	default:
		return NULL;
	}
}

static void check_message(struct conversation *conv, const char *file,
			  const uint8_t *bytes, size_t length)
{
	uint8_t encoded[TEST_MESSAGE_MAX];
	struct spdm_header header;
	round_trip_fn round_trip;

	conv->messages++;
	snprintf(conv->row, sizeof(conv->row), "%s message %u", file,
		 conv->messages);
	check_int(conv->row, spdm_decode_header(&header, bytes, length), 0);
	round_trip = find_round_trip(header.code);
	if (!round_trip)
		fail_msg("%s: unexpected code %#x", conv->row, header.code);

	round_trip(conv, bytes, length, encoded, sizeof(encoded));
	if (header.code & 0x80)
		conv->request = header;
	conv->seen[header.code] = true;
}

/* Response codes in every file; each request code is the same | 0x80. */
static const uint8_t flow_responses[] = {
	SPDM_VERSION,	   SPDM_CAPABILITIES, SPDM_ALGORITHMS,
	SPDM_DIGESTS,	   SPDM_CERTIFICATE,  SPDM_CHALLENGE_AUTH,
	SPDM_MEASUREMENTS,
};

/* Feeds each message of a conversation file to check_message(). */
static void check_file(const char *dir, const char *file)
{
	static uint8_t message[TEST_MESSAGE_MAX];
	struct conversation conv = { 0 };
	size_t length = 0, capacity = 0;
	char path[512], *line = NULL;
	FILE *stream;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	stream = fopen(path, "r");
	if (!stream)
		fail_msg("cannot open %s: %s", path, strerror(errno));

	while (getline(&line, &capacity, stream) > 0) {
		bool starts = line[0] == '>' || line[0] == '<';

		if (starts && length)
			check_message(&conv, file, message, length);
		if (starts)
			length = 0;
		if (starts || strncmp(line, "  ", 2) == 0)
			length += hex_to_bytes(line + 2, message + length,
					       sizeof(message) - length);
	}
	if (length)
		check_message(&conv, file, message, length);
	free(line);
	fclose(stream);

	/* Every file has the same flow of eleven exchanges. */
	check_int(file, conv.messages, 22);
	for (size_t i = 0; i < sizeof(flow_responses); i++) {
		uint8_t response = flow_responses[i];

		check_int(file, conv.seen[response], true);
		check_int(file, conv.seen[response | 0x80], true);
	}
}

static void conversations_round_trip(void **state)
{
	const char *testdata = getenv("SPDM_TESTDATA");
	unsigned int files = 0;
	struct dirent *entry;
	char dir[400];
	DIR *folder;

	if (!testdata)
		fail_msg("SPDM_TESTDATA is not set; run through meson test");
	snprintf(dir, sizeof(dir), "%s/conversations", testdata);
	folder = opendir(dir);
	if (!folder)
		fail_msg("cannot open %s: %s", dir, strerror(errno));

	while ((entry = readdir(folder))) {
		size_t name_length = strlen(entry->d_name);

		if (name_length < 4 ||
		    strcmp(entry->d_name + name_length - 4, ".txt") != 0)
			continue;
		check_file(dir, entry->d_name);
		files++;
	}
	closedir(folder);
	/* 1.0, 1.1 and 1.2 with several algorithms. */
	assert_true(files >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conversations_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
