// SPDX-License-Identifier: BSD-3-Clause
/*
 * The event loop: requests from the link go to the device they are
 * addressed to, and each device's disposition is carried out (send now,
 * send later, drop, close the link, or send again before the next
 * response).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <mctp/link.h>
#include <spdm/reason.h>

#include "responder_tool.h"

/* Delayed responses in flight at once; more are sent without delay. */
#define MAX_QUEUED 64

struct queued_response {
	uint64_t due_ms;
	uint8_t eid;
	uint8_t peer;
	uint8_t tag;
	uint8_t *message;
	size_t length;
};

struct server {
	const struct options *options;
	struct mctp_link *link;
	bool is_emu;
	struct device *devices;
	size_t device_count;
	struct queued_response queue[MAX_QUEUED];
	size_t queued;
	bool close_link;
	uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
};

static uint64_t now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

static void send_response(struct server *server, uint8_t eid, uint8_t peer,
			  uint8_t tag, const uint8_t *message, size_t length)
{
	int rc;

	if (!server->link)
		return;
	log_message(eid, "response", message, length);
	rc = mctp_link_send(server->link, peer, &tag, message, length);
	if (rc)
		log_error("eid %u: sending %s to EID %u failed: %s", eid,
			  spdm_message_name(message[1]), peer, strerror(-rc));
}

/* Queues the response built in server->response to leave at due_ms. */
static void queue_response(struct server *server, uint8_t eid, uint8_t peer,
			   uint8_t tag, uint64_t due_ms, size_t length)
{
	struct queued_response *entry;

	if (server->queued >= MAX_QUEUED) {
		log_error("eid %u: more than %d delayed responses; sending "
			  "this one now",
			  eid, MAX_QUEUED);
		send_response(server, eid, peer, tag, server->response, length);
		return;
	}
	entry = &server->queue[server->queued];
	entry->message = malloc(length);
	if (!entry->message) {
		log_error("eid %u: out of memory; response dropped", eid);
		return;
	}
	memcpy(entry->message, server->response, length);
	entry->length = length;
	entry->due_ms = due_ms;
	entry->eid = eid;
	entry->peer = peer;
	entry->tag = tag;
	server->queued++;
}

static void send_due(struct server *server)
{
	uint64_t now = now_ms();
	size_t i = 0;

	while (i < server->queued) {
		struct queued_response *entry = &server->queue[i];

		if (entry->due_ms > now) {
			i++;
			continue;
		}
		send_response(server, entry->eid, entry->peer, entry->tag,
			      entry->message, entry->length);
		free(entry->message);
		*entry = server->queue[--server->queued];
	}
}

static int poll_timeout(const struct server *server)
{
	uint64_t now = now_ms();
	uint64_t next = UINT64_MAX;

	for (size_t i = 0; i < server->queued; i++)
		if (server->queue[i].due_ms < next)
			next = server->queue[i].due_ms;
	if (next == UINT64_MAX)
		return -1;
	return next <= now ? 0 : (int)(next - now);
}

static struct device *find_device(struct server *server, uint8_t eid)
{
	if (server->is_emu)
		return &server->devices[0];
	for (size_t i = 0; i < server->device_count; i++)
		if (server->devices[i].eid == eid)
			return &server->devices[i];
	return NULL;
}

/* late-duplicate: the kept response goes out again, with its old tag. */
static void send_duplicate(struct server *server, struct device *device)
{
	if (!device->repeat)
		return;
	log_info("eid %u: sending the previous %s again (late-duplicate)",
		 device->eid, spdm_message_name(device->repeat[1]));
	send_response(server, device->eid, device->repeat_peer,
		      device->repeat_tag, device->repeat,
		      device->repeat_length);
	free(device->repeat);
	device->repeat = NULL;
}

static void keep_duplicate(struct device *device, uint8_t peer, uint8_t tag,
			   const uint8_t *response, size_t length)
{
	free(device->repeat);
	device->repeat = malloc(length);
	if (!device->repeat)
		return;
	memcpy(device->repeat, response, length);
	device->repeat_length = length;
	device->repeat_peer = peer;
	device->repeat_tag = tag;
}

/*
 * Sends, delays or drops the response as the disposition sets. A delay
 * counts from received_ms, when the request arrived, so the time spent
 * building the response (signing) is part of it, as on a device that
 * takes that long to answer.
 */
static void carry_out(struct server *server, struct device *device,
		      uint8_t peer, uint8_t tag, uint64_t received_ms,
		      const struct spdm_disposition *disposition, size_t length)
{
	switch (disposition->action) {
	case SPDM_DISPOSITION_DROP:
		log_debug("eid %u: no response", device->eid);
		return;
	case SPDM_DISPOSITION_CLOSE:
		server->close_link = true;
		return;
	case SPDM_DISPOSITION_SEND:
		break;
	}
	if (disposition->delay_ms)
		queue_response(server, device->eid, peer, tag,
			       received_ms + disposition->delay_ms, length);
	else
		send_response(server, device->eid, peer, tag, server->response,
			      length);
	if (disposition->repeat)
		keep_duplicate(device, peer, tag, server->response, length);
}

/*
 * Logs the faults applied to an exchange. A line that repeats the one
 * before goes to debug and is counted, so cert-portion or busy=forever
 * do not flood the log.
 */
static void log_faults(struct device *device, const uint8_t *request,
		       const struct spdm_disposition *disposition,
		       const uint8_t *response, size_t length)
{
	const char *answer =
	    length >= 2 ? spdm_message_name(response[1]) : "nothing";
	char line[256];

	if (!disposition->faults[0])
		return;
	if (length >= 3 && response[1] == 0x7f)
		answer = spdm_error_code_name(response[2]);
	snprintf(line, sizeof(line), "%s answered with %s (fault: %s)",
		 spdm_message_name(request[1]), answer, disposition->faults);
	if (!strcmp(line, device->last_fault_line)) {
		device->fault_line_repeats++;
		log_debug("eid %u: %s", device->eid, line);
		return;
	}
	device_flush_fault_log(device);
	snprintf(device->last_fault_line, sizeof(device->last_fault_line), "%s",
		 line);
	log_info("eid %u: %s", device->eid, line);
}

void device_flush_fault_log(struct device *device)
{
	if (device->fault_line_repeats)
		log_info("eid %u: the last fault line repeated %lu more "
			 "time(s)",
			 device->eid, device->fault_line_repeats);
	device->fault_line_repeats = 0;
}

static void on_message(void *userdata, uint8_t peer, uint8_t tag,
		       const uint8_t *message, size_t length)
{
	struct server *server = userdata;
	uint8_t destination = mctp_link_message_destination(server->link);
	struct device *device = find_device(server, destination);
	uint64_t received_ms = now_ms();
	struct spdm_disposition disposition;
	size_t response_length = 0;
	int rc;

	if (!device) {
		log_debug("message for unknown EID %u dropped", destination);
		return;
	}
	log_message(device->eid, "request", message, length);
	send_duplicate(server, device);
	rc = spdm_responder_handle(device->resp, message, length,
				   server->response, sizeof(server->response),
				   &response_length, &disposition);
	if (rc) {
		log_error("eid %u: building the response to %s failed: %s",
			  device->eid, spdm_message_name(message[1]),
			  strerror(-rc));
		return;
	}
	log_faults(device, message, &disposition, server->response,
		   response_length);
	carry_out(server, device, peer, tag, received_ms, &disposition,
		  response_length);
}

/* Normalizes the --listen spec; "emu:PORT" listens on 127.0.0.1. */
static int link_spec(const char *listen, char *spec, size_t size)
{
	const char *rest = listen + 4;

	if (!strcmp(listen, "pty") || !strncmp(listen, "serial:", 7) ||
	    !strncmp(listen, "unix:", 5)) {
		snprintf(spec, size, "%s", listen);
		return 0;
	}
	if (strncmp(listen, "emu:", 4) || !*rest)
		return -1;
	if (strchr(rest, ':'))
		snprintf(spec, size, "%s", listen);
	else
		snprintf(spec, size, "emu:127.0.0.1:%s", rest);
	return 0;
}

static int write_status(const struct server *server, FILE *stream)
{
	for (size_t i = 0; i < server->device_count; i++) {
		const struct device *device = &server->devices[i];

		fprintf(stream, "endpoint: eid=%u message-types=%s\n",
			device->eid, device->no_spdm ? "none" : "0x05");
	}
	return fflush(stream);
}

/* Prints the pty path and the endpoints, and writes --status. */
static int announce(const struct server *server)
{
	const char *pty = mctp_link_pty_path(server->link);
	const char *path = server->options->status_path;
	FILE *status;

	if (pty)
		printf("pty: %s\n", pty);
	write_status(server, stdout);
	if (!path)
		return 0;
	status = fopen(path, "w");
	if (!status) {
		log_error("cannot write status file %s: %s", path,
			  strerror(errno));
		return -1;
	}
	write_status(server, status);
	fclose(status);
	return 0;
}

static int open_link(struct server *server)
{
	struct mctp_link_config config = {0};
	char spec[4200];
	int rc;

	if (link_spec(server->options->listen, spec, sizeof(spec))) {
		log_error("invalid --listen '%s' (unix:PATH, serial:PATH, pty "
			  "or emu:[HOST:]PORT)",
			  server->options->listen);
		return EXIT_USAGE;
	}
	server->is_emu = !strncmp(spec, "emu:", 4);
	config.spec = spec;
	config.role = MCTP_LINK_RESPONDER;
	config.local_eid = server->devices[0].eid;
	config.listen = true;
	rc = mctp_link_open(&config, &server->link);
	if (rc) {
		log_error("cannot open link %s: %s", spec, strerror(-rc));
		return EXIT_FAILURE;
	}
	for (size_t i = 1; i < server->device_count; i++) {
		rc = mctp_link_add_local_eid(server->link,
					     server->devices[i].eid);
		if (rc) {
			log_error("cannot add EID %u to %s: %s",
				  server->devices[i].eid, spec, strerror(-rc));
			return EXIT_FAILURE;
		}
	}
	log_info("serving %zu device(s) on %s", server->device_count, spec);
	return announce(server) ? EXIT_FAILURE : 0;
}

static int make_signal_fd(void)
{
	sigset_t signals;

	sigemptyset(&signals);
	sigaddset(&signals, SIGTERM);
	sigaddset(&signals, SIGINT);
	if (sigprocmask(SIG_BLOCK, &signals, NULL))
		return -1;
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &signals, SFD_CLOEXEC);
}

/* Reads the link; returns 1 to go on, or an exit status. */
static int receive(struct server *server)
{
	int rc = mctp_link_receive(server->link, on_message, server);

	if (server->close_link) {
		log_info("closing the link (hang-up-after)");
		mctp_link_close(server->link);
		server->link = NULL;
		return 1;
	}
	if (rc == -EPIPE && server->is_emu) {
		log_info("SHUTDOWN received; exiting");
		return EXIT_SUCCESS;
	}
	if (rc == -EPIPE) {
		log_error("the peer closed the link");
		return EXIT_FAILURE;
	}
	if (rc)
		log_error("receiving from the link failed: %s", strerror(-rc));
	return 1;
}

static int run_loop(struct server *server, int signal_fd)
{
	for (;;) {
		struct pollfd fds[2] = {
		    {.fd = signal_fd, .events = POLLIN},
		    {.fd = server->link ? mctp_link_fd(server->link) : -1,
		     .events = POLLIN},
		};
		int rc = poll(fds, 2, poll_timeout(server));

		if (rc < 0 && errno != EINTR) {
			log_error("poll failed: %s", strerror(errno));
			return EXIT_FAILURE;
		}
		if (rc > 0 && fds[0].revents) {
			log_info("signal received; exiting");
			return EXIT_SUCCESS;
		}
		if (rc > 0 && fds[1].revents) {
			rc = receive(server);
			if (rc != 1)
				return rc;
		}
		send_due(server);
	}
}

int serve(const struct options *options, struct device *devices,
	  size_t device_count)
{
	struct server *server = calloc(1, sizeof(*server));
	int signal_fd = make_signal_fd();
	int rc;

	if (!server) {
		log_error("out of memory");
		if (signal_fd >= 0)
			close(signal_fd);
		return EXIT_FAILURE;
	}
	if (signal_fd < 0) {
		log_error("cannot set up signals: %s", strerror(errno));
		free(server);
		return EXIT_FAILURE;
	}
	server->options = options;
	server->devices = devices;
	server->device_count = device_count;
	rc = open_link(server);
	if (!rc)
		rc = run_loop(server, signal_fd);
	for (size_t i = 0; i < server->queued; i++)
		free(server->queue[i].message);
	if (server->link)
		mctp_link_close(server->link);
	close(signal_fd);
	free(server);
	return rc;
}
