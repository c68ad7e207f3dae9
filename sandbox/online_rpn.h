/* Online v1 RPN reads (shared/api/online-v1.md section 6): GET /rpn/group
 * and /rpn/group/{id} (RPN v1), GET /rpn/v2 and /rpn/v2/{id} (RPN v2),
 * over the same groups as Dedibox v1's RPN routes. */
#ifndef DD_SB_ONLINE_RPN_H
#define DD_SB_ONLINE_RPN_H

#include "sandbox/server.h"

/* 1 when r names an RPN route (resp filled), 0 otherwise. */
int dd_sb_online_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
