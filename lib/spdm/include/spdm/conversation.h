/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPDM conversations as text, and their offline verification.
 *
 * The text format, line by line:
 *   # key: value    a header line (or any comment); never needed to verify
 *   > 10 84 00 00   a request, hex bytes of one SPDM message
 *   < 10 04 00 00   a response
 *     00 01 00 12   a line starting with two spaces continues the message
 * Blank lines are ignored. A message starts with its SPDMVersion byte; no
 * transport header or MCTP message type byte is included. Writers put 32
 * bytes on a line.
 */
#ifndef SPDM_CONVERSATION_H
#define SPDM_CONVERSATION_H

#include <stddef.h>
#include <time.h>

#include <spdm/cert_chain.h>
#include <spdm/requester.h>

/* Default caps on a conversation, documented in docs/limits.md. */
#define SPDM_CONVERSATION_MAX_FILE_SIZE (64u * 1024u * 1024u)

struct spdm_conversation_limits {
	size_t max_message_size; /* bytes of one message */
	size_t max_messages;	 /* requests and responses */
	size_t max_file_size;	 /* bytes of text */
};

/*
 * Fills limits with the defaults: SPDM_EVIDENCE_MAX_MESSAGE_SIZE,
 * SPDM_EVIDENCE_MAX_MESSAGES and SPDM_CONVERSATION_MAX_FILE_SIZE.
 */
void spdm_conversation_limits_default(struct spdm_conversation_limits *limits);

/*
 * Parses conversation text into evidence (which must be empty or hold
 * earlier messages to append to). limits NULL means the defaults. Returns
 * 0, -EBADMSG for text that is not a conversation, -E2BIG or -EFBIG when
 * a cap is reached, or -ENOMEM; on failure detail names the line and the
 * problem, and evidence contains the messages parsed before it.
 */
int spdm_conversation_parse(const char *text, size_t length,
			    const struct spdm_conversation_limits *limits,
			    struct spdm_evidence *evidence, char *detail,
			    size_t detail_size);

/* Reads and parses a conversation file; errors as above, or -errno. */
int spdm_conversation_read_file(const char *path,
				const struct spdm_conversation_limits *limits,
				struct spdm_evidence *evidence, char *detail,
				size_t detail_size);

/*
 * Formats evidence as conversation text, with header lines describing
 * result when it is not NULL (version, algorithms, slot, verdict) and a
 * "# produced-by:" line. Stores a NUL-terminated string the caller frees
 * in *text and its length in *length. Returns 0 or -ENOMEM.
 */
int spdm_conversation_format(const struct spdm_evidence *evidence,
			     const struct spdm_result *result,
			     const char *produced_by, char **text,
			     size_t *length);

/* Formats like spdm_conversation_format() and writes the text to path. */
int spdm_conversation_write_file(const char *path,
				 const struct spdm_evidence *evidence,
				 const struct spdm_result *result,
				 const char *produced_by);

/*
 * Replays a conversation through the requester's exchange handlers and
 * verifies it offline. Every transcript is rebuilt under the rules of the
 * negotiated version, and every CHALLENGE_AUTH and MEASUREMENTS signature
 * is checked with the leaf key of its slot. The chain of each slot that
 * signed is validated against trust at check_time (0: now). The flow may be
 * in any order the rules allow (several slots read, GET_DIGESTS again,
 * several CHALLENGEs). ERROR responses are skipped after applying their
 * transcript rule. RESPOND_IF_READY is taken as its original request.
 * NOTE: a recorded CHUNK_GET is not supported and fails the verification.
 *
 * result (initialised to zeroes, cleared with spdm_result_clear()) gets
 * the negotiated state, and the chain and measurements of the lowest slot
 * that signed. It is verified only if at least one signature was checked,
 * every signature verified, and the chain of every signing slot is
 * anchored. Returns 0, or -EINVAL for a bad argument.
 */
int spdm_verify_conversation(const struct spdm_evidence *evidence,
			     const struct spdm_trust *trust, time_t check_time,
			     struct spdm_result *result);

#endif /* SPDM_CONVERSATION_H */
