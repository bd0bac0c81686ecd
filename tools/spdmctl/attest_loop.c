// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attest_loop.h"

/* Tries of a send the kernel rejected for lack of a free tag (AF_MCTP). */
#define SEND_RETRY_MAX 20
#define SEND_RETRY_DELAY_MS 10

/* The response being waited for and where it is stored when it arrives. */
struct pending_response {
	uint8_t peer_eid;
	uint8_t tag;
	bool received;
	size_t length;
	unsigned long stray_messages;
	uint8_t data[MCTP_LINK_MAX_MESSAGE];
};

static uint64_t monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static void sleep_ms(unsigned int delay_ms)
{
	struct timespec remaining = {
		.tv_sec = delay_ms / 1000,
		.tv_nsec = (long)(delay_ms % 1000) * 1000000,
	};

	while (nanosleep(&remaining, &remaining) < 0 && errno == EINTR)
		;
}

/* Keeps the first message from the peer with the request's tag. */
static void store_response(void *userdata, uint8_t peer_eid, uint8_t tag,
			   const uint8_t *message, size_t length)
{
	struct pending_response *pending = userdata;

	if (pending->received || peer_eid != pending->peer_eid ||
	    tag != pending->tag || length > sizeof(pending->data)) {
		pending->stray_messages++;
		return;
	}
	memcpy(pending->data, message, length);
	pending->length = length;
	pending->received = true;
}

/*
 * Returns whether the peer is gone after a receive call; revents is what
 * poll() reported before it. A hang-up with nothing to read would spin to
 * the deadline. With POLLIN there may be more than one call reads, so the
 * next call reads on. A listening link drops a peer that hung up.
 */
static bool peer_gone(const struct mctp_link *link, short revents)
{
	if (!mctp_link_connected(link))
		return true;
	return !(revents & POLLIN) &&
	       (revents & (POLLHUP | POLLERR | POLLNVAL));
}

/*
 * Waits up to timeout_ms for the pending response. Returns 0 when it
 * arrived, -ETIMEDOUT, or the negative errno of a link failure.
 */
static int await_response(struct mctp_link *link,
			  struct pending_response *pending,
			  unsigned int timeout_ms)
{
	uint64_t deadline = monotonic_ms() + timeout_ms;

	while (!pending->received) {
		struct pollfd poll_fd = { .fd = mctp_link_fd(link),
					  .events = POLLIN };
		uint64_t now = monotonic_ms();
		int ret;

		if (now >= deadline)
			return -ETIMEDOUT;
		ret = poll(&poll_fd, 1,
			   deadline - now > INT_MAX ? INT_MAX
						    : (int)(deadline - now));
		if (ret < 0 && errno == EINTR)
			continue;
		if (ret < 0)
			return -errno;
		if (ret == 0)
			continue;

		ret = mctp_link_receive(link, store_response, pending);
		if (ret < 0)
			return ret;
		if (!pending->received && peer_gone(link, poll_fd.revents))
			return -EPIPE;
	}
	return 0;
}

static int send_request(struct mctp_link *link,
			struct pending_response *pending,
			const struct spdm_action *action)
{
	int ret;

	for (int attempt = 0; attempt < SEND_RETRY_MAX; attempt++) {
		ret = mctp_link_send(link, pending->peer_eid, &pending->tag,
				     action->request, action->request_length);
		if (ret != -EAGAIN && ret != -EBUSY)
			return ret;
		sleep_ms(SEND_RETRY_DELAY_MS);
	}
	return ret;
}

/* Sends one request and hands the requester its response or what failed. */
static void exchange(struct spdm_requester *req, struct mctp_link *link,
		     struct pending_response *pending,
		     const struct spdm_action *action,
		     struct attest_loop_stats *stats)
{
	int ret;

	pending->received = false;
	pending->tag = 0;
	ret = send_request(link, pending, action);
	if (ret == 0) {
		stats->requests_sent++;
		ret = await_response(link, pending, action->timeout_ms);
	}

	if (ret == 0) {
		spdm_requester_handle_response(req, pending->data,
					       pending->length);
	} else if (ret == -ETIMEDOUT) {
		stats->timeouts++;
		spdm_requester_handle_timeout(req);
	} else {
		stats->link_error = ret;
		spdm_requester_handle_link_lost(req);
	}
}

int attest_loop_run(struct spdm_requester *req, struct mctp_link *link,
		    uint8_t peer_eid, struct attest_loop_stats *stats)
{
	struct pending_response *pending;
	struct spdm_action action;

	*stats = (struct attest_loop_stats){ 0 };
	pending = calloc(1, sizeof(*pending));
	if (!pending)
		return -ENOMEM;
	pending->peer_eid = peer_eid;

	for (;;) {
		spdm_requester_next(req, &action);
		if (action.type == SPDM_ACTION_DONE)
			break;
		if (action.type == SPDM_ACTION_WAIT)
			sleep_ms(action.delay_ms);
		else
			exchange(req, link, pending, &action, stats);
	}

	stats->stray_messages = pending->stray_messages;
	free(pending);
	return 0;
}
