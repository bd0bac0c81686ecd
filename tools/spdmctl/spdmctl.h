/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Declarations every spdmctl command shares: exit codes, the command table
 * entry and option helpers. Each command lives in its own file and exports one
 * struct spdmctl_command, listed in main.c.
 */
#ifndef SPDMCTL_H
#define SPDMCTL_H

#include <stdbool.h>
#include <stdint.h>

#include <spdm/cert_chain.h>

/* Exit codes of every command. */
#define SPDMCTL_EXIT_VERIFIED 0 /* the device or evidence verified */
#define SPDMCTL_EXIT_FAILED 1	/* attestation or verification failed */
#define SPDMCTL_EXIT_USAGE 2	/* bad usage or a set-up error */

struct spdmctl_command {
	const char *name;
	/* One line for the command list of spdmctl --help. */
	const char *summary;
	/* Runs the command (argv[0] is its name) and returns the exit code. */
	int (*run)(int argc, char **argv);
};

extern const struct spdmctl_command spdmctl_attest_command;
extern const struct spdmctl_command spdmctl_verify_command;
extern const struct spdmctl_command spdmctl_status_command;
extern const struct spdmctl_command spdmctl_redfish_command;
extern const struct spdmctl_command spdmctl_get_signed_measurements_command;

/*
 * Prints "spdmctl COMMAND: MESSAGE" and a pointer to the command's help
 * on stderr. Returns SPDMCTL_EXIT_USAGE.
 */
int spdmctl_usage_error(const char *command, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "spdmctl COMMAND: MESSAGE" on stderr. Returns SPDMCTL_EXIT_USAGE. */
int spdmctl_setup_error(const char *command, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Parses a decimal or 0x-prefixed hexadecimal number in [min, max].
 * Returns 0 or -EINVAL.
 */
int spdmctl_parse_uint(const char *text, unsigned long min, unsigned long max,
		       unsigned long *value);

/*
 * Parses a comma-separated list of SPDM versions ("1.0,1.1,1.2") into the
 * lowest and highest SPDMVersion bytes. The requester accepts a range, so
 * the list must have no gaps. Returns 0 or -EINVAL.
 */
int spdmctl_parse_versions(const char *text, uint8_t *min_version,
			   uint8_t *max_version);

/*
 * Loads trust anchors: each path is a DER or PEM certificate file, or a
 * folder whose *.der, *.pem and *.crt files are all loaded. On failure
 * prints what failed for command and returns a negative errno.
 */
int spdmctl_load_trust(const char *command, char *const *paths, size_t count,
		       struct spdm_trust **trust);

#endif /* SPDMCTL_H */
