// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pty_capture.h"

/* How long a write waits for the far side to read, in milliseconds. */
#define WRITE_TIMEOUT_MS 2000

static int open_raw(const char *path, int flags)
{
	struct termios tio;
	int fd = open(path, flags | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	int ret;

	if (fd < 0)
		return -errno;
	if (tcgetattr(fd, &tio) < 0)
		goto fail;
	cfmakeraw(&tio);
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		goto fail;
	return fd;
fail:
	ret = -errno;
	close(fd);
	return ret;
}

static int open_device_pty(struct pty_capture *capture)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -errno;
	capture->device_fd = fd;
	if (grantpt(fd) < 0 || unlockpt(fd) < 0 ||
	    ptsname_r(fd, capture->device_path, sizeof(capture->device_path)) !=
		0)
		return -errno;
	capture->device_slave_fd = open_raw(capture->device_path, O_RDWR);
	return capture->device_slave_fd < 0 ? capture->device_slave_fd : 0;
}

static int open_file(const char *prefix, const char *suffix)
{
	char path[4096];
	int fd;

	if (snprintf(path, sizeof(path), "%s.%s", prefix, suffix) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	return fd < 0 ? -errno : fd;
}

int pty_capture_open(struct pty_capture *capture, const char *slave_path,
		     const char *prefix)
{
	int ret;

	*capture = (struct pty_capture){-1, -1, -1, -1, -1, ""};
	capture->kernel_fd = open_raw(slave_path, O_RDWR);
	if (capture->kernel_fd < 0)
		return capture->kernel_fd;
	ret = open_device_pty(capture);
	if (ret < 0)
		return ret;
	capture->to_device_file = open_file(prefix, "to-device");
	if (capture->to_device_file < 0)
		return capture->to_device_file;
	capture->to_kernel_file = open_file(prefix, "to-kernel");
	return capture->to_kernel_file < 0 ? capture->to_kernel_file : 0;
}

void pty_capture_close(struct pty_capture *capture)
{
	int *fds[] = {&capture->kernel_fd, &capture->device_fd,
		      &capture->device_slave_fd, &capture->to_device_file,
		      &capture->to_kernel_file};

	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}

static int write_all(int fd, const unsigned char *data, size_t length)
{
	while (length > 0) {
		struct pollfd poll_fd = {.fd = fd, .events = POLLOUT};
		ssize_t n = write(fd, data, length);

		if (n < 0 && errno == EAGAIN) {
			if (poll(&poll_fd, 1, WRITE_TIMEOUT_MS) <= 0)
				return -ETIMEDOUT;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		length -= (size_t)n;
	}
	return 0;
}

int pty_capture_forward(struct pty_capture *capture, int fd)
{
	bool to_device = fd == capture->kernel_fd;
	int destination = to_device ? capture->device_fd : capture->kernel_fd;
	int file =
	    to_device ? capture->to_device_file : capture->to_kernel_file;
	unsigned char buffer[4096];
	ssize_t n;
	int ret;

	for (;;) {
		n = read(fd, buffer, sizeof(buffer));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		ret = write_all(file, buffer, (size_t)n);
		if (ret == 0)
			ret = write_all(destination, buffer, (size_t)n);
		if (ret < 0)
			return ret;
	}
}
