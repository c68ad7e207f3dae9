/* The Online API's virtual MAC routes: generateMac answers the new MAC as
 * a bare JSON string, deleteMac a bare true (online-v1.md section 1). The
 * refusals are Online's {"error", "code"} bodies: a bad parameter is 400
 * code 4, an address that is not one of the account's failover IPs 404
 * code 5, a change the address's state does not allow 400 code 4. */
#include "sandbox/online_failover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox/online_actions.h"
#include "sandbox/sandbox.h"

static const char *const types[] = { "vmware", "kvm", "xen" };
static const uint8_t ouis[3][3] = { { 0x00, 0x50, 0x56 }, { 0x52, 0x54, 0x00 }, { 0x00, 0x16, 0x3e } };

/* The failover IP at address (not deleted); NULL if none. Caller holds
 * the lock. */
static struct dd_sb_failover *find(struct dd_sb_world *w, uint32_t addr)
{
	for (size_t i = 0; i < w->nfailovers; i++)
		if (w->failovers[i].addr == addr && !w->failovers[i].deleted)
			return &w->failovers[i];
	return NULL;
}

static void generate(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *addr = dd_sb_online_param(r, "address"), *type = dd_sb_online_param(r, "type");
	uint32_t a;
	int t = -1;

	for (int i = 0; i < 3 && type; i++)
		if (strcmp(type, types[i]) == 0)
			t = i;
	if (dd_sb_parse_ipv4(addr, &a) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: address must be an IPv4 address", 4);
	} else if (t < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: type must be one of vmware, kvm, xen", 4);
	} else {
		dd_sb_world_wrlock(r->world);
		struct dd_sb_failover *f = find(r->world, a);
		if (!f) {
			dd_sb_online_error(resp, 404, "Failover IP not found", 5);
		} else if (!f->server) {
			dd_sb_online_error(resp, 400, "The failover IP is not routed to a server: edit it first", 4);
		} else if (f->mac_type) {
			dd_sb_online_error(resp, 400, "The failover IP already has a virtual MAC: delete it first", 4);
		} else {
			char mac[18];
			/* a new draw each time, as the API never hands the same MAC twice */
			uint64_t h = dd_sb_mix(r->world->seed, f->id, 78 + (uint64_t)dd_sb_now());
			memcpy(f->mac, ouis[t], 3);
			f->mac[3] = (uint8_t)(h >> 8);
			f->mac[4] = (uint8_t)(h >> 16);
			f->mac[5] = (uint8_t)(h >> 24);
			f->mac_type = (uint8_t)(t + 1);
			snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", f->mac[0], f->mac[1], f->mac[2],
				 f->mac[3], f->mac[4], f->mac[5]);
			dd_sb_reply(resp, 200, json_string(mac));
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	free(addr);
	free(type);
}

static void delete_mac(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	char *addr = dd_sb_online_param(r, "address");
	uint32_t a;

	if (dd_sb_parse_ipv4(addr, &a) < 0) {
		dd_sb_online_error(resp, 400, "Invalid parameter: address must be an IPv4 address", 4);
	} else {
		dd_sb_world_wrlock(r->world);
		struct dd_sb_failover *f = find(r->world, a);
		if (!f)
			dd_sb_online_error(resp, 404, "Failover IP not found", 5);
		else if (!f->mac_type)
			dd_sb_online_error(resp, 400, "The failover IP has no virtual MAC", 4);
		else {
			f->mac_type = 0;
			dd_sb_reply(resp, 200, json_true());
		}
		pthread_rwlock_unlock(&r->world->lock);
	}
	free(addr);
}

int dd_sb_online_failover(const struct dd_sb_req *r, struct dd_sb_resp *resp)
{
	if (r->nsegs != 3 || strcmp(r->segs[0], "server") != 0 || strcmp(r->segs[1], "failover") != 0)
		return 0;
	if (strcmp(r->segs[2], "generateMac") != 0 && strcmp(r->segs[2], "deleteMac") != 0)
		return 0;
	if (strcmp(r->method, "POST") != 0)
		dd_sb_online_error(resp, 405, "Method not allowed: use POST", 3);
	else if (r->segs[2][0] == 'g')
		generate(r, resp);
	else
		delete_mac(r, resp);
	return 1;
}
