/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Golden messages of the requester tests, written out byte by byte from
 * the DSP0274 layouts: what our requester must send with the default
 * configuration, and responses of a device that has CERT_CAP, CHAL_CAP,
 * signed measurements and ECDSA P-384 with SHA-384.
 */
#ifndef REQUESTER_TEST_VECTORS_H
#define REQUESTER_TEST_VECTORS_H

#define ZEROES_12 "00 00 00 00 00 00 00 00 00 00 00 00"

#define GET_VERSION_HEX "10 84 00 00"
#define VERSION_10_HEX "10 04 00 00 00 01 00 10"
#define VERSION_11_HEX "10 04 00 00 00 01 00 11"
#define VERSION_12_HEX "10 04 00 00 00 01 00 12"

/* GET_CAPABILITIES: 4 bytes in 1.0, 12 in 1.1, 20 with sizes in 1.2. */
#define GET_CAPABILITIES_10_HEX "10 e1 00 00"
#define GET_CAPABILITIES_11_HEX "11 e1 00 00 00 00 00 00 00 00 00 00"
/* Flags CHUNK_CAP, DataTransferSize 4096, MaxSPDMmsgSize 65536. */
#define GET_CAPABILITIES_12_HEX \
	"12 e1 00 00 00 00 00 00 00 00 02 00 00 10 00 00 00 00 01 00"

/* CTExponent 12, Flags CERT|CHAL|MEAS_SIG|MEAS_FRESH (0x36). */
#define CAPABILITIES_10_HEX "10 61 00 00 00 0c 00 00 36 00 00 00"
#define CAPABILITIES_11_HEX "11 61 00 00 00 0c 00 00 36 00 00 00"
/* As above with DataTransferSize and MaxSPDMmsgSize 4608. */
#define CAPABILITIES_12_HEX \
	"12 61 00 00 00 0c 00 00 36 00 00 00 00 12 00 00 00 12 00 00"

/*
 * NEGOTIATE_ALGORITHMS: Length 32, DMTF measurements, every asymmetric
 * algorithm we verify (no Ed25519 before 1.2), SHA-256/384/512.
 */
#define NEGOTIATE_10_HEX \
	"10 e3 00 00 20 00 01 00 ff 01 00 00 07 00 00 00 " ZEROES_12 \
	" 00 00 00 00"
#define NEGOTIATE_11_HEX \
	"11 e3 00 00 20 00 01 00 ff 01 00 00 07 00 00 00 " ZEROES_12 \
	" 00 00 00 00"
/* 1.2 adds OtherParamsSupport OpaqueDataFmt1 and Ed25519. */
#define NEGOTIATE_12_HEX \
	"12 e3 00 00 20 00 01 02 ff 05 00 00 07 00 00 00 " ZEROES_12 \
	" 00 00 00 00"

/* ALGORITHMS: DMTF, measurement SHA-384, ECDSA P-384, SHA-384. */
#define ALGORITHMS_10_HEX \
	"10 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 " \
	ZEROES_12 " 00 00 00 00"
#define ALGORITHMS_11_HEX \
	"11 63 00 00 24 00 01 00 04 00 00 00 80 00 00 00 02 00 00 00 " \
	ZEROES_12 " 00 00 00 00"
#define ALGORITHMS_12_HEX \
	"12 63 00 00 24 00 01 02 04 00 00 00 80 00 00 00 02 00 00 00 " \
	ZEROES_12 " 00 00 00 00"

#define GET_DIGESTS_12_HEX "12 81 00 00"
/* DIGESTS for slot 0 only; the digest matters once a chain is read. */
#define AA_16 "aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa"
#define DIGESTS_12_HEX "12 01 00 01 " AA_16 " " AA_16 " " AA_16

/* VCA of the 1.2 device with the golden messages above. */
#define VCA_12_STEPS                                                     \
	{ .kind = SCRIPT_RESPOND, .request_code = SPDM_GET_VERSION,        \
	  .request_hex = GET_VERSION_HEX, .response_hex = VERSION_12_HEX }, \
	{ .kind = SCRIPT_RESPOND, .request_code = SPDM_GET_CAPABILITIES,   \
	  .request_hex = GET_CAPABILITIES_12_HEX,                         \
	  .response_hex = CAPABILITIES_12_HEX },                          \
	{ .kind = SCRIPT_RESPOND, .request_code = SPDM_NEGOTIATE_ALGORITHMS, \
	  .request_hex = NEGOTIATE_12_HEX, .response_hex = ALGORITHMS_12_HEX }

/* Script helpers: a table of steps and a run over it. */
#define STEPS(...) ((const struct script_step[]){ __VA_ARGS__ })
#define COUNT(...)                                             \
	(sizeof((const struct script_step[]){ __VA_ARGS__ }) / \
	 sizeof(struct script_step))
#define RUN(req, ...) \
	script_run_steps(req, STEPS(__VA_ARGS__), COUNT(__VA_ARGS__))
#define RESPOND(code, request, response)                 \
	{ .kind = SCRIPT_RESPOND, .request_code = (code), \
	  .request_hex = (request), .response_hex = (response) }
#define TIMEOUT(code) { .kind = SCRIPT_TIMEOUT, .request_code = (code) }
#define WAIT(ms) { .kind = SCRIPT_WAIT, .min_delay_ms = (ms) }

#endif /* REQUESTER_TEST_VECTORS_H */
