// SPDX-License-Identifier: BSD-3-Clause
/*
 * Checks that nonces and private keys are wiped before their memory is
 * freed. The test binary is linked with --wrap=free and --wrap=realloc,
 * so every block that the library frees passes through secret_check(),
 * and OpenSSL's allocations are routed there with
 * CRYPTO_set_mem_functions(). A watched secret found in a freed block
 * is counted as exposed. A realloc is checked as a free of the old block
 * because it may move the data and free the old block unwiped.
 */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#else
#define VALGRIND_MAKE_MEM_DEFINED(address, size) ((void)(address), (void)(size))
#endif

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <spdm/crypto.h>
#include <spdm/requester.h>
#include <spdm/responder.h>
#include <spdm/transcript.h>

#define MAX_SECRETS 8
#define SECRET_SIZE 32

struct secret {
	uint8_t bytes[SECRET_SIZE];
	size_t size;
};

static struct secret secrets[MAX_SECRETS];
static size_t secret_count;
static bool watching;
/* Watched secrets found in blocks freed by our code and by OpenSSL. */
static unsigned int exposed;
static unsigned int exposed_by_openssl[MAX_SECRETS];

void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);
void *__wrap_realloc(void *ptr, size_t size);
void __wrap_free(void *ptr);
int __wrap_spdm_random_bytes(void *buf, size_t length);

static void watch(const void *bytes, size_t size)
{
	if (size > SECRET_SIZE)
		size = SECRET_SIZE;
	memcpy(secrets[secret_count].bytes, bytes, size);
	secrets[secret_count].size = size;
	secret_count++;
}

static bool secret_check(const void *block, size_t size, unsigned int *found)
{
	bool any = false;

	if (!watching || !block)
		return false;
	/*
	 * The block's unused tail was never written; under valgrind that
	 * would count as a read of undefined memory.
	 */
	VALGRIND_MAKE_MEM_DEFINED(block, size);
	for (size_t i = 0; i < secret_count; i++)
		if (memmem(block, size, secrets[i].bytes, secrets[i].size)) {
			found[i]++;
			any = true;
		}
	return any;
}

static void free_checked(void *ptr, unsigned int *found)
{
	if (ptr && secret_check(ptr, malloc_usable_size(ptr), found))
		fprintf(stderr,
			"a block of %zu bytes was freed with a "
			"secret in it\n",
			malloc_usable_size(ptr));
	__real_free(ptr);
}

void __wrap_free(void *ptr)
{
	unsigned int found[MAX_SECRETS] = {0};

	free_checked(ptr, found);
	for (size_t i = 0; i < MAX_SECRETS; i++)
		exposed += found[i];
}

/* A moving realloc, so the old block is always checked and freed. */
void *__wrap_realloc(void *ptr, size_t size)
{
	size_t old_size;
	void *grown;

	if (!ptr)
		return malloc(size);
	if (!size) {
		__wrap_free(ptr);
		return NULL;
	}
	grown = malloc(size);
	if (!grown)
		return NULL;
	old_size = malloc_usable_size(ptr);
	memcpy(grown, ptr, old_size < size ? old_size : size);
	__wrap_free(ptr);
	return grown;
}

static void *openssl_malloc(size_t size, const char *file, int line)
{
	(void)file;
	(void)line;
	return malloc(size);
}

static void *openssl_realloc(void *ptr, size_t size, const char *file, int line)
{
	(void)file;
	(void)line;
	return __wrap_realloc(ptr, size);
}

static void openssl_free(void *ptr, const char *file, int line)
{
	(void)file;
	(void)line;
	free_checked(ptr, exposed_by_openssl);
}

/* Nonces with a pattern the test can look for: 0x4e, then a counter. */
static uint8_t nonce_counter;

int __wrap_spdm_random_bytes(void *buf, size_t length)
{
	uint8_t *out = buf;

	nonce_counter++;
	for (size_t i = 0; i < length; i++)
		out[i] = (uint8_t)(i % 2 ? nonce_counter : 0x4e + i);
	return 0;
}

static uint8_t *read_testdata(const char *relative, size_t *size)
{
	const char *root = getenv("SPDM_TESTDATA");
	char path[4096];
	uint8_t *data;
	FILE *file;
	long length;

	assert_non_null(root);
	snprintf(path, sizeof(path), "%s/%s", root, relative);
	file = fopen(path, "rb");
	assert_non_null(file);
	assert_int_equal(fseek(file, 0, SEEK_END), 0);
	length = ftell(file);
	assert_true(length > 0);
	rewind(file);
	data = malloc((size_t)length + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)length, file), (size_t)length);
	fclose(file);
	data[length] = '\0';
	*size = (size_t)length;
	return data;
}

static EVP_PKEY *load_sample_key(void)
{
	const char *root = getenv("SPDM_TESTDATA");
	char path[4096];

	snprintf(path, sizeof(path),
		 "%s/dmtf-sample-keys/ecp384/"
		 "end_responder.key",
		 root);
	return spdm_load_private_key(path);
}

/* Runs the requester against an in-process responder until it is done. */
static void attest(struct spdm_requester *req, struct spdm_responder *resp)
{
	static uint8_t response[SPDM_RESPONDER_MAX_MESSAGE_SIZE];
	struct spdm_disposition disposition;
	struct spdm_action action;
	size_t length;

	for (int i = 0; i < 1000; i++) {
		watching = true;
		spdm_requester_next(req, &action);
		watching = false;
		if (action.type == SPDM_ACTION_DONE)
			return;
		if (action.type != SPDM_ACTION_SEND)
			continue;
		if (action.request[1] == SPDM_CHALLENGE)
			watch(action.request + 4, SPDM_NONCE_SIZE);
		assert_int_equal(spdm_responder_handle(
				     resp, action.request,
				     action.request_length, response,
				     sizeof(response), &length, &disposition),
				 0);
		assert_int_equal(disposition.action, SPDM_DISPOSITION_SEND);
		watching = true;
		spdm_requester_handle_response(req, response, length);
		watching = false;
	}
	fail_msg("the attestation did not finish in 1000 steps");
}

static struct spdm_responder *sample_responder(EVP_PKEY *key, uint8_t *chain,
					       size_t chain_size)
{
	struct spdm_responder_profile profile;
	struct spdm_responder *resp;

	spdm_responder_profile_default(&profile);
	profile.private_key = key;
	profile.chains[0] = chain;
	profile.chain_sizes[0] = chain_size;
	assert_int_equal(spdm_responder_new(&profile, NULL, &resp), 0);
	return resp;
}

static void test_requester_nonces_wiped(void **state)
{
	static const uint8_t measurement_nonce[SPDM_NONCE_SIZE] =
	    "measurement nonce of wipe test";
	struct spdm_requester_config config;
	struct spdm_requester *req;
	struct spdm_responder *resp;
	struct spdm_result result;
	struct spdm_trust *trust;
	size_t chain_size;
	uint8_t *chain;
	EVP_PKEY *key;
	char path[4096];

	(void)state;
	secret_count = 0;
	exposed = 0;
	chain = read_testdata("dmtf-sample-keys/ecp384/"
			      "bundle_responder.certchain.der",
			      &chain_size);
	key = load_sample_key();
	assert_non_null(key);
	resp = sample_responder(key, chain, chain_size);
	assert_int_equal(spdm_trust_new(&trust), 0);
	snprintf(path, sizeof(path), "%s/dmtf-sample-keys/ecp384/ca.cert.der",
		 getenv("SPDM_TESTDATA"));
	assert_int_equal(spdm_trust_add_file(trust, path), 0);

	spdm_requester_config_default(&config);
	config.trust = trust;
	config.measurement_nonce = measurement_nonce;
	watch(measurement_nonce, sizeof(measurement_nonce));
	assert_int_equal(spdm_requester_new(&config, &req), 0);
	attest(req, resp);
	spdm_requester_take_result(req, &result);
	assert_true(result.verified);
	assert_true(result.challenge_verified);
	assert_true(result.measurements_signed);
	/* The measurement nonce and one CHALLENGE nonce are watched. */
	assert_int_equal(secret_count, 2);

	watching = true;
	spdm_requester_free(req);
	spdm_result_clear(&result);
	watching = false;
	assert_int_equal(exposed, 0);

	spdm_responder_free(resp);
	spdm_trust_free(trust);
	EVP_PKEY_free(key);
	free(chain);
}

static void test_private_key_wiped(void **state)
{
	uint8_t scalar[48];
	BIGNUM *priv = NULL;
	size_t pem_size;
	uint8_t *pem;
	char *line;
	EVP_PKEY *key;

	(void)state;
	secret_count = 0;
	exposed = 0;
	memset(exposed_by_openssl, 0, sizeof(exposed_by_openssl));
	pem = read_testdata("dmtf-sample-keys/ecp384/end_responder.key",
			    &pem_size);
	/* The second line is base64 of the key's first bytes. */
	line = strchr((char *)pem, '\n');
	assert_non_null(line);
	assert_true(strlen(line + 1) > SECRET_SIZE);
	watch(line + 1, SECRET_SIZE);
	key = load_sample_key();
	assert_non_null(key);
	assert_int_equal(
	    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &priv), 1);
	assert_int_equal(BN_bn2binpad(priv, scalar, sizeof(scalar)),
			 (int)sizeof(scalar));
	BN_clear_free(priv);
	watch(scalar, SECRET_SIZE);
	EVP_PKEY_free(key);
	free(pem);

	watching = true;
	key = load_sample_key();
	assert_non_null(key);
	EVP_PKEY_free(key);
	watching = false;
	/* Our code wipes the file's text, and OpenSSL its decoded text. */
	assert_int_equal(exposed, 0);
	assert_int_equal(exposed_by_openssl[0], 0);
	/*
	 * NOTE: OpenSSL 3.0 frees temporaries of the key's decoding and of
	 * the public key computation with the private scalar in them, so
	 * exposed_by_openssl[1] is not 0. That is outside our code.
	 */
	printf("private scalar in %u blocks freed by OpenSSL\n",
	       exposed_by_openssl[1]);
	OPENSSL_cleanse(scalar, sizeof(scalar));
}

/* Transcripts grow by copying; the old block is wiped first. */
static void test_transcript_growth_wiped(void **state)
{
	static const uint8_t nonce[SECRET_SIZE] =
	    "transcript nonce of wipe test";
	uint8_t filler[1000] = {0};
	struct spdm_buffer buffer;

	(void)state;
	secret_count = 0;
	exposed = 0;
	watch(nonce, sizeof(nonce));
	spdm_buffer_init(&buffer, 1u << 20);

	watching = true;
	assert_int_equal(spdm_buffer_append(&buffer, nonce, sizeof(nonce)), 0);
	for (int i = 0; i < 64; i++)
		assert_int_equal(
		    spdm_buffer_append(&buffer, filler, sizeof(filler)), 0);
	spdm_buffer_reset(&buffer);
	watching = false;
	assert_int_equal(exposed, 0);
	assert_int_equal(buffer.size, 0);
	VALGRIND_MAKE_MEM_DEFINED(buffer.data, buffer.capacity);
	assert_null(memmem(buffer.data, buffer.capacity, nonce, sizeof(nonce)));

	watching = true;
	spdm_buffer_free(&buffer);
	watching = false;
	assert_int_equal(exposed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_requester_nonces_wiped),
	    cmocka_unit_test(test_private_key_wiped),
	    cmocka_unit_test(test_transcript_growth_wiped),
	};

	/* Before OpenSSL allocates anything. */
	if (!CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc,
				      openssl_free)) {
		fprintf(stderr, "CRYPTO_set_mem_functions failed\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
