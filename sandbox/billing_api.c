/* Scaleway Billing v2beta1 (/billing/v2beta1/...): monthly cloud invoices of
 * the demo Organization, the consumption and taxes of the current month and
 * the account-linking discount (€100 for six months, not on Dedibox or
 * Elastic Metal). Fields follow @scaleway/sdk-billing 1.3.0.
 *
 * Everything derives from the seed and the world's clock (November 2026 is
 * the current, draft month); nothing here changes. */
#include "sandbox/billing_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"

#define FIRST_YEAR 2019
#define FIRST_MONTH 6          /* June 2019: the Organization's first invoice */
#define NMONTHS 90             /* June 2019 .. November 2026 (draft) */
#define LINK_MONTH 86          /* August 2026: accounts linked, discount starts */
#define DISCOUNT_CENTS 10000   /* €100 */
#define VAT_PERMILLE 200

struct month {
	int64_t start, stop, issued, due;
	int64_t untaxed, discount, tax, taxed; /* cents */
	const char *state;
	const char *type;
	unsigned number;
	char id[37];
};

static int64_t month_start(int k)
{
	struct tm tm = { 0 };
	tm.tm_year = FIRST_YEAR - 1900 + (FIRST_MONTH - 1 + k) / 12;
	tm.tm_mon = (FIRST_MONTH - 1 + k) % 12;
	tm.tm_mday = 1;
	return (int64_t)timegm(&tm);
}

static void uuid(uint64_t seed, uint64_t a, uint64_t b, char out[37])
{
	uint64_t h = dd_sb_mix(seed, a, b), g = dd_sb_mix(seed, b, a);
	snprintf(out, 37, "%08x-%04x-4%03x-8%03x-%012llx", (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF,
		 (unsigned)h & 0xFFF, (unsigned)(g >> 52), (unsigned long long)(g & 0xFFFFFFFFFFFFULL));
}

static const struct {
	const char *category, *product, *resource, *sku, *unit;
	unsigned qty;
	unsigned cents;
} lines[] = {
	{ "Compute", "Instances DEV1-S", "web-1", "/compute/dev1_s/run_par1", "hour", 720, 734 },
	{ "Compute", "Instances PRO2-XS", "api-1", "/compute/pro2_xs/run_ams1", "hour", 500, 3550 },
	{ "Storage", "Object Storage Standard", "assets-bucket", "/storage/s3/standard/storage_par", "GB-month", 120, 144 },
	{ "Storage", "Block Storage SBS 5K", "vol-data", "/storage/block/sbs_5k_par2", "GB-month", 50, 430 },
	{ "Network", "Load Balancer LB-S", "lb-front", "/network/lb/lb_s_par1", "hour", 720, 720 },
	{ "Managed Databases", "PostgreSQL DB-DEV-S", "pg-main", "/rdb/db_dev_s/run_par1", "hour", 720, 1051 },
	{ "Containers", "Kapsule control plane", "k8s-prod", "/k8s/kapsule/free", "hour", 720, 0 },
	{ "Domains", "Domain renewal example.com", "example.com", "/domains/com/renew", "year", 1, 999 },
};

/* The current month so far: what /consumptions lists. */
static int64_t draft_untaxed(void)
{
	int64_t sum = 0;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		sum += (int64_t)lines[i].cents * 2 / 3;
	return sum;
}

/* Cloud usage of month k before discount, in cents: it grows slowly over
 * the years, with noise; the draft month is what /consumptions lists. */
static int64_t untaxed_of(uint64_t seed, int k)
{
	if (k == NMONTHS - 1)
		return draft_untaxed();
	return 300 + (int64_t)k * 20 + (int64_t)(dd_sb_mix(seed, (uint64_t)k, 500) % 2000);
}

/* Discount left before month k is billed. */
static int64_t discount_left(uint64_t seed, int k)
{
	int64_t left = DISCOUNT_CENTS;
	for (int j = LINK_MONTH; j < k; j++) {
		int64_t untaxed = untaxed_of(seed, j);
		left -= left < untaxed ? left : untaxed;
	}
	return left;
}

static void month(uint64_t seed, int k, struct month *m)
{
	uint64_t h = dd_sb_mix(seed, (uint64_t)k, 500);
	m->start = month_start(k);
	m->stop = month_start(k + 1);
	m->issued = m->stop + 86400;
	m->due = m->issued + 10 * 86400;
	m->untaxed = untaxed_of(seed, k);
	m->discount = 0;
	if (k >= LINK_MONTH) {
		int64_t left = discount_left(seed, k);
		m->discount = left < m->untaxed ? left : m->untaxed;
	}
	m->tax = (m->untaxed - m->discount) * VAT_PERMILLE / 1000;
	m->taxed = m->untaxed - m->discount + m->tax;
	m->type = (h >> 20) % 23 == 0 ? "purchase" : "periodic";
	m->number = k == NMONTHS - 1 ? 0 : 1000000u + (unsigned)k;
	m->state = k == NMONTHS - 1 ? "draft" : k == NMONTHS - 2 ? "issued" : k == NMONTHS - 5 ? "outdated"
		: (h >> 30) % 41 == 0 ? "incomplete" : "paid";
	uuid(seed, (uint64_t)k, 501, m->id);
}


char *dd_sb_pdf(const char *title, unsigned number, int64_t cents)
{
	/* a one-page PDF whose text names the document; enough for a viewer
	 * and for a test to recognise it */
	char text[160];
	snprintf(text, sizeof text, "%s %u: EUR %lld.%02lld", title, number, (long long)(cents / 100), (long long)(cents % 100));
	char *pdf = NULL;
	if (asprintf(&pdf,
		     "%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
		     "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
		     "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
		     "/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n"
		     "4 0 obj<</Length %zu>>stream\nBT /F1 14 Tf 60 780 Td (%s) Tj ET\nendstream endobj\n"
		     "trailer<</Root 1 0 R>>\n%%%%EOF\n",
		     strlen(text) + 31, text) < 0)
		return NULL;
	return pdf;
}

static json_t *invoice_json(const struct month *m)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:I, s:s}",
			 "id", m->id, "organization_id", DD_SANDBOX_ORGANIZATION_ID,
			 "organization_name", "Dedi Demo SAS", "start_date", dd_sb_time_json(m->start),
			 "stop_date", dd_sb_time_json(m->stop), "billing_period", dd_sb_time_json(m->start),
			 "issued_date", m->number ? dd_sb_time_json(m->issued) : json_null(),
			 "due_date", m->number ? dd_sb_time_json(m->due) : json_null(),
			 "total_untaxed", dd_sb_money_json(m->untaxed - m->discount), "total_taxed", dd_sb_money_json(m->taxed),
			 "total_tax", dd_sb_money_json(m->tax), "total_discount", dd_sb_money_json(m->discount),
			 "total_undiscount", dd_sb_money_json(m->untaxed), "type", m->type, "state", m->state,
			 "number", (json_int_t)m->number, "seller_name", "Scaleway SAS");
}

/* Checks organization_id: absent, or the demo Organization. */
static int org_ok(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	const char *org = dd_sb_query(r, "organization_id");
	if (!org || !*org || strcasecmp(org, DD_SANDBOX_ORGANIZATION_ID) == 0)
		return 1;
	if (!dd_sb_is_uuid(org)) {
		dd_sb_scw_invalid(resp, "organization_id", "format", "must be a UUID");
		return 0;
	}
	dd_sb_reply(resp, 403, json_pack("{s:[{s:s, s:s}], s:s, s:s}", "details", "resource", "billing",
					 "action", "read", "message", "insufficient permissions",
					 "type", "permissions_denied"));
	return 0;
}

static int parse_time(const char *s, int64_t *out)
{
	struct tm tm = { 0 };
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end)
		return -1;
	if (*end == '.')
		for (end++; *end >= '0' && *end <= '9'; end++)
			;
	if (strcmp(end, "Z") != 0)
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

static const char *const invoice_orders[] = {
	"invoice_number_desc", "invoice_number_asc", "start_date_desc", "start_date_asc",
	"issued_date_desc", "issued_date_asc", "due_date_desc", "due_date_asc",
	"total_untaxed_desc", "total_untaxed_asc", "total_taxed_desc", "total_taxed_asc",
	"invoice_type_desc", "invoice_type_asc", NULL,
};

struct sort_ctx {
	const struct month *all;
	int key; /* index in invoice_orders */
};

static int cmp_month(const void *a, const void *b, void *ctx)
{
	const struct sort_ctx *c = ctx;
	const struct month *x = &c->all[*(const int *)a], *y = &c->all[*(const int *)b];
	int64_t d;
	switch (c->key / 2) {
	case 4: d = (x->untaxed - x->discount) - (y->untaxed - y->discount); break;
	case 5: d = x->taxed - y->taxed; break;
	case 6: d = strcmp(x->type, y->type); break;
	default: d = x->start - y->start; break; /* number, dates: all follow the month */
	}
	if (d == 0)
		d = x->start - y->start;
	return (c->key % 2 == 0 ? -1 : 1) * (d > 0 ? 1 : d < 0 ? -1 : 0);
}

/* The months matching the list filters, in the asked order; -1 on a 400. */
static int select_invoices(const struct dd_sb_req *r, struct dd_sb_resp *resp, struct dd_sb_page *pg,
			   struct month all[NMONTHS], int idx[NMONTHS], int *n)
{
	if (dd_sb_page_parse(r, resp, invoice_orders, pg) < 0 || !org_ok(r, resp))
		return -1;
	const char *after = dd_sb_query(r, "billing_period_start_after");
	const char *before = dd_sb_query(r, "billing_period_start_before");
	const char *type = dd_sb_query(r, "invoice_type");
	int64_t ta = INT64_MIN, tb = INT64_MAX;
	if (after && parse_time(after, &ta) < 0) {
		dd_sb_scw_invalid(resp, "billing_period_start_after", "format", "must be an RFC 3339 date");
		return -1;
	}
	if (before && parse_time(before, &tb) < 0) {
		dd_sb_scw_invalid(resp, "billing_period_start_before", "format", "must be an RFC 3339 date");
		return -1;
	}
	if (type && strcmp(type, "periodic") && strcmp(type, "purchase") && strcmp(type, "unknown_type")) {
		dd_sb_scw_invalid(resp, "invoice_type", "constraint", "must be one of periodic, purchase");
		return -1;
	}
	*n = 0;
	for (int k = 0; k < NMONTHS; k++) {
		month(r->world->seed, k, &all[k]);
		if (all[k].start < ta || all[k].start > tb)
			continue;
		if (type && strcmp(type, "unknown_type") && strcmp(type, all[k].type))
			continue;
		idx[(*n)++] = k;
	}
	struct sort_ctx ctx = { all, pg->order };
	qsort_r(idx, (size_t)*n, sizeof *idx, cmp_month, &ctx);
	return 0;
}

static void list_invoices(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	struct month all[NMONTHS];
	int idx[NMONTHS], n;
	if (select_invoices(r, resp, &pg, all, idx, &n) < 0)
		return;
	json_t *arr = json_array();
	size_t first = dd_sb_page_first(&pg);
	for (size_t i = first; i < (size_t)n && i < first + pg.size; i++)
		json_array_append_new(arr, invoice_json(&all[idx[i]]));
	dd_sb_reply(resp, 200, json_pack("{s:I, s:o}", "total_count", (json_int_t)n, "invoices", arr));
}

static void export_invoices(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	struct dd_sb_page pg;
	struct month all[NMONTHS];
	int idx[NMONTHS], n;
	const char *ft = dd_sb_query(r, "file_type");
	if (ft && strcmp(ft, "csv") != 0) {
		dd_sb_scw_invalid(resp, "file_type", "constraint", "must be csv");
		return;
	}
	if (select_invoices(r, resp, &pg, all, idx, &n) < 0)
		return;
	size_t cap = 256 + (size_t)n * 160, len = 0;
	char *csv = malloc(cap);
	if (!csv) {
		dd_sb_reply(resp, 500, NULL);
		return;
	}
	len += (size_t)snprintf(csv, cap, "invoice_number,type,state,start_date,issued_date,total_untaxed,total_taxed,currency\n");
	size_t first = dd_sb_page_first(&pg);
	for (size_t i = first; i < (size_t)n && i < first + pg.size; i++) {
		const struct month *m = &all[idx[i]];
		char start[32], issued[32] = "";
		dd_sb_time_str(m->start, 0, start);
		if (m->number)
			dd_sb_time_str(m->issued, 0, issued);
		len += (size_t)snprintf(csv + len, cap - len, "%u,%s,%s,%s,%s,%lld.%02lld,%lld.%02lld,EUR\n",
					m->number, m->type, m->state, start, issued,
					(long long)((m->untaxed - m->discount) / 100), (long long)((m->untaxed - m->discount) % 100),
					(long long)(m->taxed / 100), (long long)(m->taxed % 100));
	}
	dd_sb_reply_bytes(resp, 200, "text/csv; charset=utf-8", csv, len);
}

static int find_invoice(const struct dd_sb_req *r, struct dd_sb_resp *resp, struct month *m)
{
	for (int k = 0; k < NMONTHS; k++) {
		month(r->world->seed, k, m);
		if (strcasecmp(m->id, r->segs[1]) == 0)
			return 0;
	}
	if (!dd_sb_is_uuid(r->segs[1]))
		dd_sb_scw_invalid(resp, "invoice_id", "format", "must be a UUID");
	else
		dd_sb_scw_not_found(resp, "invoice", r->segs[1]);
	return -1;
}

static void download(const struct dd_sb_req *r, const struct month *m, struct dd_sb_resp *resp)
{
	const char *ft = dd_sb_query(r, "file_type");
	if (ft && strcmp(ft, "pdf") != 0) {
		dd_sb_scw_invalid(resp, "file_type", "constraint", "must be pdf");
		return;
	}
	char *pdf = dd_sb_pdf("Scaleway SAS invoice", m->number, m->taxed);
	if (!pdf)
		dd_sb_reply(resp, 500, NULL);
	else
		dd_sb_reply_bytes(resp, 200, "application/pdf", pdf, strlen(pdf));
}

static void consumptions(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "updated_at_desc", "updated_at_asc", "category_name_desc",
					      "category_name_asc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !org_ok(r, resp))
		return;
	const char *cat = dd_sb_query(r, "category_name"), *period = dd_sb_query(r, "billing_period");
	int y, mo;
	char tail;
	if (period && *period && (sscanf(period, "%4d-%2d%c", &y, &mo, &tail) != 2 || strlen(period) != 7 || mo < 1 || mo > 12)) {
		dd_sb_scw_invalid(resp, "billing_period", "format", "must be a month like 2026-11");
		return;
	}
	size_t n = sizeof lines / sizeof lines[0], total = 0, first = dd_sb_page_first(&pg);
	size_t order[sizeof lines / sizeof lines[0]];
	for (size_t i = 0; i < n; i++)
		order[i] = pg.order == 2 ? n - 1 - i : i; /* the table is by category name */
	json_t *arr = json_array();
	for (size_t k = 0; k < n; k++) {
		size_t i = order[k];
		if (cat && strcmp(cat, lines[i].category) != 0)
			continue;
		if (total >= first && total < first + pg.size) {
			char qty[16], consumer[37];
			snprintf(qty, sizeof qty, "%u", lines[i].qty);
			uuid(r->world->seed, i, 600, consumer);
			json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
				"value", dd_sb_money_json((int64_t)lines[i].cents * 2 / 3), "product_name", lines[i].product,
				"resource_name", lines[i].resource, "sku", lines[i].sku,
				"project_id", DD_SANDBOX_PROJECT_ID, "category_name", lines[i].category,
				"unit", lines[i].unit, "billed_quantity", qty, "consumer_id", consumer));
		}
		total++;
	}
	struct month m;
	month(r->world->seed, NMONTHS - 1, &m);
	dd_sb_reply(resp, 200, json_pack("{s:o, s:I, s:f, s:o}", "consumptions", arr, "total_count", (json_int_t)total,
					 "total_discount_untaxed_value", (double)m.discount / 100.0,
					 "updated_at", dd_sb_time_json(month_start(NMONTHS - 1))));
}

static void taxes(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "updated_at_desc", "updated_at_asc", "category_name_desc",
					      "category_name_asc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !org_ok(r, resp))
		return;
	struct month m;
	month(r->world->seed, NMONTHS - 1, &m);
	json_t *arr = json_array();
	if (dd_sb_page_first(&pg) == 0)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f}", "description", "FR VAT 20%",
						     "currency", "EUR", "rate", 0.2, "total_tax_value", (double)m.tax / 100.0));
	dd_sb_reply(resp, 200, json_pack("{s:o, s:i, s:o}", "taxes", arr, "total_count", 1,
					 "updated_at", dd_sb_time_json(month_start(NMONTHS - 1))));
}

static void discounts(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "creation_date_desc", "creation_date_asc", "start_date_desc",
					      "start_date_asc", "stop_date_desc", "stop_date_asc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !org_ok(r, resp))
		return;
	char id[37];
	uuid(r->world->seed, 1, 700, id);
	int64_t start = month_start(LINK_MONTH) + 14 * 86400;
	struct tm tm;
	time_t st = (time_t)start;
	gmtime_r(&st, &tm);
	tm.tm_mon += 6;
	int64_t stop = (int64_t)timegm(&tm);
	int64_t left = discount_left(r->world->seed, NMONTHS - 1);
	json_t *arr = json_array();
	if (dd_sb_page_first(&pg) == 0)
		json_array_append_new(arr, json_pack(
			"{s:s, s:o, s:s, s:s, s:f, s:f, s:f, s:s, s:o, s:o, s:{s:s}, s:[{s:s, s:s, s:b}, {s:s, s:s, s:b}]}",
			"id", id, "creation_date", dd_sb_time_json(start), "organization_id", DD_SANDBOX_ORGANIZATION_ID,
			"description", "Account linking: EUR 100 on Scaleway cloud services for six months",
			"value", DISCOUNT_CENTS / 100.0, "value_used", (double)(DISCOUNT_CENTS - left) / 100.0,
			"value_remaining", (double)left / 100.0, "mode", "discount_mode_value",
			"start_date", dd_sb_time_json(start), "stop_date", dd_sb_time_json(stop),
			"coupon", "description", "Dedibox and Scaleway account linking",
			"filters", "type", "product_range", "value", "dedibox", "exclude", 1,
			"type", "product_range", "value", "elastic_metal", "exclude", 1));
	dd_sb_reply(resp, 200, json_pack("{s:i, s:o}", "total_count", 1, "discounts", arr));
}

void dd_sb_billing_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (strcmp(r->method, "GET") != 0) {
		if (r->nsegs == 1 && strcmp(r->segs[0], "redeem-coupon") == 0)
			dd_sb_scw_invalid(resp, "code", "constraint", "this coupon code does not exist");
		else
			dd_sb_scw_method(resp, "GET");
		return;
	}
	const char *s0 = r->nsegs ? r->segs[0] : "";
	struct month m;
	if (r->nsegs == 1 && strcmp(s0, "invoices") == 0)
		list_invoices(r, resp);
	else if (r->nsegs == 1 && strcmp(s0, "export-invoices") == 0)
		export_invoices(r, resp);
	else if (r->nsegs == 2 && strcmp(s0, "invoices") == 0) {
		if (find_invoice(r, resp, &m) == 0)
			dd_sb_reply(resp, 200, invoice_json(&m));
	} else if (r->nsegs == 3 && strcmp(s0, "invoices") == 0 && strcmp(r->segs[2], "download") == 0) {
		if (find_invoice(r, resp, &m) == 0)
			download(r, &m, resp);
	} else if (r->nsegs == 1 && strcmp(s0, "consumptions") == 0)
		consumptions(r, resp);
	else if (r->nsegs == 1 && strcmp(s0, "taxes") == 0)
		taxes(r, resp);
	else if (r->nsegs == 1 && strcmp(s0, "discounts") == 0)
		discounts(r, resp);
	else
		dd_sb_scw_no_route(resp);
}
