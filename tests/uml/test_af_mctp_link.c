// SPDX-License-Identifier: BSD-3-Clause
/*
 * The mctp: link against the Linux kernel's MCTP stack. Runs inside the
 * User-mode Linux guest under mctp-serial-link, which gives the kernel an
 * MCTP serial interface with local EID 8 and a route to EID 20 over the
 * pty in MCTP_PTY. This program plays device 20 on that pty, packet by
 * packet, and checks what the kernel sends and what the link delivers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include <mctp/link.h>

#include "link_test_util.h"
#include "serial_peer.h"

#define NETWORK_SPEC "mctp:1"
#define LOCAL_EID    8
#define PEER_EID     20
/* An EID without a route in the guest. */
#define UNROUTED_EID 30
/* Requests the kernel lets one (local, peer) pair have outstanding. */
#define KERNEL_TAG_COUNT 8
/* Linux drops a response to an automatically tagged request that
 * arrives later than this (MCTP_KEY_LIFETIME, 6 s). */
#define KEY_LIFETIME_MS 6000
/* How long the link keeps the tag of an unanswered request. */
#define TAG_HOLD_MS 12000
#define WAIT_MS	    2000

static struct serial_peer peer;

struct sent_request {
	uint8_t tag; /* as mctp_link_send() returned it */
	struct peer_message wire;
};

static int open_requester(struct mctp_link **link)
{
	struct mctp_link_config config = {
	    .spec = NETWORK_SPEC,
	    .role = MCTP_LINK_REQUESTER,
	};

	return mctp_link_open(&config, link);
}

static int group_setup(void **state)
{
	const char *path = getenv("MCTP_PTY");

	if (!path) {
		print_error("MCTP_PTY is not set: run under mctp-serial-link "
			    "in the User-mode Linux guest\n");
		return -1;
	}
	return serial_peer_open(&peer, path, PEER_EID);
}

static int group_teardown(void **state)
{
	serial_peer_close(&peer);
	return 0;
}

static int setup(void **state)
{
	struct mctp_link *link = NULL;

	assert_int_equal(open_requester(&link), 0);
	*state = link;
	return 0;
}

static int teardown(void **state)
{
	mctp_link_close(*state);
	return 0;
}

static void sleep_ms(long milliseconds)
{
	struct timespec delay = {
	    .tv_sec = milliseconds / 1000,
	    .tv_nsec = (milliseconds % 1000) * 1000000,
	};

	while (nanosleep(&delay, &delay) < 0 && errno == EINTR)
		;
}

/* Sends an SPDM request of length bytes whose second byte is index. */
static void send_request(struct mctp_link *link, uint8_t index, size_t length,
			 struct sent_request *sent)
{
	uint8_t request[PEER_MAX_MESSAGE];

	fill_pattern(request, length, index);
	request[0] = 0x12;
	request[1] = index;
	assert_int_equal(
	    mctp_link_send(link, PEER_EID, &sent->tag, request, length), 0);
	assert_int_equal(serial_peer_read_message(&peer, &sent->wire, WAIT_MS),
			 0);
}

/* Sends the response to a request, an SPDM message with its index. */
static void send_response(const struct sent_request *sent, size_t length)
{
	uint8_t response[PEER_MAX_MESSAGE];

	fill_pattern(response, length, sent->wire.data[2]);
	response[0] = 0x05;
	response[1] = 0x12;
	response[2] = sent->wire.data[2];
	assert_int_equal(serial_peer_send(&peer, LOCAL_EID, false,
					  sent->wire.header.tag, response,
					  length),
			 0);
}

static void request_has_one_type_byte(void **state)
{
	static const uint8_t get_version[] = {0x10, 0x84, 0x00, 0x00};
	struct peer_message wire;
	uint8_t tag;

	assert_int_equal(mctp_link_send(*state, PEER_EID, &tag, get_version,
					sizeof(get_version)),
			 0);
	assert_int_equal(serial_peer_read_message(&peer, &wire, WAIT_MS), 0);

	assert_int_equal(wire.header.destination_eid, PEER_EID);
	assert_int_equal(wire.header.source_eid, LOCAL_EID);
	assert_true(wire.header.tag_owner);
	assert_int_equal(wire.header.tag, tag);
	assert_int_equal(wire.packet_count, 1);
	assert_int_equal(wire.length, 1 + sizeof(get_version));
	assert_int_equal(wire.data[0], MCTP_MESSAGE_TYPE_SPDM);
	assert_memory_equal(wire.data + 1, get_version, sizeof(get_version));
}

static void response_arrives_without_type_byte(void **state)
{
	static const uint8_t version[] = {0x05, 0x10, 0x04, 0x00, 0x00,
					  0x00, 0x01, 0x00, 0x12};
	struct inbox inbox = {0};
	struct peer_message wire;
	uint8_t tag;

	assert_int_equal(mctp_link_send(*state, PEER_EID, &tag, version + 1, 4),
			 0);
	assert_int_equal(serial_peer_read_message(&peer, &wire, WAIT_MS), 0);
	assert_int_equal(serial_peer_send(&peer, LOCAL_EID, false,
					  wire.header.tag, version,
					  sizeof(version)),
			 0);

	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].peer_eid, PEER_EID);
	assert_int_equal(inbox.messages[0].tag, tag);
	assert_int_equal(inbox.messages[0].length, sizeof(version) - 1);
	assert_memory_equal(inbox.messages[0].data, version + 1,
			    sizeof(version) - 1);
	inbox_clear(&inbox);
}

static void long_messages_are_fragmented(void **state)
{
	struct sent_request sent;
	struct inbox inbox = {0};
	/* The response as the peer sends it, type byte first. */
	uint8_t response[3001];

	send_request(*state, 1, 1000, &sent);
	/* 1001 bytes with the type byte: 15 packets of 64, one of 41. */
	assert_int_equal(sent.wire.packet_count, 16);
	assert_int_equal(sent.wire.length, 1001);
	assert_int_equal(sent.wire.data[0], MCTP_MESSAGE_TYPE_SPDM);
	assert_int_equal(sent.wire.data[1], 0x12);

	send_response(&sent, sizeof(response));
	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].length, sizeof(response) - 1);
	/* send_response() fills it with the pattern seeded by the request's
	 * index. */
	fill_pattern(response, sizeof(response), 1);
	assert_memory_equal(inbox.messages[0].data + 2, response + 3,
			    sizeof(response) - 3);
	inbox_clear(&inbox);
}

/*
 * Eight requests use every tag of the pair, so the ninth send fails with
 * EBUSY. The responses, sent in reverse order, each carry their own tag.
 */
static void eight_outstanding_then_busy(void **state)
{
	static const uint8_t request[] = {0x12, 0xe0, 0x00, 0x00};
	struct sent_request sent[KERNEL_TAG_COUNT];
	struct inbox inbox = {0};
	uint8_t tag;
	int ret;

	for (uint8_t i = 0; i < KERNEL_TAG_COUNT; i++)
		send_request(*state, i, 4, &sent[i]);
	ret = mctp_link_send(*state, PEER_EID, &tag, request, sizeof(request));
	assert_true(ret == -EBUSY || ret == -EAGAIN);

	for (int i = KERNEL_TAG_COUNT - 1; i >= 0; i--)
		send_response(&sent[i], 8);
	assert_int_equal(pump(*state, &inbox, KERNEL_TAG_COUNT, WAIT_MS), 0);
	assert_int_equal(inbox.count, KERNEL_TAG_COUNT);
	for (size_t i = 0; i < KERNEL_TAG_COUNT; i++) {
		uint8_t index = inbox.messages[i].data[1];

		assert_true(index < KERNEL_TAG_COUNT);
		assert_int_equal(inbox.messages[i].tag, sent[index].tag);
	}
	inbox_clear(&inbox);

	/* The responses released the tags. */
	send_request(*state, KERNEL_TAG_COUNT, 4, &sent[0]);
	send_response(&sent[0], 8);
	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].tag, sent[0].tag);
	inbox_clear(&inbox);
}

/* A late response to an abandoned request keeps its own tag. */
static void late_response_keeps_its_tag(void **state)
{
	struct sent_request first, second;
	struct inbox inbox = {0};

	send_request(*state, 1, 4, &first);
	send_request(*state, 2, 4, &second);
	assert_int_not_equal(first.tag, second.tag);

	send_response(&first, 8);
	send_response(&second, 8);
	assert_int_equal(pump(*state, &inbox, 2, WAIT_MS), 0);
	assert_int_equal(inbox.count, 2);
	assert_int_equal(inbox.messages[0].data[1], 1);
	assert_int_equal(inbox.messages[0].tag, first.tag);
	assert_int_equal(inbox.messages[1].data[1], 2);
	assert_int_equal(inbox.messages[1].tag, second.tag);
	inbox_clear(&inbox);
}

/*
 * A response later than the kernel's key lifetime still carries its own
 * tag. The link keeps the tag longer, so a request sent in the meantime
 * gets another one.
 */
static void response_after_lifetime_keeps_tag(void **state)
{
	struct sent_request late, next;
	struct inbox inbox = {0};

	send_request(*state, 1, 4, &late);
	sleep_ms(KEY_LIFETIME_MS + 500);
	send_request(*state, 2, 4, &next);
	assert_int_not_equal(late.tag, next.tag);

	send_response(&late, 8);
	send_response(&next, 8);
	assert_int_equal(pump(*state, &inbox, 2, WAIT_MS), 0);
	assert_int_equal(inbox.count, 2);
	assert_int_equal(inbox.messages[0].data[1], 1);
	assert_int_equal(inbox.messages[0].tag, late.tag);
	assert_int_equal(inbox.messages[1].data[1], 2);
	assert_int_equal(inbox.messages[1].tag, next.tag);
	inbox_clear(&inbox);
}

/* Tags of unanswered requests come back after the link's hold time. */
static void unanswered_tags_come_back(void **state)
{
	struct sent_request sent[KERNEL_TAG_COUNT];
	struct inbox inbox = {0};

	for (uint8_t i = 0; i < KERNEL_TAG_COUNT; i++)
		send_request(*state, i, 4, &sent[i]);
	sleep_ms(TAG_HOLD_MS + 500);

	send_request(*state, KERNEL_TAG_COUNT, 4, &sent[0]);
	send_response(&sent[0], 8);
	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].data[1], KERNEL_TAG_COUNT);
	inbox_clear(&inbox);
}

/* Two unbound requester sockets to one device, as spdmd and spdmctl. */
static void two_requesters_side_by_side(void **state)
{
	struct mctp_link *other = NULL;
	struct sent_request first, second;
	struct inbox inbox = {0};
	struct inbox other_inbox = {0};

	assert_int_equal(open_requester(&other), 0);
	send_request(*state, 1, 4, &first);
	send_request(other, 2, 4, &second);
	assert_int_not_equal(first.wire.header.tag, second.wire.header.tag);

	send_response(&second, 8);
	send_response(&first, 8);
	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(pump(other, &other_inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].data[1], 1);
	assert_int_equal(other_inbox.count, 1);
	assert_int_equal(other_inbox.messages[0].data[1], 2);
	inbox_clear(&inbox);
	inbox_clear(&other_inbox);
	mctp_link_close(other);
}

/* A failed send must not keep a tag, or the ninth failure would be EBUSY. */
static void unrouted_eid_is_unreachable(void **state)
{
	static const uint8_t request[] = {0x12, 0x84, 0x00, 0x00};
	uint8_t tag;

	for (int i = 0; i < 2 * KERNEL_TAG_COUNT; i++)
		assert_int_equal(mctp_link_send(*state, UNROUTED_EID, &tag,
						request, sizeof(request)),
				 -EHOSTUNREACH);
}

/*
 * A device that sends a response twice: the copy, with the old tag, comes
 * before the response to the next request and must not pass for it.
 */
static void duplicate_response_dropped(void **state)
{
	struct sent_request first, second;
	struct inbox inbox = {0};

	send_request(*state, 1, 4, &first);
	send_response(&first, 8);
	assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
	assert_int_equal(inbox.count, 1);
	inbox_clear(&inbox);

	send_request(*state, 2, 4, &second);
	assert_int_not_equal(second.wire.header.tag, first.wire.header.tag);
	send_response(&first, 8);
	send_response(&second, 8);
	assert_int_equal(pump(*state, &inbox, 2, 500), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].data[1], 2);
	assert_int_equal(inbox.messages[0].tag, second.tag);
	inbox_clear(&inbox);
}

/* Each response releases its tag, so exchanges go on past eight. */
static void exchanges_reuse_tags(void **state)
{
	struct inbox inbox = {0};

	for (uint8_t i = 0; i < 4 * KERNEL_TAG_COUNT; i++) {
		struct sent_request sent;

		send_request(*state, i, 4, &sent);
		send_response(&sent, 8);
		assert_int_equal(pump(*state, &inbox, 1, WAIT_MS), 0);
		assert_int_equal(inbox.count, 1);
		assert_int_equal(inbox.messages[0].data[1], i);
		assert_int_equal(inbox.messages[0].tag, sent.tag);
		inbox_clear(&inbox);
	}
}

#define LINK_TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    LINK_TEST(request_has_one_type_byte),
	    LINK_TEST(response_arrives_without_type_byte),
	    LINK_TEST(long_messages_are_fragmented),
	    LINK_TEST(eight_outstanding_then_busy),
	    LINK_TEST(late_response_keeps_its_tag),
	    LINK_TEST(response_after_lifetime_keeps_tag),
	    LINK_TEST(unanswered_tags_come_back),
	    LINK_TEST(two_requesters_side_by_side),
	    LINK_TEST(unrouted_eid_is_unreachable),
	    LINK_TEST(duplicate_response_dropped),
	    LINK_TEST(exchanges_reuse_tags),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
