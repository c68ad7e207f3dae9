/* Server actions (power, rescue, BMC access, installation) and failover IP
 * assignment change the world as the real API would, and refuse what it
 * refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/server.h"
#include "tests/sandbox/sbtest.h"

static char zpath[64] = "/dedibox/v1/zones/fr-par-1";

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* The first server of fr-par-1 whose status is st and, if bmc >= 0, whose
 * has_bmc is bmc. */
static json_int_t find(struct sbt *t, const char *st, int bmc)
{
	char path[128];
	struct sbt_resp r;
	json_int_t found = 0;
	snprintf(path, sizeof path, "%s/servers?page_size=100", zpath);
	sbt_get(t, path, &r);
	const json_t *s;
	size_t i;
	json_array_foreach(json_object_get(r.json, "servers"), i, s) {
		if (found || strcmp(str(s, "status"), st) != 0)
			continue;
		json_int_t id = json_integer_value(json_object_get(s, "id"));
		struct sbt_resp g;
		snprintf(path, sizeof path, "%s/servers/%lld", zpath, (long long)id);
		sbt_get(t, path, &g);
		if (bmc < 0 || json_is_true(json_object_get(g.json, "has_bmc")) == bmc)
			found = id;
		sbt_resp_free(&g);
	}
	sbt_resp_free(&r);
	return found;
}

static long req(struct sbt *t, const char *method, json_int_t id, const char *sub, const char *body, struct sbt_resp *r)
{
	char path[160];
	snprintf(path, sizeof path, "%s/servers/%lld%s%s", zpath, (long long)id, sub ? "/" : "", sub ? sub : "");
	return sbt_req(t, SBT_SCW, method, path, body, NULL, r);
}

static const char *status_of(struct sbt *t, json_int_t id, char out[32])
{
	struct sbt_resp r;
	req(t, "GET", id, NULL, NULL, &r);
	snprintf(out, 32, "%s", str(r.json, "status"));
	sbt_resp_free(&r);
	return out;
}

/* Moves the sandbox clock on; the new time. */
static json_int_t advance(struct sbt *t, long seconds)
{
	char path[64];
	struct sbt_resp r;
	json_int_t now;
	snprintf(path, sizeof path, "/__sandbox/advance?seconds=%ld", seconds);
	sbt_req(t, SBT_NONE, "POST", path, NULL, NULL, &r);
	now = json_integer_value(json_object_get(r.json, "now"));
	sbt_resp_free(&r);
	return now;
}

/* The clock endpoints: one clock, moved by advance, with its scale (set
 * here as --time-scale 60 sets it, last: a faster clock only jumps on). */
static void clock_endpoints(struct sbt *t)
{
	struct sbt_resp r;
	dd_sb_clock_set_scale(60000);
	sbt_req(t, SBT_NONE, "GET", "/__sandbox/clock", NULL, NULL, &r);
	json_int_t before = json_integer_value(json_object_get(r.json, "now"));
	t_ok(r.status == 200 && before > 1600000000 &&
	     json_integer_value(json_object_get(r.json, "scale_milli")) == 60000,
	     "GET /__sandbox/clock: the time and --time-scale 60 as 60000 thousandths");
	sbt_resp_free(&r);
	json_int_t after = advance(t, 3600);
	t_ok(after >= before + 3600 && after < before + 3600 + 86400,
	     "POST /__sandbox/advance?seconds=3600: an hour on (and not a day)");
	sbt_req(t, SBT_NONE, "POST", "/__sandbox/advance?seconds=-5", NULL, NULL, &r);
	t_ok(r.status == 400 && !strcmp(str(r.json, "type"), "invalid_arguments"),
	     "advance by a negative number: 400 invalid_arguments");
	sbt_resp_free(&r);
	sbt_req(t, SBT_NONE, "POST", "/__sandbox/advance", NULL, NULL, &r);
	t_ok(r.status == 400, "advance without seconds: 400");
	sbt_resp_free(&r);
	sbt_req(t, SBT_NONE, "GET", "/__sandbox/clock", NULL, NULL, &r);
	t_ok(json_integer_value(json_object_get(r.json, "now")) >= after, "the clock never goes back");
	sbt_resp_free(&r);
}

static void power(struct sbt *t)
{
	char st[32];
	struct sbt_resp r;
	json_int_t id = find(t, "ready", -1);
	req(t, "GET", id, NULL, NULL, &r);
	char before[32];
	snprintf(before, sizeof before, "%s", str(r.json, "rebooted_at"));
	sbt_resp_free(&r);
	t_ok(req(t, "POST", id, "stop", "{}", &r) == 204 && r.len == 0, "POST stop: 204, no body");
	sbt_resp_free(&r);
	t_ok(!strcmp(status_of(t, id, st), "stopped"), "the server is stopped (%s)", st);
	t_ok(req(t, "POST", id, "start", "{}", &r) == 204, "POST start: 204");
	sbt_resp_free(&r);
	t_ok(!strcmp(status_of(t, id, st), "ready"), "the server is ready again (%s)", st);
	t_ok(req(t, "POST", id, "reboot", "{}", &r) == 204, "POST reboot: 204");
	sbt_resp_free(&r);
	req(t, "GET", id, "events?order_by=created_at_desc&page_size=1", NULL, &r);
	t_ok(!strcmp(str(json_array_get(json_object_get(r.json, "events"), 0), "description"), "Reboot requested"),
	     "the reboot is the newest event");
	sbt_resp_free(&r);
	req(t, "GET", id, NULL, NULL, &r);
	t_ok(strcmp(str(r.json, "rebooted_at"), before) > 0, "rebooted_at moved on (%s)", str(r.json, "rebooted_at"));
	sbt_resp_free(&r);
	req(t, "GET", id, "reboot", NULL, &r);
	t_ok(r.status == 405 && !strcmp(r.allow, "POST"), "GET reboot: 405, Allow: POST");
	sbt_resp_free(&r);

	json_int_t busy = find(t, "installing", -1);
	if (busy) {
		char want[256];
		snprintf(want, sizeof want, "{\"current_state\":\"installing\",\"message\":\"resource is in a transient state\","
			 "\"resource\":\"server\",\"resource_id\":\"%lld\",\"type\":\"transient_state\"}", (long long)busy);
		json_t *w = json_loads(want, 0, NULL);
		req(t, "POST", busy, "reboot", "{}", &r);
		t_ok(r.status == 409 && json_equal(r.json, w), "reboot while installing: 409 transient_state (%.200s)", r.body);
		json_decref(w);
		sbt_resp_free(&r);
	}
	json_int_t locked = find(t, "locked", -1);
	if (locked) {
		req(t, "POST", locked, "stop", "{}", &r);
		t_ok(r.status == 423 && !strcmp(str(r.json, "type"), "locked"), "stop a locked server: 423 locked");
		sbt_resp_free(&r);
	}
}

static void rescue(struct sbt *t)
{
	char st[32];
	struct sbt_resp r, g;
	json_int_t id = find(t, "ready", -1);
	req(t, "GET", id, "rescue", NULL, &r);
	t_ok(r.status == 404 && !strcmp(str(r.json, "resource"), "rescue"), "no rescue yet: 404");
	sbt_resp_free(&r);
	req(t, "POST", id, "rescue", "{\"os_id\":501}", &r);
	t_ok(r.status == 400 && !strcmp(str(json_array_get(json_object_get(r.json, "details"), 0), "argument_name"), "os_id"),
	     "rescue with a non-rescue OS: 400 on os_id");
	sbt_resp_free(&r);
	req(t, "POST", id, "rescue", "{}", &r);
	t_ok(r.status == 400 && !strcmp(str(json_array_get(json_object_get(r.json, "details"), 0), "reason"), "required"),
	     "rescue without os_id: 400 required");
	sbt_resp_free(&r);
	req(t, "POST", id, "rescue", "{\"os_id\":601}", &r);
	req(t, "GET", id, "rescue", NULL, &g);
	t_ok(r.status == 200 && strlen(str(r.json, "password")) == 16 && !strcmp(str(r.json, "protocol"), "ssh") &&
	     json_equal(r.json, g.json), "POST rescue gives credentials; GET rescue gives the same");
	sbt_resp_free(&r);
	sbt_resp_free(&g);
	t_ok(!strcmp(status_of(t, id, st), "rescue"), "the server is in rescue");
	char path[64];
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	t_ok(!strcmp(str(r.json, "boot_mode"), "rescue"), "Online shows boot_mode rescue");
	sbt_resp_free(&r);
	t_ok(req(t, "DELETE", id, "rescue", NULL, &r) == 204, "DELETE rescue: 204");
	sbt_resp_free(&r);
	t_ok(!strcmp(status_of(t, id, st), "ready"), "the server is back to normal");
}

static void bmc(struct sbt *t)
{
	struct sbt_resp r, g;
	json_int_t with = find(t, "ready", 1), without = find(t, "ready", 0);
	if (!without) {
		t_ok(0, "the fixed-seed world has a ready server without a BMC");
	} else {
		req(t, "POST", without, "bmc-access", "{\"ip\":\"203.0.113.9\"}", &r);
		t_ok(r.status == 412 && !strcmp(str(r.json, "type"), "precondition_failed"), "BMC access without a BMC: 412");
		sbt_resp_free(&r);
	}
	/* The world is fixed by its seed: a missing server is a broken
	 * world, not a reason to test less. */
	if (!with) {
		t_ok(0, "the fixed-seed world has a ready server with a BMC");
		return;
	}
	req(t, "POST", with, "bmc-access", "{\"ip\":\"not-an-ip\"}", &r);
	t_ok(r.status == 400, "BMC access for a bad IP: 400");
	sbt_resp_free(&r);
	req(t, "POST", with, "bmc-access", "{\"ip\":\"203.0.113.9\"}", &r);
	req(t, "GET", with, "bmc-access", NULL, &g);
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "creating") && !strcmp(str(g.json, "status"), "created") &&
	     !strcmp(str(r.json, "password"), str(g.json, "password")) && !strncmp(str(g.json, "url"), "https://", 8),
	     "BMC access: creating, then created with the same credentials");
	sbt_resp_free(&r);
	sbt_resp_free(&g);
	t_ok(req(t, "DELETE", with, "bmc-access", NULL, &r) == 204, "DELETE bmc-access: 204");
	sbt_resp_free(&r);
	t_ok(req(t, "GET", with, "bmc-access", NULL, &r) == 404, "then GET bmc-access: 404");
	sbt_resp_free(&r);
}

static void install(struct sbt *t)
{
	char st[32];
	struct sbt_resp r;
	json_int_t id = find(t, "ready", -1);
	req(t, "POST", id, "install", "{\"os_id\":503,\"hostname\":\"fresh\"}", &r);
	t_ok(r.status == 400 && !strcmp(str(json_array_get(json_object_get(r.json, "details"), 0), "argument_name"), "user_login"),
	     "install Debian without a user: 400 on user_login");
	sbt_resp_free(&r);
	req(t, "POST", id, "install", "{\"os_id\":9999,\"hostname\":\"fresh\"}", &r);
	t_ok(r.status == 400, "install an unknown OS: 400");
	sbt_resp_free(&r);
	req(t, "POST", id, "install", "{\"os_id\":503,\"hostname\":\"fresh-install\",\"user_login\":\"me\",\"user_password\":\"long-enough\"}", &r);
	t_ok(r.status == 200 && !strcmp(str(r.json, "status"), "booting") && !strcmp(str(r.json, "hostname"), "fresh-install"),
	     "POST install: booting");
	sbt_resp_free(&r);
	t_ok(!strcmp(status_of(t, id, st), "installing"), "the server is installing");
	req(t, "GET", id, "install", NULL, &r);
	t_ok(!strcmp(str(r.json, "status"), "booting"), "GET install with no time passed: still booting");
	sbt_resp_free(&r);
	static const char *const steps[] = { "setting_up_raid", "partitioning", "formatting", "installing", "configuring",
					     "configuring_bootloader", "rebooting", "installed" };
	int in_order = 1;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		advance(t, 90);
		req(t, "GET", id, "install", NULL, &r);
		in_order &= !strcmp(str(r.json, "status"), steps[i]);
		sbt_resp_free(&r);
	}
	t_ok(in_order, "GET install walks booting → … → installed, a step per 90 s of the sandbox clock");
	req(t, "GET", id, NULL, NULL, &r);
	t_ok(!strcmp(str(r.json, "status"), "ready") && json_integer_value(json_object_get(json_object_get(r.json, "os"), "id")) == 503 &&
	     !strcmp(str(r.json, "hostname"), "fresh-install"), "after the installation: ready, Debian 12, the new hostname");
	sbt_resp_free(&r);
	req(t, "POST", id, "cancel-install", "{}", &r);
	t_ok(r.status == 412, "cancel a finished installation: 412");
	sbt_resp_free(&r);
	req(t, "POST", id, "install", "{\"os_id\":508,\"hostname\":\"win\"}", &r);
	sbt_resp_free(&r);
	t_ok(req(t, "POST", id, "cancel-install", "{}", &r) == 204 && !strcmp(status_of(t, id, st), "ready"),
	     "cancel an installation: 204, ready");
	sbt_resp_free(&r);

	char path[128];
	snprintf(path, sizeof path, "%s/os?server_id=%lld&type=virtu", zpath, (long long)id);
	sbt_get(t, path, &r);
	const json_t *o;
	size_t i;
	int virtu = json_array_size(json_object_get(r.json, "os")) > 0;
	json_array_foreach(json_object_get(r.json, "os"), i, o)
		virtu &= !strcmp(str(o, "type"), "virtu");
	t_ok(virtu, "GET os?type=virtu lists only virtualisation systems");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/os", zpath);
	sbt_get(t, path, &r);
	t_ok(r.status == 400 && !strcmp(str(json_array_get(json_object_get(r.json, "details"), 0), "reason"), "required"),
	     "GET os without server_id: 400 required");
	sbt_resp_free(&r);
}

static void failover(struct sbt *t)
{
	struct sbt_resp r;
	char path[160], body[160];
	json_int_t id = find(t, "ready", -1);
	snprintf(path, sizeof path, "%s/failover-ips?only_available=true&page_size=1", zpath);
	sbt_get(t, path, &r);
	json_int_t fip = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "failover_ips"), 0), "id"));
	char addr[32];
	snprintf(addr, sizeof addr, "%s", str(json_array_get(json_object_get(r.json, "failover_ips"), 0), "address"));
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/attach", zpath);
	snprintf(body, sizeof body, "{\"server_id\":%lld,\"fips_ids\":[%lld]}", (long long)id, (long long)fip);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 204, "attach a failover IP: 204");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/%lld", zpath, (long long)fip);
	sbt_get(t, path, &r);
	t_ok(json_integer_value(json_object_get(r.json, "server_id")) == id, "it is attached to the server");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	const json_t *a;
	size_t i;
	int listed = 0;
	json_array_foreach(json_object_get(json_object_get(r.json, "network"), "ipfo"), i, a)
		listed |= !strcmp(json_string_value(a), addr);
	t_ok(listed, "Online lists %s in network.ipfo", addr);
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/failover-ips/%lld/attach-to-mac-address", zpath, (long long)fip);
	sbt_req(t, SBT_SCW, "POST", path, "{\"type\":\"kvm\"}", NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "ip_id")) == fip, "attach a KVM virtual MAC: the IP");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/%lld", zpath, (long long)fip);
	sbt_get(t, path, &r);
	t_ok(!strncmp(str(r.json, "mac"), "52:54:00:", 9) && !strcmp(str(r.json, "type"), "virtual"), "the failover IP has a KVM MAC");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/%lld/attach-to-mac-address", zpath, (long long)fip);
	sbt_req(t, SBT_SCW, "POST", path, "{\"type\":\"hyperv\"}", NULL, &r);
	t_ok(r.status == 400, "an unknown MAC type: 400");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "%s/failover-ips/detach", zpath);
	snprintf(body, sizeof body, "{\"fips_ids\":[%lld]}", (long long)fip);
	t_ok(sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r) == 204, "detach: 204");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/%lld", zpath, (long long)fip);
	sbt_get(t, path, &r);
	t_ok(json_is_null(json_object_get(r.json, "server_id")) && json_is_null(json_object_get(r.json, "mac")),
	     "detached: no server, no MAC");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/attach", zpath);
	snprintf(body, sizeof body, "{\"server_id\":%lld,\"fips_ids\":[1]}", (long long)id);
	sbt_req(t, SBT_SCW, "POST", path, body, NULL, &r);
	t_ok(r.status == 404 && !strcmp(str(r.json, "resource"), "failover_ip"), "attach an unknown failover IP: 404");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "%s/failover-ips/%lld", zpath, (long long)fip);
	t_ok(sbt_req(t, SBT_SCW, "DELETE", path, NULL, NULL, &r) == 204, "DELETE the failover IP: 204");
	sbt_resp_free(&r);
	t_ok(sbt_get(t, path, &r) == 404, "then it is gone");
	sbt_resp_free(&r);
}

/* A server being installed: the disks are busy, the API says so. */
static void busy_installing(struct sbt *t)
{
	struct sbt_resp r;
	char path[96];
	json_int_t id = find(t, "installing", 1);
	if (!id) {
		t_ok(0, "the fixed-seed world has a server with a RAID controller being installed");
		return;
	}
	req(t, "POST", id, "update-raid", "{\"raid_arrays\":[{\"raid_level\":\"raid0\",\"disk_ids\":[1]}]}", &r);
	t_ok(r.status == 409 && !strcmp(str(r.json, "type"), "transient_state"),
	     "update-raid while installing: 409 transient_state");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/reboot/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "POST", path, "reason=test", "application/x-www-form-urlencoded", &r);
	t_ok(r.status == 400 && json_object_get(r.json, "error") && json_object_get(r.json, "code"),
	     "Online reboot while installing: 400 with error and code");
	sbt_resp_free(&r);
	/* a world-made installation ends on the clock, whatever is read: the
	 * server's GET says so without a read of its install route */
	advance(t, 8 * 90);
	snprintf(path, sizeof path, "%s/servers/%lld", zpath, (long long)id);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "status"), "ready"), "12 sandbox minutes on, GET server says ready (it says \"%s\")",
	     str(r.json, "status"));
	sbt_resp_free(&r);
}

static void raid(struct sbt *t)
{
	struct sbt_resp r;
	json_int_t with = find(t, "ready", 1), without = find(t, "ready", 0);
	req(t, "GET", with, "raid", NULL, &r);
	const json_t *arr = json_array_get(json_object_get(r.json, "raid_arrays"), 0);
	const json_t *disks = json_object_get(arr, "disks");
	size_t nd = json_array_size(disks);
	t_ok(r.status == 200 && nd >= 2 && (!strcmp(str(arr, "raid_level"), "raid1") || !strcmp(str(arr, "raid_level"), "raid10")),
	     "a server with a controller is delivered with one mirrored array of its %zu disks", nd);
	json_int_t d0 = json_integer_value(json_object_get(json_array_get(disks, 0), "id"));
	json_int_t d1 = json_integer_value(json_object_get(json_array_get(disks, 1), "id"));
	sbt_resp_free(&r);
	char body[256];
	if (nd == 2) {
		snprintf(body, sizeof body, "{\"raid_arrays\":[{\"raid_level\":\"raid5\",\"disk_ids\":[%lld,%lld]}]}",
			 (long long)d0, (long long)d1);
		req(t, "POST", with, "update-raid", body, &r);
		t_ok(r.status == 400, "RAID 5 of two disks: 400");
		sbt_resp_free(&r);
		snprintf(body, sizeof body, "{\"raid_arrays\":[{\"raid_level\":\"no_raid\",\"disk_ids\":[%lld]}]}", (long long)d0);
		req(t, "POST", with, "update-raid", body, &r);
		t_ok(r.status == 400, "leaving a disk out: 400");
		sbt_resp_free(&r);
		snprintf(body, sizeof body, "{\"raid_arrays\":[{\"raid_level\":\"no_raid\",\"disk_ids\":[%lld]},"
			 "{\"raid_level\":\"no_raid\",\"disk_ids\":[%lld]}]}", (long long)d0, (long long)d1);
		t_ok(req(t, "POST", with, "update-raid", body, &r) == 204, "two single disks: 204");
		sbt_resp_free(&r);
		req(t, "GET", with, "raid", NULL, &r);
		t_ok(json_array_size(json_object_get(r.json, "raid_arrays")) == 2, "GET raid shows two arrays");
		sbt_resp_free(&r);
	}
	req(t, "POST", without, "update-raid", "{\"raid_arrays\":[]}", &r);
	t_ok(r.status == 412, "update-raid without a controller: 412");
	sbt_resp_free(&r);
	req(t, "GET", with, "partitioning/503", NULL, &r);
	const json_t *parts = json_object_get(r.json, "partitions");
	t_ok(r.status == 200 && json_array_size(parts) == 3 && !strcmp(str(json_array_get(parts, 2), "mount_point"), "/"),
	     "default partitioning of Debian 12: EFI, swap, /");
	sbt_resp_free(&r);
	t_ok(req(t, "GET", with, "partitioning/1", NULL, &r) == 404, "partitioning of an unknown OS: 404");
	sbt_resp_free(&r);
}

int main(void)
{
	struct dd_sandbox_opts o = { .seed = 4, .servers = 200, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	/* first: the world's installations end 12 sandbox minutes after the
	 * first read, and the others move the clock on */
	busy_installing(t);
	power(t);
	rescue(t);
	bmc(t);
	install(t);
	failover(t);
	raid(t);
	clock_endpoints(t);
	sbt_stop(t);
	return t_done();
}
