/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Names spdmctl prints for negotiated values: algorithms and capability
 * flags as DSP0274 1.2 tables 11, 15 and 18 name them, and DMTF
 * measurement value types (DSP0274 1.2 table 45, with the types 1.3 adds).
 */
#ifndef SPDMCTL_NAMES_H
#define SPDMCTL_NAMES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Returns the name of one selected algorithm bit, "none" for 0 and
 * "unknown" for a reserved bit or a value with several bits set.
 */
const char *spdmctl_base_asym_name(uint32_t base_asym_algo);
const char *spdmctl_base_hash_name(uint32_t base_hash_algo);
const char *spdmctl_measurement_hash_name(uint32_t measurement_hash_algo);
const char *spdmctl_measurement_spec_name(uint8_t measurement_specification);

/* Returns the digest size of a BaseHashAlgo bit, or 0 when unknown. */
size_t spdmctl_hash_size(uint32_t base_hash_algo);

/*
 * Stores the names of the capability flags set in flags into names and
 * returns how many there are (at most max). The two-bit fields are named
 * with their value: MEAS_CAP_NO_SIG, MEAS_CAP_SIG, PSK_CAP_RESPONDER and
 * PSK_CAP_RESPONDER_WITH_CONTEXT.
 */
size_t spdmctl_capability_names(uint32_t flags, const char **names,
				size_t max);
/* Capability names a flags word can produce at most. */
#define SPDMCTL_MAX_CAPABILITY_NAMES 32

/* Returns the name of a DMTF measurement value type (bits 6:0). */
const char *spdmctl_measurement_type_name(uint8_t value_type);

#endif /* SPDMCTL_NAMES_H */
