/* Scaleway Billing v2beta1: request paths and JSON → model decoders for
 * the cloud invoices, the current month's consumption and the discounts
 * of the profile's Organization. Field names follow @scaleway/sdk-billing
 * 1.3.0. Decoders take what the SDK takes (optional fields missing or
 * null), refuse a wrong type with the value's path, and sanitize every
 * string. */
#ifndef DD_SCW_BILLING_H
#define DD_SCW_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/json.h"
#include "core/model_billing.h"

/* The API's largest page: fewer round trips for eight years of months. */
#define DD_SCW_INVOICES_PAGE_SIZE 100
#define DD_SCW_CONSUMPTIONS_PAGE_SIZE 100
#define DD_SCW_DISCOUNTS_PAGE_SIZE 100
#define DD_SCW_TAXES_PAGE_SIZE 100

/* One page (from 1) of each list, filtered by the profile's organization
 * when it names one. -1 with err filled when the URL does not fit or the
 * organization id is not a UUID (it is put in the URL as it is). */
int dd_scw_billing_url_invoices(const struct dd_creds *c, int page, char *buf, size_t len,
				struct dd_error *err);
int dd_scw_billing_url_consumptions(const struct dd_creds *c, int page, char *buf, size_t len,
				    struct dd_error *err);
int dd_scw_billing_url_discounts(const struct dd_creds *c, int page, char *buf, size_t len,
				 struct dd_error *err);
int dd_scw_billing_url_taxes(const struct dd_creds *c, int page, char *buf, size_t len,
			     struct dd_error *err);

/* Each appends the page's records to the list (a page is taken whole or
 * not at all); *page_n is the page's count, *total the list's total_count
 * (-1 when absent). */
int dd_scw_billing_decode_invoices(const char *body, size_t len, struct dd_invoice_list *l,
				   size_t *page_n, int64_t *total, struct dd_error *err);
int dd_scw_billing_decode_consumptions(const char *body, size_t len,
				       struct dd_consumption_list *l, size_t *page_n,
				       int64_t *total, struct dd_error *err);
int dd_scw_billing_decode_discounts(const char *body, size_t len, struct dd_discount_list *l,
				    size_t *page_n, int64_t *total, struct dd_error *err);
int dd_scw_billing_decode_taxes(const char *body, size_t len, struct dd_tax_list *l,
				size_t *page_n, int64_t *total, struct dd_error *err);

/* sdk.Money at parent[key] (every Scaleway API shares it). Absent or null
 * leaves *out zeroed and *present false. nanos out of range or of the
 * other sign than units is a decode error. */
int dd_scw_decode_money(const struct dd_jv *parent, const char *key, struct dd_money *out,
			bool *present, struct dd_error *err);

#endif
