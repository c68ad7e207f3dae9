#include "core/billing_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model_billing.h"
#include "core/request.h"
#include "core/scw_billing.h"
#include "core/scw_dedibox.h"
#include "core/scw_dedibox_billing.h"
#include "core/store_billing.h"
#include "core/i18n.h"

/* One load of one collection: what every page has brought so far. */
struct bload {
	struct dd_account *a;
	struct dd_http *h;
	enum dd_kind kind;
	dd_done_fn done;
	void *ud;
	int pending;                 /* pagers still out, plus the start's hold */
	struct dd_error err;         /* the first failure */
	struct dd_invoice_list inv;
	struct dd_consumption_list cons;
	struct dd_discount_list disc;
	struct dd_tax_list taxes;
	struct dd_offer_list offers;
	struct dd_payment pay;
};

/* One list's pages (one zone's, for offers). */
struct pager {
	struct bload *L;
	char zone[16];
	int page;
};

static bool is_billing(enum dd_kind kind)
{
	return kind >= DD_KIND_SCW_INVOICES && kind <= DD_KIND_PAYMENT;
}

/* How a collection is named in a sentence. */
static const char *what(enum dd_kind kind)
{
	switch (kind) {
	case DD_KIND_SCW_INVOICES: return _("Scaleway invoices");
	case DD_KIND_DBX_INVOICES: return _("Dedibox invoices");
	case DD_KIND_CONSUMPTION: return _("The month's consumption lines");
	case DD_KIND_DISCOUNTS: return _("Discounts");
	case DD_KIND_TAXES: return _("The month's taxes");
	case DD_KIND_OFFERS: return _("Server offers");
	default: return _("Payment facts");
	}
}

static int page_size(enum dd_kind kind)
{
	switch (kind) {
	case DD_KIND_SCW_INVOICES: return DD_SCW_INVOICES_PAGE_SIZE;
	case DD_KIND_DBX_INVOICES: return DD_SCW_DBX_INVOICES_PAGE_SIZE;
	case DD_KIND_CONSUMPTION: return DD_SCW_CONSUMPTIONS_PAGE_SIZE;
	case DD_KIND_DISCOUNTS: return DD_SCW_DISCOUNTS_PAGE_SIZE;
	case DD_KIND_TAXES: return DD_SCW_TAXES_PAGE_SIZE;
	case DD_KIND_OFFERS: return DD_SCW_OFFERS_PAGE_SIZE;
	default: return 1;
	}
}

static int url_of(const struct pager *P, char *buf, size_t len, struct dd_error *err)
{
	const struct dd_creds *c = dd_account_creds(P->L->a);

	switch (P->L->kind) {
	case DD_KIND_SCW_INVOICES: return dd_scw_billing_url_invoices(c, P->page, buf, len, err);
	case DD_KIND_DBX_INVOICES: return dd_scw_url_dbx_invoices(c, P->page, buf, len, err);
	case DD_KIND_CONSUMPTION: return dd_scw_billing_url_consumptions(c, P->page, buf, len, err);
	case DD_KIND_DISCOUNTS: return dd_scw_billing_url_discounts(c, P->page, buf, len, err);
	case DD_KIND_TAXES: return dd_scw_billing_url_taxes(c, P->page, buf, len, err);
	case DD_KIND_OFFERS: return dd_scw_url_offers(c, P->zone, P->page, buf, len, err);
	default: return dd_scw_url_can_order(c, buf, len, err);
	}
}

static int decode(struct pager *P, const struct dd_http_resp *resp, size_t *page_n,
		  int64_t *total, struct dd_error *err)
{
	struct bload *L = P->L;
	const char *b = resp->body;
	size_t n = resp->body_len;

	switch (L->kind) {
	case DD_KIND_SCW_INVOICES:
		return dd_scw_billing_decode_invoices(b, n, &L->inv, page_n, total, err);
	case DD_KIND_DBX_INVOICES:
		return dd_scw_decode_dbx_invoices(b, n, &L->inv, page_n, total, err);
	case DD_KIND_CONSUMPTION:
		return dd_scw_billing_decode_consumptions(b, n, &L->cons, page_n, total, err);
	case DD_KIND_DISCOUNTS:
		return dd_scw_billing_decode_discounts(b, n, &L->disc, page_n, total, err);
	case DD_KIND_TAXES:
		return dd_scw_billing_decode_taxes(b, n, &L->taxes, page_n, total, err);
	case DD_KIND_OFFERS:
		return dd_scw_decode_offers(b, n, P->zone, &L->offers, page_n, total, err);
	default:
		*page_n = 0;
		*total = 0;
		return dd_scw_decode_can_order(b, n, &L->pay, err);
	}
}

/* Moves the load's data into the store, replacing the old. */
static void install(struct bload *L)
{
	struct dd_store *st = dd_account_store_mut(L->a);
	struct dd_coll *m = dd_store_meta_mut(st, L->kind);

	if (L->err.kind != DD_OK) {
		dd_coll_fail(m, &L->err);
		return;
	}
	switch (L->kind) {
	case DD_KIND_SCW_INVOICES:
		dd_invoice_list_clear(dd_store_scw_invoices_mut(st));
		*dd_store_scw_invoices_mut(st) = L->inv;
		memset(&L->inv, 0, sizeof(L->inv));
		break;
	case DD_KIND_DBX_INVOICES:
		dd_invoice_list_clear(dd_store_dbx_invoices_mut(st));
		*dd_store_dbx_invoices_mut(st) = L->inv;
		memset(&L->inv, 0, sizeof(L->inv));
		break;
	case DD_KIND_CONSUMPTION:
		dd_consumption_list_clear(dd_store_consumption_mut(st));
		*dd_store_consumption_mut(st) = L->cons;
		memset(&L->cons, 0, sizeof(L->cons));
		break;
	case DD_KIND_DISCOUNTS:
		dd_discount_list_clear(dd_store_discounts_mut(st));
		*dd_store_discounts_mut(st) = L->disc;
		memset(&L->disc, 0, sizeof(L->disc));
		break;
	case DD_KIND_TAXES:
		dd_tax_list_clear(dd_store_taxes_mut(st));
		*dd_store_taxes_mut(st) = L->taxes;
		memset(&L->taxes, 0, sizeof(L->taxes));
		break;
	case DD_KIND_OFFERS:
		dd_offer_list_clear(dd_store_offers_mut(st));
		*dd_store_offers_mut(st) = L->offers;
		memset(&L->offers, 0, sizeof(L->offers));
		break;
	default:
		*dd_store_payment_mut(st) = L->pay;
		break;
	}
	dd_coll_succeed(m, time(NULL));
}

static void finish(struct bload *L)
{
	install(L);
	dd_store_notify(dd_account_store(L->a), L->kind, 0);
	if (L->done)
		L->done(L->ud, &L->err);
	dd_invoice_list_clear(&L->inv);
	dd_consumption_list_clear(&L->cons);
	dd_discount_list_clear(&L->disc);
	dd_tax_list_clear(&L->taxes);
	dd_offer_list_clear(&L->offers);
	free(L);
}

static void fail(struct bload *L, const struct dd_error *e)
{
	if (L->err.kind == DD_OK)
		L->err = *e;
}

static void release(struct bload *L)
{
	if (--L->pending == 0)
		finish(L);
}

static int send_page(struct pager *P, struct dd_error *err);

/* Whether another page is due: total_count says so (the X-Total-Count
 * header stands in when the body has none, as the SDK reads it); with no
 * count at all, a full page means there may be more. */
static bool more_pages(const struct pager *P, size_t page_n, int64_t total,
		       const struct dd_http_resp *resp)
{
	int64_t size = page_size(P->L->kind), seen = (int64_t)P->page * size;

	if (P->L->kind == DD_KIND_PAYMENT || page_n == 0 || P->page >= DD_BILLING_MAX_PAGES)
		return false;
	if (total < 0)
		total = resp->total_count;
	if (total < 0)
		return (int64_t)page_n >= size;
	return seen < total;
}

static void on_page(void *ud, const struct dd_http_resp *resp, const struct dd_error *herr)
{
	struct pager *P = ud;
	struct bload *L = P->L;
	struct dd_error e;
	size_t page_n = 0;
	int64_t total = -1;

	dd_error_clear(&e);
	if (herr->kind != DD_OK) {
		fail(L, herr);
	} else if (L->err.kind == DD_OK) {
		if (decode(P, resp, &page_n, &total, &e) < 0) {
			if (P->zone[0])
				dd_error_prefix(&e, _("%s of %s, page %d"), what(L->kind), P->zone, P->page);
			else
				dd_error_prefix(&e, _("%s, page %d"), what(L->kind), P->page);
			fail(L, &e);
		} else if (more_pages(P, page_n, total, resp)) {
			P->page++;
			if (send_page(P, &e) == 0)
				return; /* the pager lives on */
			fail(L, &e);
		}
	}
	free(P);
	release(L);
}

static int send_page(struct pager *P, struct dd_error *err)
{
	char url[768];
	struct dd_request q = { .api = DD_API_SCW, .method = DD_GET, .url = url };

	if (url_of(P, url, sizeof(url), err) < 0)
		return -1;
	return dd_request_send(P->L->h, dd_account_creds(P->L->a), &q, on_page, P, err) ? 0 : -1;
}

static int start_pager(struct bload *L, const char *zone, struct dd_error *err)
{
	struct pager *P = calloc(1, sizeof(*P));

	if (!P)
		return dd_error_oom(err);
	P->L = L;
	P->page = 1;
	snprintf(P->zone, sizeof(P->zone), "%s", zone ? zone : "");
	if (send_page(P, err) < 0) {
		free(P);
		return -1;
	}
	L->pending++;
	return 0;
}

/* The load could not start: the collection says why (stale when it holds
 * data), and the listener hears it once. */
static int refused(struct dd_account *a, enum dd_kind kind, const struct dd_error *e,
		   struct dd_error *err)
{
	dd_coll_fail(dd_store_meta_mut(dd_account_store_mut(a), kind), e);
	dd_store_notify(dd_account_store(a), kind, 0);
	if (err)
		*err = *e;
	return -1;
}

int dd_account_load_billing(struct dd_account *a, struct dd_http *h, enum dd_kind kind,
			    dd_done_fn done, void *ud, struct dd_error *err)
{
	struct dd_coll *m;
	struct bload *L;
	struct dd_error e;
	int rc = 0;

	dd_error_clear(&e);
	if (!is_billing(kind))
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("not a billing or order collection"));
	m = dd_store_meta_mut(dd_account_store_mut(a), kind);
	/* Two loads of one collection would race to replace it. */
	if (m->state == DD_COLL_LOADING)
		return dd_error_set(err, DD_E_USAGE, 0, NULL, _("%s are loading already."), what(kind));
	if (!dd_creds_has_scw(dd_account_creds(a))) {
		dd_error_set(&e, DD_E_AUTH, 0, NULL,
			     _("%s need Scaleway keys in this profile: dedi auth login adds them "
			     "(or set SCW_ACCESS_KEY and SCW_SECRET_KEY); the Dedibox console's "
			     "token does not give them."), what(kind));
		return refused(a, kind, &e, err);
	}
	L = calloc(1, sizeof(*L));
	if (!L) {
		dd_error_oom(&e);
		return refused(a, kind, &e, err);
	}
	L->a = a;
	L->h = h;
	L->kind = kind;
	L->done = done;
	L->ud = ud;
	/* Held while starting so no completion can finish the load early. */
	L->pending = 1;
	if (kind == DD_KIND_OFFERS) {
		for (int z = 0; dd_scw_zones[z] && rc == 0; z++)
			rc = start_pager(L, dd_scw_zones[z], &e);
	} else {
		rc = start_pager(L, NULL, &e);
	}
	if (rc < 0 && L->pending == 1) {
		free(L);
		return refused(a, kind, &e, err);
	}
	/* Pages already out end and find the error. */
	if (rc < 0)
		fail(L, &e);
	dd_coll_begin(m);
	dd_store_notify(dd_account_store(a), kind, 0);
	release(L);
	return 0;
}

int dd_account_load_scw_invoices(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				 void *ud, struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_SCW_INVOICES, done, ud, err);
}

int dd_account_load_dbx_invoices(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				 void *ud, struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_DBX_INVOICES, done, ud, err);
}

int dd_account_load_consumption(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				void *ud, struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_CONSUMPTION, done, ud, err);
}

int dd_account_load_discounts(struct dd_account *a, struct dd_http *h, dd_done_fn done,
			      void *ud, struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_DISCOUNTS, done, ud, err);
}

int dd_account_load_offers(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			   struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_OFFERS, done, ud, err);
}

int dd_account_load_payment(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			    struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_PAYMENT, done, ud, err);
}

int dd_account_load_taxes(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err)
{
	return dd_account_load_billing(a, h, DD_KIND_TAXES, done, ud, err);
}
