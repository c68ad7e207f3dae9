/* Online v1 RPN (shared/api/online-v1.md section 6), over the same groups
 * as Dedibox v1's RPN routes: GET /rpn/group and /rpn/group/{id}, POST
 * /rpn/group (create), /rpn/group/addServers and /removeServers (RPN v1);
 * GET /rpn/v2 and /rpn/v2/{id}, POST /rpn/v2 (create), POST
 * /rpn/v2/{id}/addMember, DELETE /rpn/v2/{id}/removeMember, PATCH
 * /rpn/v2/{id}/editVlanMember/{member_id}, DELETE /rpn/v2/{id} (RPN v2).
 * Refusals are Online's {"error","code"}: 400 code 4 a bad parameter or a
 * server that cannot join, 404 code 7 an unknown group, 404 code 5 an
 * unknown member, 403 code 2 another account's group or server. */
#ifndef DD_SB_ONLINE_RPN_H
#define DD_SB_ONLINE_RPN_H

#include "sandbox/server.h"

/* 1 when r names an RPN route (resp filled), 0 otherwise. */
int dd_sb_online_rpn(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
