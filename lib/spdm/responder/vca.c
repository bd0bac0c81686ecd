// SPDX-License-Identifier: BSD-3-Clause
/*
 * Version, capabilities and algorithms (the "VCA" messages of transcript
 * A), handled as DSP0274 1.0-1.2 requires and a libspdm responder
 * does.
 */
#include <errno.h>
#include <string.h>

#include <spdm/messages.h>

#include "internal.h"

int handle_get_version(struct spdm_responder *resp, const uint8_t *request,
		       size_t length, struct response_buffer *out)
{
	struct spdm_version version = {
	    .header = {SPDM_VERSION_10, SPDM_VERSION, 0, 0},
	};
	const uint16_t *entries = resp->profile.versions;
	size_t count = resp->profile.version_count;
	int rc;

	/*
	 * DSP0274 1.2 GET_VERSION: the request is always version 1.0, and
	 * so is the ERROR that rejects it.
	 */
	if (request[0] != SPDM_VERSION_10) {
		struct spdm_error error = {
		    .header = {SPDM_VERSION_10, SPDM_ERROR,
			       SPDM_ERROR_VERSION_MISMATCH, 0},
		};

		return spdm_encode_error(&error, out->data, out->capacity,
					 &out->length);
	}
	/* GET_VERSION restarts the connection and every transcript. */
	connection_reset(resp);
	if (resp->plan.version_count) {
		entries = resp->plan.versions;
		count = resp->plan.version_count;
	}
	version.entry_count = (uint8_t)count;
	memcpy(version.entries, entries, count * sizeof(entries[0]));
	rc = spdm_encode_version(&version, out->data, out->capacity,
				 &out->length);
	if (rc)
		return rc;
	rc = transcript_append(&resp->transcript.a, request, 4, out->data,
			       out->length);
	if (rc)
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	resp->state = CONNECTION_AFTER_VERSION;
	return 0;
}

/*
 * Whether the device accepts version for the connection: it must be
 * advertised in VERSION and be one of 1.0, 1.1 and 1.2.
 */
static bool version_accepted(const struct spdm_responder *resp, uint8_t version)
{
	const uint16_t *entries = resp->profile.versions;
	size_t count = resp->profile.version_count;

	if (version < SPDM_VERSION_10 || version > SPDM_VERSION_12)
		return false;
	if (resp->plan.version_count) {
		entries = resp->plan.versions;
		count = resp->plan.version_count;
	}
	for (size_t i = 0; i < count; i++)
		if (SPDM_VERSION_ENTRY_MAJOR_MINOR(entries[i]) == version)
			return true;
	return false;
}

/* DSP0274 1.1 and 1.2 rules on requester capability flag combinations. */
static bool requester_flags_valid(uint32_t flags, uint8_t version)
{
	bool cert = flags & SPDM_CAP_CERT;
	bool chal = flags & SPDM_CAP_CHAL;
	bool key_ex = flags & SPDM_CAP_KEY_EX;
	bool mut_auth = flags & SPDM_CAP_MUT_AUTH;
	bool pub_key_id = flags & SPDM_CAP_PUB_KEY_ID;
	unsigned int psk = (flags & SPDM_CAP_PSK_MASK) >> 10;
	uint32_t session_only = SPDM_CAP_MAC | SPDM_CAP_ENCRYPT |
				SPDM_CAP_HANDSHAKE_IN_THE_CLEAR |
				SPDM_CAP_HBEAT | SPDM_CAP_KEY_UPD;

	if (version < SPDM_VERSION_11)
		return true;
	if (psk >= 2)
		return false;
	if ((key_ex || psk) && !(flags & SPDM_CAP_MAC))
		return false;
	if (!key_ex && !psk && (flags & session_only))
		return false;
	if (!key_ex && psk && (flags & SPDM_CAP_HANDSHAKE_IN_THE_CLEAR))
		return false;
	if (cert && pub_key_id)
		return false;
	if ((cert || pub_key_id) && !chal && !key_ex)
		return false;
	if (!cert && !pub_key_id && (chal || mut_auth))
		return false;
	if (mut_auth && !key_ex && !chal)
		return false;
	if (version == SPDM_VERSION_11 && mut_auth && !(flags & SPDM_CAP_ENCAP))
		return false;
	return true;
}

/* DSP0274 1.2 checks on a GET_CAPABILITIES request. */
static bool capabilities_request_valid(const struct spdm_capabilities *req)
{
	uint8_t version = req->header.version;

	if (!requester_flags_valid(req->flags, version))
		return false;
	if (version >= SPDM_VERSION_11 &&
	    req->ct_exponent > SPDM_MAX_CT_EXPONENT)
		return false;
	if (version < SPDM_VERSION_12)
		return true;
	if (req->data_transfer_size < SPDM_MIN_DATA_TRANSFER_SIZE_12 ||
	    req->data_transfer_size > req->max_spdm_msg_size)
		return false;
	if (!(req->flags & SPDM_CAP_CHUNK) &&
	    req->data_transfer_size != req->max_spdm_msg_size)
		return false;
	return true;
}

static void store_requester_capabilities(struct spdm_responder *resp,
					 const struct spdm_capabilities *req)
{
	uint8_t version = req->header.version;

	resp->requester_flags = version >= SPDM_VERSION_11 ? req->flags : 0;
	if (version >= SPDM_VERSION_12) {
		resp->requester_data_transfer_size = req->data_transfer_size;
		resp->requester_max_spdm_msg_size = req->max_spdm_msg_size;
	}
}

int handle_get_capabilities(struct spdm_responder *resp, const uint8_t *request,
			    size_t length, struct response_buffer *out)
{
	struct spdm_capabilities req;
	struct spdm_capabilities rsp = {0};
	int rc;

	/* libspdm checks the state first, then the version. */
	if (resp->state != CONNECTION_AFTER_VERSION)
		return response_error(resp, out, SPDM_ERROR_UNEXPECTED_REQUEST,
				      0);
	if (!version_accepted(resp, request[0]))
		return response_error(resp, out, SPDM_ERROR_VERSION_MISMATCH,
				      0);
	/* The requester's version byte fixes the connection's version. */
	resp->version = request[0];
	if (spdm_decode_get_capabilities(&req, request, length) ||
	    !capabilities_request_valid(&req))
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	transcript_reset_for_request(resp, SPDM_GET_CAPABILITIES);

	rsp.header =
	    (struct spdm_header){resp->version, SPDM_CAPABILITIES, 0, 0};
	rsp.ct_exponent = resp->profile.ct_exponent;
	rsp.flags = responder_advertised_flags(resp);
	rsp.data_transfer_size = resp->profile.data_transfer_size;
	rsp.max_spdm_msg_size = resp->profile.max_spdm_msg_size;
	rc = spdm_encode_capabilities(&rsp, out->data, out->capacity,
				      &out->length);
	if (rc)
		return rc;
	if (transcript_append(&resp->transcript.a, request, req.size, out->data,
			      out->length))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	store_requester_capabilities(resp, &req);
	resp->state = CONNECTION_AFTER_CAPABILITIES;
	return 0;
}
