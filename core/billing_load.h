/* Loads of the store's billing and order collections: Scaleway invoices,
 * consumption and discounts (Billing v2beta1), Dedibox invoices, the
 * server offers of every zone and the payment facts (Dedibox v1). Each
 * load marks its collection loading, follows the pages to total_count,
 * replaces the collection only when every page arrived (fresh), and on a
 * failure keeps the previous data (stale) or says why there is none
 * (error). The store's listener hears of each state change once, with the
 * kind and id 0. Every one needs Scaleway keys: the Online API gives
 * neither invoices nor offers, and a profile without keys gets its
 * collections in the error state with how to add them, never an empty
 * list that would pass for the truth. */
#ifndef DD_BILLING_LOAD_H
#define DD_BILLING_LOAD_H

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/store.h"

/* A list with more pages than this is a broken or hostile answer. */
#define DD_BILLING_MAX_PAGES 1000

/* Each returns 0 when the reads are out (done runs later, once), or -1
 * with err filled (err may be NULL) when the load cannot start: no
 * Scaleway keys (the collection goes to the error state, or stale), a bad
 * profile value, or the same collection already loading (then nothing
 * changes). done may be NULL. */
int dd_account_load_scw_invoices(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				 void *ud, struct dd_error *err);
int dd_account_load_dbx_invoices(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				 void *ud, struct dd_error *err);
int dd_account_load_consumption(struct dd_account *a, struct dd_http *h, dd_done_fn done,
				void *ud, struct dd_error *err);
int dd_account_load_discounts(struct dd_account *a, struct dd_http *h, dd_done_fn done,
			      void *ud, struct dd_error *err);
int dd_account_load_taxes(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			  struct dd_error *err);
/* Every zone's offers, into one list (each offer names its zone). */
int dd_account_load_offers(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			   struct dd_error *err);
int dd_account_load_payment(struct dd_account *a, struct dd_http *h, dd_done_fn done, void *ud,
			    struct dd_error *err);
/* The same by kind (DD_KIND_SCW_INVOICES .. DD_KIND_PAYMENT), for a
 * screen's refresh key; DD_E_USAGE for another kind. */
int dd_account_load_billing(struct dd_account *a, struct dd_http *h, enum dd_kind kind,
			    dd_done_fn done, void *ud, struct dd_error *err);

#endif
