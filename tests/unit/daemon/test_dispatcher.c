// SPDX-License-Identifier: BSD-3-Clause
/*
 * The dispatcher over a real mctp: link whose system calls go to a fake
 * kernel (struct mctp_socket_ops). The fake keeps per-peer tag counts
 * like Linux does, at most 8 requests outstanding per peer, and fails a
 * send with EBUSY when none is free.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/mctp.h>

#include <cmocka.h>

#include <mctp/socket_ops.h>

#include "dispatcher.h"

#define FAKE_NETWORK	   1
#define FAKE_TAGS_PER_PEER 8
#define FAKE_MAX_SENT	   64
#define FAKE_MAX_PENDING   16

#ifndef AF_MCTP
#define AF_MCTP 45
#endif

struct fake_datagram {
	uint32_t network; /* 0: FAKE_NETWORK */
	uint8_t eid;
	uint8_t data[64];
	size_t length;
};

/* The fake kernel's state. */
static struct {
	int fd; /* an eventfd: readable while responses are pending */
	unsigned int tags_in_use[256];
	/* Errors the next sendto calls return, before tags are counted. */
	int forced_errors[4];
	size_t forced_error_count;
	unsigned int busy_count;
	struct fake_datagram sent[FAKE_MAX_SENT];
	size_t sent_count;
	struct fake_datagram pending[FAKE_MAX_PENDING];
	size_t pending_count;
	int receive_error; /* errno the next recvfrom returns, or 0 */
	unsigned int sockets_opened;
	bool socket_fails;
} fake;

static int fake_socket(int domain, int type, int protocol)
{
	if (domain != AF_MCTP || (type & 0xf) != SOCK_DGRAM ||
	    fake.socket_fails) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	fake.sockets_opened++;
	fake.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	return fake.fd;
}

static ssize_t fake_sendto(int fd, const void *buffer, size_t length, int flags,
			   const struct sockaddr *address,
			   socklen_t address_length)
{
	const struct sockaddr_mctp *mctp = (const void *)address;
	uint8_t eid = mctp->smctp_addr.s_addr;
	struct fake_datagram *sent;

	if (fake.forced_error_count > 0) {
		errno = fake.forced_errors[--fake.forced_error_count];
		return -1;
	}
	if (fake.tags_in_use[eid] >= FAKE_TAGS_PER_PEER) {
		fake.busy_count++;
		errno = EBUSY;
		return -1;
	}
	assert_int_equal(mctp->smctp_tag, MCTP_TAG_OWNER);
	assert_true(fake.sent_count < FAKE_MAX_SENT);
	assert_true(length <= sizeof(fake.sent[0].data));
	fake.tags_in_use[eid]++;
	sent = &fake.sent[fake.sent_count++];
	sent->network = mctp->smctp_network;
	sent->eid = eid;
	memcpy(sent->data, buffer, length);
	sent->length = length;
	return (ssize_t)length;
}

static void fake_signal_readable(void)
{
	uint64_t increment = 1;

	assert_int_equal(write(fake.fd, &increment, sizeof(increment)),
			 sizeof(increment));
}

static void fake_drain(void)
{
	uint64_t value;

	if (read(fake.fd, &value, sizeof(value)) < 0)
		assert_int_equal(errno, EAGAIN);
}

static ssize_t fake_recvfrom(int fd, void *buffer, size_t length, int flags,
			     struct sockaddr *address,
			     socklen_t *address_length)
{
	struct sockaddr_mctp *mctp = (void *)address;
	struct fake_datagram response;

	if (fake.receive_error) {
		errno = fake.receive_error;
		fake.receive_error = 0;
		return -1;
	}
	if (fake.pending_count == 0) {
		fake_drain();
		errno = EAGAIN;
		return -1;
	}
	response = fake.pending[0];
	memmove(&fake.pending[0], &fake.pending[1],
		--fake.pending_count * sizeof(fake.pending[0]));
	memset(mctp, 0, sizeof(*mctp));
	mctp->smctp_family = AF_MCTP;
	mctp->smctp_network =
	    response.network ? response.network : FAKE_NETWORK;
	mctp->smctp_addr.s_addr = response.eid;
	mctp->smctp_type = 5;
	mctp->smctp_tag = 0;
	*address_length = sizeof(*mctp);
	memcpy(buffer, response.data, response.length);
	/* The response's end frees the request's tag. */
	if (fake.tags_in_use[response.eid] > 0)
		fake.tags_in_use[response.eid]--;
	return (ssize_t)response.length;
}

static int fake_close(int fd)
{
	return close(fd);
}

static const struct mctp_socket_ops fake_ops = {
    .socket = fake_socket,
    .sendto = fake_sendto,
    .recvfrom = fake_recvfrom,
    .close = fake_close,
};

/* Queues a response from eid of a network (0: FAKE_NETWORK). */
static void fake_respond_from(uint32_t network, uint8_t eid,
			      const uint8_t *data, size_t length)
{
	struct fake_datagram *response = &fake.pending[fake.pending_count++];

	response->network = network;
	response->eid = eid;
	memcpy(response->data, data, length);
	response->length = length;
	fake_signal_readable();
}

static void fake_respond(uint8_t eid, const uint8_t *data, size_t length)
{
	fake_respond_from(0, eid, data, length);
}

/* A request in flight, with what happened to it. */
struct test_entry {
	struct dispatch_entry entry;
	uint8_t request[4];
	unsigned int sent_calls;
	unsigned int deliveries;
	bool link_lost;
	uint8_t response[64];
	size_t response_length;
};

static void test_deliver(struct dispatch_entry *entry, const uint8_t *message,
			 size_t length)
{
	struct test_entry *test = container_of(entry, struct test_entry, entry);

	test->deliveries++;
	test->link_lost = message == NULL;
	if (message) {
		memcpy(test->response, message, length);
		test->response_length = length;
	}
}

static void test_sent(struct dispatch_entry *entry)
{
	container_of(entry, struct test_entry, entry)->sent_calls++;
}

static void entry_init(struct test_entry *test, uint8_t eid, uint8_t code)
{
	memset(test, 0, sizeof(*test));
	list_init(&test->entry.node);
	test->entry.eid = eid;
	test->request[0] = 0x12;
	test->request[1] = code;
	test->entry.request = test->request;
	test->entry.request_length = sizeof(test->request);
	test->entry.deliver = test_deliver;
	test->entry.sent = test_sent;
}

static unsigned int link_ups, link_downs;

static void on_state(struct dispatcher *dispatcher, bool up, void *userdata)
{
	if (up)
		link_ups++;
	else
		link_downs++;
}

struct context {
	sd_event *event;
	struct dispatcher *dispatcher;
};

static int setup_spec(void **state, const char *spec)
{
	static struct context context;
	struct dispatcher_config config = {
	    .spec = spec,
	    .socket_ops = &fake_ops,
	    .on_state = on_state,
	};

	memset(&fake, 0, sizeof(fake));
	link_ups = 0;
	link_downs = 0;
	if (sd_event_new(&context.event) < 0)
		return -1;
	if (dispatcher_new(context.event, &config, &context.dispatcher) < 0)
		return -1;
	*state = &context;
	return 0;
}

static int setup(void **state)
{
	return setup_spec(state, "mctp:1");
}

static int setup_all_networks(void **state)
{
	return setup_spec(state, "mctp:");
}

static int teardown(void **state)
{
	struct context *context = *state;

	dispatcher_free(context->dispatcher);
	sd_event_unref(context->event);
	return 0;
}

/* Runs the loop until *flag is non-zero or milliseconds pass. */
static void run_until(sd_event *event, const unsigned int *flag,
		      unsigned int milliseconds)
{
	for (unsigned int waited = 0; waited < milliseconds && !*flag;
	     waited += 5)
		assert_true(sd_event_run(event, 5000) >= 0);
}

static void run_for(sd_event *event, unsigned int milliseconds)
{
	static const unsigned int never;

	run_until(event, &never, milliseconds);
}

static void dispatcher_opens_af_mctp(void **state)
{
	struct context *context = *state;

	assert_true(dispatcher_is_up(context->dispatcher));
	assert_int_equal(fake.sockets_opened, 1);
}

static void tag_exhaustion_queues_send(void **state)
{
	struct context *context = *state;
	static const uint8_t response[] = {0x12, 0x04, 0x00, 0x00};
	struct test_entry test;

	/* Eight earlier requests to EID 9 timed out; their tags are held. */
	fake.tags_in_use[9] = FAKE_TAGS_PER_PEER;
	entry_init(&test, 9, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry), 1);
	assert_true(test.entry.queued);
	assert_int_equal(fake.sent_count, 0);

	/* While no tag is free the request waits and is not failed. */
	run_for(context->event, 100);
	assert_int_equal(test.deliveries, 0);
	assert_int_equal(test.sent_calls, 0);
	assert_true(fake.busy_count >= 2);
	assert_true(dispatcher_is_up(context->dispatcher));

	/* The kernel expires one key: the request goes out. */
	fake.tags_in_use[9]--;
	run_until(context->event, &test.sent_calls, 1000);
	assert_int_equal(test.sent_calls, 1);
	assert_false(test.entry.queued);
	assert_true(test.entry.awaiting);
	assert_int_equal(fake.sent_count, 1);
	assert_int_equal(fake.sent[0].eid, 9);
	assert_memory_equal(fake.sent[0].data, test.request,
			    sizeof(test.request));

	fake_respond(9, response, sizeof(response));
	run_until(context->event, &test.deliveries, 1000);
	assert_int_equal(test.deliveries, 1);
	assert_false(test.link_lost);
	assert_int_equal(test.response_length, sizeof(response));
	assert_memory_equal(test.response, response, sizeof(response));
}

static void queue_keeps_order(void **state)
{
	struct context *context = *state;
	struct test_entry first, second;

	fake.tags_in_use[9] = FAKE_TAGS_PER_PEER;
	entry_init(&first, 9, 0x84);
	entry_init(&second, 10, 0xe1);
	assert_int_equal(dispatcher_send(context->dispatcher, &first.entry), 1);
	/* EID 10 has free tags, but an older request waits first. */
	assert_int_equal(dispatcher_send(context->dispatcher, &second.entry),
			 1);
	assert_int_equal(fake.sent_count, 0);

	fake.tags_in_use[9] = 0;
	run_until(context->event, &second.sent_calls, 1000);
	assert_int_equal(first.sent_calls, 1);
	assert_int_equal(second.sent_calls, 1);
	assert_int_equal(fake.sent_count, 2);
	assert_int_equal(fake.sent[0].eid, 9);
	assert_int_equal(fake.sent[1].eid, 10);
	dispatcher_cancel(context->dispatcher, &first.entry);
	dispatcher_cancel(context->dispatcher, &second.entry);
}

static void eagain_queues_send(void **state)
{
	struct context *context = *state;
	struct test_entry test;

	fake.forced_errors[0] = EAGAIN;
	fake.forced_error_count = 1;
	entry_init(&test, 9, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry), 1);
	run_until(context->event, &test.sent_calls, 1000);
	assert_int_equal(test.sent_calls, 1);
	assert_int_equal(test.deliveries, 0);
	assert_int_equal(fake.sent_count, 1);
	dispatcher_cancel(context->dispatcher, &test.entry);
}

static void send_error_returned(void **state)
{
	struct context *context = *state;
	struct test_entry test;

	fake.forced_errors[0] = EHOSTUNREACH;
	fake.forced_error_count = 1;
	entry_init(&test, 9, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry),
			 -EHOSTUNREACH);
	assert_false(test.entry.queued);
	assert_false(test.entry.awaiting);
}

static void unsolicited_response_dropped(void **state)
{
	struct context *context = *state;
	static const uint8_t response[] = {0x12, 0x61, 0x00, 0x00};
	struct test_entry test;

	entry_init(&test, 9, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry), 0);
	/* Nothing was sent to EID 11: the link itself drops its message. */
	fake_respond(11, response, sizeof(response));
	run_for(context->event, 50);
	assert_int_equal(test.deliveries, 0);
	assert_int_equal(
	    mctp_link_get_stats(context->dispatcher->link)->messages_dropped,
	    1);

	fake_respond(9, response, sizeof(response));
	run_until(context->event, &test.deliveries, 1000);
	assert_int_equal(test.deliveries, 1);
	assert_int_equal(context->dispatcher->messages_dropped, 0);
}

static void cancelled_request_response_dropped(void **state)
{
	struct context *context = *state;
	static const uint8_t response[] = {0x12, 0x04, 0x00, 0x00};
	struct test_entry test;

	entry_init(&test, 9, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry), 0);
	dispatcher_cancel(context->dispatcher, &test.entry);
	fake_respond(9, response, sizeof(response));
	run_for(context->event, 50);
	assert_int_equal(test.deliveries, 0);
	assert_int_equal(context->dispatcher->messages_dropped, 1);
}

static void link_loss_fails_and_reopens(void **state)
{
	struct context *context = *state;
	struct test_entry waiting, queued;

	entry_init(&waiting, 9, 0x84);
	entry_init(&queued, 10, 0x84);
	assert_int_equal(dispatcher_send(context->dispatcher, &waiting.entry),
			 0);
	fake.tags_in_use[10] = FAKE_TAGS_PER_PEER;
	assert_int_equal(dispatcher_send(context->dispatcher, &queued.entry),
			 1);

	fake.receive_error = ENETDOWN;
	fake_signal_readable();
	run_until(context->event, &link_downs, 1000);
	assert_int_equal(link_downs, 1);
	assert_false(dispatcher_is_up(context->dispatcher));
	assert_int_equal(waiting.deliveries, 1);
	assert_true(waiting.link_lost);
	assert_int_equal(queued.deliveries, 1);
	assert_true(queued.link_lost);
	assert_int_equal(dispatcher_send(context->dispatcher, &waiting.entry),
			 -ENOTCONN);

	/* The link is reopened after the first backoff step. */
	run_until(context->event, &link_ups,
		  DISPATCHER_BACKOFF_FIRST_MS + 1000);
	assert_int_equal(link_ups, 1);
	assert_true(dispatcher_is_up(context->dispatcher));
	assert_int_equal(fake.sockets_opened, 2);
}

/* Makes the next receive fail, as when the peer goes away. */
static void lose_link(struct context *context)
{
	unsigned int downs = link_downs;

	fake.receive_error = ENETDOWN;
	fake_signal_readable();
	run_until(context->event, &link_downs, 1000);
	assert_int_equal(link_downs, downs + 1);
}

static void failing_link_backs_off(void **state)
{
	struct context *context = *state;

	/* The first loss reopens after the first step, the next ones later. */
	lose_link(context);
	assert_int_equal(context->dispatcher->backoff_ms,
			 2 * DISPATCHER_BACKOFF_FIRST_MS);
	run_until(context->event, &link_ups,
		  DISPATCHER_BACKOFF_FIRST_MS + 1000);
	assert_int_equal(link_ups, 1);

	/* Reopened, then lost again at once. */
	link_downs = 0;
	lose_link(context);
	assert_int_equal(context->dispatcher->backoff_ms,
			 4 * DISPATCHER_BACKOFF_FIRST_MS);
	link_ups = 0;
	run_until(context->event, &link_ups,
		  2 * DISPATCHER_BACKOFF_FIRST_MS + 1000);
	assert_int_equal(link_ups, 1);

	/* A link that stayed up long enough starts the backoff afresh. */
	context->dispatcher->opened_usec -= DISPATCHER_STABLE_MS * 1000ull;
	link_downs = 0;
	lose_link(context);
	assert_int_equal(context->dispatcher->backoff_ms,
			 2 * DISPATCHER_BACKOFF_FIRST_MS);
}

static void failed_open_retried(void **state)
{
	sd_event *event;
	struct dispatcher *dispatcher;
	struct dispatcher_config config = {
	    .spec = "mctp:1",
	    .socket_ops = &fake_ops,
	    .on_state = on_state,
	};

	memset(&fake, 0, sizeof(fake));
	link_ups = 0;
	fake.socket_fails = true;
	assert_int_equal(sd_event_new(&event), 0);
	assert_int_equal(dispatcher_new(event, &config, &dispatcher), 0);
	assert_false(dispatcher_is_up(dispatcher));

	fake.socket_fails = false;
	run_until(event, &link_ups, DISPATCHER_BACKOFF_FIRST_MS + 1000);
	assert_int_equal(link_ups, 1);
	assert_true(dispatcher_is_up(dispatcher));
	dispatcher_free(dispatcher);
	sd_event_unref(event);
}

/* One socket for two networks with the same EID: each response finds
 * the request of its own network. */
static void same_eid_two_networks_matched(void **state)
{
	static const uint8_t from_1[] = {0x12, 0x04, 0x00, 0x01};
	static const uint8_t from_2[] = {0x12, 0x04, 0x00, 0x02};
	struct context *context = *state;
	struct test_entry on_1, on_2;

	entry_init(&on_1, 9, 0x84);
	on_1.entry.network = 1;
	entry_init(&on_2, 9, 0x84);
	on_2.entry.network = 2;
	assert_int_equal(dispatcher_send(context->dispatcher, &on_1.entry), 0);
	assert_int_equal(dispatcher_send(context->dispatcher, &on_2.entry), 0);
	assert_int_equal(fake.sockets_opened, 1);
	assert_int_equal(fake.sent_count, 2);
	assert_int_equal(fake.sent[0].network, 1);
	assert_int_equal(fake.sent[1].network, 2);

	fake_respond_from(2, 9, from_2, sizeof(from_2));
	fake_respond_from(1, 9, from_1, sizeof(from_1));
	run_until(context->event, &on_1.deliveries, 1000);
	assert_int_equal(on_1.deliveries, 1);
	assert_int_equal(on_2.deliveries, 1);
	assert_int_equal(on_1.response_length, sizeof(from_1));
	assert_memory_equal(on_1.response, from_1, sizeof(from_1));
	assert_int_equal(on_2.response_length, sizeof(from_2));
	assert_memory_equal(on_2.response, from_2, sizeof(from_2));
	assert_int_equal(context->dispatcher->messages_dropped, 0);
}

/* A response from a network with no request in flight is dropped. */
static void other_network_response_dropped(void **state)
{
	static const uint8_t response[] = {0x12, 0x04, 0x00, 0x00};
	struct context *context = *state;
	struct test_entry test;

	entry_init(&test, 9, 0x84);
	test.entry.network = 1;
	assert_int_equal(dispatcher_send(context->dispatcher, &test.entry), 0);
	fake_respond_from(3, 9, response, sizeof(response));
	run_for(context->event, 50);
	assert_int_equal(test.deliveries, 0);
	assert_int_equal(
	    mctp_link_get_stats(context->dispatcher->link)->messages_dropped,
	    1);

	fake_respond_from(1, 9, response, sizeof(response));
	run_until(context->event, &test.deliveries, 1000);
	assert_int_equal(test.deliveries, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(dispatcher_opens_af_mctp, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(tag_exhaustion_queues_send, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(queue_keeps_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(eagain_queues_send, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(send_error_returned, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(unsolicited_response_dropped, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(cancelled_request_response_dropped,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(link_loss_fails_and_reopens, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(failing_link_backs_off, setup,
					    teardown),
	    cmocka_unit_test(failed_open_retried),
	    cmocka_unit_test_setup_teardown(same_eid_two_networks_matched,
					    setup_all_networks, teardown),
	    cmocka_unit_test_setup_teardown(other_network_response_dropped,
					    setup_all_networks, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
