/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Links that carry SPDM messages to and from MCTP endpoints:
 *
 *   serial:PATH      DSP0253 MCTP serial framing on a tty or pty
 *   unix:PATH        the same framing on a Unix stream socket
 *   emu:HOST:PORT    the spdm-emu TCP socket protocol (MCTP transport)
 *   mctp:NET         Linux AF_MCTP, one unbound socket (requester only)
 *                    for the endpoints of network NET
 *   mctp: mctp:any   the same socket for the endpoints of every network;
 *                    mctp_link_send_net() names each request's network
 *   pty              a new pseudo-terminal pair with serial framing; the
 *                    peer opens mctp_link_pty_path() as serial:PATH
 *
 * A link is non-blocking and pollable: the owner waits for
 * spdm_link_fd() to be readable and calls spdm_link_receive(), which
 * hands every complete message to the callback. Messages are bare SPDM
 * messages: the link adds and strips the MCTP message type byte 0x05, MCTP
 * headers, fragmentation, tags and framing. Messages of another MCTP type
 * are counted and dropped.
 *
 * Functions return 0 or a negative errno.
 */
#ifndef MCTP_LINK_H
#define MCTP_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest SPDM message a link reassembles; documented in docs/limits.md. */
#define MCTP_LINK_MAX_MESSAGE 65536

/*
 * Most MCTP networks one mctp: link sends to; documented in
 * docs/limits.md. The link keeps the tags of each network it has sent to
 * until it closes.
 */
#define MCTP_LINK_MAX_NETWORKS 64

/*
 * Longest wait for a stream link to accept more bytes, or for the TCP
 * connection of an emu: requester to be established, before the call
 * fails with -ETIMEDOUT.
 */
#define MCTP_LINK_IO_TIMEOUT_MS 5000

/*
 * Most bytes one mctp_link_receive() call reads from a stream link, and
 * most datagrams it reads from an mctp: link; documented in
 * docs/limits.md. A peer that sends faster than the link reads would
 * otherwise keep the call, and the caller's other endpoints and timers,
 * waiting for as long as it sends.
 */
#define MCTP_LINK_RECEIVE_BYTES_MAX	(64 * 1024)
#define MCTP_LINK_RECEIVE_DATAGRAMS_MAX 64

enum mctp_link_role {
	/* Sends requests (TO=1) and accepts responses (TO=0). */
	MCTP_LINK_REQUESTER,
	/* Accepts requests (TO=1) and replies with the same tag (TO=0). */
	MCTP_LINK_RESPONDER,
};

struct mctp_link_stats {
	uint64_t frames_received;
	uint64_t frames_dropped;  /* bad FCS, revision, length or framing */
	uint64_t packets_dropped; /* bad header, sequence or reassembly */
	uint64_t messages_received;
	uint64_t messages_dropped; /* wrong type, role, oversize, unmatched */
	uint64_t messages_sent;
};

struct mctp_link;
struct mctp_socket_ops;

/*
 * Called for each complete message. peer_eid is the source EID, tag the
 * message tag (0-7). For emu links tag is 0, and peer_eid is the EID of
 * the last request sent (requester) or the link's local_eid (responder).
 * On mctp: links the tag is the wire tag, which the link allocates with
 * SIOCMCTPALLOCTAG. On kernels without that ioctl the kernel picks the
 * wire tag and does not report it, so a response carries the tag that
 * mctp_link_send() returned for the last request to that peer. The
 * callback may call mctp_link_send() but must not close the link.
 */
typedef void (*mctp_link_message_fn)(void *userdata, uint8_t peer_eid,
				     uint8_t tag, const uint8_t *message,
				     size_t length);

/*
 * The same, with the MCTP network of the request the message replies to, as
 * passed to mctp_link_send_net(): the network the kernel reports
 * (smctp_network), or 0 for a request sent with network 0 or with
 * mctp_link_send(). Messages of other links report network 0.
 */
typedef void (*mctp_link_net_message_fn)(void *userdata, uint32_t network,
					 uint8_t peer_eid, uint8_t tag,
					 const uint8_t *message, size_t length);

struct mctp_link_config {
	const char *spec; /* "serial:/dev/ttyS1", "unix:/run/x.sock", ... */
	enum mctp_link_role role;
	uint8_t local_eid; /* our EID on serial and unix links */
	/*
	 * Listen instead of connect on unix:. An emu: responder always
	 * listens, and with listen set it keeps listening after a peer goes.
	 */
	bool listen;
	/* System calls of mctp: links; NULL means the libc functions. */
	const struct mctp_socket_ops *socket_ops;
};

/*
 * Opens a link. A responder with listen set accepts one peer at a time on
 * unix: and emu: and keeps listening after the peer goes away.
 */
int mctp_link_open(const struct mctp_link_config *config,
		   struct mctp_link **out);
void mctp_link_close(struct mctp_link *link);
/* Returns the descriptor to poll for POLLIN. It may change after receive. */
int mctp_link_fd(const struct mctp_link *link);

/*
 * Sends one SPDM message to peer_eid. A requester gets a fresh tag back in
 * *tag (may be NULL); a responder passes the tag of the request in *tag.
 * AF_MCTP returns -EBUSY or -EAGAIN when the kernel has no free tag; the
 * caller queues and retries.
 */
int mctp_link_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
		   const uint8_t *message, size_t length);

/*
 * Sends like mctp_link_send() to peer_eid on an MCTP network, so one
 * mctp: or mctp:any link reaches the endpoints of every network. Tags are
 * kept per network, peer and tag: the same EID on two networks are two
 * peers. Network 0 is the link's own: that of mctp:NET, the kernel's
 * default network on mctp: and mctp:any, and the only one other links
 * have. Returns -EINVAL for another network than NET on mctp:NET,
 * -EOPNOTSUPP for a network other than 0 on other links, and -ENOSPC when
 * the link already sends to MCTP_LINK_MAX_NETWORKS networks.
 */
int mctp_link_send_net(struct mctp_link *link, uint32_t network,
		       uint8_t peer_eid, uint8_t *tag, const uint8_t *message,
		       size_t length);

/*
 * Reads what is available without blocking, up to MCTP_LINK_RECEIVE_BYTES_MAX
 * bytes or MCTP_LINK_RECEIVE_DATAGRAMS_MAX datagrams, and calls fn for each
 * complete message. What is left stays readable: a caller that polls the
 * descriptor (level-triggered) is woken again at once. Returns 0, or -EPIPE
 * when the peer closed the link (a listening responder returns 0 and waits for
 * the next peer), or another negative errno. An emu: requester returns -EPROTO
 * when the first frame from the responder is not the reply to the TEST hello.
 * An emu: responder replies to SHUTDOWN, stops listening and returns -EPIPE, as
 * spdm_responder_emu exits then.
 */
int mctp_link_receive(struct mctp_link *link, mctp_link_message_fn fn,
		      void *userdata);
/* Receives like mctp_link_receive() and reports each message's network. */
int mctp_link_receive_net(struct mctp_link *link, mctp_link_net_message_fn fn,
			  void *userdata);

/* Returns whether the link currently has a peer (stream links). */
bool mctp_link_connected(const struct mctp_link *link);
const struct mctp_link_stats *mctp_link_get_stats(const struct mctp_link *link);

/*
 * For pty links opened as "pty": returns the path of the slave the peer
 * opens, else NULL.
 */
const char *mctp_link_pty_path(const struct mctp_link *link);

/*
 * Adds one more EID that a serial:, pty or unix: link accepts messages
 * for, so one link can carry several endpoints. Responses from a
 * responder go out from the EID the request was addressed to. Returns 0,
 * or -EOPNOTSUPP on emu: and mctp: links.
 */
int mctp_link_add_local_eid(struct mctp_link *link, uint8_t eid);

/*
 * Returns the EID the message being delivered was addressed to, so a
 * callback on a link with several local EIDs can tell its endpoints
 * apart. Outside a callback it is that of the last message delivered;
 * before any message, and on emu: and mctp: links, it is local_eid.
 */
uint8_t mctp_link_message_destination(const struct mctp_link *link);

#endif /* MCTP_LINK_H */
