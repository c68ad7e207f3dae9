/* The server actions' lists in the store (DD_KIND_OSES,
 * DD_KIND_RESCUE_IMAGES, per server) against an in-process sandbox: empty,
 * loading, fresh with the sandbox's systems and images, from Scaleway and
 * from the Online API; a second open reads nothing; a forced refresh that
 * fails keeps the list (stale); one notification per change, naming the
 * server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/actions_load.h"
#include "core/store.h"
#include "sandbox/sandbox.h"

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

struct heard {
	int n[DD_KIND__N];
	int64_t last_id;
};

static void on_change(void *ud, enum dd_kind kind, int64_t id)
{
	struct heard *h = ud;
	h->n[kind]++;
	h->last_id = id;
}

static struct dd_account *account_for(const struct dd_sandbox *sb, bool scw, bool online)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	if (scw)
		snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	if (online)
		snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	return dd_account_new(c);
}

static unsigned long gets(const struct dd_sandbox *sb)
{
	struct dd_sandbox_stats s;
	dd_sandbox_stats(sb, &s);
	return s.get;
}

/* Loads kind for the fleet's first server: empty, loading, fresh, two
 * notifications naming it; then a second load reads nothing. Returns the
 * list. */
static const struct dd_rescue_images *load_twice(struct dd_sandbox *sb, struct dd_account *a,
						 struct dd_http *h, enum dd_kind kind, int64_t *id)
{
	const struct dd_store *st = dd_account_store(a);
	struct heard hd = { 0 };
	struct done d = { 0 };
	struct dd_error err;

	dd_account_set_notify(a, on_change, &hd);
	assert_int_equal(dd_account_load_servers(a, h, NULL, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_true(dd_store_servers(st)->n > 0);
	const struct dd_server *s = &dd_store_servers(st)->v[0];
	*id = s->id;
	const struct dd_server_sections *before_sec = dd_store_sections(st, s->id);
	assert_true(!before_sec || before_sec->meta[kind].state == DD_COLL_EMPTY);
	memset(&hd, 0, sizeof(hd));
	d = (struct done){ 0 };
	assert_int_equal(dd_actions_load_list(a, h, s, kind, false, on_done, &d, &err), 0);
	const struct dd_server_sections *sec = dd_store_sections(st, *id);
	assert_non_null(sec);
	assert_int_equal(sec->meta[kind].state, DD_COLL_LOADING);
	assert_int_equal(hd.n[kind], 1);
	dd_http_run(h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(sec->meta[kind].state, DD_COLL_FRESH);
	assert_int_equal(hd.n[kind], 2);
	assert_int_equal(hd.last_id, *id);
	for (int k = 0; k < DD_KIND__N; k++)
		if (k != (int)kind)
			assert_int_equal(hd.n[k], 0);
	/* a re-open reuses the list: no request, no callback */
	unsigned long before = gets(sb);
	d = (struct done){ 0 };
	assert_int_equal(dd_actions_load_list(a, h, s, kind, false, on_done, &d, &err), 1);
	dd_http_run(h);
	assert_int_equal(d.called, 0);
	assert_int_equal(gets(sb), before);
	return kind == DD_KIND_OSES ? &sec->oses : &sec->rescue_images;
}

static void test_scw_lists(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 4, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	int64_t id;
	(void)state;
	assert_non_null(sb);
	a = account_for(sb, true, false);
	const struct dd_rescue_images *l = load_twice(sb, a, h, DD_KIND_OSES, &id);
	assert_true(l->n >= 3);
	bool debian = false;
	for (size_t i = 0; i < l->n; i++)
		debian |= l->v[i].os_id == 503 && strstr(l->v[i].name, "Debian") != NULL;
	assert_true(debian);
	l = load_twice(sb, a, h, DD_KIND_RESCUE_IMAGES, &id);
	assert_true(l->n >= 1);
	assert_true(l->v[0].os_id > 0);

	/* the API goes away: a forced refresh fails, the list stays (stale) */
	size_t n = l->n;
	const struct dd_server *s = dd_store_server(dd_account_store(a), id);
	struct done d = { 0 };
	struct dd_error err;
	dd_sandbox_stop(sb);
	int rc = dd_actions_load_list(a, h, s, DD_KIND_RESCUE_IMAGES, true, on_done, &d, &err);
	if (rc == 0)
		dd_http_run(h);
	const struct dd_server_sections *sec = dd_store_sections(dd_account_store(a), id);
	assert_int_equal(sec->meta[DD_KIND_RESCUE_IMAGES].state, DD_COLL_STALE);
	assert_int_equal(sec->rescue_images.n, n);
	assert_int_not_equal(sec->meta[DD_KIND_RESCUE_IMAGES].error.kind, DD_OK);
	assert_int_equal(sec->meta[DD_KIND_OSES].state, DD_COLL_FRESH);
	dd_account_free(a);
	dd_http_free(h);
}

static void test_online_lists(void **state)
{
	struct dd_sandbox_opts o = { .seed = 3, .servers = 4, .servers_set = 1 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_account *a;
	int64_t id;
	(void)state;
	assert_non_null(sb);
	a = account_for(sb, false, true);
	const struct dd_rescue_images *l = load_twice(sb, a, h, DD_KIND_OSES, &id);
	assert_true(l->n >= 3);
	l = load_twice(sb, a, h, DD_KIND_RESCUE_IMAGES, &id);
	assert_int_equal(l->n, 4);
	assert_string_equal(l->v[0].name, "ubuntu-22.04_amd64");
	assert_int_equal(l->v[0].os_id, 0);
	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scw_lists),
		cmocka_unit_test(test_online_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
