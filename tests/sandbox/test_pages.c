/* The server list pages of sandbox/server_wire.c (text kept per server)
 * against the tree path they replace, byte for byte: every page of several
 * worlds, before and after writes through both APIs and after the clock
 * moves. The header X-Dedi-Sandbox-Page-Cache: off asks one answer of the
 * reference path. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/sandbox/sbtest.h"

struct got {
	char *body;
	size_t len;
	long status;
	char total[24]; /* X-Total-Count, "" when absent */
};

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
	struct got *g = ud;
	char *q = realloc(g->body, g->len + sz * n + 1);
	if (!q)
		return 0;
	memcpy(q + g->len, p, sz * n);
	g->len += sz * n;
	q[g->len] = '\0';
	g->body = q;
	return sz * n;
}

static size_t on_head(char *p, size_t sz, size_t n, void *ud)
{
	struct got *g = ud;
	size_t len = sz * n;
	if (len > 15 && strncasecmp(p, "X-Total-Count: ", 15) == 0)
		snprintf(g->total, sizeof g->total, "%.*s", (int)strcspn(p + 15, "\r\n"), p + 15);
	return len;
}

static void fetch(struct sbt *t, const char *path, int reference, struct got *g)
{
	char url[512];
	memset(g, 0, sizeof *g);
	snprintf(url, sizeof url, "%s%s", sbt_url(t), path);
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	if (reference)
		h = curl_slist_append(h, "X-Dedi-Sandbox-Page-Cache: off");
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, g);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_head);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, g);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &g->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
}

struct tally {
	unsigned pages, servers, same, installing;
	char first_diff[160];
};

/* One page twice, kept text then reference; counts what matched. Returns
 * how many servers the page held (0 ends a zone). */
static unsigned compare(struct sbt *t, const char *path, struct tally *ty)
{
	struct got a, b;
	fetch(t, path, 0, &a);
	fetch(t, path, 1, &b);
	unsigned n = 0;
	for (const char *p = a.body; p && (p = strstr(p, "\"datacenter_name\":")); p++)
		n++;
	for (const char *p = a.body; p && (p = strstr(p, "\"status\":\"installing\"")); p++)
		ty->installing++;
	ty->pages++;
	ty->servers += n;
	if (a.status == b.status && a.len == b.len && a.body && b.body && memcmp(a.body, b.body, a.len) == 0 &&
	    strcmp(a.total, b.total) == 0)
		ty->same++;
	else if (!ty->first_diff[0])
		snprintf(ty->first_diff, sizeof ty->first_diff, "%s (%ld, %zu bytes vs %ld, %zu bytes)", path,
			 a.status, a.len, b.status, b.len);
	free(a.body);
	free(b.body);
	return n;
}

/* Every page of every zone at page_size size, with extra query q. */
static void every_page(struct sbt *t, unsigned size, const char *q, struct tally *ty)
{
	static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
	char path[256];
	for (size_t z = 0; z < 3; z++)
		for (unsigned p = 1; p < 2000; p++) {
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page=%u&page_size=%u%s", zones[z],
				 p, size, q);
			if (compare(t, path, ty) < size)
				break;
		}
}

static void check(const char *what, const struct tally *ty, unsigned min_servers)
{
	t_ok(ty->pages > 0 && ty->same == ty->pages && ty->servers >= min_servers,
	     "%s: %u of %u pages (%u servers) the same bytes as the tree path%s%s", what, ty->same,
	     ty->pages, ty->servers, ty->first_diff[0] ? "; first difference: " : "", ty->first_diff);
}

static void world(const char *what, struct dd_sandbox_opts *o, unsigned min_servers)
{
	struct sbt *t = sbt_start(o);
	struct tally ty = { 0 };
	every_page(t, 100, "", &ty);
	/* twice: the second answers come from the kept text */
	every_page(t, 100, "", &ty);
	every_page(t, 7, "&order_by=created_at_desc", &ty);
	every_page(t, 100, "&search=a", &ty);
	every_page(t, 20, "&project_id=22222222-2222-4222-8222-222222222222", &ty);
	check(what, &ty, min_servers);
	sbt_stop(t);
}

static json_int_t first_id(struct sbt *t, const char *zone)
{
	char path[128];
	struct sbt_resp r;
	snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=1", zone);
	sbt_get(t, path, &r);
	json_int_t id = json_integer_value(json_object_get(json_array_get(json_object_get(r.json, "servers"), 0), "id"));
	sbt_resp_free(&r);
	return id;
}

static int page_has(struct sbt *t, const char *needle)
{
	struct got g;
	fetch(t, "/dedibox/v1/zones/fr-par-1/servers?page=1&page_size=100", 0, &g);
	int has = g.body && strstr(g.body, needle);
	free(g.body);
	return has;
}

/* Writes and the clock change what the kept text says. */
static void changes(void)
{
	struct dd_sandbox_opts o = { .servers = 600 };
	struct sbt *t = sbt_start(&o);
	struct tally ty = { 0 };
	every_page(t, 100, "", &ty); /* every item kept */
	unsigned installing = ty.installing;

	json_int_t id = first_id(t, "fr-par-1");
	char path[160];
	struct sbt_resp r;
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld", (long long)id);
	sbt_req(t, SBT_SCW, "PATCH", path, "{\"hostname\":\"renamed-by-scaleway\"}", NULL, &r);
	sbt_resp_free(&r);
	t_ok(page_has(t, "\"hostname\":\"renamed-by-scaleway\""),
	     "a Scaleway hostname change shows in the next list page");
	snprintf(path, sizeof path, "/api/v1/server/%lld", (long long)id);
	sbt_req(t, SBT_ONLINE, "PUT", path, "hostname=renamed-by-online", "application/x-www-form-urlencoded", &r);
	sbt_resp_free(&r);
	t_ok(page_has(t, "\"hostname\":\"renamed-by-online\""),
	     "an Online hostname change shows in the next Scaleway list page");
	snprintf(path, sizeof path, "/dedibox/v1/zones/fr-par-1/servers/%lld/reboot", (long long)id);
	sbt_req(t, SBT_SCW, "POST", path, "{}", NULL, &r);
	sbt_resp_free(&r);
	struct tally after = { 0 };
	every_page(t, 100, "", &after);
	check("after writes through both APIs", &after, 600);

	/* world-made installations end when the clock moves */
	sbt_req(t, SBT_NONE, "POST", "/__sandbox/advance?seconds=7200", NULL, NULL, &r);
	sbt_resp_free(&r);
	struct tally moved = { 0 };
	every_page(t, 100, "", &moved);
	check("after __sandbox/advance", &moved, 600);
	t_ok(installing > 0 && moved.installing < installing,
	     "the clock ended installations the kept text showed (%u installing, then %u)", installing,
	     moved.installing);
	sbt_stop(t);
}

static void concurrent(void)
{
	struct dd_sandbox_opts o = { .servers = 3000, .latency_ms = 100 };
	struct sbt *t = sbt_start(&o);
	CURLM *m = curl_multi_init();
	struct curl_slist *h = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	struct got g[9];
	CURL *e[9];
	char url[256];
	memset(g, 0, sizeof g);
	for (int i = 0; i < 9; i++) {
		snprintf(url, sizeof url, "%s/dedibox/v1/zones/fr-par-1/servers?page=%d&page_size=100", sbt_url(t), i + 2);
		e[i] = curl_easy_init();
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(e[i], CURLOPT_WRITEDATA, &g[i]);
		curl_easy_setopt(e[i], CURLOPT_TIMEOUT, 20L);
		curl_multi_add_handle(m, e[i]);
	}
	int running = 1;
	while (running) {
		curl_multi_perform(m, &running);
		if (running)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	int full = 0;
	for (int i = 0; i < 9; i++) {
		full += g[i].body && strstr(g[i].body, "\"servers\":[{") != NULL;
		free(g[i].body);
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
	}
	curl_slist_free_all(h);
	curl_multi_cleanup(m);
	struct dd_sandbox_stats st;
	sbt_stats(t, &st);
	/* overlap, not time: a server that waits out one latency at a time
	 * never has two pages in flight */
	t_ok(full == 9 && st.max_in_flight >= 2,
	     "nine list pages with --latency 100 are served side by side (%d full, %lu in flight at once)", full,
	     st.max_in_flight);
	sbt_stop(t);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct dd_sandbox_opts normal = { .servers = 1000 };
	world("a world of 1,000 servers", &normal, 3000);
	struct dd_sandbox_opts hostile = { .servers = 500, .hostile = 1 };
	world("the hostile world", &hostile, 1500);
	struct dd_sandbox_opts shuffle = { .servers = 200, .ip_shuffle = 1 };
	world("the ip-shuffle quirk", &shuffle, 600);
	struct dd_sandbox_opts bare = { .servers = 150, .quirks = DD_SANDBOX_QUIRK_BARE_LISTS };
	world("the bare-lists quirk", &bare, 450);
	struct dd_sandbox_opts nulls = { .servers = 0, .servers_set = 1, .quirks = DD_SANDBOX_QUIRK_NULL_LISTS };
	world("an empty world with the null-lists quirk", &nulls, 0);
	changes();
	concurrent();
	curl_global_cleanup();
	return t_done();
}
