// SPDX-License-Identifier: BSD-3-Clause
/*
 * The facts a certificate object publishes, parsed once from a slot
 * object of the DMTF ECDSA P-384 sample chain in SPDM_TESTDATA. They are
 * where each certificate lies, the leaf's names and validity, and the
 * PEM chain written from the DER without parsing it again.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <spdm/cert_chain.h>
#include <spdm/wire.h>

#include "cert_info.h"
#include "fileio.h"

static char *read_sample(const char *file, size_t *length)
{
	const char *testdata = getenv("SPDM_TESTDATA");
	char path[512];
	char *data;

	assert_non_null(testdata);
	snprintf(path, sizeof(path), "%s/dmtf-sample-keys/ecp384/%s", testdata,
		 file);
	assert_int_equal(file_read(path, 1 << 20, &data, length), 0);
	return data;
}

static uint8_t *sample_slot_object(size_t *size)
{
	size_t length;
	char *der = read_sample("bundle_responder.certchain.der", &length);
	uint8_t *slot_object = NULL;

	assert_int_equal(spdm_cert_chain_build(SPDM_HASH_SHA_384,
					       (const uint8_t *)der, length,
					       &slot_object, size),
			 0);
	free(der);
	return slot_object;
}

/* The PEM of one sample certificate file, as OpenSSL writes it. */
static char *pem_of(const char *file)
{
	size_t length;
	char *der = read_sample(file, &length);
	const unsigned char *cursor = (const unsigned char *)der;
	X509 *cert = d2i_X509(NULL, &cursor, (long)length);
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	char *text;
	long size;

	assert_non_null(cert);
	assert_non_null(bio);
	assert_int_equal(PEM_write_bio_X509(bio, cert), 1);
	size = BIO_get_mem_data(bio, &data);
	text = calloc(1, (size_t)size + 1);
	assert_non_null(text);
	memcpy(text, data, (size_t)size);
	BIO_free(bio);
	X509_free(cert);
	free(der);
	return text;
}

static void sample_chain_facts(void **state)
{
	struct cert_info info;
	size_t size;
	uint8_t *slot_object = sample_slot_object(&size);

	assert_int_equal(cert_info_from_slot_object(slot_object, size,
						    SPDM_HASH_SHA_384, &info),
			 0);
	assert_int_equal(info.cert_count, 3);
	assert_int_equal(info.der_offset[0], 4 + 48);
	assert_int_equal(info.der_offset[2] + info.der_size[2], size);
	assert_string_equal(info.subject,
			    "CN=DMTF libspdm ECP384 responder cert");
	assert_string_equal(info.issuer,
			    "CN=DMTF libspdm ECP384 intermediate cert");
	assert_string_equal(info.key_usage[0], "DigitalSignature");
	assert_null(info.key_usage[info.key_usage_count]);
	assert_true(info.not_before < info.not_after);
	assert_non_null(strstr(info.public_key_pem,
			       "-----BEGIN PUBLIC KEY-----"));
	cert_info_clear(&info);
	assert_null(info.subject);
	assert_int_equal(info.cert_count, 0);
	free(slot_object);
}

/* The PEM written from the DER is OpenSSL's PEM, leaf first. */
static void pem_chain_leaf_first(void **state)
{
	static const char *const files[] = { "end_responder.cert.der",
					     "inter.cert.der", "ca.cert.der" };
	struct cert_info info;
	char expected[8192] = "";
	size_t size;
	uint8_t *slot_object = sample_slot_object(&size);
	char *pem;

	for (size_t i = 0; i < 3; i++) {
		char *one = pem_of(files[i]);

		strncat(expected, one, sizeof(expected) - strlen(expected) - 1);
		free(one);
	}
	assert_int_equal(cert_info_from_slot_object(slot_object, size,
						    SPDM_HASH_SHA_384, &info),
			 0);
	pem = cert_info_pem_chain(&info, slot_object);
	assert_non_null(pem);
	assert_string_equal(pem, expected);
	free(pem);
	cert_info_clear(&info);
	free(slot_object);
}

static void bad_slot_objects_rejected(void **state)
{
	struct cert_info info;
	size_t size;
	uint8_t *slot_object = sample_slot_object(&size);

	/* A byte short: the leaf does not parse. */
	assert_int_equal(cert_info_from_slot_object(slot_object, size - 1,
						    SPDM_HASH_SHA_384, &info),
			 -EBADMSG);
	assert_null(info.subject);
	/* Only the header and RootHash. */
	assert_int_equal(cert_info_from_slot_object(slot_object, 4 + 48,
						    SPDM_HASH_SHA_384, &info),
			 -EBADMSG);
	assert_int_equal(cert_info_from_slot_object(slot_object, size, 0,
						    &info),
			 -EBADMSG);
	assert_int_equal(cert_info_from_slot_object(NULL, size,
						    SPDM_HASH_SHA_384, &info),
			 -EBADMSG);
	free(slot_object);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_chain_facts),
		cmocka_unit_test(pem_chain_leaf_first),
		cmocka_unit_test(bad_slot_objects_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
