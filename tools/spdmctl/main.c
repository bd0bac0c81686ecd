// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl: attest SPDM endpoints and verify saved evidence. Each command
 * is one entry of the table below and lives in its own file.
 */
#include <stdio.h>
#include <string.h>

#include "spdmctl.h"

static const struct spdmctl_command *const commands[] = {
	&spdmctl_attest_command,
	&spdmctl_verify_command,
#ifdef SPDMCTL_DAEMON_COMMANDS
	/* Commands that read spdmd over D-Bus; they need libsystemd. */
	&spdmctl_status_command,
	&spdmctl_redfish_command,
	&spdmctl_get_signed_measurements_command,
#endif
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *out)
{
	fputs("Usage: spdmctl COMMAND [OPTION...]\n"
	      "       spdmctl COMMAND --help\n"
	      "\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-24s %s\n", commands[i]->name,
			commands[i]->summary);
	fputs("\n"
	      "Options:\n"
	      "  -h, --help               show this help\n"
	      "  --version                show the version of spdmctl\n"
	      "\n"
	      "Exit status: 0 verified, 1 attestation or verification failed,\n"
	      "2 usage or set-up error.\n",
	      out);
}

static const struct spdmctl_command *find_command(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct spdmctl_command *command;

	if (argc < 2) {
		print_usage(stderr);
		return SPDMCTL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("spdmctl %s\n", SPDMD_PROJECT_VERSION);
		return 0;
	}

	command = find_command(argv[1]);
	if (!command) {
		fprintf(stderr,
			"spdmctl: unknown command '%s'\n"
			"Try 'spdmctl --help' for the list of commands.\n",
			argv[1]);
		return SPDMCTL_EXIT_USAGE;
	}
	return command->run(argc - 1, argv + 1);
}
