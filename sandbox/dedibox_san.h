/* Dedibox v1 RPN SAN routes: /rpn-sans[/{id}[/ips|/available-ips]] and
 * /rpnv1/capable-san-servers. */
#ifndef DD_SB_DEDIBOX_SAN_H
#define DD_SB_DEDIBOX_SAN_H

#include "sandbox/server.h"

/* 1 when segs name an RPN SAN route (resp filled), 0 otherwise. */
int dd_sb_dedibox_san(const struct dd_sb_req *r, struct dd_sb_resp *resp);
/* GET /rpnv1/capable-san-servers: servers allowed on a SAN. Caller holds
 * the world's lock. */
void dd_sb_san_capable_servers(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
