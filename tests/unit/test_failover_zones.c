/* The failover IPs of a server are found in every zone: the API lists a
 * failover IP in its own zone and names the server's zone apart
 * (server_zone), so dedi asks every zone and keeps each IP with the zone
 * it is listed in. dedi-sandbox's world obeys its attach rule (a failover
 * IP is routed to a server of its zone: tests/sandbox/test_network), so an
 * answer that routes one elsewhere is hand-written below. The list is
 * asked with project_id as the SDK's ListFailoverIPsRequest sends it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/scw_dedibox.h"
#include "core/sections.h"
#include "core/store.h"
#include "sandbox/sandbox.h"

static void on_done(void *ud, const struct dd_error *err)
{
	struct dd_error *e = ud;
	*e = *err;
}

static struct dd_account *account_for(const struct dd_sandbox *sb)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->project_id, sizeof(c->project_id), "%s", DD_SANDBOX_PROJECT_ID);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	return dd_account_new(c);
}

static const char *zone_of(const struct dd_store *st, int64_t id)
{
	const struct dd_server_list *l = dd_store_servers(st);
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return l->v[i].zone;
	return NULL;
}

static void test_url_has_project(void **state)
{
	struct dd_creds *c = dd_creds_new();
	struct dd_error err;
	char url[512];

	(void)state;
	assert_non_null(c);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "http://127.0.0.1:1");
	assert_int_equal(dd_scw_url_failovers(c, "fr-par-2", 1, url, sizeof(url), &err), 0);
	assert_null(strstr(url, "project_id"));
	snprintf(c->project_id, sizeof(c->project_id), "%s", DD_SANDBOX_PROJECT_ID);
	assert_int_equal(dd_scw_url_failovers(c, "fr-par-2", 1, url, sizeof(url), &err), 0);
	assert_non_null(strstr(url, "/dedibox/v1/zones/fr-par-2/failover-ips?"));
	assert_non_null(strstr(url, "&project_id=" DD_SANDBOX_PROJECT_ID));
	dd_creds_free(c);
}

static void test_found_in_every_zone(void **state)
{
	struct dd_sandbox_opts o = { .seed = 11, .servers = 90, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	const struct dd_store *st;
	const struct dd_failover_list *all;
	const struct dd_server_sections *sec;
	const struct dd_failover *cross = NULL; /* a routed one */
	struct dd_error e;
	size_t want = 0, found = 0;

	(void)state;
	assert_non_null(sb);
	a = account_for(sb);
	st = dd_account_store(a);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &e, NULL), 0);
	dd_http_run(h);
	assert_int_equal(e.kind, DD_OK);
	assert_int_equal(dd_account_load_failovers(a, h, NULL, on_done, &e, NULL), 0);
	dd_http_run(h);
	assert_int_equal(e.kind, DD_OK);
	all = dd_store_failovers(st);
	for (size_t k = 0; k < all->n && !cross; k++) {
		const char *z = all->v[k].server_id ? zone_of(st, all->v[k].server_id) : NULL;
		if (z)
			cross = &all->v[k];
	}
	/* The world must route one, or this test proves nothing. */
	assert_non_null(cross);
	for (size_t k = 0; k < all->n; k++)
		want += all->v[k].server_id == cross->server_id;

	assert_int_equal(dd_account_watch_server(a, cross->server_id), 0);
	assert_int_equal(dd_account_load_section(a, h, cross->server_id, DD_KIND_SRV_FAILOVERS, 1,
						 on_done, &e, NULL), 0);
	dd_http_run(h);
	assert_int_equal(e.kind, DD_OK);
	sec = dd_store_sections(st, cross->server_id);
	assert_non_null(sec);
	assert_int_equal(sec->meta[DD_KIND_SRV_FAILOVERS].state, DD_COLL_FRESH);
	assert_int_equal(sec->failovers.n, want);
	for (size_t k = 0; k < sec->failovers.n; k++) {
		assert_int_equal(sec->failovers.v[k].server_id, cross->server_id);
		if (sec->failovers.v[k].id == cross->id) {
			/* Kept with the zone it is listed in: its writes go there. */
			assert_string_equal(sec->failovers.v[k].zone, cross->zone);
			found++;
		}
	}
	assert_int_equal(found, 1);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

/* Listed in fr-par-1, routed to server 7 of fr-par-2: kept, with the zone
 * it is listed in; one routed to a server 7 of nl-ams-1 is another server. */
static void test_decode_other_zone(void **state)
{
	static const char page[] =
		"{\"total_count\": 3, \"failover_ips\": ["
		"{\"id\": 1, \"address\": \"212.83.0.2\", \"server_id\": 7, \"server_zone\": \"fr-par-2\"},"
		"{\"id\": 2, \"address\": \"212.83.0.3\", \"server_id\": 7, \"server_zone\": \"nl-ams-1\"},"
		"{\"id\": 3, \"address\": \"212.83.0.4\", \"server_id\": 8, \"server_zone\": \"fr-par-2\"}]}";
	struct dd_failover_list l = { 0 };
	struct dd_error err;
	size_t page_n = 0;
	int64_t total = 0;

	(void)state;
	assert_int_equal(dd_scw_decode_failovers(page, sizeof(page) - 1, "fr-par-1", 7, "fr-par-2", &l,
						 &page_n, &total, &err), 0);
	assert_int_equal(page_n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, 1);
	assert_string_equal(l.v[0].zone, "fr-par-1");
	dd_failover_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_has_project),
		cmocka_unit_test(test_found_in_every_zone),
		cmocka_unit_test(test_decode_other_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
