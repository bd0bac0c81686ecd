/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One dispatcher per link. It owns the mctp_link and its descriptor on
 * the event loop, sends requests for the exchanges running on the link,
 * and hands each received message to the exchange waiting for it, matched
 * by MCTP network, peer EID and tag. The daemon runs one dispatcher on
 * one mctp: link for the AF_MCTP endpoints of every network. Stale, late and
 * unsolicited messages are counted and dropped. When the link fails, every
 * waiting exchange fails with link-lost, and the link is reopened with
 * exponential backoff.
 */
#ifndef SPDMD_DISPATCHER_H
#define SPDMD_DISPATCHER_H

#include <stdbool.h>
#include <stdint.h>

#include <systemd/sd-event.h>

#include <mctp/link.h>

#include "list.h"
#include "log.h"

/* Reopen delays after a link failure, doubling from the first to the cap. */
#define DISPATCHER_BACKOFF_FIRST_MS 500
#define DISPATCHER_BACKOFF_MAX_MS   30000
/* A link up this long before it fails is reopened after the first step. */
#define DISPATCHER_STABLE_MS 30000
/* How often a send that found no free tag (AF_MCTP) is tried again. */
#define DISPATCHER_SEND_RETRY_MS 20

/* The link calls, a seam for tests. */
struct link_ops {
	int (*open)(const struct mctp_link_config *config,
		    struct mctp_link **out);
	void (*close)(struct mctp_link *link);
	int (*fd)(const struct mctp_link *link);
	int (*send)(struct mctp_link *link, uint32_t network, uint8_t peer_eid,
		    uint8_t *tag, const uint8_t *message, size_t length);
	int (*receive)(struct mctp_link *link, mctp_link_net_message_fn fn,
		       void *userdata);
};

extern const struct link_ops link_ops_mctp;

struct dispatcher;

/* Called when the link comes up (up true) or fails (up false). */
typedef void (*dispatcher_state_fn)(struct dispatcher *dispatcher, bool up,
				    void *userdata);

/* A request in flight on a dispatcher; embedded in struct exchange. */
struct dispatch_entry {
	struct list_node node;
	uint32_t network; /* AF_MCTP network; 0 on other links */
	uint8_t eid;
	uint8_t tag;
	bool awaiting; /* sent, in the waiting list */
	bool queued;   /* no free tag yet, in the send queue */
	const uint8_t *request;
	size_t request_length;
	/* Called with the response, or with NULL when the link failed. */
	void (*deliver)(struct dispatch_entry *entry, const uint8_t *message,
			size_t length);
	/* Called when a queued request has been sent. */
	void (*sent)(struct dispatch_entry *entry);
};

struct dispatcher {
	struct list_node node; /* in the daemon's list */
	sd_event *event;
	const struct link_ops *ops;
	const struct mctp_socket_ops *socket_ops;
	char *spec;
	uint8_t local_eid;
	unsigned int users;

	struct mctp_link *link; /* NULL while down */
	sd_event_source *io;
	int io_fd;
	sd_event_source *reopen_timer;
	sd_event_source *send_retry_timer;
	unsigned int backoff_ms; /* delay of the next reopen */
	uint64_t opened_usec;	 /* CLOCK_MONOTONIC time the link opened */
	bool receiving;		 /* inside mctp_link_receive() */
	bool free_pending;	 /* freed when receiving ends */

	struct list_node waiting;
	struct list_node send_queue;

	uint64_t messages_dropped;
	uint64_t reopen_count;
	struct log_ratelimit error_limit;
	struct log_ratelimit drop_limit;

	dispatcher_state_fn on_state;
	void *userdata;
};

struct dispatcher_config {
	const char *spec;
	uint8_t local_eid;
	const struct link_ops *ops; /* NULL: link_ops_mctp */
	/* System calls of mctp: links; NULL: the libc functions. */
	const struct mctp_socket_ops *socket_ops;
	dispatcher_state_fn on_state;
	void *userdata;
};

/*
 * Creates a dispatcher and tries to open the link at once. A link that
 * fails to open is retried with backoff, and on_state reports when it
 * comes up.
 */
int dispatcher_new(sd_event *event, const struct dispatcher_config *config,
		   struct dispatcher **out);
void dispatcher_free(struct dispatcher *dispatcher);
bool dispatcher_is_up(const struct dispatcher *dispatcher);

/*
 * Sends entry->request to entry->eid on entry->network. Returns 0 when sent
 * (the entry waits for its response), 1 when queued until the kernel frees a
 * tag (entry->sent is called later), or a negative errno when the link is down
 * or the send failed.
 */
int dispatcher_send(struct dispatcher *dispatcher,
		    struct dispatch_entry *entry);
/* Stops waiting for entry; a response that arrives later is dropped. */
void dispatcher_cancel(struct dispatcher *dispatcher,
		       struct dispatch_entry *entry);

#endif /* SPDMD_DISPATCHER_H */
