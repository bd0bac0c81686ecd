/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the link tests: a message inbox and a poll loop. */
#ifndef MCTP_LINK_TEST_UTIL_H
#define MCTP_LINK_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <mctp/link.h>

#define INBOX_SIZE 8

struct received_message {
	uint8_t peer_eid;
	uint8_t tag;
	size_t length;
	uint8_t *data;
};

struct inbox {
	struct received_message messages[INBOX_SIZE];
	size_t count;
	/* The link that echoes each message from inside the callback, or NULL.
	 */
	struct mctp_link *echo_link;
	int echo_result;
};

void inbox_clear(struct inbox *inbox);
/* An mctp_link_message_fn that stores copies in the inbox. */
void inbox_collect(void *userdata, uint8_t peer_eid, uint8_t tag,
		   const uint8_t *message, size_t length);

/*
 * Polls and receives on link until inbox contains count messages or
 * timeout_ms passed. Returns the last mctp_link_receive() result.
 */
int pump(struct mctp_link *link, struct inbox *inbox, size_t count,
	 int timeout_ms);

void fill_pattern(uint8_t *buffer, size_t length, uint8_t seed);

/* Creates a private directory and returns a path inside it. */
void temp_socket_path(char *path, size_t size, const char *name);
void temp_cleanup(void);

#endif /* MCTP_LINK_TEST_UTIL_H */
