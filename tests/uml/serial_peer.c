// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "serial_peer.h"

static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

int serial_peer_open(struct serial_peer *peer, const char *path, uint8_t eid)
{
	struct termios tio;

	memset(peer, 0, sizeof(*peer));
	peer->eid = eid;
	mctp_serial_decoder_init(&peer->decoder);
	peer->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (peer->fd < 0)
		return -errno;
	/* The slave has its own termios, and without raw mode it edits lines. */
	if (tcgetattr(peer->fd, &tio) < 0)
		return -errno;
	cfmakeraw(&tio);
	if (tcsetattr(peer->fd, TCSANOW, &tio) < 0)
		return -errno;
	return 0;
}

void serial_peer_close(struct serial_peer *peer)
{
	if (peer->fd >= 0)
		close(peer->fd);
	peer->fd = -1;
}

/* Reads one packet into header and payload within the deadline. */
static int read_packet(struct serial_peer *peer, long long deadline,
		       struct mctp_packet_header *header, uint8_t *payload,
		       size_t *payload_length)
{
	for (;;) {
		struct pollfd poll_fd = {.fd = peer->fd, .events = POLLIN};
		const uint8_t *packet;
		size_t length;
		long long now = monotonic_ms();
		uint8_t byte;
		ssize_t n;

		if (now >= deadline)
			return -ETIMEDOUT;
		if (poll(&poll_fd, 1, (int)(deadline - now)) <= 0)
			continue;
		n = read(peer->fd, &byte, 1);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EPIPE;
		if (!mctp_serial_decoder_push(&peer->decoder, byte, &packet,
					      &length))
			continue;
		if (mctp_packet_header_decode(packet, length, header) < 0)
			return -EPROTO;
		*payload_length = length - MCTP_PACKET_HEADER_SIZE;
		memcpy(payload, packet + MCTP_PACKET_HEADER_SIZE,
		       *payload_length);
		return 0;
	}
}

/* Checks that a packet continues the message begun by first. */
static bool continues(const struct peer_message *message,
		      const struct mctp_packet_header *header)
{
	const struct mctp_packet_header *first = &message->header;
	uint8_t expected_sequence =
	    (uint8_t)((first->sequence + message->packet_count) &
		      MCTP_PACKET_SEQUENCE_MASK);

	return !header->start_of_message &&
	       header->sequence == expected_sequence &&
	       header->tag == first->tag &&
	       header->tag_owner == first->tag_owner &&
	       header->source_eid == first->source_eid;
}

int serial_peer_read_message(struct serial_peer *peer,
			     struct peer_message *message, int timeout_ms)
{
	long long deadline = monotonic_ms() + timeout_ms;
	struct mctp_packet_header header;
	uint8_t payload[MCTP_SERIAL_RX_MAX_PACKET];
	size_t length = 0;
	int ret;

	memset(message, 0, sizeof(*message));
	do {
		ret = read_packet(peer, deadline, &header, payload, &length);
		if (ret < 0)
			return ret;
		if (message->packet_count == 0) {
			if (!header.start_of_message)
				return -EPROTO;
			message->header = header;
		} else if (!continues(message, &header)) {
			return -EPROTO;
		}
		if (length > sizeof(message->data) - message->length)
			return -EPROTO;
		memcpy(message->data + message->length, payload, length);
		message->length += length;
		message->packet_count++;
	} while (!header.end_of_message);
	return 0;
}

static int write_all(int fd, const uint8_t *data, size_t length)
{
	while (length > 0) {
		struct pollfd poll_fd = {.fd = fd, .events = POLLOUT};
		ssize_t n = write(fd, data, length);

		if (n < 0 && errno == EAGAIN) {
			if (poll(&poll_fd, 1, 5000) <= 0)
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

int serial_peer_send(struct serial_peer *peer, uint8_t destination,
		     bool tag_owner, uint8_t tag, const uint8_t *data,
		     size_t length)
{
	struct mctp_packet_header header = {
	    .destination_eid = destination,
	    .source_eid = peer->eid,
	    .tag_owner = tag_owner,
	    .tag = tag,
	};
	struct mctp_fragmenter fragmenter;
	uint8_t packet[MCTP_PACKET_MAX_SIZE];
	uint8_t frame[MCTP_SERIAL_MAX_FRAME];
	int packet_length, frame_length, ret;

	ret = mctp_fragmenter_init(&fragmenter, &header, data, length);
	while (ret == 0) {
		packet_length =
		    mctp_fragmenter_next(&fragmenter, packet, sizeof(packet));
		if (packet_length <= 0)
			return packet_length;
		frame_length = mctp_serial_encode(packet, (size_t)packet_length,
						  frame, sizeof(frame));
		if (frame_length < 0)
			return frame_length;
		ret = write_all(peer->fd, frame, (size_t)frame_length);
	}
	return ret;
}
