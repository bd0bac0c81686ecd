// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl status: lists the endpoints spdmd publishes on D-Bus, one line
 * each, or as JSON.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "json_writer.h"
#include "spdmctl.h"

#define CELL_SIZE 96

enum status_column {
	COLUMN_ID,
	COLUMN_EID,
	COLUMN_VERSION,
	COLUMN_ALGORITHMS,
	COLUMN_STATUS,
	COLUMN_REASON,
	COLUMN_LAST_UPDATED,
	COLUMN_COUNT,
};

static const char *const column_titles[COLUMN_COUNT] = {
    "ID", "EID", "VERSION", "ALGORITHMS", "STATUS", "REASON", "LAST UPDATED",
};

static void print_usage(FILE *out)
{
	fputs(
	    "Usage: spdmctl status [--json] [--bus-address ADDR]\n"
	    "\n"
	    "Lists the endpoints spdmd publishes on D-Bus: id, EID,\n"
	    "negotiated version and algorithms, status, failure reason and\n"
	    "the time of the last result (UTC).\n"
	    "\n"
	    "Options:\n"
	    "  --json              print every published property as JSON\n"
	    "  --bus-address ADDR  the D-Bus address, e.g.\n"
	    "                      unix:path=/run/test/bus.sock (default: the\n"
	    "                      system bus)\n"
	    "  -h, --help          show this help\n"
	    "\n"
	    "Exit status: 0 listed, 1 spdmd could not be reached, 2 usage\n"
	    "error.\n",
	    out);
}

/* Strips the "TPM_ALG_" that DSP0274 puts before most algorithm names. */
static const char *short_algorithm_name(const char *name)
{
	static const char prefix[] = "TPM_ALG_";

	if (strncmp(name, prefix, sizeof(prefix) - 1) == 0)
		return name + sizeof(prefix) - 1;
	return name;
}

static const char *text_or_dash(const char *text)
{
	return text && *text ? text : "-";
}

/* Returns State from the project interface, else the Redfish status. */
static const char *status_text(const struct spdmd_endpoint *ep)
{
	if (ep->state && *ep->state)
		return ep->state;
	return text_or_dash(spdmd_enum_value(ep->verification_status));
}

static void fill_row(const struct spdmd_endpoint *ep,
		     char cells[COLUMN_COUNT][CELL_SIZE])
{
	snprintf(cells[COLUMN_ID], CELL_SIZE, "%s", ep->id);
	if (ep->has_endpoint_interface)
		snprintf(cells[COLUMN_EID], CELL_SIZE, "%u",
			 (unsigned int)ep->eid);
	else
		snprintf(cells[COLUMN_EID], CELL_SIZE, "-");
	snprintf(cells[COLUMN_VERSION], CELL_SIZE, "%s",
		 text_or_dash(ep->version ? ep->version : ep->type_version));
	if (ep->base_asym_algo && *ep->base_asym_algo)
		snprintf(
		    cells[COLUMN_ALGORITHMS], CELL_SIZE, "%s/%s",
		    short_algorithm_name(ep->base_asym_algo),
		    short_algorithm_name(text_or_dash(ep->base_hash_algo)));
	else
		snprintf(cells[COLUMN_ALGORITHMS], CELL_SIZE, "-");
	snprintf(cells[COLUMN_STATUS], CELL_SIZE, "%s", status_text(ep));
	snprintf(cells[COLUMN_REASON], CELL_SIZE, "%s",
		 text_or_dash(ep->reason));
	if (ep->last_updated)
		spdmctl_format_time_ms(ep->last_updated,
				       cells[COLUMN_LAST_UPDATED], CELL_SIZE);
	else
		snprintf(cells[COLUMN_LAST_UPDATED], CELL_SIZE, "never");
}

static void print_row(char cells[COLUMN_COUNT][CELL_SIZE], const size_t *widths)
{
	for (size_t column = 0; column < COLUMN_COUNT; column++) {
		if (column == COLUMN_COUNT - 1)
			printf("%s\n", cells[column]);
		else
			printf("%-*s  ", (int)widths[column], cells[column]);
	}
}

static void print_table(const struct spdmd_endpoint_list *list)
{
	char cells[COLUMN_COUNT][CELL_SIZE];
	size_t widths[COLUMN_COUNT];

	for (size_t column = 0; column < COLUMN_COUNT; column++)
		widths[column] = strlen(column_titles[column]);
	for (size_t i = 0; i < list->count; i++) {
		fill_row(&list->endpoints[i], cells);
		for (size_t column = 0; column < COLUMN_COUNT; column++) {
			size_t width = strlen(cells[column]);

			if (width > widths[column])
				widths[column] = width;
		}
	}

	for (size_t column = 0; column < COLUMN_COUNT; column++)
		snprintf(cells[column], CELL_SIZE, "%s", column_titles[column]);
	print_row(cells, widths);
	for (size_t i = 0; i < list->count; i++) {
		fill_row(&list->endpoints[i], cells);
		print_row(cells, widths);
	}
	if (list->count == 0)
		printf("(no endpoints published)\n");
}

static void write_optional_string(struct json_writer *writer, const char *key,
				  const char *value)
{
	json_key(writer, key);
	if (value)
		json_string(writer, value);
	else
		json_null(writer);
}

static void write_time_member(struct json_writer *writer, const char *key,
			      uint64_t ms)
{
	char text[SPDMCTL_TIME_TEXT_SIZE];

	json_key(writer, key);
	if (ms == 0) {
		json_null(writer);
		return;
	}
	spdmctl_format_time_ms(ms, text, sizeof(text));
	json_string(writer, text);
}

static void write_associations(struct json_writer *writer,
			       const struct spdmd_endpoint *ep)
{
	json_key(writer, "associations");
	json_begin_array(writer);
	for (size_t i = 0; i < ep->association_count; i++) {
		json_begin_object(writer);
		json_member_string(writer, "forward",
				   ep->associations[i].forward);
		json_member_string(writer, "reverse",
				   ep->associations[i].reverse);
		json_member_string(writer, "endpoint",
				   ep->associations[i].endpoint);
		json_end_object(writer);
	}
	json_end_array(writer);
}

/* Writes the members that come from io.github.spdmd.Endpoint1. */
static void write_endpoint_members(struct json_writer *writer,
				   const struct spdmd_endpoint *ep)
{
	json_member_uint(writer, "network", ep->network);
	json_member_uint(writer, "eid", ep->eid);
	write_optional_string(writer, "transport", ep->transport);
	write_optional_string(writer, "link", ep->link);
	write_optional_string(writer, "uuid", ep->uuid);
	write_optional_string(writer, "state", ep->state);
	write_optional_string(writer, "reason", ep->reason);
	write_optional_string(writer, "detail", ep->detail);
	write_optional_string(writer, "version", ep->version);
	write_optional_string(writer, "base_asym_algo", ep->base_asym_algo);
	write_optional_string(writer, "base_hash_algo", ep->base_hash_algo);
	write_optional_string(writer, "measurement_hash_algo",
			      ep->measurement_hash_algo);
	json_member_uint(writer, "slot", ep->slot);
	write_optional_string(writer, "cert_chain_digest",
			      ep->cert_chain_digest);
	write_optional_string(writer, "trust_policy", ep->trust_policy);
	write_time_member(writer, "last_attempt", ep->last_attempt);
	json_member_uint(writer, "attestation_count", ep->attestation_count);
}

static void write_endpoint_json(struct json_writer *writer,
				const struct spdmd_endpoint *ep)
{
	json_begin_object(writer);
	json_member_string(writer, "id", ep->id);
	json_member_string(writer, "path", ep->path);
	json_member_bool(writer, "enabled", ep->enabled);
	write_optional_string(writer, "type", ep->type);
	write_optional_string(writer, "type_version", ep->type_version);
	write_time_member(writer, "last_updated", ep->last_updated);
	json_member_uint(writer, "last_updated_ms", ep->last_updated);
	write_optional_string(writer, "verification_status",
			      ep->verification_status);
	json_member_bool(writer, "measurement_set", ep->has_measurement_set);
	write_associations(writer, ep);
	if (ep->has_endpoint_interface)
		write_endpoint_members(writer, ep);
	json_end_object(writer);
}

static void print_json(const struct spdmd_endpoint_list *list)
{
	struct json_writer writer;

	json_writer_init(&writer, stdout);
	json_begin_object(&writer);
	json_key(&writer, "endpoints");
	json_begin_array(&writer);
	for (size_t i = 0; i < list->count; i++)
		write_endpoint_json(&writer, &list->endpoints[i]);
	json_end_array(&writer);
	json_end_object(&writer);
	json_writer_finish(&writer);
}

struct status_options {
	bool json;
	const char *bus_address;
};

static int parse_status_options(int argc, char **argv,
				struct status_options *options)
{
	static const struct option long_options[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"bus-address", required_argument, NULL, 'a'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int option;

	optind = 1;
	while ((option = getopt_long(argc, argv, "h", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'j':
			options->json = true;
			break;
		case 'a':
			options->bus_address = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return -1;
		default:
			return spdmctl_usage_error("status", "invalid option");
		}
	}
	if (optind != argc)
		return spdmctl_usage_error("status", "unexpected argument '%s'",
					   argv[optind]);
	return 0;
}

static int run_status(int argc, char **argv)
{
	struct status_options options = {0};
	struct spdmd_endpoint_list list;
	int r;

	r = parse_status_options(argc, argv, &options);
	if (r != 0)
		return r < 0 ? EXIT_SUCCESS : r;

	r = spdmctl_fetch_endpoints("status", options.bus_address, &list);
	if (r != 0)
		return r;

	if (options.json)
		print_json(&list);
	else
		print_table(&list);
	spdmd_endpoint_list_clear(&list);
	return EXIT_SUCCESS;
}

const struct spdmctl_command spdmctl_status_command = {
    .name = "status",
    .summary = "list the endpoints spdmd publishes on D-Bus",
    .run = run_status,
};
