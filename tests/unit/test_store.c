/* The account store against an in-process sandbox: progress while a load
 * runs, the store replaced only by a complete load, a failed load keeping
 * the previous list (stale), one notification per change, one server
 * re-read in place without a fleet reload, the overview's sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/sections.h"
#include "core/edit.h"
#include "core/store.h"
#include "core/write.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

struct done {
	int called;
	struct dd_error err;
};

static void on_done(void *ud, const struct dd_error *err)
{
	struct done *d = ud;
	d->called++;
	d->err = *err;
}

static void on_written(void *ud, const struct dd_write_result *r)
{
	on_done(ud, &r->error);
}

static struct dd_account *account_for(const struct dd_sandbox *sb, const char *secret)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", secret);
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	return dd_account_new(c);
}

static struct dd_account *account_scw_only(const struct dd_sandbox *sb)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	return dd_account_new(c);
}

static void test_progress_then_store(void **state)
{
	struct dd_sandbox_opts o = { .seed = 5, .servers = 600, .servers_set = 1, .latency_ms = 5 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	struct done d = { 0 };
	size_t have, expected, max_seen = 0;
	int saw_partial = 0;

	assert_non_null(sb);
	a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	assert_true(dd_account_loading(a));
	while (dd_http_in_flight(h) > 0) {
		dd_http_poll(h, -1, 100, NULL);
		if (!dd_account_loading(a))
			break;
		dd_account_load_progress(a, &have, &expected);
		assert_true(expected == 0 || have <= expected);
		assert_true(have >= max_seen); /* never goes back */
		max_seen = have;
		if (have > 0 && have < expected)
			saw_partial = 1;
		/* Nothing reaches the store before the load is whole. */
		assert_int_equal(dd_account_servers(a)->n, 0);
	}
	dd_http_run(h);
	assert_true(saw_partial);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(dd_account_servers(a)->n, 600);
	dd_account_load_progress(a, &have, &expected);
	assert_int_equal(have + expected, 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void test_failed_load_keeps_list(void **state)
{
	struct dd_sandbox_opts o = { .seed = 5, .servers = 30, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	struct done d = { 0 };
	struct dd_error err;

	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE); /* one load at a time */
	dd_http_run(h);
	assert_int_equal(dd_account_servers(a)->n, 30);
	dd_sandbox_stop(sb);
	sb = NULL;
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.called, 2);
	assert_int_equal(d.err.kind, DD_E_NETWORK);
	assert_int_equal(dd_account_servers(a)->n, 30); /* the old list stays */
	dd_account_free(a);
	dd_http_free(h);
}

struct heard {
	int n[DD_KIND__N];       /* notifications per kind */
	int whole;               /* of them, for a whole collection (id 0) */
	int64_t last_id;
};

static void on_change(void *ud, enum dd_kind kind, int64_t id)
{
	struct heard *h = ud;
	h->n[kind]++;
	h->whole += id == 0;
	h->last_id = id;
}

static void test_coll_transitions(void **state)
{
	struct dd_coll c = { 0 };
	struct dd_error e;

	(void)state;
	assert_int_equal(c.state, DD_COLL_EMPTY);
	dd_coll_begin(&c);
	assert_int_equal(c.state, DD_COLL_LOADING);
	assert_false(dd_coll_has_data(&c));
	dd_error_set(&e, DD_E_NETWORK, 0, NULL, "down");
	dd_coll_fail(&c, &e);
	assert_int_equal(c.state, DD_COLL_ERROR); /* nothing to keep */
	dd_coll_begin(&c);
	dd_coll_succeed(&c, 1000);
	assert_int_equal(c.state, DD_COLL_FRESH);
	assert_int_equal(c.error.kind, DD_OK);
	dd_coll_begin(&c);
	assert_true(dd_coll_has_data(&c)); /* a refresh keeps the data */
	dd_coll_fail(&c, &e);
	assert_int_equal(c.state, DD_COLL_STALE);
	assert_int_equal(c.fetched_at, 1000);
	assert_string_equal(c.error.message, "down");
}

static void test_fleet_states_and_notify(void **state)
{
	struct dd_sandbox_opts o = { .seed = 7, .servers = 20, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	const struct dd_store *st = dd_account_store(a);
	const struct dd_coll *m = dd_store_meta(st, DD_KIND_SERVERS);
	struct heard hd = { 0 };
	struct done d = { 0 };

	(void)state;
	dd_account_set_notify(a, on_change, &hd);
	assert_int_equal(m->state, DD_COLL_EMPTY);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	assert_int_equal(m->state, DD_COLL_LOADING);
	assert_int_equal(hd.n[DD_KIND_SERVERS], 1);
	dd_http_run(h);
	assert_int_equal(m->state, DD_COLL_FRESH);
	assert_true(m->fetched_at > 0);
	assert_int_equal(hd.n[DD_KIND_SERVERS], 2); /* began, ended: no more */
	assert_int_equal(hd.whole, 2);
	assert_int_equal(dd_store_servers(st)->n, 20);
	time_t at = m->fetched_at;
	dd_sandbox_stop(sb);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(m->state, DD_COLL_STALE);
	assert_int_equal(m->error.kind, DD_E_NETWORK);
	assert_int_equal(m->fetched_at, at);
	assert_int_equal(dd_store_servers(st)->n, 20); /* the data stays */
	assert_int_equal(hd.n[DD_KIND_SERVERS], 4);
	dd_account_free(a);
	dd_http_free(h);
}

static void test_reload_one_server_in_place(void **state)
{
	struct dd_sandbox_opts o = { .seed = 7, .servers = 40, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	const struct dd_store *st = dd_account_store(a);
	const struct dd_server_list *l = dd_store_servers(st);
	struct heard hd = { 0 };
	struct done d = { 0 };
	struct dd_error err;
	const struct dd_server *rec;
	const struct dd_server *before;
	int64_t id;
	size_t i;

	(void)state;
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	/* A Scaleway server: the list gave it without tags or OS. */
	for (i = 0; i < l->n && !(l->v[i].sources & DD_SRC_SCW); i++)
		;
	assert_true(i < l->n);
	before = l->v;
	id = l->v[i].id;
	assert_null(l->v[i].detail);
	dd_account_set_notify(a, on_change, &hd);
	{
		static const struct dd_write_policy pol = { .profile = "" };
		struct dd_write_plan plan;
		memset(&plan, 0, sizeof(plan));
		assert_int_equal(dd_edit_hostname(a, &l->v[i], "renamed-in-place", &plan, &err), 0);
		assert_int_equal(dd_write_send(a, h, &pol, &plan, NULL, on_written, &d, &err), 0);
		dd_http_run(h);
		assert_int_equal(d.err.kind, DD_OK);
	}
	assert_int_equal(dd_account_reload_server(a, h, id, on_done, &d, &err), 0);
	assert_int_equal(dd_store_server(st, id)->detail_state, DD_DETAIL_LOADING);
	/* One server's detail from its zone and from Online: not a fleet. */
	assert_true(dd_http_in_flight(h) <= 2);
	assert_false(dd_account_loading(a));
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	rec = dd_store_server(st, id);
	assert_non_null(rec);
	assert_ptr_equal(l->v, before);  /* the same list, the record changed in place */
	assert_ptr_equal(rec, &l->v[i]);
	assert_int_equal(l->n, 40);
	assert_string_equal(rec->hostname, "renamed-in-place");
	assert_true(rec->detailed);
	assert_non_null(rec->detail);
	assert_string_equal(rec->detail->s.tags, rec->tags);
	assert_int_equal(hd.n[DD_KIND_SERVERS], 2);
	assert_int_equal(hd.whole, 0);   /* never the whole fleet */
	assert_true(hd.last_id == id);
	assert_int_equal(dd_account_reload_server(a, h, 999999999, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_NOT_FOUND);
	/* A refresh replaces everything it re-reads: no detail outlives it. */
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	rec = dd_store_server(st, id);
	assert_non_null(rec);
	assert_false(rec->detailed && !(rec->sources & DD_SRC_ONLINE));
	assert_null(rec->detail);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

static void test_sections(void **state)
{
	struct dd_sandbox_opts o = { .seed = 7, .servers = 10, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	const struct dd_store *st = dd_account_store(a);
	const struct dd_server_list *l = dd_store_servers(st);
	const struct dd_server_sections *sec;
	struct heard hd = { 0 };
	struct done d = { 0 };
	struct dd_error err;
	char login[64];
	int64_t id;
	size_t i;

	(void)state;
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	for (i = 0; i < l->n && !(l->v[i].sources & DD_SRC_SCW); i++)
		;
	assert_true(i < l->n);
	id = l->v[i].id;
	dd_account_set_notify(a, on_change, &hd);
	assert_int_equal(dd_account_watch_server(a, id), 0);
	assert_int_equal(dd_account_load_section(a, h, id, DD_KIND_BACKUP, 1, on_done, &d, &err), 0);
	assert_int_equal(dd_account_load_section(a, h, id, DD_KIND_EVENTS, 1, on_done, &d, &err), 0);
	assert_int_equal(dd_account_load_section(a, h, id, DD_KIND_OPTIONS, 1, on_done, &d, &err), 0);
	assert_int_equal(dd_account_load_section(a, h, id, DD_KIND_SRV_FAILOVERS, 1, on_done, &d,
						 &err), 0);
	assert_int_equal(dd_account_load_failovers(a, h, NULL, on_done, &d, &err), 0);
	sec = dd_store_sections(st, id);
	assert_non_null(sec);
	assert_int_equal(sec->meta[DD_KIND_BACKUP].state, DD_COLL_LOADING);
	dd_http_run(h);
	sec = dd_store_sections(st, id);
	for (int k = DD_KIND_BACKUP; k <= DD_KIND_SRV_FAILOVERS; k++) {
		assert_int_equal(sec->meta[k].state, DD_COLL_FRESH);
		assert_int_equal(hd.n[k], 2);
	}
	assert_int_equal(dd_store_meta(st, DD_KIND_FAILOVERS)->state, DD_COLL_FRESH);
	assert_int_equal(hd.n[DD_KIND_FAILOVERS], 2);
	assert_int_equal(sec->events.page, 1);
	/* The server's failover IPs are the zone's routed to it. */
	for (size_t k = 0; k < sec->failovers.n; k++)
		assert_int_equal(sec->failovers.v[k].server_id, id);
	snprintf(login, sizeof(login), "%s", sec->backup.login);
	dd_sandbox_stop(sb);
	assert_int_equal(dd_account_load_section(a, h, id, DD_KIND_BACKUP, 1, on_done, &d, &err), 0);
	dd_http_run(h);
	sec = dd_store_sections(st, id);
	assert_int_equal(sec->meta[DD_KIND_BACKUP].state, DD_COLL_STALE);
	assert_string_equal(sec->backup.login, login);
	assert_int_equal(dd_account_load_section(a, h, 424242424, DD_KIND_BACKUP, 1, NULL, NULL, &err),
			 -1);
	dd_account_free(a);
	dd_http_free(h);
}

/* One zone's refresh fails (its list answers half a JSON body) while the
 * others succeed: the zone's last good rows stay, marked with when they
 * were read; the other zones' rows are fresh; a second failure keeps the
 * first read's time; a good read clears the marks. Scaleway alone, so
 * Online does not bring the zone back. */
static void test_failed_zone_keeps_its_rows(void **state)
{
	static const char path[] = "/dedibox/v1/zones/fr-par-2/servers";
	char spec[200];
	struct dd_sandbox_opts o = { .seed = 5, .servers = 30, .servers_set = 1, .faults = spec };
	char msg[200];
	struct dd_sandbox *sb;
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	const struct dd_server_list *l;
	const struct dd_coll *m;
	struct done d = { 0 };
	size_t par2 = 0, kept = 0;
	time_t at;

	(void)state;
	/* Loads 1 and 4 read the zone; loads 2 and 3 get a broken body. */
	snprintf(spec, sizeof(spec), "latency=1@%s#1;malformed@%s#2", path, path);
	sb = dd_sandbox_start(&o, msg, sizeof(msg));
	assert_non_null(sb);
	a = account_scw_only(sb);
	l = dd_store_servers(dd_account_store(a));
	m = dd_store_meta(dd_account_store(a), DD_KIND_SERVERS);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(l->n, 30);
	for (size_t i = 0; i < l->n; i++) {
		par2 += strcmp(l->v[i].zone, "fr-par-2") == 0;
		assert_int_equal(l->v[i].kept_at, 0);
	}
	assert_true(par2 > 0 && par2 < 30);
	at = m->fetched_at;

	for (int round = 0; round < 2; round++) {
		assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
		dd_http_run(h);
		assert_int_not_equal(d.err.kind, DD_OK);
		assert_non_null(strstr(d.err.message, "fr-par-2"));
		assert_int_equal(m->state, DD_COLL_FRESH);
		assert_true(m->partial);
		assert_true(m->fetched_at >= at);
		assert_int_equal(l->n, 30); /* nothing dropped */
		kept = 0;
		for (size_t i = 0; i < l->n; i++) {
			bool in_par2 = strcmp(l->v[i].zone, "fr-par-2") == 0;
			assert_true(l->v[i].hostname != NULL && l->v[i].hostname[0]);
			/* the failed zone's rows carry the first good read's time */
			assert_int_equal(l->v[i].kept_at, in_par2 ? at : 0);
			kept += in_par2;
		}
		assert_int_equal(kept, par2);
	}

	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	assert_false(m->partial);
	assert_int_equal(l->n, 30);
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(l->v[i].kept_at, 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

/* Load a fleet and run it to the end. */
static void load(struct dd_account *a, struct dd_http *h, struct done *d)
{
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, d, NULL), 0);
	dd_http_run(h);
}

/* Rows read at `at` and kept since (kept_at == at); every other row must be fresh. */
static size_t kept_rows(const struct dd_server_list *l, time_t at)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		assert_true(l->v[i].hostname != NULL && l->v[i].hostname[0]);
		assert_true(l->v[i].kept_at == 0 || l->v[i].kept_at == at);
		kept += l->v[i].kept_at == at;
	}
	return kept;
}

/* Online fails on a refresh while Scaleway answers (the accounts are not
 * linked: Scaleway lists no server, Online all 30): the whole Online list
 * failing keeps its 30 last good rows, marked; then one Online server
 * failing keeps that one row, still marked with the first read's time;
 * a good read clears the marks. */
static void test_failed_online_keeps_its_rows(void **state)
{
	/* Load 1 reads everything; load 2's list is half a body; load 3's
	 * first server fetch answers 500 (one server that fails; a server
	 * whose body does not decode fails the whole read); load 4 reads
	 * everything. */
	static const char spec[] = "latency=1@GET /api/v1/server#1;malformed@GET /api/v1/server#1;"
				   "latency=1@GET /api/v1/server/*#30;500@GET /api/v1/server/*#1";
	struct dd_sandbox_opts o = { .seed = 5, .servers = 30, .servers_set = 1, .faults = spec,
				     .scenario = DD_SB_SCN_ELIGIBLE };
	char msg[200];
	struct dd_sandbox *sb;
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	const struct dd_server_list *l;
	const struct dd_coll *m;
	struct done d = { 0 };
	time_t at;

	(void)state;
	sb = dd_sandbox_start(&o, msg, sizeof(msg));
	assert_non_null(sb);
	a = account_for(sb, DD_SANDBOX_SECRET_KEY);
	l = dd_store_servers(dd_account_store(a));
	m = dd_store_meta(dd_account_store(a), DD_KIND_SERVERS);
	load(a, h, &d);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(l->n, 30);
	for (size_t i = 0; i < l->n; i++)
		assert_int_equal(l->v[i].sources, DD_SRC_ONLINE);
	at = m->fetched_at;
	assert_true(at > 0);
	assert_int_equal(kept_rows(l, at), 0);

	/* the Online list fails, the Scaleway zones answer (empty) */
	load(a, h, &d);
	assert_int_not_equal(d.err.kind, DD_OK);
	assert_non_null(strstr(d.err.message, "incomplete"));
	assert_non_null(strstr(d.err.message, "Online server list failed"));
	assert_int_equal(m->state, DD_COLL_FRESH);
	assert_true(m->partial);
	assert_true(m->fetched_at >= at);
	assert_int_equal(l->n, 30);
	assert_int_equal(kept_rows(l, at), 30);

	/* the list answers, one server does not: only its row is kept, and
	 * it keeps the first read's time */
	load(a, h, &d);
	assert_int_not_equal(d.err.kind, DD_OK);
	assert_non_null(strstr(d.err.message, "Online server "));
	assert_true(m->partial);
	assert_int_equal(l->n, 30);
	assert_int_equal(kept_rows(l, at), 1);

	load(a, h, &d);
	assert_int_equal(d.err.kind, DD_OK);
	assert_false(m->partial);
	assert_int_equal(l->n, 30);
	assert_int_equal(kept_rows(l, at), 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_then_store),
		cmocka_unit_test(test_failed_load_keeps_list),
		cmocka_unit_test(test_failed_zone_keeps_its_rows),
		cmocka_unit_test(test_failed_online_keeps_its_rows),
		cmocka_unit_test(test_coll_transitions),
		cmocka_unit_test(test_fleet_states_and_notify),
		cmocka_unit_test(test_reload_one_server_in_place),
		cmocka_unit_test(test_sections),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
