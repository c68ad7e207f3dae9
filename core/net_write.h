/* The network writes as plans (failover IPs, the IPv6 block and its
 * subnets): each checks what the user typed with the rules library
 * (core/netcalc, core/names) against what the store holds, has the
 * backend room (core/scw_dedibox_netw) build the request and words the
 * summary; and the target each lends the write path (re-read, "is it
 * still what the user saw", what it is now). core/write sends the plan. */
#ifndef DD_NET_WRITE_H
#define DD_NET_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/error.h"
#include "core/model.h"
#include "core/model_net.h"
#include "core/http.h"
#include "core/netcalc.h"
#include "core/scw_dedibox_netw.h"
#include "core/write.h"

/* Which field a refusal is about, so a form puts the message next to it. */
enum dd_net_field {
	DD_NF_NONE,
	DD_NF_ADDRESS,   /* the failover IP, or the subnet's prefix */
	DD_NF_SERVER,    /* the server to route to */
	DD_NF_MAC_TYPE,  /* vmware, kvm, xen */
	DD_NF_MAC,       /* a given MAC address */
	DD_NF_REVERSE,   /* a reverse DNS name */
	DD_NF_NAMESERVERS,
	DD_NF_QUANTITY
};

/* The virtual MAC types the API knows. */
extern const char *const dd_net_mac_types[4]; /* NULL-terminated */

/* A failover IP by address or id, among the store's; NULL if none. */
const struct dd_failover *dd_net_find_fip(const struct dd_account *a, const char *addr_or_id);

/* Each planner fills out (wipe it with dd_write_plan_wipe) or returns -1
 * with err and, when field is not NULL, the field at fault. */
int dd_net_plan_fip_order(const struct dd_account *a, const char *zone, int64_t offer_id,
			  int quantity, struct dd_write_plan *out, enum dd_net_field *field,
			  struct dd_error *err);
/* to 0: detach. Attaching an IP routed elsewhere is refused here (a move
 * is dd_fip_move, core/fip_move.h). */
int dd_net_plan_fip_route(const struct dd_account *a, const struct dd_failover *f, int64_t to,
			  struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err);
/* An Online-only profile (no Scaleway keys): the Online API's one edit
 * that routes f to server to, attached or not (a move in one request);
 * the destination's main address comes from the fleet in the store. */
int dd_net_plan_fip_online_route(const struct dd_account *a, const struct dd_failover *f,
				 int64_t to, struct dd_write_plan *out, enum dd_net_field *field,
				 struct dd_error *err);
/* True when the profile reaches failover IPs through the Online API only. */
bool dd_net_online_only(const struct dd_account *a);
/* type among dd_net_mac_types; mac NULL or "" to have one generated (an
 * Online-only profile can only have one generated). */
int dd_net_plan_fip_mac(const struct dd_account *a, const struct dd_failover *f, const char *type,
			const char *mac, struct dd_write_plan *out, enum dd_net_field *field,
			struct dd_error *err);
int dd_net_plan_fip_mac_detach(const struct dd_account *a, const struct dd_failover *f,
			       struct dd_write_plan *out, enum dd_net_field *field,
			       struct dd_error *err);
/* reverse "" removes it. */
int dd_net_plan_fip_reverse(const struct dd_account *a, const struct dd_failover *f,
			    const char *reverse, struct dd_write_plan *out, enum dd_net_field *field,
			    struct dd_error *err);
int dd_net_plan_fip_delete(const struct dd_account *a, const struct dd_failover *f,
			   struct dd_write_plan *out, enum dd_net_field *field, struct dd_error *err);

int dd_net_plan_v6_order(const struct dd_account *a, struct dd_write_plan *out,
			 enum dd_net_field *field, struct dd_error *err);
/* The block l holds (the first), its name servers: "" or NULL stops the
 * delegation; else 2 to 5 host names separated by commas. */
int dd_net_plan_v6_nameservers(const struct dd_account *a, const struct dd_ipv6_list *l,
			       const char *ns, struct dd_write_plan *out, enum dd_net_field *field,
			       struct dd_error *err);
/* prefix "ADDR/56" or "ADDR/64": inside the block, free (no carved subnet
 * overlaps it), and a /64 inside a carved /56. */
int dd_net_plan_v6_subnet(const struct dd_account *a, const struct dd_ipv6_list *l,
			  const char *prefix, struct dd_write_plan *out, enum dd_net_field *field,
			  struct dd_error *err);
/* A carved subnet by prefix or id; a /56 that still holds /64s is refused. */
int dd_net_plan_v6_subnet_delete(const struct dd_account *a, const struct dd_ipv6_list *l,
				 const char *prefix_or_id, struct dd_write_plan *out,
				 enum dd_net_field *field, struct dd_error *err);

/* The carved subnets of l's block as prefixes, for dd_prefix_free: at most
 * max; returns how many. */
size_t dd_net_v6_used(const struct dd_ipv6_list *l, struct dd_prefix *out, size_t max);
/* The block of l as a prefix: -1 with err when there is none. */
int dd_net_v6_block(const struct dd_ipv6_list *l, struct dd_prefix *out, struct dd_error *err);

/* Reads the failover quota of zone (every zone when NULL or ""): out
 * gets one entry per zone read (DD_SCW_NZONES at most, *n set), then done
 * runs once (err DD_OK, or why the first zone failed). Not a collection of
 * the store: a number shown before an order, read when asked. -1 with err
 * when it cannot start; out must live until done. */
int dd_net_read_fip_quota(struct dd_account *a, struct dd_http *h, const char *zone,
			  struct dd_fip_quota *out, size_t *n, dd_done_fn done, void *ud,
			  struct dd_error *err);

/* The target a network write lends core/write: fill it with one of the
 * two functions below, then pass &t->t to dd_write_send_target. It must
 * live until the write's callback has run. */
struct dd_net_target {
	struct dd_account *a;
	bool v6;                /* IPv6 (the store's DD_KIND_IPV6), else a failover IP */
	int64_t id;             /* failover IP, block or subnet; 0: a subnet still to carve */
	char zone[16];          /* failover IP */
	char what[64];          /* the address or prefix, for messages */
	int64_t seen_server;    /* failover IP: where it was routed when planned; -1: any */
	struct dd_write_target t;
};
void dd_net_target_fip(struct dd_net_target *t, struct dd_account *a, const struct dd_failover *f);
/* id 0 with the prefix: a subnet to carve (it must still be free). */
void dd_net_target_v6(struct dd_net_target *t, struct dd_account *a, int64_t id, const char *what);

#endif
