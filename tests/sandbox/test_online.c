/* The Online.net API's actions change the same world the Scaleway view
 * shows: power, rescue, backup, reverse DNS, failover IPs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static const char *form = "application/x-www-form-urlencoded";

/* The Scaleway view of server id, whatever its zone. */
static json_t *scw(struct sbt *t, json_int_t id)
{
	static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
	for (size_t z = 0; z < 3; z++) {
		char path[128];
		struct sbt_resp r;
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld", zones[z], (long long)id);
		if (sbt_get(t, path, &r) == 200) {
			json_t *v = json_incref(r.json);
			sbt_resp_free(&r);
			return v;
		}
		sbt_resp_free(&r);
	}
	return NULL;
}

static long post(struct sbt *t, const char *path, const char *body, struct sbt_resp *r)
{
	return sbt_req(t, SBT_ONLINE, "POST", path, body, form, r);
}

int main(void)
{
	struct dd_sandbox_opts o = { .seed = 41, .servers = 30, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	char path[128], body[256];

	/* a ready server */
	sbt_req(t, SBT_ONLINE, "GET", "/api/v1/server", NULL, NULL, &r);
	json_int_t id = 0;
	for (size_t i = 0; i < json_array_size(r.json) && !id; i++) {
		json_int_t cand = atoll(json_string_value(json_array_get(r.json, i)) + strlen("/api/v1/server/"));
		json_t *s = scw(t, cand);
		if (s && !strcmp(str(s, "status"), "ready"))
			id = cand;
		json_decref(s);
	}
	sbt_resp_free(&r);
	t_ok(id > 0, "found a ready server (%lld)", (long long)id);

	snprintf(path, sizeof path, "/api/v1/server/reboot/%lld", (long long)id);
	post(t, path, "", &r);
	t_ok(r.status == 200 && json_is_false(r.json), "reboot without a reason: false");
	sbt_resp_free(&r);
	post(t, path, "reason=kernel+update&email=ops%40example.com", &r);
	t_ok(r.status == 200 && json_is_true(r.json), "reboot with a reason: true");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/shutdown/%lld", (long long)id);
	post(t, path, "reason=maintenance", &r);
	sbt_resp_free(&r);
	json_t *s = scw(t, id);
	t_ok(!strcmp(str(s, "status"), "stopped"), "shutdown: the Scaleway view says stopped");
	json_decref(s);
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	t_ok(!strcmp(str(r.json, "power"), "OFF"), "and Online says power OFF");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/server/rescue_images/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	char image[64];
	snprintf(image, sizeof image, "%s", json_string_value(json_array_get(r.json, 0)));
	t_ok(json_array_size(r.json) >= 2, "rescue images are listed (%s, ...)", image);
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/boot/rescue/%lld", (long long)id);
	post(t, path, "image=nonsense", &r);
	t_ok(r.status == 400 && json_is_string(json_object_get(r.json, "error")), "an unknown rescue image: 400");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "image=%s", image);
	post(t, path, body, &r);
	t_ok(r.status == 200 && strlen(str(r.json, "password")) == 16 && !strcmp(str(r.json, "protocol"), "ssh"),
	     "boot in rescue: credentials");
	sbt_resp_free(&r);
	s = scw(t, id);
	t_ok(!strcmp(str(s, "status"), "rescue") && json_object_get(s, "rescue_os") && !json_is_null(json_object_get(s, "rescue_os")),
	     "the Scaleway view says rescue");
	json_decref(s);
	snprintf(path, sizeof path, "/api/v1/server/boot/normal/%lld", (long long)id);
	post(t, path, "", &r);
	sbt_resp_free(&r);
	s = scw(t, id);
	t_ok(!strcmp(str(s, "status"), "ready"), "boot normal: ready again");
	json_decref(s);

	snprintf(path, sizeof path, "/api/v1/server/backup/%lld", (long long)id);
	post(t, "/api/v1/server/backup/edit", "server_id=1&autologin=true", &r);
	t_ok(r.status == 404, "backup edit of an unknown server: 404");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "server_id=%lld&autologin=maybe", (long long)id);
	post(t, "/api/v1/server/backup/edit", body, &r);
	t_ok(r.status == 400, "autologin=maybe: 400");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "server_id=%lld&autologin=true&acl_enabled=false&password=correct-horse", (long long)id);
	post(t, "/api/v1/server/backup/edit", body, &r);
	t_ok(r.status == 200 && json_is_true(r.json), "backup edit: true");
	sbt_resp_free(&r);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	t_ok(json_is_true(json_object_get(r.json, "active")) && json_is_true(json_object_get(r.json, "autologin")) &&
	     json_is_false(json_object_get(r.json, "acl_enabled")), "the Online backup shows it");
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/backups", "fr-par-1", (long long)id);
	s = scw(t, id);
	snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld/backups", str(s, "zone"), (long long)id);
	json_decref(s);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "status"), "ready") && json_is_true(json_object_get(r.json, "autologin")),
	     "and so does the Scaleway backup");
	sbt_resp_free(&r);

	s = scw(t, id);
	const json_t *ip0 = json_array_get(json_object_get(json_array_get(json_object_get(s, "interfaces"), 0), "ips"), 0);
	snprintf(body, sizeof body, "address=%s&reverse=www.example.com.", str(ip0, "address"));
	json_decref(s);
	post(t, "/api/v1/server/ip/edit", "address=192.0.2.1&reverse=x.example.com.", &r);
	t_ok(r.status == 404, "reverse of an unknown address: 404");
	sbt_resp_free(&r);
	post(t, "/api/v1/server/ip/edit", "address=nope&reverse=x.example.com.", &r);
	t_ok(r.status == 400, "reverse of a malformed address: 400");
	sbt_resp_free(&r);
	post(t, "/api/v1/server/ip/edit", body, &r);
	t_ok(r.status == 200 && json_is_true(r.json), "set the reverse through Online: true");
	sbt_resp_free(&r);
	s = scw(t, id);
	ip0 = json_array_get(json_object_get(json_array_get(json_object_get(s, "interfaces"), 0), "ips"), 0);
	t_ok(!strcmp(str(ip0, "reverse"), "www.example.com."), "the Scaleway view has the new reverse");
	char dest[16];
	snprintf(dest, sizeof dest, "%s", str(ip0, "address"));
	json_decref(s);

	sbt_req(t, SBT_ONLINE, "GET", "/api/v1/server/failover", NULL, NULL, &r);
	char src[16] = "";
	for (size_t i = 0; i < json_array_size(r.json) && !src[0]; i++)
		if (!strcmp(str(json_array_get(r.json, i), "status"), "available"))
			snprintf(src, sizeof src, "%s", str(json_array_get(r.json, i), "source"));
	t_ok(json_array_size(r.json) > 0 && src[0], "Online lists failover IPs, some available");
	sbt_resp_free(&r);
	snprintf(body, sizeof body, "source=%s&destination=%s", src, dest);
	post(t, "/api/v1/server/failover/edit", body, &r);
	long st = r.status;
	sbt_resp_free(&r);
	if (st == 200) {
		snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
		sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
		const json_t *ipfo = json_object_get(json_object_get(r.json, "network"), "ipfo"), *v;
		size_t i;
		int found = 0;
		json_array_foreach(ipfo, i, v)
			found |= !strcmp(json_string_value(v), src);
		t_ok(found, "route %s to the server: it shows in network.ipfo", src);
		sbt_resp_free(&r);
	} else {
		t_ok(st == 400, "route %s to a server of another zone: 400", src);
	}
	snprintf(body, sizeof body, "source=%s&destination=", src);
	post(t, "/api/v1/server/failover/edit", body, &r);
	t_ok(r.status == 200 && json_is_true(r.json), "an empty destination detaches it");
	sbt_resp_free(&r);

	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	char disk[96];
	snprintf(disk, sizeof disk, "%s", str(json_array_get(json_object_get(r.json, "disks"), 0), "$ref"));
	sbt_resp_free(&r);
	sbt_req(t, SBT_ONLINE, "GET", disk, NULL, NULL, &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "capacity")) > 1000 &&
	     json_is_string(json_object_get(r.json, "connector")), "the disk reference resolves (%s)", disk);
	sbt_resp_free(&r);
	snprintf(path, sizeof path, "/api/v1/server/operatingSystems/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &r);
	t_ok(json_array_size(r.json) >= 5 && json_is_integer(json_object_get(json_array_get(r.json, 0), "id")),
	     "operating systems are listed");
	sbt_resp_free(&r);
	sbt_stop(t);
	return t_done();
}
