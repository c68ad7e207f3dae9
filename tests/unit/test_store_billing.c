/* The store's billing and order collections against an in-process
 * sandbox: each goes empty -> loading -> fresh with what the sandbox
 * serves (read again raw through libcurl and compared), a failed refresh
 * keeps the data (stale), one notification per state change, a profile
 * with only a Dedibox console token gets the error sentence; then the
 * decoders on hand-written JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>

#include "core/account.h"
#include "core/billing_load.h"
#include "core/scw_billing.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_billing.h"
#include "core/store.h"
#include "core/store_billing.h"
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

/* Notifications per kind, and the state the collection was in each time. */
struct heard {
	const struct dd_account *a;
	int n[DD_KIND__N];
	enum dd_coll_state states[DD_KIND__N][8];
	int nonzero_id;
};

static void on_notify(void *ud, enum dd_kind kind, int64_t id)
{
	struct heard *hd = ud;
	const struct dd_coll *m = dd_store_meta(dd_account_store(hd->a), kind);

	if (hd->n[kind] < 8)
		hd->states[kind][hd->n[kind]] = m->state;
	hd->n[kind]++;
	if (id != 0)
		hd->nonzero_id++;
}

static struct dd_account *account_for(const struct dd_sandbox *sb, bool scw)
{
	struct dd_creds *c = dd_creds_new();

	assert_non_null(c);
	if (scw) {
		snprintf(c->access_key, sizeof(c->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
		snprintf(c->secret_key, sizeof(c->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
		snprintf(c->organization_id, sizeof(c->organization_id), "%s",
			 DD_SANDBOX_ORGANIZATION_ID);
	}
	snprintf(c->online_token, sizeof(c->online_token), "%s", DD_SANDBOX_ONLINE_TOKEN);
	snprintf(c->scw_api_url, sizeof(c->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(c->online_api_url, sizeof(c->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	return dd_account_new(c);
}

struct buf {
	char *p;
	size_t n;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct buf *b = ud;
	char *np = realloc(b->p, b->n + size * nmemb + 1);

	assert_non_null(np);
	memcpy(np + b->n, ptr, size * nmemb);
	b->p = np;
	b->n += size * nmemb;
	b->p[b->n] = '\0';
	return size * nmemb;
}

/* The sandbox's answer to path, read without core: what the store must
 * hold. Caller json_decref()s. */
static json_t *raw_get(const struct dd_sandbox *sb, const char *path)
{
	CURL *c = curl_easy_init();
	struct curl_slist *hdr = curl_slist_append(NULL, "X-Auth-Token: " DD_SANDBOX_SECRET_KEY);
	struct buf b = { 0 };
	char url[512];
	json_t *j;
	long status = 0;

	snprintf(url, sizeof(url), "%s%s", dd_sandbox_url(sb), path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	assert_int_equal(status, 200);
	j = json_loadb(b.p, b.n, 0, NULL);
	assert_non_null(j);
	free(b.p);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	return j;
}

static void assert_money(const struct dd_money *m, json_t *raw)
{
	assert_non_null(raw);
	assert_int_equal(m->units, json_integer_value(json_object_get(raw, "units")));
	assert_int_equal(m->nanos, json_integer_value(json_object_get(raw, "nanos")));
	assert_string_equal(m->currency, json_string_value(json_object_get(raw, "currency_code")));
}

struct world {
	struct dd_sandbox *sb;
	struct dd_http *h;
	struct dd_account *a;
	struct heard hd;
};

static void world_start(struct world *w, bool scw)
{
	struct dd_sandbox_opts o = { .seed = 7, .latency_ms = 2 };
	char msg[200];

	memset(w, 0, sizeof(*w));
	w->sb = dd_sandbox_start(&o, msg, sizeof(msg));
	assert_non_null(w->sb);
	w->h = dd_http_new(NULL, NULL);
	assert_non_null(w->h);
	w->a = account_for(w->sb, scw);
	w->hd.a = w->a;
	dd_account_set_notify(w->a, on_notify, &w->hd);
}

static void world_stop(struct world *w)
{
	dd_account_free(w->a);
	dd_http_free(w->h);
	if (w->sb)
		dd_sandbox_stop(w->sb);
}

/* Loads kind and checks empty -> loading -> fresh with two notifications. */
static void load_fresh(struct world *w, enum dd_kind kind)
{
	const struct dd_coll *m = dd_store_meta(dd_account_store(w->a), kind);
	struct done d = { 0 };
	struct dd_error err;
	int before[DD_KIND__N];

	memcpy(before, w->hd.n, sizeof(before));
	assert_int_equal(m->state, DD_COLL_EMPTY);
	assert_int_equal(dd_account_load_billing(w->a, w->h, kind, on_done, &d, NULL), 0);
	assert_int_equal(m->state, DD_COLL_LOADING);
	assert_int_equal(w->hd.n[kind], 1);
	/* A second load of the same collection is refused and changes nothing. */
	assert_int_equal(dd_account_load_billing(w->a, w->h, kind, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE);
	assert_int_equal(w->hd.n[kind], 1);
	dd_http_run(w->h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(m->state, DD_COLL_FRESH);
	assert_true(m->fetched_at > 0);
	assert_int_equal(w->hd.n[kind], 2);
	assert_int_equal(w->hd.states[kind][0], DD_COLL_LOADING);
	assert_int_equal(w->hd.states[kind][1], DD_COLL_FRESH);
	assert_int_equal(w->hd.nonzero_id, 0);
	for (int k = 0; k < DD_KIND__N; k++)
		if (k != (int)kind)
			assert_int_equal(w->hd.n[k], before[k]);
}

static const struct dd_invoice *find_invoice(const struct dd_invoice_list *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return &l->v[i];
	return NULL;
}

static void test_scw_invoices(void **state)
{
	struct world w;
	const struct dd_invoice_list *l;
	json_t *raw, *one;
	const struct dd_invoice *v;
	size_t drafts = 0, issued = 0;

	(void)state;
	world_start(&w, true);
	load_fresh(&w, DD_KIND_SCW_INVOICES);
	l = dd_store_scw_invoices(dd_account_store(w.a));
	raw = raw_get(w.sb, "/billing/v2beta1/invoices?page_size=100&order_by=issued_date_asc");
	assert_int_equal(l->n, json_integer_value(json_object_get(raw, "total_count")));
	assert_true(l->n > 24);
	/* An issued (unpaid) invoice: its totals, VAT and state as served. */
	for (size_t i = 0; i < json_array_size(json_object_get(raw, "invoices")); i++) {
		one = json_array_get(json_object_get(raw, "invoices"), i);
		if (strcmp(json_string_value(json_object_get(one, "state")), "issued") != 0)
			continue;
		v = find_invoice(l, json_string_value(json_object_get(one, "id")));
		assert_non_null(v);
		issued++;
		assert_int_equal(v->source, DD_INVOICE_SCALEWAY);
		assert_string_equal(v->state, "issued");
		assert_true(v->has_totals);
		assert_money(&v->taxed, json_object_get(one, "total_taxed"));
		assert_money(&v->vat, json_object_get(one, "total_tax"));
		assert_money(&v->untaxed, json_object_get(one, "total_untaxed"));
		assert_int_equal(strtoll(v->number, NULL, 10),
				 json_integer_value(json_object_get(one, "number")));
		assert_string_equal(v->due, json_string_value(json_object_get(one, "due_date")));
		assert_true(v->period_start[0] && v->issued[0]);
	}
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].state, "draft") == 0) {
			drafts++;
			assert_string_equal(l->v[i].number, ""); /* no number yet */
			assert_string_equal(l->v[i].due, "");
		}
	assert_int_equal(drafts, 1);
	assert_true(issued >= 1);
	json_decref(raw);
	world_stop(&w);
}

static void test_dbx_invoices_paged(void **state)
{
	struct world w;
	const struct dd_invoice_list *l;
	json_t *raw, *one;
	const struct dd_invoice *v;
	char id[32];

	(void)state;
	world_start(&w, true);
	load_fresh(&w, DD_KIND_DBX_INVOICES);
	l = dd_store_dbx_invoices(dd_account_store(w.a));
	raw = raw_get(w.sb, "/dedibox/v1/invoices?page_size=100&page=2");
	/* More than one page: the loader followed total_count. */
	assert_true(json_integer_value(json_object_get(raw, "total_count")) >
		    DD_SCW_DBX_INVOICES_PAGE_SIZE);
	assert_int_equal(l->n, json_integer_value(json_object_get(raw, "total_count")));
	one = json_array_get(json_object_get(raw, "invoices"), 3);
	snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(one, "id")));
	v = find_invoice(l, id);
	assert_non_null(v);
	assert_int_equal(v->source, DD_INVOICE_DEDIBOX);
	assert_string_equal(v->state, json_string_value(json_object_get(one, "status")));
	assert_string_equal(v->payment_method,
			    json_string_value(json_object_get(one, "payment_method")));
	assert_money(&v->taxed, json_object_get(one, "total_with_taxes"));
	assert_money(&v->untaxed, json_object_get(one, "total_without_taxes"));
	/* VAT is the difference, exactly: 20% of the untaxed total here,
	 * rounded half away from zero to the cent (core/money's rule). */
	assert_int_equal(dd_money_cents(&v->vat),
			 dd_money_cents(&v->taxed) - dd_money_cents(&v->untaxed));
	assert_int_equal(dd_money_cents(&v->vat), (dd_money_cents(&v->untaxed) * 20 + 50) / 100);
	/* Every id once: no page read twice. */
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = i + 1; k < l->n; k++)
			assert_string_not_equal(l->v[i].id, l->v[k].id);
	json_decref(raw);
	world_stop(&w);
}

static void test_consumption_and_discounts(void **state)
{
	struct world w;
	const struct dd_consumption_list *c;
	const struct dd_discount_list *dl;
	json_t *raw, *line;
	size_t found = 0;

	(void)state;
	world_start(&w, true);
	load_fresh(&w, DD_KIND_CONSUMPTION);
	c = dd_store_consumption(dd_account_store(w.a));
	raw = raw_get(w.sb, "/billing/v2beta1/consumptions?page_size=100");
	assert_int_equal(c->n, json_integer_value(json_object_get(raw, "total_count")));
	assert_true(c->n >= 5);
	assert_string_equal(c->updated_at, json_string_value(json_object_get(raw, "updated_at")));
	for (size_t i = 0; i < json_array_size(json_object_get(raw, "consumptions")); i++) {
		line = json_array_get(json_object_get(raw, "consumptions"), i);
		for (size_t k = 0; k < c->n; k++) {
			if (strcmp(c->v[k].sku, json_string_value(json_object_get(line, "sku"))) != 0)
				continue;
			found++;
			assert_string_equal(c->v[k].product,
					    json_string_value(json_object_get(line, "product_name")));
			assert_string_equal(c->v[k].billed_quantity,
					    json_string_value(json_object_get(line, "billed_quantity")));
			assert_money(&c->v[k].value, json_object_get(line, "value"));
		}
	}
	assert_int_equal(found, c->n);
	json_decref(raw);

	load_fresh(&w, DD_KIND_DISCOUNTS);
	dl = dd_store_discounts(dd_account_store(w.a));
	assert_int_equal(dl->n, 1);
	assert_int_equal(dl->v[0].value.units, 100);
	assert_int_equal(dl->v[0].value.nanos, 0);
	assert_int_equal(dd_money_cents(&dl->v[0].value_used) +
				 dd_money_cents(&dl->v[0].value_remaining), 10000);
	assert_int_equal(dl->v[0].nfilters, 2);
	assert_true(dl->v[0].filters[0].exclude);
	assert_string_equal(dl->v[0].filters[0].value, "dedibox");
	assert_string_equal(dl->v[0].mode, "discount_mode_value");
	world_stop(&w);
}

static void test_offers_and_payment(void **state)
{
	struct world w;
	const struct dd_offer_list *l;
	const struct dd_payment *p;
	size_t expected = 0;

	(void)state;
	world_start(&w, true);
	load_fresh(&w, DD_KIND_OFFERS);
	l = dd_store_offers(dd_account_store(w.a));
	for (int z = 0; dd_scw_zones[z]; z++) {
		char path[128];
		json_t *raw, *arr;
		size_t in_zone = 0;

		snprintf(path, sizeof(path), "/dedibox/v1/zones/%s/offers?page_size=100", dd_scw_zones[z]);
		raw = raw_get(w.sb, path);
		arr = json_object_get(raw, "offers");
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *o = json_array_get(arr, i), *info = json_object_get(o, "server_info");
			const struct dd_offer *f = NULL;

			if (!info)
				continue;
			expected++;
			for (size_t k = 0; k < l->n; k++)
				if (l->v[k].id == json_integer_value(json_object_get(o, "id")) &&
				    strcmp(l->v[k].zone, dd_scw_zones[z]) == 0)
					f = &l->v[k];
			assert_non_null(f);
			in_zone++;
			assert_string_equal(f->name, json_string_value(json_object_get(o, "name")));
			assert_money(&f->price, json_object_get(o, "pricing"));
			assert_string_equal(f->stock, json_string_value(json_object_get(info, "stock")));
			assert_int_equal(f->bandwidth,
					 json_integer_value(json_object_get(info, "bandwidth")));
			assert_int_equal(f->disk_count,
					 json_array_size(json_object_get(info, "disks")));
			assert_true(f->cores > 0 && f->memory_bytes > 0 && f->disk_bytes > 0);
			assert_true(f->cpu[0] != '\0');
		}
		assert_true(in_zone > 0);
		json_decref(raw);
	}
	assert_int_equal(l->n, expected);

	load_fresh(&w, DD_KIND_PAYMENT);
	p = dd_store_payment(dd_account_store(w.a));
	assert_true(p->can_order && p->billing_ok && p->payment_mode && p->quota_ok);
	world_stop(&w);
}

static void test_failed_refresh_is_stale(void **state)
{
	struct world w;
	const struct dd_coll *m;
	struct done d = { 0 };
	size_t n;

	(void)state;
	world_start(&w, true);
	load_fresh(&w, DD_KIND_SCW_INVOICES);
	m = dd_store_meta(dd_account_store(w.a), DD_KIND_SCW_INVOICES);
	n = dd_store_scw_invoices(dd_account_store(w.a))->n;
	dd_sandbox_stop(w.sb);
	w.sb = NULL;
	assert_int_equal(dd_account_load_scw_invoices(w.a, w.h, on_done, &d, NULL), 0);
	assert_int_equal(m->state, DD_COLL_LOADING);
	dd_http_run(w.h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_E_NETWORK);
	assert_int_equal(m->state, DD_COLL_STALE);
	assert_int_equal(m->error.kind, DD_E_NETWORK);
	assert_int_equal(dd_store_scw_invoices(dd_account_store(w.a))->n, n); /* kept */
	assert_int_equal(w.hd.n[DD_KIND_SCW_INVOICES], 4);
	assert_int_equal(w.hd.states[DD_KIND_SCW_INVOICES][2], DD_COLL_LOADING);
	assert_int_equal(w.hd.states[DD_KIND_SCW_INVOICES][3], DD_COLL_STALE);
	world_stop(&w);
}

static void test_online_only_profile(void **state)
{
	struct world w;
	struct dd_error err;
	struct done d = { 0 };

	(void)state;
	world_start(&w, false);
	assert_int_equal(dd_account_load_scw_invoices(w.a, w.h, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_AUTH);
	assert_non_null(strstr(err.message,
			       "Scaleway invoices need Scaleway keys in this profile: dedi auth login"));
	for (int k = DD_KIND_SCW_INVOICES; k <= DD_KIND_PAYMENT; k++) {
		const struct dd_coll *m = dd_store_meta(dd_account_store(w.a), (enum dd_kind)k);

		if (k != DD_KIND_SCW_INVOICES)
			assert_int_equal(dd_account_load_billing(w.a, w.h, (enum dd_kind)k, on_done,
								 &d, NULL), -1);
		assert_int_equal(m->state, DD_COLL_ERROR);
		assert_int_equal(m->error.kind, DD_E_AUTH);
		assert_non_null(strstr(m->error.message, "need Scaleway keys"));
		assert_int_equal(w.hd.n[k], 1);
		assert_int_equal(w.hd.states[k][0], DD_COLL_ERROR);
	}
	assert_int_equal(dd_store_scw_invoices(dd_account_store(w.a))->n, 0);
	assert_int_equal(dd_http_in_flight(w.h), 0); /* nothing was sent */
	assert_int_equal(d.called, 0);
	world_stop(&w);
}

/* ---- decoders on hand-written JSON ---- */

static void test_decode_scw_invoices(void **state)
{
	static const char ok[] =
		"{\"total_count\": 3, \"invoices\": ["
		" {\"id\": \"a\", \"number\": 42, \"state\": \"paid\\u001b[31m\", \"type\": \"periodic\","
		"  \"start_date\": \"2026-01-01T00:00:00Z\", \"due_date\": null,"
		"  \"total_untaxed\": {\"currency_code\": \"EUR\", \"units\": 12, \"nanos\": 990000000},"
		"  \"total_taxed\": {\"currency_code\": \"EUR\", \"units\": 15, \"nanos\": 588000001},"
		"  \"total_tax\": {\"currency_code\": \"EUR\", \"units\": 2, \"nanos\": 598000001}},"
		" {\"id\": \"b\", \"state\": \"draft\", \"total_taxed\": null},"
		" {\"id\": \"c\", \"number\": 7,"
		"  \"total_untaxed\": {\"currency_code\": \"EUR\", \"units\": -3, \"nanos\": -500000000},"
		"  \"total_taxed\": {\"currency_code\": \"EUR\", \"units\": -4, \"nanos\": -200000000}}]}";
	static const char wrong[] =
		"{\"total_count\": 2, \"invoices\": [{\"id\": \"x\"},"
		" {\"id\": \"y\", \"total_taxed\": {\"units\": \"15\", \"nanos\": 0}}]}";
	struct dd_invoice_list l = { 0 };
	struct dd_error err;
	size_t n;
	int64_t total;

	(void)state;
	assert_int_equal(dd_scw_billing_decode_invoices(ok, sizeof(ok) - 1, &l, &n, &total, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(total, 3);
	assert_int_equal(l.v[0].untaxed.units, 12);
	assert_int_equal(l.v[0].untaxed.nanos, 990000000);
	assert_int_equal(l.v[0].vat.nanos, 598000001); /* kept to the nano */
	assert_string_equal(l.v[0].state, "paid\\u{1B}[31m");
	assert_string_equal(l.v[0].number, "42");
	assert_string_equal(l.v[0].due, "");
	assert_false(l.v[1].has_totals);
	assert_string_equal(l.v[1].number, "");
	/* No total_tax: VAT is the difference, signs kept together. */
	assert_int_equal(l.v[2].vat.units, 0);
	assert_int_equal(l.v[2].vat.nanos, -700000000);
	assert_int_equal(dd_scw_billing_decode_invoices(wrong, sizeof(wrong) - 1, &l, &n, &total,
							&err), -1);
	assert_int_equal(err.kind, DD_E_DECODE);
	assert_non_null(strstr(err.message, "invoices[1].total_taxed.units"));
	assert_int_equal(l.n, 3); /* the bad page is not half taken */
	dd_invoice_list_clear(&l);
}

static void test_decode_money_rules(void **state)
{
	static const char *const bad[] = {
		"{\"invoices\": [{\"id\": 5}]}",
		"{\"invoices\": [{\"id\": \"a\", \"total_tax\": {\"units\": 1, \"nanos\": -5}}]}",
		"{\"invoices\": [{\"id\": \"a\", \"total_tax\": {\"units\": 1, \"nanos\": 1000000000}}]}",
		"{\"invoices\": [{\"id\": \"a\", \"total_tax\": \"12.99\"}]}",
		"{\"invoices\": [{\"id\": \"a\", \"total_tax\": {\"currency_code\": \"\\u001b[2J\", \"units\": 1}}]}",
		"{\"invoices\": {}}",
		"[]",
	};
	struct dd_invoice_list l = { 0 };
	struct dd_error err;
	size_t n;
	int64_t total;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dd_error_clear(&err);
		assert_int_equal(dd_scw_billing_decode_invoices(bad[i], strlen(bad[i]), &l, &n, &total,
								&err), -1);
		assert_int_equal(err.kind, DD_E_DECODE);
		assert_int_equal(l.n, 0);
	}
	dd_invoice_list_clear(&l);
}

static void test_decode_dedibox(void **state)
{
	static const char inv[] =
		"{\"total_count\": 1, \"invoices\": [{\"id\": 7000001, \"status\": \"unpaid\","
		" \"payment_method\": \"direct_debit\", \"paid_at\": null, \"transaction_id\": 0,"
		" \"total_without_taxes\": {\"currency_code\": \"EUR\", \"units\": 10, \"nanos\": 10000000},"
		" \"total_with_taxes\": {\"currency_code\": \"EUR\", \"units\": 12, \"nanos\": 12000000}}]}";
	static const char offers[] =
		"{\"total_count\": 2, \"offers\": ["
		" {\"id\": 1, \"name\": \"Backup 100G\", \"pricing\": {\"currency_code\": \"EUR\", \"units\": 0, \"nanos\": 0},"
		"  \"backup_info\": {\"size\": 1}},"
		" {\"id\": 2, \"name\": \"Start-2\\u202eX\", \"payment_frequency\": \"monthly\","
		"  \"pricing\": {\"currency_code\": \"EUR\", \"units\": 19, \"nanos\": 990000000},"
		"  \"server_info\": {\"stock\": \"low\", \"bandwidth\": 250, \"commercial_range\": \"start\","
		"   \"cpus\": [{\"name\": \"Xeon\", \"core_count\": 4, \"thread_count\": 8},"
		"              {\"name\": \"Xeon\", \"core_count\": 4, \"thread_count\": 8}],"
		"   \"memories\": [{\"capacity\": 17179869184, \"type\": \"ddr4\"}],"
		"   \"disks\": [{\"capacity\": 1000, \"type\": \"ssd\"}, {\"capacity\": 1000, \"type\": \"ssd\"}],"
		"   \"onetime_fees\": {\"id\": 9, \"name\": \"setup\","
		"     \"pricing\": {\"currency_code\": \"EUR\", \"units\": 49, \"nanos\": 500000000}}}}]}";
	static const char bad_offer[] =
		"{\"offers\": [{\"id\": 3, \"server_info\": {\"cpus\": [{\"core_count\": true}]}}]}";
	static const char can[] = "{\"can_order\": false, \"billing_ok\": false, \"message\": \"pay\\u0007\"}";
	static const char bad_can[] = "{\"can_order\": \"yes\"}";
	struct dd_invoice_list il = { 0 };
	struct dd_offer_list ol = { 0 };
	struct dd_payment p;
	struct dd_error err;
	size_t n;
	int64_t total;

	(void)state;
	assert_int_equal(dd_scw_decode_dbx_invoices(inv, sizeof(inv) - 1, &il, &n, &total, &err), 0);
	assert_string_equal(il.v[0].id, "7000001");
	assert_int_equal(il.v[0].vat.units, 2);
	assert_int_equal(il.v[0].vat.nanos, 2000000);
	assert_string_equal(il.v[0].paid, "");
	assert_string_equal(il.v[0].payment_method, "direct_debit");
	assert_int_equal(dd_scw_decode_offers(offers, sizeof(offers) - 1, "fr-par-2", &ol, &n,
					      &total, &err), 0);
	assert_int_equal(n, 2);      /* both read for paging */
	assert_int_equal(ol.n, 1);   /* only the server offer kept */
	assert_string_equal(ol.v[0].name, "Start-2\\u{202E}X");
	assert_string_equal(ol.v[0].zone, "fr-par-2");
	assert_int_equal(ol.v[0].cpu_count, 2);
	assert_int_equal(ol.v[0].cores, 8);
	assert_int_equal(ol.v[0].threads, 16);
	assert_int_equal(ol.v[0].disk_count, 2);
	assert_int_equal(ol.v[0].disk_bytes, 2000);
	assert_int_equal(ol.v[0].memory_bytes, 17179869184LL);
	assert_int_equal(ol.v[0].price.nanos, 990000000);
	assert_true(ol.v[0].has_setup_fee);
	assert_int_equal(ol.v[0].setup_fee.units, 49);
	assert_int_equal(ol.v[0].setup_fee.nanos, 500000000);
	assert_int_equal(dd_scw_decode_offers(bad_offer, sizeof(bad_offer) - 1, "fr-par-1", &ol, &n,
					      &total, &err), -1);
	assert_non_null(strstr(err.message, "offers[0].server_info.cpus[0].core_count"));
	assert_int_equal(ol.n, 1);
	assert_int_equal(dd_scw_decode_can_order(can, sizeof(can) - 1, &p, &err), 0);
	assert_false(p.can_order);
	assert_false(p.payment_mode); /* absent: not claimed */
	assert_string_equal(p.message, "pay\\u{07}");
	assert_int_equal(dd_scw_decode_can_order(bad_can, sizeof(bad_can) - 1, &p, &err), -1);
	assert_non_null(strstr(err.message, "can_order"));
	dd_invoice_list_clear(&il);
	dd_offer_list_clear(&ol);
}

static void test_decode_discounts(void **state)
{
	static const char ok[] =
		"{\"total_count\": 1, \"discounts\": [{\"id\": \"d\", \"description\": \"x\","
		" \"value\": 100, \"value_used\": 37.25, \"value_remaining\": 62.75,"
		" \"coupon\": null, \"filters\": [{\"type\": \"zone\", \"value\": \"fr-par-1\", \"exclude\": false}]}]}";
	static const char bad[] =
		"{\"discounts\": [{\"id\": \"d\", \"value\": \"100\"}]}";
	struct dd_discount_list l = { 0 };
	struct dd_error err;
	size_t n;
	int64_t total;

	(void)state;
	assert_int_equal(dd_scw_billing_decode_discounts(ok, sizeof(ok) - 1, &l, &n, &total, &err), 0);
	assert_int_equal(l.v[0].value.units, 100);
	assert_int_equal(l.v[0].value_used.units, 37);
	assert_int_equal(l.v[0].value_used.nanos, 250000000);
	assert_int_equal(l.v[0].value_remaining.nanos, 750000000);
	assert_int_equal(l.v[0].nfilters, 1);
	assert_false(l.v[0].filters[0].exclude);
	assert_string_equal(l.v[0].coupon, "");
	assert_int_equal(dd_scw_billing_decode_discounts(bad, sizeof(bad) - 1, &l, &n, &total, &err),
			 -1);
	assert_non_null(strstr(err.message, "discounts[0].value"));
	dd_discount_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scw_invoices),
		cmocka_unit_test(test_dbx_invoices_paged),
		cmocka_unit_test(test_consumption_and_discounts),
		cmocka_unit_test(test_offers_and_payment),
		cmocka_unit_test(test_failed_refresh_is_stale),
		cmocka_unit_test(test_online_only_profile),
		cmocka_unit_test(test_decode_scw_invoices),
		cmocka_unit_test(test_decode_money_rules),
		cmocka_unit_test(test_decode_dedibox),
		cmocka_unit_test(test_decode_discounts),
	};

	curl_global_init(CURL_GLOBAL_DEFAULT);
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
