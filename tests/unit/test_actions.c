/* The pure parts of the server actions: the decoders of their answers
 * (hand-written JSON), the RAID rule, the install plan's checks, the
 * generated password and the Online request bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/actions.h"
#include "core/creds.h"
#include "core/install.h"
#include "core/online_actions.h"
#include "core/online_install.h"
#include "core/raid.h"
#include "core/scw_dedibox_actions.h"
#include "core/scw_iam.h"
#include "core/ssh_keys.h"

#define S(x) x, strlen(x)

static void test_decode_rescue_and_bmc(void **state)
{
	struct dd_rescue_creds c;
	struct dd_bmc b;
	struct dd_error err;
	(void)state;
	assert_int_equal(dd_scw_decode_rescue(S("{\"os_id\":601,\"login\":\"sd-1\",\"password\":\"pw\\u001b1\","
						"\"protocol\":\"ssh\"}"), &c, &err), 0);
	assert_int_equal(c.os_id, 601);
	assert_string_equal(c.login, "sd-1");
	assert_string_equal(c.protocol, "ssh");
	assert_null(strchr(c.password, 0x1b)); /* sanitized like every network string */
	assert_int_equal(dd_scw_decode_rescue(S("{\"login\":7}"), &c, &err), -1);
	assert_int_equal(dd_online_decode_rescue(S("{\"login\":\"sd-2\",\"password\":\"x\",\"protocol\":\"vnc\","
						   "\"ip\":\"195.154.1.1\"}"), &c, &err), 0);
	assert_string_equal(c.ip, "195.154.1.1");
	assert_int_equal(dd_scw_decode_bmc(S("{\"url\":\"https://bmc/\",\"login\":\"l\",\"password\":\"p\","
					     "\"status\":\"created\",\"expires_at\":\"2026-01-01T00:00:00Z\"}"),
					   &b, &err), 0);
	assert_string_equal(b.status, "created");
	assert_string_equal(b.expires_at, "2026-01-01T00:00:00Z");
}

static void test_decode_images(void **state)
{
	struct dd_rescue_images l = { 0 };
	struct dd_error err;
	(void)state;
	assert_int_equal(dd_scw_decode_rescue_images(S("{\"total_count\":1,\"os\":[{\"id\":601,"
						       "\"name\":\"Ubuntu\",\"version\":\"22.04\"}]}"), &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].os_id, 601);
	assert_string_equal(l.v[0].name, "Ubuntu 22.04");
	assert_int_equal(dd_online_decode_rescue_images(S("[\"debian-12_amd64\",\"winpe-3.0_amd64\"]"), &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[1].name, "winpe-3.0_amd64");
	assert_int_equal(dd_online_decode_rescue_images(S("[\"a\", 3]"), &l, &err), -1);
	assert_int_equal(l.n, 0);
	dd_rescue_images_clear(&l);
}

static void test_partitioning_and_raid(void **state)
{
	struct dd_partitions p;
	struct dd_raid r;
	struct dd_error err;
	(void)state;
	assert_int_equal(dd_scw_decode_partitioning(S("{\"partitions\":[{\"type\":\"primary\",\"file_system\":\"ext4\","
						      "\"mount_point\":\"/\",\"raid_level\":\"raid1\",\"capacity\":1000,"
						      "\"connectors\":[\"A\",\"B\"]},{\"file_system\":\"swap\",\"mount_point\":null,"
						      "\"raid_level\":\"raid1\",\"capacity\":5,\"connectors\":[\"A\",\"B\"]}]}"),
						    &p, &err), 0);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[0].nconn, 2);
	assert_string_equal(p.v[1].mount_point, "");
	assert_int_equal(dd_scw_decode_raid(S("{\"raid_arrays\":[{\"raid_level\":\"raid10\",\"disks\":["
					      "{\"id\":1,\"connector\":\"A\",\"type\":\"ssd\",\"capacity\":9},"
					      "{\"id\":2,\"connector\":\"B\",\"type\":\"ssd\",\"capacity\":9}]}]}"), &r, &err), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.arrays[0].n, 2);
	assert_int_equal(r.arrays[0].disks[1].id, 2);
	assert_int_equal(dd_raid_level_fits("raid1", 2, &err), 0);
	assert_int_equal(dd_raid_level_fits("raid1", 3, &err), -1);
	assert_int_equal(dd_raid_level_fits("raid5", 2, &err), -1);
	assert_non_null(strstr(err.message, "cannot be built from 2 disks"));
	assert_int_equal(dd_raid_level_fits("raid10", 4, &err), 0);
	assert_int_equal(dd_raid_level_fits("no_raid", 1, &err), 0);
	assert_int_equal(dd_raid_level_fits("raid7", 4, &err), -1);
}

static void test_install_checks(void **state)
{
	struct dd_install in;
	struct dd_error err;
	char pw[32];
	(void)state;
	memset(&in, 0, sizeof(in));
	strcpy(in.hostname, "web-1.example");
	strcpy(in.user_login, "alice");
	strcpy(in.user_password, "long-enough");
	in.parts.n = 2;
	strcpy(in.parts.v[0].mount_point, "/");
	in.parts.v[0].capacity = 10;
	in.parts.v[0].nconn = 1;
	in.parts.v[1].capacity = 5;
	in.parts.v[1].nconn = 1;
	assert_int_equal(dd_install_check(&in, &err), 0);
	strcpy(in.parts.v[1].mount_point, "/");
	assert_int_equal(dd_install_check(&in, &err), -1);
	assert_non_null(strstr(err.message, "mounted twice"));
	strcpy(in.parts.v[1].mount_point, "/srv");
	in.parts.v[1].capacity = 0;
	assert_int_equal(dd_install_check(&in, &err), -1);
	in.parts.v[1].capacity = 5;
	strcpy(in.user_password, "short");
	assert_int_equal(dd_install_check(&in, &err), -1);
	strcpy(in.user_password, "long-enough");
	strcpy(in.hostname, "bad host");
	assert_int_equal(dd_install_check(&in, &err), -1);
	/* editing a partition: checked against its disks and the budget */
	in.budget = 20;
	in.parts.v[0].capacity = 10;
	assert_int_equal(dd_install_edit_partition(&in, 0, "xfs / 0.000000001 no_raid", &err), 0);
	assert_string_equal(in.parts.v[0].file_system, "xfs");
	assert_int_equal(dd_install_edit_partition(&in, 0, "xfs / 1 no_raid", &err), -1);
	assert_non_null(strstr(err.message, "the disks hold"));
	assert_int_equal(dd_install_edit_partition(&in, 0, "xfs / 0.000000001 raid1", &err), -1);
	assert_int_equal(dd_install_edit_partition(&in, 0, "vfat / 0.000000001 no_raid", &err), -1);
	assert_int_equal(dd_install_edit_partition(&in, 7, "xfs / 1 no_raid", &err), -1);
	assert_string_equal(in.parts.v[0].file_system, "xfs");
	dd_install_gen_password(pw, sizeof(pw));
	assert_int_equal(strlen(pw), 20);
	assert_int_equal(strspn(pw, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^*_+=-"), 20);
	assert_int_equal(dd_install_step("booting"), 1);
	assert_int_equal(dd_install_step("installed"), DD_INSTALL_STEPS);
	assert_int_equal(dd_install_step("exploded"), 0);
}

/* --partition: the whole plan replaced, on the default plan's disks, each
 * spec checked as the wizard checks one; in unchanged on error. */
static void test_replace_partitions(void **state)
{
	struct dd_install in;
	struct dd_error err;
	(void)state;
	memset(&in, 0, sizeof(in));
	in.parts.n = 1;
	strcpy(in.parts.v[0].mount_point, "/");
	strcpy(in.parts.v[0].file_system, "ext4");
	in.parts.v[0].nconn = 2;
	strcpy(in.parts.v[0].connectors[0], "A");
	strcpy(in.parts.v[0].connectors[1], "B");
	in.parts.v[0].capacity = 100LL << 30;
	in.budget = 100LL << 30;
	const char *ok[] = { ":swap:4", "/:ext4:50G:raid1", "/srv:xfs:10GiB" };
	assert_int_equal(dd_install_replace_partitions(&in, ok, 3, &err), 0);
	assert_int_equal(in.parts.n, 3);
	assert_string_equal(in.parts.v[0].file_system, "swap");
	assert_string_equal(in.parts.v[0].mount_point, "");
	assert_int_equal(in.parts.v[0].nconn, 1); /* no_raid: the first disk */
	assert_string_equal(in.parts.v[1].raid_level, "raid1");
	assert_int_equal(in.parts.v[1].nconn, 2);
	assert_string_equal(in.parts.v[1].connectors[1], "B");
	assert_int_equal(in.parts.v[2].capacity, 10LL << 30);
	const char *noroot[] = { "/srv:ext4:10" }, *big[] = { "/:ext4:101" }, *r5[] = { "/:ext4:1:raid5" };
	const char *badfs[] = { "/:vfat:1" }, *badsz[] = { "/:ext4:ten" }, *short1[] = { "/:ext4" };
	const char *twice[] = { "/:ext4:1", "/:xfs:1" }, *extra[] = { "/:ext4:1:raid1:x" };
	const char *const *bad[] = { noroot, big, r5, badfs, badsz, short1, extra };
	const char *why[] = { "exactly one root", "the disks hold", "raid5 cannot be built", "not a file system",
			      "number of GiB", "MOUNT:FS:SIZE", "MOUNT:FS:SIZE" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(dd_install_replace_partitions(&in, bad[i], 1, &err), -1);
		if (!strstr(err.message, why[i]))
			fail_msg("spec %zu: \"%s\" lacks \"%s\"", i, err.message, why[i]);
	}
	assert_int_equal(dd_install_replace_partitions(&in, twice, 2, &err), -1);
	assert_non_null(strstr(err.message, "mounted twice"));
	assert_int_equal(in.parts.n, 3); /* unchanged by the refusals */
	assert_string_equal(in.parts.v[2].file_system, "xfs");
}

static void test_ssh_keys(void **state)
{
	static const char body[] =
		"{\"ssh_keys\":[{\"id\":\"5e1f0c2a-7d64-4a8e-9a3b-2f6c1d0e9a01\",\"name\":\"laptop\","
		"\"fingerprint\":\"256 SHA256:x\",\"disabled\":false},"
		"{\"id\":\"c3d5e7f9-2b4d-4c6e-9f8a-0b1c2d3e4f03\",\"name\":\"old\",\"disabled\":true},"
		"{\"id\":\"8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02\",\"name\":\"laptop\",\"disabled\":false}],"
		"\"total_count\":3}";
	struct dd_ssh_keys l = { 0 };
	struct dd_install in;
	struct dd_error err;
	int64_t total = -1;
	(void)state;
	memset(&in, 0, sizeof(in));
	assert_int_equal(dd_scw_iam_decode_ssh_keys(S(body), &l, &total, &err), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(total, 3);
	assert_true(l.v[1].disabled);
	assert_string_equal(l.v[0].fingerprint, "256 SHA256:x");
	/* an id picks; a name two keys share does not; disabled and unknown refused */
	assert_int_equal(dd_ssh_keys_pick(&l, "8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02", &in, &err), 0);
	assert_int_equal(dd_ssh_keys_pick(&l, "8b2d4e6f-1a3c-4b5d-8e7f-9a0b1c2d3e02", &in, &err), 0);
	assert_int_equal(in.nkeys, 1);
	assert_int_equal(dd_ssh_keys_pick(&l, "laptop", &in, &err), -1);
	assert_non_null(strstr(err.message, "give the id"));
	assert_int_equal(dd_ssh_keys_pick(&l, "old", &in, &err), -1);
	assert_non_null(strstr(err.message, "disabled"));
	assert_int_equal(dd_ssh_keys_pick(&l, "nope", &in, &err), -1);
	assert_int_equal(err.kind, DD_E_NOT_FOUND);
	assert_int_equal(in.nkeys, 1);
	/* strict on types, with the path */
	assert_int_equal(dd_scw_iam_decode_ssh_keys(S("{\"ssh_keys\":[{\"id\":5}]}"), &l, &total, &err), -1);
	assert_non_null(strstr(err.message, "id"));
	assert_int_equal(dd_scw_iam_decode_ssh_keys(S("{\"ssh_keys\":[{\"id\":\"../../x\"}]}"), &l, &total, &err), -1);
	dd_ssh_keys_clear(&l);
}

static void test_online_bodies(void **state)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_write_req r;
	struct dd_error err;
	(void)state;
	assert_non_null(c);
	snprintf(c->online_token, sizeof(c->online_token), "obviously-fake-test-token");
	snprintf(c->online_api_url, sizeof(c->online_api_url), "http://127.0.0.1:1/api/v1");
	assert_int_equal(dd_online_req_power(c, 42, DD_POWER_REBOOT, "kernel update", &r, &err), 0);
	assert_non_null(strstr(r.url, "/server/reboot/42"));
	assert_string_equal(r.body, "reason=kernel%20update");
	assert_int_equal(dd_online_req_power(c, 42, DD_POWER_STOP, "", &r, &err), -1);
	assert_int_equal(dd_online_req_power(c, 42, DD_POWER_START, NULL, &r, &err), 0);
	assert_non_null(strstr(r.url, "/server/boot/normal/42"));
	assert_int_equal(dd_online_req_rescue(c, 42, "debian-12_amd64", &r, &err), 0);
	assert_string_equal(r.body, "image=debian-12_amd64");
	dd_creds_free(c);
}

/* The Online installation and BMC session: bodies as sent (passwords
 * masked in what is shown), and the answers' decoders. */
static void test_online_install_and_bmc(void **state)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_write_req r;
	struct dd_error err;
	struct dd_install in;
	struct dd_rescue_images oses = { 0 };
	struct dd_ssh_keys keys = { 0 };
	struct dd_bmc b;
	char buf[64];
	(void)state;
	assert_non_null(c);
	snprintf(c->online_token, sizeof(c->online_token), "obviously-fake-test-token");
	snprintf(c->online_api_url, sizeof(c->online_api_url), "http://127.0.0.1:1/api/v1");
	memset(&in, 0, sizeof(in));
	in.os_id = 305;
	in.online = 1;
	snprintf(in.hostname, sizeof(in.hostname), "web-1.example");
	snprintf(in.user_login, sizeof(in.user_login), "alice");
	snprintf(in.user_password, sizeof(in.user_password), "Us3r-secret&x");
	snprintf(in.root_password, sizeof(in.root_password), "R00t-secret");
	snprintf(in.panel_password, sizeof(in.panel_password), "Pan3l-secret");
	snprintf(in.ssh_key_ids[in.nkeys++], sizeof(in.ssh_key_ids[0]), "1c7f74bb-0001");
	assert_int_equal(dd_install_check(&in, &err), 0);
	assert_int_equal(dd_online_req_install(c, 42, &in, &r, &err), 0);
	assert_non_null(strstr(r.url, "/server/install/42"));
	assert_string_equal(r.body, "os_id=305&hostname=web-1.example&user_login=alice&user_password=Us3r-secret%26x"
				    "&root_password=R00t-secret&panel_password=Pan3l-secret&ssh_keys=%5B%221c7f74bb-0001%22%5D");
	assert_null(strstr(r.shown, "secret"));
	assert_non_null(strstr(r.shown, "root_password=********"));
	/* the Online API takes no partitions, and wants a root password */
	const char *spec[] = { "/:ext4:10" };
	assert_int_equal(dd_install_replace_partitions(&in, spec, 1, &err), -1);
	assert_non_null(strstr(err.message, "leave out --partition"));
	in.root_password[0] = '\0';
	assert_int_equal(dd_install_check(&in, &err), -1);

	assert_int_equal(dd_online_decode_oses(S("[{\"id\":305,\"name\":\"centos\",\"version\":\"CentOS 7\","
						 "\"type\":\"server\",\"end_of_life\":null}]"), &oses, &err), 0);
	assert_int_equal(oses.n, 1);
	assert_int_equal(oses.v[0].os_id, 305);
	assert_string_equal(oses.v[0].name, "centos CentOS 7");
	assert_int_equal(dd_online_decode_oses(S("[{\"name\":\"no id\"}]"), &oses, &err), -1);
	dd_rescue_images_clear(&oses);
	assert_int_equal(dd_online_decode_ssh_keys(S("[{\"uuid_ref\":\"1c7f\",\"description\":\"laptop\","
						     "\"fingerprint\":\"SHA256:x\"}]"), &keys, &err), 0);
	assert_int_equal(keys.n, 1);
	assert_string_equal(keys.v[0].id, "1c7f");
	assert_string_equal(keys.v[0].name, "laptop");
	dd_ssh_keys_clear(&keys);
	assert_int_equal(dd_online_decode_install_status(S("{\"id\":1,\"install_status\":\"installing\"}"), buf,
							 sizeof(buf), &err), 0);
	assert_string_equal(buf, "installing");
	assert_int_equal(dd_online_decode_install_status(S("{\"id\":1}"), buf, sizeof(buf), &err), -1);

	assert_int_equal(dd_online_req_bmc(c, 42, "192.0.2.7", &r, &err), 0);
	assert_non_null(strstr(r.url, "/server/bmc/session"));
	assert_string_equal(r.body, "server_id=42&ip=192.0.2.7");
	memset(&b, 0, sizeof(b));
	assert_int_equal(dd_online_decode_bmc_key(S("\"abc123\""), &b, &err), 0);
	assert_string_equal(b.session_key, "abc123");
	assert_string_equal(b.status, "creating");
	assert_int_equal(dd_online_decode_bmc_key(S("{}"), &b, &err), -1);
	assert_int_equal(dd_online_req_bmc_off(c, "../x", &r, &err), -1);
	assert_int_equal(dd_online_req_bmc_off(c, "abc123", &r, &err), 0);
	assert_non_null(strstr(r.url, "/server/bmc/session/abc123"));
	assert_int_equal(dd_online_decode_bmc_session(S("{\"url\":\"https://bmc/\",\"login\":\"l\",\"password\":\"p\","
							"\"expiration\":\"2030-01-01T01:00:00Z\"}"), &b, &err), 0);
	assert_string_equal(b.status, "created");
	assert_string_equal(b.session_key, "abc123");
	assert_int_equal(dd_online_decode_server_bmc_key(S("{\"bmc\":{\"session_key\":null}}"), buf, sizeof(buf), &err), 0);
	assert_string_equal(buf, "");
	dd_creds_free(c);
}

/* The time left counts from the API's Date when there was one, moved on by
 * the time elapsed here; from this machine's clock otherwise. */
static void test_bmc_left(void **state)
{
	struct dd_bmc b;
	bool by_api;
	(void)state;
	memset(&b, 0, sizeof(b));
	snprintf(b.expires_at, sizeof(b.expires_at), "2030-01-01T01:00:00Z");
	b.api_now = 1893456000; /* 2030-01-01T00:00:00Z */
	b.local_at = 1000;      /* this machine's clock, far off */
	assert_int_equal(dd_bmc_left(&b, 1000, &by_api), 3600);
	assert_true(by_api);
	assert_int_equal(dd_bmc_left(&b, 1600, &by_api), 3000);
	assert_int_equal(dd_bmc_left(&b, 9000, &by_api), 0);
	b.api_now = -1;
	assert_int_equal(dd_bmc_left(&b, 1893456000 + 60, &by_api), 3540);
	assert_false(by_api);
	b.expires_at[0] = '\0';
	assert_int_equal(dd_bmc_left(&b, 1000, &by_api), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_rescue_and_bmc),
		cmocka_unit_test(test_decode_images),
		cmocka_unit_test(test_partitioning_and_raid),
		cmocka_unit_test(test_install_checks),
		cmocka_unit_test(test_online_bodies),
		cmocka_unit_test(test_online_install_and_bmc),
		cmocka_unit_test(test_bmc_left),
		cmocka_unit_test(test_replace_partitions),
		cmocka_unit_test(test_ssh_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
