// SPDX-License-Identifier: BSD-3-Clause
/* Command-line options of spdm-responder. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "responder_tool.h"

/* Options that are device settings, applied after any --profile. */
#define MAX_SETTINGS 128

enum {
	OPTION_LISTEN = 256,
	OPTION_PROFILE,
	OPTION_DEVICE,
	OPTION_STATUS,
	OPTION_SETTING,
	OPTION_VERSION,
};

static const struct option long_options[] = {
    {"listen", required_argument, NULL, OPTION_LISTEN},
    {"profile", required_argument, NULL, OPTION_PROFILE},
    {"device", required_argument, NULL, OPTION_DEVICE},
    {"status", required_argument, NULL, OPTION_STATUS},
    {"eid", required_argument, NULL, OPTION_SETTING},
    {"chain", required_argument, NULL, OPTION_SETTING},
    {"chain1", required_argument, NULL, OPTION_SETTING},
    {"key", required_argument, NULL, OPTION_SETTING},
    {"versions", required_argument, NULL, OPTION_SETTING},
    {"asym", required_argument, NULL, OPTION_SETTING},
    {"hash", required_argument, NULL, OPTION_SETTING},
    {"measurement-hash", required_argument, NULL, OPTION_SETTING},
    {"caps", required_argument, NULL, OPTION_SETTING},
    {"ct-exponent", required_argument, NULL, OPTION_SETTING},
    {"data-transfer-size", required_argument, NULL, OPTION_SETTING},
    {"max-spdm-msg-size", required_argument, NULL, OPTION_SETTING},
    {"measurements", required_argument, NULL, OPTION_SETTING},
    {"fault", required_argument, NULL, OPTION_SETTING},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPTION_VERSION},
    {NULL, 0, NULL, 0},
};

void print_usage(FILE *stream)
{
	fputs(
	    "Usage: spdm-responder --listen unix:PATH|serial:PATH|pty|"
	    "emu:[HOST:]PORT\n"
	    "         [--eid N] --chain DER_BUNDLE [--chain1 DER_BUNDLE] "
	    "--key PEM\n"
	    "         [--versions 1.0,1.1,1.2] [--asym LIST] [--hash LIST]\n"
	    "         [--measurement-hash LIST] [--caps FLAGS] "
	    "[--ct-exponent N]\n"
	    "         [--data-transfer-size BYTES] "
	    "[--max-spdm-msg-size BYTES]\n"
	    "         [--measurements FILE] [--fault SPEC]... "
	    "[--profile FILE]\n"
	    "         [--device EID:PROFILE]... [--status FILE] [-v]\n"
	    "\n"
	    "Emulates SPDM 1.0-1.2 devices on an MCTP link until SIGTERM or\n"
	    "SIGINT (or, on emu:, a SHUTDOWN command). See spdm-responder(1)\n"
	    "for the settings, the profile file and the faults.\n"
	    "\n"
	    "  --listen SPEC     link to serve; pty prints 'pty: /dev/pts/N'\n"
	    "  --eid N           EID of the device (default 9)\n"
	    "  --chain FILE      slot 0 chain: DER certificates, root first\n"
	    "  --chain1 FILE     slot 1 chain\n"
	    "  --key FILE        private key of the leaf, PEM\n"
	    "  --versions LIST   versions to advertise (default "
	    "1.0,1.1,1.2)\n"
	    "  --asym LIST       BaseAsymAlgo names the device may select\n"
	    "  --hash LIST       BaseHashAlgo names the device may select\n"
	    "  --measurement-hash LIST\n"
	    "                    MeasurementHashAlgo names the device may "
	    "select\n"
	    "  --caps FLAGS      capability flags, hex or names joined by |\n"
	    "                    (default CERT|CHAL|MEAS_SIG|MEAS_FRESH)\n"
	    "  --ct-exponent N   CTExponent (default 20, about 1 s)\n"
	    "  --data-transfer-size BYTES, --max-spdm-msg-size BYTES\n"
	    "                    the SPDM 1.2 sizes (default 4608 each)\n"
	    "  --measurements FILE\n"
	    "                    measurement blocks to serve\n"
	    "  --fault SPEC      a fault to show, e.g. busy=2 (repeatable)\n"
	    "  --profile FILE    device settings from an INI file\n"
	    "  --device EID:FILE one more device on the same link "
	    "(repeatable)\n"
	    "  --status FILE     write the endpoints and message types there\n"
	    "  -v, --verbose     log every request and response\n"
	    "  --version         print the version and exit\n",
	    stream);
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *format,
							     ...)
{
	va_list args;

	fputs("spdm-responder: ", stderr);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputs("; see --help\n", stderr);
	return EXIT_USAGE;
}

struct pending_setting {
	const char *key;
	const char *value;
};

struct parse_state {
	struct pending_setting settings[MAX_SETTINGS];
	size_t setting_count;
	const char *profile;
	const char *device_specs[MAX_DEVICES];
	size_t device_spec_count;
};

static int add_device_from_spec(struct options *options, const char *spec)
{
	struct device_settings *device;
	unsigned long eid;
	char *end;

	/* NOLINTNEXTLINE(clang-analyzer-core.NonNullParamChecker): optarg */
	eid = strtoul(spec, &end, 0);
	if (end == spec || *end != ':' || !end[1] || eid > 0xfe)
		return usage_error("invalid --device '%s' (EID:PROFILE)", spec);
	if (options->device_count >= MAX_DEVICES)
		return usage_error("more than %d devices at '%s'", MAX_DEVICES,
				   spec);
	device = &options->devices[options->device_count++];
	device->source = end + 1;
	if (profile_load(device, end + 1))
		return EXIT_USAGE;
	device->eid = (uint8_t)eid;
	device->eid_set = true;
	return 0;
}

/* Builds the device of --profile and the device-setting options. */
static int add_main_device(struct options *options, struct parse_state *state)
{
	struct device_settings *device = &options->devices[0];
	char error[256];

	device->source = "command line";
	options->device_count = 1;
	if (state->profile) {
		device->source = state->profile;
		if (profile_load(device, state->profile))
			return EXIT_USAGE;
	}
	for (size_t i = 0; i < state->setting_count; i++) {
		if (settings_apply(device, state->settings[i].key,
				   state->settings[i].value, error,
				   sizeof(error))) {
			fprintf(stderr,
				"spdm-responder: --%s: %s; see --help\n",
				state->settings[i].key, error);
			return EXIT_USAGE;
		}
	}
	return 0;
}

static int check_devices(const struct options *options)
{
	for (size_t i = 0; i < options->device_count; i++) {
		const struct device_settings *device = &options->devices[i];

		if (!device->key_path)
			return usage_error("no --key (or key =) for the device "
					   "of %s",
					   device->source);
		for (size_t j = 0; j < i; j++)
			if (options->devices[j].eid == device->eid)
				return usage_error(
				    "two devices with the EID of "
				    "%s",
				    device->source);
	}
	if (options->device_count > 1 && !strncmp(options->listen, "emu:", 4))
		return usage_error("%s carries one device only; use serial:, "
				   "unix: or pty for --device",
				   options->listen);
	return 0;
}

static int collect(struct options *options, struct parse_state *state,
		   int option, const char *name)
{
	switch (option) {
	case OPTION_LISTEN:
		options->listen = optarg;
		return 0;
	case OPTION_PROFILE:
		state->profile = optarg;
		return 0;
	case OPTION_STATUS:
		options->status_path = optarg;
		return 0;
	case OPTION_DEVICE:
		if (state->device_spec_count >= MAX_DEVICES)
			return usage_error("more than %d devices", MAX_DEVICES);
		state->device_specs[state->device_spec_count++] = optarg;
		return 0;
	case OPTION_SETTING:
		if (state->setting_count >= MAX_SETTINGS)
			return usage_error("too many options at --%s", name);
		state->settings[state->setting_count].key = name;
		state->settings[state->setting_count++].value = optarg;
		return 0;
	case 'v':
		options->verbose++;
		return 0;
	case 'h':
		print_usage(stdout);
		exit(EXIT_SUCCESS);
	case OPTION_VERSION:
		printf("spdm-responder %s\n", SPDMD_PROJECT_VERSION);
		exit(EXIT_SUCCESS);
	default:
		return EXIT_USAGE;
	}
}

static int parse_arguments(struct options *options, struct parse_state *state,
			   int argc, char **argv)
{
	int index = 0;
	int option;
	int rc;

	opterr = 0;
	while ((option = getopt_long(argc, argv, "vh", long_options, &index)) !=
	       -1) {
		if (option == '?')
			return usage_error("unknown or incomplete option '%s'",
					   argv[optind - 1]);
		rc = collect(options, state, option,
			     option == OPTION_SETTING ? long_options[index].name
						      : NULL);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!options->listen)
		return usage_error("--listen is required");
	return 0;
}

int options_parse(struct options *options, int argc, char **argv)
{
	struct parse_state state = {0};
	int rc;

	memset(options, 0, sizeof(*options));
	rc = parse_arguments(options, &state, argc, argv);
	if (rc)
		return rc;
	if (state.profile || state.setting_count || !state.device_spec_count) {
		rc = add_main_device(options, &state);
		if (rc)
			return rc;
		if (!options->devices[0].eid_set)
			options->devices[0].eid = DEFAULT_EID;
	}
	for (size_t i = 0; i < state.device_spec_count; i++) {
		rc = add_device_from_spec(options, state.device_specs[i]);
		if (rc)
			return rc;
	}
	return check_devices(options);
}

void options_free(struct options *options)
{
	for (size_t i = 0; i < options->device_count; i++) {
		struct device_settings *device = &options->devices[i];

		free(device->chain_path[0]);
		free(device->chain_path[1]);
		free(device->key_path);
		free(device->measurements_path);
		spdm_fault_plan_clear(&device->plan);
	}
	options->device_count = 0;
}
