/* Dedibox v1 zone-less billing routes: /invoices, /refunds, /can-order. */
#ifndef DD_SB_DEDIBOX_BILLING_H
#define DD_SB_DEDIBOX_BILLING_H

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_dedibox_billing(const struct dd_sb_req *r, struct dd_sb_resp *resp);

/* --invoices N: sets w->inv_batch so that the Dedibox invoices and the
 * Scaleway ones up to the clock's month number at least n (0 leaves one
 * Dedibox invoice a month). -1 with a sentence in err when the world has
 * too few servers for that many. */
int dd_sb_dedibox_invoices_plan(struct dd_sb_world *w, unsigned n, char *err, size_t errlen);

#endif
