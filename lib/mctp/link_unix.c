// SPDX-License-Identifier: BSD-3-Clause
/* unix:PATH, serial framing on a Unix stream socket. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "link_internal.h"

static int fill_address(struct sockaddr_un *address, const char *path)
{
	if (strlen(path) >= sizeof(address->sun_path))
		return -ENAMETOOLONG;
	memset(address, 0, sizeof(*address));
	address->sun_family = AF_UNIX;
	strcpy(address->sun_path, path);
	return 0;
}

static int unix_connect(struct mctp_link *link,
			const struct sockaddr_un *address)
{
	link->fd =
	    socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (link->fd < 0)
		return -errno;
	link->is_socket = true;
	/* EAGAIN here means the listener's backlog is full. */
	if (connect(link->fd, (const struct sockaddr *)address,
		    sizeof(*address)) < 0)
		return -errno;
	return 0;
}

/*
 * Removes a socket file that no process listens on any more, as a previous
 * run leaves it. Returns -EADDRINUSE for a live socket or another file.
 */
static int remove_stale_socket(const struct sockaddr_un *address)
{
	struct stat status;
	int probe;
	int ret;

	if (lstat(address->sun_path, &status) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISSOCK(status.st_mode))
		return -EADDRINUSE;

	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (probe < 0)
		return -errno;
	ret =
	    connect(probe, (const struct sockaddr *)address, sizeof(*address));
	if (ret < 0)
		ret = -errno;
	close(probe);
	if (ret != -ECONNREFUSED)
		return -EADDRINUSE;

	if (unlink(address->sun_path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}

static int unix_listen(struct mctp_link *link,
		       const struct sockaddr_un *address)
{
	int ret;

	ret = remove_stale_socket(address);
	if (ret < 0)
		return ret;

	link->listen_fd =
	    socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (link->listen_fd < 0)
		return -errno;
	if (bind(link->listen_fd, (const struct sockaddr *)address,
		 sizeof(*address)) < 0)
		return -errno;
	link->socket_path = strdup(address->sun_path);
	if (!link->socket_path)
		return -ENOMEM;
	/* One peer at a time, while the next one waits in the backlog. */
	if (listen(link->listen_fd, 1) < 0)
		return -errno;
	return 0;
}

int unix_open(struct mctp_link *link, const char *path)
{
	struct sockaddr_un address;
	int ret;

	ret = fill_address(&address, path);
	if (ret < 0)
		return ret;
	ret = framed_init(link);
	if (ret < 0)
		return ret;

	if (link->listen)
		return unix_listen(link, &address);
	return unix_connect(link, &address);
}
