// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include <spdm/messages.h>

#include "log.h"
#include "trust.h"

static const char *load_problem(int error)
{
	switch (error) {
	case -EBADMSG:
	case -EINVAL:
	case -EPROTO:
		return "no certificate could be read (DER or PEM expected)";
	case -EISDIR:
		return "is a directory; name a directory of anchors with "
		       "trust-anchor-dir";
	case -E2BIG:
		return "has too many entries (more than 1024, whatever their "
		       "names); keep only the trust anchors in it";
	default:
		return strerror(-error);
	}
}

static int add_anchor_paths(struct spdm_trust *anchors,
			    const struct spdmd_config *config,
			    const struct config_path *paths, size_t count,
			    bool directories, char *error, size_t error_size)
{
	for (size_t i = 0; i < count; i++) {
		/* The file of a directory that failed, or empty. */
		char file[PATH_MAX] = "";
		int ret = directories
			      ? spdm_trust_add_directory_report(
				    anchors, paths[i].path, file, sizeof(file))
			      : spdm_trust_add_file(anchors, paths[i].path);

		if (ret < 0) {
			snprintf(
			    error, error_size, "%s:%u: %s: %s: %s",
			    config->file, paths[i].line,
			    directories ? "trust-anchor-dir" : "trust-anchor",
			    file[0] ? file : paths[i].path, load_problem(ret));
			return ret;
		}
	}
	return 0;
}

int trust_load_anchors(struct trust *trust, const struct spdmd_config *config,
		       char *error, size_t error_size)
{
	int ret;

	trust->policy = config->trust_policy;
	ret = spdm_trust_new(&trust->anchors);
	if (ret < 0) {
		snprintf(error, error_size, "%s: trust anchors: %s",
			 config->file, strerror(-ret));
		return ret;
	}
	ret = add_anchor_paths(trust->anchors, config, config->anchors,
			       config->anchor_count, false, error, error_size);
	if (ret == 0)
		ret = add_anchor_paths(
		    trust->anchors, config, config->anchor_dirs,
		    config->anchor_dir_count, true, error, error_size);
	return ret;
}

static void log_pin_report(const struct pin_store *store,
			   const struct pin_store_report *report)
{
	if (report->corrupt_line)
		log_message(LOG_ERR,
			    "%s/pins: line %u is invalid; kept the file as %s "
			    "and %s",
			    store->dir, report->corrupt_line,
			    report->corrupt_copy[0] ? report->corrupt_copy
						    : "(rename failed)",
			    report->loaded_from ? "used pins.bak"
						: "found no good pins.bak");
	if (report->backup_corrupt_line)
		log_message(LOG_ERR, "%s/pins.bak: line %u is invalid",
			    store->dir, report->backup_corrupt_line);
	if (report->error)
		log_message(LOG_ERR, "%s%s%s: %s", store->dir,
			    report->error_file[0] ? "/" : "",
			    report->error_file, strerror(-report->error));
	if (!store->usable)
		log_message(LOG_ERR,
			    "pin store %s is unusable: every tofu endpoint "
			    "fails until it is repaired and spdmd restarted",
			    store->dir);
	else
		log_message(LOG_INFO, "pin store %s: %zu pins from %s",
			    store->dir, store->list.count,
			    report->loaded_from ? report->loaded_from
						: "nowhere (first start)");
}

int trust_open_pins(struct trust *trust, const char *state_dir)
{
	struct pin_store_report report;
	int ret;

	ret = pin_store_open(&trust->pins, state_dir, &report);
	if (ret < 0)
		return ret;
	trust->pins_open = true;
	log_pin_report(&trust->pins, &report);
	return 0;
}

void trust_clear(struct trust *trust)
{
	spdm_trust_free(trust->anchors);
	if (trust->pins_open)
		pin_store_close(&trust->pins);
	memset(trust, 0, sizeof(*trust));
}

const struct spdm_trust *trust_requester_anchors(const struct trust *trust)
{
	return trust->policy == TRUST_POLICY_TOFU ? NULL : trust->anchors;
}

void trust_pin_key(const char *name, const char *uuid, char *key,
		   size_t key_size)
{
	snprintf(key, key_size, "uuid:%s", uuid ? uuid : "");
	if (uuid && *uuid && pin_key_is_valid(key))
		return;
	snprintf(key, key_size, "name:%s", name);
}

int trust_chain_digest(const struct spdm_result *result,
		       uint8_t digest[PIN_DIGEST_SIZE])
{
	/* Slot object (DSP0274 1.2 section 10.6.1): Length, Reserved, RootHash.
	 */
	size_t skip = SPDM_CERT_CHAIN_HEADER_SIZE +
		      spdm_hash_size(result->base_hash_algo);
	unsigned int size = 0;

	if (!result->cert_chain || result->cert_chain_size <= skip)
		return -EINVAL;
	if (!EVP_Digest(result->cert_chain + skip,
			result->cert_chain_size - skip, digest, &size,
			EVP_sha384(), NULL) ||
	    size != PIN_DIGEST_SIZE)
		return -EIO;
	return 0;
}

static void set_verdict(struct verdict *verdict, bool passed,
			enum spdm_reason reason, const char *detail)
{
	verdict->passed = passed;
	verdict->reason = reason;
	snprintf(verdict->detail, sizeof(verdict->detail), "%s", detail);
}

/* Whether only the missing anchor kept a tofu result from passing. */
static bool tofu_eligible(const struct spdm_result *result)
{
	if (!result->chain_valid || !result->possession_proven ||
	    !result->cert_chain)
		return false;
	return result->verified ||
	       result->reason == SPDM_REASON_CHAIN_UNTRUSTED;
}

static void decide_tofu(struct trust *trust, const char *pin_key,
			const struct spdm_result *result,
			struct verdict *verdict)
{
	uint8_t digest[PIN_DIGEST_SIZE];
	char detail[SPDM_DETAIL_SIZE];
	int ret;

	if (trust_chain_digest(result, digest) < 0) {
		set_verdict(verdict, false, SPDM_REASON_INTERNAL_ERROR,
			    "failed to hash the certificate chain for its pin");
		return;
	}
	switch (
	    pin_store_check(&trust->pins, pin_key, result->slot_id, digest)) {
	case PIN_MATCH:
		set_verdict(verdict, true, SPDM_REASON_NONE, "");
		return;
	case PIN_CHANGED:
		snprintf(detail, sizeof(detail),
			 "slot %u certificate chain differs from the one "
			 "pinned for %s",
			 result->slot_id, pin_key);
		set_verdict(verdict, false, SPDM_REASON_CHAIN_CHANGED, detail);
		return;
	case PIN_UNAVAILABLE:
		set_verdict(verdict, false, SPDM_REASON_INTERNAL_ERROR,
			    "the pin store is unusable; see the error logged "
			    "at start");
		return;
	case PIN_FIRST_USE:
		break;
	}
	ret = pin_store_record(&trust->pins, pin_key, result->slot_id, digest);
	if (ret < 0) {
		snprintf(detail, sizeof(detail),
			 "failed to record the pin in %s/%s: %s",
			 trust->pins.dir, PIN_STORE_FILE, strerror(-ret));
		set_verdict(verdict, false, SPDM_REASON_INTERNAL_ERROR, detail);
		return;
	}
	set_verdict(verdict, true, SPDM_REASON_NONE, "");
	verdict->pinned_now = true;
}

void trust_decide(struct trust *trust, const char *pin_key,
		  const struct spdm_result *result, struct verdict *verdict)
{
	memset(verdict, 0, sizeof(*verdict));
	if (trust->policy == TRUST_POLICY_TOFU && tofu_eligible(result)) {
		decide_tofu(trust, pin_key, result, verdict);
		return;
	}
	if (result->verified &&
	    !(result->chain_anchored && result->possession_proven)) {
		/* Fail closed if the requester's verdict is inconsistent. */
		set_verdict(verdict, false, SPDM_REASON_INTERNAL_ERROR,
			    "verified without an anchored chain and proof of "
			    "possession");
		return;
	}
	set_verdict(verdict, result->verified, result->reason, result->detail);
}
