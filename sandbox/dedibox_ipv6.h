/* Dedibox v1 zone-less IPv6 routes: /ipv6-block-quotas, /ipv6-block,
 * /ipv6-blocks[/{id}[/subnets]]. */
#ifndef DD_SB_DEDIBOX_IPV6_H
#define DD_SB_DEDIBOX_IPV6_H

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_dedibox_ipv6(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
