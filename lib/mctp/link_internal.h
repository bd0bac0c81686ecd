/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * State and helpers shared by the link transports. A link has one transport:
 * framed (DSP0253 serial framing over a tty, pty or Unix stream socket), emu
 * (the spdm-emu TCP protocol) or af_mctp (a Linux AF_MCTP socket).
 */
#ifndef MCTP_LINK_INTERNAL_H
#define MCTP_LINK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mctp/link.h>

/* Size of one read() from a stream descriptor. */
#define LINK_READ_CHUNK 4096

struct link_transport_ops {
	int (*send)(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
		    const uint8_t *message, size_t length);
	/* Sends to a peer of a network; only on transports with networks. */
	int (*send_net)(struct mctp_link *link, uint32_t network,
			uint8_t peer_eid, uint8_t *tag, const uint8_t *message,
			size_t length);
	/* Consumes bytes read from a stream peer. */
	int (*consume)(struct mctp_link *link, const uint8_t *data,
		       size_t length, mctp_link_message_fn fn, void *userdata);
	/* Receives from a datagram socket, for transports without consume. */
	int (*receive)(struct mctp_link *link, mctp_link_message_fn fn,
		       void *userdata);
	/* Receives and reports each message's network, instead of receive. */
	int (*receive_net)(struct mctp_link *link, mctp_link_net_message_fn fn,
			   void *userdata);
	/* Forgets the state of a peer that went away. */
	void (*reset_peer)(struct mctp_link *link);
	void (*destroy)(struct mctp_link *link);
};

/* Return value of consume: the peer's connection ends without an error. */
#define LINK_CONSUME_END_PEER 1

struct framed_state;
struct emu_state;
struct af_mctp_state;

struct mctp_link {
	const struct link_transport_ops *ops;
	enum mctp_link_role role;
	uint8_t local_eid;
	/* Destination EID of the message delivered last. */
	uint8_t last_destination;
	bool listen;
	struct mctp_link_stats stats;

	/* The peer's descriptor (tty, pty master or connected socket). */
	int fd;
	/* The listening socket, or -1. */
	int listen_fd;
	/* Sockets are written with send(MSG_NOSIGNAL), ttys with write(). */
	bool is_socket;
	/* A Unix socket path to unlink on close, which this link bound. */
	char *socket_path;
	/* For "pty": the slave path, and the slave we keep open. */
	char *pty_path;
	int pty_slave_fd;

	struct framed_state *framed;
	struct emu_state *emu;
	struct af_mctp_state *af_mctp;
};

/* link.c */
struct mctp_link *link_alloc(const struct mctp_link_config *config);
/* Closes the peer's descriptor and discards its transport state. */
void link_drop_peer(struct mctp_link *link);

/* link_io.c */
int link_set_nonblocking(int fd);
/* Writes all bytes, waiting up to MCTP_LINK_IO_TIMEOUT_MS for each step. */
int link_write_all(struct mctp_link *link, const uint8_t *data, size_t length);
/* Waits until fd is ready for events; returns 0 or -ETIMEDOUT. */
int link_wait(int fd, short events, int timeout_ms);
/*
 * Reads from the peer until EAGAIN, or MCTP_LINK_RECEIVE_BYTES_MAX bytes,
 * and passes the bytes to ops->consume.
 */
int link_receive_stream(struct mctp_link *link, mctp_link_message_fn fn,
			void *userdata);

/* link_framed.c: serial framing over link->fd (serial, pty, unix). */
int framed_init(struct mctp_link *link);
int framed_add_local_eid(struct mctp_link *link, uint8_t eid);

/* link_serial.c */
int serial_open(struct mctp_link *link, const char *path);
int pty_open(struct mctp_link *link);

/* link_unix.c */
int unix_open(struct mctp_link *link, const char *path);

/* link_emu.c */
int emu_open(struct mctp_link *link, const char *address);

/* link_af_mctp.c */
int af_mctp_open(struct mctp_link *link, const char *network,
		 const struct mctp_socket_ops *socket_ops);

#endif /* MCTP_LINK_INTERNAL_H */
