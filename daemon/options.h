/* SPDX-License-Identifier: BSD-3-Clause */
/* spdmd's command line. */
#ifndef SPDMD_OPTIONS_H
#define SPDMD_OPTIONS_H

#include <stdbool.h>

#define SPDMD_DEFAULT_STATE_DIR "/var/lib/spdmd"

struct options {
	const char *config_file;
	bool config_file_given;
	const char *check_config_file; /* --check-config, or NULL */
	const char *state_dir;
	const char *bus_address; /* NULL: the system bus */
	bool log_stderr;
	bool verbose;
};

/*
 * Parses argv. Returns 0 to run, 1 when the program should exit with
 * status 0 (--help, --version), or -EINVAL after printing the problem.
 */
int options_parse(int argc, char **argv, struct options *options);

#endif /* SPDMD_OPTIONS_H */
