// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link_internal.h"

struct mctp_link *link_alloc(const struct mctp_link_config *config)
{
	struct mctp_link *link = calloc(1, sizeof(*link));

	if (!link)
		return NULL;
	link->role = config->role;
	link->local_eid = config->local_eid;
	link->last_destination = config->local_eid;
	link->listen = config->listen;
	link->fd = -1;
	link->listen_fd = -1;
	link->pty_slave_fd = -1;
	return link;
}

void link_drop_peer(struct mctp_link *link)
{
	if (link->fd >= 0)
		close(link->fd);
	link->fd = -1;
	if (link->ops && link->ops->reset_peer)
		link->ops->reset_peer(link);
}

/* Returns the text after prefix when spec starts with it, else NULL. */
static const char *spec_argument(const char *spec, const char *prefix)
{
	size_t length = strlen(prefix);

	if (strncmp(spec, prefix, length) != 0 || spec[length] == '\0')
		return NULL;
	return spec + length;
}

static int open_spec(struct mctp_link *link,
		     const struct mctp_link_config *config)
{
	const char *spec = config->spec;
	const char *argument;

	if (strcmp(spec, "pty") == 0)
		return pty_open(link);
	argument = spec_argument(spec, "serial:");
	if (argument)
		return serial_open(link, argument);
	argument = spec_argument(spec, "unix:");
	if (argument)
		return unix_open(link, argument);
	argument = spec_argument(spec, "emu:");
	if (argument)
		return emu_open(link, argument);
	if (strcmp(spec, "mctp:") == 0)
		return af_mctp_open(link, "", config->socket_ops);
	argument = spec_argument(spec, "mctp:");
	if (argument)
		return af_mctp_open(link, argument, config->socket_ops);
	return -EINVAL;
}

int mctp_link_open(const struct mctp_link_config *config,
		   struct mctp_link **out)
{
	struct mctp_link *link;
	int ret;

	if (!config || !config->spec || !out)
		return -EINVAL;
	if (config->role != MCTP_LINK_REQUESTER &&
	    config->role != MCTP_LINK_RESPONDER)
		return -EINVAL;

	link = link_alloc(config);
	if (!link)
		return -ENOMEM;
	ret = open_spec(link, config);
	if (ret < 0) {
		mctp_link_close(link);
		return ret;
	}
	*out = link;
	return 0;
}

void mctp_link_close(struct mctp_link *link)
{
	if (!link)
		return;

	if (link->ops)
		link->ops->destroy(link);
	if (link->fd >= 0)
		close(link->fd);
	if (link->listen_fd >= 0)
		close(link->listen_fd);
	if (link->pty_slave_fd >= 0)
		close(link->pty_slave_fd);
	if (link->socket_path)
		unlink(link->socket_path);
	free(link->socket_path);
	free(link->pty_path);
	free(link);
}

int mctp_link_fd(const struct mctp_link *link)
{
	return link->fd >= 0 ? link->fd : link->listen_fd;
}

int mctp_link_send(struct mctp_link *link, uint8_t peer_eid, uint8_t *tag,
		   const uint8_t *message, size_t length)
{
	if (!link || !message || length == 0)
		return -EINVAL;
	if (length > MCTP_LINK_MAX_MESSAGE)
		return -EMSGSIZE;
	return link->ops->send(link, peer_eid, tag, message, length);
}

int mctp_link_send_net(struct mctp_link *link, uint32_t network,
		       uint8_t peer_eid, uint8_t *tag, const uint8_t *message,
		       size_t length)
{
	if (!link || !message || length == 0)
		return -EINVAL;
	if (length > MCTP_LINK_MAX_MESSAGE)
		return -EMSGSIZE;
	if (link->ops->send_net)
		return link->ops->send_net(link, network, peer_eid, tag,
					   message, length);
	if (network != 0)
		return -EOPNOTSUPP;
	return link->ops->send(link, peer_eid, tag, message, length);
}

/* An adapter that hands messages to a callback of the other form. */
struct receive_adapter {
	mctp_link_message_fn fn;
	mctp_link_net_message_fn net_fn;
	void *userdata;
};

static void deliver_without_network(void *userdata, uint32_t network,
				    uint8_t peer_eid, uint8_t tag,
				    const uint8_t *message, size_t length)
{
	struct receive_adapter *adapter = userdata;

	adapter->fn(adapter->userdata, peer_eid, tag, message, length);
}

static void deliver_with_network(void *userdata, uint8_t peer_eid, uint8_t tag,
				 const uint8_t *message, size_t length)
{
	struct receive_adapter *adapter = userdata;

	adapter->net_fn(adapter->userdata, 0, peer_eid, tag, message, length);
}

int mctp_link_receive(struct mctp_link *link, mctp_link_message_fn fn,
		      void *userdata)
{
	struct receive_adapter adapter = {.fn = fn, .userdata = userdata};

	if (!link || !fn)
		return -EINVAL;
	if (link->ops->receive_net)
		return link->ops->receive_net(link, deliver_without_network,
					      &adapter);
	if (link->ops->receive)
		return link->ops->receive(link, fn, userdata);
	return link_receive_stream(link, fn, userdata);
}

int mctp_link_receive_net(struct mctp_link *link, mctp_link_net_message_fn fn,
			  void *userdata)
{
	struct receive_adapter adapter = {.net_fn = fn, .userdata = userdata};

	if (!link || !fn)
		return -EINVAL;
	if (link->ops->receive_net)
		return link->ops->receive_net(link, fn, userdata);
	return mctp_link_receive(link, deliver_with_network, &adapter);
}

bool mctp_link_connected(const struct mctp_link *link)
{
	return link->fd >= 0;
}

const struct mctp_link_stats *mctp_link_get_stats(const struct mctp_link *link)
{
	return &link->stats;
}

const char *mctp_link_pty_path(const struct mctp_link *link)
{
	return link->pty_path;
}

uint8_t mctp_link_message_destination(const struct mctp_link *link)
{
	return link->last_destination;
}

int mctp_link_add_local_eid(struct mctp_link *link, uint8_t eid)
{
	if (!link)
		return -EINVAL;
	if (!link->framed)
		return -EOPNOTSUPP;
	return framed_add_local_eid(link, eid);
}
