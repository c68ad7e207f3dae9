/* Billing answers add up: Scaleway invoices, the draft month and its
 * consumption, the linking discount; Dedibox invoices from the servers'
 * prices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/billing.h"
#include "core/money.h"
#include "sandbox/server.h"
#include "tests/sandbox/sbtest.h"

/* Read with the client's one rule (core/money.h), not a truncation. */
static long long cents(const json_t *money)
{
	struct dd_money m = { "EUR", json_integer_value(json_object_get(money, "units")),
			      (int32_t)json_integer_value(json_object_get(money, "nanos")) };
	return dd_money_cents(&m);
}

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void scaleway(struct sbt *t)
{
	struct sbt_resp r;
	sbt_get(t, "/billing/v2beta1/invoices?page_size=100", &r);
	json_int_t total = json_integer_value(json_object_get(r.json, "total_count"));
	const json_t *inv, *draft = NULL;
	size_t i;
	int sums = 1, states = 1;
	long long discounts = 0;
	json_array_foreach(json_object_get(r.json, "invoices"), i, inv) {
		long long un = cents(json_object_get(inv, "total_untaxed")), tx = cents(json_object_get(inv, "total_tax"));
		long long ta = cents(json_object_get(inv, "total_taxed")), di = cents(json_object_get(inv, "total_discount"));
		long long ud = cents(json_object_get(inv, "total_undiscount"));
		sums &= ta == un + tx && un == ud - di && (tx - un / 5 <= 1 && un / 5 - tx <= 1);
		discounts += di;
		const char *st = str(inv, "state");
		states &= !strcmp(st, "draft") || !strcmp(st, "stopped") || !strcmp(st, "issued") || !strcmp(st, "paid") ||
			  !strcmp(st, "incomplete") || !strcmp(st, "outdated");
		if (!strcmp(st, "draft"))
			draft = inv;
	}
	t_ok(total > 12 && (json_int_t)json_array_size(json_object_get(r.json, "invoices")) == (total < 100 ? total : 100),
	     "invoices: %lld over the years", (long long)total);
	t_ok(sums, "each invoice: taxed = untaxed + 20%% VAT, untaxed = undiscounted - discount");
	t_ok(states, "states are among draft, stopped, issued, paid, incomplete, outdated");
	t_ok(draft && i > 0 && json_equal(draft, json_array_get(json_object_get(r.json, "invoices"), 0)),
	     "in the default order (newest first) the draft comes first");

	struct sbt_resp c, d;
	sbt_get(t, "/billing/v2beta1/consumptions?page_size=100", &c);
	long long used_n = 0;
	const json_t *line;
	json_array_foreach(json_object_get(c.json, "consumptions"), i, line)
		used_n += json_integer_value(json_object_get(json_object_get(line, "value"), "units")) * 1000000000LL +
			  json_integer_value(json_object_get(json_object_get(line, "value"), "nanos"));
	/* Lines are exact; the invoice rounds their sum once. */
	struct dd_money um = { "EUR", used_n / 1000000000, (int32_t)(used_n % 1000000000) };
	long long used = dd_money_cents(&um);
	t_ok(draft && used == cents(json_object_get(draft, "total_undiscount")),
	     "the consumption of the month (%lld cents) is the draft invoice's undiscounted total", used);
	sbt_get(t, "/billing/v2beta1/discounts", &d);
	const json_t *disc = json_array_get(json_object_get(d.json, "discounts"), 0);
	double value = json_number_value(json_object_get(disc, "value"));
	double vused = json_number_value(json_object_get(disc, "value_used"));
	double left = json_number_value(json_object_get(disc, "value_remaining"));
	t_ok(value == 100 && vused + left == value && strstr(str(disc, "description"), "linking"),
	     "the linking discount: EUR 100 = used %.2f + remaining %.2f", vused, left);
	double draft_disc = json_number_value(json_object_get(c.json, "total_discount_untaxed_value"));
	t_ok(draft && (long long)(vused * 100 + 0.5) + (long long)(draft_disc * 100 + 0.5) == discounts,
	     "discounts on invoices (%lld cents) = used before this month + this month's", discounts);
	sbt_resp_free(&c);
	sbt_resp_free(&d);

	char path[256];
	snprintf(path, sizeof path, "/billing/v2beta1/invoices/%s", draft ? str(draft, "id") : "x");
	sbt_get(t, path, &c);
	t_ok(c.status == 200 && json_equal(c.json, draft), "GET one invoice by id");
	sbt_resp_free(&c);
	snprintf(path, sizeof path, "/billing/v2beta1/invoices/%s/download?file_type=pdf", draft ? str(draft, "id") : "x");
	sbt_get(t, path, &c);
	t_ok(c.status == 200 && c.len > 100 && !strncmp(c.body, "%PDF-", 5), "download gives a PDF");
	sbt_resp_free(&c);
	sbt_resp_free(&r);

	sbt_get(t, "/billing/v2beta1/invoices?order_by=total_taxed_asc&page_size=100", &r);
	int asc = 1;
	const json_t *prev = NULL;
	json_array_foreach(json_object_get(r.json, "invoices"), i, inv) {
		if (prev)
			asc &= cents(json_object_get(prev, "total_taxed")) <= cents(json_object_get(inv, "total_taxed"));
		prev = inv;
	}
	t_ok(asc, "order_by total_taxed_asc sorts by total");
	sbt_resp_free(&r);
	sbt_get(t, "/billing/v2beta1/invoices?billing_period_start_after=2026-01-01T00:00:00Z&order_by=start_date_asc", &r);
	/* The months from January 2026 to the sandbox clock's, inclusive. */
	int cy, cm, cday;
	dd_billing_ymd(dd_sb_now() / 86400, &cy, &cm, &cday);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == (json_int_t)(cy - 2026) * 12 + cm &&
	     !strcmp(str(json_array_get(json_object_get(r.json, "invoices"), 0), "start_date"), "2026-01-01T00:00:00Z"),
	     "billing_period_start_after keeps the months since January 2026 (%d)", (cy - 2026) * 12 + cm);
	sbt_resp_free(&r);
	sbt_get(t, "/billing/v2beta1/invoices?organization_id=99999999-9999-4999-8999-999999999999", &r);
	t_ok(r.status == 403 && !strcmp(str(r.json, "type"), "permissions_denied") &&
	     json_is_array(json_object_get(r.json, "details")), "another Organization: 403 permissions_denied");
	sbt_resp_free(&r);
	sbt_get(t, "/billing/v2beta1/export-invoices?file_type=csv&page_size=5", &r);
	t_ok(r.status == 200 && !strncmp(r.body, "invoice_number,", 15), "export-invoices gives CSV");
	sbt_resp_free(&r);
	sbt_get(t, "/billing/v2beta1/consumptions?billing_period=2026-13", &r);
	t_ok(r.status == 400, "billing_period 2026-13: 400");
	sbt_resp_free(&r);
}

/* The last Dedibox invoice bills every server at its offer price, plus
 * options, plus the business service level. */
static void dedibox(struct sbt *t)
{
	static const char *const zones[] = { "fr-par-1", "fr-par-2", "nl-ams-1" };
	long long expect = 0;
	for (size_t z = 0; z < 3; z++) {
		char path[128];
		struct sbt_resp l;
		snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers?page_size=100", zones[z]);
		sbt_get(t, path, &l);
		const json_t *s;
		size_t i;
		json_array_foreach(json_object_get(l.json, "servers"), i, s) {
			struct sbt_resp g;
			snprintf(path, sizeof path, "/dedibox/v1/zones/%s/servers/%lld", zones[z],
				 (long long)json_integer_value(json_object_get(s, "id")));
			sbt_get(t, path, &g);
			expect += cents(json_object_get(json_object_get(g.json, "offer"), "pricing"));
			int business_option = 0;
			const json_t *o;
			size_t k;
			json_array_foreach(json_object_get(g.json, "options"), k, o) {
				expect += cents(json_object_get(json_object_get(o, "offer"), "pricing"));
				business_option |= json_object_get(json_object_get(o, "offer"), "service_level_info") != NULL;
			}
			if (!strcmp(str(json_object_get(g.json, "level"), "level"), "business") && !business_option)
				expect += 2999;
			sbt_resp_free(&g);
		}
		sbt_resp_free(&l);
	}
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/invoices?order_by=created_at_desc&page_size=1", &r);
	const json_t *last = json_array_get(json_object_get(r.json, "invoices"), 0);
	long long got = cents(json_object_get(last, "total_without_taxes"));
	t_ok(got == expect, "the last Dedibox invoice (%lld cents) bills every server, option and level (%lld)", got, expect);
	/* 20%, rounded half away from zero to the cent (core/money's rule). */
	t_ok(cents(json_object_get(last, "total_with_taxes")) == got + (got * 20 + 50) / 100, "with 20%% VAT");
	t_ok(!strcmp(str(last, "status"), "unpaid") && json_is_null(json_object_get(last, "paid_at")),
	     "the last one is unpaid, not paid_at");
	char path[64];
	snprintf(path, sizeof path, "/dedibox/v1/invoices/%lld", (long long)json_integer_value(json_object_get(last, "id")));
	sbt_resp_free(&r);
	sbt_get(t, path, &r);
	t_ok(r.status == 200 && json_is_string(json_object_get(r.json, "content")), "GET one Dedibox invoice has its content");
	/* One line per server billed, and they add up to the total. */
	const char *content = str(r.json, "content"), *p = content;
	long long lines_sum = 0;
	int nlines = 0;
	while ((p = strstr(p, "\nserver ")) != NULL) {
		const char *eur = strstr(p, ": EUR ");
		long long u = 0, c = 0;
		if (!eur || sscanf(eur, ": EUR %lld.%2lld excl. VAT", &u, &c) != 2)
			break;
		lines_sum += u * 100 + c;
		nlines++;
		p++;
	}
	t_ok(nlines == 30 && lines_sum == got, "its content: one line per server (%d), adding up to the total (%lld)", nlines, lines_sum);
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/invoices/1", &r);
	t_ok(r.status == 404 && !strcmp(str(r.json, "resource"), "invoice"), "unknown Dedibox invoice: 404");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/refunds", &r);
	t_ok(r.status == 200 && json_integer_value(json_object_get(r.json, "total_count")) == 3, "three refunds");
	sbt_resp_free(&r);
	sbt_get(t, "/dedibox/v1/can-order", &r);
	t_ok(json_is_true(json_object_get(r.json, "can_order")) && json_is_true(json_object_get(r.json, "billing_ok")),
	     "can-order: yes, billing ok");
	sbt_resp_free(&r);
}

static const json_t *line_of(const json_t *lines, const char *resource)
{
	size_t i;
	const json_t *l;
	json_array_foreach(lines, i, l)
		if (!strcmp(str(l, "resource_name"), resource))
			return l;
	return NULL;
}

static int line_is(const json_t *lines, const char *resource, const char *qty, long long want)
{
	const json_t *l = line_of(lines, resource);
	if (!l || strcmp(str(l, "billed_quantity"), qty) || cents(json_object_get(l, "value")) != want) {
		fprintf(stderr, "# %s: %s, %lld cents; want %s, %lld\n", resource,
			l ? str(l, "billed_quantity") : "(none)", l ? cents(json_object_get(l, "value")) : -1, qty, want);
		return 0;
	}
	return 1;
}

/* The usage behind the invoices, checked by hand from seed 002's rules
 * (not with the library that computes it): June 2026 has 720 hours. */
static void usage(struct sbt *t)
{
	struct sbt_resp r;
	sbt_get(t, "/billing/v2beta1/consumptions?billing_period=2026-06&page_size=100", &r);
	const json_t *l = json_object_get(r.json, "consumptions");
	/* The Stardust1-s: 720 h x 0.00198 = 1.4256; x 0.0004 = 0.288; the
	 * instance off 20 minutes on the 5th: 719.667 h x 0.00012 = 0.08636. */
	t_ok(line_is(l, "stardust-ip", "720.000", 143) && line_is(l, "stardust-storage", "720.000", 29) &&
	     line_is(l, "stardust", "719.667", 9), "the Stardust1-s of seed 002, split into IP, storage and instance");
	/* Deleted after two hours, billed the Mac mini's 24: 24 x 0.11. */
	t_ok(line_is(l, "mac-ci", "24.000", 264), "a Mac mini deleted after 2 hours is billed 24 hours");
	/* Ten-minute runs on the 1st and 15th billed an hour each, the run at
	 * 23:50 on May 31 (5 minutes) 50 minutes into June, the one on June 30
	 * its first 10 minutes: 3 h x 0.091. */
	t_ok(line_is(l, "batch", "3.000", 27), "60-minute minimums, split at midnight UTC of the month's end");
	/* Created the 20th at 09:00, powered off the 21st, deleted the 25th at
	 * 18:00: 129 h x 0.126 (billed while off). */
	t_ok(line_is(l, "em-build", "129.000", 1625), "Elastic Metal billed from creation to deletion, even off");
	long long sum_n = 0;
	size_t i;
	const json_t *x;
	json_array_foreach(l, i, x)
		sum_n += json_integer_value(json_object_get(json_object_get(x, "value"), "units")) * 1000000000LL +
			 json_integer_value(json_object_get(json_object_get(x, "value"), "nanos"));
	struct dd_money sm = { "EUR", sum_n / 1000000000, (int32_t)(sum_n % 1000000000) };
	long long sum = dd_money_cents(&sm);
	sbt_resp_free(&r);
	sbt_get(t, "/billing/v2beta1/invoices?billing_period_start_after=2026-06-01T00:00:00Z"
		   "&billing_period_start_before=2026-06-01T00:00:00Z", &r);
	const json_t *june = json_array_get(json_object_get(r.json, "invoices"), 0);
	t_ok(june && cents(json_object_get(june, "total_undiscount")) == sum,
	     "June 2026's invoice (%lld cents) is the sum of its lines", sum);
	char pdfpath[128], want[96];
	snprintf(pdfpath, sizeof pdfpath, "/billing/v2beta1/invoices/%s/download", june ? str(june, "id") : "x");
	long long taxed = june ? cents(json_object_get(june, "total_taxed")) : -1;
	snprintf(want, sizeof want, "invoice %lld: EUR %lld.%02lld incl. VAT",
		 june ? (long long)json_integer_value(json_object_get(june, "number")) : -1, taxed / 100, taxed % 100);
	sbt_resp_free(&r);
	sbt_get(t, pdfpath, &r);
	/* A strict reader follows startxref to the table, and each entry to its object. */
	const char *sx = r.body ? strstr(r.body, "startxref\n") : NULL;
	long xo = sx ? atol(sx + 10) : -1;
	int xref_ok = r.status == 200 && r.len > 5 && !memcmp(r.body, "%PDF-", 5) && xo > 0 && (size_t)xo < r.len &&
		      !strncmp(r.body + xo, "xref\n0 6\n", 9);
	for (int k = 1; xref_ok && k <= 5; k++) {
		long o = atol(r.body + xo + 9 + 20 * k);
		char obj[16];
		snprintf(obj, sizeof obj, "%d 0 obj", k);
		xref_ok = o > 0 && (size_t)o < r.len && !strncmp(r.body + o, obj, strlen(obj));
	}
	t_ok(xref_ok && strstr(r.body, want), "the invoice PDF is whole (xref at its offsets) and says \"%s\"", want);
	sbt_resp_free(&r);

	/* The clock moves to noon on the 1st of next month: the draft month
	 * ends and is "stopped" until its issue day, then "issued". */
	sbt_get(t, "/billing/v2beta1/invoices?page_size=2", &r);
	json_int_t before = json_integer_value(json_object_get(r.json, "total_count"));
	char id[64];
	snprintf(id, sizeof id, "%s", str(json_array_get(json_object_get(r.json, "invoices"), 0), "id"));
	sbt_resp_free(&r);
	int64_t now = dd_sb_now(), first, next;
	dd_billing_period(now / 86400, &first, &next);
	dd_sb_clock_advance(next * 86400 + 12 * 3600 - now);
	char path[128];
	snprintf(path, sizeof path, "/billing/v2beta1/invoices/%s", id);
	sbt_get(t, "/billing/v2beta1/invoices?page_size=2", &r);
	const json_t *cur = json_array_get(json_object_get(r.json, "invoices"), 0);
	const json_t *prev = json_array_get(json_object_get(r.json, "invoices"), 1);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == before + 1 && !strcmp(str(cur, "state"), "draft") &&
	     !strcmp(str(prev, "id"), id) && !strcmp(str(prev, "state"), "stopped") &&
	     json_integer_value(json_object_get(prev, "number")) == 0,
	     "on the 1st, a new draft; last month's invoice is stopped, without a number");
	sbt_resp_free(&r);
	dd_sb_clock_advance(2 * 86400);
	sbt_get(t, path, &r);
	t_ok(!strcmp(str(r.json, "state"), "issued") && json_integer_value(json_object_get(r.json, "number")) > 0 &&
	     json_is_string(json_object_get(r.json, "due_date")), "after its issue day it is issued, numbered, with a due date");
	sbt_resp_free(&r);
}

int main(void)
{
	struct dd_sandbox_opts o = { .seed = 8, .servers = 30, .servers_set = 1 };
	struct sbt *t = sbt_start(&o);
	scaleway(t);
	dedibox(t);
	usage(t);
	sbt_stop(t);
	o.servers = 0;
	t = sbt_start(&o);
	struct sbt_resp r;
	sbt_get(t, "/dedibox/v1/invoices", &r);
	t_ok(json_integer_value(json_object_get(r.json, "total_count")) == 0, "no servers, no Dedibox invoices");
	sbt_resp_free(&r);
	sbt_stop(t);
	return t_done();
}
