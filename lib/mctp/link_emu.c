// SPDX-License-Identifier: BSD-3-Clause
/*
 * emu:HOST:PORT, the TCP protocol of DMTF spdm-emu with the MCTP transport.
 * The requester connects and sends the TEST hello, and checks the reply
 * when it arrives, so that opening never waits for the peer to speak: an
 * event loop stays free while a peer is silent. The responder listens,
 * replies to TEST, SHUTDOWN, CONTINUE and unknown commands as
 * spdm_responder_emu does, and passes NORMAL frames to the callback.
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mctp/emu.h>
#include <mctp/packet.h>

#include "link_internal.h"

#define HOST_SIZE    256
#define PORT_SIZE    8
#define DEFAULT_HOST "127.0.0.1"
/* Both hello texts are sent with their terminating NUL. */
static const char client_hello[] = "Client Hello!";
static const char server_hello[] = "Server Hello!";

struct emu_state {
	struct mctp_emu_decoder decoder;
	/* Reported as the peer's EID to the callback. */
	uint8_t peer_eid;
	/* Requester: the reply to our TEST hello has not arrived yet. */
	bool hello_pending;
	/* The MCTP message type byte and the SPDM message. */
	uint8_t rx_payload[1 + MCTP_LINK_MAX_MESSAGE];
	uint8_t tx_frame[MCTP_EMU_HEADER_SIZE + 1 + MCTP_LINK_MAX_MESSAGE];
};

/* Sends a frame with a header and payload in one write where possible. */
static int send_frame(struct mctp_link *link, uint32_t command,
		      const void *payload, size_t payload_size)
{
	uint8_t *frame = link->emu->tx_frame;
	int length;

	length =
	    mctp_emu_encode(command, MCTP_EMU_TRANSPORT_MCTP, payload,
			    payload_size, frame, sizeof(link->emu->tx_frame));
	if (length < 0)
		return length;
	return link_write_all(link, frame, (size_t)length);
}

static int emu_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
		    const uint8_t *message, size_t length)
{
	struct emu_state *emu = link->emu;
	struct mctp_emu_header header = {
	    .command = MCTP_EMU_COMMAND_NORMAL,
	    .transport_type = MCTP_EMU_TRANSPORT_MCTP,
	    .payload_size = (uint32_t)(1 + length),
	};
	int ret;

	/* Built in place: header, MCTP message type, SPDM message. */
	mctp_emu_header_encode(&header, emu->tx_frame, sizeof(emu->tx_frame));
	emu->tx_frame[MCTP_EMU_HEADER_SIZE] = MCTP_MESSAGE_TYPE_SPDM;
	memcpy(emu->tx_frame + MCTP_EMU_HEADER_SIZE + 1, message, length);
	ret = link_write_all(link, emu->tx_frame,
			     MCTP_EMU_HEADER_SIZE + 1 + length);
	if (ret < 0)
		return ret;

	if (link->role == MCTP_LINK_REQUESTER) {
		emu->peer_eid = peer_eid;
		if (tag)
			*tag = 0;
	}
	link->stats.messages_sent++;
	return 0;
}

static void deliver_normal(struct mctp_link *link, mctp_link_message_fn fn,
			   void *userdata)
{
	const struct mctp_emu_decoder *decoder = &link->emu->decoder;
	size_t size = decoder->header.payload_size;

	if (decoder->header.transport_type != MCTP_EMU_TRANSPORT_MCTP) {
		link->stats.frames_dropped++;
		return;
	}
	/* Only SPDM (type 0x05) is passed on; an SPDM message is not empty. */
	if (size < 2 || decoder->payload[0] != MCTP_MESSAGE_TYPE_SPDM) {
		link->stats.messages_dropped++;
		return;
	}
	link->stats.messages_received++;
	fn(userdata, link->emu->peer_eid, 0, decoder->payload + 1, size - 1);
}

/* SHUTDOWN: reply, then close the connection and stop listening. */
static int shut_down(struct mctp_link *link)
{
	send_frame(link, MCTP_EMU_COMMAND_SHUTDOWN, NULL, 0);
	link_drop_peer(link);
	if (link->listen_fd >= 0)
		close(link->listen_fd);
	link->listen_fd = -1;
	return -EPIPE;
}

static int handle_responder_command(struct mctp_link *link, uint32_t command)
{
	int ret;

	switch (command) {
	case MCTP_EMU_COMMAND_TEST:
		return send_frame(link, MCTP_EMU_COMMAND_TEST, server_hello,
				  sizeof(server_hello));
	case MCTP_EMU_COMMAND_SHUTDOWN:
		return shut_down(link);
	case MCTP_EMU_COMMAND_CONTINUE:
		/* Reply, close this connection and wait for the next one. */
		ret = send_frame(link, MCTP_EMU_COMMAND_CONTINUE, NULL, 0);
		return ret < 0 ? ret : LINK_CONSUME_END_PEER;
	default:
		return send_frame(link, MCTP_EMU_COMMAND_UNKNOWN, NULL, 0);
	}
}

/* The first frame a requester receives must be the reply to its TEST hello. */
static int check_hello_reply(struct mctp_link *link)
{
	const struct mctp_emu_header *header = &link->emu->decoder.header;

	if (header->command != MCTP_EMU_COMMAND_TEST ||
	    header->transport_type != MCTP_EMU_TRANSPORT_MCTP)
		return -EPROTO;
	link->emu->hello_pending = false;
	return 0;
}

static int handle_frame(struct mctp_link *link, mctp_link_message_fn fn,
			void *userdata)
{
	uint32_t command = link->emu->decoder.header.command;

	link->stats.frames_received++;
	if (link->emu->hello_pending)
		return check_hello_reply(link);
	if (command == MCTP_EMU_COMMAND_NORMAL) {
		deliver_normal(link, fn, userdata);
		return 0;
	}
	if (link->role == MCTP_LINK_RESPONDER)
		return handle_responder_command(link, command);

	/* A responder that shuts down or continues ends the connection. */
	if (command == MCTP_EMU_COMMAND_SHUTDOWN ||
	    command == MCTP_EMU_COMMAND_CONTINUE)
		return LINK_CONSUME_END_PEER;
	link->stats.frames_dropped++;
	return 0;
}

static int emu_consume(struct mctp_link *link, const uint8_t *data,
		       size_t length, mctp_link_message_fn fn, void *userdata)
{
	size_t consumed;
	int ret;

	while (length > 0) {
		ret = mctp_emu_decoder_feed(&link->emu->decoder, data, length,
					    &consumed);
		/* An oversize frame cannot be skipped on a byte stream. */
		if (ret < 0) {
			link->stats.frames_dropped++;
			return LINK_CONSUME_END_PEER;
		}
		data += consumed;
		length -= consumed;
		if (ret == 0)
			continue;
		ret = handle_frame(link, fn, userdata);
		if (ret != 0)
			return ret;
	}
	return 0;
}

static void emu_reset_peer(struct mctp_link *link)
{
	struct emu_state *emu = link->emu;

	mctp_emu_decoder_init(&emu->decoder, emu->rx_payload,
			      sizeof(emu->rx_payload));
}

static void emu_destroy(struct mctp_link *link)
{
	free(link->emu);
	link->emu = NULL;
}

static const struct link_transport_ops emu_ops = {
    .send = emu_send,
    .consume = emu_consume,
    .reset_peer = emu_reset_peer,
    .destroy = emu_destroy,
};

/* Splits HOST:PORT; HOST may be empty or an IPv6 address in brackets. */
static int parse_address(const char *address, char *host, char *port)
{
	const char *colon = strrchr(address, ':');
	size_t host_length;

	if (!colon || colon[1] == '\0' || strlen(colon + 1) >= PORT_SIZE)
		return -EINVAL;
	host_length = (size_t)(colon - address);
	if (host_length >= 2 && address[0] == '[' &&
	    address[host_length - 1] == ']') {
		address++;
		host_length -= 2;
	}
	if (host_length >= HOST_SIZE)
		return -EINVAL;

	memcpy(host, address, host_length);
	host[host_length] = '\0';
	if (host_length == 0)
		strcpy(host, DEFAULT_HOST);
	strcpy(port, colon + 1);
	return 0;
}

static int resolve(const char *host, const char *port, bool passive,
		   struct addrinfo **result)
{
	struct addrinfo hints = {
	    .ai_family = AF_UNSPEC,
	    .ai_socktype = SOCK_STREAM,
	    .ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0),
	};
	int ret;

	ret = getaddrinfo(host, port, &hints, result);
	if (ret == EAI_SYSTEM)
		return -errno;
	if (ret == EAI_MEMORY)
		return -ENOMEM;
	if (ret != 0)
		return -EHOSTUNREACH;
	return 0;
}

/* Returns a non-blocking, close-on-exec socket for info, or -errno. */
static int new_socket(const struct addrinfo *info)
{
	int fd = socket(info->ai_family,
			info->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
			info->ai_protocol);

	return fd < 0 ? -errno : fd;
}

static int listen_on(struct mctp_link *link, const struct addrinfo *info)
{
	int enable = 1;
	int fd;

	fd = new_socket(info);
	if (fd < 0)
		return fd;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof(enable));
	/* spdm_responder_emu listens with a backlog of 3 too. */
	if (bind(fd, info->ai_addr, info->ai_addrlen) < 0 ||
	    listen(fd, 3) < 0) {
		int ret = -errno;

		close(fd);
		return ret;
	}
	link->listen_fd = fd;
	return 0;
}

/* Connects without blocking longer than MCTP_LINK_IO_TIMEOUT_MS. */
static int connect_to(struct mctp_link *link, const struct addrinfo *info)
{
	int enable = 1;
	int error = 0;
	socklen_t length = sizeof(error);
	int ret = 0;
	int fd;

	fd = new_socket(info);
	if (fd < 0)
		return fd;
	if (connect(fd, info->ai_addr, info->ai_addrlen) < 0) {
		ret = errno == EINPROGRESS
			  ? link_wait(fd, POLLOUT, MCTP_LINK_IO_TIMEOUT_MS)
			  : -errno;
		if (ret == 0 &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0)
			ret = -errno;
		if (ret == 0 && error != 0)
			ret = -error;
	}
	if (ret < 0) {
		close(fd);
		return ret;
	}

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &enable, sizeof(enable));
	link->fd = fd;
	link->is_socket = true;
	return 0;
}

static int open_socket(struct mctp_link *link, const char *host,
		       const char *port)
{
	bool passive = link->role == MCTP_LINK_RESPONDER;
	struct addrinfo *result;
	struct addrinfo *info;
	int ret;

	ret = resolve(host, port, passive, &result);
	if (ret < 0)
		return ret;
	ret = -EHOSTUNREACH;
	for (info = result; info; info = info->ai_next) {
		ret = passive ? listen_on(link, info) : connect_to(link, info);
		if (ret == 0)
			break;
	}
	freeaddrinfo(result);
	return ret;
}

int emu_open(struct mctp_link *link, const char *address)
{
	char host[HOST_SIZE];
	char port[PORT_SIZE];
	int ret;

	ret = parse_address(address, host, port);
	if (ret < 0)
		return ret;
	if (link->role == MCTP_LINK_REQUESTER && link->listen)
		return -EINVAL;

	link->emu = calloc(1, sizeof(*link->emu));
	if (!link->emu)
		return -ENOMEM;
	link->ops = &emu_ops;
	link->emu->peer_eid = link->local_eid;
	emu_reset_peer(link);

	ret = open_socket(link, host, port);
	if (ret < 0 || link->role == MCTP_LINK_RESPONDER)
		return ret;
	/* spdm_requester_emu starts every connection with this hello. */
	ret = send_frame(link, MCTP_EMU_COMMAND_TEST, client_hello,
			 sizeof(client_hello));
	if (ret == 0)
		link->emu->hello_pending = true;
	return ret;
}
