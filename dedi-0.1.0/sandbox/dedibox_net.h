/* Dedibox v1 network routes under /zones/{zone}: failover-ips, reverses. */
#ifndef DD_SB_DEDIBOX_NET_H
#define DD_SB_DEDIBOX_NET_H

#include "sandbox/server.h"

void dd_sb_failover_ips(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
void dd_sb_reverses(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);

#endif
