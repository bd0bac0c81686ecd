// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl verify: re-verifies a recorded SPDM conversation offline.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/conversation.h>
#include <spdm/requester.h>
#include <spdm/wire.h>

#include "output.h"
#include "spdmctl.h"

struct verify_options {
	char **trust_paths;
	size_t trust_count;
	bool json;
	const char *path;
};

/* Signed responses found in a conversation, by kind. */
struct signature_count {
	unsigned int challenge_auth;
	unsigned int measurements;
};

static void print_usage(FILE *out)
{
	fputs("Usage: spdmctl verify --trust-anchor FILE [--json] "
	      "CONVERSATION\n"
	      "\n"
	      "Re-verifies a recorded SPDM conversation offline: replays\n"
	      "every message under the rules of the negotiated version,\n"
	      "checks every CHALLENGE_AUTH and MEASUREMENTS signature with\n"
	      "the leaf key of its slot, and validates that slot's chain\n"
	      "against the trust anchors at the current time.\n"
	      "\n"
	      "CONVERSATION is a text file of '> hex' requests and '< hex'\n"
	      "responses, as 'spdmctl attest --save-evidence' writes it.\n"
	      "\n"
	      "Options:\n"
	      "  --trust-anchor FILE  a trusted root certificate (DER or\n"
	      "                       PEM) or a folder of them; repeat\n"
	      "                       for more\n"
	      "  --json               print the result as one JSON object\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "Exit status: 0 verified, 1 verification failed, 2 usage or\n"
	      "set-up error (including a file that is not a conversation).\n",
	      out);
}

enum {
	OPT_TRUST_ANCHOR = 0x100,
	OPT_JSON,
};

static const struct option long_options[] = {
	{ "trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

static int check_arguments(int argc, char **argv,
			   struct verify_options *options)
{
	if (optind >= argc)
		return spdmctl_usage_error(
			"verify", "CONVERSATION is missing: give the file to "
				  "verify");
	if (optind + 1 < argc)
		return spdmctl_usage_error("verify", "unexpected argument '%s'",
					   argv[optind + 1]);
	options->path = argv[optind];
	if (options->trust_count == 0)
		return spdmctl_usage_error(
			"verify",
			"--trust-anchor is missing: give the root certificate "
			"that the device's chain must lead to");
	return 0;
}

static int parse_options(int argc, char **argv,
			 struct verify_options *options, bool *help)
{
	int option;

	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":h", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'h':
			*help = true;
			return 0;
		case OPT_TRUST_ANCHOR:
			options->trust_paths[options->trust_count++] = optarg;
			break;
		case OPT_JSON:
			options->json = true;
			break;
		case ':':
			return spdmctl_usage_error("verify",
						   "option '%s' needs a value",
						   argv[optind - 1]);
		default:
			return spdmctl_usage_error("verify",
						   "unknown option '%s'",
						   argv[optind - 1]);
		}
	}
	return check_arguments(argc, argv, options);
}

/*
 * Counts CHALLENGE_AUTH responses and MEASUREMENTS responses to a
 * GET_MEASUREMENTS that requested a signature (Param1 bit 0, DSP0274 1.2
 * table 39). A RESPOND_IF_READY stands for the request before it.
 */
static struct signature_count count_signatures(
	const struct spdm_evidence *evidence)
{
	struct signature_count count = { 0 };
	const uint8_t *request = NULL;

	for (size_t i = 0; i < evidence->count; i++) {
		const struct spdm_evidence_message *message =
			&evidence->messages[i];

		if (message->length < 4)
			continue;
		if (message->is_request) {
			if (message->data[1] != SPDM_RESPOND_IF_READY)
				request = message->data;
			continue;
		}
		if (!request)
			continue;
		if (request[1] == SPDM_CHALLENGE &&
		    message->data[1] == SPDM_CHALLENGE_AUTH)
			count.challenge_auth++;
		if (request[1] == SPDM_GET_MEASUREMENTS &&
		    (request[2] & SPDM_MEAS_ATTR_SIGNATURE_REQUESTED) &&
		    message->data[1] == SPDM_MEASUREMENTS)
			count.measurements++;
	}
	return count;
}

static void print_text(const struct verify_options *options,
		       const struct spdm_evidence *evidence,
		       const struct spdm_result *result)
{
	struct signature_count count = count_signatures(evidence);

	printf("Conversation: %s, %zu messages\n", options->path,
	       evidence->count);
	output_result_text(stdout, result);
	unsigned int verified = result->verified ? count.challenge_auth +
							    count.measurements
						  : 0;

	printf("Signatures verified: %u (CHALLENGE_AUTH %u, "
	       "MEASUREMENTS %u)%s\n",
	       verified, count.challenge_auth, count.measurements,
	       result->verified ? "" : ", not all of them verify");
	output_verdict_text(stdout, result);
}

static void print_json(const struct verify_options *options,
		       const struct spdm_evidence *evidence,
		       const struct spdm_result *result)
{
	struct signature_count count = count_signatures(evidence);
	struct json_writer writer;

	json_writer_init(&writer, stdout);
	json_begin_object(&writer);
	json_member_string(&writer, "conversation", options->path);
	json_member_uint(&writer, "messages", evidence->count);
	output_result_json(&writer, result);
	json_key(&writer, "signatures");
	json_begin_object(&writer);
	json_member_uint(&writer, "challenge_auth", count.challenge_auth);
	json_member_uint(&writer, "measurements", count.measurements);
	json_member_bool(&writer, "all_verified", result->verified);
	json_end_object(&writer);
	json_end_object(&writer);
	json_writer_finish(&writer);
}

/* Reads, verifies and prints one conversation and returns the exit code. */
static int verify_file(const struct verify_options *options,
		       const struct spdm_trust *trust)
{
	struct spdm_evidence evidence = { 0 };
	struct spdm_result result = { 0 };
	char detail[SPDM_DETAIL_SIZE] = "";
	int ret, exit_code;

	ret = spdm_conversation_read_file(options->path, NULL, &evidence,
					  detail, sizeof(detail));
	if (ret < 0) {
		spdm_evidence_clear(&evidence);
		return spdmctl_setup_error("verify", "cannot read %s: %s",
					   options->path,
					   detail[0] ? detail : strerror(-ret));
	}

	ret = spdm_verify_conversation(&evidence, trust, 0, &result);
	if (ret < 0) {
		exit_code = spdmctl_setup_error("verify",
						"cannot verify %s: %s",
						options->path, strerror(-ret));
	} else {
		if (options->json)
			print_json(options, &evidence, &result);
		else
			print_text(options, &evidence, &result);
		exit_code = result.verified ? SPDMCTL_EXIT_VERIFIED
					    : SPDMCTL_EXIT_FAILED;
	}
	spdm_result_clear(&result);
	spdm_evidence_clear(&evidence);
	return exit_code;
}

static int verify_main(int argc, char **argv)
{
	struct verify_options options = { 0 };
	struct spdm_trust *trust;
	bool help = false;
	int exit_code;

	/* Every argument could be a --trust-anchor. */
	options.trust_paths = calloc((size_t)argc, sizeof(char *));
	if (!options.trust_paths)
		return spdmctl_setup_error("verify", "out of memory");

	exit_code = parse_options(argc, argv, &options, &help);
	if (help) {
		print_usage(stdout);
	} else if (exit_code == 0) {
		if (spdmctl_load_trust("verify", options.trust_paths,
				       options.trust_count, &trust) < 0) {
			exit_code = SPDMCTL_EXIT_USAGE;
		} else {
			exit_code = verify_file(&options, trust);
			spdm_trust_free(trust);
		}
	}
	free(options.trust_paths);
	return exit_code;
}

const struct spdmctl_command spdmctl_verify_command = {
	.name = "verify",
	.summary = "re-verify a recorded SPDM conversation offline",
	.run = verify_main,
};
