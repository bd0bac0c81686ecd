// SPDX-License-Identifier: BSD-3-Clause
/*
 * The VCA exchanges: GET_VERSION, GET_CAPABILITIES and
 * NEGOTIATE_ALGORITHMS. Each pair enters transcript A.
 */
#include <errno.h>
#include <string.h>

#include "connection.h"

static bool version_implemented(uint8_t version)
{
	return version == SPDM_VERSION_10 || version == SPDM_VERSION_11 ||
	       version == SPDM_VERSION_12;
}

int spdm_select_version(const uint16_t *entries, size_t count,
			uint8_t min_version, uint8_t max_version,
			uint8_t *version, uint16_t *entry)
{
	uint8_t best = 0;

	/*
	 * DSP0274 1.2 section 10.3: compare major.minor only; the update
	 * and alpha nibbles do not change the wire format. The first entry
	 * of a version listed twice is kept.
	 */
	for (size_t i = 0; i < count; i++) {
		uint8_t candidate = SPDM_VERSION_ENTRY_MAJOR_MINOR(entries[i]);

		if (candidate < min_version || candidate > max_version ||
		    !version_implemented(candidate) || candidate <= best)
			continue;
		best = candidate;
		*entry = entries[i];
	}
	if (!best)
		return -ENOENT;
	*version = best;
	return 0;
}

int spdm_exchange_version(struct spdm_connection *conn, const uint8_t *request,
			  size_t request_length, const uint8_t *response,
			  size_t response_length)
{
	struct spdm_get_version get;
	struct spdm_version version;
	int rc;

	rc = spdm_decode_get_version(&get, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc, "GET_VERSION");
	/* DSP0274 1.2 section 10.3: GET_VERSION restarts the connection. */
	spdm_connection_reset(conn);

	rc = spdm_decode_version(&version, response, response_length);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "VERSION",
						   response_length);
	conn->version_entry_count = version.entry_count;
	memcpy(conn->version_entries, version.entries,
	       version.entry_count * sizeof(version.entries[0]));

	rc = spdm_connection_record(conn, &conn->transcript.a, request,
				    get.size, response, version.size);
	if (rc)
		return rc;
	conn->stage = SPDM_STAGE_VERSION;
	return 0;
}

/* Returns the VERSION entry for a version, or 0 when it was not listed. */
static uint16_t listed_entry(const struct spdm_connection *conn,
			     uint8_t version)
{
	for (size_t i = 0; i < conn->version_entry_count; i++)
		if (SPDM_VERSION_ENTRY_MAJOR_MINOR(conn->version_entries[i]) ==
		    version)
			return conn->version_entries[i];
	return 0;
}

static int check_capabilities_request(struct spdm_connection *conn,
				      const struct spdm_capabilities *request)
{
	uint8_t version = request->header.version;

	conn->version_entry = listed_entry(conn, version);
	if (!conn->version_entry)
		return spdm_connection_fail(
			conn, SPDM_REASON_PROTOCOL_VIOLATION,
			"GET_CAPABILITIES: version %u.%u was not in VERSION",
			version >> 4, version & 0x0f);
	return 0;
}

int spdm_exchange_capabilities(struct spdm_connection *conn,
			       const uint8_t *request, size_t request_length,
			       const uint8_t *response, size_t response_length)
{
	struct spdm_capabilities get;
	struct spdm_capabilities caps;
	int rc;

	rc = spdm_decode_get_capabilities(&get, request, request_length);
	if (rc)
		return spdm_connection_fail_request(conn, rc,
						    "GET_CAPABILITIES");
	rc = check_capabilities_request(conn, &get);
	if (rc)
		return rc;

	rc = spdm_decode_capabilities(&caps, response, response_length);
	if (rc)
		return spdm_connection_fail_decode(conn, rc, "CAPABILITIES",
						   response_length);
	rc = spdm_check_responder_capabilities(conn, get.header.version,
					       &caps);
	if (rc)
		return rc;

	rc = spdm_connection_record(conn, &conn->transcript.a, request,
				    get.size, response, caps.size);
	if (rc)
		return rc;
	conn->version = get.header.version;
	conn->requester_flags = get.flags;
	conn->requester_data_transfer_size = get.data_transfer_size;
	conn->ct_exponent = caps.ct_exponent;
	conn->capabilities = caps.flags;
	conn->data_transfer_size = caps.data_transfer_size;
	conn->max_spdm_msg_size = caps.max_spdm_msg_size;
	conn->stage = SPDM_STAGE_CAPABILITIES;
	return 0;
}
