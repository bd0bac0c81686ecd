// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/crypto.h>

#include "attest.h"
#include "dbus_errors.h"
#include "dbus_objects.h"
#include "measurement_args.h"
#include "method.h"
#include "method_reply.h"
#include "trust.h"

struct method_call {
	struct list_node node; /* in endpoint->method_calls while waiting */
	struct endpoint *endpoint;
	sd_bus_message *message;
	struct measurement_args args;
	sd_event_source *deadline;
	struct exchange *exchange;
	/* The chain is known: only VCA and GET_MEASUREMENTS are needed. */
	bool pinned_flow;
};

static void log_call(const struct method_call *call, int priority,
		     const char *text)
{
	struct log_endpoint log_id;

	endpoint_log_identity(call->endpoint, &log_id);
	log_endpoint_message(priority, &log_id,
			     "SPDMGetSignedMeasurements (slot %u): %s",
			     call->args.slot, text);
}

static void call_free(struct method_call *call)
{
	list_remove(&call->node);
	exchange_free(call->exchange);
	sd_event_source_disable_unref(call->deadline);
	sd_bus_message_unref(call->message);
	spdm_wipe(call->args.nonce, sizeof(call->args.nonce));
	free(call);
}

/* Sends an error reply and ends the call; the endpoint moves on. */
static void call_fail(struct method_call *call, int error, const char *text)
{
	struct endpoint *endpoint = call->endpoint;
	bool was_active = endpoint->active_call == call;

	log_call(call, LOG_WARNING, text);
	dbus_reply_error(call->message, error, text);
	if (was_active) {
		endpoint->active_call = NULL;
		endpoint->job = ENDPOINT_JOB_NONE;
	}
	call_free(call);
	if (was_active)
		endpoint_run_next_job(endpoint);
}

static int on_deadline(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct method_call *call = userdata;
	char text[128];

	snprintf(text, sizeof(text),
		 "timeout: the device did not complete the exchange within "
		 "%u ms",
		 METHOD_DEADLINE_MS);
	call_fail(call, -ETIMEDOUT, text);
	return 0;
}

static void finish_call(struct method_call *call, struct spdm_result *result)
{
	struct endpoint *endpoint = call->endpoint;
	char text[SPDM_DETAIL_SIZE + 64];
	int ret;

	ret = method_reply_send(endpoint, call->message, call->args.slot,
				call->pinned_flow, result, text, sizeof(text));
	if (ret < 0) {
		call_fail(call, ret, text);
		return;
	}
	log_call(call, LOG_INFO, "signed measurements returned");
	endpoint->active_call = NULL;
	endpoint->job = ENDPOINT_JOB_NONE;
	call_free(call);
	endpoint_run_next_job(endpoint);
}

static void on_exchange_done(struct exchange *exchange, void *userdata)
{
	struct method_call *call = userdata;
	struct spdm_result result;

	memset(&result, 0, sizeof(result));
	exchange_take_result(exchange, &result);
	exchange_free(exchange);
	call->exchange = NULL;
	finish_call(call, &result);
	spdm_result_clear(&result);
}

static void fill_config(struct method_call *call,
			struct spdm_requester_config *config)
{
	struct endpoint *endpoint = call->endpoint;
	const struct cert_object *cert = endpoint->certs[call->args.slot];

	attest_requester_config(endpoint, config);
	config->slot_id = call->args.slot;
	config->measurements = true;
	config->measurement_index_count = call->args.index_count;
	memcpy(config->measurement_indices, call->args.indices,
	       call->args.index_count);
	config->measurement_nonce =
	    call->args.fresh_nonce ? NULL : call->args.nonce;
	call->pinned_flow = cert != NULL;
	if (cert) {
		config->flow = SPDM_FLOW_SIGNED_MEASUREMENTS;
		config->pinned_cert_chain = cert->slot_object;
		config->pinned_cert_chain_size = cert->size;
	}
}

static bool start_call(struct method_call *call)
{
	struct endpoint *endpoint = call->endpoint;
	struct spdm_requester_config config;
	char text[96];
	int ret;

	fill_config(call, &config);
	ret = exchange_start(endpoint->daemon->event, endpoint->dispatcher,
			     endpoint->network, endpoint->eid, &config,
			     on_exchange_done, call, &call->exchange);
	if (ret < 0) {
		snprintf(text, sizeof(text),
			 "internal-error: failed to start the exchange: %s",
			 strerror(-ret));
		call_fail(call, ret, text);
		return false;
	}
	endpoint->active_call = call;
	endpoint->job = ENDPOINT_JOB_METHOD;
	return true;
}

bool method_start_next(struct endpoint *endpoint)
{
	while (!list_empty(&endpoint->method_calls)) {
		struct method_call *call = container_of(
		    endpoint->method_calls.next, struct method_call, node);

		list_remove(&call->node);
		if (!dispatcher_is_up(endpoint->dispatcher)) {
			call_fail(call, -ENOTCONN,
				  "link-lost: the endpoint's link is down");
			continue;
		}
		if (start_call(call))
			return true;
	}
	return false;
}

void method_fail_all(struct endpoint *endpoint, const char *reason)
{
	struct method_call *active = endpoint->active_call;

	endpoint->active_call = NULL;
	if (active) {
		endpoint->job = ENDPOINT_JOB_NONE;
		log_call(active, LOG_WARNING, reason);
		dbus_reply_error(active->message, -ECANCELED, reason);
		call_free(active);
	}
	while (!list_empty(&endpoint->method_calls)) {
		struct method_call *call = container_of(
		    endpoint->method_calls.next, struct method_call, node);

		/* call_free() unlinks call, so the next one is a new node. */
		// NOLINTNEXTLINE(clang-analyzer-unix.Malloc)
		log_call(call, LOG_WARNING, reason);
		dbus_reply_error(call->message, -ECANCELED, reason);
		call_free(call);
	}
}

static int read_arguments(sd_bus_message *message,
			  struct measurement_args *args, char *text,
			  size_t text_size)
{
	const char size_type = sizeof(size_t) == 8 ? 't' : 'u';
	const void *indices = NULL;
	size_t indices_size = 0, slot = 0;
	const char *nonce = NULL;
	int ret;

	ret = sd_bus_message_read_array(message, size_type, &indices,
					&indices_size);
	if (ret >= 0)
		ret = sd_bus_message_read_basic(message, 's', &nonce);
	if (ret >= 0)
		ret = sd_bus_message_read_basic(message, size_type, &slot);
	if (ret < 0) {
		snprintf(text, text_size, "malformed arguments: %s",
			 strerror(-ret));
		return -EINVAL;
	}
	return measurement_args_parse(indices, indices_size / sizeof(size_t),
				      nonce, slot, args, text, text_size);
}

/* An unprovisioned slot is the caller's mistake: InvalidArgument. */
static int check_slot(const struct endpoint *endpoint, uint8_t slot, char *text,
		      size_t text_size)
{
	uint8_t mask = endpoint->status.slot_mask;

	if (mask == 0 || (mask & (1u << slot)))
		return 0;
	snprintf(text, text_size,
		 "SlotId: slot %u is not provisioned on the device (slot "
		 "mask 0x%02x)",
		 slot, mask);
	return -EINVAL;
}

static struct method_call *call_new(struct endpoint *endpoint,
				    sd_bus_message *message,
				    const struct measurement_args *args)
{
	struct method_call *call = calloc(1, sizeof(*call));

	if (!call)
		return NULL;
	list_init(&call->node);
	call->endpoint = endpoint;
	call->args = *args;
	if (sd_event_add_time_relative(
		endpoint->daemon->event, &call->deadline, CLOCK_MONOTONIC,
		METHOD_DEADLINE_MS * 1000ull, 0, on_deadline, call) < 0) {
		free(call);
		return NULL;
	}
	call->message = sd_bus_message_ref(message);
	return call;
}

static size_t waiting_calls(const struct endpoint *endpoint)
{
	const struct list_node *node;
	size_t count = 0;

	for (node = endpoint->method_calls.next;
	     node != &endpoint->method_calls; node = node->next)
		count++;
	return count;
}

int method_get_signed_measurements(sd_bus_message *message, void *userdata,
				   sd_bus_error *error)
{
	struct endpoint *endpoint = userdata;
	struct measurement_args args;
	struct method_call *call;
	char text[MEASUREMENT_ARGS_MESSAGE_SIZE];
	int ret;

	ret = read_arguments(message, &args, text, sizeof(text));
	if (ret == 0)
		ret = check_slot(endpoint, args.slot, text, sizeof(text));
	if (ret == 0 && !dispatcher_is_up(endpoint->dispatcher)) {
		snprintf(text, sizeof(text), "link-lost: link %s is down",
			 endpoint->link_spec);
		ret = -ENOTCONN;
	}
	if (ret == 0 && waiting_calls(endpoint) >= METHOD_MAX_WAITING) {
		snprintf(text, sizeof(text),
			 "busy: %d calls already wait for this endpoint; "
			 "retry later",
			 METHOD_MAX_WAITING);
		ret = -EBUSY;
	}
	if (ret < 0)
		return dbus_reply_error(message, ret, text);

	call = call_new(endpoint, message, &args);
	spdm_wipe(args.nonce, sizeof(args.nonce));
	if (!call)
		return dbus_reply_error(message, -ENOMEM,
					"internal-error: out of memory");
	list_add_tail(&endpoint->method_calls, &call->node);
	endpoint_run_next_job(endpoint);
	/* The reply is sent when the exchange ends. */
	return 1;
}
