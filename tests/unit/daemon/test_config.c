// SPDX-License-Identifier: BSD-3-Clause
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static const char good_file[] =
    "# comment\n"
    "[global]\n"
    "trust-anchor = /etc/spdmd/root.pem\n"
    "trust-anchor = anchors/second.der\n"
    "trust-anchor-dir = /etc/spdmd/anchors.d\n"
    "trust-policy = tofu\n"
    "reattest-interval = 600\n"
    "max-concurrent = 2\n"
    "busy-retries = 7\n"
    "busy-retry-delay-ms = 250\n"
    "timeout-floor-ms = 500\n"
    "timeout-cap-ms = 9000\n"
    "slot = 1\n"
    "versions = 1.1,1.2\n"
    "measurements = no ; inline comment\n"
    "local-eid = 20\n"
    "mctpd-discovery = no\n"
    "af-mctp-network = 1,3\n"
    "af-mctp-network = 7\n"
    "\n"
    "[endpoint GPU_0]\n"
    "  link = serial:/dev/ttyS2\n"
    "  eid = 9\n"
    "  inventory = /xyz/openbmc_project/inventory/system/chassis/GPU_0\n"
    "  trusted-component = /xyz/openbmc_project/inventory/rot\n"
    "[endpoint GPU_1]\n"
    "link = serial:/dev/ttyS2\n"
    "eid = 10\n"
    "slot = 3\n"
    "[endpoint 2nd_dev]\r\n"
    "link = unix:sockets/dev.sock\r\n"
    "eid = 30\r\n"
    "local-eid = 8\r\n"
    "[endpoint emu0]\n"
    "link = emu:127.0.0.1:2323\n"
    "eid = 40\n"
    "[endpoint NIC_0]\n"
    "link = mctp:2\n"
    "eid = 12\n";

static int parse(struct spdmd_config *config, const char *text, char *error)
{
	config_init(config);
	return config_parse_text(config, "/etc/spdmd/spdmd.conf", text,
				 strlen(text), error, CONFIG_ERROR_SIZE);
}

static void config_good_file_global(void **state)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";

	assert_int_equal(parse(&config, good_file, error), 0);
	assert_string_equal(error, "");
	assert_int_equal(config.anchor_count, 2);
	assert_string_equal(config.anchors[0].path, "/etc/spdmd/root.pem");
	assert_int_equal(config.anchors[0].line, 3);
	assert_string_equal(config.anchors[1].path,
			    "/etc/spdmd/anchors/second.der");
	assert_int_equal(config.anchor_dir_count, 1);
	assert_int_equal(config.trust_policy, TRUST_POLICY_TOFU);
	assert_int_equal(config.reattest_interval_s, 600);
	assert_int_equal(config.max_concurrent, 2);
	assert_int_equal(config.busy_retries, 7);
	assert_int_equal(config.busy_retry_delay_ms, 250);
	assert_int_equal(config.timeout_floor_ms, 500);
	assert_int_equal(config.timeout_cap_ms, 9000);
	assert_int_equal(config.slot, 1);
	assert_int_equal(config.min_version, 0x11);
	assert_int_equal(config.max_version, 0x12);
	assert_false(config.measurements);
	assert_int_equal(config.local_eid, 20);
	assert_false(config.mctpd_discovery);
	assert_int_equal(config.network_count, 3);
	assert_int_equal(config.networks[0], 1);
	assert_int_equal(config.networks[1], 3);
	assert_int_equal(config.networks[2], 7);
	config_free(&config);
}

static void config_good_file_endpoints(void **state)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";
	const struct endpoint_config *endpoints;

	assert_int_equal(parse(&config, good_file, error), 0);
	assert_int_equal(config.endpoint_count, 5);
	endpoints = config.endpoints;

	assert_string_equal(endpoints[0].name, "GPU_0");
	assert_int_equal(endpoints[0].line, 21);
	assert_string_equal(endpoints[0].link, "serial:/dev/ttyS2");
	assert_int_equal(endpoints[0].transport, LINK_TRANSPORT_SERIAL);
	assert_int_equal(endpoints[0].eid, 9);
	assert_int_equal(endpoint_config_local_eid(&config, &endpoints[0]), 20);
	assert_int_equal(endpoint_config_slot(&config, &endpoints[0]), 1);
	assert_string_equal(endpoints[0].inventory,
			    "/xyz/openbmc_project/inventory/system/chassis/"
			    "GPU_0");
	assert_string_equal(endpoints[0].trusted_component,
			    "/xyz/openbmc_project/inventory/rot");

	assert_int_equal(endpoint_config_slot(&config, &endpoints[1]), 3);
	assert_null(endpoints[1].inventory);

	assert_string_equal(endpoints[2].name, "2nd_dev");
	assert_string_equal(endpoints[2].link,
			    "unix:/etc/spdmd/sockets/dev.sock");
	assert_int_equal(endpoints[2].transport, LINK_TRANSPORT_UNIX);
	assert_int_equal(endpoint_config_local_eid(&config, &endpoints[2]), 8);

	assert_int_equal(endpoints[3].transport, LINK_TRANSPORT_EMU);
	assert_string_equal(endpoints[3].link, "emu:127.0.0.1:2323");

	assert_int_equal(endpoints[4].transport, LINK_TRANSPORT_AF_MCTP);
	assert_int_equal(endpoints[4].network, 2);
	config_free(&config);
}

static void config_defaults_empty_file(void **state)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";

	assert_int_equal(parse(&config, "", error), 0);
	assert_int_equal(config.trust_policy, TRUST_POLICY_ANCHORED);
	assert_int_equal(config.reattest_interval_s, 3600);
	assert_int_equal(config.max_concurrent, 8);
	assert_int_equal(config.busy_retries, 3);
	assert_int_equal(config.busy_retry_delay_ms, 100);
	assert_int_equal(config.timeout_floor_ms, 1000);
	assert_int_equal(config.timeout_cap_ms, 5000);
	assert_int_equal(config.slot, 0);
	assert_int_equal(config.min_version, 0x10);
	assert_int_equal(config.max_version, 0x12);
	assert_true(config.measurements);
	assert_int_equal(config.local_eid, 8);
	assert_true(config.mctpd_discovery);
	assert_int_equal(config.network_count, 0);
	assert_int_equal(config.endpoint_count, 0);
	config_free(&config);
}

struct bad_case {
	const char *text;
	const char *error;
};

#define F  "/etc/spdmd/spdmd.conf"
#define EP "[endpoint dev]\nlink = unix:/run/d.sock\n"

static const struct bad_case bad_cases[] = {
    {EP "eid = 300\n", F ":3: eid: 300 is not an EID (8-254)"},
    {EP "eid = 7\n", F ":3: eid: 7 is not an EID (8-254)"},
    {EP "eid = 9x\n", F ":3: eid: 9x is not an EID (8-254)"},
    {EP "eid = -9\n", F ":3: eid: -9 is not an EID (8-254)"},
    {EP "eid = 9\neid = 10\n", F ":4: eid: duplicate key in "
				 "[endpoint dev]"},
    {EP "eid = 9\ncolour = red\n", F ":4: unknown key 'colour' in "
				     "[endpoint dev]"},
    {EP "eid = 9\nslot = 8\n", F ":4: slot: 8 is not a slot (0-7)"},
    {EP "eid = 9\ninventory = not/a/path\n",
     F ":4: inventory: 'not/a/path' is not a D-Bus object path"},
    {EP "eid = 9\ntrusted-component = /a//b\n",
     F ":4: trusted-component: '/a//b' is not a D-Bus object path"},
    {EP "eid = 9\nlocal-eid = 9\n",
     F ":1: [endpoint dev]: eid 9 is also the local EID; set local-eid "
       "to another value"},
    {"[endpoint dev]\neid = 9\n", F ":1: [endpoint dev]: link is "
				    "missing"},
    {EP, F ":1: [endpoint dev]: eid is missing"},
    {"[endpoint dev]\nlink = tcp:1.2.3.4\n",
     F ":2: link: 'tcp:1.2.3.4' is invalid (serial:PATH, unix:PATH, "
       "emu:HOST:PORT or mctp:NET)"},
    {"[endpoint dev]\nlink = serial:\n",
     F ":2: link: 'serial:' is invalid (serial:PATH, unix:PATH, "
       "emu:HOST:PORT or mctp:NET)"},
    {"[endpoint dev]\nlink = emu:localhost:0\n",
     F ":2: link: 'emu:localhost:0' is invalid (emu:HOST:PORT, with a "
       "port of 1-65535)"},
    {"[endpoint dev]\nlink = emu:2323\n",
     F ":2: link: 'emu:2323' is invalid (emu:HOST:PORT, with a port of "
       "1-65535)"},
    {"[endpoint dev]\nlink = mctp:0\n",
     F ":2: link: 'mctp:0' is invalid (mctp:NET, with a network of "
       "1-4294967295)"},
    {"[endpoint dev]\nlink = mctp:1\neid = 9\nlocal-eid = 10\n",
     F ":1: [endpoint dev]: local-eid applies to serial: and unix: "
       "links only"},
    {"[endpoint a-b]\n",
     F ":1: endpoint name 'a-b' is invalid: use up to 64 letters, "
       "digits and '_', starting with a letter or digit"},
    {"[endpoint _a]\n",
     F ":1: endpoint name '_a' is invalid: use up to 64 letters, "
       "digits and '_', starting with a letter or digit"},
    {"[endpoint ]\n",
     F ":1: endpoint name '' is invalid: use up to 64 letters, digits "
       "and '_', starting with a letter or digit"},
    {EP "eid = 9\n[endpoint dev]\n",
     F ":4: duplicate endpoint 'dev' (first at line 1)"},
    {"[global]\n[global]\n", F ":2: duplicate section [global]"},
    {"[devices]\n", F ":1: unknown section [devices] (expected [global] "
		      "or [endpoint NAME])"},
    {"[global\n", F ":1: malformed section header"},
    {"[global] x\n", F ":1: malformed section header"},
    {"eid = 9\n", F ":1: eid: key outside a section (add [global] "
		    "above it)"},
    {"[global]\njust words\n",
     F ":2: syntax error: expected 'key = value' or a [section] header"},
    {"[global]\ntrust-policy = maybe\n",
     F ":2: trust-policy: 'maybe' is invalid (anchored or tofu)"},
    {"[global]\nreattest-interval = 2592001\n",
     F ":2: reattest-interval: 2592001 is out of range (0-2592000)"},
    {"[global]\nreattest-interval = 1h\n",
     F ":2: reattest-interval: '1h' is not a number of seconds"},
    {"[global]\nmax-concurrent = 0\n",
     F ":2: max-concurrent: 0 is out of range (1-256)"},
    {"[global]\nbusy-retries = 101\n",
     F ":2: busy-retries: 101 is out of range (0-100)"},
    {"[global]\ntimeout-cap-ms = 99\n",
     F ":2: timeout-cap-ms: 99 is out of range (100-60000)"},
    {"[global]\ntimeout-floor-ms = 2000\ntimeout-cap-ms = 1000\n",
     F ":2: timeout-floor-ms: 2000 is above timeout-cap-ms (1000)"},
    {"[global]\nversions = 1.0,1.2\n",
     F ":2: versions: '1.0,1.2' has a gap; list a range such as "
       "1.1,1.2"},
    {"[global]\nversions = 1.3\n",
     F ":2: versions: '1.3' is not a supported version (1.0, 1.1, "
       "1.2)"},
    {"[global]\nversions = 1.1,\n",
     F ":2: versions: '' is not a supported version (1.0, 1.1, 1.2)"},
    {"[global]\nmeasurements = true\n",
     F ":2: measurements: 'true' is invalid (yes or no)"},
    {"[global]\nslot = 1\nslot = 2\n", F ":3: slot: duplicate key in [global]"},
    {"[global]\naf-mctp-network = 1,x\n",
     F ":2: af-mctp-network: 'x' is not a number"},
    {"[global]\naf-mctp-network = 0\n",
     F ":2: af-mctp-network: 0 is out of range (1-4294967295)"},
    {EP "eid = 9\n[endpoint other]\nlink = unix:/run/d.sock\neid = 9\n",
     F ":4: [endpoint other]: EID 9 on unix:/run/d.sock is already "
       "[endpoint dev]"},
    {EP "eid = 9\n[endpoint other]\nlink = unix:/run/d.sock\neid = 10\n"
	"local-eid = 11\n",
     F ":4: [endpoint other]: local-eid 11 differs from 8 of [endpoint "
       "dev] on the same link"},
    {"[endpoint a]\nlink = emu:h:1\neid = 9\n[endpoint b]\n"
     "link = emu:h:1\neid = 10\n",
     F ":4: [endpoint b]: link emu:h:1 carries one endpoint and "
       "[endpoint a] uses it"},
    {"[global]\nslot = 1\0\n", F ":2: line contains a NUL byte"},
};

static void config_bad_cases(void **state)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct spdmd_config config;
		char error[CONFIG_ERROR_SIZE] = "";
		const char *text = bad_cases[i].text;
		size_t length = strlen(text);

		/* The NUL case runs past its embedded NUL. */
		if (strstr(bad_cases[i].error, "NUL"))
			length += 2;
		config_init(&config);
		print_message("case %zu: %s\n", i, bad_cases[i].error);
		assert_int_equal(config_parse_text(&config, F, text, length,
						   error, sizeof(error)),
				 -EINVAL);
		assert_string_equal(error, bad_cases[i].error);
		config_free(&config);
	}
}

static void config_long_line_rejected(void **state)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";
	char text[400];

	snprintf(text, sizeof(text), "[global]\ntrust-anchor = /%0200d\n", 0);
	assert_int_equal(parse(&config, text, error), -EINVAL);
	assert_string_equal(error, F ":2: line is longer than 196 characters");
	config_free(&config);
}

static void config_load_missing_file(void **state)
{
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";

	config_init(&config);
	assert_int_equal(config_load(&config, "/nonexistent/spdmd.conf", error,
				     sizeof(error)),
			 -ENOENT);
	assert_string_equal(error, "/nonexistent/spdmd.conf: failed to read: "
				   "No such file or directory");
	config_free(&config);
}

static void config_load_file_relative(void **state)
{
	char dir[] = "/tmp/spdmd-config-XXXXXX";
	char path[256];
	struct spdmd_config config;
	char error[CONFIG_ERROR_SIZE] = "";
	FILE *file;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/spdmd.conf", dir);
	file = fopen(path, "w");
	assert_non_null(file);
	fputs("[global]\ntrust-anchor = ca.der\n[endpoint x]\neid = 300\n",
	      file);
	fclose(file);

	config_init(&config);
	assert_int_equal(config_load(&config, path, error, sizeof(error)),
			 -EINVAL);
	assert_non_null(strstr(error, "/spdmd.conf:4: eid: 300 is not an EID "
				      "(8-254)"));
	config_free(&config);

	file = fopen(path, "w");
	assert_non_null(file);
	fputs("[global]\ntrust-anchor = ca.der\n", file);
	fclose(file);
	config_init(&config);
	assert_int_equal(config_load(&config, path, error, sizeof(error)), 0);
	snprintf(path, sizeof(path), "%s/ca.der", dir);
	assert_string_equal(config.anchors[0].path, path);
	config_free(&config);

	snprintf(path, sizeof(path), "%s/spdmd.conf", dir);
	unlink(path);
	rmdir(dir);
}

static void config_name_validation(void **state)
{
	char name[CONFIG_MAX_NAME + 2];

	assert_true(config_name_is_valid("GPU_0"));
	assert_true(config_name_is_valid("0abc"));
	assert_true(config_name_is_valid("a"));
	assert_false(config_name_is_valid(""));
	assert_false(config_name_is_valid("_x"));
	assert_false(config_name_is_valid("a.b"));
	assert_false(config_name_is_valid("a b"));
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_false(config_name_is_valid(name));
	name[CONFIG_MAX_NAME] = '\0';
	assert_true(config_name_is_valid(name));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(config_good_file_global),
	    cmocka_unit_test(config_good_file_endpoints),
	    cmocka_unit_test(config_defaults_empty_file),
	    cmocka_unit_test(config_bad_cases),
	    cmocka_unit_test(config_long_line_rejected),
	    cmocka_unit_test(config_load_missing_file),
	    cmocka_unit_test(config_load_file_relative),
	    cmocka_unit_test(config_name_validation),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
