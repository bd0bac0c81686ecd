/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * spdmd's log: structured sd-journal entries, and plain lines on stderr
 * when stderr is not the journal or --log-stderr is given.
 */
#ifndef SPDMD_LOG_H
#define SPDMD_LOG_H

#include <stdbool.h>
#include <stdint.h>
#include <syslog.h>

/* Journal field values that identify an endpoint, or NULL name for none. */
struct log_endpoint {
	const char *name;
	uint32_t network;
	uint8_t eid;
};

/* The outcome of one attestation, for its single log line. */
struct log_outcome {
	bool passed;
	const char *version;   /* "1.2.0", or NULL before negotiation */
	const char *asym_algo; /* DSP0274 names, or NULL */
	const char *hash_algo;
	const char *reason; /* stable reason code */
	const char *detail; /* one line, may be empty */
};

void log_setup(bool force_stderr, bool verbose);
bool log_verbose(void);
/*
 * Replaces control characters and bytes that are not valid UTF-8 with
 * '?', so a peer's or a file's bytes cannot forge log lines, and the
 * journal stores the message as text rather than as a binary blob.
 */
void log_sanitize(char *text);

__attribute__((format(printf, 2, 3))) void log_message(int priority,
						       const char *format, ...);
__attribute__((format(printf, 3, 4))) void
log_endpoint_message(int priority, const struct log_endpoint *endpoint,
		     const char *format, ...);
/*
 * Logs "NAME (network N, EID E): attestation PASSED" or "... FAILED"
 * with the version, algorithms and reason, and the SPDM_* journal fields.
 */
void log_attestation(const struct log_endpoint *endpoint,
		     const struct log_outcome *outcome);

/*
 * Allows LOG_RATELIMIT_BURST messages per LOG_RATELIMIT_INTERVAL_USEC
 * for one kind of repeated event; the rest are counted in suppressed.
 */
#define LOG_RATELIMIT_BURST	    5
#define LOG_RATELIMIT_INTERVAL_USEC (60ull * 1000000ull)

struct log_ratelimit {
	uint64_t window_start_usec;
	unsigned int count;
	unsigned int suppressed;
};

/*
 * Returns whether to log an event now. When a new window starts,
 * *suppressed_before is set to what the last window suppressed.
 */
bool log_ratelimit_allow(struct log_ratelimit *limit, uint64_t now_usec,
			 unsigned int *suppressed_before);

#endif /* SPDMD_LOG_H */
