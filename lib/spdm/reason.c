// SPDX-License-Identifier: BSD-3-Clause
#include <string.h>

#include <spdm/reason.h>
#include <spdm/wire.h>

static const char *const reason_names[SPDM_REASON_COUNT] = {
	[SPDM_REASON_NONE] = "none",
	[SPDM_REASON_NO_COMMON_VERSION] = "no-common-version",
	[SPDM_REASON_MALFORMED_RESPONSE] = "malformed-response",
	[SPDM_REASON_UNEXPECTED_RESPONSE] = "unexpected-response",
	[SPDM_REASON_PROTOCOL_VIOLATION] = "protocol-violation",
	[SPDM_REASON_ILLEGAL_CAPABILITIES] = "illegal-capabilities",
	[SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION] =
		"illegal-algorithm-selection",
	[SPDM_REASON_UNSUPPORTED_ALGORITHM] = "unsupported-algorithm",
	[SPDM_REASON_NO_CERTIFICATE] = "no-certificate",
	[SPDM_REASON_CERT_PORTION_INVALID] = "cert-portion-invalid",
	[SPDM_REASON_CHAIN_TOO_LARGE] = "chain-too-large",
	[SPDM_REASON_CHAIN_MALFORMED] = "chain-malformed",
	[SPDM_REASON_ROOT_HASH_MISMATCH] = "root-hash-mismatch",
	[SPDM_REASON_DIGEST_MISMATCH] = "digest-mismatch",
	[SPDM_REASON_CHAIN_INVALID] = "chain-invalid",
	[SPDM_REASON_CHAIN_UNTRUSTED] = "chain-untrusted",
	[SPDM_REASON_CERT_EXPIRED] = "cert-expired",
	[SPDM_REASON_CERT_NOT_YET_VALID] = "cert-not-yet-valid",
	[SPDM_REASON_LEAF_WRONG_ROLE] = "leaf-wrong-role",
	[SPDM_REASON_LEAF_KEY_MISMATCH] = "leaf-key-mismatch",
	[SPDM_REASON_LEAF_INVALID] = "leaf-invalid",
	[SPDM_REASON_CERT_CHAIN_HASH_MISMATCH] = "cert-chain-hash-mismatch",
	[SPDM_REASON_SIGNATURE_INVALID] = "signature-invalid",
	[SPDM_REASON_NONCE_INVALID] = "nonce-invalid",
	[SPDM_REASON_MEASUREMENTS_INVALID] = "measurements-invalid",
	[SPDM_REASON_NO_PROOF_OF_POSSESSION] = "no-proof-of-possession",
	[SPDM_REASON_CHAIN_CHANGED] = "chain-changed",
	[SPDM_REASON_BUSY] = "busy",
	[SPDM_REASON_TIMEOUT] = "timeout",
	[SPDM_REASON_LINK_LOST] = "link-lost",
	[SPDM_REASON_DEVICE_ERROR] = "device-error",
	[SPDM_REASON_RESOURCE_LIMIT] = "resource-limit",
	[SPDM_REASON_INTERNAL_ERROR] = "internal-error",
};

const char *spdm_reason_name(enum spdm_reason reason)
{
	if ((unsigned int)reason >= SPDM_REASON_COUNT)
		return reason_names[SPDM_REASON_INTERNAL_ERROR];
	return reason_names[reason];
}

int spdm_reason_from_name(const char *name)
{
	for (int i = 0; i < SPDM_REASON_COUNT; i++)
		if (strcmp(reason_names[i], name) == 0)
			return i;
	return -1;
}

const char *spdm_error_code_name(unsigned int code)
{
	switch (code) {
	case SPDM_ERROR_INVALID_REQUEST:
		return "InvalidRequest";
	case SPDM_ERROR_BUSY:
		return "Busy";
	case SPDM_ERROR_UNEXPECTED_REQUEST:
		return "UnexpectedRequest";
	case SPDM_ERROR_UNSPECIFIED:
		return "Unspecified";
	case SPDM_ERROR_DECRYPT_ERROR:
		return "DecryptError";
	case SPDM_ERROR_UNSUPPORTED_REQUEST:
		return "UnsupportedRequest";
	case SPDM_ERROR_REQUEST_IN_FLIGHT:
		return "RequestInFlight";
	case SPDM_ERROR_INVALID_RESPONSE_CODE:
		return "InvalidResponseCode";
	case SPDM_ERROR_SESSION_LIMIT_EXCEEDED:
		return "SessionLimitExceeded";
	case SPDM_ERROR_SESSION_REQUIRED:
		return "SessionRequired";
	case SPDM_ERROR_RESET_REQUIRED:
		return "ResetRequired";
	case SPDM_ERROR_RESPONSE_TOO_LARGE:
		return "ResponseTooLarge";
	case SPDM_ERROR_REQUEST_TOO_LARGE:
		return "RequestTooLarge";
	case SPDM_ERROR_LARGE_RESPONSE:
		return "LargeResponse";
	case SPDM_ERROR_MESSAGE_LOST:
		return "MessageLost";
	case SPDM_ERROR_VERSION_MISMATCH:
		return "VersionMismatch";
	case SPDM_ERROR_RESPONSE_NOT_READY:
		return "ResponseNotReady";
	case SPDM_ERROR_REQUEST_RESYNCH:
		return "RequestResynch";
	case SPDM_ERROR_VENDOR_DEFINED:
		return "Vendor/Other";
	default:
		return "Reserved";
	}
}

const char *spdm_message_name(unsigned int code)
{
	switch (code) {
	case SPDM_GET_DIGESTS:
		return "GET_DIGESTS";
	case SPDM_GET_CERTIFICATE:
		return "GET_CERTIFICATE";
	case SPDM_CHALLENGE:
		return "CHALLENGE";
	case SPDM_GET_VERSION:
		return "GET_VERSION";
	case SPDM_CHUNK_SEND:
		return "CHUNK_SEND";
	case SPDM_CHUNK_GET:
		return "CHUNK_GET";
	case SPDM_GET_MEASUREMENTS:
		return "GET_MEASUREMENTS";
	case SPDM_GET_CAPABILITIES:
		return "GET_CAPABILITIES";
	case SPDM_NEGOTIATE_ALGORITHMS:
		return "NEGOTIATE_ALGORITHMS";
	case SPDM_RESPOND_IF_READY:
		return "RESPOND_IF_READY";
	case SPDM_DIGESTS:
		return "DIGESTS";
	case SPDM_CERTIFICATE:
		return "CERTIFICATE";
	case SPDM_CHALLENGE_AUTH:
		return "CHALLENGE_AUTH";
	case SPDM_VERSION:
		return "VERSION";
	case SPDM_CHUNK_SEND_ACK:
		return "CHUNK_SEND_ACK";
	case SPDM_CHUNK_RESPONSE:
		return "CHUNK_RESPONSE";
	case SPDM_MEASUREMENTS:
		return "MEASUREMENTS";
	case SPDM_CAPABILITIES:
		return "CAPABILITIES";
	case SPDM_ALGORITHMS:
		return "ALGORITHMS";
	case SPDM_ERROR:
		return "ERROR";
	default:
		return "UNKNOWN";
	}
}
