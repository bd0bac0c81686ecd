// SPDX-License-Identifier: BSD-3-Clause
/*
 * Serial-framed links (unix: and pty) talking to each other, or to a raw
 * socket that checks the exact bytes, in one process.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include <mctp/link.h>
#include <mctp/packet.h>
#include <mctp/serial.h>

#include "link_test_util.h"

#define REQUESTER_EID 8
#define RESPONDER_EID 10
#define TIMEOUT_MS    2000

struct link_pair {
	char path[108];
	struct mctp_link *requester;
	struct mctp_link *responder;
	struct inbox requester_inbox;
	struct inbox responder_inbox;
};

static struct link_pair pair;

static struct mctp_link *open_link(const char *spec, enum mctp_link_role role,
				   uint8_t local_eid, bool listen)
{
	struct mctp_link_config config = {
	    .spec = spec,
	    .role = role,
	    .local_eid = local_eid,
	    .listen = listen,
	};
	struct mctp_link *link = NULL;

	assert_int_equal(mctp_link_open(&config, &link), 0);
	assert_non_null(link);
	return link;
}

static int open_unix_pair(void **state)
{
	char spec[128];

	memset(&pair, 0, sizeof(pair));
	temp_socket_path(pair.path, sizeof(pair.path), "link.sock");
	snprintf(spec, sizeof(spec), "unix:%s", pair.path);
	pair.responder =
	    open_link(spec, MCTP_LINK_RESPONDER, RESPONDER_EID, true);
	pair.requester =
	    open_link(spec, MCTP_LINK_REQUESTER, REQUESTER_EID, false);
	*state = &pair;
	return 0;
}

static int open_pty_pair(void **state)
{
	char spec[128];

	memset(&pair, 0, sizeof(pair));
	pair.responder =
	    open_link("pty", MCTP_LINK_RESPONDER, RESPONDER_EID, false);
	assert_non_null(mctp_link_pty_path(pair.responder));
	snprintf(spec, sizeof(spec), "serial:%s",
		 mctp_link_pty_path(pair.responder));
	pair.requester =
	    open_link(spec, MCTP_LINK_REQUESTER, REQUESTER_EID, false);
	*state = &pair;
	return 0;
}

static int close_pair(void **state)
{
	mctp_link_close(pair.requester);
	mctp_link_close(pair.responder);
	inbox_clear(&pair.requester_inbox);
	inbox_clear(&pair.responder_inbox);
	temp_cleanup();
	return 0;
}

/* Sends length bytes each way and checks tags, EIDs and contents. */
static void round_trip(struct link_pair *p, uint8_t responder_eid,
		       size_t length)
{
	uint8_t *request = malloc(length);
	uint8_t *response = malloc(length);
	uint8_t tag = 0xff;

	assert_non_null(request);
	assert_non_null(response);
	fill_pattern(request, length, 0x11);
	fill_pattern(response, length, 0x22);
	inbox_clear(&p->requester_inbox);
	inbox_clear(&p->responder_inbox);

	assert_int_equal(
	    mctp_link_send(p->requester, responder_eid, &tag, request, length),
	    0);
	assert_true(tag < 8);
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.count, 1);
	assert_int_equal(p->responder_inbox.messages[0].peer_eid,
			 REQUESTER_EID);
	assert_int_equal(p->responder_inbox.messages[0].tag, tag);
	assert_int_equal(p->responder_inbox.messages[0].length, length);
	assert_memory_equal(p->responder_inbox.messages[0].data, request,
			    length);

	assert_int_equal(
	    mctp_link_send(p->responder, REQUESTER_EID, &tag, response, length),
	    0);
	assert_int_equal(pump(p->requester, &p->requester_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->requester_inbox.count, 1);
	assert_int_equal(p->requester_inbox.messages[0].peer_eid,
			 responder_eid);
	assert_int_equal(p->requester_inbox.messages[0].tag, tag);
	assert_int_equal(p->requester_inbox.messages[0].length, length);
	assert_memory_equal(p->requester_inbox.messages[0].data, response,
			    length);
	free(request);
	free(response);
}

static void unix_round_trip_2000_bytes(void **state)
{
	struct link_pair *p = *state;
	const struct mctp_link_stats *stats;

	round_trip(p, RESPONDER_EID, 2000);

	/* 2001 bytes with the type byte: 31 packets of 64 and one of 17. */
	stats = mctp_link_get_stats(p->responder);
	assert_int_equal(stats->frames_received, 32);
	assert_int_equal(stats->frames_dropped, 0);
	assert_int_equal(stats->messages_received, 1);
	assert_int_equal(stats->messages_sent, 1);
	stats = mctp_link_get_stats(p->requester);
	assert_int_equal(stats->frames_received, 32);
	assert_int_equal(stats->messages_received, 1);
	assert_int_equal(stats->messages_sent, 1);
	assert_int_equal(stats->messages_dropped, 0);
	assert_int_equal(stats->packets_dropped, 0);
}

static void unix_round_trip_max_message(void **state)
{
	round_trip(*state, RESPONDER_EID, MCTP_LINK_MAX_MESSAGE);
}

static void unix_small_messages(void **state)
{
	size_t length;

	for (length = 1; length <= 130; length += 43)
		round_trip(*state, RESPONDER_EID, length);
}

static void pty_round_trip_2000_bytes(void **state)
{
	struct link_pair *p = *state;

	round_trip(p, RESPONDER_EID, 2000);
	round_trip(p, RESPONDER_EID, 64);
	assert_int_equal(mctp_link_get_stats(p->requester)->frames_dropped, 0);
}

static void pty_responder_close_epipe(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};

	mctp_link_close(p->responder);
	p->responder = NULL;
	assert_int_equal(pump(p->requester, &p->requester_inbox, 1, TIMEOUT_MS),
			 -EPIPE);
	assert_false(mctp_link_connected(p->requester));
	assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID, NULL,
					request, sizeof(request)),
			 -EPIPE);
}

static void several_eids_one_link(void **state)
{
	struct link_pair *p = *state;
	const struct mctp_link_stats *stats;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};
	uint8_t eid;

	assert_int_equal(mctp_link_add_local_eid(p->responder, 11), 0);
	assert_int_equal(mctp_link_add_local_eid(p->responder, 12), 0);
	/* Each response comes from the EID its request went to. */
	for (eid = RESPONDER_EID; eid <= 12; eid++)
		round_trip(p, eid, 100);

	/* EID 13 is not on the link, so the packet is dropped. */
	inbox_clear(&p->responder_inbox);
	assert_int_equal(
	    mctp_link_send(p->requester, 13, NULL, request, sizeof(request)),
	    0);
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, 200), 0);
	assert_int_equal(p->responder_inbox.count, 0);
	stats = mctp_link_get_stats(p->responder);
	assert_int_equal(stats->packets_dropped, 1);
	assert_int_equal(stats->messages_received, 3);
}

static void requester_tags_round_robin(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};
	uint8_t tags[4];
	size_t i;

	assert_int_equal(mctp_link_add_local_eid(p->responder, 11), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID,
						&tags[i], request,
						sizeof(request)),
				 0);
	/* Another peer has its own sequence of tags. */
	assert_int_equal(mctp_link_send(p->requester, 11, &tags[3], request,
					sizeof(request)),
			 0);
	assert_int_equal(tags[0], 0);
	assert_int_equal(tags[1], 1);
	assert_int_equal(tags[2], 2);
	assert_int_equal(tags[3], 0);

	assert_int_equal(pump(p->responder, &p->responder_inbox, 4, TIMEOUT_MS),
			 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(p->responder_inbox.messages[i].tag, tags[i]);
	assert_int_equal(p->responder_inbox.messages[3].peer_eid,
			 REQUESTER_EID);
}

static void requester_drops_unmatched(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};
	static const uint8_t response[] = {0x10, 0x04, 0x00, 0x00};
	uint8_t tag = 0;
	uint8_t wrong_tag;

	assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID, &tag,
					request, sizeof(request)),
			 0);
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);

	/* A response with a tag never sent, then the real one twice. */
	wrong_tag = (uint8_t)((tag + 5) % 8);
	assert_int_equal(mctp_link_send(p->responder, REQUESTER_EID, &wrong_tag,
					response, sizeof(response)),
			 0);
	assert_int_equal(mctp_link_send(p->responder, REQUESTER_EID, &tag,
					response, sizeof(response)),
			 0);
	assert_int_equal(mctp_link_send(p->responder, REQUESTER_EID, &tag,
					response, sizeof(response)),
			 0);
	assert_int_equal(pump(p->requester, &p->requester_inbox, 2, 300), 0);
	assert_int_equal(p->requester_inbox.count, 1);
	assert_int_equal(p->requester_inbox.messages[0].tag, tag);
	assert_int_equal(mctp_link_get_stats(p->requester)->messages_dropped,
			 2);
}

static void unix_peer_close_epipe(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};

	/* The responder accepts the connection, then goes away. */
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, 100), 0);
	assert_true(mctp_link_connected(p->responder));
	mctp_link_close(p->responder);
	p->responder = NULL;

	assert_int_equal(pump(p->requester, &p->requester_inbox, 1, TIMEOUT_MS),
			 -EPIPE);
	assert_false(mctp_link_connected(p->requester));
	assert_int_equal(
	    mctp_link_receive(p->requester, inbox_collect, &p->requester_inbox),
	    -EPIPE);
	assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID, NULL,
					request, sizeof(request)),
			 -EPIPE);
}

static void unix_listener_takes_next_peer(void **state)
{
	struct link_pair *p = *state;
	int listen_fd;
	char spec[128];

	round_trip(p, RESPONDER_EID, 10);
	mctp_link_close(p->requester);
	p->requester = NULL;

	/* A listening responder returns 0 and goes back to its socket. */
	assert_int_equal(pump(p->responder, &p->responder_inbox, 2, 300), 0);
	assert_false(mctp_link_connected(p->responder));
	listen_fd = mctp_link_fd(p->responder);
	assert_true(listen_fd >= 0);

	snprintf(spec, sizeof(spec), "unix:%s", p->path);
	p->requester =
	    open_link(spec, MCTP_LINK_REQUESTER, REQUESTER_EID, false);
	round_trip(p, RESPONDER_EID, 300);
	assert_true(mctp_link_connected(p->responder));
	assert_int_not_equal(mctp_link_fd(p->responder), listen_fd);
}

static void responder_echoes_in_callback(void **state)
{
	struct link_pair *p = *state;
	uint8_t request[200];
	uint8_t tag = 0;

	fill_pattern(request, sizeof(request), 0x33);
	p->responder_inbox.echo_link = p->responder;
	assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID, &tag,
					request, sizeof(request)),
			 0);
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.echo_result, 0);
	assert_int_equal(pump(p->requester, &p->requester_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->requester_inbox.messages[0].tag, tag);
	assert_memory_equal(p->requester_inbox.messages[0].data, request,
			    sizeof(request));
}

static void send_rejects_arguments(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t message[] = {0x10, 0x84, 0x00, 0x00};
	static uint8_t large[MCTP_LINK_MAX_MESSAGE + 1];
	uint8_t tag = 8;

	assert_int_equal(
	    mctp_link_send(p->requester, RESPONDER_EID, NULL, message, 0),
	    -EINVAL);
	assert_int_equal(
	    mctp_link_send(p->requester, RESPONDER_EID, NULL, NULL, 4),
	    -EINVAL);
	assert_int_equal(mctp_link_send(p->requester, RESPONDER_EID, NULL,
					large, sizeof(large)),
			 -EMSGSIZE);
	/* A responder must name the request's tag. */
	assert_int_equal(mctp_link_send(p->responder, REQUESTER_EID, NULL,
					message, sizeof(message)),
			 -EINVAL);
	assert_int_equal(mctp_link_send(p->responder, REQUESTER_EID, &tag,
					message, sizeof(message)),
			 -EINVAL);
}

/* Connects a plain socket to the listening responder, for exact bytes. */
static int connect_raw(const char *path)
{
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	strcpy(address.sun_path, path);
	assert_int_equal(
	    connect(fd, (struct sockaddr *)&address, sizeof(address)), 0);
	return fd;
}

static void write_raw(int fd, const uint8_t *data, size_t length)
{
	assert_int_equal(write(fd, data, length), (ssize_t)length);
}

static size_t read_raw(int fd, uint8_t *buffer, size_t length)
{
	struct pollfd poll_fd = {.fd = fd, .events = POLLIN};
	ssize_t ret;

	assert_int_equal(poll(&poll_fd, 1, TIMEOUT_MS), 1);
	ret = read(fd, buffer, length);
	assert_true(ret > 0);
	return (size_t)ret;
}

/* GET_VERSION from EID 8 to EID 10, tag 0. */
static const uint8_t get_version_frame[] = {
    0x7e, 0x01, 0x09, 0x01, 0x0a, 0x08, 0xc8, 0x05,
    0x10, 0x84, 0x00, 0x00, 0xf9, 0x25, 0x7e,
};

static void responder_wire_bytes(void **state)
{
	/* VERSION from EID 10 to EID 8, tag 0, TO clear. */
	static const uint8_t expected[] = {
	    0x7e, 0x01, 0x0d, 0x01, 0x08, 0x0a, 0xc0, 0x05, 0x10, 0x04,
	    0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x2d, 0x75, 0x7e,
	};
	static const uint8_t version[] = {0x10, 0x04, 0x00, 0x00,
					  0x00, 0x01, 0x00, 0x12};
	static const uint8_t get_version[] = {0x10, 0x84, 0x00, 0x00};
	struct link_pair *p = *state;
	uint8_t buffer[64];
	uint8_t tag;
	int fd;

	mctp_link_close(p->requester);
	p->requester = NULL;
	fd = connect_raw(p->path);
	write_raw(fd, get_version_frame, sizeof(get_version_frame));

	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.count, 1);
	assert_int_equal(p->responder_inbox.messages[0].peer_eid, 8);
	assert_int_equal(p->responder_inbox.messages[0].tag, 0);
	assert_int_equal(p->responder_inbox.messages[0].length,
			 sizeof(get_version));
	assert_memory_equal(p->responder_inbox.messages[0].data, get_version,
			    sizeof(get_version));

	tag = p->responder_inbox.messages[0].tag;
	assert_int_equal(
	    mctp_link_send(p->responder, 8, &tag, version, sizeof(version)), 0);
	assert_int_equal(read_raw(fd, buffer, sizeof(buffer)),
			 sizeof(expected));
	assert_memory_equal(buffer, expected, sizeof(expected));
	close(fd);
}

static void noise_drops_only_next_frame(void **state)
{
	static const uint8_t noise[] = {0x00, 0x13, 0x55};
	struct link_pair *p = *state;
	const struct mctp_link_stats *stats;
	int fd;

	mctp_link_close(p->requester);
	p->requester = NULL;
	fd = connect_raw(p->path);
	write_raw(fd, noise, sizeof(noise));
	write_raw(fd, get_version_frame, sizeof(get_version_frame));
	write_raw(fd, get_version_frame, sizeof(get_version_frame));

	assert_int_equal(pump(p->responder, &p->responder_inbox, 2, 300), 0);
	/* As in Linux, the noise eats the first frame's opening flag. */
	assert_int_equal(p->responder_inbox.count, 1);
	stats = mctp_link_get_stats(p->responder);
	assert_int_equal(stats->frames_received, 1);
	assert_int_equal(stats->frames_dropped, 2);
	assert_int_equal(stats->messages_received, 1);
	close(fd);
}

/*
 * One receive call from a peer that sends faster than the link reads
 * takes MCTP_LINK_RECEIVE_BYTES_MAX bytes. The rest stays queued, and a
 * frame after the flood still arrives.
 */
static void receive_stops_at_byte_cap(void **state)
{
	static uint8_t flood[4096];
	struct link_pair *p = *state;
	size_t written = 0;
	int queued = -1;
	int fd;

	mctp_link_close(p->requester);
	p->requester = NULL;
	fd = connect_raw(p->path);
	/* The listener takes the closed requester's connection first. */
	for (int calls = 0; calls < 2 && !mctp_link_connected(p->responder);
	     calls++)
		assert_int_equal(mctp_link_receive(p->responder, inbox_collect,
						   &p->responder_inbox),
				 0);
	assert_true(mctp_link_connected(p->responder));

	assert_int_equal(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	memset(flood, 0x55, sizeof(flood));
	while (written < 3 * MCTP_LINK_RECEIVE_BYTES_MAX) {
		ssize_t ret = write(fd, flood, sizeof(flood));

		if (ret < 0 && errno == EAGAIN)
			break;
		assert_true(ret > 0);
		written += (size_t)ret;
	}
	assert_true(written > MCTP_LINK_RECEIVE_BYTES_MAX);

	assert_int_equal(
	    mctp_link_receive(p->responder, inbox_collect, &p->responder_inbox),
	    0);
	assert_int_equal(ioctl(mctp_link_fd(p->responder), FIONREAD, &queued),
			 0);
	assert_int_equal(queued, written - MCTP_LINK_RECEIVE_BYTES_MAX);

	assert_int_equal(fcntl(fd, F_SETFL, 0), 0);
	/* As in Linux, the flood eats the first frame's opening flag. */
	write_raw(fd, get_version_frame, sizeof(get_version_frame));
	write_raw(fd, get_version_frame, sizeof(get_version_frame));
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.count, 1);
	close(fd);
}

/* Fragments and frames an MCTP message and writes it to fd at once. */
static void write_message_raw(int fd, const struct mctp_packet_header *header,
			      const uint8_t *message, size_t length)
{
	size_t capacity =
	    (length / MCTP_BASELINE_PAYLOAD + 1) * MCTP_SERIAL_MAX_FRAME;
	uint8_t *frames = malloc(capacity);
	uint8_t packet[MCTP_PACKET_MAX_SIZE];
	struct mctp_fragmenter fragmenter;
	size_t used = 0;
	int packet_length;
	int frame_length;

	assert_non_null(frames);
	assert_int_equal(
	    mctp_fragmenter_init(&fragmenter, header, message, length), 0);
	while ((packet_length = mctp_fragmenter_next(&fragmenter, packet,
						     sizeof(packet))) > 0) {
		frame_length =
		    mctp_serial_encode(packet, (size_t)packet_length,
				       frames + used, capacity - used);
		assert_true(frame_length > 0);
		used += (size_t)frame_length;
	}
	write_raw(fd, frames, used);
	free(frames);
}

static void responder_drops_bad_messages(void **state)
{
	static const uint8_t control[] = {0x00, 0x80, 0x02};
	static const uint8_t type_only[] = {0x05};
	static const uint8_t with_ic[] = {0x85, 0x10, 0x84, 0x00, 0x00};
	static const uint8_t good[] = {0x05, 0x10, 0x84, 0x00, 0x00};
	struct mctp_packet_header request = {
	    .destination_eid = RESPONDER_EID,
	    .source_eid = REQUESTER_EID,
	    .tag_owner = true,
	};
	struct mctp_packet_header response = request;
	struct link_pair *p = *state;
	int fd;

	response.tag_owner = false;
	mctp_link_close(p->requester);
	p->requester = NULL;
	fd = connect_raw(p->path);
	write_message_raw(fd, &request, control, sizeof(control));
	write_message_raw(fd, &request, type_only, sizeof(type_only));
	write_message_raw(fd, &request, with_ic, sizeof(with_ic));
	/* A responder takes requests only. */
	write_message_raw(fd, &response, good, sizeof(good));
	write_message_raw(fd, &request, good, sizeof(good));

	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.count, 1);
	assert_int_equal(p->responder_inbox.messages[0].length, 4);
	assert_int_equal(mctp_link_get_stats(p->responder)->messages_dropped,
			 4);
	close(fd);
}

static void responder_drops_oversize(void **state)
{
	static uint8_t message[MCTP_LINK_MAX_MESSAGE + 2];
	struct mctp_packet_header request = {
	    .destination_eid = RESPONDER_EID,
	    .source_eid = REQUESTER_EID,
	    .tag_owner = true,
	};
	struct link_pair *p = *state;
	int fd;

	mctp_link_close(p->requester);
	p->requester = NULL;
	fd = connect_raw(p->path);

	/* The type byte and one byte more than the largest SPDM message. */
	message[0] = MCTP_MESSAGE_TYPE_SPDM;
	write_message_raw(fd, &request, message, sizeof(message));
	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, 300), 0);
	assert_int_equal(p->responder_inbox.count, 0);

	/* The largest one still goes through. */
	request.tag = 1;
	write_message_raw(fd, &request, message, sizeof(message) - 1);

	assert_int_equal(pump(p->responder, &p->responder_inbox, 1, TIMEOUT_MS),
			 0);
	assert_int_equal(p->responder_inbox.count, 1);
	assert_int_equal(p->responder_inbox.messages[0].tag, 1);
	assert_int_equal(p->responder_inbox.messages[0].length,
			 MCTP_LINK_MAX_MESSAGE);
	assert_int_equal(mctp_link_get_stats(p->responder)->messages_dropped,
			 1);
	close(fd);
}

static void open_rejects_specs(void **state)
{
	static const struct {
		const char *spec;
		enum mctp_link_role role;
		bool listen;
		int error;
	} cases[] = {
	    {"bogus", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"serial:", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"serial:/nonexistent/tty", MCTP_LINK_REQUESTER, false, -ENOENT},
	    {"serial:/dev/null", MCTP_LINK_REQUESTER, false, -ENOTTY},
	    {"unix:/nonexistent/socket", MCTP_LINK_REQUESTER, false, -ENOENT},
	    /* sun_path has room for 107 characters and the NUL. */
	    {"unix:/nonexistent/0123456789012345678901234567890123456789"
	     "01234567890123456789012345678901234567890123456789012345",
	     MCTP_LINK_RESPONDER, true, -ENAMETOOLONG},
	    {"emu:127.0.0.1", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"emu:127.0.0.1:", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"emu:127.0.0.1:2323", MCTP_LINK_REQUESTER, true, -EINVAL},
	    {"mctp:abc", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"mctp:1", MCTP_LINK_RESPONDER, false, -EINVAL},
	    {"mctp:anyway", MCTP_LINK_REQUESTER, false, -EINVAL},
	    {"mctp:any1", MCTP_LINK_REQUESTER, false, -EINVAL},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mctp_link_config config = {
		    .spec = cases[i].spec,
		    .role = cases[i].role,
		    .local_eid = 8,
		    .listen = cases[i].listen,
		};
		struct mctp_link *link = NULL;

		print_message("%s\n", cases[i].spec);
		assert_int_equal(mctp_link_open(&config, &link),
				 cases[i].error);
		assert_null(link);
	}
}

static void unix_listen_checks_path(void **state)
{
	struct mctp_link_config config = {
	    .role = MCTP_LINK_RESPONDER,
	    .local_eid = 10,
	    .listen = true,
	};
	struct mctp_link *second = NULL;
	struct link_pair *p = *state;
	char spec[128];
	char stale[108];
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	int fd;

	/* A live listener keeps its path. */
	snprintf(spec, sizeof(spec), "unix:%s", p->path);
	config.spec = spec;
	assert_int_equal(mctp_link_open(&config, &second), -EADDRINUSE);

	/* A socket file left behind by a dead listener is replaced. */
	temp_socket_path(stale, sizeof(stale), "stale.sock");
	strcpy(address.sun_path, stale);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&address, sizeof(address)),
			 0);
	close(fd);
	snprintf(spec, sizeof(spec), "unix:%s", stale);
	assert_int_equal(mctp_link_open(&config, &second), 0);
	mctp_link_close(second);
	assert_int_equal(access(stale, F_OK), -1);
}

static uint32_t reported_network;

static void collect_with_network(void *userdata, uint32_t network,
				 uint8_t peer_eid, uint8_t tag,
				 const uint8_t *message, size_t length)
{
	reported_network = network;
	inbox_collect(userdata, peer_eid, tag, message, length);
}

/* Links without MCTP networks take network 0 only and report it. */
static void send_net_only_network_zero(void **state)
{
	struct link_pair *p = *state;
	static const uint8_t request[] = {0x10, 0x84, 0x00, 0x00};
	uint8_t tag = 0xff;

	assert_int_equal(mctp_link_send_net(p->requester, 1, RESPONDER_EID,
					    &tag, request, sizeof(request)),
			 -EOPNOTSUPP);
	assert_int_equal(mctp_link_send_net(p->requester, 0, RESPONDER_EID,
					    &tag, request, sizeof(request)),
			 0);
	assert_int_equal(tag, 0);

	reported_network = 0xffffffff;
	for (int waited = 0;
	     waited < TIMEOUT_MS && p->responder_inbox.count == 0;
	     waited += 10) {
		assert_int_equal(mctp_link_receive_net(p->responder,
						       collect_with_network,
						       &p->responder_inbox),
				 0);
		usleep(10000);
	}
	assert_int_equal(p->responder_inbox.count, 1);
	assert_int_equal(reported_network, 0);
	assert_int_equal(p->responder_inbox.messages[0].tag, 0);
}

#define PAIR_TEST(name, setup)                                                 \
	cmocka_unit_test_setup_teardown(name, setup, close_pair)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    PAIR_TEST(unix_round_trip_2000_bytes, open_unix_pair),
	    PAIR_TEST(unix_round_trip_max_message, open_unix_pair),
	    PAIR_TEST(unix_small_messages, open_unix_pair),
	    PAIR_TEST(pty_round_trip_2000_bytes, open_pty_pair),
	    PAIR_TEST(pty_responder_close_epipe, open_pty_pair),
	    PAIR_TEST(several_eids_one_link, open_unix_pair),
	    PAIR_TEST(several_eids_one_link, open_pty_pair),
	    PAIR_TEST(requester_tags_round_robin, open_unix_pair),
	    PAIR_TEST(requester_drops_unmatched, open_unix_pair),
	    PAIR_TEST(unix_peer_close_epipe, open_unix_pair),
	    PAIR_TEST(unix_listener_takes_next_peer, open_unix_pair),
	    PAIR_TEST(responder_echoes_in_callback, open_pty_pair),
	    PAIR_TEST(send_rejects_arguments, open_unix_pair),
	    PAIR_TEST(responder_wire_bytes, open_unix_pair),
	    PAIR_TEST(noise_drops_only_next_frame, open_unix_pair),
	    PAIR_TEST(receive_stops_at_byte_cap, open_unix_pair),
	    PAIR_TEST(responder_drops_bad_messages, open_unix_pair),
	    PAIR_TEST(responder_drops_oversize, open_unix_pair),
	    PAIR_TEST(unix_listen_checks_path, open_unix_pair),
	    PAIR_TEST(send_net_only_network_zero, open_unix_pair),
	    cmocka_unit_test(open_rejects_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
