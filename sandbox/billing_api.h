/* Scaleway Billing v2beta1 routes: segs are the path after /billing/v2beta1. */
#ifndef DD_SB_BILLING_API_H
#define DD_SB_BILLING_API_H

#include <stdint.h>

#include "sandbox/server.h"

void dd_sb_billing_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);

/* How many Scaleway invoices the clock has seen: June 2019 to its month,
 * the draft included. */
int dd_sb_scw_invoice_months(void);
/* A one-page PDF naming a document, its number and its total; malloc'd,
 * NULL on out of memory. Caller frees. */
char *dd_sb_pdf(const char *title, unsigned number, int64_t cents);

#endif
