/* Online.net v1 installation (online-v1.md §2, §4): POST
 * /server/install/{id} on the sandbox clock (install_status of GET
 * /server/{id} is "installing" until the steps the Dedibox route shares
 * end), and the account's SSH keys, GET /user/key/ssh[/{uuid}]. */
#ifndef DD_SB_ONLINE_INSTALL_H
#define DD_SB_ONLINE_INSTALL_H

#include "sandbox/server.h"

/* 1 when segs name one of these routes (resp filled), 0 otherwise. */
int dd_sb_online_install(const struct dd_sb_req *r, struct dd_sb_resp *resp);

#endif
