/* Online.net v1 routes: segs are the path after /api/v1. */
#ifndef DD_SB_ONLINE_API_H
#define DD_SB_ONLINE_API_H

#include "sandbox/server.h"

void dd_sb_online_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
