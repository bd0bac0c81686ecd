// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fileio.h"

static int read_all(int fd, size_t max_size, char **data, size_t *length)
{
	size_t capacity = 4096, used = 0;
	char *buffer = malloc(capacity + 1);

	if (!buffer)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (used == capacity) {
			char *grown = realloc(buffer, capacity * 2 + 1);

			if (!grown) {
				free(buffer);
				return -ENOMEM;
			}
			buffer = grown;
			capacity *= 2;
		}
		n = read(fd, buffer + used, capacity - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int ret = -errno;

			free(buffer);
			return ret;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max_size) {
			free(buffer);
			return -EFBIG;
		}
	}
	buffer[used] = '\0';
	*data = buffer;
	*length = used;
	return 0;
}

int file_read(const char *path, size_t max_size, char **data, size_t *length)
{
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read_all(fd, max_size, data, length);
	close(fd);
	return ret;
}

static int write_all(int fd, const char *data, size_t length)
{
	while (length > 0) {
		ssize_t n = write(fd, data, length);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		length -= (size_t)n;
	}
	return 0;
}

static int sync_directory(const char *dir)
{
	int fd, ret = 0;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fsync(fd) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int file_replace(const char *dir, const char *name, const void *data,
		 size_t length)
{
	char temporary[PATH_MAX], target[PATH_MAX];
	int fd, ret;

	if (snprintf(temporary, sizeof(temporary), "%s/.%s.XXXXXX", dir,
		     name) >= (int)sizeof(temporary) ||
	    snprintf(target, sizeof(target), "%s/%s", dir, name) >=
		(int)sizeof(target))
		return -ENAMETOOLONG;

	fd = mkostemp(temporary, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write_all(fd, data, length);
	if (ret == 0 && fsync(fd) < 0)
		ret = -errno;
	if (close(fd) < 0 && ret == 0)
		ret = -errno;
	if (ret == 0 && rename(temporary, target) < 0)
		ret = -errno;
	if (ret < 0) {
		unlink(temporary);
		return ret;
	}
	return sync_directory(dir);
}
