// SPDX-License-Identifier: BSD-3-Clause
/*
 * Device settings, from command-line options or from a profile file (INI,
 * one [device] section; docs/spdm-responder.md lists the keys).
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "responder_tool.h"

static bool parse_unsigned(const char *text, unsigned long max,
			   unsigned long *value)
{
	char *end;

	if (!*text || *text == '-')
		return false;
	errno = 0;
	*value = strtoul(text, &end, 0);
	return !errno && !*end && *value <= max;
}

static int set_string(char **field, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

static int set_number(struct device_settings *s, const char *key,
		      const char *value, char *error, size_t error_size)
{
	unsigned long number;
	unsigned long max = 0xffffffffu;

	if (!strcmp(key, "eid"))
		max = 0xfe;
	else if (!strcmp(key, "ct-exponent"))
		max = SPDM_MAX_CT_EXPONENT;
	if (!parse_unsigned(value, max, &number)) {
		snprintf(error, error_size, "invalid %s '%s' (0 to %lu)", key,
			 value, max);
		return -1;
	}
	if (!strcmp(key, "eid")) {
		s->eid = (uint8_t)number;
		s->eid_set = true;
	} else if (!strcmp(key, "ct-exponent")) {
		s->ct_exponent = (uint8_t)number;
		s->ct_exponent_set = true;
	} else if (!strcmp(key, "data-transfer-size")) {
		s->data_transfer_size = (uint32_t)number;
	} else {
		s->max_spdm_msg_size = (uint32_t)number;
	}
	return 0;
}

static int set_algorithms(struct device_settings *s, const char *key,
			  const char *value, char *error, size_t error_size)
{
	enum spdm_algorithm_kind kind = SPDM_ALGORITHM_ASYM;
	uint32_t *field = &s->asym;

	if (!strcmp(key, "hash")) {
		kind = SPDM_ALGORITHM_HASH;
		field = &s->hash;
	} else if (!strcmp(key, "measurement-hash")) {
		kind = SPDM_ALGORITHM_MEASUREMENT_HASH;
		field = &s->measurement_hash;
	}
	if (spdm_algorithms_parse(kind, value, field) || *field == 0) {
		snprintf(
		    error, error_size,
		    "invalid %s '%s' (names such as %s, or hex)", key, value,
		    kind == SPDM_ALGORITHM_ASYM ? "ECDSA_P384" : "SHA_384");
		return -1;
	}
	return 0;
}

static int add_fault(struct device_settings *s, const char *spec, char *error,
		     size_t error_size)
{
	size_t used = strlen(s->fault_text);

	if (spdm_fault_plan_add(&s->plan, spec, error, error_size))
		return -1;
	snprintf(s->fault_text + used, sizeof(s->fault_text) - used, "%s%s",
		 used ? " " : "", spec);
	return 0;
}

int settings_apply(struct device_settings *s, const char *key,
		   const char *value, char *error, size_t error_size)
{
	if (!strcmp(key, "chain"))
		return set_string(&s->chain_path[0], value);
	if (!strcmp(key, "chain1"))
		return set_string(&s->chain_path[1], value);
	if (!strcmp(key, "key"))
		return set_string(&s->key_path, value);
	if (!strcmp(key, "measurements"))
		return set_string(&s->measurements_path, value);
	if (!strcmp(key, "fault"))
		return add_fault(s, value, error, error_size);
	if (!strcmp(key, "versions")) {
		if (!spdm_versions_parse(value, s->versions,
					 SPDM_RESPONDER_MAX_VERSIONS,
					 &s->version_count))
			return 0;
		snprintf(error, error_size,
			 "invalid versions '%s' (e.g. 1.0,1.1,1.2)", value);
		return -1;
	}
	if (!strcmp(key, "caps")) {
		s->caps_set = true;
		if (!spdm_capabilities_parse(value, &s->caps))
			return 0;
		snprintf(error, error_size,
			 "invalid caps '%s' (hex or names such as CERT|CHAL)",
			 value);
		return -1;
	}
	if (!strcmp(key, "asym") || !strcmp(key, "hash") ||
	    !strcmp(key, "measurement-hash"))
		return set_algorithms(s, key, value, error, error_size);
	if (!strcmp(key, "eid") || !strcmp(key, "ct-exponent") ||
	    !strcmp(key, "data-transfer-size") ||
	    !strcmp(key, "max-spdm-msg-size"))
		return set_number(s, key, value, error, error_size);
	snprintf(error, error_size, "unknown setting '%s'", key);
	return -1;
}

struct profile_reader {
	struct device_settings *settings;
	const char *path;
	char *directory;
	bool failed;
};

static bool names_file(const char *key, const char *value)
{
	static const char *const path_keys[] = {"chain", "chain1", "key",
						"measurements"};
	static const char *const file_faults[] = {
	    "chain=", "measurements=", "replay-file="};

	if (!strcmp(key, "fault")) {
		for (size_t i = 0; i < 3; i++)
			if (!strncmp(value, file_faults[i],
				     strlen(file_faults[i])))
				return true;
		return false;
	}
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(key, path_keys[i]))
			return true;
	return false;
}

/*
 * Copies value to out, with a relative file name (of a path setting or a
 * file fault) resolved against the profile's folder. Returns 0, or -1
 * when the result does not fit.
 */
static int resolve_path(const struct profile_reader *reader, const char *key,
			const char *value, char *out, size_t size)
{
	const char *file = value;
	int length;

	if (!strcmp(key, "fault") && names_file(key, value))
		file = strchr(value, '=') + 1;
	if (!names_file(key, value) || file[0] == '/')
		length = snprintf(out, size, "%s", value);
	else
		length = snprintf(out, size, "%.*s%s/%s", (int)(file - value),
				  value, reader->directory, file);
	return length < 0 || (size_t)length >= size ? -1 : 0;
}

static int on_setting(void *user, const char *section, const char *key,
		      const char *value)
{
	struct profile_reader *reader = user;
	char resolved[4096];
	char error[256];

	if (strcmp(section, "device")) {
		log_error("%s: unknown section [%s] (only [device])",
			  reader->path, section);
		reader->failed = true;
		return 1;
	}
	if (resolve_path(reader, key, value, resolved, sizeof(resolved))) {
		log_error("%s: file name of %s too long", reader->path, key);
		reader->failed = true;
	} else if (settings_apply(reader->settings, key, resolved, error,
				  sizeof(error))) {
		log_error("%s: %s", reader->path, error);
		reader->failed = true;
	}
	return 1;
}

int profile_load(struct device_settings *settings, const char *path)
{
	char *copy = strdup(path);
	struct profile_reader reader = {
	    .settings = settings,
	    .path = path,
	};
	int rc;

	if (!copy)
		return -1;
	reader.directory = dirname(copy);
	rc = ini_parse(path, on_setting, &reader);
	free(copy);
	if (rc < 0) {
		log_error("cannot read profile %s: %s", path, strerror(errno));
		return -1;
	}
	if (rc > 0) {
		log_error("%s: line %d: invalid syntax", path, rc);
		return -1;
	}
	return reader.failed ? -1 : 0;
}
