/* Online v1 virtual MACs of failover IPs (shared/api/online-v1.md section
 * 5): POST /server/failover/generateMac and /server/failover/deleteMac,
 * over the same failover IPs as Dedibox v1's routes. */
#ifndef DD_SB_ONLINE_FAILOVER_H
#define DD_SB_ONLINE_FAILOVER_H

#include "sandbox/server.h"

/* 1 when r names one of these routes (resp filled), 0 otherwise. */
int dd_sb_online_failover(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
