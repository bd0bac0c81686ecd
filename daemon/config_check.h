/* SPDX-License-Identifier: BSD-3-Clause */
/* Checks that span several keys or sections of the configuration. */
#ifndef SPDMD_CONFIG_CHECK_H
#define SPDMD_CONFIG_CHECK_H

#include "config.h"

struct config_problem {
	unsigned int line; /* 0 when no single line is to blame */
	char message[CONFIG_ERROR_SIZE];
};

/* Returns 0, or -EINVAL and the first problem found. */
int config_check(const struct spdmd_config *config,
		 struct config_problem *problem);

#endif /* SPDMD_CONFIG_CHECK_H */
