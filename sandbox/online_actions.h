/* Online.net v1 routes beyond the server list: /server/reboot|shutdown/{id},
 * /server/boot/normal|rescue/{id}, /server/rescue_images/{id},
 * /server/operatingSystems/{id}, /server/backup/{id}, /server/backup/edit,
 * /server/ip/edit, /server/failover, /server/failover/edit,
 * /server/hardware/disk/{id}. */
#ifndef DD_SB_ONLINE_ACTIONS_H
#define DD_SB_ONLINE_ACTIONS_H

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_online_actions(const struct dd_sb_req *r, struct dd_sb_resp *resp);
/* A body parameter, form-urlencoded or JSON; malloc'd, NULL if absent. */
char *dd_sb_online_param(const struct dd_sb_req *r, const char *name);
/* The server id names as the token's account sees it; NULL when unknown or,
 * under --quirks online-403, a server of nl-ams-1 (another Online
 * account's, still the Scaleway keys'). Caller locks. */
struct dd_sb_server *dd_sb_online_server(const struct dd_sb_req *r, uint32_t id);
/* The answer for a server id that is not the token's: 404, or 403 as the
 * real API gives it under --quirks online-403. */
void dd_sb_online_server_unknown(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
