/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPDM wire constants for versions 1.0, 1.1 and 1.2, named as in DMTF
 * DSP0274. Multi-byte fields on the wire are little-endian.
 */
#ifndef SPDM_WIRE_H
#define SPDM_WIRE_H

#include <stdint.h>

/* SPDMVersion byte: major in the high nibble, minor in the low one. */
#define SPDM_VERSION_10 0x10
#define SPDM_VERSION_11 0x11
#define SPDM_VERSION_12 0x12

/* VersionNumberEntry (DSP0274 1.2 section 10.3): major, minor, update, alpha. */
#define SPDM_VERSION_ENTRY_MAJOR_MINOR(e) ((uint8_t)((e) >> 8))
#define SPDM_VERSION_ENTRY_UPDATE(e) ((uint8_t)(((e) >> 4) & 0x0f))
#define SPDM_VERSION_ENTRY_ALPHA(e) ((uint8_t)((e)&0x0f))

/* Request codes (DSP0274 1.2 table 4). */
#define SPDM_GET_DIGESTS 0x81
#define SPDM_GET_CERTIFICATE 0x82
#define SPDM_CHALLENGE 0x83
#define SPDM_GET_VERSION 0x84
#define SPDM_CHUNK_SEND 0x85
#define SPDM_CHUNK_GET 0x86
#define SPDM_GET_MEASUREMENTS 0xe0
#define SPDM_GET_CAPABILITIES 0xe1
#define SPDM_NEGOTIATE_ALGORITHMS 0xe3
#define SPDM_RESPOND_IF_READY 0xff

/* Response codes (DSP0274 1.2 table 5). */
#define SPDM_DIGESTS 0x01
#define SPDM_CERTIFICATE 0x02
#define SPDM_CHALLENGE_AUTH 0x03
#define SPDM_VERSION 0x04
#define SPDM_CHUNK_SEND_ACK 0x05
#define SPDM_CHUNK_RESPONSE 0x06
#define SPDM_MEASUREMENTS 0x60
#define SPDM_CAPABILITIES 0x61
#define SPDM_ALGORITHMS 0x63
#define SPDM_ERROR 0x7f

/* ERROR codes, Param1 of ERROR (DSP0274 1.2 table 58). */
#define SPDM_ERROR_INVALID_REQUEST 0x01
#define SPDM_ERROR_BUSY 0x03
#define SPDM_ERROR_UNEXPECTED_REQUEST 0x04
#define SPDM_ERROR_UNSPECIFIED 0x05
#define SPDM_ERROR_DECRYPT_ERROR 0x06
#define SPDM_ERROR_UNSUPPORTED_REQUEST 0x07
#define SPDM_ERROR_REQUEST_IN_FLIGHT 0x08
#define SPDM_ERROR_INVALID_RESPONSE_CODE 0x09
#define SPDM_ERROR_SESSION_LIMIT_EXCEEDED 0x0a
#define SPDM_ERROR_SESSION_REQUIRED 0x0b
#define SPDM_ERROR_RESET_REQUIRED 0x0c
#define SPDM_ERROR_RESPONSE_TOO_LARGE 0x0d
#define SPDM_ERROR_REQUEST_TOO_LARGE 0x0e
#define SPDM_ERROR_LARGE_RESPONSE 0x0f
#define SPDM_ERROR_MESSAGE_LOST 0x10
#define SPDM_ERROR_VERSION_MISMATCH 0x41
#define SPDM_ERROR_RESPONSE_NOT_READY 0x42
#define SPDM_ERROR_REQUEST_RESYNCH 0x43
#define SPDM_ERROR_VENDOR_DEFINED 0xff

/* Capability flags (DSP0274 1.2 tables 10 and 11). */
#define SPDM_CAP_CACHE (1u << 0)
#define SPDM_CAP_CERT (1u << 1)
#define SPDM_CAP_CHAL (1u << 2)
#define SPDM_CAP_MEAS_MASK (3u << 3)
#define SPDM_CAP_MEAS_NONE (0u << 3)
#define SPDM_CAP_MEAS_NO_SIG (1u << 3)
#define SPDM_CAP_MEAS_SIG (2u << 3)
#define SPDM_CAP_MEAS_FRESH (1u << 5)
#define SPDM_CAP_ENCRYPT (1u << 6)
#define SPDM_CAP_MAC (1u << 7)
#define SPDM_CAP_MUT_AUTH (1u << 8)
#define SPDM_CAP_KEY_EX (1u << 9)
#define SPDM_CAP_PSK_MASK (3u << 10)
#define SPDM_CAP_ENCAP (1u << 12)
#define SPDM_CAP_HBEAT (1u << 13)
#define SPDM_CAP_KEY_UPD (1u << 14)
#define SPDM_CAP_HANDSHAKE_IN_THE_CLEAR (1u << 15)
#define SPDM_CAP_PUB_KEY_ID (1u << 16)
#define SPDM_CAP_CHUNK (1u << 17)
#define SPDM_CAP_ALIAS_CERT (1u << 18)
#define SPDM_CAP_SET_CERT (1u << 19)
#define SPDM_CAP_CSR (1u << 20)
#define SPDM_CAP_CERT_INSTALL_RESET (1u << 21)

/* DataTransferSize lower bound in 1.2 (DSP0274 1.2 table 11). */
#define SPDM_MIN_DATA_TRANSFER_SIZE_12 42
/* CTExponent above this is rejected: 2^31 us is already 35 minutes. */
#define SPDM_MAX_CT_EXPONENT 31

/* BaseAsymAlgo bits (DSP0274 1.2 table 15). */
#define SPDM_ASYM_RSASSA_2048 (1u << 0)
#define SPDM_ASYM_RSAPSS_2048 (1u << 1)
#define SPDM_ASYM_RSASSA_3072 (1u << 2)
#define SPDM_ASYM_RSAPSS_3072 (1u << 3)
#define SPDM_ASYM_ECDSA_P256 (1u << 4)
#define SPDM_ASYM_RSASSA_4096 (1u << 5)
#define SPDM_ASYM_RSAPSS_4096 (1u << 6)
#define SPDM_ASYM_ECDSA_P384 (1u << 7)
#define SPDM_ASYM_ECDSA_P521 (1u << 8)
#define SPDM_ASYM_SM2_P256 (1u << 9)
#define SPDM_ASYM_EDDSA_ED25519 (1u << 10)
#define SPDM_ASYM_EDDSA_ED448 (1u << 11)

/* BaseHashAlgo bits (DSP0274 1.2 table 15). */
#define SPDM_HASH_SHA_256 (1u << 0)
#define SPDM_HASH_SHA_384 (1u << 1)
#define SPDM_HASH_SHA_512 (1u << 2)
#define SPDM_HASH_SHA3_256 (1u << 3)
#define SPDM_HASH_SHA3_384 (1u << 4)
#define SPDM_HASH_SHA3_512 (1u << 5)
#define SPDM_HASH_SM3_256 (1u << 6)

/* MeasurementHashAlgo bits, ALGORITHMS response only (DSP0274 1.2 table 18). */
#define SPDM_MEAS_HASH_RAW_BIT_STREAM (1u << 0)
#define SPDM_MEAS_HASH_SHA_256 (1u << 1)
#define SPDM_MEAS_HASH_SHA_384 (1u << 2)
#define SPDM_MEAS_HASH_SHA_512 (1u << 3)
#define SPDM_MEAS_HASH_SHA3_256 (1u << 4)
#define SPDM_MEAS_HASH_SHA3_384 (1u << 5)
#define SPDM_MEAS_HASH_SHA3_512 (1u << 6)
#define SPDM_MEAS_HASH_SM3_256 (1u << 7)

#define SPDM_MEAS_SPEC_DMTF 0x01

/* OtherParamsSupport opaque data formats (1.2). */
#define SPDM_OPAQUE_DATA_FMT0 0x01
#define SPDM_OPAQUE_DATA_FMT1 0x02

/* AlgStruct AlgType values (DSP0274 1.2 table 16). */
#define SPDM_ALG_TYPE_DHE 2
#define SPDM_ALG_TYPE_AEAD 3
#define SPDM_ALG_TYPE_REQ_BASE_ASYM 4
#define SPDM_ALG_TYPE_KEY_SCHEDULE 5

/* Sizes. */
#define SPDM_NONCE_SIZE 32
#define SPDM_MAX_HASH_SIZE 64
#define SPDM_MAX_SIGNATURE_SIZE 512
#define SPDM_MAX_SLOTS 8
/* Slot object header: Length (2), Reserved (2). RootHash follows. */
#define SPDM_CERT_CHAIN_HEADER_SIZE 4
/* A slot object's Length is 16 bits in SPDM 1.0 to 1.3. */
#define SPDM_MAX_CERT_CHAIN_SIZE 0xffff
#define SPDM_MAX_OPAQUE_SIZE 1024

/* CHALLENGE Param2 MeasurementSummaryHashType. */
#define SPDM_MEAS_SUMMARY_HASH_NONE 0x00
#define SPDM_MEAS_SUMMARY_HASH_TCB 0x01
#define SPDM_MEAS_SUMMARY_HASH_ALL 0xff

/* GET_MEASUREMENTS Param1 attributes and Param2 operations. */
#define SPDM_MEAS_ATTR_SIGNATURE_REQUESTED 0x01
#define SPDM_MEAS_ATTR_RAW_BIT_STREAM_REQUESTED 0x02
#define SPDM_MEAS_OPERATION_COUNT 0x00
#define SPDM_MEAS_OPERATION_ALL 0xff

/* DMTF measurement value types, bits 6:0 of DMTFSpecMeasurementValueType. */
#define SPDM_DMTF_MEAS_RAW_BIT_STREAM 0x80
#define SPDM_DMTF_MEAS_IMMUTABLE_ROM 0
#define SPDM_DMTF_MEAS_MUTABLE_FIRMWARE 1
#define SPDM_DMTF_MEAS_HARDWARE_CONFIG 2
#define SPDM_DMTF_MEAS_FIRMWARE_CONFIG 3
#define SPDM_DMTF_MEAS_MANIFEST 4
#define SPDM_DMTF_MEAS_DEVICE_MODE 5
#define SPDM_DMTF_MEAS_FIRMWARE_VERSION 6
#define SPDM_DMTF_MEAS_FIRMWARE_SVN 7

/* Timing (DSP0274 1.2 table 8): ST1 bounds responses that need no crypto. */
#define SPDM_ST1_US 100000u

/* MCTP message type of SPDM (DSP0239). */
#define MCTP_MSG_TYPE_SPDM 0x05

#endif /* SPDM_WIRE_H */
