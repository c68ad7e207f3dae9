/* The store's billing and order collections (core/model_billing.h): one
 * accessor per kind. Their state, error and fetched_at are
 * dd_store_meta(st, DD_KIND_SCW_INVOICES ...) like every other kind. */
#ifndef DD_STORE_BILLING_H
#define DD_STORE_BILLING_H

#include "core/model_billing.h"
#include "core/store.h"

/* Reads: borrowed until the next change of their kind. */
const struct dd_invoice_list *dd_store_scw_invoices(const struct dd_store *st);
const struct dd_invoice_list *dd_store_dbx_invoices(const struct dd_store *st);
const struct dd_consumption_list *dd_store_consumption(const struct dd_store *st);
const struct dd_discount_list *dd_store_discounts(const struct dd_store *st);
const struct dd_tax_list *dd_store_taxes(const struct dd_store *st);
const struct dd_offer_list *dd_store_offers(const struct dd_store *st);
const struct dd_payment *dd_store_payment(const struct dd_store *st);
const struct dd_invoice_line_list *dd_store_dbx_lines(const struct dd_store *st);

/* ---- for core's loaders (core/billing_load.c) only ---- */

struct dd_invoice_list *dd_store_scw_invoices_mut(struct dd_store *st);
struct dd_invoice_list *dd_store_dbx_invoices_mut(struct dd_store *st);
struct dd_consumption_list *dd_store_consumption_mut(struct dd_store *st);
struct dd_discount_list *dd_store_discounts_mut(struct dd_store *st);
struct dd_tax_list *dd_store_taxes_mut(struct dd_store *st);
struct dd_offer_list *dd_store_offers_mut(struct dd_store *st);
struct dd_payment *dd_store_payment_mut(struct dd_store *st);
struct dd_invoice_line_list *dd_store_dbx_lines_mut(struct dd_store *st);

#endif
