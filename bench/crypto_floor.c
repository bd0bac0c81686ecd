// SPDX-License-Identifier: BSD-3-Clause
/*
 * crypto-floor: times the cryptography one SPDM attestation cannot avoid,
 * as a floor to compare spdmd's CPU time per attestation with.
 *
 * A verifier must check the CHALLENGE_AUTH signature, the MEASUREMENTS
 * signature and the signature of each certificate below the root. The
 * program signs two transcripts of realistic size with the device key,
 * then times, over many rounds, spdm_verify_signature() for both, the
 * certificate signatures alone (X509_verify) and the whole
 * spdm_cert_chain_validate() that the requester runs. It also times the
 * device's side, both signatures, for the bench's estimates. It prints one
 * JSON object; floor_us is the sum of the three signature checks:
 *
 *	{"iterations": N, "challenge_verify_us": A, "measurements_verify_us": M,
 *	 "cert_signatures_us": X, "chain_validate_us": C,
 *	 "device_sign_us": S, "floor_us": A + M + X}
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include <spdm/cert_chain.h>
#include <spdm/crypto.h>
#include <spdm/messages.h>
#include <spdm/requester.h>
#include <spdm/wire.h>

/*
 * Estimated transcript sizes beside the chain: VCA, GET_DIGESTS and
 * CHALLENGE in the first, VCA and the measurement blocks in the second.
 * The cost hardly depends on them, because a transcript is hashed once.
 */
#define VCA_AND_CHALLENGE_SIZE	     400
#define MEASUREMENTS_TRANSCRIPT_SIZE 600
#define DEFAULT_ITERATIONS	     200

struct floor_setup {
	uint32_t asym;
	uint32_t hash;
	EVP_PKEY *key;
	EVP_PKEY *public_key;
	struct spdm_trust *trust;
	uint8_t *slot_object;
	size_t slot_object_size;
	X509 *certs[SPDM_MAX_CHAIN_CERTS]; /* root first */
	size_t cert_count;
	uint8_t challenge_transcript[SPDM_MAX_CERT_CHAIN_SIZE +
				     VCA_AND_CHALLENGE_SIZE];
	size_t challenge_transcript_size;
	uint8_t challenge_signature[SPDM_MAX_SIGNATURE_SIZE];
	uint8_t measurements_transcript[MEASUREMENTS_TRANSCRIPT_SIZE];
	uint8_t measurements_signature[SPDM_MAX_SIGNATURE_SIZE];
	size_t signature_size;
};

/* CPU time, so the floor compares with spdmd's CPU time on a busy host. */
static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *in = fopen(path, "rb");
	long length;

	if (!in)
		return -errno;
	if (fseek(in, 0, SEEK_END) != 0 || (length = ftell(in)) <= 0 ||
	    fseek(in, 0, SEEK_SET) != 0) {
		fclose(in);
		return -EIO;
	}
	*data = malloc((size_t)length);
	*size = (size_t)length;
	if (!*data || fread(*data, 1, *size, in) != *size) {
		fclose(in);
		free(*data);
		return -EIO;
	}
	fclose(in);
	return 0;
}

/* Parses the concatenated DER certificates of a chain, root first. */
static int parse_certificates(struct floor_setup *setup, const uint8_t *der,
			      size_t size)
{
	const unsigned char *position = der;
	const unsigned char *end = der + size;

	while (position < end) {
		if (setup->cert_count == SPDM_MAX_CHAIN_CERTS)
			return -E2BIG;
		setup->certs[setup->cert_count] =
		    d2i_X509(NULL, &position, (long)(end - position));
		if (!setup->certs[setup->cert_count])
			return -EBADMSG;
		setup->cert_count++;
	}
	return setup->cert_count >= 2 ? 0 : -EBADMSG;
}

/* Checks the signature of every certificate below the root. */
static int verify_cert_signatures(const struct floor_setup *setup)
{
	for (size_t i = 1; i < setup->cert_count; i++) {
		EVP_PKEY *issuer_key = X509_get0_pubkey(setup->certs[i - 1]);

		if (X509_verify(setup->certs[i], issuer_key) != 1)
			return -EBADMSG;
	}
	return 0;
}

/* Loads the key, builds the slot object and signs the transcripts. */
static int prepare(struct floor_setup *setup, const char *chain_path,
		   const char *key_path, const char *anchor_path)
{
	uint32_t algos;
	uint8_t *der = NULL;
	size_t der_size = 0;
	int ret;

	setup->key = spdm_load_private_key(key_path);
	if (!setup->key)
		return -errno;
	algos = spdm_key_algos(setup->key);
	setup->asym = algos & (~algos + 1); /* the lowest bit the key fits */
	setup->hash = SPDM_HASH_SHA_384;
	setup->signature_size = spdm_signature_size(setup->asym);

	ret = read_file(chain_path, &der, &der_size);
	if (ret < 0)
		return ret;
	ret = spdm_cert_chain_build(setup->hash, der, der_size,
				    &setup->slot_object,
				    &setup->slot_object_size);
	if (ret == 0)
		ret = parse_certificates(setup, der, der_size);
	free(der);
	if (ret < 0)
		return ret;

	ret = spdm_trust_new(&setup->trust);
	if (ret == 0)
		ret = spdm_trust_add_file(setup->trust, anchor_path);
	if (ret < 0)
		return ret;

	setup->challenge_transcript_size =
	    setup->slot_object_size + VCA_AND_CHALLENGE_SIZE;
	memcpy(setup->challenge_transcript, setup->slot_object,
	       setup->slot_object_size);
	ret = spdm_sign(SPDM_VERSION_12, setup->asym, setup->hash,
			SPDM_SIGN_CHALLENGE_AUTH, setup->key,
			setup->challenge_transcript,
			setup->challenge_transcript_size,
			setup->challenge_signature, setup->signature_size);
	if (ret < 0)
		return ret;
	return spdm_sign(SPDM_VERSION_12, setup->asym, setup->hash,
			 SPDM_SIGN_MEASUREMENTS, setup->key,
			 setup->measurements_transcript,
			 sizeof(setup->measurements_transcript),
			 setup->measurements_signature, setup->signature_size);
}

/* Validates the chain once, as the requester does; keeps the leaf key. */
static int validate_chain(struct floor_setup *setup, bool keep_key)
{
	struct spdm_cert_chain chain = {0};
	struct spdm_chain_check check = {
	    .base_hash_algo = setup->hash,
	    .base_asym_algo = setup->asym,
	    .trust = setup->trust,
	};
	enum spdm_reason reason;
	char detail[SPDM_DETAIL_SIZE];
	int ret;

	ret = spdm_cert_chain_validate(&chain, setup->slot_object,
				       setup->slot_object_size, &check, &reason,
				       detail, sizeof(detail));
	if (ret < 0)
		fprintf(stderr, "crypto-floor: chain does not validate: %s\n",
			detail);
	if (ret == 0 && keep_key) {
		setup->public_key = chain.leaf_key;
		EVP_PKEY_up_ref(setup->public_key);
	}
	spdm_cert_chain_clear(&chain);
	return ret;
}

static int verify_challenge(const struct floor_setup *setup)
{
	return spdm_verify_signature(
	    SPDM_VERSION_12, setup->asym, setup->hash, SPDM_SIGN_CHALLENGE_AUTH,
	    setup->public_key, setup->challenge_transcript,
	    setup->challenge_transcript_size, setup->challenge_signature,
	    setup->signature_size);
}

static int verify_measurements(const struct floor_setup *setup)
{
	return spdm_verify_signature(
	    SPDM_VERSION_12, setup->asym, setup->hash, SPDM_SIGN_MEASUREMENTS,
	    setup->public_key, setup->measurements_transcript,
	    sizeof(setup->measurements_transcript),
	    setup->measurements_signature, setup->signature_size);
}

/*
 * Signs both transcripts, as the device does in one attestation. The
 * signatures go to a scratch buffer, so the ones verified stay intact.
 */
static int sign_both(struct floor_setup *setup)
{
	uint8_t signature[SPDM_MAX_SIGNATURE_SIZE];
	int ret;

	ret = spdm_sign(SPDM_VERSION_12, setup->asym, setup->hash,
			SPDM_SIGN_CHALLENGE_AUTH, setup->key,
			setup->challenge_transcript,
			setup->challenge_transcript_size, signature,
			setup->signature_size);
	if (ret < 0)
		return ret;
	return spdm_sign(SPDM_VERSION_12, setup->asym, setup->hash,
			 SPDM_SIGN_MEASUREMENTS, setup->key,
			 setup->measurements_transcript,
			 sizeof(setup->measurements_transcript), signature,
			 setup->signature_size);
}

struct floor_times {
	double device_sign_us;
	double challenge_us;
	double measurements_us;
	double cert_signatures_us;
	double chain_us;
};

static int time_rounds(struct floor_setup *setup, unsigned int iterations,
		       struct floor_times *times)
{
	double start;

	start = now_us();
	for (unsigned int i = 0; i < iterations; i++)
		if (verify_challenge(setup) != 0)
			return -EBADMSG;
	times->challenge_us = (now_us() - start) / iterations;

	start = now_us();
	for (unsigned int i = 0; i < iterations; i++)
		if (verify_measurements(setup) != 0)
			return -EBADMSG;
	times->measurements_us = (now_us() - start) / iterations;

	start = now_us();
	for (unsigned int i = 0; i < iterations; i++)
		if (verify_cert_signatures(setup) != 0)
			return -EBADMSG;
	times->cert_signatures_us = (now_us() - start) / iterations;

	start = now_us();
	for (unsigned int i = 0; i < iterations; i++)
		if (validate_chain(setup, false) != 0)
			return -EBADMSG;
	times->chain_us = (now_us() - start) / iterations;

	start = now_us();
	for (unsigned int i = 0; i < iterations; i++)
		if (sign_both(setup) != 0)
			return -EIO;
	times->device_sign_us = (now_us() - start) / iterations;
	return 0;
}

int main(int argc, char **argv)
{
	static struct floor_setup setup;
	unsigned int iterations = DEFAULT_ITERATIONS;
	struct floor_times times;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "Usage: crypto-floor CHAIN_DER KEY_PEM "
				"ANCHOR_DER [ITERATIONS]\n");
		return 2;
	}
	if (argc == 5)
		iterations = (unsigned int)strtoul(argv[4], NULL, 10);
	if (iterations == 0)
		iterations = DEFAULT_ITERATIONS;

	if (prepare(&setup, argv[1], argv[2], argv[3]) < 0 ||
	    validate_chain(&setup, true) < 0 || verify_challenge(&setup) != 0 ||
	    verify_measurements(&setup) != 0) {
		fprintf(stderr, "crypto-floor: set-up failed for %s\n",
			argv[1]);
		return 1;
	}
	if (time_rounds(&setup, iterations, &times) < 0) {
		fprintf(stderr, "crypto-floor: a verification failed\n");
		return 1;
	}
	printf("{\"iterations\": %u, \"algorithm\": \"%s\", "
	       "\"challenge_verify_us\": %.1f, "
	       "\"measurements_verify_us\": %.1f, "
	       "\"cert_signatures_us\": %.1f, \"chain_validate_us\": %.1f, "
	       "\"device_sign_us\": %.1f, \"floor_us\": %.1f}\n",
	       iterations, spdm_asym_algo_name(setup.asym), times.challenge_us,
	       times.measurements_us, times.cert_signatures_us, times.chain_us,
	       times.device_sign_us, times.challenge_us + times.measurements_us +
		   times.cert_signatures_us);
	return 0;
}
