/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Codecs for the SPDM messages of versions 1.0 to 1.2.
 *
 * Every message has a struct and two functions:
 *   int spdm_encode_X(const struct spdm_X *msg, uint8_t *buf, size_t cap,
 *                     size_t *length);
 *   int spdm_decode_X(struct spdm_X *msg, const uint8_t *buf, size_t length,
 *                     ...context...);
 * The version byte in msg->header.version selects the per-version layout.
 * Encoders write exactly the defined size. Decoders check the layout and
 * every length field against the bytes present and store in msg->size the
 * message's defined size, which is what enters a transcript (a response
 * with trailing bytes is accepted and recorded truncated, as DSP0274 1.2
 * section 10 and libspdm do). Pointers in decoded structs point into buf.
 *
 * Return values: 0, -EINVAL (bad argument), -EOVERFLOW (buffer too short
 * or a length field runs past the end), -EBADMSG (a size that no version
 * allows, or a message with another RequestResponseCode), -EPROTO (a value
 * the specification forbids, e.g. a reserved count of 0 where at least one
 * is required, or an SPDMVersion other than 1.0, 1.1 or 1.2). Encoders
 * write the message's own code whatever msg->header.code holds, and return
 * -EINVAL for a version they have no layout for.
 *
 * Decoders check structure only. Semantic checks that need the request
 * or the negotiated state (which bits were offered, slot matches, nonce
 * echo) belong to the requester and responder.
 */
#ifndef SPDM_MESSAGES_H
#define SPDM_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/wire.h>

/* Bounds of our own, each documented in docs/limits.md. */
#define SPDM_MAX_VERSION_ENTRIES 16
#define SPDM_MAX_ALG_STRUCTS 4
#define SPDM_MAX_EXT_ALGS 20
#define SPDM_MAX_ERROR_EXT_DATA 32

struct spdm_header {
	uint8_t version;
	uint8_t code;
	uint8_t param1;
	uint8_t param2;
};

/* GET_VERSION: 4 bytes, version byte always 0x10. */
struct spdm_get_version {
	struct spdm_header header;
	size_t size;
};

struct spdm_version {
	struct spdm_header header;
	uint8_t entry_count;
	/* Entries as on the wire, u16 each: major, minor, update, alpha. */
	uint16_t entries[SPDM_MAX_VERSION_ENTRIES];
	size_t size;
};

/*
 * GET_CAPABILITIES (4 bytes in 1.0, 12 in 1.1, 20 in 1.2) and CAPABILITIES
 * (12 bytes in 1.0 and 1.1, 20 in 1.2). Fields absent in a version are 0.
 */
struct spdm_capabilities {
	struct spdm_header header;
	uint8_t ct_exponent;
	uint32_t flags;
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
	size_t size;
};

struct spdm_alg_struct {
	uint8_t alg_type;
	uint8_t ext_alg_count;
	uint16_t alg_supported;
};

/* NEGOTIATE_ALGORITHMS; header.param1 is the AlgStruct count (1.1+). */
struct spdm_negotiate_algorithms {
	struct spdm_header header;
	uint16_t length;
	uint8_t measurement_specification;
	uint8_t other_params_support;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint8_t ext_asym_count;
	uint8_t ext_hash_count;
	uint8_t alg_struct_count;
	struct spdm_alg_struct alg_structs[SPDM_MAX_ALG_STRUCTS];
	size_t size;
};

/* ALGORITHMS; header.param1 is the AlgStruct count (1.1+). */
struct spdm_algorithms {
	struct spdm_header header;
	uint16_t length;
	uint8_t measurement_specification_sel;
	uint8_t other_params_selection;
	uint32_t measurement_hash_algo;
	uint32_t base_asym_sel;
	uint32_t base_hash_sel;
	uint8_t ext_asym_sel_count;
	uint8_t ext_hash_sel_count;
	uint8_t alg_struct_count;
	struct spdm_alg_struct alg_structs[SPDM_MAX_ALG_STRUCTS];
	size_t size;
};

/* GET_DIGESTS, GET_VERSION-like 4-byte request. */
struct spdm_get_digests {
	struct spdm_header header;
	size_t size;
};

/* DIGESTS: header.param2 is the SlotMask; popcount(mask) digests follow. */
struct spdm_digests {
	struct spdm_header header;
	uint8_t digest_count;
	size_t digest_size;
	const uint8_t *digests; /* digest_count * digest_size bytes */
	size_t size;
};

/* GET_CERTIFICATE: header.param1 bits 3:0 is the SlotID. */
struct spdm_get_certificate {
	struct spdm_header header;
	uint16_t offset;
	uint16_t length;
	size_t size;
};

struct spdm_certificate {
	struct spdm_header header;
	uint16_t portion_length;
	uint16_t remainder_length;
	const uint8_t *portion;
	size_t size;
};

/* CHALLENGE: param1 SlotID, param2 MeasurementSummaryHashType. 36 bytes. */
struct spdm_challenge {
	struct spdm_header header;
	uint8_t nonce[SPDM_NONCE_SIZE];
	size_t size;
};

struct spdm_challenge_auth {
	struct spdm_header header;
	size_t hash_size; /* of the negotiated BaseHashAlgo */
	const uint8_t *cert_chain_hash;		/* hash_size bytes */
	const uint8_t *nonce;			/* SPDM_NONCE_SIZE bytes */
	const uint8_t *measurement_summary_hash; /* NULL when absent */
	uint16_t opaque_length;
	const uint8_t *opaque_data;
	const uint8_t *signature; /* signature_size bytes */
	size_t signature_size;
	/* Bytes before the signature: what enters transcript C. */
	size_t signed_size;
	size_t size;
};

/*
 * GET_MEASUREMENTS: param1 attributes, param2 operation. The nonce is
 * present only with SignatureRequested, and slot_id_param only then and
 * from 1.1 on (4, 36 or 37 bytes).
 */
struct spdm_get_measurements {
	struct spdm_header header;
	uint8_t nonce[SPDM_NONCE_SIZE];
	uint8_t slot_id_param;
	size_t size;
};

/*
 * MEASUREMENTS: Nonce and OpaqueLength are present in every version,
 * signed or not; the signature only when it was requested.
 */
struct spdm_measurements {
	struct spdm_header header;
	uint8_t number_of_blocks;
	uint32_t record_length;
	const uint8_t *record;
	const uint8_t *nonce;
	uint16_t opaque_length;
	const uint8_t *opaque_data;
	const uint8_t *signature; /* NULL when unsigned */
	size_t signature_size;
	size_t signed_size;
	size_t size;
};

/* ERROR: param1 ErrorCode, param2 ErrorData, then up to 32 bytes. */
struct spdm_error {
	struct spdm_header header;
	size_t ext_length;
	uint8_t ext_data[SPDM_MAX_ERROR_EXT_DATA];
	size_t size;
};

/* Extended data of ERROR ResponseNotReady (DSP0274 1.2 table 60). */
struct spdm_response_not_ready {
	uint8_t rdt_exponent;
	uint8_t request_code;
	uint8_t token;
	uint8_t rdtm;
};

/* RESPOND_IF_READY: param1 the original request code, param2 the token. */
struct spdm_respond_if_ready {
	struct spdm_header header;
	size_t size;
};

/*
 * CHUNK_GET (1.2, 6 bytes): param2 Handle, then ChunkSeqNo u16.
 * CHUNK_RESPONSE (1.2): param1 bit 0 LastChunk, param2 Handle, ChunkSeqNo
 * u16, reserved u16, ChunkSize u32, LargeMessageSize u32 (only in chunk 0),
 * then ChunkSize bytes. Both codecs reject versions before 1.2.
 */
struct spdm_chunk_get {
	struct spdm_header header;
	uint16_t chunk_seq_no;
	size_t size;
};

#define SPDM_CHUNK_RESPONSE_LAST_CHUNK 0x01

struct spdm_chunk_response {
	struct spdm_header header;
	uint16_t chunk_seq_no;
	uint32_t chunk_size;
	uint32_t large_message_size; /* 0 unless chunk_seq_no is 0 */
	const uint8_t *chunk;
	size_t size;
};

/* One measurement block of a MeasurementRecord (DSP0274 1.2 table 45). */
struct spdm_measurement_block {
	uint8_t index;
	uint8_t measurement_specification;
	uint16_t measurement_size;
	/* DMTF format, valid when measurement_specification is DMTF. */
	uint8_t dmtf_value_type;
	uint16_t dmtf_value_size;
	const uint8_t *dmtf_value;
	/* The whole block, header included, as it enters summary hashes. */
	const uint8_t *raw;
	size_t raw_size;
};

/* Returns the SPDMVersion byte and the code of a message, or -EOVERFLOW. */
int spdm_decode_header(struct spdm_header *header, const uint8_t *buf,
		       size_t length);

int spdm_encode_get_version(const struct spdm_get_version *msg, uint8_t *buf,
			    size_t cap, size_t *length);
int spdm_decode_get_version(struct spdm_get_version *msg, const uint8_t *buf,
			    size_t length);
int spdm_encode_version(const struct spdm_version *msg, uint8_t *buf,
			size_t cap, size_t *length);
/*
 * Rejects an entry count of 0 (-EPROTO) or above SPDM_MAX_VERSION_ENTRIES
 * (-EOVERFLOW).
 */
int spdm_decode_version(struct spdm_version *msg, const uint8_t *buf,
			size_t length);

/* Encodes and decodes GET_CAPABILITIES; the request has code 0xe1. */
int spdm_encode_get_capabilities(const struct spdm_capabilities *msg,
				 uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_get_capabilities(struct spdm_capabilities *msg,
				 const uint8_t *buf, size_t length);
int spdm_encode_capabilities(const struct spdm_capabilities *msg, uint8_t *buf,
			     size_t cap, size_t *length);
int spdm_decode_capabilities(struct spdm_capabilities *msg, const uint8_t *buf,
			     size_t length);

/*
 * The encoder computes Length and writes alg_struct_count as Param1; ext
 * counts must be 0 on encode. In both directions OtherParamsSupport and
 * OtherParamsSelection are 0 before 1.2, where they are reserved.
 */
int spdm_encode_negotiate_algorithms(const struct spdm_negotiate_algorithms *msg,
				     uint8_t *buf, size_t cap, size_t *length);
/*
 * Skips ExtAsym/ExtHash and AlgExternal entries; checks Length. AlgType
 * order and duplicates are left to the caller.
 */
int spdm_decode_negotiate_algorithms(struct spdm_negotiate_algorithms *msg,
				     const uint8_t *buf, size_t length);
int spdm_encode_algorithms(const struct spdm_algorithms *msg, uint8_t *buf,
			   size_t cap, size_t *length);
int spdm_decode_algorithms(struct spdm_algorithms *msg, const uint8_t *buf,
			   size_t length);

int spdm_encode_get_digests(const struct spdm_get_digests *msg, uint8_t *buf,
			    size_t cap, size_t *length);
int spdm_decode_get_digests(struct spdm_get_digests *msg, const uint8_t *buf,
			    size_t length);
/* digest_size is the negotiated hash size; digest_count follows param2. */
int spdm_encode_digests(const struct spdm_digests *msg, uint8_t *buf,
			size_t cap, size_t *length);
int spdm_decode_digests(struct spdm_digests *msg, const uint8_t *buf,
			size_t length, size_t digest_size);

int spdm_encode_get_certificate(const struct spdm_get_certificate *msg,
				uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_get_certificate(struct spdm_get_certificate *msg,
				const uint8_t *buf, size_t length);
int spdm_encode_certificate(const struct spdm_certificate *msg, uint8_t *buf,
			    size_t cap, size_t *length);
int spdm_decode_certificate(struct spdm_certificate *msg, const uint8_t *buf,
			    size_t length);

int spdm_encode_challenge(const struct spdm_challenge *msg, uint8_t *buf,
			  size_t cap, size_t *length);
int spdm_decode_challenge(struct spdm_challenge *msg, const uint8_t *buf,
			  size_t length);
/*
 * The encoder writes everything up to the signature and, when
 * msg->signature is NULL, reserves signature_size zero bytes for the
 * caller to fill after signing buf[0, signed_size).
 */
int spdm_encode_challenge_auth(const struct spdm_challenge_auth *msg,
			       uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_challenge_auth(struct spdm_challenge_auth *msg,
			       const uint8_t *buf, size_t length,
			       size_t hash_size, bool summary_hash_present,
			       size_t signature_size);

int spdm_encode_get_measurements(const struct spdm_get_measurements *msg,
				 uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_get_measurements(struct spdm_get_measurements *msg,
				 const uint8_t *buf, size_t length);
/* As for CHALLENGE_AUTH: signature NULL with signature_size > 0 reserves. */
int spdm_encode_measurements(const struct spdm_measurements *msg,
			     uint8_t *buf, size_t cap, size_t *length);
/*
 * signature_size is 0 for an unsigned response. The record must consist of
 * exactly NumberOfBlocks blocks by their MeasurementSize fields, else
 * -EBADMSG.
 */
int spdm_decode_measurements(struct spdm_measurements *msg,
			     const uint8_t *buf, size_t length,
			     size_t signature_size);

int spdm_encode_error(const struct spdm_error *msg, uint8_t *buf, size_t cap,
		      size_t *length);
int spdm_decode_error(struct spdm_error *msg, const uint8_t *buf,
		      size_t length);
/*
 * Returns -EBADMSG unless err is ResponseNotReady with at least 4 bytes of
 * data (bytes after the first 4 are ignored, as for any response).
 */
int spdm_decode_response_not_ready(struct spdm_response_not_ready *rnr,
				   const struct spdm_error *err);

int spdm_encode_respond_if_ready(const struct spdm_respond_if_ready *msg,
				 uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_respond_if_ready(struct spdm_respond_if_ready *msg,
				 const uint8_t *buf, size_t length);

int spdm_encode_chunk_get(const struct spdm_chunk_get *msg, uint8_t *buf,
			  size_t cap, size_t *length);
int spdm_decode_chunk_get(struct spdm_chunk_get *msg, const uint8_t *buf,
			  size_t length);
int spdm_encode_chunk_response(const struct spdm_chunk_response *msg,
			       uint8_t *buf, size_t cap, size_t *length);
int spdm_decode_chunk_response(struct spdm_chunk_response *msg,
			       const uint8_t *buf, size_t length);

/*
 * Reads the next block of a MeasurementRecord through r. Returns 0, or
 * -EOVERFLOW when a size runs past the record, or -EPROTO for index 0 or
 * 0xff, a MeasurementSpecification that is not one-hot, or a DMTF
 * MeasurementSize that is not 3 + DMTFSpecMeasurementValueSize. After
 * -EPROTO, r has moved past the block, so a caller may skip it.
 */
struct spdm_reader;
int spdm_decode_measurement_block(struct spdm_measurement_block *block,
				  struct spdm_reader *r);

/* Returns the digest size of a BaseHashAlgo bit, or 0 if unknown. */
size_t spdm_hash_size(uint32_t base_hash_algo);
/* Returns the digest size of a MeasurementHashAlgo bit (0 for raw/unknown). */
size_t spdm_measurement_hash_size(uint32_t measurement_hash_algo);
/* Returns the signature size of a BaseAsymAlgo bit, or 0 if unknown. */
size_t spdm_signature_size(uint32_t base_asym_algo);
/* Returns the DSP0274 name of a BaseAsymAlgo bit, e.g. "TPM_ALG_ECDSA_ECC_NIST_P384". */
const char *spdm_asym_algo_name(uint32_t base_asym_algo);
/* Returns the DSP0274 name of a BaseHashAlgo bit, e.g. "TPM_ALG_SHA_384". */
const char *spdm_hash_algo_name(uint32_t base_hash_algo);
/* Returns the DSP0274 name of a MeasurementHashAlgo bit. */
const char *spdm_measurement_hash_algo_name(uint32_t measurement_hash_algo);

#endif /* SPDM_MESSAGES_H */
