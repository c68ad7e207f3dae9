/* Dedibox v1 zone-less billing routes: /invoices, /refunds, /can-order. */
#ifndef DD_SB_DEDIBOX_BILLING_H
#define DD_SB_DEDIBOX_BILLING_H

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_dedibox_billing(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
