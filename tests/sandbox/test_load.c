/* The sandbox under load and abuse: concurrent requests with --latency,
 * keep-alive, 100,000 servers, body caps, garbage on the wire. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/sandbox/sbtest.h"

static size_t sink(char *p, size_t sz, size_t n, void *ud)
{
	return sz * n;
}

/* n GETs at once through a multi handle; returns elapsed ms, counts 200s. */
static double parallel(struct sbt *t, const char *path, int n, int *ok200)
{
	CURLM *m = curl_multi_init();
	CURL **e = calloc((size_t)n, sizeof *e);
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	char url[512];
	snprintf(url, sizeof url, "%s%s", sbt_url(t), path);
	for (int i = 0; i < n; i++) {
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, sink);
		curl_easy_setopt(e[i], CURLOPT_TIMEOUT, 20L);
		curl_multi_add_handle(m, e[i]);
	}
	double t0 = sbt_ms();
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	double el = sbt_ms() - t0;
	*ok200 = 0;
	for (int i = 0; i < n; i++) {
		long st = 0;
		curl_easy_getinfo(e[i], CURLINFO_RESPONSE_CODE, &st);
		*ok200 += st == 200;
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_slist_free_all(h);
	free(e);
	curl_multi_cleanup(m);
	return el;
}

static void latency(void)
{
	struct dd_sandbox_opts o = { .servers = 24, .latency_ms = 20 };
	struct sbt *t = sbt_start(&o);
	struct sbt_resp r;
	double t0 = sbt_ms();
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers", &r);
	double one = sbt_ms() - t0;
	sbt_resp_free(&r);
	t_ok(one >= 19.5, "--latency 20 delays a response (%.1f ms)", one);
	int ok;
	struct dd_sandbox_stats st;
	double el = parallel(t, "/dedibox/v1/zones/fr-par-1/servers", 16, &ok);
	sbt_stats(t, &st);
	/* How long they take depends on the machine's load (tests/bench/
	 * bench_sandbox reports it); a server that handles one request at a
	 * time never has two in flight, however fast it is. */
	t_diag("16 parallel requests with --latency 20: %.1f ms, %lu in flight at once", el,
	       st.max_in_flight);
	t_ok(ok == 16 && st.max_in_flight >= 2 && st.max_in_flight <= 16,
	     "16 parallel requests with latency 20 ms are served concurrently (%lu at once)",
	     st.max_in_flight);

	/* keep-alive: the second request reuses the first connection */
	CURL *c = curl_easy_init();
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	char url[256];
	long conns[2] = { -1, -1 };
	snprintf(url, sizeof url, "%s/dedibox/v1/zones/fr-par-1/servers?page_size=1", sbt_url(t));
	for (int i = 0; i < 2; i++) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
		curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &conns[i]);
	}
	t_ok(conns[0] == 1 && conns[1] == 0, "keep-alive: the second request opens no connection (%ld, %ld)", conns[0], conns[1]);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	sbt_stop(t);
}

static void big_world(void)
{
	struct dd_sandbox_opts o = { .servers = 100000, .servers_set = 1 };
	double t0 = sbt_ms();
	struct sbt *t = sbt_start(&o);
	double gen = sbt_ms() - t0;
	t_diag("100,000 servers generated and serving in %.1f ms", gen);
	struct sbt_resp r;
	t0 = sbt_ms();
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page=500&page_size=100", &r);
	double page = sbt_ms() - t0;
	t_ok(r.status == 200 && json_array_size(json_object_get(r.json, "servers")) == 100 &&
	     json_integer_value(json_object_get(r.json, "total_count")) > 50000,
	     "a world of 100,000 servers serves page 500 of fr-par-1 (100 servers)");
	t_diag("page 500 of 100 servers from a 100,000 world: %.1f ms", page);
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 99), "id"));
	sbt_resp_free(&r);
	char path[128];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	sbt_get(t, path, &r);
	t_ok(r.status == 200, "a server deep in the big world is found by id");
	sbt_resp_free(&r);
	int ok;
	double el = parallel(t, "/dedibox/v1/zones/nl-ams-1/servers?page=50&page_size=100", 8, &ok);
	t_diag("8 concurrent deep pages: %.1f ms", el);
	t_ok(ok == 8, "8 concurrent deep pages, each answered 200");
	sbt_stop(t);
}

static int allowed_status(long st)
{
	return st == 200 || st == 400 || st == 401 || st == 404 || st == 405 || st == 413 || st == 423;
}

static void bodies(struct sbt *t)
{
	json_int_t id;
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=1", &r);
	id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	sbt_resp_free(&r);
	char path[128], tags[160], back[160];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	snprintf(tags, sizeof tags, "%s/tags", path);
	snprintf(back, sizeof back, "%s/backups", path);

	char *deep = malloc(200001);
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	deep[200000] = '\0';
	const char *garbage[] = {
		"null", "[]", "\"str\"", "1e999", "{\"hostname\":null}", "{\"hostname\":{}}",
		"{\"hostname\":\"\xff\xfe\"}", "{\"hostname\":\"a\\u0000b\"}", "{\"tags\":\"x\"}",
		"{\"tags\":[1,2]}", "{\"tags\":[\"\"]}", "{\"enable_ipv6\":\"yes\"}", "{\"a\":1,\"a\":2}",
		"{\"password\":7}", "{\"password\":\"short\"}", "{\"autologin\":1}", "\x01\x02\x03",
		"{\"hostname\":\"ok\"", deep,
	};
	const char *targets[] = { path, tags, back };
	const char *methods[] = { "PATCH", "POST", "PATCH" };
	int good = 1, n = 0;
	for (size_t g = 0; g < sizeof garbage / sizeof garbage[0]; g++)
		for (size_t k = 0; k < 3; k++) {
			sbt_req(t, SBT_SCW, methods[k], targets[k], garbage[g], NULL, &r);
			n++;
			if (!allowed_status(r.status) || !r.json || (r.status != 200 && !json_object_get(r.json, "type"))) {
				good = 0;
				t_diag("%s %s with garbage %zu: %ld %.200s", methods[k], targets[k], g, r.status, r.body ? r.body : "");
			}
			sbt_resp_free(&r);
		}
	free(deep);
	t_ok(good, "%d malformed bodies get JSON answers (400 invalid_arguments), no crash", n);

	/* over the cap, with and without Content-Length */
	char *big = malloc(1024 * 1024 + 2);
	memset(big, ' ', 1024 * 1024 + 1);
	big[1024 * 1024 + 1] = '\0';
	sbt_req(t, SBT_SCW, "PATCH", path, big, NULL, &r);
	t_ok(r.status == 413 && r.json && !strcmp(json_string_value(json_object_get(r.json, "type")), "request_too_large"),
	     "a body over 1 MiB gets 413 (%ld)", r.status);
	sbt_resp_free(&r);
	big[1024 * 1024] = '\0';
	sbt_req(t, SBT_SCW, "PATCH", path, big, NULL, &r);
	t_ok(r.status == 400, "a body of exactly 1 MiB is read (blank JSON: 400, got %ld)", r.status);
	sbt_resp_free(&r);
	free(big);
}

static void paths(struct sbt *t)
{
	static const char *const segs[] = {
		"zones", "fr-par-1", "servers", "100001", "events", "..", "%00", "%ff%fe", "failover-ips",
		"reverses", "0", "-1", "4294967296", "99999999999999999999", "api", "v1", "server", "user",
		"dedibox", "iam", "v1alpha1", "users", "api-keys", "backups", "tags", "disks", "%2F", "",
	};
	static const char *const methods[] = { "GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD", "BREW" };
	static const char *const prefixes[] = { "/dedibox/v1/", "/api/v1/", "/iam/v1alpha1/", "/" };
	unsigned seed = 12345;
	int good = 1, n = 0;
	char path[1024];
	for (int i = 0; i < 600; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t len = (size_t)snprintf(path, sizeof path, "%s", prefixes[(seed >> 8) % 4]);
		int nseg = 1 + (int)((seed >> 12) % 7);
		for (int k = 0; k < nseg && len < sizeof path - 64; k++) {
			seed = seed * 1103515245u + 12345u;
			len += (size_t)snprintf(path + len, sizeof path - len, "%s%s", k ? "/" : "", segs[(seed >> 10) % (sizeof segs / sizeof segs[0])]);
		}
		if ((seed >> 20) % 5 == 0)
			snprintf(path + len, sizeof path - len, "?page=%u&page_size=%d&order_by=%s", seed % 7, (int)(seed % 203) - 50,
				 (seed >> 4) % 2 ? "created_at_desc" : "ip_desc");
		struct sbt_resp r;
		const char *m = methods[(seed >> 16) % 8];
		sbt_req(t, (seed >> 24) % 3 == 0 ? SBT_ONLINE : SBT_SCW, m, path, (seed >> 26) % 2 ? "{}" : NULL, NULL, &r);
		n++;
		if (!allowed_status(r.status) || (strcmp(m, "HEAD") != 0 && !r.json)) {
			good = 0;
			t_diag("%s %s: %ld %.200s", m, path, r.status, r.body ? r.body : "");
		}
		sbt_resp_free(&r);
	}
	t_ok(good, "%d random requests get JSON answers with expected statuses", n);
}

/* Renames from many connections at once, interleaved with reads: every
 * request succeeds and the last state is one of the names sent. */
static void concurrent_mutations(struct sbt *t)
{
	enum { N = 48 };
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=1", &r);
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	sbt_resp_free(&r);
	char url[256], path[128], bodies[N][64];
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	snprintf(url, sizeof url, "%s%s", sbt_url(t), path);
	CURLM *m = curl_multi_init();
	CURL *e[N];
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	h = curl_slist_append(h, "Content-Type: application/json");
	for (int i = 0; i < N; i++) {
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, sink);
		if (i % 3 != 2) {
			snprintf(bodies[i], sizeof bodies[i], "{\"hostname\":\"race-%d\"}", i);
			curl_easy_setopt(e[i], CURLOPT_CUSTOMREQUEST, "PATCH");
			curl_easy_setopt(e[i], CURLOPT_POSTFIELDS, bodies[i]);
		}
		curl_multi_add_handle(m, e[i]);
	}
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	int all200 = 1;
	for (int i = 0; i < N; i++) {
		long st = 0;
		curl_easy_getinfo(e[i], CURLINFO_RESPONSE_CODE, &st);
		all200 &= st == 200;
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_slist_free_all(h);
	curl_multi_cleanup(m);
	sbt_get(t, path, &r);
	const char *name = json_string_value(json_object_get(r.json, "hostname"));
	t_ok(all200 && name && strncmp(name, "race-", 5) == 0, "%d concurrent renames and reads all succeed; the name is %s",
	     N, name ? name : "(none)");
	sbt_resp_free(&r);
	snprintf(path + strlen(path), sizeof path - strlen(path), "/events?page_size=100");
	sbt_get(t, path, &r);
	json_int_t total = json_integer_value(json_object_get(r.json, "total_count"));
	t_ok(total >= N * 2 / 3, "each rename left an event (%lld events)", (long long)total);
	sbt_resp_free(&r);
}

/* Random JSON bodies of plausible keys and wrong types, on every mutating
 * route, with real ids: answers stay JSON (or 204) with API statuses. */
static unsigned rnd_state = 2463534242u;
static unsigned rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static json_t *rnd_value(int depth, json_int_t id)
{
	static const char *const strs[] = { "", "x", "web-1.example.com", "bad name", "\xc3\xa9t\xc3\xa9", "2001:bc8::",
					    "10.0.0.1", "raid1", "kvm", "standard", "qinq", "-", "a..b", "true" };
	switch (rnd() % (depth > 2 ? 5 : 8)) {
	case 0: return json_null();
	case 1: return json_boolean(rnd() % 2);
	case 2: return json_integer((json_int_t)(rnd() % 5) - 1);
	case 3: return json_integer(rnd() % 2 ? id : (json_int_t)rnd() * 1000003);
	case 4: return json_string(strs[rnd() % (sizeof strs / sizeof strs[0])]);
	case 5: {
		json_t *a = json_array();
		for (unsigned k = rnd() % 4; k; k--)
			json_array_append_new(a, rnd_value(depth + 1, id));
		return a;
	}
	default: {
		static const char *const keys[] = { "raid_level", "disk_ids", "servers", "vlan" };
		json_t *o = json_object();
		for (unsigned k = rnd() % 3; k; k--)
			json_object_set_new(o, keys[rnd() % 4], rnd_value(depth + 1, id));
		return o;
	}
	}
}

static void fuzz_bodies(struct sbt *t)
{
	static const char *const keys[] = {
		"hostname", "enable_ipv6", "tags", "password", "autologin", "acl_enabled", "reverse", "os_id",
		"ip", "user_login", "user_password", "server_id", "fips_ids", "type", "mac", "offer_id",
		"server_option_ids", "datacenter_name", "quantity", "option_id", "raid_arrays", "nameservers",
		"address", "cidr", "name", "server_ids", "member_ids", "servers", "vlan", "rpnv1_group_id",
	};
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=1", &r);
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/ipv6-block", &r);
	json_int_t block = json_integer_value(json_object_get(r.json, "id"));
	sbt_resp_free(&r);
	char routes[32][160];
	size_t nr = 0;
	static const char *const subs[] = { "", "/tags", "/backups", "/rescue", "/bmc-access", "/install",
					    "/cancel-install", "/reboot", "/update-raid", "/subscribe-server-option" };
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
		snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/servers/%lld%s", (long long)id, subs[i]);
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/servers");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/failover-ips");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/failover-ips/attach");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/failover-ips/detach");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/failover-ips/2000000/attach-to-mac-address");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/zones/fr-par-1/reverses/1000000");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/ipv6-block");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/ipv6-blocks/%lld", (long long)block);
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/ipv6-blocks/%lld/subnets", (long long)block);
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv1/groups");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv1/groups/9300001/members");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv1/groups/9300001/invite");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv2/groups");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv2/groups/9300002/vlan");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv2/groups/9300002/members");
	snprintf(routes[nr++], sizeof routes[0], "/dedibox/v1/rpnv2/groups/9300002/enable-compatibility");
	snprintf(routes[nr++], sizeof routes[0], "/api/v1/server/%lld", (long long)id);
	snprintf(routes[nr++], sizeof routes[0], "/api/v1/server/ip/edit");
	snprintf(routes[nr++], sizeof routes[0], "/api/v1/server/backup/edit");
	static const char *const methods[] = { "POST", "PATCH", "PUT", "DELETE" };
	const char *seed = getenv("DD_FUZZ_SEED");
	if (seed && *seed)
		rnd_state = (unsigned)strtoul(seed, NULL, 10) | 1u;
	int good = 1, n = 0;
	for (int i = 0; i < 1500; i++) {
		json_t *body = json_object();
		for (unsigned k = 1 + rnd() % 3; k; k--)
			json_object_set_new(body, keys[rnd() % (sizeof keys / sizeof keys[0])], rnd_value(0, id));
		char *text = json_dumps(body, JSON_COMPACT);
		json_decref(body);
		const char *route = routes[rnd() % nr];
		const char *m = methods[rnd() % 4];
		sbt_req(t, !strncmp(route, "/api/", 5) ? SBT_ONLINE : SBT_SCW, m, route, text ? text : "{", NULL, &r);
		n++;
		if (!(allowed_status(r.status) || r.status == 204 || r.status == 403 || r.status == 409 || r.status == 412) ||
		    (r.status != 204 && !r.json)) {
			good = 0;
			t_diag("%s %s %s: %ld %.200s", m, route, text ? text : "", r.status, r.body ? r.body : "");
		}
		free(text);
		sbt_resp_free(&r);
	}
	struct sbt_resp alive;
	t_ok(good && sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=100", &alive) == 200,
	     "%d random bodies on %zu mutating routes: API answers only, still serving", n, nr);
	sbt_resp_free(&alive);
}

static void raw_garbage(struct sbt *t)
{
	unsigned port = 0;
	sscanf(sbt_url(t), "http://127.0.0.1:%u", &port);
	static const char *const junk[] = {
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", /* a TLS ClientHello */
		"GET / HTTP/1.1\r\n\r\n",                        /* no Host */
		"GET /dedibox/v1/zones/fr-par-1/servers HTTP/1.1\r\nHost: x\r\nX-Auth-Token: \xff\xfe\r\n\r\n",
		"PATCH /x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
		"POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
		"\r\n\r\n\r\n", "GARBAGE\x00\x01\x02 / HTTP/9.9\r\n\r\n",
		"GET /dedibox/v1/zones/fr-par-1/servers?page=%ff%00 HTTP/1.0\r\n\r\n",
	};
	int survived = 1;
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
			survived = 0;
			if (fd >= 0)
				close(fd);
			continue;
		}
		ssize_t w = write(fd, junk[i], strlen(junk[i]) + (i == 6 ? 12 : 0));
		(void)w;
		shutdown(fd, SHUT_WR);
		char buf[512];
		struct timeval tv = { 2, 0 };
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		while (read(fd, buf, sizeof buf) > 0)
			;
		close(fd);
		struct sbt_resp r;
		if (sbt_get(t, "/dedibox/v1/zones/fr-par-1/servers?page_size=1", &r) != 200)
			survived = 0;
		sbt_resp_free(&r);
	}
	t_ok(survived, "raw garbage on the socket leaves the sandbox serving");
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	latency();
	big_world();
	struct dd_sandbox_opts o = { .servers = 40 };
	struct sbt *t = sbt_start(&o);
	bodies(t);
	paths(t);
	raw_garbage(t);
	concurrent_mutations(t);
	fuzz_bodies(t);
	sbt_stop(t);
	return t_done();
}
