// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <getopt.h>
#include <stdio.h>

#include "config.h"
#include "options.h"

enum {
	OPTION_CHECK_CONFIG = 0x100,
	OPTION_STATE_DIR,
	OPTION_BUS_ADDRESS,
	OPTION_LOG_STDERR,
	OPTION_VERSION,
};

static void print_help(const char *program)
{
	printf("Usage: %s [OPTION]...\n"
	       "Attest SPDM endpoints and publish the results on D-Bus.\n"
	       "\n"
	       "  -c, --config FILE        configuration file (default %s)\n"
	       "      --check-config FILE  validate FILE and exit: 0 when "
	       "valid, 1 when not\n"
	       "      --state-dir DIR      trust-on-first-use pins folder "
	       "(default %s)\n"
	       "      --bus-address ADDR   connect to this D-Bus address "
	       "instead of the\n"
	       "                           system bus\n"
	       "      --log-stderr         also log to stderr when stderr "
	       "is the journal\n"
	       "  -v, --verbose            log debug messages too\n"
	       "  -h, --help               print this help and exit\n"
	       "      --version            print the version and exit\n",
	       program, CONFIG_DEFAULT_FILE, SPDMD_DEFAULT_STATE_DIR);
}

static const struct option long_options[] = {
    {"config", required_argument, NULL, 'c'},
    {"check-config", required_argument, NULL, OPTION_CHECK_CONFIG},
    {"state-dir", required_argument, NULL, OPTION_STATE_DIR},
    {"bus-address", required_argument, NULL, OPTION_BUS_ADDRESS},
    {"log-stderr", no_argument, NULL, OPTION_LOG_STDERR},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPTION_VERSION},
    {NULL, 0, NULL, 0},
};

int options_parse(int argc, char **argv, struct options *options)
{
	int option;

	*options = (struct options){
	    .config_file = CONFIG_DEFAULT_FILE,
	    .state_dir = SPDMD_DEFAULT_STATE_DIR,
	};
	while ((option = getopt_long(argc, argv, "c:vh", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'c':
			options->config_file = optarg;
			options->config_file_given = true;
			break;
		case OPTION_CHECK_CONFIG:
			options->check_config_file = optarg;
			break;
		case OPTION_STATE_DIR:
			options->state_dir = optarg;
			break;
		case OPTION_BUS_ADDRESS:
			options->bus_address = optarg;
			break;
		case OPTION_LOG_STDERR:
			options->log_stderr = true;
			break;
		case 'v':
			options->verbose = true;
			break;
		case 'h':
			print_help(argv[0]);
			return 1;
		case OPTION_VERSION:
			printf("spdmd %s\n", SPDMD_PROJECT_VERSION);
			return 1;
		default:
			fprintf(stderr, "Try '%s --help'.\n", argv[0]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'; try --help\n",
			argv[0], argv[optind]);
		return -EINVAL;
	}
	return 0;
}
