/* Scaleway Dedibox v1, billing and ordering: the Dedibox invoices
 * (zone-less), the server offers of each zone and can-order. Part of the
 * Dedibox room (core/scw_dedibox.h), in its own file for size. Field names
 * follow @scaleway/sdk-dedibox 1.4.0; decoders tolerate what the SDK
 * tolerates, refuse a wrong type with its path and sanitize every string. */
#ifndef DD_SCW_DEDIBOX_BILLING_H
#define DD_SCW_DEDIBOX_BILLING_H

#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model_billing.h"

/* The API's largest pages. */
#define DD_SCW_DBX_INVOICES_PAGE_SIZE 100
#define DD_SCW_OFFERS_PAGE_SIZE 100

/* URL builders: -1 with err filled when the URL does not fit or the
 * profile's project id (sent as a filter when set) is not a UUID. */
int dd_scw_url_dbx_invoices(const struct dd_creds *c, int page, char *buf, size_t len,
			    struct dd_error *err);
int dd_scw_url_offers(const struct dd_creds *c, const char *zone, int page, char *buf,
		      size_t len, struct dd_error *err);
int dd_scw_url_can_order(const struct dd_creds *c, char *buf, size_t len, struct dd_error *err);

/* Append the page's records (a page is taken whole or not at all);
 * *page_n is the page's count of records read (options included for
 * offers), *total the list's total_count (-1 when absent). */
int dd_scw_decode_dbx_invoices(const char *body, size_t len, struct dd_invoice_list *l,
			       size_t *page_n, int64_t *total, struct dd_error *err);
/* Keeps the server offers (those with server_info) of zone. */
int dd_scw_decode_offers(const char *body, size_t len, const char *zone,
			 struct dd_offer_list *l, size_t *page_n, int64_t *total,
			 struct dd_error *err);
/* One offer object at o; *server false for an option (no server_info). */
struct dd_jv;
int dd_scw_decode_offer_at(const struct dd_jv *o, const char *zone, struct dd_offer *f,
			   bool *server, struct dd_error *err);
int dd_scw_decode_can_order(const char *body, size_t len, struct dd_payment *p,
			    struct dd_error *err);

/* GET /dedibox/v1/invoices/{id} (id: the decimal id). */
int dd_scw_url_dbx_invoice(const struct dd_creds *c, const char *id, char *buf, size_t len,
			   struct dd_error *err);
/* The body of that GET: its content, as lines, appended to out. A body
 * without content (or null) adds nothing; a content that is not a string
 * is an error with its path. */
int dd_scw_decode_dbx_invoice_lines(const char *body, size_t len, const char *invoice_id,
				    struct dd_invoice_line_list *out, struct dd_error *err);

#endif
