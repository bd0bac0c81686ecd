// SPDX-License-Identifier: BSD-3-Clause
/* The requester configurations of fuzz_requester (see its header). */
#include "fuzz_common.h"
#include "fuzz_requester_config.h"

static void set_versions(struct spdm_requester_config *config, uint8_t selector)
{
	switch (selector & FUZZ_REQ_VERSIONS_MASK) {
	case FUZZ_REQ_VERSIONS_10:
		config->max_version = SPDM_VERSION_10;
		break;
	case FUZZ_REQ_VERSIONS_11:
		config->max_version = SPDM_VERSION_11;
		break;
	case FUZZ_REQ_VERSIONS_12:
		config->min_version = SPDM_VERSION_12;
		break;
	default:
		break;
	}
}

void fuzz_requester_config(struct spdm_requester_config *config,
			   uint8_t selector, const struct spdm_trust *trust)
{
	static const uint8_t nonce[SPDM_NONCE_SIZE] = {0x4e, 0x4f, 0x4e};

	spdm_requester_config_default(config);
	set_versions(config, selector);
	config->check_time = FUZZ_CHECK_TIME;
	config->measurement_nonce = nonce;
	if (selector & FUZZ_REQ_SIGNED_MEASUREMENTS)
		config->flow = SPDM_FLOW_SIGNED_MEASUREMENTS;
	if (selector & FUZZ_REQ_NO_MEASUREMENTS)
		config->measurements = false;
	if (selector & FUZZ_REQ_TRUST)
		config->trust = trust;
	if (selector & FUZZ_REQ_SLOT_1)
		config->slot_id = 1;
	if (selector & FUZZ_REQ_INDICES) {
		config->measurement_index_count = 3;
		config->measurement_indices[0] = 1;
		config->measurement_indices[1] = 2;
		config->measurement_indices[2] = 0x10;
	}
	if (selector & FUZZ_REQ_SMALL_TRANSFER) {
		config->data_transfer_size = SPDM_MIN_DATA_TRANSFER_SIZE_12;
		config->max_spdm_msg_size = 4096;
	}
}
