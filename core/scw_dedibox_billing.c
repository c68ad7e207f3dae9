#include "core/scw_dedibox_billing.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/json.h"
#include "core/request.h"
#include "core/scw_billing.h"
#include "core/scw_dedibox.h"
#include "core/dbx_lines.h"
#include "core/text.h"
#include "core/i18n.h"

/* The project goes into the URL unescaped: only a UUID's characters may. */
static int project_query(const struct dd_creds *c, char *q, size_t len, struct dd_error *err)
{
	const char *p = c->project_id;

	q[0] = '\0';
	if (!p[0])
		return 0;
	if (strlen(p) != 36 || strspn(p, "0123456789abcdefABCDEF-") != 36)
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("The profile's project id is not a UUID; fix it with \"dedi auth login\"."));
	snprintf(q, len, "&project_id=%s", p);
	return 0;
}

int dd_scw_url_dbx_invoices(const struct dd_creds *c, int page, char *buf, size_t len,
			    struct dd_error *err)
{
	char proj[64];

	if (project_query(c, proj, sizeof(proj), err) < 0)
		return -1;
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/invoices?page=%d&page_size=%d&order_by=created_at_desc%s",
			      page, DD_SCW_DBX_INVOICES_PAGE_SIZE, proj);
}

int dd_scw_url_offers(const struct dd_creds *c, const char *zone, int page, char *buf,
		      size_t len, struct dd_error *err)
{
	if (!dd_scw_zone_valid(zone))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("unknown zone \"%.32s\": use fr-par-1, fr-par-2 or nl-ams-1"), zone);
	return dd_request_url(c, DD_API_SCW, buf, len, err,
			      "/dedibox/v1/zones/%s/offers?page=%d&page_size=%d&order_by=created_at_asc",
			      zone, page, DD_SCW_OFFERS_PAGE_SIZE);
}

int dd_scw_url_can_order(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err)
{
	char proj[64];

	if (project_query(c, proj, sizeof(proj), err) < 0)
		return -1;
	/* proj starts with '&': the first parameter takes its '?'. */
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/can-order%s%s",
			      proj[0] ? "?" : "", proj[0] ? proj + 1 : "");
}

static int decode_invoice(const struct dd_jv *o, struct dd_invoice *v, struct dd_error *err)
{
	int64_t id = 0;
	bool has_untaxed = false, has_taxed = false;

	v->source = DD_INVOICE_DEDIBOX;
	if (dd_json_int(o, "id", true, &id, err) < 0 ||
	    dd_json_int(o, "transaction_id", false, &v->transaction_id, err) < 0 ||
	    dd_json_text(o, "created_at", v->issued, sizeof(v->issued), err) < 0 ||
	    dd_json_text(o, "paid_at", v->paid, sizeof(v->paid), err) < 0 ||
	    dd_json_text(o, "status", v->state, sizeof(v->state), err) < 0 ||
	    dd_json_text(o, "payment_method", v->payment_method, sizeof(v->payment_method), err) < 0 ||
	    dd_scw_decode_money(o, "total_without_taxes", &v->untaxed, &has_untaxed, err) < 0 ||
	    dd_scw_decode_money(o, "total_with_taxes", &v->taxed, &has_taxed, err) < 0)
		return -1;
	if (id <= 0)
		return dd_json_bad(o, "id", N_("expected a positive invoice id"), err);
	snprintf(v->id, sizeof(v->id), "%" PRId64, id);
	/* A Dedibox invoice is known by its id; it prints no other number. */
	snprintf(v->number, sizeof(v->number), "%" PRId64, id);
	v->has_totals = has_untaxed && has_taxed;
	/* The API gives no VAT: it is what the two totals differ by. */
	if (v->has_totals && dd_money_sub(&v->taxed, &v->untaxed, &v->vat) < 0)
		return dd_json_bad(o, "total_with_taxes", N_("not in the currency of total_without_taxes"), err);
	return 0;
}

static int invoice_item(void *ud, const struct dd_jv *item, struct dd_error *err)
{
	struct dd_invoice *v = dd_invoice_list_add(ud);
	return v ? decode_invoice(item, v, err) : dd_error_oom(err);
}

int dd_scw_decode_dbx_invoices(const char *body, size_t len, struct dd_invoice_list *l,
			       size_t *page_n, int64_t *total, struct dd_error *err)
{
	size_t start = l->n;

	if (dd_json_each_item(body, len, "invoices", invoice_item, l, page_n, total, err) < 0) {
		l->n = start;
		return -1;
	}
	return 0;
}

static int sum_int(const struct dd_jv *o, const char *key, int64_t *sum, struct dd_error *err)
{
	int64_t v = 0;

	if (dd_json_int(o, key, false, &v, err) < 0)
		return -1;
	if (v < 0 || __builtin_add_overflow(*sum, v, sum))
		return dd_json_bad(o, key, N_("expected a non-negative size"), err);
	return 0;
}

static int decode_hardware(const struct dd_jv *info, struct dd_offer *f, struct dd_error *err)
{
	struct dd_jv arr, it;
	size_t n = 0;
	int64_t cores = 0, threads = 0;

	if (dd_json_obj(info, "cpus", false, &arr, err) < 0 || dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&arr, i, &it, err) < 0 || sum_int(&it, "core_count", &cores, err) < 0 ||
		    sum_int(&it, "thread_count", &threads, err) < 0 ||
		    (i == 0 && dd_json_text(&it, "name", f->cpu, sizeof(f->cpu), err) < 0))
			return -1;
	}
	if (cores > INT32_MAX || threads > INT32_MAX)
		return dd_json_bad(info, "cpus", N_("absurd core count"), err);
	f->cpu_count = (int)n;
	f->cores = (int)cores;
	f->threads = (int)threads;
	if (dd_json_obj(info, "memories", false, &arr, err) < 0 ||
	    dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    sum_int(&it, "capacity", &f->memory_bytes, err) < 0 ||
		    (i == 0 && dd_json_text(&it, "type", f->memory_type, sizeof(f->memory_type), err) < 0))
			return -1;
	}
	if (dd_json_obj(info, "disks", false, &arr, err) < 0 || dd_json_array_size(&arr, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (dd_json_at(&arr, i, &it, err) < 0 ||
		    sum_int(&it, "capacity", &f->disk_bytes, err) < 0 ||
		    (i == 0 && dd_json_text(&it, "type", f->disk_type, sizeof(f->disk_type), err) < 0))
			return -1;
	}
	if (n > INT32_MAX)
		return dd_json_bad(info, "disks", N_("absurd disk count"), err);
	f->disk_count = (int)n;
	return 0;
}

int dd_scw_decode_offer_at(const struct dd_jv *o, const char *zone, struct dd_offer *f,
			bool *server, struct dd_error *err)
{
	struct dd_jv info, fees;

	*server = false;
	if (dd_json_int(o, "id", true, &f->id, err) < 0 ||
	    dd_json_text(o, "name", f->name, sizeof(f->name), err) < 0 ||
	    dd_json_text(o, "payment_frequency", f->payment_frequency, sizeof(f->payment_frequency),
		     err) < 0 ||
	    dd_scw_decode_money(o, "pricing", &f->price, NULL, err) < 0 ||
	    dd_json_obj(o, "server_info", false, &info, err) < 0)
		return -1;
	if (!info.v)
		return 0;
	if (!json_is_object(info.v))
		return dd_json_bad(o, "server_info", N_("expected an object"), err);
	*server = true;
	dd_text_clean_str(zone, f->zone, sizeof(f->zone));
	if (dd_json_text(&info, "commercial_range", f->range, sizeof(f->range), err) < 0 ||
	    dd_json_text(&info, "stock", f->stock, sizeof(f->stock), err) < 0 ||
	    dd_json_int(&info, "bandwidth", false, &f->bandwidth, err) < 0 ||
	    dd_json_int(&info, "connectivity", false, &f->connectivity, err) < 0 ||
	    decode_hardware(&info, f, err) < 0 ||
	    dd_json_obj(&info, "onetime_fees", false, &fees, err) < 0)
		return -1;
	/* The setup fee is an Offer of its own; its pricing is the fee. */
	if (fees.v && dd_scw_decode_money(&fees, "pricing", &f->setup_fee, &f->has_setup_fee,
					  err) < 0)
		return -1;
	return 0;
}

struct offer_page {
	struct dd_offer_list *l;
	const char *zone;
};

/* Only server offers are kept; the zone's list holds options too. */
static int offer_item(void *ud, const struct dd_jv *item, struct dd_error *err)
{
	struct offer_page *op = ud;
	struct dd_offer *f = dd_offer_list_add(op->l);
	bool server = false;

	if (!f)
		return dd_error_oom(err);
	if (dd_scw_decode_offer_at(item, op->zone, f, &server, err) < 0)
		return -1;
	if (!server)
		op->l->n--;
	return 0;
}

int dd_scw_decode_offers(const char *body, size_t len, const char *zone,
			 struct dd_offer_list *l, size_t *page_n, int64_t *total,
			 struct dd_error *err)
{
	struct offer_page op = { l, zone };
	size_t start = l->n;

	if (dd_json_each_item(body, len, "offers", offer_item, &op, page_n, total, err) < 0) {
		l->n = start;
		return -1;
	}
	return 0;
}

int dd_scw_decode_can_order(const char *body, size_t len, struct dd_payment *p,
			    struct dd_error *err)
{
	struct dd_jv root;
	struct dd_payment t;
	int rc = -1;

	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	memset(&t, 0, sizeof(t));
	if (dd_json_bool(&root, "can_order", false, &t.can_order, err) < 0 ||
	    dd_json_bool(&root, "quota_ok", false, &t.quota_ok, err) < 0 ||
	    dd_json_bool(&root, "phone_confirmed", false, &t.phone_confirmed, err) < 0 ||
	    dd_json_bool(&root, "email_confirmed", false, &t.email_confirmed, err) < 0 ||
	    dd_json_bool(&root, "user_confirmed", false, &t.user_confirmed, err) < 0 ||
	    dd_json_bool(&root, "payment_mode", false, &t.payment_mode, err) < 0 ||
	    dd_json_bool(&root, "billing_ok", false, &t.billing_ok, err) < 0 ||
	    dd_json_text(&root, "message", t.message, sizeof(t.message), err) < 0)
		goto out;
	*p = t;
	rc = 0;
out:
	json_decref(root.v);
	return rc;
}

int dd_scw_url_dbx_invoice(const struct dd_creds *c, const char *id, char *buf, size_t len,
			   struct dd_error *err)
{
	/* The id goes into the path: only a decimal id may. */
	if (!id[0] || strlen(id) > 19 || strspn(id, "0123456789") != strlen(id))
		return dd_error_set(err, DD_E_USAGE, 0, NULL,
				    _("\"%.24s\" is not a Dedibox invoice id (a number)"), id);
	return dd_request_url(c, DD_API_SCW, buf, len, err, "/dedibox/v1/invoices/%s", id);
}

int dd_scw_decode_dbx_invoice_lines(const char *body, size_t len, const char *invoice_id,
				    struct dd_invoice_line_list *out, struct dd_error *err)
{
	struct dd_jv root, content;
	int rc = -1;

	if (!body)
		return dd_error_set(err, DD_E_DECODE, 0, NULL, _("The API answered nothing."));
	if (dd_json_parse(body, len, &root, err) < 0)
		return -1;
	if (dd_json_obj(&root, "content", false, &content, err) < 0)
		goto out;
	if (content.v && !json_is_null(content.v) && !json_is_string(content.v)) {
		dd_json_bad(&root, "content", N_("expected string"), err);
		goto out;
	}
	rc = 0;
	if (content.v && json_is_string(content.v))
		rc = dd_dbx_lines_parse(json_string_value(content.v), json_string_length(content.v),
					invoice_id, out, err);
out:
	json_decref(root.v);
	return rc;
}
