/* Dedibox v1 ordering: offers, remaining-quota, POST servers and
 * failover-ips, services, subscribe-server-option, server termination. */
#ifndef DD_SB_DEDIBOX_ORDER_H
#define DD_SB_DEDIBOX_ORDER_H

#include "sandbox/server.h"

/* 1 when /zones/{zone}/segs[2]... is an ordering route (resp filled). */
int dd_sb_dedibox_order(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* PATCH .../servers/{id}/subscribe-server-option (option_id): a Service. */
void dd_sb_subscribe_option(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* POST .../servers/{id}/subscribe-storage-options (options_ids). */
void dd_sb_subscribe_storage(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* DELETE .../servers/{id}: 204; its failover IPs and RPN memberships go. */
void dd_sb_delete_server(const struct dd_sb_req *r, int zone, struct dd_sb_resp *resp);
/* Delivers pending orders: called before every read. Takes the lock. */
void dd_sb_deliver(struct dd_sb_world *w);

#endif
