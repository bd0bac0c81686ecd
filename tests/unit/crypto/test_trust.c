// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <openssl/pem.h>

#include <spdm/cert_chain.h>

#include "testdata.h"

struct scratch {
	char directory[64];
};

static int scratch_setup(void **state)
{
	struct scratch *scratch = calloc(1, sizeof(*scratch));

	if (!scratch)
		return -1;
	strcpy(scratch->directory, "/tmp/spdm-trust-XXXXXX");
	if (!mkdtemp(scratch->directory)) {
		free(scratch);
		return -1;
	}
	*state = scratch;
	return 0;
}

static int scratch_teardown(void **state)
{
	struct scratch *scratch = *state;
	char command[128];

	snprintf(command, sizeof(command), "rm -rf '%s'", scratch->directory);
	free(scratch);
	return system(command) == 0 ? 0 : -1;
}

static const char *scratch_path(struct scratch *scratch, const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", scratch->directory, name);
	return path;
}

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *file = fopen(path, "wb");

	assert_non_null(file);
	assert_int_equal(fwrite(data, 1, size, file), size);
	assert_int_equal(fclose(file), 0);
}

static const char *sample(const char *relative)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s",
		 test_path("SPDM_TESTDATA", relative));
	return path;
}

/* Writes the given sample certificates as one PEM file. */
static void write_pem(const char *path, const char *const *relatives,
		      size_t count)
{
	FILE *file = fopen(path, "w");

	assert_non_null(file);
	for (size_t i = 0; i < count; i++) {
		X509 *cert = test_load_cert(sample(relatives[i]));

		assert_int_equal(PEM_write_X509(file, cert), 1);
		X509_free(cert);
	}
	assert_int_equal(fclose(file), 0);
}

static struct spdm_trust *new_trust(void)
{
	struct spdm_trust *trust = NULL;

	assert_int_equal(spdm_trust_new(&trust), 0);
	assert_int_equal(spdm_trust_count(trust), 0);
	return trust;
}

static void trust_adds_der_file_once(void **state)
{
	struct spdm_trust *trust = new_trust();
	const char *path = sample("dmtf-sample-keys/ecp256/ca.cert.der");

	assert_int_equal(spdm_trust_add_file(trust, path), 0);
	assert_int_equal(spdm_trust_count(trust), 1);
	assert_int_equal(spdm_trust_add_file(trust, path), 0);
	assert_int_equal(spdm_trust_count(trust), 1);
	spdm_trust_free(trust);
}

static void trust_adds_pem_bundle(void **state)
{
	static const char *const certs[] = {
		"dmtf-sample-keys/ecp256/ca.cert.der",
		"dmtf-sample-keys/rsa3072/ca.cert.der",
		"dmtf-sample-keys/ed25519/ca1.cert.der",
	};
	struct scratch *scratch = *state;
	struct spdm_trust *trust = new_trust();

	write_pem(scratch_path(scratch, "bundle.pem"), certs, 3);
	assert_int_equal(spdm_trust_add_file(
				 trust, scratch_path(scratch, "bundle.pem")),
			 0);
	assert_int_equal(spdm_trust_count(trust), 3);
	spdm_trust_free(trust);
}

static void trust_rejects_bad_files(void **state)
{
	static const char garbage[] = "not a certificate\n";
	static const char *const one[] = {
		"dmtf-sample-keys/ecp256/ca.cert.der"
	};
	struct scratch *scratch = *state;
	struct spdm_trust *trust = new_trust();
	char broken[4096];
	size_t size;
	FILE *file;

	assert_int_equal(spdm_trust_add_file(
				 trust, scratch_path(scratch, "missing.der")),
			 -ENOENT);
	write_file(scratch_path(scratch, "empty.der"), "", 0);
	assert_int_equal(spdm_trust_add_file(
				 trust, scratch_path(scratch, "empty.der")),
			 -EBADMSG);
	write_file(scratch_path(scratch, "garbage.der"), garbage,
		   sizeof(garbage) - 1);
	assert_int_equal(spdm_trust_add_file(
				 trust, scratch_path(scratch, "garbage.der")),
			 -EBADMSG);

	/* A good PEM block followed by a broken one adds nothing. */
	write_pem(scratch_path(scratch, "broken.pem"), one, 1);
	file = fopen(scratch_path(scratch, "broken.pem"), "r");
	assert_non_null(file);
	size = fread(broken, 1, sizeof(broken), file);
	fclose(file);
	memcpy(broken + size,
	       "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
	       58);
	write_file(scratch_path(scratch, "broken.pem"), broken, size + 58);
	assert_int_equal(spdm_trust_add_file(
				 trust, scratch_path(scratch, "broken.pem")),
			 -EBADMSG);
	assert_int_equal(spdm_trust_count(trust), 0);
	spdm_trust_free(trust);
}

static void trust_rejects_der_with_trailing_byte(void **state)
{
	struct spdm_trust *trust = new_trust();
	size_t size;
	uint8_t *der = testdata_read("dmtf-sample-keys/ecp384/ca.cert.der",
				     &size);
	uint8_t *longer = malloc(size + 1);

	assert_non_null(longer);
	memcpy(longer, der, size);
	longer[size] = 0;
	assert_int_equal(spdm_trust_add_der(trust, longer, size + 1),
			 -EBADMSG);
	assert_int_equal(spdm_trust_add_der(trust, der, size - 1), -EBADMSG);
	assert_int_equal(spdm_trust_add_der(trust, der, 0), -EINVAL);
	assert_int_equal(spdm_trust_add_der(trust, der, size), 0);
	assert_int_equal(spdm_trust_count(trust), 1);
	free(longer);
	free(der);
	spdm_trust_free(trust);
}

static void trust_adds_directory(void **state)
{
	static const char *const two[] = {
		"dmtf-sample-keys/ecp384/ca.cert.der",
		"dmtf-sample-keys/ecp384/ca1.cert.der",
	};
	struct scratch *scratch = *state;
	struct spdm_trust *trust = new_trust();
	size_t size;
	uint8_t *der = testdata_read("dmtf-sample-keys/ecp256/ca.cert.der",
				     &size);

	assert_int_equal(mkdir(scratch_path(scratch, "anchors"), 0700), 0);
	write_file(scratch_path(scratch, "anchors/a.der"), der, size);
	write_pem(scratch_path(scratch, "anchors/b.pem"), two, 2);
	/* Other names and folders are skipped. */
	write_file(scratch_path(scratch, "anchors/notes.txt"), "x", 1);
	assert_int_equal(mkdir(scratch_path(scratch, "anchors/c.crt"), 0700),
			 0);

	assert_int_equal(spdm_trust_add_directory(
				 trust, scratch_path(scratch, "anchors")),
			 0);
	assert_int_equal(spdm_trust_count(trust), 3);

	/* A broken file stops the walk, and earlier anchors stay. */
	write_file(scratch_path(scratch, "anchors/z.pem"), "junk", 4);
	assert_int_equal(spdm_trust_add_directory(
				 trust, scratch_path(scratch, "anchors")),
			 -EBADMSG);
	assert_int_equal(spdm_trust_count(trust), 3);

	assert_int_equal(spdm_trust_add_directory(
				 trust, scratch_path(scratch, "no-such")),
			 -ENOENT);
	free(der);
	spdm_trust_free(trust);
}

static void trust_directory_names_failed_file(void **state)
{
	struct scratch *scratch = *state;
	struct spdm_trust *trust = new_trust();
	char anchors[128], failed[256], expected[256];
	size_t size;
	uint8_t *der = testdata_read("dmtf-sample-keys/ecp256/ca.cert.der",
				     &size);

	snprintf(anchors, sizeof(anchors), "%s",
		 scratch_path(scratch, "anchors"));
	assert_int_equal(mkdir(anchors, 0700), 0);
	write_file(scratch_path(scratch, "anchors/a.der"), der, size);
	write_file(scratch_path(scratch, "anchors/b.pem"), "junk", 4);
	snprintf(expected, sizeof(expected), "%s/b.pem", anchors);

	assert_int_equal(spdm_trust_add_directory_report(trust, anchors, failed,
							 sizeof(failed)),
			 -EBADMSG);
	assert_string_equal(failed, expected);
	assert_int_equal(spdm_trust_count(trust), 1);

	/* A folder that cannot be opened names no file. */
	assert_int_equal(spdm_trust_add_directory_report(
				 trust, scratch_path(scratch, "no-such"),
				 failed, sizeof(failed)),
			 -ENOENT);
	assert_string_equal(failed, "");

	/* A folder given as a file is reported as one. */
	assert_int_equal(spdm_trust_add_file(trust, anchors), -EISDIR);
	free(der);
	spdm_trust_free(trust);
}

static void name_of_sample_root(void **state)
{
	X509 *cert =
		test_load_cert(sample("dmtf-sample-keys/ecp256/ca.cert.der"));
	char text[128];

	assert_int_equal(spdm_x509_name_string(X509_get_subject_name(cert),
					       text, sizeof(text)),
			 0);
	assert_string_equal(text, "CN=DMTF libspdm ECP256 CA");
	X509_free(cert);
}

static X509_NAME *name_of(const char *const *fields, size_t count)
{
	X509_NAME *name = X509_NAME_new();

	assert_non_null(name);
	for (size_t i = 0; i < count; i += 2)
		assert_int_equal(X509_NAME_add_entry_by_txt(
					 name, fields[i], MBSTRING_UTF8,
					 (const unsigned char *)fields[i + 1],
					 -1, -1, 0),
				 1);
	return name;
}

static const struct {
	const char *fields[6];
	size_t count;
	const char *text;
} name_vectors[] = {
	/* Encoded as C, O, CN and printed most specific first. */
	{ { "C", "US", "O", "Acme", "CN", "widget 7" },
	  6,
	  "CN=widget 7,O=Acme,C=US" },
	{ { "CN", "a,b+c" }, 2, "CN=a\\,b\\+c" },
	{ { "CN", "caf\xc3\xa9" }, 2, "CN=caf\\C3\\A9" },
	{ { "CN", "line\nbreak" }, 2, "CN=line\\0Abreak" },
};

static void name_string_vectors(void **state)
{
	for (size_t i = 0; i < sizeof(name_vectors) / sizeof(name_vectors[0]);
	     i++) {
		X509_NAME *name =
			name_of(name_vectors[i].fields, name_vectors[i].count);
		char text[128];

		assert_int_equal(spdm_x509_name_string(name, text,
						       sizeof(text)),
				 0);
		assert_string_equal(text, name_vectors[i].text);
		X509_NAME_free(name);
	}
}

static void name_string_truncates(void **state)
{
	static const char *const fields[] = { "CN", "device" };
	X509_NAME *name = name_of(fields, 2);
	char text[5];

	assert_int_equal(spdm_x509_name_string(name, text, sizeof(text)),
			 -EOVERFLOW);
	assert_string_equal(text, "CN=d");
	assert_int_equal(spdm_x509_name_string(name, text, 0), -EINVAL);
	X509_NAME_free(name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trust_adds_der_file_once),
		cmocka_unit_test_setup_teardown(trust_adds_pem_bundle,
						scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(trust_rejects_bad_files,
						scratch_setup,
						scratch_teardown),
		cmocka_unit_test(trust_rejects_der_with_trailing_byte),
		cmocka_unit_test_setup_teardown(trust_adds_directory,
						scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(
			trust_directory_names_failed_file, scratch_setup,
			scratch_teardown),
		cmocka_unit_test(name_of_sample_root),
		cmocka_unit_test(name_string_vectors),
		cmocka_unit_test(name_string_truncates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
