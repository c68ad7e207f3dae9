/* Online.net v1 BMC sessions (online-v1.md §4): POST /server/bmc/session
 * (server_id, ip) answers 201 and the session's key; GET
 * /server/bmc/session/{key} answers 202 {} until the session is ready
 * (BMC_READY sandbox seconds), then its url, login, password and
 * expiration; DELETE closes it. A session expires an hour after it was
 * opened, on the sandbox clock. The state is the one the Dedibox route
 * bmc-access uses: one access per server, whichever API opened it. */
#ifndef DD_SB_ONLINE_BMC_H
#define DD_SB_ONLINE_BMC_H

#include <jansson.h>

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_online_bmc(const struct dd_sb_req *r, struct dd_sb_resp *resp);
/* The session_key of GET /server/{id}'s bmc: the open session's key, or
 * null. Caller holds a lock. */
json_t *dd_sb_online_bmc_key(const struct dd_sb_server *s);

#endif
