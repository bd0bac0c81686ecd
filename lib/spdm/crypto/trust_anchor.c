// SPDX-License-Identifier: BSD-3-Clause
/*
 * Per-anchor data for path validation, prepared once when the anchor is
 * added rather than for every chain: its DER encoding, the outcome of its
 * self-signature check and an X509_STORE that contains it alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509_vfy.h>

#include "cert_internal.h"

int spdm_anchor_init(struct spdm_anchor *anchor, X509 *cert)
{
	unsigned char *der = NULL;
	int der_size;

	memset(anchor, 0, sizeof(*anchor));
	der_size = i2d_X509(cert, &der);
	anchor->store = X509_STORE_new();
	if (der_size <= 0 || !anchor->store ||
	    X509_STORE_add_cert(anchor->store, cert) != 1) {
		OPENSSL_free(der);
		X509_STORE_free(anchor->store);
		ERR_clear_error();
		anchor->store = NULL;
		return -ENOMEM;
	}
	anchor->cert = cert;
	anchor->der = der;
	anchor->der_size = (size_t)der_size;
	anchor->self_signature_valid =
		spdm_cert_is_self_issued(cert) && spdm_cert_signed_by(cert, cert);
	return 0;
}

void spdm_anchor_clear(struct spdm_anchor *anchor)
{
	X509_STORE_free(anchor->store);
	X509_free(anchor->cert);
	OPENSSL_free(anchor->der);
	memset(anchor, 0, sizeof(*anchor));
}

bool spdm_anchor_has_der(const struct spdm_anchor *anchor, const uint8_t *der,
			 size_t der_size)
{
	return anchor->der_size == der_size &&
	       memcmp(anchor->der, der, der_size) == 0;
}
