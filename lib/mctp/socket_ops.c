// SPDX-License-Identifier: BSD-3-Clause
#include <sys/ioctl.h>
#include <unistd.h>

#include <mctp/socket_ops.h>

/* Wrappers, because glibc declares sockaddr arguments as transparent
 * unions under _GNU_SOURCE. */
static ssize_t libc_sendto(int fd, const void *buffer, size_t length, int flags,
			   const struct sockaddr *address,
			   socklen_t address_length)
{
	return sendto(fd, buffer, length, flags, address, address_length);
}

static ssize_t libc_recvfrom(int fd, void *buffer, size_t length, int flags,
			     struct sockaddr *address,
			     socklen_t *address_length)
{
	return recvfrom(fd, buffer, length, flags, address, address_length);
}

static int libc_ioctl(int fd, unsigned long request, void *argument)
{
	return ioctl(fd, request, argument);
}

const struct mctp_socket_ops mctp_socket_ops_libc = {
    .socket = socket,
    .sendto = libc_sendto,
    .recvfrom = libc_recvfrom,
    .close = close,
    .ioctl = libc_ioctl,
};
