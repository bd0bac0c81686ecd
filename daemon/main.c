// SPDX-License-Identifier: BSD-3-Clause
/*
 * spdmd start-up: command line and configuration, trust anchors, event
 * loop and bus, the ObjectManagers and every configured endpoint's
 * object, and only then the well-known name, so that the ObjectMapper
 * finds every start-up object when the name appears.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "dbus_objects.h"
#include "discovery.h"
#include "endpoint.h"
#include "log.h"
#include "method.h"
#include "options.h"
#include "scheduler.h"

static int load_config(const struct options *options,
		       struct spdmd_config *config)
{
	char error[CONFIG_ERROR_SIZE];
	int ret;

	config_init(config);
	if (!options->config_file_given &&
	    access(options->config_file, F_OK) < 0 && errno == ENOENT) {
		log_message(LOG_INFO, "%s not found; using the defaults",
			    options->config_file);
		return 0;
	}
	ret = config_load(config, options->config_file, error, sizeof(error));
	if (ret < 0)
		log_message(LOG_ERR, "%s", error);
	return ret;
}

/* --check-config: the file and its trust anchors, then the exit status. */
static int check_config(const char *file)
{
	struct spdmd_config config;
	struct trust trust = {0};
	char error[CONFIG_ERROR_SIZE];
	int ret;

	config_init(&config);
	ret = config_load(&config, file, error, sizeof(error));
	if (ret == 0)
		ret = trust_load_anchors(&trust, &config, error, sizeof(error));
	if (ret < 0) {
		log_sanitize(error);
		fprintf(stderr, "%s\n", error);
	} else {
		printf("%s: valid, %zu endpoints, %zu trust anchors\n", file,
		       config.endpoint_count, spdm_trust_count(trust.anchors));
	}
	trust_clear(&trust);
	config_free(&config);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int setup_trust(struct spdmd *daemon)
{
	char error[CONFIG_ERROR_SIZE];
	int ret;

	ret = trust_load_anchors(&daemon->trust, &daemon->config, error,
				 sizeof(error));
	if (ret < 0) {
		log_message(LOG_ERR, "%s", error);
		return ret;
	}
	if (daemon->config.trust_policy == TRUST_POLICY_TOFU)
		return trust_open_pins(&daemon->trust, daemon->state_dir);
	if (spdm_trust_count(daemon->trust.anchors) == 0)
		log_message(LOG_WARNING,
			    "no trust anchor is configured and trust-policy is "
			    "anchored: no endpoint can be verified, every "
			    "attestation fails with chain-untrusted; add "
			    "trust-anchor to [global]");
	return 0;
}

static int connect_bus(struct spdmd *daemon, const char *address)
{
	const char *starter = getenv("DBUS_STARTER_ADDRESS");
	int ret;

	/* Started by the bus: talk to the bus that started us. */
	if (!address && starter && *starter)
		address = starter;
	if (!address)
		return sd_bus_open_system_with_description(&daemon->bus,
							   "spdmd");
	ret = sd_bus_new(&daemon->bus);
	if (ret >= 0)
		ret = sd_bus_set_address(daemon->bus, address);
	if (ret >= 0)
		ret = sd_bus_set_bus_client(daemon->bus, true);
	if (ret >= 0)
		ret = sd_bus_set_description(daemon->bus, "spdmd");
	if (ret >= 0)
		ret = sd_bus_start(daemon->bus);
	return ret;
}

/* Replies to waiting method calls while the bus is still open. */
static void fail_method_calls(struct spdmd *daemon)
{
	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next)
		method_fail_all(container_of(node, struct endpoint, node),
				"internal-error: spdmd is stopping");
}

static int on_signal(sd_event_source *source,
		     const struct signalfd_siginfo *info, void *userdata)
{
	struct spdmd *daemon = userdata;

	log_message(LOG_INFO, "received %s; stopping",
		    strsignal((int)info->ssi_signo));
	fail_method_calls(daemon);
	daemon->stopping = true;
	sd_event_exit(sd_event_source_get_event(source), 0);
	return 0;
}

/* SIGHUP would end spdmd without a word, and systemd counts that as clean. */
static int on_hangup(sd_event_source *source,
		     const struct signalfd_siginfo *info, void *userdata)
{
	log_message(LOG_WARNING,
		    "received SIGHUP: spdmd does not reload its configuration; "
		    "restart spdmd to apply changes");
	return 0;
}

static int setup_loop(struct spdmd *daemon, const char *bus_address)
{
	sigset_t signals;
	int ret;

	ret = sd_event_default(&daemon->event);
	if (ret < 0)
		return ret;
	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGHUP);
	sigprocmask(SIG_BLOCK, &signals, NULL);
	ret = sd_event_add_signal(daemon->event, NULL, SIGTERM, on_signal,
				  daemon);
	if (ret >= 0)
		ret = sd_event_add_signal(daemon->event, NULL, SIGINT,
					  on_signal, daemon);
	if (ret >= 0)
		ret = sd_event_add_signal(daemon->event, NULL, SIGHUP,
					  on_hangup, daemon);
	if (ret < 0)
		return ret;

	ret = connect_bus(daemon, bus_address);
	if (ret < 0) {
		log_message(LOG_ERR, "failed to connect to %s: %s",
			    bus_address ? bus_address : "the system bus",
			    strerror(-ret));
		return ret;
	}
	/* Without the bus spdmd has no purpose: exit and let systemd act. */
	sd_bus_set_exit_on_disconnect(daemon->bus, true);
	return sd_bus_attach_event(daemon->bus, daemon->event, 0);
}

static int add_configured_endpoints(struct spdmd *daemon)
{
	const struct spdmd_config *config = &daemon->config;

	for (size_t i = 0; i < config->endpoint_count; i++) {
		const struct endpoint_config *item = &config->endpoints[i];
		struct endpoint_identity id = {
		    .name = item->name,
		    .link_spec = item->link,
		    .transport = item->transport,
		    .network = item->network,
		    .eid = item->eid,
		    .local_eid = endpoint_config_local_eid(config, item),
		    .slot = endpoint_config_slot(config, item),
		    .inventory = item->inventory,
		    .trusted_component = item->trusted_component,
		    .configured = true,
		};
		struct endpoint *endpoint;
		int ret = endpoint_new(daemon, &id, &endpoint);

		if (ret < 0) {
			log_message(LOG_ERR,
				    "endpoint %s: failed to export: %s",
				    item->name, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

static int start(struct spdmd *daemon, const struct options *options)
{
	int ret;

	ret = setup_loop(daemon, options->bus_address);
	if (ret < 0)
		return ret;
	ret = dbus_add_object_managers(daemon);
	if (ret >= 0)
		ret = add_configured_endpoints(daemon);
	if (ret < 0)
		return ret;
	if (daemon->config.mctpd_discovery) {
		ret = discovery_start(daemon, &daemon->discovery);
		if (ret < 0)
			return ret;
	}
	/* Every start-up object is exported: now the name may appear. */
	ret = sd_bus_request_name(daemon->bus, SPDMD_BUS_NAME, 0);
	if (ret < 0) {
		log_message(LOG_ERR, "failed to own %s: %s", SPDMD_BUS_NAME,
			    strerror(-ret));
		return ret;
	}
	daemon->running = true;
	return 0;
}

static void request_all_attestations(struct spdmd *daemon)
{
	for (struct list_node *node = daemon->endpoints.next;
	     node != &daemon->endpoints; node = node->next)
		endpoint_request_attestation(
		    container_of(node, struct endpoint, node));
}

static void stop(struct spdmd *daemon)
{
	daemon->stopping = true;
	discovery_free(daemon->discovery);
	while (!list_empty(&daemon->endpoints))
		endpoint_remove(container_of(daemon->endpoints.next,
					     struct endpoint, node));
	sd_bus_slot_unref(daemon->manager_slot);
	sd_bus_slot_unref(daemon->certs_manager_slot);
	sd_bus_flush_close_unref(daemon->bus);
	sd_event_unref(daemon->event);
	trust_clear(&daemon->trust);
	config_free(&daemon->config);
}

int main(int argc, char **argv)
{
	struct spdmd daemon = {0};
	struct options options;
	int ret;

	ret = options_parse(argc, argv, &options);
	if (ret != 0)
		return ret > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
	if (options.check_config_file)
		return check_config(options.check_config_file);
	log_setup(options.log_stderr, options.verbose);

	list_init(&daemon.endpoints);
	list_init(&daemon.dispatchers);
	list_init(&daemon.attest_queue);
	daemon.state_dir = options.state_dir;
	ret = load_config(&options, &daemon.config);
	if (ret == 0)
		ret = setup_trust(&daemon);
	if (ret == 0)
		ret = start(&daemon, &options);
	if (ret == 0) {
		log_message(LOG_INFO,
			    "spdmd started: configured endpoints %zu, "
			    "trust-policy %s, discovery %s",
			    daemon.endpoint_count,
			    daemon.config.trust_policy == TRUST_POLICY_TOFU
				? "tofu"
				: "anchored",
			    daemon.config.mctpd_discovery ? "on" : "off");
		request_all_attestations(&daemon);
		ret = sd_event_loop(daemon.event);
		if (ret < 0)
			log_message(LOG_ERR, "event loop failed: %s",
				    strerror(-ret));
		/*
		 * Only a signal ends the loop with 0. sd-bus ends it with
		 * EXIT_FAILURE when the bus connection is lost.
		 */
		else if (ret > 0)
			log_message(LOG_ERR,
				    "lost the connection to the bus; exiting "
				    "with status 1 so that systemd restarts "
				    "spdmd");
	}
	stop(&daemon);
	log_message(LOG_INFO, "spdmd stopped");
	return ret != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
