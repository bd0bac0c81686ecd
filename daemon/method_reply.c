// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <spdm/messages.h>

#include "cert_info.h"
#include "dbus_objects.h"
#include "method_reply.h"
#include "trust.h"

static char *base64_encode(const uint8_t *data, size_t size)
{
	size_t encoded_size = 4 * ((size + 2) / 3) + 1;
	char *encoded;

	if (size > INT32_MAX / 2)
		return NULL;
	encoded = malloc(encoded_size);
	if (!encoded)
		return NULL;
	EVP_EncodeBlock((unsigned char *)encoded, data, (int)size);
	return encoded;
}

static int check_result(struct endpoint *endpoint, uint8_t slot,
			const struct spdm_result *result, char *text,
			size_t text_size)
{
	struct verdict verdict;
	char pin_key[PIN_MAX_KEY + 1];

	if (result->slot_mask)
		endpoint->status.slot_mask = result->slot_mask;
	if (result->slot_mask && !(result->slot_mask & (1u << slot))) {
		snprintf(text, text_size,
			 "SlotId: slot %u is not provisioned on the device "
			 "(slot mask 0x%02x)",
			 slot, result->slot_mask);
		return -EINVAL;
	}
	trust_pin_key(endpoint->name, endpoint->uuid, pin_key, sizeof(pin_key));
	trust_decide(&endpoint->daemon->trust, pin_key, result, &verdict);
	if (!verdict.passed) {
		snprintf(text, text_size, "%s: %s",
			 spdm_reason_name(verdict.reason), verdict.detail);
		return -EIO;
	}
	if (!result->signed_measurements) {
		snprintf(text, text_size,
			 "internal-error: the exchange produced no signed "
			 "measurements");
		return -EIO;
	}
	return 0;
}

/* Publishes a chain that the full flow read for a slot without an object. */
static void publish_chain(struct endpoint *endpoint, uint8_t slot,
			  const struct spdm_result *result)
{
	int ret;

	if (!result->cert_chain)
		return;
	ret =
	    dbus_cert_publish(endpoint, slot, result->cert_chain,
			      result->cert_chain_size, result->base_hash_algo);
	if (ret == 1 && slot == endpoint->slot)
		dbus_endpoint_emit_changes(endpoint, ENDPOINT_CHANGED_CERTS);
}

static int send_reply(sd_bus_message *call, const struct cert_object *cert,
		      const struct spdm_result *result, char *text,
		      size_t text_size)
{
	char version[8];
	char *signed_base64;
	int ret;

	signed_base64 = base64_encode(result->signed_measurements,
				      result->signed_measurements_size);
	if (!signed_base64) {
		snprintf(text, text_size,
			 "internal-error: failed to encode the reply");
		return -ENOMEM;
	}
	/* Version is major.minor, from the SPDMVersion byte. */
	snprintf(version, sizeof(version), "%u.%u", result->version >> 4,
		 result->version & 0x0f);
	ret = sd_bus_reply_method_return(
	    call, "osssss", cert->path,
	    spdm_hash_algo_name(result->base_hash_algo),
	    cert->info.public_key_pem,
	    signed_base64, spdm_asym_algo_name(result->base_asym_algo),
	    version);
	free(signed_base64);
	if (ret < 0)
		log_message(LOG_WARNING, "failed to send a method reply: %s",
			    strerror(-ret));
	return 0;
}

int method_reply_send(struct endpoint *endpoint, sd_bus_message *call,
		      uint8_t slot, bool pinned_flow,
		      const struct spdm_result *result, char *text,
		      size_t text_size)
{
	const struct cert_object *cert;
	int ret;

	ret = check_result(endpoint, slot, result, text, text_size);
	if (ret < 0)
		return ret;
	if (!pinned_flow)
		publish_chain(endpoint, slot, result);
	cert = endpoint->certs[slot];
	if (!cert) {
		snprintf(text, text_size,
			 "internal-error: no certificate object for slot %u",
			 slot);
		return -EIO;
	}
	return send_reply(call, cert, result, text, text_size);
}
