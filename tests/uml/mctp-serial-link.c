// SPDX-License-Identifier: BSD-3-Clause
/*
 * mctp-serial-link: gives the Linux kernel an MCTP serial interface whose
 * far end is a pty, then runs a command beside it. Used inside the
 * User-mode Linux guest of the AF_MCTP tests, where it plays the BMC's
 * UART: the kernel's mctp-serial driver frames on one side of the pty and
 * spdm-responder serves the other side.
 *
 *   mctp-serial-link --local-eid 8 --remote-eid 20 [--remote-eid 21]
 *                    [--network NET] [--capture PREFIX] -- COMMAND [ARGS...]
 *
 * Steps: open a pty pair in raw mode, attach the N_MCTP line discipline
 * (28) to the master so the kernel creates mctpserialN, then over
 * rtnetlink set the link up, add the local EID and add a route to each
 * remote EID. COMMAND runs with MCTP_PTY (the slave path), MCTP_IFNAME and
 * MCTP_IFINDEX in its environment; the link lives until COMMAND exits,
 * because the interface disappears when the master is closed.
 *
 * --network NET moves the interface to MCTP network NET (1-4294967295)
 * before it goes up; without it the interface stays on Linux's default
 * network, 1.
 *
 * --capture PREFIX puts a relay between the kernel's pty and COMMAND's,
 * which gets a pty of its own, and appends the bytes of each direction to
 * PREFIX.to-device and PREFIX.to-kernel.
 *
 * SIGTERM, SIGINT or SIGHUP unplug the device: the master is closed
 * first, so the interface and its routes disappear, and then COMMAND gets
 * SIGTERM.
 *
 * Needs CAP_NET_ADMIN (root in the guest). Exit status: COMMAND's, or 125
 * when the link could not be set up.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "pty_capture.h"

#ifndef AF_MCTP
#define AF_MCTP 45
#endif
#ifndef N_MCTP
#define N_MCTP 28
#endif

#define SETUP_FAILED 125
#define MAX_REMOTE_EIDS 16
#define MAX_INTERFACES 256

struct netlink_request {
	struct nlmsghdr header;
	uint8_t payload[256];
};

static int make_raw(int fd)
{
	struct termios tio;

	if (tcgetattr(fd, &tio) < 0)
		return -errno;
	cfmakeraw(&tio);
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		return -errno;
	return 0;
}

static int open_pty(int *master, char *slave_path, size_t size)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	if (grantpt(fd) < 0 || unlockpt(fd) < 0 ||
	    ptsname_r(fd, slave_path, size) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	rc = make_raw(fd);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	*master = fd;
	return 0;
}

/* Marks in seen[] every mctpserial interface index that exists now. */
static void list_serial_interfaces(uint8_t seen[MAX_INTERFACES])
{
	struct if_nameindex *all = if_nameindex();

	memset(seen, 0, MAX_INTERFACES);
	for (struct if_nameindex *i = all; i && i->if_index; i++)
		if (strncmp(i->if_name, "mctpserial", 10) == 0 &&
		    i->if_index < MAX_INTERFACES)
			seen[i->if_index] = 1;
	if (all)
		if_freenameindex(all);
}

/*
 * Attaches N_MCTP to fd. Linux 6.1 has no ioctl that names the interface
 * of a tty, so the new interface is the mctpserial one that was not there
 * before.
 */
static int attach_line_discipline(int fd, char *ifname, int *ifindex)
{
	uint8_t before[MAX_INTERFACES];
	uint8_t after[MAX_INTERFACES];
	int discipline = N_MCTP;

	list_serial_interfaces(before);
	if (ioctl(fd, TIOCSETD, &discipline) < 0)
		return -errno;
	list_serial_interfaces(after);
	for (int i = 1; i < MAX_INTERFACES; i++) {
		if (after[i] && !before[i]) {
			if (!if_indextoname((unsigned int)i, ifname))
				return -errno;
			*ifindex = i;
			return 0;
		}
	}
	return -ENODEV;
}

static void add_attribute(struct nlmsghdr *header, unsigned short type,
			  const void *data, size_t length)
{
	struct rtattr *attribute =
		(struct rtattr *)((uint8_t *)header +
				  NLMSG_ALIGN(header->nlmsg_len));

	attribute->rta_type = type;
	attribute->rta_len = (unsigned short)RTA_LENGTH(length);
	if (length > 0)
		memcpy(RTA_DATA(attribute), data, length);
	header->nlmsg_len = NLMSG_ALIGN(header->nlmsg_len) +
			    RTA_ALIGN(attribute->rta_len);
}

/* Sends one rtnetlink request and returns the kernel's acknowledgement. */
static int netlink_transact(struct nlmsghdr *header)
{
	static uint32_t sequence;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint8_t reply[4096];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int rc = -EIO;

	if (fd < 0)
		return -errno;
	header->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	header->nlmsg_seq = ++sequence;
	if (sendto(fd, header, header->nlmsg_len, 0,
		   (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		rc = -errno;
		goto out;
	}
	for (;;) {
		ssize_t n = recv(fd, reply, sizeof(reply), 0);

		if (n < 0) {
			rc = -errno;
			goto out;
		}
		for (struct nlmsghdr *r = (struct nlmsghdr *)reply;
		     NLMSG_OK(r, (size_t)n); r = NLMSG_NEXT(r, n)) {
			if (r->nlmsg_seq != header->nlmsg_seq ||
			    r->nlmsg_type != NLMSG_ERROR)
				continue;
			rc = ((struct nlmsgerr *)NLMSG_DATA(r))->error;
			goto out;
		}
	}
out:
	close(fd);
	return rc;
}

static int set_link_up(int ifindex)
{
	struct netlink_request request = { 0 };
	struct ifinfomsg *info = NLMSG_DATA(&request.header);

	request.header.nlmsg_len = NLMSG_LENGTH(sizeof(*info));
	request.header.nlmsg_type = RTM_NEWLINK;
	info->ifi_family = AF_UNSPEC;
	info->ifi_index = ifindex;
	info->ifi_flags = IFF_UP;
	info->ifi_change = IFF_UP;
	return netlink_transact(&request.header);
}

/*
 * Moves the interface to an MCTP network: IFLA_MCTP_NET nested in the
 * AF_MCTP part of IFLA_AF_SPEC.
 */
static int set_link_network(int ifindex, uint32_t network)
{
	struct netlink_request request = { 0 };
	struct ifinfomsg *info = NLMSG_DATA(&request.header);
	struct rtattr *spec, *mctp;

	request.header.nlmsg_len = NLMSG_LENGTH(sizeof(*info));
	request.header.nlmsg_type = RTM_NEWLINK;
	info->ifi_family = AF_UNSPEC;
	info->ifi_index = ifindex;
	spec = (struct rtattr *)((uint8_t *)&request.header +
				 NLMSG_ALIGN(request.header.nlmsg_len));
	add_attribute(&request.header, IFLA_AF_SPEC | NLA_F_NESTED, NULL, 0);
	mctp = (struct rtattr *)((uint8_t *)&request.header +
				 NLMSG_ALIGN(request.header.nlmsg_len));
	add_attribute(&request.header, AF_MCTP | NLA_F_NESTED, NULL, 0);
	add_attribute(&request.header, IFLA_MCTP_NET, &network,
		      sizeof(network));
	mctp->rta_len = (unsigned short)((uint8_t *)&request.header +
					 request.header.nlmsg_len -
					 (uint8_t *)mctp);
	spec->rta_len = (unsigned short)((uint8_t *)&request.header +
					 request.header.nlmsg_len -
					 (uint8_t *)spec);
	return netlink_transact(&request.header);
}

/* MCTP addresses are one-byte EIDs in IFA_LOCAL. */
static int add_local_eid(int ifindex, uint8_t eid)
{
	struct netlink_request request = { 0 };
	struct ifaddrmsg *address = NLMSG_DATA(&request.header);

	request.header.nlmsg_len = NLMSG_LENGTH(sizeof(*address));
	request.header.nlmsg_type = RTM_NEWADDR;
	request.header.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	address->ifa_family = AF_MCTP;
	address->ifa_index = (unsigned int)ifindex;
	add_attribute(&request.header, IFA_LOCAL, &eid, 1);
	return netlink_transact(&request.header);
}

/* An MCTP route's rtm_dst_len is the number of further EIDs in the range. */
static int add_route(int ifindex, uint8_t eid)
{
	struct netlink_request request = { 0 };
	struct rtmsg *route = NLMSG_DATA(&request.header);
	uint32_t output_interface = (uint32_t)ifindex;

	request.header.nlmsg_len = NLMSG_LENGTH(sizeof(*route));
	request.header.nlmsg_type = RTM_NEWROUTE;
	request.header.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	route->rtm_family = AF_MCTP;
	route->rtm_dst_len = 0;
	route->rtm_table = RT_TABLE_DEFAULT;
	route->rtm_protocol = RTPROT_STATIC;
	route->rtm_scope = RT_SCOPE_LINK;
	route->rtm_type = RTN_UNICAST;
	add_attribute(&request.header, RTA_DST, &eid, 1);
	add_attribute(&request.header, RTA_OIF, &output_interface, 4);
	return netlink_transact(&request.header);
}

/* Reads an MCTP network id, 1-4294967295. */
static int parse_network(const char *text, uint32_t *network)
{
	unsigned long long value;
	char *end;

	errno = 0;
	value = strtoull(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || value == 0 ||
	    value > UINT32_MAX || text[0] == '-')
		return -EINVAL;
	*network = (uint32_t)value;
	return 0;
}

static int parse_eid(const char *text, uint8_t *eid)
{
	char *end;
	long value = strtol(text, &end, 0);

	/* DSP0236: 8-254 are unicast EIDs; 0-7 and 255 are reserved. */
	if (*text == '\0' || *end != '\0' || value < 8 || value > 254)
		return -EINVAL;
	*eid = (uint8_t)value;
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out, "usage: mctp-serial-link --local-eid EID "
		     "--remote-eid EID [--remote-eid EID]... "
		     "[--network NET] [--capture PREFIX] -- COMMAND "
		     "[ARGS...]\n");
}

/* The processes and descriptors that make up one plugged-in device. */
struct device_link {
	int master;
	bool capturing;
	struct pty_capture capture;
	pid_t command;
};

/* Unplugs the device at the first signal, and kills COMMAND at the next. */
static void unplug(struct device_link *device)
{
	if (device->master < 0) {
		kill(device->command, SIGKILL);
		return;
	}
	close(device->master);
	device->master = -1;
	if (device->capturing)
		pty_capture_close(&device->capture);
	device->capturing = false;
	kill(device->command, SIGTERM);
}

static pid_t start_command(char **argv, const sigset_t *original_mask)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	sigprocmask(SIG_SETMASK, original_mask, NULL);
	execvp(argv[0], argv);
	fprintf(stderr, "mctp-serial-link: failed to run %s: %s\n",
		argv[0], strerror(errno));
	_exit(127);
}

/* Handles one signal. Returns COMMAND's exit status once it ended, else -1. */
static int handle_signal(struct device_link *device, int signal_fd)
{
	struct signalfd_siginfo info;
	int status;

	if (read(signal_fd, &info, sizeof(info)) != sizeof(info))
		return -1;
	if (info.ssi_signo != SIGCHLD) {
		unplug(device);
		return -1;
	}
	if (waitpid(device->command, &status, WNOHANG) != device->command)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Relays captured bytes and handles signals until COMMAND exits. */
static int supervise(struct device_link *device, int signal_fd)
{
	for (;;) {
		struct pollfd fds[3] = {
			{ .fd = signal_fd, .events = POLLIN },
			{ .fd = -1, .events = POLLIN },
			{ .fd = -1, .events = POLLIN },
		};
		int status;

		if (device->capturing) {
			fds[1].fd = device->capture.kernel_fd;
			fds[2].fd = device->capture.device_fd;
		}
		if (poll(fds, 3, -1) < 0 && errno != EINTR)
			return SETUP_FAILED;
		for (int i = 1; i < 3 && device->capturing; i++) {
			int ret = 0;

			if (fds[i].revents)
				ret = pty_capture_forward(&device->capture,
							  fds[i].fd);
			if (ret < 0) {
				fprintf(stderr,
					"mctp-serial-link: capture relay "
					"failed: %s; capture stopped\n",
					strerror(-ret));
				pty_capture_close(&device->capture);
				device->capturing = false;
			}
		}
		if (fds[0].revents) {
			status = handle_signal(device, signal_fd);
			if (status >= 0)
				return status;
		}
	}
}

static int run_command(struct device_link *device, char **argv)
{
	sigset_t handled, original_mask;
	int signal_fd, status;

	sigemptyset(&handled);
	sigaddset(&handled, SIGCHLD);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &handled, &original_mask) < 0)
		return SETUP_FAILED;
	signal_fd = signalfd(-1, &handled, SFD_CLOEXEC);
	if (signal_fd < 0)
		return SETUP_FAILED;
	device->command = start_command(argv, &original_mask);
	if (device->command < 0)
		return SETUP_FAILED;

	status = supervise(device, signal_fd);
	close(signal_fd);
	return status;
}

static int set_up_link(uint32_t network, uint8_t local_eid,
		       const uint8_t *remote_eids, size_t remote_count,
		       const char *capture_prefix, struct device_link *device)
{
	char slave_path[64];
	char ifname[IF_NAMESIZE];
	char number[16];
	int ifindex = 0;
	int rc = open_pty(&device->master, slave_path, sizeof(slave_path));

	if (rc == 0)
		rc = attach_line_discipline(device->master, ifname, &ifindex);
	if (rc == 0 && network != 0)
		rc = set_link_network(ifindex, network);
	if (rc == 0)
		rc = set_link_up(ifindex);
	if (rc == 0)
		rc = add_local_eid(ifindex, local_eid);
	for (size_t i = 0; rc == 0 && i < remote_count; i++)
		rc = add_route(ifindex, remote_eids[i]);
	if (rc == 0 && capture_prefix) {
		rc = pty_capture_open(&device->capture, slave_path,
				      capture_prefix);
		device->capturing = rc == 0;
	}
	if (rc < 0) {
		fprintf(stderr, "mctp-serial-link: setting up the link failed: "
				"%s\n",
			strerror(-rc));
		return rc;
	}
	snprintf(number, sizeof(number), "%d", ifindex);
	setenv("MCTP_PTY",
	       device->capturing ? device->capture.device_path : slave_path,
	       1);
	setenv("MCTP_IFNAME", ifname, 1);
	setenv("MCTP_IFINDEX", number, 1);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "local-eid", required_argument, NULL, 'l' },
		{ "remote-eid", required_argument, NULL, 'r' },
		{ "capture", required_argument, NULL, 'c' },
		{ "network", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	uint8_t remote_eids[MAX_REMOTE_EIDS];
	size_t remote_count = 0;
	struct device_link device = { .master = -1 };
	const char *capture_prefix = NULL;
	uint8_t local_eid = 0;
	uint32_t network = 0;
	int option;

	while ((option = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (option == 'h') {
			usage(stdout);
			return 0;
		}
		if (option == 'l' && parse_eid(optarg, &local_eid) == 0)
			continue;
		if (option == 'c') {
			capture_prefix = optarg;
			continue;
		}
		if (option == 'n' && parse_network(optarg, &network) == 0)
			continue;
		if (option == 'r' && remote_count < MAX_REMOTE_EIDS &&
		    parse_eid(optarg, &remote_eids[remote_count]) == 0) {
			remote_count++;
			continue;
		}
		fprintf(stderr, "mctp-serial-link: invalid option or EID "
				"(EIDs are 8-254, at most %d remote)\n",
			MAX_REMOTE_EIDS);
		usage(stderr);
		return SETUP_FAILED;
	}
	if (local_eid == 0 || remote_count == 0 || optind >= argc) {
		usage(stderr);
		return SETUP_FAILED;
	}
	if (set_up_link(network, local_eid, remote_eids, remote_count,
			capture_prefix, &device) < 0)
		return SETUP_FAILED;
	return run_command(&device, argv + optind);
}
