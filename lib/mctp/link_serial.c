// SPDX-License-Identifier: BSD-3-Clause
/* serial:PATH opens a tty, and pty creates a pseudo-terminal pair. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "link_internal.h"

/* Raw 8-bit mode without echo or line editing. The speed stays as is. */
static int set_raw_mode(int fd)
{
	struct termios settings;

	if (tcgetattr(fd, &settings) < 0)
		return -errno;
	cfmakeraw(&settings);
	settings.c_cflag |= CLOCAL | CREAD;
	settings.c_cc[VMIN] = 1;
	settings.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &settings) < 0)
		return -errno;
	return 0;
}

int serial_open(struct mctp_link *link, const char *path)
{
	int ret;

	ret = framed_init(link);
	if (ret < 0)
		return ret;

	link->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (link->fd < 0)
		return -errno;
	return set_raw_mode(link->fd);
}

int pty_open(struct mctp_link *link)
{
	char name[PATH_MAX];
	int ret;

	ret = framed_init(link);
	if (ret < 0)
		return ret;

	link->fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (link->fd < 0)
		return -errno;
	if (grantpt(link->fd) < 0 || unlockpt(link->fd) < 0)
		return -errno;
	ret = ptsname_r(link->fd, name, sizeof(name));
	if (ret != 0)
		return -ret;
	link->pty_path = strdup(name);
	if (!link->pty_path)
		return -ENOMEM;

	/*
	 * Keeping a slave open means the master never reads EIO while no peer
	 * has the slave open, so peers may come and go. The slave's settings
	 * apply to both directions, so raw mode is set here before any peer
	 * writes.
	 */
	link->pty_slave_fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (link->pty_slave_fd < 0)
		return -errno;
	ret = set_raw_mode(link->pty_slave_fd);
	if (ret < 0)
		return ret;
	return link_set_nonblocking(link->fd);
}
