// SPDX-License-Identifier: BSD-3-Clause
/* Matching keys to BaseAsymAlgo bits, and loading private keys. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <spdm/crypto.h>

#include "algorithms.h"

/* PEM private keys are a few KiB; an RSA-8192 key is under 7 KiB. */
#define KEY_MAX_FILE_SIZE (64 * 1024)

static bool key_fits(EVP_PKEY *key, const struct spdm_asym_info *info)
{
	char group[64];

	/* A key restricted to RSA-PSS fits only the RSAPSS bits. */
	if (info->family == SPDM_ASYM_FAMILY_RSAPSS &&
	    EVP_PKEY_is_a(key, "RSA-PSS"))
		return EVP_PKEY_get_bits(key) == (int)info->key_bits;
	if (!EVP_PKEY_is_a(key, info->key_type))
		return false;

	switch (info->family) {
	case SPDM_ASYM_FAMILY_RSASSA:
	case SPDM_ASYM_FAMILY_RSAPSS:
		return EVP_PKEY_get_bits(key) == (int)info->key_bits;
	case SPDM_ASYM_FAMILY_ECDSA:
		if (EVP_PKEY_get_utf8_string_param(
			key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
			NULL) != 1) {
			ERR_clear_error();
			return false;
		}
		return strcmp(group, info->group) == 0;
	case SPDM_ASYM_FAMILY_EDDSA:
		return true;
	}
	return false;
}

uint32_t spdm_key_algos(EVP_PKEY *key)
{
	const struct spdm_asym_info *table;
	uint32_t algos = 0;
	size_t count;

	if (!key)
		return 0;
	table = spdm_asym_algo_table(&count);
	for (size_t i = 0; i < count; i++) {
		if (key_fits(key, &table[i]))
			algos |= table[i].algo;
	}
	return algos;
}

bool spdm_key_matches_algo(EVP_PKEY *key, uint32_t base_asym_algo)
{
	const struct spdm_asym_info *info = spdm_asym_algo_info(base_asym_algo);

	return key && info && key_fits(key, info);
}

/* Fails instead of prompting on the terminal for an encrypted key. */
static int no_passphrase(char *buf, int size, int rwflag, void *user)
{
	return -1;
}

/*
 * Reads a key file into memory that the caller wipes and frees. read(2)
 * and not stdio, whose buffer would be freed with the key still in it.
 * Returns NULL with errno set: the open or read error, or EFBIG.
 */
static char *read_key_file(const char *path, size_t *length)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *text;
	ssize_t got = 0;
	int saved;

	if (fd < 0)
		return NULL;
	text = malloc(KEY_MAX_FILE_SIZE + 1);
	*length = 0;
	while (text && *length <= KEY_MAX_FILE_SIZE) {
		got = read(fd, text + *length, KEY_MAX_FILE_SIZE + 1 - *length);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		*length += (size_t)got;
	}
	saved = text ? errno : ENOMEM;
	if (text && (got < 0 || *length > KEY_MAX_FILE_SIZE)) {
		saved = got < 0 ? errno : EFBIG;
		spdm_wipe(text, *length);
		free(text);
		text = NULL;
	}
	close(fd);
	errno = saved;
	return text;
}

EVP_PKEY *spdm_load_private_key(const char *path)
{
	EVP_PKEY *key = NULL;
	size_t length;
	char *text;
	BIO *bio;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	text = read_key_file(path, &length);
	if (!text)
		return NULL;

	bio = BIO_new_mem_buf(text, (int)length);
	if (bio)
		key = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	spdm_wipe(text, length);
	free(text);
	if (!key) {
		ERR_clear_error();
		errno = bio ? EBADMSG : ENOMEM;
	}
	return key;
}
