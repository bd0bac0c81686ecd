/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared declarations of spdm-responder, the SPDM device emulator. */
#ifndef SPDM_RESPONDER_TOOL_H
#define SPDM_RESPONDER_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <spdm/responder.h>

#define MAX_DEVICES 16
#define DEFAULT_EID 9

/* Exit status for usage errors. */
#define EXIT_USAGE 2

/* Settings of one emulated device, from options or a profile file. */
struct device_settings {
	const char *source; /* "command line" or the profile's path */
	bool eid_set;
	uint8_t eid;
	char *chain_path[2];
	char *key_path;
	uint16_t versions[SPDM_RESPONDER_MAX_VERSIONS];
	size_t version_count;
	uint32_t asym;
	uint32_t hash;
	uint32_t measurement_hash;
	bool caps_set;
	uint32_t caps;
	bool ct_exponent_set;
	uint8_t ct_exponent;
	uint32_t data_transfer_size;
	uint32_t max_spdm_msg_size;
	char *measurements_path;
	struct spdm_fault_plan plan;
	/* The faults as given, for the log. */
	char fault_text[512];
};

struct options {
	const char *listen;
	const char *status_path;
	int verbose;
	/* The device of --chain/--key/--profile, if any, then --device ones. */
	struct device_settings devices[MAX_DEVICES];
	size_t device_count;
};

/* options.c: returns 0, or EXIT_USAGE after printing why. */
int options_parse(struct options *options, int argc, char **argv);
void options_free(struct options *options);
void print_usage(FILE *stream);

/* profile.c: reads a profile file into settings; returns 0 or -1. */
int profile_load(struct device_settings *settings, const char *path);
/* Applies one "key = value" setting; returns 0 or -1 with a message. */
int settings_apply(struct device_settings *settings, const char *key,
		   const char *value, char *error, size_t error_size);

/* device.c: one emulated endpoint. */
struct device {
	uint8_t eid;
	bool no_spdm;
	struct spdm_responder *resp;
	/* late-duplicate: the response to send again, and where to. */
	uint8_t *repeat;
	size_t repeat_length;
	uint8_t repeat_peer;
	uint8_t repeat_tag;
	/* The last fault line logged, and how often it repeated since. */
	char last_fault_line[256];
	unsigned long fault_line_repeats;
};

int device_create(struct device *device, const struct device_settings *s);
void device_destroy(struct device *device);

/* Logs how often the last fault line repeated, if it did. */
void device_flush_fault_log(struct device *device);

/* log.c */
void log_set_verbose(int verbose);
void log_info(const char *format, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *format, ...) __attribute__((format(printf, 1, 2)));
bool log_debug_enabled(void);
/* Logs a message in hex at debug level. */
void log_message(uint8_t eid, const char *direction, const uint8_t *message,
		 size_t length);

/* serve.c: runs until a signal or emu SHUTDOWN; returns the exit status. */
int serve(const struct options *options, struct device *devices,
	  size_t device_count);

#endif /* SPDM_RESPONDER_TOOL_H */
