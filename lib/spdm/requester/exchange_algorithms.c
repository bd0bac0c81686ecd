// SPDX-License-Identifier: BSD-3-Clause
/*
 * NEGOTIATE_ALGORITHMS and ALGORITHMS: the responder selects at most one
 * of the algorithms offered in each field (DSP0274 1.2 table 15 and the
 * ALGORITHMS response table).
 */
#include <errno.h>

#include "connection.h"

static int illegal(struct spdm_connection *conn, const char *field,
		   uint32_t selected, const char *rule)
{
	return spdm_connection_fail(conn,
				    SPDM_REASON_ILLEGAL_ALGORITHM_SELECTION,
				    "ALGORITHMS: %s 0x%08x %s", field,
				    selected, rule);
}

/* Checks a selection: one bit at most, offered, and present if needed. */
static int check_one_of(struct spdm_connection *conn, const char *field,
			uint32_t selected, uint32_t offered, bool needed)
{
	if (__builtin_popcount(selected) > 1)
		return illegal(conn, field, selected, "has several bits set");
	if (selected & ~offered)
		return illegal(conn, field, selected, "was not offered");
	if (needed && !selected)
		return illegal(conn, field, selected,
			       "selects nothing but the responder signs");
	return 0;
}

static int check_base_algorithms(struct spdm_connection *conn,
				 const struct spdm_negotiate_algorithms *offer,
				 const struct spdm_algorithms *sel)
{
	uint32_t caps = conn->capabilities;
	bool signs = (caps & (SPDM_CAP_CERT | SPDM_CAP_CHAL)) ||
		     (caps & SPDM_CAP_MEAS_MASK) == SPDM_CAP_MEAS_SIG;
	int rc;

	if (sel->ext_asym_sel_count > offer->ext_asym_count ||
	    sel->ext_hash_sel_count > offer->ext_hash_count)
		return illegal(conn, "ExtAsymSelCount/ExtHashSelCount",
			       sel->ext_asym_sel_count +
				       sel->ext_hash_sel_count,
			       "selects an extended algorithm not offered");
	rc = check_one_of(conn, "BaseAsymSel", sel->base_asym_sel,
			  offer->base_asym_algo, signs);
	if (rc)
		return rc;
	return check_one_of(conn, "BaseHashSel", sel->base_hash_sel,
			    offer->base_hash_algo, signs);
}

static int check_measurement_algorithms(
	struct spdm_connection *conn,
	const struct spdm_negotiate_algorithms *offer,
	const struct spdm_algorithms *sel)
{
	bool measures = conn->capabilities & SPDM_CAP_MEAS_MASK;
	int rc;

	rc = check_one_of(conn, "MeasurementSpecificationSel",
			  sel->measurement_specification_sel,
			  offer->measurement_specification,
			  measures && offer->measurement_specification);
	if (rc || !measures || !sel->measurement_specification_sel)
		return rc;
	/* One hash, or raw bit streams only (MeasurementHashAlgo bit 0). */
	if (__builtin_popcount(sel->measurement_hash_algo) != 1)
		return illegal(conn, "MeasurementHashAlgo",
			       sel->measurement_hash_algo,
			       "must have exactly one bit set");
	return 0;
}

static int check_other_params(struct spdm_connection *conn,
			      const struct spdm_negotiate_algorithms *offer,
			      const struct spdm_algorithms *sel)
{
	/* DSP0274 1.2: bits 3:0 of OtherParams are the opaque data formats. */
	return check_one_of(conn, "OtherParamsSelection",
			    sel->other_params_selection & 0x0f,
			    offer->other_params_support & 0x0f, false);
}

/* Returns the offered AlgStruct of a type, or NULL. */
static const struct spdm_alg_struct *
offered_struct(const struct spdm_negotiate_algorithms *offer, uint8_t type)
{
	for (size_t i = 0; i < offer->alg_struct_count; i++)
		if (offer->alg_structs[i].alg_type == type)
			return &offer->alg_structs[i];
	return NULL;
}

static int check_alg_structs(struct spdm_connection *conn,
			     const struct spdm_negotiate_algorithms *offer,
			     const struct spdm_algorithms *sel)
{
	for (size_t i = 0; i < sel->alg_struct_count; i++) {
		const struct spdm_alg_struct *got = &sel->alg_structs[i];
		const struct spdm_alg_struct *asked =
			offered_struct(offer, got->alg_type);

		if (!asked)
			return illegal(conn, "AlgType", got->alg_type,
				       "was not in the request");
		if (check_one_of(conn, "AlgSupported", got->alg_supported,
				 asked->alg_supported, false))
			return -EPROTO;
	}
	return 0;
}

/* Stores the selection and the sizes that follow from it. */
static int store_selection(struct spdm_connection *conn,
			   const struct spdm_algorithms *sel)
{
	conn->measurement_specification = sel->measurement_specification_sel;
	conn->opaque_data_format = sel->other_params_selection & 0x0f;
	conn->measurement_hash_algo = sel->measurement_hash_algo;
	conn->base_asym_algo = sel->base_asym_sel;
	conn->base_hash_algo = sel->base_hash_sel;
	conn->hash_size = spdm_hash_size(sel->base_hash_sel);
	conn->signature_size = spdm_signature_size(sel->base_asym_sel);

	if (sel->base_hash_sel && !conn->hash_size)
		return spdm_connection_fail(
			conn, SPDM_REASON_UNSUPPORTED_ALGORITHM,
			"ALGORITHMS: BaseHashSel 0x%08x is not supported",
			sel->base_hash_sel);
	if (sel->base_asym_sel && !conn->signature_size)
		return spdm_connection_fail(
			conn, SPDM_REASON_UNSUPPORTED_ALGORITHM,
			"ALGORITHMS: BaseAsymSel 0x%08x is not supported",
			sel->base_asym_sel);
	return 0;
}

int spdm_exchange_algorithms(struct spdm_connection *conn,
			     const uint8_t *request, size_t request_length,
			     const uint8_t *response, size_t response_length)
{
	struct spdm_negotiate_algorithms offer;
	struct spdm_algorithms sel;
	int rc;

	rc = spdm_decode_negotiate_algorithms(&offer, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc,
						    "NEGOTIATE_ALGORITHMS");
	rc = spdm_decode_algorithms(&sel, response, response_length);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "ALGORITHMS",
						   response_length);

	rc = check_base_algorithms(conn, &offer, &sel);
	if (!rc)
		rc = check_measurement_algorithms(conn, &offer, &sel);
	if (!rc)
		rc = check_other_params(conn, &offer, &sel);
	if (!rc)
		rc = check_alg_structs(conn, &offer, &sel);
	if (!rc)
		rc = store_selection(conn, &sel);
	if (rc)
		return rc;

	rc = spdm_connection_record(conn, &conn->transcript.a, request,
				    offer.size, response, sel.size);
	if (rc)
		return rc;
	conn->stage = SPDM_STAGE_NEGOTIATED;
	return 0;
}
