#include "core/scw_billing.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/request.h"
#include "core/text.h"
#include "core/i18n.h"

#define NANO 1000000000

/* The organization goes into the URL unescaped: only a UUID's characters
 * may, so a hostile profile value cannot add a query parameter. */
static int org_query(const struct dd_creds *c, char *q, size_t len, struct dd_error *err)
{
	const char *org = c->organization_id;

	q[0] = '\0';
	if (!org[0])
		return 0;
	if (strlen(org) != 36 || strspn(org, "0123456789abcdefABCDEF-") != 36)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The profile's organization id is not a UUID; fix it with \"dedi auth login\"."));
	snprintf(q, len, "&organization_id=%s", org);
	return 0;
}

static int list_url(const struct dd_creds *c, const char *what, const char *order, int page,
		    int page_size, char *buf, size_t len, struct dd_error *err)
{
	char org[64];

	if (org_query(c, org, sizeof(org), err) < 0)
		return -1;
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/billing/v2beta1/%s?page=%d&page_size=%d&order_by=%s%s", what, page,
			      page_size, order, org);
}

int dd_scw_billing_url_invoices(const struct dd_creds *c, int page, char *buf, size_t len,
				struct dd_error *err)
{
	return list_url(c, "invoices", "start_date_desc", page, DD_SCW_INVOICES_PAGE_SIZE, buf,
			len, err);
}

int dd_scw_billing_url_consumptions(const struct dd_creds *c, int page, char *buf, size_t len,
				    struct dd_error *err)
{
	return list_url(c, "consumptions", "category_name_asc", page,
			DD_SCW_CONSUMPTIONS_PAGE_SIZE, buf, len, err);
}

int dd_scw_billing_url_taxes(const struct dd_creds *c, int page, char *buf, size_t len,
			     struct dd_error *err)
{
	return list_url(c, "taxes", "category_name_asc", page, DD_SCW_TAXES_PAGE_SIZE, buf, len,
			err);
}

int dd_scw_billing_url_discounts(const struct dd_creds *c, int page, char *buf, size_t len,
				 struct dd_error *err)
{
	return list_url(c, "discounts", "start_date_desc", page, DD_SCW_DISCOUNTS_PAGE_SIZE, buf,
			len, err);
}

int dd_scw_decode_money(const struct dd_jv *parent, const char *key, struct dd_money *out,
			bool *present, struct dd_error *err)
{
	struct dd_jv m;
	const char *code = "";
	int64_t units = 0, nanos = 0;

	memset(out, 0, sizeof(*out));
	if (present)
		*present = false;
	if (dd_json_obj(parent, key, false, &m, err) < 0)
		return -1;
	if (!m.v)
		return 0;
	if (!json_is_object(m.v))
		return dd_json_bad(parent, key, N_("expected an object (sdk.Money)"), err);
	if (dd_json_str(&m, "currency_code", false, &code, err) < 0 ||
	    dd_json_int(&m, "units", false, &units, err) < 0 ||
	    dd_json_int(&m, "nanos", false, &nanos, err) < 0)
		return -1;
	if (nanos <= -NANO || nanos >= NANO || (units > 0 && nanos < 0) || (units < 0 && nanos > 0))
		return dd_json_bad(&m, "nanos", N_("out of range or of the other sign than units"), err);
	/* A currency is three letters; anything else would be shown as one. */
	if (code[0] && (strlen(code) != 3 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		return dd_json_bad(&m, "currency_code", N_("expected an ISO 4217 code"), err);
	memcpy(out->currency, code, strlen(code) + 1);
	out->units = units;
	out->nanos = (int32_t)nanos;
	if (present)
		*present = true;
	return 0;
}

/* The discounts' amounts are JSON numbers in currency units: converted
 * once, to the nano, so nothing downstream holds a double. */
static int number_money(const struct dd_jv *o, const char *key, struct dd_money *out,
			struct dd_error *err)
{
	double x = 0, frac;
	int64_t nanos;

	if (dd_json_num(o, key, false, &x, err) < 0)
		return -1;
	if (!isfinite(x) || x > 9e15 || x < -9e15)
		return dd_json_bad(o, key, N_("amount out of range"), err);
	memset(out, 0, sizeof(*out));
	out->units = (int64_t)x; /* toward zero, like units */
	frac = (x - (double)out->units) * 1e9;
	nanos = (int64_t)(frac + (frac >= 0 ? 0.5 : -0.5));
	if (nanos >= NANO || nanos <= -NANO) {
		out->units += nanos / NANO;
		nanos %= NANO;
	}
	out->nanos = (int32_t)nanos;
	return 0;
}

static int decode_invoice(const struct dd_jv *o, struct dd_invoice *v, struct dd_error *err)
{
	const char *id = "";
	int64_t number = 0;
	bool has_untaxed = false, has_taxed = false, has_tax = false;

	v->source = DD_INVOICE_SCALEWAY;
	if (dd_json_str(o, "id", true, &id, err) < 0 ||
	    dd_json_int(o, "number", false, &number, err) < 0 ||
	    dd_json_text(o, "start_date", v->period_start, sizeof(v->period_start), err) < 0 ||
	    dd_json_text(o, "stop_date", v->period_stop, sizeof(v->period_stop), err) < 0 ||
	    dd_json_text(o, "issued_date", v->issued, sizeof(v->issued), err) < 0 ||
	    dd_json_text(o, "due_date", v->due, sizeof(v->due), err) < 0 ||
	    dd_json_text(o, "state", v->state, sizeof(v->state), err) < 0 ||
	    dd_json_text(o, "type", v->type, sizeof(v->type), err) < 0 ||
	    dd_scw_decode_money(o, "total_untaxed", &v->untaxed, &has_untaxed, err) < 0 ||
	    dd_scw_decode_money(o, "total_tax", &v->vat, &has_tax, err) < 0 ||
	    dd_scw_decode_money(o, "total_taxed", &v->taxed, &has_taxed, err) < 0 ||
	    dd_scw_decode_money(o, "total_discount", &v->discount, NULL, err) < 0)
		return -1;
	if (number < 0)
		return dd_json_bad(o, "number", N_("expected a non-negative invoice number"), err);
	dd_text_clean_str(id, v->id, sizeof(v->id));
	/* The draft has number 0: it has no number yet. */
	if (number > 0)
		snprintf(v->number, sizeof(v->number), "%" PRId64, number);
	v->has_totals = has_untaxed && has_taxed;
	if (v->has_totals && !has_tax && dd_money_sub(&v->taxed, &v->untaxed, &v->vat) < 0)
		return dd_json_bad(o, "total_taxed", N_("not in the currency of total_untaxed"), err);
	return 0;
}

static int invoice_item(void *ud, const struct dd_jv *item, struct dd_error *err)
{
	struct dd_invoice *v = dd_invoice_list_add(ud);
	return v ? decode_invoice(item, v, err) : dd_error_oom(err);
}

int dd_scw_billing_decode_invoices(const char *body, size_t len, struct dd_invoice_list *l,
				   size_t *page_n, int64_t *total, struct dd_error *err)
{
	size_t start = l->n;

	if (dd_json_each_item(body, len, "invoices", invoice_item, l, page_n, total, err) < 0) {
		l->n = start;
		return -1;
	}
	return 0;
}

static int decode_consumption(const struct dd_jv *o, struct dd_consumption *c,
			      struct dd_error *err)
{
	/* billed_quantity is a string in the SDK; an integer is tolerated
	 * because it means the same. */
	return dd_json_text(o, "category_name", c->category, sizeof(c->category), err) < 0 ||
	       dd_json_text(o, "product_name", c->product, sizeof(c->product), err) < 0 ||
	       dd_json_text(o, "resource_name", c->resource, sizeof(c->resource), err) < 0 ||
	       dd_json_text(o, "project_id", c->project_id, sizeof(c->project_id), err) < 0 ||
	       dd_json_text(o, "consumer_id", c->consumer_id, sizeof(c->consumer_id), err) < 0 ||
	       dd_json_text(o, "sku", c->sku, sizeof(c->sku), err) < 0 ||
	       dd_json_text(o, "unit", c->unit, sizeof(c->unit), err) < 0 ||
	       dd_json_int_or_str(o, "billed_quantity", false, c->billed_quantity,
				  sizeof(c->billed_quantity), err) < 0 ||
	       dd_scw_decode_money(o, "value", &c->value, NULL, err) < 0
		? -1 : 0;
}

int dd_scw_billing_decode_consumptions(const char *body, size_t len,
				       struct dd_consumption_list *l, size_t *page_n,
				       int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, item;
	size_t n = 0, start = l->n;
	char raw[sizeof(l->v->billed_quantity)];

	*page_n = 0;
	if (dd_json_open_list(body, len, "consumptions", &root, &arr, &n, total, err) < 0)
		return -1;
	if (dd_json_text(&root, "updated_at", l->updated_at, sizeof(l->updated_at), err) < 0 ||
	    number_money(&root, "total_discount_untaxed_value", &l->discount_untaxed, err) < 0)
		goto undo;
	for (size_t i = 0; i < n; i++) {
		struct dd_consumption *c = dd_consumption_list_add(l);

		if (!c) {
			dd_error_oom(err);
			goto undo;
		}
		if (dd_json_at(&arr, i, &item, err) < 0 || decode_consumption(&item, c, err) < 0)
			goto undo;
		memcpy(raw, c->billed_quantity, sizeof(raw));
		dd_text_clean_str(raw, c->billed_quantity, sizeof(c->billed_quantity));
	}
	json_decref(root.v);
	*page_n = n;
	return 0;
undo:
	l->n = start;
	json_decref(root.v);
	return -1;
}

static int decode_filters(const struct dd_jv *o, struct dd_discount *d, struct dd_error *err)
{
	struct dd_jv arr, f;
	size_t n = 0;

	if (dd_json_obj(o, "filters", false, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct dd_discount_filter tmp = { .exclude = false };

		if (dd_json_at(&arr, i, &f, err) < 0 ||
		    dd_json_text(&f, "type", tmp.type, sizeof(tmp.type), err) < 0 ||
		    dd_json_text(&f, "value", tmp.value, sizeof(tmp.value), err) < 0 ||
		    dd_json_bool(&f, "exclude", false, &tmp.exclude, err) < 0)
			return -1;
		if (d->nfilters < DD_DISCOUNT_MAX_FILTERS)
			d->filters[d->nfilters++] = tmp;
	}
	return 0;
}

static int decode_discount(const struct dd_jv *o, struct dd_discount *d, struct dd_error *err)
{
	struct dd_jv coupon;

	if (dd_json_obj(o, "coupon", false, &coupon, err) < 0)
		return -1;
	if (coupon.v && dd_json_text(&coupon, "description", d->coupon, sizeof(d->coupon), err) < 0)
		return -1;
	return dd_json_text(o, "id", d->id, sizeof(d->id), err) < 0 ||
	       dd_json_text(o, "description", d->description, sizeof(d->description), err) < 0 ||
	       dd_json_text(o, "mode", d->mode, sizeof(d->mode), err) < 0 ||
	       dd_json_text(o, "creation_date", d->created, sizeof(d->created), err) < 0 ||
	       dd_json_text(o, "start_date", d->start, sizeof(d->start), err) < 0 ||
	       dd_json_text(o, "stop_date", d->stop, sizeof(d->stop), err) < 0 ||
	       number_money(o, "value", &d->value, err) < 0 ||
	       number_money(o, "value_used", &d->value_used, err) < 0 ||
	       number_money(o, "value_remaining", &d->value_remaining, err) < 0 ||
	       decode_filters(o, d, err) < 0
		? -1 : 0;
}

static int discount_item(void *ud, const struct dd_jv *item, struct dd_error *err)
{
	struct dd_discount *d = dd_discount_list_add(ud);
	return d ? decode_discount(item, d, err) : dd_error_oom(err);
}

int dd_scw_billing_decode_discounts(const char *body, size_t len, struct dd_discount_list *l,
				    size_t *page_n, int64_t *total, struct dd_error *err)
{
	size_t start = l->n;

	if (dd_json_each_item(body, len, "discounts", discount_item, l, page_n, total, err) < 0) {
		l->n = start;
		return -1;
	}
	return 0;
}

/* rate is a JSON number (0.2): kept as basis points, rounded, so no double
 * outlives the decoder. */
static int decode_tax(const struct dd_jv *o, struct dd_tax *t, struct dd_error *err)
{
	double rate = 0;
	char cur[8] = "";

	if (dd_json_text(o, "description", t->description, sizeof(t->description), err) < 0 ||
	    dd_json_text(o, "currency", cur, sizeof(cur), err) < 0 ||
	    dd_json_num(o, "rate", false, &rate, err) < 0 ||
	    number_money(o, "total_tax_value", &t->total, err) < 0)
		return -1;
	if (!isfinite(rate) || rate < 0 || rate > 1)
		return dd_json_bad(o, "rate", N_("a rate between 0 and 1"), err);
	if (strlen(cur) > 3)
		return dd_json_bad(o, "currency", N_("an ISO 4217 code"), err);
	snprintf(t->currency, sizeof(t->currency), "%s", cur[0] ? cur : "EUR");
	memcpy(t->total.currency, t->currency, sizeof(t->currency));
	t->rate_bp = (int)(rate * 10000 + 0.5);
	t->has_rate = json_is_number(json_object_get(o->v, "rate"));
	t->has_total = json_is_number(json_object_get(o->v, "total_tax_value"));
	return 0;
}

int dd_scw_billing_decode_taxes(const char *body, size_t len, struct dd_tax_list *l,
				size_t *page_n, int64_t *total, struct dd_error *err)
{
	struct dd_jv root, arr, item;
	size_t n = 0, start = l->n;

	*page_n = 0;
	if (dd_json_open_list(body, len, "taxes", &root, &arr, &n, total, err) < 0)
		return -1;
	if (dd_json_text(&root, "updated_at", l->updated_at, sizeof(l->updated_at), err) < 0)
		goto undo;
	for (size_t i = 0; i < n; i++) {
		struct dd_tax *t = dd_tax_list_add(l);

		if (!t) {
			dd_error_oom(err);
			goto undo;
		}
		if (dd_json_at(&arr, i, &item, err) < 0 || decode_tax(&item, t, err) < 0)
			goto undo;
	}
	json_decref(root.v);
	*page_n = n;
	return 0;
undo:
	l->n = start;
	json_decref(root.v);
	return -1;
}
