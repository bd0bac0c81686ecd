// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl get-signed-measurements: calls spdmd's SPDMGetSignedMeasurements
 * for one endpoint, as a Redfish client would through bmcweb. It then
 * checks the reply offline: the signature over SignedMeasurements with the
 * returned public key, the nonce inside the signed GET_MEASUREMENTS, and
 * the key against the leaf of the returned certificate object.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <spdm/crypto.h>
#include <spdm/cursor.h>
#include <spdm/hex.h>
#include <spdm/messages.h>

#include "bus.h"
#include "names.h"
#include "signed_measurements.h"
#include "spdmctl.h"

#define COMMAND	       "get-signed-measurements"
#define NONCE_HEX_SIZE (2 * SPDM_NONCE_SIZE + 1)
/* More indices than the 254 valid ones, so spdmd receives and rejects them. */
#define MAX_INDICES 256
/* spdmd must reply within 20 s; the extra 10 s allow for a loaded bus. */
#define CALL_TIMEOUT_US (30ull * 1000 * 1000)

struct gsm_options {
	const char *id;
	const char *bus_address;
	char nonce_hex[NONCE_HEX_SIZE];
	uint8_t nonce[SPDM_NONCE_SIZE];
	uint64_t indices[MAX_INDICES];
	size_t index_count;
	uint64_t slot;
	const char *save_path;
	const char *conversation_path;
};

/* The reply of SPDMGetSignedMeasurements. */
struct gsm_reply {
	const char *certificate;
	const char *hashing_algorithm;
	const char *public_key;
	const char *signed_measurements;
	const char *signing_algorithm;
	const char *version;
};

static void print_usage(FILE *out)
{
	fputs(
	    "Usage: spdmctl get-signed-measurements ID [OPTION...]\n"
	    "\n"
	    "Asks spdmd for signed measurements of the endpoint ID (the\n"
	    "Redfish SPDMGetSignedMeasurements action) and verifies them:\n"
	    "the signature with the returned public key, the nonce inside\n"
	    "the signed GET_MEASUREMENTS, and the key against the leaf of\n"
	    "the returned certificate.\n"
	    "\n"
	    "Options:\n"
	    "  --nonce HEX           the 32-byte nonce as 64 hex digits\n"
	    "                        (default: a fresh random nonce)\n"
	    "  --indices LIST        measurement indices, comma-separated,\n"
	    "                        1-254, or 255 alone (default: all)\n"
	    "  --slot N              the certificate slot, 0-7 (default 0)\n"
	    "  --save FILE           write the decoded SignedMeasurements\n"
	    "                        bytes to FILE\n"
	    "  --save-conversation FILE\n"
	    "                        write them as a conversation file\n"
	    "                        ('> ' requests, '< ' responses)\n"
	    "  --bus-address ADDR    the D-Bus address (default: the system\n"
	    "                        bus)\n"
	    "  -h, --help            show this help\n"
	    "\n"
	    "Exit status: 0 verified, 1 the call or the verification failed,\n"
	    "2 usage error.\n",
	    out);
}

static int parse_nonce(const char *text, struct gsm_options *options)
{
	if (spdm_hex_decode(text, strlen(text), options->nonce,
			    SPDM_NONCE_SIZE) < 0)
		return -EINVAL;
	memcpy(options->nonce_hex, text, NONCE_HEX_SIZE);
	return 0;
}

static void format_hex(const uint8_t *data, size_t length, char *text)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < length; i++) {
		text[2 * i] = digits[data[i] >> 4];
		text[2 * i + 1] = digits[data[i] & 0x0f];
	}
	text[2 * length] = '\0';
}

/* Parses "1,2,3"; range checks are spdmd's, so its errors show. */
static int parse_indices(char *text, struct gsm_options *options)
{
	char *saveptr = NULL;
	unsigned long value;

	options->index_count = 0;
	for (char *item = strtok_r(text, ",", &saveptr); item;
	     item = strtok_r(NULL, ",", &saveptr)) {
		if (options->index_count == MAX_INDICES)
			return -E2BIG;
		if (spdmctl_parse_uint(item, 0, UINT32_MAX, &value) < 0)
			return -EINVAL;
		options->indices[options->index_count++] = value;
	}
	return options->index_count ? 0 : -EINVAL;
}

enum {
	OPT_NONCE = 0x100,
	OPT_INDICES,
	OPT_SLOT,
	OPT_SAVE,
	OPT_SAVE_CONVERSATION,
	OPT_BUS_ADDRESS,
};

static int parse_option(int option, char *value, struct gsm_options *options)
{
	unsigned long slot;

	switch (option) {
	case OPT_NONCE:
		if (parse_nonce(value, options) < 0)
			return spdmctl_usage_error(
			    COMMAND, "invalid --nonce '%s': give 64 hex digits",
			    value);
		return 0;
	case OPT_INDICES:
		if (parse_indices(value, options) < 0)
			return spdmctl_usage_error(
			    COMMAND,
			    "invalid --indices: give up to %d "
			    "comma-separated numbers, e.g. 1,2,3",
			    MAX_INDICES);
		return 0;
	case OPT_SLOT:
		if (spdmctl_parse_uint(value, 0, UINT32_MAX, &slot) < 0)
			return spdmctl_usage_error(
			    COMMAND, "invalid --slot '%s': give 0 to 7", value);
		options->slot = slot;
		return 0;
	case OPT_SAVE:
		options->save_path = value;
		return 0;
	case OPT_SAVE_CONVERSATION:
		options->conversation_path = value;
		return 0;
	case OPT_BUS_ADDRESS:
		options->bus_address = value;
		return 0;
	default:
		return spdmctl_usage_error(COMMAND, "invalid option");
	}
}

/* Returns 0, -1 after --help, or the exit code of a usage error. */
static int parse_options(int argc, char **argv, struct gsm_options *options)
{
	static const struct option long_options[] = {
	    {"nonce", required_argument, NULL, OPT_NONCE},
	    {"indices", required_argument, NULL, OPT_INDICES},
	    {"slot", required_argument, NULL, OPT_SLOT},
	    {"save", required_argument, NULL, OPT_SAVE},
	    {"save-conversation", required_argument, NULL,
	     OPT_SAVE_CONVERSATION},
	    {"bus-address", required_argument, NULL, OPT_BUS_ADDRESS},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int option;
	int r;

	optind = 1;
	while ((option = getopt_long(argc, argv, "h", long_options, NULL)) !=
	       -1) {
		if (option == 'h') {
			print_usage(stdout);
			return -1;
		}
		r = parse_option(option, optarg, options);
		if (r != 0)
			return r;
	}
	if (optind + 1 != argc)
		return spdmctl_usage_error(COMMAND,
					   "give exactly one endpoint ID");
	options->id = argv[optind];
	return 0;
}

/*
 * Appends MeasurementIndices and SlotId, whose D-Bus type follows size_t
 * (at and t on 64-bit platforms, au and u on 32-bit ones).
 */
static int append_arguments(sd_bus_message *m,
			    const struct gsm_options *options)
{
	char size_type = sizeof(size_t) == 8 ? 't' : 'u';
	char array_type[2] = {size_type, '\0'};
	int r;

	r = sd_bus_message_open_container(m, 'a', array_type);
	for (size_t i = 0; r >= 0 && i < options->index_count; i++) {
		size_t index = (size_t)options->indices[i];

		r = sd_bus_message_append_basic(m, size_type, &index);
	}
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_append_basic(m, 's', options->nonce_hex);
	if (r >= 0) {
		size_t slot = (size_t)options->slot;

		r = sd_bus_message_append_basic(m, size_type, &slot);
	}
	return r;
}

static int call_method(sd_bus *bus, const struct gsm_options *options,
		       sd_bus_message **reply, sd_bus_error *error)
{
	sd_bus_message *m = NULL;
	char path[256];
	int r;

	snprintf(path, sizeof(path), "%s/%s", SPDMD_ROOT_PATH, options->id);
	r = sd_bus_message_new_method_call(bus, &m, SPDMD_SERVICE, path,
					   MEASUREMENT_SET_INTERFACE,
					   "SPDMGetSignedMeasurements");
	if (r >= 0)
		r = append_arguments(m, options);
	if (r >= 0)
		r = sd_bus_call(bus, m, CALL_TIMEOUT_US, error, reply);
	sd_bus_message_unref(m);
	return r;
}

static EVP_PKEY *load_public_key(const char *pem)
{
	BIO *bio = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *key;

	if (!bio)
		return NULL;
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	BIO_free(bio);
	return key;
}

/* Reads the first certificate of the certificate object's PEM chain. */
static int read_leaf_certificate(sd_bus *bus, const char *path, X509 **leaf,
				 sd_bus_error *error)
{
	char *pem = NULL;
	BIO *bio;
	int r;

	r = sd_bus_get_property_string(bus, SPDMD_SERVICE, path,
				       CERTIFICATE_INTERFACE,
				       "CertificateString", error, &pem);
	if (r < 0)
		return r;
	bio = BIO_new_mem_buf(pem, -1);
	*leaf = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	free(pem);
	return *leaf ? 0 : -EBADMSG;
}

/* Checks that key is the public key of the certificate object's leaf. */
static bool key_matches_certificate(sd_bus *bus, const char *path,
				    EVP_PKEY *key)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	X509 *leaf = NULL;
	bool matches;
	int r;

	r = read_leaf_certificate(bus, path, &leaf, &error);
	if (r < 0) {
		spdmctl_bus_error(COMMAND, "read the certificate object", r,
				  &error);
		sd_bus_error_free(&error);
		return false;
	}
	matches = EVP_PKEY_eq(X509_get0_pubkey(leaf), key) == 1;
	X509_free(leaf);
	return matches;
}

/* Prints a value as lines of 32 bytes in hex, indented. */
static void print_hex_lines(const uint8_t *data, size_t length)
{
	char hex[65];

	for (size_t done = 0; done < length; done += 32) {
		size_t chunk = length - done < 32 ? length - done : 32;

		format_hex(data + done, chunk, hex);
		printf("      %s\n", hex);
	}
}

static void print_blocks(const struct signed_measurements_report *report)
{
	struct spdm_measurement_block block;
	struct spdm_reader reader;

	spdm_reader_init(&reader, report->record, report->record_length);
	for (unsigned int i = 0; i < report->block_count; i++) {
		if (spdm_decode_measurement_block(&block, &reader) < 0) {
			printf("  block %u does not decode\n", i + 1);
			return;
		}
		printf("  Index %u: %s, %u bytes\n", (unsigned int)block.index,
		       spdmctl_measurement_type_name(block.dmtf_value_type),
		       (unsigned int)block.dmtf_value_size);
		print_hex_lines(block.dmtf_value, block.dmtf_value_size);
	}
}

static int write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *out = fopen(path, "wb");
	bool written;

	if (!out)
		return -errno;
	written = fwrite(data, 1, size, out) == size;
	if (fclose(out) != 0 || !written)
		return -EIO;
	return 0;
}

/* Writes the messages as lines of "> " or "< " and 32 bytes of hex. */
static int write_conversation(const char *path, const uint8_t *blob,
			      const struct signed_measurements_report *report)
{
	FILE *out = fopen(path, "w");
	char hex[65];

	if (!out)
		return -errno;
	fprintf(out, "# flow: SignedMeasurements from spdmd\n");
	for (size_t i = 0; i < report->message_count; i++) {
		const struct signed_message *message = &report->messages[i];

		for (size_t done = 0; done < message->length; done += 32) {
			size_t chunk = message->length - done;

			if (chunk > 32)
				chunk = 32;
			format_hex(blob + message->offset + done, chunk, hex);
			fprintf(out, "%s%s\n",
				done ? "  "
				     : (message->is_request ? "> " : "< "),
				hex);
		}
	}
	return fclose(out) == 0 ? 0 : -EIO;
}

/* Turns the reply's names and PEM into the verifier's inputs. */
static int prepare_check(const struct gsm_reply *reply,
			 const struct gsm_options *options,
			 struct signed_measurements_check *check)
{
	check->nonce = options->nonce;
	if (spdm_version_from_text(reply->version, &check->version) < 0) {
		fprintf(stderr, "spdmctl %s: invalid Version '%s'\n", COMMAND,
			reply->version);
		return -EBADMSG;
	}
	check->base_asym_algo = asym_algo_from_name(reply->signing_algorithm);
	check->base_hash_algo = hash_algo_from_name(reply->hashing_algorithm);
	if (!check->base_asym_algo || !check->base_hash_algo) {
		fprintf(stderr, "spdmctl %s: unknown algorithm '%s' or '%s'\n",
			COMMAND, reply->signing_algorithm,
			reply->hashing_algorithm);
		return -EBADMSG;
	}
	check->key = load_public_key(reply->public_key);
	if (!check->key) {
		fprintf(stderr, "spdmctl %s: PublicKey is not a PEM key\n",
			COMMAND);
		return -EBADMSG;
	}
	return 0;
}

static int save_outputs(const struct gsm_options *options, const uint8_t *blob,
			size_t size,
			const struct signed_measurements_report *report)
{
	int r;

	if (options->save_path) {
		r = write_file(options->save_path, blob, size);
		if (r < 0) {
			fprintf(stderr, "spdmctl %s: failed to write %s: %s\n",
				COMMAND, options->save_path, strerror(-r));
			return r;
		}
	}
	if (options->conversation_path && report->layout_valid) {
		r = write_conversation(options->conversation_path, blob,
				       report);
		if (r < 0) {
			fprintf(stderr, "spdmctl %s: failed to write %s: %s\n",
				COMMAND, options->conversation_path,
				strerror(-r));
			return r;
		}
	}
	return 0;
}

static void print_summary(const struct gsm_options *options,
			  const struct gsm_reply *reply, size_t size,
			  const struct signed_measurements_report *report)
{
	printf("Endpoint:           %s\n", options->id);
	printf("Certificate:        %s\n", reply->certificate);
	printf("Version:            %s\n", reply->version);
	printf("Signing algorithm:  %s\n", reply->signing_algorithm);
	printf("Hashing algorithm:  %s\n", reply->hashing_algorithm);
	printf("Nonce:              %s\n", options->nonce_hex);
	printf("Signed bytes:       %zu in %zu messages\n", size,
	       report->message_count);
	if (report->layout_valid) {
		printf("Measurement blocks: %u\n",
		       (unsigned int)report->block_count);
		print_blocks(report);
	}
}

static void print_checks(const struct signed_measurements_report *report,
			 bool key_matches)
{
	if (!report->layout_valid) {
		printf("Checks:             not made, the messages do not "
		       "parse\n");
		return;
	}
	printf("Nonce check:        %s\n",
	       report->nonce_matches ? "found in the signed GET_MEASUREMENTS"
				     : "FAILED");
	printf("Signature:          %s\n",
	       report->signature_valid ? "valid" : "FAILED");
	printf("Key and leaf:       %s\n",
	       key_matches ? "PublicKey is the leaf certificate's key"
			   : "FAILED");
}

/* Verifies the decoded reply; returns the exit code. */
static int verify_reply(sd_bus *bus, const struct gsm_options *options,
			const struct gsm_reply *reply, const uint8_t *blob,
			size_t size)
{
	struct signed_measurements_check check = {0};
	struct signed_measurements_report *report;
	bool key_matches = false;
	int verified;

	if (prepare_check(reply, options, &check) < 0)
		return SPDMCTL_EXIT_FAILED;
	report = calloc(1, sizeof(*report));
	if (!report) {
		EVP_PKEY_free(check.key);
		return SPDMCTL_EXIT_FAILED;
	}

	verified = signed_measurements_verify(blob, size, &check, report);
	if (report->layout_valid)
		key_matches =
		    key_matches_certificate(bus, reply->certificate, check.key);
	print_summary(options, reply, size, report);
	print_checks(report, key_matches);
	if (verified < 0)
		printf("Detail:             %s\n", report->detail);
	if (save_outputs(options, blob, size, report) < 0)
		verified = -EIO;

	verified = verified == 0 && key_matches;
	printf("Result:             %s\n", verified ? "VERIFIED" : "FAILED");
	free(report);
	EVP_PKEY_free(check.key);
	return verified ? EXIT_SUCCESS : SPDMCTL_EXIT_FAILED;
}

static int read_reply(sd_bus_message *m, struct gsm_reply *reply)
{
	return sd_bus_message_read(
	    m, "osssss", &reply->certificate, &reply->hashing_algorithm,
	    &reply->public_key, &reply->signed_measurements,
	    &reply->signing_algorithm, &reply->version);
}

static int request_and_verify(sd_bus *bus, const struct gsm_options *options)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *m = NULL;
	struct gsm_reply reply;
	uint8_t *blob = NULL;
	size_t size;
	int exit_code = SPDMCTL_EXIT_FAILED;
	int r;

	r = call_method(bus, options, &m, &error);
	if (r < 0) {
		spdmctl_bus_error(COMMAND, "get signed measurements", r,
				  &error);
		sd_bus_error_free(&error);
		return SPDMCTL_EXIT_FAILED;
	}
	r = read_reply(m, &reply);
	if (r < 0)
		spdmctl_bus_error(COMMAND, "read the reply", r, NULL);
	else if (base64_decode(reply.signed_measurements, &blob, &size) < 0)
		fprintf(stderr,
			"spdmctl %s: SignedMeasurements is not Base64\n",
			COMMAND);
	else
		exit_code = verify_reply(bus, options, &reply, blob, size);
	free(blob);
	sd_bus_message_unref(m);
	return exit_code;
}

static int run_get_signed_measurements(int argc, char **argv)
{
	struct gsm_options *options;
	sd_bus *bus = NULL;
	int exit_code;
	int r;

	options = calloc(1, sizeof(*options));
	if (!options)
		return spdmctl_setup_error(COMMAND, "out of memory");
	r = parse_options(argc, argv, options);
	if (r != 0) {
		free(options);
		return r < 0 ? EXIT_SUCCESS : r;
	}
	if (!options->nonce_hex[0]) {
		if (spdm_random_bytes(options->nonce, SPDM_NONCE_SIZE) < 0) {
			free(options);
			return spdmctl_setup_error(COMMAND,
						   "no random nonce available");
		}
		format_hex(options->nonce, SPDM_NONCE_SIZE, options->nonce_hex);
	}

	r = spdmctl_bus_open(options->bus_address, &bus);
	if (r < 0)
		exit_code =
		    spdmctl_bus_error(COMMAND, "connect to D-Bus", r, NULL);
	else
		exit_code = request_and_verify(bus, options);
	sd_bus_flush_close_unref(bus);
	free(options);
	return exit_code;
}

const struct spdmctl_command spdmctl_get_signed_measurements_command = {
    .name = COMMAND,
    .summary = "request signed measurements from spdmd and verify them",
    .run = run_get_signed_measurements,
};
