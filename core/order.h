/* Ordering a server: find the offer, plan the order for the write path,
 * lend the write path the offer as its target (re-read its price and stock
 * before sending; after an unknown outcome, look for the ordered service),
 * and the idempotency record: the audit log's intent lines say whether the
 * same order was sent a moment ago, so that dedi never orders twice by
 * accident. */
#ifndef DD_ORDER_H
#define DD_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model_billing.h"
#include "core/scw_dedibox_order.h"
#include "core/write.h"

/* A second order of the same offer in the same zone within this many
 * seconds is refused unless the user says so again (--force-again). */
#define DD_ORDER_WINDOW_SECONDS 600

/* The offer named text (its name, any case, or its id) in zone (NULL: any
 * zone, but a name sold in several zones must then be given a zone). NULL
 * with err (DD_E_NOT_FOUND or DD_E_USAGE) when none or several match. */
const struct dd_offer *dd_order_find_offer(const struct dd_offer_list *l, const char *text,
					   const char *zone, struct dd_error *err);

/* "24.99 EUR/month + 49.99 EUR setup fee, excl. tax" */
void dd_order_price_text(const struct dd_offer *o, char *buf, size_t len);

/* The plan of an order of offer o (Dedibox v1 only: the Online API sells
 * nothing). */
int dd_order_plan(const struct dd_account *a, const struct dd_offer *o, struct dd_write_plan *plan,
		  struct dd_error *err);

/* The idempotency record. Returns 1 when the audit log at path holds an
 * order identical to plan (same request, same profile) sent at most window
 * seconds before now whose outcome was not a refusal by the API (accepted,
 * unknown, or never written: a crash), with *when its time; 0 when none;
 * -1 when the log cannot be read (a missing log is none). */
int dd_order_recent(const char *path, const char *profile, const struct dd_write_plan *plan,
		    time_t now, long window, time_t *when, struct dd_error *err);

/* Serializes orders between dedi processes: an exclusive flock on
 * "<audit path>.lock" (a file of its own so that whatever lock the audit
 * log takes for its appends cannot deadlock with it), held from the
 * idempotency check until the order's outcome line is written, so that two
 * processes ordering the same offer at the same instant cannot both pass
 * the check. Waits for the other process. Returns the descriptor to pass
 * to dd_order_unlock(), or -1 with err. */
int dd_order_lock(const char *audit_path, struct dd_error *err);
void dd_order_unlock(int fd);

/* The offer as the write path's target. Caller frees after the write's
 * callback has run. */
struct dd_order;
struct dd_order *dd_order_new(const struct dd_offer *seen);
void dd_order_free(struct dd_order *o);
void dd_order_target(struct dd_order *o, struct dd_write_target *t);
/* After an unknown outcome and its re-read: the ordered service found
 * (its id is 0 when no order was placed). */
const struct dd_order_service *dd_order_found(const struct dd_order *o);

/* { "offers": [...] } of zone (NULL: all) for dedi offers --json; caller
 * frees; NULL on ENOMEM. */
char *dd_order_offers_json(const struct dd_offer_list *l, const char *zone);

/* Reads an ordered service once (following an order to its delivery). */
int dd_order_read_service(struct dd_account *a, struct dd_http *h, const char *zone, int64_t id,
			  struct dd_order_service *out, dd_done_fn done, void *ud,
			  struct dd_error *err);

#endif
