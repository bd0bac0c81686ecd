// SPDX-License-Identifier: BSD-3-Clause
/*
 * A stand-in for mctpd in the end-to-end tests: it publishes MCTP endpoint
 * objects on D-Bus under the names mctpd uses, and nothing else (it sends
 * no MCTP traffic).
 *
 * mctpd 2.x: service au.com.codeconstruct.MCTP1, ObjectManager at
 * /au/com/codeconstruct/mctp1, endpoints at
 * /au/com/codeconstruct/mctp1/networks/<net>/endpoints/<eid>.
 * mctpd before 2.0 (--legacy): service xyz.openbmc_project.MCTP,
 * ObjectManager at /xyz/openbmc_project/mctp, endpoints at
 * /xyz/openbmc_project/mctp/<net>/<eid>.
 *
 * Each endpoint object has xyz.openbmc_project.MCTP.Endpoint (NetworkId u,
 * EID y, SupportedMessageTypes ay, VendorDefinedMessageTypes a(yvq)) and,
 * when a UUID is given, xyz.openbmc_project.Common.UUID. Like mctpd, it
 * also publishes its own local EID with the message types [0x00].
 *
 * Tests drive it with one command per line on stdin, each acknowledged
 * with one line on stdout that starts with "ok" or "error":
 *
 *	add NET EID TYPES [UUID]   TYPES: comma-separated, e.g. 0x00,0x05
 *	remove NET EID
 *	list
 *	quit
 *
 * "ready SERVICE" is printed once the name is owned. End of input quits.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#define ENDPOINT_INTERFACE "xyz.openbmc_project.MCTP.Endpoint"
#define UUID_INTERFACE	   "xyz.openbmc_project.Common.UUID"

#define MAX_MESSAGE_TYPES 32
#define MAX_ENDPOINTS	  1024
#define MAX_LINE	  512

struct bus_names {
	const char *service;
	const char *root; /* the ObjectManager path */
	bool legacy;
};

static const struct bus_names current_names = {
    .service = "au.com.codeconstruct.MCTP1",
    .root = "/au/com/codeconstruct/mctp1",
    .legacy = false,
};

static const struct bus_names legacy_names = {
    .service = "xyz.openbmc_project.MCTP",
    .root = "/xyz/openbmc_project/mctp",
    .legacy = true,
};

static void format_endpoint_path(const struct bus_names *names,
				 uint32_t network, uint8_t eid, char *path,
				 size_t size)
{
	if (names->legacy)
		snprintf(path, size, "%s/%" PRIu32 "/%u", names->root, network,
			 (unsigned int)eid);
	else
		snprintf(path, size, "%s/networks/%" PRIu32 "/endpoints/%u",
			 names->root, network, (unsigned int)eid);
}

struct endpoint {
	uint32_t network;
	uint8_t eid;
	uint8_t message_types[MAX_MESSAGE_TYPES];
	size_t message_type_count;
	char *uuid; /* NULL: no UUID interface */
	char path[128];
	sd_bus_slot *endpoint_slot;
	sd_bus_slot *uuid_slot;
};

struct mock {
	sd_bus *bus;
	sd_event *event;
	const struct bus_names *names;
	struct endpoint *endpoints[MAX_ENDPOINTS];
	size_t endpoint_count;
	char line[MAX_LINE];
	size_t line_length;
};

static int get_message_types(sd_bus *bus, const char *path,
			     const char *interface, const char *property,
			     sd_bus_message *reply, void *userdata,
			     sd_bus_error *error)
{
	const struct endpoint *ep = userdata;

	return sd_bus_message_append_array(reply, 'y', ep->message_types,
					   ep->message_type_count);
}

/* The mock endpoints have no vendor-defined message types. */
static int get_vendor_types(sd_bus *bus, const char *path,
			    const char *interface, const char *property,
			    sd_bus_message *reply, void *userdata,
			    sd_bus_error *error)
{
	int r;

	r = sd_bus_message_open_container(reply, 'a', "(yvq)");
	if (r < 0)
		return r;
	return sd_bus_message_close_container(reply);
}

static const sd_bus_vtable endpoint_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("NetworkId", "u", NULL, offsetof(struct endpoint, network),
		    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("EID", "y", NULL, offsetof(struct endpoint, eid),
		    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("SupportedMessageTypes", "ay", get_message_types, 0,
		    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("VendorDefinedMessageTypes", "a(yvq)", get_vendor_types, 0,
		    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

static const sd_bus_vtable uuid_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("UUID", "s", NULL, offsetof(struct endpoint, uuid),
		    SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};

static struct endpoint *find_endpoint(struct mock *mock, uint32_t network,
				      uint8_t eid, size_t *position)
{
	for (size_t i = 0; i < mock->endpoint_count; i++) {
		struct endpoint *ep = mock->endpoints[i];

		if (ep->network == network && ep->eid == eid) {
			if (position)
				*position = i;
			return ep;
		}
	}
	return NULL;
}

static void free_endpoint(struct endpoint *ep)
{
	sd_bus_slot_unref(ep->uuid_slot);
	sd_bus_slot_unref(ep->endpoint_slot);
	free(ep->uuid);
	free(ep);
}

static int export_endpoint(struct mock *mock, struct endpoint *ep)
{
	int r;

	r = sd_bus_add_object_vtable(mock->bus, &ep->endpoint_slot, ep->path,
				     ENDPOINT_INTERFACE, endpoint_vtable, ep);
	if (r < 0)
		return r;
	if (ep->uuid) {
		r = sd_bus_add_object_vtable(mock->bus, &ep->uuid_slot,
					     ep->path, UUID_INTERFACE,
					     uuid_vtable, ep);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Adds an endpoint. announce is false for the local EID published before
 * the name is requested, which the ObjectManager's first
 * GetManagedObjects returns anyway.
 */
static int add_endpoint(struct mock *mock, uint32_t network, uint8_t eid,
			const uint8_t *types, size_t type_count,
			const char *uuid, bool announce)
{
	struct endpoint *ep;
	int r;

	if (find_endpoint(mock, network, eid, NULL))
		return -EEXIST;
	if (mock->endpoint_count == MAX_ENDPOINTS)
		return -ENOSPC;
	ep = calloc(1, sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	ep->network = network;
	ep->eid = eid;
	memcpy(ep->message_types, types, type_count);
	ep->message_type_count = type_count;
	format_endpoint_path(mock->names, network, eid, ep->path,
			     sizeof(ep->path));
	if (uuid) {
		ep->uuid = strdup(uuid);
		if (!ep->uuid) {
			free_endpoint(ep);
			return -ENOMEM;
		}
	}

	r = export_endpoint(mock, ep);
	if (r >= 0 && announce)
		r = sd_bus_emit_object_added(mock->bus, ep->path);
	if (r < 0) {
		free_endpoint(ep);
		return r;
	}
	mock->endpoints[mock->endpoint_count++] = ep;
	return 0;
}

static int remove_endpoint(struct mock *mock, uint32_t network, uint8_t eid)
{
	struct endpoint *ep;
	size_t position;
	int r;

	ep = find_endpoint(mock, network, eid, &position);
	if (!ep)
		return -ENOENT;

	/* The signal lists the interfaces, so it goes out before the unref. */
	r = sd_bus_emit_object_removed(mock->bus, ep->path);
	free_endpoint(ep);
	mock->endpoints[position] = mock->endpoints[--mock->endpoint_count];
	return r < 0 ? r : 0;
}

static int parse_number(const char *text, unsigned long max,
			unsigned long *value)
{
	char *end;

	if (!text || !*text)
		return -EINVAL;
	errno = 0;
	*value = strtoul(text, &end, 0);
	if (errno || *end || *value > max || text[0] == '-')
		return -EINVAL;
	return 0;
}

static int parse_message_types(char *text, uint8_t *types, size_t *count)
{
	char *saveptr = NULL;
	unsigned long value;

	*count = 0;
	for (char *item = strtok_r(text, ",", &saveptr); item;
	     item = strtok_r(NULL, ",", &saveptr)) {
		if (*count == MAX_MESSAGE_TYPES)
			return -E2BIG;
		if (parse_number(item, 0xff, &value) < 0)
			return -EINVAL;
		types[(*count)++] = (uint8_t)value;
	}
	return 0;
}

static int parse_network_eid(char *net_text, char *eid_text, uint32_t *network,
			     uint8_t *eid)
{
	unsigned long value;

	if (parse_number(net_text, UINT32_MAX, &value) < 0)
		return -EINVAL;
	*network = (uint32_t)value;
	if (parse_number(eid_text, 0xff, &value) < 0)
		return -EINVAL;
	*eid = (uint8_t)value;
	return 0;
}

static void reply_result(const char *command, int r, const char *detail)
{
	if (r < 0)
		printf("error %s: %s\n", command, strerror(-r));
	else
		printf("ok %s%s%s\n", command, *detail ? " " : "", detail);
	fflush(stdout);
}

static void command_add(struct mock *mock, char **args, size_t arg_count)
{
	uint8_t types[MAX_MESSAGE_TYPES];
	size_t type_count;
	uint32_t network;
	uint8_t eid;
	char path[128] = "";
	int r = -EINVAL;

	if (arg_count == 4 || arg_count == 5)
		r = parse_network_eid(args[1], args[2], &network, &eid);
	if (r == 0)
		r = parse_message_types(args[3], types, &type_count);
	if (r == 0)
		r = add_endpoint(mock, network, eid, types, type_count,
				 arg_count == 5 ? args[4] : NULL, true);
	if (r == 0)
		format_endpoint_path(mock->names, network, eid, path,
				     sizeof(path));
	reply_result("add", r, path);
}

static void command_remove(struct mock *mock, char **args, size_t arg_count)
{
	uint32_t network;
	uint8_t eid;
	char path[128] = "";
	int r = -EINVAL;

	if (arg_count == 3)
		r = parse_network_eid(args[1], args[2], &network, &eid);
	if (r == 0)
		r = remove_endpoint(mock, network, eid);
	if (r == 0)
		format_endpoint_path(mock->names, network, eid, path,
				     sizeof(path));
	reply_result("remove", r, path);
}

static void command_list(struct mock *mock)
{
	for (size_t i = 0; i < mock->endpoint_count; i++)
		printf("endpoint %s\n", mock->endpoints[i]->path);
	printf("ok list %zu\n", mock->endpoint_count);
	fflush(stdout);
}

static void run_command(struct mock *mock, char *line)
{
	char *args[8];
	size_t arg_count = 0;
	char *saveptr = NULL;

	for (char *word = strtok_r(line, " \t", &saveptr);
	     word && arg_count < 8; word = strtok_r(NULL, " \t", &saveptr))
		args[arg_count++] = word;
	if (arg_count == 0)
		return;

	if (strcmp(args[0], "add") == 0) {
		command_add(mock, args, arg_count);
	} else if (strcmp(args[0], "remove") == 0) {
		command_remove(mock, args, arg_count);
	} else if (strcmp(args[0], "list") == 0) {
		command_list(mock);
	} else if (strcmp(args[0], "quit") == 0) {
		reply_result("quit", 0, "");
		sd_event_exit(mock->event, 0);
	} else {
		printf("error unknown command: %s\n", args[0]);
		fflush(stdout);
	}
}

/* Splits what arrived on stdin into lines and runs each. */
static void run_complete_lines(struct mock *mock)
{
	char *newline;

	while ((newline = memchr(mock->line, '\n', mock->line_length))) {
		size_t consumed = (size_t)(newline - mock->line) + 1;

		*newline = '\0';
		run_command(mock, mock->line);
		memmove(mock->line, mock->line + consumed,
			mock->line_length - consumed);
		mock->line_length -= consumed;
	}
	if (mock->line_length == sizeof(mock->line)) {
		printf("error line longer than %d bytes\n", MAX_LINE);
		fflush(stdout);
		mock->line_length = 0;
	}
}

static int on_stdin(sd_event_source *source, int fd, uint32_t revents,
		    void *userdata)
{
	struct mock *mock = userdata;
	ssize_t n;

	n = read(fd, mock->line + mock->line_length,
		 sizeof(mock->line) - mock->line_length);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return sd_event_exit(mock->event, 0);
	mock->line_length += (size_t)n;
	run_complete_lines(mock);
	return 0;
}

static int open_bus(const char *address, sd_bus **bus)
{
	int r;

	if (!address)
		return sd_bus_open_system(bus);
	r = sd_bus_new(bus);
	if (r < 0)
		return r;
	r = sd_bus_set_address(*bus, address);
	if (r >= 0)
		r = sd_bus_set_bus_client(*bus, 1);
	if (r >= 0)
		r = sd_bus_start(*bus);
	return r;
}

static int setup_event_loop(struct mock *mock)
{
	sigset_t signals;
	int r;

	r = sd_event_default(&mock->event);
	if (r < 0)
		return r;
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigprocmask(SIG_BLOCK, &signals, NULL);
	r = sd_event_add_signal(mock->event, NULL, SIGTERM, NULL, NULL);
	if (r >= 0)
		r = sd_event_add_signal(mock->event, NULL, SIGINT, NULL, NULL);
	if (r >= 0)
		r = sd_event_add_io(mock->event, NULL, STDIN_FILENO, EPOLLIN,
				    on_stdin, mock);
	if (r >= 0)
		r = sd_bus_attach_event(mock->bus, mock->event, 0);
	return r;
}

/* Exports the ObjectManager and the local EID, then takes the name. */
static int publish(struct mock *mock, uint32_t local_network, uint8_t local_eid)
{
	/* MCTP control (type 0) only, as mctpd lists its own EIDs. */
	static const uint8_t local_types[] = {0x00};
	int r;

	r = sd_bus_add_object_manager(mock->bus, NULL, mock->names->root);
	if (r < 0)
		return r;
	r = add_endpoint(mock, local_network, local_eid, local_types,
			 sizeof(local_types), NULL, false);
	if (r < 0)
		return r;
	return sd_bus_request_name(mock->bus, mock->names->service, 0);
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: mock_mctpd [--bus-address ADDR] [--legacy]\n"
		"                  [--local-network NET] [--local-eid EID]\n"
		"Publishes MCTP endpoint objects as mctpd does; stdin takes\n"
		"'add NET EID TYPES [UUID]', 'remove NET EID', 'list', "
		"'quit'.\n");
}

struct options {
	const char *bus_address;
	bool legacy;
	uint32_t local_network;
	uint8_t local_eid;
};

static int parse_options(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
	    {"bus-address", required_argument, NULL, 'a'},
	    {"legacy", no_argument, NULL, 'l'},
	    {"local-network", required_argument, NULL, 'n'},
	    {"local-eid", required_argument, NULL, 'e'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	unsigned long value;
	int c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			opts->bus_address = optarg;
			break;
		case 'l':
			opts->legacy = true;
			break;
		case 'n':
			if (parse_number(optarg, UINT32_MAX, &value) < 0)
				return -EINVAL;
			opts->local_network = (uint32_t)value;
			break;
		case 'e':
			if (parse_number(optarg, 0xff, &value) < 0)
				return -EINVAL;
			opts->local_eid = (uint8_t)value;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			return -EINVAL;
		}
	}
	return optind == argc ? 0 : -EINVAL;
}

int main(int argc, char **argv)
{
	struct options opts = {.local_network = 1, .local_eid = 8};
	struct mock mock = {0};
	int r;

	if (parse_options(argc, argv, &opts) < 0) {
		usage(stderr);
		return 2;
	}
	mock.names = opts.legacy ? &legacy_names : &current_names;

	r = open_bus(opts.bus_address, &mock.bus);
	if (r >= 0)
		r = setup_event_loop(&mock);
	if (r >= 0)
		r = publish(&mock, opts.local_network, opts.local_eid);
	if (r < 0) {
		fprintf(stderr, "mock_mctpd: failed to start: %s\n",
			strerror(-r));
		return 1;
	}
	printf("ready %s\n", mock.names->service);
	fflush(stdout);

	r = sd_event_loop(mock.event);
	while (mock.endpoint_count)
		free_endpoint(mock.endpoints[--mock.endpoint_count]);
	sd_bus_flush_close_unref(mock.bus);
	sd_event_unref(mock.event);
	return r < 0 ? 1 : 0;
}
