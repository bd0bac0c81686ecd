// SPDX-License-Identifier: BSD-3-Clause
/*
 * emu: links on 127.0.0.1. A plain TCP socket sends exact spdm-emu frames
 * to the responder link and checks the bytes it sends back. The requester
 * link talks to a responder link or a scripted server in a thread. It
 * sends the hello when it opens and checks the reply as it receives.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <mctp/emu.h>
#include <mctp/link.h>

#include "link_test_util.h"

#define RESPONDER_EID 10
#define TIMEOUT_MS    2000

static const uint8_t client_hello_frame[] = {
    0x00, 0x00, 0xde, 0xad, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x0e, 'C',  'l',  'i',	'e',  'n',  't',
    ' ',  'H',	'e',  'l',  'l',  'o',	'!',  0x00,
};
static const uint8_t server_hello_frame[] = {
    0x00, 0x00, 0xde, 0xad, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x0e, 'S',  'e',  'r',	'v',  'e',  'r',
    ' ',  'H',	'e',  'l',  'l',  'o',	'!',  0x00,
};
static const uint8_t get_version_frame[] = {
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x05, 0x05, 0x10, 0x84, 0x00, 0x00,
};
static const uint8_t get_version[] = {0x10, 0x84, 0x00, 0x00};

struct emu_fixture {
	struct mctp_link *responder;
	struct inbox inbox;
	uint16_t port;
	int last_receive;
};

static struct emu_fixture fixture;

static uint16_t local_port(int fd)
{
	struct sockaddr_in address;
	socklen_t length = sizeof(address);

	assert_int_equal(getsockname(fd, (struct sockaddr *)&address, &length),
			 0);
	return ntohs(address.sin_port);
}

static int open_responder(void **state)
{
	struct mctp_link_config config = {
	    .spec = "emu:127.0.0.1:0",
	    .role = MCTP_LINK_RESPONDER,
	    .local_eid = RESPONDER_EID,
	    .listen = true,
	};

	memset(&fixture, 0, sizeof(fixture));
	assert_int_equal(mctp_link_open(&config, &fixture.responder), 0);
	fixture.port = local_port(mctp_link_fd(fixture.responder));
	fixture.inbox.echo_link = fixture.responder;
	*state = &fixture;
	return 0;
}

static int close_responder(void **state)
{
	mctp_link_close(fixture.responder);
	inbox_clear(&fixture.inbox);
	return 0;
}

static int connect_tcp(uint16_t port)
{
	struct sockaddr_in address = {
	    .sin_family = AF_INET,
	    .sin_port = htons(port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	if (connect(fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
		int error = errno;

		close(fd);
		return -error;
	}
	return fd;
}

static void write_all(int fd, const uint8_t *data, size_t length)
{
	assert_int_equal(write(fd, data, length), (ssize_t)length);
}

/*
 * Runs the responder until the raw socket has bytes to read or hung up.
 * Returns false on timeout.
 */
static bool serve_until_readable(struct emu_fixture *f, int raw_fd)
{
	int rounds;

	for (rounds = 0; rounds < TIMEOUT_MS / 10; rounds++) {
		struct pollfd fds[2] = {
		    {.fd = raw_fd, .events = POLLIN},
		    {.fd = mctp_link_fd(f->responder), .events = POLLIN},
		};
		int count = fds[1].fd >= 0 ? 2 : 1;

		assert_true(poll(fds, (nfds_t)count, 10) >= 0);
		if (fds[0].revents)
			return true;
		if (count == 2 && fds[1].revents)
			f->last_receive = mctp_link_receive(
			    f->responder, inbox_collect, &f->inbox);
	}
	return false;
}

/* Reads exactly the expected bytes from the raw socket. */
static void expect_bytes(struct emu_fixture *f, int fd, const uint8_t *expected,
			 size_t length)
{
	uint8_t buffer[64];
	size_t received = 0;
	ssize_t ret;

	assert_true(length <= sizeof(buffer));
	while (received < length) {
		assert_true(serve_until_readable(f, fd));
		ret = read(fd, buffer + received, length - received);
		assert_true(ret > 0);
		received += (size_t)ret;
	}
	assert_memory_equal(buffer, expected, length);
}

static void expect_closed(struct emu_fixture *f, int fd)
{
	uint8_t byte;

	assert_true(serve_until_readable(f, fd));
	assert_int_equal(read(fd, &byte, 1), 0);
}

static void write_command(int fd, uint32_t command)
{
	uint8_t frame[MCTP_EMU_HEADER_SIZE];

	assert_int_equal(mctp_emu_encode(command, MCTP_EMU_TRANSPORT_MCTP, NULL,
					 0, frame, sizeof(frame)),
			 MCTP_EMU_HEADER_SIZE);
	write_all(fd, frame, sizeof(frame));
}

static void responder_hello_and_echo(void **state)
{
	static const uint8_t unknown_reply[] = {0x00, 0x00, 0xff, 0xff,
						0x00, 0x00, 0x00, 0x01,
						0x00, 0x00, 0x00, 0x00};
	struct emu_fixture *f = *state;
	int fd = connect_tcp(f->port);

	assert_true(fd >= 0);
	write_all(fd, client_hello_frame, sizeof(client_hello_frame));
	expect_bytes(f, fd, server_hello_frame, sizeof(server_hello_frame));

	/* The callback echoes the message, so the reply is the request. */
	write_all(fd, get_version_frame, sizeof(get_version_frame));
	expect_bytes(f, fd, get_version_frame, sizeof(get_version_frame));
	assert_int_equal(f->inbox.count, 1);
	assert_int_equal(f->inbox.messages[0].peer_eid, RESPONDER_EID);
	assert_int_equal(f->inbox.messages[0].tag, 0);
	assert_int_equal(f->inbox.messages[0].length, sizeof(get_version));
	assert_memory_equal(f->inbox.messages[0].data, get_version,
			    sizeof(get_version));

	write_command(fd, 0x1234);
	expect_bytes(f, fd, unknown_reply, sizeof(unknown_reply));
	assert_int_equal(mctp_link_get_stats(f->responder)->frames_received, 3);
	assert_int_equal(mctp_link_get_stats(f->responder)->messages_sent, 1);
	close(fd);
}

static void responder_continue_next_peer(void **state)
{
	static const uint8_t continue_reply[] = {0x00, 0x00, 0xff, 0xfd,
						 0x00, 0x00, 0x00, 0x01,
						 0x00, 0x00, 0x00, 0x00};
	struct emu_fixture *f = *state;
	int fd = connect_tcp(f->port);

	write_command(fd, MCTP_EMU_COMMAND_CONTINUE);
	expect_bytes(f, fd, continue_reply, sizeof(continue_reply));
	expect_closed(f, fd);
	close(fd);
	assert_int_equal(f->last_receive, 0);
	assert_false(mctp_link_connected(f->responder));

	fd = connect_tcp(f->port);
	write_all(fd, get_version_frame, sizeof(get_version_frame));
	expect_bytes(f, fd, get_version_frame, sizeof(get_version_frame));
	close(fd);
}

static void responder_shutdown_stops(void **state)
{
	static const uint8_t shutdown_reply[] = {0x00, 0x00, 0xff, 0xfe,
						 0x00, 0x00, 0x00, 0x01,
						 0x00, 0x00, 0x00, 0x00};
	struct emu_fixture *f = *state;
	int fd = connect_tcp(f->port);

	write_command(fd, MCTP_EMU_COMMAND_SHUTDOWN);
	expect_bytes(f, fd, shutdown_reply, sizeof(shutdown_reply));
	expect_closed(f, fd);
	close(fd);
	assert_int_equal(f->last_receive, -EPIPE);
	assert_int_equal(mctp_link_fd(f->responder), -1);
	assert_int_equal(
	    mctp_link_receive(f->responder, inbox_collect, &f->inbox), -EPIPE);
	assert_int_equal(connect_tcp(f->port), -ECONNREFUSED);
}

static void responder_peer_close_listens(void **state)
{
	struct emu_fixture *f = *state;
	int fd = connect_tcp(f->port);

	write_all(fd, get_version_frame, sizeof(get_version_frame));
	expect_bytes(f, fd, get_version_frame, sizeof(get_version_frame));
	close(fd);

	/* The next peer gets through once the responder saw the close. */
	fd = connect_tcp(f->port);
	write_all(fd, get_version_frame, sizeof(get_version_frame));
	expect_bytes(f, fd, get_version_frame, sizeof(get_version_frame));
	assert_int_equal(f->last_receive, 0);
	assert_int_equal(f->inbox.count, 2);
	close(fd);
}

static void responder_drops_bad_frames(void **state)
{
	/* Transport type 2 (PCI DOE) instead of MCTP. */
	static const uint8_t doe_frame[] = {0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
					    0x00, 0x02, 0x00, 0x00, 0x00, 0x05,
					    0x05, 0x10, 0x84, 0x00, 0x00};
	/* Secured SPDM (type 0x06) is not passed on. */
	static const uint8_t secured_frame[] = {0x00, 0x00, 0x00, 0x01, 0x00,
						0x00, 0x00, 0x01, 0x00, 0x00,
						0x00, 0x03, 0x06, 0x01, 0x02};
	/* The type byte alone. */
	static const uint8_t empty_frame[] = {0x00, 0x00, 0x00, 0x01, 0x00,
					      0x00, 0x00, 0x01, 0x00, 0x00,
					      0x00, 0x01, 0x05};
	struct emu_fixture *f = *state;
	const struct mctp_link_stats *stats;
	int fd = connect_tcp(f->port);

	write_all(fd, doe_frame, sizeof(doe_frame));
	write_all(fd, secured_frame, sizeof(secured_frame));
	write_all(fd, empty_frame, sizeof(empty_frame));
	write_all(fd, get_version_frame, sizeof(get_version_frame));
	expect_bytes(f, fd, get_version_frame, sizeof(get_version_frame));

	stats = mctp_link_get_stats(f->responder);
	assert_int_equal(f->inbox.count, 1);
	assert_int_equal(stats->frames_received, 4);
	assert_int_equal(stats->frames_dropped, 1);
	assert_int_equal(stats->messages_dropped, 2);
	close(fd);
}

static void responder_oversize_closes(void **state)
{
	/* A payload size of 1 MiB, far above what the link accepts. */
	static const uint8_t huge_header[] = {0x00, 0x00, 0x00, 0x01,
					      0x00, 0x00, 0x00, 0x01,
					      0x00, 0x10, 0x00, 0x00};
	struct emu_fixture *f = *state;
	int fd = connect_tcp(f->port);

	write_all(fd, huge_header, sizeof(huge_header));
	expect_closed(f, fd);
	assert_int_equal(mctp_link_get_stats(f->responder)->frames_dropped, 1);
	assert_int_equal(f->last_receive, 0);
	close(fd);
}

struct serve_thread {
	pthread_t thread;
	struct emu_fixture *fixture;
	atomic_bool stop;
};

static void *serve_responder(void *argument)
{
	struct serve_thread *serve = argument;
	struct emu_fixture *f = serve->fixture;

	while (!atomic_load(&serve->stop)) {
		struct pollfd poll_fd = {.fd = mctp_link_fd(f->responder),
					 .events = POLLIN};

		if (poll(&poll_fd, 1, 10) > 0)
			f->last_receive = mctp_link_receive(
			    f->responder, inbox_collect, &f->inbox);
	}
	return NULL;
}

static struct mctp_link *open_requester(const char *host, uint16_t port,
					int *error)
{
	struct mctp_link_config config = {.role = MCTP_LINK_REQUESTER,
					  .local_eid = 8};
	struct mctp_link *link = NULL;
	char spec[64];

	snprintf(spec, sizeof(spec), "emu:%s:%u", host, port);
	config.spec = spec;
	*error = mctp_link_open(&config, &link);
	return link;
}

static void requester_round_trip(struct emu_fixture *f, const char *host)
{
	struct serve_thread serve = {.fixture = f};
	struct inbox inbox = {0};
	struct mctp_link *requester;
	uint8_t request[2000];
	uint8_t tag = 0xff;
	int error;

	fill_pattern(request, sizeof(request), 0x44);
	assert_int_equal(
	    pthread_create(&serve.thread, NULL, serve_responder, &serve), 0);
	requester = open_requester(host, f->port, &error);
	assert_int_equal(error, 0);
	assert_true(mctp_link_connected(requester));
	assert_int_equal(mctp_link_add_local_eid(requester, 9), -EOPNOTSUPP);

	assert_int_equal(
	    mctp_link_send(requester, 9, &tag, request, sizeof(request)), 0);
	assert_int_equal(tag, 0);
	assert_int_equal(pump(requester, &inbox, 1, TIMEOUT_MS), 0);
	atomic_store(&serve.stop, true);
	pthread_join(serve.thread, NULL);

	assert_int_equal(inbox.count, 1);
	/* The response is reported from the EID the request went to. */
	assert_int_equal(inbox.messages[0].peer_eid, 9);
	assert_int_equal(inbox.messages[0].tag, 0);
	assert_int_equal(inbox.messages[0].length, sizeof(request));
	assert_memory_equal(inbox.messages[0].data, request, sizeof(request));
	assert_int_equal(f->inbox.count, 1);
	assert_int_equal(mctp_link_get_stats(requester)->messages_received, 1);
	mctp_link_close(requester);
	inbox_clear(&inbox);
}

static void requester_round_trip_2000(void **state)
{
	requester_round_trip(*state, "127.0.0.1");
}

static void requester_default_host(void **state)
{
	requester_round_trip(*state, "");
}

/* A server that checks the hello and then sends a scripted reply. */
struct script_server {
	pthread_t thread;
	int listen_fd;
	uint16_t port;
	const uint8_t *reply;
	size_t reply_length;
	/* Without a reply: how long to stay silent before hanging up. */
	unsigned int hold_ms;
	bool hello_ok;
};

static void *run_script(void *argument)
{
	struct script_server *server = argument;
	uint8_t hello[sizeof(client_hello_frame)];
	size_t received = 0;
	uint8_t byte;
	int fd;

	fd = accept(server->listen_fd, NULL, NULL);
	if (fd < 0)
		return NULL;
	while (received < sizeof(hello)) {
		ssize_t ret =
		    read(fd, hello + received, sizeof(hello) - received);

		if (ret <= 0)
			break;
		received += (size_t)ret;
	}
	server->hello_ok =
	    received == sizeof(hello) &&
	    memcmp(hello, client_hello_frame, sizeof(hello)) == 0;
	/* Without a reply the server hangs up after the hello. */
	if (server->reply_length == 0) {
		usleep(server->hold_ms * 1000u);
		close(fd);
		return NULL;
	}
	if (write(fd, server->reply, server->reply_length) < 0)
		server->hello_ok = false;
	/* Wait for the client to close its end. */
	while (read(fd, &byte, 1) > 0)
		;
	close(fd);
	return NULL;
}

static void start_held_script(struct script_server *server,
			      const uint8_t *reply, size_t reply_length,
			      unsigned int hold_ms)
{
	struct sockaddr_in address = {
	    .sin_family = AF_INET,
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};

	memset(server, 0, sizeof(*server));
	server->reply = reply;
	server->reply_length = reply_length;
	server->hold_ms = hold_ms;
	server->listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(server->listen_fd >= 0);
	assert_int_equal(bind(server->listen_fd, (struct sockaddr *)&address,
			      sizeof(address)),
			 0);
	assert_int_equal(listen(server->listen_fd, 1), 0);
	server->port = local_port(server->listen_fd);
	assert_int_equal(
	    pthread_create(&server->thread, NULL, run_script, server), 0);
}

static void start_script(struct script_server *server, const uint8_t *reply,
			 size_t reply_length)
{
	start_held_script(server, reply, reply_length, 0);
}

static void stop_script(struct script_server *server)
{
	pthread_join(server->thread, NULL);
	close(server->listen_fd);
}

static void requester_rejects_bad_hello(void **state)
{
	struct script_server server;
	struct inbox inbox = {0};
	struct mctp_link *requester;
	int error;

	/* A NORMAL frame where the TEST reply belongs. */
	start_script(&server, get_version_frame, sizeof(get_version_frame));
	requester = open_requester("127.0.0.1", server.port, &error);
	assert_int_equal(error, 0);
	assert_int_equal(pump(requester, &inbox, 1, TIMEOUT_MS), -EPROTO);
	assert_int_equal(inbox.count, 0);
	mctp_link_close(requester);
	stop_script(&server);
	assert_true(server.hello_ok);
}

static void requester_hello_peer_closes(void **state)
{
	struct script_server server;
	struct inbox inbox = {0};
	struct mctp_link *requester;
	int error;

	start_script(&server, NULL, 0);
	requester = open_requester("127.0.0.1", server.port, &error);
	assert_int_equal(error, 0);
	assert_int_equal(pump(requester, &inbox, 1, TIMEOUT_MS), -EPIPE);
	mctp_link_close(requester);
	stop_script(&server);
	assert_true(server.hello_ok);
}

/* A silent responder no longer holds up the open: it returns at once. */
static void requester_open_does_not_wait(void **state)
{
	struct script_server server;
	struct inbox inbox = {0};
	struct mctp_link *requester;
	struct timespec before, after;
	long elapsed_ms;
	int error;

	start_held_script(&server, NULL, 0, 1000);
	clock_gettime(CLOCK_MONOTONIC, &before);
	requester = open_requester("127.0.0.1", server.port, &error);
	clock_gettime(CLOCK_MONOTONIC, &after);
	elapsed_ms = (after.tv_sec - before.tv_sec) * 1000 +
		     (after.tv_nsec - before.tv_nsec) / 1000000;
	assert_int_equal(error, 0);
	assert_true(elapsed_ms < 500);
	assert_int_equal(pump(requester, &inbox, 1, TIMEOUT_MS), -EPIPE);
	mctp_link_close(requester);
	stop_script(&server);
	assert_true(server.hello_ok);
}

static void requester_sees_shutdown(void **state)
{
	static uint8_t
	    script[sizeof(server_hello_frame) + MCTP_EMU_HEADER_SIZE];
	static const uint8_t shutdown[] = {0x00, 0x00, 0xff, 0xfe, 0x00, 0x00,
					   0x00, 0x01, 0x00, 0x00, 0x00, 0x00};
	struct script_server server;
	struct inbox inbox = {0};
	struct mctp_link *requester;
	int error;

	memcpy(script, server_hello_frame, sizeof(server_hello_frame));
	memcpy(script + sizeof(server_hello_frame), shutdown, sizeof(shutdown));
	start_script(&server, script, sizeof(script));
	requester = open_requester("127.0.0.1", server.port, &error);
	assert_int_equal(error, 0);
	assert_int_equal(pump(requester, &inbox, 1, TIMEOUT_MS), -EPIPE);
	assert_false(mctp_link_connected(requester));
	mctp_link_close(requester);
	stop_script(&server);
	assert_true(server.hello_ok);
}

static void requester_connection_refused(void **state)
{
	struct emu_fixture *f = *state;
	uint16_t port = f->port;
	int error;

	/* The port of a responder that was just closed. */
	mctp_link_close(f->responder);
	f->responder = NULL;
	assert_null(open_requester("127.0.0.1", port, &error));
	assert_int_equal(error, -ECONNREFUSED);
}

#define EMU_TEST(name)                                                         \
	cmocka_unit_test_setup_teardown(name, open_responder, close_responder)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    EMU_TEST(responder_hello_and_echo),
	    EMU_TEST(responder_continue_next_peer),
	    EMU_TEST(responder_shutdown_stops),
	    EMU_TEST(responder_peer_close_listens),
	    EMU_TEST(responder_drops_bad_frames),
	    EMU_TEST(responder_oversize_closes),
	    EMU_TEST(requester_round_trip_2000),
	    EMU_TEST(requester_default_host),
	    EMU_TEST(requester_connection_refused),
	    cmocka_unit_test(requester_rejects_bad_hello),
	    cmocka_unit_test(requester_hello_peer_closes),
	    cmocka_unit_test(requester_open_does_not_wait),
	    cmocka_unit_test(requester_sees_shutdown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
