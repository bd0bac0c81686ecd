/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system calls of the AF_MCTP link, as a table of function pointers.
 * Tests pass their own table in mctp_link_config.socket_ops to run the
 * AF_MCTP link without kernel MCTP support. Each function behaves like
 * its libc namesake: it returns -1 and sets errno on failure.
 */
#ifndef MCTP_SOCKET_OPS_H
#define MCTP_SOCKET_OPS_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

struct mctp_socket_ops {
	int (*socket)(int domain, int type, int protocol);
	ssize_t (*sendto)(int fd, const void *buffer, size_t length, int flags,
			  const struct sockaddr *address,
			  socklen_t address_length);
	ssize_t (*recvfrom)(int fd, void *buffer, size_t length, int flags,
			    struct sockaddr *address,
			    socklen_t *address_length);
	int (*close)(int fd);
	/*
	 * SIOCMCTPALLOCTAG and SIOCMCTPDROPTAG. NULL makes the link let the
	 * kernel pick tags on send, as kernels without these ioctls do.
	 */
	int (*ioctl)(int fd, unsigned long request, void *argument);
};

/* The libc functions, used when the configuration gives no table. */
extern const struct mctp_socket_ops mctp_socket_ops_libc;

#endif /* MCTP_SOCKET_OPS_H */
