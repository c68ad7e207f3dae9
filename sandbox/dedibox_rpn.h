/* Dedibox v1 zone-less RPN routes: /rpnv1/... and /rpnv2/... */
#ifndef DD_SB_DEDIBOX_RPN_H
#define DD_SB_DEDIBOX_RPN_H

#include "sandbox/server.h"

/* 1 when segs name an RPN route (resp filled), 0 otherwise. */
int dd_sb_dedibox_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
