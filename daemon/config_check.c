// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "config_check.h"

__attribute__((format(printf, 3, 4))) static int
problem_at(struct config_problem *problem, unsigned int line,
	   const char *format, ...)
{
	va_list args;

	problem->line = line;
	va_start(args, format);
	vsnprintf(problem->message, sizeof(problem->message), format, args);
	va_end(args);
	return -EINVAL;
}

static bool has_local_eid(enum link_transport transport)
{
	return transport == LINK_TRANSPORT_SERIAL ||
	       transport == LINK_TRANSPORT_UNIX;
}

/* Skips the decimal digits at text; returns NULL when there are none. */
static const char *skip_digits(const char *text)
{
	if (!isdigit((unsigned char)*text))
		return NULL;
	while (isdigit((unsigned char)*text))
		text++;
	return text;
}

/*
 * Returns whether the endpoint's name has the form mctp_<network>_<eid>
 * that another endpoint would get from discovery. An AF_MCTP endpoint
 * configured under its own discovered name is the same endpoint.
 */
static bool claims_discovered_name(const struct endpoint_config *endpoint)
{
	const char *name = endpoint->name;
	char own[32];
	const char *rest;

	if (strncmp(name, "mctp_", 5) != 0)
		return false;
	snprintf(own, sizeof(own), "mctp_%u_%u", endpoint->network,
		 endpoint->eid);
	if (endpoint->transport == LINK_TRANSPORT_AF_MCTP &&
	    strcmp(name, own) == 0)
		return false;
	rest = skip_digits(name + 5);
	if (!rest || *rest != '_')
		return false;
	rest = skip_digits(rest + 1);
	return rest && *rest == '\0';
}

static int check_endpoint(const struct spdmd_config *config,
			  const struct endpoint_config *endpoint,
			  struct config_problem *problem)
{
	/* An endpoint that mctpd publishes gets this name: it must be free. */
	if (config->mctpd_discovery && claims_discovered_name(endpoint))
		return problem_at(problem, endpoint->line,
				  "endpoint name '%s' is the form "
				  "mctp_<network>_<eid> that endpoints "
				  "discovered from mctpd take; choose another "
				  "name",
				  endpoint->name);
	if (!endpoint->link)
		return problem_at(problem, endpoint->line,
				  "[endpoint %s]: link is missing",
				  endpoint->name);
	if (!endpoint->has_eid)
		return problem_at(problem, endpoint->line,
				  "[endpoint %s]: eid is missing",
				  endpoint->name);
	if (endpoint->has_local_eid && !has_local_eid(endpoint->transport))
		return problem_at(problem, endpoint->line,
				  "[endpoint %s]: local-eid applies to "
				  "serial: and unix: links only",
				  endpoint->name);
	if (has_local_eid(endpoint->transport) &&
	    endpoint_config_local_eid(config, endpoint) == endpoint->eid)
		return problem_at(problem, endpoint->line,
				  "[endpoint %s]: eid %u is also the local "
				  "EID; set local-eid to another value",
				  endpoint->name, endpoint->eid);
	return 0;
}

/* Checks two endpoints on the same link against each other. */
static int check_shared_link(const struct spdmd_config *config,
			     const struct endpoint_config *first,
			     const struct endpoint_config *second,
			     struct config_problem *problem)
{
	uint8_t first_local = endpoint_config_local_eid(config, first);
	uint8_t second_local = endpoint_config_local_eid(config, second);

	if (first->transport == LINK_TRANSPORT_EMU)
		return problem_at(problem, second->line,
				  "[endpoint %s]: link %s carries one "
				  "endpoint and [endpoint %s] uses it",
				  second->name, second->link, first->name);
	if (first->eid == second->eid)
		return problem_at(problem, second->line,
				  "[endpoint %s]: EID %u on %s is already "
				  "[endpoint %s]",
				  second->name, second->eid, second->link,
				  first->name);
	if (has_local_eid(first->transport) && first_local != second_local)
		return problem_at(problem, second->line,
				  "[endpoint %s]: local-eid %u differs from "
				  "%u of [endpoint %s] on the same link",
				  second->name, second_local, first_local,
				  first->name);
	return 0;
}

/*
 * Returns whether two differently written serial: or unix: links name the
 * same file that exists now (a symbolic link, "//", "./"). Links are
 * shared by their text, so two spellings would open the file twice.
 */
static bool same_file(const struct endpoint_config *first,
		      const struct endpoint_config *second)
{
	struct stat first_status, second_status;

	if (first->transport != second->transport ||
	    !has_local_eid(first->transport))
		return false;
	if (stat(strchr(first->link, ':') + 1, &first_status) < 0 ||
	    stat(strchr(second->link, ':') + 1, &second_status) < 0)
		return false;
	return first_status.st_dev == second_status.st_dev &&
	       first_status.st_ino == second_status.st_ino;
}

static int check_links(const struct spdmd_config *config,
		       struct config_problem *problem)
{
	for (size_t i = 0; i < config->endpoint_count; i++) {
		const struct endpoint_config *second = &config->endpoints[i];

		for (size_t j = 0; j < i; j++) {
			const struct endpoint_config *first =
			    &config->endpoints[j];
			int ret;

			if (strcmp(first->link, second->link) != 0) {
				if (!same_file(first, second))
					continue;
				return problem_at(
				    problem, second->line,
				    "[endpoint %s]: link %s is the file of "
				    "link %s of [endpoint %s]; write both "
				    "links the same way, so that they share "
				    "one connection",
				    second->name, second->link, first->link,
				    first->name);
			}
			ret = check_shared_link(config, first, second, problem);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

int config_check(const struct spdmd_config *config,
		 struct config_problem *problem)
{
	int ret;

	if (config->timeout_floor_ms > config->timeout_cap_ms)
		return problem_at(problem, config->timeout_floor_line,
				  "timeout-floor-ms: %u is above "
				  "timeout-cap-ms (%u)",
				  config->timeout_floor_ms,
				  config->timeout_cap_ms);
	for (size_t i = 0; i < config->endpoint_count; i++) {
		ret = check_endpoint(config, &config->endpoints[i], problem);
		if (ret < 0)
			return ret;
	}
	return check_links(config, problem);
}
