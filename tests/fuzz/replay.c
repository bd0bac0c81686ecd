// SPDX-License-Identifier: BSD-3-Clause
/*
 * Replays saved inputs through one harness without libFuzzer, so crash
 * regressions and the seed corpus run in every unit test run, with gcc.
 *
 * Usage: fuzz_replay_HARNESS PATH...
 * Each PATH is a file or a folder whose regular files are fed, in name
 * order, to LLVMFuzzerTestOneInput(). A missing folder is skipped. The
 * run fails when no input was found, so a test cannot pass on nothing.
 * A harness that crashes takes the process down and fails the test.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

/* libFuzzer calls it when the harness defines it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t replayed;

static int replay_file(const char *path)
{
	size_t size = 0;
	uint8_t *data = fuzz_read_file(path, &size);

	if (!data) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return -1;
	}
	printf("replay: %s (%zu bytes)\n", path, size);
	fflush(stdout);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	replayed++;
	return 0;
}

static int replay_directory(const char *path)
{
	struct dirent **entries;
	char file[4096];
	struct stat st;
	int failed = 0;
	int count;

	count = scandir(path, &entries, NULL, alphasort);
	if (count < 0) {
		fprintf(stderr, "replay: cannot list %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	for (int i = 0; i < count; i++) {
		snprintf(file, sizeof(file), "%s/%s", path, entries[i]->d_name);
		if (entries[i]->d_name[0] != '.' && stat(file, &st) == 0 &&
		    S_ISREG(st.st_mode) && replay_file(file))
			failed = -1;
		free(entries[i]);
	}
	free(entries);
	return failed;
}

int main(int argc, char **argv)
{
	struct stat st;
	int failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			printf("replay: %s does not exist, skipped\n", argv[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode) ? replay_directory(argv[i])
					: replay_file(argv[i]))
			failed = 1;
	}
	printf("replay: %zu inputs replayed\n", replayed);
	if (!replayed) {
		fprintf(stderr, "replay: no input found in the given paths\n");
		return 1;
	}
	return failed;
}
