// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdm-responder: emulated SPDM 1.0-1.2 devices with a fault plan, on an
 * MCTP serial, Unix socket, pty or spdm-emu TCP link.
 */
#include <stdio.h>
#include <stdlib.h>

#include "responder_tool.h"

static void log_device(const struct device_settings *s)
{
	log_info("device eid %u from %s: key %s, chain %s, faults: %s", s->eid,
		 s->source, s->key_path,
		 s->chain_path[0] ? s->chain_path[0] : "none",
		 s->fault_text[0] ? s->fault_text : "none");
}

int main(int argc, char **argv)
{
	struct options options;
	struct device devices[MAX_DEVICES];
	size_t created = 0;
	int rc;

	rc = options_parse(&options, argc, argv);
	if (rc) {
		options_free(&options);
		return rc;
	}
	log_set_verbose(options.verbose);
	for (; created < options.device_count; created++) {
		log_device(&options.devices[created]);
		if (device_create(&devices[created],
				  &options.devices[created])) {
			rc = EXIT_USAGE;
			break;
		}
	}
	if (!rc)
		rc = serve(&options, devices, created);
	for (size_t i = 0; i < created; i++)
		device_destroy(&devices[i]);
	options_free(&options);
	log_info("exiting with status %d", rc);
	return rc;
}
