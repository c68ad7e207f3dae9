/* Dedibox v1 server actions under /zones/{zone}/servers/{id}/ (power,
 * rescue, bmc-access, install) and the OS catalogue /zones/{zone}/os. */
#ifndef DD_SB_DEDIBOX_ACTIONS_H
#define DD_SB_DEDIBOX_ACTIONS_H

#include "sandbox/server.h"

/* POST reboot | start | stop: 204. */
void dd_sb_power(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* POST (os_id), GET, DELETE .../rescue */
void dd_sb_rescue(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* POST (ip), GET, DELETE .../bmc-access */
void dd_sb_bmc(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* POST, GET .../install and POST .../cancel-install; the step is the one
 * the sandbox clock has reached. */
void dd_sb_install(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* Ends every installation whose time has come, so that any read (server
 * get or list, Dedibox or Online) shows what the real API would: called
 * before each read; cheap when none is due. Takes the write lock. */
void dd_sb_install_settle(struct dd_sb_world *w);
/* The installation of s moved to the step the clock reached (both APIs
 * read it); caller holds the write lock. */
void dd_sb_install_catch_up(struct dd_sb_world *w, struct dd_sb_server *s);
/* Starts installing dd_sb_oses[os] on s now, as hostname; the caller
 * checked the request and holds the write lock. */
void dd_sb_install_begin(struct dd_sb_world *w, struct dd_sb_server *s, size_t os, const char *hostname);
/* GET /zones/{zone}/os?server_id=... and /zones/{zone}/os/{id} */
void dd_sb_os_routes(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);

#endif
