// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "link_test_util.h"

static char temp_dir[64];

void inbox_clear(struct inbox *inbox)
{
	size_t i;

	for (i = 0; i < INBOX_SIZE; i++)
		free(inbox->messages[i].data);
	memset(inbox, 0, sizeof(*inbox));
}

void inbox_collect(void *userdata, uint8_t peer_eid, uint8_t tag,
		   const uint8_t *message, size_t length)
{
	struct inbox *inbox = userdata;
	struct received_message *slot;

	if (inbox->count >= INBOX_SIZE) {
		inbox->count++;
		return;
	}
	slot = &inbox->messages[inbox->count++];
	slot->peer_eid = peer_eid;
	slot->tag = tag;
	slot->length = length;
	slot->data = malloc(length);
	assert_non_null(slot->data);
	memcpy(slot->data, message, length);

	if (inbox->echo_link)
		inbox->echo_result = mctp_link_send(inbox->echo_link, peer_eid,
						    &tag, message, length);
}

static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int pump(struct mctp_link *link, struct inbox *inbox, size_t count,
	 int timeout_ms)
{
	long long deadline = monotonic_ms() + timeout_ms;
	int ret = 0;

	while (inbox->count < count) {
		struct pollfd poll_fd = {.fd = mctp_link_fd(link),
					 .events = POLLIN};
		long long remaining = deadline - monotonic_ms();

		if (remaining <= 0)
			break;
		if (poll(&poll_fd, 1, (int)remaining) <= 0)
			continue;
		ret = mctp_link_receive(link, inbox_collect, inbox);
		if (ret < 0)
			break;
	}
	return ret;
}

void fill_pattern(uint8_t *buffer, size_t length, uint8_t seed)
{
	size_t i;

	for (i = 0; i < length; i++)
		buffer[i] = (uint8_t)(seed + i * 13 + (i >> 8));
}

void temp_socket_path(char *path, size_t size, const char *name)
{
	if (temp_dir[0] == '\0') {
		strcpy(temp_dir, "/tmp/mctp-link-test-XXXXXX");
		assert_non_null(mkdtemp(temp_dir));
	}
	snprintf(path, size, "%s/%s", temp_dir, name);
}

void temp_cleanup(void)
{
	if (temp_dir[0] != '\0')
		rmdir(temp_dir);
	temp_dir[0] = '\0';
}
