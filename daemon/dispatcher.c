// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dispatcher.h"

const struct link_ops link_ops_mctp = {
    .open = mctp_link_open,
    .close = mctp_link_close,
    .fd = mctp_link_fd,
    .send = mctp_link_send_net,
    .receive = mctp_link_receive_net,
};

static int on_io(sd_event_source *source, int fd, uint32_t events,
		 void *userdata);
static void schedule_reopen(struct dispatcher *dispatcher);

static uint64_t now_usec(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000u + (uint64_t)now.tv_nsec / 1000;
}

/* Logs a link problem, at most a few times a minute per link. */
static void log_link_error(struct dispatcher *dispatcher, const char *what,
			   int error)
{
	unsigned int suppressed;

	if (!log_ratelimit_allow(&dispatcher->error_limit, now_usec(),
				 &suppressed))
		return;
	if (suppressed)
		log_message(LOG_WARNING,
			    "link %s: %u similar messages suppressed",
			    dispatcher->spec, suppressed);
	log_message(LOG_WARNING, "link %s: %s: %s; retrying in %u ms",
		    dispatcher->spec, what, strerror(-error),
		    dispatcher->backoff_ms);
}

static int open_link(struct dispatcher *dispatcher)
{
	struct mctp_link_config config = {
	    .spec = dispatcher->spec,
	    .role = MCTP_LINK_REQUESTER,
	    .local_eid = dispatcher->local_eid,
	    .socket_ops = dispatcher->socket_ops,
	};
	struct mctp_link *link;
	int ret, fd;

	ret = dispatcher->ops->open(&config, &link);
	if (ret < 0)
		return ret;
	fd = dispatcher->ops->fd(link);
	ret = sd_event_add_io(dispatcher->event, &dispatcher->io, fd, EPOLLIN,
			      on_io, dispatcher);
	if (ret < 0) {
		dispatcher->ops->close(link);
		return ret;
	}
	dispatcher->link = link;
	dispatcher->io_fd = fd;
	dispatcher->opened_usec = now_usec();
	return 0;
}

/* Doubles the reopen delay, up to DISPATCHER_BACKOFF_MAX_MS. */
static void grow_backoff(struct dispatcher *dispatcher)
{
	dispatcher->backoff_ms *= 2;
	if (dispatcher->backoff_ms > DISPATCHER_BACKOFF_MAX_MS)
		dispatcher->backoff_ms = DISPATCHER_BACKOFF_MAX_MS;
}

static void close_link(struct dispatcher *dispatcher)
{
	dispatcher->io = sd_event_source_disable_unref(dispatcher->io);
	if (dispatcher->link)
		dispatcher->ops->close(dispatcher->link);
	dispatcher->link = NULL;
	dispatcher->io_fd = -1;
}

/* Fails every request in flight; their exchanges see a lost link. */
static void fail_entries(struct dispatcher *dispatcher)
{
	struct list_node failed;

	list_init(&failed);
	list_splice_tail(&failed, &dispatcher->waiting);
	list_splice_tail(&failed, &dispatcher->send_queue);
	while (!list_empty(&failed)) {
		struct dispatch_entry *entry =
		    container_of(failed.next, struct dispatch_entry, node);

		list_remove(&entry->node);
		entry->awaiting = false;
		entry->queued = false;
		entry->deliver(entry, NULL, 0);
	}
}

static void link_lost(struct dispatcher *dispatcher, int error)
{
	/*
	 * Only a link that stayed up a while starts the backoff afresh, so
	 * a peer that accepts and hangs up is reopened ever more slowly.
	 */
	if (now_usec() - dispatcher->opened_usec >=
	    DISPATCHER_STABLE_MS * 1000ull)
		dispatcher->backoff_ms = DISPATCHER_BACKOFF_FIRST_MS;
	close_link(dispatcher);
	log_link_error(dispatcher, "link lost", error);
	fail_entries(dispatcher);
	schedule_reopen(dispatcher);
	grow_backoff(dispatcher);
	if (dispatcher->on_state)
		dispatcher->on_state(dispatcher, false, dispatcher->userdata);
}

static int on_reopen(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct dispatcher *dispatcher = userdata;
	int ret;

	dispatcher->reopen_timer =
	    sd_event_source_disable_unref(dispatcher->reopen_timer);
	ret = open_link(dispatcher);
	if (ret < 0) {
		log_link_error(dispatcher, "failed to open", ret);
		schedule_reopen(dispatcher);
		grow_backoff(dispatcher);
		return 0;
	}
	dispatcher->reopen_count++;
	log_message(LOG_INFO, "link %s is up again", dispatcher->spec);
	if (dispatcher->on_state)
		dispatcher->on_state(dispatcher, true, dispatcher->userdata);
	return 0;
}

static void schedule_reopen(struct dispatcher *dispatcher)
{
	int ret;

	if (dispatcher->reopen_timer)
		return;
	ret = sd_event_add_time_relative(
	    dispatcher->event, &dispatcher->reopen_timer, CLOCK_MONOTONIC,
	    dispatcher->backoff_ms * 1000ull, 0, on_reopen, dispatcher);
	if (ret < 0)
		log_message(LOG_ERR,
			    "link %s: failed to arm the reopen "
			    "timer: %s; the link stays down",
			    dispatcher->spec, strerror(-ret));
}

static void drop_message(struct dispatcher *dispatcher, uint32_t network,
			 uint8_t eid, uint8_t tag, size_t length)
{
	unsigned int suppressed;

	dispatcher->messages_dropped++;
	if (!log_verbose() || !log_ratelimit_allow(&dispatcher->drop_limit,
						   now_usec(), &suppressed))
		return;
	log_message(LOG_DEBUG,
		    "link %s: dropped a %zu-byte message from network %u "
		    "EID %u tag %u: no request waits for it (%llu dropped so "
		    "far)",
		    dispatcher->spec, length, network, eid, tag,
		    (unsigned long long)dispatcher->messages_dropped);
}

static bool is_tag_exhausted(int error)
{
	return error == -EBUSY || error == -EAGAIN;
}

static void flush_send_queue(struct dispatcher *dispatcher);

static int on_send_retry(sd_event_source *source, uint64_t usec, void *userdata)
{
	struct dispatcher *dispatcher = userdata;

	dispatcher->send_retry_timer =
	    sd_event_source_disable_unref(dispatcher->send_retry_timer);
	flush_send_queue(dispatcher);
	return 0;
}

static void arm_send_retry_timer(struct dispatcher *dispatcher)
{
	int ret;

	if (dispatcher->send_retry_timer)
		return;
	ret = sd_event_add_time_relative(
	    dispatcher->event, &dispatcher->send_retry_timer, CLOCK_MONOTONIC,
	    DISPATCHER_SEND_RETRY_MS * 1000ull, 0, on_send_retry, dispatcher);
	if (ret < 0)
		log_message(LOG_ERR, "link %s: failed to arm a timer: %s",
			    dispatcher->spec, strerror(-ret));
}

/* Sends queued requests in order until the kernel has no free tag. */
static void flush_send_queue(struct dispatcher *dispatcher)
{
	while (dispatcher->link && !list_empty(&dispatcher->send_queue)) {
		struct dispatch_entry *entry = container_of(
		    dispatcher->send_queue.next, struct dispatch_entry, node);
		int ret;

		ret = dispatcher->ops->send(
		    dispatcher->link, entry->network, entry->eid, &entry->tag,
		    entry->request, entry->request_length);
		if (is_tag_exhausted(ret)) {
			arm_send_retry_timer(dispatcher);
			return;
		}
		list_remove(&entry->node);
		entry->queued = false;
		if (ret < 0) {
			entry->deliver(entry, NULL, 0);
			continue;
		}
		entry->awaiting = true;
		list_add_tail(&dispatcher->waiting, &entry->node);
		entry->sent(entry);
	}
}

static struct dispatch_entry *find_waiting(struct dispatcher *dispatcher,
					   uint32_t network, uint8_t eid,
					   uint8_t tag)
{
	for (struct list_node *node = dispatcher->waiting.next;
	     node != &dispatcher->waiting; node = node->next) {
		struct dispatch_entry *entry =
		    container_of(node, struct dispatch_entry, node);

		if (entry->network == network && entry->eid == eid &&
		    entry->tag == tag)
			return entry;
	}
	return NULL;
}

static void on_message(void *userdata, uint32_t network, uint8_t peer_eid,
		       uint8_t tag, const uint8_t *message, size_t length)
{
	struct dispatcher *dispatcher = userdata;
	struct dispatch_entry *entry =
	    find_waiting(dispatcher, network, peer_eid, tag);

	if (!entry) {
		drop_message(dispatcher, network, peer_eid, tag, length);
		return;
	}
	list_remove(&entry->node);
	entry->awaiting = false;
	entry->deliver(entry, message, length);
}

static int on_io(sd_event_source *source, int fd, uint32_t events,
		 void *userdata)
{
	struct dispatcher *dispatcher = userdata;
	int ret, new_fd;

	dispatcher->receiving = true;
	ret =
	    dispatcher->ops->receive(dispatcher->link, on_message, dispatcher);
	dispatcher->receiving = false;
	if (dispatcher->free_pending) {
		dispatcher_free(dispatcher);
		return 0;
	}
	if (ret < 0 && ret != -EAGAIN && ret != -EINTR) {
		link_lost(dispatcher, ret);
		return 0;
	}
	new_fd = dispatcher->ops->fd(dispatcher->link);
	if (new_fd != dispatcher->io_fd) {
		sd_event_source_set_io_fd(dispatcher->io, new_fd);
		dispatcher->io_fd = new_fd;
	}
	/* A response frees a tag, so a queued request may go now. */
	flush_send_queue(dispatcher);
	return 0;
}

int dispatcher_new(sd_event *event, const struct dispatcher_config *config,
		   struct dispatcher **out)
{
	struct dispatcher *dispatcher = calloc(1, sizeof(*dispatcher));
	int ret;

	if (!dispatcher)
		return -ENOMEM;
	dispatcher->spec = strdup(config->spec);
	if (!dispatcher->spec) {
		free(dispatcher);
		return -ENOMEM;
	}
	dispatcher->event = sd_event_ref(event);
	dispatcher->ops = config->ops ? config->ops : &link_ops_mctp;
	dispatcher->socket_ops = config->socket_ops;
	dispatcher->local_eid = config->local_eid;
	dispatcher->on_state = config->on_state;
	dispatcher->userdata = config->userdata;
	dispatcher->io_fd = -1;
	dispatcher->backoff_ms = DISPATCHER_BACKOFF_FIRST_MS;
	list_init(&dispatcher->node);
	list_init(&dispatcher->waiting);
	list_init(&dispatcher->send_queue);

	ret = open_link(dispatcher);
	if (ret < 0) {
		log_link_error(dispatcher, "failed to open", ret);
		schedule_reopen(dispatcher);
		grow_backoff(dispatcher);
	}
	*out = dispatcher;
	return 0;
}

void dispatcher_free(struct dispatcher *dispatcher)
{
	if (!dispatcher)
		return;
	if (dispatcher->receiving) {
		/* The link must not close inside its own receive call. */
		dispatcher->free_pending = true;
		return;
	}
	list_remove(&dispatcher->node);
	while (!list_empty(&dispatcher->waiting))
		dispatcher_cancel(dispatcher,
				  container_of(dispatcher->waiting.next,
					       struct dispatch_entry, node));
	while (!list_empty(&dispatcher->send_queue))
		dispatcher_cancel(dispatcher,
				  container_of(dispatcher->send_queue.next,
					       struct dispatch_entry, node));
	close_link(dispatcher);
	sd_event_source_disable_unref(dispatcher->reopen_timer);
	sd_event_source_disable_unref(dispatcher->send_retry_timer);
	sd_event_unref(dispatcher->event);
	free(dispatcher->spec);
	free(dispatcher);
}

bool dispatcher_is_up(const struct dispatcher *dispatcher)
{
	return dispatcher->link != NULL;
}

int dispatcher_send(struct dispatcher *dispatcher, struct dispatch_entry *entry)
{
	int ret;

	if (!dispatcher->link)
		return -ENOTCONN;
	if (list_empty(&dispatcher->send_queue)) {
		ret = dispatcher->ops->send(
		    dispatcher->link, entry->network, entry->eid, &entry->tag,
		    entry->request, entry->request_length);
		if (ret < 0 && !is_tag_exhausted(ret))
			return ret;
		if (ret == 0) {
			entry->awaiting = true;
			list_add_tail(&dispatcher->waiting, &entry->node);
			return 0;
		}
	}
	/* Older requests wait first, so the queue keeps its order. */
	entry->queued = true;
	list_add_tail(&dispatcher->send_queue, &entry->node);
	arm_send_retry_timer(dispatcher);
	return 1;
}

void dispatcher_cancel(struct dispatcher *dispatcher,
		       struct dispatch_entry *entry)
{
	list_remove(&entry->node);
	entry->awaiting = false;
	entry->queued = false;
}
