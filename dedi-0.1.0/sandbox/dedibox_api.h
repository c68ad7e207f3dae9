/* Dedibox v1 routes: segs are the path after /dedibox/v1. */
#ifndef DD_SB_DEDIBOX_API_H
#define DD_SB_DEDIBOX_API_H

#include "sandbox/server.h"

void dd_sb_dedibox_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
