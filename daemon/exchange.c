// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"

static void advance(struct exchange *exchange);

/*
 * An accuracy of 0 would let sd-event coalesce the wake-up by up to its
 * default 250 ms, which then delays every zero-delay step of an
 * exchange; 1 us keeps each timer on time.
 */
#define TIMER_ACCURACY_US 1

static int arm_timer(struct exchange *exchange, unsigned int milliseconds,
		     sd_event_time_handler_t handler)
{
	exchange->timer = sd_event_source_disable_unref(exchange->timer);
	return sd_event_add_time_relative(
	    exchange->event, &exchange->timer, CLOCK_MONOTONIC,
	    milliseconds * 1000ull, TIMER_ACCURACY_US, handler, exchange);
}

static void disarm_timer(struct exchange *exchange)
{
	exchange->timer = sd_event_source_disable_unref(exchange->timer);
}

/* Fires when a response is late, or a queued request never went out. */
static int on_timeout(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct exchange *exchange = userdata;

	disarm_timer(exchange);
	dispatcher_cancel(exchange->dispatcher, &exchange->entry);
	spdm_requester_handle_timeout(exchange->requester);
	advance(exchange);
	return 0;
}

static int on_delay(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct exchange *exchange = userdata;

	disarm_timer(exchange);
	advance(exchange);
	return 0;
}

/* Reports the end from the event loop, never from the caller's stack. */
static int on_finish(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct exchange *exchange = userdata;

	disarm_timer(exchange);
	exchange->on_done(exchange, exchange->userdata);
	return 0;
}

static void finish(struct exchange *exchange)
{
	exchange->done = true;
	if (arm_timer(exchange, 0, on_finish) < 0)
		exchange->on_done(exchange, exchange->userdata);
}

static void deliver(struct dispatch_entry *entry, const uint8_t *message,
		    size_t length)
{
	struct exchange *exchange = container_of(entry, struct exchange, entry);

	disarm_timer(exchange);
	if (message)
		spdm_requester_handle_response(exchange->requester, message,
					       length);
	else
		spdm_requester_handle_link_lost(exchange->requester);
	advance(exchange);
}

/* A request that waited for a free tag has gone out: time its response. */
static void sent(struct dispatch_entry *entry)
{
	struct exchange *exchange = container_of(entry, struct exchange, entry);

	if (arm_timer(exchange, exchange->timeout_ms, on_timeout) < 0) {
		dispatcher_cancel(exchange->dispatcher, &exchange->entry);
		spdm_requester_handle_link_lost(exchange->requester);
		advance(exchange);
	}
}

/* Sends the request of a SEND action; returns false if it failed. */
static bool send_request(struct exchange *exchange,
			 const struct spdm_action *action)
{
	unsigned int wait_ms;
	int ret;

	exchange->entry.request = action->request;
	exchange->entry.request_length = action->request_length;
	exchange->timeout_ms = action->timeout_ms;
	ret = dispatcher_send(exchange->dispatcher, &exchange->entry);
	if (ret < 0)
		return false;
	/* Queued (1): wait for a tag; sent (0): wait for the response. */
	wait_ms = ret == 1 ? EXCHANGE_QUEUE_TIMEOUT_MS : action->timeout_ms;
	if (arm_timer(exchange, wait_ms, on_timeout) < 0) {
		dispatcher_cancel(exchange->dispatcher, &exchange->entry);
		return false;
	}
	return true;
}

static void advance(struct exchange *exchange)
{
	struct spdm_action action;

	for (;;) {
		spdm_requester_next(exchange->requester, &action);
		switch (action.type) {
		case SPDM_ACTION_SEND:
			if (send_request(exchange, &action))
				return;
			spdm_requester_handle_link_lost(exchange->requester);
			break;
		case SPDM_ACTION_WAIT:
			if (arm_timer(exchange, action.delay_ms, on_delay) == 0)
				return;
			/* Without a timer the exchange cannot go on. */
			spdm_requester_handle_link_lost(exchange->requester);
			break;
		case SPDM_ACTION_DONE:
			finish(exchange);
			return;
		}
	}
}

static int on_start(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct exchange *exchange = userdata;

	disarm_timer(exchange);
	advance(exchange);
	return 0;
}

int exchange_start(sd_event *event, struct dispatcher *dispatcher,
		   uint32_t network, uint8_t eid,
		   const struct spdm_requester_config *config,
		   exchange_done_fn on_done, void *userdata,
		   struct exchange **out)
{
	struct exchange *exchange = calloc(1, sizeof(*exchange));
	int ret;

	if (!exchange)
		return -ENOMEM;
	ret = spdm_requester_new(config, &exchange->requester);
	if (ret < 0) {
		free(exchange);
		return ret;
	}
	exchange->event = sd_event_ref(event);
	exchange->dispatcher = dispatcher;
	exchange->on_done = on_done;
	exchange->userdata = userdata;
	list_init(&exchange->entry.node);
	exchange->entry.network = network;
	exchange->entry.eid = eid;
	exchange->entry.deliver = deliver;
	exchange->entry.sent = sent;

	/* The first step runs from the loop, like every later one. */
	ret = arm_timer(exchange, 0, on_start);
	if (ret < 0) {
		exchange_free(exchange);
		return ret;
	}
	*out = exchange;
	return 0;
}

void exchange_free(struct exchange *exchange)
{
	if (!exchange)
		return;
	dispatcher_cancel(exchange->dispatcher, &exchange->entry);
	disarm_timer(exchange);
	spdm_requester_free(exchange->requester);
	sd_event_unref(exchange->event);
	free(exchange);
}

void exchange_take_result(struct exchange *exchange, struct spdm_result *result)
{
	spdm_requester_take_result(exchange->requester, result);
}
