/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A relay between the kernel's end of an MCTP serial link and the device,
 * through a second pty pair, that appends every byte it carries to one
 * file per direction. The files are the exact bytes on the line, for
 * tests that decode the frames afterwards.
 *
 *   kernel (N_MCTP on master A) <-> slave A | relay | master B <-> slave B
 *                                                               (device)
 */
#ifndef UML_PTY_CAPTURE_H
#define UML_PTY_CAPTURE_H

#include <stddef.h>

struct pty_capture {
	int kernel_fd;	     /* slave A, the kernel's line */
	int device_fd;	     /* master B */
	int device_slave_fd; /* slave B, kept open for termios and no EIO */
	int to_device_file;
	int to_kernel_file;
	char device_path[64]; /* slave B, which the device opens */
};

/*
 * Opens slave_path (the kernel's line), a second pty pair for the device,
 * and PREFIX.to-device and PREFIX.to-kernel for the bytes. Returns 0 or a
 * negative errno.
 */
int pty_capture_open(struct pty_capture *capture, const char *slave_path,
		     const char *prefix);
void pty_capture_close(struct pty_capture *capture);

/*
 * Moves what is readable on fd (kernel_fd or device_fd) to the other side
 * and into its file. Returns 0, or a negative errno when fd failed.
 */
int pty_capture_forward(struct pty_capture *capture, int fd);

#endif /* UML_PTY_CAPTURE_H */
