// SPDX-License-Identifier: BSD-3-Clause
/* X.509 names as one line of text. */
#include <errno.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>

#include <spdm/cert_chain.h>

/*
 * RFC 2253 order and escaping (most specific RDN first, commas without
 * spaces). Characters outside printable ASCII are escaped as \XX, so the
 * text is safe for a log line or a D-Bus string whatever the peer sent.
 */
#define NAME_FLAGS XN_FLAG_RFC2253

int spdm_x509_name_string(const X509_NAME *name, char *buf, size_t size)
{
	BIO *bio;
	char *text;
	long length;
	int ret = 0;

	if (!name || !buf || size == 0)
		return -EINVAL;
	bio = BIO_new(BIO_s_mem());
	if (!bio)
		return -ENOMEM;
	if (X509_NAME_print_ex(bio, name, 0, NAME_FLAGS) < 0) {
		BIO_free(bio);
		ERR_clear_error();
		return -EIO;
	}

	length = BIO_get_mem_data(bio, &text);
	if ((size_t)length >= size) {
		length = (long)size - 1;
		ret = -EOVERFLOW;
	}
	memcpy(buf, text, (size_t)length);
	buf[length] = '\0';
	BIO_free(bio);
	return ret;
}
