// SPDX-License-Identifier: BSD-3-Clause
/*
 * The spdm-responder program, run as a child process and reached through
 * the MCTP links as a requester would: Unix sockets, a pty, several
 * devices on one link, I/O faults, signals and usage errors. The
 * program's path comes from SPDM_RESPONDER.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <mctp/link.h>
#include <spdm/wire.h>

#include "../crypto/testdata.h"

/* Milliseconds the program gets to start, respond or exit. */
#define START_TIMEOUT_MS  10000
#define ANSWER_TIMEOUT_MS 5000
#define REQUESTER_EID	  8

struct program {
	pid_t pid;
	char dir[64];
	char stdout_path[128];
	char socket_path[128];
	char listen[140];
};

static const uint8_t get_version[] = {0x10, 0x84, 0, 0};

static uint64_t now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000u + (uint64_t)now.tv_nsec / 1000000u;
}

static const char *sample(const char *file)
{
	static char paths[4][512];
	static int next;
	char *path = paths[next++ % 4];

	snprintf(path, sizeof(paths[0]), "%s",
		 test_path("SPDM_TESTDATA", file));
	return path;
}

/* Makes a fresh folder for the program's socket, files and output. */
static void program_prepare(struct program *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->dir, sizeof(p->dir), "/tmp/spdm-responder-test.XXXXXX");
	assert_non_null(mkdtemp(p->dir));
	snprintf(p->stdout_path, sizeof(p->stdout_path), "%s/stdout", p->dir);
	snprintf(p->socket_path, sizeof(p->socket_path), "%s/link.sock",
		 p->dir);
	snprintf(p->listen, sizeof(p->listen), "unix:%s", p->socket_path);
}

/* Starts the program with args (NULL-terminated). */
static void program_start(struct program *p, const char *const *args)
{
	const char *binary = getenv("SPDM_RESPONDER");
	const char *argv[32] = {binary};
	pid_t parent = getpid();
	size_t count = 1;

	if (!binary)
		fail_msg("SPDM_RESPONDER is not set; run with meson test");
	for (; args[count - 1] && count < 31; count++)
		argv[count] = args[count - 1];
	argv[count] = NULL;
	p->pid = fork();
	assert_true(p->pid >= 0);
	if (p->pid == 0) {
		int out = open(p->stdout_path, O_WRONLY | O_CREAT, 0600);
		int err = open("/dev/null", O_WRONLY);

		/*
		 * A failed assertion skips program_stop(), and meson kills a
		 * test that times out. In both cases the kernel kills the
		 * program when this test process exits.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 ||
		    getppid() != parent)
			_exit(127);
		dup2(out, STDOUT_FILENO);
		if (!getenv("SPDM_RESPONDER_TEST_LOG"))
			dup2(err, STDERR_FILENO);
		execv(binary, (char *const *)argv);
		_exit(127);
	}
}

/* Waits for the child to exit; returns its exit status or -1. */
static int program_wait(struct program *p, int timeout_ms)
{
	uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
	int status;

	while (now_ms() < deadline) {
		pid_t done = waitpid(p->pid, &status, WNOHANG);

		if (done == p->pid) {
			p->pid = 0;
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		}
		usleep(10000);
	}
	return -1;
}

static void program_stop(struct program *p)
{
	char command[96];

	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		if (program_wait(p, START_TIMEOUT_MS) != 0)
			fail_msg("spdm-responder did not exit 0 on SIGTERM");
	}
	snprintf(command, sizeof(command), "rm -rf %s", p->dir);
	assert_int_equal(system(command), 0);
}

/* Waits until the program's stdout has a line starting with prefix. */
static char *wait_for_output(struct program *p, const char *prefix)
{
	uint64_t deadline = now_ms() + START_TIMEOUT_MS;

	while (now_ms() < deadline) {
		static char line[512];
		FILE *file = fopen(p->stdout_path, "r");

		while (file && fgets(line, sizeof(line), file)) {
			if (strncmp(line, prefix, strlen(prefix)))
				continue;
			fclose(file);
			line[strcspn(line, "\n")] = '\0';
			return line + strlen(prefix);
		}
		if (file)
			fclose(file);
		usleep(20000);
	}
	fail_msg("spdm-responder printed no '%s' line", prefix);
	return NULL;
}

static void wait_for_socket(struct program *p)
{
	uint64_t deadline = now_ms() + START_TIMEOUT_MS;
	struct stat st;

	while (now_ms() < deadline) {
		if (stat(p->socket_path, &st) == 0 && S_ISSOCK(st.st_mode))
			return;
		usleep(20000);
	}
	fail_msg("spdm-responder did not listen on %s", p->socket_path);
}

static struct mctp_link *open_link(const char *spec)
{
	struct mctp_link_config config = {
	    .spec = spec,
	    .role = MCTP_LINK_REQUESTER,
	    .local_eid = REQUESTER_EID,
	};
	struct mctp_link *link = NULL;

	assert_int_equal(mctp_link_open(&config, &link), 0);
	return link;
}

struct answer {
	uint8_t eid;
	uint8_t message[4096];
	size_t length;
	bool received;
};

static void on_answer(void *userdata, uint8_t peer, uint8_t tag,
		      const uint8_t *message, size_t length)
{
	struct answer *answer = userdata;

	answer->eid = peer;
	answer->length =
	    length < sizeof(answer->message) ? length : sizeof(answer->message);
	memcpy(answer->message, message, answer->length);
	answer->received = true;
}

/* Sends request to eid and waits up to timeout_ms; returns 0 or -errno. */
static int exchange(struct mctp_link *link, uint8_t eid, const uint8_t *request,
		    size_t length, struct answer *answer, int timeout_ms)
{
	uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
	int rc;

	memset(answer, 0, sizeof(*answer));
	rc = mctp_link_send(link, eid, NULL, request, length);
	if (rc)
		return rc;
	while (!answer->received && now_ms() < deadline) {
		struct pollfd fd = {mctp_link_fd(link), POLLIN, 0};

		if (poll(&fd, 1, 20) <= 0)
			continue;
		rc = mctp_link_receive(link, on_answer, answer);
		if (rc)
			return rc;
	}
	return answer->received ? 0 : -ETIMEDOUT;
}

static void assert_version_answer(const struct answer *answer, const char *hex)
{
	uint8_t expected[32];
	size_t size = test_hex(hex, expected, sizeof(expected));

	assert_int_equal(answer->length, size);
	assert_memory_equal(answer->message, expected, size);
}

#define ECP256_CHAIN "dmtf-sample-keys/ecp256/bundle_responder.certchain.der"
#define ECP256_KEY   "dmtf-sample-keys/ecp256/end_responder.key"

static void unix_socket_device(void **state)
{
	struct program p;
	struct answer answer;
	struct mctp_link *link;

	program_prepare(&p);
	program_start(&p, (const char *const[]){"--listen", p.listen, "--chain",
						sample(ECP256_CHAIN), "--key",
						sample(ECP256_KEY), NULL});
	wait_for_socket(&p);
	assert_string_equal(wait_for_output(&p, "endpoint: "),
			    "eid=9 message-types=0x05");
	link = open_link(p.listen);
	assert_int_equal(exchange(link, 9, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_int_equal(answer.eid, 9);
	assert_version_answer(&answer, "10 04 00 00 00 03 00 10 00 11 00 12");
	mctp_link_close(link);
	program_stop(&p);
}

static void pty_device(void **state)
{
	struct program p;
	struct answer answer;
	struct mctp_link *link;
	char spec[160];

	program_prepare(&p);
	program_start(&p, (const char *const[]){
			      "--listen", "pty", "--eid", "20", "--versions",
			      "1.2", "--chain", sample(ECP256_CHAIN), "--key",
			      sample(ECP256_KEY), NULL});
	snprintf(spec, sizeof(spec), "serial:%s", wait_for_output(&p, "pty: "));
	assert_memory_equal(spec, "serial:/dev/pts/", 16);
	link = open_link(spec);
	assert_int_equal(exchange(link, 20, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_version_answer(&answer, "10 04 00 00 00 01 00 12");
	mctp_link_close(link);
	program_stop(&p);
}

static void write_file(const char *path, const char *text)
{
	FILE *file = fopen(path, "w");

	assert_non_null(file);
	assert_true(fputs(text, file) >= 0);
	assert_int_equal(fclose(file), 0);
}

/* Two devices with their own profiles share one link. */
static void devices_share_a_link(void **state)
{
	char profile[2][200];
	char text[1200];
	char device_spec[2][420];
	char status_path[160];
	char status[200] = "";
	struct program p;
	struct answer answer;
	struct mctp_link *link;
	FILE *file;

	program_prepare(&p);
	for (int i = 0; i < 2; i++) {
		snprintf(profile[i], sizeof(profile[i]), "%s/dev%d.conf", p.dir,
			 10 + i);
		snprintf(text, sizeof(text),
			 "[device]\nchain = %s\nkey = %s\nversions = %s\n%s",
			 sample(ECP256_CHAIN), sample(ECP256_KEY),
			 i ? "1.1" : "1.0,1.2", i ? "fault = no-spdm\n" : "");
		write_file(profile[i], text);
		snprintf(device_spec[i], sizeof(device_spec[i]), "%d:%s",
			 10 + i, profile[i]);
	}
	snprintf(status_path, sizeof(status_path), "%s/status", p.dir);
	program_start(&p, (const char *const[]){"--listen", p.listen,
						"--device", device_spec[0],
						"--device", device_spec[1],
						"--status", status_path, NULL});
	wait_for_socket(&p);
	link = open_link(p.listen);
	assert_int_equal(exchange(link, 10, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_int_equal(answer.eid, 10);
	assert_version_answer(&answer, "10 04 00 00 00 02 00 10 00 12");
	/* Device 11 does not speak SPDM: nothing comes back. */
	assert_int_equal(
	    exchange(link, 11, get_version, sizeof(get_version), &answer, 300),
	    -ETIMEDOUT);
	file = fopen(status_path, "r");
	assert_non_null(file);
	assert_int_equal(fread(status, 1, sizeof(status) - 1, file) > 0, 1);
	fclose(file);
	assert_string_equal(status, "endpoint: eid=10 message-types=0x05\n"
				    "endpoint: eid=11 message-types=none\n");
	mctp_link_close(link);
	program_stop(&p);
}

static void delay_and_silence(void **state)
{
	struct program p;
	struct answer answer;
	struct mctp_link *link;
	uint64_t start;

	program_prepare(&p);
	program_start(&p, (const char *const[]){
			      "--listen", p.listen, "--chain",
			      sample(ECP256_CHAIN), "--key", sample(ECP256_KEY),
			      "--fault", "delay-at=GET_VERSION:300", "--fault",
			      "stop-after=1", NULL});
	wait_for_socket(&p);
	link = open_link(p.listen);
	start = now_ms();
	assert_int_equal(exchange(link, 9, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_true(now_ms() - start >= 300);
	assert_int_equal(
	    exchange(link, 9, get_version, sizeof(get_version), &answer, 500),
	    -ETIMEDOUT);
	mctp_link_close(link);
	program_stop(&p);
}

static void hang_up_closes_the_link(void **state)
{
	struct program p;
	struct answer answer;
	struct mctp_link *link;
	int rc;

	program_prepare(&p);
	program_start(&p, (const char *const[]){"--listen", p.listen, "--chain",
						sample(ECP256_CHAIN), "--key",
						sample(ECP256_KEY), "--fault",
						"hang-up-after=1", NULL});
	wait_for_socket(&p);
	link = open_link(p.listen);
	assert_int_equal(exchange(link, 9, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	rc = exchange(link, 9, get_version, sizeof(get_version), &answer,
		      ANSWER_TIMEOUT_MS);
	assert_int_equal(rc, -EPIPE);
	mctp_link_close(link);
	program_stop(&p);
}

static void late_duplicate_arrives_before_next(void **state)
{
	static const uint8_t get_caps[] = {0x10, 0xe1, 0, 0};
	struct program p;
	struct answer answer;
	struct mctp_link *link;

	program_prepare(&p);
	program_start(&p, (const char *const[]){
			      "--listen", p.listen, "--chain",
			      sample(ECP256_CHAIN), "--key", sample(ECP256_KEY),
			      "--fault", "late-duplicate=GET_VERSION", NULL});
	wait_for_socket(&p);
	link = open_link(p.listen);
	assert_int_equal(exchange(link, 9, get_version, sizeof(get_version),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	/* The stale VERSION carries the old tag: the link drops it. */
	assert_int_equal(exchange(link, 9, get_caps, sizeof(get_caps), &answer,
				  ANSWER_TIMEOUT_MS),
			 0);
	assert_int_equal(answer.message[1], SPDM_CAPABILITIES);
	assert_true(mctp_link_get_stats(link)->messages_dropped >= 1);
	mctp_link_close(link);
	program_stop(&p);
}

/* Runs VCA at 1.2 with P-256 and SHA-384 over the link. */
static void negotiate_over_link(struct mctp_link *link, uint8_t eid)
{
	static const char *const requests[] = {
	    "10 84 00 00",
	    "12 e1 00 00 00 00 00 00 00 00 00 00 00 10 00 00 00 10 00 00",
	    "12 e3 00 00 20 00 01 00 10 00 00 00 02 00 00 00"
	    " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
	};
	static const uint8_t codes[] = {SPDM_VERSION, SPDM_CAPABILITIES,
					SPDM_ALGORITHMS};
	struct answer answer;

	for (size_t i = 0; i < 3; i++) {
		uint8_t request[64];
		size_t size = test_hex(requests[i], request, sizeof(request));

		assert_int_equal(exchange(link, eid, request, size, &answer,
					  ANSWER_TIMEOUT_MS),
				 0);
		assert_int_equal(answer.message[1], codes[i]);
	}
}

/* chain=FILE, measurements=FILE and replay-file=FILE read their files. */
static void file_faults_served(void **state)
{
	static const uint8_t get_certificate[] = {0x12, 0x82, 0,    0,
						  0,	0,    0x00, 0x02};
	static const uint8_t get_count[] = {0x12, 0xe0, 0, 0};
	static const uint8_t recorded[] = {0x12, 0x03, 0x00, 0x01, 0x5a};
	uint8_t challenge[36] = {0x12, 0x83, 0, 0};
	char chain_fault[600];
	char measurements_fault[200];
	char replay_fault[200];
	char path[160];
	uint8_t *chain1;
	size_t chain1_size;
	struct program p;
	struct answer answer;
	struct mctp_link *link;
	FILE *file;

	program_prepare(&p);
	snprintf(chain_fault, sizeof(chain_fault), "chain=%s",
		 sample("dmtf-sample-keys/ecp256/"
			"bundle_responder.certchain1.der"));
	snprintf(path, sizeof(path), "%s/blocks.meas", p.dir);
	write_file(path, "1 0 digest text:rom\n2 1 raw hex:0102\n"
			 "3 2 raw text:x\n");
	snprintf(measurements_fault, sizeof(measurements_fault),
		 "measurements=%s", path);
	snprintf(path, sizeof(path), "%s/replay.bin", p.dir);
	file = fopen(path, "wb");
	assert_non_null(file);
	assert_int_equal(fwrite(recorded, 1, sizeof(recorded), file),
			 sizeof(recorded));
	assert_int_equal(fclose(file), 0);
	snprintf(replay_fault, sizeof(replay_fault), "replay-file=%s", path);

	program_start(&p, (const char *const[]){"--listen", p.listen, "--chain",
						sample(ECP256_CHAIN), "--key",
						sample(ECP256_KEY), "--fault",
						chain_fault, "--fault",
						measurements_fault, "--fault",
						replay_fault, NULL});
	wait_for_socket(&p);
	link = open_link(p.listen);
	negotiate_over_link(link, 9);

	/* Slot 0 holds the slot 1 chain: header (4), RootHash (48), DER. */
	assert_int_equal(exchange(link, 9, get_certificate,
				  sizeof(get_certificate), &answer,
				  ANSWER_TIMEOUT_MS),
			 0);
	chain1 = testdata_read("dmtf-sample-keys/ecp256/"
			       "bundle_responder.certchain1.der",
			       &chain1_size);
	assert_int_equal(answer.message[1], SPDM_CERTIFICATE);
	assert_memory_equal(answer.message + 8 + 52, chain1, 200);
	free(chain1);

	assert_int_equal(exchange(link, 9, get_count, sizeof(get_count),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_int_equal(answer.message[1], SPDM_MEASUREMENTS);
	assert_int_equal(answer.message[2], 3);

	assert_int_equal(exchange(link, 9, challenge, sizeof(challenge),
				  &answer, ANSWER_TIMEOUT_MS),
			 0);
	assert_int_equal(answer.length, sizeof(recorded));
	assert_memory_equal(answer.message, recorded, sizeof(recorded));
	mctp_link_close(link);
	program_stop(&p);
}

static void usage_errors_exit_2(void **state)
{
	static const char *const cases[][8] = {
	    {"--bogus", NULL},
	    {"--chain", "x.der", NULL},
	    {"--listen", "tcp:1", "--key", "k", NULL},
	    {"--listen", "pty", "--key", "/nonexistent.pem", NULL},
	    {"--listen", "pty", "--key", "k", "--fault", "busy=x", NULL},
	    {"--listen", "pty", "--device", "10", NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct program p;

		program_prepare(&p);
		program_start(&p, cases[i]);
		assert_int_equal(program_wait(&p, START_TIMEOUT_MS), 2);
		program_stop(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(unix_socket_device),
	    cmocka_unit_test(pty_device),
	    cmocka_unit_test(devices_share_a_link),
	    cmocka_unit_test(delay_and_silence),
	    cmocka_unit_test(hang_up_closes_the_link),
	    cmocka_unit_test(late_duplicate_arrives_before_next),
	    cmocka_unit_test(file_faults_served),
	    cmocka_unit_test(usage_errors_exit_2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
