/* Scaleway Billing v2beta1 (/billing/v2beta1/...): monthly cloud invoices of
 * the demo Organization, the consumption and taxes of the current month and
 * the account-linking discount (€100 for six months, not on Dedibox or
 * Elastic Metal). Fields follow @scaleway/sdk-billing 1.3.0.
 *
 * Every amount is computed by the rules library from the simulated usage
 * of billing_usage.c: a month's untaxed total is the sum of its resources'
 * lines, its VAT is core/vat's for the demo customer (an individual in
 * France). The sandbox clock (dd_sb_now) decides the current, draft month:
 * invoices run from June 2019 to it, the previous month is "stopped" until
 * its issue day, and the draft's consumption is billed up to now. */
#include "sandbox/billing_api.h"

#include "core/billing_payg.h"
#include "core/vat.h"
#include "sandbox/billing_usage.h"
#include "sandbox/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sandbox/dedibox_json.h"
#include "sandbox/dedibox_paging.h"
#include "sandbox/sandbox.h"
#include "sandbox/scenario.h"

#define FIRST_YEAR 2019
#define FIRST_MONTH 6          /* June 2019: the Organization's first invoice */
#define MAX_MONTHS 400        /* June 2019 .. the clock's month, bounded */
#define LINK_MONTH 88          /* October 2026: accounts linked, discount starts */
#define DISCOUNT_CENTS 10000   /* €100 */
#define LINK_DAY_OFFSET (14 * 86400) /* the discount starts on the 15th */

/* The demo customer: seed 002's consumer case, VAT of France. */
static const struct dd_vat_customer customer = { "FR", false, NULL };

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

/* How many months from June 2019 to the clock's (the draft), at least 1. */
static int nmonths(void)
{
	int64_t t = dd_sb_now();
	int k = 0;

	while (k + 1 < MAX_MONTHS && month_start(k + 1) <= t)
		k++;
	return k + 1;
}

int dd_sb_scw_invoice_months(void)
{
	return nmonths();
}

/* The instant month k is billed up to: now for the draft, its end else. */
static int64_t billed_to(int k, int n)
{
	int64_t now = dd_sb_now(), stop = month_start(k + 1);

	if (k < n - 1)
		return stop;
	return now < month_start(k) ? month_start(k) : now >= stop ? stop - 1 : now;
}

/* Cloud usage of month k before discount, in cents (billing_usage.c). */
static int64_t untaxed_of(uint64_t seed, int k, int n)
{
	return dd_sb_usage_cents(seed, month_start(k), month_start(k + 1), billed_to(k, n));
}

/* What the linking discount may pay of month k, in cents: its filters
 * exclude the dedibox and elastic_metal product ranges, so the Elastic
 * Metal server's lines are not its to pay (the sum of the other lines). */
static int64_t discountable_to(uint64_t seed, int k, int64_t to)
{
	struct dd_sb_usage_line lines[DD_SB_USAGE_MAX];
	size_t nl = dd_sb_usage_month(seed, month_start(k), month_start(k + 1), to, lines);
	int64_t c = 0;

	for (size_t i = 0; i < nl; i++)
		if (strncmp(lines[i].product, "Elastic Metal", 13) != 0)
			c += lines[i].cents;
	return c;
}

/* The discount pays from its start date (the 15th of the link month):
 * what was billed before it is not its to pay. */
static int64_t discountable_of(uint64_t seed, int k, int n)
{
	int64_t c = discountable_to(seed, k, billed_to(k, n));

	if (k == LINK_MONTH) {
		int64_t start = month_start(LINK_MONTH) + LINK_DAY_OFFSET;
		int64_t before = discountable_to(seed, k, billed_to(k, n) < start ? billed_to(k, n) : start);
		c = c > before ? c - before : 0;
	}
	return c;
}

/* Discount left before month k is billed. */
static int64_t discount_left(uint64_t seed, int k, int n)
{
	int64_t left = DISCOUNT_CENTS;
	for (int j = LINK_MONTH; j < k; j++) {
		int64_t d = discountable_of(seed, j, n);
		left -= left < d ? left : d;
	}
	return left;
}

/* The VAT rate of the demo customer on a second, basis points. */
static int vat_bp(int64_t t)
{
	struct dd_vat_decision d;
	struct dd_error e;

	return dd_vat_decide(&customer, t / 86400, &d, &e) == 0 ? d.bp : 0;
}

static void month(uint64_t seed, int k, int n, struct month *m)
{
	uint64_t h = dd_sb_mix(seed, (uint64_t)k, 500);
	struct dd_money un, tax;
	struct dd_error e;

	m->start = month_start(k);
	m->stop = month_start(k + 1);
	m->issued = m->stop + 86400;
	m->due = m->issued + 10 * 86400;
	m->untaxed = untaxed_of(seed, k, n);
	m->discount = 0;
	if (k >= LINK_MONTH) {
		int64_t left = discount_left(seed, k, n), d = discountable_of(seed, k, n);
		m->discount = left < d ? left : d;
	}
	dd_money_from_cents(m->untaxed - m->discount, "EUR", &un);
	m->tax = dd_vat_amount(&un, vat_bp(k == n - 1 ? billed_to(k, n) : m->stop - 1), &tax, &e) == 0
			 ? dd_money_cents(&tax) : 0;
	m->taxed = m->untaxed - m->discount + m->tax;
	m->type = (h >> 20) % 23 == 0 ? "purchase" : "periodic";
	/* Seed 002: "Stopped: the billing period has ended, but the invoice
	 * is not yet issued". */
	bool stopped = k == n - 2 && dd_sb_now() < m->issued;
	m->number = k == n - 1 || stopped ? 0 : 1000000u + (unsigned)k;
	m->state = k == n - 1 ? "draft" : stopped ? "stopped" : k == n - 2 ? "issued"
		: k == n - 5 ? "outdated" : (h >> 30) % 41 == 0 ? "incomplete" : "paid";
	uuid(seed, (uint64_t)k, 501, m->id);
}


char *dd_sb_pdf(const char *title, unsigned number, int64_t cents)
{
	/* A one-page PDF 1.4 whose text names the document and its total,
	 * with a cross-reference table at the offsets it has, so a strict
	 * reader opens it. The text holds no ( ) or \ to escape. */
	char text[160], stream[256];
	long long a = cents < 0 ? -(long long)cents : (long long)cents;
	snprintf(text, sizeof text, "%s %u: EUR %s%lld.%02lld incl. VAT", title, number,
		 cents < 0 ? "-" : "", a / 100, a % 100);
	for (char *c = text; *c; c++)
		if (*c == '(' || *c == ')' || *c == '\\')
			*c = ' ';
	int sl = snprintf(stream, sizeof stream, "BT /F1 14 Tf 60 780 Td (%s) Tj ET", text);
	const char *objs[5];
	char o4[400];
	snprintf(o4, sizeof o4, "4 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", sl, stream);
	objs[0] = "1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n";
	objs[1] = "2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n";
	objs[2] = "3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
		  "/Resources<</Font<</F1 5 0 R>>>>>>\nendobj\n";
	objs[3] = o4;
	objs[4] = "5 0 obj\n<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>\nendobj\n";
	char *pdf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&pdf, &len);
	if (!f)
		return NULL;
	long off[5];
	fputs("%PDF-1.4\n", f);
	for (int i = 0; i < 5; i++) {
		off[i] = ftell(f);
		fputs(objs[i], f);
	}
	long xref = ftell(f);
	fputs("xref\n0 6\n0000000000 65535 f \n", f);
	for (int i = 0; i < 5; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<</Size 6/Root 1 0 R>>\nstartxref\n%ld\n%%%%EOF\n", xref);
	if (fclose(f) != 0) {
		free(pdf);
		return NULL;
	}
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
			   struct month all[MAX_MONTHS], int idx[MAX_MONTHS], int *n)
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
	int nm = nmonths();
	for (int k = 0; k < nm; k++) {
		month(r->world->seed, k, nm, &all[k]);
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
	struct month all[MAX_MONTHS];
	int idx[MAX_MONTHS], n;
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
	struct month all[MAX_MONTHS];
	int idx[MAX_MONTHS], n;
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
	int nm = nmonths();
	for (int k = 0; k < nm; k++) {
		month(r->world->seed, k, nm, m);
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

/* A Google money object holding exactly nanos (a consumption line is
 * not rounded: only the invoice's total is). */
static json_t *money_exact(int64_t nanos)
{
	return json_pack("{s:s, s:I, s:i}", "currency_code", "EUR", "units", (json_int_t)(nanos / 1000000000),
			 "nanos", (int)(nanos % 1000000000));
}

static int cmp_line(const void *a, const void *b)
{
	const struct dd_sb_usage_line *x = a, *y = b;
	int c = strcmp(x->category, y->category);
	return c ? c : strcmp(x->resource, y->resource);
}

static void consumptions(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "updated_at_desc", "updated_at_asc", "category_name_desc",
					      "category_name_asc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !org_ok(r, resp))
		return;
	const char *cat = dd_sb_query(r, "category_name"), *period = dd_sb_query(r, "billing_period");
	int y, mo, nm = nmonths(), k = nm - 1;
	char tail;
	if (period && *period) {
		if (sscanf(period, "%4d-%2d%c", &y, &mo, &tail) != 2 || strlen(period) != 7 || mo < 1 || mo > 12) {
			dd_sb_scw_invalid(resp, "billing_period", "format", "must be a month like 2026-11");
			return;
		}
		/* A past month gives its whole usage; before the first or after
		 * the current month, nothing was consumed. */
		k = (y - FIRST_YEAR) * 12 + (mo - FIRST_MONTH);
	}
	struct dd_sb_usage_line lines[DD_SB_USAGE_MAX];
	size_t n = k < 0 || k >= nm ? 0
		: dd_sb_usage_month(r->world->seed, month_start(k), month_start(k + 1), billed_to(k, nm), lines);
	qsort(lines, n, sizeof lines[0], cmp_line);
	size_t total = 0, first = dd_sb_page_first(&pg);
	json_t *arr = json_array();
	for (size_t j = 0; j < n; j++) {
		size_t i = pg.order == 2 ? n - 1 - j : j; /* sorted by category name */
		if (cat && strcmp(cat, lines[i].category) != 0)
			continue;
		if (total >= first && total < first + pg.size) {
			/* hours to the thousandth, as the SDK's decimal string */
			char qty[32], consumer[37];
			int64_t mh = (lines[i].seconds * 1000 + 1800) / 3600;
			snprintf(qty, sizeof qty, "%lld.%03lld", (long long)(mh / 1000), (long long)(mh % 1000));
			uuid(r->world->seed, lines[i].index, 600, consumer);
			json_array_append_new(arr, json_pack("{s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
				"value", money_exact(lines[i].nanos), "product_name", lines[i].product,
				"resource_name", lines[i].resource, "sku", lines[i].sku,
				"project_id", DD_SANDBOX_PROJECT_ID, "category_name", lines[i].category,
				"unit", "hour", "billed_quantity", qty, "consumer_id", consumer));
		}
		total++;
	}
	struct month m = { 0 };
	if (k >= 0 && k < nm)
		month(r->world->seed, k, nm, &m);
	dd_sb_reply(resp, 200, json_pack("{s:o, s:I, s:f, s:o}", "consumptions", arr, "total_count", (json_int_t)total,
					 "total_discount_untaxed_value", (double)m.discount / 100.0,
					 "updated_at", dd_sb_time_json(billed_to(nm - 1, nm))));
}

static void taxes(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	static const char *const orders[] = { "updated_at_desc", "updated_at_asc", "category_name_desc",
					      "category_name_asc", NULL };
	struct dd_sb_page pg;
	if (dd_sb_page_parse(r, resp, orders, &pg) < 0 || !org_ok(r, resp))
		return;
	int nm = nmonths();
	struct month m;
	month(r->world->seed, nm - 1, nm, &m);
	int bp = vat_bp(billed_to(nm - 1, nm));
	char desc[48];
	if (bp % 100)
		snprintf(desc, sizeof desc, "%s VAT %d.%d%%", customer.country, bp / 100, bp % 100 / 10);
	else
		snprintf(desc, sizeof desc, "%s VAT %d%%", customer.country, bp / 100);
	json_t *arr = json_array();
	if (dd_sb_page_first(&pg) == 0)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f}", "description", desc,
						     "currency", "EUR", "rate", bp / 10000.0, "total_tax_value", (double)m.tax / 100.0));
	dd_sb_reply(resp, 200, json_pack("{s:o, s:i, s:o}", "taxes", arr, "total_count", 1,
					 "updated_at", dd_sb_time_json(billed_to(nm - 1, nm))));
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
	int64_t start = month_start(LINK_MONTH) + LINK_DAY_OFFSET;
	struct tm tm;
	time_t st = (time_t)start;
	gmtime_r(&st, &tm);
	tm.tm_mon += 6;
	int64_t stop = (int64_t)timegm(&tm);
	int nm = nmonths();
	int64_t left = discount_left(r->world->seed, nm - 1, nm);
	json_t *arr = json_array();
	/* only linked accounts got the linking credit */
	int has = dd_sb_scn_linking_discount(r->world->scenario);
	if (has && dd_sb_page_first(&pg) == 0)
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
	dd_sb_reply(resp, 200, json_pack("{s:i, s:o}", "total_count", has, "discounts", arr));
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
