// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "link_internal.h"

int link_set_nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

int link_wait(int fd, short events, int timeout_ms)
{
	struct pollfd poll_fd = {.fd = fd, .events = events};
	int ret;

	do {
		ret = poll(&poll_fd, 1, timeout_ms);
	} while (ret < 0 && errno == EINTR);

	if (ret < 0)
		return -errno;
	if (ret == 0)
		return -ETIMEDOUT;
	/* POLLERR and POLLHUP too: the next read or write reports them. */
	return 0;
}

static ssize_t write_some(struct mctp_link *link, const uint8_t *data,
			  size_t length)
{
	if (link->is_socket)
		return send(link->fd, data, length, MSG_NOSIGNAL);
	return write(link->fd, data, length);
}

int link_write_all(struct mctp_link *link, const uint8_t *data, size_t length)
{
	size_t written = 0;
	ssize_t ret;

	if (link->fd < 0)
		return link->listen_fd >= 0 ? -ENOTCONN : -EPIPE;

	while (written < length) {
		ret = write_some(link, data + written, length - written);
		if (ret >= 0) {
			written += (size_t)ret;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			ret = link_wait(link->fd, POLLOUT,
					MCTP_LINK_IO_TIMEOUT_MS);
			if (ret < 0)
				return (int)ret;
			continue;
		}
		if (errno == ECONNRESET || errno == EIO)
			return -EPIPE;
		return -errno;
	}
	return 0;
}

/* Accepts a waiting peer. Returns 1, 0 when no peer waits, or an error. */
static int accept_peer(struct mctp_link *link)
{
	int enable = 1;
	int fd;

	fd = accept4(link->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == ECONNABORTED || errno == EINTR)
			return 0;
		return -errno;
	}

	/* Requests and responses are small and wait for each other. This
	 * fails harmlessly on Unix sockets. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &enable, sizeof(enable));
	link->fd = fd;
	link->is_socket = true;
	/* A link that does not listen serves one peer only. */
	if (!link->listen) {
		close(link->listen_fd);
		link->listen_fd = -1;
	}
	return 1;
}

static int peer_gone(struct mctp_link *link)
{
	link_drop_peer(link);
	return link->listen_fd >= 0 ? 0 : -EPIPE;
}

/* Reads one chunk and consumes it. Returns 1 to read on, 0 or an error. */
static int read_chunk(struct mctp_link *link, mctp_link_message_fn fn,
		      void *userdata)
{
	uint8_t buffer[LINK_READ_CHUNK];
	ssize_t length;
	int ret;

	length = read(link->fd, buffer, sizeof(buffer));
	if (length < 0 && errno == EINTR)
		return 1;
	if (length < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	/* A pty or tty whose other side closed reports EIO. */
	if (length == 0 ||
	    (length < 0 && (errno == EIO || errno == ECONNRESET)))
		return peer_gone(link);
	if (length < 0)
		return -errno;

	ret = link->ops->consume(link, buffer, (size_t)length, fn, userdata);
	if (ret == LINK_CONSUME_END_PEER)
		return peer_gone(link);
	if (ret < 0)
		return ret;
	return 1;
}

int link_receive_stream(struct mctp_link *link, mctp_link_message_fn fn,
			void *userdata)
{
	int ret;

	if (link->fd < 0) {
		if (link->listen_fd < 0)
			return -EPIPE;
		ret = accept_peer(link);
		if (ret <= 0)
			return ret;
	}

	for (size_t chunks = 0;
	     chunks < MCTP_LINK_RECEIVE_BYTES_MAX / LINK_READ_CHUNK; chunks++) {
		ret = read_chunk(link, fn, userdata);
		if (ret <= 0)
			return ret;
	}
	return 0;
}
