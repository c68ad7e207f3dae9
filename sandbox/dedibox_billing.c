/* Dedibox v1 billing (zone-less): invoices, refunds, can-order. A month's
 * invoice bills every server created before the month ended, at its offer
 * price plus options (world->price_prefix), plus 20% VAT. The calendar
 * follows the sandbox clock (dd_sb_now): a month's invoice exists once it
 * is created, an hour into the next month, and the newest is unpaid.
 *
 * A busy account (--invoices N, world->inv_batch) is billed in batches: a
 * month's servers, in order, on invoices of at most inv_batch servers
 * each, every invoice with its own lines, totals and VAT, one second
 * apart. The servers a month bills and what each costs are the same; only
 * how many documents carry them changes. */
#include "sandbox/dedibox_billing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/vat.h"
#include "sandbox/billing_api.h"
#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"
#include "sandbox/server.h"

#define FIRST_YEAR 2011
#define FIRST_MONTH 6      /* the world's first server: June 2011 */
#define MAX_MONTHS 1200    /* June 2011 .. the clock's previous month, bounded */
#define INVOICE_BASE 7000000u
#define REFUND_BASE 8000000u
#define NREFUNDS 3
/* Invoice j of month k has id INVOICE_BASE + k + MONTH_IDS * j (j = 0:
 * the one invoice of an unbatched month), below REFUND_BASE. */
#define MONTH_IDS 1200u
#define MAX_BATCHES ((REFUND_BASE - INVOICE_BASE) / MONTH_IDS)

struct inv {
	uint32_t id;
	int64_t created, paid;
	int64_t untaxed, taxed;
	const char *status, *method;
	uint32_t transaction;
	size_t first, servers; /* the servers it bills: [first, first + servers) */
	char *content;   /* one()'s: the lines, owned */
};

static int64_t month_start(int k)
{
	struct tm tm = { 0 };
	tm.tm_year = FIRST_YEAR - 1900 + (FIRST_MONTH - 1 + k) / 12;
	tm.tm_mon = (FIRST_MONTH - 1 + k) % 12;
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

/* How many invoices the clock has seen created (month k's is created an
 * hour into month k + 1), at least 1 so the world always has one. */
static int nmonths(void)
{
	int64_t t = dd_sb_now();
	int k = 1;

	while (k < MAX_MONTHS && month_start(k + 1) + 3600 <= t)
		k++;
	return k;
}

/* Servers created before t: a prefix of the array. */
static size_t created_before(const struct dd_sb_world *w, int64_t t)
{
	size_t lo = 0, hi = w->nservers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->servers[mid].created_at < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The VAT of the demo customer (an individual in France; in the Netherlands
 * in the country-mismatch scenario) on an amount
 * invoiced at t, by core/vat's table and rounding. */
static int64_t vat_cents(const struct dd_sb_world *w, int64_t untaxed, int64_t t)
{
	const struct dd_vat_customer customer = { dd_sb_scn_dedibox_country(w->scenario), false, NULL };
	struct dd_vat_decision d;
	struct dd_money un, vat;
	struct dd_error e;

	dd_money_from_cents(untaxed, "EUR", &un);
	if (dd_vat_decide(&customer, t / 86400, &d, &e) < 0 || dd_vat_amount(&un, d.bp, &vat, &e) < 0)
		return 0;
	return dd_money_cents(&vat);
}

/* How many invoices month k has with batches of b servers (0: one). */
static size_t month_invoices(const struct dd_sb_world *w, int k, size_t b)
{
	size_t n = created_before(w, month_start(k + 1));
	return n == 0 ? 0 : b == 0 ? 1 : (n + b - 1) / b;
}

/* 0 when month k has no invoice j (no server yet, or fewer batches). */
static int invoice(const struct dd_sb_world *w, int k, size_t j, int nm, struct inv *v)
{
	static const char *const methods[] = { "credit_card", "credit_card", "credit_card", "credit_card",
					       "credit_card", "credit_card", "credit_card", "direct_debit",
					       "paypal", "transfer", "amex" };
	size_t n = created_before(w, month_start(k + 1)), b = w->inv_batch ? w->inv_batch : n;
	if (n == 0 || j >= month_invoices(w, k, w->inv_batch))
		return 0;
	uint32_t rel = (uint32_t)k + MONTH_IDS * (uint32_t)j;
	uint64_t h = dd_sb_mix(w->seed, rel, 900);
	v->id = INVOICE_BASE + rel;
	v->first = j * b;
	v->servers = n - v->first < b ? n - v->first : b;
	v->created = month_start(k + 1) + 3600 + (int64_t)j;
	v->untaxed = w->price_prefix[v->first + v->servers] - w->price_prefix[v->first];
	v->taxed = v->untaxed + vat_cents(w, v->untaxed, v->created);
	v->status = k == nm - 1 ? "unpaid" : h % 53 == 7 ? "errored" : "paid";
	v->method = dd_sb_scn_invoice_method(w->scenario, k, nm,
					     methods[(h >> 8) % (sizeof methods / sizeof methods[0])]);
	v->paid = strcmp(v->status, "paid") == 0 ? v->created + 2 * 86400 : 0;
	v->transaction = v->paid ? 90000000u + rel : 0;
	return 1;
}

/* The invoice's lines, one per server it bills ("server ID HOSTNAME
 * OFFER: EUR X.YY excl. VAT", the server's month: offer, options and
 * level), then the totals; read under the world's lock. NULL on ENOMEM. */
static char *invoice_lines(const struct dd_sb_world *w, const struct inv *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	fprintf(f, "Dedibox invoice %u\n", v->id);
	for (size_t i = v->first; i < v->first + v->servers && i < w->nservers; i++) {
		const struct dd_sb_server *s = &w->servers[i];
		int64_t c = dd_sb_monthly_cents(s);
		fprintf(f, "server %u %s %s: EUR %lld.%02lld excl. VAT\n", s->id, s->hostname,
			dd_sb_offers[s->offer].name, (long long)(c / 100), (long long)(c % 100));
	}
	fprintf(f, "total: EUR %lld.%02lld excl. VAT, EUR %lld.%02lld VAT, EUR %lld.%02lld incl. VAT",
		(long long)(v->untaxed / 100), (long long)(v->untaxed % 100),
		(long long)((v->taxed - v->untaxed) / 100), (long long)((v->taxed - v->untaxed) % 100),
		(long long)(v->taxed / 100), (long long)(v->taxed % 100));
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static json_t *invoice_json(const struct inv *v, int full)
{
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:s, s:I}", "id", (json_int_t)v->id,
			      "total_with_taxes", dd_sb_money_json(v->taxed), "total_without_taxes", dd_sb_money_json(v->untaxed),
			      "created_at", dd_sb_time_json(v->created),
			      "paid_at", v->paid ? dd_sb_time_json(v->paid) : json_null(),
			      "status", v->status, "payment_method", v->method,
			      "transaction_id", (json_int_t)v->transaction);
	if (o && full)
		json_object_set_new(o, "content", v->content ? json_string(v->content) : json_string(""));
	return o;
}

struct refund {
	uint32_t id;
	int64_t created, refunded, untaxed;
	const char *status, *method;
};

static int refund(const struct dd_sb_world *w, unsigned i, struct refund *f)
{
	static const char *const statuses[NREFUNDS] = { "paid", "paid", "unpaid" };
	static const char *const methods[NREFUNDS] = { "credit_card", "transfer", "paypal" };
	if (w->nservers == 0 || i >= NREFUNDS)
		return 0;
	uint64_t h = dd_sb_mix(w->seed, i, 950);
	f->id = REFUND_BASE + i;
	f->created = month_start(nmonths() - 30 + (int)i * 12) + (int64_t)(h % (20 * 86400));
	f->refunded = strcmp(statuses[i], "paid") == 0 ? f->created + 5 * 86400 : 0;
	f->untaxed = 500 + (int64_t)(h % 4000);
	f->status = statuses[i];
	f->method = methods[i];
	return 1;
}

static json_t *refund_json(const struct dd_sb_world *w, const struct refund *f, int full)
{
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:s}", "id", (json_int_t)f->id,
			      "total_with_taxes", dd_sb_money_json(f->untaxed + vat_cents(w, f->untaxed, f->created)),
			      "total_without_taxes", dd_sb_money_json(f->untaxed), "created_at", dd_sb_time_json(f->created),
			      "refunded_at", f->refunded ? dd_sb_time_json(f->refunded) : json_null(),
			      "status", f->status, "method", f->method);
	if (o && full)
		json_object_set_new(o, "content", json_string("Refund of an unused period after a server termination"));
	return o;
}

static int project_ok(const struct dd_sb_req *r, struct dd_sb_resp *resp, int *other)
{
	const char *p = dd_sb_query(r, "project_id");
	*other = 0;
	if (p && *p && !dd_sb_is_uuid(p)) {
		dd_sb_scw_invalid(resp, "project_id", "format", "must be a UUID");
		return 0;
	}
	*other = p && *p && strcasecmp(p, DD_SANDBOX_PROJECT_ID) != 0;
	return 1;
}

/* The invoices of months [0, nm), in order or reversed: the month and
 * batch of the i-th, found by counting each month's batches (a page is
 * built from its own invoices only, however many the account has). */
static void list_invoices(const struct dd_sb_world *w, const struct dd_sb_page *pg, json_t *arr, size_t *total)
{
	int nm = nmonths();
	size_t first = dd_sb_page_first(pg), seen = 0;
	for (int k = 0; k < nm; k++) {
		int mk = pg->order == 1 ? nm - 1 - k : k;
		size_t m = month_invoices(w, mk, w->inv_batch);
		for (size_t j = 0; j < m && seen + j < first + pg->size; j++) {
			struct inv v;
			if (seen + j >= first && invoice(w, mk, pg->order == 1 ? m - 1 - j : j, nm, &v))
				json_array_append_new(arr, invoice_json(&v, 0));
		}
		seen += m;
	}
	*total = seen;
}

static void list(const struct dd_sb_req *r, int refunds, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "created_at_asc", "created_at_desc", NULL };
	struct dd_sb_page pg;
	int other;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !project_ok(r, resp, &other))
		return;
	json_t *arr = json_array();
	size_t total = 0, first = dd_sb_page_first(&pg);
	pthread_rwlock_rdlock(&r->world->lock);
	if (!other && !refunds)
		list_invoices(r->world, &pg, arr, &total);
	for (int k = 0; !other && refunds && k < NREFUNDS; k++) {
		int i = pg.order == 1 ? NREFUNDS - 1 - k : k;
		struct refund f;
		if (!refund(r->world, (unsigned)i, &f))
			continue;
		if (total >= first && total < first + pg.size)
			json_array_append_new(arr, refund_json(r->world, &f, 0));
		total++;
	}
	pthread_rwlock_unlock(&r->world->lock);
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)total,
					 refunds ? "refunds" : "invoices", arr));
}

static void one(const struct dd_sb_req *r, int refunds, int download, struct dd_sb_resp *resp)
{
	uint32_t id;
	struct inv v = { .content = NULL };
	struct refund f;
	const char *arg = refunds ? "refund_id" : "invoice_id";
	if (dd_sb_parse_id(r->segs[1], &id) < 0) {
		dd_sb_scw_invalid(resp, arg, "format", "must be a positive integer");
		return;
	}
	int nm = nmonths();
	pthread_rwlock_rdlock(&r->world->lock);
	int found = refunds ? id >= REFUND_BASE && refund(r->world, id - REFUND_BASE, &f)
			    : id >= INVOICE_BASE && id < REFUND_BASE && (id - INVOICE_BASE) % MONTH_IDS < (uint32_t)nm &&
				      invoice(r->world, (int)((id - INVOICE_BASE) % MONTH_IDS), (id - INVOICE_BASE) / MONTH_IDS, nm, &v);
	v.content = !refunds && found && !download ? invoice_lines(r->world, &v) : NULL;
	pthread_rwlock_unlock(&r->world->lock);
	if (!found) {
		dd_sb_scw_not_found(resp, refunds ? "refund" : "invoice", r->segs[1]);
	} else if (download) {
		char *pdf = refunds ? dd_sb_pdf("Dedibox refund", f.id, f.untaxed + f.untaxed / 5)
				    : dd_sb_pdf("Dedibox invoice", v.id, v.taxed);
		if (pdf)
			dd_sb_reply_bytes(resp, 200, "application/pdf", pdf, strlen(pdf));
		else
			dd_sb_reply(resp, 500, NULL);
	} else {
		dd_sb_reply(resp, 200, refunds ? refund_json(r->world, &f, 1) : invoice_json(&v, 1));
	}
	if (!refunds)
		free(v.content);
}

int dd_sb_dedibox_billing(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	const char *s0 = r->nsegs ? r->segs[0] : "";
	int refunds = strcmp(s0, "refunds") == 0;
	if (!refunds && strcmp(s0, "invoices") != 0 && strcmp(s0, "can-order") != 0)
		return 0;
	if (strcmp(r->method, "GET") != 0) {
		dd_sb_scw_method(resp, "GET");
	} else if (strcmp(s0, "can-order") == 0 && r->nsegs == 1) {
		int other;
		/* the checks a test made fail (POST /__sandbox/account?fail=...) */
		unsigned b = __atomic_load_n(&r->world->order_blocks, __ATOMIC_ACQUIRE);
		if (project_ok(r, resp, &other))
			dd_sb_reply(resp, 200, json_pack("{s:b, s:o, s:b, s:b, s:b, s:b, s:b, s:b}", "can_order", !b,
							 "message", b ? json_string("your account cannot order for now") : json_null(),
							 "quota_ok", !(b & DD_SB_BLOCK_QUOTA), "phone_confirmed", !(b & DD_SB_BLOCK_PHONE),
							 "email_confirmed", !(b & DD_SB_BLOCK_EMAIL), "user_confirmed", !(b & DD_SB_BLOCK_USER),
							 "payment_mode", !(b & DD_SB_BLOCK_PAYMENT), "billing_ok", !(b & DD_SB_BLOCK_BILLING)));
	} else if (r->nsegs == 1 && strcmp(s0, "can-order") != 0) {
		list(r, refunds, resp);
	} else if (r->nsegs == 2 && strcmp(s0, "can-order") != 0) {
		one(r, refunds, 0, resp);
	} else if (r->nsegs == 3 && strcmp(s0, "can-order") != 0 && strcmp(r->segs[2], "download") == 0) {
		one(r, refunds, 1, resp);
	} else {
		dd_sb_scw_no_route(resp);
	}
	return 1;
}

/* The Dedibox invoices of a month's batches of b servers, up to now. */
static size_t count_with(const struct dd_sb_world *w, size_t b)
{
	size_t c = 0;
	for (int k = 0, nm = nmonths(); k < nm; k++)
		c += month_invoices(w, k, b);
	return c;
}

int dd_sb_dedibox_invoices_plan(struct dd_sb_world *w, unsigned n, char *err, size_t errlen)
{
	size_t scw = (size_t)dd_sb_scw_invoice_months();
	size_t want = n > scw ? n - scw : 0, lo, hi;
	w->inv_batch = 0;
	if (want <= count_with(w, 0))
		return 0;
	/* the fewest servers an invoice can hold within the ids of a month */
	lo = w->nservers / MAX_BATCHES + 1;
	if (w->nservers == 0 || count_with(w, lo) < want) {
		size_t most = w->nservers ? count_with(w, lo) : 0;
		snprintf(err, errlen,
			 "--invoices %u: a world of %zu servers has at most %zu invoices "
			 "(%zu Dedibox, %zu Scaleway); add servers with --servers",
			 n, w->nservers, most + scw, most, scw);
		return -1;
	}
	/* the largest batch that still makes enough invoices */
	hi = w->nservers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo + 1) / 2;
		if (count_with(w, mid) >= want)
			lo = mid;
		else
			hi = mid - 1;
	}
	w->inv_batch = lo;
	return 0;
}
