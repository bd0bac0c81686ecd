// SPDX-License-Identifier: BSD-3-Clause
/* Trust anchors: the certificates a chain must lead to. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <spdm/cert_chain.h>

#include "cert_internal.h"

/* Certificate files are small, so this only bounds a wrong path. */
#define TRUST_MAX_FILE_SIZE (1024 * 1024)
#define TRUST_MAX_DIRECTORY_FILES 1024

struct spdm_trust {
	struct spdm_anchor *anchors;
	size_t count;
	size_t capacity;
	uint64_t serial;
};

/* The last serial handed out; 0 is never a store's. */
static atomic_uint_least64_t last_serial;

static void renew_serial(struct spdm_trust *trust)
{
	trust->serial = atomic_fetch_add(&last_serial, 1) + 1;
}

int spdm_trust_new(struct spdm_trust **out)
{
	struct spdm_trust *trust;

	if (!out)
		return -EINVAL;
	trust = calloc(1, sizeof(*trust));
	if (!trust)
		return -ENOMEM;
	renew_serial(trust);
	*out = trust;
	return 0;
}

void spdm_trust_free(struct spdm_trust *trust)
{
	if (!trust)
		return;
	for (size_t i = 0; i < trust->count; i++)
		spdm_anchor_clear(&trust->anchors[i]);
	free(trust->anchors);
	free(trust);
}

uint64_t spdm_trust_serial(const struct spdm_trust *trust)
{
	return trust ? trust->serial : 0;
}

size_t spdm_trust_count(const struct spdm_trust *trust)
{
	return trust ? trust->count : 0;
}

X509 *spdm_trust_anchor(const struct spdm_trust *trust, size_t index)
{
	const struct spdm_anchor *anchor = spdm_trust_entry(trust, index);

	return anchor ? anchor->cert : NULL;
}

const struct spdm_anchor *spdm_trust_entry(const struct spdm_trust *trust,
					   size_t index)
{
	if (index >= spdm_trust_count(trust))
		return NULL;
	return &trust->anchors[index];
}

const struct spdm_anchor *spdm_trust_find_der(const struct spdm_trust *trust,
					      const uint8_t *der,
					      size_t der_size)
{
	for (size_t i = 0; i < spdm_trust_count(trust); i++)
		if (spdm_anchor_has_der(&trust->anchors[i], der, der_size))
			return &trust->anchors[i];
	return NULL;
}

static int grow_anchors(struct spdm_trust *trust)
{
	size_t capacity = trust->capacity ? 2 * trust->capacity : 4;
	struct spdm_anchor *anchors;

	anchors = realloc(trust->anchors, capacity * sizeof(*anchors));
	if (!anchors)
		return -ENOMEM;
	trust->anchors = anchors;
	trust->capacity = capacity;
	return 0;
}

/* Takes ownership of cert. A certificate already present is dropped. */
static int add_anchor(struct spdm_trust *trust, X509 *cert)
{
	int ret = 0;

	for (size_t i = 0; i < spdm_trust_count(trust); i++) {
		if (X509_cmp(spdm_trust_anchor(trust, i), cert) == 0) {
			X509_free(cert);
			return 0;
		}
	}
	if (trust->count == trust->capacity)
		ret = grow_anchors(trust);
	if (ret == 0)
		ret = spdm_anchor_init(&trust->anchors[trust->count], cert);
	if (ret < 0) {
		X509_free(cert);
		return ret;
	}
	trust->count++;
	renew_serial(trust);
	return 0;
}

int spdm_trust_add_der(struct spdm_trust *trust, const uint8_t *der,
		       size_t size)
{
	const uint8_t *cursor = der;
	X509 *cert;

	if (!trust || !der || size == 0 || size > LONG_MAX)
		return -EINVAL;
	cert = d2i_X509(NULL, &cursor, (long)size);
	if (!cert || cursor != der + size) {
		X509_free(cert);
		ERR_clear_error();
		return -EBADMSG;
	}
	return add_anchor(trust, cert);
}

/* Parses every PEM certificate into certs. None at all is an error. */
static int parse_pem(const uint8_t *data, size_t size, STACK_OF(X509) *certs)
{
	BIO *bio = BIO_new_mem_buf(data, (int)size);
	unsigned long error;
	X509 *cert;

	if (!bio)
		return -ENOMEM;
	while ((cert = PEM_read_bio_X509(bio, NULL, NULL, NULL))) {
		if (sk_X509_push(certs, cert) <= 0) {
			X509_free(cert);
			BIO_free(bio);
			return -ENOMEM;
		}
	}
	BIO_free(bio);

	/* The loop ends at "no start line" once the last block is read. */
	error = ERR_peek_last_error();
	ERR_clear_error();
	if (ERR_GET_LIB(error) != ERR_LIB_PEM ||
	    ERR_GET_REASON(error) != PEM_R_NO_START_LINE)
		return -EBADMSG;
	return sk_X509_num(certs) > 0 ? 0 : -EBADMSG;
}

static int add_pem(struct spdm_trust *trust, const uint8_t *data, size_t size)
{
	STACK_OF(X509) *certs = sk_X509_new_null();
	int ret;

	if (!certs)
		return -ENOMEM;
	ret = parse_pem(data, size, certs);
	while (ret == 0 && sk_X509_num(certs) > 0)
		ret = add_anchor(trust, sk_X509_shift(certs));
	sk_X509_pop_free(certs, X509_free);
	return ret;
}

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *file = fopen(path, "rb");
	struct stat status;
	uint8_t *buffer;
	size_t length;
	int ret = 0;

	if (!file)
		return -errno;
	/* fopen() opens a folder too, and reading it fails with EIO. */
	if (fstat(fileno(file), &status) == 0 && S_ISDIR(status.st_mode)) {
		fclose(file);
		return -EISDIR;
	}
	buffer = malloc(TRUST_MAX_FILE_SIZE + 1);
	if (!buffer) {
		fclose(file);
		return -ENOMEM;
	}
	length = fread(buffer, 1, TRUST_MAX_FILE_SIZE + 1, file);
	if (ferror(file))
		ret = -EIO;
	else if (length > TRUST_MAX_FILE_SIZE)
		ret = -EFBIG;
	fclose(file);
	if (ret < 0) {
		free(buffer);
		return ret;
	}
	*data = buffer;
	*size = length;
	return 0;
}

int spdm_trust_add_file(struct spdm_trust *trust, const char *path)
{
	uint8_t *data = NULL;
	size_t size = 0;
	int ret;

	if (!trust || !path)
		return -EINVAL;
	ret = read_file(path, &data, &size);
	if (ret < 0)
		return ret;

	if (size == 0)
		ret = -EBADMSG;
	else if (memmem(data, size, "-----BEGIN", 10))
		ret = add_pem(trust, data, size);
	else
		ret = spdm_trust_add_der(trust, data, size);
	free(data);
	return ret;
}

static bool has_certificate_suffix(const char *name)
{
	static const char *const suffixes[] = { ".der", ".pem", ".crt" };
	size_t length = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t suffix_length = strlen(suffixes[i]);

		if (length > suffix_length &&
		    strcmp(name + length - suffix_length, suffixes[i]) == 0)
			return true;
	}
	return false;
}

static int add_directory_entry(struct spdm_trust *trust, const char *directory,
			       const char *name, char *path, size_t path_size)
{
	struct stat status;

	if (!has_certificate_suffix(name))
		return 0;
	if (snprintf(path, path_size, "%s/%s", directory, name) >=
	    (int)path_size)
		return -ENAMETOOLONG;
	if (stat(path, &status) < 0)
		return -errno;
	if (!S_ISREG(status.st_mode))
		return 0;
	return spdm_trust_add_file(trust, path);
}

static int compare_names(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int spdm_trust_add_directory_report(struct spdm_trust *trust, const char *path,
				    char *failed_file, size_t failed_file_size)
{
	char entry_path[PATH_MAX] = "";
	struct dirent **entries;
	int count;
	int ret = 0;

	if (failed_file && failed_file_size)
		failed_file[0] = '\0';
	if (!trust || !path)
		return -EINVAL;
	/* Sorted, so a failure always names the same file. */
	count = scandir(path, &entries, NULL, compare_names);
	if (count < 0)
		return -errno;
	if (count > TRUST_MAX_DIRECTORY_FILES)
		ret = -E2BIG;

	for (int i = 0; i < count; i++) {
		if (ret == 0) {
			ret = add_directory_entry(trust, path,
						  entries[i]->d_name, entry_path,
						  sizeof(entry_path));
			if (ret < 0 && failed_file && failed_file_size)
				snprintf(failed_file, failed_file_size, "%s",
					 entry_path);
		}
		free(entries[i]);
	}
	free(entries);
	return ret;
}

int spdm_trust_add_directory(struct spdm_trust *trust, const char *path)
{
	return spdm_trust_add_directory_report(trust, path, NULL, 0);
}
