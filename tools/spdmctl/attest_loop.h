/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The blocking driver of one requester over one MCTP link. It sends each
 * request, waits in poll() for the matching response up to the requested
 * timeout, sleeps for each requested delay, and returns when the
 * requester is done.
 */
#ifndef SPDMCTL_ATTEST_LOOP_H
#define SPDMCTL_ATTEST_LOOP_H

#include <stdint.h>

#include <mctp/link.h>
#include <spdm/requester.h>

struct attest_loop_stats {
	unsigned long requests_sent;
	unsigned long timeouts;
	/* Messages from another EID, with another tag, or a second reply. */
	unsigned long stray_messages;
	/* The negative errno of the last link failure, or 0. */
	int link_error;
};

/*
 * Runs req to SPDM_ACTION_DONE, talking to peer_eid over link. Returns 0
 * when the requester finished (its result tells whether the device
 * verified) or -ENOMEM when no receive buffer could be allocated.
 */
int attest_loop_run(struct spdm_requester *req, struct mctp_link *link,
		    uint8_t peer_eid, struct attest_loop_stats *stats);

#endif /* SPDMCTL_ATTEST_LOOP_H */
