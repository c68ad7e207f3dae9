/* Dedibox v1 routes: segs are the path after /dedibox/v1. */
#ifndef DD_SB_DEDIBOX_API_H
#define DD_SB_DEDIBOX_API_H

#include "sandbox/server.h"

void dd_sb_dedibox_handle(const struct dd_sb_req *r, struct dd_sb_resp *resp);

/* The server named by segs[3] in zone; NULL with a 400/404 in resp when
 * there is none. Caller holds the world's lock. */
struct dd_sb_server *dd_sb_find_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* 1 with a 423 in resp when the server is locked. */
int dd_sb_refuse_locked(const struct dd_sb_server *s, struct dd_sb_resp *resp);

#endif
