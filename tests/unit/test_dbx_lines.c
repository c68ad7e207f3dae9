/* Dedibox invoice lines: the content string read defensively (hand-written
 * and hostile contents), the GET /invoices/{id} decoder, the cost per
 * server of a year, and the loader against an in-process sandbox (states,
 * notifications, lines that add up to the invoice's total, a failed read
 * that keeps the old lines). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/account.h"
#include "core/billing_load.h"
#include "core/dbx_lines.h"
#include "core/scw_dedibox_billing.h"
#include "core/store.h"
#include "core/store_billing.h"
#include "sandbox/sandbox.h"

static void test_parse_lines(void **state)
{
	(void)state;
	static const char content[] =
		"Dedibox invoice 7000012\r\n"
		"server 100014 web-1.example.com Core-4-L-SATA: EUR 59.98 excl. VAT\n"
		"\n"
		"server 7 db Start 2 M SSD: extra: EUR 12.5 excl. VAT\n"
		"server abc host Offer: EUR 1.00\n"
		"server 9 host Offer: EUR 1,00\n"
		"server 10 host Offer: eur 1.00\n"
		"server -3 host Offer: EUR 1.00\n"
		"server 11 host Offer: EUR 99999999999999999999999.00\n"
		"evil \x1b[31mred\x07 line\n"
		"total: EUR 72.48 excl. VAT";
	struct dd_invoice_line_list l = { 0 };
	struct dd_error err;

	assert_int_equal(dd_dbx_lines_parse(content, sizeof(content) - 1, "7000012", &l, &err), 0);
	assert_int_equal(l.n, 10); /* the empty line is skipped */
	assert_string_equal(l.v[0].text, "Dedibox invoice 7000012");
	assert_int_equal(l.v[0].server_id, 0);
	assert_int_equal(l.v[1].server_id, 100014);
	assert_string_equal(l.v[1].hostname, "web-1.example.com");
	assert_string_equal(l.v[1].offer, "Core-4-L-SATA");
	assert_string_equal(l.v[1].untaxed.currency, "EUR");
	assert_int_equal(l.v[1].untaxed.units, 59);
	assert_int_equal(l.v[1].untaxed.nanos, 980000000);
	assert_string_equal(l.v[1].invoice_id, "7000012");
	/* An offer with spaces and colons ends at the last ": " before a currency. */
	assert_int_equal(l.v[2].server_id, 7);
	assert_string_equal(l.v[2].offer, "Start 2 M SSD: extra");
	assert_int_equal(l.v[2].untaxed.units, 12);
	assert_int_equal(l.v[2].untaxed.nanos, 500000000);
	/* Every malformed server line stays a text line, tied to no server. */
	for (size_t i = 3; i <= 7; i++) {
		assert_int_equal(l.v[i].server_id, 0);
		assert_false(l.v[i].has_amount);
	}
	/* Control characters never reach the model. */
	assert_null(strchr(l.v[8].text, '\x1b'));
	assert_null(strchr(l.v[8].text, '\x07'));
	assert_non_null(strstr(l.v[8].text, "line"));
	assert_int_equal(l.v[9].server_id, 0);
	dd_invoice_line_list_clear(&l);

	/* An overlong line is cut, not refused. */
	char big[1000];
	memset(big, 'x', sizeof(big));
	assert_int_equal(dd_dbx_lines_parse(big, sizeof(big), "1", &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_true(strlen(l.v[0].text) < sizeof(l.v[0].text));
	dd_invoice_line_list_clear(&l);
}

static void test_decode_body(void **state)
{
	(void)state;
	struct dd_invoice_line_list l = { 0 };
	struct dd_error err;
	const char *ok = "{\"id\": 5, \"content\": \"server 1 a O: EUR 2.00 excl. VAT\\nfoot\"}";

	assert_int_equal(dd_scw_decode_dbx_invoice_lines(ok, strlen(ok), "5", &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].server_id, 1);
	const char *null_c = "{\"id\": 5, \"content\": null}", *none = "{\"id\": 5}";
	assert_int_equal(dd_scw_decode_dbx_invoice_lines(null_c, strlen(null_c), "5", &l, &err), 0);
	assert_int_equal(dd_scw_decode_dbx_invoice_lines(none, strlen(none), "5", &l, &err), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(dd_scw_decode_dbx_invoice_lines("{\"content\": 12}", strlen("{\"content\": 12}"), "5", &l, &err), -1);
	assert_int_equal(err.kind, DD_E_DECODE);
	assert_non_null(strstr(err.message, "content"));
	assert_int_equal(dd_scw_decode_dbx_invoice_lines("[1", 2, "5", &l, &err), -1);
	assert_int_equal(l.n, 2);
	dd_invoice_line_list_clear(&l);
}

static void add_invoice(struct dd_invoice_list *L, const char *id, const char *issued)
{
	struct dd_invoice *v = dd_invoice_list_add(L);
	assert_non_null(v);
	v->source = DD_INVOICE_DEDIBOX;
	snprintf(v->id, sizeof(v->id), "%s", id);
	snprintf(v->number, sizeof(v->number), "%s", id);
	snprintf(v->issued, sizeof(v->issued), "%s", issued);
	snprintf(v->state, sizeof(v->state), "paid");
}

static void test_server_costs(void **state)
{
	(void)state;
	struct dd_invoice_list inv = { 0 };
	struct dd_invoice_line_list l = { 0 };
	struct dd_server_cost *c;
	const char **ids;
	size_t n, missing;
	struct dd_error err;
	/* Issued on the 1st: each bills the month before (the list has no period). */
	add_invoice(&inv, "10", "2025-01-01T01:00:00Z"); /* December 2024 */
	add_invoice(&inv, "11", "2025-02-01T01:00:00Z"); /* January 2025 */
	add_invoice(&inv, "12", "2025-03-01T01:00:00Z"); /* February 2025 */
	add_invoice(&inv, "13", "2025-04-01T01:00:00Z"); /* March 2025, lines never read */
	static const char c10[] = "server 1 old-name Offer-A: EUR 10.00 excl. VAT\nserver 2 b Offer-B: EUR 99.00\n";
	static const char c11[] = "server 1 old-name Offer-A: EUR 10.00 excl. VAT\nserver 2 b Offer-B: EUR 5.01\ntotal: EUR 15.01";
	static const char c12[] = "server 1 new-name Offer-A: EUR 10.00 excl. VAT\nserver 3 c Offer-C: EUR 0.99\n";
	assert_int_equal(dd_dbx_lines_parse(c10, sizeof(c10) - 1, "10", &l, &err), 0);
	assert_int_equal(dd_dbx_lines_parse(c12, sizeof(c12) - 1, "12", &l, &err), 0);
	assert_int_equal(dd_dbx_lines_parse(c11, sizeof(c11) - 1, "11", &l, &err), 0);

	assert_int_equal(dd_dbx_invoices_of_year(&inv, 2025, &ids, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ids[0], "11");
	assert_string_equal(ids[2], "13");
	free(ids);

	assert_int_equal(dd_server_costs(&inv, &l, 2025, &c, &n, &missing, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(missing, 1);
	/* Most expensive first; December 2024's lines are not 2025's. */
	assert_int_equal(c[0].server_id, 1);
	assert_int_equal(c[0].cents, 2000);
	assert_int_equal(c[0].months, 2);
	assert_string_equal(c[0].hostname, "new-name"); /* as the newest invoice names it */
	assert_int_equal(c[1].server_id, 2);
	assert_int_equal(c[1].cents, 501);
	assert_int_equal(c[2].server_id, 3);
	assert_int_equal(c[2].cents, 99);
	char *doc = dd_export_server_costs_json(2025, c, n);
	assert_non_null(doc);
	assert_non_null(strstr(doc, "\"units\": 5,\n        \"nanos\": 10000000"));
	assert_non_null(strstr(doc, "\"year\": 2025"));
	free(doc);
	free(c);

	assert_int_equal(dd_server_costs(&inv, &l, 2024, &c, &n, &missing, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(missing, 0);
	assert_int_equal(c[0].cents, 9900);
	free(c);
	assert_int_equal(dd_server_costs(&inv, &l, 2030, &c, &n, &missing, &err), 0);
	assert_int_equal(n, 0);
	assert_null(c);
	dd_invoice_list_clear(&inv);
	dd_invoice_line_list_clear(&l);
}

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
	const struct dd_account *a;
	int n;
	enum dd_coll_state states[8];
};

static void on_notify(void *ud, enum dd_kind kind, int64_t id)
{
	struct heard *hd = ud;
	(void)id;
	if (kind != DD_KIND_DBX_LINES)
		return;
	if (hd->n < 8)
		hd->states[hd->n] = dd_store_meta(dd_account_store(hd->a), kind)->state;
	hd->n++;
}

static void test_load_against_sandbox(void **state)
{
	(void)state;
	struct dd_sandbox_opts o = { .seed = 7, .latency_ms = 2 };
	char msg[200];
	struct dd_sandbox *sb = dd_sandbox_start(&o, msg, sizeof(msg));
	struct dd_http *h = dd_http_new(NULL, NULL);
	struct dd_creds *cr = dd_creds_new();
	struct heard hd = { 0 };
	struct done d = { 0 };
	struct dd_error err;

	assert_non_null(sb);
	assert_non_null(h);
	snprintf(cr->access_key, sizeof(cr->access_key), "%s", DD_SANDBOX_ACCESS_KEY);
	snprintf(cr->secret_key, sizeof(cr->secret_key), "%s", DD_SANDBOX_SECRET_KEY);
	snprintf(cr->scw_api_url, sizeof(cr->scw_api_url), "%s", dd_sandbox_url(sb));
	snprintf(cr->online_api_url, sizeof(cr->online_api_url), "%s/api/v1", dd_sandbox_url(sb));
	struct dd_account *a = dd_account_new(cr);
	hd.a = a;
	dd_account_set_notify(a, on_notify, &hd);

	assert_int_equal(dd_account_load_dbx_invoices(a, h, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	const struct dd_invoice_list *inv = dd_store_dbx_invoices(dd_account_store(a));
	assert_true(inv->n >= 24);
	const char *ids[2] = { inv->v[0].id, inv->v[1].id };

	const struct dd_coll *m = dd_store_meta(dd_account_store(a), DD_KIND_DBX_LINES);
	assert_int_equal(m->state, DD_COLL_EMPTY);
	d.called = 0;
	assert_int_equal(dd_account_load_dbx_lines(a, h, ids, 2, on_done, &d, NULL), 0);
	assert_int_equal(m->state, DD_COLL_LOADING);
	assert_int_equal(dd_account_load_dbx_lines(a, h, ids, 2, on_done, &d, &err), -1);
	assert_int_equal(err.kind, DD_E_USAGE);
	dd_http_run(h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_OK);
	assert_int_equal(m->state, DD_COLL_FRESH);
	assert_int_equal(hd.n, 2);
	assert_int_equal(hd.states[0], DD_COLL_LOADING);
	assert_int_equal(hd.states[1], DD_COLL_FRESH);

	/* Each invoice's server lines add up to its untaxed total. */
	const struct dd_invoice_line_list *l = dd_store_dbx_lines(dd_account_store(a));
	for (int k = 0; k < 2; k++) {
		int64_t sum = 0;
		size_t servers = 0;
		for (size_t i = 0; i < l->n; i++)
			if (strcmp(l->v[i].invoice_id, ids[k]) == 0 && l->v[i].server_id)
				sum += dd_money_cents(&l->v[i].untaxed), servers++;
		assert_true(servers > 0);
		assert_int_equal(sum, dd_money_cents(&inv->v[k].untaxed));
	}
	size_t before = l->n;

	/* Reading one again replaces its lines, keeps the other's. */
	d.called = 0;
	assert_int_equal(dd_account_load_dbx_lines(a, h, ids, 1, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_OK);
	l = dd_store_dbx_lines(dd_account_store(a));
	assert_int_equal(l->n, before);

	/* An id the API does not know: 404, the old lines stay, stale. */
	const char *bad[1] = { "6999999" };
	d.called = 0;
	assert_int_equal(dd_account_load_dbx_lines(a, h, bad, 1, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.called, 1);
	assert_int_equal(d.err.kind, DD_E_NOT_FOUND);
	assert_non_null(strstr(d.err.message, "6999999"));
	assert_int_equal(m->state, DD_COLL_STALE);
	assert_int_equal(dd_store_dbx_lines(dd_account_store(a))->n, before);
	assert_true(dd_dbx_lines_have(dd_store_dbx_lines(dd_account_store(a)), ids[0]));
	/* A path is never built from a non-numeric id. */
	const char *evil[1] = { "../servers" };
	d.called = 0;
	assert_int_equal(dd_account_load_dbx_lines(a, h, evil, 1, on_done, &d, NULL), 0);
	dd_http_run(h);
	assert_int_equal(d.err.kind, DD_E_USAGE);

	dd_account_free(a);
	dd_http_free(h);
	dd_sandbox_stop(sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_lines),
		cmocka_unit_test(test_decode_body),
		cmocka_unit_test(test_server_costs),
		cmocka_unit_test(test_load_against_sandbox),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
