// SPDX-License-Identifier: BSD-3-Clause
/*
 * The mctp: link through struct mctp_socket_ops, with fake system calls
 * that record what the link passes and return scripted datagrams, so the
 * test needs no kernel MCTP support.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include <linux/mctp.h>
#include <linux/sockios.h>

#include <mctp/link.h>
#include <mctp/socket_ops.h>

#include "link_test_util.h"

#define FAKE_FD	      42
#define MAX_DATAGRAMS 16
#define MCTP_FAMILY   45

_Static_assert(sizeof(struct sockaddr_mctp) == 12,
	       "struct sockaddr_mctp is 12 bytes in the kernel ABI");

struct fake_datagram {
	struct sockaddr_mctp address;
	socklen_t address_length;
	uint8_t data[64];
	/* What recvfrom returns. A value above sizeof(data) is a truncation. */
	size_t length;
};

struct fake_kernel {
	/* socket() */
	int socket_calls;
	int domain, type, protocol;
	int socket_errno;
	/* sendto() */
	int sendto_calls;
	int sendto_errno;
	int sendto_flags;
	uint8_t sent[64];
	size_t sent_length;
	uint8_t sent_address[sizeof(struct sockaddr_mctp)];
	socklen_t sent_address_length;
	/* recvfrom() */
	struct fake_datagram datagrams[MAX_DATAGRAMS];
	size_t datagram_count;
	size_t datagram_next;
	int recvfrom_flags;
	int recvfrom_errno;
	size_t recvfrom_calls;
	/* The first datagram is returned again and again, never EAGAIN. */
	bool endless;
	/* close() */
	int closed_fd;
	/* ioctl(): the tags allocated per peer, one bit each. */
	int ioctl_calls;
	int alloc_errno;
	/* sendto() fails with this when the tag is preallocated. */
	int sendto_preallocated_errno;
	uint8_t allocated_tags[256];
};

static struct fake_kernel kernel;

static int fake_socket(int domain, int type, int protocol)
{
	kernel.socket_calls++;
	kernel.domain = domain;
	kernel.type = type;
	kernel.protocol = protocol;
	if (kernel.socket_errno) {
		errno = kernel.socket_errno;
		return -1;
	}
	return FAKE_FD;
}

static ssize_t fake_sendto(int fd, const void *buffer, size_t length, int flags,
			   const struct sockaddr *address,
			   socklen_t address_length)
{
	assert_int_equal(fd, FAKE_FD);
	kernel.sendto_calls++;
	if (kernel.sendto_preallocated_errno &&
	    (((const struct sockaddr_mctp *)address)->smctp_tag &
	     MCTP_TAG_PREALLOC)) {
		errno = kernel.sendto_preallocated_errno;
		return -1;
	}
	if (kernel.sendto_errno) {
		errno = kernel.sendto_errno;
		return -1;
	}
	assert_true(length <= sizeof(kernel.sent));
	assert_true(address_length <= sizeof(kernel.sent_address));
	memcpy(kernel.sent, buffer, length);
	kernel.sent_length = length;
	kernel.sendto_flags = flags;
	memcpy(kernel.sent_address, address, address_length);
	kernel.sent_address_length = address_length;
	return (ssize_t)length;
}

static ssize_t fake_recvfrom(int fd, void *buffer, size_t length, int flags,
			     struct sockaddr *address,
			     socklen_t *address_length)
{
	struct fake_datagram *datagram;
	size_t copied;

	assert_int_equal(fd, FAKE_FD);
	kernel.recvfrom_flags = flags;
	/* Fails a link that reads until EAGAIN, which endless never returns. */
	assert_true(++kernel.recvfrom_calls < 100000);
	if (kernel.endless)
		kernel.datagram_next = 0;
	if (kernel.recvfrom_errno) {
		errno = kernel.recvfrom_errno;
		return -1;
	}
	if (kernel.datagram_next == kernel.datagram_count) {
		errno = EAGAIN;
		return -1;
	}

	datagram = &kernel.datagrams[kernel.datagram_next++];
	assert_true(*address_length >= sizeof(datagram->address));
	memcpy(address, &datagram->address, sizeof(datagram->address));
	*address_length = datagram->address_length;
	copied = datagram->length < sizeof(datagram->data)
		     ? datagram->length
		     : sizeof(datagram->data);
	assert_true(copied <= length);
	memcpy(buffer, datagram->data, copied);
	return (ssize_t)datagram->length;
}

static int fake_close(int fd)
{
	kernel.closed_fd = fd;
	return 0;
}

/* Allocates the lowest free tag, as Linux does. */
static int fake_alloc_tag(struct mctp_ioc_tag_ctl *control)
{
	uint8_t *tags = &kernel.allocated_tags[control->peer_addr];

	assert_int_equal(control->tag, 0);
	assert_int_equal(control->flags, 0);
	if (kernel.alloc_errno) {
		errno = kernel.alloc_errno;
		return -1;
	}
	for (uint8_t tag = 0; tag < 8; tag++) {
		if (!(*tags & (1u << tag))) {
			*tags |= (uint8_t)(1u << tag);
			control->tag = tag | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC;
			return 0;
		}
	}
	errno = EBUSY;
	return -1;
}

static int fake_drop_tag(const struct mctp_ioc_tag_ctl *control)
{
	uint8_t *tags = &kernel.allocated_tags[control->peer_addr];
	uint8_t bit = (uint8_t)(1u << (control->tag & MCTP_TAG_MASK));

	assert_int_equal(control->tag & ~MCTP_TAG_MASK,
			 MCTP_TAG_OWNER | MCTP_TAG_PREALLOC);
	assert_int_equal(control->flags, 0);
	if (!(*tags & bit)) {
		errno = EINVAL;
		return -1;
	}
	*tags &= (uint8_t)~bit;
	return 0;
}

static int fake_ioctl(int fd, unsigned long request, void *argument)
{
	assert_int_equal(fd, FAKE_FD);
	kernel.ioctl_calls++;
	if (request == SIOCMCTPALLOCTAG)
		return fake_alloc_tag(argument);
	if (request == SIOCMCTPDROPTAG)
		return fake_drop_tag(argument);
	fail_msg("unexpected ioctl 0x%lx", request);
	return -1;
}

/* A kernel without SIOCMCTPALLOCTAG: the link lets it pick tags. */
static const struct mctp_socket_ops fake_ops = {
    .socket = fake_socket,
    .sendto = fake_sendto,
    .recvfrom = fake_recvfrom,
    .close = fake_close,
};

static const struct mctp_socket_ops fake_ops_with_tags = {
    .socket = fake_socket,
    .sendto = fake_sendto,
    .recvfrom = fake_recvfrom,
    .close = fake_close,
    .ioctl = fake_ioctl,
};

static int open_af_mctp(const char *spec, enum mctp_link_role role,
			struct mctp_link **link)
{
	struct mctp_link_config config = {
	    .spec = spec,
	    .role = role,
	    .socket_ops = &fake_ops,
	};

	*link = NULL;
	return mctp_link_open(&config, link);
}

static struct mctp_link *link_under_test;
static struct inbox inbox;

static int setup_network_1(void **state)
{
	memset(&kernel, 0, sizeof(kernel));
	kernel.closed_fd = -1;
	assert_int_equal(
	    open_af_mctp("mctp:1", MCTP_LINK_REQUESTER, &link_under_test), 0);
	*state = link_under_test;
	return 0;
}

static int teardown_link(void **state)
{
	mctp_link_close(link_under_test);
	link_under_test = NULL;
	inbox_clear(&inbox);
	return 0;
}

/* Queues a response datagram as the kernel reports it. */
static struct fake_datagram *queue_response(uint8_t eid, uint8_t tag,
					    const uint8_t *data, size_t length)
{
	struct fake_datagram *datagram;

	assert_true(kernel.datagram_count < MAX_DATAGRAMS);
	datagram = &kernel.datagrams[kernel.datagram_count++];
	memset(datagram, 0, sizeof(*datagram));
	datagram->address.smctp_family = MCTP_FAMILY;
	datagram->address.smctp_network = 1;
	datagram->address.smctp_addr.s_addr = eid;
	datagram->address.smctp_type = 5;
	datagram->address.smctp_tag = tag;
	datagram->address_length = sizeof(datagram->address);
	memcpy(datagram->data, data, length);
	datagram->length = length;
	return datagram;
}

static const uint8_t get_version[] = {0x10, 0x84, 0x00, 0x00};
static const uint8_t version[] = {0x10, 0x04, 0x00, 0x00,
				  0x00, 0x01, 0x00, 0x12};

static void open_creates_one_socket(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(kernel.socket_calls, 1);
	assert_int_equal(kernel.domain, MCTP_FAMILY);
	assert_int_equal(kernel.type & 0xf, SOCK_DGRAM);
	assert_true(kernel.type & SOCK_NONBLOCK);
	assert_true(kernel.type & SOCK_CLOEXEC);
	assert_int_equal(kernel.protocol, 0);
	assert_int_equal(mctp_link_fd(link), FAKE_FD);
	assert_true(mctp_link_connected(link));
	assert_null(mctp_link_pty_path(link));
	assert_int_equal(mctp_link_add_local_eid(link, 9), -EOPNOTSUPP);

	mctp_link_close(link);
	link_under_test = NULL;
	assert_int_equal(kernel.closed_fd, FAKE_FD);
}

static void send_address_exact(void **state)
{
	/* family 45, pad 0, network 1, EID 0x0a, type 5, tag TO, pad 0. */
	static const uint8_t expected_address[] = {0x2d, 0x00, 0x00, 0x00,
						   0x01, 0x00, 0x00, 0x00,
						   0x0a, 0x05, 0x08, 0x00};
	struct mctp_link *link = *state;
	uint8_t tag = 0xff;

	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(kernel.sendto_calls, 1);
	assert_int_equal(kernel.sent_address_length, sizeof(expected_address));
	assert_memory_equal(kernel.sent_address, expected_address,
			    sizeof(expected_address));
	/* The kernel adds the type byte from smctp_type. */
	assert_int_equal(kernel.sent_length, sizeof(get_version));
	assert_memory_equal(kernel.sent, get_version, sizeof(get_version));
	assert_int_equal(kernel.sendto_flags, 0);
	assert_int_equal(tag, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_sent, 1);
}

static void send_passes_errors_up(void **state)
{
	static const int errors[] = {EBUSY, EAGAIN, EHOSTUNREACH, EACCES};
	struct mctp_link *link = *state;
	uint8_t tag = 0xff;
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		kernel.sendto_errno = errors[i];
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 -errors[i]);
	}
	assert_int_equal(tag, 0xff);
	assert_int_equal(mctp_link_get_stats(link)->messages_sent, 0);

	/* A failed send leaves no response awaited. */
	queue_response(0x0a, 0, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 1);
}

static void receive_delivers_response(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tags[3];
	size_t i;

	for (i = 0; i < 3; i++)
		assert_int_equal(mctp_link_send(link, 0x0a, &tags[i],
						get_version,
						sizeof(get_version)),
				 0);
	assert_int_equal(tags[0], 0);
	assert_int_equal(tags[1], 1);
	assert_int_equal(tags[2], 2);

	/* The kernel's wire tag (5) differs from the tag send returned. */
	queue_response(0x0a, 5, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(kernel.recvfrom_flags, MSG_DONTWAIT | MSG_TRUNC);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].peer_eid, 0x0a);
	assert_int_equal(inbox.messages[0].tag, tags[2]);
	assert_int_equal(inbox.messages[0].length, sizeof(version));
	assert_memory_equal(inbox.messages[0].data, version, sizeof(version));
	assert_int_equal(mctp_link_get_stats(link)->messages_received, 1);
}

static void receive_checks_address(void **state)
{
	struct mctp_link *link = *state;
	struct fake_datagram *datagram;
	uint8_t tag;

	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);

	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_type = 0x00; /* MCTP control */
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_type = 0x85; /* SPDM with IC set */
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_tag = 0x08; /* a request, TO set */
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_network = 2;
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address_length = 8;
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_family = AF_INET;
	/* From a peer nothing was sent to. */
	queue_response(0x0b, 0, version, sizeof(version));
	/* Truncated: the full message is larger than the largest one. */
	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->length = MCTP_LINK_MAX_MESSAGE + 1;

	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 8);

	/* The awaited response still gets through, once. */
	queue_response(0x0a, 0, version, sizeof(version));
	queue_response(0x0a, 0, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 1);
	assert_int_equal(inbox.messages[0].tag, tag);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 9);
}

static void receive_empty_dropped(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(
	    mctp_link_send(link, 0x0a, NULL, get_version, sizeof(get_version)),
	    0);
	queue_response(0x0a, 0, version, 0);
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 1);
}

static void receive_passes_errors_up(void **state)
{
	struct mctp_link *link = *state;

	kernel.recvfrom_errno = EIO;
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), -EIO);
}

/*
 * One receive call from a device that sends faster than the link reads
 * takes MCTP_LINK_RECEIVE_DATAGRAMS_MAX datagrams and returns, so the
 * caller's other work goes on.
 */
static void receive_stops_at_datagram_cap(void **state)
{
	struct mctp_link *link = *state;

	queue_response(0x0b, 0, version, sizeof(version));
	kernel.endless = true;
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(kernel.recvfrom_calls,
			 MCTP_LINK_RECEIVE_DATAGRAMS_MAX);
	assert_int_equal(inbox.count, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped,
			 MCTP_LINK_RECEIVE_DATAGRAMS_MAX);

	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(kernel.recvfrom_calls,
			 2 * MCTP_LINK_RECEIVE_DATAGRAMS_MAX);
}

static void network_any_accepts_all(void **state)
{
	struct mctp_link *link;
	struct fake_datagram *datagram;

	memset(&kernel, 0, sizeof(kernel));
	assert_int_equal(open_af_mctp("mctp:0", MCTP_LINK_REQUESTER, &link), 0);
	link_under_test = link;
	assert_int_equal(
	    mctp_link_send(link, 0x0a, NULL, get_version, sizeof(get_version)),
	    0);
	/* MCTP_NET_ANY goes out as network 0. */
	assert_int_equal(kernel.sent_address[4], 0);

	datagram = queue_response(0x0a, 0, version, sizeof(version));
	datagram->address.smctp_network = 7;
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 1);
}

static void open_rejects_arguments(void **state)
{
	static const struct {
		const char *spec;
		enum mctp_link_role role;
		int error;
	} cases[] = {
	    {"mctp:1", MCTP_LINK_RESPONDER, -EINVAL},
	    {"mctp:x", MCTP_LINK_REQUESTER, -EINVAL},
	    {"mctp:-1", MCTP_LINK_REQUESTER, -EINVAL},
	    {"mctp:1x", MCTP_LINK_REQUESTER, -EINVAL},
	    {"mctp:4294967296", MCTP_LINK_REQUESTER, -EINVAL},
	};
	struct mctp_link *link;
	size_t i;

	memset(&kernel, 0, sizeof(kernel));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(
		    open_af_mctp(cases[i].spec, cases[i].role, &link),
		    cases[i].error);
		assert_null(link);
	}
	assert_int_equal(kernel.socket_calls, 0);

	/* A kernel without AF_MCTP. */
	kernel.socket_errno = EAFNOSUPPORT;
	kernel.closed_fd = -1;
	assert_int_equal(open_af_mctp("mctp:1", MCTP_LINK_REQUESTER, &link),
			 -EAFNOSUPPORT);
	assert_null(link);
	assert_int_equal(kernel.closed_fd, -1);

	/* The largest network number fits. */
	kernel.socket_errno = 0;
	assert_int_equal(
	    open_af_mctp("mctp:4294967295", MCTP_LINK_REQUESTER, &link), 0);
	assert_int_equal(
	    mctp_link_send(link, 9, NULL, get_version, sizeof(get_version)), 0);
	assert_int_equal(kernel.sent_address[4], 0xff);
	assert_int_equal(kernel.sent_address[7], 0xff);
	mctp_link_close(link);
}

static int setup_tags(void **state)
{
	struct mctp_link_config config = {
	    .spec = "mctp:1",
	    .role = MCTP_LINK_REQUESTER,
	    .socket_ops = &fake_ops_with_tags,
	};

	memset(&kernel, 0, sizeof(kernel));
	kernel.closed_fd = -1;
	assert_int_equal(mctp_link_open(&config, &link_under_test), 0);
	*state = link_under_test;
	return 0;
}

static void tags_send_preallocated(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tags[2] = {0xff, 0xff};

	for (size_t i = 0; i < 2; i++)
		assert_int_equal(mctp_link_send(link, 0x0a, &tags[i],
						get_version,
						sizeof(get_version)),
				 0);
	assert_int_equal(tags[0], 0);
	assert_int_equal(tags[1], 1);
	assert_int_equal(kernel.allocated_tags[0x0a], 0x03);
	/* The last address carries tag 1 with TO and PREALLOC. */
	assert_int_equal(kernel.sent_address[10], 0x19);
	assert_int_equal(kernel.sent_address[9], 0x05);
	assert_int_equal(mctp_link_get_stats(link)->messages_sent, 2);
}

static void tags_match_responses(void **state)
{
	static const uint8_t wire_tags[] = {2, 0, 1};
	struct mctp_link *link = *state;
	uint8_t tag;

	for (size_t i = 0; i < 3; i++)
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 0);
	for (size_t i = 0; i < 3; i++)
		queue_response(0x0a, wire_tags[i], version, sizeof(version));
	/* A second response with tag 1, and one with a tag never sent. */
	queue_response(0x0a, 1, version, sizeof(version));
	queue_response(0x0a, 5, version, sizeof(version));

	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(inbox.messages[i].tag, wire_tags[i]);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 2);
	/* The link released every tag that got its response. */
	assert_int_equal(kernel.allocated_tags[0x0a], 0);
}

static void tags_busy_reaches_caller(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag;

	kernel.alloc_errno = EBUSY;
	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    -EBUSY);
	assert_int_equal(kernel.sendto_calls, 0);

	/* The next send, with a tag free again, still preallocates. */
	kernel.alloc_errno = 0;
	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(kernel.sent_address[10], 0x18);
}

static void tags_failed_send_releases(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag;

	kernel.sendto_errno = EHOSTUNREACH;
	for (int i = 0; i < 9; i++)
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 -EHOSTUNREACH);
	assert_int_equal(kernel.allocated_tags[0x0a], 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_sent, 0);
}

static void tags_unsupported_fall_back(void **state)
{
	static const int errors[] = {EINVAL, EOPNOTSUPP, ENOTTY};
	struct mctp_link *link;
	uint8_t tag;

	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		setup_tags((void **)&link);
		kernel.alloc_errno = errors[i];
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 0);
		assert_int_equal(kernel.sent_address[10], MCTP_TAG_OWNER);
		assert_int_equal(kernel.ioctl_calls, 1);

		/* The kernel is not asked again. */
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 0);
		assert_int_equal(kernel.ioctl_calls, 1);
		mctp_link_close(link);
		link_under_test = NULL;
	}
}

/* Newer kernels find a tag from SIOCMCTPALLOCTAG on the default network
 * only, and reject it with ENOENT on another. */
static void tags_enoent_falls_back(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag = 0xff;

	kernel.sendto_preallocated_errno = ENOENT;
	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(kernel.sendto_calls, 2);
	assert_int_equal(kernel.sent_address[10], MCTP_TAG_OWNER);
	assert_int_equal(kernel.allocated_tags[0x0a], 0);
	assert_int_equal(tag, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_sent, 1);
}

/* A request after a response gets another tag, so a copy of that
 * response cannot match it. */
static void tags_rotate_after_response(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag = 0xff;

	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(tag, 0);
	queue_response(0x0a, 0, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 1);

	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(tag, 1);
	assert_int_equal(kernel.sent_address[10], 0x19);
	/* The kernel's lowest free tag, 0, went back. */
	assert_int_equal(kernel.allocated_tags[0x0a], 0x02);
	queue_response(0x0a, 1, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);
	assert_int_equal(inbox.count, 2);
	assert_int_equal(inbox.messages[1].tag, 1);

	/* Tag 0 was not the last one used, so it is taken at once. */
	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(tag, 0);
	assert_int_equal(kernel.allocated_tags[0x0a], 0x01);
}

/* When the last request's tag is the only free one, it is used again. */
static void tags_reuse_only_free_tag(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag = 0xff;

	for (int i = 0; i < 8; i++)
		assert_int_equal(mctp_link_send(link, 0x0a, &tag, get_version,
						sizeof(get_version)),
				 0);
	assert_int_equal(tag, 7);
	queue_response(0x0a, 7, version, sizeof(version));
	assert_int_equal(mctp_link_receive(link, inbox_collect, &inbox), 0);

	assert_int_equal(
	    mctp_link_send(link, 0x0a, &tag, get_version, sizeof(get_version)),
	    0);
	assert_int_equal(tag, 7);
	assert_int_equal(kernel.allocated_tags[0x0a], 0xff);
}

/* What a network-aware callback received. */
struct net_inbox {
	size_t count;
	uint32_t network[INBOX_SIZE];
	uint8_t peer_eid[INBOX_SIZE];
	uint8_t tag[INBOX_SIZE];
	uint8_t first_byte[INBOX_SIZE];
};

static struct net_inbox net_inbox;

static void net_collect(void *userdata, uint32_t network, uint8_t peer_eid,
			uint8_t tag, const uint8_t *message, size_t length)
{
	struct net_inbox *collected = userdata;
	size_t i = collected->count++;

	assert_true(i < INBOX_SIZE);
	assert_true(length > 0);
	collected->network[i] = network;
	collected->peer_eid[i] = peer_eid;
	collected->tag[i] = tag;
	collected->first_byte[i] = message[0];
}

static uint32_t sent_network(void)
{
	struct sockaddr_mctp address;

	memcpy(&address, kernel.sent_address, sizeof(address));
	return address.smctp_network;
}

static int open_all_networks(const char *spec,
			     const struct mctp_socket_ops *ops)
{
	struct mctp_link_config config = {
	    .spec = spec,
	    .role = MCTP_LINK_REQUESTER,
	    .socket_ops = ops,
	};

	memset(&kernel, 0, sizeof(kernel));
	memset(&net_inbox, 0, sizeof(net_inbox));
	kernel.closed_fd = -1;
	return mctp_link_open(&config, &link_under_test);
}

static int setup_all_networks(void **state)
{
	assert_int_equal(open_all_networks("mctp:", &fake_ops), 0);
	*state = link_under_test;
	return 0;
}

static int setup_all_networks_tags(void **state)
{
	assert_int_equal(open_all_networks("mctp:any", &fake_ops_with_tags), 0);
	*state = link_under_test;
	return 0;
}

static void all_networks_specs_open_one_socket(void **state)
{
	static const char *const specs[] = {"mctp:", "mctp:any"};

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
		assert_int_equal(open_all_networks(specs[i], &fake_ops), 0);
		assert_int_equal(kernel.socket_calls, 1);
		/* Without a network, requests go to the default one. */
		assert_int_equal(mctp_link_send(link_under_test, 9, NULL,
						get_version,
						sizeof(get_version)),
				 0);
		assert_int_equal(sent_network(), 0);
		mctp_link_close(link_under_test);
		link_under_test = NULL;
	}
}

static void send_net_names_network(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(mctp_link_send_net(link, 2, 0x0a, NULL, get_version,
					    sizeof(get_version)),
			 0);
	assert_int_equal(sent_network(), 2);
	assert_int_equal(kernel.sent_address[8], 0x0a);
	assert_int_equal(mctp_link_send_net(link, 0xfffffffe, 0x0a, NULL,
					    get_version, sizeof(get_version)),
			 0);
	assert_int_equal(sent_network(), 0xfffffffe);
	assert_int_equal(kernel.socket_calls, 1);
}

/* The same EID on two networks: each response reaches its own request. */
static void same_eid_two_networks(void **state)
{
	static const uint8_t from_1[] = {0x11, 0x04, 0x00, 0x00};
	static const uint8_t from_2[] = {0x12, 0x04, 0x00, 0x00};
	struct mctp_link *link = *state;
	uint8_t tag_1 = 0xff, tag_2 = 0xff;

	assert_int_equal(mctp_link_send_net(link, 1, 0x0a, &tag_1, get_version,
					    sizeof(get_version)),
			 0);
	assert_int_equal(mctp_link_send_net(link, 2, 0x0a, &tag_2, get_version,
					    sizeof(get_version)),
			 0);
	queue_response(0x0a, 3, from_2, sizeof(from_2))->address.smctp_network =
	    2;
	queue_response(0x0a, 6, from_1, sizeof(from_1));
	/* Nothing awaits a second response from network 2. */
	queue_response(0x0a, 3, from_2, sizeof(from_2))->address.smctp_network =
	    2;

	assert_int_equal(mctp_link_receive_net(link, net_collect, &net_inbox),
			 0);
	assert_int_equal(net_inbox.count, 2);
	assert_int_equal(net_inbox.network[0], 2);
	assert_int_equal(net_inbox.peer_eid[0], 0x0a);
	assert_int_equal(net_inbox.tag[0], tag_2);
	assert_int_equal(net_inbox.first_byte[0], 0x12);
	assert_int_equal(net_inbox.network[1], 1);
	assert_int_equal(net_inbox.peer_eid[1], 0x0a);
	assert_int_equal(net_inbox.tag[1], tag_1);
	assert_int_equal(net_inbox.first_byte[1], 0x11);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 1);
}

/* A response from a network no request went to is dropped. */
static void other_network_response_dropped(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(mctp_link_send_net(link, 1, 0x0a, NULL, get_version,
					    sizeof(get_version)),
			 0);
	queue_response(0x0a, 0, version, sizeof(version))
	    ->address.smctp_network = 3;
	assert_int_equal(mctp_link_receive_net(link, net_collect, &net_inbox),
			 0);
	assert_int_equal(net_inbox.count, 0);
	assert_int_equal(mctp_link_get_stats(link)->messages_dropped, 1);
}

/* A request sent without a network is answered from the default one. */
static void default_network_reports_zero(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(
	    mctp_link_send(link, 0x0b, NULL, get_version, sizeof(get_version)),
	    0);
	queue_response(0x0b, 0, version, sizeof(version));
	assert_int_equal(mctp_link_receive_net(link, net_collect, &net_inbox),
			 0);
	assert_int_equal(net_inbox.count, 1);
	assert_int_equal(net_inbox.network[0], 0);
}

static void send_net_limits_networks(void **state)
{
	struct mctp_link *link = *state;
	uint32_t network;

	for (network = 1; network <= MCTP_LINK_MAX_NETWORKS; network++)
		assert_int_equal(mctp_link_send_net(link, network, 9, NULL,
						    get_version,
						    sizeof(get_version)),
				 0);
	assert_int_equal(mctp_link_send_net(link, network, 9, NULL, get_version,
					    sizeof(get_version)),
			 -ENOSPC);
	/* A network already in use still takes requests. */
	assert_int_equal(mctp_link_send_net(link, 1, 9, NULL, get_version,
					    sizeof(get_version)),
			 0);
}

/* mctp:NET sends to NET only; network 0 means NET. */
static void one_network_link_refuses_others(void **state)
{
	struct mctp_link *link = *state;

	assert_int_equal(mctp_link_send_net(link, 2, 9, NULL, get_version,
					    sizeof(get_version)),
			 -EINVAL);
	assert_int_equal(kernel.sendto_calls, 0);
	assert_int_equal(mctp_link_send_net(link, 0, 9, NULL, get_version,
					    sizeof(get_version)),
			 0);
	assert_int_equal(sent_network(), 1);
}

/*
 * The tag ioctl works on the default network only: another network falls
 * back to automatic tags while the default one keeps preallocating.
 */
static void tags_kept_per_network(void **state)
{
	struct mctp_link *link = *state;
	uint8_t tag_1 = 0xff, tag_2 = 0xff;

	kernel.sendto_preallocated_errno = ENOENT;
	assert_int_equal(mctp_link_send_net(link, 2, 0x0a, &tag_2, get_version,
					    sizeof(get_version)),
			 0);
	assert_int_equal(kernel.sent_address[10], MCTP_TAG_OWNER);
	kernel.sendto_preallocated_errno = 0;
	assert_int_equal(mctp_link_send_net(link, 1, 0x0a, &tag_1, get_version,
					    sizeof(get_version)),
			 0);
	assert_int_equal(kernel.sent_address[10],
			 tag_1 | MCTP_TAG_OWNER | MCTP_TAG_PREALLOC);
	assert_int_equal(kernel.allocated_tags[0x0a], 1u << tag_1);

	queue_response(0x0a, tag_1, version, sizeof(version));
	queue_response(0x0a, 5, version, sizeof(version))
	    ->address.smctp_network = 2;
	assert_int_equal(mctp_link_receive_net(link, net_collect, &net_inbox),
			 0);
	assert_int_equal(net_inbox.count, 2);
	assert_int_equal(net_inbox.network[0], 1);
	assert_int_equal(net_inbox.tag[0], tag_1);
	assert_int_equal(net_inbox.network[1], 2);
	assert_int_equal(net_inbox.tag[1], tag_2);
	/* The response released the preallocated tag. */
	assert_int_equal(kernel.allocated_tags[0x0a], 0);
}

#define AF_MCTP_TEST(name)                                                     \
	cmocka_unit_test_setup_teardown(name, setup_network_1, teardown_link)
#define TAGS_TEST(name)                                                        \
	cmocka_unit_test_setup_teardown(name, setup_tags, teardown_link)
#define ALL_NETWORKS_TEST(name)                                                \
	cmocka_unit_test_setup_teardown(name, setup_all_networks, teardown_link)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    AF_MCTP_TEST(open_creates_one_socket),
	    AF_MCTP_TEST(send_address_exact),
	    AF_MCTP_TEST(send_passes_errors_up),
	    AF_MCTP_TEST(receive_delivers_response),
	    AF_MCTP_TEST(receive_checks_address),
	    AF_MCTP_TEST(receive_empty_dropped),
	    AF_MCTP_TEST(receive_stops_at_datagram_cap),
	    AF_MCTP_TEST(receive_passes_errors_up),
	    cmocka_unit_test_teardown(network_any_accepts_all, teardown_link),
	    cmocka_unit_test(open_rejects_arguments),
	    TAGS_TEST(tags_send_preallocated),
	    TAGS_TEST(tags_match_responses),
	    TAGS_TEST(tags_busy_reaches_caller),
	    TAGS_TEST(tags_failed_send_releases),
	    cmocka_unit_test_teardown(tags_unsupported_fall_back,
				      teardown_link),
	    TAGS_TEST(tags_enoent_falls_back),
	    TAGS_TEST(tags_rotate_after_response),
	    TAGS_TEST(tags_reuse_only_free_tag),
	    cmocka_unit_test_teardown(all_networks_specs_open_one_socket,
				      teardown_link),
	    ALL_NETWORKS_TEST(send_net_names_network),
	    ALL_NETWORKS_TEST(same_eid_two_networks),
	    ALL_NETWORKS_TEST(other_network_response_dropped),
	    ALL_NETWORKS_TEST(default_network_reports_zero),
	    ALL_NETWORKS_TEST(send_net_limits_networks),
	    AF_MCTP_TEST(one_network_link_refuses_others),
	    cmocka_unit_test_setup_teardown(
		tags_kept_per_network, setup_all_networks_tags, teardown_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
