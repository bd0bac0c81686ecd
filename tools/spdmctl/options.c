// SPDX-License-Identifier: BSD-3-Clause
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <spdm/wire.h>

#include "spdmctl.h"

static void print_error(const char *command, const char *format, va_list args)
{
	fprintf(stderr, "spdmctl %s: ", command);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

int spdmctl_usage_error(const char *command, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	print_error(command, format, args);
	va_end(args);
	fprintf(stderr, "Try 'spdmctl %s --help'.\n", command);
	return SPDMCTL_EXIT_USAGE;
}

int spdmctl_setup_error(const char *command, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	print_error(command, format, args);
	va_end(args);
	return SPDMCTL_EXIT_USAGE;
}

int spdmctl_parse_uint(const char *text, unsigned long min, unsigned long max,
		       unsigned long *value)
{
	int base = 10;
	unsigned long parsed;
	char *end;

	if (strncmp(text, "0x", 2) == 0 || strncmp(text, "0X", 2) == 0) {
		base = 16;
		text += 2;
	}
	/* strtoul accepts a sign and leading blanks, but an option may not. */
	if (!isxdigit((unsigned char)*text))
		return -EINVAL;

	errno = 0;
	parsed = strtoul(text, &end, base);
	if (errno != 0 || *end != '\0' || parsed < min || parsed > max)
		return -EINVAL;
	*value = parsed;
	return 0;
}

/* Parses "M.N" into the SPDMVersion byte 0xMN for the versions we speak. */
static int parse_one_version(const char *text, size_t length, uint8_t *version)
{
	static const char *const known[] = { "1.0", "1.1", "1.2" };
	static const uint8_t bytes[] = { SPDM_VERSION_10, SPDM_VERSION_11,
					 SPDM_VERSION_12 };

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (length == strlen(known[i]) &&
		    strncmp(text, known[i], length) == 0) {
			*version = bytes[i];
			return 0;
		}
	}
	return -EINVAL;
}

int spdmctl_parse_versions(const char *text, uint8_t *min_version,
			   uint8_t *max_version)
{
	/* Bit k is set when version 1.k was listed. */
	unsigned int listed = 0;
	uint8_t low = 0xff, high = 0;

	while (*text) {
		size_t length = strcspn(text, ",");
		uint8_t version;

		if (parse_one_version(text, length, &version) < 0)
			return -EINVAL;
		listed |= 1u << (version & 0x0f);
		low = version < low ? version : low;
		high = version > high ? version : high;
		text += length;
		if (*text == ',' && *++text == '\0')
			return -EINVAL;
	}
	if (listed == 0)
		return -EINVAL;

	for (unsigned int minor = low & 0x0f; minor <= (high & 0x0fu); minor++)
		if (!(listed & (1u << minor)))
			return -EINVAL;
	*min_version = low;
	*max_version = high;
	return 0;
}

/* On failure, failed_file is the file of a folder that failed, or empty. */
static int add_trust_path(struct spdm_trust *trust, const char *path,
			  char *failed_file, size_t failed_file_size)
{
	struct stat info;

	failed_file[0] = '\0';
	if (stat(path, &info) < 0)
		return -errno;
	if (S_ISDIR(info.st_mode))
		return spdm_trust_add_directory_report(
		    trust, path, failed_file, failed_file_size);
	return spdm_trust_add_file(trust, path);
}

int spdmctl_load_trust(const char *command, char *const *paths, size_t count,
		       struct spdm_trust **trust)
{
	int ret;

	ret = spdm_trust_new(trust);
	if (ret < 0) {
		spdmctl_setup_error(command,
				    "cannot create the trust store: %s",
				    strerror(-ret));
		return ret;
	}

	for (size_t i = 0; i < count; i++) {
		char failed_file[PATH_MAX];

		ret = add_trust_path(*trust, paths[i], failed_file,
				     sizeof(failed_file));
		if (ret < 0) {
			spdmctl_setup_error(command,
					    "cannot load trust anchor %s: %s; "
					    "give a DER or PEM certificate "
					    "file or a folder of them",
					    failed_file[0] ? failed_file
							   : paths[i],
					    strerror(-ret));
			spdm_trust_free(*trust);
			*trust = NULL;
			return ret;
		}
	}
	return 0;
}
