/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPDM responder: an emulated device for SPDM 1.0 to 1.2, as a state
 * machine over byte buffers that does no I/O.
 *
 * The owner passes each request to spdm_responder_handle(), which writes
 * the response and a disposition: send it now, send it after a delay,
 * drop it, or close the link. The owner carries out the I/O-level faults
 * of the fault plan through the disposition. Faults in the messages
 * themselves (a wrong key, a broken chain, a replayed CHALLENGE_AUTH...)
 * are applied inside.
 *
 * Transcripts follow the rules of a DMTF libspdm responder, so a libspdm
 * requester verifies every signature the device makes.
 */
#ifndef SPDM_RESPONDER_H
#define SPDM_RESPONDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include <spdm/wire.h>

/* Bounds of our own, documented in docs/spdm-responder.md. */
#define SPDM_RESPONDER_MAX_VERSIONS	    16
#define SPDM_RESPONDER_MAX_MEASUREMENTS	    64
#define SPDM_RESPONDER_MAX_MEASUREMENT_SIZE 4096
#define SPDM_RESPONDER_MAX_FAULT_RULES	    8
/* Largest response the responder builds; MaxSPDMmsgSize may not exceed it. */
#define SPDM_RESPONDER_MAX_MESSAGE_SIZE 65536

/* Source of a measurement block's value. */
enum spdm_measurement_form {
	/* A digest: data is hashed with the negotiated MeasurementHashAlgo. */
	SPDM_MEASUREMENT_DIGEST,
	/* A raw bit stream: data is served as is, with bit 7 of the type. */
	SPDM_MEASUREMENT_RAW,
	/*
	 * The whole Measurement field (DMTF type, size and value) as given,
	 * unchecked, so a test can serve a malformed block.
	 */
	SPDM_MEASUREMENT_FIELD,
};

/* One measurement block of the device. */
struct spdm_measurement_def {
	uint8_t index;	    /* 1 to 0xfe */
	uint8_t value_type; /* DMTFSpecMeasurementValueType bits 6:0 */
	enum spdm_measurement_form form;
	uint8_t *data; /* owned */
	size_t size;
};

/* The measurement blocks of a device, in ascending index order. */
struct spdm_measurement_list {
	struct spdm_measurement_def blocks[SPDM_RESPONDER_MAX_MEASUREMENTS];
	size_t count;
};

/*
 * Fills list with the blocks of a typical device: indices 1 to 4 are
 * digests of types 0 to 3, index 0x10 the firmware version string (type 6,
 * raw) and 0xfe the 16-byte device mode (type 5, raw). Returns 0 or
 * -ENOMEM.
 */
int spdm_measurement_list_default(struct spdm_measurement_list *list);
/*
 * Parses the measurement file format of docs/spdm-responder.md from text.
 * Returns 0, or -EINVAL with a message naming the line in error.
 */
int spdm_measurement_list_parse(struct spdm_measurement_list *list,
				const char *text, size_t length, char *error,
				size_t error_size);
void spdm_measurement_list_clear(struct spdm_measurement_list *list);

/* SPDM_FAULT_FOREVER as a count: the fault never stops. */
#define SPDM_FAULT_FOREVER 0xffffffffu
/* A request code of 0 in a rule matches every request. */
#define SPDM_FAULT_ANY_REQUEST 0

enum spdm_prefix_fault {
	SPDM_PREFIX_CORRECT, /* the prefix exactly when the version is 1.2+ */
	SPDM_PREFIX_NONE,    /* 1.2 signatures without the signing prefix */
	SPDM_PREFIX_ALWAYS,  /* 1.0 and 1.1 signatures with the 1.2 prefix */
};

/* A fault that applies count times to one request code (or to all). */
struct spdm_fault_rule {
	uint8_t request_code;
	unsigned int count; /* or SPDM_FAULT_FOREVER */
	unsigned int delay_ms;
};

/*
 * The faults a device shows on top of correct behaviour; all zero is a
 * correct device. spdm_fault_plan_add() parses one fault as written on
 * the command line; docs/spdm-responder.md lists them.
 */
struct spdm_fault_plan {
	bool wrong_key;
	bool silent;
	bool stop_after_set;
	unsigned int stop_after;
	bool hang_up_after_set;
	unsigned int hang_up_after;
	/* Version entries advertised instead of the profile's, if count > 0. */
	uint16_t versions[SPDM_RESPONDER_MAX_VERSIONS];
	size_t version_count;
	bool no_spdm;
	unsigned int cert_portion; /* 0: off */
	char *chain_path;	   /* owned; the program loads it */
	bool root_hash_mismatch;
	bool digest_mismatch;
	bool cert_chain_hash_wrong;
	bool replay_challenge_auth;
	char *replay_path; /* owned; the program loads it */
	enum spdm_prefix_fault prefix;
	struct spdm_fault_rule busy[SPDM_RESPONDER_MAX_FAULT_RULES];
	size_t busy_count;
	bool not_ready_set;
	unsigned int not_ready_ms;
	unsigned int not_ready_count; /* requests that get it */
	uint8_t resynch_at;	      /* request code, 0: off */
	unsigned int delay_ms;
	struct spdm_fault_rule delay_at[SPDM_RESPONDER_MAX_FAULT_RULES];
	size_t delay_at_count;
	bool late_duplicate;
	uint8_t late_duplicate_code; /* or SPDM_FAULT_ANY_REQUEST */
	bool alg_select_set;
	uint32_t alg_select;
	bool caps_set;
	uint32_t caps;
	bool portion_zero;
	uint32_t chunk_size;	 /* 0: off */
	char *measurements_path; /* owned; the program loads it */
	/* Bytes of opaque data in CHALLENGE_AUTH and MEASUREMENTS. */
	uint16_t opaque_size;
};

/*
 * Adds one fault given as "name" or "name=value" to plan. Returns 0, or
 * -EINVAL with a message for an unknown fault or a bad value, or -ENOMEM.
 */
int spdm_fault_plan_add(struct spdm_fault_plan *plan, const char *spec,
			char *error, size_t error_size);
void spdm_fault_plan_clear(struct spdm_fault_plan *plan);

/*
 * Parses a request code given by name ("GET_CERTIFICATE") or in hex
 * ("0x82"). Returns the code, or -EINVAL.
 */
int spdm_request_code_parse(const char *text);
/*
 * Parses capability flags given in hex ("0x1a") or as names joined by
 * '|' or ',' ("CERT|CHAL|MEAS_SIG"). Returns 0 or -EINVAL.
 */
int spdm_capabilities_parse(const char *text, uint32_t *flags);

enum spdm_algorithm_kind {
	SPDM_ALGORITHM_ASYM,		 /* BaseAsymAlgo, e.g. "ECDSA_P384" */
	SPDM_ALGORITHM_HASH,		 /* BaseHashAlgo, e.g. "SHA_384" */
	SPDM_ALGORITHM_MEASUREMENT_HASH, /* MeasurementHashAlgo */
};

/*
 * Parses algorithm bits given in hex or as names joined by '|', ',' or
 * '+' ("ECDSA_P256,ECDSA_P384"). Returns 0 or -EINVAL.
 */
int spdm_algorithms_parse(enum spdm_algorithm_kind kind, const char *text,
			  uint32_t *bits);
/*
 * Parses a comma-separated list of versions "M.N" or "M.N.U" (U the
 * update number) into VersionNumberEntry values. Returns 0 or -EINVAL.
 */
int spdm_versions_parse(const char *text, uint16_t *entries, size_t max,
			size_t *count);

/* The device's identity and abilities. */
struct spdm_responder_profile {
	/* VersionNumberEntry values with update nibbles, e.g. 0x1210. */
	uint16_t versions[SPDM_RESPONDER_MAX_VERSIONS];
	size_t version_count;
	uint32_t capabilities;
	uint8_t ct_exponent;
	/* Supported algorithms; base_asym_algo 0 means all the key can do. */
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint32_t measurement_hash_algo;
	uint8_t other_params_support; /* opaque data formats (1.2) */
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
	/*
	 * Certificate chains as concatenated DER certificates, root first;
	 * NULL for an empty slot. The slot objects are built with the
	 * negotiated hash. The responder copies them.
	 */
	const uint8_t *chains[SPDM_MAX_SLOTS];
	size_t chain_sizes[SPDM_MAX_SLOTS];
	/* The leaf's private key; the responder takes a reference. */
	EVP_PKEY *private_key;
	/*
	 * The key the wrong-key fault signs with; the responder takes a
	 * reference. NULL: the responder generates one like private_key,
	 * which takes seconds for RSA 4096.
	 */
	EVP_PKEY *wrong_key;
	/* NULL for the default blocks; the responder copies them. */
	const struct spdm_measurement_list *measurements;
	/* Monotonic clock in milliseconds for ResponseNotReady; NULL: system.
	 */
	uint64_t (*clock_ms)(void *clock_data);
	void *clock_data;
};

/*
 * Fills profile with a typical device: versions 1.0 to 1.2, CERT_CAP,
 * CHAL_CAP, MEAS_CAP with signatures and MEAS_FRESH_CAP, CTExponent 20,
 * hashes SHA-256/384/512, DataTransferSize and MaxSPDMmsgSize 4608.
 */
void spdm_responder_profile_default(struct spdm_responder_profile *profile);

/*
 * Generates a key of the same type and size (RSA bits, EC group) as key,
 * for wrong-key. Returns NULL for another key type or on failure.
 */
EVP_PKEY *spdm_responder_generate_key_like(EVP_PKEY *key);

enum spdm_disposition_action {
	SPDM_DISPOSITION_SEND,	/* send the response after delay_ms */
	SPDM_DISPOSITION_DROP,	/* send nothing */
	SPDM_DISPOSITION_CLOSE, /* send nothing and close the link */
};

/* Action the owner takes with a response. */
struct spdm_disposition {
	enum spdm_disposition_action action;
	unsigned int delay_ms;
	/*
	 * late-duplicate: keep a copy of this response (and its tag) and
	 * send it again just before the response to the next request.
	 */
	bool repeat;
	/* Names of the faults applied to this exchange, for the log. */
	char faults[128];
};

struct spdm_responder;

/*
 * Creates a responder. The profile needs a private key and, with
 * CERT_CAP, a chain in slot 0. Returns 0, -EINVAL for an inconsistent
 * profile or plan, or -ENOMEM.
 */
int spdm_responder_new(const struct spdm_responder_profile *profile,
		       const struct spdm_fault_plan *plan,
		       struct spdm_responder **out);
void spdm_responder_free(struct spdm_responder *resp);

/*
 * Sets the CHALLENGE_AUTH the replay-challenge-auth fault sends back (the
 * contents of replay-file=FILE). Without it the device replays the first
 * CHALLENGE_AUTH it produced. Returns 0, -EINVAL or -ENOMEM.
 */
int spdm_responder_set_replay(struct spdm_responder *resp,
			      const uint8_t *message, size_t length);

/*
 * Handles one request. Writes the response to response (cap bytes;
 * SPDM_RESPONDER_MAX_MESSAGE_SIZE always suffices) and the action for it
 * to disposition. A protocol error gets an ERROR response and returns 0.
 * Returns -EINVAL for bad arguments, -EOVERFLOW when cap is too small, -ENOMEM.
 */
int spdm_responder_handle(struct spdm_responder *resp, const uint8_t *request,
			  size_t length, uint8_t *response, size_t cap,
			  size_t *response_length,
			  struct spdm_disposition *disposition);

/* The negotiated state, for logs and tests; 0 before negotiation. */
struct spdm_responder_state {
	uint8_t version;
	uint32_t base_asym_algo;
	uint32_t base_hash_algo;
	uint32_t measurement_hash_algo;
	uint32_t requester_capabilities;
	uint32_t requester_data_transfer_size;
	uint32_t requester_max_spdm_msg_size;
	bool authenticated;
	unsigned int answered; /* responses produced so far */
};

void spdm_responder_get_state(const struct spdm_responder *resp,
			      struct spdm_responder_state *state);

#endif /* SPDM_RESPONDER_H */
