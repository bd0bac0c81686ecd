/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An exchange runs one spdm_requester on the event loop: each request
 * goes out through the link's dispatcher with a timer for its response,
 * and WAIT actions become timers. The owner is called once at the end
 * and then frees the exchange.
 */
#ifndef SPDMD_EXCHANGE_H
#define SPDMD_EXCHANGE_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-event.h>

#include <spdm/requester.h>

#include "dispatcher.h"

/*
 * Maximum time a request waits for a free AF_MCTP tag. The kernel frees a
 * tag at the latest 6 s after its request, so a longer wait means the
 * link is stuck.
 */
#define EXCHANGE_QUEUE_TIMEOUT_MS 7000

struct exchange;

typedef void (*exchange_done_fn)(struct exchange *exchange, void *userdata);

struct exchange {
	struct dispatch_entry entry;
	struct dispatcher *dispatcher;
	sd_event *event;
	struct spdm_requester *requester;
	sd_event_source *timer;
	unsigned int timeout_ms; /* for the request in flight */
	bool done;
	exchange_done_fn on_done;
	void *userdata;
};

/*
 * Creates a requester from config and starts it on the dispatcher's link
 * towards eid of an MCTP network (0 on links other than mctp:). on_done
 * is called once, never from inside this function.
 */
int exchange_start(sd_event *event, struct dispatcher *dispatcher,
		   uint32_t network, uint8_t eid,
		   const struct spdm_requester_config *config,
		   exchange_done_fn on_done, void *userdata,
		   struct exchange **out);
/* Stops an exchange at any point; a response arriving later is dropped. */
void exchange_free(struct exchange *exchange);
/* Moves the result out of a finished exchange. */
void exchange_take_result(struct exchange *exchange,
			  struct spdm_result *result);

#endif /* SPDMD_EXCHANGE_H */
