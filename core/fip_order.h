/* Ordering failover IPs without knowing the offer's id: the zone's failover
 * IP offer is read when asked (as the quota is: one record shown before an
 * order, not a list of the store) and the order's plan carries its price,
 * so the confirmation says what the addresses cost. */
#ifndef DD_FIP_ORDER_H
#define DD_FIP_ORDER_H

#include "core/account.h"
#include "core/error.h"
#include "core/http.h"
#include "core/model_billing.h"
#include "core/net_write.h"
#include "core/write.h"

/* Reads the failover IP offer of zone into out (which must live until
 * done runs); done gets DD_E_NOT_FOUND with a sentence when the zone
 * sells none. -1 with err when it cannot start (no Scaleway keys, an
 * unknown zone). */
int dd_fip_read_offer(struct dd_account *a, struct dd_http *h, const char *zone,
		      struct dd_offer *out, dd_done_fn done, void *ud, struct dd_error *err);

/* The plan of an order of quantity addresses of offer o (read by
 * dd_fip_read_offer, o->zone set): the summary names the offer, the price
 * is the monthly total. */
int dd_fip_plan_order(const struct dd_account *a, const struct dd_offer *o, int quantity,
		      struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err);

/* "2 x 1.99 EUR/month = 3.98 EUR/month, excl. tax" */
void dd_fip_order_price(const struct dd_offer *o, int quantity, char *buf, size_t len);

#endif
