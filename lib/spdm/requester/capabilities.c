// SPDX-License-Identifier: BSD-3-Clause
/*
 * Checks of a responder's CAPABILITIES: flag combinations DSP0274 forbids
 * (1.2 table 11 and the 1.0 and 1.1 flag tables) and the 1.2 sizes.
 */
#include <errno.h>

#include "connection.h"

static int illegal(struct spdm_connection *conn, uint32_t flags,
		   const char *rule)
{
	return spdm_connection_fail(conn, SPDM_REASON_ILLEGAL_CAPABILITIES,
				    "CAPABILITIES: Flags 0x%08x: %s", flags,
				    rule);
}

static bool has(uint32_t flags, uint32_t bits)
{
	return (flags & bits) != 0;
}

/* Rules of every version (DSP0274 1.0 to 1.2 responder flag tables). */
static int check_common(struct spdm_connection *conn, uint32_t flags)
{
	uint32_t meas = flags & SPDM_CAP_MEAS_MASK;

	if (meas == SPDM_CAP_MEAS_MASK)
		return illegal(conn, flags, "MEAS_CAP 11b is reserved");
	if (has(flags, SPDM_CAP_MEAS_FRESH) && meas == SPDM_CAP_MEAS_NONE)
		return illegal(conn, flags, "MEAS_FRESH_CAP without MEAS_CAP");
	return 0;
}

/* DSP0274 1.0: CERT_CAP and CHAL_CAP go together; signed needs CERT_CAP. */
static int check_10(struct spdm_connection *conn, uint32_t flags)
{
	uint32_t meas = flags & SPDM_CAP_MEAS_MASK;
	bool cert = has(flags, SPDM_CAP_CERT);

	if (meas == SPDM_CAP_MEAS_SIG && !cert)
		return illegal(conn, flags, "MEAS_CAP 10b without CERT_CAP");
	if (meas != SPDM_CAP_MEAS_SIG && cert != has(flags, SPDM_CAP_CHAL))
		return illegal(conn, flags, "CERT_CAP without CHAL_CAP or "
					    "CHAL_CAP without CERT_CAP");
	return 0;
}

/* DSP0274 1.1 and 1.2: session capabilities need their partners. */
static int check_11_sessions(struct spdm_connection *conn, uint32_t flags)
{
	uint32_t psk = flags & SPDM_CAP_PSK_MASK;
	bool key_ex = has(flags, SPDM_CAP_KEY_EX);
	bool secured = has(flags, SPDM_CAP_MAC | SPDM_CAP_ENCRYPT);

	if (psk == SPDM_CAP_PSK_MASK)
		return illegal(conn, flags, "PSK_CAP 11b is reserved");
	if ((key_ex || psk) && !secured)
		return illegal(conn, flags,
			       "KEY_EX_CAP or PSK_CAP without MAC_CAP or "
			       "ENCRYPT_CAP");
	if (has(flags, SPDM_CAP_MAC | SPDM_CAP_ENCRYPT |
			       SPDM_CAP_HANDSHAKE_IN_THE_CLEAR |
			       SPDM_CAP_HBEAT | SPDM_CAP_KEY_UPD) &&
	    !key_ex && !psk)
		return illegal(conn, flags,
			       "session capability without KEY_EX_CAP or "
			       "PSK_CAP");
	if (has(flags, SPDM_CAP_HANDSHAKE_IN_THE_CLEAR) && !key_ex)
		return illegal(conn, flags,
			       "HANDSHAKE_IN_THE_CLEAR_CAP without "
			       "KEY_EX_CAP");
	return 0;
}

/* DSP0274 1.1 and 1.2: a key source goes with a use of the key. */
static int check_11_keys(struct spdm_connection *conn, uint32_t flags)
{
	bool key_source = has(flags, SPDM_CAP_CERT | SPDM_CAP_PUB_KEY_ID);
	bool signed_meas = (flags & SPDM_CAP_MEAS_MASK) == SPDM_CAP_MEAS_SIG;
	bool key_use = has(flags, SPDM_CAP_CHAL | SPDM_CAP_KEY_EX) ||
		       signed_meas;

	if (has(flags, SPDM_CAP_CERT) && has(flags, SPDM_CAP_PUB_KEY_ID))
		return illegal(conn, flags, "CERT_CAP with PUB_KEY_ID_CAP");
	if (key_source && !key_use)
		return illegal(conn, flags,
			       "CERT_CAP or PUB_KEY_ID_CAP without CHAL_CAP, "
			       "KEY_EX_CAP or signed measurements");
	if (!key_source && (key_use || has(flags, SPDM_CAP_MUT_AUTH)))
		return illegal(conn, flags,
			       "a signing capability without CERT_CAP or "
			       "PUB_KEY_ID_CAP");
	if (has(flags, SPDM_CAP_MUT_AUTH) &&
	    !has(flags, SPDM_CAP_KEY_EX | SPDM_CAP_CHAL))
		return illegal(conn, flags,
			       "MUT_AUTH_CAP without KEY_EX_CAP or CHAL_CAP");
	return 0;
}

/* DSP0274 1.1 only: mutual authentication runs through ENCAP. */
static int check_11_only(struct spdm_connection *conn, uint32_t flags)
{
	if (has(flags, SPDM_CAP_MUT_AUTH) && !has(flags, SPDM_CAP_ENCAP))
		return illegal(conn, flags, "MUT_AUTH_CAP without ENCAP_CAP");
	return 0;
}

/* DSP0274 1.2 table 11: certificate provisioning capabilities. */
static int check_12_flags(struct spdm_connection *conn, uint32_t flags)
{
	if (has(flags, SPDM_CAP_ALIAS_CERT | SPDM_CAP_SET_CERT) &&
	    !has(flags, SPDM_CAP_CERT))
		return illegal(conn, flags,
			       "ALIAS_CERT_CAP or SET_CERT_CAP without "
			       "CERT_CAP");
	if (has(flags, SPDM_CAP_CSR) && !has(flags, SPDM_CAP_SET_CERT))
		return illegal(conn, flags, "CSR_CAP without SET_CERT_CAP");
	if (has(flags, SPDM_CAP_CERT_INSTALL_RESET) &&
	    !has(flags, SPDM_CAP_CSR | SPDM_CAP_SET_CERT))
		return illegal(conn, flags,
			       "CERT_INSTALL_RESET_CAP without CSR_CAP or "
			       "SET_CERT_CAP");
	return 0;
}

/* DSP0274 1.2 table 11: DataTransferSize and MaxSPDMmsgSize. */
static int check_12_sizes(struct spdm_connection *conn,
			  const struct spdm_capabilities *caps)
{
	uint32_t dts = caps->data_transfer_size;
	uint32_t max = caps->max_spdm_msg_size;

	if (dts < SPDM_MIN_DATA_TRANSFER_SIZE_12)
		return spdm_connection_fail(
			conn, SPDM_REASON_ILLEGAL_CAPABILITIES,
			"CAPABILITIES: DataTransferSize %u below %u", dts,
			SPDM_MIN_DATA_TRANSFER_SIZE_12);
	if (dts > max)
		return spdm_connection_fail(
			conn, SPDM_REASON_ILLEGAL_CAPABILITIES,
			"CAPABILITIES: DataTransferSize %u above "
			"MaxSPDMmsgSize %u",
			dts, max);
	if (!has(caps->flags, SPDM_CAP_CHUNK) && dts != max)
		return spdm_connection_fail(
			conn, SPDM_REASON_ILLEGAL_CAPABILITIES,
			"CAPABILITIES: DataTransferSize %u differs from "
			"MaxSPDMmsgSize %u without CHUNK_CAP",
			dts, max);
	return 0;
}

int spdm_check_responder_capabilities(struct spdm_connection *conn,
				      uint8_t version,
				      const struct spdm_capabilities *caps)
{
	uint32_t flags = caps->flags;
	int rc;

	if (caps->ct_exponent > SPDM_MAX_CT_EXPONENT)
		return spdm_connection_fail(
			conn, SPDM_REASON_ILLEGAL_CAPABILITIES,
			"CAPABILITIES: CTExponent %u above %u",
			caps->ct_exponent, SPDM_MAX_CT_EXPONENT);
	rc = check_common(conn, flags);
	if (rc || version == SPDM_VERSION_10)
		return rc ? rc : check_10(conn, flags);

	rc = check_11_sessions(conn, flags);
	if (!rc)
		rc = check_11_keys(conn, flags);
	if (!rc && version == SPDM_VERSION_11)
		rc = check_11_only(conn, flags);
	if (!rc && version >= SPDM_VERSION_12)
		rc = check_12_flags(conn, flags);
	if (!rc && version >= SPDM_VERSION_12)
		rc = check_12_sizes(conn, caps);
	return rc;
}
