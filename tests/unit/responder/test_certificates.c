// SPDX-License-Identifier: BSD-3-Clause
/*
 * DIGESTS, CERTIFICATE portions, MEASUREMENTS blocks and the
 * MeasurementSummaryHash, checked against values the test computes from
 * the sample chains and the default measurement blocks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <spdm/crypto.h>
#include <spdm/messages.h>

#include "helpers.h"

/* Builds a DSP0274 certificate chain slot object from a DER bundle. */
static size_t build_slot_object(const uint8_t *der, size_t der_size,
				uint32_t hash, uint8_t *out)
{
	size_t hash_size = spdm_hash_size(hash);
	/* The root is a SEQUENCE with a two-byte length: 30 82 HH LL. */
	size_t root_size = 4 + ((size_t)der[2] << 8 | der[3]);
	size_t total = 4 + hash_size + der_size;

	assert_int_equal(der[0], 0x30);
	assert_int_equal(der[1], 0x82);
	out[0] = (uint8_t)total;
	out[1] = (uint8_t)(total >> 8);
	out[2] = 0;
	out[3] = 0;
	assert_int_equal(spdm_hash(hash, der, root_size, out + 4), 0);
	memcpy(out + 4 + hash_size, der, der_size);
	return total;
}

static void digests_hash_the_slot_objects(void **state)
{
	static const uint8_t get_digests[] = {0x12, 0x81, 0, 0};
	uint8_t object[8192];
	uint8_t digest[64];
	struct device dev;

	device_open(&dev, "ecp384", NULL, NULL);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_int_equal(dev.response_length, 4 + 2 * 48);
	assert_int_equal(dev.response[1], SPDM_DIGESTS);
	assert_int_equal(dev.response[3], 0x03);
	for (size_t slot = 0; slot < 2; slot++) {
		size_t size =
		    build_slot_object(dev.chain[slot], dev.chain_size[slot],
				      SPDM_HASH_SHA_384, object);

		assert_int_equal(
		    spdm_hash(SPDM_HASH_SHA_384, object, size, digest), 0);
		assert_memory_equal(dev.response + 4 + slot * 48, digest, 48);
	}
	device_close(&dev);
}

static void certificate_portions_rebuild_the_chain(void **state)
{
	uint8_t expected[8192];
	uint8_t *object;
	size_t size;
	size_t expected_size;
	struct device dev;

	device_open(&dev, "rsa3072", NULL, NULL);
	device_negotiate(&dev, 0x11, SPDM_ASYM_RSAPSS_3072, SPDM_HASH_SHA_256);
	device_read_certificate(&dev, 1, 1000, &object, &size);
	expected_size = build_slot_object(dev.chain[1], dev.chain_size[1],
					  SPDM_HASH_SHA_256, expected);
	assert_int_equal(size, expected_size);
	assert_memory_equal(object, expected, size);
	free(object);
	device_close(&dev);
}

static void small_transfer_size(struct spdm_responder_profile *profile)
{
	profile->data_transfer_size = 1024;
	profile->max_spdm_msg_size = 1024;
}

/* Length is clipped to what is left and to DataTransferSize - 8. */
static void certificate_length_clipped(void **state)
{
	static const struct {
		uint8_t version;
		uint16_t offset;
		uint16_t length;
		uint16_t portion;
		uint16_t remainder;
	} cases[] = {
	    /* rsa2048 slot 0 is 3548 + 4 + 48 = 3600 bytes with SHA-384. */
	    {0x10, 0, 0xffff, 1016, 2584}, /* DataTransferSize 1024 */
	    {0x12, 0, 0xffff, 1016, 2584},
	    {0x12, 3000, 0xffff, 600, 0}, /* what is left */
	    {0x11, 100, 50, 50, 3450},	  /* what was asked */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t request[8] = {cases[i].version,
				      0x82,
				      0,
				      0,
				      (uint8_t)cases[i].offset,
				      (uint8_t)(cases[i].offset >> 8),
				      (uint8_t)cases[i].length,
				      (uint8_t)(cases[i].length >> 8)};
		struct device dev;

		device_open(&dev, "rsa2048", small_transfer_size, NULL);
		device_negotiate(&dev, cases[i].version, SPDM_ASYM_RSASSA_2048,
				 SPDM_HASH_SHA_384);
		device_send(&dev, request, sizeof(request));
		assert_int_equal(dev.response[4] | dev.response[5] << 8,
				 cases[i].portion);
		assert_int_equal(dev.response[6] | dev.response[7] << 8,
				 cases[i].remainder);
		assert_int_equal(dev.response_length, 8u + cases[i].portion);
		device_close(&dev);
	}
}

/* In 1.2 the requester's DataTransferSize bounds the portion too. */
static void certificate_fits_requester_transfer_size(void **state)
{
	static const char *const exchanges[] = {
	    "10 84 00 00",
	    /* DataTransferSize = MaxSPDMmsgSize = 600 */
	    "12 e1 00 00 00 00 00 00 00 00 00 00 58 02 00 00 58 02 00 00",
	    "12 e3 00 00 20 00 01 00 01 00 00 00 02 00 00 00"
	    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	    "12 82 00 00 00 00 ff ff",
	};
	struct device dev;

	device_open(&dev, "rsa2048", NULL, NULL);
	for (size_t i = 0; i < 4; i++) {
		uint8_t request[64];
		size_t size = test_hex(exchanges[i], request, sizeof(request));

		device_send(&dev, request, size);
	}
	assert_int_equal(dev.response[1], SPDM_CERTIFICATE);
	assert_int_equal(dev.response[4] | dev.response[5] << 8, 592);
	assert_int_equal(dev.response_length, 600);
	device_close(&dev);
}

static void certificate_errors(void **state)
{
	static const struct {
		const char *request;
		uint8_t error;
	} cases[] = {
	    {"12 82 00 00 28 0e 10 00", SPDM_ERROR_INVALID_REQUEST},
	    {"12 82 03 00 00 00 10 00", SPDM_ERROR_INVALID_REQUEST},
	    {"12 82 08 00 00 00 10 00", SPDM_ERROR_INVALID_REQUEST},
	    {"12 82 00 00 00 00", SPDM_ERROR_INVALID_REQUEST},
	};
	struct device dev;

	device_open(&dev, "rsa2048", NULL, NULL);
	device_negotiate(&dev, 0x12, SPDM_ASYM_RSASSA_2048, SPDM_HASH_SHA_384);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t request[16];
		size_t size =
		    test_hex(cases[i].request, request, sizeof(request));

		device_send(&dev, request, size);
		assert_error(&dev, 0x12, cases[i].error, 0);
	}
	device_close(&dev);
}

static void no_certificates(struct spdm_responder_profile *profile)
{
	profile->capabilities = SPDM_CAP_MEAS_NO_SIG;
}

static void missing_capabilities_unsupported(void **state)
{
	static const uint8_t get_digests[] = {0x12, 0x81, 0, 0};
	static const uint8_t challenge[36] = {0x12, 0x83};
	static const uint8_t get_signed[37] = {0x12, 0xe0, 1, 1};
	struct device dev;

	device_open(&dev, "ecp256", no_certificates, NULL);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256);
	device_send(&dev, get_digests, sizeof(get_digests));
	assert_error(&dev, 0x12, SPDM_ERROR_UNSUPPORTED_REQUEST, 0x81);
	device_send(&dev, challenge, sizeof(challenge));
	assert_error(&dev, 0x12, SPDM_ERROR_UNSUPPORTED_REQUEST, 0x83);
	/* MEAS_CAP without signatures rejects a signed request. */
	device_send(&dev, get_signed, sizeof(get_signed));
	assert_error(&dev, 0x12, SPDM_ERROR_INVALID_REQUEST, 0);
	device_close(&dev);
}

struct measurement_case {
	const char *name;
	const char *request;
	const char *expected_start; /* the bytes before the nonce */
};

/* Default blocks with MeasurementHashAlgo SHA-512 (the profile's best). */
static const struct measurement_case measurement_cases[] = {
    {"count", "12 e0 00 00", "12 60 06 00 00 00 00 00"},
    {"firmware version", "12 e0 00 10",
     "12 60 00 00 01 0c 00 00 10 01 08 00 86 05 00 31 2e 34 2e 32"},
    {"device mode", "11 e0 00 fe",
     "11 60 00 00 01 17 00 00 fe 01 13 00 85 10 00"
     " 0f 00 00 00 04 00 00 00 03 00 00 00 00 00 00 00"},
    {"raw bit stream of a digest block", "12 e0 02 01",
     "12 60 00 00 01 23 00 00 01 01 1f 00 80 1c 00"
     " 73 70 64 6d 2d 72 65 73 70 6f 6e 64 65 72 20 69"
     " 6d 6d 75 74 61 62 6c 65 20 52 4f 4d"},
    {"raw bit stream ignored in 1.1", "11 e0 02 01",
     "11 60 00 00 01 47 00 00 01 01 43 00 00 40 00"},
};

static void measurement_blocks(void **state)
{
	for (size_t i = 0;
	     i < sizeof(measurement_cases) / sizeof(measurement_cases[0]);
	     i++) {
		const struct measurement_case *c = &measurement_cases[i];
		uint8_t request[8];
		uint8_t expected[128];
		size_t request_size =
		    test_hex(c->request, request, sizeof(request));
		size_t expected_size =
		    test_hex(c->expected_start, expected, sizeof(expected));
		size_t record_end;
		struct device dev;

		device_open(&dev, "ecp256", NULL, NULL);
		device_negotiate(&dev, request[0], SPDM_ASYM_ECDSA_P256,
				 SPDM_HASH_SHA_256);
		device_send(&dev, request, request_size);
		print_message("%s\n", c->name);
		record_end = 8u + (dev.response[5] | dev.response[6] << 8);
		/* Nonce (32) and OpaqueLength 0 follow the record. */
		assert_int_equal(dev.response_length, record_end + 34);
		assert_memory_equal(dev.response, expected, expected_size);
		assert_int_equal(dev.response[record_end + 32], 0);
		assert_int_equal(dev.response[record_end + 33], 0);
		device_close(&dev);
	}
}

static void digest_block_hashes_content(void **state)
{
	static const uint8_t request[] = {0x12, 0xe0, 0, 2};
	static const char content[] = "spdm-responder firmware 1.4.2";
	uint8_t digest[64];
	struct device dev;

	device_open(&dev, "ecp256", NULL, NULL);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P256, SPDM_HASH_SHA_256);
	device_send(&dev, request, sizeof(request));
	assert_int_equal(spdm_measurement_hash(SPDM_MEAS_HASH_SHA_512, content,
					       strlen(content), digest),
			 0);
	assert_int_equal(dev.response[8 + 4], SPDM_DMTF_MEAS_MUTABLE_FIRMWARE);
	assert_memory_equal(dev.response + 8 + 7, digest, 64);
	device_close(&dev);
}

/* Summary = BaseHash(all blocks) for 0xff, BaseHash(type 0 blocks) for 1. */
static void summary_hash_matches_blocks(void **state)
{
	static const uint8_t get_all[] = {0x12, 0xe0, 0, 0xff};
	static const uint8_t get_rom[] = {0x12, 0xe0, 0, 0x01};
	uint8_t expected_all[48];
	uint8_t expected_tcb[48];
	uint8_t challenge[36] = {0x12, 0x83, 0, 0xff};
	size_t summary_offset = 4 + 48 + 32;
	struct device dev;

	device_open(&dev, "ecp384", NULL, NULL);
	device_negotiate(&dev, 0x12, SPDM_ASYM_ECDSA_P384, SPDM_HASH_SHA_384);
	device_send(&dev, get_all, sizeof(get_all));
	assert_int_equal(dev.response[4], 6);
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, dev.response + 8,
				   dev.response[5] | dev.response[6] << 8,
				   expected_all),
			 0);
	device_send(&dev, get_rom, sizeof(get_rom));
	assert_int_equal(spdm_hash(SPDM_HASH_SHA_384, dev.response + 8,
				   dev.response[5] | dev.response[6] << 8,
				   expected_tcb),
			 0);
	device_send(&dev, challenge, sizeof(challenge));
	assert_memory_equal(dev.response + summary_offset, expected_all, 48);
	challenge[3] = 0x01;
	device_send(&dev, challenge, sizeof(challenge));
	assert_memory_equal(dev.response + summary_offset, expected_tcb, 48);
	challenge[3] = 0x02;
	device_send(&dev, challenge, sizeof(challenge));
	assert_error(&dev, 0x12, SPDM_ERROR_INVALID_REQUEST, 0);
	device_close(&dev);
}

/* Param2 of a signed MEASUREMENTS: slot (1.1+) and ContentChanged (1.2). */
static void signed_measurements_param2(void **state)
{
	static const struct {
		uint8_t version;
		uint8_t slot;
		uint8_t param2;
		bool error;
	} cases[] = {
	    {0x10, 0, 0x00, false}, {0x11, 1, 0x01, false},
	    {0x12, 0, 0x20, false}, {0x12, 1, 0x21, false},
	    {0x12, 3, 0, true},	    {0x12, 0x0f, 0, true},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t request[37] = {cases[i].version, 0xe0, 1, 0x10};
		size_t size = cases[i].version == 0x10 ? 36 : 37;
		struct device dev;

		request[36] = cases[i].slot;
		device_open(&dev, "ecp256", NULL, NULL);
		device_negotiate(&dev, cases[i].version, SPDM_ASYM_ECDSA_P256,
				 SPDM_HASH_SHA_256);
		device_send(&dev, request, size);
		if (cases[i].error) {
			assert_error(&dev, cases[i].version,
				     SPDM_ERROR_INVALID_REQUEST, 0);
		} else {
			assert_int_equal(dev.response[1], SPDM_MEASUREMENTS);
			assert_int_equal(dev.response[3], cases[i].param2);
		}
		device_close(&dev);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(digests_hash_the_slot_objects),
	    cmocka_unit_test(certificate_portions_rebuild_the_chain),
	    cmocka_unit_test(certificate_length_clipped),
	    cmocka_unit_test(certificate_fits_requester_transfer_size),
	    cmocka_unit_test(certificate_errors),
	    cmocka_unit_test(missing_capabilities_unsupported),
	    cmocka_unit_test(measurement_blocks),
	    cmocka_unit_test(digest_block_hashes_content),
	    cmocka_unit_test(summary_hash_matches_blocks),
	    cmocka_unit_test(signed_measurements_param2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
