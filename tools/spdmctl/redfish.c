// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmctl redfish: renders spdmd's D-Bus objects as the Redfish
 * ComponentIntegrity resources bmcweb serves, so the view can be checked
 * without a BMC. The mapping is bmcweb's ComponentIntegrity route:
 *
 *	Enabled                      ComponentIntegrityEnabled
 *	Type (.SPDM)                 ComponentIntegrityType, omitted for Unknown
 *	TypeVersion                  ComponentIntegrityTypeVersion
 *	LastUpdated (ms)             LastUpdated in ISO 8601, omitted when 0
 *	ResponderVerificationStatus  SPDM.IdentityAuthentication.
 *	                             ResponderAuthentication.VerificationStatus,
 *	                             omitted for Unknown
 *	authenticating association   TargetComponentURI
 *	MeasurementSet interface     the SPDMGetSignedMeasurements action
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus.h"
#include "json_writer.h"
#include "spdmctl.h"

#define COLLECTION_URI	       "/redfish/v1/ComponentIntegrity"
#define REQUESTER_URI	       "/redfish/v1/Managers/bmc"
#define CHASSIS_COLLECTION_URI "/redfish/v1/Chassis"
#define URI_SIZE	       512

/* Inventory folders whose children bmcweb renders as Chassis members. */
static const char *const chassis_parents[] = {
    "/xyz/openbmc_project/inventory/system/chassis",
    "/xyz/openbmc_project/inventory/chassis",
};

static void print_usage(FILE *out)
{
	fputs(
	    "Usage: spdmctl redfish [ID] [--bus-address ADDR]\n"
	    "\n"
	    "Prints the Redfish ComponentIntegrity collection, or the\n"
	    "member ID, as bmcweb renders it from spdmd's D-Bus objects.\n"
	    "\n"
	    "Options:\n"
	    "  --bus-address ADDR  the D-Bus address, e.g.\n"
	    "                      unix:path=/run/test/bus.sock (default: the\n"
	    "                      system bus)\n"
	    "  -h, --help          show this help\n"
	    "\n"
	    "Exit status: 0 printed, 1 spdmd could not be reached or ID was\n"
	    "not found, 2 usage error.\n",
	    out);
}

/* Returns the last element of path when its parent is a chassis folder. */
static const char *chassis_leaf(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t parent_length;

	if (!slash || slash[1] == '\0')
		return NULL;
	parent_length = (size_t)(slash - path);
	for (size_t i = 0;
	     i < sizeof(chassis_parents) / sizeof(chassis_parents[0]); i++) {
		if (strlen(chassis_parents[i]) == parent_length &&
		    strncmp(path, chassis_parents[i], parent_length) == 0)
			return slash + 1;
	}
	return NULL;
}

/*
 * Builds TargetComponentURI from the first authenticating association: an
 * inventory object directly below a chassis folder is the Chassis member
 * of the same name, and anything else gives the Chassis collection.
 */
static void target_component_uri(const struct spdmd_endpoint *ep, char *uri,
				 size_t size)
{
	const char *leaf = NULL;

	for (size_t i = 0; i < ep->association_count; i++) {
		if (strcmp(ep->associations[i].forward, "authenticating") ==
		    0) {
			leaf = chassis_leaf(ep->associations[i].endpoint);
			break;
		}
	}
	if (leaf)
		snprintf(uri, size, "%s/%s", CHASSIS_COLLECTION_URI, leaf);
	else
		snprintf(uri, size, "%s", CHASSIS_COLLECTION_URI);
}

/* Returns the Redfish ComponentIntegrityType, or NULL to omit it. */
static const char *integrity_type(const struct spdmd_endpoint *ep)
{
	static const char *const known[] = {"SPDM", "TPM", "TCM", "TPCM",
					    "OEM"};
	const char *value = spdmd_enum_value(ep->type);

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(value, known[i]) == 0)
			return known[i];
	}
	return NULL;
}

/* Returns the Redfish VerificationStatus, or NULL to omit it. */
static const char *verification_status(const struct spdmd_endpoint *ep)
{
	const char *value = spdmd_enum_value(ep->verification_status);

	if (strcmp(value, "Success") == 0 || strcmp(value, "Failed") == 0)
		return value;
	return NULL;
}

static void write_odata_link(struct json_writer *writer, const char *key,
			     const char *uri)
{
	json_key(writer, key);
	json_begin_object(writer);
	json_member_string(writer, "@odata.id", uri);
	json_end_object(writer);
}

static void write_spdm(struct json_writer *writer,
		       const struct spdmd_endpoint *ep)
{
	const char *status = verification_status(ep);

	json_key(writer, "SPDM");
	json_begin_object(writer);
	write_odata_link(writer, "Requester", REQUESTER_URI);
	if (status) {
		json_key(writer, "IdentityAuthentication");
		json_begin_object(writer);
		json_key(writer, "ResponderAuthentication");
		json_begin_object(writer);
		json_member_string(writer, "VerificationStatus", status);
		json_end_object(writer);
		json_end_object(writer);
	}
	json_end_object(writer);
}

static void write_actions(struct json_writer *writer, const char *uri)
{
	char target[URI_SIZE + 64];

	snprintf(target, sizeof(target),
		 "%s/Actions/ComponentIntegrity.SPDMGetSignedMeasurements",
		 uri);
	json_key(writer, "Actions");
	json_begin_object(writer);
	json_key(writer, "#ComponentIntegrity.SPDMGetSignedMeasurements");
	json_begin_object(writer);
	json_member_string(writer, "target", target);
	json_end_object(writer);
	json_end_object(writer);
}

static void write_member(struct json_writer *writer,
			 const struct spdmd_endpoint *ep)
{
	char uri[URI_SIZE];
	char target[URI_SIZE];
	char time_text[SPDMCTL_TIME_TEXT_SIZE];
	const char *type = integrity_type(ep);

	snprintf(uri, sizeof(uri), "%s/%s", COLLECTION_URI, ep->id);
	target_component_uri(ep, target, sizeof(target));

	json_begin_object(writer);
	json_member_string(writer, "@odata.id", uri);
	json_member_string(writer, "@odata.type",
			   "#ComponentIntegrity.v1_3_2.ComponentIntegrity");
	json_member_string(writer, "Id", ep->id);
	json_member_string(writer, "Name", "Component Integrity");
	json_member_bool(writer, "ComponentIntegrityEnabled", ep->enabled);
	if (type)
		json_member_string(writer, "ComponentIntegrityType", type);
	json_member_string(writer, "ComponentIntegrityTypeVersion",
			   ep->type_version ? ep->type_version : "");
	if (ep->last_updated) {
		spdmctl_format_time_ms(ep->last_updated, time_text,
				       sizeof(time_text));
		json_member_string(writer, "LastUpdated", time_text);
	}
	write_spdm(writer, ep);
	json_member_string(writer, "TargetComponentURI", target);
	if (ep->has_measurement_set)
		write_actions(writer, uri);
	json_end_object(writer);
}

static void write_collection(struct json_writer *writer,
			     const struct spdmd_endpoint_list *list)
{
	char uri[URI_SIZE];

	json_begin_object(writer);
	json_member_string(writer, "@odata.id", COLLECTION_URI);
	json_member_string(
	    writer, "@odata.type",
	    "#ComponentIntegrityCollection.ComponentIntegrityCollection");
	json_member_string(writer, "Name", "Component Integrity Collection");
	json_key(writer, "Members");
	json_begin_array(writer);
	for (size_t i = 0; i < list->count; i++) {
		snprintf(uri, sizeof(uri), "%s/%s", COLLECTION_URI,
			 list->endpoints[i].id);
		json_begin_object(writer);
		json_member_string(writer, "@odata.id", uri);
		json_end_object(writer);
	}
	json_end_array(writer);
	json_member_uint(writer, "Members@odata.count", list->count);
	json_end_object(writer);
}

struct redfish_options {
	const char *id;
	const char *bus_address;
};

static int parse_redfish_options(int argc, char **argv,
				 struct redfish_options *options)
{
	static const struct option long_options[] = {
	    {"bus-address", required_argument, NULL, 'a'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int option;

	optind = 1;
	while ((option = getopt_long(argc, argv, "h", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'a':
			options->bus_address = optarg;
			break;
		case 'h':
			print_usage(stdout);
			return -1;
		default:
			return spdmctl_usage_error("redfish", "invalid option");
		}
	}
	if (optind < argc)
		options->id = argv[optind++];
	if (optind != argc)
		return spdmctl_usage_error(
		    "redfish", "unexpected argument '%s'", argv[optind]);
	return 0;
}

static int render(const struct redfish_options *options,
		  const struct spdmd_endpoint_list *list)
{
	const struct spdmd_endpoint *ep = NULL;
	struct json_writer writer;

	if (options->id) {
		ep = spdmd_find_endpoint(list, options->id);
		if (!ep) {
			fprintf(stderr,
				"spdmctl redfish: %s/%s not found: spdmd "
				"publishes no endpoint with id '%s' (see "
				"'spdmctl status')\n",
				COLLECTION_URI, options->id, options->id);
			return SPDMCTL_EXIT_FAILED;
		}
	}

	json_writer_init(&writer, stdout);
	if (ep)
		write_member(&writer, ep);
	else
		write_collection(&writer, list);
	json_writer_finish(&writer);
	return EXIT_SUCCESS;
}

static int run_redfish(int argc, char **argv)
{
	struct redfish_options options = {0};
	struct spdmd_endpoint_list list;
	int r;

	r = parse_redfish_options(argc, argv, &options);
	if (r != 0)
		return r < 0 ? EXIT_SUCCESS : r;

	r = spdmctl_fetch_endpoints("redfish", options.bus_address, &list);
	if (r != 0)
		return r;

	r = render(&options, &list);
	spdmd_endpoint_list_clear(&list);
	return r;
}

const struct spdmctl_command spdmctl_redfish_command = {
    .name = "redfish",
    .summary = "print the Redfish ComponentIntegrity view of spdmd",
    .run = run_redfish,
};
