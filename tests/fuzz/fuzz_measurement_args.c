// SPDX-License-Identifier: BSD-3-Clause
/*
 * Fuzzes the argument checks of MeasurementSet.SPDMGetSignedMeasurements
 * (measurement_args_parse), which take what any D-Bus client sends.
 *
 * Input: a 16-bit index count (up to 300, so the cap of 254 is crossed),
 * that many 16-bit indices, a 16-bit slot, and the rest as the nonce
 * string (cut at its first NUL byte, as D-Bus strings are).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "measurement_args.h"

#define MAX_INDICES 300

static size_t read_u16(const uint8_t **data, size_t *size)
{
	size_t value;

	if (*size < 2) {
		*size = 0;
		return 0;
	}
	value = (*data)[0] | (size_t)(*data)[1] << 8;
	*data += 2;
	*size -= 2;
	return value;
}

static void check_args(const struct measurement_args *args,
		       const size_t *indices, size_t index_count, size_t slot)
{
	if (args->slot != slot || slot >= 8)
		abort();
	if (args->index_count > SPDM_MAX_MEASUREMENT_INDICES ||
	    args->index_count > index_count)
		abort();
	for (size_t i = 0; i < args->index_count; i++)
		if (args->indices[i] == 0 || args->indices[i] == 0xff ||
		    args->indices[i] != indices[i])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t indices[MAX_INDICES];
	struct measurement_args args;
	char message[MEASUREMENT_ARGS_MESSAGE_SIZE];
	size_t index_count = read_u16(&data, &size) % (MAX_INDICES + 1);
	size_t slot;
	char *nonce;
	int rc;

	for (size_t i = 0; i < index_count; i++)
		indices[i] = read_u16(&data, &size);
	slot = read_u16(&data, &size);
	nonce = malloc(size + 1);
	if (!nonce)
		return 0;
	memcpy(nonce, data, size);
	nonce[size] = '\0';

	message[0] = '\0';
	memset(&args, 0, sizeof(args));
	rc = measurement_args_parse(indices, index_count, nonce, slot, &args,
				    message, sizeof(message));
	if (!memchr(message, 0, sizeof(message)))
		abort();
	if (rc == 0)
		check_args(&args, indices, index_count, slot);
	else if (!message[0])
		abort();
	free(nonce);
	return 0;
}
