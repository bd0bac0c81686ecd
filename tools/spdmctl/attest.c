// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl attest: attests one MCTP endpoint now and prints the result.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mctp/link.h>
#include <spdm/conversation.h>
#include <spdm/requester.h>

#include "attest_loop.h"
#include "output.h"
#include "spdmctl.h"

/* EIDs used when none are given; they match spdm-responder's defaults. */
#define DEFAULT_PEER_EID 9
#define DEFAULT_LOCAL_EID 8
#define LINK_SPEC_SIZE 512

struct attest_options {
	const char *link;
	/* The spec handed to mctp_link_open: mctp:NET:EID loses the EID. */
	char link_spec[LINK_SPEC_SIZE];
	unsigned long eid;
	bool eid_set;
	unsigned long local_eid;
	char **trust_paths;
	size_t trust_count;
	unsigned long slot;
	uint8_t min_version;
	uint8_t max_version;
	bool versions_set;
	bool json;
	const char *evidence_path;
	unsigned long timeout_cap_ms;
	bool timeout_cap_set;
};

static void print_usage(FILE *out)
{
	struct spdm_requester_config defaults;

	spdm_requester_config_default(&defaults);
	fprintf(out,
		"Usage: spdmctl attest --link LINK --trust-anchor FILE "
		"[OPTION...]\n"
		"\n"
		"Attests one SPDM endpoint over MCTP: negotiates the version\n"
		"and algorithms, verifies the certificate chain and the\n"
		"CHALLENGE_AUTH and MEASUREMENTS signatures, and prints the\n"
		"measurement blocks and the verdict.\n"
		"\n"
		"Options:\n"
		"  --link LINK          the link to the endpoint:\n"
		"                         serial:PATH    MCTP serial on a tty\n"
		"                         unix:PATH      the same framing on\n"
		"                                        a Unix socket\n"
		"                         emu:HOST:PORT  DMTF spdm-emu socket\n"
		"                         mctp:NET:EID   Linux AF_MCTP\n"
		"  --eid N              the endpoint's EID, 0-254\n"
		"                       (default 9, ignored by emu links)\n"
		"  --local-eid N        our EID on serial and unix links,\n"
		"                       0-254 (default 8)\n"
		"  --trust-anchor FILE  a trusted root certificate (DER or\n"
		"                       PEM) or a folder of them; repeat\n"
		"                       for more\n"
		"  --slot N             the certificate slot, 0-7 (default 0)\n"
		"  --versions LIST      SPDM versions to offer, no gaps\n"
		"                       (default 1.0,1.1,1.2)\n"
		"  --timeout-cap MS     the maximum wait for one response,\n"
		"                       in milliseconds (default %u)\n"
		"  --save-evidence FILE write the messages exchanged to\n"
		"                       FILE in the format that\n"
		"                       'spdmctl verify' reads\n"
		"  --json               print the result as one JSON object\n"
		"  -h, --help           show this help\n"
		"\n"
		"Exit status: 0 verified, 1 attestation failed, 2 usage or\n"
		"set-up error.\n",
		defaults.timeout_cap_ms);
}

enum {
	OPT_LINK = 0x100,
	OPT_EID,
	OPT_LOCAL_EID,
	OPT_TRUST_ANCHOR,
	OPT_SLOT,
	OPT_VERSIONS,
	OPT_TIMEOUT_CAP,
	OPT_SAVE_EVIDENCE,
	OPT_JSON,
};

static const struct option long_options[] = {
	{ "link", required_argument, NULL, OPT_LINK },
	{ "eid", required_argument, NULL, OPT_EID },
	{ "local-eid", required_argument, NULL, OPT_LOCAL_EID },
	{ "trust-anchor", required_argument, NULL, OPT_TRUST_ANCHOR },
	{ "slot", required_argument, NULL, OPT_SLOT },
	{ "versions", required_argument, NULL, OPT_VERSIONS },
	{ "timeout-cap", required_argument, NULL, OPT_TIMEOUT_CAP },
	{ "save-evidence", required_argument, NULL, OPT_SAVE_EVIDENCE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* Parses one option. Returns 0 or the exit code of a usage error. */
static int parse_option(struct attest_options *options, int option,
			const char *value)
{
	switch (option) {
	case OPT_LINK:
		options->link = value;
		return 0;
	case OPT_EID:
		options->eid_set = true;
		if (spdmctl_parse_uint(value, 0, 254, &options->eid) < 0)
			return spdmctl_usage_error(
				"attest", "invalid --eid '%s': give 0 to 254",
				value);
		return 0;
	case OPT_LOCAL_EID:
		if (spdmctl_parse_uint(value, 0, 254, &options->local_eid) < 0)
			return spdmctl_usage_error(
				"attest",
				"invalid --local-eid '%s': give 0 to 254",
				value);
		return 0;
	case OPT_TRUST_ANCHOR:
		options->trust_paths[options->trust_count++] = (char *)value;
		return 0;
	case OPT_SLOT:
		if (spdmctl_parse_uint(value, 0, SPDM_MAX_SLOTS - 1,
				       &options->slot) < 0)
			return spdmctl_usage_error(
				"attest", "invalid --slot '%s': give 0 to 7",
				value);
		return 0;
	case OPT_VERSIONS:
		options->versions_set = true;
		if (spdmctl_parse_versions(value, &options->min_version,
					   &options->max_version) < 0)
			return spdmctl_usage_error(
				"attest",
				"invalid --versions '%s': give versions "
				"from 1.0, 1.1 and 1.2 without gaps, e.g. "
				"1.1,1.2",
				value);
		return 0;
	case OPT_TIMEOUT_CAP:
		options->timeout_cap_set = true;
		if (spdmctl_parse_uint(value, 1, 3600000,
				       &options->timeout_cap_ms) < 0)
			return spdmctl_usage_error(
				"attest",
				"invalid --timeout-cap '%s': give "
				"milliseconds from 1 to 3600000",
				value);
		return 0;
	case OPT_SAVE_EVIDENCE:
		options->evidence_path = value;
		return 0;
	case OPT_JSON:
		options->json = true;
		return 0;
	default:
		return spdmctl_usage_error("attest", "unknown option");
	}
}

/*
 * Checks the link spec and derives the spec to open. mctp:NET:EID names
 * the endpoint in the spec itself; the link opens mctp:NET.
 */
static int check_link(struct attest_options *options)
{
	static const char *const prefixes[] = { "serial:", "unix:", "emu:",
						"mctp:" };
	const char *link = options->link;
	const char *eid_text;
	bool known = false;

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(link, prefixes[i], strlen(prefixes[i])) == 0 &&
		    link[strlen(prefixes[i])] != '\0')
			known = true;
	if (!known || strlen(link) >= LINK_SPEC_SIZE)
		return spdmctl_usage_error(
			"attest",
			"invalid --link '%s': give serial:PATH, unix:PATH, "
			"emu:HOST:PORT or mctp:NET:EID",
			link);
	snprintf(options->link_spec, sizeof(options->link_spec), "%s", link);

	eid_text = strchr(link + strlen("mctp:"), ':');
	if (strncmp(link, "mctp:", 5) != 0 || !eid_text)
		return 0;
	if (options->eid_set)
		return spdmctl_usage_error(
			"attest", "--link '%s' names the EID; drop --eid",
			link);
	if (spdmctl_parse_uint(eid_text + 1, 0, 254, &options->eid) < 0)
		return spdmctl_usage_error(
			"attest", "invalid EID in --link '%s': give 0 to 254",
			link);
	options->eid_set = true;
	options->link_spec[eid_text - link] = '\0';
	return 0;
}

/* Returns 0 when options are complete, or the exit code of a usage error. */
static int check_options(struct attest_options *options)
{
	if (!options->link)
		return spdmctl_usage_error(
			"attest",
			"--link is missing, e.g. --link serial:/dev/ttyS1");
	if (options->trust_count == 0)
		return spdmctl_usage_error(
			"attest",
			"--trust-anchor is missing: give the root certificate "
			"that the device's chain must lead to");
	return check_link(options);
}

static int parse_options(int argc, char **argv,
			 struct attest_options *options, bool *help)
{
	int option, ret;

	options->eid = DEFAULT_PEER_EID;
	options->local_eid = DEFAULT_LOCAL_EID;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":h", long_options, NULL)) !=
	       -1) {
		if (option == 'h') {
			*help = true;
			return 0;
		}
		if (option == ':')
			return spdmctl_usage_error("attest",
						   "option '%s' needs a value",
						   argv[optind - 1]);
		if (option == '?')
			return spdmctl_usage_error("attest",
						   "unknown option '%s'",
						   argv[optind - 1]);
		ret = parse_option(options, option, optarg);
		if (ret != 0)
			return ret;
	}
	if (optind < argc)
		return spdmctl_usage_error("attest", "unexpected argument '%s'",
					   argv[optind]);
	return check_options(options);
}

static void configure_requester(const struct attest_options *options,
				const struct spdm_trust *trust,
				struct spdm_requester_config *config)
{
	spdm_requester_config_default(config);
	config->flow = SPDM_FLOW_ATTEST;
	config->slot_id = (uint8_t)options->slot;
	config->measurements = true;
	config->trust = trust;
	if (options->versions_set) {
		config->min_version = options->min_version;
		config->max_version = options->max_version;
	}
	if (options->timeout_cap_set) {
		config->timeout_cap_ms = (unsigned int)options->timeout_cap_ms;
		if (config->timeout_floor_ms > config->timeout_cap_ms)
			config->timeout_floor_ms = config->timeout_cap_ms;
	}
}

/* Returns what to check when a link of this kind does not open. */
static const char *link_hint(const char *link, int error)
{
	if (error == -EINVAL)
		return "Check the link spec, e.g. emu:127.0.0.1:2323";
	if (strncmp(link, "serial:", 7) == 0)
		return "Check that the path is a tty or pty and that the "
		       "device or its emulator is there";
	if (strncmp(link, "mctp:", 5) == 0)
		return "AF_MCTP needs a kernel with MCTP, a route to the EID "
		       "and CAP_NET_RAW";
	return "Check that the emulator runs and listens there";
}

static int open_link(const struct attest_options *options,
		     struct mctp_link **link)
{
	struct mctp_link_config config = {
		.spec = options->link_spec,
		.role = MCTP_LINK_REQUESTER,
		.local_eid = (uint8_t)options->local_eid,
	};
	int ret = mctp_link_open(&config, link);

	if (ret < 0)
		return spdmctl_setup_error("attest",
					   "cannot open link %s: %s. %s.",
					   options->link, strerror(-ret),
					   link_hint(options->link, ret));
	return 0;
}

static void print_result(const struct attest_options *options,
			 const struct spdm_result *result,
			 const struct attest_loop_stats *stats)
{
	struct json_writer writer;

	if (!options->json) {
		printf("Link: %s, EID %lu\n", options->link, options->eid);
		output_result_text(stdout, result);
		output_verdict_text(stdout, result);
		return;
	}
	json_writer_init(&writer, stdout);
	json_begin_object(&writer);
	json_member_string(&writer, "link", options->link);
	json_member_uint(&writer, "eid", options->eid);
	output_result_json(&writer, result);
	json_member_uint(&writer, "requests_sent", stats->requests_sent);
	json_member_uint(&writer, "timeouts", stats->timeouts);
	json_member_uint(&writer, "stray_messages", stats->stray_messages);
	json_end_object(&writer);
	json_writer_finish(&writer);
}

static int save_evidence(const char *path, const struct spdm_result *result)
{
	const char *producer = "spdmctl attest " SPDMD_PROJECT_VERSION;
	int ret = spdm_conversation_write_file(path, &result->evidence, result,
					       producer);

	if (ret < 0)
		spdmctl_setup_error("attest", "cannot write evidence to %s: %s",
				    path, strerror(-ret));
	return ret;
}

/* Attests over an open link and returns the exit code. */
static int attest_over_link(const struct attest_options *options,
			    const struct spdm_requester_config *config,
			    struct mctp_link *link)
{
	struct attest_loop_stats stats;
	struct spdm_requester *req;
	struct spdm_result result;
	int ret, exit_code;

	ret = spdm_requester_new(config, &req);
	if (ret < 0)
		return spdmctl_setup_error("attest",
					   "cannot create the requester: %s",
					   strerror(-ret));
	ret = attest_loop_run(req, link, (uint8_t)options->eid, &stats);
	if (ret < 0) {
		spdm_requester_free(req);
		return spdmctl_setup_error("attest", "%s", strerror(-ret));
	}
	spdm_requester_take_result(req, &result);
	spdm_requester_free(req);

	if (stats.link_error)
		fprintf(stderr, "spdmctl attest: link %s failed: %s\n",
			options->link, strerror(-stats.link_error));
	print_result(options, &result, &stats);
	exit_code = result.verified ? SPDMCTL_EXIT_VERIFIED
				    : SPDMCTL_EXIT_FAILED;
	if (options->evidence_path &&
	    save_evidence(options->evidence_path, &result) < 0)
		exit_code = SPDMCTL_EXIT_USAGE;
	spdm_result_clear(&result);
	return exit_code;
}

static int run_attest(const struct attest_options *options)
{
	struct spdm_requester_config config;
	struct spdm_trust *trust;
	struct mctp_link *link;
	int exit_code;

	if (spdmctl_load_trust("attest", options->trust_paths,
			       options->trust_count, &trust) < 0)
		return SPDMCTL_EXIT_USAGE;
	configure_requester(options, trust, &config);

	exit_code = open_link(options, &link);
	if (exit_code == 0) {
		exit_code = attest_over_link(options, &config, link);
		mctp_link_close(link);
	}
	spdm_trust_free(trust);
	return exit_code;
}

static int attest_main(int argc, char **argv)
{
	struct attest_options options = { 0 };
	bool help = false;
	int exit_code;

	/* Every argument could be a --trust-anchor. */
	options.trust_paths = calloc((size_t)argc, sizeof(char *));
	if (!options.trust_paths)
		return spdmctl_setup_error("attest", "out of memory");

	exit_code = parse_options(argc, argv, &options, &help);
	if (help)
		print_usage(stdout);
	else if (exit_code == 0)
		exit_code = run_attest(&options);
	free(options.trust_paths);
	return exit_code;
}

const struct spdmctl_command spdmctl_attest_command = {
	.name = "attest",
	.summary = "attest one MCTP endpoint now and print the result",
	.run = attest_main,
};
