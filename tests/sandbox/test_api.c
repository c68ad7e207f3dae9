/* The sandbox's behaviour: pagination, authentication, error bodies,
 * mutations that persist, and the Online view of the same servers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };

static int same_json(const json_t *got, const char *want)
{
	json_t *w = json_loads(want, 0, NULL);
	int eq = w && got && json_equal(got, w);
	json_decref(w);
	return eq;
}

static int cmp_id(const void *a, const void *b)
{
	json_int_t x = *(const json_int_t *)a, y = *(const json_int_t *)b;
	return x < y ? -1 : x > y;
}

/* Walks every page of every zone; checks every server comes exactly once,
 * total_count is stable, and the Online list names the same ids. */
static void pagination(unsigned n, unsigned page_size)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = n, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	json_int_t *ids = calloc(n + 1, sizeof *ids);
	size_t got = 0, totals = 0;
	int stable = 1, sane = 1;
	for (size_t z = 0; z < 3; z++) {
		json_int_t total = -1;
		for (unsigned page = 1;; page++) {
			char path[160];
			struct sbt_resp r;
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page=%u&page_size=%u", zones[z], page, page_size);
			if (sbt_get(t, path, &r) != 200 || !json_is_array(json_object_get(r.json, "servers"))) {
				sane = 0;
				sbt_resp_free(&r);
				break;
			}
			json_int_t tc = json_integer_value(json_object_get(r.json, "total_count"));
			if (total >= 0 && tc != total)
				stable = 0;
			total = tc;
			const json_t *servers = json_object_get(r.json, "servers"), *s;
			size_t i;
			json_array_foreach(servers, i, s) {
				if (got < n)
					ids[got] = json_integer_value(json_object_get(s, "id"));
				got++;
				if (strcmp(json_string_value(json_object_get(s, "zone")), zones[z]) != 0)
					sane = 0;
			}
			size_t count = json_array_size(servers);
			sbt_resp_free(&r);
			if (count < page_size)
				break;
		}
		totals += (size_t)(total > 0 ? total : 0);
	}
	qsort(ids, got < n ? got : n, sizeof *ids, cmp_id);
	int unique = got == n;
	for (size_t i = 1; unique && i < n; i++)
		if (ids[i] == ids[i - 1] || ids[i] < 100000 || ids[i] > 999999)
			unique = 0;
	t_ok(sane && stable && unique && totals == n,
	     "%u servers, page_size %u: each listed exactly once over the zones, total_count %zu", n, page_size, totals);

	struct sbt_resp r;
	sbt_req(t, SBT_ONLINE, "GET", "/api/v1/server", NULL, NULL, &r);
	int same = json_is_array(r.json) && json_array_size(r.json) == n;
	for (size_t i = 0; same && i < n; i++) {
		char want[48];
		snprintf(want, sizeof want, "/api/v1/server/%lld", (long long)ids[i]);
		/* the Online list is in creation order too, which is id order */
		same = strcmp(json_string_value(json_array_get(r.json, i)), want) == 0;
	}
	t_ok(same, "%u servers: GET /api/v1/server names the same ids", n);
	sbt_resp_free(&r);

	if (n > 0) {
		/* beyond the last page: empty, same total */
		sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page=100000&page_size=100", &r);
		t_ok(r.status == 200 && json_array_size(json_object_get(r.json, "servers")) == 0 &&
		     json_object_get(r.json, "total_count"), "%u servers: a page past the end is empty", n);
		sbt_resp_free(&r);
	}
	free(ids);
	sbt_stop(t);
}

static void order_and_search(struct sbt *t)
{
	struct sbt_resp a, d;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &a);
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=100&order_by=created_at_desc", &d);
	const json_t *as = json_object_get(a.json, "servers"), *ds = json_object_get(d.json, "servers");
	size_t n = json_array_size(as);
	int rev = n > 1 && n == json_array_size(ds);
	for (size_t i = 0; rev && i < n; i++)
		rev = json_equal(json_object_get(json_array_get(as, i), "id"),
				 json_object_get(json_array_get(ds, n - 1 - i), "id"));
	int asc = 1;
	for (size_t i = 1; i < n; i++)
		asc = asc && strcmp(json_string_value(json_object_get(json_array_get(as, i - 1), "created_at")),
				    json_string_value(json_object_get(json_array_get(as, i), "created_at"))) <= 0;
	t_ok(rev && asc, "order_by created_at_asc (default) is by creation, created_at_desc its reverse");

	const char *host = json_string_value(json_object_get(json_array_get(as, 0), "hostname"));
	char path[256];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers?search=%s", host);
	struct sbt_resp s;
	sbt_get(t, path, &s);
	int found = 0;
	const json_t *e;
	size_t i;
	json_array_foreach(json_object_get(s.json, "servers"), i, e)
		found += strstr(json_string_value(json_object_get(e, "hostname")), host) != NULL;
	t_ok(found > 0 && (size_t)found == json_array_size(json_object_get(s.json, "servers")) &&
	     json_integer_value(json_object_get(s.json, "total_count")) == found,
	     "search=%s keeps only matching hostnames (%d)", host, found);
	sbt_resp_free(&s);
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?project_id=99999999-9999-4999-8999-999999999999", &s);
	t_ok(json_integer_value(json_object_get(s.json, "total_count")) == 0, "another project_id lists nothing");
	sbt_resp_free(&s);
	sbt_resp_free(&a);
	sbt_resp_free(&d);
}

static void exact(struct sbt *t, enum sbt_auth auth, const char *method, const char *path,
		  const char *body, long status, const char *want, const char *what)
{
	struct sbt_resp r;
	sbt_req(t, auth, method, path, body, NULL, &r);
	t_ok(r.status == status && same_json(r.json, want), "%s: %ld %s (got %ld %.300s)", what, status, want,
	     r.status, r.body ? r.body : "");
	sbt_resp_free(&r);
}

static void auth_and_errors(struct sbt *t)
{
	const char *srv = "/dedibox/v1/zones/fr-par-1/servers";
	exact(t, SBT_NONE, "GET", srv, NULL, 401,
	      "{\"message\":\"authentication is denied\",\"method\":\"api_key\",\"reason\":\"invalid_argument\",\"type\":\"denied_authentication\"}",
	      "no X-Auth-Token");
	exact(t, SBT_NONE, "GET", "/iam/v1alpha1/users/x", NULL, 401,
	      "{\"message\":\"authentication is denied\",\"method\":\"api_key\",\"reason\":\"invalid_argument\",\"type\":\"denied_authentication\"}",
	      "IAM without X-Auth-Token");
	exact(t, SBT_ONLINE, "GET", srv, NULL, 401,
	      "{\"message\":\"authentication is denied\",\"method\":\"api_key\",\"reason\":\"invalid_argument\",\"type\":\"denied_authentication\"}",
	      "an Online token does not open the Scaleway API");
	exact(t, SBT_NONE, "GET", "/api/v1/server", NULL, 401,
	      "{\"error\":\"Authentication required: invalid or missing API token\",\"code\":1}", "Online without a token");
	exact(t, SBT_SCW, "GET", "/api/v1/server", NULL, 401,
	      "{\"error\":\"Authentication required: invalid or missing API token\",\"code\":1}", "a Scaleway key does not open Online");

	/* a well-formed but wrong secret, and a wrong Online token */
	struct dd_sandbox_opts o = { .servers = 2, .servers_set = 1,
				     .secret_key = "12345678-1234-4234-8234-123456789abc", .online_token = "other-token" };
	struct sbt *other = sbt_start(&o);
	exact(other, SBT_SCW, "GET", srv, NULL, 401,
	      "{\"message\":\"authentication is denied\",\"method\":\"api_key\",\"reason\":\"not_found\",\"type\":\"denied_authentication\"}",
	      "wrong secret key");
	exact(other, SBT_ONLINE, "GET", "/api/v1/user", NULL, 401,
	      "{\"error\":\"Authentication required: invalid or missing API token\",\"code\":1}", "wrong Online token");
	sbt_stop(other);

	exact(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers/424242", NULL, 404,
	      "{\"message\":\"resource is not found\",\"resource\":\"server\",\"resource_id\":\"424242\",\"type\":\"not_found\"}",
	      "unknown server");
	exact(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-1/servers/abc", NULL, 400,
	      "{\"details\":[{\"argument_name\":\"server_id\",\"reason\":\"format\",\"help_message\":\"must be a positive integer\"}],\"message\":\"invalid argument(s)\",\"type\":\"invalid_arguments\"}",
	      "non-numeric server id");
	exact(t, SBT_SCW, "GET", "/iam/v1alpha1/api-keys/SCWNOTAKEY0000000000", NULL, 404,
	      "{\"message\":\"resource is not found\",\"resource\":\"api_key\",\"resource_id\":\"SCWNOTAKEY0000000000\",\"type\":\"not_found\"}",
	      "unknown access key");
	exact(t, SBT_ONLINE, "GET", "/api/v1/server/424242", NULL, 404, "{\"error\":\"Server not found\",\"code\":5}",
	      "Online unknown server");
	exact(t, SBT_ONLINE, "GET", "/api/v1/no/such/thing", NULL, 404, "{\"error\":\"Unknown method\",\"code\":3}",
	      "Online unknown path");
	exact(t, SBT_SCW, "GET", "/dedibox/v1/nothing-here", NULL, 404, "{\"message\":\"route not found\",\"type\":\"not_found\"}",
	      "unknown Scaleway path");
	exact(t, SBT_NONE, "GET", "/", NULL, 404, "{\"message\":\"route not found\",\"type\":\"not_found\"}", "the root");

	static const struct { const char *q, *arg, *reason, *help; } bad[] = {
		{ "page_size=0", "page_size", "constraint", "must be greater than 0 and lower than or equal to 100" },
		{ "page_size=101", "page_size", "constraint", "must be greater than 0 and lower than or equal to 100" },
		{ "page_size=-1", "page_size", "format", "must be a positive integer" },
		{ "page_size=ten", "page_size", "format", "must be a positive integer" },
		{ "page=0", "page", "constraint", "must be greater than 0" },
		{ "page=1.5", "page", "format", "must be a positive integer" },
		{ "order_by=hostname_asc", "order_by", "constraint", "must be one of created_at_asc, created_at_desc" },
		{ "project_id=nope", "project_id", "format", "must be a UUID" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char path[160], want[512];
		snprintf(path, sizeof path, "%s?%s", srv, bad[i].q);
		snprintf(want, sizeof want,
			 "{\"details\":[{\"argument_name\":\"%s\",\"reason\":\"%s\",\"help_message\":\"%s\"}],"
			 "\"message\":\"invalid argument(s)\",\"type\":\"invalid_arguments\"}",
			 bad[i].arg, bad[i].reason, bad[i].help);
		exact(t, SBT_SCW, "GET", path, NULL, 400, want, bad[i].q);
	}
	exact(t, SBT_SCW, "GET", "/dedibox/v1/zones/fr-par-4/servers", NULL, 400,
	      "{\"details\":[{\"argument_name\":\"zone\",\"reason\":\"constraint\",\"help_message\":\"must be one of fr-par-1, fr-par-2, nl-ams-1\"}],\"message\":\"invalid argument(s)\",\"type\":\"invalid_arguments\"}",
	      "unknown zone");

	struct sbt_resp r;
	sbt_req(t, SBT_SCW, "DELETE", srv, NULL, NULL, &r);
	t_ok(r.status == 405 && strcmp(r.allow, "GET, POST") == 0 && same_json(r.json,
	     "{\"message\":\"method not allowed\",\"type\":\"method_not_allowed\"}"), "DELETE on the list: 405 with Allow");
	sbt_resp_free(&r);
}

/* Finds a server of zone z with status st (or any status if NULL). */
static json_int_t pick(struct sbt *t, const char *z, const char *st)
{
	char path[128];
	struct sbt_resp r;
	json_int_t id = 0;
	snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=100", z);
	sbt_get(t, path, &r);
	const json_t *s;
	size_t i;
	json_array_foreach(json_object_get(r.json, "servers"), i, s) {
		if (!id && (!st || strcmp(json_string_value(json_object_get(s, "status")), st) == 0))
			id = json_integer_value(json_object_get(s, "id"));
	}
	sbt_resp_free(&r);
	return id;
}

static void mutations(struct sbt *t)
{
	json_int_t id = pick(t, "fr-par-2", "ready");
	char path[160], opath[64], body[128];
	struct sbt_resp r;
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-2/servers/%lld", (long long)id);
	snprintf(opath, sizeof opath, "/api/v1/server/%lld", (long long)id);

	sbt_req(t, SBT_SCW, "PATCH", path, "{\"hostname\":\"renamed-by-test.example.com\"}", NULL, &r);
	t_ok(r.status == 200 && !strcmp(json_string_value(json_object_get(r.json, "hostname")), "renamed-by-test.example.com"),
	     "PATCH hostname answers the updated server");
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(!strcmp(json_string_value(json_object_get(r.json, "hostname")), "renamed-by-test.example.com"),
	     "a later GET sees the new hostname");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/zones/fr-par-2/servers?search=renamed-by-test", &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 1, "the list finds it by its new name");
	sbt_resp_free(&r);
	sbt_req(t, SBT_ONLINE, "GET", opath, NULL, NULL, &r);
	t_ok(!strcmp(json_string_value(json_object_get(r.json, "hostname")), "renamed-by-test.example.com"),
	     "the Online view sees it too");
	sbt_resp_free(&r);

	sbt_req(t, SBT_ONLINE, "PUT", opath, "hostname=from-online", "application/x-www-form-urlencoded", &r);
	t_ok(r.status == 200 && json_is_true(r.json), "Online PUT hostname (form) answers true");
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(!strcmp(json_string_value(json_object_get(r.json, "hostname")), "from-online"), "the Scaleway view sees the Online rename");
	sbt_resp_free(&r);
	sbt_req(t, SBT_ONLINE, "PUT", opath, "{\"hostname\":\"from-online-json\"}", NULL, &r);
	t_ok(r.status == 200 && json_is_true(r.json), "Online PUT hostname (JSON) answers true");
	sbt_resp_free(&r);
	sbt_req(t, SBT_ONLINE, "PUT", opath, "hostname=bad%20name", "application/x-www-form-urlencoded", &r);
	t_ok(r.status == 400 && json_is_string(json_object_get(r.json, "error")), "Online refuses an invalid hostname");
	sbt_resp_free(&r);

	static const char *const bad[] = { "\"bad name\"", "\"-lead.example\"", "\"a..b\"", "\"\"", "42" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(body, sizeof body, "{\"hostname\":%s}", bad[i]);
		sbt_req(t, SBT_SCW, "PATCH", path, body, NULL, &r);
		const json_t *d = json_array_get(json_object_get(r.json, "details"), 0);
		t_ok(r.status == 400 && !strcmp(json_string_value(json_object_get(d, "argument_name")), "hostname"),
		     "PATCH hostname %s is refused (400 invalid_arguments on hostname)", bad[i]);
		sbt_resp_free(&r);
	}
	sbt_get(t, path, &r);
	t_ok(!strcmp(json_string_value(json_object_get(r.json, "hostname")), "from-online-json"), "refused PATCHes changed nothing");
	sbt_resp_free(&r);

	snprintf(body, sizeof body, "%s/tags", path);
	sbt_req(t, SBT_SCW, "POST", body, "{\"tags\":[\"alpha\",\"beta\"]}", NULL, &r);
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(same_json(json_object_get(r.json, "tags"), "[\"alpha\",\"beta\"]"), "POST tags replaces the tags");
	sbt_resp_free(&r);

	snprintf(body, sizeof body, "%s/events?order_by=created_at_desc&page_size=1", path);
	sbt_get(t, body, &r);
	const json_t *ev = json_array_get(json_object_get(r.json, "events"), 0);
	t_ok(ev && strstr(json_string_value(json_object_get(ev, "description")), "from-online-json"),
	     "the rename is the newest event");
	sbt_resp_free(&r);

	json_int_t locked = pick(t, "fr-par-1", "locked");
	if (!locked)
		locked = pick(t, "fr-par-2", "locked");
	if (locked) {
		char lp[128], want[256];
		snprintf(lp, sizeof lp, "/dedibox/v1/zones/%s/servers/%lld", pick(t, "fr-par-1", "locked") ? "fr-par-1" : "fr-par-2",
			 (long long)locked);
		snprintf(want, sizeof want, "{\"message\":\"resource is locked\",\"resource\":\"server\",\"resource_id\":\"%lld\",\"type\":\"locked\"}",
			 (long long)locked);
		exact(t, SBT_SCW, "PATCH", lp, "{\"hostname\":\"x\"}", 423, want, "a locked server refuses changes");
	} else {
		/* The world is fixed by its seed: no locked server is a bug. */
		t_ok(0, "the fixed-seed world has a locked server");
	}
}

/* The Online object of a server agrees with its Scaleway object. */
static void online_consistency(struct sbt *t)
{
	int agree = 0, n = 0;
	for (size_t z = 0; z < 3; z++) {
		char path[128];
		struct sbt_resp l;
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=5", zones[z]);
		sbt_get(t, path, &l);
		const json_t *s;
		size_t i;
		json_array_foreach(json_object_get(l.json, "servers"), i, s) {
			json_int_t id = json_integer_value(json_object_get(s, "id"));
			struct sbt_resp a, b;
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld", zones[z], (long long)id);
			sbt_get(t, path, &a);
			snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
			sbt_req(t, SBT_ONLINE, "GET", path, NULL, NULL, &b);
			const json_t *sc = a.json, *on = b.json;
			const json_t *ip0 = json_array_get(json_object_get(json_array_get(json_object_get(sc, "interfaces"), 0), "ips"), 0);
			n++;
			agree += json_equal(json_object_get(sc, "id"), json_object_get(on, "id")) &&
				 json_equal(json_object_get(sc, "hostname"), json_object_get(on, "hostname")) &&
				 json_equal(json_object_get(json_object_get(sc, "offer"), "name"), json_object_get(on, "offer")) &&
				 json_equal(json_object_get(json_object_get(sc, "location"), "datacenter_name"),
					    json_object_get(json_object_get(on, "location"), "datacenter")) &&
				 json_equal(json_object_get(json_object_get(sc, "location"), "rack"),
					    json_object_get(json_object_get(on, "location"), "rack")) &&
				 json_equal(json_object_get(ip0, "address"),
					    json_array_get(json_object_get(json_object_get(on, "network"), "ip"), 0)) &&
				 json_equal(json_object_get(ip0, "reverse"),
					    json_object_get(json_array_get(json_object_get(on, "ip"), 0), "reverse"));
			sbt_resp_free(&a);
			sbt_resp_free(&b);
		}
		sbt_resp_free(&l);
	}
	t_ok(n > 0 && agree == n, "Online and Scaleway agree on id, hostname, offer, datacenter, rack, IP, reverse (%d/%d)", agree, n);
}

/* --iam-member: the key's user is a member of the Organization, not its
 * owner (the account-linking rule reads this). */
static void iam_member(void)
{
	struct dd_sandbox_opts o = { .servers = 1, .servers_set = 1, .iam_member = 1 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp k, u;
	char path[96];
	sbt_get(t, "/iam/v1alpha1/api-keys/" DD_SANDBOX_ACCESS_KEY, &k);
	snprintf(path, sizeof path, "/iam/v1alpha1/users/%s", json_string_value(json_object_get(k.json, "user_id")));
	sbt_get(t, path, &u);
	t_ok(u.status == 200 && !strcmp(json_string_value(json_object_get(u.json, "type")), "member") &&
	     !json_equal(json_object_get(u.json, "id"), json_object_get(u.json, "account_root_user_id")),
	     "--iam-member: the user is a member, not the account root");
	sbt_resp_free(&k);
	sbt_resp_free(&u);
	sbt_stop(t);
}

static void determinism(void)
{
	struct dd_sandbox_opts o = { .seed = 11, .servers = 30, .servers_set = 1 };
	struct sbt *a = sbt_start(&o), *b = sbt_start(&o);
	struct sbt_resp ra, rb;
	sbt_get(a, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &ra);
	sbt_get(b, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &rb);
	t_ok(ra.len > 0 && ra.len == rb.len && memcmp(ra.body, rb.body, ra.len) == 0, "the same seed gives the same bytes");
	sbt_resp_free(&ra);
	sbt_resp_free(&rb);
	sbt_stop(b);
	o.seed = 12;
	b = sbt_start(&o);
	sbt_get(a, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &ra);
	sbt_get(b, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &rb);
	t_ok(ra.len != rb.len || memcmp(ra.body, rb.body, ra.len) != 0, "another seed gives another world");
	sbt_resp_free(&ra);
	sbt_resp_free(&rb);
	sbt_stop(a);
	sbt_stop(b);
}

int main(void)
{
	pagination(0, 10);
	pagination(1, 10);
	pagination(24, 7);
	pagination(1000, 100);

	struct dd_sandbox_opts o = { .seed = 5, .servers = 120, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	order_and_search(t);
	auth_and_errors(t);
	mutations(t);
	online_consistency(t);
	sbt_stop(t);
	determinism();
	iam_member();
	return t_done();
}
