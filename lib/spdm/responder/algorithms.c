// SPDX-License-Identifier: BSD-3-Clause
/*
 * NEGOTIATE_ALGORITHMS (DSP0274 1.2, NEGOTIATE_ALGORITHMS): the device selects
 * one bit of each offered set by a fixed priority, the same order a libspdm
 * responder uses, and echoes every AlgStruct with one bit selected.
 */
#include <errno.h>
#include <string.h>

#include <spdm/messages.h>

#include "internal.h"

static const uint32_t hash_priority[] = {
    SPDM_HASH_SHA_512,	SPDM_HASH_SHA_384,  SPDM_HASH_SHA_256,
    SPDM_HASH_SHA3_512, SPDM_HASH_SHA3_384, SPDM_HASH_SHA3_256,
    SPDM_HASH_SM3_256,
};

static const uint32_t asym_priority[] = {
    SPDM_ASYM_ECDSA_P521,  SPDM_ASYM_ECDSA_P384,    SPDM_ASYM_ECDSA_P256,
    SPDM_ASYM_RSAPSS_4096, SPDM_ASYM_RSAPSS_3072,   SPDM_ASYM_RSAPSS_2048,
    SPDM_ASYM_RSASSA_4096, SPDM_ASYM_RSASSA_3072,   SPDM_ASYM_RSASSA_2048,
    SPDM_ASYM_EDDSA_ED448, SPDM_ASYM_EDDSA_ED25519, SPDM_ASYM_SM2_P256,
};

static const uint32_t measurement_hash_priority[] = {
    SPDM_MEAS_HASH_SHA_512,  SPDM_MEAS_HASH_SHA_384,
    SPDM_MEAS_HASH_SHA_256,  SPDM_MEAS_HASH_SHA3_512,
    SPDM_MEAS_HASH_SHA3_384, SPDM_MEAS_HASH_SHA3_256,
    SPDM_MEAS_HASH_SM3_256,  SPDM_MEAS_HASH_RAW_BIT_STREAM,
};

/* DHE groups: secp521r1, secp384r1, secp256r1, ffdhe4096/3072/2048, SM2. */
static const uint32_t dhe_priority[] = {0x20, 0x10, 0x08, 0x04,
					0x02, 0x01, 0x40};
/* AEAD suites: AES-256-GCM, AES-128-GCM, ChaCha20-Poly1305, SM4-GCM. */
static const uint32_t aead_priority[] = {0x02, 0x01, 0x04, 0x08};
static const uint32_t key_schedule_priority[] = {0x01};
static const uint32_t opaque_format_priority[] = {SPDM_OPAQUE_DATA_FMT1,
						  SPDM_OPAQUE_DATA_FMT0};

static uint32_t select_bit(const uint32_t *priority, size_t count,
			   uint32_t offered)
{
	for (size_t i = 0; i < count; i++)
		if (offered & priority[i])
			return priority[i];
	return 0;
}

#define SELECT(table, offered)                                                 \
	select_bit(table, sizeof(table) / sizeof((table)[0]), offered)

/* DSP0274 1.2 ALGORITHMS: one bit selected in each AlgStruct. */
static int select_alg_structs(const struct spdm_negotiate_algorithms *req,
			      struct spdm_algorithms *rsp)
{
	for (size_t i = 0; i < req->alg_struct_count; i++) {
		const struct spdm_alg_struct *offer = &req->alg_structs[i];
		struct spdm_alg_struct *sel = &rsp->alg_structs[i];

		if (offer->alg_supported == 0)
			return -EPROTO;
		sel->alg_type = offer->alg_type;
		switch (offer->alg_type) {
		case SPDM_ALG_TYPE_DHE:
			sel->alg_supported = (uint16_t)SELECT(
			    dhe_priority, offer->alg_supported);
			break;
		case SPDM_ALG_TYPE_AEAD:
			sel->alg_supported = (uint16_t)SELECT(
			    aead_priority, offer->alg_supported);
			break;
		case SPDM_ALG_TYPE_REQ_BASE_ASYM:
			sel->alg_supported = (uint16_t)SELECT(
			    asym_priority, offer->alg_supported);
			break;
		default:
			sel->alg_supported = (uint16_t)SELECT(
			    key_schedule_priority, offer->alg_supported);
			break;
		}
	}
	rsp->alg_struct_count = req->alg_struct_count;
	return 0;
}

/* Checks of DSP0274 NEGOTIATE_ALGORITHMS beyond the codec's layout. */
static bool negotiate_request_valid(const struct spdm_negotiate_algorithms *req)
{
	uint8_t previous_type = 0;
	/* DSP0274: Length is at most 64 bytes in 1.0 and 128 from 1.1 on. */
	size_t max_length = req->header.version == SPDM_VERSION_10 ? 64 : 128;

	if (req->length > max_length)
		return false;
	for (size_t i = 0; i < req->alg_struct_count; i++) {
		uint8_t type = req->alg_structs[i].alg_type;

		/* AlgType is 2 to 5 and increases from entry to entry. */
		if (type < SPDM_ALG_TYPE_DHE ||
		    type > SPDM_ALG_TYPE_KEY_SCHEDULE || type <= previous_type)
			return false;
		previous_type = type;
	}
	return true;
}

/* Whether the device's capabilities need a hash and a signature algorithm. */
static bool needs_asym_and_hash(const struct spdm_responder *resp)
{
	return responder_has_cap(resp, SPDM_CAP_CERT) ||
	       responder_has_cap(resp, SPDM_CAP_CHAL) ||
	       responder_has_cap(resp, SPDM_CAP_MEAS_SIG);
}

static int select_measurements(struct spdm_responder *resp,
			       const struct spdm_negotiate_algorithms *req,
			       struct spdm_algorithms *rsp)
{
	if (!responder_has_cap(resp, SPDM_CAP_MEAS_MASK) ||
	    req->measurement_specification == 0)
		return 0;
	rsp->measurement_specification_sel =
	    req->measurement_specification & SPDM_MEAS_SPEC_DMTF;
	rsp->measurement_hash_algo = SELECT(
	    measurement_hash_priority, resp->profile.measurement_hash_algo);
	/* libspdm rejects a requester that offers no DMTF measurements. */
	if (rsp->measurement_specification_sel != SPDM_MEAS_SPEC_DMTF ||
	    spdm_measurement_hash_size(rsp->measurement_hash_algo) == 0)
		return -EPROTO;
	return 0;
}

/* Fills the selections; the real asym choice is what the device signs with. */
static int select_algorithms(struct spdm_responder *resp,
			     const struct spdm_negotiate_algorithms *req,
			     struct spdm_algorithms *rsp, uint32_t *asym)
{
	uint32_t offered_hash =
	    req->base_hash_algo & resp->profile.base_hash_algo;

	if (select_measurements(resp, req, rsp))
		return -EPROTO;
	*asym = SELECT(asym_priority, req->base_asym_algo & resp->key_algos);
	rsp->base_asym_sel = *asym;
	rsp->base_hash_sel = SELECT(hash_priority, offered_hash);
	if (needs_asym_and_hash(resp) &&
	    (spdm_hash_size(rsp->base_hash_sel) == 0 || *asym == 0) &&
	    !resp->plan.alg_select_set)
		return -EPROTO;
	if (req->header.version >= SPDM_VERSION_12)
		rsp->other_params_selection =
		    (uint8_t)SELECT(opaque_format_priority,
				    req->other_params_support &
					resp->profile.other_params_support);
	if (resp->plan.alg_select_set) {
		rsp->base_asym_sel = resp->plan.alg_select;
		/* The device still signs, with what its key can do. */
		if (*asym == 0)
			*asym = SELECT(asym_priority, resp->key_algos);
	}
	return select_alg_structs(req, rsp);
}

static void store_selection(struct spdm_responder *resp,
			    const struct spdm_algorithms *rsp, uint32_t asym)
{
	resp->base_asym_algo = asym;
	resp->base_hash_algo = rsp->base_hash_sel;
	resp->measurement_hash_algo = rsp->measurement_hash_algo;
	resp->measurement_specification = rsp->measurement_specification_sel;
	resp->other_params = rsp->other_params_selection;
}

int handle_negotiate_algorithms(struct spdm_responder *resp,
				const uint8_t *request, size_t length,
				struct response_buffer *out)
{
	struct spdm_negotiate_algorithms req;
	struct spdm_algorithms rsp;
	uint32_t asym = 0;
	int rc;

	if (resp->state != CONNECTION_AFTER_CAPABILITIES)
		return response_error(resp, out, SPDM_ERROR_UNEXPECTED_REQUEST,
				      0);
	if (request[0] != resp->version)
		return response_error(resp, out, SPDM_ERROR_VERSION_MISMATCH,
				      0);
	memset(&rsp, 0, sizeof(rsp));
	if (spdm_decode_negotiate_algorithms(&req, request, length) ||
	    !negotiate_request_valid(&req) ||
	    select_algorithms(resp, &req, &rsp, &asym))
		return response_error(resp, out, SPDM_ERROR_INVALID_REQUEST, 0);
	transcript_reset_for_request(resp, SPDM_NEGOTIATE_ALGORITHMS);

	rsp.header = (struct spdm_header){resp->version, SPDM_ALGORITHMS, 0, 0};
	rc = spdm_encode_algorithms(&rsp, out->data, out->capacity,
				    &out->length);
	if (rc)
		return rc;
	if (transcript_append(&resp->transcript.a, request, req.size, out->data,
			      out->length))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	store_selection(resp, &rsp, asym);
	if (slots_build(resp))
		return response_error(resp, out, SPDM_ERROR_UNSPECIFIED, 0);
	resp->state = CONNECTION_NEGOTIATED;
	return 0;
}
