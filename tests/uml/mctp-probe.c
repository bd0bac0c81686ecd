// SPDX-License-Identifier: BSD-3-Clause
/*
 * mctp-probe: pokes at the kernel's AF_MCTP state beside the programs
 * under test, inside the User-mode Linux guest of the AF_MCTP tests.
 *
 *   mctp-probe hold-tags --eid EID --hold-ms MS
 *	Takes every free tag towards EID with SIOCMCTPALLOCTAG, prints
 *	"held N tags for EID E" and keeps them MS milliseconds, so other
 *	requesters to EID find the tag space full (Linux allows eight
 *	outstanding requests per local and peer EID pair). Exit status 0
 *	when it held all eight, 1 when fewer.
 *
 *   mctp-probe bind --type TYPE [--hold-ms MS]
 *	Binds a socket to (MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE), as a
 *	responder for that message type does, prints "bound type T" or
 *	"bind failed: ERROR" and keeps the binding MS milliseconds. Linux
 *	rejects a second such binding with EADDRINUSE. Exit status 0 when
 *	bound, 1 when the kernel rejected it.
 *
 * Closing the socket at exit releases the tags or the binding. Exit
 * status 2 on a usage or system error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/mctp.h>
#include <linux/sockios.h>

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

#define TAG_COUNT    8
#define USAGE_FAILED 2
#define MAX_HOLD_MS  600000

struct probe_options {
	long eid;
	long type;
	long hold_ms;
};

static bool parse_number(const char *text, long max, long *value)
{
	char *end;

	errno = 0;
	*value = strtol(text, &end, 0);
	return errno == 0 && *text != '\0' && *end == '\0' && *value >= 0 &&
	       *value <= max;
}

static void sleep_ms(long milliseconds)
{
	struct timespec delay = {
	    .tv_sec = milliseconds / 1000,
	    .tv_nsec = (milliseconds % 1000) * 1000000,
	};

	while (nanosleep(&delay, &delay) < 0 && errno == EINTR)
		;
}

static int hold_tags(int fd, const struct probe_options *options)
{
	int held = 0;

	while (held < TAG_COUNT) {
		struct mctp_ioc_tag_ctl control = {
		    .peer_addr = (uint8_t)options->eid,
		};

		if (ioctl(fd, SIOCMCTPALLOCTAG, &control) < 0) {
			if (errno != EBUSY)
				fprintf(stderr,
					"mctp-probe: SIOCMCTPALLOCTAG "
					"failed: %s\n",
					strerror(errno));
			break;
		}
		held++;
	}
	printf("held %d tags for EID %ld\n", held, options->eid);
	fflush(stdout);
	sleep_ms(options->hold_ms);
	return held == TAG_COUNT ? 0 : 1;
}

static int bind_type(int fd, const struct probe_options *options)
{
	struct sockaddr_mctp address;

	memset(&address, 0, sizeof(address));
	address.smctp_family = AF_MCTP;
	address.smctp_network = MCTP_NET_ANY;
	address.smctp_addr.s_addr = MCTP_ADDR_ANY;
	address.smctp_type = (uint8_t)options->type;
	if (bind(fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
		printf("bind failed: %s\n", strerror(errno));
		return 1;
	}
	printf("bound type %ld\n", options->type);
	fflush(stdout);
	sleep_ms(options->hold_ms);
	return 0;
}

static int parse_options(int argc, char **argv, struct probe_options *options)
{
	static const struct option long_options[] = {
	    {"eid", required_argument, NULL, 'e'},
	    {"type", required_argument, NULL, 't'},
	    {"hold-ms", required_argument, NULL, 'm'},
	    {0},
	};
	int option;

	*options = (struct probe_options){.eid = -1, .type = -1};
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		if (option == 'e' && parse_number(optarg, 254, &options->eid) &&
		    options->eid >= 8)
			continue;
		if (option == 't' && parse_number(optarg, 0x7f, &options->type))
			continue;
		if (option == 'm' &&
		    parse_number(optarg, MAX_HOLD_MS, &options->hold_ms))
			continue;
		return -1;
	}
	return optind == argc ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct probe_options options;
	const char *command = argc > 1 ? argv[1] : "";
	int fd, status;

	if (parse_options(argc - 1, argv + 1, &options) < 0 ||
	    (strcmp(command, "hold-tags") == 0 && options.eid < 0) ||
	    (strcmp(command, "bind") == 0 && options.type < 0) ||
	    (strcmp(command, "hold-tags") != 0 &&
	     strcmp(command, "bind") != 0)) {
		fprintf(stderr, "usage: mctp-probe hold-tags --eid EID (8-254) "
				"--hold-ms MS\n"
				"       mctp-probe bind --type TYPE (0-0x7f) "
				"[--hold-ms MS]\n");
		return USAGE_FAILED;
	}

	fd = socket(AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "mctp-probe: AF_MCTP socket failed: %s\n",
			strerror(errno));
		return USAGE_FAILED;
	}
	if (strcmp(command, "hold-tags") == 0)
		status = hold_tags(fd, &options);
	else
		status = bind_type(fd, &options);
	close(fd);
	return status;
}
