/* Dedibox v1 RAID and partitioning under /zones/{zone}/servers/{id}/:
 * GET raid, POST update-raid, GET partitioning/{os_id}. */
#ifndef DD_SB_DEDIBOX_RAID_H
#define DD_SB_DEDIBOX_RAID_H

#include "sandbox/server.h"

void dd_sb_raid(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
void dd_sb_partitioning(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);

#endif
