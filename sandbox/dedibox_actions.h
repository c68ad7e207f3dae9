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
/* POST, GET .../install and POST .../cancel-install; each GET advances the
 * installation one step until "installed". */
void dd_sb_install(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* GET /zones/{zone}/os?server_id=... and /zones/{zone}/os/{id} */
void dd_sb_os_routes(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);

#endif
