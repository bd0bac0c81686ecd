// SPDX-License-Identifier: BSD-3-Clause
/*
 * mctp:NET, a Linux AF_MCTP socket for a requester. The socket is never
 * bound: the kernel allocates a tag on each sendto() with MCTP_TAG_OWNER
 * and routes the response back to this socket. The kernel adds and strips
 * the MCTP message type byte, which travels in smctp_type. Every system
 * call goes through struct mctp_socket_ops.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/mctp.h>

#include <mctp/packet.h>
#include <mctp/socket_ops.h>

#include "link_internal.h"

/* Older C libraries lack the constant, and the kernel ABI value is fixed. */
#ifndef AF_MCTP
#define AF_MCTP 45
#endif

#define EID_COUNT 256
#define TAG_COUNT 8

struct af_mctp_state {
	const struct mctp_socket_ops *socket_ops;
	unsigned int network;
	uint8_t next_tag[EID_COUNT];
	/* One more than the tag returned for the request awaiting a response
	 * from each peer, or 0 when none is awaited. */
	uint8_t awaited_tag[EID_COUNT];
	uint8_t buffer[MCTP_LINK_MAX_MESSAGE];
};

static void fill_address(struct sockaddr_mctp *address, unsigned int network,
			 uint8_t eid)
{
	/* Recent kernels reject non-zero padding with EINVAL. */
	memset(address, 0, sizeof(*address));
	address->smctp_family = AF_MCTP;
	address->smctp_network = network;
	address->smctp_addr.s_addr = eid;
	address->smctp_type = MCTP_MESSAGE_TYPE_SPDM;
	address->smctp_tag = MCTP_TAG_OWNER;
}

static int af_mctp_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
			const uint8_t *message, size_t length)
{
	struct af_mctp_state *state = link->af_mctp;
	struct sockaddr_mctp address;
	uint8_t sent_tag;
	ssize_t sent;

	fill_address(&address, state->network, peer_eid);
	sent = state->socket_ops->sendto(link->fd, message, length, 0,
					 (const struct sockaddr *)&address,
					 sizeof(address));
	/* EAGAIN and EBUSY (no free tag) reach the caller, who retries. */
	if (sent < 0)
		return -errno;
	if ((size_t)sent != length)
		return -EIO;

	sent_tag = state->next_tag[peer_eid];
	state->next_tag[peer_eid] = (uint8_t)((sent_tag + 1) % TAG_COUNT);
	state->awaited_tag[peer_eid] = (uint8_t)(sent_tag + 1);
	if (tag)
		*tag = sent_tag;
	link->stats.messages_sent++;
	return 0;
}

/* Checks a received address. Returns whether the message is a response. */
static bool is_response(const struct af_mctp_state *state,
			const struct sockaddr_mctp *address,
			socklen_t address_length)
{
	if (address_length < sizeof(*address) ||
	    address->smctp_family != AF_MCTP)
		return false;
	/* The type byte includes the IC bit, which SPDM leaves clear. */
	if (address->smctp_type != MCTP_MESSAGE_TYPE_SPDM)
		return false;
	if (address->smctp_tag & MCTP_TAG_OWNER)
		return false;
	return state->network == MCTP_NET_ANY ||
	       address->smctp_network == state->network;
}

static void handle_datagram(struct mctp_link *link,
			    const struct sockaddr_mctp *address,
			    socklen_t address_length, size_t length,
			    mctp_link_message_fn fn, void *userdata)
{
	struct af_mctp_state *state = link->af_mctp;
	uint8_t peer_eid = address->smctp_addr.s_addr;
	uint8_t tag;

	/* With MSG_TRUNC the length is the whole message, even if larger. */
	if (length == 0 || length > sizeof(state->buffer) ||
	    !is_response(state, address, address_length) ||
	    state->awaited_tag[peer_eid] == 0) {
		link->stats.messages_dropped++;
		return;
	}

	/*
	 * NOTE: the kernel does not report the tag it chose on send, so a
	 * late response to an earlier request to this peer, arriving within
	 * the kernel's key lifetime, is taken for the response awaited now.
	 */
	tag = (uint8_t)(state->awaited_tag[peer_eid] - 1);
	state->awaited_tag[peer_eid] = 0;
	link->stats.messages_received++;
	fn(userdata, peer_eid, tag, state->buffer, length);
}

static int af_mctp_receive(struct mctp_link *link, mctp_link_message_fn fn,
			   void *userdata)
{
	struct af_mctp_state *state = link->af_mctp;
	struct sockaddr_mctp address;
	socklen_t address_length;
	ssize_t length;

	for (;;) {
		memset(&address, 0, sizeof(address));
		address_length = sizeof(address);
		length = state->socket_ops->recvfrom(
		    link->fd, state->buffer, sizeof(state->buffer),
		    MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&address,
		    &address_length);
		if (length < 0 && errno == EINTR)
			continue;
		if (length < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (length < 0)
			return -errno;
		handle_datagram(link, &address, address_length, (size_t)length,
				fn, userdata);
	}
}

static void af_mctp_destroy(struct mctp_link *link)
{
	if (link->fd >= 0)
		link->af_mctp->socket_ops->close(link->fd);
	link->fd = -1;
	free(link->af_mctp);
	link->af_mctp = NULL;
}

static const struct link_transport_ops af_mctp_ops = {
    .send = af_mctp_send,
    .receive = af_mctp_receive,
    .destroy = af_mctp_destroy,
};

static int parse_network(const char *text, unsigned int *network)
{
	unsigned long value;
	char *end;

	if (text[0] < '0' || text[0] > '9')
		return -EINVAL;
	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || value > UINT_MAX)
		return -EINVAL;
	*network = (unsigned int)value;
	return 0;
}

int af_mctp_open(struct mctp_link *link, const char *network,
		 const struct mctp_socket_ops *socket_ops)
{
	struct af_mctp_state *state;
	int ret;

	/* Serving requests would need a bound socket. */
	if (link->role != MCTP_LINK_REQUESTER || link->listen)
		return -EINVAL;

	state = calloc(1, sizeof(*state));
	if (!state)
		return -ENOMEM;
	link->af_mctp = state;
	link->ops = &af_mctp_ops;
	state->socket_ops = socket_ops ? socket_ops : &mctp_socket_ops_libc;

	ret = parse_network(network, &state->network);
	if (ret < 0)
		return ret;
	link->fd = state->socket_ops->socket(
	    AF_MCTP, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (link->fd < 0)
		return -errno;
	return 0;
}
