/* SPDX-License-Identifier: BSD-3-Clause */
/* Whole-file reads and crash-safe replacement of small state files. */
#ifndef SPDMD_FILEIO_H
#define SPDMD_FILEIO_H

#include <stddef.h>

/*
 * Reads a whole file into a malloc'ed buffer with a NUL after the data.
 * Returns 0, -EFBIG when it is larger than max_size, or another negative
 * errno.
 */
int file_read(const char *path, size_t max_size, char **data, size_t *length);

/*
 * Replaces dir/name with data atomically: the data goes to a temporary
 * file in dir, which is flushed with fsync and renamed over name, and
 * then dir itself is flushed. Returns 0 or a negative errno; on failure
 * the old file is unchanged and the temporary file is removed.
 */
int file_replace(const char *dir, const char *name, const void *data,
		 size_t length);

#endif /* SPDMD_FILEIO_H */
