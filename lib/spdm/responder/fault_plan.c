// SPDX-License-Identifier: BSD-3-Clause
/* The fault plan syntax: "name" or "name=value", one fault at a time. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <spdm/responder.h>

static int fault_error(char *error, size_t error_size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static int fault_error(char *error, size_t error_size, const char *format, ...)
{
	va_list args;

	if (error && error_size) {
		va_start(args, format);
		vsnprintf(error, error_size, format, args);
		va_end(args);
	}
	return -EINVAL;
}

static bool parse_count(const char *text, bool allow_forever,
			unsigned int *value)
{
	unsigned long number;
	char *end;

	if (allow_forever && !strcmp(text, "forever")) {
		*value = SPDM_FAULT_FOREVER;
		return true;
	}
	if (!*text || *text == '-')
		return false;
	errno = 0;
	number = strtoul(text, &end, 0);
	if (errno || *end || number >= SPDM_FAULT_FOREVER)
		return false;
	*value = (unsigned int)number;
	return true;
}

/* Splits "CODE:VALUE" and parses both halves. */
static bool parse_code_value(const char *text, bool allow_forever,
			     uint8_t *code, unsigned int *value)
{
	const char *colon = strchr(text, ':');
	char name[64];
	int parsed;

	if (!colon || (size_t)(colon - text) >= sizeof(name))
		return false;
	memcpy(name, text, (size_t)(colon - text));
	name[colon - text] = '\0';
	parsed = spdm_request_code_parse(name);
	if (parsed < 0x80)
		return false;
	*code = (uint8_t)parsed;
	return parse_count(colon + 1, allow_forever, value);
}

static int set_path(char **field, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return -ENOMEM;
	free(*field);
	*field = copy;
	return 0;
}

static int add_rule(struct spdm_fault_rule *rules, size_t *count, uint8_t code,
		    unsigned int number, bool is_delay)
{
	struct spdm_fault_rule *rule;

	if (*count >= SPDM_RESPONDER_MAX_FAULT_RULES)
		return -E2BIG;
	rule = &rules[(*count)++];
	memset(rule, 0, sizeof(*rule));
	rule->request_code = code;
	if (is_delay)
		rule->delay_ms = number;
	else
		rule->count = number;
	return 0;
}

/* Faults without a value. */
static bool set_flag(struct spdm_fault_plan *plan, const char *name)
{
	static const struct {
		const char *name;
		size_t offset;
	} flags[] = {
	    {"wrong-key", offsetof(struct spdm_fault_plan, wrong_key)},
	    {"silent", offsetof(struct spdm_fault_plan, silent)},
	    {"no-spdm", offsetof(struct spdm_fault_plan, no_spdm)},
	    {"root-hash-mismatch",
	     offsetof(struct spdm_fault_plan, root_hash_mismatch)},
	    {"digest-mismatch",
	     offsetof(struct spdm_fault_plan, digest_mismatch)},
	    {"cert-chain-hash-wrong",
	     offsetof(struct spdm_fault_plan, cert_chain_hash_wrong)},
	    {"replay-challenge-auth",
	     offsetof(struct spdm_fault_plan, replay_challenge_auth)},
	    {"late-duplicate",
	     offsetof(struct spdm_fault_plan, late_duplicate)},
	    {"portion-zero", offsetof(struct spdm_fault_plan, portion_zero)},
	};

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (strcmp(name, flags[i].name))
			continue;
		*(bool *)((char *)plan + flags[i].offset) = true;
		return true;
	}
	return false;
}

/* Faults whose value is a count or a size in bytes. */
static int set_number(struct spdm_fault_plan *plan, const char *name,
		      const char *value, char *error, size_t error_size)
{
	static const char *const number_faults[] = {
	    "stop-after", "hang-up-after", "cert-portion", "chunk", "delay",
	    "opaque",
	};
	unsigned int number;
	bool known = false;

	for (size_t i = 0; i < sizeof(number_faults) / sizeof(number_faults[0]);
	     i++)
		known = known || !strcmp(name, number_faults[i]);
	if (!known)
		return 1;
	if (!parse_count(value, false, &number))
		return fault_error(error, error_size,
				   "invalid number '%s' in fault %s", value,
				   name);
	if (!strcmp(name, "stop-after")) {
		plan->stop_after_set = true;
		plan->stop_after = number;
	} else if (!strcmp(name, "hang-up-after")) {
		plan->hang_up_after_set = true;
		plan->hang_up_after = number;
	} else if (!strcmp(name, "cert-portion")) {
		if (number == 0)
			return fault_error(error, error_size,
					   "cert-portion must be at least 1");
		plan->cert_portion = number;
	} else if (!strcmp(name, "chunk")) {
		if (number == 0)
			return fault_error(error, error_size,
					   "chunk must be at least 1");
		plan->chunk_size = number;
	} else if (!strcmp(name, "opaque")) {
		if (number > SPDM_MAX_OPAQUE_SIZE)
			return fault_error(error, error_size,
					   "opaque must be at most %d bytes",
					   SPDM_MAX_OPAQUE_SIZE);
		plan->opaque_size = (uint16_t)number;
	} else {
		plan->delay_ms = number;
	}
	return 0;
}

static int set_not_ready(struct spdm_fault_plan *plan, const char *value,
			 char *error, size_t error_size)
{
	char ms[32];
	const char *comma = strchr(value, ',');
	size_t length = comma ? (size_t)(comma - value) : strlen(value);

	if (length >= sizeof(ms))
		return fault_error(error, error_size,
				   "invalid not-ready value '%s'", value);
	memcpy(ms, value, length);
	ms[length] = '\0';
	plan->not_ready_count = SPDM_FAULT_FOREVER;
	if (!parse_count(ms, false, &plan->not_ready_ms) ||
	    (comma && !parse_count(comma + 1, true, &plan->not_ready_count)))
		return fault_error(error, error_size,
				   "invalid not-ready value '%s' (MS[,N])",
				   value);
	plan->not_ready_set = true;
	return 0;
}

static int set_code_rule(struct spdm_fault_plan *plan, const char *name,
			 const char *value, char *error, size_t error_size)
{
	bool is_delay = !strcmp(name, "delay-at");
	unsigned int number;
	uint8_t code;
	int rc;

	if (!parse_code_value(value, !is_delay, &code, &number))
		return fault_error(error, error_size,
				   "invalid value '%s' in fault %s (CODE:%s)",
				   value, name, is_delay ? "MS" : "N");
	if (is_delay)
		rc = add_rule(plan->delay_at, &plan->delay_at_count, code,
			      number, true);
	else
		rc = add_rule(plan->busy, &plan->busy_count, code, number,
			      false);
	if (rc)
		return fault_error(error, error_size, "more than %u %s faults",
				   SPDM_RESPONDER_MAX_FAULT_RULES, name);
	return 0;
}

static int set_request_code(uint8_t *field, const char *name, const char *value,
			    char *error, size_t error_size)
{
	int code = spdm_request_code_parse(value);

	if (code < 0x80)
		return fault_error(error, error_size,
				   "invalid request code '%s' in fault %s "
				   "(a name such as GET_CERTIFICATE or hex)",
				   value, name);
	*field = (uint8_t)code;
	return 0;
}

static int set_bits(struct spdm_fault_plan *plan, const char *name,
		    const char *value, char *error, size_t error_size)
{
	bool is_caps = !strcmp(name, "caps");
	int rc;

	if (is_caps)
		rc = spdm_capabilities_parse(value, &plan->caps);
	else
		rc = spdm_algorithms_parse(SPDM_ALGORITHM_ASYM, value,
					   &plan->alg_select);
	if (rc)
		return fault_error(error, error_size,
				   "invalid %s '%s' in fault %s (hex or names)",
				   is_caps ? "capability flags"
					   : "BaseAsym bits",
				   value, name);
	if (is_caps)
		plan->caps_set = true;
	else
		plan->alg_select_set = true;
	return 0;
}

static int set_versions(struct spdm_fault_plan *plan, const char *value,
			char *error, size_t error_size)
{
	if (spdm_versions_parse(value, plan->versions,
				SPDM_RESPONDER_MAX_VERSIONS,
				&plan->version_count))
		return fault_error(error, error_size,
				   "invalid versions '%s' (e.g. 1.1,1.2)",
				   value);
	return 0;
}

static int set_prefix(struct spdm_fault_plan *plan, const char *value,
		      char *error, size_t error_size)
{
	if (!strcmp(value, "none"))
		plan->prefix = SPDM_PREFIX_NONE;
	else if (!strcmp(value, "always"))
		plan->prefix = SPDM_PREFIX_ALWAYS;
	else
		return fault_error(error, error_size,
				   "invalid prefix '%s' (none or always)",
				   value);
	return 0;
}

static int set_file(struct spdm_fault_plan *plan, const char *name,
		    const char *value)
{
	if (!strcmp(name, "chain"))
		return set_path(&plan->chain_path, value);
	if (!strcmp(name, "measurements"))
		return set_path(&plan->measurements_path, value);
	plan->replay_challenge_auth = true;
	return set_path(&plan->replay_path, value);
}

static int set_valued(struct spdm_fault_plan *plan, const char *name,
		      const char *value, char *error, size_t error_size)
{
	int rc = set_number(plan, name, value, error, error_size);

	if (rc <= 0)
		return rc;
	if (!strcmp(name, "versions"))
		return set_versions(plan, value, error, error_size);
	if (!strcmp(name, "prefix"))
		return set_prefix(plan, value, error, error_size);
	if (!strcmp(name, "not-ready"))
		return set_not_ready(plan, value, error, error_size);
	if (!strcmp(name, "busy-at") || !strcmp(name, "delay-at"))
		return set_code_rule(plan, name, value, error, error_size);
	if (!strcmp(name, "resynch-at"))
		return set_request_code(&plan->resynch_at, name, value, error,
					error_size);
	if (!strcmp(name, "late-duplicate")) {
		plan->late_duplicate = true;
		return set_request_code(&plan->late_duplicate_code, name, value,
					error, error_size);
	}
	if (!strcmp(name, "caps") || !strcmp(name, "alg-select"))
		return set_bits(plan, name, value, error, error_size);
	if (!strcmp(name, "chain") || !strcmp(name, "measurements") ||
	    !strcmp(name, "replay-file"))
		return set_file(plan, name, value);
	return fault_error(error, error_size, "unknown fault '%s'", name);
}

int spdm_fault_plan_add(struct spdm_fault_plan *plan, const char *spec,
			char *error, size_t error_size)
{
	const char *equals;
	char name[32];
	size_t length;

	if (!plan || !spec)
		return -EINVAL;
	equals = strchr(spec, '=');
	length = equals ? (size_t)(equals - spec) : strlen(spec);
	if (length == 0 || length >= sizeof(name))
		return fault_error(error, error_size, "unknown fault '%s'",
				   spec);
	memcpy(name, spec, length);
	name[length] = '\0';
	if (!equals) {
		if (set_flag(plan, name))
			return 0;
		return fault_error(error, error_size,
				   "unknown fault '%s' or missing '=VALUE'",
				   name);
	}
	/* busy=N applies to every request: a rule with code 0. */
	if (!strcmp(name, "busy")) {
		unsigned int count;

		if (!parse_count(equals + 1, true, &count))
			return fault_error(error, error_size,
					   "invalid busy count '%s' (N or "
					   "forever)",
					   equals + 1);
		if (add_rule(plan->busy, &plan->busy_count,
			     SPDM_FAULT_ANY_REQUEST, count, false))
			return fault_error(error, error_size,
					   "too many busy faults");
		return 0;
	}
	return set_valued(plan, name, equals + 1, error, error_size);
}

void spdm_fault_plan_clear(struct spdm_fault_plan *plan)
{
	free(plan->chain_path);
	free(plan->replay_path);
	free(plan->measurements_path);
	memset(plan, 0, sizeof(*plan));
}
