/* SPDX-License-Identifier: BSD-3-Clause */
/* The attestation job of an endpoint and its outcome. */
#ifndef SPDMD_ATTEST_H
#define SPDMD_ATTEST_H

#include <spdm/requester.h>

#include "endpoint.h"

/* Fills a requester configuration from spdmd's for this endpoint. */
void attest_requester_config(const struct endpoint *endpoint,
			     struct spdm_requester_config *config);
/* Starts an attestation now; the caller checked the endpoint is idle. */
int attest_start(struct endpoint *endpoint);
/*
 * Publishes that the endpoint's link is down, without an attempt: the
 * state becomes unreachable with reason link-lost.
 */
void attest_mark_link_down(struct endpoint *endpoint);

#endif /* SPDMD_ATTEST_H */
