/* Scaleway Dedibox v1, network writes: the request builders of the
 * failover IPs (order, attach, detach, virtual MAC, delete) and of the
 * IPv6 block and its subnets (order, name servers, carve, delete). Paths
 * and bodies as the SDK's marshal*Request send them. Each fills out (the
 * body as sent and as shown: none holds a secret) or returns -1 with err. */
#ifndef DD_SCW_DEDIBOX_NETW_H
#define DD_SCW_DEDIBOX_NETW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/creds.h"
#include "core/error.h"
#include "core/model_billing.h"
#include "core/write.h"

int dd_scw_req_fip_order(const struct dd_creds *c, const char *zone, int64_t offer_id,
			 int quantity, struct dd_write_req *out, struct dd_error *err);
/* server_id 0: detach. */
int dd_scw_req_fip_route(const struct dd_creds *c, const char *zone, int64_t fip_id,
			 int64_t server_id, struct dd_write_req *out, struct dd_error *err);
/* mac NULL or "": the API generates one of type. */
int dd_scw_req_fip_mac(const struct dd_creds *c, const char *zone, int64_t fip_id,
		       const char *type, const char *mac, struct dd_write_req *out,
		       struct dd_error *err);
int dd_scw_req_fip_mac_detach(const struct dd_creds *c, const char *zone, int64_t fip_id,
			      struct dd_write_req *out, struct dd_error *err);
int dd_scw_req_fip_delete(const struct dd_creds *c, const char *zone, int64_t fip_id,
			  struct dd_write_req *out, struct dd_error *err);

int dd_scw_req_v6_order(const struct dd_creds *c, struct dd_write_req *out, struct dd_error *err);
/* ns[0..n): n 0 stops the delegation. */
int dd_scw_req_v6_nameservers(const struct dd_creds *c, int64_t block_id, const char *const *ns,
			      size_t n, struct dd_write_req *out, struct dd_error *err);
/* parent_id: the /48 for a /56, the /56 for a /64. */
int dd_scw_req_v6_subnet(const struct dd_creds *c, int64_t parent_id, const char *address,
			 int cidr, struct dd_write_req *out, struct dd_error *err);
/* A block or a subnet: both are /ipv6-blocks/{id}. */
int dd_scw_req_v6_delete(const struct dd_creds *c, int64_t id, struct dd_write_req *out,
			 struct dd_error *err);

/* A zone's failover quota (GetRemainingQuotaResponse). */
struct dd_fip_quota {
	char zone[16];
	int64_t quota, remaining;             /* failover IPs */
	int64_t block_quota, block_remaining; /* failover blocks */
};
int dd_scw_url_fip_quota(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			 struct dd_error *err);
/* Strict on types (DD_E_DECODE with the path); fills q (zone untouched). */
int dd_scw_decode_fip_quota(const char *body, size_t len, struct dd_fip_quota *q,
			    struct dd_error *err);

/* The zone's failover IP offers (ListOffers with is_failover_ip): one
 * page is enough, a zone sells one or two. */
#define DD_SCW_FIP_OFFERS_PAGE 20
int dd_scw_url_fip_offers(const struct dd_creds *c, const char *zone, char *buf, size_t len,
			  struct dd_error *err);
/* The first monthly offer of the page into out (*found false when none). */
int dd_scw_decode_fip_offer(const char *body, size_t len, struct dd_offer *out, bool *found,
			    struct dd_error *err);

#endif
