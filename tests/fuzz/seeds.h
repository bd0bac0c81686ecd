/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The seed generator (fuzz_seeds): it runs the requester against the
 * in-process responder with the DMTF sample keys, for every version and
 * key, and writes each exchange as seeds of the harnesses that take such
 * messages. seeds_write.c turns one run into files.
 */
#ifndef SPDM_FUZZ_SEEDS_H
#define SPDM_FUZZ_SEEDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/requester.h>

/* A growing byte buffer; a failed append sets failed and drops the rest. */
struct seed_buffer {
	uint8_t *data;
	size_t size;
	bool failed;
};

void seed_buffer_append(struct seed_buffer *buffer, const void *data,
			size_t size);
/* Appends a record: the 16-bit little-endian length, then the bytes. */
void seed_buffer_record(struct seed_buffer *buffer, const uint8_t *data,
			size_t size);
void seed_buffer_free(struct seed_buffer *buffer);

/* One requester run against the responder. */
struct seed_run {
	const char *name;
	uint8_t requester_selector;
	uint8_t responder_selector;
	struct seed_buffer responses; /* requester harness input */
	struct seed_buffer requests;  /* responder harness input */
	struct spdm_result result;
};

/* Creates OUT/HARNESS folders. Returns 0 or -1 with a message. */
int seeds_prepare(const char *out);
/* Writes the seeds of one run. Returns 0 or -1 with a message. */
int seeds_write_run(const char *out, const struct seed_run *run);
/*
 * Writes seeds that need no run: slot objects and DER chains of every
 * sample key, and the recorded conversations. Returns 0 or -1.
 */
int seeds_write_static(const char *out);
/* Writes data to OUT/HARNESS/NAME. Returns 0 or -1 with a message. */
int seeds_write_file(const char *out, const char *harness, const char *name,
		     const void *data, size_t size);

#endif /* SPDM_FUZZ_SEEDS_H */
