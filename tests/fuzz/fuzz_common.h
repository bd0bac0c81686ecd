/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the libFuzzer harnesses, the replay runner and the
 * seed generator: splitting an input into records, a deterministic
 * stand-in for spdm_random_bytes(), and the DMTF sample keys.
 *
 * Harnesses are linked with -Wl,--wrap=spdm_random_bytes, so every nonce
 * the library draws comes from fuzz_random_*() and an input replays the
 * same way each time (a crash found once crashes again in the replay).
 */
#ifndef SPDM_FUZZ_COMMON_H
#define SPDM_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/evp.h>

#include <spdm/cert_chain.h>

/* libFuzzer's entry points; the replay runner calls them too. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Certificates are checked at this fixed time (2025-01-01T00:00:00Z), so a
 * result does not change as the clock moves on.
 */
#define FUZZ_CHECK_TIME ((time_t)1735689600)

/*
 * Record framing of the harnesses that take a sequence of messages: a
 * 16-bit little-endian length, then that many bytes. The length
 * FUZZ_RECORD_TIMEOUT stands for "no response" and has no bytes.
 */
#define FUZZ_RECORD_TIMEOUT 0xffffu

struct fuzz_input {
	const uint8_t *data;
	size_t size;
	size_t offset;
};

void fuzz_input_init(struct fuzz_input *input, const uint8_t *data,
		     size_t size);
/* Reads one byte; returns false at the end of the input. */
bool fuzz_input_byte(struct fuzz_input *input, uint8_t *byte);

enum fuzz_record_kind {
	FUZZ_RECORD_MESSAGE,
	FUZZ_RECORD_TIMEOUT_MARK,
	FUZZ_RECORD_END,
};

/*
 * Reads the next record. A length that runs past the end yields the
 * bytes that are left, so every input is usable.
 */
enum fuzz_record_kind fuzz_input_record(struct fuzz_input *input,
					const uint8_t **message,
					size_t *length);

/*
 * Returns whether length bytes at span lie inside the size bytes at base
 * (an empty span always does, so NULL with length 0 is fine).
 */
bool fuzz_span_inside(const uint8_t *base, size_t size, const uint8_t *span,
		      size_t length);

/*
 * Random streams: the harness's, and a second one for the in-process
 * responder of the seed generator, so that the requester draws the same
 * bytes there as in the harness.
 */
enum fuzz_random_stream {
	FUZZ_RANDOM_MAIN,
	FUZZ_RANDOM_PEER,
	FUZZ_RANDOM_STREAMS,
};

/* Restarts every stream; harnesses call it at the start of each input. */
void fuzz_random_reset(void);
/* Selects the stream that spdm_random_bytes() reads from. */
void fuzz_random_select(enum fuzz_random_stream stream);

/*
 * Returns "$SPDM_TESTDATA/relative", or the path under the source tree's
 * ../shared/testdata when the variable is unset, in a static buffer.
 */
const char *fuzz_testdata_path(const char *relative);
/* Reads a whole file (at most 16 MiB) that the caller frees, or NULL. */
uint8_t *fuzz_read_file(const char *path, size_t *size);

/* A folder of the DMTF sample keys, e.g. "ecp256", with its algorithm. */
struct fuzz_sample_key {
	const char *folder;
	uint32_t base_asym_algo;
};

extern const struct fuzz_sample_key fuzz_sample_keys[];
extern const size_t fuzz_sample_key_count;

/*
 * Adds the root certificates of every sample key folder to a new trust
 * store. Returns NULL when none could be read (no test data).
 */
struct spdm_trust *fuzz_sample_trust(void);
/* Loads a folder's end_responder.key, or NULL. */
EVP_PKEY *fuzz_sample_private_key(const char *folder);
/* Reads a folder's slot 0 (or 1) DER chain, root first, or NULL. */
uint8_t *fuzz_sample_chain(const char *folder, unsigned int slot, size_t *size);

#endif /* SPDM_FUZZ_COMMON_H */
