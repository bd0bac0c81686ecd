// SPDX-License-Identifier: BSD-3-Clause
/*
 * mctp:NET, mctp: and mctp:any, a Linux AF_MCTP socket for a requester.
 * The socket is never bound: requests go out with a tag this socket owns,
 * and the kernel routes the response back to it. The kernel adds and
 * strips the MCTP message type byte, which travels in smctp_type. Every
 * system call goes through struct mctp_socket_ops.
 *
 * One socket reaches every network: mctp_link_send_net() names the
 * network of each request, and the link keeps its tags per network, peer
 * and tag, so the same EID on two networks are two peers.
 *
 * Tags: the link allocates each request's tag with SIOCMCTPALLOCTAG (Linux
 * 6.1 has it) and sends with MCTP_TAG_PREALLOC, so the tag send returns is
 * the wire tag, which the kernel also reports on every response. Responses
 * are matched by network, peer and tag, so a late response to an abandoned
 * request cannot pass for the response to the next one. The link releases
 * each tag when its response arrives, or TAG_HOLD_MS after the request.
 * The ioctl has no network field, so it serves only the kernel's default
 * network. Without the ioctl, and on other networks, the kernel picks the
 * tag on send (MCTP_TAG_OWNER) and does not report it. The link then
 * awaits only one response per peer of that network.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <linux/mctp.h>
#include <linux/sockios.h>

#include <mctp/packet.h>
#include <mctp/socket_ops.h>

#include "link_internal.h"

/* Older C libraries lack the constant, and the kernel ABI value is fixed. */
#ifndef AF_MCTP
#define AF_MCTP 45
#endif

#define EID_COUNT 256
#define TAG_COUNT 8
/*
 * How long an unanswered request keeps its tag: twice the 6 s after which
 * Linux drops the response to an automatically tagged request
 * (MCTP_KEY_LIFETIME). Preallocated tags never expire in the kernel, so
 * the link releases them. No requester can reuse a tag while it is held,
 * so a response up to 12 s late reaches this link with its own tag. A
 * response even later may match whichever request took the tag next.
 */
#define TAG_HOLD_MS 12000

/* Returned inside this file when the kernel cannot preallocate tags. */
#define NO_PREALLOCATION 1

/* The tags of the requests to the peers of one network. */
struct af_mctp_peers {
	/* As the caller names it: MCTP_NET_ANY is the link's network. */
	uint32_t network;
	/* Cleared when a preallocated tag cannot be sent on this network. */
	bool preallocate_tags;
	/* Preallocated tags held for each peer, one bit per tag. */
	uint8_t held_tags[EID_COUNT];
	uint64_t tag_sent_ms[EID_COUNT][TAG_COUNT];
	/* One more than the tag of the last request to each peer, or 0. */
	uint8_t previous_tag[EID_COUNT];
	/* Automatic tags: what send returned last, per peer. */
	uint8_t next_tag[EID_COUNT];
	/* One more than the tag returned for the request awaiting a response
	 * from each peer, or 0 when none is awaited. */
	uint8_t awaited_tag[EID_COUNT];
};

struct af_mctp_state {
	const struct mctp_socket_ops *socket_ops;
	/* The network of the spec; MCTP_NET_ANY for mctp: and mctp:any. */
	uint32_t network;
	/* Cleared when the kernel turns SIOCMCTPALLOCTAG down. */
	bool preallocate_tags;
	/* The networks that requests went to, in first-use order. */
	struct af_mctp_peers *peers[MCTP_LINK_MAX_NETWORKS];
	size_t network_count;
	unsigned int held_tag_count;
	uint8_t buffer[MCTP_LINK_MAX_MESSAGE];
};

static uint64_t monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000 + (uint64_t)now.tv_nsec / 1000000;
}

static void fill_address(struct sockaddr_mctp *address, uint32_t network,
			 uint8_t eid, uint8_t tag)
{
	/* Recent kernels reject non-zero padding with EINVAL. */
	memset(address, 0, sizeof(*address));
	address->smctp_family = AF_MCTP;
	address->smctp_network = network;
	address->smctp_addr.s_addr = eid;
	address->smctp_type = MCTP_MESSAGE_TYPE_SPDM;
	address->smctp_tag = tag;
}

static struct af_mctp_peers *find_peers(const struct af_mctp_state *state,
					uint32_t network)
{
	for (size_t i = 0; i < state->network_count; i++)
		if (state->peers[i]->network == network)
			return state->peers[i];
	return NULL;
}

/* Finds or adds the tags of a network; -ENOSPC past the last network. */
static int get_peers(struct af_mctp_state *state, uint32_t network,
		     struct af_mctp_peers **out)
{
	struct af_mctp_peers *peers = find_peers(state, network);

	if (!peers) {
		if (state->network_count == MCTP_LINK_MAX_NETWORKS)
			return -ENOSPC;
		peers = calloc(1, sizeof(*peers));
		if (!peers)
			return -ENOMEM;
		peers->network = network;
		peers->preallocate_tags = true;
		state->peers[state->network_count++] = peers;
	}
	*out = peers;
	return 0;
}

static int send_datagram(struct mctp_link *link,
			 const struct af_mctp_peers *peers, uint8_t peer_eid,
			 uint8_t tag, const uint8_t *message, size_t length)
{
	struct af_mctp_state *state = link->af_mctp;
	uint32_t network = peers->network;
	struct sockaddr_mctp address;
	ssize_t sent;

	if (network == MCTP_NET_ANY)
		network = state->network;
	fill_address(&address, network, peer_eid, tag);
	sent = state->socket_ops->sendto(link->fd, message, length, 0,
					 (const struct sockaddr *)&address,
					 sizeof(address));
	if (sent < 0)
		return -errno;
	if ((size_t)sent != length)
		return -EIO;
	return 0;
}

/* Releases a preallocated tag in the kernel and in the link. */
static void release_tag(struct mctp_link *link, struct af_mctp_peers *peers,
			uint8_t peer_eid, uint8_t tag)
{
	struct af_mctp_state *state = link->af_mctp;
	struct mctp_ioc_tag_ctl control = {
	    .peer_addr = peer_eid,
	    .tag = (uint8_t)(tag | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC),
	};

	/* Linux 6.1 fails it only for a tag the socket does not hold. */
	state->socket_ops->ioctl(link->fd, SIOCMCTPDROPTAG, &control);
	if (peers->held_tags[peer_eid] & (1u << tag)) {
		peers->held_tags[peer_eid] &= (uint8_t) ~(1u << tag);
		state->held_tag_count--;
	}
}

/* Releases the tags whose response can no longer be expected. */
static void release_expired_tags(struct mctp_link *link, uint64_t now_ms)
{
	struct af_mctp_state *state = link->af_mctp;

	for (size_t i = 0; i < state->network_count; i++) {
		struct af_mctp_peers *peers = state->peers[i];

		for (int eid = 0; state->held_tag_count > 0 && eid < EID_COUNT;
		     eid++)
			for (uint8_t tag = 0; tag < TAG_COUNT; tag++)
				if ((peers->held_tags[eid] & (1u << tag)) &&
				    now_ms - peers->tag_sent_ms[eid][tag] >=
					TAG_HOLD_MS)
					release_tag(link, peers, (uint8_t)eid,
						    tag);
	}
}

/*
 * Allocates a tag towards peer_eid into control. Linux hands out the
 * lowest free tag, which is usually the one the last request used, so a
 * device that sends a response twice would have the copy taken for the
 * response to this request. Another tag is taken when one is free.
 */
static int allocate_tag(struct mctp_link *link, struct af_mctp_peers *peers,
			uint8_t peer_eid, struct mctp_ioc_tag_ctl *control)
{
	struct af_mctp_state *state = link->af_mctp;
	struct mctp_ioc_tag_ctl other = {.peer_addr = peer_eid};
	int fd = link->fd;

	*control = (struct mctp_ioc_tag_ctl){.peer_addr = peer_eid};
	if (state->socket_ops->ioctl(fd, SIOCMCTPALLOCTAG, control) < 0) {
		/* A kernel without the ioctl returns EOPNOTSUPP. */
		if (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOTTY) {
			state->preallocate_tags = false;
			return NO_PREALLOCATION;
		}
		/* EBUSY: all eight tags to this peer are in use. */
		return -errno;
	}
	if ((control->tag & MCTP_TAG_MASK) + 1 != peers->previous_tag[peer_eid])
		return 0;
	if (state->socket_ops->ioctl(fd, SIOCMCTPALLOCTAG, &other) < 0)
		return 0;

	release_tag(link, peers, peer_eid, control->tag & MCTP_TAG_MASK);
	*control = other;
	return 0;
}

/*
 * Sends with a tag from SIOCMCTPALLOCTAG. Returns 0, a negative errno, or
 * NO_PREALLOCATION when this kernel cannot preallocate tags for the
 * network.
 */
static int send_preallocated(struct mctp_link *link,
			     struct af_mctp_peers *peers, uint8_t peer_eid,
			     uint8_t *tag, const uint8_t *message,
			     size_t length)
{
	struct af_mctp_state *state = link->af_mctp;
	struct mctp_ioc_tag_ctl control;
	uint64_t now_ms = monotonic_ms();
	uint8_t wire_tag;
	int ret;

	release_expired_tags(link, now_ms);
	ret = allocate_tag(link, peers, peer_eid, &control);
	if (ret != 0)
		return ret;

	wire_tag = control.tag & MCTP_TAG_MASK;
	ret =
	    send_datagram(link, peers, peer_eid, control.tag, message, length);
	if (ret < 0) {
		release_tag(link, peers, peer_eid, wire_tag);
		/*
		 * Kernels with several MCTP networks find a tag from this
		 * ioctl only on the default network.
		 */
		if (ret != -ENOENT)
			return ret;
		peers->preallocate_tags = false;
		return NO_PREALLOCATION;
	}

	peers->held_tags[peer_eid] |= (uint8_t)(1u << wire_tag);
	peers->tag_sent_ms[peer_eid][wire_tag] = now_ms;
	state->held_tag_count++;
	peers->previous_tag[peer_eid] = (uint8_t)(wire_tag + 1);
	if (tag)
		*tag = wire_tag;
	return 0;
}

/* Sends with a tag the kernel picks and does not report. */
static int send_automatic(struct mctp_link *link, struct af_mctp_peers *peers,
			  uint8_t peer_eid, uint8_t *tag,
			  const uint8_t *message, size_t length)
{
	uint8_t sent_tag;
	int ret;

	ret = send_datagram(link, peers, peer_eid, MCTP_TAG_OWNER, message,
			    length);
	if (ret < 0)
		return ret;

	sent_tag = peers->next_tag[peer_eid];
	peers->next_tag[peer_eid] = (uint8_t)((sent_tag + 1) % TAG_COUNT);
	peers->awaited_tag[peer_eid] = (uint8_t)(sent_tag + 1);
	if (tag)
		*tag = sent_tag;
	return 0;
}

static int af_mctp_send_net(struct mctp_link *link, uint32_t network,
			    uint8_t peer_eid, uint8_t *tag,
			    const uint8_t *message, size_t length)
{
	struct af_mctp_state *state = link->af_mctp;
	struct af_mctp_peers *peers;
	int ret = NO_PREALLOCATION;

	if (state->network != MCTP_NET_ANY && network != MCTP_NET_ANY &&
	    network != state->network)
		return -EINVAL;
	ret = get_peers(state, network, &peers);
	if (ret < 0)
		return ret;

	ret = NO_PREALLOCATION;
	if (state->preallocate_tags && peers->preallocate_tags)
		ret = send_preallocated(link, peers, peer_eid, tag, message,
					length);
	if (ret == NO_PREALLOCATION)
		ret =
		    send_automatic(link, peers, peer_eid, tag, message, length);
	/* EAGAIN and EBUSY (no free tag) reach the caller, who retries. */
	if (ret < 0)
		return ret;
	link->stats.messages_sent++;
	return 0;
}

static int af_mctp_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
			const uint8_t *message, size_t length)
{
	return af_mctp_send_net(link, MCTP_NET_ANY, peer_eid, tag, message,
				length);
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

/*
 * Returns the tag to deliver a response from peer_eid with, or -1 when no
 * request to that peer of the network awaits it. A response to a
 * preallocated tag releases it.
 */
static int match_response(struct mctp_link *link, struct af_mctp_peers *peers,
			  uint8_t peer_eid, uint8_t wire_tag)
{
	uint8_t awaited = peers->awaited_tag[peer_eid];

	if (peers->held_tags[peer_eid] & (1u << wire_tag)) {
		release_tag(link, peers, peer_eid, wire_tag);
		return wire_tag;
	}
	if (awaited == 0)
		return -1;

	/*
	 * NOTE: with automatic tags a late response to an earlier request to
	 * this peer, arriving within the kernel's key lifetime, is taken for
	 * the response awaited now.
	 */
	peers->awaited_tag[peer_eid] = 0;
	return awaited - 1;
}

/*
 * Matches a response with the requests to its network, then with those
 * sent without a network (the kernel reports the default network's id).
 * Returns the tag, or -1, and the network the request went to.
 */
static int match_network(struct mctp_link *link,
			 const struct sockaddr_mctp *address, uint32_t *network)
{
	struct af_mctp_state *state = link->af_mctp;
	uint8_t peer_eid = address->smctp_addr.s_addr;
	uint8_t wire_tag = address->smctp_tag & MCTP_TAG_MASK;
	uint32_t candidates[] = {address->smctp_network, MCTP_NET_ANY};

	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]);
	     i++) {
		struct af_mctp_peers *peers = find_peers(state, candidates[i]);
		int tag;

		if (!peers)
			continue;
		tag = match_response(link, peers, peer_eid, wire_tag);
		if (tag >= 0) {
			*network = candidates[i];
			return tag;
		}
	}
	return -1;
}

static void handle_datagram(struct mctp_link *link,
			    const struct sockaddr_mctp *address,
			    socklen_t address_length, size_t length,
			    mctp_link_net_message_fn fn, void *userdata)
{
	struct af_mctp_state *state = link->af_mctp;
	uint32_t network;
	int tag;

	/* With MSG_TRUNC the length is the whole message, even if larger. */
	if (length == 0 || length > sizeof(state->buffer) ||
	    !is_response(state, address, address_length)) {
		link->stats.messages_dropped++;
		return;
	}
	tag = match_network(link, address, &network);
	if (tag < 0) {
		link->stats.messages_dropped++;
		return;
	}

	link->stats.messages_received++;
	fn(userdata, network, address->smctp_addr.s_addr, (uint8_t)tag,
	   state->buffer, length);
}

static int af_mctp_receive_net(struct mctp_link *link,
			       mctp_link_net_message_fn fn, void *userdata)
{
	struct af_mctp_state *state = link->af_mctp;
	struct sockaddr_mctp address;
	socklen_t address_length;
	ssize_t length;

	if (state->held_tag_count > 0)
		release_expired_tags(link, monotonic_ms());
	for (size_t count = 0; count < MCTP_LINK_RECEIVE_DATAGRAMS_MAX;
	     count++) {
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
	return 0;
}

static void af_mctp_destroy(struct mctp_link *link)
{
	struct af_mctp_state *state = link->af_mctp;

	if (link->fd >= 0)
		state->socket_ops->close(link->fd);
	link->fd = -1;
	for (size_t i = 0; i < state->network_count; i++)
		free(state->peers[i]);
	free(state);
	link->af_mctp = NULL;
}

static const struct link_transport_ops af_mctp_ops = {
    .send = af_mctp_send,
    .send_net = af_mctp_send_net,
    .receive_net = af_mctp_receive_net,
    .destroy = af_mctp_destroy,
};

/* Reads NET of mctp:NET; "" and "any" are MCTP_NET_ANY. */
static int parse_network(const char *text, uint32_t *network)
{
	unsigned long value;
	char *end;

	if (text[0] == '\0' || strcmp(text, "any") == 0) {
		*network = MCTP_NET_ANY;
		return 0;
	}
	if (text[0] < '0' || text[0] > '9')
		return -EINVAL;
	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || value > UINT32_MAX)
		return -EINVAL;
	*network = (uint32_t)value;
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
	state->preallocate_tags = state->socket_ops->ioctl != NULL;

	ret = parse_network(network, &state->network);
	if (ret < 0)
		return ret;
	link->fd = state->socket_ops->socket(
	    AF_MCTP, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (link->fd < 0)
		return -errno;
	return 0;
}
